"""A site for the account tests: the test world on its own database file, with an SMTP
server (aiosmtpd on a free loopback port) the platform's e-mail channel sends to, and
``[plugins.accounts]`` as a test asks; the links in the messages are followed as a
person would."""

from __future__ import annotations

import email
import email.policy
import re
import shutil
import socket
from collections.abc import Iterator, Mapping
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import attrs
import sorgende_email
import sorgende_web
from aiosmtpd.controller import Controller
from litestar.testing import TestClient
from sorgende_web import create_app
from sorgende_web.accounts import accounts_for
from sorgende_web.settings import WebSettings
from sorgende_web.testing import World, cheap_hasher

import sorgende

BASE_URL = "https://hilfe.testdorf.example"
SENDER = "Sorgende Gemeinschaft Testdorf <hallo@testdorf.example>"


class Mailbox:
    """The SMTP server's handler: keeps every message it accepts."""

    def __init__(self) -> None:
        self.received: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(envelope)
        return "250 Message accepted"

    def messages(self) -> list[EmailMessage]:
        return [
            email.message_from_bytes(e.content, policy=email.policy.default)  # type: ignore[misc]
            for e in self.received
        ]

    def last(self, to: str) -> EmailMessage:
        found = [m for m in self.messages() if to in str(m["To"])]
        assert found, f"no message to {to}: {[str(m['To']) for m in self.messages()]}"
        return found[-1]

    def link(self, to: str, path: str) -> str:
        """The path (with its secret) of the last link to ``path`` sent to ``to``."""
        text = self.last(to).get_body(("plain",)).get_content()  # type: ignore[union-attr]
        found = re.findall(rf"{re.escape(BASE_URL)}({re.escape(path)}/\S+)", text)
        assert found, f"no link to {path} in:\n{text}"
        return str(found[-1])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class SMTP:
    def __init__(self) -> None:
        self.port = free_port()
        self.mailbox = Mailbox()
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SMTP:
        self.controller.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.controller.stop()


@attrs.define
class Site:
    world: World
    client: TestClient[Any]
    mail: Mailbox
    platform: Any


def email_table(port: int) -> dict[str, Any]:
    return {"host": "127.0.0.1", "port": port, "security": "none", "sender": SENDER, "timeout": 5}


def open_site(
    template: tuple[Path, World],
    folder: Path,
    accounts: Mapping[str, Any] | None = None,
) -> Iterator[Site]:
    source, world = template
    for suffix in ("", "-wal"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", folder / f"web.db{suffix}")
    with SMTP() as smtp:
        settings = attrs.evolve(
            sorgende.load_settings(environ={}),
            plugins={"email": email_table(smtp.port), "accounts": dict(accounts or {})},
        )
        platform = sorgende.open(
            f"sqlite:///{folder / 'web.db'}",
            plugins=[sorgende_web, sorgende_email],
            load_entrypoints=False,
            settings=settings,
        )
        accounts_for(platform, hasher=cheap_hasher())
        app = create_app(platform, WebSettings(base_url=BASE_URL, dispatch_notifications=False))
        world = attrs.evolve(
            world,
            platform=platform,
            community=platform.community(world.community.community_id),
            other=platform.community(world.other.community_id),
        )
        try:
            with TestClient(app) as client:
                yield Site(world, client, smtp.mailbox, platform)
        finally:
            accounts_for(platform).close()
            platform.close()
