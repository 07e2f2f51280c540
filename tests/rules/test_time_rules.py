"""Time rules: windows between the grace and the horizon; help reported once it began."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest

from sorgende import (
    OPERATOR,
    ExchangeState,
    Frequency,
    HelpOffer,
    HelpRequest,
    Recurrence,
    TimeWindow,
)
from sorgende.errors import NotYetStarted, ValidationError, WindowOutOfRange
from tests.conftest import World

#: posts a request or an offer with the window (and recurrence) given
Post = Callable[..., object]


def _window(start: datetime, hours: float = 2) -> TimeWindow:
    return TimeWindow(start, start + timedelta(hours=hours))


def _post(world: World, window: TimeWindow, recurrence: Recurrence | None = None) -> HelpRequest:
    return world.c.post_request(
        world.anna.id, "shopping", world.daun.id, window, 1, recurrence=recurrence
    )


def _offer(world: World, window: TimeWindow, recurrence: Recurrence | None = None) -> HelpOffer:
    return world.c.offer_help(
        world.ben.id, "shopping", [world.daun.id], window, 1, recurrence=recurrence
    )


@pytest.mark.parametrize("post", [_post, _offer], ids=["request", "offer"])
def test_a_window_within_the_grace_and_the_horizon_is_taken(world: World, post: Post) -> None:
    now = world.clock.now
    for start in (now - timedelta(hours=23), now, now + timedelta(days=729)):
        post(world, _window(start, hours=1))


@pytest.mark.parametrize("post", [_post, _offer], ids=["request", "offer"])
def test_a_window_before_the_grace_is_refused_naming_the_start(world: World, post: Post) -> None:
    with pytest.raises(WindowOutOfRange) as refused:
        post(world, _window(world.clock.now - timedelta(hours=25)))
    assert refused.value.params["field_name"] == "window.start"
    assert "24" in refused.value.message("de") and "zurück" in refused.value.message("de")


@pytest.mark.parametrize("post", [_post, _offer], ids=["request", "offer"])
def test_a_window_beyond_the_horizon_is_refused_naming_the_field(world: World, post: Post) -> None:
    now = world.clock.now
    with pytest.raises(WindowOutOfRange) as refused:
        post(world, _window(now + timedelta(days=731)))
    assert refused.value.params["field_name"] == "window.start"
    # a window that starts in time but ends beyond the horizon: its end is named
    with pytest.raises(WindowOutOfRange) as refused:
        post(world, TimeWindow(now + timedelta(days=729), now + timedelta(days=731)))
    assert refused.value.params["field_name"] == "window.end"
    assert "730" in str(refused.value)


@pytest.mark.parametrize(
    "start",
    [datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, 20, tzinfo=UTC)],
    ids=["year 1", "year 9999"],
)
def test_year_1_and_year_9999_are_refused_with_an_error_of_the_family(
    world: World, start: datetime
) -> None:
    with pytest.raises(WindowOutOfRange) as refused:
        _post(world, TimeWindow(start, start + timedelta(hours=1)))
    assert isinstance(refused.value, ValidationError)
    assert refused.value.params["field_name"] in ("window.start", "window.end")
    assert world.c.board().total == 0 and world.c.requests() == []


def test_the_community_sets_its_grace_and_horizon(world: World) -> None:
    now = world.clock.now
    world.c.change_settings(by=OPERATOR, window_grace_hours=72, window_horizon_days=30)
    _post(world, _window(now - timedelta(hours=70)))  # recorded late, within three days
    with pytest.raises(WindowOutOfRange):
        _post(world, _window(now + timedelta(days=31)))
    _post(world, _window(now + timedelta(days=29)))


def test_a_repetition_may_not_end_beyond_the_horizon_but_may_have_no_end(world: World) -> None:
    start = world.clock.now + timedelta(days=1)
    far = Recurrence(Frequency.WEEKLY, until=(start + timedelta(days=800)).date())
    with pytest.raises(WindowOutOfRange) as refused:
        _post(world, _window(start), far)
    assert refused.value.params["field_name"] == "recurrence.until"
    with pytest.raises(WindowOutOfRange):
        _offer(world, _window(start), far)
    _post(world, _window(start), Recurrence(Frequency.WEEKLY))  # without end
    _post(world, _window(start), Recurrence(Frequency.WEEKLY, until=date(2027, 12, 31)))


def test_a_repetition_that_ends_before_it_starts_is_refused(world: World) -> None:
    start = world.clock.now + timedelta(days=10)
    with pytest.raises(WindowOutOfRange) as refused:
        _post(
            world,
            _window(start),
            Recurrence(Frequency.WEEKLY, until=start.date() - timedelta(days=1)),
        )
    assert refused.value.params["field_name"] == "recurrence.until"


# -- help is reported once it began ---------------------------------------------------------


@pytest.mark.parametrize("report", ["complete", "no_show"])
def test_help_is_not_reported_before_it_began(world: World, report: str) -> None:
    exchange = world.accepted()
    act = getattr(world.c, report)
    by = world.ben.id if report == "complete" else world.anna.id
    world.clock.now = exchange.scheduled - timedelta(minutes=1)
    with pytest.raises(NotYetStarted) as refused:
        act(exchange.id, by=by)
    assert isinstance(refused.value, ValidationError)
    assert "begun" in str(refused.value) and "Beginn" in refused.value.message("de")
    assert world.c.exchange(exchange.id).state is ExchangeState.ACCEPTED
    assert world.c.postings() == []
    world.clock.now = exchange.scheduled  # from its start on
    assert act(exchange.id, by=by).state in (ExchangeState.COMPLETED, ExchangeState.NO_SHOW)


def test_confirmation_follows_completion_so_the_hours_wait_for_the_start(world: World) -> None:
    exchange = world.accepted()
    with pytest.raises(NotYetStarted):
        world.c.complete(exchange.id, by=world.carla.id)  # a coordinator neither
    world.begun(exchange)
    world.c.complete(exchange.id, by=world.ben.id)
    assert world.c.confirm(exchange.id, by=world.anna.id).state is ExchangeState.CONFIRMED
    assert world.c.balance(world.ben.id).minutes == 90


def test_an_occurrence_of_a_series_is_reported_from_its_own_start(world: World) -> None:
    first = world.clock.now + timedelta(days=1)
    request = _post(
        world,
        _window(first),
        Recurrence(Frequency.WEEKLY, until=(first + timedelta(weeks=3)).date()),
    )
    week2 = first + timedelta(weeks=1)
    exchange = world.c.propose(request_id=request.id, by=world.ben.id, scheduled=week2)
    world.c.accept(exchange.id, by=world.anna.id)
    world.clock.now = first + timedelta(days=1)  # the first occurrence is over, not the second
    with pytest.raises(NotYetStarted):
        world.c.complete(exchange.id, by=world.ben.id)
    world.clock.now = week2
    world.c.complete(exchange.id, by=world.ben.id)
