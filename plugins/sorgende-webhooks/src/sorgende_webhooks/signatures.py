"""Webhook signatures in the format of Standard Webhooks, and their check on the receiving side.

Every request carries three headers:

* ``webhook-id``: the delivery's idempotency key, the same on every retry;
* ``webhook-timestamp``: when this attempt was sent, in whole seconds since 1970 (UTC);
* ``webhook-signature``: ``v1,`` and the base64 HMAC-SHA256 of ``"{id}.{timestamp}.{body}"``,
  one for each secret in use (separated by spaces while a secret is being rotated).

A secret is ``whsec_`` followed by 24 to 64 random bytes in base64, as Standard Webhooks
libraries expect; the HMAC key is the decoded bytes. Signing the timestamp with the body
lets a receiver refuse a captured request sent again later (a replay), and signing the id
keeps the idempotency key from being swapped.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import secrets as _random
import time
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, ClassVar, Final

from sorgende.errors import ConfigError, Message, Text, ValidationError
from sorgende_webhooks import messages as _messages  # noqa: F401  (registers the texts)

SECRET_PREFIX: Final = "whsec_"
HEADER_ID: Final = "webhook-id"
HEADER_TIMESTAMP: Final = "webhook-timestamp"
HEADER_SIGNATURE: Final = "webhook-signature"
#: how far a timestamp may lie from the receiver's clock, in seconds (five minutes)
DEFAULT_TOLERANCE: Final = 300
MIN_KEY_BYTES: Final = 24
MAX_KEY_BYTES: Final = 64

_TIMESTAMP = re.compile(r"^[0-9]{1,12}$")

Secrets = str | bytes | Sequence[str | bytes]


# --- errors -----------------------------------------------------------------------------


class WebhookRejected(ValidationError):
    """A received webhook is not to be trusted; answer it with 400 and do not act on it."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "webhook rejected: {problem}",
        "de": "Webhook abgelehnt: {problem}",
    }

    def __init__(self, problem: Text) -> None:
        super().__init__(problem=problem)


class MissingWebhookHeader(WebhookRejected):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "webhook rejected: the header {header} is missing",
        "de": "Webhook abgelehnt: der Header {header} fehlt",
    }

    def __init__(self, header: str) -> None:
        ValidationError.__init__(self, header=header)


class WebhookSignatureMismatch(WebhookRejected):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "webhook rejected: no signature matches; the body, id or timestamp was changed, "
        "or it was signed with another secret",
        "de": "Webhook abgelehnt: keine Signatur passt; Inhalt, Kennung oder Zeitstempel wurden "
        "verändert, oder es wurde mit einem anderen Geheimnis signiert",
    }

    def __init__(self) -> None:
        ValidationError.__init__(self)


class WebhookTimestampOutOfRange(WebhookRejected):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "webhook rejected: its timestamp is {seconds} seconds in the {when} "
        "(at most {tolerance} are allowed): a replayed request or a wrong clock",
        "de": "Webhook abgelehnt: sein Zeitstempel liegt {seconds} Sekunden in der {when} "
        "(erlaubt sind höchstens {tolerance}): eine wiederholte Anfrage oder eine "
        "falsch gehende Uhr",
    }

    def __init__(self, seconds: int, tolerance: int) -> None:
        ValidationError.__init__(
            self,
            seconds=abs(seconds),
            tolerance=tolerance,
            when=Message("webhooks.when.past" if seconds > 0 else "webhooks.when.future"),
        )


# --- signing ----------------------------------------------------------------------------


def generate_secret(nbytes: int = 32) -> str:
    """A new random secret, ``whsec_`` and ``nbytes`` random bytes in base64."""
    if not MIN_KEY_BYTES <= nbytes <= MAX_KEY_BYTES:
        raise ValueError(f"nbytes must be between {MIN_KEY_BYTES} and {MAX_KEY_BYTES}")
    return SECRET_PREFIX + base64.b64encode(_random.token_bytes(nbytes)).decode("ascii")


def signing_key(secret: str | bytes) -> bytes:
    """The HMAC key of a secret: the base64-decoded part after ``whsec_`` (raw bytes as is)."""
    if isinstance(secret, bytes):
        key = secret
    else:
        text = secret.strip().removeprefix(SECRET_PREFIX)
        try:
            key = base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
        except (binascii.Error, ValueError):
            key = b""
    if not key:
        raise ConfigError(
            source="webhook secret",
            problem=Message("webhooks.problem.signatures.secret_form_whsec_base"),
        )
    return key


def _keys(secrets: Secrets) -> tuple[bytes, ...]:
    if isinstance(secrets, str | bytes):
        return (signing_key(secrets),)
    keys = tuple(signing_key(s) for s in secrets)
    if not keys:
        raise ConfigError(
            source="webhook secret",
            problem=Message("webhooks.problem.signatures.no_secret_given"),
        )
    return keys


def _digest(key: bytes, msg_id: str, timestamp: str, body: bytes) -> bytes:
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return hmac.new(key, signed, hashlib.sha256).digest()


def sign(secrets: Secrets, msg_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` header: ``v1,<base64>`` per secret, separated by spaces."""
    return " ".join(
        "v1," + base64.b64encode(_digest(key, msg_id, str(timestamp), body)).decode("ascii")
        for key in _keys(secrets)
    )


def signed_headers(secrets: Secrets, msg_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The three signature headers of a request with ``body``."""
    return {
        HEADER_ID: msg_id,
        HEADER_TIMESTAMP: str(timestamp),
        HEADER_SIGNATURE: sign(secrets, msg_id, timestamp, body),
    }


# --- verifying --------------------------------------------------------------------------


def verify(
    payload: bytes | str,
    headers: Mapping[str, str],
    secret: Secrets,
    *,
    tolerance: int = DEFAULT_TOLERANCE,
    now: float | datetime | None = None,
) -> Any:
    """Check a received webhook and return its parsed JSON body.

    :param payload: the request body exactly as received (before any JSON parsing).
    :param headers: the request headers (any case).
    :param secret: the endpoint's secret, or several while one is being rotated.
    :param tolerance: how many seconds the timestamp may lie from ``now``.
    :param now: the receiver's time (default: the system clock).
    :raises MissingWebhookHeader: a signature header is missing.
    :raises WebhookTimestampOutOfRange: the timestamp lies outside the replay window.
    :raises WebhookSignatureMismatch: no signature matches (changed or foreign request).
    :raises WebhookRejected: a header or the body is malformed.
    """
    body = payload.encode("utf-8") if isinstance(payload, str) else bytes(payload)
    keys = _keys(secret)
    lowered = {name.lower(): value for name, value in headers.items()}
    values = []
    for header in (HEADER_ID, HEADER_TIMESTAMP, HEADER_SIGNATURE):
        value = lowered.get(header, "").strip()
        if not value:
            raise MissingWebhookHeader(header)
        values.append(value)
    msg_id, timestamp, signatures = values

    if not _TIMESTAMP.match(timestamp):
        raise WebhookRejected(
            Message(
                "webhooks.problem.signatures.header_whole_seconds_since",
                header_timestamp=HEADER_TIMESTAMP,
                timestamp=timestamp[:40],
            ),
        )
    current = time.time() if now is None else now
    if isinstance(current, datetime):
        current = current.timestamp()
    age = int(current) - int(timestamp)
    if abs(age) > tolerance:
        raise WebhookTimestampOutOfRange(age, tolerance)

    expected = [_digest(key, msg_id, timestamp, body) for key in keys]
    matched = False
    for candidate in signatures.split():
        version, _, encoded = candidate.partition(",")
        if version != "v1":
            continue
        try:
            given = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            continue
        for digest in expected:
            matched |= hmac.compare_digest(digest, given)
    if not matched:
        raise WebhookSignatureMismatch()
    try:
        return json.loads(body)
    except ValueError as exc:
        raise WebhookRejected(Message("webhooks.problem.signatures.body_json", exc=exc)) from exc
