"""The SQL schema's version: Alembic migrations shipped in the package.

A storage opened on an empty database creates the schema by running every migration.
One whose schema is older than the code is upgraded when it is an embedded SQLite file
(after a backup copy next to it); any other database refuses to open and says what to
run: ``sorgende db upgrade --storage URL``.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from sorgende.errors import SchemaOutdated


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("sorgende.default_plugins.sql") / "migrations")
    )
    config.attributes["engine"] = engine
    return config


def head(engine: Engine) -> str:
    revision = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    assert revision is not None
    return revision


def current(engine: Engine) -> str | None:
    """The schema revision stored in the database (``None`` for an empty one)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` (each migration in one transaction)."""
    config = alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def ensure_current(engine: Engine, url: str) -> None:
    """Create, upgrade (embedded SQLite, after a backup) or refuse an outdated schema."""
    stored, latest = current(engine), head(engine)
    if stored == latest:
        return
    if stored is None:
        if inspect(engine).get_table_names():
            raise SchemaOutdated(url=url, stored="(no version)", latest=latest)
        upgrade(engine)
        return
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        shutil.copy2(database, Path(f"{database}.{stored}-{stamp}.bak"))
        upgrade(engine)
        return
    raise SchemaOutdated(url=url, stored=stored, latest=latest)
