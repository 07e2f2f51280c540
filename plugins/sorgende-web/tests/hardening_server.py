"""A real uvicorn server in a thread, for the hardening tests (test_security_hardening*).

The server is the one ``sorgende serve`` runs (:func:`sorgende_web.cli.uvicorn_config`),
on a free port of loopback, so the tests see what a deployment sees: parallel requests
on real sockets, and uvicorn's handling of ``X-Forwarded-*``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import uvicorn
from sorgende_web.cli import bind, uvicorn_config


@contextmanager
def serving(app: Any, **options: Any) -> Iterator[str]:
    """Serve ``app`` while the block runs; its base URL (``http://127.0.0.1:<port>``)."""
    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn_config(app, **options))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


def login_form(base: str) -> tuple[httpx.Client, str]:
    """A client that opened the sign-in page, and the form's CSRF token."""
    client = httpx.Client(base_url=base, follow_redirects=False, timeout=60)
    page = client.get("/login")
    return client, csrf_in(page.text)


def csrf_in(html: str) -> str:
    """The CSRF token of the first form of a page."""
    marker = 'name="_csrf_token" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]
