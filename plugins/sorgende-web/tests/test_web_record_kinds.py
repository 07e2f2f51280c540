"""The web plugin's record kinds pass the storage contract for kinds on memory, SQLite and
(with ``SORGENDE_TEST_POSTGRESQL_URL``) PostgreSQL.

The contract (:mod:`sorgende.testing.kinds`) draws records from each declaration: what is
committed reads back equal, queries by the declared fields agree with a filter, updates
and deletes are compare-and-set, another community's records stay out of reach.
"""

from __future__ import annotations

import sorgende_web

from sorgende.default_plugins.memory_storage import MemoryStorage
from sorgende.ports import Storage
from sorgende.records import Registry
from sorgende.testing.kinds import KindContract, PostgreSQLKindContract, SQLiteKindContract


class TestWebKindsOnMemory(KindContract):
    plugins = (sorgende_web,)

    def make_storage(self, registry: Registry) -> Storage:
        return MemoryStorage(registry=registry)


class TestWebKindsOnSQLite(SQLiteKindContract):
    plugins = (sorgende_web,)
    max_examples = 6


class TestWebKindsOnPostgreSQL(PostgreSQLKindContract):
    plugins = (sorgende_web,)
    max_examples = 4
