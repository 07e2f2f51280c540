"""The plugin's record kinds keep the storage contract on memory and SQLite.

PostgreSQL is exercised by the load test (``test_crisis_load.py``: intake, merge by
key, batch dispatch and its compare-and-set on a PostgreSQL database); its full kind
contract costs about 80 s of the CI's budget and is left to the benchmark's run."""

from __future__ import annotations

import sorgende_crisis

from sorgende.default_plugins.memory_storage import MemoryStorage
from sorgende.testing.kinds import KindContract, SQLiteKindContract


class CrisisKinds:
    """The plugin's own kinds (the core tests its own), with few examples per kind."""

    plugins = (sorgende_crisis,)
    max_examples = 3

    def kinds(self):  # type: ignore[no-untyped-def]
        return [k for k in super().kinds() if k.name.startswith("crisis.")]  # type: ignore[misc]


class TestCrisisKindsOnMemory(CrisisKinds, KindContract):
    def make_storage(self, registry):  # type: ignore[no-untyped-def]
        return MemoryStorage(registry=registry)


class TestCrisisKindsOnSQLite(CrisisKinds, SQLiteKindContract):
    max_examples = 1
