"""Writing iCalendar (RFC 5545): one way for every feed, the core's and plugins'.

A person's feed (:mod:`sorgende.calendar.feed`) and a plugin's feeds (the shared
calendar of a community's events, a volunteer's shifts) write the same calendar head,
the same time zone and the same events with these helpers. A plugin that has its own
dates gives them as :class:`Entry` values to :func:`calendar_of`.

Every event keeps its ``UID`` for ever and carries ``DTSTAMP`` and ``LAST-MODIFIED``
from the record's last change (no clock: the same data gives the same bytes, so a hash
of them is a valid ``ETag``), ``SEQUENCE`` from its version, and ``STATUS:CANCELLED``
(and ``TRANSP:TRANSPARENT``) once it was called off, so that phones drop it rather than
keep a stale copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import attrs

from sorgende.calendar.settings import REFRESH
from sorgende.errors import InvalidValue, Message, MissingDependency

if TYPE_CHECKING:
    import icalendar


def icalendar_module() -> Any:
    """The ``icalendar`` package, or :class:`MissingDependency` naming the extra."""
    try:
        import icalendar
    except ImportError as exc:
        raise MissingDependency(
            feature=Message("problem.calendar.calendar_feeds"),
            package="icalendar",
            extra="calendar",
        ) from exc
    return icalendar


def new_calendar(
    ical: Any, *, product: str, name: str, description: str, zone: ZoneInfo, language: str
) -> icalendar.Calendar:
    """A calendar's head: ``PRODID`` (``product`` names the feed), name, description,
    time zone and how often apps should fetch it again (:data:`REFRESH`)."""
    calendar: icalendar.Calendar = ical.Calendar()
    calendar.add("prodid", f"-//sorgende//{product}//{language.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", zone.key)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", ical.vDuration(REFRESH))
    return calendar


def add_timezone(
    ical: Any, calendar: icalendar.Calendar, zone: ZoneInfo, first_year: int, last_year: int
) -> None:
    """The ``VTIMEZONE`` of ``zone``, with its rules from ``first_year`` to five years
    after ``last_year`` (a subscribed calendar lives on)."""
    calendar.add_component(
        ical.Timezone.from_tzid(
            zone.key, first_date=date(first_year, 1, 1), last_date=date(last_year + 5, 1, 1)
        )
    )


def vevent(
    ical: Any,
    *,
    uid: str,
    summary: str,
    description: Iterable[str],
    modified: datetime,
    sequence: int,
    cancelled: bool,
    transparent: bool = False,
) -> icalendar.Event:
    """An event's common part (its times and place are the caller's to add)."""
    event: icalendar.Event = ical.Event()
    event.add("uid", uid)
    # without METHOD, DTSTAMP is when the information was last revised (RFC 5545 3.8.7.2)
    event.add("dtstamp", modified.astimezone(UTC))
    event.add("last-modified", modified.astimezone(UTC))
    event.add("sequence", sequence)
    event.add("summary", summary)
    text = "\n".join(line for line in description if line)
    if text:
        event.add("description", text)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if transparent or cancelled else "OPAQUE")
    return event


@attrs.frozen
class Entry:
    """One dated event of a feed, as a plugin gives it to :func:`calendar_of`."""

    #: unique for ever and world-wide: ``<kind>-<id>@<domain>``
    uid: str
    summary: str
    #: aware times; the feed writes them in its time zone
    start: datetime
    end: datetime
    #: when the record last changed (``DTSTAMP``, ``LAST-MODIFIED``)
    modified: datetime
    sequence: int = 0
    location: str = ""
    description: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    cancelled: bool = False
    #: the ``UID`` of the event this one belongs to (a shift's event)
    related_to: str | None = None

    def __attrs_post_init__(self) -> None:
        for field, value in (("start", self.start), ("end", self.end), ("modified", self.modified)):
            if value.tzinfo is None:
                raise InvalidValue(field, Message("problem.calendar.entry_naive_time"))
        if self.end < self.start:
            raise InvalidValue("end", Message("problem.calendar.entry_ends_before"))
        if "@" not in self.uid or any(c.isspace() for c in self.uid):
            raise InvalidValue("uid", Message("problem.calendar.entry_uid"))


def calendar_of(
    entries: Sequence[Entry],
    *,
    product: str,
    name: str,
    description: str,
    zone: ZoneInfo,
    language: str,
    today: date,
) -> bytes:
    """``entries`` as the bytes of an iCalendar feed, in ``zone``, sorted by start and
    ``UID`` (``today`` only widens the time zone's years for an empty feed)."""
    ical = icalendar_module()
    calendar = new_calendar(
        ical, product=product, name=name, description=description, zone=zone, language=language
    )
    years = [e.start.astimezone(zone).year for e in entries] or [today.year]
    add_timezone(ical, calendar, zone, min(years), max(*years, today.year))
    for entry in sorted(entries, key=lambda e: (e.start, e.uid)):
        event = vevent(
            ical,
            uid=entry.uid,
            summary=entry.summary,
            description=entry.description,
            modified=entry.modified,
            sequence=entry.sequence,
            cancelled=entry.cancelled,
        )
        event.add("dtstart", entry.start.astimezone(zone))
        event.add("dtend", entry.end.astimezone(zone))
        if entry.location:
            event.add("location", entry.location)
        if entry.categories:
            event.add("categories", list(entry.categories))
        if entry.related_to:
            event.add("related-to", entry.related_to)
        calendar.add_component(event)
    return calendar.to_ical()  # type: ignore[no-any-return]
