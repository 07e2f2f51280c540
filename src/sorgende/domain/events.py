"""Domain events: facts the use cases record, logged with their unit of work and handed
to plugins after commit."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import attrs


@attrs.frozen
class DomainEvent:
    community_id: uuid.UUID
    at: datetime
    #: who acted (``None`` for the system, e.g. expiry)
    by: uuid.UUID | None
    #: the person ``by`` acted for (a trusted person or a coordinator acting on their
    #: behalf), ``None`` when ``by`` acted for themselves; keyword-only with a default,
    #: so every subclass keeps its positional fields
    acted_for: uuid.UUID | None = attrs.field(default=None, kw_only=True)

    @property
    def name(self) -> str:
        return _snake(type(self).__name__)


@attrs.frozen
class ForeignEvent(DomainEvent):
    """An event in the log of a type no loaded plugin registers: its plugin was removed.

    Reading the log gives it in place of the event, so that every reader (the outbox, the
    audit trail, an export) reads past it; ``type_name`` is the type it was written as and
    ``data`` its other fields as they were written (JSON), so it is written back unchanged.
    No use case records one, and no plugin registers it.
    """

    type_name: str = ""
    data: Mapping[str, Any] = attrs.field(factory=dict)


@attrs.frozen
class LoggedEvent:
    """A committed domain event as the event log keeps it.

    ``seq`` numbers a community's events from 1 without gaps, in the order their units
    of work committed (within one unit, in the order they happened). ``at``, ``actor``
    and ``acted_for`` are the event's own ``at``, ``by`` and ``acted_for``, and ``type``
    its type's name, copied out so that readers can filter without the event.
    """

    community_id: uuid.UUID
    seq: int
    at: datetime
    actor: uuid.UUID | None
    acted_for: uuid.UUID | None
    type: str
    event: DomainEvent

    @classmethod
    def of(cls, seq: int, event: DomainEvent) -> LoggedEvent:
        return cls(
            event.community_id,
            seq,
            event.at,
            event.by,
            event.acted_for,
            event.type_name if isinstance(event, ForeignEvent) else type(event).__name__,
            event,
        )


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


@attrs.frozen
class CommunityCreated(DomainEvent):
    pass


@attrs.frozen
class PlaceAdded(DomainEvent):
    place_id: uuid.UUID


@attrs.frozen
class CategoryAdded(DomainEvent):
    code: str


@attrs.frozen
class ActorRegistered(DomainEvent):
    actor_id: uuid.UUID


@attrs.frozen
class ActorUpdated(DomainEvent):
    actor_id: uuid.UUID


@attrs.frozen
class RequestPosted(DomainEvent):
    request_id: uuid.UUID
    recipient_id: uuid.UUID


@attrs.frozen
class RequestMatched(DomainEvent):
    request_id: uuid.UUID


@attrs.frozen
class RequestReopened(DomainEvent):
    request_id: uuid.UUID


@attrs.frozen
class RequestFulfilled(DomainEvent):
    request_id: uuid.UUID


@attrs.frozen
class RequestWithdrawn(DomainEvent):
    request_id: uuid.UUID


@attrs.frozen
class RequestExpired(DomainEvent):
    request_id: uuid.UUID


@attrs.frozen
class OfferPosted(DomainEvent):
    offer_id: uuid.UUID
    helper_id: uuid.UUID


@attrs.frozen
class OfferWithdrawn(DomainEvent):
    offer_id: uuid.UUID


@attrs.frozen
class ExchangeEvent(DomainEvent):
    exchange_id: uuid.UUID
    helper_id: uuid.UUID
    recipient_id: uuid.UUID


@attrs.frozen
class ExchangeProposed(ExchangeEvent):
    pass


@attrs.frozen
class ExchangeAccepted(ExchangeEvent):
    pass


@attrs.frozen
class ExchangeDeclined(ExchangeEvent):
    pass


@attrs.frozen
class ExchangeCancelled(ExchangeEvent):
    reason: str = ""


@attrs.frozen
class ExchangeCompleted(ExchangeEvent):
    pass


@attrs.frozen
class ExchangeConfirmed(ExchangeEvent):
    minutes: int = 0


@attrs.frozen
class ExchangeNoShow(ExchangeEvent):
    pass


@attrs.frozen
class ExchangeDisputed(ExchangeEvent):
    reason: str = ""


@attrs.frozen
class ExchangeResolved(ExchangeEvent):
    minutes: int = 0


@attrs.frozen
class HoursAdjusted(DomainEvent):
    posting_id: uuid.UUID


@attrs.frozen
class CommitmentMade(DomainEvent):
    commitment_id: uuid.UUID
    actor_id: uuid.UUID


@attrs.frozen
class CommitmentPaused(DomainEvent):
    commitment_id: uuid.UUID


@attrs.frozen
class CommitmentResumed(DomainEvent):
    commitment_id: uuid.UUID


@attrs.frozen
class CommitmentEnded(DomainEvent):
    commitment_id: uuid.UUID


@attrs.frozen
class RecognitionAwarded(DomainEvent):
    recognition_id: uuid.UUID
    actor_id: uuid.UUID
    code: str


@attrs.frozen
class PersonErased(DomainEvent):
    actor_id: uuid.UUID


@attrs.frozen
class PersonExported(DomainEvent):
    """A person's data was exported (GDPR Art. 15/20): an audited act."""

    actor_id: uuid.UUID


@attrs.frozen
class PersonDeactivated(DomainEvent):
    actor_id: uuid.UUID


@attrs.frozen
class PersonReactivated(DomainEvent):
    """A deactivated person takes part again (came back, deactivated by mistake)."""

    actor_id: uuid.UUID


@attrs.frozen
class RoleGranted(DomainEvent):
    """``actor_id`` (a person or an organisation) was given a community role."""

    actor_id: uuid.UUID
    role: str


@attrs.frozen
class RoleRevoked(DomainEvent):
    actor_id: uuid.UUID
    role: str


@attrs.frozen
class MembershipChanged(DomainEvent):
    """A person's role in an organisation was set (``role`` ``""``: membership ended)."""

    actor_id: uuid.UUID
    organisation_id: uuid.UUID
    role: str


@attrs.frozen
class SettingsChanged(DomainEvent):
    """The community's settings changed: the names of the changed settings and, in the
    same order, their new values as text."""

    settings: tuple[str, ...]
    values: tuple[str, ...]


@attrs.frozen
class AdjustmentRequested(DomainEvent):
    """A ledger keeper asked for an adjustment above the community's threshold: it waits
    for a second ledger keeper (nothing is booked yet)."""

    adjustment_id: uuid.UUID
    from_account: uuid.UUID
    to_account: uuid.UUID
    minutes: int


@attrs.frozen
class AdjustmentApproved(DomainEvent):
    """A second ledger keeper (or the operator) approved a pending adjustment; the
    posting it made is logged just before, as :class:`HoursAdjusted`."""

    adjustment_id: uuid.UUID
    posting_id: uuid.UUID


@attrs.frozen
class AdjustmentRejected(DomainEvent):
    adjustment_id: uuid.UUID


@attrs.frozen
class SolidarityMarked(DomainEvent):
    """Whether the solidarity account pays for the help ``actor_id`` receives changed."""

    actor_id: uuid.UUID
    receives: bool


def replace_person(
    event: DomainEvent, person_id: uuid.UUID, pseudonym: uuid.UUID
) -> DomainEvent | None:
    """``event`` with ``pseudonym`` wherever it names ``person_id``, or ``None`` if it does not.

    Every field is looked at (``by``, ``acted_for`` and each id of the event's own
    type, a plugin's types included), and the ids inside tuples and frozensets, so an
    erased person's events still count per person but no longer name them.
    """
    changes: dict[str, object] = {}
    for field in attrs.fields(type(event)):
        value = getattr(event, field.name)
        if value == person_id:
            changes[field.name] = pseudonym
        elif isinstance(value, tuple | frozenset) and person_id in value:
            changes[field.name] = type(value)(pseudonym if v == person_id else v for v in value)
    if isinstance(event, ForeignEvent):
        # its own fields are JSON as written: the id as text, anywhere inside
        data = _replaced(event.data, str(person_id), str(pseudonym))
        if data != event.data:
            changes["data"] = data
    return attrs.evolve(event, **changes) if changes else None  # type: ignore[arg-type]


def _replaced(value: Any, old: str, new: str) -> Any:
    if isinstance(value, str):
        return new if value == old else value
    if isinstance(value, Mapping):
        return {k: _replaced(v, old, new) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_replaced(v, old, new) for v in value]
    return value


EXCHANGE_EVENTS: dict[str, type[ExchangeEvent]] = {
    "propose": ExchangeProposed,
    "accept": ExchangeAccepted,
    "decline": ExchangeDeclined,
    "cancel": ExchangeCancelled,
    "complete": ExchangeCompleted,
    "confirm": ExchangeConfirmed,
    "no_show": ExchangeNoShow,
    "dispute": ExchangeDisputed,
    "resolve": ExchangeResolved,
}
