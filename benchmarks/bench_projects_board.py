"""The shift board with 10,000 shifts: latency of a page on memory, SQLite and PostgreSQL.

Each storage gets one community with three organisations and 10,000 shifts: 500 events
over 50 days (ten a day), twenty shifts each, every fourth keeping a place for a first
aider, every tenth already full (not on the board); and, for the same-run baseline, the
core's own board with 10,000 open help requests. Records are stored in bulk through the
storage's ``add_all`` (as ``web_throughput.py`` seeds its requests), so seeding measures
nothing of the use cases.

Then, interleaved in rounds (A B C ..., the order rotated each round), the board is asked
for a page of 50 (``Projects.board``) in five ways: the first page of all 50 days, a
random page of them, the first page of one organisation, the first page of shifts keeping
places for first aid, the first page of one week; and the core's board
(``CommunityService.board``) for its first page of 50. Every call is timed on its own
(``perf_counter``); the figures are p50, p95 and p99 per variant, and the ratio of each
variant's p50 to the core board's p50 measured in the same run.

Target: p99 < 100 ms for every variant, on every storage.

PostgreSQL: with ``SORGENDE_TEST_POSTGRESQL_URL`` set, the benchmark creates (once) and
empties a database of its own on that server, ``sorgende_bench_projects``, so that it never
drops the tables of the database the tests use.

Run: ``SORGENDE_TEST_POSTGRESQL_URL=postgresql+psycopg://postgres@127.0.0.1:54329/postgres
.venv/bin/python benchmarks/bench_projects_board.py`` (``--quick``: 2,000 shifts and
fewer rounds; ``--rounds N`` calls per variant; ``--json PATH`` keeps every figure;
``--storage memory|sqlite|postgresql`` runs one).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import sorgende_projects
from sorgende_projects.kinds import EVENT, SHIFT
from sorgende_projects.model import Event, Need, Shift
from sorgende_projects.queries import COUNT_AHEAD
from sorgende_projects.service import Projects

import sorgende
from sorgende import ActorKind, TimeWindow
from sorgende.domain.help import HelpRequest

P99_TARGET_S = 0.100
PAGE = 50
FIRST_DAY = date(2027, 5, 3)
BENCH_DATABASE = "sorgende_bench_projects"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


# -- databases ------------------------------------------------------------------------


def bench_postgresql_url(test_url: str) -> str:
    """A database of the benchmark's own on the server of ``test_url``, emptied."""
    from sqlalchemy import MetaData, create_engine, text

    admin = create_engine(test_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": BENCH_DATABASE}
        ).first()
        if exists is None:
            conn.execute(text(f'CREATE DATABASE "{BENCH_DATABASE}"'))
    admin.dispose()
    url = test_url.rsplit("/", 1)[0] + "/" + BENCH_DATABASE
    engine = create_engine(url)
    metadata = MetaData()
    metadata.reflect(engine)
    metadata.drop_all(engine)
    engine.dispose()
    return url


def open_platform(url: str) -> sorgende.Platform:
    """The default plugins and the projects plugin; no sorgende.toml, no entry points."""
    return sorgende.open(
        url,
        plugins=[sorgende_projects],
        load_entrypoints=False,
        settings=sorgende.load_settings(environ={}, load_entrypoints=False),
    )


# -- the seed -----------------------------------------------------------------------------


def seed(platform: sorgende.Platform, shifts: int) -> dict[str, Any]:
    """A community with ``shifts`` shifts and as many open help requests; what to ask."""
    started = time.perf_counter()
    community = platform.create_community("Ballenstedt")
    cid = community.community_id
    zone = ZoneInfo(community.info().time_zone)
    places = [community.add_place(f"Ortsteil {i}") for i in range(10)]
    orgs = [
        community.register_actor(ActorKind.ASSOCIATION, name, home_place_id=places[0].id).id
        for name in ("Heimatverein", "Sportverein", "Stadt Ballenstedt")
    ]
    people = [
        community.register_actor(
            ActorKind.PERSON, f"Person {i}", home_place_id=places[i % len(places)].id
        )
        for i in range(200)
    ]
    now = datetime.now(UTC).replace(microsecond=0)
    per_event = 20
    events: list[Event] = []
    rows: list[Shift] = []
    for e in range(max(1, shifts // per_event)):
        day = FIRST_DAY + timedelta(days=e // 10)
        org = orgs[e % len(orgs)]
        begins = datetime.combine(day, datetime.min.time(), tzinfo=zone) + timedelta(hours=8)
        event = Event(
            community_id=cid,
            title=f"Aktion {e}",
            organisation_ids=(org,),
            starts_at=begins,
            ends_at=begins + timedelta(hours=12),
            created_at=now,
            organisation_id=org,
            day=day,
            place_id=places[e % len(places)].id,
        )
        events.append(event)
        for s in range(per_event):
            starts = begins + timedelta(minutes=30 * s)
            k = e * per_event + s
            needs = (Need("first_aid", 1),) if k % 4 == 0 else ()
            full = k % 10 == 9
            rows.append(
                Shift(
                    community_id=cid,
                    event_id=event.id,
                    title=f"Schicht {s + 1}",
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=2),
                    day=day,
                    capacity=6,
                    needs=needs,
                    organisation_id=org,
                    place_id=event.place_id,
                    filled=6 if full else k % 6,
                    next_position=(6 if full else k % 6) + 1,
                    free=0 if full else 6 - k % 6,
                    open=not full,
                    open_day=None if full else day,  # the board's index, as the use cases keep it
                )
            )
    categories = [c.code for c in community.categories()]
    requests = []
    for i in range(shifts):
        person = people[i % len(people)]
        start = now + timedelta(days=1 + i % 60, hours=i % 10)
        requests.append(
            HelpRequest(
                community_id=cid,
                recipient_id=person.id,
                posted_by=person.id,
                category=categories[i % len(categories)],
                place_id=places[i % len(places)].id,
                window=TimeWindow(start, start + timedelta(hours=1)),
                minutes=60,
                posted_at=now - timedelta(minutes=i),
                title=f"Hilfe Nr. {i}",
            )
        )
    batch = 2_000
    with platform.storage.unit_of_work(cid) as uow:
        uow.of(EVENT).add_all(events)
        uow.commit()
    for i in range(0, len(rows), batch):
        with platform.storage.unit_of_work(cid) as uow:
            uow.of(SHIFT).add_all(rows[i : i + batch])
            uow.commit()
    for i in range(0, len(requests), batch):
        with platform.storage.unit_of_work(cid) as uow:
            chunk = requests[i : i + batch]
            if hasattr(uow.requests, "add_all"):  # the SQL storage's bulk path
                uow.requests.add_all(chunk)
            else:
                for request in chunk:
                    uow.requests.add(request)
            uow.commit()
    last = FIRST_DAY + timedelta(days=(len(events) - 1) // 10)
    return {
        "community": community,
        "projects": Projects(platform, cid),
        "organisation": orgs[0],
        "first": FIRST_DAY,
        "last": last,
        "open_shifts": sum(1 for r in rows if r.open),
        "shifts": len(rows),
        "seed_s": time.perf_counter() - started,
    }


# -- the variants ---------------------------------------------------------------------------


def variants(world: dict[str, Any], rng: random.Random) -> dict[str, Callable[[], Any]]:
    projects: Projects = world["projects"]
    first, last = world["first"], world["last"]
    pages = max(1, world["open_shifts"] // PAGE)

    def first_page() -> Any:
        return projects.board(start=first, end=last, limit=PAGE)

    def random_page() -> Any:
        return projects.board(start=first, end=last, offset=rng.randrange(pages) * PAGE, limit=PAGE)

    def organisation() -> Any:
        return projects.board(
            start=first, end=last, organisation_id=world["organisation"], limit=PAGE
        )

    def qualification() -> Any:
        return projects.board(start=first, end=last, qualification="first_aid", limit=PAGE)

    def one_week() -> Any:
        return projects.board(start=first, end=first + timedelta(days=6), limit=PAGE)

    def core_board() -> Any:
        return world["community"].board(limit=PAGE)

    return {
        "core board (baseline)": core_board,
        "all days, first page": first_page,
        "all days, random page": random_page,
        "one organisation": organisation,
        "first aid places": qualification,
        "one week": one_week,
    }


def check(world: dict[str, Any]) -> None:
    """What is timed returns what it should: full pages, the totals of the seed."""
    projects: Projects = world["projects"]
    page = projects.board(start=world["first"], end=world["last"], limit=PAGE)
    # the board counts at most COUNT_AHEAD beyond its page ("more than")
    counted = min(world["open_shifts"], COUNT_AHEAD)
    more = world["open_shifts"] > COUNT_AHEAD
    if (page.total, page.more, len(page.items)) != (counted, more, PAGE):
        raise SystemExit(f"board: total {page.total}, more {page.more}, {len(page.items)} items")
    starts = [item.shift.starts_at for item in page.items]
    if starts != sorted(starts):
        raise SystemExit("board: the page is not in the order of the shifts' start")
    kept = projects.board(
        start=world["first"], end=world["last"], qualification="first_aid", limit=PAGE
    )
    if not kept.items or any("first_aid" not in i.shift.qualifications for i in kept.items):
        raise SystemExit("board: the first-aid filter shows other shifts")


def measure(name: str, url: str, shifts: int, rounds: int) -> dict[str, Any]:
    platform = open_platform(url)
    try:
        world = seed(platform, shifts)
        check(world)
        calls = variants(world, random.Random(1))
        for call in calls.values():  # warm up: statements built, caches filled
            call()
        times: dict[str, list[float]] = {v: [] for v in calls}
        order = list(calls)
        for _ in range(rounds):
            for variant in order:
                started = time.perf_counter()
                calls[variant]()
                times[variant].append(time.perf_counter() - started)
            order = order[1:] + order[:1]
    finally:
        platform.close()
    base = statistics.median(times["core board (baseline)"])
    figures = {}
    for variant, values in times.items():
        p50 = statistics.median(values)
        figures[variant] = {
            "calls": len(values),
            "p50_ms": p50 * 1e3,
            "p95_ms": percentile(values, 0.95) * 1e3,
            "p99_ms": percentile(values, 0.99) * 1e3,
            "ratio_p50": p50 / base,
            "met": percentile(values, 0.99) < P99_TARGET_S,
        }
    return {
        "storage": name,
        "shifts": world["shifts"],
        "open_shifts": world["open_shifts"],
        "seed_s": world["seed_s"],
        "variants": figures,
    }


def print_table(result: dict[str, Any]) -> None:
    print(
        f"\n{result['storage']}: {result['shifts']:,} shifts ({result['open_shifts']:,} open), "
        f"seeded in {result['seed_s']:.1f} s"
    )
    print("| variant | calls | p50 | p95 | p99 | p50 / core board | p99 < 100 ms |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for variant, f in result["variants"].items():
        met = "–" if variant.startswith("core") else ("yes" if f["met"] else "**no**")
        print(
            f"| {variant} | {f['calls']} | {f['p50_ms']:.1f} ms | {f['p95_ms']:.1f} ms | "
            f"{f['p99_ms']:.1f} ms | x{f['ratio_p50']:.2f} | {met} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 shifts, 30 rounds")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    parser.add_argument(
        "--storage", choices=("memory", "sqlite", "postgresql"), action="append", default=None
    )
    parser.add_argument("--rounds", type=int, default=None, help="calls per variant (200)")
    args = parser.parse_args()
    shifts, rounds = (2_000, 30) if args.quick else (10_000, 200)
    rounds = args.rounds or rounds
    wanted = args.storage or ["memory", "sqlite", "postgresql"]
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _common import machine

    results = []
    with tempfile.TemporaryDirectory() as folder:
        for name in wanted:
            if name == "memory":
                url = "memory://"
            elif name == "sqlite":
                url = f"sqlite:///{Path(folder) / 'board.db'}"
            else:
                test_url = os.environ.get("SORGENDE_TEST_POSTGRESQL_URL")
                if not test_url:
                    print("PostgreSQL: skipped (set SORGENDE_TEST_POSTGRESQL_URL)")
                    continue
                url = bench_postgresql_url(test_url)
            result = measure(name, url, shifts, rounds)
            print_table(result)
            results.append(result)
    if args.json:
        Path(args.json).write_text(
            json.dumps({"machine": machine(), "results": results}, indent=2, default=str),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
