"""The time rules of requests and offers, and times put into words for people.

A request's or an offer's window lies between *now minus a grace* (help recorded a
little late: the community's ``window_grace_hours``, a day by default) and *a horizon*
(``window_horizon_days``, two years by default): :meth:`WindowRules.check`. A
recurrence's ``until`` may not lie beyond the horizon either (leave it empty for a
series without end), nor before the series' first day (it would have no occurrence).

Beneath these rules lies what the model can represent at all: a time from
:data:`EARLIEST` to :data:`LATEST`, two days inside Python's ``datetime`` range, so a
time shown in any time zone, and a day's bounds computed from it, never overflow
(:class:`~sorgende.domain.values.TimeWindow` refuses anything outside). Records stored
before these rules may break them: :func:`window_problems` names what is wrong with one
(``sorgende db check``), and the storages leave records that cannot be read out of
lists (:class:`~sorgende.errors.DamagedRecord`).
"""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Final

import attrs

from sorgende.domain.values import (
    EARLIEST,
    LATEST,
    Recurrence,
    TimeWindow,
    representable,
    unrepresentable,
)
from sorgende.errors import Message, WindowOutOfRange
from sorgende.i18n import LocalDate, LocalDateTime

if TYPE_CHECKING:
    from sorgende.domain.community import Community

__all__ = ["EARLIEST", "LATEST", "WindowRules", "local", "local_date"]

DEFAULT_GRACE: Final = timedelta(hours=24)
DEFAULT_HORIZON: Final = timedelta(days=730)
DEFAULT_ZONE: Final = "Europe/Berlin"


def _zone(name: str) -> zoneinfo.ZoneInfo | None:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def local(moment: datetime, time_zone: str) -> datetime:
    """``moment`` in the community's time zone (as given when it cannot be shown there)."""
    zone = _zone(time_zone)
    if zone is None or not representable(moment):
        return moment
    return moment.astimezone(zone)


def local_date(moment: datetime, time_zone: str) -> date:
    """The community's calendar day of ``moment`` (qualifications are valid per day)."""
    return local(moment, time_zone).date()


@attrs.frozen
class WindowRules:
    """How far in the past and ahead a request's or offer's window may lie."""

    grace: timedelta = DEFAULT_GRACE
    horizon: timedelta = DEFAULT_HORIZON
    #: the community's time zone: the limits are shown in it
    time_zone: str = DEFAULT_ZONE

    @classmethod
    def of(cls, community: Community) -> WindowRules:
        """The rules a community set (``window_grace_hours``, ``window_horizon_days``)."""
        return cls(
            timedelta(hours=community.window_grace_hours),
            timedelta(days=community.window_horizon_days),
            community.time_zone,
        )

    def earliest(self, now: datetime) -> datetime:
        return now - self.grace

    def latest(self, now: datetime) -> datetime:
        return now + self.horizon

    def check(self, window: TimeWindow, recurrence: Recurrence | None, now: datetime) -> None:
        """Refuse a window (or a recurrence's end) outside the grace and the horizon.

        Raises :class:`~sorgende.errors.WindowOutOfRange` naming the field.
        """
        problem = self.problem(window, recurrence, now)
        if problem is not None:
            raise WindowOutOfRange(*problem)

    def problem(
        self, window: TimeWindow, recurrence: Recurrence | None, now: datetime
    ) -> tuple[str, Message] | None:
        """The field and what is wrong with it, or ``None`` when the times keep the rules."""
        earliest, latest = self.earliest(now), self.latest(now)
        for field, moment in (("window.start", window.start), ("window.end", window.end)):
            if not representable(moment):
                return field, unrepresentable(moment)
        if window.start < earliest:
            return "window.start", Message(
                "problem.windows.before_grace",
                value=LocalDateTime(window.start, self.time_zone),
                earliest=LocalDateTime(earliest, self.time_zone),
                hours=_hours(self.grace),
            )
        for field, moment in (("window.start", window.start), ("window.end", window.end)):
            if moment > latest:
                return field, Message(
                    "problem.windows.beyond_horizon",
                    value=LocalDateTime(moment, self.time_zone),
                    latest=LocalDateTime(latest, self.time_zone),
                    days=self.horizon.days,
                )
        until = None if recurrence is None else recurrence.until
        if until is not None:
            if until > local_date(latest, self.time_zone):
                return "recurrence.until", Message(
                    "problem.windows.until_beyond_horizon",
                    value=LocalDate(until),
                    latest=LocalDate(latest, self.time_zone),
                    days=self.horizon.days,
                )
            if until < window.start.date():
                return "recurrence.until", Message(
                    "problem.windows.until_before_start",
                    value=LocalDate(until),
                    start=LocalDate(window.start, self.time_zone),
                )
        return None


def _hours(delta: timedelta) -> int:
    return int(delta.total_seconds() // 3600)


def window_problems(
    window: TimeWindow, recurrence: Recurrence | None, posted_at: datetime, rules: WindowRules
) -> list[tuple[str, Message]]:
    """What breaks the rules in a stored window, judged from when it was posted.

    For ``sorgende db check``: a request or offer stored before the rules (or under a
    wider grace or horizon) is reported, each problem with its field.
    """
    problem = rules.problem(window, recurrence, posted_at)
    return [] if problem is None else [problem]
