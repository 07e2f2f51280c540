"""The community's administration pages: the audit trail of privileged acts.

Who may open them is the core's policy (:data:`sorgende_web.access.NEEDS`): the audit
trail is for the community's administrators and its data protection officer
(``Action.READ_AUDIT``), as ``CommunityService.audit_trail`` itself decides.
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.response import Template

from sorgende.i18n import format_when, localise
from sorgende_web.context import page_of
from sorgende_web.pages import page_get, render, viewer_of

#: the most entries the page shows, newest first
AUDIT_ENTRIES = 200


@page_get("/audit", name="audit", needs="audit")
def audit(request: Request[Any, Any, Any]) -> Template:
    """The latest privileged acts: when (local time), who (for whom), what; by name."""
    viewer = viewer_of(request)
    lang = page_of(request).lang
    trail = viewer.service.audit_trail(by=viewer.actor_id, limit=AUDIT_ENTRIES)
    rows = [
        {
            "when": format_when(entry.local_at, lang),
            "who": str(localise(entry.who, lang)),
            "what": str(localise(entry.what, lang)),
        }
        for entry in reversed(trail)
    ]
    return render(request, "audit.html", rows=rows, most=AUDIT_ENTRIES)


ROUTES = [audit]
