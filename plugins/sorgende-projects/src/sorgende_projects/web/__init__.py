"""The projects plugin in the web platform: its pages, its REST API and the shared calendar.

Loaded as a plugin of its own (the entry point ``projects-web``) next to ``sorgende-web``,
through the web hooks only: routes (``sorgende_web_routes``), menu entries
(``sorgende_web_menu``) and its templates (``sorgende_web_template_dirs``). Of the web
platform it uses only its published API for plugins, :mod:`sorgende_web.extend`.

Every page asks the plugin's use cases (:class:`sorgende_projects.Projects`, as the
signed-in person) and its rules (:mod:`sorgende_projects.rules`), which build on the
core's policy: the web decides no rule itself, it shows what they answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sorgende_web import hookspecs as web_hookspecs

from sorgende.hookspecs import hookimpl
from sorgende.i18n import LANGUAGES, translate
from sorgende.ui import MenuItem
from sorgende_projects.web import texts as _texts  # noqa: F401  (registers the texts)

if TYPE_CHECKING:
    import pluggy

TEMPLATES = Path(__file__).parent / "templates"

#: the menu's entries: (text key, path, order); the web platform's own have 10 to 90
MENU = (
    ("projects.web.menu.calendar", "/projects/calendar", 15),
    ("projects.web.menu.my_shifts", "/projects/my-shifts", 45),
    ("projects.web.menu.projects", "/projects/groups", 75),
)


@hookimpl
def sorgende_addhooks(pluginmanager: pluggy.PluginManager) -> None:
    # the web hooks are sorgende-web's; adding them here too (a second time does
    # nothing) keeps start-up working while the web plugin is disabled
    pluginmanager.add_hookspecs(web_hookspecs)


@hookimpl
def sorgende_web_routes() -> list[Any]:
    from sorgende_projects.web import api, calendar, events, pages

    return [*pages.ROUTES, *events.ROUTES, *calendar.ROUTES, *api.ROUTES]


@hookimpl
def sorgende_web_menu() -> list[MenuItem]:
    return [
        MenuItem({lang: translate(key, lang) for lang in LANGUAGES}, href, "resident", order)
        for key, href, order in MENU
    ]


@hookimpl
def sorgende_web_template_dirs() -> list[str]:
    return [str(TEMPLATES)]
