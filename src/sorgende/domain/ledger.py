"""The time bank (Zeitbank): a double-entry ledger of minutes.

Every :class:`Posting` moves minutes between accounts and sums to zero. An actor's
account has the actor's id; the community's solidarity fund has
``Community.solidarity_account``. Confirming an exchange posts its minutes from the
recipient's account (or the solidarity account, by community policy) to the helper's.
The only other postings are adjustments (:class:`Adjustment`): a ledger keeper moves
hours with a reason; above the community's threshold a second ledger keeper approves
first (four eyes), and until then the adjustment is pending and moves nothing.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime

import attrs

from sorgende.domain.actors import Actor
from sorgende.domain.community import Community, SolidarityPolicy
from sorgende.domain.exchanges import Exchange, ExchangeState
from sorgende.domain.personal import personal
from sorgende.domain.values import new_id
from sorgende.errors import LedgerError


class PostingKind(enum.StrEnum):
    EXCHANGE = "exchange"
    ADJUSTMENT = "adjustment"
    #: hours for an activity a plugin records (a shift worked at an event): its
    #: ``reason`` says what, its ``cause`` names the plugin's record
    ACTIVITY = "activity"


@attrs.frozen
class Entry:
    """One line of a posting: ``minutes`` added to (positive) or taken from ``account``."""

    account: uuid.UUID
    minutes: int


@attrs.frozen
class Posting:
    """A balanced set of entries with its cause (a confirmed exchange or an adjustment)."""

    community_id: uuid.UUID
    kind: PostingKind
    entries: tuple[Entry, ...]
    at: datetime
    made_by: uuid.UUID
    id: uuid.UUID = attrs.field(factory=new_id)
    exchange_id: uuid.UUID | None = None
    reason: str = ""
    #: what an activity's posting is for, as the plugin names it (``projects.shift:<id>``)
    cause: str = ""

    def __attrs_post_init__(self) -> None:
        if len(self.entries) < 2:
            raise LedgerError(detail=f"posting {self.id} needs at least two entries")
        total = sum(e.minutes for e in self.entries)
        if total != 0:
            raise LedgerError(detail=f"posting {self.id} does not sum to zero but to {total}")
        if self.kind is PostingKind.EXCHANGE and self.exchange_id is None:
            raise LedgerError(detail=f"exchange posting {self.id} names no exchange")
        if self.kind is PostingKind.ADJUSTMENT and not self.reason.strip():
            raise LedgerError(detail=f"adjustment {self.id} has no reason")
        if self.kind is PostingKind.ACTIVITY and not self.reason.strip():
            raise LedgerError(detail=f"activity posting {self.id} has no reason")

    def amount_for(self, account: uuid.UUID) -> int:
        return sum(e.minutes for e in self.entries if e.account == account)


def activity_posting(
    community_id: uuid.UUID,
    from_account: uuid.UUID,
    to_account: uuid.UUID,
    minutes: int,
    at: datetime,
    made_by: uuid.UUID | None,
    reason: str,
    cause: str = "",
) -> Posting:
    """The posting of hours for an activity: ``minutes`` from one account to another."""
    return Posting(
        community_id=community_id,
        kind=PostingKind.ACTIVITY,
        entries=(Entry(from_account, -minutes), Entry(to_account, minutes)),
        at=at,
        # the operator's and the system's postings name the account of no one
        made_by=made_by if made_by is not None else community_id,
        reason=reason,
        cause=cause,
    )


def paying_account(community: Community, recipient: Actor) -> uuid.UUID:
    """The account that gives the hours for help ``recipient`` receives."""
    policy = community.solidarity_policy
    if policy is SolidarityPolicy.ALL or (
        policy is SolidarityPolicy.MARKED_RECIPIENTS and recipient.receives_solidarity
    ):
        return community.solidarity_account
    return recipient.id


def exchange_posting(
    exchange: Exchange, community: Community, recipient: Actor, made_by: uuid.UUID
) -> Posting:
    """The posting for a confirmed (or resolved) exchange."""
    if exchange.state not in (ExchangeState.CONFIRMED, ExchangeState.RESOLVED):
        raise LedgerError(
            detail=f"exchange {exchange.id} is {exchange.state}; only confirmed or resolved "
            "exchanges are posted"
        )
    payer = paying_account(community, recipient)
    return Posting(
        community_id=exchange.community_id,
        kind=PostingKind.EXCHANGE,
        entries=(Entry(payer, -exchange.minutes), Entry(exchange.helper_id, exchange.minutes)),
        at=exchange.history[-1].at,
        made_by=made_by,
        exchange_id=exchange.id,
    )


@attrs.frozen
class StatementLine:
    posting_id: uuid.UUID
    at: datetime
    kind: PostingKind
    minutes: int
    balance: int
    exchange_id: uuid.UUID | None
    reason: str


@attrs.frozen
class Statement:
    """An account's postings in order, with a running balance (Kontoauszug)."""

    account: uuid.UUID
    opening_balance: int
    lines: tuple[StatementLine, ...]

    @property
    def closing_balance(self) -> int:
        return self.lines[-1].balance if self.lines else self.opening_balance


def statement(
    account: uuid.UUID,
    postings: Iterable[Posting],
    since: datetime | None = None,
    until: datetime | None = None,
) -> Statement:
    ordered: Sequence[Posting] = sorted(postings, key=lambda p: (p.at, str(p.id)))
    opening, lines = 0, []
    running = 0
    for posting in ordered:
        amount = posting.amount_for(account)
        if amount == 0 and all(e.account != account for e in posting.entries):
            continue
        if until is not None and posting.at >= until:
            break
        running += amount
        if since is not None and posting.at < since:
            opening = running
            continue
        lines.append(
            StatementLine(
                posting_id=posting.id,
                at=posting.at,
                kind=posting.kind,
                minutes=amount,
                balance=running,
                exchange_id=posting.exchange_id,
                reason=posting.reason,
            )
        )
    return Statement(account=account, opening_balance=opening, lines=tuple(lines))


# -- adjustments: four eyes above the threshold -----------------------------------------


class AdjustmentState(enum.StrEnum):
    #: above the threshold, waiting for a second ledger keeper: nothing is booked yet
    PENDING = "pending"
    #: a second ledger keeper (or the operator) approved it: booked
    APPROVED = "approved"
    #: a second ledger keeper (or the operator) refused it: nothing is booked
    REJECTED = "rejected"
    #: within the threshold, or made by the operator: booked at once
    IMMEDIATE = "immediate"


@attrs.frozen
class Adjustment:
    """A correction of the ledger: ``minutes`` from ``from_account`` to ``to_account``.

    Every adjustment is kept with its reason, who asked and when; one above the
    community's threshold (``Community.adjustment_threshold_minutes``) is
    :attr:`~AdjustmentState.PENDING` until a second ledger keeper decides, with a reason
    of their own. ``posting_id`` is the posting it made, once it took effect.
    ``asked_by``/``decided_by`` ``None``: the operator. The reasons are free text about
    the accounts' holders: personal data of theirs, blanked when one of them is erased.
    """

    community_id: uuid.UUID
    from_account: uuid.UUID
    to_account: uuid.UUID
    minutes: int
    asked_at: datetime
    asked_by: uuid.UUID | None
    reason: str = personal(erased="")
    id: uuid.UUID = attrs.field(factory=new_id)
    state: AdjustmentState = AdjustmentState.PENDING
    decided_by: uuid.UUID | None = None
    decided_at: datetime | None = None
    decision_reason: str = personal(default="", erased="")
    posting_id: uuid.UUID | None = None
    version: int = 1

    @property
    def pending(self) -> bool:
        return self.state is AdjustmentState.PENDING

    @property
    def accounts(self) -> tuple[uuid.UUID, uuid.UUID]:
        return (self.from_account, self.to_account)

    def posting(self, at: datetime, made_by: uuid.UUID | None) -> Posting:
        """The posting that makes this adjustment take effect."""
        return Posting(
            community_id=self.community_id,
            kind=PostingKind.ADJUSTMENT,
            entries=(Entry(self.from_account, -self.minutes), Entry(self.to_account, self.minutes)),
            at=at,
            # the operator's postings name the account of no one: the community's
            made_by=made_by if made_by is not None else self.community_id,
            reason=self.reason,
        )

    def decided(
        self,
        state: AdjustmentState,
        by: uuid.UUID | None,
        at: datetime,
        reason: str,
        posting_id: uuid.UUID | None = None,
    ) -> Adjustment:
        """This pending adjustment approved or rejected (the next version)."""
        if not self.pending or state not in (AdjustmentState.APPROVED, AdjustmentState.REJECTED):
            raise LedgerError(detail=f"adjustment {self.id} is {self.state}, not pending")
        return attrs.evolve(
            self,
            state=state,
            decided_by=by,
            decided_at=at,
            decision_reason=reason,
            posting_id=posting_id,
            version=self.version + 1,
        )


@attrs.frozen
class AdjustmentOutcome:
    """What asking for, approving or rejecting an adjustment gives back: the adjustment as
    it is now and the posting it made, ``None`` while it is pending or when rejected."""

    adjustment: Adjustment
    posting: Posting | None = None

    @property
    def pending(self) -> bool:
        return self.adjustment.pending

    @property
    def took_effect(self) -> bool:
        return self.posting is not None


def needs_approval(minutes: int, threshold_minutes: int, by_operator: bool) -> bool:
    """Whether an adjustment of ``minutes`` waits for a second ledger keeper: above the
    community's threshold, unless the operator makes it."""
    return not by_operator and minutes > threshold_minutes
