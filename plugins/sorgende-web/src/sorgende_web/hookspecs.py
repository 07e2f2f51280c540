# mypy: disable-error-code="empty-body"
# (specifications are documented signatures without bodies)
"""The web front end's hooks: routes, menu entries, a theme, templates and UI pieces.

Only a web front end calls them, so they are specified here, by the ``sorgende-web``
plugin, rather than in the core's :mod:`sorgende.hookspecs`; the plugin adds them
through ``sorgende_addhooks``. A plugin implementing them (a municipality's theme)
that should pass start-up while ``sorgende-web`` is disabled adds them in its own
``sorgende_addhooks`` too (adding them twice does nothing). The application calls them
through :class:`sorgende_web.hooks.WebHooks`.

The pieces they return are the core's :mod:`sorgende.ui` (any front end may use them).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sorgende.hookspecs import hookspec

if TYPE_CHECKING:
    from sorgende.ui import MenuItem, Theme, UIExtension


@hookspec
def sorgende_web_routes() -> Iterable[Any]:
    """Route handlers a web front end mounts next to its own.

    Called once by a web front end (such as the ``sorgende-web`` plugin) when it
    builds its application. The type of a route is the front end's (for a Litestar
    front end, Litestar route handlers or routers). All results are collected.

    The ``sorgende-web`` front end denies by default: a route needs a signed-in
    person unless it is marked ``opt={"public": True}``, and ``opt={"role": ...}``
    names the least web role it needs. A route that returns a template can extend
    the front end's ``base.html`` to look like every other page.
    """


@hookspec
def sorgende_ui_extensions() -> Iterable[UIExtension]:
    """Pieces of user interface placed into named slots of a web front end's pages.

    Called by a web front end when it renders a page. Each
    :class:`sorgende.ui.UIExtension` names a slot (``head``, ``nav``, ``footer``,
    ``dashboard``), the HTML or template to put there, and an order. All results
    are collected.
    """


@hookspec
def sorgende_web_menu() -> Iterable[MenuItem]:
    """Entries a web front end adds to its main menu.

    Called once by a web front end when it builds its application. Each
    :class:`sorgende.ui.MenuItem` has its text per language, a path of the same site,
    the least web role that sees it (``None``: everybody) and an order (lower comes
    first; the front end's own entries have 10 to 90). All results are collected.

    :return: :class:`sorgende.ui.MenuItem` instances.
    """


@hookspec(firstresult=True)
def sorgende_web_theme() -> Theme | None:
    """The look of the platform: its name, logo and colours.

    Called once by a web front end when it builds its application. The first
    non-``None`` result in call order (the plugin registered last) is used
    (``firstresult``: the plugins after it are not asked); without one the front
    end's own look stays.

    :return: a :class:`sorgende.ui.Theme`, or ``None``.
    """


@hookspec
def sorgende_web_template_dirs() -> Iterable[str]:
    """Directories of templates that override or add to a web front end's own.

    Called once by a web front end when it builds its application. A template found
    in one of these directories is used instead of the front end's template of the
    same name; directories of plugins called first (registered last) are searched
    first. All results are collected.

    :return: paths of directories.
    """
