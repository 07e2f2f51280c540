"""Records stored before the rules no longer break reading; ``sorgende db check`` names them.

The issue's case: a request dated in year 1 was accepted and stored, and from then on
every board, list and dashboard of its community failed with ``OverflowError``. The rows
here are written straight into the SQLite file (as an older release would have left
them), or into the memory storage's tables past the model's checks.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner

from sorgende import ExchangeState, Platform, TimeWindow
from sorgende.cli import make_cli
from sorgende.default_plugins.check_command import check_lines
from sorgende.domain.exchanges import Exchange, Party, TransitionRecord
from sorgende.errors import DamagedRecord, NotFound
from tests.conftest import World

YEAR_1_BERLIN = "0001-01-01T00:30:00+00:53:28[Europe/Berlin]"
sqlite_only = pytest.mark.parametrize("storage_url", ["sqlite"], indirect=True)
memory_only = pytest.mark.parametrize("storage_url", ["memory"], indirect=True)


def _file(storage_url: str) -> Path:
    return Path(storage_url.removeprefix("sqlite:///"))


def _rewrite(storage_url: str, table: str, id: uuid.UUID, change: Any) -> None:
    """Change a stored row's data in place, as raw SQL would."""
    with sqlite3.connect(_file(storage_url)) as db:
        (raw,) = db.execute(f"SELECT data FROM {table} WHERE id = ?", (id.hex,)).fetchone()
        data = json.loads(raw)
        change(data)
        db.execute(f"UPDATE {table} SET data = ? WHERE id = ?", (json.dumps(data), id.hex))


def _year_1(data: dict[str, Any]) -> None:
    data["window"]["start"] = YEAR_1_BERLIN


def _check(storage_url: str, lang: str = "en") -> tuple[int, list[str]]:
    result = CliRunner().invoke(
        make_cli(), ["--lang", lang, "db", "check", "--storage", storage_url]
    )
    return result.exit_code, result.output.splitlines()


@sqlite_only
def test_a_year_1_request_in_the_database_is_left_out_of_the_board_and_lists(
    platform: Platform, world: World, storage_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    good = world.request(title="Einkauf")
    bad = world.request(title="aus alter Zeit")
    exchange = world.c.propose(request_id=good.id, by=world.ben.id)
    _rewrite(storage_url, "requests", bad.id, _year_1)
    with caplog.at_level(logging.WARNING, logger="sorgende.storage"):
        board = world.c.board()
        assert [r.id for r in board.items] == [good.id]
        assert [r.id for r in world.c.open_requests()] == [good.id]
        assert [r.id for r in world.c.requests()] == [good.id]
        assert [r.id for r in world.c.requests(actor_id=world.anna.id)] == [good.id]
        assert world.c.expire_requests(world.clock.now + timedelta(days=30)) != []
    assert str(bad.id) in caplog.text  # logged, once
    assert caplog.text.count(str(bad.id)) == 1
    # asked for by its id, it is named as damaged: of the NotFound family, not a crash
    with pytest.raises(DamagedRecord) as refused:
        world.c.request(bad.id)
    assert isinstance(refused.value, NotFound)
    assert world.c.exchange(exchange.id).request_id == good.id


@sqlite_only
def test_an_exchange_scheduled_in_year_1_is_left_out_of_the_lists(
    platform: Platform, world: World, storage_url: str
) -> None:
    exchange = world.accepted()
    other = world.c.propose(request_id=world.request().id, by=world.dora.id)

    def year_1(data: dict[str, Any]) -> None:
        data["scheduled"] = YEAR_1_BERLIN

    _rewrite(storage_url, "exchanges", exchange.id, year_1)
    assert [e.id for e in world.c.exchanges()] == [other.id]
    assert world.c.exchanges(actor_id=world.ben.id) == []
    # the helper's other help is still checked against what can be read
    assert world.c.propose(request_id=world.request().id, by=world.ben.id)


@sqlite_only
def test_db_check_names_every_bad_record_in_a_line(
    platform: Platform, world: World, storage_url: str
) -> None:
    code, lines = _check(storage_url)
    assert (code, lines) == (0, ["No problems found."])
    bad = world.request(title="aus alter Zeit")
    far = world.request(title="weit voraus")
    _rewrite(storage_url, "requests", bad.id, _year_1)

    def beyond_horizon(data: dict[str, Any]) -> None:  # readable, but breaks a rule
        start = datetime.fromisoformat(data["window"]["start"]) + timedelta(days=1000)
        data["window"] = {
            "start": start.isoformat(),
            "end": (start + timedelta(hours=1)).isoformat(),
        }

    _rewrite(storage_url, "requests", far.id, beyond_horizon)
    code, lines = _check(storage_url)
    assert code == 1
    assert lines[-1] == "2 problems found."
    damaged, ahead = lines[0], lines[1]
    assert damaged.startswith("Verbandsgemeinde Daun: requests ") and str(bad.id) in damaged
    assert "cannot be read" in damaged
    assert str(far.id) in ahead and "window.start" in ahead and "too far ahead" in ahead
    code, german = _check(storage_url, "de")
    assert code == 1 and german[-1] == "2 Probleme gefunden." and "nicht lesbar" in german[0]


@sqlite_only
def test_db_check_finds_help_reported_early_and_helpers_booked_twice(
    platform: Platform, world: World, storage_url: str
) -> None:
    first = world.accepted()
    start = first.scheduled
    # written past the rules: an exchange at the same hour, accepted; one completed early
    clash = _exchange(world, start + timedelta(minutes=30), ExchangeState.ACCEPTED)
    early = _exchange(world, start + timedelta(days=3), ExchangeState.COMPLETED)
    with platform.storage.unit_of_work(world.c.community_id) as uow:
        uow.exchanges.add(clash)
        uow.exchanges.add(early)
        uow.commit()
    code, lines = _check(storage_url)
    assert code == 1 and lines[-1] == "2 problems found."
    assert any(str(clash.id) in line and "overlaps" in line for line in lines)
    assert any(str(early.id) in line and "before it began" in line for line in lines)


@sqlite_only
def test_db_check_finds_open_requests_of_persons_who_left(
    platform: Platform, world: World, storage_url: str
) -> None:
    request = world.request()
    with platform.storage.unit_of_work(world.c.community_id) as uow:
        anna = uow.actors.get(world.anna.id)
        uow.actors.update(attrs.evolve(anna, deactivated=True, version=anna.version + 1))
        uow.commit()
    code, lines = _check(storage_url)
    assert code == 1 and str(request.id) in lines[0] and "no longer takes part" in lines[0]


@memory_only
def test_the_memory_storage_reads_such_records_and_the_check_finds_them(
    platform: Platform, world: World
) -> None:
    """A memory storage holds records, not rows: one past the rules is still read (the
    board and the lists work), and the check names it."""
    good = world.request()
    window = object.__new__(TimeWindow)
    object.__setattr__(window, "start", datetime(1, 1, 1, 0, 30, tzinfo=UTC))
    object.__setattr__(window, "end", datetime(1, 1, 1, 2, 30, tzinfo=UTC))
    bad = attrs.evolve(good, id=uuid.uuid4())
    object.__setattr__(bad, "window", window)
    with platform.storage.unit_of_work(world.c.community_id) as uow:
        uow.requests.add(bad)
        uow.commit()
    assert {r.id for r in world.c.board().items} == {good.id, bad.id}
    assert len(world.c.requests()) == 2
    lines = list(check_lines(platform, "en"))
    assert len(lines) == 1 and str(bad.id) in lines[0] and "window.start" in lines[0]


def _exchange(world: World, scheduled: datetime, state: ExchangeState) -> Exchange:
    """An exchange of Ben for Anna as an older release might have stored it."""
    request = world.request()
    history = [
        TransitionRecord("propose", ExchangeState.PROPOSED, world.ben.id, Party.HELPER, scheduled),
        TransitionRecord(
            "accept", ExchangeState.ACCEPTED, world.anna.id, Party.RECIPIENT, scheduled
        ),
    ]
    if state is ExchangeState.COMPLETED:
        before = scheduled - timedelta(days=1)
        history.append(
            TransitionRecord(
                "complete", ExchangeState.COMPLETED, world.ben.id, Party.HELPER, before
            )
        )
    return Exchange(
        community_id=world.c.community_id,
        helper_id=world.ben.id,
        recipient_id=world.anna.id,
        category="shopping",
        place_id=world.daun.id,
        scheduled=scheduled,
        minutes=60,
        proposed_by=Party.HELPER,
        history=tuple(history),
        request_id=request.id,
        state=state,
        version=len(history),
    )
