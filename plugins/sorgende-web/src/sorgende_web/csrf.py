"""Forms only from this site, by this browser's sign-in: CSRF tokens and the Origin check.

Every page form carries a token (``csrf_input`` in the templates, the field
``_csrf_token`` or the header ``X-CSRFToken``). The token is an HMAC, with the key kept
in the database (:meth:`sorgende_web.local_tables.LocalTables.secret`), of what the
browser holds:

* signed in: its session (the session cookie's secret), so a token is good for one
  sign-in only: a token read from another browser, an earlier sign-in or before the
  sign-in does not fit, and signing out voids every form of the session;
* not signed in (the sign-in form, the language switch): a random value in the cookie
  ``sorgende_csrf`` (``HttpOnly``, ``SameSite=Lax``), made on the first page.

A state-changing request (anything but GET, HEAD, OPTIONS) on a page is refused (403,
:class:`FormRefused`) without a token that fits, and also when its ``Origin`` (or,
without one, its ``Referer``) is another site than the platform: the origin of the
``base_url`` setting, or without it the request's own (its scheme, which uvicorn takes
from ``X-Forwarded-Proto`` only with ``proxy_headers``, and its ``Host``). A request
that names neither (an old browser, a script) is judged by its token alone. The API
under ``/api`` takes no cookies, only bearer tokens, and so needs neither check.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from typing import Any, ClassVar
from urllib.parse import urlsplit

from litestar import Request
from litestar.datastructures import Cookie, MutableScopeHeaders
from litestar.enums import RequestEncodingType, ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from litestar.utils.scope.state import ScopeState

from sorgende.errors import Message as Text
from sorgende.errors import PermissionDenied, SorgendeError
from sorgende_web import safety_messages as _safety  # noqa: F401  (registers the texts)
from sorgende_web.accounts import Account
from sorgende_web.auth import API_PREFIX
from sorgende_web.context import SESSION_COOKIE

CSRF_COOKIE = "sorgende_csrf"
CSRF_FIELD = "_csrf_token"
CSRF_HEADER = "x-csrftoken"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: paths whose answers carry no form and whose requests change nothing
_PASS = (API_PREFIX + "/", "/static/")
_DEFAULT_PORTS = {"http": 80, "https": 443}


class FormRefused(PermissionDenied):
    """A page's form without a fitting token, or sent from another site (HTTP 403)."""

    templates: ClassVar[Mapping[str, str]] = {"en": "{problem}", "de": "{problem}"}

    def __init__(self, problem: Text) -> None:
        SorgendeError.__init__(self, problem=problem)


def token_for(secret: str, binding: str) -> str:
    """The form token of a browser holding ``binding`` (see the module's documentation)."""
    return hmac.new(
        secret.encode(), f"sorgende-csrf|{binding}".encode(), hashlib.sha256
    ).hexdigest()


def binding_of(user: Any, cookies: Mapping[str, str]) -> str | None:
    """What a browser's tokens are bound to: its session when signed in, else its
    ``sorgende_csrf`` cookie (``None``: it has none yet)."""
    session = cookies.get(SESSION_COOKIE)
    if isinstance(user, Account) and session:
        return "session:" + session
    nonce = cookies.get(CSRF_COOKIE)
    if nonce and 32 <= len(nonce) <= 128 and nonce.isalnum():
        return "browser:" + nonce
    return None


def origin_of(url: str) -> tuple[str, str, int] | None:
    """An address's origin (scheme, host, port), ``None`` for ``null`` or no address."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    return parts.scheme, parts.hostname.lower(), port or _DEFAULT_PORTS[parts.scheme]


def own_origin(scope: Scope, base_url: str) -> tuple[str, str, int] | None:
    """The platform's origin: the base URL's, else the request's own."""
    if base_url:
        return origin_of(base_url)
    host = ""
    for name, value in scope["headers"]:
        if name == b"host":
            host = value.decode("latin-1")
            break
    return origin_of(f"{scope.get('scheme', 'http')}://{host}") if host else None


class CSRFMiddleware:
    """The token and origin checks of page forms (after ``IdentifyMiddleware``, which
    says who is signed in)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] != ScopeType.HTTP or path == API_PREFIX or path.startswith(_PASS):
            await self.app(scope, receive, send)
            return
        web = scope["litestar_app"].state.web
        request: Request[Any, Any, Any] = Request(scope, receive)
        binding = binding_of(scope.get("user"), request.cookies)
        nonce = None
        if binding is None:
            nonce = secrets.token_hex(32)
            binding = "browser:" + nonce
        expected = token_for(web.accounts.secret(), binding)
        ScopeState.from_scope(scope).csrf_token = expected
        if request.method not in SAFE_METHODS:
            self._check_origin(scope, request, web.settings.base_url)
            given = request.headers.get(CSRF_HEADER)
            content_type, _ = request.content_type
            if not given and content_type in (
                RequestEncodingType.URL_ENCODED,
                RequestEncodingType.MULTI_PART,
            ):
                form = await request.form()
                value = form.get(CSRF_FIELD)
                given = value if isinstance(value, str) else None
            if nonce is not None or not given or not hmac.compare_digest(given, expected):
                raise FormRefused(Text("web.problem.csrf.token"))
        if nonce is not None:
            send = self._setting_cookie(send, nonce, web.settings.secure_cookies)
        await self.app(scope, receive, send)

    @staticmethod
    def _check_origin(scope: Scope, request: Request[Any, Any, Any], base_url: str) -> None:
        sent = request.headers.get("origin")
        if sent is None:
            referer = request.headers.get("referer")
            if not referer:
                return  # neither: the token alone decides
            sent = referer
        if origin_of(sent) is None or origin_of(sent) != own_origin(scope, base_url):
            shown = sent.strip()[:100] or "-"
            raise FormRefused(Text("web.problem.csrf.origin", origin=shown))

    @staticmethod
    def _setting_cookie(send: Send, nonce: str, secure: bool) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableScopeHeaders.from_message(message)
                cookie = Cookie(
                    key=CSRF_COOKIE,
                    value=nonce,
                    path="/",
                    secure=secure,
                    httponly=True,
                    samesite="lax",
                )
                headers.add("set-cookie", cookie.to_header(header=""))
            await send(message)

        return wrapped


def client_token(app: Any, cookies: Mapping[str, str]) -> str | None:
    """The token a page of ``app`` would put into a form for a browser holding
    ``cookies`` (``None`` while it has no ``sorgende_csrf`` cookie and is not signed in):
    for test clients, which read no pages to post forms."""
    web = app.state.web
    session = cookies.get(SESSION_COOKIE)
    user = web.accounts.session_account(session) if session else None
    binding = binding_of(user, cookies)
    return token_for(web.accounts.secret(), binding) if binding is not None else None
