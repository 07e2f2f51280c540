"""The driver-level bulk insert stores exactly what SQLAlchemy's ``execute`` stores."""

from __future__ import annotations

import os
import random
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from sqlalchemy import select

import sorgende
from sorgende.default_plugins.sql import bulk
from sorgende.default_plugins.sql import tables as t
from sorgende.default_plugins.sql.storage import CORE_TABLES, make_engine
from sorgende.demo import SimClock, build_daun, play
from sorgende.domain.actors import Actor, ActorKind
from sorgende.domain.community import Community
from sorgende.records import ADJUSTMENTS, HELPER_TOTALS
from sorgende.serialization import converter, dumps, loads, to_json
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


def test_the_data_column_holds_the_converters_text(urls: list[str]) -> None:
    """What the repositories write to ``data`` (``encoding.encoded``: the converter's JSON
    with ids and times left to orjson) is byte for byte the text of
    ``dumps(converter.unstructure(record))``, in bulk and one by one, on both databases."""
    clock = SimClock()
    source = sorgende.open("memory://", clock=clock, load_entrypoints=False)
    service = source.create_community("Verbandsgemeinde Daun")
    rng = random.Random(11)
    play(service, 2, rng, clock, build_daun(service, rng))
    lines = list(source.export_community(service.community_id))
    cid = service.community_id
    # a zone's name, sets of ids, optional values and more than THRESHOLD rows of a kind
    berlin = datetime(2026, 3, 29, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    more = [
        Actor(
            cid,
            ActorKind.PERSON,
            f"Zoë 'Nr. {i}' Müller",
            trusted_persons=frozenset(uuid.uuid4() for _ in range(i % 3)),
            skills=frozenset({"shopping", "gardening"}),
        )
        for i in range(bulk.THRESHOLD + 6)
    ]
    extra = [dumps({"kind": "actor", "record": converter.unstructure(a)}) for a in more]
    assert to_json(attrs.evolve(more[0], version=2)) == dumps(
        converter.unstructure(attrs.evolve(more[0], version=2))
    )
    assert to_json(berlin).endswith('+02:00[Europe/Berlin]"')  # a time with a zone's name
    assert to_json(berlin) == dumps(converter.unstructure(berlin))
    for url in urls:
        with sorgende.open(url, load_entrypoints=False) as platform:
            platform.import_community([lines[0], *extra, *lines[1:]])
            engine = platform.storage.engine  # type: ignore[attr-defined]
            checked = 0
            tables = [
                (t.communities.name, Community),
                *((table.name, cls) for table, cls in CORE_TABLES),
                *((k.table, k.cls) for k in (HELPER_TOTALS, ADJUSTMENTS)),
            ]
            text = "data" if url.startswith("sqlite") else "data::text"
            with engine.connect() as conn:
                for table, cls in tables:
                    for (stored,) in conn.exec_driver_sql(f"SELECT {text} FROM {table}"):
                        record = converter.structure(loads(stored), cls)
                        assert stored == dumps(converter.unstructure(record)), (url, table)
                        checked += 1
            # every record but the categories (their repository writes them as before)
            categories = sum(line.startswith('{"kind":"category"') for line in lines)
            records = sum(line.startswith('{"kind":') for line in lines)
            assert checked == 1 + records - categories + len(more), url
