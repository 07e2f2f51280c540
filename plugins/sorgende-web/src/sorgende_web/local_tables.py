"""The two tables the web plugin keeps outside the storage's record kinds.

* ``web_sign_in_throttle``: the sign-in throttle's counters, one row per key: a login
  name typed from one client address (``p:<login>|<address>``) and a client address
  (``a:<address>``), each with its failures, the time until which it waits and when it
  was last counted. They stay out of the record kinds because they are no record about
  a person: a key names what someone typed (often no login that exists) and where it
  came from, belongs to no community (a sign-in names none until it succeeds), and is
  worth nothing after the window: each failure deletes the rows not counted within the
  window whose delay is over, so nothing is kept for longer than that (15 minutes by
  default). In the storage they would be exported with a community, and the counting
  must be shared by every community and every server process.
* ``web_meta``: the key that signs CSRF tokens, made once so restarts keep forms valid.

They are made in the storage's database (a platform on ``memory://`` gets an in-memory
SQLite database for them) with ``create_all``: they hold nothing that must survive a
change of their layout, so they need no migrations. The table of sorgende-web 0.1
(``web_login_attempts``, one row per failure) is dropped: it held only attempts of the
last minutes.

Counting is atomic (:meth:`LocalTables.reserve`): an attempt is counted, and its key
made to wait once it has had its free failures, in one transaction *before* the
password is checked, on a row the transaction holds (SQLite's write lock, PostgreSQL's
row lock); a parallel burst cannot get more password checks than the free failures.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from typing import Any

import attrs
from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    case,
    create_engine,
    delete,
    event,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import StaticPool

metadata = MetaData()

throttle_table = Table(
    "web_sign_in_throttle",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("failures", Integer, nullable=False),
    #: seconds since 1970 until which the key's attempts are refused unchecked
    Column("blocked_until", BigInteger, nullable=False),
    #: when the key was last counted (the window runs from here)
    Column("updated_at", BigInteger, nullable=False),
    Index("ix_web_sign_in_throttle_updated", "updated_at"),
)
meta_table = Table(
    "web_meta",
    metadata,
    Column("key", String(50), primary_key=True),
    Column("value", Text, nullable=False),
)
#: the table of sorgende-web 0.1, dropped on start (it held attempts of minutes only)
_old = MetaData()
_old_attempts = Table("web_login_attempts", _old, Column("id", Integer, primary_key=True))
#: exponents beyond this give delays far above any sensible cap
_MAX_DOUBLINGS = 40


def make_engine(url: str) -> Engine:
    """An engine for these tables on the storage's database URL."""
    if url.startswith("memory"):
        # one connection shared by every thread: the database lives as long as the engine
        return create_engine(
            "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def on_connect(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


@attrs.frozen
class Limit:
    """One key of the throttle: ``free`` failures, then delays growing from ``base``
    seconds, doubling with each further failure, up to ``cap`` seconds."""

    key: str
    free: int
    base: int = 1
    cap: int = 900

    def delay(self, failures: int) -> int:
        """Seconds to wait after the ``failures``-th failure (0 while some are free)."""
        if failures < self.free:
            return 0
        return int(min(self.cap, self.base * 2 ** min(failures - self.free, _MAX_DOUBLINGS)))


@attrs.frozen
class Counted:
    """What :meth:`LocalTables.reserve` counted for a key: enough to undo it."""

    key: str
    #: the wait this attempt set (0: none), and the wait it replaced
    blocked_until: int
    previous: int


class Throttled(Exception):
    """An attempt refused unchecked: the key waits ``seconds`` more (nothing counted)."""

    def __init__(self, seconds: int) -> None:
        super().__init__(seconds)
        self.seconds = seconds


class LocalTables:
    """The sign-in throttle's counters and the CSRF key in one database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        _old.drop_all(engine, checkfirst=True)
        metadata.create_all(engine)
        # one shared connection (memory://) cannot hold two transactions at once
        self._serial: Any = threading.Lock() if isinstance(engine.pool, StaticPool) else None

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        with self._serial or nullcontext(), self.engine.begin() as conn:
            yield conn

    def _insert(self) -> Any:
        if self.engine.dialect.name == "postgresql":
            return postgresql.insert(throttle_table)
        return sqlite.insert(throttle_table)

    def reserve(self, limits: Sequence[Limit], now: int, since: int) -> list[Counted]:
        """Count one attempt against every key of ``limits``, as a failure until
        :meth:`forgive` says otherwise, or raise :class:`Throttled` and count nothing.

        One transaction: the row of each key is made if missing, then counted by an
        ``UPDATE ... WHERE blocked_until <= now`` that holds the row (SQLite's write
        lock, PostgreSQL's row lock) until the wait it earned is written and committed,
        so a concurrent attempt finds the key waiting instead of reading a stale count.
        A key last counted before ``since`` starts again at one failure.
        """
        c = throttle_table.c
        counted: list[Counted] = []
        with self._transaction() as conn:
            for limit in limits:
                conn.execute(
                    self._insert()
                    .values(key=limit.key, failures=0, blocked_until=0, updated_at=now)
                    .on_conflict_do_nothing(index_elements=["key"])
                )
                row = conn.execute(
                    update(throttle_table)
                    .where(c.key == limit.key, c.blocked_until <= now)
                    .values(
                        failures=case((c.updated_at < since, 1), else_=c.failures + 1),
                        updated_at=now,
                    )
                    .returning(c.failures, c.blocked_until)
                ).first()
                if row is None:
                    until = conn.scalar(select(c.blocked_until).where(c.key == limit.key))
                    # leaving the block rolls back what this attempt counted for other keys
                    raise Throttled(max(1, int(until or now) - now))
                failures, previous = int(row[0]), int(row[1])
                wait = limit.delay(failures)
                until = now + wait if wait else previous
                if wait:
                    conn.execute(
                        update(throttle_table).where(c.key == limit.key).values(blocked_until=until)
                    )
                counted.append(Counted(limit.key, until, previous))
            conn.execute(delete(throttle_table).where(c.updated_at < since, c.blocked_until <= now))
        return counted

    def forgive(self, counted: Sequence[Counted], *, reset: Sequence[str] = ()) -> None:
        """The attempt of :meth:`reserve` succeeded: take back what it counted (and the
        wait it set, unless a later attempt set another); delete the keys of ``reset``."""
        c = throttle_table.c
        with self._transaction() as conn:
            for item in counted:
                if item.key in reset:
                    conn.execute(delete(throttle_table).where(c.key == item.key))
                    continue
                conn.execute(
                    update(throttle_table)
                    .where(c.key == item.key)
                    .values(
                        failures=case((c.failures > 0, c.failures - 1), else_=0),
                        blocked_until=case(
                            (c.blocked_until == item.blocked_until, item.previous),
                            else_=c.blocked_until,
                        ),
                    )
                )

    def failures(self, key: str) -> int:
        """The failures counted for ``key`` (for tests and the docs' figures)."""
        with self._transaction() as conn:
            value = conn.scalar(
                select(throttle_table.c.failures).where(throttle_table.c.key == key)
            )
        return int(value or 0)

    def secret(self) -> str:
        """The key that signs CSRF tokens: made once, kept so restarts do not void forms."""
        with self._transaction() as conn:
            value = conn.scalar(select(meta_table.c.value).where(meta_table.c.key == "secret"))
            if value is None:
                value = secrets.token_hex(32)
                try:
                    with conn.begin_nested():
                        conn.execute(insert(meta_table).values(key="secret", value=value))
                except IntegrityError:
                    value = conn.scalar(
                        select(meta_table.c.value).where(meta_table.c.key == "secret")
                    )
        return str(value)

    def close(self) -> None:
        self.engine.dispose()
