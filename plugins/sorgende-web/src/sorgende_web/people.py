"""The administration of people and their accounts: the list (searched, filtered, in
pages), a person's page with their roles, memberships, account and latest sign-ins,
and what may be done there: grant or revoke a community role, set a membership,
deactivate or reactivate, invite by e-mail, make an account with a sign-in sheet, give
a new initial password.

Every act is the core's use case asked as the signed-in person (``grant_role``,
``add_membership``, ``deactivate_person``, ``reactivate_person``, ``trust``, ``by=`` the
viewer) or the policy's ``Action.MANAGE_ACCOUNT``: the page offers what the policy
allows, and a form posted anyway is refused by the core (403, with its reason).
"""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Request, Response
from litestar.params import FromPath, FromQuery
from litestar.response import Template

from sorgende.domain.actors import Actor, ActorKind, CommunityRole, Role
from sorgende.domain.policy import Action
from sorgende.domain.principals import Acting
from sorgende.errors import ConfigError, NotFound, ValidationError
from sorgende.i18n import translate
from sorgende_web import forms, links
from sorgende_web.access import Viewer, role_labels
from sorgende_web.account_errors import field_of
from sorgende_web.account_service import service_of
from sorgende_web.context import page_of
from sorgende_web.i18n import N_
from sorgende_web.mail import MailNotSent
from sorgende_web.pages import DONE as PAGE_DONE
from sorgende_web.pages import Form, flash_redirect, page_get, page_post, render, viewer_of

#: what the list can be filtered by: a community role, or coordinating an organisation
ROLE_FILTERS = (*(r.value for r in CommunityRole), "organisation_coordinator")
DONE = {
    **PAGE_DONE,
    "person": N_("The person is registered."),
    "invited": N_("The invitation is sent."),
    "deactivated": N_("The person is deactivated."),
    "reactivated": N_("The person takes part again."),
}


def _rows(viewer: Viewer, lang: str, store: Any) -> list[dict[str, Any]]:
    people = viewer.service.actors(by=viewer.actor_id)
    organisations = [a for a in people if a.kind.is_organisation]
    places = {p.id: p.name for p in viewer.service.places()}
    logins: dict[uuid.UUID, list[str]] = {}
    for account in store.accounts(viewer.account.community_id):
        logins.setdefault(account.actor_id, []).append(account.login)
    rows = []
    for person in people:
        if person.kind is not ActorKind.PERSON or person.erased:
            continue
        acting = Acting.of(person, organisations)
        roles = [r.value for r in CommunityRole if r in acting.roles]
        if acting.coordinates:
            roles.append("organisation_coordinator")
        rows.append(
            {
                "person": person,
                "name": person.name,
                "place": places.get(person.home_place_id) if person.home_place_id else None,
                "roles": roles,
                "labels": ", ".join(role_labels(acting, lang)),
                "logins": logins.get(person.id, []),
            }
        )
    rows.sort(key=lambda r: str(r["name"]).lower())
    return rows


@page_get("/people", name="people", needs="people")
def people(
    request: Request[Any, Any, Any],
    q: FromQuery[str] = "",
    place: FromQuery[str] = "",
    role: FromQuery[str] = "",
    account: FromQuery[str] = "",
    status: FromQuery[str] = "",
    page: FromQuery[str] = "1",
    done: FromQuery[str | None] = None,
) -> Template:
    viewer = viewer_of(request)
    web = page_of(request).app
    lang = page_of(request).lang
    q = q.strip()[:100]
    role = forms.choice(role, "role", ("", *ROLE_FILTERS))
    account = forms.choice(account, "account", ("", "yes", "no"))
    status = forms.choice(status, "status", ("", "active", "deactivated"))
    place_id = forms.an_id(place, "place") if place else None
    rows = _rows(viewer, lang, web.accounts)
    if q:
        rows = [r for r in rows if q.lower() in r["person"].name.lower()]
    if place_id is not None:
        rows = [r for r in rows if r["person"].home_place_id == place_id]
    if role:
        rows = [r for r in rows if role in r["roles"]]
    if account:
        rows = [r for r in rows if bool(r["logins"]) == (account == "yes")]
    if status:
        rows = [r for r in rows if r["person"].deactivated == (status == "deactivated")]
    size = web.settings.page_size
    pages = max(1, -(-len(rows) // size))
    number = min(forms.integer(page, "page", 1, 100_000), pages)
    shown = rows[(number - 1) * size : number * size]
    return render(
        request,
        "people.html",
        rows=shown,
        total=len(rows),
        found={"page": number, "pages": pages},
        filters={"q": q, "place": place_id, "role": role, "account": account, "status": status},
        places=viewer.service.places(),
        role_filters=[(r, translate(f"policy.role.{r}", lang)) for r in ROLE_FILTERS],
        may_register=viewer.may(Action.MANAGE_ACCOUNT),
        done=DONE.get(done or ""),
    )


# -- one person ---------------------------------------------------------------------------


def _person_page(
    request: Request[Any, Any, Any],
    person_id: uuid.UUID,
    *,
    status: int = 200,
    done: str | None = None,
    error: str | None = None,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
) -> Template:
    viewer = viewer_of(request)
    web = page_of(request).app
    person = viewer.service.actor(person_id, by=viewer.actor_id)
    if person.kind is not ActorKind.PERSON:
        raise NotFound("actor", person.name)
    accounts = service_of(web)
    own = accounts.settings_of(viewer.account.community_id)
    everyone = viewer.service.actors(by=viewer.actor_id)
    organisations = [a for a in everyone if a.kind.is_organisation]
    found = web.accounts.accounts_of(viewer.account.community_id, person.id)
    manage = viewer.may(Action.MANAGE_ACCOUNT, subject=person)
    sign_ins = []
    if found and (manage or viewer.may(Action.GRANT_ROLE, subject=person)):
        sign_ins = accounts.sign_ins(viewer.account.community_id, found[0].id)[:10]
    names = {a.id: a.name for a in everyone}
    return render(
        request,
        "person_admin.html",
        status=status,
        person=person,
        place=next((p.name for p in viewer.service.places() if p.id == person.home_place_id), None),
        labels=", ".join(role_labels(Acting.of(person, organisations), page_of(request).lang)),
        role_choices=[
            (r.value, translate(f"policy.role.{r.value}", page_of(request).lang))
            for r in CommunityRole
        ],
        memberships=[(names.get(m.organisation_id, "-"), m.role.value) for m in person.memberships],
        organisations=[
            o for o in organisations if viewer.may(Action.SET_MEMBERSHIP, organisation_id=o.id)
        ],
        member_roles=[r.value for r in Role],
        accounts=found,
        sign_ins=sign_ins,
        may_grant=viewer.may(Action.GRANT_ROLE, subject=person) and person.active,
        may_deactivate=viewer.may(Action.DEACTIVATE_PERSON, subject=person) and person.active,
        may_reactivate=viewer.may(Action.REACTIVATE_PERSON, subject=person) and person.deactivated,
        may_invite=manage
        and own.invitations
        and person.active
        and not found
        and bool(person.email),
        may_assist=manage and own.assisted_accounts and person.active and not found,
        may_reset=manage and person.active and bool(found),
        trusted_choices=sorted(
            (a for a in everyone if a.kind is ActorKind.PERSON and a.active and a.id != person.id),
            key=lambda a: a.name,
        ),
        may_name_trusted=viewer.may(Action.NAME_TRUSTED_PERSON, subject=person),
        trusted=[names.get(t, "-") for t in person.trusted_persons],
        done=DONE.get(done or ""),
        error=error,
        errors=errors or {},
        values=values or {},
        lang=page_of(request).lang,
    )


@page_get("/people/{person_id:uuid}", name="person_admin", needs="people")
def person_admin(
    request: Request[Any, Any, Any],
    person_id: FromPath[uuid.UUID],
    done: FromQuery[str | None] = None,
) -> Template:
    return _person_page(request, person_id, done=done)


@page_post("/people/{person_id:uuid}/roles", name="person_roles", needs="people")
def person_roles(
    request: Request[Any, Any, Any], person_id: FromPath[uuid.UUID], data: Form
) -> Response[Any]:
    viewer = viewer_of(request)
    # the person first: another community's id answers like one that does not exist
    viewer.service.actor(person_id, by=viewer.actor_id)
    role = CommunityRole(
        forms.choice(
            forms.text(data, "role", required=True), "role", [r.value for r in CommunityRole]
        )
    )
    if forms.text(data, "change", limit=10) == "revoke":
        viewer.service.revoke_role(person_id, role, by=viewer.actor_id)
    else:
        viewer.service.grant_role(person_id, role, by=viewer.actor_id)
    return flash_redirect(f"/people/{person_id}", "changed")


@page_post("/people/{person_id:uuid}/membership", name="person_membership", needs="people")
def person_membership(
    request: Request[Any, Any, Any], person_id: FromPath[uuid.UUID], data: Form
) -> Response[Any]:
    viewer = viewer_of(request)
    viewer.service.actor(person_id, by=viewer.actor_id)
    organisation = forms.an_id(
        forms.text(data, "organisation_id", required=True), "organisation_id"
    )
    role = Role(
        forms.choice(forms.text(data, "role", required=True), "role", [r.value for r in Role])
    )
    viewer.service.add_membership(person_id, organisation, role, by=viewer.actor_id)
    return flash_redirect(f"/people/{person_id}", "changed")


@page_post("/people/{person_id:uuid}/deactivate", name="person_deactivate", needs="people")
def person_deactivate(
    request: Request[Any, Any, Any], person_id: FromPath[uuid.UUID]
) -> Response[Any]:
    viewer = viewer_of(request)
    viewer.service.deactivate_person(person_id, by=viewer.actor_id)
    return flash_redirect(f"/people/{person_id}", "deactivated")


@page_post("/people/{person_id:uuid}/reactivate", name="person_reactivate", needs="people")
def person_reactivate(
    request: Request[Any, Any, Any], person_id: FromPath[uuid.UUID]
) -> Response[Any]:
    viewer = viewer_of(request)
    viewer.service.reactivate_person(person_id, by=viewer.actor_id)
    return flash_redirect(f"/people/{person_id}", "reactivated")


@page_post("/people/{person_id:uuid}/invite", name="person_invite", needs="people")
def person_invite(request: Request[Any, Any, Any], person_id: FromPath[uuid.UUID]) -> Response[Any]:
    viewer = viewer_of(request)
    person = viewer.service.actor(person_id, by=viewer.actor_id)
    try:
        service_of(page_of(request).app).invite(viewer, person, page_of(request).lang)
    except (MailNotSent, ConfigError) as refused:
        return _person_page(
            request, person_id, status=503, error=refused.message(page_of(request).lang)
        )
    return flash_redirect(f"/people/{person_id}", "invited")


def _sheet(request: Request[Any, Any, Any], person: Actor, login: str, password: str) -> Template:
    viewer = viewer_of(request)
    web = page_of(request).app
    own = service_of(web).settings_of(viewer.account.community_id)
    names = {a.id: a.name for a in viewer.service.actors(by=viewer.actor_id)}
    return render(
        request,
        "sign_in_sheet.html",
        person=person,
        login=login,
        password=password,
        address=links.base_url(web.settings) or "",
        community=viewer.service.info().name,
        trusted=[names.get(t, "-") for t in viewer.service.actor(person.id).trusted_persons],
        phone=own.phone,
    )


@page_post("/people/{person_id:uuid}/account", name="person_account", needs="people")
def person_account(
    request: Request[Any, Any, Any], person_id: FromPath[uuid.UUID], data: Form
) -> Response[Any]:
    viewer = viewer_of(request)
    person = viewer.service.actor(person_id, by=viewer.actor_id)
    try:
        account, password = service_of(page_of(request).app).assisted(
            viewer,
            person,
            forms.text(data, "login", required=True, limit=64),
            forms.optional_id(data, "trusted_id"),
        )
    except ValidationError as refused:
        field = field_of(refused)
        message = refused.message(page_of(request).lang)
        return _person_page(
            request,
            person_id,
            status=422,
            errors={field: message} if field else {},
            error=None if field else message,
            values=forms.form_values(data),
        )
    # shown once, to print: the password is kept only as its hash
    return _sheet(request, person, account.login, password)


@page_post("/people/{person_id:uuid}/initial-password", name="person_initial", needs="people")
def person_initial(
    request: Request[Any, Any, Any], person_id: FromPath[uuid.UUID]
) -> Response[Any]:
    viewer = viewer_of(request)
    person = viewer.service.actor(person_id, by=viewer.actor_id)
    account, password = service_of(page_of(request).app).new_initial_password(viewer, person)
    return _sheet(request, person, account.login, password)


# -- registering a person -----------------------------------------------------------------


def _new_form(
    request: Request[Any, Any, Any],
    *,
    status: int = 200,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    error: str | None = None,
) -> Template:
    viewer = viewer_of(request)
    return render(
        request,
        "person_new.html",
        status=status,
        places=viewer.service.places(),
        errors=errors or {},
        values=values or {},
        error=error,
    )


@page_get("/people/new", name="person_new", needs="people")
def person_new(request: Request[Any, Any, Any]) -> Template:
    viewer_of(request).require("manage_accounts")
    return _new_form(request)


@page_post("/people", name="person_post", needs="people")
def person_post(request: Request[Any, Any, Any], data: Form) -> Response[Any]:
    viewer = viewer_of(request)
    viewer.require("manage_accounts")
    values = {k: v for k, v in data.items() if k != "_csrf_token"}
    try:
        person = viewer.service.register_actor(
            ActorKind.PERSON,
            forms.text(data, "name", limit=200),
            email=forms.text(data, "email", limit=254) or None,
            phone=forms.text(data, "phone", limit=50) or None,
            home_place_id=forms.optional_id(data, "place_id"),
            by=viewer.actor_id,
        )
    except ValidationError as refused:
        # at its field without the field's name (its label stands beside it)
        errors, top = forms.field_errors(
            refused, page_of(request).lang, ("name", "email", "phone", "place_id")
        )
        return _new_form(request, status=422, errors=errors, values=values, error=top)
    return flash_redirect(f"/people/{person.id}", "person")


ROUTES = [
    people,
    person_new,
    person_post,
    person_admin,
    person_roles,
    person_membership,
    person_deactivate,
    person_reactivate,
    person_invite,
    person_account,
    person_initial,
]
