"""The event log of the SQL storage (tables ``event_log``, ``event_log_heads``, ``event_cursors``).

A unit of work keeps the events appended to it until it commits; its commit then
numbers and inserts them in the same transaction as the records, just before the
database commits. On PostgreSQL it takes as many numbers from the community's head row
(``UPDATE ... SET head = head + n ... RETURNING head``); the update locks that row until
the transaction ends, so the writers of one community take their numbers one after the
other and a rolled-back transaction gives its numbers back. SQLite has one writer at a
time anyway: there the insert itself numbers each event as the highest stored number
plus one, one statement per use case. Numbers are therefore gapless per community, and
events are in the log exactly when their records are.

Cursors are moved with a compare-and-set ``UPDATE`` in the reader's own transaction,
so what a reader writes and how far it got commit together.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, Text, bindparam, cast, func, insert, select, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import IntegrityError, OperationalError

from sorgende.default_plugins.sql import tables as t
from sorgende.default_plugins.sql.encoding import micros
from sorgende.domain.events import DomainEvent, LoggedEvent, replace_person
from sorgende.errors import ConflictError, WrongCommunity
from sorgende.serialization import converter, event_from_log, to_json

if TYPE_CHECKING:
    from sorgende.default_plugins.sql.storage import SQLUnitOfWork

#: the kind named in the conflict of a cursor moved by someone else
CURSOR_KIND = "event cursor"

_log = t.event_log.c
_heads = t.event_log_heads.c
_cursors = t.event_cursors.c

# built once: a new expression per call costs more than the statement
_TAKE = (
    update(t.event_log_heads)
    .where(_heads.community_id == bindparam("cid"))
    .values(head=_heads.head + bindparam("n"))
    .returning(_heads.head)
)
_INSERT = insert(t.event_log)
_READ = select(_log.seq, _log.data).order_by(_log.seq)
#: SQLite: the next number is the highest stored plus one, computed in the insert itself
#: (SQLite has one writer at a time, and every row of an ``executemany`` sees the ones
#: before it): one statement per use case instead of two. Sent to the driver as it is:
#: the ids as SQLAlchemy's ``Uuid`` stores them there (32 hex digits), the event as the
#: converter's JSON text; the rows read back through the tables like any other.
_SQLITE_INSERT = (
    "INSERT INTO event_log (community_id, seq, at, actor, acted_for, type, data) "
    "SELECT ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ? FROM event_log WHERE community_id = ?"
)
_HEAD = select(func.coalesce(func.max(_log.seq), 0)).where(_log.community_id == bindparam("cid"))
_CURSOR = select(_cursors.seq).where(
    _cursors.reader == bindparam("reader"), _cursors.community_id == bindparam("cid")
)
_MOVE = (
    update(t.event_cursors)
    .where(
        _cursors.reader == bindparam("b_reader"),
        _cursors.community_id == bindparam("b_cid"),
        _cursors.seq == bindparam("b_expected"),
    )
    .values(seq=bindparam("b_seq"))
)


def _logged(seq: int, data: Any) -> LoggedEvent:
    # an event of a removed plugin's type is read past, not refused
    return LoggedEvent.of(seq, event_from_log(data))


def read(
    conn: Connection, community_id: uuid.UUID, after: int, limit: int | None
) -> list[LoggedEvent]:
    statement = _READ.where(_log.community_id == community_id, _log.seq > after)
    if limit is not None:
        statement = statement.limit(limit)
    return [_logged(seq, data) for seq, data in conn.execute(statement)]


def head(conn: Connection, community_id: uuid.UUID) -> int:
    return int(conn.scalar(_HEAD, {"cid": community_id}) or 0)


def cursor(conn: Connection, reader: str, community_id: uuid.UUID) -> int:
    return int(conn.scalar(_CURSOR, {"reader": reader, "cid": community_id}) or 0)


class SQLEventLog:
    """The log across communities; every call is a read-only transaction of its own."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def read(
        self, community_id: uuid.UUID, after: int = 0, limit: int | None = None
    ) -> Sequence[LoggedEvent]:
        with self.engine.connect() as conn:
            return read(conn, community_id, after, limit)

    def head(self, community_id: uuid.UUID) -> int:
        with self.engine.connect() as conn:
            return head(conn, community_id)

    def cursor(self, reader: str, community_id: uuid.UUID) -> int:
        with self.engine.connect() as conn:
            return cursor(conn, reader, community_id)


class SQLEventLogRepo:
    """A unit of work's ``event_log``: appends at commit, reads and moves cursors inside."""

    __slots__ = ("enabled", "events", "uow")

    def __init__(self, uow: SQLUnitOfWork, enabled: bool = True) -> None:
        self.uow = uow
        #: False only for the benchmarks' baseline (``SQLStorage(log_events=False)``)
        self.enabled = enabled
        self.events: list[DomainEvent] = []

    def append(self, events: Sequence[DomainEvent]) -> None:
        if not self.enabled:
            return
        community_id = self.uow.community_id
        for event in events:
            if event.community_id != community_id:
                raise WrongCommunity(record=event.community_id, unit=community_id)
        self.events.extend(events)

    def read(self, after: int = 0, limit: int | None = None) -> Sequence[LoggedEvent]:
        return read(self.uow.conn, self.uow.community_id, after, limit)

    def head(self) -> int:
        return head(self.uow.conn, self.uow.community_id)

    def cursor(self, reader: str) -> int:
        return cursor(self.uow.conn, reader, self.uow.community_id)

    def advance(self, reader: str, expected: int, seq: int) -> None:
        uow = self.uow
        if uow._conflict is not None:
            raise uow._conflict
        lost = ConflictError(kind=CURSOR_KIND, id=reader, expected=expected)
        if seq < expected:
            raise lost
        params = {
            "b_reader": reader,
            "b_cid": uow.community_id,
            "b_expected": expected,
            "b_seq": seq,
        }
        try:
            moved = uow.conn.execute(_MOVE, params).rowcount == 1
            if not moved and expected == 0 and cursor(uow.conn, reader, uow.community_id) == 0:
                # the reader's first batch in this community: its row is new (a second
                # instance inserting it at the same time fails on the primary key)
                uow.conn.execute(
                    insert(t.event_cursors),
                    {"reader": reader, "community_id": uow.community_id, "seq": seq},
                )
                moved = True
        except (OperationalError, IntegrityError) as error:
            raise uow._failed(lost) from error
        if not moved:
            raise uow._failed(lost)

    def pseudonymise(self, person_id: uuid.UUID, pseudonym: uuid.UUID) -> None:
        """Rewrite the community's events naming the person, in this transaction.

        The events are found by the id's text in their JSON (any field, a plugin's
        types included), then structured, rewritten and stored again.
        """
        uow = self.uow
        if uow._conflict is not None:
            raise uow._conflict
        conn = uow.conn
        found = conn.execute(
            select(_log.seq, _log.data).where(
                _log.community_id == uow.community_id,
                cast(_log.data, Text).like(f"%{person_id}%"),
            )
        ).all()
        changed = []
        for seq, data in found:
            event = event_from_log(data)
            replaced = replace_person(event, person_id, pseudonym)
            if replaced is not None:
                changed.append(
                    {
                        "b_cid": uow.community_id,
                        "b_seq": seq,
                        "actor": replaced.by,
                        "acted_for": replaced.acted_for,
                        "data": converter.unstructure(replaced),
                    }
                )
        if not changed:
            return
        statement = (
            update(t.event_log)
            .where(_log.community_id == bindparam("b_cid"), _log.seq == bindparam("b_seq"))
            .values(
                actor=bindparam("actor"), acted_for=bindparam("acted_for"), data=bindparam("data")
            )
        )
        try:
            conn.execute(statement, changed)
        except OperationalError as error:
            raise uow._failed(
                ConflictError(
                    kind="event log", id=uow.community_id, expected="an unchanged snapshot"
                )
            ) from error

    def flush(self) -> None:
        """Number the appended events and insert them (called by the unit's commit)."""
        events = self.events
        uow = self.uow
        community_id = uow.community_id
        conn = uow.conn
        n = len(events)
        try:
            if conn.dialect.name == "sqlite":
                self._flush_sqlite(conn)
                return
            unstructure = converter.unstructure
            rows = [
                {
                    "community_id": community_id,
                    "at": micros(e.at),
                    "actor": e.by,
                    "acted_for": e.acted_for,
                    "type": type(e).__name__,
                    "data": unstructure(e, DomainEvent),
                }
                for e in events
            ]
            top = conn.execute(_TAKE, {"cid": community_id, "n": n}).scalar()
            if top is None:
                # the community's first event: make its head row (a concurrent first
                # writer's row wins; then both take numbers from it, one after the other)
                conn.execute(
                    postgresql.insert(t.event_log_heads)
                    .values(community_id=community_id, head=0)
                    .on_conflict_do_nothing()
                )
                top = conn.execute(_TAKE, {"cid": community_id, "n": n}).scalar_one()
            first = int(top) - n + 1
            for i, row in enumerate(rows):
                row["seq"] = first + i
            conn.execute(_INSERT, rows[0] if n == 1 else rows)
        except (OperationalError, sqlite3.OperationalError) as error:
            raise uow._failed(
                ConflictError(kind="event log", id=community_id, expected="an unchanged snapshot")
            ) from error
        finally:
            events.clear()

    def _flush_sqlite(self, conn: Connection) -> None:
        cid = self.uow.community_id.hex
        rows = [
            (
                cid,
                micros(e.at),
                None if e.by is None else e.by.hex,
                None if e.acted_for is None else e.acted_for.hex,
                type(e).__name__,
                to_json(e),
                cid,
            )
            for e in self.events
        ]
        driver = conn.connection.driver_connection
        assert driver is not None
        if len(rows) == 1:
            driver.execute(_SQLITE_INSERT, rows[0])
        else:
            driver.executemany(_SQLITE_INSERT, rows)
