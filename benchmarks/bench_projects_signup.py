"""Sign-up throughput of the projects plugin on SQLite and PostgreSQL (and memory).

One community with an association, its coordinator and 200 persons; events of one day
each with ten shifts of an hour (08:00 to 18:00), eight places each. A sign-up is the
plugin's use case ``Projects.sign_up``: it reads the shift, its event, the acting person,
the person's active sign-ups (no overlapping shifts) and the shift's sign-ups, writes the
sign-up and the shift's counts (compare-and-set) and appends ``SignedUp`` to the event
log, in one transaction. Sign-up ``i`` puts person ``i mod 200`` on shift ``i div 10``:
every shift gets ten sign-ups, eight places and two on the waitlist, and no person's
shifts overlap.

The same-run baseline is the core's ``post_request`` use case (one resident posts a
request), on the same storage, interleaved with the sign-ups in blocks (A B A B ..., the
order rotated each repeat); the ratio is sign-ups per second over requests per second.

With PostgreSQL, also 4 processes at once, each on persons and shifts of its own (no two
processes write the same records: the throughput of the database and the use case, not of
conflicts), against 4 processes posting requests; a barrier starts each block together.

PostgreSQL: with ``SORGENDE_TEST_POSTGRESQL_URL`` set, a database of the benchmark's own,
``sorgende_bench_projects``, is created (once) on that server and emptied.

Run: ``SORGENDE_TEST_POSTGRESQL_URL=postgresql+psycopg://postgres@127.0.0.1:54329/postgres
.venv/bin/python benchmarks/bench_projects_signup.py`` (``--quick``: fewer operations;
``--json PATH`` keeps every figure; ``--storage`` runs one storage).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sorgende_projects
from sorgende_projects import Projects, SignUpState

import sorgende
from sorgende import ActorKind, Role, TimeWindow

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _common import machine  # noqa: E402
from bench_projects_board import bench_postgresql_url  # noqa: E402

#: the platform's clock stands still here; every event lies after it
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
PERSONS = 200
PER_SHIFT = 10
SHIFTS_PER_EVENT = 10
CAPACITY = 8


def fixed_clock() -> datetime:
    return NOW


def open_platform(url: str) -> sorgende.Platform:
    return sorgende.open(
        url,
        plugins=[sorgende_projects],
        load_entrypoints=False,
        clock=fixed_clock,
        settings=sorgende.load_settings(environ={}, load_entrypoints=False),
    )


@dataclass
class World:
    url: str
    community_id: uuid.UUID
    place_id: uuid.UUID
    persons: list[uuid.UUID]
    shifts: list[uuid.UUID]


def seed(url: str, shifts: int, name: str) -> World:
    """:func:`seed_on` a platform of its own."""
    with open_platform(url) as platform:
        return seed_on(platform, url, shifts, name)


def seed_on(platform: sorgende.Platform, url: str, shifts: int, name: str) -> World:
    """A community with its persons and ``shifts`` empty shifts (through the use cases)."""
    community = platform.create_community(name)
    place = community.add_place("Ballenstedt")
    association = community.register_actor(
        ActorKind.ASSOCIATION, "Heimatverein", home_place_id=place.id
    )
    lead = community.register_actor(ActorKind.PERSON, "Leitung", home_place_id=place.id)
    community.add_membership(lead.id, association.id, Role.COORDINATOR)
    persons = [
        community.register_actor(ActorKind.PERSON, f"Person {i}", home_place_id=place.id).id
        for i in range(PERSONS)
    ]
    projects = Projects(platform, community.community_id)
    made: list[uuid.UUID] = []
    day = 0
    while len(made) < shifts:
        day += 1
        begins = NOW.replace(hour=7) + timedelta(days=day)
        event = projects.plan_event(
            f"Aktionstag {day}",
            organisations=[association.id],
            starts_at=begins,
            ends_at=begins + timedelta(hours=SHIFTS_PER_EVENT),
            by=lead.id,
        )
        for s in range(SHIFTS_PER_EVENT):
            starts = begins + timedelta(hours=s)
            made.append(
                projects.add_shift(
                    event.id,
                    f"Schicht {s + 1}",
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=1),
                    capacity=CAPACITY,
                    by=lead.id,
                ).id
            )
    return World(url, community.community_id, place.id, persons, made[:shifts])


class Work:
    """The two workloads on one platform; ``next`` counts sign-ups and requests so far."""

    def __init__(self, world: World, platform: sorgende.Platform) -> None:
        self.world = world
        self.projects = Projects(platform, world.community_id)
        self.community = platform.community(world.community_id)
        self.signups = 0
        self.requests = 0
        self.window = TimeWindow(NOW + timedelta(days=2), NOW + timedelta(days=2, hours=1))

    def sign_ups(self, count: int) -> None:
        persons, shifts, sign_up = self.world.persons, self.world.shifts, self.projects.sign_up
        for i in range(self.signups, self.signups + count):
            person = persons[i % len(persons)]
            sign_up(shifts[i // PER_SHIFT], person, by=person)
        self.signups += count

    def post_requests(self, count: int) -> None:
        persons, post = self.world.persons, self.community.post_request
        place, window = self.world.place_id, self.window
        for i in range(self.requests, self.requests + count):
            post(persons[i % len(persons)], "shopping", place, window, 1.0)
        self.requests += count


def check(work: Work) -> None:
    """After the timed blocks: every shift full with two waiting, in the order of sign-up."""
    for shift_id in work.world.shifts[: work.signups // PER_SHIFT]:
        shift = work.projects.shift(shift_id)
        signups = work.projects.sign_ups(shift_id, by=sorgende.OPERATOR)
        states = [s.state for s in signups]
        if shift.filled != CAPACITY or states.count(SignUpState.WAITING) != PER_SHIFT - CAPACITY:
            raise SystemExit(f"shift {shift.title}: {shift.filled} filled, states {states}")


def single(url: str, ops: int, repeats: int) -> dict[str, Any]:
    """Sign-ups and requests interleaved in one process: the median rate of each."""
    with open_platform(url) as platform:
        # seeded on the platform that is timed: a memory storage lives in it
        world = seed_on(platform, url, (repeats + 1) * ops // PER_SHIFT + 1, "Ballenstedt")
        work = Work(world, platform)
        work.sign_ups(PER_SHIFT)  # warm up: statements built, caches filled
        work.post_requests(PER_SHIFT)
        rates: dict[str, list[float]] = {"sign_up": [], "post_request": []}
        order: list[tuple[str, Callable[[int], None]]] = [
            ("sign_up", work.sign_ups),
            ("post_request", work.post_requests),
        ]
        for _ in range(repeats):
            for name, block in order:
                started = time.perf_counter()
                block(ops)
                rates[name].append(ops / (time.perf_counter() - started))
            order = order[1:] + order[:1]
        check(work)
    median = {name: statistics.median(values) for name, values in rates.items()}
    return {
        "ops_per_block": ops,
        "repeats": repeats,
        "sign_ups_per_s": median["sign_up"],
        "sign_ups_best": max(rates["sign_up"]),
        "requests_per_s": median["post_request"],
        "requests_best": max(rates["post_request"]),
        "ratio": median["sign_up"] / median["post_request"],
        "rates": rates,
    }


def _worker(world: World, kind: str, ops: int, barrier: Any, results: Any, index: int) -> None:
    with open_platform(world.url) as platform:
        work = Work(world, platform)
        block = work.sign_ups if kind == "sign_up" else work.post_requests
        block(PER_SHIFT)  # warm up
        barrier.wait()
        started = time.perf_counter()
        block(ops)
        results.put((index, ops, time.perf_counter() - started))


def parallel(url: str, processes: int, ops: int, repeats: int) -> dict[str, Any]:
    """``processes`` processes at once, each on a community's persons and shifts of its own."""
    shifts = (repeats + 1) * (ops + PER_SHIFT) // PER_SHIFT + 1
    worlds = [seed(url, shifts, name=f"Gemeinde {p}") for p in range(processes)]
    context = mp.get_context("spawn")
    rates: dict[str, list[float]] = {"sign_up": [], "post_request": []}
    order = ["sign_up", "post_request"]
    done: dict[str, int] = {"sign_up": 0, "post_request": 0}
    for _ in range(repeats):
        for kind in order:
            barrier = context.Barrier(processes)
            results = context.Queue()
            # each repeat goes on with the next shifts: a world's counters start anew
            # in the worker, so hand it the part of its shifts still empty
            offset = done[kind]
            jobs = []
            for p in range(processes):
                world = worlds[p]
                part = World(
                    world.url,
                    world.community_id,
                    world.place_id,
                    world.persons,
                    world.shifts[offset // PER_SHIFT :],
                )
                jobs.append(
                    context.Process(target=_worker, args=(part, kind, ops, barrier, results, p))
                )
            for job in jobs:
                job.start()
            figures = [results.get(timeout=600) for _ in jobs]
            for job in jobs:
                job.join()
            total = sum(f[1] for f in figures)
            longest = max(f[2] for f in figures)
            rates[kind].append(total / longest)
            done[kind] += ops + PER_SHIFT
        order = order[1:] + order[:1]
    median = {name: statistics.median(values) for name, values in rates.items()}
    return {
        "processes": processes,
        "ops_per_process": ops,
        "repeats": repeats,
        "sign_ups_per_s": median["sign_up"],
        "requests_per_s": median["post_request"],
        "ratio": median["sign_up"] / median["post_request"],
        "rates": rates,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer operations and repeats")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    parser.add_argument(
        "--storage", choices=("memory", "sqlite", "postgresql"), action="append", default=None
    )
    parser.add_argument("--processes", type=int, default=4, help="PostgreSQL processes (4)")
    args = parser.parse_args()
    ops, repeats = (60, 3) if args.quick else (300, 5)
    wanted = args.storage or ["memory", "sqlite", "postgresql"]
    results: dict[str, Any] = {}
    print("| storage | sign-ups/s (median; best) | post_request/s, same run | ratio |")
    print("|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for name in wanted:
            if name == "memory":
                url = "memory://"
            elif name == "sqlite":
                url = f"sqlite:///{Path(folder) / 'signup.db'}"
            else:
                test_url = os.environ.get("SORGENDE_TEST_POSTGRESQL_URL")
                if not test_url:
                    print("PostgreSQL: skipped (set SORGENDE_TEST_POSTGRESQL_URL)")
                    continue
                url = bench_postgresql_url(test_url)
            figures = single(url, ops * 10 if name == "memory" else ops, repeats)
            results[name] = figures
            print(
                f"| {name} | {figures['sign_ups_per_s']:,.0f} ({figures['sign_ups_best']:,.0f}) "
                f"| {figures['requests_per_s']:,.0f} ({figures['requests_best']:,.0f}) "
                f"| {figures['ratio']:.2f} |",
                flush=True,
            )
            if name == "postgresql" and args.processes > 1:
                many = parallel(url, args.processes, ops, repeats)
                results["postgresql_parallel"] = many
                print(
                    f"| postgresql, {args.processes} processes | {many['sign_ups_per_s']:,.0f} "
                    f"| {many['requests_per_s']:,.0f} | {many['ratio']:.2f} |",
                    flush=True,
                )
    if args.json:
        Path(args.json).write_text(
            json.dumps({"machine": machine(), "results": results}, indent=2, default=str),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
