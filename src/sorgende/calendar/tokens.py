"""The secret address of a person's feed: a token with an HMAC over the ids."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import uuid
from collections.abc import Sequence
from typing import Final

from sorgende.calendar.settings import calendar_settings
from sorgende.config import Settings
from sorgende.errors import UnknownFeedToken

_TOKEN_VERSION: Final = 1
_MAC_BYTES: Final = 16  # 128 bits: guessing stays hopeless, addresses stay short
_TOKEN_BYTES: Final = 1 + 16 + 16 + _MAC_BYTES
_MAC_CONTEXT: Final = b"sorgende calendar feed\x00"


# --- tokens ---------------------------------------------------------------------------


def feed_token(secret: str, community_id: uuid.UUID, actor_id: uuid.UUID) -> str:
    """The secret, URL-safe token of ``actor_id``'s feed (66 characters).

    It holds the two ids and an HMAC-SHA256 over them, so it needs no storage and
    cannot be made without the secret.
    """
    payload = bytes([_TOKEN_VERSION]) + community_id.bytes + actor_id.bytes
    token = payload + _mac(secret, payload)
    return base64.urlsafe_b64encode(token).rstrip(b"=").decode("ascii")


def person_for_token(secrets: str | Sequence[str], token: str) -> tuple[uuid.UUID, uuid.UUID]:
    """``(community_id, actor_id)`` of a token made with one of ``secrets``.

    Raises :class:`~sorgende.errors.UnknownFeedToken` for anything else: a token made
    with another secret, changed, cut short, or not a token at all.
    """
    keys = (secrets,) if isinstance(secrets, str) else tuple(secrets)
    try:
        raw = base64.urlsafe_b64decode(token.encode("ascii") + b"=" * (-len(token) % 4))
    except (UnicodeEncodeError, binascii.Error, ValueError):
        raise UnknownFeedToken() from None
    if len(raw) != _TOKEN_BYTES or raw[0] != _TOKEN_VERSION:
        raise UnknownFeedToken()
    payload, mac = raw[:-_MAC_BYTES], raw[-_MAC_BYTES:]
    # every secret is tried, so the time taken does not tell which one matched
    matched = False
    for key in keys:
        matched |= hmac.compare_digest(_mac(key, payload), mac)
    if not matched:
        raise UnknownFeedToken()
    return uuid.UUID(bytes=payload[1:17]), uuid.UUID(bytes=payload[17:33])


def _mac(secret: str, payload: bytes) -> bytes:
    digest = hmac.new(secret.encode("utf-8"), _MAC_CONTEXT + payload, hashlib.sha256).digest()
    return digest[:_MAC_BYTES]


def person_token(settings: Settings, community_id: uuid.UUID, actor_id: uuid.UUID) -> str:
    """The token of a person's feed under the current secret (``ConfigError`` without one)."""
    return feed_token(calendar_settings(settings).require_secrets()[0], community_id, actor_id)


def feed_url(settings: Settings, community_id: uuid.UUID, actor_id: uuid.UUID) -> str:
    """The feed's address from the ``url`` template, or the bare token without one."""
    token = person_token(settings, community_id, actor_id)
    url = calendar_settings(settings).url
    return url.replace("{token}", token) if url else token
