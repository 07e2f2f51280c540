"""The in-memory storage passes the storage contract."""

from __future__ import annotations

from sorgende.default_plugins.memory_storage import MemoryStorage, sorgende_open_storage
from sorgende.ports import Storage
from sorgende.testing.contract import StorageContract


class TestMemoryStorage(StorageContract):
    def make_storage(self) -> Storage:
        return MemoryStorage()


def test_the_hook_opens_a_fresh_memory_storage_for_memory_urls_only() -> None:
    first, second = sorgende_open_storage("memory://"), sorgende_open_storage("memory://a")
    assert isinstance(first, MemoryStorage)
    assert isinstance(second, MemoryStorage)
    assert first is not second
    assert sorgende_open_storage("sqlite:///sorgende.db") is None
