"""A plugin's record kind passes the kinds' storage contract on memory, SQLite and PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sorgende_testplugin

from sorgende.default_plugins.memory_storage import MemoryStorage
from sorgende.default_plugins.sql.storage import SQLStorage
from sorgende.ports import Storage
from sorgende.records import Registry
from sorgende.testing.kinds import KindContract

POSTGRESQL = os.environ.get("SORGENDE_TEST_POSTGRESQL_URL")


class TestKindsOnMemory(KindContract):
    plugins = (sorgende_testplugin,)

    def make_storage(self, registry: Registry) -> Storage:
        return MemoryStorage(registry=registry)


class TestKindsOnSQLite(KindContract):
    plugins = (sorgende_testplugin,)

    @pytest.fixture(autouse=True)
    def _directory(self, tmp_path: Path) -> None:
        self.directory = tmp_path

    def make_storage(self, registry: Registry) -> Storage:
        return SQLStorage(
            f"sqlite:///{self.directory / f'{uuid.uuid4().hex}.db'}", registry=registry
        )


@pytest.mark.skipif(not POSTGRESQL, reason="no PostgreSQL: set SORGENDE_TEST_POSTGRESQL_URL")
class TestKindsOnPostgreSQL(KindContract):
    plugins = (sorgende_testplugin,)
    max_examples = 6

    @pytest.fixture(autouse=True)
    def _database(self) -> Iterator[None]:
        from sqlalchemy import create_engine, text

        assert POSTGRESQL
        admin = create_engine(POSTGRESQL, isolation_level="AUTOCOMMIT")
        self.databases: list[str] = []
        self.admin = admin
        yield
        with admin.connect() as conn:
            for name in self.databases:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    def make_storage(self, registry: Registry) -> Storage:
        from sqlalchemy import text

        assert POSTGRESQL
        name = f"kinds_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        self.databases.append(name)
        return SQLStorage(POSTGRESQL.rsplit("/", 1)[0] + f"/{name}", registry=registry)
