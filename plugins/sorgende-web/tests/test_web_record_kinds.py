"""The web plugin's record kinds pass the storage contract for kinds on memory and SQLite
(and PostgreSQL through the core's contract runs, with ``SORGENDE_TEST_POSTGRESQL_URL``).

The contract (:mod:`sorgende.testing.kinds`) draws records from each declaration: what is
committed reads back equal, queries by the declared fields agree with a filter, updates
and deletes are compare-and-set, another community's records stay out of reach.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import sorgende_web

from sorgende.default_plugins.memory_storage import MemoryStorage
from sorgende.default_plugins.sql.storage import SQLStorage
from sorgende.ports import Storage
from sorgende.records import Registry
from sorgende.testing.kinds import KindContract


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
