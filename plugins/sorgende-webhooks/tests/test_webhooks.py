"""Webhooks against a real HTTP receiver on loopback, with events from real use cases."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import attrs
import pytest
import sorgende_webhooks
from click.testing import CliRunner
from sorgende_webhooks import (
    MissingWebhookHeader,
    WebhookChannel,
    WebhookDeliveryFailed,
    WebhookRejected,
    WebhookSignatureMismatch,
    WebhookTimestampOutOfRange,
    endpoints,
    generate_secret,
    sign,
    verify,
)

import sorgende
from sorgende import ActorKind, TimeWindow
from sorgende.cli import make_cli
from sorgende.config import Settings
from sorgende.domain.events import DomainEvent
from sorgende.errors import ConfigError
from sorgende.notifications import Notification
from sorgende.serialization import structure, unstructure

SECRET = "whsec_" + base64.b64encode(b"sorgende webhook test secret 32b").decode()
OTHER_SECRET = "whsec_" + base64.b64encode(b"another secret for the rotation!").decode()
NOW = datetime(2026, 3, 2, 8, tzinfo=UTC)


# --- a real HTTP receiver on loopback ---------------------------------------------------


@attrs.frozen
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


class Receiver:
    """A ThreadingHTTPServer on 127.0.0.1 that records every POST and answers ``status``."""

    def __init__(self, port: int = 0) -> None:
        self.requests: list[Received] = []
        self.status = 204
        self.delay = 0.0
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver._lock:
                    receiver.requests.append(
                        Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                    )
                time.sleep(receiver.delay)
                self.send_response(receiver.status)
                if 300 <= receiver.status < 400:
                    self.send_header("Location", "/elsewhere")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._stopped = False
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self.server.shutdown()
        self.server.server_close()
        self._thread.join()


@pytest.fixture
def receiver(monkeypatch: pytest.MonkeyPatch) -> Iterator[Receiver]:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)  # loopback must not go through a proxy
    started = Receiver()
    yield started
    started.stop()


# --- domain events from real use cases --------------------------------------------------


class Observer:
    """Collects the committed events, as any plugin implementing the hook sees them."""

    def __init__(self) -> None:
        self.events: list[DomainEvent] = []

    @sorgende.hookimpl
    def sorgende_events_committed(self, events: list[DomainEvent]) -> None:
        self.events.extend(events)


def play(observer: Observer) -> list[DomainEvent]:
    """Create a community, post a request, propose, accept: the events that happened."""
    platform = sorgende.open(
        "memory://",
        plugins=[observer],
        settings=Settings(load_entrypoints=False),
        clock=lambda: NOW,
    )
    c = platform.create_community("Verbandsgemeinde Daun")
    mehren = c.add_place("Mehren")
    anna = c.register_actor(ActorKind.PERSON, "Anna", home_place_id=mehren.id)
    ben = c.register_actor(ActorKind.PERSON, "Ben", home_place_id=mehren.id)
    start = NOW + timedelta(days=1)
    request = c.post_request(
        anna.id, "shopping", mehren.id, TimeWindow(start, start + timedelta(hours=2)), 1.5
    )
    exchange = c.propose(request_id=request.id, by=ben.id)
    c.accept(exchange.id, by=anna.id)
    return observer.events


@pytest.fixture(scope="module")
def events() -> list[DomainEvent]:
    return play(Observer())


def accepted(events: list[DomainEvent]) -> DomainEvent:
    [event] = [e for e in events if type(e).__name__ == "ExchangeAccepted"]
    return event


def notification(event: DomainEvent, channel: str = "webhooks:rathaus") -> Notification:
    """What the outbox hands an ``events`` channel: no person, a key per event and channel."""
    return Notification(event.community_id, None, event, "de", key=f"{uuid.uuid4()}:-:{channel}")


def channel_for(url: str, **endpoint: object) -> WebhookChannel:
    table = {"name": "rathaus", "url": url, "secret": SECRET, **endpoint}
    [found] = endpoints(Settings(plugins={"webhooks": {"endpoints": [table]}}))
    return WebhookChannel(found)


def standard_signature(secret: str, msg_id: str, timestamp: str, body: bytes) -> str:
    """The Standard Webhooks signature, computed here independently of the plugin."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    digest = hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


# --- deliveries -------------------------------------------------------------------------


def test_deliveries_arrive_with_valid_signatures(
    receiver: Receiver, events: list[DomainEvent]
) -> None:
    kinds = [type(e).__name__ for e in events]
    assert kinds[0] == "CommunityCreated"
    assert kinds[-3:] == ["ExchangeProposed", "ExchangeAccepted", "RequestMatched"]
    channel = channel_for(receiver.url())
    sent = [notification(e) for e in events]
    before = int(time.time())
    for n in sent:
        channel.send(n)
    assert len(receiver.requests) == len(events)
    for n, got in zip(sent, receiver.requests, strict=True):
        headers = {k.lower(): v for k, v in got.headers.items()}
        assert got.path == "/hook"
        assert headers["content-type"] == "application/json"
        assert headers["webhook-id"] == n.key
        assert before <= int(headers["webhook-timestamp"]) <= time.time()
        assert headers["webhook-signature"] == standard_signature(
            SECRET, n.key, headers["webhook-timestamp"], got.body
        )
        document = verify(got.body, got.headers, SECRET)
        assert document == {
            "id": n.key,
            "type": type(n.event).__name__,
            "community_id": str(n.community_id),
            "timestamp": "2026-03-02T08:00:00+00:00",
            "data": unstructure(n.event),
        }
        # a receiver in Python reads the event back with the core's converter
        assert structure(document["data"], DomainEvent) == n.event
    data = json.loads(receiver.requests[-2].body)["data"]
    assert data["type"] == "ExchangeAccepted"
    assert {"exchange_id", "helper_id", "recipient_id", "by"} <= set(data)


def test_a_retry_keeps_id_and_body(receiver: Receiver, events: list[DomainEvent]) -> None:
    channel = channel_for(receiver.url())
    n = notification(accepted(events))
    channel.send(n)
    channel.send(attrs.evolve(n, attempt=2))
    first, second = receiver.requests
    assert first.body == second.body
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == n.key


def test_the_event_kind_filter(receiver: Receiver, events: list[DomainEvent]) -> None:
    channel = channel_for(receiver.url(), events=["ExchangeAccepted", "request_posted"])
    for event in events:
        channel.send(notification(event))
    types = [json.loads(r.body)["type"] for r in receiver.requests]
    assert types == ["RequestPosted", "ExchangeAccepted"]
    assert channel.wants("ExchangeAccepted") and not channel.wants("ExchangeProposed")


# --- failures make send raise, so that the outbox retries --------------------------------


def test_a_receiver_answering_500_makes_send_raise(
    receiver: Receiver, events: list[DomainEvent]
) -> None:
    receiver.status = 500
    channel = channel_for(receiver.url())
    with pytest.raises(WebhookDeliveryFailed) as failed:
        channel.send(notification(accepted(events)))
    assert str(failed.value) == "webhook rathaus: not delivered: the endpoint answered HTTP 500"
    assert failed.value.message("de") == (
        "Webhook rathaus: nicht zugestellt: der Empfänger antwortete mit HTTP 500"
    )
    assert len(receiver.requests) == 1


def test_a_redirect_is_not_followed(receiver: Receiver, events: list[DomainEvent]) -> None:
    receiver.status = 307
    with pytest.raises(WebhookDeliveryFailed, match="HTTP 307"):
        channel_for(receiver.url()).send(notification(accepted(events)))
    assert [r.path for r in receiver.requests] == ["/hook"]  # /elsewhere got nothing


def test_a_receiver_that_is_down_makes_send_raise(
    receiver: Receiver, events: list[DomainEvent]
) -> None:
    url = receiver.url()
    receiver.stop()
    with pytest.raises(WebhookDeliveryFailed, match="could not be reached") as failed:
        channel_for(url).send(notification(accepted(events)))
    assert "nicht erreichbar" in failed.value.message("de")
    # the same channel delivers once the receiver is back on its port
    back = Receiver(receiver.port)
    try:
        channel_for(url).send(notification(accepted(events)))
        assert len(back.requests) == 1
    finally:
        back.stop()


def test_a_slow_receiver_times_out(receiver: Receiver, events: list[DomainEvent]) -> None:
    receiver.delay = 2.0
    channel = channel_for(receiver.url(), timeout=0.3)
    started = time.monotonic()
    with pytest.raises(WebhookDeliveryFailed, match="could not be reached"):
        channel.send(notification(accepted(events)))
    assert time.monotonic() - started < 1.5


# --- the receiver's check ---------------------------------------------------------------


@pytest.fixture
def delivered(receiver: Receiver, events: list[DomainEvent]) -> Received:
    channel_for(receiver.url()).send(notification(accepted(events)))
    [got] = receiver.requests
    return got


def test_a_tampered_body_is_rejected(delivered: Received) -> None:
    document = json.loads(delivered.body)
    document["data"]["helper_id"] = str(uuid.uuid4())
    tampered = json.dumps(document, separators=(",", ":")).encode()
    with pytest.raises(WebhookSignatureMismatch) as refused:
        verify(tampered, delivered.headers, SECRET)
    assert "keine Signatur passt" in refused.value.message("de")
    # one changed byte is enough
    flipped = bytearray(delivered.body)
    flipped[10] ^= 1
    with pytest.raises(WebhookSignatureMismatch):
        verify(bytes(flipped), delivered.headers, SECRET)


def test_a_changed_id_or_timestamp_is_rejected(delivered: Received) -> None:
    headers = {k.lower(): v for k, v in delivered.headers.items()}
    for name, value in (
        ("webhook-id", "another-key"),
        ("webhook-timestamp", str(int(headers["webhook-timestamp"]) - 1)),
    ):
        with pytest.raises(WebhookSignatureMismatch):
            verify(delivered.body, {**headers, name: value}, SECRET)


def test_an_old_or_future_timestamp_is_rejected(delivered: Received) -> None:
    sent = int({k.lower(): v for k, v in delivered.headers.items()}["webhook-timestamp"])
    assert verify(delivered.body, delivered.headers, SECRET, now=sent + 300)["type"]
    with pytest.raises(WebhookTimestampOutOfRange) as old:
        verify(delivered.body, delivered.headers, SECRET, now=sent + 301)
    assert str(old.value).startswith("webhook rejected: its timestamp is 301 seconds in the past")
    assert "301 Sekunden in der Vergangenheit" in old.value.message("de")
    with pytest.raises(WebhookTimestampOutOfRange, match="in the future"):
        verify(delivered.body, delivered.headers, SECRET, now=sent - 301)
    # a wider window is the receiver's choice
    later = datetime.fromtimestamp(sent, UTC) + timedelta(hours=1)
    assert verify(delivered.body, delivered.headers, SECRET, tolerance=3600, now=later)


@pytest.mark.parametrize("missing", ["webhook-id", "webhook-timestamp", "webhook-signature"])
def test_a_missing_header_is_rejected(delivered: Received, missing: str) -> None:
    headers = {k: v for k, v in delivered.headers.items() if k.lower() != missing}
    with pytest.raises(MissingWebhookHeader) as refused:
        verify(delivered.body, headers, SECRET)
    assert refused.value.message("de") == f"Webhook abgelehnt: der Header {missing} fehlt"


def test_another_secret_is_rejected(delivered: Received) -> None:
    with pytest.raises(WebhookSignatureMismatch):
        verify(delivered.body, delivered.headers, OTHER_SECRET)


@pytest.mark.parametrize(
    ("header", "value"),
    [("webhook-timestamp", "yesterday"), ("webhook-signature", "v1,not base64!")],
)
def test_malformed_headers_are_rejected(delivered: Received, header: str, value: str) -> None:
    headers = {k.lower(): v for k, v in delivered.headers.items()}
    with pytest.raises(WebhookRejected):
        verify(delivered.body, {**headers, header: value}, SECRET)


def test_rotation_signs_with_every_secret(receiver: Receiver, events: list[DomainEvent]) -> None:
    channel = channel_for(receiver.url(), secret=[OTHER_SECRET, SECRET])
    channel.send(notification(accepted(events)))
    [got] = receiver.requests
    assert len(got.headers["webhook-signature"].split(" ")) == 2
    for secret in (SECRET, OTHER_SECRET, [SECRET, OTHER_SECRET]):
        assert verify(got.body, got.headers, secret)["type"] == "ExchangeAccepted"


def test_the_standard_webhooks_reference_vector() -> None:
    # the published example of the Standard Webhooks specification's libraries
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    msg_id, timestamp, body = "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, b'{"test": 2432232314}'
    signature = sign(secret, msg_id, timestamp, body)
    assert signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    headers = {"webhook-id": msg_id, "webhook-timestamp": str(timestamp)}
    headers["webhook-signature"] = f"v2,{signature[3:]} v1,AAAA {signature}"
    assert verify(body, headers, secret, now=timestamp) == {"test": 2432232314}
    # the reference libraries accept the secret without its prefix as well
    assert verify(body, headers, secret.removeprefix("whsec_"), now=timestamp)


# --- settings ---------------------------------------------------------------------------


def test_no_settings_no_channel() -> None:
    assert sorgende_webhooks.sorgende_notification_channels(Settings()) == []


def test_one_endpoint_from_the_environment() -> None:
    settings = Settings(
        environ={
            "SORGENDE_WEBHOOKS_URL": "https://rathaus.example/hook",
            "SORGENDE_WEBHOOKS_SECRET": f"{SECRET}, {OTHER_SECRET}",
            "SORGENDE_WEBHOOKS_EVENTS": "ExchangeAccepted,exchange_cancelled",
            "SORGENDE_WEBHOOKS_TIMEOUT": "2.5",
        }
    )
    [channel] = sorgende_webhooks.sorgende_notification_channels(settings)
    endpoint = channel.endpoint
    assert channel.name.startswith("webhooks:rathaus.example-")
    assert channel.audience == "events"
    assert endpoint.secrets == (SECRET, OTHER_SECRET)
    assert endpoint.events == {"ExchangeAccepted", "ExchangeCancelled"}
    assert endpoint.timeout == 2.5
    # the derived name is stable: it is part of every idempotency key
    [again] = sorgende_webhooks.sorgende_notification_channels(settings)
    assert again.name == channel.name


@pytest.mark.parametrize(
    ("table", "key", "german"),
    [
        ({"endpoints": [{"url": "ftp://x.example/", "secret": SECRET}]}, "endpoints[0].url",
         "http://"),
        ({"endpoints": [{"url": "https://x.example/"}]}, "endpoints[0].secret", "fehlt"),
        ({"endpoints": [{"url": "https://x.example/", "secret": "geheim"}]},
         "endpoints[0].secret", "Base64"),
        ({"endpoints": [{"url": "https://x.example/", "secret": "whsec_c2hvcnQ="}]},
         "endpoints[0].secret", "24 bis 64 Bytes"),
        ({"endpoints": [{"url": "https://x.example/", "secret": [SECRET, "x"]}]},
         "endpoints[0].secret[1]", "Base64"),
        ({"endpoints": [{"url": "https://x.example/", "secret": SECRET,
                         "events": ["ExchangeAcepted"]}]}, "endpoints[0].events",
         "keine Ereignisart"),
        ({"endpoints": [{"url": "https://x.example/", "secret": SECRET, "events": []}]},
         "endpoints[0].events", "ist leer"),
        ({"endpoints": [{"url": "https://x.example/", "secret": SECRET, "name": "a b"}]},
         "endpoints[0].name", "Buchstaben"),
        ({"endpoints": [{"url": "https://a.example/", "secret": SECRET, "name": "x"},
                        {"url": "https://b.example/", "secret": SECRET, "name": "x"}]},
         "endpoints[1].name", "zwei Empfänger"),
        ({"endpoints": [{"url": "https://x.example/", "secret": SECRET, "timeout": 0}]},
         "endpoints[0].timeout", "Sekundenzahl"),
        ({"endpoints": [{"url": "https://x.example/", "secret": SECRET, "secrets": []}]},
         "", "unbekannte Schlüssel endpoints[0].secrets"),
        ({"endpoints": "https://x.example/"}, "endpoints", "Liste von Tabellen"),
        ({"secret": SECRET}, "url", "fehlt"),
        ({"urls": "https://x.example/"}, "", "unbekannte Schlüssel urls"),
    ],
)  # fmt: skip
def test_bad_settings_name_the_key(table: dict[str, Any], key: str, german: str) -> None:
    with pytest.raises(ConfigError) as bad:
        endpoints(Settings(plugins={"webhooks": table}))
    assert str(bad.value).startswith(f"configuration [plugins.webhooks] {key}".rstrip() + ":")
    assert german in bad.value.message("de")
    assert SECRET not in str(bad.value)


def test_a_bad_setting_stops_the_platform_from_opening() -> None:
    settings = Settings(load_entrypoints=False, plugins={"webhooks": {"url": "https://x.example/"}})
    with pytest.raises(ConfigError, match=r"\[plugins.webhooks\] secret"):
        sorgende.open("memory://", plugins=[sorgende_webhooks], settings=settings)


def test_the_secret_command() -> None:
    result = CliRunner().invoke(
        make_cli(plugins=[sorgende_webhooks], settings=Settings(load_entrypoints=False)),
        ["webhooks", "secret"],
    )
    assert result.exit_code == 0, result.output
    secret = result.stdout.strip()
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 32
    assert secret != generate_secret()
    endpoints(Settings(plugins={"webhooks": {"url": "https://x.example/", "secret": secret}}))
