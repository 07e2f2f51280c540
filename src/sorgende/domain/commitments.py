"""Self-commitments (Selbstverpflichtung): "I give 2 hours a week of rides in Mehren"."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable
from datetime import date, datetime, timedelta

import attrs

from sorgende.domain.exchanges import Exchange, ExchangeState
from sorgende.domain.values import new_id
from sorgende.errors import IllegalStatusChange


class Period(enum.StrEnum):
    WEEK = "week"
    MONTH = "month"

    def start_of(self, day: date) -> date:
        if self is Period.WEEK:
            return day - timedelta(days=day.weekday())
        return day.replace(day=1)

    def next_start(self, start: date) -> date:
        if self is Period.WEEK:
            return start + timedelta(days=7)
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)


class CommitmentStatus(enum.StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"


@attrs.frozen
class StatusChange:
    status: CommitmentStatus
    on: date


@attrs.frozen
class Commitment:
    """An actor commits to ``minutes_per_period`` of help in categories and places.

    Empty ``categories`` or ``place_ids`` mean "any". ``changes`` records when the
    commitment was paused, resumed or ended, so fulfilment skips paused periods.
    """

    community_id: uuid.UUID
    actor_id: uuid.UUID
    minutes_per_period: int
    period: Period
    valid_from: date
    made_at: datetime
    id: uuid.UUID = attrs.field(factory=new_id)
    categories: frozenset[str] = frozenset()
    place_ids: frozenset[uuid.UUID] = frozenset()
    valid_until: date | None = None
    status: CommitmentStatus = CommitmentStatus.ACTIVE
    changes: tuple[StatusChange, ...] = ()
    version: int = 1

    def covers(self, exchange: Exchange) -> bool:
        return (not self.categories or exchange.category in self.categories) and (
            not self.place_ids or exchange.place_id in self.place_ids
        )

    def _change(
        self, status: CommitmentStatus, on: date, allowed_from: set[CommitmentStatus]
    ) -> Commitment:
        if self.status not in allowed_from:
            raise IllegalStatusChange(
                kind="commitment", id=self.id, status=self.status.value, change=status.value
            )
        return attrs.evolve(
            self,
            status=status,
            changes=(*self.changes, StatusChange(status, on)),
            valid_until=on if status is CommitmentStatus.ENDED else self.valid_until,
            version=self.version + 1,
        )

    def paused(self, on: date) -> Commitment:
        return self._change(CommitmentStatus.PAUSED, on, {CommitmentStatus.ACTIVE})

    def resumed(self, on: date) -> Commitment:
        return self._change(CommitmentStatus.ACTIVE, on, {CommitmentStatus.PAUSED})

    def ended(self, on: date) -> Commitment:
        return self._change(
            CommitmentStatus.ENDED, on, {CommitmentStatus.ACTIVE, CommitmentStatus.PAUSED}
        )

    def status_on(self, day: date) -> CommitmentStatus:
        status = CommitmentStatus.ACTIVE
        for change in self.changes:
            if change.on <= day:
                status = change.status
        return status


@attrs.frozen
class PeriodFulfilment:
    start: date
    end: date  # exclusive
    target_minutes: int
    given_minutes: int

    @property
    def kept(self) -> bool:
        """Whether a period with a target met it (a paused period has none to keep)."""
        return self.target_minutes > 0 and self.given_minutes >= self.target_minutes


@attrs.frozen
class Fulfilment:
    """How far a commitment was kept, period by period (from confirmed exchanges)."""

    commitment_id: uuid.UUID
    periods: tuple[PeriodFulfilment, ...]

    @property
    def target_minutes(self) -> int:
        return sum(p.target_minutes for p in self.periods)

    @property
    def given_minutes(self) -> int:
        return sum(p.given_minutes for p in self.periods)

    @property
    def ratio(self) -> float:
        """Given over target; 1.0 means kept exactly, 0.0 when there was nothing to keep."""
        target = self.target_minutes
        return self.given_minutes / target if target else 0.0

    @property
    def periods_kept(self) -> int:
        return sum(p.kept for p in self.periods)

    @property
    def periods_due(self) -> int:
        """Periods that had a target (not paused)."""
        return sum(p.target_minutes > 0 for p in self.periods)


COUNTED_STATES = frozenset({ExchangeState.CONFIRMED, ExchangeState.RESOLVED})


def fulfilment(commitment: Commitment, exchanges: Iterable[Exchange], today: date) -> Fulfilment:
    """Fulfilment of ``commitment`` up to ``today`` (inclusive).

    Counts the helper's confirmed or resolved exchanges that the commitment covers, by
    the date they were scheduled. A period in which the commitment was paused or ended
    on its first day has no target.
    """
    last = today if commitment.valid_until is None else min(today, commitment.valid_until)
    given: dict[date, int] = {}
    for exchange in exchanges:
        if (
            exchange.helper_id == commitment.actor_id
            and exchange.state in COUNTED_STATES
            and commitment.covers(exchange)
        ):
            day = exchange.scheduled.date()
            if commitment.valid_from <= day <= last:
                key = commitment.period.start_of(day)
                given[key] = given.get(key, 0) + exchange.minutes
    periods: list[PeriodFulfilment] = []
    start = commitment.period.start_of(commitment.valid_from)
    while start <= last:
        end = commitment.period.next_start(start)
        first_day = max(start, commitment.valid_from)
        active = commitment.status_on(first_day) is CommitmentStatus.ACTIVE
        periods.append(
            PeriodFulfilment(
                start=start,
                end=end,
                target_minutes=commitment.minutes_per_period if active else 0,
                given_minutes=given.get(start, 0),
            )
        )
        start = end
    return Fulfilment(commitment_id=commitment.id, periods=tuple(periods))
