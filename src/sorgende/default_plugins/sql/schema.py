"""The SQL schema's version: Alembic migrations shipped in the package.

A storage opened on an empty database creates the schema by running every migration.
One whose schema is older than the code is upgraded when it is an embedded SQLite file
(after a backup copy next to it); any other database refuses to open and says what to
run: ``sorgende db upgrade --storage URL``.

Plugins that own record kinds ship migrations of their own (``sorgende_migrations``),
each directory a branch with its own base; the schema is current when every branch,
the core's and each plugin's, is at its head.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from sorgende.errors import InvalidValue, Message, SchemaOutdated, UnknownMigrations


def alembic_config(engine: Engine, locations: Sequence[str] = ()) -> Config:
    """Alembic's configuration: the core's migrations and the plugins' ``locations``."""
    config = Config()
    core = resources.files("sorgende.default_plugins.sql") / "migrations"
    config.set_main_option("script_location", str(core))
    # every branch: the core's versions and each plugin's directory (os.pathsep apart,
    # so a path with spaces stays one path)
    config.set_main_option("path_separator", "os")
    config.set_main_option(
        "version_locations", os.pathsep.join([str(core / "versions"), *map(str, locations)])
    )
    config.attributes["engine"] = engine
    return config


def heads(engine: Engine, locations: Sequence[str] = ()) -> frozenset[str]:
    """The newest revision of every branch: the core's and each plugin's."""
    script = ScriptDirectory.from_config(alembic_config(engine, locations))
    return frozenset(script.get_heads())


def head(engine: Engine, locations: Sequence[str] = ()) -> str:
    """The code's schema version as one text: its heads, sorted, joined with ``+``."""
    return _joined(heads(engine, locations))


def stored_heads(engine: Engine) -> frozenset[str]:
    """The revisions stored in the database (none for an empty one)."""
    with engine.connect() as conn:
        return frozenset(MigrationContext.configure(conn).get_current_heads())


def current(engine: Engine) -> str | None:
    """The schema version stored in the database (``None`` for an empty one)."""
    stored = stored_heads(engine)
    return _joined(stored) if stored else None


def _joined(revisions: Iterable[str]) -> str:
    return "+".join(sorted(revisions))


def upgrade(engine: Engine, revision: str = "heads", locations: Sequence[str] = ()) -> None:
    """Run the migrations of every branch up to ``revision`` (each in one transaction).

    Then refresh the planner's statistics (:func:`analyze`): a migration that added an
    index or filled a column leaves them stale.
    """
    config = alembic_config(engine, locations)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "heads" if revision == "head" else revision)
        analyze(conn)


#: rows SQLite's ANALYZE reads per index: statistics good enough to choose an index,
#: gathered in milliseconds however large the tables are
SQLITE_ANALYSIS_LIMIT = 1000


def analyze(conn: Connection, tables: Iterable[str] | None = None) -> None:
    """Gather the statistics the query planner chooses indexes by (``ANALYZE``).

    Without them SQLite guesses and may scan a community where an index would answer.
    On SQLite every table (sampled: :data:`SQLITE_ANALYSIS_LIMIT`); on PostgreSQL the
    storage's own tables, ``tables`` or, by default, every table of the schema here.
    """
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
        conn.exec_driver_sql("ANALYZE")
        return
    names = sorted(inspect(conn).get_table_names() if tables is None else tables)
    if names:
        quote = conn.dialect.identifier_preparer.quote
        conn.exec_driver_sql("ANALYZE " + ", ".join(quote(name) for name in names))


def unknown(engine: Engine, revisions: Iterable[str], locations: Sequence[str] = ()) -> list[str]:
    """Those of ``revisions`` that no migration directory here holds."""
    script = ScriptDirectory.from_config(alembic_config(engine, locations))
    missing = []
    for revision in revisions:
        try:
            found = script.get_revision(revision)
        except Exception:  # Alembic raises several kinds for a revision it cannot resolve
            found = None
        if found is None:
            missing.append(revision)
    return missing


def branch_labels(engine: Engine, locations: Sequence[str] = ()) -> frozenset[str]:
    """The labels of the plugins' branches (the core's own branch has none)."""
    script = ScriptDirectory.from_config(alembic_config(engine, locations))
    return frozenset(label for rev in script.walk_revisions() for label in rev.branch_labels)


def _backup(engine: Engine, stored: Iterable[str]) -> None:
    """A copy of an embedded SQLite file next to it, named by its version and the time."""
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        shutil.copy2(database, Path(f"{database}.{_joined(stored)}-{stamp}.bak"))


def remove_branch(engine: Engine, label: str, locations: Sequence[str] = ()) -> None:
    """Run a plugin's branch ``label`` down to its base: its migrations drop its tables.

    For a plugin that is to be uninstalled (run while it is still installed, so that its
    migrations are there): afterwards the database opens without it. The records of its
    kinds are gone; export the communities first to keep them. An embedded SQLite file is
    copied next to itself first, as before an upgrade.
    """
    labels = branch_labels(engine, locations)
    if label not in labels:
        raise InvalidValue(
            "branch",
            Message("cli.db.no_branch", label=label, labels=", ".join(sorted(labels)) or "-"),
        )
    _backup(engine, stored_heads(engine))
    config = alembic_config(engine, locations)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, f"{label}@base")


def ensure_current(engine: Engine, url: str, locations: Sequence[str] = ()) -> None:
    """Create, upgrade (embedded SQLite, after a backup) or refuse an outdated schema.

    A database whose migrations include some that no installed plugin ships (a plugin
    that owned record kinds was removed) is refused with
    :class:`~sorgende.errors.UnknownMigrations` naming them.
    """
    stored, latest = stored_heads(engine), heads(engine, locations)
    if stored == latest:
        return
    strangers = unknown(engine, stored, locations)
    if strangers:
        raise UnknownMigrations(url=url, revisions=", ".join(sorted(strangers)))
    if not stored:
        if inspect(engine).get_table_names():
            raise SchemaOutdated(url=url, stored="(no version)", latest=_joined(latest))
        upgrade(engine, locations=locations)
        return
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        _backup(engine, stored)
        upgrade(engine, locations=locations)
        return
    raise SchemaOutdated(url=url, stored=_joined(stored), latest=_joined(latest))
