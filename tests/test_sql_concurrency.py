"""Processes racing for the last helper place of a request, on SQLite and PostgreSQL.

Each worker process opens its own platform on the same database and, in every round,
accepts its own proposal for the same single-helper request at the same moment (a
barrier releases them together). Every round must end with exactly one acceptance;
every other worker finds the request full (``RequestFull``): a lost race is run again
from its reads, so a conflict error or a database error never reaches the caller.
"""

from __future__ import annotations

import multiprocessing
import os
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import sorgende
from sorgende import ActorKind, ExchangeState, TimeWindow
from sorgende.errors import ConflictError, RequestFull

#: on the real clock: help that began two hours ago, each round a minute later (within the
#: grace), so that the winner's help can be reported done at once
START = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)


def worker(url: str, community_id: uuid.UUID, jobs: Any, barrier: Any, results: Any) -> None:
    """Accept the exchange of each job at the barrier; report what happened."""
    with sorgende.open(url, load_entrypoints=False) as platform:
        service = platform.community(community_id)
        while (job := jobs.get()) is not None:
            exchange_id, recipient_id = job
            barrier.wait(timeout=60)
            try:
                service.accept(exchange_id, by=recipient_id)
                results.put("accepted")
            except RequestFull:
                results.put("full")
            except ConflictError:
                results.put("conflict")
            except Exception as error:  # reported, so that the test can say what escaped
                results.put(f"error: {error!r}")


def race(url: str, processes: int, rounds: int) -> None:
    with sorgende.open(url, load_entrypoints=False) as platform:
        c = platform.create_community(f"Race {uuid.uuid4()}")
        place = c.add_place("Daun")
        anna = c.register_actor(ActorKind.PERSON, "Anna")
        helpers = [c.register_actor(ActorKind.PERSON, f"H{i}").id for i in range(processes)]
        ctx = multiprocessing.get_context("spawn")
        barrier = ctx.Barrier(processes)
        results = ctx.Queue()
        queues = [ctx.Queue() for _ in range(processes)]
        workers = [
            ctx.Process(target=worker, args=(url, c.community_id, queues[i], barrier, results))
            for i in range(processes)
        ]
        for process in workers:
            process.start()
        try:
            for n in range(rounds):
                when = START + timedelta(minutes=n)
                request = c.post_request(
                    anna.id, "shopping", place.id, TimeWindow(when, when + timedelta(hours=1)), 1
                )
                for i, helper in enumerate(helpers):
                    proposal = c.propose(request_id=request.id, by=helper)
                    queues[i].put((proposal.id, anna.id))
                outcome = sorted(results.get(timeout=120) for _ in range(processes))
                assert outcome == ["accepted"] + ["full"] * (processes - 1), (n, outcome)
                (winner,) = c.exchanges(request_id=request.id, states=[ExchangeState.ACCEPTED])
                c.complete(winner.id, by=winner.helper_id)
                c.confirm(winner.id, by=anna.id)
        finally:
            for q in queues:
                q.put(None)
            for process in workers:
                process.join(timeout=60)
        assert all(p.exitcode == 0 for p in workers)
        entries = [e.minutes for p in c.postings() for e in p.entries]
        assert len(c.postings()) == rounds and sum(entries) == 0
        assert c.balance(anna.id).minutes == -60 * rounds


def test_four_processes_race_on_a_sqlite_file(tmp_path: Path) -> None:
    race(f"sqlite:///{tmp_path / 'race.db'}", processes=4, rounds=50)


def test_eight_processes_race_on_postgresql() -> None:
    url = os.environ.get("SORGENDE_TEST_POSTGRESQL_URL")
    if url is None and os.environ.get("CI") != "true":
        pytest.skip("no PostgreSQL: set SORGENDE_TEST_POSTGRESQL_URL (bash .ci/run does)")
    assert url is not None, "CI=true needs SORGENDE_TEST_POSTGRESQL_URL"
    race(url, processes=8, rounds=50)
