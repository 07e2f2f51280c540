"""The REST API under ``/api``: JSON from the core converter, token authentication.

Request bodies are ``msgspec`` structs that forbid unknown fields: a body that carries
``status``, ``role`` or ``community_id`` is refused (400) instead of quietly ignored,
and nothing a client sends is copied onto a record wholesale. They are read strictly,
as ``application/json`` only, and the document describes them as they are read
(:mod:`sorgende_web.inputs`). Answers are the core's
records as the converter writes them (the same JSON as ``sorgende export``); the
OpenAPI document describes them from the attrs classes themselves. Lists are pages:
``limit`` (at most the configured ``max_page_size``) and ``offset``, with the total.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Annotated, Any

from litestar import Request, Response, Router, get
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Components, SecurityScheme
from litestar.params import FromPath, FromQuery, JSONBody, Parameter

from sorgende import converter
from sorgende.domain.categories import Category
from sorgende.domain.commitments import Commitment, Period
from sorgende.domain.community import Place, PlaceKind
from sorgende.domain.exchanges import Exchange
from sorgende.domain.help import HelpOffer, HelpRequest
from sorgende.domain.policy import ACTION_ORDER
from sorgende.domain.values import Recurrence, TimeWindow
from sorgende.errors import Message, NotFound
from sorgende_web import messages as _messages  # noqa: F401  (registers the texts)
from sorgende_web import queries
from sorgende_web.access import Viewer
from sorgende_web.api_types import (
    FREQUENCIES,
    CandidateOut,
    CategoryIn,
    CommitmentIn,
    CommitmentOut,
    Contact,
    DashboardOut,
    ExchangePage,
    HelperOut,
    Limit,
    Me,
    MonthOut,
    OfferIn,
    OfferPage,
    Offset,
    PlaceIn,
    PlaceNeedsOut,
    Problem,
    ProposeIn,
    RequestIn,
    RequestPage,
    TimeAccount,
    TransitionIn,
    WaitingOut,
    WithdrawIn,
)
from sorgende_web.context import page_of
from sorgende_web.errors import InvalidInput
from sorgende_web.handlers import threaded_get, threaded_post
from sorgende_web.inputs import check_moment

BEARER = Components(
    security_schemes={
        "bearer": SecurityScheme(
            type="http", scheme="bearer", description="an API token from the profile page"
        )
    }
)
SECURITY: list[dict[str, list[str]]] = [{"bearer": []}]


def json(value: Any, status: int = 200) -> Response[Any]:
    """The value as the core's converter writes it."""
    return Response(converter.unstructure(value), status_code=status)


def viewer_of(request: Request[Any, Any, Any]) -> Viewer:
    viewer = page_of(request).viewer
    assert viewer is not None
    return viewer


def _limit(request: Request[Any, Any, Any], limit: int) -> int:
    return min(limit, page_of(request).app.settings.max_page_size)


def _window(start: datetime, end: datetime | None, hours: float) -> TimeWindow:
    return TimeWindow(start, end if end is not None else start + timedelta(hours=hours))


def _repeat(repeat: str | None) -> Recurrence | None:
    return Recurrence(FREQUENCIES[repeat]) if repeat else None


def _known_category(viewer: Viewer, category: str | None) -> str | None:
    if category is not None and category not in {c.code for c in viewer.service.categories()}:
        raise InvalidInput(
            "category",
            Message("web.problem.api.category_community"),
        )
    return category


def _known_place(viewer: Viewer, place_id: uuid.UUID | None) -> uuid.UUID | None:
    if place_id is not None and place_id not in {p.id for p in viewer.service.places()}:
        raise InvalidInput("place_id", Message("web.problem.api.place_community"))
    return place_id


#: the refusals every operation may answer, documented so clients can expect them
PROBLEMS = {
    code: ResponseSpec(
        data_container=Problem,
        media_type="application/problem+json",
        description=description,
        generate_examples=False,
    )
    for code, description in (
        (400, "The request does not fit the operation (a field, parameter or body)"),
        (401, "No valid API token"),
        (403, "The person's roles do not allow this (the policy's reason in the detail)"),
        (404, "Not found, or not visible to the token's account"),
        (409, "The record changed meanwhile, or its state does not allow this"),
        (413, "The body is larger than 1 MB"),
        (415, "The body is not sent as application/json"),
        (422, "The values do not fit the community's rules"),
    )
}


def api_get(path: str, **opt: Any) -> Callable[[Any], Any]:
    return threaded_get(path, opt=opt, security=SECURITY, responses=PROBLEMS)


def api_post(path: str, status: int = 200, **opt: Any) -> Callable[[Any], Any]:
    return threaded_post(path, opt=opt, status_code=status, security=SECURITY, responses=PROBLEMS)


# -- who am I ----------------------------------------------------------------------------


@api_get("/me")
def me(request: Request[Any, Any, Any]) -> Response[Me]:
    """The signed-in person: login, the domain's roles, community and their own record."""
    viewer = viewer_of(request)
    acting = viewer.acting
    return json(
        Me(
            viewer.account.login,
            sorted(r.value for r in acting.roles),
            sorted(acting.coordinates, key=str),
            viewer.service.info(),
            viewer.actor,
        )
    )


@api_get("/places")
def places(request: Request[Any, Any, Any]) -> Response[list[Place]]:
    """The places of the community."""
    return json(list(viewer_of(request).service.places()))


@api_get("/categories")
def categories(request: Request[Any, Any, Any]) -> Response[list[Category]]:
    """The categories of help of the community."""
    return json(list(viewer_of(request).service.categories()))


@api_post("/places", status=201, needs="add_place")
def add_place(request: Request[Any, Any, Any], data: JSONBody[PlaceIn]) -> Response[Place]:
    """Add a place (community coordinators and administrators)."""
    viewer = viewer_of(request)
    place = viewer.service.add_place(data.name, PlaceKind(data.kind), by=viewer.actor_id)
    return json(place, 201)


@api_post("/categories", status=201, needs="add_category")
def add_category(request: Request[Any, Any, Any], data: JSONBody[CategoryIn]) -> Response[Category]:
    """Add a category of help (community coordinators and administrators)."""
    viewer = viewer_of(request)
    category = Category(data.code, {"de": data.name_de, "en": data.name_en or data.name_de})
    return json(viewer.service.add_category(category, by=viewer.actor_id), 201)


# -- requests ----------------------------------------------------------------------------


@api_get("/requests")
def list_requests(
    request: Request[Any, Any, Any],
    place_id: FromQuery[uuid.UUID | None] = None,
    category: Annotated[str | None, Parameter(max_length=100)] = None,
    mine: FromQuery[bool] = False,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Response[RequestPage]:
    """Open requests (the board), or with ``mine`` the caller's own in every status."""
    viewer = viewer_of(request)
    limit = _limit(request, limit)
    place_id = _known_place(viewer, place_id)
    code = _known_category(viewer, category)
    if mine:
        found = list(
            viewer.service.requests(
                actor_id=viewer.actor_id, place_id=place_id, category=code, by=viewer.actor_id
            )
        )
        found.sort(key=lambda r: r.posted_at, reverse=True)
        page = queries.cut(found, offset, limit)
    else:
        page = queries.board_requests(
            viewer.service, place_id=place_id, category=code, offset=offset, limit=limit
        )
    return json(RequestPage(page.items, page.total, limit, offset, page.more))


@api_post("/requests", status=201)
def post_request(
    request: Request[Any, Any, Any], data: JSONBody[RequestIn]
) -> Response[HelpRequest]:
    """Post a request for oneself, or as a coordinator for someone else."""
    viewer = viewer_of(request)
    posted = viewer.service.post_request(
        data.recipient_id or viewer.actor_id,
        data.category,
        data.place_id,
        _window(data.start, data.end, data.hours),
        data.hours,
        by=viewer.actor_id,
        helpers_needed=data.helpers_needed,
        recurrence=_repeat(data.repeat),
        title=data.title,
        description=data.description,
        urgent=data.urgent,
    )
    return json(posted, 201)


@api_get("/requests/{request_id:uuid}")
def get_request(
    request: Request[Any, Any, Any], request_id: FromPath[uuid.UUID]
) -> Response[HelpRequest]:
    """A request: open ones for everybody, others for those who take part."""
    return json(viewer_of(request).request(request_id))


@api_post("/requests/{request_id:uuid}/withdraw")
def withdraw_request(
    request: Request[Any, Any, Any], request_id: FromPath[uuid.UUID], data: JSONBody[WithdrawIn]
) -> Response[HelpRequest]:
    """Withdraw one's own request (or one's whom one may act for: as their trusted
    person, as its coordinator)."""
    viewer = viewer_of(request)
    found = viewer.request(request_id)
    return json(viewer.service.withdraw_request(found.id, by=viewer.actor_id, reason=data.reason))


@api_get("/requests/{request_id:uuid}/candidates", needs="coordination")
def candidates(
    request: Request[Any, Any, Any],
    request_id: FromPath[uuid.UUID],
    limit: Annotated[int, Parameter(ge=1, le=50)] = 10,
) -> Response[list[CandidateOut]]:
    """Helpers who fit a request, best first (the request's coordinators)."""
    viewer = viewer_of(request)
    found = viewer.request(request_id)
    viewer.require_coordinates(found.organisation_id)
    ranked = viewer.service.candidates_for(found.id, limit=limit)
    return json([CandidateOut(c.actor.id, c.actor.name, c.score, c.terms) for c in ranked])


# -- offers ------------------------------------------------------------------------------


@api_get("/offers")
def list_offers(
    request: Request[Any, Any, Any],
    place_id: FromQuery[uuid.UUID | None] = None,
    category: Annotated[str | None, Parameter(max_length=100)] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Response[OfferPage]:
    """Open offers of help covering a place and category."""
    viewer = viewer_of(request)
    limit = _limit(request, limit)
    page = queries.board_offers(
        viewer.service,
        place_id=_known_place(viewer, place_id),
        category=_known_category(viewer, category),
        offset=offset,
        limit=limit,
    )
    return json(OfferPage(page.items, page.total, limit, offset))


@api_post("/offers", status=201, needs="person")
def post_offer(request: Request[Any, Any, Any], data: JSONBody[OfferIn]) -> Response[HelpOffer]:
    """Offer help."""
    viewer = viewer_of(request)
    offered = viewer.service.offer_help(
        viewer.actor_id,
        data.category,
        data.place_ids,
        _window(data.start, data.end, data.hours),
        data.hours,
        by=viewer.actor_id,
        recurrence=_repeat(data.repeat),
        title=data.title,
        description=data.description,
    )
    return json(offered, 201)


@api_get("/offers/{offer_id:uuid}")
def get_offer(
    request: Request[Any, Any, Any], offer_id: FromPath[uuid.UUID]
) -> Response[HelpOffer]:
    """An offer: open ones for everybody, others for those who take part."""
    return json(viewer_of(request).offer(offer_id))


@api_post("/offers/{offer_id:uuid}/withdraw")
def withdraw_offer(
    request: Request[Any, Any, Any], offer_id: FromPath[uuid.UUID]
) -> Response[HelpOffer]:
    """Withdraw one's own offer (or, as its coordinator, the offer)."""
    viewer = viewer_of(request)
    found = viewer.offer(offer_id)
    return json(viewer.service.withdraw_offer(found.id, by=viewer.actor_id))


# -- exchanges ---------------------------------------------------------------------------


@api_get("/exchanges")
def list_exchanges(
    request: Request[Any, Any, Any],
    active: FromQuery[bool] = False,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Response[ExchangePage]:
    """The caller's exchanges as helper or recipient (with ``active``: unfinished only)."""
    viewer = viewer_of(request)
    limit = _limit(request, limit)
    found = queries.my_exchanges(viewer.service, viewer.actor_id)
    if active:
        found = [e for e in found if not e.state.is_final]
    page = queries.cut(found, offset, limit)
    return json(ExchangePage(page.items, page.total, limit, offset))


@api_post("/exchanges", status=201)
def propose(request: Request[Any, Any, Any], data: JSONBody[ProposeIn]) -> Response[Exchange]:
    """Propose an exchange for a request (to help) or an offer (to be helped)."""
    viewer = viewer_of(request)
    if (data.request_id is None) == (data.offer_id is None):
        raise InvalidInput("request_id/offer_id", Message("web.problem.api.give_exactly_one_them"))
    # who may propose whom: the core's answer (policy.proposer)
    if data.request_id is not None:
        found = viewer.request(data.request_id)
        helper = data.helper_id or viewer.actor_id
        exchange = viewer.service.propose(
            request_id=found.id,
            by=viewer.actor_id,
            helper_id=helper,
            scheduled=data.scheduled,
            hours=data.hours,
            note=data.note,
        )
    else:
        assert data.offer_id is not None
        offer = viewer.offer(data.offer_id)
        recipient = data.recipient_id or viewer.actor_id
        exchange = viewer.service.propose(
            offer_id=offer.id,
            by=viewer.actor_id,
            recipient_id=recipient,
            scheduled=data.scheduled,
            hours=data.hours,
            note=data.note,
        )
    return json(exchange, 201)


@api_get("/exchanges/{exchange_id:uuid}")
def get_exchange(
    request: Request[Any, Any, Any], exchange_id: FromPath[uuid.UUID]
) -> Response[Exchange]:
    """An exchange the caller takes part in (another person's answers 404)."""
    return json(viewer_of(request).exchange(exchange_id))


@api_get("/exchanges/{exchange_id:uuid}/contact")
def exchange_contact(
    request: Request[Any, Any, Any], exchange_id: FromPath[uuid.UUID]
) -> Response[Contact]:
    """The recipient's address and phone, for whom the policy lets see them: the accepted
    helper if the recipient agreed, the recipient's coordinators and trusted persons."""
    viewer = viewer_of(request)
    exchange = viewer.exchange(exchange_id)
    recipient = viewer.contact(exchange.recipient_id)
    if recipient is None:
        raise NotFound("contact", exchange_id)
    street = page_of(request).app.accounts.street(viewer.account.community_id, recipient.id)
    return json(Contact(recipient.name, recipient.phone, recipient.email, street))


@api_post("/exchanges/{exchange_id:uuid}/{transition:str}")
def transition(
    request: Request[Any, Any, Any],
    exchange_id: FromPath[uuid.UUID],
    transition: FromPath[str],
    data: JSONBody[TransitionIn],
) -> Response[Exchange]:
    """Move an exchange: accept, decline, complete, confirm, dispute, no_show, cancel, resolve."""
    viewer = viewer_of(request)
    exchange = viewer.exchange(exchange_id)
    if transition not in ACTION_ORDER:
        raise NotFound("transition", transition)
    service, by = viewer.service, viewer.actor_id
    if transition == "accept":
        moved = service.accept(exchange.id, by=by)
    elif transition == "decline":
        moved = service.decline(exchange.id, by=by, reason=data.reason)
    elif transition == "cancel":
        moved = service.cancel(exchange.id, by=by, reason=data.reason)
    elif transition == "no_show":
        moved = service.no_show(exchange.id, by=by, reason=data.reason)
    elif transition == "complete":
        moved = service.complete(exchange.id, by=by, hours=data.hours or None)
    elif transition == "confirm":
        moved = service.confirm(exchange.id, by=by)
    elif transition == "dispute":
        moved = service.dispute(exchange.id, by=by, reason=data.reason)
    else:
        # the core refuses whoever is not the exchange's coordinator on neither side
        moved = service.resolve(exchange.id, by=by, hours=data.hours or 0, reason=data.reason)
    return json(moved)


# -- commitments and the time account --------------------------------------------------------


@api_get("/commitments", needs="person")
def list_commitments(request: Request[Any, Any, Any]) -> Response[list[CommitmentOut]]:
    """The caller's self-commitments with how far each was kept."""
    viewer = viewer_of(request)
    return json(
        [
            CommitmentOut(c, viewer.service.fulfilment(c.id))
            for c in viewer.service.commitments(actor_id=viewer.actor_id)
        ]
    )


@api_post("/commitments", status=201, needs="person")
def make_commitment(
    request: Request[Any, Any, Any], data: JSONBody[CommitmentIn]
) -> Response[Commitment]:
    """Commit to hours per week or month, in categories and places (empty: any)."""
    viewer = viewer_of(request)
    made = viewer.service.make_commitment(
        viewer.actor_id,
        data.hours,
        Period(data.period),
        categories=data.categories,
        place_ids=data.place_ids,
        by=viewer.actor_id,
    )
    return json(made, 201)


@api_get("/account")
def time_account(
    request: Request[Any, Any, Any],
    since: FromQuery[datetime | None] = None,
    until: FromQuery[datetime | None] = None,
) -> Response[TimeAccount]:
    """The caller's time account: balance and statement (optionally between two times)."""
    viewer = viewer_of(request)
    for name, value in (("since", since), ("until", until)):
        # the framework would also read a number as a Unix time: the document says RFC 3339
        check_moment(name, request.query_params.get(name))
        if value is not None and value.tzinfo is None:
            raise InvalidInput(name, Message("web.problem.api.needs_time_zone"))
    by = viewer.actor_id
    statement = viewer.service.statement(viewer.actor_id, since=since, until=until, by=by)
    balance = viewer.service.balance(viewer.actor_id, by=by).minutes
    return json(TimeAccount(balance, statement))


@api_get("/dashboard", needs="coordination")
def dashboard(request: Request[Any, Any, Any]) -> Response[DashboardOut]:
    """Open requests by age, needs met per place, active helpers, hours per month: of
    what the caller coordinates."""
    viewer = viewer_of(request)
    web = page_of(request).app
    found = queries.dashboard(viewer, web.platform.clock(), web.zone)
    return json(
        DashboardOut(
            waiting=[WaitingOut(w.request, w.age_days) for w in found.waiting],
            age_buckets={b.label: b.count for b in found.age_buckets},
            needs=[PlaceNeedsOut(n.place_id, n.requests, n.met) for n in found.needs],
            helpers=[HelperOut(h.actor_id, h.exchanges, h.minutes) for h in found.helpers],
            months=[
                MonthOut(m.month.isoformat()[:7], m.minutes, m.exchanges) for m in found.months
            ],
            age_more=[b.label for b in found.age_buckets if b.more],
            helpers_more=found.helpers_more,
        )
    )


@get("/openapi.json", sync_to_thread=False, include_in_schema=False, opt={"public": True})
def openapi_document(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """The OpenAPI document (also at ``/api/schema/openapi.json``)."""
    return request.app.openapi_schema.to_schema()


ROUTES = [
    me,
    places,
    categories,
    add_place,
    add_category,
    list_requests,
    post_request,
    get_request,
    withdraw_request,
    candidates,
    list_offers,
    post_offer,
    get_offer,
    withdraw_offer,
    list_exchanges,
    propose,
    get_exchange,
    exchange_contact,
    transition,
    list_commitments,
    make_commitment,
    time_account,
    dashboard,
    openapi_document,
]


def api_router() -> Router:
    return Router(path="/api", route_handlers=ROUTES, tags=["api"])
