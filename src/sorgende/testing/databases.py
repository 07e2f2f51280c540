"""Fresh databases for tests: a SQLite file, or a database of its own on a PostgreSQL server.

The PostgreSQL server is the one ``SORGENDE_TEST_POSTGRESQL_URL`` names (``bash .ci/run``
starts one on loopback and sets it); :func:`postgresql_server` is ``None`` without it, and
tests skip. Each database made is dropped again, also when the test fails.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

#: the environment variable naming the test server
SERVER_VARIABLE = "SORGENDE_TEST_POSTGRESQL_URL"


def postgresql_server() -> str | None:
    """The test server's URL, or ``None`` when none is configured."""
    return os.environ.get(SERVER_VARIABLE) or None


class PostgreSQLDatabases:
    """Databases made on one server and dropped together by :meth:`drop_all`."""

    def __init__(self, server: str, prefix: str = "sorgende") -> None:
        from sqlalchemy import create_engine

        self.server = server
        self.prefix = prefix
        self.made: list[str] = []
        self._admin: Any = create_engine(server, isolation_level="AUTOCOMMIT")

    def new(self, template: str | None = None) -> str:
        """The URL of a new database: empty, or a copy of the database ``template``.

        A template must have no open connection while it is copied (PostgreSQL refuses
        otherwise): close the storage that made it first.
        """
        from sqlalchemy import text

        name = f"{self.prefix}_{uuid.uuid4().hex[:12]}"
        copy = f' TEMPLATE "{template}"' if template is not None else ""
        with self._admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
        self.made.append(name)
        return self.server.rsplit("/", 1)[0] + f"/{name}"

    def drop_all(self) -> None:
        from sqlalchemy import text

        with self._admin.connect() as conn:
            for name in self.made:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.made.clear()
        self._admin.dispose()


@contextmanager
def postgresql_database(server: str, prefix: str = "sorgende") -> Iterator[str]:
    """A new database on ``server`` for the ``with`` block, dropped afterwards."""
    databases = PostgreSQLDatabases(server, prefix)
    try:
        yield databases.new()
    finally:
        databases.drop_all()
