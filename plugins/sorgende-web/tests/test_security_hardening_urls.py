"""Absolute addresses the platform shows or sends come from its configuration, never
from the request.

Before (issue 13): the profile page built the secret calendar address from the
request's ``Host`` header (``Host: attacker.example`` showed
``http://attacker.example/calendar/<token>``), ignoring the configured URL and
``X-Forwarded-Proto``. Now it is ``base_url`` + path, or without ``base_url`` the
address the server listens on; ``X-Forwarded-Proto`` counts only from a trusted proxy
(``proxy_headers``). The e-mails of notifications carry the configured addresses only,
whatever the request that caused them said.
"""

from __future__ import annotations

import email
import email.policy
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import httpx
import pytest
import sorgende_email
import sorgende_web
from aiosmtpd.controller import Controller
from hardening_server import csrf_in, serving
from litestar.testing import TestClient
from sorgende_web import create_app
from sorgende_web.accounts import accounts_for
from sorgende_web.settings import WebSettings
from sorgende_web.testing import PASSWORD, World, api_token, bearer, build_world, sign_in

import sorgende

SECRET = "a-calendar-secret-for-the-tests-only-0123456789"
BASE = "https://hilfe.testdorf.example"
EVIL = {"Host": "attacker.example", "X-Forwarded-Host": "attacker.example"}


def _with_calendar(world: World) -> None:
    platform = world.platform
    platform.settings = attrs.evolve(
        platform.settings, plugins={**platform.settings.plugins, "calendar": {"secret": SECRET}}
    )


def _address(html: str) -> str:
    found = re.search(r'data-testid="calendar-address">([^<]+)<', html)
    assert found, "the profile shows no calendar address"
    return found.group(1)


def test_the_host_header_does_not_change_the_calendar_address(world: World) -> None:
    _with_calendar(world)
    client = TestClient(create_app(world.platform, WebSettings(base_url=BASE + "/")))
    sign_in(client, "anna")
    plain = _address(client.get("/profile").text)
    assert plain.startswith(BASE + "/calendar/")
    forged = _address(client.get("/profile", headers=EVIL).text)
    assert forged == plain
    assert "attacker.example" not in client.get("/profile", headers=EVIL).text


def _served_profile(world: World, headers: dict[str, str], **options: Any) -> tuple[str, str]:
    """Anna's calendar address as a real server shows it to a request with ``headers``."""
    _with_calendar(world)
    with (
        serving(create_app(world.platform), **options) as base,
        httpx.Client(base_url=base, follow_redirects=False, timeout=30) as client,
    ):
        token = csrf_in(client.get("/login").text)
        signed = client.post(
            "/login", data={"login": "anna", "password": PASSWORD, "_csrf_token": token}
        )
        assert signed.status_code == 303
        page = client.get("/profile", headers=headers)
        assert page.status_code == 200
        return base, _address(page.text)


def test_without_a_base_url_the_address_is_the_servers_own_not_the_hosts(
    world: World,
) -> None:
    base, address = _served_profile(world, {**EVIL, "X-Forwarded-Proto": "https"})
    # the socket's address and the connection's scheme: no forwarded header believed
    assert address.startswith(base + "/calendar/"), address


def test_x_forwarded_proto_counts_only_from_a_trusted_proxy(world: World) -> None:
    base, address = _served_profile(
        world,
        {**EVIL, "X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"},
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
    )
    # the proxy on loopback is trusted: the scheme it names is the connection's
    assert address.startswith(base.replace("http://", "https://") + "/calendar/"), address
    assert "attacker.example" not in address


# -- e-mails of notifications --------------------------------------------------------------


class Mailbox:
    def __init__(self) -> None:
        self.received: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(envelope)
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    box, port = Mailbox(), _free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield box, port
    controller.stop()


def test_the_host_header_does_not_change_an_address_in_an_email(
    tmp_path: Path, mailbox: tuple[Mailbox, int]
) -> None:
    """A proposal made through the API with a forged Host: the recipient's e-mail links
    to the configured site, and names no address of the request."""
    box, port = mailbox
    settings = sorgende.Settings(
        load_entrypoints=False,
        plugins={
            "email": {
                "host": "127.0.0.1",
                "port": port,
                "security": "none",
                "sender": "Testdorf <hallo@testdorf.example>",
                "site_url": BASE,
                "unsubscribe_url": BASE + "/benachrichtigungen/{community}/{actor}",
                "timeout": 5,
            },
            "web": {"base_url": BASE},
        },
    )
    platform = sorgende.open(
        f"sqlite:///{tmp_path / 'web.db'}",
        settings=settings,
        plugins=[sorgende_web, sorgende_email],
    )
    try:
        world = build_world(platform)
        request = world.post_request("anna")
        app = create_app(platform, WebSettings(base_url=BASE, dispatch_notifications=False))
        client = TestClient(app)
        answer = client.post(
            "/api/exchanges",
            json={"request_id": str(request.id)},
            headers={**bearer(api_token(platform, "ben")), **EVIL},
        )
        assert answer.status_code == 201, answer.text
        platform.notifications.flush()
        assert box.received, "no e-mail was sent"
        for envelope in box.received:
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            text = message.as_string()
            assert "attacker.example" not in text
            assert BASE in text
    finally:
        accounts_for(platform).close()
        platform.close()
