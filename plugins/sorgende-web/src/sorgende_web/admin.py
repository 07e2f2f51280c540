"""The coordination's and the administration's pages: the dashboard, the community's
settings, the audit trail of privileged acts.

Who may open them is the core's policy (:data:`sorgende_web.access.NEEDS`): the dashboard
whoever coordinates (of what they coordinate), places and categories community
coordinators and administrators, the accounts and their roles administrators, the audit
trail the administrators and the data protection officer (``Action.READ_AUDIT``, as
``CommunityService.audit_trail`` itself decides).
"""

from __future__ import annotations

import re
from typing import Any

from litestar import Request, Response
from litestar.params import FromQuery
from litestar.response import Template

from sorgende import Housekeeping
from sorgende.domain.categories import Category
from sorgende.domain.community import PlaceKind
from sorgende.domain.policy import Action
from sorgende.errors import ConflictError, Message, ValidationError
from sorgende.i18n import format_when, localise
from sorgende_web import forms, queries
from sorgende_web.access import Viewer, role_labels
from sorgende_web.context import page_of
from sorgende_web.errors import InvalidInput
from sorgende_web.pages import DONE, Form, flash_redirect, page_get, page_post, render, viewer_of

# -- the coordination -------------------------------------------------------------------


@page_get("/dashboard", name="dashboard", needs="coordination")
def dashboard_page(request: Request[Any, Any, Any]) -> Template:
    viewer = viewer_of(request)
    web = page_of(request).app
    board = queries.dashboard(viewer, web.platform.clock(), web.zone)
    solidarity = None
    if viewer.may(Action.READ_SOLIDARITY):
        account = viewer.service.info().solidarity_account
        solidarity = viewer.service.balance(account, by=viewer.actor_id).minutes
    return render(request, "dashboard.html", board=board, solidarity=solidarity)


def _settings(
    request: Request[Any, Any, Any],
    done: str | None = None,
    error: str | None = None,
    status: int = 200,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
) -> Template:
    viewer = viewer_of(request)
    return render(
        request,
        "settings.html",
        status=status,
        places=viewer.service.places(),
        categories=viewer.service.categories(),
        done=DONE.get(done or ""),
        error=error,
        errors=errors or {},
        values=values or {},
        kinds=list(PlaceKind),
        may_add_place=viewer.may(Action.ADD_PLACE),
        # the community's choices: for who changes its settings, as the policy says
        auto_confirm=_auto_confirm(request, viewer, values or {}),
        may_add_category=viewer.may(Action.ADD_CATEGORY),
        # the accounts and their roles: for who grants roles
        accounts=_accounts(request, viewer) if viewer.may(Action.GRANT_ROLE) else None,
    )


def _auto_confirm(
    request: Request[Any, Any, Any], viewer: Viewer, values: dict[str, Any]
) -> dict[str, Any] | None:
    """The auto-confirm form's values (what was typed, or the community's choice), or
    None for who may not change the community's settings."""
    if not viewer.may(Action.CHANGE_SETTINGS):
        return None
    if "auto_confirm_days" in values:
        days = str(values["auto_confirm_days"])
    else:
        chosen = Housekeeping(page_of(request).app.platform).settings(viewer.account.community_id)
        days = "" if chosen.auto_confirm_days is None else str(chosen.auto_confirm_days)
    return {"days": days, "most": Housekeeping.max_auto_confirm_days}


def _accounts(request: Request[Any, Any, Any], viewer: Viewer) -> list[tuple[Any, str]]:
    """The community's accounts, each with its person's roles as the domain names them."""
    lang = page_of(request).lang
    found = []
    for account in page_of(request).app.accounts.accounts(viewer.account.community_id):
        roles = role_labels(viewer.service.acting(account.actor_id), lang)
        found.append((account, ", ".join(roles)))
    return found


@page_get("/settings", name="settings", needs="settings")
def settings_page(request: Request[Any, Any, Any], done: FromQuery[str | None] = None) -> Template:
    return _settings(request, done)


#: the place form's fields and the ids of their controls
_PLACE_FIELDS = {"name": "place-name", "kind": "place-kind"}


@page_post("/settings/places", name="settings_place", needs="add_place")
def settings_place(request: Request[Any, Any, Any], data: Form) -> Response[Any]:
    viewer = viewer_of(request)
    try:
        kind = forms.choice(
            forms.text(data, "kind") or "village", "kind", [k.value for k in PlaceKind]
        )
        viewer.service.add_place(
            forms.text(data, "name", required=True, limit=200), PlaceKind(kind), by=viewer.actor_id
        )
    except (ValidationError, ConflictError) as refused:
        # at its field, what was typed kept
        found, top = forms.field_errors(refused, page_of(request).lang, _PLACE_FIELDS)
        errors = {_PLACE_FIELDS[field]: text for field, text in found.items()}
        return _settings(
            request, error=top, status=422, errors=errors, values=forms.form_values(data)
        )
    return flash_redirect("/settings", "changed")


#: the category form's fields and the ids of their controls
_CATEGORY_FIELDS = {"code": "category-code", "name_de": "category-de", "name_en": "category-en"}


@page_post("/settings/categories", name="settings_category", needs="add_category")
def settings_category(request: Request[Any, Any, Any], data: Form) -> Response[Any]:
    viewer = viewer_of(request)
    try:
        code = forms.text(data, "code", required=True, limit=50).lower()
        if not code.replace("_", "").isalnum() or not code.isascii():
            raise InvalidInput(
                "code",
                Message("web.problem.pages.use_letters_z_digits"),
            )
        name_de = forms.text(data, "name_de", required=True, limit=100)
        name_en = forms.text(data, "name_en", limit=100) or name_de
        viewer.service.add_category(
            Category(code, {"de": name_de, "en": name_en}), by=viewer.actor_id
        )
    except (ValidationError, ConflictError) as refused:
        # at its field (the fields' ids name their form: "category-code"), what was typed kept
        found, top = forms.field_errors(refused, page_of(request).lang, _CATEGORY_FIELDS)
        errors = {_CATEGORY_FIELDS[field]: text for field, text in found.items()}
        return _settings(
            request, error=top, status=422, errors=errors, values=forms.form_values(data)
        )
    return flash_redirect("/settings", "changed")


_DAYS = re.compile(r"^[+-]?\d{1,9}$")


@page_post("/settings/auto-confirm", name="settings_auto_confirm", needs="change_settings")
def settings_auto_confirm(request: Request[Any, Any, Any], data: Form) -> Response[Any]:
    """After how many days a completed exchange nobody confirmed counts as confirmed
    (empty: never); the range is the core's (``Housekeeping.set_auto_confirm``)."""
    viewer = viewer_of(request)
    try:
        typed = forms.text(data, "auto_confirm_days", limit=20)
        if typed and not _DAYS.match(typed):
            raise InvalidInput(
                "auto_confirm_days", Message("housekeeping.problem.auto_confirm_days")
            )
        Housekeeping(page_of(request).app.platform).set_auto_confirm(
            viewer.account.community_id, int(typed) if typed else None, by=viewer.actor_id
        )
    except ValidationError as refused:
        found, top = forms.field_errors(refused, page_of(request).lang, ("auto_confirm_days",))
        errors = {"auto-confirm-days": found["auto_confirm_days"]} if found else {}
        return _settings(
            request, error=top, status=422, errors=errors, values=forms.form_values(data)
        )
    return flash_redirect("/settings", "changed")


# -- the audit trail ----------------------------------------------------------------------

#: the most entries the page shows, newest first
AUDIT_ENTRIES = 200


@page_get("/audit", name="audit", needs="audit")
def audit(request: Request[Any, Any, Any]) -> Template:
    """The latest privileged acts: when (local time), who (for whom), what; by name."""
    viewer = viewer_of(request)
    lang = page_of(request).lang
    trail = viewer.service.audit_trail(by=viewer.actor_id, limit=AUDIT_ENTRIES)
    rows = [
        {
            "when": format_when(entry.local_at, lang),
            "who": str(localise(entry.who, lang)),
            "what": str(localise(entry.what, lang)),
        }
        for entry in reversed(trail)
    ]
    return render(request, "audit.html", rows=rows, most=AUDIT_ENTRIES)


ROUTES = [
    dashboard_page,
    settings_page,
    settings_place,
    settings_category,
    settings_auto_confirm,
    audit,
]
