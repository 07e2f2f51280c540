"""Who is asking: sign-in sessions for pages, bearer tokens for the API, and the guard.

The middleware only identifies the person (``scope["user"]`` is an :class:`Account` or
``None``); the app-wide guard :func:`deny_by_default` then refuses every route that is
not marked ``opt={"public": True}`` to someone not signed in, and every route whose
``opt={"needs": ...}`` (see :data:`sorgende_web.access.NEEDS`; a plugin's route may name
a role of :data:`sorgende.ui.WEB_ROLES` as ``opt={"role": ...}``) the policy does not
give the person. What a route does is the core's to allow or refuse. Pages accept only the session
cookie, the API only ``Authorization: Bearer``: a browser's cookie never authorises an
API call, so the API needs no CSRF token and a page never trusts a header a script set.
"""

from __future__ import annotations

from typing import Any

from litestar.concurrency import sync_to_thread
from litestar.connection import ASGIConnection
from litestar.enums import ScopeType
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware import MiddlewareProtocol
from litestar.types import ASGIApp, Receive, Scope, Send

from sorgende_web.context import SESSION_COOKIE, page_of
from sorgende_web.errors import NotSignedIn

API_PREFIX = "/api"
#: the OpenAPI document is public, like the documentation of any API
OPENAPI_PATH = API_PREFIX + "/schema"


class IdentifyMiddleware(MiddlewareProtocol):
    """Put the signed-in account (or ``None``) into ``scope["user"]``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP:
            scope["user"] = _identify(scope)
        await self.app(scope, receive, send)


def _identify(scope: Scope) -> Any:
    web = scope["litestar_app"].state.web
    path: str = scope["path"]
    if path == API_PREFIX or path.startswith(API_PREFIX + "/"):
        for name, value in scope["headers"]:
            if name == b"authorization":
                scheme, _, token = value.decode("latin-1").partition(" ")
                if scheme.lower() == "bearer" and token.strip():
                    return web.accounts.token_account(token.strip())
        return None
    for name, value in scope["headers"]:
        if name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, _, token = part.strip().partition("=")
                if key == SESSION_COOKIE and token:
                    return web.accounts.session_account(token)
    return None


async def deny_by_default(
    connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler
) -> None:
    """The app-wide guard: signed in unless public, and what the route needs.

    A coroutine: Litestar runs a plain function guard in a worker thread, a hop that cost
    more than the checks; only the policy's question, which reads the viewer's roles
    from the storage, goes to a thread."""
    if handler.opt.get("public") or connection.scope["path"].startswith(OPENAPI_PATH):
        return
    if connection.scope.get("user") is None:
        raise NotSignedIn()
    need = handler.opt.get("needs") or handler.opt.get("role")
    if need is not None:
        viewer = page_of(connection).viewer  # type: ignore[arg-type]
        assert viewer is not None
        await sync_to_thread(viewer.require, str(need))
