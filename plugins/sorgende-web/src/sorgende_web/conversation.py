"""The conversation of an exchange (``/conversations/<exchange>``): its messages, a form to
write one, the recipient's contact details once shared, and the button that shares them.

Who takes part, who may share, and who is told are the core's rules
(``CommunityService.post_message``, ``read_conversation``, ``share_contact``); a refusal
of bad input is shown next to the message field, with what was typed kept.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from litestar import Request
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath
from litestar.response import Redirect, Template

from sorgende.errors import InvalidValue
from sorgende_web import inbox_texts as _texts  # noqa: F401  (registers the texts)
from sorgende_web.context import page_of
from sorgende_web.handlers import threaded_get, threaded_post

Form = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.URL_ENCODED)]


def _page(
    request: Request[Any, Any, Any],
    exchange_id: uuid.UUID,
    *,
    typed: str = "",
    error: str | None = None,
    status: int = 200,
) -> Template:
    page = page_of(request)
    viewer = page.viewer
    assert viewer is not None
    talk = viewer.service.read_conversation(exchange_id, by=viewer.actor_id)
    street = None
    if talk.recipient_contact is not None:
        street = page.app.accounts.street(viewer.account.community_id, talk.recipient_contact.id)
    return Template(
        "conversation.html",
        context={
            "talk": talk,
            "item": talk.exchange,
            "me": viewer.actor_id,
            "typed": typed,
            "error": error,
            "street": street,
            "shared": request.query_params.get("shared") == "1",
        },
        status_code=status,
    )


@threaded_get("/conversations/{exchange_id:uuid}", name="conversation", include_in_schema=False)
def conversation_page(
    request: Request[Any, Any, Any], exchange_id: FromPath[uuid.UUID]
) -> Template:
    return _page(request, exchange_id)


@threaded_post(
    "/conversations/{exchange_id:uuid}",
    name="conversation_post",
    include_in_schema=False,
    status_code=303,
)
def conversation_post(
    request: Request[Any, Any, Any], exchange_id: FromPath[uuid.UUID], data: Form
) -> Any:
    page = page_of(request)
    viewer = page.viewer
    assert viewer is not None
    body = str(data.get("body", ""))[:10_000]
    try:
        viewer.service.post_message(exchange_id, body, by=viewer.actor_id)
    except InvalidValue as refused:
        # shown next to the field, which names itself: the problem alone, in words
        problem = refused.params.get("problem")
        text = problem.text(page.lang) if hasattr(problem, "text") else str(problem)
        return _page(request, exchange_id, typed=body, error=text, status=422)
    return Redirect(f"/conversations/{exchange_id}#message-text", status_code=303)


@threaded_post(
    "/conversations/{exchange_id:uuid}/contact",
    name="conversation_contact",
    include_in_schema=False,
    status_code=303,
)
def conversation_contact(
    request: Request[Any, Any, Any], exchange_id: FromPath[uuid.UUID], data: Form
) -> Redirect:
    viewer = page_of(request).viewer
    assert viewer is not None
    by_phone = data.get("by_phone") == "yes"
    viewer.service.share_contact(exchange_id, by=viewer.actor_id, by_phone=by_phone)
    return Redirect(f"/conversations/{exchange_id}?shared=1", status_code=303)


ROUTES = [conversation_page, conversation_post, conversation_contact]
