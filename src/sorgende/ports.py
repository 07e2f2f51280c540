"""The storage port: what the use cases need from a storage, as typed Protocols.

A :class:`Storage` opens one :class:`UnitOfWork` per use case, scoped to one
community (the tenant): every repository of the unit reads and writes that
community's records only. Entities are immutable attrs instances; a change is a new
instance with ``version`` one higher, and ``update`` is a compare-and-set: it writes
only if the stored version is still ``entity.version - 1``, otherwise it raises
:class:`~sorgende.errors.ConflictError`. A storage may detect the conflict in
``update`` or in ``commit``; either way nothing of the unit of work is written.

The references that the list filters use (a request's recipient and poster, an
offer's or exchange's helper and recipient, the request or offer of an exchange, a
commitment's actor, a posting's accounts, a recognition's actor) are fixed when a
record is created and never change in an update; a storage may index them once.

A repository may also offer ``add_all(entities)``, inserting many new records at once;
:meth:`~sorgende.services.platform.Platform.import_community` uses it where present.
An import also calls a unit of work's ``importing()`` where present, before its first
insert: the storage may prepare that transaction for many rows, and must undo whatever
it changes when the unit of work ends, committed or not (the SQL storage gives a SQLite
connection a larger page cache and restores it before the connection is used again).
Likewise ``find_many(ids)``, the records of many ids at once as a dict by id (the
notification dispatcher reads its recipients with it where present).

Notifications use two more parts: a unit of work's :class:`OutboxRepository`, where a
use case writes the events it caused in its own transaction, and the storage's
:class:`OutboxStore`, through which dispatchers turn them into deliveries, claim due
deliveries and record what became of them (see ``docs/notifications.md``).

Every committed domain event is in the community's event log: a unit of work's
:class:`EventLogRepository` appends a use case's events with its records and numbers them
at commit, per community and without gaps; readers keep cursors there, moved in their own
unit of work; the storage's :class:`EventLogStore` reads the log (see
``docs/architecture.md``, "The event log").

Storage plugins implement these Protocols and pass the contract suite in
:mod:`sorgende.testing.contract`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import datetime
from types import TracebackType
from typing import Protocol, Self, TypeVar

from sorgende.domain.actors import Actor, ActorKind
from sorgende.domain.categories import Category
from sorgende.domain.commitments import Commitment
from sorgende.domain.community import Community, Place
from sorgende.domain.events import DomainEvent, LoggedEvent
from sorgende.domain.exchanges import Exchange, ExchangeState
from sorgende.domain.help import HelpOffer, HelpRequest, OfferStatus, RequestStatus
from sorgende.domain.ledger import Posting
from sorgende.domain.recognition import Recognition
from sorgende.notifications.records import (
    Delivery,
    DeliveryStatus,
    NotificationPreferences,
    OutboxEntry,
    Outcome,
)
from sorgende.records import KindRepository, RecordKind

T = TypeVar("T")


class Repository(Protocol[T]):
    """Versioned records of one kind, scoped to the unit of work's community."""

    def get(self, id: uuid.UUID) -> T:
        """The record, or :class:`~sorgende.errors.NotFound`."""
        ...

    def find(self, id: uuid.UUID) -> T | None: ...

    def add(self, entity: T) -> None:
        """Insert a new record (its id must be new)."""
        ...

    def update(self, entity: T) -> None:
        """Compare-and-set: store ``entity`` if the stored version is ``entity.version - 1``."""
        ...


class PlaceRepository(Protocol):
    def get(self, id: uuid.UUID) -> Place: ...
    def find(self, id: uuid.UUID) -> Place | None: ...
    def add(self, entity: Place) -> None: ...
    def list(self) -> Sequence[Place]: ...


class CategoryRepository(Protocol):
    def find(self, code: str) -> Category | None: ...
    def add(self, entity: Category) -> None: ...
    def list(self) -> Sequence[Category]: ...


class ActorRepository(Repository[Actor], Protocol):
    def list(self, kind: ActorKind | None = None) -> Sequence[Actor]: ...

    def persons_by_name(
        self,
        *,
        home: uuid.UUID | None,
        skill: str | None = None,
        after: tuple[str, uuid.UUID] | None = None,
        limit: int = 50,
    ) -> Sequence[Actor]:
        """Up to ``limit`` persons (not erased) whose home is ``home`` (``None``: persons
        without a home) and, with ``skill``, who list it among their skills; ordered by
        name (by code point) then id, starting after the ``(name, id)`` of ``after``.

        Matching reads candidates a page at a time this way; a storage answers from an
        index, so a page costs the same in a village and in a city.
        """
        ...

    def trusting(self, person_id: uuid.UUID) -> Sequence[Actor]:
        """The actors who named ``person_id`` their trusted person (``trusted_persons``).

        The inbox asks it on every page for the menu's count; a storage answers without
        reading every actor of the community (memory: an index kept as actors change;
        SQL: the table ``actor_trust``, kept with every insert and update of an actor).
        """
        ...


class RequestRepository(Repository[HelpRequest], Protocol):
    def list(
        self,
        *,
        statuses: Iterable[RequestStatus] | None = None,
        place_id: uuid.UUID | None = None,
        category: str | None = None,
        actor_id: uuid.UUID | None = None,
    ) -> Sequence[HelpRequest]:
        """Requests filtered by status, place, category, and recipient or poster."""
        ...

    def page(
        self,
        *,
        statuses: Iterable[RequestStatus] | None = None,
        place_id: uuid.UUID | None = None,
        category: str | None = None,
        offset: int = 0,
        limit: int = 50,
        count_limit: int | None = None,
    ) -> tuple[Sequence[HelpRequest], int]:
        """One page of the matching requests in the board's order, and how many match.

        The order is :func:`sorgende.domain.help.board_order`: urgent first, then by the
        start of the window, then by id. A storage answers from an index without loading
        every match: a board of 100,000 open requests is paged in milliseconds. With
        ``count_limit`` the count stops there (``min(matches, count_limit)``, the same on
        every storage): counting every match is what grows with the community on SQL.
        """
        ...

    def expiring(self, now: datetime) -> Sequence[HelpRequest]:
        """The requests whose :func:`~sorgende.domain.help.expiry_due` is at or before ``now``.

        Ordered by ``posted_at``. A storage answers from an index of that value, kept as
        statuses and windows change, so the daily expiry costs what it closes, not what
        the community holds.
        """
        ...

    def waiting(
        self, *, organisations: Collection[uuid.UUID] | None = None, limit: int = 50
    ) -> Sequence[HelpRequest]:
        """The ``limit`` open requests posted first: by ``posted_at``, then by id.

        ``organisations`` narrows them to requests organised by one of these
        organisations (``None``: the whole community). The coordinator dashboard's
        waiting list; a storage answers from an index by posting time, so the list costs
        the same at 1,000 and at 100,000 open requests.
        """
        ...

    def count_waiting(
        self,
        *,
        organisations: Collection[uuid.UUID] | None = None,
        posted_after: datetime | None = None,
        posted_until: datetime | None = None,
        count_limit: int | None = None,
    ) -> int:
        """How many open requests (of ``organisations``, as :meth:`waiting`) were posted
        after ``posted_after`` and at or before ``posted_until`` (a bound left out: no
        bound). With ``count_limit`` the count stops there (``min(matches,
        count_limit)``, as :meth:`page`): the dashboard's counts by age.
        """
        ...

    def unmatched(
        self, *, limit: int = 50, count_limit: int | None = None
    ) -> tuple[Sequence[HelpRequest], int]:
        """The first ``limit`` open requests nobody offered help for yet, and how many there
        are: the coordination's queue.

        A request counts as :func:`sorgende.domain.queue.is_unmatched` says: open,
        and none of its exchanges holds a place or is proposed (one only declined,
        cancelled or not shown up for still counts). The order is the queue's
        (:func:`sorgende.domain.queue.queue_order`): urgent first, then the longest
        waiting by ``posted_at``, then by id; not the board's order, which sorts by when
        help is needed. With ``count_limit`` the count stops there (``min(matches,
        count_limit)``, as :meth:`page`). A storage walks an index of the open requests in
        this order and asks each one's exchanges of an index by request, and stops when it
        has ``limit`` requests and its count reached ``count_limit``: the cost is that of
        the requests it passes (the first unmatched ones and the open requests with an
        offer before them), not of the community.
        """
        ...


class OfferRepository(Repository[HelpOffer], Protocol):
    def list(
        self,
        *,
        statuses: Iterable[OfferStatus] | None = None,
        category: str | None = None,
        helper_id: uuid.UUID | None = None,
    ) -> Sequence[HelpOffer]: ...


class ExchangeRepository(Repository[Exchange], Protocol):
    def list(
        self,
        *,
        request_id: uuid.UUID | None = None,
        offer_id: uuid.UUID | None = None,
        actor_id: uuid.UUID | None = None,
        helper_id: uuid.UUID | None = None,
        states: Iterable[ExchangeState] | None = None,
    ) -> Sequence[Exchange]:
        """Exchanges filtered; ``actor_id`` matches the helper or the recipient."""
        ...

    def scheduled_since(
        self,
        since: datetime,
        *,
        states: Iterable[ExchangeState] | None = None,
        organisations: Collection[uuid.UUID] | None = None,
        limit: int | None = None,
    ) -> Sequence[Exchange]:
        """The exchanges scheduled at or after ``since``, latest first (by ``scheduled``,
        then by id, both descending), at most ``limit``.

        ``states`` and ``organisations`` (exchanges organised by one of them; ``None``:
        the whole community) filter them. The dashboard's active helpers; a storage
        answers from an index by schedule, so it reads the exchanges of the time asked
        for, not the community's history.
        """
        ...


class CommitmentRepository(Repository[Commitment], Protocol):
    def list(self, *, actor_id: uuid.UUID | None = None) -> Sequence[Commitment]: ...


class PostingRepository(Protocol):
    """Postings are append-only: there is no update."""

    def add(self, entity: Posting) -> None: ...
    def list(self, *, account: uuid.UUID | None = None) -> Sequence[Posting]: ...
    def balance(self, account: uuid.UUID) -> int:
        """The sum of the account's entries, in minutes."""
        ...


class RecognitionRepository(Protocol):
    def add(self, entity: Recognition) -> None: ...
    def list(self, *, actor_id: uuid.UUID | None = None) -> Sequence[Recognition]: ...


class CommunityRepository(Protocol):
    def get(self) -> Community:
        """The unit of work's community, or :class:`~sorgende.errors.NotFound`."""
        ...

    def add(self, entity: Community) -> None: ...
    def update(self, entity: Community) -> None: ...


class OutboxRepository(Protocol):
    """The outbox of the unit of work's community: written with the use case's records."""

    def add(self, entry: OutboxEntry) -> None:
        """Write ``entry`` when the unit of work commits (and only then)."""
        ...


class PreferenceRepository(Protocol):
    """People's notification preferences, one versioned record per person."""

    def find(self, actor_id: uuid.UUID) -> NotificationPreferences | None: ...
    def add(self, entity: NotificationPreferences) -> None: ...
    def update(self, entity: NotificationPreferences) -> None:
        """Compare-and-set on the version, as :meth:`Repository.update`."""
        ...

    def delete(self, entity: NotificationPreferences) -> None:
        """Remove the person's preferences if their stored version is ``entity``'s."""
        ...


#: the deliveries a dispatcher makes of claimed outbox entries (its fan-out)
Plan = Callable[[Sequence[OutboxEntry]], Sequence[Delivery]]
#: a person's held deliveries on one channel: (community, person, channel)
DigestGroup = tuple[uuid.UUID, uuid.UUID, str]


class OutboxStore(Protocol):
    """The outbox across communities, for dispatchers; every method is its own transaction.

    Several dispatchers may use one store at once: what one has claimed, another does
    not get (on PostgreSQL through ``FOR UPDATE SKIP LOCKED``).
    """

    def fan_out(self, limit: int, plan: Plan) -> int:
        """Claim up to ``limit`` outbox entries, oldest first; insert the deliveries
        ``plan(entries)`` returns (skipping any whose key is already stored) and remove
        the entries, all in one transaction. Returns the number of entries taken."""
        ...

    def claim(self, now: datetime, until: datetime, limit: int) -> Sequence[Delivery]:
        """Up to ``limit`` pending deliveries due at ``now``, earliest first, each with
        ``attempts`` raised by one and ``next_attempt_at`` set to ``until`` (a lease: if
        the dispatcher dies, they are due again then). Committed before returning."""
        ...

    def finish(self, outcomes: Sequence[Outcome]) -> int:
        """Write the outcomes of claimed deliveries; an outcome whose delivery was
        claimed again since (its ``attempts`` differ) is dropped. Returns those written."""
        ...

    def digest_groups(self, before: datetime) -> Sequence[DigestGroup]:
        """Every (community, person, channel) with deliveries held for a digest that
        were made before ``before``."""
        ...

    def compose(self, groups: Sequence[DigestGroup], before: datetime, now: datetime) -> int:
        """For each group, one digest delivery (kind ``Digest``, due at ``now``) of its
        held deliveries made before ``before``, which become ``digested``; one
        transaction. Returns the number of digests made."""
        ...

    def deliveries(
        self,
        *,
        status: DeliveryStatus | None = None,
        community_id: uuid.UUID | None = None,
        recipient_id: uuid.UUID | None = None,
        limit: int | None = None,
    ) -> Sequence[Delivery]:
        """Deliveries filtered, in the order they were made."""
        ...

    def retry(self, ids: Sequence[uuid.UUID] | None, now: datetime) -> int:
        """Make dead deliveries (``ids``, or all when ``None``) pending again, due at
        ``now`` with no attempts counted. Returns how many."""
        ...

    def counts(self) -> Mapping[str, int]:
        """Deliveries per status, and ``outbox``: entries waiting for their fan-out."""
        ...

    def purge(self, before: datetime) -> int:
        """Delete finished deliveries (sent, digested, skipped) made before ``before``."""
        ...


class EventLogRepository(Protocol):
    """The event log of the unit of work's community, inside its transaction.

    Appended events become visible exactly when the unit of work commits, and get
    their sequence numbers then: per community from 1, without gaps, in the order the
    units committed. A reader keeps a named cursor per community (the last sequence
    number it processed); it reads after the cursor, does its work with this unit of
    work and advances the cursor here, so its work and its cursor commit together and
    a reader killed at any point sees every event exactly once (see
    :func:`sorgende.services.events.read_batch`).
    """

    def append(self, events: Sequence[DomainEvent]) -> None:
        """Log ``events`` (of this community) when the unit of work commits."""
        ...

    def read(self, after: int = 0, limit: int | None = None) -> Sequence[LoggedEvent]:
        """Committed events with a sequence number above ``after``, in order."""
        ...

    def head(self) -> int:
        """The highest committed sequence number (0 for an empty log)."""
        ...

    def cursor(self, reader: str) -> int:
        """Where ``reader`` got to (0 if it never advanced)."""
        ...

    def advance(self, reader: str, expected: int, seq: int) -> None:
        """Move ``reader``'s cursor from ``expected`` to ``seq`` at commit.

        A compare-and-set like :meth:`Repository.update`: if another unit of work moved
        the cursor first, this one raises :class:`~sorgende.errors.ConflictError` and
        writes nothing, so two instances of one reader never both process a batch.
        """
        ...

    def pseudonymise(self, person_id: uuid.UUID, pseudonym: uuid.UUID) -> None:
        """At commit, replace ``person_id`` by ``pseudonym`` in every logged event of the
        community: actor, person acted for, and every UUID field equal to it."""
        ...


class EventLogStore(Protocol):
    """The event log across communities, for operators and readers; each call reads
    committed events in a transaction of its own."""

    def read(
        self, community_id: uuid.UUID, after: int = 0, limit: int | None = None
    ) -> Sequence[LoggedEvent]:
        """The community's events with a sequence number above ``after``, in order."""
        ...

    def head(self, community_id: uuid.UUID) -> int:
        """The community's highest sequence number (0 for an empty log)."""
        ...

    def cursor(self, reader: str, community_id: uuid.UUID) -> int:
        """Where ``reader`` got to in the community's log (0 if it never advanced)."""
        ...


class UnitOfWork(Protocol):
    """One transaction over one community's records.

    Used as a context manager: leaving the block without :meth:`commit` rolls back.
    """

    community_id: uuid.UUID
    community: CommunityRepository
    places: PlaceRepository
    categories: CategoryRepository
    actors: ActorRepository
    requests: RequestRepository
    offers: OfferRepository
    exchanges: ExchangeRepository
    commitments: CommitmentRepository
    postings: PostingRepository
    recognitions: RecognitionRepository
    outbox: OutboxRepository
    notification_preferences: PreferenceRepository
    event_log: EventLogRepository

    def of(self, kind: RecordKind[T]) -> KindRepository[T]:
        """The repository of a registered record kind (see :mod:`sorgende.records`)."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None:
        """Write everything atomically, or raise and write nothing."""
        ...

    def rollback(self) -> None: ...


class Storage(Protocol):
    """A place where communities live; opened by a storage plugin for a URL.

    A storage may also offer ``optimize()`` (see :class:`OptimizingStorage`); bulk
    imports call it where it exists.
    """

    url: str

    def unit_of_work(self, community_id: uuid.UUID, *, writing: bool = False) -> UnitOfWork:
        """A new unit of work for ``community_id`` (which may not exist yet).

        ``writing=True`` says that the unit will write (every use case that changes
        something opens it so): a storage may take its write lock when the unit begins
        (SQLite: ``BEGIN IMMEDIATE``), so that the unit never works from a snapshot a
        concurrent commit made stale. Without it a unit begins as a reader; a storage may
        ignore the flag. (The platform opens storages whose ``unit_of_work`` has no
        ``writing`` parameter without it.)
        """
        ...

    def community_ids(self) -> Sequence[uuid.UUID]:
        """Every community stored here."""
        ...

    def outbox(self) -> OutboxStore:
        """The notification outbox of every community stored here."""
        ...

    def event_log(self) -> EventLogStore:
        """The event log of every community stored here."""
        ...

    def close(self) -> None: ...


class OptimizingStorage(Protocol):
    """A storage whose query planner keeps statistics (SQL): ``optimize`` refreshes them.

    Optional for storages: an import calls it after adding many records at once, so
    the planner chooses the indexes the queries are written for.
    """

    def optimize(self) -> None: ...
