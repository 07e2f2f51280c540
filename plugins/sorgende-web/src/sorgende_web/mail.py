"""Sending a link by e-mail, at once, through the platform's notification channels.

Invitations, confirmations of an address, password resets and the confirmation of an
erasure go to one address, now, and (but the last) carry a secret: they are handed to a
channel that offers ``send_message`` (the e-mail plugin's SMTP channel,
:class:`sorgende.notifications.DirectMessage`) rather than written into the outbox,
which would keep the secret in the database. Without such a channel, or when the
server refuses, :class:`MailNotSent` says so and the page asks to try again later.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, ClassVar

from sorgende.errors import SorgendeError
from sorgende.notifications import DirectMessage


class MailNotSent(SorgendeError):
    """The e-mail could not be sent (no e-mail channel, or the server refused)."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "the e-mail to {address} could not be sent; please try again later or "
        "call the coordination",
        "de": "Die E-Mail an {address} konnte nicht versandt werden; bitte später noch "
        "einmal versuchen oder die Koordination anrufen",
    }

    def __init__(self, address: str) -> None:
        super().__init__(address=address)


def channel(platform: Any) -> Any | None:
    """The first notification channel that sends direct messages, if any."""
    for found in getattr(platform, "channels", ()) or ():
        if callable(getattr(found, "send_message", None)):
            return found
    return None


def can_send(platform: Any) -> bool:
    return channel(platform) is not None


def send(
    platform: Any,
    *,
    community_id: uuid.UUID,
    name: str,
    address: str,
    subject: str,
    text: str,
    language: str,
    kind: str,
) -> None:
    """Send one message now; :class:`MailNotSent` if it could not be."""
    found = channel(platform)
    if found is None:
        raise MailNotSent(address)
    message = DirectMessage(
        community_id=community_id,
        name=name,
        address=address,
        subject=subject,
        text=text,
        language=language,
        kind=kind,
        # the Message-ID names the kind and a random id, never the link's secret
        key=f"{kind}:{uuid.uuid4().hex}",
    )
    try:
        found.send_message(message)
    except SorgendeError as exc:
        raise MailNotSent(address) from exc
    except OSError as exc:
        raise MailNotSent(address) from exc
