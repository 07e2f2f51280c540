"""The event log on PostgreSQL: concurrent writers of one community, concurrent readers.

Needs ``SORGENDE_TEST_POSTGRESQL_URL`` (``.ci/run`` sets it); skipped locally without
it and an error under ``CI=true``, like ``test_postgresql_storage.py``.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

import pytest

import sorgende
from sorgende import OPERATOR, ActorKind
from sorgende.domain import events as ev
from sorgende.domain.events import LoggedEvent
from sorgende.errors import ConflictError
from sorgende.ports import UnitOfWork
from sorgende.services.events import read_batch

URL = os.environ.get("SORGENDE_TEST_POSTGRESQL_URL")
if URL is None:
    if os.environ.get("CI") == "true":
        raise RuntimeError("PostgreSQL is required under CI=true: set SORGENDE_TEST_POSTGRESQL_URL")
    pytest.skip("set SORGENDE_TEST_POSTGRESQL_URL to a throwaway server", allow_module_level=True)

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def platform() -> Iterator[sorgende.Platform]:
    from sorgende.default_plugins.sql import tables
    from sorgende.default_plugins.sql.storage import make_engine

    assert URL is not None
    engine = make_engine(URL)
    tables.metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    engine.dispose()
    with sorgende.open(URL, settings=sorgende.Settings(load_entrypoints=False)) as p:
        yield p


def run_together(*targets: object) -> None:
    barrier = threading.Barrier(len(targets))
    errors: list[BaseException] = []

    def start(target: object) -> None:
        barrier.wait()
        try:
            target()  # type: ignore[operator]
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=start, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors


def test_two_writers_of_one_community_get_gapless_distinct_numbers(
    platform: sorgende.Platform,
) -> None:
    c = platform.create_community("Daun")
    each = 40
    names = {"a": [f"A{i}" for i in range(each)], "b": [f"B{i}" for i in range(each)]}

    def writer(key: str) -> object:
        def write() -> None:
            for name in names[key]:
                c.register_actor(ActorKind.PERSON, name)

        return write

    run_together(writer("a"), writer("b"))
    entries = platform.storage.event_log().read(c.community_id)
    assert [e.seq for e in entries] == list(range(1, 2 * each + 2))
    registered = [e.event.actor_id for e in entries if isinstance(e.event, ev.ActorRegistered)]
    assert len(registered) == len(set(registered)) == 2 * each
    # and each writer's events are in the order it committed them
    actors = {a.id: a.name for a in c.actors()}
    for key, mine in names.items():
        assert [actors[i] for i in registered if actors[i].startswith(key.upper())] == mine


def test_the_first_events_of_a_community_from_two_writers_at_once(
    platform: sorgende.Platform,
) -> None:
    community_id = uuid.uuid4()  # no head row yet: both writers make it at once

    def writer() -> None:
        for _ in range(20):
            with platform.storage.unit_of_work(community_id) as uow:
                uow.event_log.append(
                    [ev.PlaceAdded(community_id, NOW, None, uuid.uuid4()) for _ in range(3)]
                )
                uow.commit()

    run_together(writer, writer, writer)
    entries = platform.storage.event_log().read(community_id)
    assert [e.seq for e in entries] == list(range(1, 181))
    assert len({e.event.place_id for e in entries}) == 180  # type: ignore[attr-defined]
    assert platform.storage.event_log().head(community_id) == 180


def test_two_instances_of_one_reader_process_every_event_once(
    platform: sorgende.Platform,
) -> None:
    c = platform.create_community("Daun")
    for i in range(60):
        c.register_actor(ActorKind.PERSON, f"P{i}")
    head = platform.storage.event_log().head(c.community_id)
    lock = threading.Lock()
    committed: list[int] = []

    def reader() -> None:
        while True:
            mine: list[int] = []

            def take(uow: UnitOfWork, batch: Sequence[LoggedEvent], mine: list[int] = mine) -> None:
                mine.extend(e.seq for e in batch)

            try:
                if not read_batch(platform.storage, "indicator", c.community_id, take, limit=5):
                    return
            except ConflictError:
                continue  # the other instance took this batch: its work was rolled back
            with lock:
                committed.extend(mine)

    run_together(reader, reader)
    assert sorted(committed) == list(range(1, head + 1))
    assert platform.storage.event_log().cursor("indicator", c.community_id) == head


def test_erasure_pseudonymises_the_log_on_postgresql(platform: sorgende.Platform) -> None:
    c = platform.create_community("Daun")
    anna = c.register_actor(ActorKind.PERSON, "Anna")
    c.register_actor(ActorKind.PERSON, "Ben")
    c.erase_person(anna.id, by=OPERATOR)
    entries = platform.storage.event_log().read(c.community_id)
    registered = [e for e in entries if e.type == "ActorRegistered"]
    assert anna.id not in {e.event.actor_id for e in registered}  # type: ignore[attr-defined]
    assert len(registered) == 2 and entries[-1].type == "PersonErased"
