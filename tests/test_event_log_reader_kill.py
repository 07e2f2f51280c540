"""A reader killed with SIGKILL mid-stream resumes from its cursor: every event exactly once.

The reader runs in a subprocess on a SQLite file. For each batch it writes what it saw
into a table of its own (``seen``, one row per sequence number, a primary key: a second
sighting of an event would fail the reader) through the batch's unit of work, then
lingers inside the transaction so that the kill often lands between its work and the
commit. The test kills it after a few batches, checks it stopped mid-stream, starts it
again until the head, and checks that ``seen`` holds every sequence number once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

import sorgende
from sorgende import ActorKind

READER = r"""
import sys, time, uuid
from sqlalchemy import text
from sorgende.default_plugins.sql.storage import SQLStorage
from sorgende.services.events import read_batch

url, community = sys.argv[1], uuid.UUID(sys.argv[2])
storage = SQLStorage(url)

def handle(uow, batch):
    for entry in batch:
        uow.conn.execute(
            text("INSERT INTO seen (community_id, seq, type) VALUES (:c, :s, :t)"),
            {"c": str(entry.community_id), "s": entry.seq, "t": entry.type},
        )
    time.sleep(0.02)  # inside the transaction: a kill now loses this batch's work

while read_batch(storage, "kill-test", community, handle, limit=7):
    print("batch", flush=True)
print("done", flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_reader_killed_mid_stream_sees_every_event_exactly_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kill.db'}"
    with sorgende.open(url, settings=sorgende.Settings(load_entrypoints=False)) as platform:
        c = platform.create_community("Daun")
        place = c.add_place("Daun")
        for i in range(150):
            c.register_actor(ActorKind.PERSON, f"P{i}", home_place_id=place.id)
        head = platform.storage.event_log().head(c.community_id)
        engine = platform.storage.engine  # type: ignore[attr-defined]
        with engine.begin() as conn:
            conn.execute(
                text(
                    "CREATE TABLE seen (community_id TEXT, seq INTEGER, type TEXT, "
                    "PRIMARY KEY (community_id, seq))"
                )
            )
    script = tmp_path / "reader.py"
    script.write_text(READER)
    args = [sys.executable, str(script), url, str(c.community_id)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}

    for killed in range(3):  # kill it three times at different points
        reader = subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=env)
        assert reader.stdout is not None
        batches = 0
        while batches < 2 + killed:
            line = reader.stdout.readline()
            assert line == "batch\n", f"the reader ended early: {line!r}"
            batches += 1
        time.sleep(0.01 * killed)
        reader.send_signal(signal.SIGKILL)
        assert reader.wait(10) == -signal.SIGKILL

    with sorgende.open(url, settings=sorgende.Settings(load_entrypoints=False)) as platform:
        cursor = platform.storage.event_log().cursor("kill-test", c.community_id)
        engine = platform.storage.engine  # type: ignore[attr-defined]
        with engine.connect() as conn:
            seen = [row[0] for row in conn.execute(text("SELECT seq FROM seen ORDER BY seq"))]
        # stopped mid-stream, and what it committed is exactly up to its cursor
        assert 0 < cursor < head
        assert seen == list(range(1, cursor + 1))

    finished = subprocess.run(
        args, check=False, capture_output=True, text=True, env=env, timeout=120
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.endswith("done\n")

    with sorgende.open(url, settings=sorgende.Settings(load_entrypoints=False)) as platform:
        log = platform.storage.event_log()
        assert log.cursor("kill-test", c.community_id) == head
        engine = platform.storage.engine  # type: ignore[attr-defined]
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT seq, type FROM seen ORDER BY seq")).all()
        assert [seq for seq, _ in rows] == list(range(1, head + 1))
        assert [t for _, t in rows] == [e.type for e in log.read(c.community_id)]
