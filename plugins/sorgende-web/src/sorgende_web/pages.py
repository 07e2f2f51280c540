"""The pages people use: server-rendered HTML and plain forms that work without JavaScript.

Every page needs a signed-in person unless its ``opt`` says ``public`` (sign-in, the
language switch); ``opt={"needs": ...}`` names what else it needs, asked of the core's
policy (:data:`sorgende_web.access.NEEDS`). Records are looked up through
:class:`~sorgende_web.access.Viewer`, as the viewer, so a record they may not see
answers 404. Forms post back with a CSRF token; a refused action shows the core's
message in the page's language (403 for what the policy refuses).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Annotated, Any

from litestar import Request, Response
from litestar.datastructures import Cookie
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery, Parameter, QueryParameter
from litestar.response import Redirect, Template

from sorgende.domain.occurrences import REPEATS, recurrence_of, repeat_of
from sorgende.domain.policy import ACTION_ORDER
from sorgende.errors import Message, NotFound, ValidationError
from sorgende_web import forms, queries, signin
from sorgende_web import messages as _messages  # noqa: F401  (registers the texts)
from sorgende_web.access import Viewer
from sorgende_web.account_service import service_of
from sorgende_web.context import LANGUAGE_COOKIE, SESSION_COOKIE, Page, page_of
from sorgende_web.errors import InvalidInput, LoginFailed, TooManyAttempts
from sorgende_web.handlers import threaded_get, threaded_post
from sorgende_web.i18n import LANGUAGES, N_

Form = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.URL_ENCODED)]
PUBLIC = {"public": True}


def page_get(path: str, *, name: str, **opt: Any) -> Callable[[Any], Any]:
    return threaded_get(path, name=name, include_in_schema=False, opt=opt)


def page_post(path: str, *, name: str, **opt: Any) -> Callable[[Any], Any]:
    return threaded_post(path, name=name, include_in_schema=False, status_code=303, opt=opt)


def render(
    request: Request[Any, Any, Any], template: str, status: int = 200, **context: Any
) -> Template:
    return Template(template, context=context, status_code=status)


def viewer_of(request: Request[Any, Any, Any]) -> Viewer:
    viewer = page_of(request).viewer
    assert viewer is not None  # the guard let only signed-in people through
    return viewer


def back(path: str) -> Redirect:
    return Redirect(path, status_code=303)


def flash_redirect(path: str, message: str) -> Redirect:
    """Redirect to ``path`` showing ``message`` (a message id) once, as a query flag."""
    sep = "&" if "?" in path else "?"
    return Redirect(f"{path}{sep}done={message}", status_code=303)


#: the confirmations a page shows after an action (``?done=...``), as message ids
DONE = {
    "posted": N_("Your request is on the board."),
    "offered": N_("Your offer is on the board."),
    "proposed": N_("Your proposal was sent."),
    "accept": N_("The exchange is agreed."),
    "decline": N_("The proposal was declined."),
    "complete": N_("The help is reported as given."),
    "confirm": N_("Thank you! The hours are booked on the time account."),
    "dispute": N_("The coordination will look at it."),
    "no_show": N_("Recorded that the help did not take place."),
    "cancel": N_("The exchange is cancelled."),
    "resolve": N_("The dispute is settled."),
    "withdrawn": N_("Withdrawn."),
    "committed": N_("Your commitment is recorded."),
    "changed": N_("Saved."),
    "token": N_("The token was revoked."),
}


# -- signing in and out, language -------------------------------------------------------


@page_get("/login", name="login", public=True)
def login_form(
    request: Request[Any, Any, Any],
    target: Annotated[str | None, Parameter(query="next", max_length=500)] = None,
) -> Response[Any]:
    if page_of(request).account is not None:
        return back(forms.local_path(target))
    return render(request, "login.html", next=forms.local_path(target), error=None, login="")


@page_post("/login", name="login_post", public=True)
def login(request: Request[Any, Any, Any], data: Form) -> Response[Any]:
    web = page_of(request).app
    login_name = forms.text(data, "login", limit=64)
    password = str(data.get("password", ""))
    target = forms.local_path(forms.text(data, "next", limit=500))
    settings = web.settings
    try:
        account = signin.attempt(request, login_name, password)
    except (LoginFailed, TooManyAttempts) as refused:
        status = 429 if isinstance(refused, TooManyAttempts) else 401
        page = render(
            request,
            "login.html",
            status=status,
            next=target,
            error=refused.message(page_of(request).lang),
            login=login_name,
        )
        if isinstance(refused, TooManyAttempts):
            # tells browsers and scripts when trying again makes sense (RFC 6585)
            page.headers["Retry-After"] = str(refused.params["seconds"])
        return page
    token = web.accounts.start_session(account.id, settings.session_hours)
    accounts = service_of(web)
    # kept for the person and the administration: when, and from which address
    accounts.record_sign_in(account, signin.client_address(request))
    # a password from a sign-in sheet is changed before anything else
    response = back("/password" if accounts.must_change(account) else target)
    signin.remember(request, response, account.login)
    response.cookies.append(
        Cookie(
            key=SESSION_COOKIE,
            value=token,
            max_age=settings.session_hours * 3600,
            httponly=True,
            secure=settings.secure_cookies,
            samesite="lax",
            path="/",
        )
    )
    return response


@page_post("/logout", name="logout")
def logout(request: Request[Any, Any, Any]) -> Redirect:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        page_of(request).app.accounts.end_session(token)
    response = back("/login")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@page_post("/language", name="language", public=True)
def language(request: Request[Any, Any, Any], data: Form) -> Redirect:
    lang = forms.choice(forms.text(data, "lang", limit=5), "lang", LANGUAGES)
    response = back(forms.local_path(forms.text(data, "next", limit=500)))
    response.cookies.append(
        Cookie(
            key=LANGUAGE_COOKIE,
            value=lang,
            max_age=365 * 24 * 3600,
            httponly=True,
            secure=page_of(request).app.settings.secure_cookies,
            samesite="lax",
            path="/",
        )
    )
    return response


# -- the board --------------------------------------------------------------------------


def _filters(
    page: Page, place: str | None, category: str | None
) -> tuple[uuid.UUID | None, str | None]:
    """Board filters from the query, allowed only if they name this community's records."""
    place_id = None
    if place:
        place_id = forms.an_id(place, "place")
        if place_id not in page.place_names():
            raise InvalidInput("place", Message("web.problem.api.place_community"))
    if category and category not in page.category_names():
        raise InvalidInput(
            "category",
            Message("web.problem.api.category_community"),
        )
    return place_id, category or None


@page_get("/board", name="board")
def board(
    request: Request[Any, Any, Any],
    kind: FromQuery[str] = "requests",
    place: FromQuery[str | None] = None,
    category: FromQuery[str | None] = None,
    page: FromQuery[str] = "1",
) -> Template:
    viewer = viewer_of(request)
    shown = page_of(request)
    settings = shown.app.settings
    forms.choice(kind, "kind", ("requests", "offers"))
    place_id, code = _filters(shown, place, category)
    number = forms.integer(page, "page", 1, 100_000)
    limit = settings.page_size
    offset = (number - 1) * limit
    if kind == "offers":
        found: Any = queries.board_offers(
            viewer.service, place_id=place_id, category=code, offset=offset, limit=limit
        )
    else:
        found = queries.board_requests(
            viewer.service, place_id=place_id, category=code, offset=offset, limit=limit
        )
    return render(
        request,
        "board.html",
        kind=kind,
        found=found,
        place=place_id,
        category=code,
        places_list=shown.places,
        categories=shown.categories,
        # a recurring request is shown at its next date that still needs a helper (a
        # one-off one at its window: no need to read the places taken at its dates)
        next_open={}
        if kind == "offers"
        else viewer.service.next_occurrences([r for r in found.items if r.recurrence]),
        repeat_of=repeat_of,
    )


# (the pages of requests, and of an offer and its use: sorgende_web.help_pages)


# -- offers -----------------------------------------------------------------------------


#: the fields of the offer form, in its order (a refusal is shown at one of them)
OFFER_FIELDS = (
    "category",
    "place_ids",
    "date",
    "time",
    "hours",
    "repeat",
    "until",
    "title",
    "description",
)


def _offer_form(
    request: Request[Any, Any, Any],
    status: int = 200,
    error: str | None = None,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
) -> Template:
    viewer = viewer_of(request)
    web = page_of(request).app
    chosen = (values or {}).get("place_ids") or []
    return render(
        request,
        "offer_new.html",
        status=status,
        error=error,
        errors=errors or {},
        values=values or {},
        chosen_places={str(v) for v in ([chosen] if isinstance(chosen, str) else chosen)},
        places=viewer.service.places(),
        categories=viewer.service.categories(),
        repeats=("once", *REPEATS),
        today=web.platform.clock().astimezone(web.zone).date().isoformat(),
    )


@page_get("/offers/new", name="offer_new", needs="person")
def offer_new(request: Request[Any, Any, Any]) -> Template:
    return _offer_form(request)


@page_post("/offers", name="offer_post", needs="person")
def offer_post(request: Request[Any, Any, Any], data: Form) -> Response[Any]:
    viewer = viewer_of(request)
    web = page_of(request).app
    try:
        duration = forms.hours(forms.text(data, "hours", required=True))
        repeat = forms.text(data, "repeat", limit=20) or (
            "weekly" if forms.checkbox(data, "weekly") else "once"
        )
        forms.choice(repeat, "repeat", ("once", *REPEATS))
        until_text = forms.text(data, "until", limit=20)
        until = forms.a_date(until_text, "until") if until_text and repeat != "once" else None
        offered = viewer.service.offer_help(
            viewer.actor_id,
            forms.text(data, "category", required=True, limit=100),
            [forms.an_id(v, "place_ids") for v in forms.values(data, "place_ids")[:100]],
            forms.window(data, web.zone, duration),
            duration,
            by=viewer.actor_id,
            recurrence=recurrence_of(repeat, until),
            title=forms.text(data, "title", limit=200),
            description=forms.text(data, "description"),
        )
    except ValidationError as refused:
        errors, top = forms.field_errors(refused, page_of(request).lang, OFFER_FIELDS)
        return _offer_form(request, 422, top, forms.form_values(data), errors)
    return flash_redirect(f"/offers/{offered.id}", "offered")


@page_post("/offers/{offer_id:uuid}/withdraw", name="offer_withdraw")
def offer_withdraw(request: Request[Any, Any, Any], offer_id: FromPath[uuid.UUID]) -> Redirect:
    viewer = viewer_of(request)
    found = viewer.offer(offer_id)
    # the core refuses whoever may not act for the helper (403)
    viewer.service.withdraw_offer(found.id, by=viewer.actor_id)
    return flash_redirect(f"/offers/{found.id}", "withdrawn")


# -- exchanges --------------------------------------------------------------------------


@page_get("/exchanges", name="exchanges")
def exchanges(
    request: Request[Any, Any, Any],
    # ``scope`` is a name Litestar reserves for the ASGI scope: read the query under another
    shown: Annotated[str, QueryParameter(name="scope")] = "mine",
) -> Template:
    viewer = viewer_of(request)
    scope = forms.choice(shown, "scope", ("mine", "all"))
    if scope == "all":
        # what the viewer coordinates: the community's, or their organisations'
        viewer.require("coordination")
        found = queries.coordinated_exchanges(viewer)
    else:
        found = queries.my_exchanges(viewer.service, viewer.actor_id)
    active = [e for e in found if not e.state.is_final]
    finished = [e for e in found if e.state.is_final]
    finished.sort(key=lambda e: e.scheduled, reverse=True)
    return render(request, "exchanges.html", active=active, finished=finished, scope=scope)


@page_get("/exchanges/{exchange_id:uuid}", name="exchange_detail")
def exchange_detail(
    request: Request[Any, Any, Any],
    exchange_id: FromPath[uuid.UUID],
    done: FromQuery[str | None] = None,
) -> Template:
    return _exchange_page(request, exchange_id, done=DONE.get(done or ""))


def _exchange_page(
    request: Request[Any, Any, Any],
    exchange_id: uuid.UUID,
    *,
    status: int = 200,
    done: Any = None,
    error: str | None = None,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
) -> Template:
    viewer = viewer_of(request)
    web = page_of(request).app
    exchange = viewer.exchange(exchange_id)
    # the counterparts' contact details, where the policy lets the viewer see them
    contact = helper_contact = None
    recipient = viewer.contact(exchange.recipient_id)
    if recipient is not None and recipient.id != viewer.actor_id:
        contact = {
            "name": recipient.name,
            "phone": recipient.phone,
            "email": recipient.email,
            "street": web.accounts.street(viewer.account.community_id, recipient.id),
        }
    helper = viewer.contact(exchange.helper_id)
    if helper is not None and helper.id != viewer.actor_id and (helper.phone or helper.email):
        helper_contact = {"name": helper.name, "phone": helper.phone, "email": helper.email}
    return render(
        request,
        "exchange_detail.html",
        status=status,
        item=exchange,
        actions=viewer.actions(exchange),
        contact=contact,
        helper_contact=helper_contact,
        done=done,
        error=error,
        errors=errors or {},
        values=values or {},
        party=viewer.party(exchange),
    )


@page_post("/exchanges/{exchange_id:uuid}/{action:str}", name="exchange_action")
def exchange_action(
    request: Request[Any, Any, Any],
    exchange_id: FromPath[uuid.UUID],
    action: FromPath[str],
    data: Form,
) -> Response[Any]:
    viewer = viewer_of(request)
    exchange = viewer.exchange(exchange_id)
    if action not in ACTION_ORDER:
        raise NotFound("action", action)
    service, by = viewer.service, viewer.actor_id
    try:
        reason = forms.text(data, "reason", limit=500)
        given = forms.text(data, "hours", limit=10)
        if action == "accept":
            service.accept(exchange.id, by=by)
        elif action == "decline":
            service.decline(exchange.id, by=by, reason=reason)
        elif action == "cancel":
            service.cancel(exchange.id, by=by, reason=reason)
        elif action == "no_show":
            service.no_show(exchange.id, by=by, reason=reason)
        elif action == "complete":
            service.complete(exchange.id, by=by, hours=forms.hours(given) if given else None)
        elif action == "confirm":
            service.confirm(exchange.id, by=by)
        elif action == "dispute":
            service.dispute(exchange.id, by=by, reason=reason)
        else:
            # only a coordinator of the exchange who is on neither side: the core refuses
            # anyone else (403, with the policy's reason)
            service.resolve(exchange.id, by=by, hours=forms.hours(given or "0"), reason=reason)
    except ValidationError as refused:
        # each action's form has its own fields ("hours-complete"): the message stands
        # at the field of the form that was sent, with what was typed kept in it
        found, top = forms.field_errors(refused, page_of(request).lang, ("reason", "hours"))
        errors = {f"{field}-{action}": text for field, text in found.items()}
        values = {f"{key}-{action}": value for key, value in forms.form_values(data).items()}
        return _exchange_page(
            request, exchange.id, status=422, error=top, errors=errors, values=values
        )
    return flash_redirect(f"/exchanges/{exchange.id}", action)


ROUTES = [
    login_form,
    login,
    logout,
    language,
    board,
    offer_new,
    offer_post,
    offer_withdraw,
    exchanges,
    exchange_detail,
    exchange_action,
]
