"""The memory storage's repositories of the core's own kinds, over a unit of work's tables.

Each repository reads and writes through its :class:`~.memory_storage.MemoryUnitOfWork`
(``_get``, ``_add``, ``_update``, ``_all``, ``_by_index``), which buffers writes until
commit; the list filters answer from the secondary indexes the storage declares for
each kind. (A module of its own: the unit of work creates these repositories, they
only use it, so this module imports nothing of the storage.)
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import datetime
from operator import attrgetter
from typing import Any, TypeVar

from sorgende.default_plugins import memory_queue, memory_timeline
from sorgende.default_plugins.memory_board import list_key
from sorgende.default_plugins.memory_matching import persons_page
from sorgende.domain.actors import Actor, ActorKind
from sorgende.domain.categories import Category
from sorgende.domain.commitments import Commitment
from sorgende.domain.community import Community, Place
from sorgende.domain.exchanges import FINAL_STATES, Exchange, ExchangeState
from sorgende.domain.help import (
    HelpOffer,
    HelpRequest,
    OfferStatus,
    RequestStatus,
    board_order,
    expiry_due,
)
from sorgende.domain.ledger import Posting
from sorgende.domain.recognition import Recognition
from sorgende.errors import NotFound, WrongCommunity
from sorgende.notifications.records import NotificationPreferences, OutboxEntry

T = TypeVar("T")

#: the unit of work the repositories belong to (a MemoryUnitOfWork)
MemoryUnitOfWork = Any


def entity_id(entity: Any) -> Any:
    """What names a record in an error: its id, or a category's code."""
    return getattr(entity, "id", None) or getattr(entity, "code", None)


class _Repo:
    def __init__(self, uow: MemoryUnitOfWork, kind: str) -> None:
        self.uow = uow
        self.kind = kind
        # the committed rows of the kind (the same dict for the tables' lifetime)
        self._rows = uow._tables.rows[kind]

    # a use case reads most records before it writes any: then the committed row is
    # the answer, without a call of the unit's ``_get``
    def find(self, id: uuid.UUID) -> Any:
        if self.uow._writes:
            return self.uow._get(self.kind, id.int)
        return self._rows.get(id.int)

    def get(self, id: uuid.UUID) -> Any:
        uow = self.uow
        entity = uow._get(self.kind, id.int) if uow._writes else self._rows.get(id.int)
        if entity is None:
            raise NotFound(self.kind, id)
        return entity

    def add(self, entity: Any) -> None:
        self.uow._add(self.kind, entity.id.int, entity)

    def update(self, entity: Any) -> None:
        self.uow._update(self.kind, entity.id.int, entity)


class _CommunityRepo:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self.uow = uow

    def get(self) -> Community:
        community = self.uow._get("community", self.uow.community_id.int)
        if community is None:
            raise NotFound("community", self.uow.community_id)
        return community  # type: ignore[no-any-return]

    def add(self, entity: Community) -> None:
        _check_scope(self.uow, entity.id)
        self.uow._add("community", entity.id.int, entity)

    def update(self, entity: Community) -> None:
        _check_scope(self.uow, entity.id)
        self.uow._update("community", entity.id.int, entity)


def _check_scope(uow: MemoryUnitOfWork, community_id: uuid.UUID) -> None:
    # the use cases pass the unit's own id object: ``is`` spares the comparison
    if community_id is not uow.community_id and community_id != uow.community_id:
        raise WrongCommunity(record=community_id, unit=uow.community_id)


class _PlaceRepo(_Repo):
    def add(self, entity: Any) -> None:
        _check_scope(self.uow, entity.community_id)
        super().add(entity)

    def list(self) -> Sequence[Place]:
        return sorted(self.uow._all(self.kind), key=lambda p: p.name)


class _CategoryRepo:
    def __init__(self, uow: MemoryUnitOfWork, kind: str) -> None:
        self.uow = uow
        self.kind = kind

    def find(self, code: str) -> Category | None:
        if self.uow._writes:
            return self.uow._get(self.kind, code)  # type: ignore[no-any-return]
        return self.uow._tables.rows[self.kind].get(code)  # type: ignore[no-any-return]

    def add(self, entity: Category) -> None:
        self.uow._add(self.kind, entity.code, entity)

    def list(self) -> Sequence[Category]:
        return sorted(self.uow._all(self.kind), key=lambda c: c.code)


class _ScopedRepo(_Repo):
    # the scope compared inline (by identity first): a use case adds or updates a few
    def add(self, entity: Any) -> None:
        uow = self.uow
        if entity.community_id is not uow.community_id:
            _check_scope(uow, entity.community_id)
        uow._add(self.kind, entity.id.int, entity)

    def update(self, entity: Any) -> None:
        uow = self.uow
        if entity.community_id is not uow.community_id:
            _check_scope(uow, entity.community_id)
        uow._update(self.kind, entity.id.int, entity)


class _ActorRepo(_ScopedRepo):
    def list(self, kind: ActorKind | None = None) -> Sequence[Actor]:
        actors = self.uow._all(self.kind)
        return [a for a in actors if kind is None or a.kind is kind]

    def persons_by_name(
        self,
        *,
        home: uuid.UUID | None,
        skill: str | None = None,
        after: tuple[str, uuid.UUID] | None = None,
        limit: int = 50,
    ) -> Sequence[Actor]:
        return persons_page(self.uow, self.kind, home, skill, after, limit)

    def trusting(self, person_id: uuid.UUID) -> Sequence[Actor]:
        return self.uow._trusting(self.kind, person_id)  # type: ignore[no-any-return]


def _in(value: Any, allowed: frozenset[Any] | None) -> bool:
    return allowed is None or value in allowed


def _as_set(values: Iterable[T] | None) -> frozenset[T] | None:
    return None if values is None else frozenset(values)


class _RequestRepo(_ScopedRepo):
    def list(
        self,
        *,
        statuses: Iterable[RequestStatus] | None = None,
        place_id: uuid.UUID | None = None,
        category: str | None = None,
        actor_id: uuid.UUID | None = None,
    ) -> Sequence[HelpRequest]:
        wanted = _as_set(statuses)
        if wanted == _BOARD and actor_id is None and not self.uow._writes.get(self.kind):
            # the open requests: the board's index (not the community's whole history)
            tables = self.uow._tables
            with self.uow.storage._lock:
                entries = tables.board.page(
                    list_key(place_id, category), 0, len(tables.rows[self.kind])
                )[0]
                rows_of = tables.rows[self.kind]
                found = [rows_of[k] for k in entries]
            return sorted(found, key=lambda r: r.posted_at)
        rows = (
            self.uow._all(self.kind)
            if actor_id is None
            else self.uow._by_index(self.kind, "actor", actor_id)
        )
        return sorted(
            (
                r
                for r in rows
                if _in(r.status, wanted)
                and (place_id is None or r.place_id == place_id)
                and (category is None or r.category == category)
            ),
            key=lambda r: r.posted_at,
        )

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
        wanted = _as_set(statuses)
        if wanted == _BOARD and not self.uow._writes.get(self.kind):
            # the board: a slice of the index (a unit that changed requests sorts below)
            tables = self.uow._tables
            with self.uow.storage._lock:
                keys, total = tables.board.page(list_key(place_id, category), offset, limit)
                rows = tables.rows[self.kind]
                items = [rows[k] for k in keys]
        else:
            found = sorted(
                self.list(statuses=statuses, place_id=place_id, category=category),
                key=board_order,
            )
            items, total = found[offset : offset + limit], len(found)
        return items, total if count_limit is None else min(total, count_limit)

    def expiring(self, now: datetime) -> Sequence[HelpRequest]:
        tables = self.uow._tables
        with self.uow.storage._lock:
            rows = tables.rows[self.kind]
            committed = {k: rows[k] for k in tables.expiry.due(now)}
        # this unit's own writes: an update may make a request due or no longer due
        for key, (entity, _) in self.uow._writes.get(self.kind, {}).items():
            due = None if not isinstance(entity, HelpRequest) else expiry_due(entity)
            if due is not None and due <= now:
                committed[key] = entity
            else:
                committed.pop(key, None)
        return sorted(committed.values(), key=_BY_POSTED)

    def waiting(
        self, *, organisations: Collection[uuid.UUID] | None = None, limit: int = 50
    ) -> Sequence[HelpRequest]:
        return memory_timeline.waiting(self, organisations, limit)

    def count_waiting(
        self,
        *,
        organisations: Collection[uuid.UUID] | None = None,
        posted_after: datetime | None = None,
        posted_until: datetime | None = None,
        count_limit: int | None = None,
    ) -> int:
        return memory_timeline.count_waiting(
            self, organisations, posted_after, posted_until, count_limit
        )

    def unmatched(
        self, *, limit: int = 50, count_limit: int | None = None
    ) -> tuple[Sequence[HelpRequest], int]:
        return memory_queue.unmatched(self, limit, count_limit)


_BY_POSTED = attrgetter("posted_at")
#: the statuses of the board, which the board index answers
_BOARD = frozenset({RequestStatus.OPEN})


class _OfferRepo(_ScopedRepo):
    def list(
        self,
        *,
        statuses: Iterable[OfferStatus] | None = None,
        category: str | None = None,
        helper_id: uuid.UUID | None = None,
    ) -> Sequence[HelpOffer]:
        rows = (
            self.uow._all(self.kind)
            if helper_id is None
            else self.uow._by_index(self.kind, "helper", helper_id)
        )
        wanted = _as_set(statuses)
        return sorted(
            (
                o
                for o in rows
                if _in(o.status, wanted) and (category is None or o.category == category)
            ),
            key=lambda o: o.posted_at,
        )


class _ExchangeRepo(_ScopedRepo):
    def list(
        self,
        *,
        request_id: uuid.UUID | None = None,
        offer_id: uuid.UUID | None = None,
        actor_id: uuid.UUID | None = None,
        helper_id: uuid.UUID | None = None,
        states: Iterable[ExchangeState] | None = None,
    ) -> Sequence[Exchange]:
        # the most selective index first; then only the filters it does not imply
        checks: list[Callable[[Exchange], bool]] = []
        wanted = None if states is None else frozenset(states)
        if (
            wanted is not None
            and helper_id is not None
            and request_id is None
            and offer_id is None
            and wanted.isdisjoint(FINAL_STATES)
        ):
            # a helper's exchanges still under way: not their whole history
            rows = self.uow._live_exchanges(helper_id)
            if actor_id is not None:
                rows = [e for e in rows if actor_id in (e.helper_id, e.recipient_id)]
            return sorted((e for e in rows if e.state in wanted), key=_BY_SCHEDULE)
        if (
            wanted is not None
            and request_id is None
            and offer_id is None
            and helper_id is None
            and actor_id is None
            and wanted.isdisjoint(FINAL_STATES)
        ):
            # the community's exchanges still under way (disputes): not its whole history
            rows = self.uow._live_exchanges(None)
            return sorted((e for e in rows if e.state in wanted), key=_BY_SCHEDULE)
        if request_id is not None:
            rows = self.uow._by_index(self.kind, "request", request_id)
        elif offer_id is not None:
            rows = self.uow._by_index(self.kind, "offer", offer_id)
        elif helper_id is not None:
            rows = self.uow._by_index(self.kind, "helper", helper_id)
        elif actor_id is not None:
            rows = self.uow._by_index(self.kind, "actor", actor_id)
        else:
            rows = self.uow._all(self.kind)
        if offer_id is not None and request_id is not None:
            checks.append(lambda e: e.offer_id == offer_id)
        if helper_id is not None and (request_id is not None or offer_id is not None):
            checks.append(lambda e: e.helper_id == helper_id)
        if actor_id is not None and (
            request_id is not None or offer_id is not None or helper_id is not None
        ):
            checks.append(lambda e: actor_id in (e.helper_id, e.recipient_id))
        if wanted is not None:
            rows = [e for e in rows if e.state in wanted]
        for check in checks:
            rows = [e for e in rows if check(e)]
        return sorted(rows, key=_BY_SCHEDULE)

    def scheduled_since(
        self,
        since: datetime,
        *,
        states: Iterable[ExchangeState] | None = None,
        organisations: Collection[uuid.UUID] | None = None,
        limit: int | None = None,
    ) -> Sequence[Exchange]:
        return memory_timeline.scheduled_since(self, since, states, organisations, limit)


_BY_SCHEDULE = attrgetter("scheduled")


class _CommitmentRepo(_ScopedRepo):
    def list(self, *, actor_id: uuid.UUID | None = None) -> Sequence[Commitment]:
        rows = (
            self.uow._all(self.kind)
            if actor_id is None
            else self.uow._by_index(self.kind, "actor", actor_id)
        )
        return sorted(rows, key=lambda c: c.made_at)


class _PostingRepo:
    def __init__(self, uow: MemoryUnitOfWork, kind: str) -> None:
        self.uow = uow
        self.kind = kind

    def add(self, entity: Posting) -> None:
        _check_scope(self.uow, entity.community_id)
        self.uow._add(self.kind, entity.id.int, entity)

    def list(self, *, account: uuid.UUID | None = None) -> Sequence[Posting]:
        rows = (
            self.uow._all(self.kind)
            if account is None
            else self.uow._by_index(self.kind, "account", account)
        )
        return sorted(rows, key=lambda p: p.at)

    def balance(self, account: uuid.UUID) -> int:
        with self.uow.storage._lock:
            committed: int = self.uow._tables.balances.get(account.int, 0)
        pending: int = sum(
            e.minutes
            for posting, _ in self.uow._writes.get(self.kind, {}).values()
            for e in posting.entries
            if e.account == account
        )
        return committed + pending


class _RecognitionRepo:
    def __init__(self, uow: MemoryUnitOfWork, kind: str) -> None:
        self.uow = uow
        self.kind = kind

    def add(self, entity: Recognition) -> None:
        _check_scope(self.uow, entity.community_id)
        self.uow._add(self.kind, entity.id.int, entity)

    def list(self, *, actor_id: uuid.UUID | None = None) -> Sequence[Recognition]:
        rows = (
            self.uow._all(self.kind)
            if actor_id is None
            else self.uow._by_index(self.kind, "actor", actor_id)
        )
        return sorted(rows, key=lambda r: r.awarded_at)


class _OutboxRepo:
    """Outbox entries are written like records, so they exist exactly if the unit commits."""

    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self.uow = uow

    def add(self, entry: OutboxEntry) -> None:
        if entry.community_id is not self.uow.community_id:  # the platform passes the same
            _check_scope(self.uow, entry.community_id)
        # a fresh random id: no lookup for an earlier write (commit still checks)
        self.uow._writes.setdefault("outbox", {})[entry.id.int] = (entry, None)


class _PreferenceRepo:
    def __init__(self, uow: MemoryUnitOfWork, kind: str) -> None:
        self.uow = uow
        self.kind = kind

    def find(self, actor_id: uuid.UUID) -> NotificationPreferences | None:
        return self.uow._get(self.kind, actor_id.int)  # type: ignore[no-any-return]

    def add(self, entity: NotificationPreferences) -> None:
        _check_scope(self.uow, entity.community_id)
        self.uow._add(self.kind, entity.actor_id.int, entity)

    def update(self, entity: NotificationPreferences) -> None:
        _check_scope(self.uow, entity.community_id)
        self.uow._update(self.kind, entity.actor_id.int, entity)

    def delete(self, entity: NotificationPreferences) -> None:
        _check_scope(self.uow, entity.community_id)
        self.uow._delete(self.kind, entity.actor_id.int, entity)
