"""The organisers' planning pages: plan an event (its organisations among those the
person may organise for) and add a shift to an event, with places kept per qualification.

Who may plan is the plugin's rule (:func:`sorgende_projects.rules.may_organise`); what is
planned is the use cases' to allow or refuse (:meth:`~sorgende_projects.Projects.plan_event`,
:meth:`~sorgende_projects.Projects.add_shift`). A refusal is shown next to its field, with
what was typed kept.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import attrs
from litestar import Request, Response
from litestar.params import FromPath
from sorgende_web.extend import (
    Form,
    InvalidInput,
    done,
    field_of,
    forms,
    page_get,
    page_post,
    render,
    status_of,
)

from sorgende.domain.actors import Actor, QualificationKind
from sorgende.errors import Message, NotFound, SorgendeError
from sorgende_projects import rules
from sorgende_projects.web.common import Context
from sorgende_projects.web.events import leads_of

#: rows of places kept per qualification the shift form offers
NEED_ROWS = 3
#: the fields of the use cases named as the forms name them
EVENT_FIELDS = {"starts_at": "start", "ends_at": "end", "organisation_ids": "organisations"}
SHIFT_FIELDS = {"starts_at": "start", "ends_at": "end"}


@attrs.frozen
class Failed:
    """A refused form: its message, the field it is about, what was typed."""

    name: str
    message: str
    field: str | None
    values: Mapping[str, Any]


def plannable(ctx: Context) -> list[Actor]:
    """The organisations the viewer may plan events for (the plugin's rule)."""
    acting = ctx.viewer.acting
    return [o for o in ctx.organisations() if rules.may_organise(acting, (o.id,))]


def _refusal(
    ctx: Context,
    name: str,
    refused: SorgendeError,
    data: Mapping[str, Any],
    names: Mapping[str, str],
) -> Failed:
    field = field_of(refused)
    return Failed(name, refused.message(ctx.lang), names.get(field or "", field), dict(data))


def _moment(data: Mapping[str, Any], field: str, zone: ZoneInfo) -> datetime | None:
    """An optional local date and time (``datetime-local``: ``2026-08-01T09:00``)."""
    value = forms.text(data, field, limit=30)
    if not value:
        return None
    day, _, at = value.partition("T")
    if not at:
        raise InvalidInput(field, Message("projects.web.plan.moment"))
    try:
        return forms.local(forms.a_date(day, field), forms.a_time(at, field), zone)
    except InvalidInput as exc:
        raise InvalidInput(field, Message("projects.web.plan.moment")) from exc


def _at(data: Mapping[str, Any], day: date, field: str, zone: ZoneInfo) -> datetime:
    return forms.local(day, forms.a_time(forms.text(data, field, required=True), field), zone)


def _organisations(data: Mapping[str, Any], allowed: list[Actor]) -> list[uuid.UUID]:
    by_id = {str(o.id): o.id for o in allowed}
    chosen = forms.values(data, "organisations")
    if not chosen:
        raise InvalidInput("organisations", Message("projects.web.plan.no_organisation"))
    if any(value not in by_id for value in chosen):
        raise InvalidInput("organisations", Message("projects.web.plan.unknown_organisation"))
    return [by_id[value] for value in chosen]


def _place(ctx: Context, data: Mapping[str, Any]) -> uuid.UUID | None:
    value = forms.text(data, "place_id", limit=100)
    if not value:
        return None
    places = {str(p): p for p in ctx.places()}
    if value not in places:
        raise InvalidInput("place_id", Message("projects.web.plan.unknown_place"))
    return places[value]


def _plan_page(
    request: Request[Any, Any, Any], *, failed: Failed | None = None, status: int = 200
) -> Response[Any]:
    ctx = Context(request)
    allowed = plannable(ctx)
    if not allowed:
        rules.require_organiser(ctx.viewer.acting, (), (), "plan_event")
    values = dict(failed.values) if failed else {}
    return render(
        "projects_plan_event.html",
        status=status,
        ctx=ctx,
        organisations=allowed,
        chosen=set(forms.values(values, "organisations")),
        places=sorted(ctx.places().items(), key=lambda p: p[1]),
        failed=failed,
        v=values,
    )


@page_get("/projects/events/new", name="projects_plan_event")
def plan_event_page(request: Request[Any, Any, Any]) -> Response[Any]:
    return _plan_page(request)


@page_post("/projects/events/new", name="projects_plan_event_post")
def plan_event(request: Request[Any, Any, Any], data: Form) -> Response[Any]:
    ctx = Context(request)
    allowed = plannable(ctx)
    if not allowed:
        rules.require_organiser(ctx.viewer.acting, (), (), "plan_event")
    try:
        title = forms.text(data, "title", required=True, limit=200)
        organisations = _organisations(data, allowed)
        day = forms.a_date(forms.text(data, "date", required=True), "date")
        starts_at = _at(data, day, "start", ctx.zone)
        ends_at = _at(data, day, "end", ctx.zone)
        if ends_at <= starts_at:
            raise InvalidInput("end", Message("projects.web.plan.end_before_start"))
        most = forms.text(data, "max_shifts_per_person", limit=10)
        event = ctx.projects.plan_event(
            title,
            organisations=organisations,
            starts_at=starts_at,
            ends_at=ends_at,
            by=ctx.me,
            place_id=_place(ctx, data),
            location=forms.text(data, "location", limit=200),
            description=forms.text(data, "description"),
            signup_opens_at=_moment(data, "signup_opens_at", ctx.zone),
            members_first_until=_moment(data, "members_first_until", ctx.zone),
            max_shifts_per_person=forms.integer(most, "max_shifts_per_person", 1, 100)
            if most
            else None,
        )
    except SorgendeError as refused:
        if isinstance(refused, NotFound) and refused.params.get("kind") not in ("actor", "place"):
            raise
        failed = _refusal(ctx, "plan", refused, data, EVENT_FIELDS)
        return _plan_page(request, failed=failed, status=status_of(refused))
    return done(f"/projects/events/{event.id}", "event_planned")


# -- a shift of an event -----------------------------------------------------------------


def _require_organiser(ctx: Context, event_id: uuid.UUID) -> Any:
    event = ctx.projects.event(event_id)
    if not ctx.projects.may_organise(event.id, by=ctx.me):
        rules.require_organiser(
            ctx.viewer.acting, event.organisation_ids, leads_of(ctx, event), "add_shift"
        )
    return event


def _shift_page(
    request: Request[Any, Any, Any],
    event_id: uuid.UUID,
    *,
    failed: Failed | None = None,
    status: int = 200,
) -> Response[Any]:
    ctx = Context(request)
    event = _require_organiser(ctx, event_id)
    values = dict(failed.values) if failed else {}
    return render(
        "projects_add_shift.html",
        status=status,
        ctx=ctx,
        event=event,
        when=ctx.span(event.starts_at, event.ends_at),
        qualifications=[(q.value, ctx.qualification(q.value)) for q in QualificationKind],
        places=sorted(ctx.places().items(), key=lambda p: p[1]),
        rows=range(NEED_ROWS),
        failed=failed,
        v=values,
    )


@page_get("/projects/events/{event_id:uuid}/shifts/new", name="projects_add_shift")
def add_shift_page(request: Request[Any, Any, Any], event_id: FromPath[uuid.UUID]) -> Response[Any]:
    return _shift_page(request, event_id)


def _needs(data: Mapping[str, Any]) -> dict[str, int]:
    known = [q.value for q in QualificationKind]
    needs: dict[str, int] = {}
    for row in range(NEED_ROWS):
        kind = forms.text(data, f"need_kind_{row}", limit=60)
        count = forms.text(data, f"need_count_{row}", limit=10)
        if not kind and not count:
            continue
        if kind not in known:
            raise InvalidInput(
                f"need_kind_{row}", Message("projects.web.plan.unknown_qualification")
            )
        number = forms.integer(count or "", f"need_count_{row}", 1, 1000)
        needs[kind] = needs.get(kind, 0) + number
    return needs


@page_post("/projects/events/{event_id:uuid}/shifts/new", name="projects_add_shift_post")
def add_shift(
    request: Request[Any, Any, Any], event_id: FromPath[uuid.UUID], data: Form
) -> Response[Any]:
    ctx = Context(request)
    event = _require_organiser(ctx, event_id)
    day = ctx.local(event.starts_at).date()
    try:
        title = forms.text(data, "title", required=True, limit=200)
        starts_at = _at(data, day, "start", ctx.zone)
        ends_at = _at(data, day, "end", ctx.zone)
        if ends_at <= starts_at:
            raise InvalidInput("end", Message("projects.web.plan.end_before_start"))
        capacity = forms.integer(
            forms.text(data, "capacity", required=True, limit=10), "capacity", 1, 1000
        )
        shift = ctx.projects.add_shift(
            event.id,
            title,
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=capacity,
            by=ctx.me,
            needs=_needs(data),
            place_id=_place(ctx, data),
            location=forms.text(data, "location", limit=200),
        )
    except SorgendeError as refused:
        if isinstance(refused, NotFound) and refused.params.get("kind") not in ("actor", "place"):
            raise
        failed = _refusal(ctx, "shift", refused, data, SHIFT_FIELDS)
        return _shift_page(request, event.id, failed=failed, status=status_of(refused))
    return done(f"/projects/events/{event.id}", "shift_added", anchor=f"shift-{shift.id}")


ROUTES = [plan_event_page, plan_event, add_shift_page, add_shift]
