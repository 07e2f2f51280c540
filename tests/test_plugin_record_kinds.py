"""A plugin that owns records: the test plugin distribution's notes, end to end.

The plugin (tests/plugin_dist, ``sorgende_testplugin.notes``) declares a record kind
with one personal field and an event type, ships an Alembic migration for its table,
and writes notes through a use case of its own. No core module knows it: this checks
that it is stored on memory, SQLite and PostgreSQL, travels with ``sorgende export``
and ``import``, is in a person's export and loses its personal field on erasure.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sorgende_testplugin
from click.testing import CliRunner
from sorgende_testplugin.notes import NOTE, Note, NoteWritten, notes_on, write_note

import sorgende
from sorgende import OPERATOR
from sorgende.cli import make_cli
from sorgende.config import Settings
from sorgende.errors import InvalidRecordKind, MalformedData, SchemaOutdated
from sorgende.records import Erasure, RecordKind
from sorgende.testing.databases import postgresql_database, postgresql_server

SETTINGS = Settings(load_entrypoints=False)
NO_ENV = {"SORGENDE_CONFIG": None, "SORGENDE_LANGUAGE": None, "SORGENDE_STORAGE": None,
          "SORGENDE_DISABLE_PLUGINS": None}  # fmt: skip


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "memory":
        yield "memory://"
    elif request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'notes.db'}"
    else:
        server = postgresql_server()
        if server is None:
            pytest.skip("no PostgreSQL: set SORGENDE_TEST_POSTGRESQL_URL (bash .ci/run does)")
        with postgresql_database(server, "notes") as database:
            yield database


def open_platform(url: str) -> sorgende.Platform:
    return sorgende.open(url, plugins=[sorgende_testplugin], settings=SETTINGS)


def community_with_anna(platform: sorgende.Platform) -> tuple[sorgende.CommunityService, uuid.UUID]:
    daun = platform.create_community("Verbandsgemeinde Daun")
    mehren = daun.add_place("Mehren")
    anna = daun.register_actor(sorgende.ActorKind.PERSON, "Anna", home_place_id=mehren.id)
    return daun, anna.id


def test_the_plugins_notes_are_stored_exported_and_erased(url: str) -> None:
    with open_platform(url) as platform:
        assert "testplugin.note" in platform.registry
        daun, anna = community_with_anna(platform)
        cid = daun.community_id
        garden = write_note(platform, cid, anna, "Gemeinschaftsgarten", "Ich gieße dienstags.")
        write_note(platform, cid, anna, "Vereinstreffen", "Ich bringe Kuchen mit.")
        assert notes_on(platform, cid, "Gemeinschaftsgarten") == [garden]

        # the plugin's event type went into the event log and reads back as itself
        logged = [e.event for e in platform.storage.event_log().read(cid)]
        written = [e for e in logged if isinstance(e, NoteWritten)]
        assert written[0].note_id == garden.id

        exported = daun.export_person(anna, by=OPERATOR)
        notes = exported["records"]["testplugin.note"]
        assert sorted(n["text"] for n in notes) == [
            "Ich bringe Kuchen mit.",
            "Ich gieße dienstags.",
        ]

        daun.erase_person(anna, by=OPERATOR)
        with platform.read(cid) as uow:
            after = list(uow.of(NOTE).list(where={"author_id": anna}))
        assert [n.text for n in after] == ["", ""]
        assert {n.topic for n in after} == {"Gemeinschaftsgarten", "Vereinstreffen"}


def test_the_notes_travel_with_the_community_through_export_and_import(tmp_path: Path) -> None:
    source, target = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    with open_platform(source) as platform:
        daun, anna = community_with_anna(platform)
        note = write_note(platform, daun.community_id, anna, "Garten", "Tomaten pflanzen")
    runner = CliRunner(env=NO_ENV)
    cli = make_cli(plugins=[sorgende_testplugin], settings=SETTINGS)
    out = tmp_path / "daun.jsonl"
    exported = runner.invoke(cli, ["export", "--storage", source, "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    lines = out.read_text(encoding="utf-8").splitlines()
    kinds = [json.loads(line).get("kind") for line in lines[1:]]
    assert "testplugin.note" in kinds
    imported = runner.invoke(cli, ["import", str(out), "--storage", target])
    assert imported.exit_code == 0, imported.output
    with open_platform(target) as platform:
        assert notes_on(platform, daun.community_id, "Garten") == [note]
        again = list(platform.export_community(daun.community_id))
    assert again == lines


def test_an_export_with_a_kind_nobody_declares_names_the_line(tmp_path: Path) -> None:
    with open_platform("memory://") as platform:
        daun, anna = community_with_anna(platform)
        write_note(platform, daun.community_id, anna, "Garten", "Tomaten")
        lines = list(platform.export_community(daun.community_id))
    with sorgende.open("memory://", settings=SETTINGS) as bare:
        with pytest.raises(MalformedData) as refused:
            bare.import_community(lines)
        assert "testplugin.note" in str(refused.value)
        assert "line" in str(refused.value)
        assert bare.communities() == []  # all or nothing


class _Mail:
    """A channel named ``email`` that keeps what it is given."""

    name = "email"

    def __init__(self) -> None:
        self.sent: list[object] = []

    def send(self, notification: object) -> None:
        self.sent.append(notification)

    def send_digest(self, digest: object) -> None:
        self.sent.append(digest)


class _MailPlugin:
    @sorgende.hookimpl
    def sorgende_notification_channels(self) -> list[_Mail]:
        return [_Mail()]


def test_notification_preferences_are_exported_erased_and_transferred(tmp_path: Path) -> None:
    for url in ("memory://", f"sqlite:///{tmp_path / 'prefs.db'}"):
        with sorgende.open(url, plugins=[_MailPlugin()], settings=SETTINGS) as platform:
            daun, anna = community_with_anna(platform)
            daun.set_notification_preferences(
                anna, by=anna, digest=["email"], quiet_hours="21:00-07:00", language="de"
            )
            lines = list(platform.export_community(daun.community_id))
            assert any(json.loads(line).get("kind") == "notification_preferences" for line in lines)
            exported = daun.export_person(anna, by=OPERATOR)
            (prefs,) = exported["records"]["notification_preferences"]
            assert prefs["quiet_hours"] == "21:00-07:00" and prefs["digest"] == ["email"]
            daun.erase_person(anna, by=OPERATOR)
            exported = daun.export_person(anna, by=OPERATOR)
            assert "notification_preferences" not in exported["records"]
        with sorgende.open("memory://", plugins=[_MailPlugin()], settings=SETTINGS) as other:
            moved = other.import_community(lines)
            exported = moved.export_person(anna, by=OPERATOR)
            assert exported["records"]["notification_preferences"][0]["digest"] == ["email"]


def test_two_plugins_declaring_one_kind_name_fail_naming_both() -> None:
    class Copy:
        @sorgende.hookimpl
        def sorgende_record_kinds(self) -> list[RecordKind[Note]]:
            return [NOTE]

    with pytest.raises(InvalidRecordKind) as refused:
        sorgende.open("memory://", plugins=[sorgende_testplugin, Copy()], settings=SETTINGS)
    assert "testplugin.note" in str(refused.value)
    assert "sorgende_testplugin" in str(refused.value)


def test_a_declaration_that_does_not_fit_its_class_lists_every_problem() -> None:
    bad = RecordKind(
        name="Bad Name",
        cls=Note,
        indexes=("colour", "text"),
        persons=("topic",),
        order="written_at",
    )
    with pytest.raises(InvalidRecordKind) as refused:
        bad.check()
    message = str(refused.value)
    assert "'Bad Name'" in message
    assert "'colour' is not a field of Note" in message
    assert "the person field 'topic' must hold a UUID" in message
    assert "the order field 'written_at' must be one of the indexes" in message
    german = refused.value.message("de")
    assert german.startswith("Datensatzart Bad Name")
    unsure = RecordKind(name="x.y", cls=Note, after=("nobody",))
    with pytest.raises(InvalidRecordKind, match="nobody"):
        sorgende.records.Registry.of([("p", [unsure])])
    assert RecordKind(name="x.z", cls=Note, erasure=Erasure.DELETE, persons=("author_id",))


def test_sql_refuses_a_kind_whose_table_no_migration_made(tmp_path: Path) -> None:
    from sorgende.default_plugins.sql.storage import SQLStorage
    from sorgende.records import Registry

    orphan = RecordKind(name="orphan.note", cls=Note, indexes=("topic",))
    registry = Registry.of([("orphan", [orphan])])
    with pytest.raises(SchemaOutdated) as refused:
        SQLStorage(f"sqlite:///{tmp_path / 'o.db'}", registry=registry)
    assert "k_orphan_note" in str(refused.value)


def test_a_plugin_installed_later_gets_its_table_and_db_upgrade_runs_its_branch(
    tmp_path: Path,
) -> None:
    db = tmp_path / "later.db"
    url = f"sqlite:///{db}"
    with sorgende.open(url, settings=SETTINGS) as platform:
        daun, anna = community_with_anna(platform)
    runner = CliRunner(env=NO_ENV)
    bare = make_cli(settings=SETTINGS)
    with_plugin = make_cli(plugins=[sorgende_testplugin], settings=SETTINGS)
    current = runner.invoke(with_plugin, ["--lang", "en", "db", "current", "--storage", url])
    assert current.exit_code == 0, current.output
    assert "testplugin_0001" in current.output.split("the code needs:")[1]
    assert "testplugin_0001" not in current.output.split("the code needs:")[0]
    upgraded = runner.invoke(with_plugin, ["db", "upgrade", "--storage", url])
    assert upgraded.exit_code == 0, upgraded.output
    after = runner.invoke(bare, ["--lang", "en", "db", "current", "--storage", url])
    stored = after.output.split(";")[0]
    assert "testplugin_0001" in stored
    with open_platform(url) as platform:
        note = write_note(platform, daun.community_id, anna, "Garten", "später installiert")
        assert notes_on(platform, daun.community_id, "Garten") == [note]


def test_a_database_with_a_removed_plugins_tables_says_which_and_what_to_do(
    tmp_path: Path,
) -> None:
    from sorgende.errors import UnknownMigrations

    url = f"sqlite:///{tmp_path / 'removed.db'}"
    with open_platform(url) as platform:
        community_with_anna(platform)
    with pytest.raises(UnknownMigrations) as refused:
        sorgende.open(url, settings=SETTINGS)
    assert "testplugin_0001" in str(refused.value)
    assert "installiertes Plugin" in refused.value.message("de")
