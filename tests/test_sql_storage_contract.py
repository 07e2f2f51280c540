"""The storage contract on the SQL storage, on a SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest

from sorgende.default_plugins.sql import sorgende_open_storage
from sorgende.default_plugins.sql.storage import SQLStorage
from sorgende.ports import Storage
from sorgende.testing.contract import StorageContract


class TestSQLiteStorage(StorageContract):
    @pytest.fixture(autouse=True)
    def _directory(self, tmp_path: Path) -> None:
        self.directory = tmp_path
        self.made = 0

    def make_storage(self) -> Storage:
        self.made += 1
        return SQLStorage(f"sqlite:///{self.directory / f'sorgende-{self.made}.db'}")


def test_the_hook_opens_sql_urls_only(tmp_path: Path) -> None:
    storage = sorgende_open_storage(f"sqlite:///{tmp_path / 'x.db'}")
    assert isinstance(storage, SQLStorage)
    storage.close()
    assert sorgende_open_storage("memory://") is None


def test_sqlite_without_a_path_uses_the_users_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    storage = sorgende_open_storage("sqlite://")
    assert isinstance(storage, SQLStorage)
    storage.close()
    assert (tmp_path / "sorgende" / "sorgende.db").exists()
