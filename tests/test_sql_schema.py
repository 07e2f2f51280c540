"""Schema versions of the SQL storage: created, upgraded after a backup, or refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import inspect

from sorgende.cli import make_cli
from sorgende.config import Settings
from sorgende.default_plugins.sql import schema
from sorgende.default_plugins.sql.storage import SQLStorage, make_engine
from sorgende.errors import SchemaOutdated


def test_a_new_database_gets_the_whole_schema(tmp_path: Path) -> None:
    storage = SQLStorage(f"sqlite:///{tmp_path / 'new.db'}")
    assert schema.current(storage.engine) == schema.head(storage.engine) == "0014"
    indexes = {i["name"] for i in inspect(storage.engine).get_indexes("postings")}
    assert "ix_postings_at" in indexes
    assert {"outbox", "deliveries", "notification_preferences"} <= set(
        inspect(storage.engine).get_table_names()
    )
    storage.close()


def test_an_old_embedded_sqlite_file_is_backed_up_and_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{path}")
    schema.upgrade(engine, "0001")
    engine.dispose()
    storage = SQLStorage(f"sqlite:///{path}")
    assert schema.current(storage.engine) == "0014"
    storage.close()
    backups = list(tmp_path.glob("old.db.0001-*.bak"))
    assert len(backups) == 1
    old = make_engine(f"sqlite:///{backups[0]}")
    assert schema.current(old) == "0001"
    old.dispose()


def test_a_database_not_made_by_sorgende_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "foreign.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE something (x INTEGER)")
    engine.dispose()
    with pytest.raises(SchemaOutdated) as info:
        SQLStorage(f"sqlite:///{path}")
    assert "sorgende db upgrade" in str(info.value)


def test_an_old_postgresql_schema_is_refused_until_upgraded() -> None:
    url = os.environ.get("SORGENDE_TEST_POSTGRESQL_URL")
    if url is None and os.environ.get("CI") != "true":
        pytest.skip("no PostgreSQL: set SORGENDE_TEST_POSTGRESQL_URL (bash .ci/run does)")
    assert url is not None, "CI=true needs SORGENDE_TEST_POSTGRESQL_URL"
    from sorgende.default_plugins.sql import tables

    engine = make_engine(url)
    tables.metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    schema.upgrade(engine, "0001")
    with pytest.raises(SchemaOutdated) as info:
        SQLStorage(url)
    assert "0001" in str(info.value) and "0014" in str(info.value)
    assert "sorgende db upgrade --storage" in info.value.message("en")
    runner = CliRunner()
    settings = Settings(load_entrypoints=False)
    result = runner.invoke(make_cli(settings=settings), ["db", "upgrade", "--storage", url])
    assert result.exit_code == 0, result.output
    SQLStorage(url).close()
    engine.dispose()


def test_db_commands(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    cli = make_cli(settings=Settings(load_entrypoints=False))
    runner = CliRunner()
    assert (
        "Schemastand der Datenbank: -"
        in runner.invoke(cli, ["db", "current", "--storage", url]).output
    )
    assert runner.invoke(cli, ["db", "upgrade", "--storage", url]).exit_code == 0
    cli = make_cli(settings=Settings(load_entrypoints=False))
    out = runner.invoke(cli, ["--lang", "en", "db", "current", "--storage", url]).output
    assert "database schema version: 0014; the code needs: 0014" in out
    refused = runner.invoke(cli, ["db", "current", "--storage", "memory://"])
    assert refused.exit_code == 2
    assert "memory:// ist keine SQL-Datenbank" in refused.output
