"""Recognition (Anerkennung): thanks, badges and milestones for helpers."""

from __future__ import annotations

import uuid
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Protocol

import attrs

from sorgende.domain.evolve import evolver
from sorgende.domain.values import labels, new_id


@attrs.frozen
class HelperRecord:
    """What a rule may look at: a helper's confirmed help so far."""

    actor_id: uuid.UUID
    exchanges_confirmed: int
    minutes_given: int
    #: minutes given in the last 365 days before ``at``
    minutes_last_year: int
    first_help: datetime | None
    at: datetime
    birth_year: int | None = None


@attrs.frozen
class Recognition:
    """A recognition awarded to an actor once per ``code``."""

    community_id: uuid.UUID
    actor_id: uuid.UUID
    code: str
    titles: Mapping[str, str] = attrs.field(converter=labels)
    awarded_at: datetime
    id: uuid.UUID = attrs.field(factory=new_id)

    def title(self, language: str = "de") -> str:
        return self.titles.get(language) or self.titles.get("en") or self.code


class RecognitionRule(Protocol):
    """A rule plugins provide through ``sorgende_recognition_rules``."""

    #: unique code; an actor receives each code at most once
    code: str
    #: the title per language, e.g. ``{"de": "10 Stunden geschenkt", "en": "10 hours given"}``
    titles: Mapping[str, str]

    def applies(self, record: HelperRecord) -> bool: ...


@attrs.frozen
class MilestoneRule:
    """Awarded once a helper has given at least ``minutes`` or ``exchanges``."""

    code: str
    titles: Mapping[str, str] = attrs.field(converter=labels)
    minutes: int = 0
    exchanges: int = 0
    minutes_last_year: int = 0

    def applies(self, record: HelperRecord) -> bool:
        return (
            record.minutes_given >= self.minutes
            and record.exchanges_confirmed >= self.exchanges
            and record.minutes_last_year >= self.minutes_last_year
        )


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_DAY = 86_400_000_000  # microseconds
#: how long the minutes of one help stay in ``minutes_last_year``
YEAR = timedelta(days=365)
#: days kept beyond the year, so that a clock a little behind the last write still
#: finds every day it needs
_SLACK_DAYS = 2


def _micros(value: datetime) -> int:
    """Microseconds since 1970 (UTC), exact (no float)."""
    return (value - _EPOCH) // _MICROSECOND


@attrs.frozen
class HelperTotals:
    """A helper's confirmed help in running totals, kept with each posting.

    What :class:`HelperRecord` is built from, so that a rule's check costs the same
    after five thousand exchanges as after one. It counts what the record counts:
    exchanges confirmed or resolved with more than zero minutes.

    ``minutes_last_year`` is a window that moves with the clock, so the totals keep the
    minutes per (UTC) day of the help of the last year and a little more: four tuples
    of one entry per day, sorted by day (days since 1970; the earliest and latest help
    of the day in microseconds since 1970), at most some 370 entries however much
    someone helps. Plain tuples of ints, not one tuple per day: a confirmation appends
    to them and the window is summed from a slice, both without a Python loop.
    """

    community_id: uuid.UUID
    actor_id: uuid.UUID
    exchanges: int = 0
    minutes: int = 0
    first_help: datetime | None = None
    day_numbers: tuple[int, ...] = ()
    day_minutes: tuple[int, ...] = ()
    day_earliest: tuple[int, ...] = ()
    day_latest: tuple[int, ...] = ()
    #: the first day the days kept are complete from: earlier days were dropped
    kept_from: int = -(2**62)
    version: int = 1

    @classmethod
    def of_history(
        cls,
        community_id: uuid.UUID,
        actor_id: uuid.UUID,
        helps: Iterable[tuple[datetime, int]],
    ) -> HelperTotals:
        """The totals of ``(scheduled, minutes)`` pairs, every day kept (nothing dropped)."""
        days: dict[int, list[int]] = {}
        count = total = 0
        first: datetime | None = None
        for scheduled, minutes in helps:
            at = _micros(scheduled)
            entry = days.get(at // _DAY)
            if entry is None:
                days[at // _DAY] = [minutes, at, at]
            else:
                entry[0] += minutes
                entry[1] = min(entry[1], at)
                entry[2] = max(entry[2], at)
            count += 1
            total += minutes
            first = scheduled if first is None or scheduled < first else first
        order = sorted(days)
        return cls(
            community_id,
            actor_id,
            count,
            total,
            first,
            tuple(order),
            tuple(days[d][0] for d in order),
            tuple(days[d][1] for d in order),
            tuple(days[d][2] for d in order),
        )

    def counted(self, scheduled: datetime, minutes: int, now: datetime) -> HelperTotals:
        """These totals with one more confirmed exchange; days out of reach dropped."""
        at = _micros(scheduled)
        day = at // _DAY
        numbers, mins = self.day_numbers, self.day_minutes
        earliest, latest = self.day_earliest, self.day_latest
        i = bisect_left(numbers, day)
        if i < len(numbers) and numbers[i] == day:
            mins = (*mins[:i], mins[i] + minutes, *mins[i + 1 :])
            earliest = (*earliest[:i], min(earliest[i], at), *earliest[i + 1 :])
            latest = (*latest[:i], max(latest[i], at), *latest[i + 1 :])
        else:
            numbers = (*numbers[:i], day, *numbers[i:])
            mins = (*mins[:i], minutes, *mins[i:])
            earliest = (*earliest[:i], at, *earliest[i:])
            latest = (*latest[:i], at, *latest[i:])
        kept_from = max(self.kept_from, _micros(now - YEAR) // _DAY - _SLACK_DAYS)
        cut = bisect_left(numbers, kept_from)
        first = self.first_help
        return _evolve_totals(
            self,
            exchanges=self.exchanges + 1,
            minutes=self.minutes + minutes,
            first_help=scheduled if first is None or scheduled < first else first,
            day_numbers=numbers[cut:],
            day_minutes=mins[cut:],
            day_earliest=earliest[cut:],
            day_latest=latest[cut:],
            kept_from=kept_from,
        )

    def minutes_since(self, since: datetime) -> int | None:
        """Minutes of help scheduled at or after ``since``, or ``None`` where the days kept
        cannot say exactly: ``since`` before the days kept (a clock gone back), or inside
        a day with help both before and after it (then the caller counts the exchanges).
        """
        at = _micros(since)
        boundary = at // _DAY
        if boundary < self.kept_from:
            return None
        i = bisect_left(self.day_numbers, boundary)
        if i < len(self.day_numbers) and self.day_numbers[i] == boundary:
            if self.day_latest[i] < at:
                i += 1  # the whole day is before the window
            elif self.day_earliest[i] < at:
                return None  # the window starts inside the day's help
        return sum(self.day_minutes[i:])

    def record(self, at: datetime, birth_year: int | None) -> HelperRecord | None:
        """The :class:`HelperRecord` at ``at``, or ``None`` (see :meth:`minutes_since`)."""
        last_year = self.minutes_since(at - YEAR)
        if last_year is None:
            return None
        return HelperRecord(
            actor_id=self.actor_id,
            exchanges_confirmed=self.exchanges,
            minutes_given=self.minutes,
            minutes_last_year=last_year,
            first_help=self.first_help,
            at=at,
            birth_year=birth_year,
        )


#: every confirmation counts into a helper's totals (see :func:`evolver`)
_evolve_totals = evolver(HelperTotals)
