"""The application factory: :func:`create_app` builds the Litestar app for a platform.

Tests call it with a platform on a temporary SQLite file and drive it with Litestar's
``TestClient``; ``sorgende serve`` serves it with uvicorn.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from litestar import Litestar, Request, Response, get
from litestar.contrib.jinja import JinjaTemplateEngine
from litestar.datastructures import CacheControlHeader, MutableScopeHeaders
from litestar.exceptions import HTTPException
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.response import File
from litestar.static_files import create_static_files_router
from litestar.template import TemplateConfig
from litestar.types import Message, Scope

import sorgende
from sorgende.errors import NotFound, SorgendeError
from sorgende.plugins import Contributions
from sorgende.ui import SLOTS, MenuItem, Theme, UIExtension
from sorgende_web import (
    admin,
    api,
    conversation,
    help_pages,
    inbox,
    onboarding,
    pages,
    people,
    personal,
    self_service,
)
from sorgende_web.account_errors import PasswordChangeRequired
from sorgende_web.accounts import accounts_for
from sorgende_web.auth import OPENAPI_PATH, IdentifyMiddleware, deny_by_default
from sorgende_web.context import STATIC, WebApp, page_of
from sorgende_web.csrf import CSRFMiddleware
from sorgende_web.hooks import WebHooks
from sorgende_web.housekeeping import Housekeeper
from sorgende_web.i18n import LANGUAGES, N_, translator
from sorgende_web.inputs import InputMiddleware, strict_document
from sorgende_web.problems import on_http_error, on_sorgende_error, on_unexpected
from sorgende_web.roles import pending
from sorgende_web.settings import WebSettings

DEFAULT_THEME = Theme("sorgende")
LOGO_TYPES = {
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}

#: no inline script or style, nothing from other sites, no framing
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)

#: the platform's own menu: (message id, path, what it needs (access.NEEDS), order)
MENU = (
    (N_("Inbox"), "/inbox", None, 5),
    (N_("Board"), "/board", None, 10),
    (N_("Ask for help"), "/requests/new", "person", 20),
    (N_("My requests"), "/requests/mine", "person", 25),
    (N_("Offer help"), "/offers/new", "person", 30),
    (N_("My exchanges"), "/exchanges", None, 40),
    (N_("My commitments"), "/commitments", "person", 50),
    (N_("Time account"), "/account", None, 60),
    (N_("Dashboard"), "/dashboard", "coordination", 70),
    (N_("People"), "/people", "people", 75),
    (N_("Settings"), "/settings", "settings", 80),
    (N_("Audit trail"), "/audit", "audit", 85),
    (N_("Requests for erasure"), "/erasures", "data_protection", 87),
    (N_("Profile"), "/profile", None, 90),
    (N_("My data"), "/my-data", None, 95),
)


def create_app(platform: Any, settings: WebSettings | None = None) -> Litestar:
    """The web platform for ``platform`` (its storage also keeps the account tables).

    Plugins of the platform contribute routes, menu entries, a theme, template
    directories and UI extensions through the web hooks; a failing plugin stops the
    start (it raises) rather than leaving half an application.
    """
    settings = settings or WebSettings.from_platform(platform)
    accounts = accounts_for(platform)
    left = pending(platform)
    if left:
        logging.getLogger("sorgende_web").warning(
            "%d accounts still carry a web role of sorgende-web 0.1, which grants nothing "
            "now: run `sorgende web upgrade-roles` (see docs/web.md)",
            left,
        )
    hooks = WebHooks(platform.plugins)
    web = WebApp(
        platform=platform,
        settings=settings,
        accounts=accounts,
        theme=_theme(hooks),
        menu=[*_own_menu(), *_plugin_menu(hooks)],
        extensions=_extensions(hooks),
        template_dirs=[
            str(d)
            for d in _checked("sorgende_web_template_dirs", hooks.web_template_dirs(), str | Path)
        ],
    )
    secure = settings.secure_cookies

    async def security_headers(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        headers = MutableScopeHeaders.from_message(message)
        for name, value in SECURITY_HEADERS:
            headers.add(name.decode(), value.decode())
        if secure:
            headers.add("strict-transport-security", "max-age=31536000")
        if "cache-control" not in headers and not scope["path"].startswith(("/static/", "/theme")):
            # pages and answers carry personal data: no shared or browser cache keeps them
            headers.add("cache-control", "no-store")

    plugin_routes = [route for _, found in hooks.web_routes() for route in found]
    # the menu's count of what waits for the viewer (base.html shows it by /inbox)
    web.env.globals["inbox_count"] = inbox.inbox_count
    dispatcher = _Dispatcher(platform) if settings.dispatch_notifications else None
    # the core's scheduled jobs, in every worker (their lease lets one run at a time)
    housekeeper = Housekeeper(platform, settings.housekeeping_seconds)
    app = Litestar(
        on_startup=[*([dispatcher.start] if dispatcher else []), housekeeper.start],
        on_shutdown=[*([dispatcher.stop] if dispatcher else []), housekeeper.stop],
        route_handlers=[
            *pages.ROUTES,
            *help_pages.ROUTES,
            *onboarding.ROUTES,
            *personal.ROUTES,
            *admin.ROUTES,
            *people.ROUTES,
            *self_service.ROUTES,
            *inbox.ROUTES,
            *conversation.ROUTES,
            api.api_router(),
            theme_css,
            theme_logo,
            create_static_files_router(
                path="/static",
                directories=[STATIC],
                opt={"public": True},
                cache_control=CacheControlHeader(max_age=3600),
            ),
            *plugin_routes,
        ],
        state=_state(web),
        # an initial password (a sign-in sheet) opens nothing before it is changed
        guards=[deny_by_default, onboarding.initial_password_guard],
        # who is signed in first: the form tokens are bound to the session (csrf.py)
        middleware=[IdentifyMiddleware, CSRFMiddleware, InputMiddleware],
        before_send=[security_headers],
        template_config=TemplateConfig(engine=JinjaTemplateEngine.from_environment(web.env)),
        openapi_config=OpenAPIConfig(
            title="sorgende",
            version=sorgende.__version__,
            description="The REST API of a sorgende platform. Authenticate with "
            "`Authorization: Bearer <token>` (tokens are made on the profile page). "
            "Errors are RFC 9457 problem details.",
            path=OPENAPI_PATH,
            render_plugins=[JsonRenderPlugin()],
            components=[api.BEARER],
            use_handler_docstrings=True,
        ),
        exception_handlers={
            PasswordChangeRequired: onboarding.on_password_change_required,
            SorgendeError: on_sorgende_error,
            HTTPException: on_http_error,
            Exception: on_unexpected,
        },
        request_max_body_size=1_000_000,
        debug=False,
    )
    # the document describes the bodies as InputMiddleware reads them
    strict_document(app)
    return app


class _Dispatcher:
    """The outbox's dispatcher in a thread beside the app, while notifications are sent.

    Use cases only write the outbox; without a dispatcher running somewhere, nobody would
    be told. The thread finishes the pass under way before the app stops.
    """

    def __init__(self, platform: Any) -> None:
        self.platform = platform
        self.stopping = threading.Event()
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        if not self.platform.channels:
            return
        self.stopping.clear()
        self.thread = threading.Thread(
            target=self.platform.notifications.run,
            args=(self.stopping,),
            name="sorgende-notifications",
            daemon=True,
        )
        self.thread.start()

    def stop(self) -> None:
        self.stopping.set()
        if self.thread is not None:
            self.thread.join(timeout=30)
            self.thread = None


def _state(web: WebApp) -> Any:
    from litestar.datastructures import State

    return State({"web": web})


@get(
    "/theme.css",
    sync_to_thread=False,
    include_in_schema=False,
    opt={"public": True},
    cache_control=CacheControlHeader(max_age=300),
)
def theme_css(request: Request[Any, Any, Any]) -> Response[str]:
    """The theme's colours as CSS custom properties (checked colours only, see ``Theme``)."""
    theme: Theme = page_of(request).app.theme
    lines = [f"  --colour-{name}: {value};" for name, value in sorted(theme.colours.items())]
    return Response(":root {\n" + "\n".join(lines) + "\n}\n", media_type="text/css")


@get(
    "/theme/logo",
    sync_to_thread=False,
    include_in_schema=False,
    opt={"public": True},
    cache_control=CacheControlHeader(max_age=300),
)
def theme_logo(request: Request[Any, Any, Any]) -> File:
    theme: Theme = page_of(request).app.theme
    if theme.logo is None:
        raise NotFound("logo", "-")
    path = Path(theme.logo)
    return File(
        path=path,
        media_type=LOGO_TYPES.get(path.suffix.lower(), "application/octet-stream"),
        content_disposition_type="inline",
    )


def _own_menu() -> list[tuple[MenuItem, str | None]]:
    return [
        (MenuItem({lang: translator(lang).gettext(t) for lang in LANGUAGES}, href, None, n), need)
        for t, href, need, n in MENU
    ]


def _plugin_menu(hooks: WebHooks) -> list[tuple[MenuItem, str | None]]:
    """The plugins' entries, each seen by whom its web role stands for (access.NEEDS)."""
    return [(item, item.role) for item in _checked("sorgende_web_menu", hooks.web_menu(), MenuItem)]


def _checked(hook: str, contributions: Contributions[Any], kind: Any) -> list[Any]:
    """The items of every plugin, in call order; an item of a wrong type stops the start."""
    found = []
    for plugin, items in contributions:
        for item in items:
            if not isinstance(item, kind):
                raise SorgendeError(detail=f"plugin {plugin}: {hook} gave {item!r}")
            found.append(item)
    return found


def _theme(hooks: WebHooks) -> Theme:
    first = hooks.web_theme()  # firstresult: the plugin registered last that gives one
    if first is None:
        return DEFAULT_THEME
    plugin, theme = first
    if not isinstance(theme, Theme):
        raise SorgendeError(detail=f"plugin {plugin}: sorgende_web_theme gave {theme!r}")
    if theme.logo is not None and Path(theme.logo).suffix.lower() not in LOGO_TYPES:
        raise SorgendeError(detail=f"plugin {plugin}: the logo {theme.logo} is no image")
    return theme


def _extensions(hooks: WebHooks) -> dict[str, list[UIExtension]]:
    slots: dict[str, list[UIExtension]] = defaultdict(list)
    for extension in _checked("sorgende_ui_extensions", hooks.ui_extensions(), UIExtension):
        if extension.slot not in SLOTS:
            raise SorgendeError(detail=f"unknown UI slot {extension.slot!r}; known: {SLOTS}")
        slots[extension.slot].append(extension)
    for items in slots.values():
        items.sort(key=lambda e: e.order)
    return dict(slots)


def paths(app: Litestar) -> Iterable[str]:
    """Every route path of the app (for tests and docs)."""
    return sorted({route.path for route in app.routes})
