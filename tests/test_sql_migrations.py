"""The migrations themselves: one head, up and down, matching the tables, data kept."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

import sorgende
from sorgende import ActorKind, TimeWindow
from sorgende.default_plugins.sql import schema, tables
from sorgende.default_plugins.sql.storage import make_engine
from sorgende.plugins import make_plugin_manager
from sorgende.serialization import converter
from sorgende.testing.databases import postgresql_database


def _urls() -> list[str]:
    urls = ["sqlite"]
    if os.environ.get("SORGENDE_TEST_POSTGRESQL_URL") or os.environ.get("CI") == "true":
        urls.append("postgresql")
    return urls


@pytest.fixture(params=_urls())
def empty(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Engine]]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'm.db'}"
        engine = make_engine(url)
        yield url, engine
        engine.dispose()
        return
    # a database of its own: the server's may be in use by other tests at the same time
    with postgresql_database(os.environ["SORGENDE_TEST_POSTGRESQL_URL"], "migrations") as url:
        engine = make_engine(url)
        try:
            yield url, engine
        finally:
            engine.dispose()


def test_there_is_a_single_head() -> None:
    engine = make_engine("sqlite://")
    script = ScriptDirectory.from_config(schema.alembic_config(engine))
    assert len(script.get_heads()) == 1
    revisions = list(script.walk_revisions())
    assert revisions[-1].down_revision is None  # one line back to the first release


def test_up_down_and_up_again(empty: tuple[str, Engine]) -> None:
    _url, engine = empty
    from alembic import command

    schema.upgrade(engine)
    config = schema.alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    schema.upgrade(engine)
    assert schema.current(engine) == schema.head(engine)


def test_the_migrated_schema_matches_the_tables(empty: tuple[str, Engine]) -> None:
    _url, engine = empty
    schema.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), tables.metadata)
    assert diff == []


def test_data_made_at_the_first_migration_survives_the_upgrade(
    empty: tuple[str, Engine], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, engine = empty
    schema.upgrade(engine, "0001")
    # write through the storage code at the first release's schema
    from sorgende.default_plugins.sql import matching as sql_matching
    from sorgende.default_plugins.sql import storage as sql_storage

    # nor the matching index (0008 fills it from the stored actors)
    monkeypatch.setattr(sql_matching, "index", lambda *args, **kwargs: None)

    class FirstRelease(sql_storage.SQLStorage):
        def __init__(self) -> None:
            self.url = url
            self.engine = engine
            self._log_events = False  # the first release had no event log
            self._sqlite = True
            self._kinds = {}  # nor record kinds of plugins

    platform = sorgende.Platform(
        FirstRelease(), make_plugin_manager(load_entrypoints=False), converter=converter
    )
    daun = platform.create_community("Daun")
    anna = daun.register_actor(ActorKind.PERSON, "Anna")
    monkeypatch.undo()
    schema.upgrade(engine)
    with sorgende.open(url, load_entrypoints=False) as reopened:
        service = reopened.community(daun.community_id)
        assert service.actor(anna.id).name == "Anna"
        with reopened.storage.unit_of_work(daun.community_id) as uow:
            assert [a.id for a in uow.actors.persons_by_name(home=None)] == [anna.id]
        assert isinstance(service.actor(anna.id).id, uuid.UUID)


def test_requests_stored_before_the_board_index_get_their_order(
    empty: tuple[str, Engine],
) -> None:
    url, engine = empty
    from alembic import command

    schema.upgrade(engine)
    with sorgende.open(url, load_entrypoints=False) as platform:
        c = platform.create_community("Daun")
        daun = c.add_place("Daun")
        anna = c.register_actor(ActorKind.PERSON, "Anna", home_place_id=daun.id)
        start = platform.clock() + timedelta(days=3)
        window = TimeWindow(start, start + timedelta(hours=1))
        later = c.post_request(anna.id, "shopping", daun.id, window, 1).id
        urgent = c.post_request(anna.id, "shopping", daun.id, window, 1, urgent=True).id
        soon = c.post_request(
            anna.id, "shopping", daun.id, TimeWindow(start - timedelta(days=1), start), 1
        ).id
    config = schema.alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0003")
    assert "priority" not in {col["name"] for col in inspect(engine).get_columns("requests")}
    schema.upgrade(engine)
    with sorgende.open(url, load_entrypoints=False) as reopened:
        board = reopened.community(c.community_id).board()
        assert [r.id for r in board.items] == [urgent, soon, later]


def test_requests_stored_before_the_expiry_index_get_their_due_time(
    empty: tuple[str, Engine],
) -> None:
    url, engine = empty
    from alembic import command
    from sqlalchemy import select

    from sorgende import Frequency, Recurrence
    from sorgende.default_plugins.sql.encoding import micros
    from sorgende.domain.help import expiry_due

    schema.upgrade(engine)
    with sorgende.open(url, load_entrypoints=False) as platform:
        c = platform.create_community("Daun")
        daun = c.add_place("Daun")
        anna = c.register_actor(ActorKind.PERSON, "Anna", home_place_id=daun.id)
        start = platform.clock() + timedelta(days=3)
        window = TimeWindow(start, start + timedelta(hours=1))
        one_off = c.post_request(anna.id, "shopping", daun.id, window, 1)
        weekly = c.post_request(
            anna.id,
            "shopping",
            daun.id,
            window,
            1,
            recurrence=Recurrence(Frequency.WEEKLY, until=(start + timedelta(days=20)).date()),
        )
        endless = c.post_request(
            anna.id, "shopping", daun.id, window, 1, recurrence=Recurrence(Frequency.WEEKLY)
        )
        withdrawn = c.withdraw_request(
            c.post_request(anna.id, "shopping", daun.id, window, 1).id, by=anna.id
        )
    config = schema.alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0005")
    assert "expiry_due" not in {col["name"] for col in inspect(engine).get_columns("requests")}
    schema.upgrade(engine)
    with engine.connect() as conn:
        stored = dict(
            conn.execute(select(tables.requests.c.id, tables.requests.c.expiry_due)).all()
        )
    assert stored == {
        one_off.id: micros(window.end),
        weekly.id: micros(expiry_due(weekly)),  # type: ignore[arg-type]
        endless.id: None,
        withdrawn.id: None,
    }
    # and the expiry finds them from the index: nothing before the window ends, then the one-off
    with sorgende.open(url, load_entrypoints=False) as reopened:
        community = reopened.community(c.community_id)
        assert community.expire_requests(window.end - timedelta(seconds=1)) == []
        assert [r.id for r in community.expire_requests(window.end)] == [one_off.id]
