"""The participation plugin in the web platform: its pages and its REST API.

Loaded as a plugin of its own (the entry point ``participation-web``), through the web
hooks only (routes, menu, templates), and of the web platform it uses only
:mod:`sorgende_web.extend`. The hooks are optional: without ``sorgende-web`` the plugin
loads and nothing of the web is asked. Every page asks the plugin's use cases
(:class:`sorgende_participation.Participation`, as the signed-in person) and its rules;
it decides nothing itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sorgende.hookspecs import hookimpl
from sorgende.i18n import LANGUAGES, translate
from sorgende.ui import MenuItem
from sorgende_participation.web import texts as _texts  # noqa: F401  (registers the texts)

TEMPLATES = Path(__file__).parent / "templates"

MENU = (
    ("participation.web.menu.ideas", "/participation/ideas", 55),
    ("participation.web.menu.surveys", "/participation/surveys", 56),
)


@hookimpl(optionalhook=True)
def sorgende_web_routes() -> list[Any]:
    from sorgende_participation.web import api, pages, surveys

    return [*pages.ROUTES, *surveys.ROUTES, api.router()]


@hookimpl(optionalhook=True)
def sorgende_web_menu() -> list[MenuItem]:
    return [
        MenuItem({lang: translate(key, lang) for lang in LANGUAGES}, href, "resident", order)
        for key, href, order in MENU
    ]


@hookimpl(optionalhook=True)
def sorgende_web_template_dirs() -> list[str]:
    return [str(TEMPLATES)]
