"""User-interface extensions that plugins place into a web front end's pages."""

from __future__ import annotations

import attrs

SLOTS = ("head", "nav", "footer", "dashboard")


@attrs.frozen
class UIExtension:
    """HTML (or a template name, with ``template=True``) for a named slot of a page."""

    slot: str
    content: str
    template: bool = False
    order: int = 100
