"""Webhooks through the platform's outbox: use case, dispatcher, a receiver that fails first."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import sorgende_webhooks
from sorgende_webhooks import verify

import sorgende
from sorgende import ActorKind, TimeWindow
from sorgende.config import Settings

SECRET = "whsec_" + base64.b64encode(b"sorgende webhook outbox secret!!").decode()
START = datetime(2026, 3, 2, 8, tzinfo=UTC)


class Receiver:
    """A loopback HTTP server recording (headers, body) and answering ``status``."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.status = 204
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                headers = {k.lower(): v for k, v in self.headers.items()}
                receiver.requests.append((headers, body))
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join()

    def delivered(self) -> list[dict[str, Any]]:
        """The verified documents of the requests answered with success so far."""
        return [verify(body, headers, SECRET, tolerance=10**9) for headers, body in self.requests]


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def receiver(monkeypatch: pytest.MonkeyPatch) -> Iterator[Receiver]:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    started = Receiver()
    yield started
    started.stop()


def open_platform(receiver: Receiver, clock: Clock, **endpoint: object) -> sorgende.Platform:
    settings = Settings(
        load_entrypoints=False,
        plugins={
            "webhooks": {"url": receiver.url, "secret": SECRET, "name": "rathaus", **endpoint},
            "notifications": {"max_attempts": 3, "backoff_base": 1, "backoff_cap": 60},
        },
    )
    return sorgende.open("memory://", plugins=[sorgende_webhooks], settings=settings, clock=clock)


def accept_a_request(platform: sorgende.Platform) -> None:
    c = platform.create_community("Verbandsgemeinde Daun")
    mehren = c.add_place("Mehren")
    anna = c.register_actor(ActorKind.PERSON, "Anna", home_place_id=mehren.id)
    ben = c.register_actor(ActorKind.PERSON, "Ben", home_place_id=mehren.id)
    start = START + timedelta(days=1)
    request = c.post_request(
        anna.id, "shopping", mehren.id, TimeWindow(start, start + timedelta(hours=2)), 1.5
    )
    exchange = c.propose(request_id=request.id, by=ben.id)
    c.accept(exchange.id, by=anna.id)


def test_a_failing_receiver_gets_every_event_once_when_it_is_back(receiver: Receiver) -> None:
    clock = Clock()
    platform = open_platform(receiver, clock)
    [channel] = platform.channels
    assert channel.name == "webhooks:rathaus"
    receiver.status = 503
    accept_a_request(platform)  # the use cases commit although the receiver fails
    assert receiver.requests == []  # nothing is sent before the dispatcher runs

    first = platform.notifications.flush()
    failed = list(receiver.requests)
    assert first.sent == 0 and first.retried == len(failed) > 0

    receiver.status = 204
    receiver.requests.clear()
    clock.now += timedelta(hours=1)  # past every backoff
    second = platform.notifications.flush()
    assert second.sent == len(failed)
    documents = receiver.delivered()
    kinds = [d["type"] for d in documents]
    assert kinds[0] == "CommunityCreated" and "ExchangeAccepted" in kinds
    ids = [d["id"] for d in documents]
    assert len(set(ids)) == len(ids)  # none twice
    # the retry carried the same idempotency key and body as the failed attempt
    assert sorted(body for _, body in failed) == sorted(body for _, body in receiver.requests)
    assert {h["webhook-id"] for h, _ in failed} == set(ids)

    clock.now += timedelta(hours=1)
    assert platform.notifications.flush().sent == 0
    assert len(receiver.requests) == len(ids)  # and nothing more later


def test_a_receiver_that_keeps_failing_ends_as_dead_letters(receiver: Receiver) -> None:
    clock = Clock()
    platform = open_platform(receiver, clock, events=["ExchangeAccepted"])
    receiver.status = 500
    accept_a_request(platform)
    for _ in range(3):
        platform.notifications.flush()
        clock.now += timedelta(hours=1)
    accepted = [json.loads(body) for _, body in receiver.requests]
    assert [d["type"] for d in accepted] == ["ExchangeAccepted"] * 3  # three attempts
    # the kinds the endpoint does not take count as done; only the accepted one is dead
    [dead] = platform.notifications.dead()
    assert (dead.channel, dead.kind, dead.attempts) == ("webhooks:rathaus", "ExchangeAccepted", 3)
    assert "HTTP 500" in (dead.last_error or "")

    receiver.status = 204
    receiver.requests.clear()
    assert platform.notifications.retry([dead.id]) == 1
    assert platform.notifications.flush().sent == 1
    [document] = receiver.delivered()
    assert document["type"] == "ExchangeAccepted"
    assert document["id"] == accepted[0]["id"]
