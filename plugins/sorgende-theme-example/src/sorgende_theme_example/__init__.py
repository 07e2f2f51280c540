"""An example theme of a municipality for the sorgende web platform.

It shows everything a municipality's theme plugin does, through the web hooks only:
the platform's name, logo and colours (``sorgende_web_theme``), a page of its own
(``sorgende_web_routes``) with an entry in the main menu (``sorgende_web_menu``), and
a template of the platform replaced by its own (``sorgende_web_template_dirs``: the
footer with the town hall's contact details). Copy it and change the values.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pluggy
from litestar import get
from litestar.response import Template
from sorgende_web import hookspecs as web_hookspecs

from sorgende.hookspecs import hookimpl
from sorgende.i18n import LANGUAGES, translate
from sorgende.ui import MenuItem, Theme
from sorgende_theme_example import messages as _messages  # noqa: F401  (registers the texts)

HERE = Path(__file__).parent

THEME = Theme(
    name="Sorgende Gemeinschaft VG Daun",
    logo=str(HERE / "logo.svg"),
    colours={
        # the dark green of the Vulkaneifel; white on it has a contrast of 9:1
        "primary": "#24503a",
        "primary-text": "#ffffff",
        "accent": "#8c3b12",
        "background": "#f8f7f2",
        "focus": "#ffbf47",
    },
)


@get("/rathaus", opt={"public": True}, include_in_schema=False, sync_to_thread=False)
def town_hall() -> Template:
    """The town hall's page: opening hours and whom to call (public, no sign-in)."""
    return Template("rathaus.html")


@hookimpl
def sorgende_addhooks(pluginmanager: pluggy.PluginManager) -> None:
    # the web hooks are sorgende-web's; adding them here too (a second time does
    # nothing) keeps start-up working while the web plugin is disabled
    pluginmanager.add_hookspecs(web_hookspecs)


@hookimpl
def sorgende_web_theme() -> Theme:
    return THEME


@hookimpl
def sorgende_web_routes() -> list[Any]:
    return [town_hall]


@hookimpl
def sorgende_web_menu() -> list[MenuItem]:
    label = {lang: translate("theme_example.town_hall", lang) for lang in LANGUAGES}
    return [MenuItem(label, "/rathaus", order=95)]


@hookimpl
def sorgende_web_template_dirs() -> list[str]:
    return [str(HERE / "templates")]
