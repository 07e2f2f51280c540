"""The crisis plugin in the web platform: the public intake form (no account), the
helper's own page (confirm, check in, check out, certificate) and the crisis staff's
situation page with batch dispatch.

Loaded as a plugin of its own (the entry point ``crisis-web``), through the web hooks
only, with :mod:`sorgende_web.extend` as its one door into the web platform; the hooks
are optional, so without ``sorgende-web`` nothing of it is asked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sorgende.hookspecs import hookimpl
from sorgende_crisis.web import texts as _texts  # noqa: F401  (registers the texts)

TEMPLATES = Path(__file__).parent / "templates"


@hookimpl(optionalhook=True)
def sorgende_web_routes() -> list[Any]:
    from sorgende_crisis.web import pages

    return list(pages.ROUTES)


@hookimpl(optionalhook=True)
def sorgende_web_template_dirs() -> list[str]:
    return [str(TEMPLATES)]
