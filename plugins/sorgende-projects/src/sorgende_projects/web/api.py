"""The plugin's REST API under ``/api/projects``: events and shifts, signing up,
the organiser's acts, a person's shifts, projects.

Authenticated like the platform's API (``Authorization: Bearer``, no cookie, no CSRF);
bodies are strict (:mod:`sorgende_projects.web.api_types`); every act is the plugin's
use case asked as the token's person, and a refusal is a problem document (RFC 9457)
with the rule's reason in the caller's language: 403 for who may not, 404 for what is
not there, 409 for a state that does not allow it, 422 for a value that does not fit.

Times in answers are in UTC (RFC 3339, as the OpenAPI document's ``date-time`` says):
the records keep the zone they were given in, which the core's converter writes as its
name (RFC 9557), a form no ``date-time`` parser reads.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import attrs
from litestar import Request, Response, Router
from litestar.params import FromPath, FromQuery, JSONBody
from sorgende_web.extend import InvalidInput, api_get, api_post
from sorgende_web.extend import json as json_of

from sorgende.errors import Message
from sorgende_projects import rules
from sorgende_projects.web.api_types import (
    EventOut,
    EventPage,
    PersonIn,
    ProjectOut,
    ShiftOut,
    SignUpIn,
    SignUpOut,
)
from sorgende_projects.web.common import Context, waitlist_place

PREFIX = "/api/projects"


def _utc(value: Any) -> Any:
    """``value`` with every time in it in UTC (records, lists and mappings walked)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo is not None else value
    if attrs.has(type(value)):
        changes = {
            f.name: _utc(getattr(value, f.name)) for f in attrs.fields(type(value)) if f.init
        }
        return attrs.evolve(value, **changes)
    if isinstance(value, list | tuple):
        return type(value)(_utc(v) for v in value)
    if isinstance(value, dict):
        return {k: _utc(v) for k, v in value.items()}
    return value


def json(value: Any, status: int = 200) -> Response[Any]:
    return json_of(_utc(value), status)


#: the longest range of days one list of events covers
MAX_DAYS = 366


@api_get("/events")
def list_events(
    request: Request[Any, Any, Any],
    start: FromQuery[date | None] = None,
    end: FromQuery[date | None] = None,
    organisation_id: FromQuery[uuid.UUID | None] = None,
) -> Response[EventPage]:
    """The shared calendar: events from ``start`` to ``end`` (days, both included;
    default the next 31 days), of one organisation if given."""
    ctx = Context(request)
    first = start or ctx.local(ctx.page.app.platform.clock()).date()
    last = end or first + timedelta(days=31)
    if last < first:
        raise InvalidInput("end", Message("projects.web.problem.end_before_start"))
    if (last - first).days > MAX_DAYS:
        raise InvalidInput("end", Message("projects.web.problem.range", days=MAX_DAYS))
    if organisation_id is not None and organisation_id not in {o.id for o in ctx.organisations()}:
        raise InvalidInput("organisation_id", Message("projects.web.problem.organisation"))
    found = ctx.projects.events(start=first, end=last, organisation_id=organisation_id)
    return json(EventPage(list(found), len(found)))


@api_get("/events/{event_id:uuid}")
def get_event(request: Request[Any, Any, Any], event_id: FromPath[uuid.UUID]) -> Response[EventOut]:
    """An event with its shifts and their free places (in all and per qualification)."""
    ctx = Context(request)
    event = ctx.projects.event(event_id)
    shifts = ctx.projects.shifts(event_id)
    return json(
        EventOut(
            event,
            [ShiftOut(s, rules.free_places(s), rules.free_by_need(s)) for s in shifts],
        )
    )


def _out(ctx: Context, signup: Any) -> SignUpOut:
    return SignUpOut(signup, waitlist_place(ctx.projects.waitlist(signup.shift_id), signup))


@api_get("/shifts/{shift_id:uuid}/sign-ups")
def list_sign_ups(
    request: Request[Any, Any, Any], shift_id: FromPath[uuid.UUID]
) -> Response[list[SignUpOut]]:
    """Every sign-up of a shift in order, no-shows too: for its organisers."""
    ctx = Context(request)
    signups = ctx.projects.sign_ups(shift_id, by=ctx.me)
    return json([SignUpOut(s, waitlist_place(signups, s)) for s in signups])


@api_post("/shifts/{shift_id:uuid}/sign-up", status=201)
def sign_up(
    request: Request[Any, Any, Any], shift_id: FromPath[uuid.UUID], data: JSONBody[SignUpIn]
) -> Response[SignUpOut]:
    """Sign up (on the waitlist when the shift is full); for someone else where the
    rules allow it (her trusted person, an organiser)."""
    ctx = Context(request)
    signup = ctx.projects.sign_up(shift_id, data.person_id or ctx.me, by=ctx.me)
    return json(_out(ctx, signup), 201)


@api_post("/shifts/{shift_id:uuid}/cancel")
def cancel(
    request: Request[Any, Any, Any], shift_id: FromPath[uuid.UUID], data: JSONBody[SignUpIn]
) -> Response[SignUpOut]:
    """Cancel a sign-up before the shift begins; the first fitting person on the
    waitlist takes the place."""
    ctx = Context(request)
    signup = ctx.projects.cancel_sign_up(shift_id, data.person_id or ctx.me, by=ctx.me)
    return json(SignUpOut(signup))


@api_post("/shifts/{shift_id:uuid}/check-in")
def check_in(
    request: Request[Any, Any, Any], shift_id: FromPath[uuid.UUID], data: JSONBody[PersonIn]
) -> Response[SignUpOut]:
    """Check a person in (an organiser; from an hour before the start)."""
    ctx = Context(request)
    return json(SignUpOut(ctx.projects.check_in(shift_id, data.person_id, by=ctx.me)))


@api_post("/shifts/{shift_id:uuid}/check-out")
def check_out(
    request: Request[Any, Any, Any], shift_id: FromPath[uuid.UUID], data: JSONBody[PersonIn]
) -> Response[SignUpOut]:
    """Check a person out: the hours go to the worklog or the time bank, as the
    community's setting says."""
    ctx = Context(request)
    return json(SignUpOut(ctx.projects.check_out(shift_id, data.person_id, by=ctx.me)))


@api_post("/shifts/{shift_id:uuid}/no-show")
def no_show(
    request: Request[Any, Any, Any], shift_id: FromPath[uuid.UUID], data: JSONBody[PersonIn]
) -> Response[SignUpOut]:
    """Record that a person did not come (an organiser, once the shift began)."""
    ctx = Context(request)
    return json(SignUpOut(ctx.projects.mark_no_show(shift_id, data.person_id, by=ctx.me)))


@api_get("/my-shifts")
def my_shifts(request: Request[Any, Any, Any]) -> Response[list[SignUpOut]]:
    """The caller's sign-ups (confirmed and waiting), with their waitlist places."""
    ctx = Context(request)
    return json([_out(ctx, s) for s in ctx.projects.my_sign_ups(ctx.me, by=ctx.me)])


@api_get("/projects")
def list_projects(request: Request[Any, Any, Any]) -> Response[list[Any]]:
    """The community's projects and working groups (not archived)."""
    ctx = Context(request)
    return json(list(ctx.projects.projects()))


@api_get("/projects/{project_id:uuid}")
def get_project(
    request: Request[Any, Any, Any], project_id: FromPath[uuid.UUID]
) -> Response[ProjectOut]:
    """A project or working group with its members and their roles."""
    ctx = Context(request)
    return json(ProjectOut(ctx.projects.project(project_id), ctx.projects.members(project_id)))


ROUTES = [
    list_events,
    get_event,
    list_sign_ups,
    sign_up,
    cancel,
    check_in,
    check_out,
    no_show,
    my_shifts,
    list_projects,
    get_project,
]


def router() -> Router:
    """The endpoints under :data:`PREFIX`, one router (so that a path's methods are
    answered together, as ``Allow`` says)."""
    return Router(path=PREFIX, route_handlers=ROUTES, tags=["projects"])
