"""Small value objects shared by the model: identifiers, durations, time windows, recurrence."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

import attrs

from sorgende.domain import rule_texts  # noqa: F401  (registers the texts of the rules)
from sorgende.errors import (
    InvalidHours,
    InvalidTimeWindow,
    InvalidValue,
    Message,
    NaiveDatetime,
    WindowOutOfRange,
)
from sorgende.i18n import LocalDate, LocalDateTime

MINUTES_PER_HOUR: Final = 60
MAX_MINUTES_PER_ACT: Final = 24 * MINUTES_PER_HOUR

#: the earliest time the model represents: two days after ``datetime.min``, so that a
#: time can be shown in every time zone (offsets are less than a day) and its day's
#: bounds computed without overflow
EARLIEST: Final = datetime(1, 1, 3, tzinfo=UTC)
#: the latest time the model represents: two days before ``datetime.max``
LATEST: Final = datetime(9999, 12, 29, tzinfo=UTC)


def labels(value: Mapping[str, str]) -> dict[str, str]:
    """A plain dict copy of texts by language (``{"de": ..., "en": ...}``)."""
    return dict(value)


def new_id() -> uuid.UUID:
    return uuid.uuid4()


def utcnow() -> datetime:
    return datetime.now(UTC)


def minutes_from_hours(hours: float, field: str = "hours") -> int:
    """Whole minutes for ``hours``; refuses anything not in (0, 24].

    Hours are kept as whole minutes so that ledger sums are exact integers.
    """
    if isinstance(hours, bool) or not isinstance(hours, int | float):
        raise InvalidHours(hours, field)
    if not (0 < hours <= 24):
        raise InvalidHours(hours, field)
    minutes = round(hours * MINUTES_PER_HOUR)
    if minutes == 0:
        raise InvalidHours(hours, field)
    return minutes


def hours_from_minutes(minutes: int) -> float:
    return minutes / MINUTES_PER_HOUR


def require_aware(value: datetime, field: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetime(field, value)
    return value


def representable(moment: datetime) -> bool:
    """Whether ``moment`` lies from :data:`EARLIEST` to :data:`LATEST`."""
    return EARLIEST <= moment <= LATEST


def plain_time(moment: datetime) -> str:
    """A time as given, to the minute (ISO 8601): for times no calendar shows (year 1)."""
    return moment.isoformat(sep=" ", timespec="minutes")


def unrepresentable(moment: datetime) -> Message:
    """What is wrong with a time outside :data:`EARLIEST` .. :data:`LATEST`."""
    return Message(
        "problem.windows.unrepresentable",
        value=LocalDateTime(moment),
        earliest=LocalDate(EARLIEST, "UTC"),
        latest=LocalDate(LATEST, "UTC"),
    )


def require_representable(moment: datetime, field: str) -> datetime:
    """Refuse a time outside :data:`EARLIEST` .. :data:`LATEST` (year 1, year 9999)."""
    if not EARLIEST <= moment <= LATEST:
        raise WindowOutOfRange(
            field,
            unrepresentable(moment),
        )
    return moment


@attrs.frozen
class TimeWindow:
    """When help is wanted or offered: ``start`` to ``end`` (both time-zone aware).

    Both lie from :data:`EARLIEST` to :data:`LATEST`; which window a request or an offer
    may have is a rule of its own (:mod:`sorgende.domain.windows`).
    """

    start: datetime
    end: datetime

    def __attrs_post_init__(self) -> None:
        require_representable(require_aware(self.start, "window.start"), "window.start")
        require_representable(require_aware(self.end, "window.end"), "window.end")
        if self.end < self.start:
            raise InvalidTimeWindow(self.start, self.end)

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    def overlaps(self, other: TimeWindow) -> bool:
        return self.start < other.end and other.start < self.end

    def existing(self) -> TimeWindow:
        """This window with a start or end the clocks skip (02:30 on the night Berlin goes
        to summer time) put as the instant it stands for (03:30): as a storage reads it
        back. The same window when both times exist."""
        start, end = _existing(self.start), _existing(self.end)
        if start is self.start and end is self.end:
            return self
        return TimeWindow(start, end)

    def shifted(self, delta: timedelta) -> TimeWindow:
        return TimeWindow(self.start + delta, self.end + delta)


def _existing(moment: datetime) -> datetime:
    """``moment``, or the instant it stands for when its zone's clocks skip it."""
    zone = moment.tzinfo
    if not isinstance(zone, ZoneInfo):
        return moment  # a fixed offset skips no time
    real = moment.astimezone(UTC).astimezone(zone)
    return moment if real.replace(tzinfo=None) == moment.replace(tzinfo=None) else real


class Frequency(enum.StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"


_STEP = {Frequency.DAILY: timedelta(days=1), Frequency.WEEKLY: timedelta(weeks=1)}


@attrs.frozen
class Recurrence:
    """A repeating need or offer ("every Tuesday"): every ``interval`` ``frequency`` units.

    Occurrences start at the window's start and repeat until ``until`` (inclusive) or,
    when ``until`` is ``None``, without end.
    """

    frequency: Frequency
    interval: int = 1
    until: date | None = None

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.interval <= 52:
            raise InvalidValue(
                "recurrence.interval",
                Message("problem.values.between", interval=self.interval),
            )

    def occurrences(self, first: datetime, start: datetime, end: datetime) -> list[datetime]:
        """Occurrence starts of a series beginning at ``first`` that fall in [start, end)."""
        found: list[datetime] = []
        n = 0
        current = first
        while current < end:
            if self.until is not None and current.date() > self.until:
                break
            if current >= start:
                found.append(current)
            n += self.interval
            current = self._nth(first, n)
        return found

    def _nth(self, first: datetime, n: int) -> datetime:
        if self.frequency is Frequency.MONTHLY:
            month_index = first.month - 1 + n
            year, month = first.year + month_index // 12, month_index % 12 + 1
            day = min(first.day, _days_in_month(year, month))
            return first.replace(year=year, month=month, day=day)
        return first + _STEP[self.frequency] * n


def _days_in_month(year: int, month: int) -> int:
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return (nxt - timedelta(days=1)).day
