"""The impact plugin in the web platform: the report page (HTML, PDF, CSV) for
coordinators and the public page that verifies a certificate's code.

Loaded as a plugin of its own (the entry point ``impact-web``), through the web hooks
only, with the web platform's published API for plugins (:mod:`sorgende_web.extend`);
the hooks are optional, so without ``sorgende-web`` nothing of it is asked. Whose
figures a viewer sees is the core's answer (:func:`sorgende.indicators.scope_of`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sorgende.hookspecs import hookimpl
from sorgende.i18n import LANGUAGES, translate
from sorgende.ui import MenuItem
from sorgende_impact import texts as _texts  # noqa: F401  (registers the texts)

TEMPLATES = Path(__file__).parent / "templates"


@hookimpl(optionalhook=True)
def sorgende_web_routes() -> list[Any]:
    from sorgende_impact.web import pages

    return list(pages.ROUTES)


@hookimpl(optionalhook=True)
def sorgende_web_menu() -> list[MenuItem]:
    labels = {lang: translate("impact.web.menu.report", lang) for lang in LANGUAGES}
    return [MenuItem(labels, "/impact/report", "coordinator", 72)]


@hookimpl(optionalhook=True)
def sorgende_web_template_dirs() -> list[str]:
    return [str(TEMPLATES)]
