"""The pages of events and their shifts: signing up and cancelling (also for someone
else, where the rules allow it), the organiser's view (sign-ups, waitlist, check-in and
check-out, no-shows) and a person's own shifts.

What a button offers is what the plugin's rules answer (:mod:`sorgende_projects.rules`,
built on the core's policy) and what is done is the use cases' to allow or refuse: a
refusal is shown next to the shift's form, in the reader's language.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

import attrs
from litestar import Request, Response
from litestar.params import FromPath, FromQuery
from sorgende_web.extend import Form, done, field_of, forms, page_get, page_post, render, status_of

from sorgende.domain.actors import Actor
from sorgende.errors import NotFound, SorgendeError
from sorgende_projects import rules
from sorgende_projects.model import Event, ProjectRole, Shift, SignUp, SignUpState
from sorgende_projects.web.calendar import feed_address
from sorgende_projects.web.common import Context, waitlist_place

#: the confirmations a page shows after an action (``?done=...``)
DONE = {
    "signed_up": "projects.web.done.signed_up",
    "waiting": "projects.web.done.waiting",
    "cancelled": "projects.web.done.cancelled",
    "checked_in": "projects.web.done.checked_in",
    "checked_out": "projects.web.done.checked_out",
    "no_show": "projects.web.done.no_show",
    "event_planned": "projects.web.done.event_planned",
    "shift_added": "projects.web.done.shift_added",
}


@attrs.frozen
class NeedView:
    label: str
    free: int
    kept: int


@attrs.frozen
class ShiftView:
    """A shift as the event page shows it to the viewer."""

    shift: Shift
    when: str
    where: str
    free: int
    needs: tuple[NeedView, ...]
    waiting: int
    #: the viewer's own sign-up, and her place on the waitlist
    mine: SignUp | None = None
    waitlist_place: int | None = None
    #: why the viewer cannot sign up now (the rules' answer), or ``None``
    refusal: str | None = None
    may_cancel: bool = False
    #: a refusal of the last action on this shift, shown next to its form
    error: str | None = None
    error_field: str | None = None


def leads_of(ctx: Context, event: Event) -> frozenset[uuid.UUID]:
    if event.project_id is None:
        return frozenset()
    members = ctx.projects.members(event.project_id)
    return frozenset(m.person_id for m in members if m.role is ProjectRole.LEAD)


def on_behalf(ctx: Context, event: Event) -> list[Actor]:
    """The people the viewer may sign up for this event's shifts (not herself), as the
    plugin's rule :func:`~sorgende_projects.rules.acting_for` answers."""
    leads = leads_of(ctx, event)
    acting = ctx.viewer.acting
    found = []
    for person in ctx.actors().values():
        if person.id == ctx.me or person.kind.is_organisation or not person.active:
            continue
        try:
            rules.acting_for(acting, person, event.organisation_ids, leads)
        except SorgendeError:
            continue
        found.append(person)
    return sorted(found, key=lambda a: a.name)


def shift_views(
    ctx: Context,
    event: Event,
    errors: Mapping[uuid.UUID, SorgendeError] | None = None,
) -> list[ShiftView]:
    shifts = ctx.projects.shifts(event.id)
    mine = {s.shift_id: s for s in ctx.projects.my_sign_ups(ctx.me, by=ctx.me)}
    now = ctx.page.app.platform.clock()
    places = ctx.places()
    views = []
    for shift in shifts:
        by_need = rules.free_by_need(shift)
        own = mine.get(shift.id)
        place = None
        if own is not None and own.state is SignUpState.WAITING:
            place = waitlist_place(ctx.projects.waitlist(shift.id), own)
        refusal = ctx.projects.why_not_sign_up(shift.id, ctx.me, by=ctx.me)
        error = (errors or {}).get(shift.id)
        views.append(
            ShiftView(
                shift=shift,
                when=ctx.span(shift.starts_at, shift.ends_at),
                where=ctx.where(shift, places) or ctx.where(event, places),
                free=rules.free_places(shift),
                needs=tuple(
                    NeedView(
                        ctx.qualification(n.qualification),
                        max(0, by_need.get(n.qualification, 0)),
                        n.count,
                    )
                    for n in shift.needs
                ),
                waiting=shift.waiting,
                mine=own,
                waitlist_place=place,
                refusal=ctx.text(refusal) if refusal is not None else None,
                may_cancel=rules.cancel_refusal(shift, own, now) is None,
                error=error.message(ctx.lang) if error is not None else None,
                error_field=field_of(error) if error is not None else None,
            )
        )
    return views


def _event_page(
    request: Request[Any, Any, Any],
    event_id: uuid.UUID,
    *,
    done_flag: str | None = None,
    errors: Mapping[uuid.UUID, SorgendeError] | None = None,
    status: int = 200,
) -> Response[Any]:
    ctx = Context(request)
    event = ctx.projects.event(event_id)
    places = ctx.places()
    return render(
        "projects_event.html",
        status=status,
        ctx=ctx,
        event=event,
        when=ctx.span(event.starts_at, event.ends_at),
        where=ctx.where(event, places),
        organisers=ctx.names(event.organisation_ids),
        shifts=shift_views(ctx, event, errors),
        behalf=on_behalf(ctx, event),
        organiser=ctx.projects.may_organise(event.id, by=ctx.me),
        done=DONE.get(done_flag or ""),
    )


@page_get("/projects/events/{event_id:uuid}", name="projects_event")
def event_page(
    request: Request[Any, Any, Any],
    event_id: FromPath[uuid.UUID],
    done: FromQuery[str | None] = None,
) -> Response[Any]:
    return _event_page(request, event_id, done_flag=done)


def _person(ctx: Context, data: Mapping[str, Any]) -> uuid.UUID:
    """The person a form acts for: the field ``person_id``, or the viewer herself."""
    return forms.optional_id(data, "person_id") or ctx.me


def _act_on_shift(
    request: Request[Any, Any, Any],
    shift_id: uuid.UUID,
    data: Mapping[str, Any],
    act: str,
) -> Response[Any]:
    ctx = Context(request)
    shift = ctx.projects.shift(shift_id)
    target = forms.local_path(
        forms.text(data, "next", limit=500), f"/projects/events/{shift.event_id}"
    )
    try:
        person = _person(ctx, data)
        if act == "sign_up":
            signup = ctx.projects.sign_up(shift_id, person, by=ctx.me)
            flag = "waiting" if signup.state is SignUpState.WAITING else "signed_up"
        elif act == "cancel":
            ctx.projects.cancel_sign_up(shift_id, person, by=ctx.me)
            flag = "cancelled"
        elif act == "check_in":
            ctx.projects.check_in(shift_id, person, by=ctx.me)
            flag = "checked_in"
        elif act == "check_out":
            ctx.projects.check_out(shift_id, person, by=ctx.me)
            flag = "checked_out"
        else:
            ctx.projects.mark_no_show(shift_id, person, by=ctx.me)
            flag = "no_show"
    except SorgendeError as refused:
        if isinstance(refused, NotFound) and refused.params.get("kind") != "actor":
            raise
        # the page again, the refusal next to the shift's form
        errors = {shift_id: refused}
        if target.endswith("/organise"):
            return _organise_page(request, shift.event_id, errors=errors, status=status_of(refused))
        if target == "/projects/my-shifts":
            return _my_shifts(request, errors=errors, status=status_of(refused))
        return _event_page(request, shift.event_id, errors=errors, status=status_of(refused))
    return done(target, flag, anchor=f"shift-{shift_id}")


@page_post("/projects/shifts/{shift_id:uuid}/sign-up", name="projects_sign_up")
def sign_up(request: Request[Any, Any, Any], shift_id: FromPath[uuid.UUID], data: Form) -> Any:
    return _act_on_shift(request, shift_id, data, "sign_up")


@page_post("/projects/shifts/{shift_id:uuid}/cancel", name="projects_cancel")
def cancel(request: Request[Any, Any, Any], shift_id: FromPath[uuid.UUID], data: Form) -> Any:
    return _act_on_shift(request, shift_id, data, "cancel")


@page_post("/projects/shifts/{shift_id:uuid}/check-in", name="projects_check_in")
def check_in(request: Request[Any, Any, Any], shift_id: FromPath[uuid.UUID], data: Form) -> Any:
    return _act_on_shift(request, shift_id, data, "check_in")


@page_post("/projects/shifts/{shift_id:uuid}/check-out", name="projects_check_out")
def check_out(request: Request[Any, Any, Any], shift_id: FromPath[uuid.UUID], data: Form) -> Any:
    return _act_on_shift(request, shift_id, data, "check_out")


@page_post("/projects/shifts/{shift_id:uuid}/no-show", name="projects_no_show")
def no_show(request: Request[Any, Any, Any], shift_id: FromPath[uuid.UUID], data: Form) -> Any:
    return _act_on_shift(request, shift_id, data, "no_show")


# -- the organiser's view ----------------------------------------------------------------


@attrs.frozen
class SignUpRow:
    signup: SignUp
    name: str
    state: str
    need: str
    waitlist_place: int | None
    checked_in: str
    checked_out: str
    may_check_in: bool
    may_check_out: bool
    may_no_show: bool


@attrs.frozen
class OrganisedShift:
    view: ShiftView
    rows: tuple[SignUpRow, ...]


def _organise_page(
    request: Request[Any, Any, Any],
    event_id: uuid.UUID,
    *,
    done_flag: str | None = None,
    errors: Mapping[uuid.UUID, SorgendeError] | None = None,
    status: int = 200,
) -> Response[Any]:
    ctx = Context(request)
    event = ctx.projects.event(event_id)
    if not ctx.projects.may_organise(event.id, by=ctx.me):
        rules.require_organiser(
            ctx.viewer.acting, event.organisation_ids, leads_of(ctx, event), "see_signups"
        )
    now = ctx.page.app.platform.clock()
    shifts = []
    for view in shift_views(ctx, event, errors):
        signups = ctx.projects.sign_ups(view.shift.id, by=ctx.me)
        rows = tuple(
            SignUpRow(
                signup=s,
                name=ctx.name(s.person_id),
                state=ctx.state(s),
                need=ctx.qualification(s.need) if s.need else "",
                waitlist_place=waitlist_place(signups, s),
                checked_in=ctx.when(s.checked_in_at) if s.checked_in_at else "",
                checked_out=ctx.when(s.checked_out_at) if s.checked_out_at else "",
                may_check_in=rules.check_in_refusal(view.shift, s, now) is None,
                may_check_out=rules.check_out_refusal(s) is None,
                may_no_show=rules.no_show_refusal(view.shift, s, now) is None,
            )
            for s in signups
        )
        shifts.append(OrganisedShift(view, rows))
    no_shows = ctx.projects.no_shows(event_id=event.id, by=ctx.me)
    by_shift = {s.view.shift.id: s.view.shift for s in shifts}
    return render(
        "projects_organise.html",
        status=status,
        ctx=ctx,
        event=event,
        when=ctx.span(event.starts_at, event.ends_at),
        shifts=shifts,
        no_shows=[
            (ctx.name(s.person_id), by_shift[s.shift_id].title if s.shift_id in by_shift else "")
            for s in no_shows
        ],
        done=DONE.get(done_flag or ""),
    )


@page_get("/projects/events/{event_id:uuid}/organise", name="projects_organise")
def organise(
    request: Request[Any, Any, Any],
    event_id: FromPath[uuid.UUID],
    done: FromQuery[str | None] = None,
) -> Response[Any]:
    return _organise_page(request, event_id, done_flag=done)


# -- my shifts ---------------------------------------------------------------------------


@attrs.frozen
class MyShift:
    signup: SignUp
    shift: Shift
    event: Event
    when: str
    where: str
    state: str
    waitlist_place: int | None
    may_cancel: bool
    error: str | None = None


def _my_shifts(
    request: Request[Any, Any, Any],
    *,
    done_flag: str | None = None,
    errors: Mapping[uuid.UUID, SorgendeError] | None = None,
    status: int = 200,
) -> Response[Any]:
    ctx = Context(request)
    now = ctx.page.app.platform.clock()
    places = ctx.places()
    upcoming: list[MyShift] = []
    past: list[MyShift] = []
    events: dict[uuid.UUID, Event] = {}
    for signup in ctx.projects.my_sign_ups(ctx.me, by=ctx.me, active_only=False):
        shift = ctx.projects.shift(signup.shift_id)
        if signup.event_id not in events:
            events[signup.event_id] = ctx.projects.event(signup.event_id)
        event = events[signup.event_id]
        error = (errors or {}).get(shift.id)
        item = MyShift(
            signup=signup,
            shift=shift,
            event=event,
            when=ctx.span(shift.starts_at, shift.ends_at),
            where=ctx.where(shift, places) or ctx.where(event, places),
            state=ctx.state(signup),
            waitlist_place=waitlist_place(ctx.projects.waitlist(shift.id), signup)
            if signup.state is SignUpState.WAITING
            else None,
            may_cancel=rules.cancel_refusal(shift, signup, now) is None,
            error=error.message(ctx.lang) if error is not None else None,
        )
        (upcoming if shift.ends_at > now else past).append(item)
    upcoming.sort(key=lambda m: m.shift.starts_at)
    past.sort(key=lambda m: m.shift.starts_at, reverse=True)
    return render(
        "projects_my_shifts.html",
        status=status,
        ctx=ctx,
        upcoming=upcoming,
        past=past,
        feed=feed_address(request, ctx, "shifts"),
        done=DONE.get(done_flag or ""),
    )


@page_get("/projects/my-shifts", name="projects_my_shifts")
def my_shifts(request: Request[Any, Any, Any], done: FromQuery[str | None] = None) -> Response[Any]:
    return _my_shifts(request, done_flag=done)


ROUTES = [event_page, sign_up, cancel, check_in, check_out, no_show, organise, my_shifts]
