"""A process killed with SIGKILL in the middle of its work leaves whole use cases only."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import sorgende
from sorgende import ExchangeState

IMPORT = """
import sys
sys.path.insert(0, {bench!r})
sys.argv = ["x"]
import sorgende
from sql_storage import community_lines
_, lines, _, _ = community_lines(20_000, 40_000)
print("ready", flush=True)
with sorgende.open({url!r}, load_entrypoints=False) as platform:
    platform.import_community(lines)
print("imported", flush=True)
"""

CYCLES = """
from datetime import UTC, datetime, timedelta
import sorgende
from sorgende import ActorKind, TimeWindow
now = datetime.now(UTC) - timedelta(hours=2)  # help that began: reported done at once
with sorgende.open({url!r}, load_entrypoints=False) as platform:
    c = platform.create_community("Daun")
    place = c.add_place("Daun")
    people = [c.register_actor(ActorKind.PERSON, f"P{{i}}").id for i in range(20)]
    print("ready", flush=True)
    i = 0
    while True:
        a, b = people[i % 20], people[(i + 7) % 20]
        w = TimeWindow(now, now + timedelta(hours=1))
        r = c.post_request(a, "shopping", place.id, w, 1)
        x = c.propose(request_id=r.id, by=b)
        c.accept(x.id, by=a)
        c.complete(x.id, by=b)
        c.confirm(x.id, by=a)
        i += 1
"""


def run_and_kill(script: str, after: float) -> None:
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    time.sleep(after)
    assert process.poll() is None, "the work ended before it could be interrupted"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_an_import_killed_midway_leaves_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'import.db'}"
    bench = str(Path(__file__).resolve().parent.parent / "benchmarks")
    run_and_kill(IMPORT.format(bench=bench, url=url), after=1.5)
    with sorgende.open(url, load_entrypoints=False) as platform:
        assert platform.communities() == []  # one transaction: none of it


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_use_cases_killed_midway_are_whole_or_absent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cycles.db'}"
    run_and_kill(CYCLES.format(url=url), after=2.0)
    with sorgende.open(url, load_entrypoints=False) as platform:
        (community,) = platform.communities()
        c = platform.community(community.id)
        postings = c.postings()
        exchanges = {x.id: x for x in c.exchanges()}
        assert postings, "no cycle finished before the kill: give it more time"
        # every posting books a confirmed exchange, every confirmed exchange one posting
        booked = [p.exchange_id for p in postings]
        assert len(booked) == len(set(booked))
        confirmed = {i for i, x in exchanges.items() if x.state is ExchangeState.CONFIRMED}
        assert set(booked) == confirmed
        assert sum(e.minutes for p in postings for e in p.entries) == 0
        for request in c.requests():
            holding = [x for x in c.exchanges(request_id=request.id) if x.state.holds_place]
            assert len(holding) <= request.helpers_needed
