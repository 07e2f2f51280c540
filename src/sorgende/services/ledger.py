"""Use cases of the time bank: balances, statements, adjustments (four eyes), recognition.

An adjustment moves hours between two accounts with a reason. Only ledger keepers
(``CommunityRole.LEDGER_KEEPER``) and the operator adjust, and no one on their own
account (nor on that of an organisation they coordinate). One above the community's
threshold (``Community.adjustment_threshold_minutes``, by default two hours) is
*pending*: it moves nothing until a second ledger keeper, not the one who asked and
not one whose account it moves, approves it. Every adjustment is kept
(:class:`~sorgende.domain.ledger.Adjustment`, the record kind ``adjustment``) with the
reasons given when it was asked for and when it was decided. The operator's
adjustments take effect at once; like every adjustment they are in the audit trail.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

import attrs

from sorgende.domain import events as ev
from sorgende.domain import policy
from sorgende.domain.ledger import (
    Adjustment,
    AdjustmentOutcome,
    AdjustmentState,
    Posting,
    Statement,
    needs_approval,
    statement,
)
from sorgende.domain.policy import OPERATOR, Acting, Action, Principal, event_actor
from sorgende.domain.recognition import Recognition
from sorgende.domain.values import MINUTES_PER_HOUR
from sorgende.errors import InvalidAdjustment, InvalidValue, Message, NotFound
from sorgende.ports import UnitOfWork
from sorgende.records import ADJUSTMENTS
from sorgende.services import ledger_texts as _texts  # noqa: F401  (registers the texts)
from sorgende.services.base import UseCases, Work, acting, require, retry_conflicts

#: an adjustment moves at most this many hours (a year's worth of weekly help)
MAX_ADJUSTMENT_HOURS = 1000


@attrs.frozen
class Balance:
    account: uuid.UUID
    minutes: int

    @property
    def hours(self) -> float:
        return self.minutes / MINUTES_PER_HOUR


class LedgerUseCases(UseCases):
    def balance(self, account: uuid.UUID, *, by: uuid.UUID | Principal = OPERATOR) -> Balance:
        """The balance of an actor's account (its id) or the solidarity account.

        Read by the account's holder, their trusted persons, ledger keepers and the
        operator; the solidarity account by ledger keepers, community coordinators and
        administrators (:data:`~sorgende.domain.policy.Action.READ_ACCOUNT`,
        ``READ_SOLIDARITY``).
        """
        with self._read() as uow:
            _may_read(uow, by, account)
            return Balance(account, uow.postings.balance(account))

    def statement(
        self,
        account: uuid.UUID,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        by: uuid.UUID | Principal = OPERATOR,
    ) -> Statement:
        """The account's postings with a running balance (Kontoauszug); read as
        :meth:`balance` is."""
        with self._read() as uow:
            _may_read(uow, by, account)
            return statement(account, uow.postings.list(account=account), since, until)

    def postings(self, *, by: uuid.UUID | Principal = OPERATOR) -> Sequence[Posting]:
        """Every posting of the community: ledger keepers, administrators, the operator."""
        with self._read() as uow:
            require(uow, by, Action.READ_ADJUSTMENTS)
            return uow.postings.list()

    @retry_conflicts
    def adjust_hours(
        self,
        from_account: uuid.UUID,
        to_account: uuid.UUID,
        hours: float,
        *,
        by: uuid.UUID | Principal,
        reason: str,
    ) -> AdjustmentOutcome:
        """Move ``hours`` from one account to another, with a reason (a correction).

        A ledger keeper (never on their own account) or the operator. Returns the
        adjustment and, when it took effect at once (within the community's threshold,
        or made by the operator), its posting; above the threshold the adjustment is
        pending (``outcome.pending``, ``outcome.posting is None``) and the balances do
        not change until a second ledger keeper approves it
        (:meth:`approve_adjustment`).
        """
        if (
            isinstance(hours, bool)
            or not isinstance(hours, int | float)
            or not 1 / MINUTES_PER_HOUR <= hours <= MAX_ADJUSTMENT_HOURS
        ):
            raise InvalidAdjustment(hours=hours, most=MAX_ADJUSTMENT_HOURS)
        minutes = round(hours * MINUTES_PER_HOUR)
        reason = _reason(reason, "problem.ledger.adjustment_needs_reason")
        if from_account == to_account:
            raise InvalidValue("to_account", Message("problem.ledger.accounts_differ"))
        with self._work() as w:
            uow = w.uow
            accounts = (from_account, to_account)
            who = require(uow, by, Action.ADJUST_HOURS, accounts=accounts)
            _not_own_organisation(who, Action.ADJUST_HOURS, accounts)
            community = uow.community.get()
            for account in accounts:
                if account != community.solidarity_account and uow.actors.find(account) is None:
                    raise NotFound("actor", account)
            adjustment = Adjustment(
                community_id=self.community_id,
                from_account=from_account,
                to_account=to_account,
                minutes=minutes,
                asked_at=w.now,
                asked_by=who.id,
                reason=reason,
            )
            if needs_approval(minutes, community.adjustment_threshold_minutes, who.is_operator):
                uow.of(ADJUSTMENTS).add(adjustment)
                w.events.append(
                    ev.AdjustmentRequested(
                        self.community_id,
                        w.now,
                        event_actor(by),
                        adjustment.id,
                        from_account,
                        to_account,
                        minutes,
                    )
                )
                return AdjustmentOutcome(adjustment)
            posting = adjustment.posting(w.now, who.id)
            adjustment = attrs.evolve(
                adjustment, state=AdjustmentState.IMMEDIATE, posting_id=posting.id
            )
            self._book(w, by, posting)
            uow.of(ADJUSTMENTS).add(adjustment)
        return AdjustmentOutcome(adjustment, posting)

    @retry_conflicts
    def approve_adjustment(
        self, adjustment_id: uuid.UUID, *, by: uuid.UUID | Principal, reason: str
    ) -> AdjustmentOutcome:
        """A second ledger keeper approves a pending adjustment, with a reason: it takes
        effect now (the outcome's ``posting``).

        Not the ledger keeper who asked for it, nor one whose account it moves (the
        operator may). An adjustment decided already is refused
        (:class:`~sorgende.errors.InvalidValue`): of two approvals at once one books.
        """
        reason = _reason(reason, "problem.ledger.decision_needs_reason")
        with self._work() as w:
            uow = w.uow
            adjustment, _ = self._decidable(uow, adjustment_id, by, approving=True)
            posting = adjustment.posting(w.now, adjustment.asked_by)
            decided = adjustment.decided(
                AdjustmentState.APPROVED, event_actor(by), w.now, reason, posting.id
            )
            uow.of(ADJUSTMENTS).update(decided)
            # the posting first: the approval that made it follows it in the log
            self._book(w, by, posting)
            w.events.append(
                ev.AdjustmentApproved(
                    self.community_id, w.now, event_actor(by), adjustment.id, posting.id
                )
            )
        return AdjustmentOutcome(decided, posting)

    @retry_conflicts
    def reject_adjustment(
        self, adjustment_id: uuid.UUID, *, by: uuid.UUID | Principal, reason: str
    ) -> AdjustmentOutcome:
        """A ledger keeper refuses a pending adjustment, with a reason; nothing is booked.

        Any ledger keeper whose account it does not move, or the operator; the one who
        asked for it may withdraw it this way.
        """
        reason = _reason(reason, "problem.ledger.decision_needs_reason")
        with self._work() as w:
            uow = w.uow
            adjustment, _ = self._decidable(uow, adjustment_id, by, approving=False)
            decided = adjustment.decided(AdjustmentState.REJECTED, event_actor(by), w.now, reason)
            uow.of(ADJUSTMENTS).update(decided)
            w.events.append(
                ev.AdjustmentRejected(self.community_id, w.now, event_actor(by), adjustment.id)
            )
        return AdjustmentOutcome(decided)

    def pending_adjustments(self, *, by: uuid.UUID | Principal = OPERATOR) -> Sequence[Adjustment]:
        """The adjustments waiting for a second ledger keeper, oldest first: ledger
        keepers, administrators, the operator."""
        return self.adjustments(state=AdjustmentState.PENDING, by=by)

    def adjustments(
        self,
        *,
        state: AdjustmentState | None = None,
        by: uuid.UUID | Principal = OPERATOR,
    ) -> Sequence[Adjustment]:
        """Every adjustment (or those in ``state``) with its reasons, oldest first:
        ledger keepers, administrators, the operator."""
        with self._read() as uow:
            require(uow, by, Action.READ_ADJUSTMENTS)
            where = None if state is None else {"state": AdjustmentState(state)}
            return uow.of(ADJUSTMENTS).list(where=where)

    def adjustment(
        self, adjustment_id: uuid.UUID, *, by: uuid.UUID | Principal = OPERATOR
    ) -> Adjustment:
        with self._read() as uow:
            require(uow, by, Action.READ_ADJUSTMENTS)
            found = uow.of(ADJUSTMENTS).find(adjustment_id)
            if found is None:
                raise NotFound("adjustment", adjustment_id)
            return found

    def recognitions(self, *, actor_id: uuid.UUID | None = None) -> Sequence[Recognition]:
        with self._read() as uow:
            return uow.recognitions.list(actor_id=actor_id)

    # -- inside the use cases --------------------------------------------------------

    def _book(self, w: Work, by: uuid.UUID | Principal, posting: Posting) -> None:
        self._veto(w, "adjust_hours", by, posting)
        w.uow.postings.add(posting)
        w.events.append(ev.HoursAdjusted(self.community_id, w.now, event_actor(by), posting.id))

    def _decidable(
        self, uow: UnitOfWork, adjustment_id: uuid.UUID, by: uuid.UUID | Principal, approving: bool
    ) -> tuple[Adjustment, Acting]:
        """The pending adjustment, if ``by`` may decide it."""
        adjustment = uow.of(ADJUSTMENTS).find(adjustment_id)
        if adjustment is None:
            raise NotFound("adjustment", adjustment_id)
        who = require(uow, by, Action.APPROVE_ADJUSTMENT, accounts=adjustment.accounts)
        _not_own_organisation(who, Action.APPROVE_ADJUSTMENT, adjustment.accounts)
        if approving and who.id is not None and who.id == adjustment.asked_by:
            raise policy.deny(
                who,
                Message("policy.action.approve_adjustment", person=""),
                Message("policy.reason.own_adjustment"),
            )
        if not adjustment.pending:
            state = Message(f"ledger.adjustment_state.{adjustment.state.value}")
            raise InvalidValue(
                "adjustment_id", Message("problem.ledger.adjustment_decided", state=state)
            )
        return adjustment, who


def _reason(reason: str, problem: str) -> str:
    if not isinstance(reason, str) or not reason.strip():
        raise InvalidValue("reason", Message(problem))
    return reason.strip()


def _not_own_organisation(who: Acting, action: Action, accounts: Sequence[uuid.UUID]) -> None:
    """No one moves the hours of an organisation they coordinate (their own, in effect)."""
    if who.is_operator:
        return
    if any(account in who.coordinates for account in accounts):
        raise policy.deny(
            who,
            Message(f"policy.action.{action.value}", person=""),
            Message("policy.reason.own_organisation_account"),
        )


def _may_read(uow: UnitOfWork, by: uuid.UUID | Principal, account: uuid.UUID) -> None:
    """Refuse ``by`` reading ``account`` unless the policy lets it."""
    who = acting(uow, by)
    if who.is_operator:
        return
    if account == uow.community.get().solidarity_account:
        policy.require(who, Action.READ_SOLIDARITY)
        return
    holder = uow.actors.find(account)
    if holder is None:
        raise NotFound("actor", account)
    policy.require(who, Action.READ_ACCOUNT, subject=holder)
