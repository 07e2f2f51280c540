"""The driver-level bulk insert stores exactly what SQLAlchemy's ``execute`` stores."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from sorgende.default_plugins.sql import bulk
from sorgende.default_plugins.sql import tables as t
from sorgende.default_plugins.sql.storage import make_engine
from sorgende.domain.actors import Actor, ActorKind
from sorgende.serialization import converter
from sorgende.testing.databases import PostgreSQLDatabases


def _rows(community: uuid.UUID, n: int) -> list[dict[str, Any]]:
    rows = []
    for i in range(n):
        # names with quotes, NUL-free unicode and a home or none: the types' processors at work
        actor = Actor(community, ActorKind.PERSON, f"Zoë 'O{i}' Müller")
        rows.append(
            {
                "id": actor.id,
                "community_id": community,
                "version": actor.version,
                "kind": actor.kind.value,
                "data": converter.unstructure(actor),
            }
        )
    return rows


@pytest.fixture
def urls(tmp_path: Path) -> Iterator[list[str]]:
    """A SQLite file and, where a server is given, a PostgreSQL database of this test's own."""
    server = os.environ.get("SORGENDE_TEST_POSTGRESQL_URL")
    if server is None:
        yield [f"sqlite:///{tmp_path / 'bulk.db'}"]
        return
    databases = PostgreSQLDatabases(server, prefix="bulk")
    try:
        yield [f"sqlite:///{tmp_path / 'bulk.db'}", databases.new()]
    finally:
        databases.drop_all()


@pytest.mark.parametrize("n", [3, bulk.THRESHOLD, 500])
def test_bulk_rows_read_back_as_those_of_execute(urls: list[str], n: int) -> None:
    for url in urls:
        engine = make_engine(url)
        t.metadata.create_all(engine)
        one, other = uuid.uuid4(), uuid.uuid4()
        fast, plain = _rows(one, n), _rows(other, n)
        with engine.begin() as conn:
            bulk.insert_rows(conn, t.actors, fast)
            conn.execute(t.actors.insert(), plain)
        with engine.connect() as conn:
            c = t.actors.c
            columns = [c.id, c.community_id, c.version, c.kind, c.data]
            stored = {
                cid: list(
                    conn.execute(select(*columns).where(c.community_id == cid).order_by(c.seq))
                )
                for cid in (one, other)
            }
        engine.dispose()
        assert [tuple(r) for r in stored[one]] == [tuple(row.values()) for row in fast], url
        # the same Python values come back from both paths (UUIDs as UUIDs, JSON as dicts)
        assert [type(v) for v in stored[one][0]] == [type(v) for v in stored[other][0]], url
