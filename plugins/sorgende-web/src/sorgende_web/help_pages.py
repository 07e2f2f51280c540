"""The pages of requests for help: asking (once or repeating), a request's dates and who
helps at each, volunteering for one date or every date, agreeing to all of a helper's
dates, a person's own requests, and using an offer at one of its next real slots.

What a series' dates are and which still need a helper is asked of the core
(:mod:`sorgende.domain.occurrences` through the community's use cases); a refused form
is shown again with what was typed and each message next to its field.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from litestar import Request, Response
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from sorgende.domain.help import MAX_HELPERS, OfferStatus, RequestStatus
from sorgende.domain.occurrences import REPEATS, first_on_weekday, recurrence_of, repeat_of
from sorgende.domain.values import TimeWindow
from sorgende.errors import InvalidValue, Message, NotFound, ValidationError
from sorgende_web import form_texts as _form_texts  # noqa: F401  (registers the texts)
from sorgende_web import forms
from sorgende_web.context import page_of
from sorgende_web.errors import InvalidInput
from sorgende_web.i18n import N_
from sorgende_web.pages import DONE, Form, flash_redirect, page_get, page_post, render, viewer_of

#: the fields of the request form, in its order (a refusal is shown at one of them)
REQUEST_FIELDS = (
    "recipient_id",
    "category",
    "place_id",
    "date",
    "time",
    "hours",
    "helpers_needed",
    "repeat",
    "weekday",
    "until",
    "title",
    "description",
    "urgent",
)
#: the most persons the "for whom" list shows at once (a search narrows it)
PICKER_LIMIT = 200


def _today(request: Request[Any, Any, Any]) -> str:
    web = page_of(request).app
    return str(web.platform.clock().astimezone(web.zone).date().isoformat())


def _request_form(
    request: Request[Any, Any, Any],
    status: int = 200,
    error: str | None = None,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    search: str = "",
) -> Template:
    viewer = viewer_of(request)
    # whom the viewer may ask for help for: as the policy says (a trusted person for who
    # named them, a coordinator for the persons and organisations in their scope)
    places = {p.id: p.name for p in viewer.service.places()}
    recipients = [
        {"id": a.id, "name": a.name, "place": places.get(a.home_place_id, "")}  # type: ignore[arg-type]
        for a in viewer.service.actors(by=viewer.actor_id)
        if a.id != viewer.actor_id and a.active and viewer.may_act_for_actor(a)
    ]
    recipients.sort(key=lambda r: (str(r["name"]).casefold(), str(r["place"])))
    total = len(recipients)
    needle = search.casefold()
    if needle:
        recipients = [r for r in recipients if needle in f"{r['name']} {r['place']}".casefold()]
    chosen = (values or {}).get("recipient_id")
    return render(
        request,
        "request_new.html",
        status=status,
        error=error,
        errors=errors or {},
        values=values or {},
        places=viewer.service.places(),
        categories=viewer.service.categories(),
        recipients=recipients[:PICKER_LIMIT],
        recipients_total=total,
        chosen=chosen,
        search=search,
        home=viewer.actor.home_place_id,
        today=_today(request),
        repeats=("once", *REPEATS),
        # the model's bound, shown as the field's limit (the use case decides)
        max_helpers=MAX_HELPERS,
    )


@page_get("/requests/new", name="request_new")
def request_new(request: Request[Any, Any, Any], who: FromQuery[str] = "") -> Template:
    return _request_form(request, search=forms.text({"who": who}, "who", limit=100))


@page_post("/requests", name="request_post")
def request_post(request: Request[Any, Any, Any], data: Form) -> Response[Any]:
    viewer = viewer_of(request)
    web = page_of(request).app
    try:
        recipient = forms.optional_id(data, "recipient_id") or viewer.actor_id
        category = forms.text(data, "category", required=True, limit=100)
        place = forms.an_id(forms.text(data, "place_id", required=True), "place_id")
        day = forms.a_date(forms.text(data, "date", required=True), "date")
        at = forms.a_time(forms.text(data, "time", required=True), "time")
        duration = forms.hours(forms.text(data, "hours", required=True))
        helpers = forms.integer(forms.text(data, "helpers_needed") or "1", "helpers_needed", 1, 50)
        repeat = forms.choice(
            forms.text(data, "repeat", limit=20) or "once", "repeat", ("once", *REPEATS)
        )
        weekday = forms.text(data, "weekday", limit=2)
        until_text = forms.text(data, "until", limit=20)
        until = forms.a_date(until_text, "until") if until_text and repeat != "once" else None
        if weekday and repeat in ("weekly", "fortnightly"):
            # "every Tuesday from ...": the first occurrence is the first such day
            day = first_on_weekday(day, forms.integer(weekday, "weekday", 0, 6))
        start = forms.local(day, at, web.zone)
        posted = viewer.service.post_request(
            recipient,
            category,
            place,
            TimeWindow(start, start + timedelta(hours=duration)),
            duration,
            by=viewer.actor_id,
            helpers_needed=helpers,
            recurrence=recurrence_of(repeat, until),
            title=forms.text(data, "title", limit=200),
            description=forms.text(data, "description"),
            urgent=forms.checkbox(data, "urgent"),
        )
    except (ValidationError, NotFound) as refused:
        if isinstance(refused, NotFound) and refused.params.get("kind") != "actor":
            raise
        lang = page_of(request).lang
        errors, top = forms.field_errors(refused, lang, REQUEST_FIELDS)
        return _request_form(request, 422, top, forms.form_values(data), errors)
    return flash_redirect(f"/requests/{posted.id}", "posted")


@page_get("/requests/mine", name="my_requests")
def my_requests(request: Request[Any, Any, Any]) -> Template:
    """The requests the viewer asked for (for themselves), newest first, each with its
    next date that still needs a helper."""
    viewer = viewer_of(request)
    found = [
        r
        for r in viewer.service.requests(actor_id=viewer.actor_id, by=viewer.actor_id)
        if r.recipient_id == viewer.actor_id
    ]
    found.sort(key=lambda r: r.posted_at, reverse=True)
    return render(
        request,
        "my_requests.html",
        live=[r for r in found if not r.status.is_final],
        done_requests=[r for r in found if r.status.is_final],
        next_open=viewer.service.next_occurrences(found),
    )


@page_get("/requests/{request_id:uuid}", name="request_detail")
def request_detail(
    request: Request[Any, Any, Any],
    request_id: FromPath[uuid.UUID],
    done: FromQuery[str | None] = None,
) -> Template:
    return _request_page(request, request_id, done)


def _request_page(
    request: Request[Any, Any, Any],
    request_id: uuid.UUID,
    done: str | None = None,
    status: int = 200,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
) -> Template:
    viewer = viewer_of(request)
    found = viewer.request(request_id)
    owner = viewer.owns_request(found)
    # the exchanges the viewer may see: all for the recipient's side and its
    # coordinators, a helper's own for the helper
    exchanges = list(viewer.service.exchanges(request_id=found.id, by=viewer.actor_id))
    exchanges.sort(key=lambda e: e.scheduled)
    live = found.status is RequestStatus.OPEN
    occurrences = viewer.service.occurrences(found.id, by=viewer.actor_id, limit=8)
    candidates = []
    if viewer.coordinates_org(found.organisation_id) and live:
        candidates = viewer.service.candidates_for(found.id, limit=10)
    mine = {
        e.scheduled for e in exchanges if e.helper_id == viewer.actor_id and not e.state.is_final
    }
    helper_side = live and viewer.active and found.recipient_id != viewer.actor_id
    may_propose = helper_side and (found.recurrence is not None or not mine)
    # the recipient's side agrees to all dates a helper offered at once
    proposers: dict[uuid.UUID, int] = {}
    if owner or viewer.coordinates_org(found.organisation_id):
        for e in exchanges:
            if e.state.value == "proposed":
                proposers[e.helper_id] = proposers.get(e.helper_id, 0) + 1
    return render(
        request,
        "request_detail.html",
        status=status,
        errors=errors or {},
        values=values or {},
        item=found,
        owner=owner,
        exchanges=exchanges,
        candidates=candidates,
        occurrences=occurrences,
        mine=mine,
        may_propose=may_propose,
        proposers={k: v for k, v in proposers.items() if v > 1},
        repeat=repeat_of(found.recurrence),
        done=DONE.get(done or "") or DONE_HERE.get(done or ""),
        may_withdraw=owner and not found.status.is_final,
    )


def _refused_here(
    request: Request[Any, Any, Any],
    request_id: uuid.UUID,
    refused: ValidationError,
    name: str,
    control: str,
    data: Form,
) -> Template:
    """The request's page again with the refusal of the form field ``name`` at its
    ``control`` (the control's id) and what was typed kept."""
    found, top = forms.field_errors(refused, page_of(request).lang, (name,))
    errors = {control: found.get(name) or top or ""}
    typed = forms.form_values(data).get(name, "")
    return _request_page(request, request_id, None, 422, errors, {control: typed})


#: confirmations of this module's actions
DONE_HERE = {
    "series": N_("Your help is offered for every coming date."),
    "accepted_all": N_("All dates of this helper are agreed."),
}


def _slot(data: dict[str, Any], field: str = "slot") -> datetime | None:
    """A date offered in the form (the start of an occurrence or slot), if one was chosen."""
    value = forms.text(data, field, limit=40)
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise InvalidInput(field, Message("web.problem.forms.slot")) from exc
    if moment.tzinfo is None:
        raise InvalidInput(field, Message("web.problem.forms.slot"))
    return moment


@page_post("/requests/{request_id:uuid}/propose", name="request_propose")
def request_propose(
    request: Request[Any, Any, Any], request_id: FromPath[uuid.UUID], data: Form
) -> Response[Any]:
    viewer = viewer_of(request)
    found = viewer.request(request_id)
    # asking someone else to help: the core lets the request's coordinators, its
    # recipient and their trusted persons (and refuses anyone else)
    helper = forms.optional_id(data, "helper_id") or viewer.actor_id
    try:
        note = forms.text(data, "note", limit=500)
    except ValidationError as refused:
        return _refused_here(request, found.id, refused, "note", "note", data)
    slot = forms.text(data, "slot", limit=40)
    if slot == "every":
        viewer.service.take_series(found.id, by=viewer.actor_id, helper_id=helper, note=note)
        return flash_redirect(f"/requests/{found.id}", "series")
    exchange = viewer.service.propose(
        request_id=found.id, by=viewer.actor_id, helper_id=helper, note=note, scheduled=_slot(data)
    )
    if helper != viewer.actor_id:
        return flash_redirect(f"/requests/{found.id}", "proposed")
    return flash_redirect(f"/exchanges/{exchange.id}", "proposed")


@page_post("/requests/{request_id:uuid}/accept-all", name="request_accept_all")
def request_accept_all(
    request: Request[Any, Any, Any], request_id: FromPath[uuid.UUID], data: Form
) -> Redirect:
    viewer = viewer_of(request)
    found = viewer.request(request_id)
    helper = forms.optional_id(data, "helper_id")
    if helper is None:
        raise InvalidValue("helper_id", Message("web.problem.forms.empty"))
    viewer.service.accept_all(found.id, helper_id=helper, by=viewer.actor_id)
    return flash_redirect(f"/requests/{found.id}", "accepted_all")


@page_post("/requests/{request_id:uuid}/withdraw", name="request_withdraw")
def request_withdraw(
    request: Request[Any, Any, Any], request_id: FromPath[uuid.UUID], data: Form
) -> Response[Any]:
    viewer = viewer_of(request)
    found = viewer.request(request_id)
    try:
        reason = forms.text(data, "reason", limit=500)
    except ValidationError as refused:
        return _refused_here(request, found.id, refused, "reason", "withdraw-reason", data)
    # the core refuses whoever may not act for the recipient (403)
    viewer.service.withdraw_request(found.id, by=viewer.actor_id, reason=reason)
    return flash_redirect(f"/requests/{found.id}", "withdrawn")


# -- using an offer at one of its slots --------------------------------------------------


def offer_page(
    request: Request[Any, Any, Any],
    offer_id: uuid.UUID,
    done: str | None = None,
    status: int = 200,
    errors: dict[str, str] | None = None,
    error: str | None = None,
    values: dict[str, Any] | None = None,
) -> Template:
    viewer = viewer_of(request)
    found = viewer.offer(offer_id)
    mine = viewer.owns_offer(found)
    exchanges = list(viewer.service.exchanges(offer_id=found.id, by=viewer.actor_id))
    return render(
        request,
        "offer_detail.html",
        status=status,
        item=found,
        mine=mine,
        exchanges=exchanges,
        slots=viewer.service.offer_slots(found.id, by=viewer.actor_id, limit=8),
        repeat=repeat_of(found.recurrence),
        done=DONE.get(done or ""),
        errors=errors or {},
        error=error,
        values=values or {},
        today=_today(request),
        may_use=found.status is OfferStatus.OPEN and found.helper_id != viewer.actor_id,
    )


@page_get("/offers/{offer_id:uuid}", name="offer_detail")
def offer_detail(
    request: Request[Any, Any, Any],
    offer_id: FromPath[uuid.UUID],
    done: FromQuery[str | None] = None,
) -> Template:
    return offer_page(request, offer_id, done)


@page_post("/offers/{offer_id:uuid}/use", name="offer_use")
def offer_use(
    request: Request[Any, Any, Any], offer_id: FromPath[uuid.UUID], data: Form
) -> Response[Any]:
    viewer = viewer_of(request)
    web = page_of(request).app
    found = viewer.offer(offer_id)
    try:
        scheduled = _slot(data)
        if scheduled is None:
            # another time within the offer's window, typed as day and time
            scheduled = forms.local(
                forms.a_date(forms.text(data, "date", required=True), "date"),
                forms.a_time(forms.text(data, "time", required=True), "time"),
                web.zone,
            )
        exchange = viewer.service.propose(
            offer_id=found.id,
            by=viewer.actor_id,
            scheduled=scheduled,
            note=forms.text(data, "note", limit=500),
        )
    except ValidationError as refused:
        lang = page_of(request).lang
        errors, top = forms.field_errors(refused, lang, ("slot", "date", "time", "note"))
        return offer_page(request, found.id, None, 422, errors, top, forms.form_values(data))
    return flash_redirect(f"/exchanges/{exchange.id}", "proposed")


ROUTES = [
    request_new,
    request_post,
    my_requests,
    request_detail,
    request_propose,
    request_accept_all,
    request_withdraw,
    offer_detail,
    offer_use,
]
