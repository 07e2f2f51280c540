"""``sorgende serve --workers N``: worker processes on one socket, the dispatcher apart.

Runs the real command in a process of its own, on PostgreSQL when the tests have one
(``SORGENDE_TEST_POSTGRESQL_URL``), else on an SQLite file: the parent has N workers and
one dispatcher as children; pages are served by them in parallel; a worker killed is
started again; SIGTERM stops all of them.
"""

from __future__ import annotations

import concurrent.futures
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from test_web_serve import URL, form_token, read_until_url

from sorgende.cli import make_cli
from sorgende.config import Settings

WORKERS = 2


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found.update(int(p) for p in text)
    return found


def wait_for(check, seconds: float = 30.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def database(tmp_path: Path) -> str:
    base = os.environ.get("SORGENDE_TEST_POSTGRESQL_URL")
    if not base:
        return f"sqlite:///{tmp_path / 'workers.db'}"
    name = f"workers_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    url = base.rsplit("/", 1)[0] + f"/{name}"
    # a PostgreSQL database is upgraded by the command, not on open
    env = {k: v for k, v in os.environ.items() if not k.startswith("SORGENDE_")}
    subprocess.run(
        [str(Path(sys.executable).parent / "sorgende"), "db", "upgrade", "--storage", url],
        check=True,
        env=env,
        capture_output=True,
    )
    return url


def test_workers_serve_in_parallel_restart_and_stop(tmp_path: Path, database: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SORGENDE_")}
    env["SORGENDE_LANGUAGE"] = "en"
    command = [str(Path(sys.executable).parent / "sorgende"), "serve", "--db", database]
    command += ["--port", "0", "--demo-password", "demo-password", "--workers", str(WORKERS)]
    process = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        lines = read_until_url(process, 300)
        found = URL.search("\n".join(lines))
        assert found, f"no address: {lines!r} {process.poll()}"
        base = found.group(1)
        # N workers and the dispatcher
        assert wait_for(lambda: len(children(process.pid)) == WORKERS + 1), children(process.pid)
        first = children(process.pid)

        def fetch(_: int) -> int:
            with httpx.Client(base_url=base, timeout=60) as client:
                return client.get("/login").status_code

        def signed_in_board() -> int:
            with httpx.Client(base_url=base, follow_redirects=False, timeout=60) as client:
                token = form_token(client.get("/login").text)
                answer = client.post(
                    "/login",
                    data={
                        "login": "coordinator",
                        "password": "demo-password",
                        "_csrf_token": token,
                    },
                )
                assert answer.status_code == 303, answer.text[:300]
                # the session is in the database: any worker knows it
                return min(client.get("/board").status_code for _ in range(6))

        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            assert set(pool.map(fetch, range(40))) == {200}
        assert signed_in_board() == 200

        victim = min(first)
        os.kill(victim, signal.SIGKILL)
        assert wait_for(
            lambda: (
                victim not in children(process.pid) and len(children(process.pid)) == WORKERS + 1
            )
        ), children(process.pid)
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            assert set(pool.map(fetch, range(20))) == {200}
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=60)
    assert code == 0, process.stderr.read() if process.stderr else ""


def test_several_workers_need_a_shared_database() -> None:
    import sorgende_web

    cli = make_cli(plugins=[sorgende_web], settings=Settings(load_entrypoints=False))
    result = CliRunner().invoke(cli, ["serve", "--db", "memory://", "--workers", "2"])
    assert result.exit_code == 2
    assert result.output == (
        "Konfiguration --workers: mehrere Worker brauchen eine gemeinsame SQL-Datenbank"
        " (PostgreSQL), nicht memory\n"
    )
