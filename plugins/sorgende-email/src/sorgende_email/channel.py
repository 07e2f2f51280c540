"""The e-mail channel: one message per notification (or digest), sent over SMTP.

Each message carries its delivery's idempotency key as its ``Message-ID``
(``<sorgende.KEY@domain>``) and in ``X-Sorgende-Key``, so a message sent again after a
dispatcher died between sending and recording it has the same id as the first one:
mail clients and archives show it once, and it is recognisable in the logs.
"""

from __future__ import annotations

import re
import smtplib
import ssl
from collections.abc import Mapping
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from typing import ClassVar
from urllib.parse import urlencode

from sorgende.domain.actors import Actor, ActorKind
from sorgende.errors import SorgendeError
from sorgende.notifications import Digest, DirectMessage, Notification
from sorgende_email.config import EmailConfig
from sorgende_email.render import Rendered, Renderer

#: long header values without spaces (a List-Unsubscribe URL, the key) are kept whole
#: rather than folded into encoded words, which mail clients would not read as a URL
_POLICY = policy.SMTP.clone(max_line_length=998)
#: characters a Message-ID's left part may hold (RFC 5322 dot-atom text, restricted)
_UNSAFE = re.compile(r"[^A-Za-z0-9.\-_+]")


class EmailNotSent(SorgendeError):
    """The SMTP server was unreachable or refused the message; the outbox will retry."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "e-mail to {to} not sent ({key}): {problem}",
        "de": "E-Mail an {to} nicht versandt ({key}): {problem}",
    }


class NoAddress(SorgendeError):
    """The person has no e-mail address (the channel does not reach them)."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{actor} has no e-mail address",
        "de": "{actor} hat keine E-Mail-Adresse",
    }


def message_id(key: str, domain: str) -> str:
    """The Message-ID of a delivery: the same for every attempt of it."""
    return f"<sorgende.{_UNSAFE.sub('-', key.replace(':', '.'))}@{domain}>"


class EmailChannel:
    """Notifications to people by e-mail (audience ``people``, with daily digests)."""

    name = "email"
    audience = "people"

    def __init__(self, config: EmailConfig, renderer: Renderer | None = None) -> None:
        self.config = config
        self.renderer = renderer or Renderer(config)

    # -- the channel protocol -----------------------------------------------------

    def reaches(self, actor: Actor) -> bool:
        return bool(actor.email)

    def send(self, notification: Notification) -> None:
        recipient = _recipient(notification.recipient, notification.actor_id)
        unsubscribe = self.unsubscribe_url(notification.community_id, recipient)
        rendered = self.renderer.message(notification, unsubscribe)
        self.deliver(
            self.compose(rendered, recipient, notification.key, notification.language, unsubscribe)
        )

    def send_digest(self, digest: Digest) -> None:
        recipient = _recipient(digest.recipient, digest.actor_id)
        unsubscribe = self.unsubscribe_url(digest.community_id, recipient)
        rendered = self.renderer.digest(digest, unsubscribe)
        self.deliver(self.compose(rendered, recipient, digest.key, digest.language, unsubscribe))

    def send_message(self, direct: DirectMessage) -> None:
        """Send a :class:`DirectMessage` at once (a link for one address); raises
        :class:`EmailNotSent` if the server refused it."""
        recipient = Actor(
            community_id=direct.community_id,
            kind=ActorKind.PERSON,
            name=direct.name,
            email=direct.address,
        )
        rendered = self.renderer.direct(direct)
        key = direct.key or f"{direct.kind}:{direct.community_id}"
        self.deliver(self.compose(rendered, recipient, key, direct.language))

    # -- building and sending -----------------------------------------------------

    def unsubscribe_url(self, community_id: object, recipient: Actor) -> str | None:
        url = self.config.unsubscribe_url
        if not url:
            return None
        values = {"community": str(community_id), "actor": str(recipient.id), "channel": self.name}
        if "{" in url:
            return url.format(**values)
        return f"{url}{'&' if '?' in url else '?'}{urlencode(values)}"

    def compose(
        self,
        rendered: Rendered,
        recipient: Actor,
        key: str,
        language: str,
        unsubscribe: str | None = None,
    ) -> EmailMessage:
        message = EmailMessage(policy=_POLICY)
        message["From"] = self.config.sender
        message["To"] = formataddr((recipient.name, recipient.email or ""))
        message["Subject"] = rendered.subject
        message["Date"] = format_datetime(datetime.now(UTC))
        message["Message-ID"] = message_id(key, self.config.id_domain)
        message["X-Sorgende-Key"] = key
        # an automatic message: no out-of-office replies (RFC 3834)
        message["Auto-Submitted"] = "auto-generated"
        links = []
        if self.config.unsubscribe_mailto:
            links.append(f"<{self.config.unsubscribe_mailto}>")
        if unsubscribe:
            links.append(f"<{unsubscribe}>")
        if links:
            message["List-Unsubscribe"] = ", ".join(links)
        if unsubscribe and unsubscribe.startswith("https://"):
            # one click in the mail client unsubscribes (RFC 8058)
            message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        # quoted-printable: safe through servers without 8BITMIME, still readable
        message.set_content(rendered.text, cte="quoted-printable")
        message.add_alternative(rendered.html, subtype="html", cte="quoted-printable")
        # after the parts: setting the content drops earlier Content-* headers
        message["Content-Language"] = language
        return message

    def deliver(self, message: EmailMessage) -> None:
        """Send ``message``; any failure raises :class:`EmailNotSent` (the outbox retries)."""
        config = self.config
        try:
            with self._connect() as smtp:
                if config.username:
                    smtp.login(config.username, config.password or "")
                smtp.send_message(message)
        except (smtplib.SMTPException, OSError) as exc:
            raise EmailNotSent(
                to=message["To"], key=message["X-Sorgende-Key"], problem=f"{exc!r}"
            ) from exc

    def _context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.config.ca_file)

    def _connect(self) -> smtplib.SMTP:
        config = self.config
        if config.security == "ssl":
            return smtplib.SMTP_SSL(
                config.host, config.port, timeout=config.timeout, context=self._context()
            )
        smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
        if config.security == "starttls":
            try:
                smtp.starttls(context=self._context())
            except BaseException:
                smtp.close()
                raise
        return smtp


def _recipient(actor: Actor | None, actor_id: object) -> Actor:
    if actor is None or not actor.email:
        raise NoAddress(actor=actor_id)
    return actor
