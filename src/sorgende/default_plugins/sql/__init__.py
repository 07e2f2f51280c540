"""The SQL storage as a default plugin: ``sqlite:///path.db`` and ``postgresql+psycopg://``.

SQLAlchemy is imported only when a SQL URL is opened, so platforms on other storages do
not pay for it at start-up.
"""

from __future__ import annotations

from typing import Any

from sorgende.hookspecs import hookimpl

SCHEMES = ("sqlite", "postgresql")


@hookimpl
def sorgende_open_storage(url: str) -> Any:
    """Open the SQL storage for ``sqlite:`` and ``postgresql`` URLs."""
    scheme = url.split(":", 1)[0].split("+", 1)[0]
    if scheme not in SCHEMES:
        return None
    from sorgende.default_plugins.sql.storage import SQLStorage

    return SQLStorage(url)


@hookimpl
def sorgende_storage_schemes() -> list[str]:
    return ["sqlite", "postgresql+psycopg"]
