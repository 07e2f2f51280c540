"""Requests and offers: posting, acting on behalf, capacity, recurrence, expiry, bad input."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

import sorgende
from sorgende import (
    ActorKind,
    ExchangeState,
    Frequency,
    OfferStatus,
    Qualification,
    QualificationKind,
    Recurrence,
    RequestStatus,
    TimeWindow,
)
from sorgende.errors import (
    ConflictError,
    IllegalStatusChange,
    InvalidHours,
    InvalidTimeWindow,
    InvalidValue,
    MissingQualification,
    NaiveDatetime,
    NotFound,
    OfferClosed,
    PermissionDenied,
    RequestClosed,
    RequestFull,
    SelfHelp,
    UnknownCategory,
    UnknownPlace,
    ValidationError,
)
from tests.conftest import Clock, World


def test_post_request_records_everything(world: World) -> None:
    window = world.window(days=2)
    r = world.c.post_request(
        world.anna.id, "rides", world.daun.id, window, 2, title="Arzt", urgent=True
    )
    assert r.status is RequestStatus.OPEN
    assert (r.minutes, r.posted_by, r.on_behalf, r.urgent) == (120, world.anna.id, False, True)
    assert world.c.open_requests(place_id=world.daun.id, category="rides") == [r]
    assert world.c.open_requests(place_id=world.mehren.id) == []


@pytest.mark.parametrize("hours", [-1, 0, 0.001, 24.5, 100, "2", True, float("nan")])
def test_bad_hours_are_refused(world: World, hours: object) -> None:
    with pytest.raises(InvalidHours) as info:
        world.c.post_request(world.anna.id, "shopping", world.daun.id, world.window(), hours)  # type: ignore[arg-type]
    assert "hours" in str(info.value) and "24" in str(info.value)
    assert "Stunden" in info.value.message("de")
    assert world.c.requests() == []


def test_unknown_category_lists_known_ones(world: World) -> None:
    with pytest.raises(UnknownCategory) as info:
        world.c.post_request(world.anna.id, "juggling", world.daun.id, world.window(), 1)
    assert "“juggling”" in str(info.value) and "Shopping" in str(info.value)
    assert info.value.params["category_code"] == "juggling"
    assert isinstance(info.value, ValidationError)


def test_unknown_place(world: World, platform: object) -> None:
    other = world.c._platform.create_community("Elsewhere")
    foreign = other.add_place("Gerolstein")
    with pytest.raises(UnknownPlace):
        world.c.post_request(world.anna.id, "shopping", foreign.id, world.window(), 1)


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(NaiveDatetime):
        TimeWindow(datetime(2026, 1, 1, 10), datetime(2026, 1, 1, 11))


def test_window_ending_before_it_starts_is_refused() -> None:
    start = datetime(2026, 1, 1, 10, tzinfo=UTC)
    with pytest.raises(InvalidTimeWindow):
        TimeWindow(start, start - timedelta(hours=1))


def test_helpers_needed_bounds(world: World) -> None:
    with pytest.raises(InvalidValue, match="number of helpers") as info:
        world.request(helpers_needed=0)
    assert info.value.params["field_name"] == "helpers_needed"


def test_coordinator_posts_on_behalf_of_a_senior(world: World) -> None:
    r = world.c.post_request(
        world.anna.id, "shopping", world.daun.id, world.window(), 1, by=world.carla.id
    )
    assert r.recipient_id == world.anna.id and r.posted_by == world.carla.id and r.on_behalf


def test_trusted_person_posts_on_behalf(world: World) -> None:
    with pytest.raises(PermissionDenied):
        world.c.post_request(
            world.anna.id, "shopping", world.daun.id, world.window(), 1, by=world.dora.id
        )
    world.c.trust(world.anna.id, world.dora.id, by=world.anna.id)
    r = world.c.post_request(
        world.anna.id, "shopping", world.daun.id, world.window(), 1, by=world.dora.id
    )
    assert r.posted_by == world.dora.id
    world.c.revoke_trust(world.anna.id, world.dora.id, by=world.anna.id)
    with pytest.raises(PermissionDenied):
        world.c.withdraw_request(r.id, by=world.dora.id)


def test_only_person_or_coordinator_names_trusted_persons(world: World) -> None:
    with pytest.raises(PermissionDenied):
        world.c.trust(world.anna.id, world.stranger.id, by=world.stranger.id)


def test_helping_oneself_is_refused(world: World) -> None:
    r = world.request()
    with pytest.raises(SelfHelp) as info:
        world.c.propose(request_id=r.id, by=world.anna.id)
    assert "themselves" in str(info.value)
    assert world.c.exchanges(request_id=r.id) == []


def test_helper_without_required_qualification_is_refused(world: World) -> None:
    r = world.request(category="rides")
    with pytest.raises(MissingQualification) as info:
        world.c.propose(request_id=r.id, by=world.dora.id)
    assert "the driving licence is missing" in str(info.value)
    assert info.value.params["missing"] == ("driving_licence",)
    assert world.c.propose(request_id=r.id, by=world.ben.id).state is ExchangeState.PROPOSED


def test_expired_qualification_does_not_count(world: World) -> None:
    old = Qualification(
        QualificationKind.POLICE_CERTIFICATE_EXTENDED, date(2015, 1, 1), date(2020, 1, 1)
    )
    world.c.add_qualification(world.dora.id, old)
    r = world.request(category="visits")
    with pytest.raises(MissingQualification):
        world.c.propose(request_id=r.id, by=world.dora.id)
    fresh = Qualification(QualificationKind.POLICE_CERTIFICATE_EXTENDED, date(2025, 1, 1))
    world.c.add_qualification(world.dora.id, fresh, by=world.carla.id)
    assert world.c.propose(request_id=r.id, by=world.dora.id)


def test_only_coordinators_record_qualifications_for_others(world: World) -> None:
    q = Qualification(QualificationKind.FIRST_AID, date(2025, 1, 1))
    with pytest.raises(PermissionDenied):
        world.c.add_qualification(world.dora.id, q, by=world.stranger.id)


def test_accepting_a_closed_request_is_refused(world: World) -> None:
    r = world.request()
    x = world.c.propose(request_id=r.id, by=world.ben.id)
    world.clock.advance(days=3)
    expired = world.c.expire_requests()
    assert [e.id for e in expired] == [r.id]
    with pytest.raises(RequestClosed) as info:
        world.c.accept(x.id, by=world.anna.id)
    assert "expired" in str(info.value) and "abgelaufen" in info.value.message("de")
    assert world.c.exchange(x.id).state is ExchangeState.PROPOSED


def test_partly_helped_request_is_fulfilled_when_its_time_is_over(world: World) -> None:
    r = world.request(helpers_needed=2)
    x = world.c.propose(request_id=r.id, by=world.ben.id)
    world.begun(world.c.accept(x.id, by=world.anna.id))
    world.c.complete(x.id, by=world.ben.id)
    world.c.confirm(x.id, by=world.anna.id)
    world.clock.advance(days=3)
    assert [q.status for q in world.c.expire_requests()] == [RequestStatus.FULFILLED]


def test_proposing_on_a_withdrawn_request_is_refused(world: World) -> None:
    r = world.request()
    x = world.c.propose(request_id=r.id, by=world.ben.id)
    world.c.withdraw_request(r.id, by=world.anna.id)
    assert world.c.exchange(x.id).state is ExchangeState.CANCELLED
    with pytest.raises(RequestClosed):
        world.c.propose(request_id=r.id, by=world.dora.id)


def test_request_takes_no_more_helpers_than_needed(world: World) -> None:
    r = world.request(helpers_needed=2)
    x1 = world.c.propose(request_id=r.id, by=world.ben.id)
    x2 = world.c.propose(request_id=r.id, by=world.dora.id)
    x3 = world.c.propose(request_id=r.id, by=world.carla.id)
    world.c.accept(x1.id, by=world.anna.id)
    assert world.c.request(r.id).status is RequestStatus.OPEN
    world.c.accept(x2.id, by=world.anna.id)
    assert world.c.request(r.id).status is RequestStatus.MATCHED
    with pytest.raises(RequestFull):
        world.c.accept(x3.id, by=world.anna.id)
    with pytest.raises(RequestFull):
        world.c.propose(request_id=r.id, by=world.stranger.id)
    assert world.c.exchange(x3.id).state is ExchangeState.PROPOSED


def test_recurring_request_has_places_per_occurrence(world: World) -> None:
    first = world.clock.now + timedelta(days=1)
    r = world.c.post_request(
        world.anna.id,
        "shopping",
        world.daun.id,
        TimeWindow(first, first + timedelta(hours=1)),
        1,
        recurrence=Recurrence(Frequency.WEEKLY, until=(first + timedelta(weeks=4)).date()),
    )
    assert len(r.occurrences(first, first + timedelta(weeks=10))) == 5
    week2 = first + timedelta(weeks=1)
    x1 = world.c.propose(request_id=r.id, by=world.ben.id)
    x2 = world.c.propose(request_id=r.id, by=world.ben.id, scheduled=week2)
    x3 = world.c.propose(request_id=r.id, by=world.dora.id, scheduled=week2)
    world.c.accept(x1.id, by=world.anna.id)
    world.c.accept(x2.id, by=world.anna.id)
    with pytest.raises(RequestFull):
        world.c.accept(x3.id, by=world.anna.id)
    assert world.c.request(r.id).status is RequestStatus.OPEN  # the series goes on
    with pytest.raises(InvalidValue, match="occurrence"):
        world.c.propose(request_id=r.id, by=world.dora.id, scheduled=first + timedelta(days=2))
    # after the series ends, it is fulfilled when help was confirmed
    for x in (x1, x2):
        world.begun(x)
        world.c.complete(x.id, by=world.ben.id)
        world.c.confirm(x.id, by=world.anna.id)
    world.clock.advance(weeks=6)
    assert [q.status for q in world.c.expire_requests()] == [RequestStatus.FULFILLED]


def test_withdraw_a_final_request_is_refused(world: World) -> None:
    r = world.request()
    world.c.withdraw_request(r.id, by=world.anna.id)
    with pytest.raises(IllegalStatusChange, match="withdrawn"):
        world.c.withdraw_request(r.id, by=world.anna.id)


def test_offer_cycle(world: World) -> None:
    offer = world.c.offer_help(world.dora.id, "garden", [world.mehren.id], world.window(), 2)
    assert world.c.offers() == [offer]
    x = world.c.propose(offer_id=offer.id, by=world.anna.id)
    assert x.helper_id == world.dora.id and x.recipient_id == world.anna.id
    assert x.place_id == world.mehren.id and x.minutes == 120
    x = world.begun(world.c.accept(x.id, by=world.dora.id))
    x = world.c.complete(x.id, by=world.dora.id)
    world.c.confirm(x.id, by=world.anna.id)
    assert world.c.balance(world.dora.id).minutes == 120


def test_withdrawn_offer_cannot_be_used(world: World) -> None:
    offer = world.c.offer_help(world.dora.id, "garden", [], world.window(), 2)
    world.c.withdraw_offer(offer.id, by=world.dora.id)
    assert world.c.offer(offer.id).status is OfferStatus.WITHDRAWN
    with pytest.raises(OfferClosed):
        world.c.propose(offer_id=offer.id, by=world.anna.id)


def test_propose_needs_exactly_one_target(world: World) -> None:
    with pytest.raises(InvalidValue):
        world.c.propose(by=world.ben.id)


def test_communities_are_isolated(world: World) -> None:
    other = world.c._platform.create_community("Gerolstein")
    r = world.request()
    with pytest.raises(NotFound):
        other.request(r.id)
    with pytest.raises(NotFound):
        other.propose(request_id=r.id, by=world.ben.id)
    assert other.requests() == []


def test_concurrent_change_is_a_conflict(world: World) -> None:
    """A stale version never overwrites a newer one (compare-and-set in the port)."""
    r = world.request()
    storage = world.c._platform.storage
    with storage.unit_of_work(world.c.community_id) as uow:
        stale = uow.requests.get(r.id)
    world.c.withdraw_request(r.id, by=world.anna.id)
    with storage.unit_of_work(world.c.community_id) as uow, pytest.raises(ConflictError):
        uow.requests.update(stale.touched())
        uow.commit()
    assert world.c.request(r.id).status is RequestStatus.WITHDRAWN


def test_offer_needs_the_categorys_qualification(world: World) -> None:
    with pytest.raises(MissingQualification):
        world.c.offer_help(world.dora.id, "rides", [], world.window(), 1)
    assert world.c.offers() == []


def test_offer_place_and_time_are_checked(world: World) -> None:
    offer = world.c.offer_help(
        world.dora.id, "garden", [world.mehren.id, world.daun.id], world.window(), 2
    )
    # Anna lives in Daun, which the offer covers
    assert world.c.propose(offer_id=offer.id, by=world.anna.id).place_id == world.daun.id
    only_mehren = world.c.offer_help(world.dora.id, "garden", [world.mehren.id], world.window(), 2)
    assert world.c.propose(offer_id=only_mehren.id, by=world.anna.id).place_id == world.mehren.id
    with pytest.raises(InvalidValue, match="place: the offer does not cover Daun"):
        world.c.propose(offer_id=only_mehren.id, by=world.anna.id, place_id=world.daun.id)
    late = offer.window.end + timedelta(hours=1)
    with pytest.raises(InvalidValue, match="outside"):
        world.c.propose(offer_id=offer.id, by=world.anna.id, scheduled=late)


def test_recurring_offer_covers_each_occurrence(world: World) -> None:
    window = world.window(days=1, hours=3)
    offer = world.c.offer_help(
        world.dora.id, "tech_help", [], window, 1, recurrence=Recurrence(Frequency.WEEKLY)
    )
    week3 = window.start + timedelta(weeks=2, hours=1)
    assert world.c.propose(offer_id=offer.id, by=world.anna.id, scheduled=week3).scheduled == week3
    with pytest.raises(InvalidValue):
        world.c.propose(offer_id=offer.id, by=world.anna.id, scheduled=week3 + timedelta(days=1))


def test_regular_helper_stays_a_candidate_for_later_occurrences(world: World) -> None:
    first = world.clock.now + timedelta(days=1)
    r = world.c.post_request(
        world.anna.id,
        "shopping",
        world.daun.id,
        TimeWindow(first, first + timedelta(hours=1)),
        1,
        recurrence=Recurrence(Frequency.WEEKLY),
    )
    x = world.c.propose(request_id=r.id, by=world.ben.id)
    world.c.accept(x.id, by=world.anna.id)
    assert "Ben" not in [c.actor.name for c in world.c.candidates_for(r.id)]
    next_week = first + timedelta(weeks=1)
    assert "Ben" in [c.actor.name for c in world.c.candidates_for(r.id, scheduled=next_week)]


@pytest.mark.parametrize("url", ["memory://", "sqlite"])
def test_the_board_pages_urgent_first_then_by_when_help_is_needed(
    url: str, tmp_path: Path, clock: Clock
) -> None:
    storage = f"sqlite:///{tmp_path / 'board.db'}" if url == "sqlite" else url
    with sorgende.open(storage, clock=clock, load_entrypoints=False) as platform:
        c = platform.create_community("Daun")
        daun = c.add_place("Daun")
        mehren = c.add_place("Mehren")
        anna = c.register_actor(ActorKind.PERSON, "Anna", home_place_id=daun.id)

        def post(days: int, place: uuid.UUID = daun.id, urgent: bool = False) -> uuid.UUID:
            start = clock.now + timedelta(days=days)
            window = TimeWindow(start, start + timedelta(hours=1))
            return c.post_request(anna.id, "shopping", place, window, 1, urgent=urgent).id

        later, soon, urgent_late = post(5), post(1), post(9, urgent=True)
        elsewhere = post(2, place=mehren.id)
        withdrawn = post(3)
        c.withdraw_request(withdrawn, by=anna.id)

        first = c.board(limit=2)
        assert [r.id for r in first.items] == [urgent_late, soon]
        assert (first.total, first.offset, first.limit) == (4, 0, 2)
        assert [r.id for r in c.board(offset=2, limit=2).items] == [elsewhere, later]
        assert c.board(offset=10).items == []
        in_daun = c.board(place_id=daun.id)
        assert [r.id for r in in_daun.items] == [urgent_late, soon, later]
        assert in_daun.total == 3
        with pytest.raises(InvalidValue, match="page size"):
            c.board(limit=0)
        with pytest.raises(InvalidValue, match=r"^page:"):
            c.board(offset=-1)


def test_expiry_closes_what_is_due_and_nothing_else(world: World) -> None:
    """Expiry reads an index of when requests are due; the behaviour stays the rule's."""
    from datetime import timezone

    window = world.window(days=1, hours=1)
    one_off = world.c.post_request(world.anna.id, "shopping", world.daun.id, window, 1)
    matched = world.c.post_request(world.anna.id, "shopping", world.daun.id, window, 1)
    x = world.c.propose(request_id=matched.id, by=world.ben.id)
    world.c.accept(x.id, by=world.anna.id)
    until = window.start.date() + timedelta(days=14)
    series = world.c.post_request(
        world.anna.id,
        "shopping",
        world.daun.id,
        window,
        1,
        recurrence=Recurrence(Frequency.WEEKLY, until=until),
    )
    # not before the window's end; at its end the open one-off expires, the matched stays
    assert world.c.expire_requests(window.end - timedelta(microseconds=1)) == []
    assert [r.id for r in world.c.expire_requests(window.end)] == [one_off.id]
    assert world.c.request(matched.id).status is RequestStatus.MATCHED
    # freed again (the helper cancelled), the matched request is due and expires
    world.c.cancel(x.id, by=world.ben.id, reason="ill")
    assert [r.id for r in world.c.expire_requests(window.end)] == [matched.id]
    # a series closes once the clock's own date is past ``until``, in its time zone
    day_after = datetime.combine(until + timedelta(days=1), datetime.min.time())
    east, west = timezone(timedelta(hours=14)), timezone(timedelta(hours=-12))
    last_evening_west = day_after.replace(tzinfo=west) - timedelta(minutes=30)
    assert world.c.expire_requests(last_evening_west) == []
    assert world.c.expire_requests(day_after.replace(tzinfo=east) - timedelta(minutes=1)) == []
    closed = world.c.expire_requests(day_after.replace(tzinfo=east))
    assert [(r.id, r.status) for r in closed] == [(series.id, RequestStatus.EXPIRED)]
    assert world.c.expire_requests(day_after.replace(tzinfo=UTC) + timedelta(days=30)) == []
