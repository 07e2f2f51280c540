"""Recurring help occurrence by occurrence: the next open date, a helper taking every
date at once, each date agreed, confirmed and booked on its own, an offer's slots."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sorgende import ExchangeState, Frequency, Recurrence, RequestStatus, TimeWindow
from sorgende.domain.occurrences import (
    MAX_SERIES,
    first_on_weekday,
    recurrence_of,
    repeat_of,
)
from sorgende.errors import InvalidValue, RequestFull
from tests.conftest import World


def _weekly(world: World, weeks: int | None = 4, helpers: int = 1):  # type: ignore[no-untyped-def]
    first = world.clock.now + timedelta(days=1)
    until = None if weeks is None else (first + timedelta(weeks=weeks - 1)).date()
    return world.c.post_request(
        world.anna.id,
        "shopping",
        world.daun.id,
        TimeWindow(first, first + timedelta(hours=1)),
        1,
        helpers_needed=helpers,
        recurrence=Recurrence(Frequency.WEEKLY, until=until),
    )


def test_form_repetitions_and_weekdays() -> None:
    assert recurrence_of("once", None) is None
    fortnightly = recurrence_of("fortnightly", date(2027, 3, 31))
    assert fortnightly == Recurrence(Frequency.WEEKLY, 2, date(2027, 3, 31))
    assert repeat_of(fortnightly) == "fortnightly"
    assert repeat_of(recurrence_of("monthly", None)) == "monthly"
    with pytest.raises(InvalidValue, match="repetitions"):
        recurrence_of("hourly", None)
    # 2026-12-02 is a Wednesday: the next Tuesday is the 8th, a Wednesday is that day
    assert first_on_weekday(date(2026, 12, 2), 1) == date(2026, 12, 8)
    assert first_on_weekday(date(2026, 12, 2), 2) == date(2026, 12, 2)
    with pytest.raises(InvalidValue, match="day of the week"):
        first_on_weekday(date(2026, 12, 2), 7)


def test_every_week_taken_agreed_and_booked_date_by_date(world: World) -> None:
    request = _weekly(world, weeks=4)
    first = request.window.start
    taken = world.c.take_series(request.id, by=world.ben.id)
    assert [x.scheduled for x in taken] == [first + timedelta(weeks=n) for n in range(4)]
    # taking it again adds nothing: every date already has Ben's proposal
    with pytest.raises(InvalidValue, match="no coming date"):
        world.c.take_series(request.id, by=world.ben.id)
    agreed = world.c.accept_all(request.id, helper_id=world.ben.id, by=world.anna.id)
    assert [x.state for x in agreed] == [ExchangeState.ACCEPTED] * 4
    assert world.c.next_occurrences([request])[request.id] is None  # all taken
    before = len(world.c.statement(world.ben.id).lines)
    for x in agreed:
        world.begun(x)
        world.c.complete(x.id, by=world.ben.id)
        world.c.confirm(x.id, by=world.anna.id)
    assert len(world.c.statement(world.ben.id).lines) == before + 4
    assert world.c.request(request.id).status is RequestStatus.OPEN  # until its end


def test_board_shows_the_next_open_date_and_one_date_can_be_asked(world: World) -> None:
    request = _weekly(world, weeks=None)
    first = request.window.start
    week2 = first + timedelta(weeks=1)
    x1 = world.c.propose(request_id=request.id, by=world.ben.id)
    world.c.accept(x1.id, by=world.anna.id)
    shown = world.c.next_occurrences([request])[request.id]
    assert shown is not None and shown.start == week2 and shown.places_left == 1
    # the coordinator asks a second helper for week 2 only
    x2 = world.c.propose(
        request_id=request.id, by=world.carla.id, helper_id=world.dora.id, scheduled=week2
    )
    assert x2.scheduled == week2
    listed = world.c.occurrences(request.id, by=world.anna.id, limit=3)
    assert [(o.start, o.taken) for o in listed] == [
        (first, 1),
        (week2, 0),
        (week2 + timedelta(weeks=1), 0),
    ]
    # once the first date is over, it is no longer offered
    world.clock.now = first + timedelta(hours=2)
    assert world.c.occurrences(request.id, limit=1)[0].start == week2
    # a series without end is taken for MAX_SERIES dates at most
    taken = world.c.take_series(request.id, by=world.ben.id)
    assert len(taken) == MAX_SERIES


def test_a_full_date_is_skipped_by_every_week(world: World) -> None:
    request = _weekly(world, weeks=3)
    first = request.window.start
    x = world.c.propose(request_id=request.id, by=world.dora.id, scheduled=first)
    world.c.accept(x.id, by=world.anna.id)
    taken = world.c.take_series(request.id, by=world.ben.id)
    assert [t.scheduled for t in taken] == [first + timedelta(weeks=1), first + timedelta(weeks=2)]
    with pytest.raises(RequestFull):
        world.c.propose(request_id=request.id, by=world.ben.id, scheduled=first)


def test_offer_slots_are_the_next_real_times(world: World) -> None:
    start = world.clock.now + timedelta(days=2)
    offer = world.c.offer_help(
        world.dora.id,
        "garden",
        [world.daun.id],
        TimeWindow(start, start + timedelta(hours=2)),
        2,
        recurrence=Recurrence(Frequency.WEEKLY, 2),
    )
    slots = world.c.offer_slots(offer.id, by=world.anna.id, limit=3)
    assert slots == [start, start + timedelta(weeks=2), start + timedelta(weeks=4)]
    world.clock.now = start + timedelta(hours=1)
    assert world.c.offer_slots(offer.id, limit=1) == [start + timedelta(weeks=2)]
    x = world.c.propose(offer_id=offer.id, by=world.anna.id, scheduled=slots[1])
    assert x.scheduled == slots[1]


def test_the_example_of_docs_web_md_runs() -> None:
    """The example of "Recurring help" in docs/web.md, as a reader runs it."""
    import re
    from pathlib import Path

    text = (Path(__file__).parent.parent / "docs" / "web.md").read_text(encoding="utf-8")
    section = text[text.index("## Recurring help") :]
    found = re.search(r"```python\n(.*?)```", section, re.S)
    assert found is not None
    exec(compile(found.group(1), "docs/web.md (Recurring help)", "exec"), {"__name__": "__doc__"})
