"""Throughput of ``sorgende serve --workers N`` on PostgreSQL: 1, 2 and 4 workers.

A fresh PostgreSQL database gets one community with 10,000 open requests, a resident's
account and an API token (the seed of ``web_throughput.py``). Three servers serve it at
once, with 1, 2 and 4 worker processes (each beside its dispatcher process); a client of
16 keep-alive connections (httpx, a thread each) sends ``GET /api/requests`` (the board's
first page of 20, as JSON) and the board page to each server in turn, in interleaved
rounds (1 2 4, 2 4 1, 4 1 2), for a bounded time per server and round. Requests per
second and latency percentiles per worker count; the baseline is one worker, measured in
the same run.

The client runs on the same cores as the servers: on a machine of 2 cores it takes one
of them, so the figures say how far the workers spread over what is left, not what a
server of more cores would reach.

Run: ``SORGENDE_TEST_POSTGRESQL_URL=postgresql+psycopg://... .venv/bin/python
benchmarks/web_workers.py [--seconds S] [--rounds R] [--json PATH]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

import _common
import sqlalchemy as sa
import web_throughput as wt

WORKERS = (1, 2, 4)
PATHS = {"api": "/api/requests?limit=20", "board": "/board"}


def fresh_database(base: str) -> str:
    name = f"bench_workers_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    url = base.rsplit("/", 1)[0] + f"/{name}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SORGENDE_")}
    sorgende_cli = str(Path(sys.executable).parent / "sorgende")
    subprocess.run([sorgende_cli, "db", "upgrade", "--storage", url], check=True, env=env)
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args()
    base = os.environ.get("SORGENDE_TEST_POSTGRESQL_URL")
    if not base:
        raise SystemExit("needs SORGENDE_TEST_POSTGRESQL_URL (a PostgreSQL server)")
    url = fresh_database(base)
    token, seeded = wt.seed(url, args.requests)
    folder = Path(tempfile.mkdtemp(prefix="sorgende-workers-"))
    servers: dict[int, wt.Process] = {}
    figures: dict[tuple[str, int], wt.Figures] = {}
    sorgende_cli = str(Path(sys.executable).parent / "sorgende")
    try:
        for n in WORKERS:
            port = wt.free_port()
            command = [sorgende_cli, "serve", "--db", url, "--host", "127.0.0.1"]
            command += ["--port", str(port), "--workers", str(n)]
            servers[n] = wt.Process(command, port, folder)
        cookies = wt.sign_in(servers[1].url)  # the session is in the database: any server
        order = list(WORKERS)
        for r in range(args.rounds):
            turn = order[r % len(order) :] + order[: r % len(order)]
            for n in turn:
                for name, path in PATHS.items():
                    found = figures.setdefault((name, n), wt.Figures(f"{name} x{n}"))
                    headers = {"authorization": f"Bearer {token}"} if name == "api" else {}
                    wt.run_batch(
                        found,
                        servers[n].url + path,
                        headers,
                        {} if name == "api" else cookies,
                        calls=10**9,
                        seconds=args.seconds,
                        connections=args.connections,
                    )
    finally:
        for server in servers.values():
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{args.requests:,} open requests on PostgreSQL; {args.connections} connections")
    print(f"{'':<8}{'workers':>8}{'req/s':>10}{'x1':>7}{'p50':>12}{'p99':>12}{'errors':>8}")
    out: dict[str, Any] = {"machine": _common.machine(), "seeded": seeded, "figures": {}}
    for name in PATHS:
        one = figures[(name, 1)].rps
        for n in WORKERS:
            f = figures[(name, n)]
            print(
                f"{name:<8}{n:>8}{f.rps:>10.1f}{f.rps / one:>7.2f}"
                f"{wt.ms(f.percentile(50)):>12}{wt.ms(f.percentile(99)):>12}{f.errors:>8}"
            )
            out["figures"][f"{name} x{n}"] = f.as_dict() | {"ratio_to_1": f.rps / one}
    _common.write_json(args.json, out)


if __name__ == "__main__":
    main()
