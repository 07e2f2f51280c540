"""``sorgende notify``: flush, run, digest, dead, retry, status, purge."""

from __future__ import annotations

import json
import os
import signal
import threading
import uuid
from pathlib import Path

from click.testing import CliRunner

from sorgende.cli import make_cli
from sorgende.config import Settings
from tests.conftest import START, Clock
from tests.notifications.helpers import Channels, Down, Recorder, open_platform, settle


def setup(tmp_path: Path, *channels: object) -> tuple[str, Settings]:
    """A SQLite file with one proposal made, and the settings the CLI runs with."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    notifications = {"max_attempts": 1}
    clock = Clock(START)
    with open_platform(url, *channels, clock=clock, notifications=notifications) as platform:
        town = settle(platform)
        request = town.c.post_request(
            town.anna.id, "shopping", town.daun.id, town.window(clock.now), 1
        )
        town.c.propose(request_id=request.id, by=town.ben.id)
    settings = Settings(
        storage=url, load_entrypoints=False, plugins={"notifications": notifications}
    )
    return url, settings


def run(settings: Settings, *channels: object, args: list[str]) -> tuple[int, str, str]:
    cli = make_cli(plugins=[Channels(*channels)], settings=settings)
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_flush_dead_and_retry(tmp_path: Path) -> None:
    down = Down("mail")
    _, settings = setup(tmp_path, down)
    code, out, _ = run(settings, down, args=["notify", "flush"])
    assert code == 0
    assert out.strip() == (
        "0 zugestellt, 0 später erneut, 1 unzustellbar, 0 übersprungen (1 neue Vorgänge verteilt)"
    )
    code, out, _ = run(settings, down, args=["notify", "dead"])
    assert code == 0
    line, count = out.strip().splitlines()
    assert "Kanal mail  ExchangeProposed" in line
    assert "1 Versuche  Fehler: ConnectionRefusedError: mail: connection refused" in line
    assert count == "1 unzustellbare Benachrichtigung."
    code, out, _ = run(settings, down, args=["--lang", "en", "notify", "dead", "--json"])
    (dead,) = [json.loads(line) for line in out.splitlines()]
    assert (dead["channel"], dead["attempts"], dead["kind"]) == ("mail", 1, "ExchangeProposed")
    code, _, err = run(settings, down, args=["notify", "retry", str(uuid.uuid4())])
    assert code == 2 and "Unzustellbare Benachrichtigung nicht gefunden" in err
    code, _, err = run(settings, down, args=["notify", "retry", "not-an-id"])
    assert code == 2 and "'not-an-id' ist keine gültige ID" in err
    code, _, err = run(settings, down, args=["notify", "retry"])
    assert code == 2 and "IDs oder --all" in err
    code, out, _ = run(settings, down, args=["notify", "retry", dead["id"]])
    assert (code, out.strip()) == (0, "1 Benachrichtigung wird erneut zugestellt.")
    down.up = True
    code, out, _ = run(settings, down, args=["--lang", "en", "notify", "flush"])
    assert out.startswith("1 delivered, 0 to retry later, 0 dead")
    assert [n.kind for n in down.got] == ["ExchangeProposed"]
    code, out, _ = run(settings, down, args=["notify", "dead"])
    assert out.strip() == "Keine unzustellbaren Benachrichtigungen."
    code, out, _ = run(settings, down, args=["notify", "retry", "--all"])
    assert out.strip() == "0 Benachrichtigungen werden erneut zugestellt."
    code, out, _ = run(settings, down, args=["notify", "status"])
    assert "zugestellt: 1" in out.splitlines() and "unzustellbar: 0" in out.splitlines()
    code, out, _ = run(settings, down, args=["notify", "purge", "--older-than", "1"])
    # the CLI runs on the real clock, long after START: the sent delivery is old
    assert out.strip() == "1 erledigte Zustellung gelöscht."


def test_run_delivers_until_sigterm(tmp_path: Path) -> None:
    inbox = Recorder()
    _, settings = setup(tmp_path, inbox)

    def stop_when_delivered() -> None:
        for _ in range(500):
            if inbox.got:
                break
            threading.Event().wait(0.02)
        os.kill(os.getpid(), signal.SIGTERM)

    before = signal.getsignal(signal.SIGTERM)
    stopper = threading.Thread(target=stop_when_delivered)
    stopper.start()
    code, out, err = run(settings, inbox, args=["notify", "run", "--poll", "0.05"])
    stopper.join()
    assert code == 0
    assert "Strg+C beendet die Zustellung" in err
    assert out.startswith("Zustellung beendet: 1 zugestellt")
    assert len(inbox.got) == 1
    assert signal.getsignal(signal.SIGTERM) == before  # the handler is given back


def test_digest_composes_and_delivers(tmp_path: Path) -> None:
    inbox = Recorder()
    url = f"sqlite:///{tmp_path / 'digest.db'}"
    clock = Clock(START)
    with open_platform(url, inbox, clock=clock) as platform:
        town = settle(platform)
        town.c.set_notification_preferences(town.anna.id, by=town.anna.id, digest=["inbox"])
        request = town.c.post_request(
            town.anna.id, "shopping", town.daun.id, town.window(clock.now), 1
        )
        town.c.propose(request_id=request.id, by=town.ben.id)
    settings = Settings(storage=url, load_entrypoints=False)
    # the CLI's platform runs on the real clock: days after the fixed START
    code, out, _ = run(settings, inbox, args=["notify", "digest"])
    assert code == 0
    assert out.strip().startswith("1 Zusammenfassungen für 1 Empfänger erstellt; 1 zugestellt")
    (digest,) = inbox.digests
    assert digest.actor_id == town.anna.id and len(digest.notifications) == 1
