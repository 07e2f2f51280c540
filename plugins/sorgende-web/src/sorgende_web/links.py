"""Absolute addresses of the platform, built from its configured address only.

A link in an e-mail (an invitation, a confirmation, a password reset) or anything else
the platform hands out to be opened elsewhere (a calendar address) must not be built
from the request: its ``Host`` header is whatever the client sent, and a reset link
pointing to another site would hand that site the secret. :func:`absolute` joins a
path to ``[plugins.web] base_url``, and refuses when none is configured.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from sorgende.errors import ConfigError, Message
from sorgende_web import messages as _messages  # noqa: F401  (registers the texts)


def base_url(settings: Any) -> str:
    """The configured address without a trailing slash, or ``""``."""
    return str(getattr(settings, "base_url", "") or "").rstrip("/")


def absolute(settings: Any, path: str, *secret: str) -> str:
    """``base_url`` + ``path`` (+ ``/`` + each of ``secret``, quoted); raises
    :class:`ConfigError` when the platform's address is not configured."""
    base = base_url(settings)
    if not base:
        raise ConfigError(
            source="[plugins.web] base_url",
            problem=Message("web.problem.links.no_base_url"),
        )
    if not path.startswith("/"):
        path = "/" + path
    tail = "".join("/" + quote(part, safe="") for part in secret)
    return base + path + tail
