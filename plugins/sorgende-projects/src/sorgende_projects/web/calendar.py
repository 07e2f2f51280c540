"""The shared calendar: a page of all events of the community's organisations, with
filters (organisation, place, kind of organisation, month), and its iCalendar feeds at
the person's secret address (:mod:`sorgende_projects.feeds`).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Annotated, Any

import attrs
from litestar import Request, Response
from litestar.params import FromPath, Parameter
from sorgende_web.extend import (
    InvalidInput,
    field_of,
    forms,
    page_get,
    page_of,
    public_address,
    render,
    status_of,
)

from sorgende.domain.actors import ActorKind
from sorgende.errors import ConfigError, Message, NotFound, SorgendeError
from sorgende_projects import feeds, rules
from sorgende_projects.model import Event
from sorgende_projects.web.common import Context

Filter = Annotated[str | None, Parameter(max_length=100)]


@attrs.frozen
class EventRow:
    event: Event
    when: str
    where: str
    organisers: str
    shifts: int
    free: int


@attrs.frozen
class Day:
    label: str
    events: tuple[EventRow, ...]


@attrs.frozen
class Filters:
    organisation: uuid.UUID | None = None
    place: uuid.UUID | None = None
    kind: str | None = None
    month: date | None = None


def _month(value: str) -> date:
    """``2026-07`` as the first day of that month (the browser's ``<input type=month>``)."""
    try:
        year, month = value.strip().split("-")
        return date(int(year), int(month), 1)
    except ValueError as exc:
        raise InvalidInput("month", Message("projects.web.problem.month", value=value)) from exc


def _filters(ctx: Context, raw: Mapping[str, str | None]) -> Filters:
    """The filters of the query, each a record of this community (else refused, naming it)."""
    organisation = place = None
    if raw.get("organisation"):
        organisation = forms.an_id(raw["organisation"] or "", "organisation")
        if organisation not in {o.id for o in ctx.organisations()}:
            raise InvalidInput("organisation", Message("projects.web.problem.organisation"))
    if raw.get("place"):
        place = forms.an_id(raw["place"] or "", "place")
        if place not in ctx.places():
            raise InvalidInput("place", Message("projects.web.problem.place"))
    kind = raw.get("kind") or None
    if kind is not None:
        forms.choice(kind, "kind", [k.value for k in ActorKind if k.is_organisation])
    month = _month(raw["month"] or "") if raw.get("month") else None
    return Filters(organisation, place, kind, month)


def _next_month(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1)


def calendar_days(ctx: Context, filters: Filters, first: date) -> list[Day]:
    """The month's events that fit the filters, by local day of their start."""
    last = _next_month(first) - timedelta(days=1)
    events = ctx.projects.events(start=first, end=last, organisation_id=filters.organisation)
    actors = ctx.actors()
    places = ctx.places()
    days: dict[date, list[EventRow]] = {}
    for event in events:
        shifts = ctx.projects.shifts(event.id)
        if filters.place is not None and filters.place not in {
            event.place_id,
            *(s.place_id for s in shifts),
        }:
            continue
        kinds = {actors[o].kind.value for o in event.organisation_ids if o in actors}
        if filters.kind is not None and filters.kind not in kinds:
            continue
        row = EventRow(
            event=event,
            when=ctx.span(event.starts_at, event.ends_at),
            where=ctx.where(event, places),
            organisers=ctx.names(event.organisation_ids),
            shifts=len([s for s in shifts if not s.cancelled]),
            free=sum(s.free for s in shifts if not s.cancelled),
        )
        days.setdefault(ctx.local(event.starts_at).date(), []).append(row)
    return [
        Day(ctx.day(day), tuple(sorted(rows, key=lambda r: r.event.starts_at)))
        for day, rows in sorted(days.items())
    ]


@page_get("/projects/calendar", name="projects_calendar")
def calendar_page(
    request: Request[Any, Any, Any],
    organisation: Filter = None,
    place: Filter = None,
    kind: Filter = None,
    month: Filter = None,
) -> Response[Any]:
    ctx = Context(request)
    raw = {"organisation": organisation, "place": place, "kind": kind, "month": month}
    error: SorgendeError | None = None
    try:
        filters = _filters(ctx, raw)
    except InvalidInput as refused:
        error, filters = refused, Filters()
    today = ctx.local(ctx.page.app.platform.clock()).date()
    first = filters.month or today.replace(day=1)
    previous = (first - timedelta(days=1)).replace(day=1)
    return render(
        "projects_calendar.html",
        status=status_of(error) if error is not None else 200,
        ctx=ctx,
        raw=raw,
        error=error.message(ctx.lang) if error is not None else None,
        error_field=field_of(error) if error is not None else None,
        days=calendar_days(ctx, filters, first),
        month_label=ctx.t(f"projects.web.month.{first.month}", year=first.year),
        month_value=f"{first.year:04d}-{first.month:02d}",
        previous=f"{previous.year:04d}-{previous.month:02d}",
        following=f"{_next_month(first).year:04d}-{_next_month(first).month:02d}",
        organisations=ctx.organisations(),
        may_plan=any(rules.may_organise(ctx.viewer.acting, (o.id,)) for o in ctx.organisations()),
        places=sorted(ctx.places().items(), key=lambda p: p[1]),
        kinds=[
            (k.value, ctx.t(f"projects.web.kind.{k.value}")) for k in ActorKind if k.is_organisation
        ],
        feed=feed_address(request, ctx, feeds.COMMUNITY),
        organisation_feed=feed_address(request, ctx, feeds.ORGANISATION, filters.organisation)
        if filters.organisation is not None
        else None,
    )


# -- the feeds -------------------------------------------------------------------------


def feed_address(
    request: Request[Any, Any, Any],
    ctx: Context,
    which: str,
    organisation_id: uuid.UUID | None = None,
) -> str | None:
    """The viewer's secret address of feed ``which``, or ``None`` while the platform has
    no calendar secret (``[plugins.calendar] secret``)."""
    from sorgende.calendar import person_token

    try:
        token = person_token(
            ctx.page.app.platform.settings, ctx.viewer.account.community_id, ctx.me
        )
    except ConfigError:
        return None
    if which == feeds.ORGANISATION:
        return public_address(
            request, "projects_feed_organisation", token=token, organisation_id=organisation_id
        )
    return public_address(request, f"projects_feed_{which}", token=token)


def _feed(
    request: Request[Any, Any, Any],
    token: str,
    which: str,
    organisation_id: uuid.UUID | None = None,
) -> Response[bytes]:
    from sorgende.calendar import CONTENT_TYPE

    page = page_of(request)
    try:
        body = feeds.feed_for_token(
            page.app.platform, token, which, organisation_id=organisation_id, language=page.lang
        )
    except ConfigError as exc:
        raise NotFound("calendar", token) from exc
    return Response(
        body,
        media_type=CONTENT_TYPE,
        headers={"Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer"},
    )


@page_get("/projects/feeds/{token:str}/community", name="projects_feed_community", public=True)
def community_feed(request: Request[Any, Any, Any], token: FromPath[str]) -> Response[bytes]:
    """The shared calendar of the community, at the person's secret address (public,
    because calendar apps cannot sign in: the token is the secret)."""
    return _feed(request, token, feeds.COMMUNITY)


@page_get(
    "/projects/feeds/{token:str}/organisations/{organisation_id:uuid}",
    name="projects_feed_organisation",
    public=True,
)
def organisation_feed(
    request: Request[Any, Any, Any], token: FromPath[str], organisation_id: FromPath[uuid.UUID]
) -> Response[bytes]:
    """The events and shifts of one organisation, at the person's secret address."""
    return _feed(request, token, feeds.ORGANISATION, organisation_id)


@page_get("/projects/feeds/{token:str}/shifts", name="projects_feed_shifts", public=True)
def shifts_feed(request: Request[Any, Any, Any], token: FromPath[str]) -> Response[bytes]:
    """The person's own shifts, at her secret address."""
    return _feed(request, token, feeds.SHIFTS)


ROUTES = [calendar_page, community_feed, organisation_feed, shifts_feed]
