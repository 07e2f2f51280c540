"""The crisis pages: the public intake form, the helper's own page and the staff's
situation page. Every rule is the use cases' (:class:`sorgende_crisis.CrisisResponse`);
a page shows what they answer, a refusal next to the form with what was typed kept."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from litestar import Request, Response
from litestar.params import FromPath, Parameter
from sorgende_web.extend import (
    Form,
    error_page,
    field_of,
    page_get,
    page_of,
    page_post,
    render,
    signed_in,
    status_of,
)

from sorgende.errors import ConfigError, Message, NotFound, SorgendeError
from sorgende.i18n import format_hours, format_when
from sorgende_crisis.errors import Throttled
from sorgende_crisis.intake import Throttle
from sorgende_crisis.model import Helper
from sorgende_crisis.service import CrisisResponse

#: the public form's limit per client address: 10 in 10 minutes; a deployment behind a
#: proxy that pools addresses raises it (``[plugins.crisis] form_limit`` and
#: ``form_window_minutes``, or ``SORGENDE_CRISIS_FORM_LIMIT``)
FORM_LIMIT, FORM_WINDOW_MINUTES = 10, 10
#: where a served app keeps its throttle (``app.state``): one per app, so two apps in
#: one process (or two tests) count apart
THROTTLE_STATE = "sorgende_crisis.throttle"


def _setting(settings: Any, key: str, default: int) -> int:
    value = settings.plugin("crisis").get(key, default) if settings is not None else default
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if isinstance(value, bool) or number < 1:
        raise ConfigError(f"[plugins.crisis] {key}", Message("crisis.problem.setting"))
    return number


def throttle_of(request: Request[Any, Any, Any]) -> Throttle:
    """The served app's throttle of the public forms, made at its first use from the
    platform's settings (one web worker's memory: several workers count apart)."""
    state = request.app.state
    found = state.get(THROTTLE_STATE)
    if found is None:
        settings = getattr(page_of(request).app.platform, "settings", None)
        made = Throttle(
            limit=_setting(settings, "form_limit", FORM_LIMIT),
            window=60.0 * _setting(settings, "form_window_minutes", FORM_WINDOW_MINUTES),
        )
        # two first requests at once: both keep the one that was set first
        found = state.setdefault(THROTTLE_STATE, made)
    assert isinstance(found, Throttle)
    return found


#: the form's fields kept when a refusal shows it again
KEPT = ("name", "phone", "email", "skills", "equipment", "comes_from", "place_id", "channel")
#: the "report a need" part's fields kept when a refusal shows it again
NEED_KEPT = ("what", "place_id", "address", "helpers", "urgent", "name", "phone")


def helper_link(community_id: uuid.UUID) -> Any:
    return lambda h: f"/crisis/{community_id}/helper/{h.id}?code={h.token}"


def response_for(request: Request[Any, Any, Any], community_id: uuid.UUID) -> CrisisResponse:
    platform = page_of(request).app.platform
    return CrisisResponse(
        platform, community_id, throttle=throttle_of(request), link=helper_link(community_id)
    )


def _places(
    request: Request[Any, Any, Any], community_id: uuid.UUID, ids: Any
) -> list[tuple[str, str]]:
    platform = page_of(request).app.platform
    with platform.read(community_id) as uow:
        found = [uow.places.find(i) for i in ids]
    return [(str(p.id), p.name) for p in found if p is not None]


def _form_page(
    request: Request[Any, Any, Any],
    community_id: uuid.UUID,
    crisis_id: uuid.UUID,
    *,
    values: dict[str, Any] | None = None,
    error: str = "",
    field: str | None = None,
    status: int = 200,
    need: dict[str, Any] | None = None,
    reported: bool = False,
) -> Response[Any]:
    crisis = response_for(request, community_id).crisis(crisis_id)
    return render(
        "crisis_help.html",
        status=status,
        crisis=crisis,
        places=_places(request, community_id, crisis.place_ids),
        v=values or {},
        error=error,
        field=field,
        action=f"/crisis/{community_id}/{crisis_id}/help",
        need_action=f"/crisis/{community_id}/{crisis_id}/need",
        # the "report a need" part: its values, its refusal at its field
        n=(need or {}).get("values", {}),
        need_error=(need or {}).get("error", ""),
        need_field=(need or {}).get("field"),
        reported=reported,
    )


@page_get("/crisis/{community_id:uuid}/{crisis_id:uuid}/help", name="crisis_help", public=True)
def help_form(
    request: Request[Any, Any, Any],
    community_id: FromPath[uuid.UUID],
    crisis_id: FromPath[uuid.UUID],
    reported: Annotated[int | None, Parameter(ge=0, le=1)] = None,
) -> Response[Any]:
    return _form_page(request, community_id, crisis_id, reported=bool(reported))


def _uuid_or_none(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


@page_post(
    "/crisis/{community_id:uuid}/{crisis_id:uuid}/need", name="crisis_need_post", public=True
)
def need_post(
    request: Request[Any, Any, Any],
    community_id: FromPath[uuid.UUID],
    crisis_id: FromPath[uuid.UUID],
    data: Form,
) -> Response[Any]:
    """A resident reports a need: a task for the staff's triage, or the refusal at its
    field with what was typed kept (nothing written)."""
    page = page_of(request)
    values = {k: str(data.get(k, ""))[:200] for k in NEED_KEPT}
    fields = dict(data)
    fields["place_id"] = _uuid_or_none(data.get("place_id"))
    source = request.client.host if request.client else None
    try:
        response_for(request, community_id).report_need(crisis_id, fields, source=source)
    except SorgendeError as exc:
        if isinstance(exc, NotFound):
            return error_page(request, 404, exc.message(page.lang))
        return _form_page(
            request,
            community_id,
            crisis_id,
            need={"values": values, "error": exc.message(page.lang), "field": field_of(exc)},
            status=429 if isinstance(exc, Throttled) else status_of(exc),
        )
    return Response(
        content=None,
        status_code=303,
        headers={"location": f"/crisis/{community_id}/{crisis_id}/help?reported=1#need"},
    )


@page_post(
    "/crisis/{community_id:uuid}/{crisis_id:uuid}/help", name="crisis_help_post", public=True
)
def help_post(
    request: Request[Any, Any, Any],
    community_id: FromPath[uuid.UUID],
    crisis_id: FromPath[uuid.UUID],
    data: Form,
) -> Response[Any]:
    page = page_of(request)
    values = {k: str(data.get(k, ""))[:200] for k in KEPT}
    fields = dict(data)
    fields["place_id"] = _uuid_or_none(data.get("place_id"))
    fields["language"] = page.lang
    response = response_for(request, community_id)
    source = request.client.host if request.client else None
    try:
        helper = response.register(crisis_id, fields, source=source)
    except SorgendeError as exc:
        if isinstance(exc, NotFound) and exc.params.get("kind") != "place":
            return error_page(request, 404, exc.message(page.lang))
        status = 429 if isinstance(exc, Throttled) else status_of(exc)
        return _form_page(
            request,
            community_id,
            crisis_id,
            values=values,
            error=exc.message(page.lang),
            field=field_of(exc),
            status=status,
        )
    return Response(
        content=None,
        status_code=303,
        headers={
            "location": f"/crisis/{community_id}/helper/{helper.id}?code={helper.token}&done=1"
        },
    )


def _helper_page(
    request: Request[Any, Any, Any], community_id: uuid.UUID, helper: Helper, error: str = ""
) -> Response[Any]:
    page = page_of(request)
    response = response_for(request, community_id)
    zone = page.app.zone
    rows = []
    for d in response.dispatches(helper_id=helper.id):
        task = response.task(d.task_id)
        rows.append(
            {
                "dispatch": d,
                "task": task,
                "when": format_when(task.starts_at.astimezone(zone), page.lang),
                "state": page.t.gettext(f"crisis.state.{d.state.value}"),
            }
        )
    return render(
        "crisis_helper.html",
        helper=helper,
        rows=rows,
        hours=format_hours(helper.minutes, page.lang),
        base=f"/crisis/{community_id}/helper/{helper.id}",
        error=error,
        certificate=response.certificate(helper.id, language=page.lang) if helper.minutes else "",
        status=422 if error else 200,
    )


@page_get("/crisis/{community_id:uuid}/helper/{helper_id:uuid}", name="crisis_helper", public=True)
def helper_page(
    request: Request[Any, Any, Any],
    community_id: FromPath[uuid.UUID],
    helper_id: FromPath[uuid.UUID],
    code: Annotated[str, Parameter(max_length=64)] = "",
) -> Response[Any]:
    try:
        helper = response_for(request, community_id).helper(helper_id, code)
    except NotFound as exc:
        return error_page(request, 404, exc.message(page_of(request).lang))
    return _helper_page(request, community_id, helper)


@page_post(
    "/crisis/{community_id:uuid}/helper/{helper_id:uuid}/{step:str}",
    name="crisis_helper_step",
    public=True,
)
def helper_step(
    request: Request[Any, Any, Any],
    community_id: FromPath[uuid.UUID],
    helper_id: FromPath[uuid.UUID],
    step: FromPath[str],
    data: Form,
) -> Response[Any]:
    page = page_of(request)
    response = response_for(request, community_id)
    code = str(data.get("code", ""))[:64]
    try:
        helper = response.helper(helper_id, code)
        dispatch_id = uuid.UUID(str(data.get("dispatch_id", "")))
        if dispatch_id not in {d.id for d in response.dispatches(helper_id=helper.id)}:
            raise NotFound("crisis.dispatch", dispatch_id)
        actions = {
            "confirm": response.confirm,
            "decline": response.decline,
            "check-in": response.check_in,
            "check-out": response.check_out,
        }
        if step not in actions:
            raise NotFound("crisis.dispatch", dispatch_id)
        actions[step](dispatch_id, code=code)
    except ValueError:
        return error_page(request, 404, "")
    except NotFound as exc:
        return error_page(request, 404, exc.message(page.lang))
    except SorgendeError as exc:
        return _helper_page(
            request, community_id, response.helper(helper_id), exc.message(page.lang)
        )
    return Response(
        content=None,
        status_code=303,
        headers={"location": f"/crisis/{community_id}/helper/{helper_id}?code={code}"},
    )


@page_get("/crisis/{crisis_id:uuid}/situation", name="crisis_situation")
def situation_page(
    request: Request[Any, Any, Any],
    crisis_id: FromPath[uuid.UUID],
    done: Annotated[int | None, Parameter(ge=0, le=10_000)] = None,
) -> Response[Any]:
    viewer = signed_in(request)
    page = page_of(request)
    community_id = viewer.account.community_id
    response = response_for(request, community_id)
    try:
        picture = response.situation(crisis_id, by=viewer.actor_id)
    except SorgendeError as exc:
        return error_page(request, status_of(exc), exc.message(page.lang))
    names = dict(_places(request, community_id, picture.crisis.place_ids))
    zone = page.app.zone
    tasks = [
        {
            "task": t,
            "place": names.get(str(t.place_id), ""),
            "when": format_when(t.starts_at.astimezone(zone), page.lang),
            "priority": page.t.gettext(f"crisis.web.priority.{t.priority}"),
        }
        for t in picture.tasks
    ]
    return render(
        "crisis_situation.html",
        picture=picture,
        tasks=tasks,
        hours=format_hours(picture.minutes, page.lang),
        done=done,
    )


@page_post("/crisis/{crisis_id:uuid}/tasks/{task_id:uuid}/dispatch", name="crisis_dispatch")
def dispatch_post(
    request: Request[Any, Any, Any],
    crisis_id: FromPath[uuid.UUID],
    task_id: FromPath[uuid.UUID],
    data: Form,
) -> Response[Any]:
    viewer = signed_in(request)
    page = page_of(request)
    response = response_for(request, viewer.account.community_id)
    try:
        size = int(str(data.get("size", "20")))
        sent = response.dispatch(task_id, by=viewer.actor_id, size=size)
    except ValueError:
        return error_page(request, 422, page.t.gettext("crisis.problem.capacity"))
    except SorgendeError as exc:
        return error_page(request, status_of(exc), exc.message(page.lang))
    return Response(
        content=None,
        status_code=303,
        headers={"location": f"/crisis/{crisis_id}/situation?done={len(sent)}"},
    )


ROUTES = (help_form, help_post, need_post, helper_page, helper_step, situation_page, dispatch_post)
