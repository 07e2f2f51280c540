"""One act of help (Einsatz) and its state machine.

::

    proposed ──accept──► accepted ──complete──► completed ──confirm──► confirmed
       │                    │  │                    │
       ├─decline─► declined │  └─no_show─► no_show  └─dispute─► disputed ──resolve──► resolved
       └─cancel──► cancelled ◄─cancel─┘

Each transition names the parties who may make it. ``accept`` and ``decline`` belong
to the side that did not propose (a coordinator may always act). The recipient's side
includes persons acting on the recipient's behalf (see :mod:`sorgende.services`).
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

import attrs

from sorgende.domain.evolve import evolver
from sorgende.domain.personal import personal
from sorgende.domain.values import new_id
from sorgende.errors import (
    IllegalTransition,
    InvalidValue,
    Message,
    NotYetStarted,
    PermissionDenied,
    naming,
)
from sorgende.i18n import Listing, LocalDateTime, Quoted, Term


class ExchangeState(enum.StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    COMPLETED = "completed"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"
    DISPUTED = "disputed"
    RESOLVED = "resolved"

    @property
    def is_final(self) -> bool:
        return self in FINAL_STATES

    @property
    def holds_place(self) -> bool:
        """Whether an exchange in this state takes one of a request's helper places."""
        return self in PLACE_HOLDING_STATES


FINAL_STATES = frozenset(
    {
        ExchangeState.CONFIRMED,
        ExchangeState.DECLINED,
        ExchangeState.CANCELLED,
        ExchangeState.NO_SHOW,
        ExchangeState.RESOLVED,
    }
)
PLACE_HOLDING_STATES = frozenset(
    {
        ExchangeState.ACCEPTED,
        ExchangeState.COMPLETED,
        ExchangeState.CONFIRMED,
        ExchangeState.DISPUTED,
        ExchangeState.RESOLVED,
    }
)


class Party(enum.StrEnum):
    """The capacity in which someone acts on an exchange."""

    HELPER = "helper"
    RECIPIENT = "recipient"
    COORDINATOR = "coordinator"


@attrs.frozen
class Transition:
    name: str
    sources: frozenset[ExchangeState]
    target: ExchangeState
    parties: frozenset[Party]
    #: only the side that did not propose (or a coordinator) may make it
    counterpart_only: bool = False
    needs_reason: bool = False
    #: only once the help was to begin (``scheduled``): what happened can be told then
    after_start: bool = False


_H, _R, _C = Party.HELPER, Party.RECIPIENT, Party.COORDINATOR
S = ExchangeState

TRANSITIONS: Mapping[str, Transition] = {
    t.name: t
    for t in (
        Transition("accept", frozenset({S.PROPOSED}), S.ACCEPTED, frozenset({_H, _R, _C}), True),
        Transition("decline", frozenset({S.PROPOSED}), S.DECLINED, frozenset({_H, _R, _C}), True),
        Transition(
            "cancel",
            frozenset({S.PROPOSED, S.ACCEPTED}),
            S.CANCELLED,
            frozenset({_H, _R, _C}),
            needs_reason=True,
        ),
        Transition(
            "complete", frozenset({S.ACCEPTED}), S.COMPLETED, frozenset({_H, _C}), after_start=True
        ),
        Transition(
            "no_show",
            frozenset({S.ACCEPTED}),
            S.NO_SHOW,
            frozenset({_H, _R, _C}),
            after_start=True,
        ),
        Transition("confirm", frozenset({S.COMPLETED}), S.CONFIRMED, frozenset({_R, _C})),
        Transition(
            "dispute", frozenset({S.COMPLETED}), S.DISPUTED, frozenset({_H, _R}), needs_reason=True
        ),
        Transition(
            "resolve", frozenset({S.DISPUTED}), S.RESOLVED, frozenset({_C}), needs_reason=True
        ),
    )
}


def allowed_transitions(state: ExchangeState) -> list[str]:
    return [t.name for t in TRANSITIONS.values() if state in t.sources]


@attrs.frozen
class TransitionRecord:
    """Who moved the exchange, when, in which capacity, and for whom."""

    transition: str
    state: ExchangeState
    by: uuid.UUID
    party: Party
    at: datetime
    #: the person the actor acted for, when acting on someone's behalf
    on_behalf_of: uuid.UUID | None = None
    reason: str = personal(default="", erased="")


@attrs.frozen
class Exchange:
    """One act of help between a helper and a recipient, for a request or an offer."""

    community_id: uuid.UUID
    helper_id: uuid.UUID
    recipient_id: uuid.UUID
    category: str
    place_id: uuid.UUID
    #: when the help happens (for a recurring request: the occurrence it serves)
    scheduled: datetime
    #: planned duration; replaced by the actual duration on completion or resolution
    minutes: int
    proposed_by: Party
    history: tuple[TransitionRecord, ...]
    id: uuid.UUID = attrs.field(factory=new_id)
    request_id: uuid.UUID | None = None
    offer_id: uuid.UUID | None = None
    state: ExchangeState = ExchangeState.PROPOSED
    note: str = personal(default="", erased="")
    #: the organisation of its request or offer (its coordinators coordinate it)
    organisation_id: uuid.UUID | None = None
    version: int = 1

    def party_of(self, actor_id: uuid.UUID) -> Party | None:
        # by the ids' ints: every transition asks, and a UUID's ``==`` is Python code
        key = actor_id.int
        if key == self.helper_id.int:
            return Party.HELPER
        if key == self.recipient_id.int:
            return Party.RECIPIENT
        return None

    def check(self, name: str, party: Party, actor_id: uuid.UUID, reason: str = "") -> Transition:
        """The transition ``name`` if ``party`` may make it now; raises otherwise."""
        transition = TRANSITIONS.get(name)
        if transition is None or self.state not in transition.sources:
            raise IllegalTransition(self, transition=name, allowed=allowed_transitions(self.state))
        if party not in transition.parties:
            raise PermissionDenied(
                actor=actor_id,
                action=self._action(name),
                reason=Message(
                    "problem.exchanges.only_parties",
                    parties=Listing((Term("party", p) for p in sorted(transition.parties)), "or"),
                ),
            )
        if transition.counterpart_only and party is self.proposed_by and party is not _C:
            raise PermissionDenied(
                actor=actor_id,
                action=self._action(name),
                reason=Message("problem.exchanges.other_side_answers", party=Term("party", party)),
            )
        if transition.needs_reason and not reason.strip():
            raise InvalidValue(
                "reason",
                Message("problem.exchanges.needs_reason", name=Quoted(Term("transition", name))),
            )
        return transition

    def _action(self, name: str) -> Message:
        return Message(
            "action.exchanges.transition",
            exchange=naming.exchange(self, form="acc"),
            transition=Term("transition", name),
        )

    def apply(
        self,
        name: str,
        *,
        party: Party,
        by: uuid.UUID,
        at: datetime,
        on_behalf_of: uuid.UUID | None = None,
        reason: str = "",
        minutes: int | None = None,
    ) -> Exchange:
        """The exchange after transition ``name`` at ``at``; raises if illegal or not
        permitted, or (completion, no-show) if the help was not yet to begin.

        The record is evolved by keyword, so every field the transition does not change
        is kept (one added later with a default too).
        """
        transition = self.check(name, party, by, reason)
        if transition.after_start and at < self.scheduled:
            raise NotYetStarted(
                when=LocalDateTime(self.scheduled), change=Message(f"rules.change.{name}")
            )
        record = TransitionRecord(
            transition=name,
            state=transition.target,
            by=by,
            party=party,
            at=at,
            on_behalf_of=on_behalf_of,
            reason=reason,
        )
        return _evolve(
            self,
            minutes=self.minutes if minutes is None else minutes,
            history=(*self.history, record),
            state=transition.target,
            version=self.version + 1,
        )

    @property
    def ends(self) -> datetime:
        """When the help is planned to end: ``scheduled`` plus its ``minutes``."""
        return self.scheduled + timedelta(minutes=self.minutes)

    def overlaps(self, other: Exchange) -> bool:
        """Whether the two exchanges' planned times (``scheduled`` .. :attr:`ends`) overlap."""
        return self.scheduled < other.ends and other.scheduled < self.ends

    @property
    def closed_at(self) -> datetime | None:
        return self.history[-1].at if self.state.is_final else None


#: every transition evolves an exchange (see :func:`evolver`)
_evolve = evolver(Exchange)


def first_clash(exchange: Exchange, held: Iterable[Exchange]) -> Exchange | None:
    """The first of ``held`` (the helper's accepted exchanges) whose time overlaps
    ``exchange``'s, if any: a helper cannot be at two exchanges at once."""
    for other in held:
        if (
            other.id != exchange.id
            and other.state is ExchangeState.ACCEPTED
            and exchange.overlaps(other)
        ):
            return other
    return None
