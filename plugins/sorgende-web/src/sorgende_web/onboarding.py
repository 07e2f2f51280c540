"""The pages of getting in: the front page, registration, invitations, password reset
and change, and the first sign-in with an initial password.

The front page and the ways to an account are public; which ways a community offers
are its ``[plugins.accounts]`` settings (:mod:`sorgende_web.account_settings`), the
work is :class:`sorgende_web.account_service.AccountService`'s. A refused field is shown
next to the field (``errors[field]``), in the person's language. After an account is
made the person signs in as anybody does: the sign-in (and its limits) stays one path.
"""

# ruff: noqa: E501  (a page text is one literal: the catalogue test reads it whole)

from __future__ import annotations

import uuid
from typing import Any

from litestar import Request, Response
from litestar.concurrency import sync_to_thread
from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from sorgende import CommunityService
from sorgende.domain.actors import CommunityRole
from sorgende.errors import ConfigError, Message, SorgendeError, ValidationError
from sorgende_web import forms, signin
from sorgende_web.account_errors import FieldProblem, PasswordChangeRequired, field_of
from sorgende_web.account_service import service_of
from sorgende_web.account_settings import CONSENTS, CommunityAccounts
from sorgende_web.context import page_of
from sorgende_web.errors import InvalidInput
from sorgende_web.i18n import N_
from sorgende_web.mail import MailNotSent
from sorgende_web.pages import Form, back, flash_redirect, page_get, page_post, render

#: paths a signed-in account with an initial password may still open
CHANGE_FIRST_ALLOWED = ("/password", "/logout", "/language")

#: confirmations of this module's pages (``?done=...``)
DONE = {
    "sent": N_("We have sent you an e-mail. Please open the link in it to go on."),
    # the same whether or not the login is known: nobody learns who has an account here
    "reset_sent": N_(
        "If the login name or address is known here, an e-mail with a link to choose a new password is on its way. The link is valid for a short time only."
    ),
}


def _done(done: str | None) -> str | None:
    return DONE.get(done or "")


# -- the front page ---------------------------------------------------------------------


def _coordination(service: CommunityService, own: CommunityAccounts) -> dict[str, str]:
    """How to reach the coordination: the settings' phone and address, else those of
    the organisations that coordinate the community."""
    phone, email = own.phone, own.email
    if not phone or not email:
        for actor in service.actors():
            if actor.kind.is_organisation and CommunityRole.COORDINATOR in actor.community_roles:
                phone = phone or (actor.phone or "")
                email = email or (actor.email or "")
    return {
        "phone": phone,
        "tel": "".join(c for c in phone if c.isdigit() or c == "+"),
        "email": email,
    }


@page_get("/", name="home", public=True)
def home(request: Request[Any, Any, Any], done: FromQuery[str | None] = None) -> Response[Any]:
    page = page_of(request)
    if page.account is not None:
        return back("/board")
    accounts = service_of(page.app)
    communities: list[dict[str, Any]] = []
    for community_id in page.app.platform.storage.community_ids():
        service = CommunityService(page.app.platform, community_id)
        own = accounts.settings_of(community_id)
        communities.append(
            {"name": service.info().name, "own": own, "reach": _coordination(service, own)}
        )
    communities.sort(key=lambda c: str(c["name"]))
    return render(request, "front.html", communities=communities, done=_done(done))


# -- registration -----------------------------------------------------------------------


def _offering(request: Request[Any, Any, Any], path: str) -> list[tuple[uuid.UUID, str, Any]]:
    """The communities that offer ``path``: id, name, settings."""
    web = page_of(request).app
    accounts = service_of(web)
    found = []
    for community_id in web.platform.storage.community_ids():
        own = accounts.settings_of(community_id)
        if getattr(own, path):
            found.append((community_id, accounts.community(community_id).info().name, own))
    return sorted(found, key=lambda c: c[1])


def _register_form(
    request: Request[Any, Any, Any],
    *,
    status: int = 200,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    error: str | None = None,
) -> Template:
    offering = _offering(request, "self_registration")
    web = page_of(request).app
    places = {cid: CommunityService(web.platform, cid).places() for cid, _, _ in offering}
    return render(
        request,
        "register.html",
        status=status,
        offering=offering,
        places=places,
        errors=errors or {},
        values=values or {},
        error=error,
        consents=CONSENTS,
    )


@page_get("/register", name="register", public=True)
def register_form(request: Request[Any, Any, Any], done: FromQuery[str | None] = None) -> Template:
    if done == "sent":
        return render(
            request, "notice.html", title=N_("Please check your e-mail"), done=_done(done)
        )
    return _register_form(request)


@page_post("/register", name="register_post", public=True)
def register(request: Request[Any, Any, Any], data: Form) -> Response[Any]:
    offering = _offering(request, "self_registration")
    lang = page_of(request).lang
    values = {k: v for k, v in data.items() if k != "_csrf_token"}
    if not offering:
        return _register_form(request, status=404)
    try:
        chosen = forms.optional_id(data, "community_id") or offering[0][0]
        match = [o for o in offering if o[0] == chosen]
        if not match:
            raise FieldProblem("community_id", Message("web.problem.accounts.community"))
        _, _, own = match[0]
        service_of(page_of(request).app).register(
            chosen,
            name=forms.text(data, "name", limit=200),
            email=forms.text(data, "email", limit=254),
            place_id=forms.optional_id(data, "place_id"),
            consents={n: forms.checkbox(data, f"consent_{n}") for n in own.consents},
            privacy=forms.checkbox(data, "privacy"),
            lang=lang,
        )
    except (ValidationError, MailNotSent, ConfigError) as refused:
        return _refused_form(request, refused, lambda **kw: _register_form(request, **kw), values)
    return flash_redirect("/register", "sent")


def _refused_form(
    request: Request[Any, Any, Any], refused: SorgendeError, again: Any, values: dict[str, Any]
) -> Template:
    """The form again with the refusal at its field (or above the form)."""
    message = refused.message(page_of(request).lang)
    field = field_of(refused) if isinstance(refused, ValidationError) else ""
    if field and isinstance(refused, InvalidInput):
        # beside its label: the problem without the field's name
        found, _top = forms.field_errors(refused, page_of(request).lang, (field,))
        message = found.get(field, message)
    status = 422 if isinstance(refused, ValidationError) else 503
    if field:
        # a sentence beside the field's label
        message = message[:1].upper() + message[1:]
        return again(status=status, errors={field: message}, values=values)  # type: ignore[no-any-return]
    return again(status=status, error=message, values=values)  # type: ignore[no-any-return]


# -- choosing login and password: a confirmed registration, an invitation ----------------


def _choose_form(
    request: Request[Any, Any, Any],
    purpose: str,
    token: str,
    *,
    status: int = 200,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    error: str | None = None,
) -> Template:
    accounts = service_of(page_of(request).app)
    record = accounts.link(token, purpose)
    name = record.details.get("name", "")
    if record.actor_id is not None:
        name = accounts.community(record.community_id).actor(record.actor_id).name
    own = accounts.settings_of(record.community_id)
    return render(
        request,
        "choose_account.html",
        status=status,
        purpose=purpose,
        action=("/register/confirm/" if purpose == "register" else "/invitation/") + token,
        name=name,
        community=accounts.community(record.community_id).info().name,
        min_length=own.min_password_length,
        errors=errors or {},
        values=values or {},
        error=error,
    )


def _choose(request: Request[Any, Any, Any], purpose: str, token: str, data: Any) -> Response[Any]:
    values = {"login": forms.text(data, "login", limit=64)}
    password = str(data.get("password", ""))[:1100]
    try:
        if password != str(data.get("repeat", "")):
            raise FieldProblem("repeat", Message("web.problem.accounts.repeat_differs"))
        service_of(page_of(request).app).complete(token, purpose, values["login"], password)
    except ValidationError as refused:
        return _refused_form(
            request, refused, lambda **kw: _choose_form(request, purpose, token, **kw), values
        )
    return flash_redirect("/login", "account")


@page_get("/register/confirm/{token:str}", name="register_confirm", public=True)
def register_confirm_form(request: Request[Any, Any, Any], token: FromPath[str]) -> Template:
    return _choose_form(request, "register", token)


@page_post("/register/confirm/{token:str}", name="register_confirm_post", public=True)
def register_confirm(
    request: Request[Any, Any, Any], token: FromPath[str], data: Form
) -> Response[Any]:
    return _choose(request, "register", token, data)


@page_get("/invitation/{token:str}", name="invitation", public=True)
def invitation_form(request: Request[Any, Any, Any], token: FromPath[str]) -> Template:
    return _choose_form(request, "invite", token)


@page_post("/invitation/{token:str}", name="invitation_post", public=True)
def invitation(request: Request[Any, Any, Any], token: FromPath[str], data: Form) -> Response[Any]:
    return _choose(request, "invite", token, data)


# -- a forgotten password -----------------------------------------------------------------


@page_get("/password/forgot", name="password_forgot", public=True)
def forgot_form(request: Request[Any, Any, Any], done: FromQuery[str | None] = None) -> Template:
    return _forgot_form(request, done=_done(done))


def _forgot_form(
    request: Request[Any, Any, Any],
    *,
    done: str | None = None,
    status: int = 200,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    error: str | None = None,
) -> Template:
    return render(
        request,
        "password_forgot.html",
        status=status,
        done=done,
        errors=errors or {},
        error=error,
        values=values or {},
    )


@page_post("/password/forgot", name="password_forgot_post", public=True)
def forgot(request: Request[Any, Any, Any], data: Form) -> Response[Any]:
    # what was typed comes back into the form, cut to what the field takes
    values = {"login": str(data.get("login", ""))[:254]}
    try:
        service_of(page_of(request).app).request_reset(
            forms.text(data, "login", required=True, limit=254), page_of(request).lang
        )
    except (ValidationError, MailNotSent, ConfigError) as refused:
        return _refused_form(request, refused, lambda **kw: _forgot_form(request, **kw), values)
    return flash_redirect("/password/forgot", "reset_sent")


def _reset_form(
    request: Request[Any, Any, Any],
    token: str,
    *,
    status: int = 200,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    error: str | None = None,
) -> Template:
    accounts = service_of(page_of(request).app)
    record = accounts.link(token, "reset")
    return render(
        request,
        "password_reset.html",
        status=status,
        action="/password/reset/" + token,
        min_length=accounts.settings_of(record.community_id).min_password_length,
        errors=errors or {},
        error=error,
    )


@page_get("/password/reset/{token:str}", name="password_reset", public=True)
def reset_form(request: Request[Any, Any, Any], token: FromPath[str]) -> Template:
    return _reset_form(request, token)


@page_post("/password/reset/{token:str}", name="password_reset_post", public=True)
def reset(request: Request[Any, Any, Any], token: FromPath[str], data: Form) -> Response[Any]:
    password = str(data.get("password", ""))[:1100]
    try:
        if password != str(data.get("repeat", "")):
            raise FieldProblem("repeat", Message("web.problem.accounts.repeat_differs"))
        service_of(page_of(request).app).reset(token, password)
    except ValidationError as refused:
        return _refused_form(request, refused, lambda **kw: _reset_form(request, token, **kw), {})
    return flash_redirect("/login", "password")


# -- changing one's password -------------------------------------------------------------


def _change_form(
    request: Request[Any, Any, Any],
    *,
    status: int = 200,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    error: str | None = None,
) -> Template:
    page = page_of(request)
    accounts = service_of(page.app)
    assert page.account is not None
    return render(
        request,
        "password_change.html",
        status=status,
        first=accounts.must_change(page.account),
        min_length=accounts.settings_of(page.account.community_id).min_password_length,
        errors=errors or {},
        error=error,
    )


@page_get("/password", name="password_change")
def change_form(request: Request[Any, Any, Any]) -> Template:
    return _change_form(request)


@page_post("/password", name="password_change_post")
def change(request: Request[Any, Any, Any], data: Form) -> Response[Any]:
    page = page_of(request)
    assert page.account is not None and page.viewer is not None
    new = str(data.get("password", ""))[:1100]
    try:
        if new != str(data.get("repeat", "")):
            raise FieldProblem("repeat", Message("web.problem.accounts.repeat_differs"))
        service_of(page.app).change_password(
            page.account,
            str(data.get("current", ""))[:1100],
            new,
            page.viewer.actor.name,
            verify=lambda login, password: signin.attempt(request, login, password),
        )
    except ValidationError as refused:
        return _refused_form(request, refused, lambda **kw: _change_form(request, **kw), {})
    # the new password ended every sign-in, this one too
    response = flash_redirect("/login", "password")
    response.delete_cookie("sorgende_session", path="/")
    return response


# -- the first sign-in with an initial password ------------------------------------------


async def initial_password_guard(
    connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler
) -> None:
    """An account signed in with a password somebody else chose (a sign-in sheet) opens
    nothing but the page to change it, until it is changed.

    A coroutine (see :func:`sorgende_web.auth.deny_by_default`): only the read of the
    mark goes to a worker thread, and only for a page."""
    if handler.opt.get("public") or connection.scope.get("user") is None:
        return
    path = connection.scope["path"]
    if path in CHANGE_FIRST_ALLOWED or path.startswith(("/api/", "/static/", "/theme")):
        return
    page = page_of(connection)  # type: ignore[arg-type]
    if page.account is not None and await sync_to_thread(
        service_of(page.app).must_change, page.account
    ):
        raise PasswordChangeRequired()


def on_password_change_required(request: Request[Any, Any, Any], _: Exception) -> Redirect:
    return Redirect("/password", status_code=303)


ROUTES = [
    home,
    register_form,
    register,
    register_confirm_form,
    register_confirm,
    invitation_form,
    invitation,
    forgot_form,
    forgot,
    reset_form,
    reset,
    change_form,
    change,
]
