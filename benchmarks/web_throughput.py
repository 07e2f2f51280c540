"""Web throughput: the board page and ``GET /api/requests`` with 100,000 open requests.

A SQLite file gets one community with 100,000 open requests (added in batches through
the storage's bulk path, ``add_all``), a resident's account and an API token. Then
``sorgende serve`` serves it with uvicorn on loopback, and a bare Litestar endpoint (the
same framework, served by uvicorn the same way, in a process of its own) answers a
constant JSON page of 20 requests, the size of the API's first page. A client with a
few concurrent keep-alive connections (httpx, one per thread) sends a bounded number
of calls to each, interleaved in rounds (A B C, B C A, ...), and measures requests per
second and latency percentiles.

Targets: the API list at least 30 % of the bare endpoint's throughput; the board's
p99 latency under 100 ms.

Run: ``.venv/bin/python benchmarks/web_throughput.py`` (``--quick``: 10,000 requests
and fewer calls; ``--json PATH`` keeps every figure).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
PASSWORD = "benchmark-passwort"
LOGIN = "bench"
API_TARGET = 0.30
BOARD_P99_TARGET_S = 0.100


# -- the seed ---------------------------------------------------------------------------


def seed(path: Path | str, count: int) -> tuple[str, dict[str, Any]]:
    """A community with ``count`` open requests; the API token of the resident ``bench``.

    ``path`` is an SQLite file (made here, with the web plugin only), or the URL of a
    database upgraded by ``sorgende db upgrade`` with the installed plugins
    (``benchmarks/web_workers.py`` seeds PostgreSQL), which are then loaded too."""
    import sorgende_web
    from sorgende_web.accounts import accounts_for, create_account

    import sorgende
    from sorgende import ActorKind, TimeWindow
    from sorgende.domain.help import HelpRequest

    installed = isinstance(path, str)
    url = path if installed else f"sqlite:///{path}"
    started = time.perf_counter()
    platform = sorgende.open(
        url,
        plugins=[] if installed else [sorgende_web],
        load_entrypoints=installed,
        settings=sorgende.load_settings(environ={}),
    )
    try:
        community = platform.create_community("Benchmark-Gemeinde")
        places = [community.add_place(f"Ort {i}") for i in range(38)]
        people = [
            community.register_actor(
                ActorKind.PERSON, f"Person {i}", home_place_id=places[i % len(places)].id
            )
            for i in range(500)
        ]
        categories = [c.code for c in community.categories()]
        now = datetime.now(UTC).replace(microsecond=0)
        cid = community.community_id
        batch: list[HelpRequest] = []
        for i in range(count):
            person = people[i % len(people)]
            start = now + timedelta(days=1 + i % 60, hours=i % 10)
            batch.append(
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
                    urgent=i % 50 == 0,
                )
            )
            if len(batch) == 5_000 or i == count - 1:
                with platform.storage.unit_of_work(cid) as uow:
                    uow.requests.add_all(batch)
                    uow.commit()
                batch = []
        seeded = time.perf_counter() - started
        create_account(
            platform,
            community_id=cid,
            actor_id=people[0].id,
            login=LOGIN,
            password=PASSWORD,
        )
        store = accounts_for(platform)
        account = store.by_login(LOGIN)
        assert account is not None
        token = store.create_token(account.id, "benchmark")
        open_requests = len(community.open_requests())
    finally:
        platform.close()
    if open_requests != count:
        raise SystemExit(f"seeded {open_requests} open requests, wanted {count}")
    return token, {"open_requests": open_requests, "seed_s": seeded}


# -- the servers --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Process:
    """A server process; ready once it printed its URL or answers on its port."""

    def __init__(self, command: list[str], port: int, cwd: Path) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.output: list[str] = []
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=cwd,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self._wait()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)
            self._lines.put(line)

    def _wait(self) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("server ended:\n" + "".join(self.output))
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("server did not start:\n" + "".join(self.output))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()


def serve_bare(port: int, page_file: str) -> None:
    """The baseline: one Litestar GET endpoint answering a constant JSON page."""
    import uvicorn
    from litestar import Litestar, get

    with open(page_file, encoding="utf-8") as handle:
        page = json.load(handle)

    @get("/bare", sync_to_thread=False)
    def bare() -> dict[str, Any]:
        return page  # type: ignore[no-any-return]

    uvicorn.run(
        Litestar([bare]), host="127.0.0.1", port=port, log_level="warning", server_header=False
    )


# -- the client ---------------------------------------------------------------------------


@dataclass
class Figures:
    name: str
    latencies: list[float] = field(default_factory=list)
    wall: float = 0.0
    errors: int = 0

    @property
    def calls(self) -> int:
        return len(self.latencies)

    @property
    def rps(self) -> float:
        return self.calls / self.wall if self.wall else 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
        return ordered[index]

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "calls": self.calls,
            "errors": self.errors,
            "wall_s": self.wall,
            "rps": self.rps,
            "p50_s": self.percentile(50),
            "p90_s": self.percentile(90),
            "p99_s": self.percentile(99),
            "max_s": max(self.latencies),
            "mean_s": statistics.fmean(self.latencies),
        }


def sign_in(base: str) -> dict[str, str]:
    """The session and CSRF cookies of the resident, signed in through the form."""
    # a password check takes a while on a busy machine: not httpx's 5 s
    with httpx.Client(base_url=base, timeout=120) as client:
        form = client.get("/login").text
        token = re.search(r'name="_csrf_token" value="([^"]+)"', form)
        assert token, "no CSRF field on the sign-in page"
        answer = client.post(
            "/login", data={"login": LOGIN, "password": PASSWORD, "_csrf_token": token.group(1)}
        )
        assert answer.status_code == 303, answer.status_code
        return dict(client.cookies.items())


def run_batch(
    figures: Figures,
    url: str,
    headers: dict[str, str],
    cookies: dict[str, str],
    calls: int,
    seconds: float,
    connections: int,
) -> None:
    """``calls`` GETs of ``url`` over ``connections`` keep-alive connections, or fewer when
    ``seconds`` have passed."""
    remaining = [calls]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    found: list[float] = []

    def worker() -> None:
        with httpx.Client(headers=headers, cookies=cookies, timeout=120) as client:
            client.get(url)  # opens the connection: not measured
            while True:
                with lock:
                    if remaining[0] <= 0 or time.perf_counter() > deadline:
                        return
                    remaining[0] -= 1
                start = time.perf_counter()
                answer = client.get(url)
                elapsed = time.perf_counter() - start
                with lock:
                    if answer.status_code != 200:
                        figures.errors += 1
                    found.append(elapsed)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    figures.wall += time.perf_counter() - started
    figures.latencies.extend(found)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


# -- main --------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="10,000 requests, fewer calls")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    parser.add_argument("--requests", type=int, default=None, help="open requests to seed")
    parser.add_argument("--calls", type=int, default=None, help="calls per endpoint and round")
    parser.add_argument(
        "--seconds", type=float, default=None, help="at most this long per endpoint and round"
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--serve-bare", nargs=2, metavar=("PORT", "PAGE"), help=argparse.SUPPRESS)
    return parser.parse_args()


def measure(
    args: argparse.Namespace, folder: Path, count: int, servers: list[Process]
) -> tuple[dict[str, Figures], dict[str, Any]]:
    """Seed, start both servers, and time the three endpoints in interleaved rounds."""
    calls = args.calls or (40 if args.quick else 200)
    seconds = args.seconds or (15.0 if args.quick else 45.0)
    print(f"seeding {count:,} open requests ...", flush=True)
    token, seeded = seed(folder / "web.db", count)
    print(f"  {seeded['seed_s']:.1f} s", flush=True)
    web_port, bare_port = free_port(), free_port()
    sorgende_cli = str(Path(sys.executable).parent / "sorgende")
    servers.append(
        Process(
            [
                sorgende_cli,
                "serve",
                "--db",
                f"sqlite:///{folder / 'web.db'}",
                "--host",
                "127.0.0.1",
                "--port",
                str(web_port),
            ],
            web_port,
            folder,
        )
    )
    web = servers[0].url
    bearer = {"Authorization": f"Bearer {token}"}
    first_page = httpx.get(f"{web}/api/requests", headers=bearer, timeout=300)
    assert first_page.status_code == 200, first_page.text[:300]
    # the total stops counting (the board's COUNT_AHEAD); ``more`` says there are more
    listed = first_page.json()
    assert listed["total"] == count or (listed["more"] and listed["total"] < count), listed["total"]
    page_file = folder / "page.json"
    page_file.write_text(first_page.text, encoding="utf-8")
    servers.append(
        Process(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "--serve-bare",
                str(bare_port),
                str(page_file),
            ],
            bare_port,
            folder,
        )
    )
    cookies = sign_in(web)
    board = httpx.get(f"{web}/board", cookies=cookies, timeout=300)
    assert board.status_code == 200 and "Hilfe Nr." in board.text, board.status_code

    variants = [
        ("bare", f"{servers[1].url}/bare", {}, {}),
        ("api", f"{web}/api/requests", bearer, {}),
        ("board", f"{web}/board", {}, cookies),
    ]
    figures = {name: Figures(name) for name, *_ in variants}
    order = list(variants)
    for round_number in range(args.rounds):
        for name, url, headers, jar in order:
            run_batch(figures[name], url, headers, jar, calls, seconds, args.connections)
            f = figures[name]
            print(
                f"  round {round_number + 1} {name}: {f.calls} calls so far, "
                f"{f.rps:,.1f}/s, p99 {ms(f.percentile(99))}",
                flush=True,
            )
        order = order[1:] + order[:1]
    return figures, seeded


def report(
    args: argparse.Namespace, count: int, figures: dict[str, Figures], seeded: dict[str, Any]
) -> None:
    from _common import machine

    api, base, page = figures["api"], figures["bare"], figures["board"]
    ratio = api.rps / base.rps
    result = {
        "machine": machine(),
        "open_requests": count,
        "seed_s": seeded["seed_s"],
        "connections": args.connections,
        "rounds": args.rounds,
        "figures": {name: f.as_dict() for name, f in figures.items()},
        "api_over_bare": ratio,
        "api_target": API_TARGET,
        "api_target_met": ratio >= API_TARGET,
        "board_p99_target_s": BOARD_P99_TARGET_S,
        "board_target_met": page.percentile(99) < BOARD_P99_TARGET_S,
    }
    print()
    print(
        f"{count:,} open requests in SQLite; {args.connections} connections, "
        f"{args.rounds} interleaved rounds"
    )
    print("| Endpoint | Calls | Requests/s | p50 | p99 | max |")
    print("|---|---|---|---|---|---|")
    for f in (base, api, page):
        print(
            f"| {f.name} | {f.calls} | {f.rps:,.2f} | {ms(f.percentile(50))} | "
            f"{ms(f.percentile(99))} | {ms(max(f.latencies))} |"
        )
    print(
        f"API list / bare endpoint: {ratio:.2%} (target >= {API_TARGET:.0%}: "
        f"{'met' if result['api_target_met'] else 'NOT met'})"
    )
    print(
        f"board p99: {ms(page.percentile(99))} (target < {ms(BOARD_P99_TARGET_S)}: "
        f"{'met' if result['board_target_met'] else 'NOT met'})"
    )
    if any(f.errors for f in figures.values()):
        print("errors:", {f.name: f.errors for f in figures.values()})
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2, default=str)


def main() -> None:
    args = parse_args()
    if args.serve_bare:
        serve_bare(int(args.serve_bare[0]), args.serve_bare[1])
        return
    sys.path.insert(0, str(HERE))
    count = args.requests or (10_000 if args.quick else 100_000)
    folder = Path(tempfile.mkdtemp(prefix="sorgende-web-bench-"))
    servers: list[Process] = []
    try:
        figures, seeded = measure(args, folder, count, servers)
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    report(args, count, figures, seeded)


if __name__ == "__main__":
    main()
