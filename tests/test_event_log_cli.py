"""``sorgende events list`` and ``sorgende events tail`` (with ``--follow``)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import sorgende
from sorgende import ActorKind, TimeWindow
from sorgende.cli import make_cli
from sorgende.config import Settings
from tests.conftest import START, Clock

SETTINGS = Settings(load_entrypoints=False)
NO_ENV = {"SORGENDE_CONFIG": None, "SORGENDE_LANGUAGE": None, "SORGENDE_STORAGE": None,
          "SORGENDE_DISABLE_PLUGINS": None}  # fmt: skip


def run(*args: str) -> Result:
    return CliRunner(env={**NO_ENV, "TZ": "UTC"}).invoke(make_cli(settings=SETTINGS), list(args))


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'events.db'}"
    with sorgende.open(url, clock=Clock(START), settings=SETTINGS) as platform:
        c = platform.create_community("Daun")
        place = c.add_place("Daun")
        anna = c.register_actor(ActorKind.PERSON, "Anna", home_place_id=place.id)
        daughter = c.register_actor(ActorKind.PERSON, "Tochter")
        c.trust(anna.id, daughter.id, by=anna.id)
        start = START + timedelta(days=1)
        window = TimeWindow(start, start + timedelta(hours=1))
        c.post_request(anna.id, "shopping", place.id, window, 1, by=daughter.id)
    return url


def test_list_shows_number_time_what_and_who(url: str) -> None:
    result = run("events", "list", "--storage", url)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["1", "2", "3", "4", "5", "6"]
    assert "02.03.2026 08:00" in lines[0] and "Gemeinschaft angelegt" in lines[0]
    assert "vom System" in lines[0]
    assert "Hilfegesuch gestellt" in lines[-1] and "von Tochter für Anna" in lines[-1]


def test_list_since_with_a_limit_in_english(url: str) -> None:
    result = run("--lang", "en", "events", "list", "--storage", url, "--since", "2", "--limit", "2")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["3", "4"]
    assert "2026-03-02 08:00" in lines[0] and "actor registered" in lines[0]
    after = run("--lang", "en", "events", "list", "--storage", url, "--since", "6")
    assert after.exit_code == 0 and after.stdout == "" and "No events." in after.stderr


def test_tail_shows_the_last_events_and_json_lines(url: str) -> None:
    result = run("events", "tail", "--storage", url, "-n", "2")
    assert result.exit_code == 0, result.output
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["5", "6"]
    as_json = run("events", "tail", "--storage", url, "-n", "1", "--json")
    entry = json.loads(as_json.stdout)
    assert entry["seq"] == 6 and entry["type"] == "RequestPosted"
    assert entry["event"]["type"] == "RequestPosted" and entry["acted_for"] is not None


def test_several_communities_need_community(url: str) -> None:
    with sorgende.open(url, settings=SETTINGS) as platform:
        platform.create_community("Mehren")
    refused = run("events", "list", "--storage", url)
    assert refused.exit_code == 2 and "--community" in refused.output
    chosen = run("events", "list", "--storage", url, "--community", "Mehren")
    assert chosen.exit_code == 0
    assert [line.split()[0] for line in chosen.stdout.splitlines()] == ["1"]
    unknown = run("events", "list", "--storage", url, "--community", "Nirgendwo")
    assert unknown.exit_code == 2 and "Nirgendwo" in unknown.output


def test_tail_follow_shows_new_events_until_stopped(url: str, tmp_path: Path) -> None:
    config = tmp_path / "sorgende.toml"
    config.write_text("[sorgende]\nload_entrypoints = false\n")
    command = [sys.executable, "-c", "from sorgende.cli import main; main()"]
    args = ["events", "tail", "--storage", url, "-n", "1", "--follow", "--poll", "0.1"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("SORGENDE_")}
    env.update({"SORGENDE_CONFIG": str(config), "PYTHONUNBUFFERED": "1", "TZ": "UTC"})
    follower = subprocess.Popen(
        command + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        assert follower.stdout is not None
        first = follower.stdout.readline()
        assert first.split()[0] == "6", first
        time.sleep(0.3)
        with sorgende.open(url, settings=SETTINGS) as platform:
            platform.find_community("Daun").add_place("Mehren")
        added = follower.stdout.readline()
        assert added.split()[0] == "7" and "Ort hinzugefügt" in added
    finally:
        follower.send_signal(signal.SIGINT)
        follower.wait(10)
