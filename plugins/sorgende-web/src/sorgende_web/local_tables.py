"""The two tables the web plugin keeps outside the storage's record kinds.

* ``web_login_attempts``: failed sign-ins, counted per login name and per client
  address to limit guessing. They stay out of the record kinds because they are no
  record about a person: a failed attempt names what someone typed (often no login
  that exists) and where it came from, belongs to no community (a sign-in names none
  until it succeeds), and is worth nothing after the limit's window; each new failure
  deletes those older than the window, so nothing is kept for longer than that
  (15 minutes by default). In the storage they would be exported with a community,
  and the counting must be shared by every community and every server process.
* ``web_meta``: the key that signs CSRF tokens, made once so restarts keep forms valid.

They are made in the storage's database (a platform on ``memory://`` gets an in-memory
SQLite database for them) with ``create_all``: they hold nothing that must survive a
change of their layout, so they need no migrations.
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import StaticPool

metadata = MetaData()

attempts_table = Table(
    "web_login_attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("login", String(64), nullable=False),
    Column("address", String(64), nullable=False),
    Column("at", BigInteger, nullable=False),
    Index("ix_web_login_attempts_login", "login", "at"),
    Index("ix_web_login_attempts_address", "address", "at"),
)
meta_table = Table(
    "web_meta",
    metadata,
    Column("key", String(50), primary_key=True),
    Column("value", Text, nullable=False),
)


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


class LocalTables:
    """Sign-in attempts and the CSRF key in one database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        metadata.create_all(engine)

    def failures(self, login: str, address: str, since: int) -> tuple[int, int]:
        """Failed sign-ins since ``since`` (seconds): for the login, from the address."""
        c = attempts_table.c
        with self.engine.connect() as conn:
            by_login = conn.scalar(
                select(func.count())
                .select_from(attempts_table)
                .where(c.login == login, c.at >= since)
            )
            by_address = conn.scalar(
                select(func.count())
                .select_from(attempts_table)
                .where(c.address == address, c.at >= since)
            )
        return int(by_login or 0), int(by_address or 0)

    def fail(self, login: str, address: str, now: int, since: int) -> None:
        """Count a failed sign-in; forget those before ``since``, of no use any more."""
        with self.engine.begin() as conn:
            conn.execute(insert(attempts_table).values(login=login, address=address, at=now))
            conn.execute(delete(attempts_table).where(attempts_table.c.at < since))

    def secret(self) -> str:
        """The key that signs CSRF tokens: made once, kept so restarts do not void forms."""
        with self.engine.begin() as conn:
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
