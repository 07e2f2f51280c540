"""What every request and every template can reach: the application and the page.

:class:`WebApp` is the application's shared state (platform, settings, accounts, theme,
plugin contributions, the Jinja environment). :class:`Page` is one request's view of it:
the language, the translator and, when someone is signed in, the :class:`Viewer`.
Templates reach the page through the global ``web()``, so that a plugin's template that
extends ``base.html`` renders the same header, menu and language as the platform's own.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import attrs
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, pass_context
from litestar import Request
from markupsafe import Markup

from sorgende.domain.categories import Category
from sorgende.domain.community import Place
from sorgende.ui import MenuItem, Theme, UIExtension
from sorgende_web.access import Viewer
from sorgende_web.accounts import Account, AccountStore
from sorgende_web.i18n import Translator, negotiate, translator
from sorgende_web.settings import WebSettings

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
LANGUAGE_COOKIE = "sorgende_lang"
SESSION_COOKIE = "sorgende_session"


@attrs.define
class WebApp:
    """The web platform's shared state, kept in ``app.state.web``."""

    platform: Any
    settings: WebSettings
    accounts: AccountStore
    theme: Theme
    #: the main menu's entries, each with what it needs (a need of
    #: :data:`sorgende_web.access.NEEDS`, a plugin's web role, or ``None``: everybody)
    menu: Sequence[tuple[MenuItem, str | None]]
    extensions: Mapping[str, Sequence[UIExtension]]
    env: Environment = attrs.field(init=False)
    template_dirs: Sequence[str] = ()

    def __attrs_post_init__(self) -> None:
        self.env = make_environment(self, self.template_dirs)

    @property
    def zone(self) -> ZoneInfo:
        return self.settings.zone


def make_environment(web: WebApp, template_dirs: Sequence[str]) -> Environment:
    """Jinja with autoescaping on for every template, plugins' directories first."""
    loaders = [FileSystemLoader(d) for d in template_dirs]
    loaders.append(FileSystemLoader(str(TEMPLATES)))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # the templates ship with the installed packages and do not change while the
        # app serves: no look at each file's modification time on every page
        auto_reload=False,
    )
    env.globals.update(
        web=_web,
        _=_gettext,
        ngettext=_ngettext,
        when=_when,
        day=_day,
        hours=_hours,
        query=_query,
        slot=_slot,
    )
    return env


class Page:
    """One request's view of the platform: language, translator, the signed-in viewer."""

    def __init__(self, request: Request[Any, Any, Any], web: WebApp) -> None:
        self.request = request
        self.app = web
        self.lang = negotiate(
            request.cookies.get(LANGUAGE_COOKIE),
            request.headers.get("accept-language"),
            web.settings.language,
        )
        self.t: Translator = translator(self.lang)

    @property
    def account(self) -> Account | None:
        user = self.request.scope.get("user")
        return user if isinstance(user, Account) else None

    @cached_property
    def viewer(self) -> Viewer | None:
        account = self.account
        return Viewer(self.app.platform, account) if account is not None else None

    @property
    def theme(self) -> Theme:
        return self.app.theme

    def menu(self) -> list[MenuItem]:
        """The main menu for this viewer: the platform's entries and the plugins'."""
        viewer = self.viewer
        items = []
        for item, need in self.app.menu:
            if need is None or (viewer is not None and viewer.allows(need)):
                items.append(item)
        return sorted(items, key=lambda i: i.order)

    def roles(self) -> str:
        """The signed-in person's roles as the domain names them ("" for none)."""
        return ", ".join(self.viewer.role_labels(self.lang)) if self.viewer is not None else ""

    def current(self, href: str) -> bool:
        path = self.request.url.path
        return path == href or (href != "/" and path.startswith(href.rstrip("/") + "/"))

    def name_of(self, actor_id: uuid.UUID | None) -> str:
        if actor_id is None or self.viewer is None:
            return "-"
        return self.names().get(actor_id, "-")

    def names(self) -> dict[uuid.UUID, str]:
        cached: dict[uuid.UUID, str] | None = getattr(self, "_names", None)
        if cached is None:
            assert self.viewer is not None
            viewer = self.viewer
            cached = {a.id: a.name for a in viewer.service.actors(by=viewer.actor_id)}
            self._names = cached
        return cached

    # the community's places and categories, read once per request: a page asks for
    # them for its filters, its form and the names it shows (each a unit of work)
    @cached_property
    def places(self) -> Sequence[Place]:
        assert self.viewer is not None
        return self.viewer.service.places()

    @cached_property
    def categories(self) -> Sequence[Category]:
        assert self.viewer is not None
        return self.viewer.service.categories()

    @cached_property
    def _place_names(self) -> dict[uuid.UUID, str]:
        return {p.id: p.name for p in self.places}

    @cached_property
    def _category_names(self) -> dict[str, str]:
        return {c.code: c.name(self.lang) for c in self.categories}

    def place_names(self) -> dict[uuid.UUID, str]:
        return self._place_names

    def category_names(self) -> dict[str, str]:
        return self._category_names


def page_of(request: Request[Any, Any, Any]) -> Page:
    """The :class:`Page` of a request (made once per request)."""
    scope: Any = request.scope
    page = scope.get("sorgende_page")
    if not isinstance(page, Page):
        page = Page(request, request.app.state.web)
        scope["sorgende_page"] = page
    return page


# -- template globals -----------------------------------------------------------------


@pass_context
def _web(ctx: Any) -> Page:
    return page_of(ctx["request"])


@pass_context
def _gettext(ctx: Any, message: str, **params: Any) -> str:
    return page_of(ctx["request"]).t.gettext(message, **params)


@pass_context
def _ngettext(ctx: Any, singular: str, plural: str, n: int, **params: Any) -> str:
    return page_of(ctx["request"]).t.ngettext(singular, plural, n, **params)


@pass_context
def _when(ctx: Any, value: datetime | None) -> str:
    if value is None:
        return "-"
    page = page_of(ctx["request"])
    return page.t.weekday_datetime(value, page.app.zone)


@pass_context
def _day(ctx: Any, value: Any) -> str:
    page = page_of(ctx["request"])
    if isinstance(value, datetime):
        value = value.astimezone(page.app.zone).date()
    return page.t.format_date(value)


@pass_context
def _hours(ctx: Any, minutes: int, signed: bool = False) -> str:
    return page_of(ctx["request"]).t.hours(minutes, signed=signed)


@pass_context
def _query(ctx: Any, **changes: Any) -> str:
    """The current query string with ``changes`` (``None`` removes a key)."""
    request = ctx["request"]
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return "?" + urlencode(params) if params else "?"


@pass_context
def _slot(ctx: Any, name: str) -> Markup:
    """The plugins' UI extensions for slot ``name``, in their order."""
    page = page_of(ctx["request"])
    parts = []
    for extension in page.app.extensions.get(name, ()):
        if extension.template:
            template = page.app.env.get_template(extension.content)
            parts.append(template.render(request=ctx["request"]))
        else:
            # the plugin's own HTML, trusted as code of the platform is
            parts.append(extension.content)
    return Markup("\n".join(parts))
