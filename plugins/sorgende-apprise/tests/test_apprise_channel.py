"""The apprise channel end to end: apprise's json:// target against a real loopback receiver."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import attrs
import pytest
import sorgende_apprise
from sorgende_apprise import AppriseChannel, AppriseDeliveryFailed, configuration

import sorgende
from sorgende import ActorKind, TimeWindow
from sorgende.config import Settings
from sorgende.domain.events import DomainEvent
from sorgende.errors import ConfigError
from sorgende.notifications import Notification

NOW = datetime(2026, 3, 2, 8, tzinfo=UTC)


@attrs.frozen
class Received:
    path: str
    document: dict[str, Any]


class Receiver:
    """A ThreadingHTTPServer on 127.0.0.1 recording the JSON apprise posts to it."""

    def __init__(self, port: int = 0) -> None:
        self.received: list[Received] = []
        self.status = 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.received.append(Received(self.path, json.loads(body)))
                self.send_response(receiver.status)
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
        return f"json://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        if not self._stopped:
            self._stopped = True
            self.server.shutdown()
            self.server.server_close()
            self._thread.join()


@pytest.fixture
def receiver(monkeypatch: pytest.MonkeyPatch) -> Iterator[Receiver]:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    started = Receiver()
    yield started
    started.stop()


class Observer:
    def __init__(self) -> None:
        self.events: list[DomainEvent] = []

    @sorgende.hookimpl
    def sorgende_events_committed(self, events: list[DomainEvent]) -> None:
        self.events.extend(events)


@pytest.fixture(scope="module")
def events() -> dict[str, DomainEvent]:
    """The events of a request posted, proposed, accepted and cancelled, by type name."""
    observer = Observer()
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
    c.cancel(exchange.id, by=ben.id, reason="Anna ist im Krankenhaus")
    return {type(e).__name__: e for e in observer.events}


def notification(event: DomainEvent, language: str = "de") -> Notification:
    return Notification(event.community_id, None, event, language, key=f"{uuid.uuid4()}:-:a")


def channels(**table: object) -> list[AppriseChannel]:
    return sorgende_apprise.sorgende_notification_channels(Settings(plugins={"apprise": table}))


def test_a_message_arrives_through_apprise(
    receiver: Receiver, events: dict[str, DomainEvent]
) -> None:
    [channel] = channels(urls=[receiver.url()])
    assert channel.audience == "events"
    assert channel.name.startswith("apprise:json-")
    accepted = events["ExchangeAccepted"]
    channel.send(notification(accepted))
    [got] = receiver.received
    assert got.path == "/hook"
    assert got.document["title"] == "Einsatz zugesagt"
    assert got.document["type"] == "info"
    lines = got.document["message"].splitlines()
    assert "Zeit: 02.03.2026 09:00 (Europe/Berlin)" in lines
    assert f"Einsatz: {accepted.exchange_id}" in lines  # type: ignore[attr-defined]
    assert f"Helfende Person: {accepted.helper_id}" in lines  # type: ignore[attr-defined]
    assert f"Gemeinschaft: {accepted.community_id}" in lines


def test_no_names_or_free_texts_leave_the_platform(
    receiver: Receiver, events: dict[str, DomainEvent]
) -> None:
    [channel] = channels(urls=[receiver.url()], language="en")
    channel.send(notification(events["ExchangeCancelled"]))
    [got] = receiver.received
    assert got.document["title"] == "Exchange cancelled"
    assert got.document["type"] == "warning"
    assert "Time: 2026-03-02 09:00 (Europe/Berlin)" in got.document["message"]
    assert "Krankenhaus" not in json.dumps(got.document)
    assert "Anna" not in json.dumps(got.document)


def test_a_failing_target_makes_send_raise_until_it_is_back(
    receiver: Receiver, events: dict[str, DomainEvent]
) -> None:
    [channel] = channels(urls=[receiver.url()])
    accepted = notification(events["ExchangeAccepted"])
    receiver.status = 500
    with pytest.raises(AppriseDeliveryFailed) as failed:
        channel.send(accepted)
    assert str(failed.value).startswith(f"apprise {channel.name}: not delivered to json://")
    assert failed.value.message("de").startswith(f"apprise {channel.name}: nicht zugestellt")
    receiver.stop()
    with pytest.raises(AppriseDeliveryFailed):
        channel.send(accepted)
    back = Receiver(receiver.port)
    try:
        channel.send(accepted)
        assert [r.document["title"] for r in back.received] == ["Einsatz zugesagt"]
    finally:
        back.stop()


def test_tags_route_kinds_to_targets(receiver: Receiver, events: dict[str, DomainEvent]) -> None:
    general, lead = channels(
        urls=[
            receiver.url("/general"),
            {"url": receiver.url("/lead"), "tags": ["leitung"], "name": "leitung"},
        ],
        tags={"ExchangeCancelled": ["leitung"], "request_posted": "leitung, koordination"},
    )
    assert lead.name == "apprise:leitung"
    for event in events.values():
        general.send(notification(event))
        lead.send(notification(event))
    by_path: dict[str, list[str]] = {}
    for r in receiver.received:
        by_path.setdefault(r.path, []).append(r.document["title"])
    assert by_path["/lead"] == ["Neues Hilfegesuch", "Einsatz abgesagt"]
    assert "Einsatz abgesagt" not in by_path["/general"]
    assert "Einsatz zugesagt" in by_path["/general"]
    assert len(by_path["/general"]) == len(events) - 2


def test_the_events_setting_limits_the_kinds(
    receiver: Receiver, events: dict[str, DomainEvent]
) -> None:
    [channel] = channels(urls=[receiver.url()], events=["ExchangeCancelled"])
    for event in events.values():
        channel.send(notification(event))
    assert [r.document["title"] for r in receiver.received] == ["Einsatz abgesagt"]


def test_urls_from_the_environment(receiver: Receiver) -> None:
    settings = Settings(
        environ={"SORGENDE_APPRISE_URLS": f"{receiver.url('/a')} {receiver.url('/b')}"}
    )
    found = sorgende_apprise.sorgende_notification_channels(settings)
    assert len(found) == 2
    assert len({c.name for c in found}) == 2


def test_not_configured_means_no_channel() -> None:
    assert channels() == []


def test_every_kind_of_event_has_a_title_in_both_languages() -> None:
    from sorgende_apprise import messages

    from sorgende.serialization import EVENT_TYPES

    titled = {key.removeprefix("apprise.kind.") for key in messages.MESSAGES}
    assert set(EVENT_TYPES) <= titled
    for kind in EVENT_TYPES:
        assert messages.title(kind, "de") != messages.title(kind, "en")


@pytest.mark.parametrize(
    ("table", "key", "german"),
    [
        ({"urls": ["nonsense://nutzer:geheim@host/"]}, "urls[0]", "kennt keinen Dienst"),
        ({"urls": ["json://"]}, "urls[0]", "kennt keinen Dienst"),
        ({"urls": [{"tags": ["a"]}]}, "urls[0]", "braucht eine url"),
        ({"urls": [{"url": "json://h.example/", "tag": "a"}]}, "urls[0]", "unbekannte"),
        ({"urls": [{"url": "json://h.example/", "tags": ["a b!"]}]}, "urls[0].tags", "kein Tag"),
        ({"urls": [{"url": "json://a.example/", "name": "x"},
                   {"url": "json://b.example/", "name": "x"}]}, "urls[1].name", "zwei URLs"),
        ({"urls": 3}, "urls", "Liste"),
        ({"urls": ["json://h.example/"], "tags": {"ExchangeAcepted": ["a"]}}, "tags",
         "keine Ereignisart"),
        ({"urls": ["json://h.example/"], "tags": {"ExchangeAccepted": []}},
         "tags.ExchangeAccepted", "nennt kein Tag"),
        ({"urls": ["json://h.example/"], "events": []}, "events", "ist leer"),
        ({"urls": ["json://h.example/"], "language": "fr"}, "language", "weder de noch en"),
        ({"urls": ["json://h.example/"], "timezone": "Eifel/Daun"}, "timezone", "Zeitzonen"),
        ({"url": "json://h.example/"}, "", "unbekannte Schlüssel url"),
    ],
)  # fmt: skip
def test_bad_settings_name_the_key(table: dict[str, Any], key: str, german: str) -> None:
    with pytest.raises(ConfigError) as bad:
        configuration(Settings(plugins={"apprise": table}))
    assert str(bad.value).startswith(f"configuration [plugins.apprise] {key}".rstrip() + ":")
    assert german in bad.value.message("de")
    assert "geheim" not in str(bad.value)


def test_a_bad_setting_stops_the_platform_from_opening() -> None:
    settings = Settings(load_entrypoints=False, plugins={"apprise": {"urls": ["nonsense://x"]}})
    with pytest.raises(ConfigError, match=r"\[plugins.apprise\] urls\[0\]"):
        sorgende.open("memory://", plugins=[sorgende_apprise], settings=settings)


def test_through_the_outbox_a_target_that_was_down_gets_each_message_once(
    receiver: Receiver,
) -> None:
    now = [NOW]
    settings = Settings(
        load_entrypoints=False,
        plugins={
            "apprise": {"urls": [receiver.url()], "events": ["ExchangeAccepted", "RequestPosted"]},
            "notifications": {"backoff_base": 1, "backoff_cap": 60},
        },
    )
    platform = sorgende.open(
        "memory://", plugins=[sorgende_apprise], settings=settings, clock=lambda: now[0]
    )
    c = platform.create_community("Verbandsgemeinde Daun")
    mehren = c.add_place("Mehren")
    anna = c.register_actor(ActorKind.PERSON, "Anna", home_place_id=mehren.id)
    ben = c.register_actor(ActorKind.PERSON, "Ben", home_place_id=mehren.id)
    start = NOW + timedelta(days=1)
    request = c.post_request(
        anna.id, "shopping", mehren.id, TimeWindow(start, start + timedelta(hours=2)), 1.5
    )
    receiver.status = 502
    c.accept(c.propose(request_id=request.id, by=ben.id).id, by=anna.id)
    assert platform.notifications.flush().retried == 2
    receiver.status = 200
    receiver.received.clear()
    now[0] += timedelta(hours=1)
    assert platform.notifications.flush().sent == 2
    titles = sorted(r.document["title"] for r in receiver.received)
    assert titles == ["Einsatz zugesagt", "Neues Hilfegesuch"]
    now[0] += timedelta(hours=1)
    platform.notifications.flush()
    assert len(receiver.received) == 2
