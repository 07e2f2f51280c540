"""Events with shifts: places kept per qualification, the waitlist and its promotion, the
sign-up window and rules, no-shows, check-in and check-out, and who may do what."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sorgende_projects import EventTemplate, HoursTo, ShiftTemplate, SignUpState
from sorgende_projects.errors import ShiftRefused, SignUpRefused
from sorgende_projects.testing import Clock, World

import sorgende
from sorgende.errors import InvalidValue, PermissionDenied


def event_and_shift(world: World, clock: Clock, *, capacity: int = 3, needs=None, **event):
    projects = world.projects
    org, coordinator = world.organisations[0], world.coordinators[0]
    starts = clock.now + timedelta(days=3)
    planned = projects.plan_event(
        "Sommerfest",
        organisations=[org],
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        by=coordinator,
        **event,
    )
    shift = projects.add_shift(
        planned.id,
        "Aufbau",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        capacity=capacity,
        needs=needs or {},
        by=coordinator,
    )
    return planned, shift


def test_places_kept_for_the_qualified_and_the_waitlist_in_order(world: World, clock: Clock):
    projects = world.projects
    _, shift = event_and_shift(world, clock, capacity=3, needs={"first_aid": 1})
    untrained = world.helpers[2:]
    states = [projects.sign_up(shift.id, h, by=h).state for h in untrained[:4]]
    # two open places, then the third and fourth wait: the kept place is not theirs
    assert states == [SignUpState.CONFIRMED] * 2 + [SignUpState.WAITING] * 2
    first_aider = projects.sign_up(shift.id, world.helpers[0], by=world.helpers[0])
    assert (first_aider.state, first_aider.need) == (SignUpState.CONFIRMED, "first_aid")
    stored = projects.shift(shift.id)
    assert (stored.filled, stored.waiting, stored.free, stored.open) == (3, 2, 0, False)

    projects.cancel_sign_up(shift.id, untrained[0], by=untrained[0])
    waitlist = projects.waitlist(shift.id)
    assert [s.person_id for s in waitlist] == [untrained[3]]
    confirmed = [
        s.person_id
        for s in projects.sign_ups(shift.id, by=world.coordinators[0])
        if s.state is SignUpState.CONFIRMED
    ]
    assert untrained[2] in confirmed  # the first waiting person moved up


def test_a_freed_kept_place_goes_to_a_qualified_person_and_frees_her_open_place(
    world: World, clock: Clock
):
    projects = world.projects
    _, shift = event_and_shift(world, clock, capacity=2, needs={"first_aid": 1})
    a, b = world.helpers[0], world.helpers[1]  # both with first aid
    waiting = world.helpers[2]
    assert projects.sign_up(shift.id, a, by=a).need == "first_aid"
    assert projects.sign_up(shift.id, b, by=b).need == ""
    assert projects.sign_up(shift.id, waiting, by=waiting).state is SignUpState.WAITING
    projects.cancel_sign_up(shift.id, a, by=a)
    by_person = {s.person_id: s for s in projects.sign_ups(shift.id, by=world.coordinators[0])}
    assert by_person[b].need == "first_aid"
    assert by_person[waiting].state is SignUpState.CONFIRMED
    assert by_person[waiting].need == ""


def test_sign_up_window_members_first_then_everyone(world: World, clock: Clock):
    projects = world.projects
    community = world.community
    member = world.helpers[3]
    community.add_membership(member, world.organisations[0])
    _, shift = event_and_shift(
        world,
        clock,
        signup_opens_at=clock.now + timedelta(hours=1),
        members_first_until=clock.now + timedelta(days=1),
    )
    outsider = world.helpers[4]
    with pytest.raises(SignUpRefused) as refused:
        projects.sign_up(shift.id, member, by=member)
    text = refused.value.message("de")
    assert "„Aufbau“ am Samstag, 4. Juli, 10:00" in text and "Anmeldung beginnt" in text
    assert str(shift.id) not in text
    clock.advance(hours=2)
    assert projects.sign_up(shift.id, member, by=member).state is SignUpState.CONFIRMED
    with pytest.raises(SignUpRefused, match="only members sign up"):
        projects.sign_up(shift.id, outsider, by=outsider)
    assert projects.why_not_sign_up(shift.id, outsider, by=outsider) is not None
    clock.advance(days=1)
    assert projects.why_not_sign_up(shift.id, outsider, by=outsider) is None
    assert projects.sign_up(shift.id, outsider, by=outsider).state is SignUpState.CONFIRMED


def test_no_overlapping_shifts_and_a_most_per_event(world: World, clock: Clock):
    projects = world.projects
    planned, shift = event_and_shift(world, clock, capacity=5, max_shifts_per_person=2)
    coordinator = world.coordinators[0]
    later = [
        projects.add_shift(
            planned.id,
            f"Dienst {i}",
            starts_at=shift.ends_at + timedelta(hours=i),
            ends_at=shift.ends_at + timedelta(hours=i + 1),
            capacity=5,
            by=coordinator,
        )
        for i in range(2)
    ]
    overlapping = projects.add_shift(
        planned.id,
        "Kasse",
        starts_at=shift.starts_at + timedelta(hours=1),
        ends_at=shift.ends_at + timedelta(hours=1),
        capacity=5,
        by=coordinator,
    )
    h = world.helpers[5]
    projects.sign_up(shift.id, h, by=h)
    with pytest.raises(SignUpRefused, match="already signed up for “Aufbau”"):
        projects.sign_up(overlapping.id, h, by=h)
    projects.sign_up(later[0].id, h, by=h)
    with pytest.raises(SignUpRefused, match="at most 2 shifts"):
        projects.sign_up(later[1].id, h, by=h)


def test_who_signs_up_whom(world: World, clock: Clock):
    projects = world.projects
    _, shift = event_and_shift(world, clock)
    anna, ben, trusted = world.helpers[2], world.helpers[3], world.helpers[4]
    with pytest.raises(PermissionDenied):
        projects.sign_up(shift.id, anna, by=ben)
    world.community.trust(anna, trusted, by=anna)
    by_trusted = projects.sign_up(shift.id, anna, by=trusted)
    assert by_trusted.signed_up_by == trusted
    # another organisation's coordinator is no organiser here
    with pytest.raises(PermissionDenied):
        projects.sign_up(shift.id, ben, by=world.coordinators[1])
    assert projects.sign_up(shift.id, ben, by=world.coordinators[0]).person_id == ben
    with pytest.raises(PermissionDenied):
        projects.sign_ups(shift.id, by=ben)
    with pytest.raises(PermissionDenied):
        projects.add_shift(
            shift.event_id,
            "Abbau",
            starts_at=shift.starts_at,
            ends_at=shift.ends_at,
            capacity=2,
            by=ben,
        )


def test_no_show_promotes_and_is_visible_to_the_organiser(world: World, clock: Clock):
    projects = world.projects
    planned, shift = event_and_shift(world, clock, capacity=1)
    late, waiting = world.helpers[2], world.helpers[3]
    projects.sign_up(shift.id, late, by=late)
    projects.sign_up(shift.id, waiting, by=waiting)
    with pytest.raises(ShiftRefused, match="has not begun"):
        projects.mark_no_show(shift.id, late, by=world.coordinators[0])
    clock.set(shift.starts_at + timedelta(minutes=15))
    with pytest.raises(PermissionDenied):
        projects.mark_no_show(shift.id, late, by=waiting)
    projects.mark_no_show(shift.id, late, by=world.coordinators[0])
    assert [
        s.person_id for s in projects.no_shows(event_id=planned.id, by=world.coordinators[0])
    ] == [late]
    assert projects.shift(shift.id).filled == 1
    with pytest.raises(ShiftRefused, match="has begun"):
        projects.cancel_sign_up(shift.id, waiting, by=waiting)


def test_check_in_and_out_to_the_worklog_or_the_time_bank(world: World, clock: Clock):
    projects = world.projects
    _, shift = event_and_shift(world, clock, capacity=2)
    anna, ben = world.helpers[2], world.helpers[3]
    projects.sign_up(shift.id, anna, by=anna)
    projects.sign_up(shift.id, ben, by=ben)
    with pytest.raises(ShiftRefused, match="60 minutes"):
        projects.check_in(shift.id, anna, by=anna)
    clock.set(shift.starts_at - timedelta(minutes=5))
    projects.check_in(shift.id, anna, by=anna)
    projects.check_in(shift.id, ben, by=world.coordinators[0])
    clock.advance(minutes=95)
    out = projects.check_out(shift.id, anna, by=anna)
    assert out.minutes == 95
    assert [e.minutes for e in projects.worklog(anna, by=anna)] == [95]

    with pytest.raises(PermissionDenied):
        projects.set_hours_to(HoursTo.TIMEBANK, by=anna)
    projects.set_hours_to(HoursTo.TIMEBANK, by=sorgende.OPERATOR)
    clock.advance(minutes=30)
    projects.check_out(shift.id, ben, by=ben)
    ledger = world.community
    assert ledger.balance(ben).minutes == 125
    assert ledger.balance(world.organisations[0]).minutes == -125
    (posting,) = [p for p in ledger.postings() if p.kind is sorgende.PostingKind.ACTIVITY]
    assert posting.cause == f"projects.shift:{shift.id}"
    assert "Aufbau" in posting.reason and "Sommerfest" in posting.reason
    with pytest.raises(ShiftRefused, match="already checked out"):
        projects.check_out(shift.id, ben, by=ben)


def test_a_series_every_saturday_of_the_holiday_week(world: World, clock: Clock):
    projects = world.projects
    template = EventTemplate(
        "Ferienspiele",
        (world.organisations[0], world.organisations[3]),
        "09:00",
        "13:00",
        shifts=(
            ShiftTemplate("Betreuung", "09:00", "11:00", 6, {"first_aid": 2}),
            ShiftTemplate("Betreuung", "11:00", "13:00", 6, {"first_aid": 2}),
        ),
    )
    events = projects.plan_series(
        template,
        first=date(2026, 7, 20),
        until=date(2026, 8, 9),
        weekdays={5},
        by=world.coordinators[0],
    )
    assert [e.day for e in events] == [date(2026, 7, 25), date(2026, 8, 1), date(2026, 8, 8)]
    assert len({e.series_id for e in events}) == 1
    assert events[0].starts_at.hour == 7  # 9:00 in Berlin in summer
    shifts = projects.shifts(events[0].id)
    assert [(s.capacity, s.reserved) for s in shifts] == [(6, 2), (6, 2)]
    calendar = projects.events(start=date(2026, 7, 1), end=date(2026, 8, 31))
    assert [e.id for e in calendar] == [e.id for e in events]
    town = projects.events(
        start=date(2026, 7, 1), end=date(2026, 8, 31), organisation_id=world.organisations[3]
    )
    assert len(town) == 3
    with pytest.raises(InvalidValue):
        projects.plan_series(
            template,
            first=date(2026, 7, 20),
            until=date(2026, 7, 24),
            weekdays={5},
            by=world.coordinators[0],
        )


def test_the_board_lists_open_shifts_with_free_places(world: World, clock: Clock):
    projects = world.projects
    planned, full = event_and_shift(world, clock, capacity=1)
    kept = projects.add_shift(
        planned.id,
        "Sanität",
        starts_at=full.starts_at,
        ends_at=full.ends_at,
        capacity=2,
        needs={"first_aid": 2},
        by=world.coordinators[0],
    )
    h = world.helpers[3]
    projects.sign_up(full.id, h, by=h)
    page = projects.board(start=planned.day, end=planned.day)
    assert [i.shift.id for i in page.items] == [kept.id] and page.total == 1
    assert page.items[0].free_by_need == {"": 0, "first_aid": 2}
    assert projects.board(start=planned.day, end=planned.day, qualification="first_aid").total == 1
    assert (
        projects.board(start=planned.day, end=planned.day, qualification="driving_licence").total
        == 0
    )
    other = projects.board(
        start=planned.day, end=planned.day, organisation_id=world.organisations[1]
    )
    assert other.total == 0


def test_changing_and_cancelling_a_shift(world: World, clock: Clock):
    projects = world.projects
    _, shift = event_and_shift(world, clock, capacity=1)
    a, b = world.helpers[2], world.helpers[3]
    projects.sign_up(shift.id, a, by=a)
    projects.sign_up(shift.id, b, by=b)
    with pytest.raises(sorgende.ValidationError):
        projects.change_shift(shift.id, capacity=0, by=world.coordinators[0])
    grown = projects.change_shift(shift.id, capacity=2, by=world.coordinators[0])
    assert (grown.filled, grown.waiting) == (2, 0)
    cancelled = projects.cancel_shift(shift.id, by=world.coordinators[0])
    assert cancelled.cancelled and not cancelled.open
    assert projects.my_sign_ups(a, by=a) == []
    with pytest.raises(SignUpRefused, match="cancelled"):
        projects.sign_up(shift.id, world.helpers[4], by=world.helpers[4])


def test_the_board_counts_only_so_far_ahead(
    world: World, clock: Clock, monkeypatch: pytest.MonkeyPatch
):
    """Beyond the count's reach the board says "more": its cost stops growing with the
    shifts of the range. A qualification's board looks one shift past its page."""
    from sorgende_projects import queries

    monkeypatch.setattr(queries, "COUNT_AHEAD", 3)
    projects = world.projects
    planned, first = event_and_shift(world, clock, capacity=2, needs={"first_aid": 1})
    for hour in range(1, 6):
        projects.add_shift(
            planned.id,
            f"Schicht {hour}",
            starts_at=first.starts_at + timedelta(hours=hour),
            ends_at=first.ends_at + timedelta(hours=hour),
            capacity=2,
            needs={"first_aid": 1} if hour % 2 else {},
            by=world.coordinators[0],
        )
    day = planned.day
    page = projects.board(start=day, end=day, limit=2)
    assert (len(page.items), page.total, page.more) == (2, 3, True)
    assert (projects.board(start=day, end=day, offset=4, limit=2).total, False) == (6, False)
    kept = projects.board(start=day, end=day, qualification="first_aid", limit=2)
    assert [i.shift.title for i in kept.items] == [first.title, "Schicht 1"]
    assert (kept.total, kept.more) == (2, True)
    last = projects.board(start=day, end=day, qualification="first_aid", offset=2, limit=2)
    assert [i.shift.title for i in last.items] == ["Schicht 3", "Schicht 5"]
    assert (last.total, last.more) == (4, False)
