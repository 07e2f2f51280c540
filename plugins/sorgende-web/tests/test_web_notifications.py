"""While the web platform serves, a dispatcher delivers what its use cases wrote."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import sorgende_web
from litestar.testing import TestClient
from sorgende_web import create_app
from sorgende_web.accounts import accounts_for
from sorgende_web.settings import WebSettings
from sorgende_web.testing import build_world, cheap_hasher

import sorgende
from sorgende.hookspecs import hookimpl
from sorgende.notifications import Notification


class Inbox:
    """A notification channel that keeps what it is given."""

    name = "inbox"

    def __init__(self) -> None:
        self.got: list[Notification] = []
        self.lock = threading.Lock()

    def send(self, notification: Notification) -> None:
        with self.lock:
            self.got.append(notification)


class InboxPlugin:
    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox

    @hookimpl
    def sorgende_notification_channels(self) -> list[Inbox]:
        return [self.inbox]


def _platform(tmp_path: Path, inbox: Inbox) -> Any:
    settings = sorgende.Settings(
        load_entrypoints=False, plugins={"notifications": {"poll_interval": 0.1}}
    )
    platform = sorgende.open(
        f"sqlite:///{tmp_path / 'web.db'}",
        settings=settings,
        plugins=[sorgende_web, InboxPlugin(inbox)],
    )
    return platform


def _wait_for(inbox: Inbox, count: int, seconds: float = 20) -> list[Notification]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with inbox.lock:
            if len(inbox.got) >= count:
                return list(inbox.got)
        time.sleep(0.05)
    return list(inbox.got)


def test_a_proposal_made_while_the_app_serves_reaches_the_recipient(tmp_path: Path) -> None:
    inbox = Inbox()
    platform = _platform(tmp_path, inbox)
    world = build_world(platform, hasher=cheap_hasher())
    request = world.post_request("anna")
    with TestClient(create_app(platform)):
        proposal = world.community.propose(request_id=request.id, by=world.people["ben"].id)
        got = _wait_for(inbox, 1)
    assert [(n.actor_id, n.kind) for n in got] == [(world.people["anna"].id, "ExchangeProposed")]
    assert got[0].event.exchange_id == proposal.id
    accounts_for(platform).close()
    platform.close()


def test_no_dispatcher_runs_when_the_setting_is_off(tmp_path: Path) -> None:
    inbox = Inbox()
    platform = _platform(tmp_path, inbox)
    world = build_world(platform, hasher=cheap_hasher())
    request = world.post_request("anna")
    app = create_app(platform, WebSettings(dispatch_notifications=False))
    with TestClient(app):
        world.community.propose(request_id=request.id, by=world.people["ben"].id)
        assert _wait_for(inbox, 1, seconds=1) == []
        assert not any(t.name == "sorgende-notifications" for t in threading.enumerate())
    # the outbox kept it: a worker delivers it later
    platform.notifications.flush()
    assert len(inbox.got) == 1
    accounts_for(platform).close()
    platform.close()
