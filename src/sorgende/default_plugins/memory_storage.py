"""The in-memory storage, for ``memory://`` URLs: tests, simulations, trying things out.

Each unit of work buffers its writes; ``commit`` checks every version under one lock
and then applies all writes, so a lost race writes nothing. Records are immutable
attrs instances and are stored as they are, without copying.
"""

from __future__ import annotations

import threading
import uuid
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar, overload

from sorgende.default_plugins.memory_board import BoardIndex
from sorgende.default_plugins.memory_event_log import NO_LOG, MemoryEventLog, NoLog, PendingLog
from sorgende.default_plugins.memory_expiry import ExpiryIndex
from sorgende.default_plugins.memory_kinds import IndexSpec, KindRepo, field_indexes
from sorgende.default_plugins.memory_kinds import repository as kind_repository
from sorgende.default_plugins.memory_live import LiveExchanges
from sorgende.default_plugins.memory_matching import MatchIndex
from sorgende.default_plugins.memory_repos import (
    _ActorRepo,
    _CategoryRepo,
    _CommitmentRepo,
    _CommunityRepo,
    _ExchangeRepo,
    _OfferRepo,
    _OutboxRepo,
    _PlaceRepo,
    _PostingRepo,
    _PreferenceRepo,
    _RecognitionRepo,
    _RequestRepo,
    entity_id,
)
from sorgende.default_plugins.memory_timeline import ScheduleIndex, WaitingIndex
from sorgende.default_plugins.records import core_registry
from sorgende.domain.exchanges import FINAL_STATES
from sorgende.errors import ConflictError, NotFound
from sorgende.hookspecs import hookimpl
from sorgende.records import RecordKind, Registry

if TYPE_CHECKING:
    from sorgende.default_plugins.memory_outbox import MemoryOutbox

T = TypeVar("T")


def _k(value: Any) -> Hashable:
    """The internal key of an id: UUIDs hash in Python code, their ``int`` in C."""
    return value.int if isinstance(value, uuid.UUID) else value


#: secondary indexes per kind of record: index name -> a record's keys in it, as the
#: tables key them (:func:`_k`: UUIDs by their ``int``), so a put hashes them in C
_INDEXES: dict[str, IndexSpec] = {
    "exchange": {
        "request": lambda e: (None if e.request_id is None else e.request_id.int,),
        "offer": lambda e: (None if e.offer_id is None else e.offer_id.int,),
        "actor": lambda e: (e.helper_id.int, e.recipient_id.int),
        "helper": lambda e: (e.helper_id.int,),
    },
    "request": {"actor": lambda r: {r.recipient_id.int, r.posted_by.int}},
    "offer": {"helper": lambda o: (o.helper_id.int,)},
    "commitment": {"actor": lambda c: (c.actor_id.int,)},
    "posting": {"account": lambda p: {e.account.int for e in p.entries}},
    "recognition": {"actor": lambda r: (r.actor_id.int,)},
}


_Write = tuple[Any, int | None]  # (entity, expected stored version or None for an insert)


class _Tables:
    """The committed records of one community."""

    def __init__(self, indexes: dict[str, IndexSpec], reindexed: set[str]) -> None:
        self.rows: dict[str, dict[Hashable, Any]] = defaultdict(dict)
        #: the storage's index declarations per kind (shared: kinds may be added later)
        self.indexes = indexes
        #: registered kinds, whose indexed fields may change in an update
        self.reindexed = reindexed
        # index entries are dicts used as ordered sets: records keep the order they came in
        self.index: dict[str, dict[str, dict[Hashable, dict[Hashable, None]]]] = {}
        self.balances: dict[Hashable, int] = defaultdict(int)
        #: per registered kind, when each record was added (lists keep that order)
        self.added: dict[str, dict[Hashable, int]] = defaultdict(dict)
        self.count = 0
        #: requests by when expiry must look at them (moves with status: kept on updates)
        self.expiry = ExpiryIndex()
        #: open requests in the board's order, per filter (moves with status: kept on updates)
        self.board = BoardIndex()
        #: each helper's exchanges not yet final (moves with state: kept on updates)
        self.live = LiveExchanges()
        #: open requests by posting time, exchanges by schedule (the dashboard; kept on updates)
        self.waiting = WaitingIndex()
        self.schedule = ScheduleIndex()
        #: persons by home and skill in name order, for matching (moves with updates)
        self.match = MatchIndex()
        #: trusted person's key -> keys of the persons who named them (moves with updates)
        self.trusting: dict[Hashable, dict[Hashable, None]] = defaultdict(dict)

    def _trust(self, key: Hashable, previous: Any, entity: Any) -> None:
        """Move ``key`` in the index of trusted persons from ``previous``'s to ``entity``'s."""
        old = previous.trusted_persons if previous is not None else frozenset()
        new = entity.trusted_persons if entity is not None else frozenset()
        for trusted in old - new:
            keys = self.trusting.get(trusted.int)
            if keys is not None:
                keys.pop(key, None)
                if not keys:
                    del self.trusting[trusted.int]
        for trusted in new - old:
            self.trusting[trusted.int][key] = None

    def _index_of(self, kind: str) -> dict[str, dict[Hashable, dict[Hashable, None]]]:
        index = self.index.get(kind)
        if index is None:
            names = self.indexes.get(kind, {})
            index = self.index[kind] = {name: defaultdict(dict) for name in names}
        return index

    def put(self, kind: str, key: Hashable, entity: Any, insert: bool) -> None:
        rows = self.rows[kind]
        previous = rows.get(key)
        rows[key] = entity
        if kind == "request":
            self.expiry.put(key, entity)
            self.board.put(key, entity)
            self.waiting.put(key, entity)
        elif kind == "exchange":
            self.live.put(key, entity)
            self.schedule.put(key, entity)
        elif kind == "actor":
            self.match.put(key, entity)
            self._trust(key, previous, entity)
        indexes = self.indexes.get(kind)
        if kind in self.reindexed:
            # a registered kind's indexed fields may change: move the record's keys
            index = self.index.get(kind) or self._index_of(kind)
            if previous is None:
                self.count += 1
                self.added[kind][key] = self.count
                for name, keys_of in (indexes or {}).items():
                    by_value = index[name]
                    for k in keys_of(entity):
                        by_value[k][key] = None
                return
            for name, keys_of in (indexes or {}).items():
                old, new = keys_of(previous), keys_of(entity)
                if old == new:
                    continue
                for k in old:
                    index[name].get(k, {}).pop(key, None)
                for k in new:
                    index[name][k][key] = None
            return
        # the core's indexed fields (ids of requests, helpers, recipients, accounts) never
        # change after a record is created, so only an insert touches the indexes
        if not insert:
            return
        if indexes:
            index = self.index.get(kind) or self._index_of(kind)
            for name, keys_of in indexes.items():
                by_value = index[name]
                for k in keys_of(entity):
                    by_value[k][key] = None
        if kind == "posting":
            for entry in entity.entries:
                self.balances[entry.account.int] += entry.minutes

    def remove(self, kind: str, key: Hashable) -> None:
        previous = self.rows[kind].pop(key, None)
        if previous is None:
            return
        if kind == "request":
            self.expiry.discard(key)
            self.board.discard(key)
            self.waiting.discard(key)
        elif kind == "exchange":
            self.live.discard(key)
            self.schedule.discard(key)
        elif kind == "actor":
            self.match.discard(key)
            self._trust(key, previous, None)
        self.added[kind].pop(key, None)
        index = self._index_of(kind)
        for name, keys_of in self.indexes.get(kind, {}).items():
            for k in keys_of(previous):
                index[name].get(k, {}).pop(key, None)


class _Gone:
    """A pending deletion in a unit of work's writes."""

    __slots__ = ("entity",)

    def __init__(self, entity: Any) -> None:
        self.entity = entity


class MemoryStorage:
    """Communities kept in this process's memory; lost when it ends."""

    def __init__(
        self, url: str = "memory://", registry: Registry | None = None, *, log_events: bool = True
    ) -> None:
        self.url = url
        self._lock = threading.RLock()
        self._tables: dict[uuid.UUID, _Tables] = {}
        #: the same tables by the id's ``int`` (hashed in C): every unit of work finds its own
        self._tables_by_int: dict[int, _Tables] = {}
        self._outbox: MemoryOutbox | None = None
        # log_events=False only for the benchmarks' baseline: no event log at all
        self._log_events = log_events
        self._event_log: MemoryEventLog | None = None
        self._indexes: dict[str, IndexSpec] = dict(_INDEXES)
        self._kinds: dict[str, RecordKind[Any]] = {}
        self._reindexed: set[str] = set()
        # the core's kinds are there whatever registry a caller built
        given = registry.generic() if registry is not None else ()
        for kind in (*core_registry().generic(), *given):
            self.register(kind)

    def register(self, kind: RecordKind[Any]) -> None:
        """Give a record kind its repository; a kind first used unregistered is added then."""
        with self._lock:
            known = self._kinds.get(kind.name)
            if known is not None:
                return
            kind.check()
            self._kinds[kind.name] = kind
            self._indexes[kind.name] = field_indexes(kind)
            self._reindexed.add(kind.name)

    def unit_of_work(self, community_id: uuid.UUID, *, writing: bool = False) -> MemoryUnitOfWork:
        # ``writing`` is not needed: every version is checked under one lock at commit
        return MemoryUnitOfWork(self, community_id)

    def community_ids(self) -> Sequence[uuid.UUID]:
        with self._lock:
            return [cid for cid, t in self._tables.items() if t.rows.get("community")]

    def close(self) -> None:
        """Nothing to release; the records stay until the object is dropped."""

    def outbox(self) -> MemoryOutbox:
        """The notification outbox (see :mod:`.memory_outbox`)."""
        if self._outbox is None:
            from sorgende.default_plugins.memory_outbox import MemoryOutbox

            with self._lock:
                if self._outbox is None:
                    self._outbox = MemoryOutbox(self._lock, self._tables)
        return self._outbox

    def event_log(self) -> MemoryEventLog:
        """The event log (see :mod:`.memory_event_log`)."""
        if self._event_log is None:
            with self._lock:
                if self._event_log is None:
                    self._event_log = MemoryEventLog(self)
        return self._event_log

    def _tables_of(self, community_id: uuid.UUID) -> _Tables:
        tables = self._tables_by_int.get(community_id.int)
        if tables is None:
            with self._lock:
                tables = self._tables.setdefault(
                    community_id, _Tables(self._indexes, self._reindexed)
                )
                self._tables_by_int[community_id.int] = tables
        return tables


R = TypeVar("R")


class _Lazy(Generic[R]):
    """A repository made on first access and then kept in the instance's ``__dict__``:
    ``make(uow, kind)``, or ``make(uow)`` without a kind (its class called directly, no
    function in between: a use case makes several)."""

    def __init__(self, make: Callable[..., R], kind: str | None = None) -> None:
        self.make = make
        self.kind = kind

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, uow: None, owner: type) -> _Lazy[R]: ...
    @overload
    def __get__(self, uow: MemoryUnitOfWork, owner: type) -> R: ...
    def __get__(self, uow: MemoryUnitOfWork | None, owner: type) -> R | _Lazy[R]:
        if uow is None:
            return self
        repo = self.make(uow) if self.kind is None else self.make(uow, self.kind)
        uow.__dict__[self.name] = repo
        return repo


#: what a unit of work makes on first use that points back at it (see ``__exit__``)
_MADE = frozenset(
    {
        "community", "places", "categories", "actors", "requests", "offers", "exchanges",
        "commitments", "postings", "recognitions", "outbox", "notification_preferences",
        "_kind_repos",
    }
)  # fmt: skip


class MemoryUnitOfWork:
    def __init__(self, storage: MemoryStorage, community_id: uuid.UUID) -> None:
        self.storage = storage
        self.community_id = community_id
        self._tables = storage._tables_by_int.get(community_id.int) or storage._tables_of(
            community_id
        )
        # kind -> key -> write; created on the first write of a kind
        self._writes: dict[str, dict[Hashable, _Write]] = {}
        self._conflict: ConflictError | None = None
        self._log: PendingLog | None = None  # set by the event_log repository
        if not storage._log_events:
            self.event_log = NO_LOG

    # repositories are made on first use (a use case touches only a few of them) and
    # then stored on the instance, so later lookups never come back to the descriptor
    community: _Lazy[_CommunityRepo] = _Lazy(_CommunityRepo)
    places: _Lazy[_PlaceRepo] = _Lazy(_PlaceRepo, "place")
    categories: _Lazy[_CategoryRepo] = _Lazy(_CategoryRepo, "category")
    actors: _Lazy[_ActorRepo] = _Lazy(_ActorRepo, "actor")
    requests: _Lazy[_RequestRepo] = _Lazy(_RequestRepo, "request")
    offers: _Lazy[_OfferRepo] = _Lazy(_OfferRepo, "offer")
    exchanges: _Lazy[_ExchangeRepo] = _Lazy(_ExchangeRepo, "exchange")
    commitments: _Lazy[_CommitmentRepo] = _Lazy(_CommitmentRepo, "commitment")
    postings: _Lazy[_PostingRepo] = _Lazy(_PostingRepo, "posting")
    recognitions: _Lazy[_RecognitionRepo] = _Lazy(_RecognitionRepo, "recognition")
    outbox: _Lazy[_OutboxRepo] = _Lazy(_OutboxRepo)
    notification_preferences: _Lazy[_PreferenceRepo] = _Lazy(
        _PreferenceRepo, "notification_preferences"
    )
    # (a storage without a log puts NO_LOG on each unit of work instead)
    event_log: _Lazy[PendingLog | NoLog] = _Lazy(PendingLog)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.rollback()
        # The repositories made on first use and the log's part point back at the unit:
        # a reference cycle per use case, left to the garbage collector, whose runs took
        # about 9% of an exchange cycle's time. Dropped here, the unit is freed at once.
        d = self.__dict__
        for name in _MADE.intersection(d):
            del d[name]
        if self._log is not None:
            self._log = None
            d.pop("event_log", None)

    def rollback(self) -> None:
        self._writes.clear()
        self._conflict = None
        log = self._log
        # after a commit (every use case) there is nothing left to clear: no call then
        if log is not None and (log.events or log.moves is not None or log.renames is not None):
            log.clear()

    def commit(self) -> None:
        if self._conflict is not None:
            raise self._conflict
        log = self._log
        if not self._writes and (log is None or log.empty):
            return
        tables = self._tables
        try:
            with self.storage._lock:
                if log is not None and log.moves is not None:
                    log.check()
                for kind, writes in self._writes.items():
                    rows = tables.rows[kind]
                    for key, (entity, expected) in writes.items():
                        stored = rows.get(key)
                        if expected is None:
                            if stored is not None:
                                raise ConflictError(kind=kind, id=entity_id(entity), expected="new")
                        elif stored is None or getattr(stored, "version", 1) != expected:
                            raise ConflictError(kind=kind, id=entity_id(entity), expected=expected)
                for kind, writes in self._writes.items():
                    for key, (entity, expected) in writes.items():
                        if type(entity) is _Gone:
                            tables.remove(kind, key)
                        else:
                            tables.put(kind, key, entity, expected is None)
                if log is not None:
                    # numbered here, under the lock: gapless per community
                    log.apply()
        finally:
            self._writes.clear()
            # an applied log has no events left: a call only after a failure or for
            # cursors and erasures
            if log is not None and (log.events or log.moves is not None or log.renames is not None):
                log.clear()

    def of(self, kind: RecordKind[T]) -> KindRepo[T]:
        """The repository of a registered record kind (made once per unit of work)."""
        repos = self.__dict__.setdefault("_kind_repos", {})
        repo = repos.get(kind.name)
        if repo is None:
            if kind.name not in self.storage._kinds:  # registered once: no lock after that
                self.storage.register(kind)
            repo = repos[kind.name] = kind_repository(self, kind)
        return repo  # type: ignore[no-any-return]

    # -- helpers used by the repositories -------------------------------------------

    def _get(self, kind: str, key: Hashable) -> Any:
        writes = self._writes.get(kind)
        if writes:
            write = writes.get(key)
            if write is not None:
                entity = write[0]
                return None if type(entity) is _Gone else entity
        return self._tables.rows[kind].get(key)

    # ``_add`` and ``_update`` read the record as ``_get`` does, inline: every write
    # of a use case passes here
    def _add(self, kind: str, key: Hashable, entity: Any) -> None:
        writes = self._writes.get(kind)
        write = None if writes is None else writes.get(key)
        if write is None:
            exists = self._tables.rows[kind].get(key) is not None
        else:
            exists = type(write[0]) is not _Gone
        if exists:
            raise ConflictError(kind=kind, id=entity_id(entity), expected="new")
        if writes is None:
            writes = self._writes[kind] = {}
        writes[key] = (entity, None)

    def _fail(self, kind: str, entity: Any, expected: int) -> ConflictError:
        # a unit of work that met a conflict writes nothing, even if the caller
        # catches the error and commits anyway
        self._writes.clear()
        self._conflict = ConflictError(kind=kind, id=entity_id(entity), expected=expected)
        return self._conflict

    def _update(self, kind: str, key: Hashable, entity: Any) -> None:
        writes = self._writes.get(kind)
        write = None if writes is None else writes.get(key)
        if write is None:
            current = self._tables.rows[kind].get(key)
        else:
            current = None if type(write[0]) is _Gone else write[0]
        if current is None:
            raise NotFound(kind, entity_id(entity))
        if current.version != entity.version - 1:
            raise self._fail(kind, entity, entity.version - 1)
        if writes is None:
            writes = self._writes[kind] = {}
        writes[key] = (entity, current.version if write is None else write[1])

    def _delete(self, kind: str, key: Hashable, entity: Any) -> None:
        current = self._get(kind, key)
        if current is None:
            raise NotFound(kind, entity_id(entity))
        if _version(current) != _version(entity):
            raise self._fail(kind, entity, _version(entity))
        writes = self._writes.setdefault(kind, {})
        write = writes.get(key)
        if write is not None and write[1] is None:
            del writes[key]  # added in this unit of work: nothing to delete at commit
        else:
            writes[key] = (_Gone(entity), _version(current) if write is None else write[1])

    def _all(self, kind: str) -> list[Any]:
        with self.storage._lock:
            rows = list(self._tables.rows[kind].items())
        writes = self._writes.get(kind)
        if not writes:
            return [entity for _, entity in rows]
        found = [writes[key][0] if key in writes else entity for key, entity in rows]
        found.extend(entity for entity, expected in writes.values() if expected is None)
        return [e for e in found if type(e) is not _Gone]

    def _by_index(self, kind: str, index: str, value: Any) -> list[Any]:
        wanted = value.int if isinstance(value, uuid.UUID) else value  # as _k
        tables = self._tables
        with self.storage._lock:
            indexes = tables.index.get(kind) or tables._index_of(kind)
            keys = list(indexes[index].get(wanted, ()))
            rows = tables.rows[kind]
            committed = [rows[k] for k in keys]
        writes = self._writes.get(kind)
        if not writes:
            return committed
        keys_of = tables.indexes[kind][index]
        if kind in tables.reindexed:
            # a pending update may have moved a record into or out of this key
            inside = set(keys)
            current = (
                writes[k][0] if k in writes else e for k, e in zip(keys, committed, strict=True)
            )
            found = [e for e in current if type(e) is not _Gone and wanted in keys_of(e)]
            found.extend(
                e
                for k, (e, _) in writes.items()
                if k not in inside and type(e) is not _Gone and wanted in keys_of(e)
            )
            return found
        # pending updates replace committed records; pending inserts may belong here too
        found = [writes[k][0] if k in writes else e for k, e in zip(keys, committed, strict=True)]
        found.extend(
            e for e, expected in writes.values() if expected is None and wanted in keys_of(e)
        )
        return found

    def _trusting(self, kind: str, person_id: uuid.UUID) -> list[Any]:
        """The actors who named ``person_id`` their trusted person: the committed index,
        merged with this unit's pending writes."""
        tables = self._tables
        with self.storage._lock:
            keys = list(tables.trusting.get(person_id.int, ()))
            rows = tables.rows[kind]
            committed = [(k, rows[k]) for k in keys]
        writes = self._writes.get(kind)
        if not writes:
            return [e for _, e in committed]
        inside = {k for k, _ in committed}
        found = [writes[k][0] if k in writes else e for k, e in committed]
        found.extend(e for k, (e, _) in writes.items() if k not in inside)
        return [e for e in found if type(e) is not _Gone and person_id in e.trusted_persons]

    def _live_exchanges(self, helper_id: uuid.UUID | None) -> list[Any]:
        """The helper's (``None``: everyone's) exchanges not in a final state (see
        :mod:`.memory_live`), with this unit's own writes."""
        tables = self._tables
        with self.storage._lock:
            keys = (
                tables.live.every() if helper_id is None else tables.live.of_helper(helper_id.int)
            )
            rows = tables.rows["exchange"]
            committed = [rows[k] for k in keys]
        writes = self._writes.get("exchange")
        if not writes:
            return committed
        inside = set(keys)
        found = [writes[k][0] if k in writes else e for k, e in zip(keys, committed, strict=True)]
        # a pending insert (or, were it possible, an update out of a final state) joins
        found.extend(
            e
            for k, (e, _) in writes.items()
            if k not in inside
            and type(e) is not _Gone
            and (helper_id is None or e.helper_id == helper_id)
        )
        return [e for e in found if type(e) is not _Gone and e.state not in FINAL_STATES]


def _version(entity: Any) -> int:
    version: int = getattr(entity, "version", 1)
    return version


@hookimpl
def sorgende_open_storage(url: str, registry: Registry | None = None) -> MemoryStorage | None:
    """Open an in-memory storage for ``memory://`` (each call a new, empty one)."""
    if url == "memory://" or url.startswith("memory://"):
        return MemoryStorage(url, registry)
    return None


@hookimpl
def sorgende_storage_schemes() -> list[str]:
    return ["memory"]
