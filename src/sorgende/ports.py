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

Storage plugins implement these Protocols and pass the contract suite in
:mod:`sorgende.testing.contract`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import Protocol, Self, TypeVar

from sorgende.domain.actors import Actor, ActorKind
from sorgende.domain.categories import Category
from sorgende.domain.commitments import Commitment
from sorgende.domain.community import Community, Place
from sorgende.domain.exchanges import Exchange, ExchangeState
from sorgende.domain.help import HelpOffer, HelpRequest, OfferStatus, RequestStatus
from sorgende.domain.ledger import Posting
from sorgende.domain.recognition import Recognition

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
    """A place where communities live; opened by a storage plugin for a URL."""

    url: str

    def unit_of_work(self, community_id: uuid.UUID) -> UnitOfWork:
        """A new unit of work for ``community_id`` (which may not exist yet)."""
        ...

    def community_ids(self) -> Sequence[uuid.UUID]:
        """Every community stored here."""
        ...

    def close(self) -> None: ...
