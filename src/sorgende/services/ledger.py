"""Use cases of the time bank: balances, statements, adjustments, recognition."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

import attrs

from sorgende.domain import events as ev
from sorgende.domain.ledger import Entry, Posting, PostingKind, Statement, statement
from sorgende.domain.policy import Action
from sorgende.domain.recognition import Recognition
from sorgende.domain.values import MINUTES_PER_HOUR
from sorgende.errors import InvalidAdjustment, InvalidValue, Message, NotFound
from sorgende.services.base import UseCases, require, retry_conflicts

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
    def balance(self, account: uuid.UUID) -> Balance:
        """The balance of an actor's account (its id) or the solidarity account."""
        with self._read() as uow:
            return Balance(account, uow.postings.balance(account))

    def statement(
        self,
        account: uuid.UUID,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> Statement:
        """The account's postings with a running balance (Kontoauszug)."""
        with self._read() as uow:
            return statement(account, uow.postings.list(account=account), since, until)

    def postings(self) -> Sequence[Posting]:
        with self._read() as uow:
            return uow.postings.list()

    @retry_conflicts
    def adjust_hours(
        self,
        from_account: uuid.UUID,
        to_account: uuid.UUID,
        hours: float,
        *,
        by: uuid.UUID,
        reason: str,
    ) -> Posting:
        """A coordinator moves hours between accounts, with a reason (e.g. a correction)."""
        if (
            isinstance(hours, bool)
            or not isinstance(hours, int | float)
            or not 1 / MINUTES_PER_HOUR <= hours <= MAX_ADJUSTMENT_HOURS
        ):
            raise InvalidAdjustment(hours=hours, most=MAX_ADJUSTMENT_HOURS)
        minutes = round(hours * MINUTES_PER_HOUR)
        if not reason.strip():
            raise InvalidValue("reason", Message("problem.ledger.adjustment_needs_reason"))
        if from_account == to_account:
            raise InvalidValue("to_account", Message("problem.ledger.accounts_differ"))
        with self._work() as w:
            uow = w.uow
            require(uow, by, Action.ADJUST_HOURS, accounts=(from_account, to_account))
            community = uow.community.get()
            for account in (from_account, to_account):
                if account != community.solidarity_account and uow.actors.find(account) is None:
                    raise NotFound("actor", account)
            posting = Posting(
                community_id=self.community_id,
                kind=PostingKind.ADJUSTMENT,
                entries=(Entry(from_account, -minutes), Entry(to_account, minutes)),
                at=w.now,
                made_by=by,
                reason=reason,
            )
            self._veto(w, "adjust_hours", by, posting)
            uow.postings.add(posting)
            w.events.append(ev.HoursAdjusted(self.community_id, w.now, by, posting.id))
        return posting

    def recognitions(self, *, actor_id: uuid.UUID | None = None) -> Sequence[Recognition]:
        with self._read() as uow:
            return uow.recognitions.list(actor_id=actor_id)
