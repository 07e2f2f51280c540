"""Storage on SQLAlchemy Core: SQLite (the embedded default) and PostgreSQL.

Every unit of work is one database transaction. Updates are compare-and-set:
``UPDATE ... WHERE id = :id AND community_id = :c AND version = :expected`` must change
exactly one row, otherwise :class:`~sorgende.errors.ConflictError` is raised and the
transaction is rolled back, so a lost race writes nothing. On SQLite (WAL mode) a
unit opened ``writing=True`` (every write use case) begins ``IMMEDIATE``: it takes the
write lock first, waiting for it up to the busy timeout, so its reads are never made
stale by another commit. A unit opened as a reader begins deferred (it never blocks);
should it write after another unit committed, SQLite refuses (its snapshot is stale:
``SQLITE_BUSY_SNAPSHOT``) and that becomes a ``ConflictError``, as does a write lock not
got within the busy timeout. The platform runs a use case that meets one again.

Records go in and out through the one converter (:mod:`sorgende.serialization`); the
columns next to ``data`` only serve queries (see :mod:`.tables`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

from sqlalchemy import (
    Connection,
    Engine,
    MetaData,
    Table,
    create_engine,
    event,
    select,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from sorgende.default_plugins.records import core_registry
from sorgende.default_plugins.sql import bulk
from sorgende.default_plugins.sql import tables as t
from sorgende.default_plugins.sql.damaged import DamagedRow, damaged_rows
from sorgende.default_plugins.sql.encoding import IMMEDIATE, json_serializer
from sorgende.default_plugins.sql.event_log import SQLEventLog, SQLEventLogRepo
from sorgende.default_plugins.sql.kinds import SQLKindRepo, check_tables, kind_table
from sorgende.default_plugins.sql.repos import (
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
)
from sorgende.default_plugins.sql.schema import analyze, ensure_current
from sorgende.domain.actors import Actor
from sorgende.domain.commitments import Commitment
from sorgende.domain.community import Place
from sorgende.domain.exchanges import Exchange
from sorgende.domain.help import HelpOffer, HelpRequest
from sorgende.domain.ledger import Posting
from sorgende.domain.recognition import Recognition
from sorgende.errors import ConfigError, ConflictError, InvalidRecordKind, Message, WrongCommunity
from sorgende.notifications.records import NotificationPreferences
from sorgende.records import RecordKind, Registry
from sorgende.serialization import loads

#: the core's tables and the record classes their rows hold (``SQLStorage.damaged``)
CORE_TABLES: tuple[tuple[Any, type[Any]], ...] = (
    (t.places, Place),
    (t.actors, Actor),
    (t.requests, HelpRequest),
    (t.offers, HelpOffer),
    (t.exchanges, Exchange),
    (t.commitments, Commitment),
    (t.postings, Posting),
    (t.recognitions, Recognition),
    (t.notification_preferences, NotificationPreferences),
)

if TYPE_CHECKING:
    from sorgende.default_plugins.sql.outbox import SQLOutbox

T = TypeVar("T")


class SQLStorage:
    """Communities in a SQL database reached through a SQLAlchemy URL."""

    def __init__(
        self,
        url: str,
        engine: Engine | None = None,
        *,
        log_events: bool = True,
        registry: Registry | None = None,
    ) -> None:
        self.url = url
        self.engine = engine or make_engine(url)
        registry = registry if registry is not None else core_registry()
        #: the plugins' migration directories, run with the core's
        self.migrations = tuple(path for _, path in registry.migrations)
        ensure_current(self.engine, url, self.migrations)
        # a registered kind's table, as its repository queries it
        self._kind_metadata = MetaData()
        # the core's kinds are there whatever registry a caller built
        kinds = {k.name: k for k in (*core_registry().generic(), *registry.generic())}
        self._kinds: dict[str, tuple[RecordKind[Any], Table]] = {
            name: (kind, kind_table(kind, self._kind_metadata)) for name, kind in kinds.items()
        }
        check_tables(self.engine, url, {name: table for name, (_, table) in self._kinds.items()})
        self._outbox: SQLOutbox | None = None
        self._sqlite = self.engine.dialect.name == "sqlite"
        # log_events=False only for the benchmarks' baseline: nothing is logged
        self._log_events = log_events

    def unit_of_work(self, community_id: uuid.UUID, *, writing: bool = False) -> SQLUnitOfWork:
        # PostgreSQL needs no lock up front: its compare-and-set updates wait for the
        # row's lock and then see the winner's version
        return SQLUnitOfWork(self, community_id, writing and self._sqlite)

    def community_ids(self) -> Sequence[uuid.UUID]:
        with self.engine.connect() as conn:
            return list(conn.scalars(select(t.communities.c.id).order_by(t.communities.c.seq)))

    def outbox(self) -> SQLOutbox:
        """The notification outbox (see :mod:`.outbox`)."""
        if self._outbox is None:
            from sorgende.default_plugins.sql.outbox import SQLOutbox

            self._outbox = SQLOutbox(self.engine)
        return self._outbox

    def event_log(self) -> SQLEventLog:
        """The event log (see :mod:`.event_log`)."""
        return SQLEventLog(self.engine)

    def optimize(self) -> None:
        """Refresh the query planner's statistics, as after a bulk import (``ANALYZE``)."""
        with self.engine.begin() as conn:
            analyze(conn)

    def damaged(self, community_id: uuid.UUID) -> list[DamagedRow]:
        """The community's stored rows that cannot be read (lists leave them out), for
        ``sorgende db check``: every table of the core's and the registered kinds."""
        tables = (*CORE_TABLES, *((table, kind.cls) for kind, table in self._kinds.values()))
        with self.engine.connect() as conn:
            return list(damaged_rows(conn, community_id, tables))

    def close(self) -> None:
        self.engine.dispose()


def make_engine(url: str) -> Engine:
    """An engine with the settings this storage relies on (see docs/configuration.md)."""
    # the records' JSON through the project's functions (orjson when it is installed);
    # a record's text written already (encoding.Encoded) is stored as it is
    json = {"json_serializer": json_serializer, "json_deserializer": loads}
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"timeout": 30, "check_same_thread": False}, **json
        )
        _configure_sqlite(engine)
        return engine
    given = make_url(url)
    pool = {
        name: _pool_setting(given.query, name, default)
        for name, default in (("pool_size", POOL_SIZE), ("max_overflow", MAX_OVERFLOW))
    }
    plain = given.difference_update_query(list(pool))
    return create_engine(plain, pool_pre_ping=True, **pool, **json)


#: connections a PostgreSQL storage keeps open, and may open beyond them under load: as
#: many together as a web server's request threads (anyio's 40), so that no request waits
#: for a connection (SQLAlchemy's default of 5 + 10 made one of 16 busy threads time out)
POOL_SIZE = 10
MAX_OVERFLOW = 30


def _pool_setting(query: Mapping[str, Any], name: str, default: int) -> int:
    """``?pool_size=`` / ``?max_overflow=`` of a PostgreSQL URL, checked."""
    raw = query.get(name)
    if raw is None:
        return default
    text = raw if isinstance(raw, str) else raw[-1]
    if not text.isdigit():
        raise ConfigError(
            source=f"storage URL, {name}",
            problem=Message("problem.config.whole_number", value=text),
        )
    return int(text)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # let SQLAlchemy, not the driver, decide where transactions begin
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # WAL: readers do not block the writer; foreign keys: entries need postings;
        # busy timeout: wait for the lock instead of failing at once
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Connection) -> None:
        # deferred for readers: they never block. One that read and then writes after
        # another committed is refused by SQLite itself (its snapshot is stale), which
        # the repositories turn into a ConflictError. Write use cases and the outbox's
        # dispatcher transactions take the write lock at once (IMMEDIATE), so they wait
        # for it instead of failing
        if conn.get_execution_options().get(IMMEDIATE):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


class SQLUnitOfWork:
    def __init__(
        self, storage: SQLStorage, community_id: uuid.UUID, immediate: bool = False
    ) -> None:
        self.storage = storage
        self.community_id = community_id
        self._immediate = immediate
        self._conn: Connection | None = None
        self._conflict: ConflictError | None = None
        #: restores the connection's settings an import changed (see ``importing``)
        self._restore: Callable[[], None] | None = None
        self.community = _CommunityRepo(self)
        self.places = _PlaceRepo(self, t.places, Place)
        self.categories = _CategoryRepo(self)
        self.actors = _ActorRepo(self, t.actors, Actor)
        self.requests = _RequestRepo(self, t.requests, HelpRequest)
        self.offers = _OfferRepo(self, t.offers, HelpOffer)
        self.exchanges = _ExchangeRepo(self, t.exchanges, Exchange)
        self.commitments = _CommitmentRepo(self, t.commitments, Commitment)
        self.postings = _PostingRepo(self, t.postings, Posting)
        self.recognitions = _RecognitionRepo(self, t.recognitions, Recognition)
        self.outbox = _OutboxRepo(self)
        self.notification_preferences = _PreferenceRepo(
            self, t.notification_preferences, NotificationPreferences
        )
        self.event_log = SQLEventLogRepo(self, storage._log_events)

    def of(self, kind: RecordKind[T]) -> SQLKindRepo[T]:
        """The repository of a registered record kind (made once per unit of work)."""
        repos = self.__dict__.setdefault("_kind_repos", {})
        repo = repos.get(kind.name)
        if repo is None:
            known = self.storage._kinds.get(kind.name)
            if known is None:
                raise InvalidRecordKind(
                    kind=kind.name,
                    problems=[
                        f"it is not registered with the storage {self.storage.url} "
                        "(no plugin declared it when the storage was opened)"
                    ],
                )
            repo = repos[kind.name] = SQLKindRepo(self, known[0], known[1])
        return repo  # type: ignore[no-any-return]

    @property
    def conn(self) -> Connection:
        """The transaction's connection, opened on first use."""
        if self._conn is None:
            conn = self.storage.engine.connect()
            if self._immediate:
                conn.execution_options(**{IMMEDIATE: True})
            try:
                conn.begin()
            except OperationalError as error:
                # the write lock was not got within the busy timeout
                conn.close()
                raise self._failed(
                    ConflictError(kind="transaction", id=self.community_id, expected="the lock")
                ) from error
            self._conn = conn
        return self._conn

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.rollback()

    def commit(self) -> None:
        if self._conflict is not None:
            raise self._conflict
        if self.event_log.events:
            self.event_log.flush()  # numbered in this transaction, just before it commits
        if self._conn is not None:
            try:
                self._conn.commit()
            except OperationalError as error:
                self.rollback()
                raise ConflictError(
                    kind="transaction", id=self.community_id, expected="commit"
                ) from error
            finally:
                self._close()

    def rollback(self) -> None:
        self.event_log.events.clear()
        if self._conn is not None:
            try:
                self._conn.rollback()
            finally:
                self._close()

    def importing(self) -> None:
        """Many inserts follow (an import, see :class:`sorgende.ports.UnitOfWork`): on
        SQLite the connection gets a larger page cache until the unit of work ends."""
        if self._restore is None:
            self._restore = bulk.enlarge_cache(self.conn)

    def _close(self) -> None:
        if self._conn is not None:
            restore, self._restore = self._restore, None
            if restore is not None:
                restore()  # before the connection goes back to the pool
            self._conn.close()
            self._conn = None

    def _failed(self, error: ConflictError) -> ConflictError:
        """A conflict rolls the whole unit back; a later commit raises it again."""
        self.rollback()
        self._conflict = error
        return error

    def check_scope(self, community_id: uuid.UUID) -> None:
        if community_id != self.community_id:
            raise WrongCommunity(record=community_id, unit=self.community_id)
