"""A direct message (a link for one address, sent at once) through a real SMTP server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import sorgende_email
from sorgende_email import EmailConfig, EmailNotSent
from test_email import SENDER, Server, free_port

from sorgende.notifications import DirectMessage


@pytest.fixture
def smtp() -> Iterator[Server]:
    running = Server(free_port())
    running.start()
    yield running
    running.stop()


def _channel(port: int) -> sorgende_email.EmailChannel:
    config = EmailConfig.from_mapping(
        {"host": "127.0.0.1", "port": port, "security": "none", "sender": SENDER, "timeout": 5}
    )
    assert config is not None
    return sorgende_email.EmailChannel(config)


def _message(**changes: str) -> DirectMessage:
    values = {
        "name": "Anna <Alt>",
        "address": "anna@example.org",
        "subject": "Ihre Einladung",
        "text": "Bitte öffnen Sie:\n\nhttps://hilfe.daun.example/invitation/abc.def",
        "kind": "web.invitation",
        "key": "web.invitation:1",
    } | changes
    return DirectMessage(community_id=uuid.uuid4(), language="de", **values)


def test_a_direct_message_goes_to_its_address_with_the_link_clickable(smtp: Server) -> None:
    _channel(smtp.port).send_message(_message())
    (sent,) = smtp.mailbox.messages()
    assert sent["To"] == '"Anna <Alt>" <anna@example.org>'
    assert sent["Subject"] == "Ihre Einladung"
    assert sent["X-Sorgende-Key"] == "web.invitation:1"
    text = sent.get_body(("plain",)).get_content()
    html = sent.get_body(("html",)).get_content()
    assert "Guten Tag Anna <Alt>," in text
    assert "https://hilfe.daun.example/invitation/abc.def" in text
    assert '<a href="https://hilfe.daun.example/invitation/abc.def"' in html
    # the name stays text in the HTML part
    assert "Anna &lt;Alt&gt;" in html and "<Alt>" not in html


def test_a_refused_direct_message_raises(smtp: Server) -> None:
    smtp.stop()
    with pytest.raises(EmailNotSent):
        _channel(smtp.port).send_message(_message())
