"""Export and import of whole communities as JSON lines, between storages and by CLI."""

from __future__ import annotations

import json
import os
import random
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

import sorgende
from sorgende.cli import make_cli
from sorgende.config import Settings
from sorgende.demo import SimClock, build_daun, play
from sorgende.domain.actors import Actor, ActorKind
from sorgende.errors import CommunityExists, MalformedData
from sorgende.serialization import converter, dumps


@pytest.fixture(scope="module")
def exported() -> list[str]:
    """Two weeks of the demo community on memory storage, exported."""
    clock = SimClock()
    platform = sorgende.open("memory://", clock=clock, load_entrypoints=False)
    service = platform.create_community("Verbandsgemeinde Daun")
    rng = random.Random(7)
    play(service, 2, rng, clock, build_daun(service, rng))
    return list(platform.export_community(service.community_id))


def _round_trip(url: str, lines: list[str]) -> list[str]:
    with sorgende.open(url, load_entrypoints=False) as platform:
        imported = platform.import_community(lines)
        return list(platform.export_community(imported.community_id))


def test_memory_to_sqlite_to_postgresql_gives_the_same_lines(
    exported: list[str], tmp_path: Path
) -> None:
    assert exported[0].startswith('{"format":"sorgende.community/2"')
    assert len(exported) > 100
    via_sqlite = _round_trip(f"sqlite:///{tmp_path / 'a.db'}", exported)
    assert via_sqlite == exported
    url = os.environ.get("SORGENDE_TEST_POSTGRESQL_URL")
    if url is None and os.environ.get("CI") != "true":
        pytest.skip("no PostgreSQL: set SORGENDE_TEST_POSTGRESQL_URL (bash .ci/run does)")
    assert url is not None, "CI=true needs SORGENDE_TEST_POSTGRESQL_URL"
    from tests.test_postgresql_storage import fresh_storage

    fresh_storage().close()
    assert _round_trip(url, via_sqlite) == exported


def test_imported_community_works_on(exported: list[str], tmp_path: Path) -> None:
    with sorgende.open(f"sqlite:///{tmp_path / 'b.db'}", load_entrypoints=False) as platform:
        service = platform.import_community(exported)
        accounts = {e.account for p in service.postings() for e in p.entries}
        assert sum(service.balance(a).minutes for a in accounts) == 0
        assert service.open_requests() is not None


def test_importing_twice_is_refused_and_writes_nothing(exported: list[str]) -> None:
    platform = sorgende.open("memory://", load_entrypoints=False)
    platform.import_community(exported)
    with pytest.raises(CommunityExists, match="already stored"):
        platform.import_community(exported)


@pytest.mark.parametrize(
    ("lines", "problem"),
    [
        ([], "empty"),
        (["not json"], "line 1: not valid JSON"),
        (['{"format": "other/1"}'], "must name the format"),
    ],
)
def test_bad_exports_name_the_line(lines: list[str], problem: str) -> None:
    platform = sorgende.open("memory://", load_entrypoints=False)
    with pytest.raises(MalformedData, match=problem):
        platform.import_community(lines)
    assert platform.communities() == []


def test_a_bad_record_names_its_line_and_nothing_is_written(exported: list[str]) -> None:
    broken = [*exported[:5], '{"kind": "actor", "record": {"name": 5}}', *exported[5:]]
    platform = sorgende.open("memory://", load_entrypoints=False)
    with pytest.raises(MalformedData) as info:
        platform.import_community(broken)
    assert "line 6: actor" in str(info.value)
    assert platform.communities() == []
    with pytest.raises(MalformedData, match="line 2: unknown kind"):
        platform.import_community([exported[0], '{"kind": "dragon", "record": {}}'])


def test_cli_export_and_import(tmp_path: Path) -> None:
    settings = Settings(load_entrypoints=False)
    runner = CliRunner()
    source, target = f"sqlite:///{tmp_path / 's.db'}", f"sqlite:///{tmp_path / 't.db'}"
    assert (
        runner.invoke(
            make_cli(settings=settings), ["demo", "--weeks", "1", "--storage", source]
        ).exit_code
        == 0
    )
    out = tmp_path / "daun.jsonl"
    result = runner.invoke(
        make_cli(settings=settings), ["export", "--storage", source, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(make_cli(settings=settings), ["import", str(out), "--storage", target])
    assert result.exit_code == 0, result.output
    again = runner.invoke(make_cli(settings=settings), ["export", "--storage", target])
    assert again.stdout == out.read_text()
    twice = runner.invoke(make_cli(settings=settings), ["import", str(out), "--storage", target])
    assert twice.exit_code == 2 and "schon gespeichert" in twice.output


def test_the_event_log_travels_with_its_sequence_numbers(
    exported: list[str], tmp_path: Path
) -> None:
    events = [json.loads(line)["event"] for line in exported if line.startswith('{"event"')]
    assert len(events) > 20
    assert exported[-len(events) :] == [line for line in exported if line.startswith('{"event"')]
    with sorgende.open(f"sqlite:///{tmp_path / 'log.db'}", load_entrypoints=False) as platform:
        imported = platform.import_community(exported)
        logged = platform.storage.event_log().read(imported.community_id)
        assert [e.seq for e in logged] == list(range(1, len(events) + 1))
        assert [converter.unstructure(e.event) for e in logged] == events


def test_an_export_of_format_1_is_still_read(exported: list[str]) -> None:
    old = [exported[0].replace("sorgende.community/2", "sorgende.community/1")]
    old += [line for line in exported[1:] if not line.startswith('{"event"')]
    with sorgende.open("memory://", load_entrypoints=False) as platform:
        imported = platform.import_community(old)
        assert platform.storage.event_log().read(imported.community_id) == []


def _people(header: str, n: int) -> list[str]:
    """``n`` more actor lines for the community of ``header``: enough for a bulk insert."""
    cid = uuid.UUID(json.loads(header)["community"]["id"])
    return [
        dumps({"kind": "actor", "record": converter.unstructure(a)})
        for a in (Actor(cid, ActorKind.PERSON, f"Zoë 'Nr. {i}' Müller") for i in range(n))
    ]


def test_a_bad_line_after_bulk_inserts_leaves_sqlite_as_it_was(
    exported: list[str], tmp_path: Path
) -> None:
    """Rows inserted in bulk before the bad line are rolled back with the rest, and the
    connection's page cache, enlarged for the import, is as before for the next user."""
    # more than sql.bulk.THRESHOLD rows of one kind: the driver-level insert runs first
    broken = [exported[0], *_people(exported[0], 100), '{"kind": "actor", "record": {"name": 5}}']
    with sorgende.open(f"sqlite:///{tmp_path / 'c.db'}", load_entrypoints=False) as platform:
        engine = platform.storage.engine  # type: ignore[attr-defined]
        with engine.connect() as conn:
            before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
        with pytest.raises(MalformedData, match="line 102: actor"):
            platform.import_community(broken)
        assert platform.communities() == []
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM actors").scalar() == 0
            assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == before
        platform.import_community(exported)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == before
