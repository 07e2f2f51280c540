"""The records of the outbox: what use cases write, what the dispatcher delivers, preferences.

* An :class:`OutboxEntry` is written by a use case in its own transaction: the events it
  caused that someone may need to hear about. It is the only thing a use case pays for.
* A dispatcher turns each entry into :class:`Delivery` rows, one per event, recipient
  and channel (fan-out), in one transaction with marking the entry done; then it hands
  each due delivery to its channel, and marks it sent only after the channel returned.
* :class:`NotificationPreferences` are a person's choices: which kinds of events on
  which channel, a daily digest, quiet hours, the language.
"""

from __future__ import annotations

import enum
import random
import uuid
from datetime import datetime, time

import attrs

from sorgende.domain.events import DomainEvent
from sorgende.domain.notices import notice_mark
from sorgende.serialization import event_types

#: the version (4) and variant (RFC 4122) bits of a random UUID
_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
_VERSION4 = (4 << 76) | (0x8000 << 48)
_make = object.__new__
_set = object.__setattr__
_UNKNOWN = uuid.SafeUUID.unknown


def fresh_id() -> uuid.UUID:
    """A new random (version 4) UUID for an outbox row, several times cheaper than uuid4().

    Every use case that notifies writes one, so its cost shows: ``uuid.uuid4()`` asks the
    kernel for randomness and validates its arguments in pure Python. The ids need to be
    unique, not unpredictable: 122 bits from Python's generator (seeded from the kernel,
    and seeded again in a forked child) do that. The UUID is built as ``uuid.UUID``
    builds itself (its fields set with ``object.__setattr__``), and equals
    ``uuid.UUID(int=...)`` of the same value.
    """
    value = (random.getrandbits(128) & _CLEAR) | _VERSION4
    made = _make(uuid.UUID)
    _set(made, "int", value)
    _set(made, "is_safe", _UNKNOWN)
    return made


@attrs.frozen
class OutboxEntry:
    """The events of one committed use case, waiting for the dispatcher's fan-out.

    The events of entry ``id`` are numbered from 0; event ``i`` has the event id
    ``f"{id}.{i}"``, the first part of the idempotency keys of its deliveries.
    """

    id: uuid.UUID
    community_id: uuid.UUID
    created_at: datetime
    events: tuple[DomainEvent, ...]


def event_id(entry_id: uuid.UUID, index: int) -> str:
    """The id of event ``index`` of an outbox entry (stable: a retry computes the same)."""
    return f"{entry_id}.{index}"


def delivery_key(event: str, actor_id: uuid.UUID | None, channel: str) -> str:
    """The idempotency key of a delivery: one per (event, recipient, channel)."""
    return f"{event}:{actor_id or '-'}:{channel}"


class DeliveryStatus(enum.StrEnum):
    #: waiting for its time (``next_attempt_at``), or being sent
    PENDING = "pending"
    #: the channel took it
    SENT = "sent"
    #: every attempt failed; a coordinator may retry it (``sorgende notify retry``)
    DEAD = "dead"
    #: kept for the person's daily digest
    HELD = "held"
    #: went out as part of a digest (the digest is a delivery of its own)
    DIGESTED = "digested"
    #: not sent: the person withdrew consent, was erased or cannot be reached any more
    SKIPPED = "skipped"


#: the ``kind`` of a digest's own delivery
DIGEST_KIND = "Digest"
#: statuses of deliveries that are over; ``purge`` may delete them
FINISHED = frozenset({DeliveryStatus.SENT, DeliveryStatus.DIGESTED, DeliveryStatus.SKIPPED})


def digest_key(digest_id: uuid.UUID, actor_id: uuid.UUID, channel: str) -> str:
    """The idempotency key of the digest delivery ``digest_id`` (composed once)."""
    return delivery_key(f"digest-{digest_id}", actor_id, channel)


@attrs.frozen
class DigestItem:
    """One notification inside a digest: the held delivery's key, kind, event and time."""

    key: str
    kind: str
    event: DomainEvent
    created_at: datetime


@attrs.frozen
class Delivery:
    """One notification for one recipient (or system) on one channel."""

    id: uuid.UUID
    #: unique per (event, recipient, channel); the channel gets it as ``Notification.key``
    key: str
    community_id: uuid.UUID
    channel: str
    #: the event's type name, or ``"Digest"``
    kind: str
    #: ``None`` for channels of the ``events`` audience
    recipient_id: uuid.UUID | None
    language: str
    status: DeliveryStatus
    #: attempts made so far (a claimed delivery counts the attempt under way)
    attempts: int
    next_attempt_at: datetime
    created_at: datetime
    #: the event (``None`` for a digest)
    event: DomainEvent | None = None
    #: the notifications of a digest (empty otherwise)
    items: tuple[DigestItem, ...] = ()
    #: the end of the period a digest covers (``None`` otherwise)
    until: datetime | None = None
    last_error: str | None = None
    sent_at: datetime | None = None


@attrs.frozen
class Outcome:
    """What happened to a claimed delivery; the store writes it back in one transaction."""

    id: uuid.UUID
    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime
    last_error: str | None = None
    sent_at: datetime | None = None


@attrs.frozen
class QuietHours:
    """A daily span of local time in which non-urgent notifications wait.

    ``start`` after ``end`` spans midnight (21:00–07:00); ``start == end`` means none.
    """

    start: time
    end: time

    @classmethod
    def parse(cls, text: str) -> QuietHours:
        """``"21:00-07:00"`` (also with an en dash); ``ValueError`` if it is not that."""
        parts = text.replace("–", "-").split("-")
        if len(parts) != 2:
            raise ValueError(f"{text!r} is not a span like 21:00-07:00")
        return cls(time.fromisoformat(parts[0].strip()), time.fromisoformat(parts[1].strip()))

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    @property
    def empty(self) -> bool:
        return self.start == self.end

    def contains(self, moment: time) -> bool:
        if self.empty:
            return False
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


#: no quiet hours (a person's explicit choice, overriding the platform's default)
NO_QUIET_HOURS = QuietHours(time(0, 0), time(0, 0))


@attrs.frozen
class NotificationPreferences:
    """What a person wants to be told, where, when and in which language.

    A channel missing from ``kinds`` uses the defaults (:data:`DEFAULT_KINDS`); an empty
    set there switches the channel off for the person.
    """

    community_id: uuid.UUID
    actor_id: uuid.UUID
    #: per channel: the kinds of events (type names) the person wants there
    kinds: dict[str, frozenset[str]] = attrs.field(factory=dict)
    #: channels on which the person gets one digest a day instead of single messages
    digest: frozenset[str] = frozenset()
    #: ``"21:00-07:00"`` (local time), ``"none"``, or ``None`` for the platform's default
    quiet_hours: str | None = None
    #: ``None``: the platform's language
    language: str | None = None
    version: int = 1

    @property
    def id(self) -> uuid.UUID:
        """Preferences are stored under the person's id (one record per person)."""
        return self.actor_id

    @property
    def quiet(self) -> QuietHours | None:
        """The person's quiet hours (``None``: the platform's default)."""
        if self.quiet_hours is None:
            return None
        if self.quiet_hours == "none":
            return NO_QUIET_HOURS
        return QuietHours.parse(self.quiet_hours)

    def wants(self, channel: str, kind: str) -> bool:
        kinds = self.kinds.get(channel)
        if kinds is not None:
            return kind in kinds
        return kind in DEFAULT_KINDS or kind in noticed_kinds()


def noticed_kinds() -> frozenset[str]:
    """The event types marked with :func:`sorgende.notifies`: told by default, like
    :data:`DEFAULT_KINDS`, to whom they concern."""
    return frozenset(name for name, cls in event_types().items() if notice_mark(cls) is not None)


#: what a person is told by default, on every channel: the exchanges they take part in
#: and the recognitions they receive
DEFAULT_KINDS: frozenset[str] = frozenset(
    {
        "ExchangeProposed",
        "ExchangeAccepted",
        "ExchangeDeclined",
        "ExchangeCancelled",
        "ExchangeCompleted",
        "ExchangeConfirmed",
        "ExchangeNoShow",
        "ExchangeDisputed",
        "ExchangeResolved",
        "RecognitionAwarded",
    }
)
