"""Crisis intake and dispatch under load: registrations through the public form on
loopback, and batch dispatch of thousands of helpers to hundreds of tasks.

1. A platform (SQLite file, or PostgreSQL with ``--postgresql URL``) with the web and
   crisis plugins and an open crisis is served by uvicorn on 127.0.0.1 (in this
   process, a thread of its own). ``--workers`` clients (httpx, one keep-alive
   connection each) fetch the form once and then post ``--registrations`` filled
   forms; every ``--duplicate-every``-th one repeats an earlier phone number (written
   differently: ``+49 171 …`` for ``0171 …``). Measured: the wall time, each POST's
   latency (p50, p95, p99) and, afterwards, that no registration was lost (helpers =
   distinct phones, their merged count = posted forms). The public form's throttle per
   address is lifted for the run: every client is 127.0.0.1.
2. ``--helpers`` helpers (registered through the use case) are dispatched to ``--tasks``
   tasks of 5 to 25 places in batches of 20 (``dispatch_all``); checked: no task has
   more dispatches than places, and the figures of the situation picture agree.

Targets (issue 16): 5,000 registrations within 10 minutes, none lost, p99 < 300 ms;
3,000 helpers to 200 tasks without a task over capacity. The baseline of the same run
is a GET of the form page (the web platform's cost of a page without a write).

Run: ``.venv/bin/python benchmarks/crisis_intake.py`` (SQLite) and
``.venv/bin/python benchmarks/crisis_intake.py --postgresql URL``; ``--quick`` for a
smoke run. The CI runs the same functions small (plugins/sorgende-crisis/tests/
test_crisis_load.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

CSRF_FIELD = "_csrf_token"


@contextmanager
def served(platform: Any) -> Iterator[str]:
    """The platform's web app served by uvicorn on loopback; yields its base URL."""
    import uvicorn
    from sorgende_web import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(platform), log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[sock])), daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def _token(page: str) -> str:
    marker = f'name="{CSRF_FIELD}" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


def phone_of(i: int, variant: bool = False) -> str:
    return f"+49 171 {i:07d}" if variant else f"0171 {i:07d}"


def register_load(
    base: str, path: str, registrations: int, *, workers: int = 8, duplicate_every: int = 10
) -> dict[str, Any]:
    """Post ``registrations`` forms from ``workers`` clients; latencies and statuses."""
    field = CSRF_FIELD
    jobs = list(range(registrations))
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    phones: set[str] = set()

    def phone(i: int) -> tuple[str, str]:
        if duplicate_every and i % duplicate_every == duplicate_every - 1:
            earlier = i - duplicate_every // 2
            return phone_of(earlier, variant=True), phone_of(earlier)
        return phone_of(i), phone_of(i)

    def work(k: int) -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            token = _token(client.get(path).text)
            mine = jobs[k::workers]
            for i in mine:
                written, canonical = phone(i)
                data = {
                    field: token,
                    "name": f"Helferin {i}",
                    "phone": written,
                    "skills": random.choice(["schleppen", "schleppen, erste hilfe", "kochen"]),
                    "equipment": random.choice(["", "", "pumpe", "transporter"]),
                    "adult": "on",
                    "consent_contact": "on",
                }
                started = time.perf_counter()
                answer = client.post(path, data=data, follow_redirects=False)
                took = time.perf_counter() - started
                with lock:
                    latencies.append(took)
                    statuses[answer.status_code] = statuses.get(answer.status_code, 0) + 1
                    if answer.status_code == 303:
                        phones.add(canonical)

    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=(k,)) for k in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000

    return {
        "registrations": registrations,
        "wall_s": round(wall, 2),
        "per_s": round(registrations / wall, 1),
        "p50_ms": round(pct(0.50), 1),
        "p95_ms": round(pct(0.95), 1),
        "p99_ms": round(pct(0.99), 1),
        "statuses": statuses,
        "distinct_phones": len(phones),
    }


def page_baseline(base: str, path: str, calls: int) -> dict[str, Any]:
    with httpx.Client(base_url=base, timeout=30) as client:
        took = []
        for _ in range(calls):
            started = time.perf_counter()
            client.get(path)
            took.append(time.perf_counter() - started)
    took.sort()
    return {
        "calls": calls,
        "p50_ms": round(statistics.median(took) * 1000, 1),
        "p99_ms": round(took[min(len(took) - 1, int(0.99 * len(took)))] * 1000, 1),
    }


def dispatch_load(site: Any, helpers: int, tasks: int, *, seed: int = 16) -> dict[str, Any]:
    """``helpers`` helpers to ``tasks`` tasks in batches of 20; the capacity check."""
    from sorgende_crisis.intake import Form, store
    from sorgende_crisis.kinds import CRISIS, DISPATCH, HELPER

    rng = random.Random(seed)
    crisis = site.crisis
    now = datetime.now(UTC)
    started = time.perf_counter()
    # the helpers come in through the storage's bulk path: the intake's cost is part 1
    with site.platform.use_case(site.community_id) as w:
        c = w.uow.of(CRISIS).get(site.crisis_id)
        for i in range(helpers):
            form = Form.read(
                {
                    "name": f"Helfer {i}",
                    "phone": phone_of(5_000_000 + i),
                    "skills": rng.choice(["schleppen", "schleppen, erste hilfe", "kochen"]),
                    "equipment": rng.choice(["", "", "pumpe"]),
                    "adult": "on",
                    "consent_contact": "on",
                }
            )
            store(w.uow, c, form, now)
    registered = time.perf_counter() - started
    made = []
    for k in range(tasks):
        made.append(
            site.add_task(
                capacity=rng.randint(5, 25),
                title=f"Aufgabe {k + 1}",
                place_id=site.places[k % len(site.places)],
                priority=rng.choice([1, 2, 3]),
                skills=rng.choice(["", "", "schleppen", "erste hilfe"]),
                equipment=rng.choice(["", "", "", "pumpe"]),
            )
        )
    started = time.perf_counter()
    sent = crisis.dispatch_all(site.crisis_id, by=site.staff, batch_size=20, notify=False)
    took = time.perf_counter() - started
    with site.platform.read(site.community_id) as uow:
        per_task: dict[uuid.UUID, int] = {}
        for d in uow.of(DISPATCH).list(where={"crisis_id": site.crisis_id}):
            per_task[d.task_id] = per_task.get(d.task_id, 0) + 1
        sent_twice = len(per_task) and sum(per_task.values()) - len(
            {d.helper_id for d in uow.of(DISPATCH).list(where={"crisis_id": site.crisis_id})}
        )
        left = uow.of(HELPER).count(where={"crisis_id": site.crisis_id, "state": "registered"})
    over = [t.title for t in made if per_task.get(t.id, 0) > t.capacity]
    return {
        "helpers": helpers,
        "tasks": tasks,
        "places": sum(t.capacity for t in made),
        "dispatched": sent,
        "over_capacity": over,
        "helpers_sent_twice": sent_twice,
        "helpers_left": left,
        "register_s": round(registered, 2),
        "dispatch_s": round(took, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registrations", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--duplicate-every", type=int, default=10)
    parser.add_argument("--helpers", type=int, default=3000)
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument(
        "--postgresql", metavar="URL", help="a PostgreSQL server (a new database is made on it)"
    )
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args()
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if args.quick:
        args.registrations, args.helpers, args.tasks = 300, 300, 20
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins/sorgende-crisis/tests"))
    from crisis_site import open_site

    from sorgende.testing.databases import postgresql_database

    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        # PostgreSQL: a database of its own on the server, dropped afterwards
        url = (
            stack.enter_context(postgresql_database(args.postgresql, "crisis_bench"))
            if args.postgresql
            else f"sqlite:///{Path(folder) / 'crisis.db'}"
        )
        # every client is 127.0.0.1: the form's limit per address out of the way
        site = open_site(url, form_limit=10**9)
        try:
            with served(site.platform) as base:
                baseline = page_baseline(base, site.form_path, 200)
                load = register_load(
                    base,
                    site.form_path,
                    args.registrations,
                    workers=args.workers,
                    duplicate_every=args.duplicate_every,
                )
            helpers = site.crisis.helpers(site.crisis_id)
            load["helpers_stored"] = len(helpers)
            load["registrations_merged"] = sum(h.registrations for h in helpers)
            load["lost"] = load["distinct_phones"] - len(helpers)
            dispatch = dispatch_load(site, args.helpers, args.tasks)
        finally:
            site.platform.close()
    figures = {
        "storage": "postgresql" if args.postgresql else "sqlite",
        "form_get": baseline,
        "intake": load,
        "p99_ratio_to_get": round(load["p99_ms"] / max(baseline["p99_ms"], 0.1), 2),
        "dispatch": dispatch,
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
