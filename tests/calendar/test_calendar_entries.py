"""A plugin's dated entries as a feed: the core's one way of writing iCalendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from sorgende.calendar import Entry, calendar_of
from sorgende.errors import InvalidValue

ZONE = ZoneInfo("Europe/Berlin")
START = datetime(2026, 7, 20, 9, 0, tzinfo=ZONE)


def _entry(n: int, **changes: object) -> Entry:
    values: dict[str, object] = {
        "uid": f"shift-{n}@sorgende",
        "summary": f"Schicht {n}",
        "start": START + timedelta(hours=n),
        "end": START + timedelta(hours=n + 2),
        "modified": datetime(2026, 6, 1, 8, 0, tzinfo=UTC),
        "location": "Ballenstedt",
        "categories": ("Ferienwoche",),
        "related_to": "event-1@sorgende",
    }
    values.update(changes)
    return Entry(**values)  # type: ignore[arg-type]


def test_entries_are_written_in_the_zone_sorted_and_parse() -> None:
    body = calendar_of(
        [_entry(2), _entry(1), _entry(3, cancelled=True)],
        product="test",
        name="Ferienkalender",
        description="Alle Termine",
        zone=ZONE,
        language="de",
        today=date(2026, 6, 1),
    )
    calendar = icalendar.Calendar.from_ical(body)
    events = calendar.walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [f"shift-{n}@sorgende" for n in (1, 2, 3)]
    assert events[0].decoded("dtstart") == START + timedelta(hours=1)
    assert events[0]["dtstart"].params["TZID"] == "Europe/Berlin"
    assert events[0].decoded("dtstamp") == datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
    assert str(events[0]["related-to"]) == "event-1@sorgende"
    assert [str(e["status"]) for e in events] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert str(calendar["x-wr-calname"]) == "Ferienkalender"
    # the same entries give the same bytes (an ETag of them holds)
    again = calendar_of(
        [_entry(1), _entry(3, cancelled=True), _entry(2)],
        product="test",
        name="Ferienkalender",
        description="Alle Termine",
        zone=ZONE,
        language="de",
        today=date(2026, 6, 2),
    )
    assert again == body


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start": datetime(2026, 7, 20, 9, 0)}, "start"),
        ({"end": START - timedelta(hours=1)}, "end"),
        ({"uid": "no at sign"}, "uid"),
    ],
)
def test_a_wrong_entry_is_refused_naming_the_field(changes: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        _entry(0, **changes)
    assert refused.value.params["field_name"] == field
