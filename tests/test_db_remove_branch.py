"""``sorgende db remove``: a plugin's tables dropped before it is uninstalled, so that the
database opens without it (instead of being refused for migrations no plugin ships)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sorgende_testplugin
from click.testing import CliRunner
from sorgende_testplugin.notes import write_note

import sorgende
from sorgende.cli import make_cli
from sorgende.config import Settings
from sorgende.errors import InvalidValue, UnknownMigrations
from sorgende.testing.databases import postgresql_database, postgresql_server

SETTINGS = Settings(load_entrypoints=False)
NO_ENV = {"SORGENDE_CONFIG": None, "SORGENDE_LANGUAGE": None, "SORGENDE_STORAGE": None,
          "SORGENDE_DISABLE_PLUGINS": None}  # fmt: skip


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'removed.db'}"
        return
    server = postgresql_server()
    if server is None:
        pytest.skip("no PostgreSQL: set SORGENDE_TEST_POSTGRESQL_URL (bash .ci/run does)")
    with postgresql_database(server, "removed") as database:
        yield database


def seeded(url: str) -> str:
    with sorgende.open(url, plugins=[sorgende_testplugin], settings=SETTINGS) as platform:
        daun = platform.create_community("Verbandsgemeinde Daun")
        anna = daun.register_actor(sorgende.ActorKind.PERSON, "Anna")
        write_note(platform, daun.community_id, anna.id, "Garten", "bis Samstag")
    return url


def test_removing_a_plugins_branch_lets_the_core_open_the_database(
    url: str, tmp_path: Path
) -> None:
    seeded(url)
    with pytest.raises(UnknownMigrations):
        sorgende.open(url, settings=SETTINGS)
    runner = CliRunner(env=NO_ENV)
    with_plugin = make_cli(plugins=[sorgende_testplugin], settings=SETTINGS)
    refused = runner.invoke(with_plugin, ["--lang", "en", "db", "remove", "sorgende_testplugin",
                                          "--storage", url])  # fmt: skip
    assert refused.exit_code != 0 and "confirm with --yes" in refused.output
    removed = runner.invoke(with_plugin, ["--lang", "en", "db", "remove", "sorgende_testplugin",
                                          "--storage", url, "--yes"])  # fmt: skip
    assert removed.exit_code == 0, removed.output
    assert "The tables of sorgende_testplugin are removed" in removed.output
    if url.startswith("sqlite"):
        assert list(tmp_path.glob("removed.db.*.bak"))  # a copy from before
    with sorgende.open(url, settings=SETTINGS) as platform:
        (daun,) = platform.communities()
        assert [a.name for a in platform.community(daun.id).actors()] == ["Anna"]
    # installed again, the plugin starts anew with empty tables (PostgreSQL is upgraded
    # by the command, an embedded SQLite file when it opens)
    if url.startswith("postgresql"):
        upgraded = runner.invoke(with_plugin, ["db", "upgrade", "--storage", url])
        assert upgraded.exit_code == 0, upgraded.output
    with sorgende.open(url, plugins=[sorgende_testplugin], settings=SETTINGS) as platform:
        assert platform.storage is not None


def test_only_a_plugins_branch_can_be_removed(tmp_path: Path) -> None:
    from sorgende.default_plugins.sql import schema
    from sorgende.default_plugins.sql.storage import make_engine

    engine = make_engine(seeded(f"sqlite:///{tmp_path / 'removed.db'}"))
    try:
        with pytest.raises(InvalidValue) as refused:
            schema.remove_branch(engine, "sorgende", [])
        assert "sorgende" in refused.value.message("en")
    finally:
        engine.dispose()
