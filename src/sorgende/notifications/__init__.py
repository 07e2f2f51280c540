"""Notifications: what a channel plugin receives when something concerns a person or a system.

A use case writes the events it causes into the outbox of its own transaction; a
dispatcher (:mod:`sorgende.notifications.dispatcher`) later turns each event into one
delivery per recipient and channel and hands it to the channel as a
:class:`Notification` (or, for people who chose a daily digest, as one :class:`Digest`
a day). See ``docs/notifications.md``.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, Protocol

import attrs

from sorgende.domain.events import DomainEvent

if TYPE_CHECKING:
    from datetime import datetime

    from sorgende.domain.actors import Actor

#: who a channel speaks to: persons concerned by an event, or an operator's system
Audience = Literal["people", "events"]


def _kind_of(notification: Notification) -> str:
    return type(notification.event).__name__


def _default_key(notification: Notification) -> str:
    # a Notification built by hand (tests, scripts) still gets a stable key; the
    # dispatcher always passes the outbox's own key
    event = notification.event
    actor = notification.actor_id or "-"
    return f"{event.community_id}/{notification.kind}/{event.at.isoformat()}:{actor}"


@attrs.frozen
class Notification:
    """Tell ``actor_id`` (or, when it is ``None``, an operator's system) about ``event``."""

    community_id: uuid.UUID
    #: the person told; ``None`` for channels of the ``events`` audience
    actor_id: uuid.UUID | None
    event: DomainEvent
    #: ``de`` or ``en``: the person's preference, else the platform's language
    language: str = "de"
    #: the event's type name, e.g. ``"ExchangeAccepted"`` (what preferences filter on)
    kind: str = attrs.field(default=attrs.Factory(_kind_of, takes_self=True), kw_only=True)
    #: the idempotency key of this delivery: stable across retries, unique per
    #: (event, recipient, channel), ``"{event id}:{actor id or -}:{channel}"``
    key: str = attrs.field(default=attrs.Factory(_default_key, takes_self=True), kw_only=True)
    #: 1 on the first delivery, 2 on the first retry, ...
    attempt: int = attrs.field(default=1, kw_only=True)
    #: the person's record as it is at delivery time (name, e-mail address, ...);
    #: ``None`` for the ``events`` audience
    recipient: Actor | None = attrs.field(default=None, kw_only=True, eq=False, repr=False)
    #: what a message can say beyond the event's ids: names, category, time, place
    #: (see :func:`sorgende.notifications.details.describe`); read on first access
    details: Mapping[str, Any] = attrs.field(factory=dict, kw_only=True, eq=False, repr=False)


@attrs.frozen
class Digest:
    """The notifications of one person and one channel collected over a day, sent at once."""

    community_id: uuid.UUID
    actor_id: uuid.UUID
    #: the notifications, oldest first (each with its own key and kind)
    notifications: tuple[Notification, ...]
    #: the end of the period the digest covers (the digest time of its day)
    until: datetime
    language: str = "de"
    #: the idempotency key of the digest's delivery, stable across retries
    key: str = ""
    attempt: int = 1
    recipient: Actor | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen
class DirectMessage:
    """A message to one address, sent at once rather than through the outbox.

    For what no event stands for and no outbox may keep: a link that signs someone in
    (an invitation, a confirmation of an e-mail address, a password reset) is a secret
    until it is used, and a row of the outbox would keep it in the database. A front
    end hands it to a channel that offers ``send_message`` (see
    :class:`NotificationChannel`); the address need not be anyone's yet (an invitation
    goes to a person who has no account).
    """

    community_id: uuid.UUID
    #: the recipient's name and e-mail address
    name: str
    address: str
    subject: str
    #: plain text, paragraphs separated by blank lines; links are written out
    text: str
    #: ``de`` or ``en``
    language: str = "de"
    #: what the message is (``web.invitation``, ...): its key and Message-ID name it
    kind: str = "message"
    #: a key of this message, unique per message (no secret in it)
    key: str = ""


class NotificationChannel(Protocol):
    """A delivery channel provided through ``sorgende_notification_channels``.

    ``send`` raises when it could not deliver; the outbox then retries with backoff
    and finally keeps the notification as a dead letter. Optional attributes a
    channel may define (the dispatcher looks them up with ``getattr``):

    * ``audience``: ``"people"`` (the default) or ``"events"`` — one notification per
      committed domain event, with ``actor_id`` ``None`` (webhooks, operator systems);
    * ``send_digest(digest)``: deliver a :class:`Digest`; without it a person's digest
      preference does not apply to this channel and every notification goes singly;
    * ``reaches(actor) -> bool``: whether the channel can reach this person at all
      (e.g. e-mail needs an address); a person it cannot reach gets no delivery;
    * ``send_message(message)``: deliver a :class:`DirectMessage` now (raise if it could
      not be sent); a front end looks for a channel that has it to send a link.
    """

    name: str

    def send(self, notification: Notification) -> None:
        """Deliver ``notification``; raise if it could not be delivered."""
        ...


__all__ = ["Audience", "Digest", "DirectMessage", "Notification", "NotificationChannel"]
