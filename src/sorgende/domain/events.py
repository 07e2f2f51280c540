"""Domain events: facts the use cases record, handed to plugins after commit."""

from __future__ import annotations

import uuid
from datetime import datetime

import attrs


@attrs.frozen
class DomainEvent:
    community_id: uuid.UUID
    at: datetime
    #: who acted (``None`` for the system, e.g. expiry)
    by: uuid.UUID | None

    @property
    def name(self) -> str:
        return _snake(type(self).__name__)


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
