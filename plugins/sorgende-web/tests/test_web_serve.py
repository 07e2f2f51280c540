"""``sorgende serve``: the first start builds the demo community and serves it."""

from __future__ import annotations

import asyncio
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from sorgende_web.cli import DEFAULT_DATABASE, bind, database_url

from sorgende.cli import make_cli
from sorgende.config import Settings

URL = re.compile(r"(http://127\.0\.0\.1:\d+/)")
TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')


def form_token(page: str) -> str:
    """The CSRF token a page's form carries (bound to this browser: read from the page)."""
    found = TOKEN.search(page)
    assert found, "no form token on the page"
    return found.group(1)


def test_database_url() -> None:
    assert database_url("sqlite:///x.db", "memory://") == "sqlite:///x.db"
    assert database_url(None, "sqlite:///conf.db") == "sqlite:///conf.db"
    assert database_url(None, "memory://") == DEFAULT_DATABASE


def test_serve_is_a_command() -> None:
    import sorgende_web

    cli = make_cli(plugins=[sorgende_web], settings=Settings(load_entrypoints=False))
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--demo / --no-demo", "--demo-password"):
        assert option in result.output


def test_served_connections_send_at_once() -> None:
    """The served socket is a TCP one by protocol too, so the accepted connections get
    TCP_NODELAY from asyncio: no answer waits for the client's delayed ACK (~40 ms)."""
    sock = bind("127.0.0.1", 0)
    seen: list[int] = []

    async def main() -> None:
        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            accepted = writer.get_extra_info("socket")
            seen.append(accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(handle, sock=sock)
        reader, writer = await asyncio.open_connection("127.0.0.1", sock.getsockname()[1])
        await reader.read()
        writer.close()
        server.close()
        await server.wait_closed()

    asyncio.run(main())
    assert seen and seen[0] != 0


def read_until_url(process: subprocess.Popen[str], seconds: float) -> list[str]:
    """The lines the command printed up to its address (read by a thread: no buffering trap)."""
    assert process.stdout is not None
    stdout = process.stdout
    found: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for line in stdout:
            found.put(line.rstrip("\n"))
        found.put(None)

    threading.Thread(target=pump, daemon=True).start()
    lines: list[str] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            line = found.get(timeout=1)
        except queue.Empty:
            continue
        if line is None:
            break
        lines.append(line)
        if URL.search(line):  # the last line: the logins come before it
            break
    return lines


@pytest.mark.slow
def test_first_start_builds_the_demo_and_serves(tmp_path: Path) -> None:
    database = tmp_path / "demo.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SORGENDE_")}
    env["SORGENDE_LANGUAGE"] = "en"
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "sorgende"),
            "serve",
            "--db",
            f"sqlite:///{database}",
            "--port",
            "0",
            "--demo-password",
            "demo-password",
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = read_until_url(process, 240)
        text = "\n".join(lines)
        found = URL.search(text)
        assert found, f"no address in the output: {text!r} {process.poll()}"
        base = found.group(1)
        for role in ("resident", "helper", "coordinator", "admin"):
            assert f"login {role}, password demo-password" in text
        with httpx.Client(base_url=base, follow_redirects=False, timeout=30) as client:
            token = form_token(client.get("/login").text)
            answer = client.post(
                "/login",
                data={"login": "coordinator", "password": "demo-password", "_csrf_token": token},
            )
            assert answer.status_code == 303
            board = client.get("/board")
            assert board.status_code == 200 and 'data-testid="board-request"' in board.text
            assert client.get("/dashboard").status_code == 200
            assert "content-security-policy" in board.headers
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert database.exists()
