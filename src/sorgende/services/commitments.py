"""Use cases for self-commitments (Selbstverpflichtungen)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date

from sorgende.domain import events as ev
from sorgende.domain import policy
from sorgende.domain.commitments import Commitment, Fulfilment, Period, fulfilment
from sorgende.domain.exchanges import ExchangeState
from sorgende.domain.policy import OPERATOR, Action, Principal
from sorgende.domain.values import MINUTES_PER_HOUR
from sorgende.errors import InvalidValue, Message, NotFound
from sorgende.i18n import LocalDate, Term
from sorgende.ports import UnitOfWork
from sorgende.services.base import UseCases, acting, acting_for, get_person, retry_conflicts
from sorgende.services.validation import known_category, known_places

#: more than this per week cannot be a volunteer's commitment (7 days x 24 h)
MAX_HOURS = {Period.WEEK: 7 * 24, Period.MONTH: 31 * 24}


class CommitmentUseCases(UseCases):
    @retry_conflicts
    def make_commitment(
        self,
        actor_id: uuid.UUID,
        hours: float,
        period: Period = Period.WEEK,
        *,
        categories: Iterable[str] = (),
        place_ids: Iterable[uuid.UUID] = (),
        valid_from: date | None = None,
        valid_until: date | None = None,
        by: uuid.UUID | None = None,
    ) -> Commitment:
        """Commit ``actor_id`` to ``hours`` per ``period`` ("2 hours a week of rides in Mehren")."""
        period = Period(period)
        if (
            isinstance(hours, bool)
            or not isinstance(hours, int | float)
            or not (1 / MINUTES_PER_HOUR <= hours <= MAX_HOURS[period])
        ):
            raise InvalidValue(
                "hours",
                Message(
                    "problem.commitments.hours_per_between_one",
                    hours=hours,
                    period=Term("period", period),
                    max_hours=MAX_HOURS[period],
                ),
            )
        by = actor_id if by is None else by
        with self._work() as w:
            uow = w.uow
            actor = get_person(uow, actor_id)
            on_behalf = acting_for(uow, by, actor)
            codes = frozenset(known_category(uow, c).code for c in categories)
            start = valid_from or w.now.date()
            if valid_until is not None and valid_until < start:
                raise InvalidValue(
                    "valid_until",
                    Message(
                        "problem.commitments.before",
                        valid_until=LocalDate(valid_until, weekday=False),
                        start=LocalDate(start, weekday=False),
                    ),
                )
            commitment = Commitment(
                community_id=self.community_id,
                actor_id=actor_id,
                minutes_per_period=round(hours * MINUTES_PER_HOUR),
                period=period,
                valid_from=start,
                made_at=w.now,
                categories=codes,
                place_ids=known_places(uow, place_ids),
                valid_until=valid_until,
            )
            self._veto(w, "make_commitment", by, commitment)
            uow.commitments.add(commitment)
            w.events.append(
                ev.CommitmentMade(
                    self.community_id, w.now, by, commitment.id, actor_id, acted_for=on_behalf
                )
            )
        return commitment

    def pause_commitment(self, commitment_id: uuid.UUID, *, by: uuid.UUID) -> Commitment:
        return self._change(commitment_id, by, "pause")

    def resume_commitment(self, commitment_id: uuid.UUID, *, by: uuid.UUID) -> Commitment:
        return self._change(commitment_id, by, "resume")

    def end_commitment(self, commitment_id: uuid.UUID, *, by: uuid.UUID) -> Commitment:
        return self._change(commitment_id, by, "end")

    @retry_conflicts
    def _change(self, commitment_id: uuid.UUID, by: uuid.UUID, change: str) -> Commitment:
        with self._work() as w:
            uow = w.uow
            commitment = uow.commitments.get(commitment_id)
            on_behalf = acting_for(uow, by, get_person(uow, commitment.actor_id))
            today = w.now.date()
            args = (self.community_id, w.now, by, commitment_id)
            event: ev.DomainEvent
            if change == "pause":
                changed = commitment.paused(today)
                event = ev.CommitmentPaused(*args, acted_for=on_behalf)
            elif change == "resume":
                changed = commitment.resumed(today)
                event = ev.CommitmentResumed(*args, acted_for=on_behalf)
            else:
                changed = commitment.ended(today)
                event = ev.CommitmentEnded(*args, acted_for=on_behalf)
            uow.commitments.update(changed)
            w.events.append(event)
        return changed

    def commitment(
        self, commitment_id: uuid.UUID, *, by: uuid.UUID | Principal = OPERATOR
    ) -> Commitment:
        """A commitment, for whoever may see its person's details (themselves, their
        trusted persons, their coordinators)."""
        with self._read() as uow:
            return _visible(uow, acting(uow, by), uow.commitments.get(commitment_id))

    def commitments(
        self, *, actor_id: uuid.UUID | None = None, by: uuid.UUID | Principal = OPERATOR
    ) -> Sequence[Commitment]:
        with self._read() as uow:
            found = uow.commitments.list(actor_id=actor_id)
            who = acting(uow, by)
            if who.is_operator:
                return found
            return [c for c in found if _sees(uow, who, c)]

    def fulfilment(
        self,
        commitment_id: uuid.UUID,
        today: date | None = None,
        *,
        by: uuid.UUID | Principal = OPERATOR,
    ) -> Fulfilment:
        """How far the commitment was kept, period by period, from confirmed exchanges."""
        with self._read() as uow:
            commitment = _visible(uow, acting(uow, by), uow.commitments.get(commitment_id))
            exchanges = uow.exchanges.list(
                helper_id=commitment.actor_id,
                states=(ExchangeState.CONFIRMED, ExchangeState.RESOLVED),
            )
        return fulfilment(commitment, exchanges, today or self._platform.clock().date())


def _sees(uow: UnitOfWork, who: policy.Acting, commitment: Commitment) -> bool:
    person = uow.actors.find(commitment.actor_id)
    return person is not None and policy.may(who, Action.SEE_DETAILS, subject=person)


def _visible(uow: UnitOfWork, who: policy.Acting, commitment: Commitment) -> Commitment:
    if who.is_operator or _sees(uow, who, commitment):
        return commitment
    raise NotFound("commitment", commitment.id)
