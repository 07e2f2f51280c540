"""The SQL storage as a default plugin: ``sqlite:///path.db`` and ``postgresql+psycopg://``.

SQLAlchemy is imported only when a SQL URL is opened, so platforms on other storages do
not pay for it at start-up.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sorgende.hookspecs import hookimpl

SCHEMES = ("sqlite", "postgresql")


def default_sqlite_url() -> str:
    """``sorgende.db`` in the user's data directory (``$XDG_DATA_HOME/sorgende``)."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    directory = Path(base) / "sorgende"
    directory.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{directory / 'sorgende.db'}"


@hookimpl
def sorgende_open_storage(url: str, registry: Any = None) -> Any:
    """Open the SQL storage for ``sqlite:`` and ``postgresql`` URLs.

    ``sqlite://`` without a path means the default file in the user's data directory.
    """
    scheme = url.split(":", 1)[0].split("+", 1)[0]
    if scheme not in SCHEMES:
        return None
    from sorgende.default_plugins.sql.storage import SQLStorage

    if url in ("sqlite://", "sqlite:///"):
        url = default_sqlite_url()
    return SQLStorage(url, registry=registry)


@hookimpl
def sorgende_storage_schemes() -> list[str]:
    return ["sqlite", "postgresql+psycopg"]
