"""The inbox page (``/inbox``): what needs the signed-in person now, and for coordinators
the community's queue; and the count in the menu (the template global ``inbox_count``).

What an item is and who sees it is the core's (``CommunityService.inbox`` and
``queue``); this module only renders the items with a link to where each is acted on.
"""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from litestar import Request
from litestar.response import Template

from sorgende import Count
from sorgende_web import inbox_texts as _texts  # noqa: F401  (registers the texts)
from sorgende_web.context import page_of
from sorgende_web.handlers import threaded_get


def _link(item: Any) -> str:
    """Where the item is acted on."""
    kind = item.kind.value
    if kind == "messages" and item.exchange is not None:
        return f"/conversations/{item.exchange.id}"
    if item.exchange is not None:
        return f"/exchanges/{item.exchange.id}"
    if item.request is not None:
        return f"/requests/{item.request.id}"
    return "/account/adjustments"


@threaded_get("/inbox", name="inbox", include_in_schema=False)
def inbox_page(request: Request[Any, Any, Any]) -> Template:
    viewer = page_of(request).viewer
    assert viewer is not None  # the guard let only signed-in people through
    service, me = viewer.service, viewer.actor_id
    mine = [(i, _link(i)) for i in service.inbox(by=me)]
    found = service.queue(by=me)
    queue = [(i, _link(i)) for i in found]
    # more open requests wait than the queue shows: the page says so, with the number
    context = {"mine": mine, "queue": queue, "unmatched": found.unmatched}
    return Template("inbox.html", context=context)


@pass_context
def inbox_count(ctx: Any) -> Count:
    """How many things wait for the signed-in person (0 for a visitor): the menu's badge,
    ``Count(number, more)`` (``more``: more open requests wait than the queue counts,
    shown as "50+")."""
    request = ctx.get("request")
    if request is None:
        return _NOTHING
    viewer = page_of(request).viewer
    if viewer is None or not viewer.active:
        return _NOTHING
    return viewer.service.inbox_count(by=viewer.actor_id)


_NOTHING = Count(0, False)

ROUTES = [inbox_page]
