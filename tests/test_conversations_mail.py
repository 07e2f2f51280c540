"""A message in an exchange's conversation reaches the others through their channels (a
real SMTP server, aiosmtpd), without its text in the event log; the contact consent."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sorgende_email
from aiosmtpd.controller import Controller

import sorgende
from sorgende import ActorKind, Consent, TimeWindow
from sorgende.config import Settings
from sorgende.domain.actors import CommunityRole
from sorgende.errors import InvalidValue, NotFound, PermissionDenied

MONDAY = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


class Mailbox:
    def __init__(self) -> None:
        self.received: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(envelope)
        return "250 Message accepted"

    def texts(self, address: str) -> list[str]:
        found = []
        for e in self.received:
            message = email.message_from_bytes(e.content, policy=email.policy.default)  # type: ignore[misc]
            if address in str(message["To"]):
                found.append(str(message.get_body(("plain",)).get_content()))  # type: ignore[attr-defined]
        return found


@pytest.fixture
def smtp() -> Iterator[tuple[Mailbox, int]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield box, port
    controller.stop()


def test_a_message_is_mailed_to_the_others_and_its_text_stays_out_of_the_log(
    smtp: tuple[Mailbox, int], tmp_path: Path
) -> None:
    box, port = smtp
    settings = Settings(
        load_entrypoints=False,
        plugins={"email": {"host": "127.0.0.1", "port": port, "security": "none",
                           "sender": "Daun <hallo@daun.example>", "timeout": 5}},
    )  # fmt: skip
    with sorgende.open(
        f"sqlite:///{tmp_path / 'daun.db'}", plugins=[sorgende_email], settings=settings,
        clock=lambda: MONDAY,
    ) as platform:  # fmt: skip
        c = platform.create_community("Verbandsgemeinde Daun")
        mehren = c.add_place("Mehren")
        yes = Consent(contact=True)
        anna = c.register_actor(ActorKind.PERSON, "Anna Schmitz", email="a@example.org",
                                consent=yes, phone="06592 1")  # fmt: skip
        ben = c.register_actor(ActorKind.PERSON, "Ben Müller", email="b@example.org", consent=yes)
        tina = c.register_actor(ActorKind.PERSON, "Tina Schmitz", email="t@example.org",
                                consent=yes)  # fmt: skip
        clara = c.register_actor(ActorKind.PERSON, "Clara Koch", email="c@example.org",
                                 consent=yes)  # fmt: skip
        c.grant_role(clara.id, CommunityRole.COORDINATOR, by=sorgende.OPERATOR)
        c.trust(anna.id, tina.id, by=anna.id)
        start = MONDAY + timedelta(days=1)
        request = c.post_request(anna.id, "shopping", mehren.id,
                                 TimeWindow(start, start + timedelta(hours=1)), 1.0)  # fmt: skip
        exchange = c.propose(request_id=request.id, by=ben.id)
        c.accept(exchange.id, by=anna.id)
        platform.notifications.flush()
        box.received.clear()
        c.post_message(exchange.id, "Geheimer Treffpunkt: Kirchplatz", by=ben.id)
        platform.notifications.flush()
        for address in ("a@example.org", "t@example.org"):  # the recipient, her trusted person
            (text,) = box.texts(address)
            assert "Ben Müller hat Ihnen zu Einkaufen geschrieben." in text, text
        assert box.texts("b@example.org") == []  # the author is not told
        assert box.texts("c@example.org") == []  # the coordination reads it when it looks
        logged = repr(list(platform.storage.event_log().read(c.community_id)))
        assert "Kirchplatz" not in logged and "MessagePosted" in logged
        # bad input and strangers are refused, nothing is written
        with pytest.raises(InvalidValue):
            c.post_message(exchange.id, "  ", by=ben.id)
        outsider = c.register_actor(ActorKind.PERSON, "Olaf Ohne", consent=yes)
        with pytest.raises(NotFound):  # whoever may not see it does not learn it exists
            c.post_message(exchange.id, "Hallo", by=outsider.id)
        with pytest.raises(PermissionDenied):
            c.share_contact(exchange.id, by=ben.id)
        # Ben sees Anna's phone once her trusted person agreed
        assert c.read_conversation(exchange.id, by=ben.id).recipient_contact is None
        c.share_contact(exchange.id, by=tina.id)
        seen = c.read_conversation(exchange.id, by=ben.id).recipient_contact
        assert seen is not None and seen.phone == "06592 1"
        assert len(c.read_conversation(exchange.id, by=anna.id).messages) == 1
