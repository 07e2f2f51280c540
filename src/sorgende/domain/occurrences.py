"""The occurrences of recurring help: which dates of a series are still to come, which of
them still need a helper, and the slots of an offer one can pick.

One place answers these questions for every caller (web, calendar, CLI, simulation): a
recurring request is helped, confirmed and counted occurrence by occurrence (each
exchange serves one occurrence, :attr:`Exchange.scheduled`), so "what is next" is always
asked here, never computed from the request's first window.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta

import attrs

from sorgende import i18n
from sorgende.domain.help import HelpOffer, HelpRequest
from sorgende.domain.values import Frequency, Recurrence
from sorgende.errors import InvalidValue, Message

i18n.register_messages(
    __name__,
    {
        "problem.occurrences.not_one_of": {
            "de": "{value!r} ist keine der Wiederholungen ({options})",
            "en": "{value!r} is not one of the repetitions ({options})",
        },
        "problem.occurrences.weekday": {
            "de": "{value} ist kein Wochentag",
            "en": "{value} is not a day of the week",
        },
        "problem.occurrences.none_left": {
            "de": "kein kommender Termin hat noch einen freien Platz",
            "en": "no coming date has a free place left",
        },
        "field.repeat": {"de": "Wie oft", "en": "how often"},
        "field.weekday": {"de": "Wochentag", "en": "day of the week"},
    },
)

#: how far ahead a series is looked at when it has no end: two years (the longest
#: horizon a community sets by default) covers every weekly and monthly occurrence
LOOK_AHEAD = timedelta(days=731)
#: the most occurrences a helper takes at once with "every time" (a series without end
#: is taken for this many dates, then again)
MAX_SERIES = 26

#: the repetitions a form offers: (frequency, interval) by name
REPEATS: Mapping[str, tuple[Frequency, int]] = {
    "weekly": (Frequency.WEEKLY, 1),
    "fortnightly": (Frequency.WEEKLY, 2),
    "monthly": (Frequency.MONTHLY, 1),
}


def recurrence_of(repeat: str, until: date | None) -> Recurrence | None:
    """The recurrence a form's choice names (``once``: none)."""
    if repeat == "once":
        return None
    if repeat not in REPEATS:
        raise InvalidValue(
            "repeat",
            Message("problem.occurrences.not_one_of", value=repeat, options=", ".join(REPEATS)),
        )
    frequency, interval = REPEATS[repeat]
    return Recurrence(frequency, interval, until)


def repeat_of(recurrence: Recurrence | None) -> str:
    """The name of a recurrence as :data:`REPEATS` knows it (``once`` for none)."""
    if recurrence is None:
        return "once"
    for name, (frequency, interval) in REPEATS.items():
        if (recurrence.frequency, recurrence.interval) == (frequency, interval):
            return name
    return "custom"


def first_on_weekday(day: date, weekday: int) -> date:
    """The first date on or after ``day`` that is a ``weekday`` (0 Monday ... 6 Sunday)."""
    if not 0 <= weekday <= 6:
        raise InvalidValue("weekday", Message("problem.occurrences.weekday", value=weekday))
    return day + timedelta(days=(weekday - day.weekday()) % 7)


@attrs.frozen
class Occurrence:
    """One date of a request: when, and how many of its helper places are taken."""

    start: datetime
    end: datetime
    helpers_needed: int
    #: places held by accepted (or later) exchanges of this occurrence
    taken: int = 0

    @property
    def places_left(self) -> int:
        return max(0, self.helpers_needed - self.taken)

    @property
    def is_open(self) -> bool:
        return self.places_left > 0


def upcoming_starts(request: HelpRequest, after: datetime, limit: int) -> list[datetime]:
    """The starts of the request's occurrences that are not over at ``after``, first
    ``limit`` of them (a one-off request: its window, if not over)."""
    length = request.window.duration
    if request.recurrence is None:
        return [request.window.start] if request.window.end > after and limit > 0 else []
    starts = request.recurrence.occurrences(
        request.window.start, after - length + timedelta(microseconds=1), after + LOOK_AHEAD
    )
    return starts[:limit]


def upcoming(
    request: HelpRequest, after: datetime, taken: Mapping[datetime, int], limit: int = 8
) -> list[Occurrence]:
    """The request's next occurrences with their places (``taken``: held places by
    occurrence start, as :func:`taken_places` counts them)."""
    length = request.window.duration
    return [
        Occurrence(start, start + length, request.helpers_needed, taken.get(start, 0))
        for start in upcoming_starts(request, after, limit)
    ]


def next_open(
    request: HelpRequest, after: datetime, taken: Mapping[datetime, int]
) -> Occurrence | None:
    """The first occurrence not over at ``after`` that still needs a helper: what the
    board shows of a request."""
    for occurrence in upcoming(request, after, taken, limit=MAX_SERIES * 4):
        if occurrence.is_open:
            return occurrence
    return None


def series_starts(request: HelpRequest, after: datetime) -> list[datetime]:
    """The occurrences a helper takes with "every time": all from the next one to the
    series' end, at most :data:`MAX_SERIES`."""
    return upcoming_starts(request, after, MAX_SERIES)


def offer_slots(offer: HelpOffer, after: datetime, limit: int = 8) -> list[datetime]:
    """The next starts of an offer's window that lie after ``after``: what a person picks
    from when using the offer (a one-off offer: its start, while it lies ahead)."""
    if offer.recurrence is None:
        return [offer.window.start] if offer.window.start > after and limit > 0 else []
    return offer.recurrence.occurrences(offer.window.start, after, after + LOOK_AHEAD)[:limit]
