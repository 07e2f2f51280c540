"""The web plugin's record kinds pass the storage contract for kinds on memory, SQLite and
(with ``SORGENDE_TEST_POSTGRESQL_URL``) PostgreSQL.

The contract (:mod:`sorgende.testing.kinds`) draws records from each declaration: what is
committed reads back equal, queries by the declared fields agree with a filter, updates
and deletes are compare-and-set, another community's records stay out of reach.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sorgende_web

from sorgende.default_plugins.memory_storage import MemoryStorage
from sorgende.default_plugins.sql.storage import SQLStorage
from sorgende.ports import Storage
from sorgende.records import Registry
from sorgende.testing.kinds import KindContract

POSTGRESQL = os.environ.get("SORGENDE_TEST_POSTGRESQL_URL")


class TestWebKindsOnMemory(KindContract):
    plugins = (sorgende_web,)

    def make_storage(self, registry: Registry) -> Storage:
        return MemoryStorage(registry=registry)


class TestWebKindsOnSQLite(KindContract):
    plugins = (sorgende_web,)
    max_examples = 6

    @pytest.fixture(autouse=True)
    def _directory(self, tmp_path: Path) -> None:
        self.directory = tmp_path

    def make_storage(self, registry: Registry) -> Storage:
        return SQLStorage(
            f"sqlite:///{self.directory / f'{uuid.uuid4().hex}.db'}", registry=registry
        )


@pytest.mark.skipif(not POSTGRESQL, reason="no PostgreSQL: set SORGENDE_TEST_POSTGRESQL_URL")
class TestWebKindsOnPostgreSQL(KindContract):
    plugins = (sorgende_web,)
    max_examples = 4

    @pytest.fixture(autouse=True)
    def _server(self) -> Iterator[None]:
        from sqlalchemy import create_engine, text

        assert POSTGRESQL
        self.admin = create_engine(POSTGRESQL, isolation_level="AUTOCOMMIT")
        self.databases: list[str] = []
        yield
        with self.admin.connect() as conn:
            for name in self.databases:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()

    def make_storage(self, registry: Registry) -> Storage:
        from sqlalchemy import text

        assert POSTGRESQL
        name = f"webkinds_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        self.databases.append(name)
        return SQLStorage(POSTGRESQL.rsplit("/", 1)[0] + f"/{name}", registry=registry)
