"""The sign-in form's part of the throttle: the client's address and the device proof.

:meth:`AccountStore.authenticate <sorgende_web.accounts.AccountStore.authenticate>`
throttles by (login, address) and by address. The address is the client's as uvicorn
gives it: the peer's, or, with ``proxy_headers`` (``sorgende serve --proxy-headers``),
the one the trusted reverse proxy names in ``X-Forwarded-For``. A browser that signed in
to a login gets a signed device proof (the cookie ``sorgende_device``); shown at a later
sign-in to that login it exempts the browser from the address's limit, so one person's
failures (or an attacker's) behind a shared address do not slow the others who signed in
there before. Any other path that checks a password should call :func:`attempt` too.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from litestar import Request, Response
from litestar.datastructures import Cookie

from sorgende_web.accounts import Account, AccountStore
from sorgende_web.context import page_of

DEVICE_COOKIE = "sorgende_device"
#: how long a browser is remembered for the address limit (half a year)
DEVICE_DAYS = 183


def device_proof(store: AccountStore, login: str) -> str:
    """A value for the browser that just signed in to ``login``: random, signed with the
    platform's key, bound to the login."""
    nonce = secrets.token_urlsafe(12)
    return f"{nonce}.{_device_mac(store, login.strip().lower(), nonce)}"


def proves_device(store: AccountStore, login: str, value: str | None) -> bool:
    """Whether ``value`` is a :func:`device_proof` of ``login``."""
    if not value or len(value) > 100 or "." not in value:
        return False
    nonce, _, mac = value.partition(".")
    return hmac.compare_digest(mac, _device_mac(store, login.strip().lower()[:64], nonce))


def _device_mac(store: AccountStore, login: str, nonce: str) -> str:
    message = f"sorgende-device|{login}|{nonce}".encode()
    return hmac.new(store.secret().encode(), message, hashlib.sha256).hexdigest()[:32]


def client_address(request: Request[Any, Any, Any]) -> str:
    """The client's address as the server (and a trusted proxy) tells it."""
    return request.client.host if request.client else "unknown"


def attempt(request: Request[Any, Any, Any], login: str, password: str) -> Account:
    """Check ``login`` and ``password`` through the throttle (``LoginFailed``,
    ``TooManyAttempts``)."""
    web = page_of(request).app
    settings = web.settings
    return web.accounts.authenticate(
        login,
        password,
        client_address(request),
        per_login=settings.login_attempts_per_login,
        per_address=settings.login_attempts_per_address,
        window_minutes=settings.login_window_minutes,
        first_delay=settings.login_delay_seconds,
        max_delay=settings.login_max_delay_seconds,
        trusted=proves_device(web.accounts, login, request.cookies.get(DEVICE_COOKIE)),
    )


def remember(request: Request[Any, Any, Any], response: Response[Any], login: str) -> None:
    """Give the browser that just signed in to ``login`` its device proof."""
    web = page_of(request).app
    response.cookies.append(
        Cookie(
            key=DEVICE_COOKIE,
            value=device_proof(web.accounts, login),
            max_age=DEVICE_DAYS * 24 * 3600,
            httponly=True,
            secure=web.settings.secure_cookies,
            samesite="lax",
            path="/",
        )
    )
