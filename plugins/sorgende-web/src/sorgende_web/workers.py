"""``sorgende serve --workers N``: several worker processes, the dispatcher in its own.

One Python process serves requests on one core at a time. With ``--workers N`` the
command binds the socket once and forks N worker processes that accept on it (the
kernel spreads the connections), each with its own platform (its own connection pool:
nothing of the database is shared across a fork), none of them sending notifications.
The outbox's dispatcher runs in one process of its own, so every notification is sent by
one sender however many workers write the outbox, and a slow mail server slows no page.
The parent only watches: a worker or the dispatcher that dies is started again, and
SIGTERM or SIGINT stops them all (each worker finishes the requests it has).

Several processes need a database they share: an SQL storage (PostgreSQL; an SQLite file
works, its writers take turns). What each process serves is the same app as with one
worker; the sign-in throttle, sessions and CSRF secret live in the database, so any
worker can answer any request.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import Any

#: how long a stopping child may take before it is killed
STOP_SECONDS = 30.0
#: the shortest time between two starts of the same child (a child that dies at once
#: is not started again in a tight loop)
RESTART_SECONDS = 1.0

#: opens a platform in a child process (after the fork: connections are never shared)
OpenPlatform = Callable[[], Any]
#: builds the app of one worker from its platform
MakeApp = Callable[[Any], Any]
#: a uvicorn configuration for an app
MakeConfig = Callable[[Any], Any]


def _worker(
    open_platform: OpenPlatform, make_app: MakeApp, make_config: MakeConfig, sock: socket.socket
) -> None:
    import uvicorn

    platform = open_platform()
    try:
        uvicorn.Server(make_config(make_app(platform))).run(sockets=[sock])
    finally:
        platform.close()


def _dispatcher(open_platform: OpenPlatform) -> None:
    stopping = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    platform = open_platform()
    try:
        if platform.channels:
            platform.notifications.run(stopping)
        else:
            stopping.wait()  # nothing to send: stay, so the parent need not restart it
    finally:
        platform.close()


class Supervisor:
    """Starts the workers and the dispatcher, restarts what dies, stops them all."""

    def __init__(
        self,
        workers: int,
        *,
        open_platform: OpenPlatform,
        make_app: MakeApp,
        make_config: MakeConfig,
        sock: socket.socket,
    ) -> None:
        # fork: the children inherit the bound socket; the parent holds no connection
        self.context = multiprocessing.get_context("fork")
        self.targets: dict[str, tuple[Callable[..., None], tuple[Any, ...]]] = {
            f"sorgende-worker-{i + 1}": (_worker, (open_platform, make_app, make_config, sock))
            for i in range(workers)
        }
        self.targets["sorgende-notifications"] = (_dispatcher, (open_platform,))
        self.children: dict[str, BaseProcess] = {}
        self.started: dict[str, float] = {}
        self.stopping = threading.Event()

    def _start(self, name: str) -> None:
        target, args = self.targets[name]
        child = self.context.Process(target=target, args=args, name=name, daemon=False)
        child.start()
        self.children[name] = child
        self.started[name] = time.monotonic()

    def pids(self) -> dict[str, int | None]:
        """The process id of each child (for logs and tests)."""
        return {name: child.pid for name, child in self.children.items()}

    def run(self) -> None:
        """Serve until SIGTERM or SIGINT."""
        previous = {
            sig: signal.signal(sig, lambda signum, frame: self.stopping.set())
            for sig in (signal.SIGTERM, signal.SIGINT)
        }
        try:
            for name in self.targets:
                self._start(name)
            while not self.stopping.is_set():
                sentinels = [child.sentinel for child in self.children.values()]
                multiprocessing.connection.wait(sentinels, timeout=0.5)
                for name, child in list(self.children.items()):
                    if child.is_alive() or self.stopping.is_set():
                        continue
                    print(
                        f"sorgende: {name} (pid {child.pid}) ended with {child.exitcode};"
                        " starting it again",
                        file=sys.stderr,
                    )
                    time.sleep(max(0.0, self.started[name] + RESTART_SECONDS - time.monotonic()))
                    self._start(name)
        finally:
            self.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def stop(self) -> None:
        for child in self.children.values():
            if child.is_alive() and child.pid is not None:
                os.kill(child.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_SECONDS
        for child in self.children.values():
            child.join(max(0.0, deadline - time.monotonic()))
            if child.is_alive():
                child.kill()
                child.join()
