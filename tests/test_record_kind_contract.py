"""A plugin's record kind passes the kinds' storage contract on memory, SQLite and PostgreSQL."""

from __future__ import annotations

import sorgende_testplugin

from sorgende.default_plugins.memory_storage import MemoryStorage
from sorgende.ports import Storage
from sorgende.records import Registry
from sorgende.testing.kinds import KindContract, PostgreSQLKindContract, SQLiteKindContract


class TestKindsOnMemory(KindContract):
    plugins = (sorgende_testplugin,)

    def make_storage(self, registry: Registry) -> Storage:
        return MemoryStorage(registry=registry)


class TestKindsOnSQLite(SQLiteKindContract):
    plugins = (sorgende_testplugin,)


class TestKindsOnPostgreSQL(PostgreSQLKindContract):
    plugins = (sorgende_testplugin,)
