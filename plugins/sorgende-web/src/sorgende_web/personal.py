"""A person's own pages: self-commitments, the time account, the profile (address, API
tokens, the calendar address) and the calendar feed.

What a person may do here is the core's to allow (commitments of another person are not
found unless the policy lets the viewer act for them); see :mod:`sorgende_web.pages`.
"""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Request, Response
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from sorgende.domain.commitments import Period
from sorgende.errors import NotFound, ValidationError
from sorgende_web import forms, served
from sorgende_web.access import Viewer
from sorgende_web.context import page_of
from sorgende_web.pages import DONE, Form, flash_redirect, page_get, page_post, render, viewer_of

# -- commitments ------------------------------------------------------------------------


def _commitments(
    request: Request[Any, Any, Any],
    done: str | None = None,
    status: int = 200,
    error: str | None = None,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
) -> Template:
    viewer = viewer_of(request)
    mine = viewer.service.commitments(actor_id=viewer.actor_id)
    kept = values or {}
    rows = [(c, viewer.service.fulfilment(c.id)) for c in reversed(mine)]
    return render(
        request,
        "commitments.html",
        status=status,
        rows=rows,
        done=DONE.get(done or ""),
        error=error,
        errors=errors or {},
        values=kept,
        chosen_categories=set(forms.values(kept, "categories")),
        chosen_places=set(forms.values(kept, "place_ids")),
        places=viewer.service.places(),
        categories=viewer.service.categories(),
    )


@page_get("/commitments", name="commitments", needs="person")
def commitments(request: Request[Any, Any, Any], done: FromQuery[str | None] = None) -> Template:
    return _commitments(request, done)


@page_post("/commitments", name="commitment_post", needs="person")
def commitment_post(request: Request[Any, Any, Any], data: Form) -> Response[Any]:
    viewer = viewer_of(request)
    try:
        period = forms.choice(forms.text(data, "period") or "week", "period", ("week", "month"))
        viewer.service.make_commitment(
            viewer.actor_id,
            forms.hours(forms.text(data, "hours", required=True)),
            Period(period),
            categories=forms.values(data, "categories")[:50],
            place_ids=[forms.an_id(v, "place_ids") for v in forms.values(data, "place_ids")[:100]],
            by=viewer.actor_id,
        )
    except ValidationError as refused:
        errors, top = forms.field_errors(
            refused, page_of(request).lang, ("hours", "period", "categories", "place_ids")
        )
        return _commitments(request, None, 422, top, errors, forms.form_values(data))
    return flash_redirect("/commitments", "committed")


@page_post("/commitments/{commitment_id:uuid}/{change:str}", name="commitment_change")
def commitment_change(
    request: Request[Any, Any, Any], commitment_id: FromPath[uuid.UUID], change: FromPath[str]
) -> Redirect:
    viewer = viewer_of(request)
    commitment = viewer.service.commitment(commitment_id)
    # another person's commitment is not found, unless the policy lets the viewer act
    # for them (their trusted person, a coordinator in whose scope they are)
    if not viewer.may_act_for(commitment.actor_id):
        raise NotFound("commitment", commitment_id)
    if change == "pause":
        viewer.service.pause_commitment(commitment.id, by=viewer.actor_id)
    elif change == "resume":
        viewer.service.resume_commitment(commitment.id, by=viewer.actor_id)
    elif change == "end":
        viewer.service.end_commitment(commitment.id, by=viewer.actor_id)
    else:
        raise NotFound("action", change)
    return flash_redirect("/commitments", "changed")


# -- the time account -------------------------------------------------------------------


@page_get("/account", name="account")
def account(request: Request[Any, Any, Any]) -> Template:
    viewer = viewer_of(request)
    statement = viewer.service.statement(viewer.actor_id, by=viewer.actor_id)
    lines = list(reversed(statement.lines))
    exchanges = {
        e.id: e for e in viewer.service.exchanges(actor_id=viewer.actor_id, by=viewer.actor_id)
    }
    return render(
        request,
        "account.html",
        balance=statement.closing_balance,
        lines=lines,
        exchanges=exchanges,
        recognitions=viewer.service.recognitions(actor_id=viewer.actor_id),
        given=sum(ln.minutes for ln in statement.lines if ln.minutes > 0),
        received=-sum(ln.minutes for ln in statement.lines if ln.minutes < 0),
    )


# -- the person's own page: address, API tokens ----------------------------------------------


def _profile(
    request: Request[Any, Any, Any],
    done: str | None = None,
    new_token: str | None = None,
    status: int = 200,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
) -> Template:
    viewer = viewer_of(request)
    web = page_of(request).app
    kept = values or {}
    return render(
        request,
        "profile.html",
        actor=viewer.actor,
        street=kept.get(
            "street", web.accounts.street(viewer.account.community_id, viewer.actor_id)
        ),
        token_name=kept.get("name", ""),
        tokens=web.accounts.tokens(viewer.account.id),
        done=DONE.get(done or ""),
        new_token=new_token,
        calendar_address=_calendar_address(request, viewer),
        status=status,
        errors=errors or {},
    )


def _profile_refused(
    request: Request[Any, Any, Any],
    refused: ValidationError,
    name: str,
    control: str,
    data: Form,
) -> Template:
    """The profile again with the refusal of the form field ``name`` at its ``control``
    (the control's id), what was typed kept."""
    found, top = forms.field_errors(refused, page_of(request).lang, (name,))
    errors = {control: found.get(name) or top or ""}
    return _profile(request, status=422, errors=errors, values=forms.form_values(data))


def _calendar_address(request: Request[Any, Any, Any], viewer: Viewer) -> str | None:
    """The person's secret calendar address, or None while no calendar secret is set."""
    from sorgende.calendar import person_token
    from sorgende.errors import ConfigError

    settings = page_of(request).app.platform.settings
    try:
        token = person_token(settings, viewer.account.community_id, viewer.actor_id)
    except ConfigError:
        return None
    # from the base URL, never from the request's Host header (see served.py)
    path = request.app.route_reverse("calendar_feed", token=token)
    return served.public_address(page_of(request).app.settings, request.scope, path)


@page_get("/calendar/{token:str}", name="calendar_feed", public=True)
def calendar_feed(request: Request[Any, Any, Any], token: FromPath[str]) -> Response[bytes]:
    """A person's exchanges and commitments as an iCalendar feed at a secret address.

    Public, because phones' calendar apps cannot sign in: the token is the secret. Without
    a calendar secret in the settings there are no feeds (404).
    """
    from sorgende.calendar import CONTENT_TYPE, calendar_response
    from sorgende.errors import ConfigError

    page = page_of(request)
    try:
        body = calendar_response(page.app.platform, token, language=page.lang)
    except ConfigError as exc:
        raise NotFound("calendar", token) from exc
    return Response(
        body,
        media_type=CONTENT_TYPE,
        headers={"Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer"},
    )


@page_get("/profile", name="profile")
def profile(request: Request[Any, Any, Any], done: FromQuery[str | None] = None) -> Template:
    return _profile(request, done)


@page_post("/profile/address", name="profile_address")
def profile_address(request: Request[Any, Any, Any], data: Form) -> Response[Any]:
    viewer = viewer_of(request)
    try:
        street = forms.text(data, "street", limit=200)
    except ValidationError as refused:
        return _profile_refused(request, refused, "street", "street", data)
    page_of(request).app.accounts.set_street(viewer.account.community_id, viewer.actor_id, street)
    return flash_redirect("/profile", "changed")


@page_post("/profile/tokens", name="profile_token")
def profile_token(request: Request[Any, Any, Any], data: Form) -> Template:
    viewer = viewer_of(request)
    web = page_of(request).app
    try:
        name = forms.text(data, "name", limit=100)
    except ValidationError as refused:
        return _profile_refused(request, refused, "name", "token-name", data)
    token = web.accounts.create_token(viewer.account.id, name)
    # shown once, in this answer only: it is not stored and never put into an address
    return _profile(request, new_token=token, status=201)


@page_post("/profile/tokens/{token_id:uuid}/revoke", name="profile_token_revoke")
def profile_token_revoke(
    request: Request[Any, Any, Any], token_id: FromPath[uuid.UUID]
) -> Redirect:
    viewer = viewer_of(request)
    if not page_of(request).app.accounts.revoke_token(viewer.account.id, token_id):
        raise NotFound("token", token_id)
    return flash_redirect("/profile", "token")


ROUTES = [
    commitments,
    commitment_post,
    commitment_change,
    account,
    profile,
    profile_address,
    profile_token,
    profile_token_revoke,
    calendar_feed,
]
