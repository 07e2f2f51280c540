"""A registration and a dispatch are confirmed through the notification channels: here
the e-mail plugin's SMTP channel, against a real SMTP server (aiosmtpd) on loopback."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from typing import Any

import pytest
import sorgende_crisis
import sorgende_email
from aiosmtpd.controller import Controller
from crisis_town import Town, build_town, form

import sorgende


class Mailbox:
    def __init__(self) -> None:
        self.received: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(envelope)
        return "250 Message accepted"

    def messages(self) -> list[Any]:
        return [
            email.message_from_bytes(e.content, policy=email.policy.default) for e in self.received
        ]


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield box, port
    controller.stop()


@pytest.fixture
def mailing_town(mailbox: tuple[Mailbox, int]) -> Iterator[Town]:
    _box, port = mailbox
    settings = sorgende.Settings(
        load_entrypoints=False,
        plugins={
            "email": {
                "host": "127.0.0.1",
                "port": port,
                "security": "none",
                "sender": "Krisenstab Ahrweiler <krise@ahrweiler.example>",
                "timeout": 5,
            }
        },
    )
    with sorgende.open(
        "memory://", plugins=[sorgende_crisis, sorgende_email], settings=settings
    ) as platform:
        yield build_town(platform)


def test_registration_and_dispatch_are_confirmed_by_e_mail(
    mailing_town: Town, mailbox: tuple[Mailbox, int]
) -> None:
    box, _port = mailbox
    town = mailing_town
    helper = town.crisis.register(
        town.crisis_id,
        form("0171 7654321", email="jana.spontan@example.org", channel="email", language="en"),
    )
    (confirmation,) = box.messages()
    assert confirmation["To"].addresses[0].addr_spec == "jana.spontan@example.org"
    assert confirmation["Subject"] == "Thank you for registering: Hochwasser Ahr"
    body = confirmation.get_body(("plain",)).get_content()
    assert f"/helper/{helper.id}?code={helper.token}" in body
    from datetime import UTC, datetime, timedelta

    # this platform runs on the real clock: a task over already gets no one
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=2)
    task = town.crisis.add_task(
        town.crisis_id,
        by=town.staff,
        title="Sandsäcke füllen",
        place_id=town.places[1],
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        capacity=3,
        meeting_point="Bauhof Dernau",
    )
    town.crisis.dispatch(task.id, by=town.staff)
    told = box.messages()[1]
    assert told["Subject"] == "Your task: Sandsäcke füllen"
    assert "Bauhof Dernau" in told.get_body(("plain",)).get_content()


def test_without_a_channel_the_registration_stands(town: Town) -> None:
    helper = town.crisis.register(town.crisis_id, form(email="a@example.org", channel="email"))
    assert town.crisis.helper(helper.id).name == "Jana Beispiel"
