"""The projects plugin in the web platform: its pages, its REST API and the shared calendar.

Loaded as a plugin of its own (the entry point ``projects-web``), through the web hooks
only: routes (``sorgende_web_routes``), menu entries (``sorgende_web_menu``) and its
templates (``sorgende_web_template_dirs``). Of the web platform it uses only its
published API for plugins, :mod:`sorgende_web.extend`, and only when the web platform
calls it: the hooks are optional (``optionalhook``), so without ``sorgende-web``
installed or enabled the plugin loads and nothing of it is asked.

Every page asks the plugin's use cases (:class:`sorgende_projects.Projects`, as the
signed-in person) and its rules (:mod:`sorgende_projects.rules`), which build on the
core's policy: the web decides no rule itself, it shows what they answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sorgende.hookspecs import hookimpl
from sorgende.i18n import LANGUAGES, translate
from sorgende.ui import MenuItem
from sorgende_projects.web import texts as _texts  # noqa: F401  (registers the texts)

TEMPLATES = Path(__file__).parent / "templates"

#: the menu's entries: (text key, path, order); the web platform's own have 10 to 90
MENU = (
    ("projects.web.menu.calendar", "/projects/calendar", 15),
    ("projects.web.menu.my_shifts", "/projects/my-shifts", 45),
    ("projects.web.menu.projects", "/projects/groups", 75),
)


@hookimpl(optionalhook=True)
def sorgende_web_routes() -> list[Any]:
    # imported when the web platform asks: they import it (sorgende_web.extend)
    from sorgende_projects.web import api, calendar, events, pages, planning

    return [
        *pages.ROUTES,
        *planning.ROUTES,
        *events.ROUTES,
        *calendar.ROUTES,
        api.router(),
    ]


@hookimpl(optionalhook=True)
def sorgende_web_menu() -> list[MenuItem]:
    return [
        MenuItem({lang: translate(key, lang) for lang in LANGUAGES}, href, "resident", order)
        for key, href, order in MENU
    ]


@hookimpl(optionalhook=True)
def sorgende_web_template_dirs() -> list[str]:
    return [str(TEMPLATES)]
