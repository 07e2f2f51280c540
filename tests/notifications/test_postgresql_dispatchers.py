"""Two dispatcher processes on one PostgreSQL outbox: 10,000 notifications, each once.

Reads the server's URL from ``SORGENDE_TEST_POSTGRESQL_URL``; skipped without it locally,
an error under ``CI=true`` (as in ``tests/test_postgresql_storage.py``).
"""

from __future__ import annotations

import multiprocessing
import os
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from sorgende import ActorKind, Consent
from sorgende.domain.events import ExchangeAccepted
from sorgende.notifications import Notification
from sorgende.notifications.records import OutboxEntry, delivery_key, event_id
from tests.conftest import START, Clock
from tests.notifications.helpers import open_platform

URL = os.environ.get("SORGENDE_TEST_POSTGRESQL_URL")
HOW = (
    "set SORGENDE_TEST_POSTGRESQL_URL=postgresql+psycopg://postgres@127.0.0.1:PORT/postgres "
    "to a throwaway PostgreSQL server (bash .ci/run starts one)"
)
if URL is None:
    if os.environ.get("CI") == "true":
        raise RuntimeError("PostgreSQL is required under CI=true: " + HOW)
    pytest.skip(HOW, allow_module_level=True)

PEOPLE = 100
ENTRIES = 500
EVENTS_PER_ENTRY = 10  # each event concerns two people: 10,000 deliveries


class KeyLog:
    """A channel that writes the key of every notification it gets to a file."""

    name = "keys"

    def __init__(self) -> None:
        self.keys: list[str] = []

    def send(self, notification: Notification) -> None:
        self.keys.append(notification.key)


def dispatcher(url: str, out: str, ready: Any) -> None:
    """One dispatcher process: passes until nothing is waiting or being delivered."""
    log = KeyLog()
    with open_platform(url, log, clock=Clock(START), notifications={"batch": 100}) as platform:
        ready.wait(timeout=60)
        while True:
            report = platform.notifications.flush()
            counts = platform.notifications.counts()
            if not report.busy and counts["outbox"] == 0 and counts["pending"] == 0:
                break
    Path(out).write_text("\n".join(log.keys), encoding="utf-8")


def fresh_schema(url: str) -> None:
    from sorgende.default_plugins.sql import tables
    from sorgende.default_plugins.sql.storage import make_engine

    engine = make_engine(url)
    tables.metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    engine.dispose()


def test_two_dispatchers_deliver_10000_notifications_once_each(tmp_path: Path) -> None:
    assert URL is not None
    fresh_schema(URL)
    expected: set[str] = set()
    with open_platform(URL, KeyLog(), clock=Clock(START)) as platform:
        c = platform.create_community("Verbandsgemeinde Daun")
        people = [
            c.register_actor(ActorKind.PERSON, f"Person {i}", consent=Consent(contact=True)).id
            for i in range(PEOPLE)
        ]
        storage = platform.storage
        for start in range(0, ENTRIES, 100):
            with storage.unit_of_work(c.community_id) as uow:
                for n in range(start, start + 100):
                    events = []
                    for k in range(EVENTS_PER_ENTRY):
                        helper = people[(n + k) % PEOPLE]
                        recipient = people[(n + k + 1) % PEOPLE]
                        events.append(
                            ExchangeAccepted(
                                c.community_id, START, None, uuid.uuid4(), helper, recipient
                            )
                        )
                    entry = OutboxEntry(uuid.uuid4(), c.community_id, START, tuple(events))
                    uow.outbox.add(entry)
                    for k, event in enumerate(events):
                        for person in (event.helper_id, event.recipient_id):
                            expected.add(delivery_key(event_id(entry.id, k), person, "keys"))
                uow.commit()
        assert platform.notifications.counts()["outbox"] == ENTRIES
    assert len(expected) == 10_000

    context = multiprocessing.get_context("fork")
    ready = context.Event()
    outs = [str(tmp_path / f"keys-{i}.txt") for i in range(2)]
    workers = [context.Process(target=dispatcher, args=(URL, out, ready)) for out in outs]
    for worker in workers:
        worker.start()
    ready.set()
    for worker in workers:
        worker.join(timeout=600)
        assert worker.exitcode == 0
    got = [Path(out).read_text(encoding="utf-8").split() for out in outs]
    counted = Counter(key for keys in got for key in keys)
    duplicates = [key for key, times in counted.items() if times > 1]
    assert duplicates == []
    assert set(counted) == expected  # none missing, nothing else
    assert all(len(keys) > 0 for keys in got), [len(keys) for keys in got]  # both worked
    with open_platform(URL, KeyLog(), clock=Clock(START)) as platform:
        counts = platform.notifications.counts()
    assert (counts["sent"], counts["pending"], counts["outbox"]) == (10_000, 0, 0)
