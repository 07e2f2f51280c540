"""Processes racing for the last places of a shift, on SQLite and PostgreSQL.

Each worker process opens its own platform on the same database. In every round all of
them sign their own person up for a new shift at the same moment (a barrier releases
them together): the shift never has more confirmed sign-ups than places, nor more in a
kept place than the qualification's count, and everyone else is on the waitlist. Then
two of the confirmed persons cancel at the same moment: exactly two persons move up,
the first two of the waitlist, each once. A lost race is run again from its reads (the
shift's compare-and-set), so neither a conflict nor a database error reaches a worker.
"""

from __future__ import annotations

import multiprocessing
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import sorgende
from sorgende.domain.actors import ActorKind, Qualification, Role
from sorgende.testing.databases import postgresql_database, postgresql_server

SETTINGS = sorgende.Settings(load_entrypoints=False)
#: the rounds' shifts lie ahead, a day after each other (no sign-up overlaps another)
START = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)


def open_platform(url: str) -> sorgende.Platform:
    import sorgende_projects

    return sorgende.open(url, plugins=[sorgende_projects], settings=SETTINGS)


def worker(url: str, community_id: uuid.UUID, jobs: Any, barriers: Any, results: Any) -> None:
    """Run each job (sign up or cancel) at its barrier; report what happened."""
    from sorgende_projects import Projects

    with open_platform(url) as platform:
        projects = Projects(platform, community_id)
        while (job := jobs.get()) is not None:
            what, shift_id, person_id, barrier = job
            barriers[barrier].wait(timeout=60)
            try:
                if what == "sign_up":
                    results.put(projects.sign_up(shift_id, person_id, by=person_id).state.value)
                else:
                    results.put(
                        projects.cancel_sign_up(shift_id, person_id, by=person_id).state.value
                    )
            except Exception as error:  # reported, so that the test says what escaped
                results.put(f"error: {error!r}")


def race(url: str, processes: int, rounds: int, capacity: int, kept: int) -> None:  # noqa: PLR0915
    """Sign-ups, then cancellations, at barriers; each step checked (one place to read)."""
    from sorgende_projects import EventTemplate, Projects, ShiftTemplate, SignUpState

    with open_platform(url) as platform:
        c = platform.create_community(f"Race {uuid.uuid4()}")
        org = c.register_actor(ActorKind.ASSOCIATION, "Heimatverein")
        lead = c.register_actor(ActorKind.PERSON, "Koordination")
        c.add_membership(lead.id, org.id, Role.COORDINATOR)
        first_aid = (Qualification("first_aid", date(2020, 1, 1)),)
        persons = [
            c.register_actor(
                ActorKind.PERSON, f"H{i}", qualifications=first_aid if i % 3 == 0 else ()
            )
            for i in range(processes)
        ]
        qualified = {p.id for p in persons if p.qualifications}
        projects = Projects(platform, c.community_id)
        # a shift a day, made in one unit of work before the race
        template = EventTemplate(
            "Runde",
            (org.id,),
            "10:00",
            "12:00",
            shifts=(ShiftTemplate("Dienst", "10:00", "12:00", capacity, {"first_aid": kept}),),
        )
        first = START.date()
        events = projects.plan_series(
            template,
            first=first,
            until=first + timedelta(days=rounds - 1),
            weekdays=range(7),
            by=lead.id,
        )
        shifts = [projects.shifts(e.id)[0] for e in events]
        ctx = multiprocessing.get_context("spawn")
        barriers = {"all": ctx.Barrier(processes), "two": ctx.Barrier(2)}
        results = ctx.Queue()
        queues = [ctx.Queue() for _ in range(processes)]
        workers = [
            ctx.Process(target=worker, args=(url, c.community_id, queues[i], barriers, results))
            for i in range(processes)
        ]
        for process in workers:
            process.start()
        try:
            for n, shift in enumerate(shifts):
                for i, person in enumerate(persons):
                    queues[i].put(("sign_up", shift.id, person.id, "all"))
                outcome = [results.get(timeout=120) for _ in range(processes)]
                assert not [o for o in outcome if o.startswith("error")], (n, outcome)
                signups = projects.sign_ups(shift.id, by=lead.id)
                confirmed = [s for s in signups if s.state is SignUpState.CONFIRMED]
                in_kept = [s for s in confirmed if s.need == "first_aid"]
                assert len(confirmed) <= capacity and len(in_kept) <= kept, (n, outcome)
                assert all(s.person_id in qualified for s in in_kept)
                assert len([s for s in confirmed if s.need == ""]) == capacity - kept
                assert outcome.count("confirmed") == len(confirmed)
                stored = projects.shift(shift.id)
                assert (stored.filled, stored.waiting) == (
                    len(confirmed),
                    processes - len(confirmed),
                )

                # two confirmed persons in open places cancel at once
                leaving = [s for s in confirmed if s.need == ""][:2]
                waiting = sorted(
                    (s for s in signups if s.state is SignUpState.WAITING), key=lambda s: s.position
                )
                index = {p.id: i for i, p in enumerate(persons)}
                for s in leaving:
                    queues[index[s.person_id]].put(("cancel", shift.id, s.person_id, "two"))
                cancelled = [results.get(timeout=120) for _ in leaving]
                assert cancelled == ["cancelled"] * len(leaving), (n, cancelled)
                after = projects.sign_ups(shift.id, by=lead.id)
                promoted = [s for s in after if s.promoted_at is not None]
                expected = [s.person_id for s in waiting[: len(leaving)]]
                assert sorted(s.person_id for s in promoted) == sorted(expected), n
                now_confirmed = [s for s in after if s.state is SignUpState.CONFIRMED]
                assert len(now_confirmed) == len(confirmed) - len(leaving) + len(expected)
                assert projects.shift(shift.id).filled == len(now_confirmed)
        finally:
            for q in queues:
                q.put(None)
            for process in workers:
                process.join(timeout=60)
        assert all(p.exitcode == 0 for p in workers)


def test_four_processes_race_for_a_shift_on_a_sqlite_file(tmp_path: Path) -> None:
    race(f"sqlite:///{tmp_path / 'race.db'}", processes=4, rounds=50, capacity=3, kept=1)


def test_eight_processes_race_for_a_shift_on_postgresql() -> None:
    server = postgresql_server()
    if server is None:
        pytest.skip("no PostgreSQL: set SORGENDE_TEST_POSTGRESQL_URL (bash .ci/run does)")
    with postgresql_database(server, "projects_race") as url:
        race(url, processes=8, rounds=50, capacity=5, kept=2)
