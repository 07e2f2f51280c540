"""A person's own data protection: download their data (the core's ``export_person``, as
JSON and as a page to read), and ask to be erased.

An erasure is carried out as the community's ``[plugins.accounts] erasure`` says:
``direct``, the person's request erases them at once (``erase_person`` by the person);
``confirmed`` (the default), the request waits for the data protection officer, who
carries it out on ``/erasures`` (``erase_person`` by the officer: the policy's). Either
way the person is told by e-mail before their address is erased, and by a page.
"""

# ruff: noqa: E501  (a page text is one literal: the catalogue test reads it whole)

from __future__ import annotations

import json
import re
from contextlib import suppress
from datetime import UTC, datetime
from typing import Any

import attrs
from litestar import Request, Response
from litestar.params import FromQuery
from litestar.response import Redirect, Template

from sorgende.domain.actors import Actor
from sorgende.domain.policy import Action
from sorgende.errors import ConflictError, Message, NotFound, SorgendeError
from sorgende.i18n import format_when, is_registered, translate
from sorgende_web import forms
from sorgende_web.account_errors import FieldProblem
from sorgende_web.account_records import ERASURE_REQUEST, ErasureRequestRecord
from sorgende_web.account_service import service_of
from sorgende_web.context import SESSION_COOKIE, page_of
from sorgende_web.i18n import N_
from sorgende_web.pages import PUBLIC, Form, flash_redirect, page_get, page_post, render, viewer_of

DONE = {
    "asked": N_(
        "Your request is recorded. The data protection officer will carry it out and tell you."
    ),
    "erased": N_("The person's data is erased."),
}
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_WHEN = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
#: fields of an exported record that say nothing to a person (ids, versions)
_SKIPPED = {"id", "community_id", "version", "actor_id", "password_hash", "token_hash"}


def _export(request: Request[Any, Any, Any]) -> dict[str, Any]:
    viewer = viewer_of(request)
    return viewer.service.export_person(viewer.actor_id, by=viewer.actor_id)


@page_get("/my-data", name="my_data")
def my_data(request: Request[Any, Any, Any], done: FromQuery[str | None] = None) -> Template:
    return _my_data(request, done)


def _my_data(
    request: Request[Any, Any, Any],
    done: str | None = None,
    status: int = 200,
    errors: dict[str, str] | None = None,
) -> Template:
    viewer = viewer_of(request)
    web = page_of(request).app
    community_id = viewer.account.community_id
    with web.platform.read(community_id) as uow:
        asked = uow.of(ERASURE_REQUEST).find(viewer.actor_id)
    lang = page_of(request).lang
    consents = [
        {
            "name": _consent_label(c.name, lang),
            "given": c.given,
            "version": c.version,
            "at": format_when(c.at.astimezone(web.zone), lang),
        }
        for c in service_of(web).consents(community_id, viewer.actor_id)
    ]
    return render(
        request,
        "my_data.html",
        asked=format_when(asked.asked_at.astimezone(web.zone), lang) if asked else None,
        direct=service_of(web).settings_of(community_id).erasure == "direct",
        consents=consents,
        done=DONE.get(done or ""),
        errors=errors or {},
        status=status,
    )


def _consent_label(name: str, lang: str) -> str:
    return translate(f"web.consent.{name}", lang)


@page_get("/my-data/export.json", name="my_data_json")
def my_data_json(request: Request[Any, Any, Any]) -> Response[bytes]:
    data = _export(request)
    day = datetime.now(UTC).date().isoformat()
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2).encode(),
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="meine-daten-{day}.json"'},
    )


@page_get("/my-data/export", name="my_data_page")
def my_data_page(request: Request[Any, Any, Any]) -> Template:
    data = _export(request)
    page = page_of(request)
    viewer = viewer_of(request)
    names: dict[str, str] = {str(a.id): a.name for a in viewer.service.actors(by=viewer.actor_id)}
    names |= {str(p.id): p.name for p in viewer.service.places()}
    lang = page.lang

    def show(value: Any) -> str:
        if isinstance(value, bool):
            return translate("web.value.yes" if value else "web.value.no", lang)
        if isinstance(value, str):
            if _UUID.match(value):
                return names.get(value, "")
            if _WHEN.match(value):
                try:
                    when = datetime.fromisoformat(value)
                except ValueError:
                    return value
                return format_when(when.astimezone(page.app.zone), lang)
            return value
        if isinstance(value, dict):
            parts = [f"{_label(k, lang)}: {show(v)}" for k, v in value.items() if k not in _SKIPPED]
            return "; ".join(p for p in parts if not p.endswith(": "))
        if isinstance(value, list | tuple):
            return ", ".join(s for s in (show(v) for v in value) if s)
        return "" if value is None else str(value)

    def rows(record: dict[str, Any]) -> list[tuple[str, str]]:
        shown = [(_label(k, lang), show(v)) for k, v in record.items() if k not in _SKIPPED]
        return [(k, v) for k, v in shown if v]

    kinds = [
        {"name": _kind_label(kind, lang), "records": [rows(r) for r in records]}
        for kind, records in sorted(data["records"].items())
    ]
    return render(
        request,
        "my_data_export.html",
        me=rows(data["actor"]),
        kinds=kinds,
        exported=show(data["exported_at"]),
    )


def _label(field: str, lang: str) -> str:
    key = f"web.field.{field}"
    return translate(key, lang) if is_registered(key) else field.replace("_", " ")


def _kind_label(kind: str, lang: str) -> str:
    key = f"web.kind.{kind}"
    return translate(key, lang) if is_registered(key) else kind


# -- erasure ------------------------------------------------------------------------------


def _tell_erased(web: Any, person: Actor, lang: str) -> None:
    """The e-mail that confirms an erasure, sent while the address is still known; an
    erasure is not held back because a message could not be sent."""
    if not person.email:
        return
    with suppress(SorgendeError):
        service_of(web).send(
            person.community_id, name=person.name, address=person.email, kind="erased", lang=lang
        )


@page_post("/my-data/erase", name="my_data_erase")
def my_data_erase(request: Request[Any, Any, Any], data: Form) -> Response[Any]:
    viewer = viewer_of(request)
    page = page_of(request)
    web = page.app
    if not forms.checkbox(data, "sure"):
        # at the checkbox, on the page it was sent from
        unsure = FieldProblem("sure", Message("web.problem.accounts.erase_sure"))
        message = unsure.message(page.lang)
        return _my_data(request, status=422, errors={"sure": message[:1].upper() + message[1:]})
    community_id = viewer.account.community_id
    person = viewer.actor
    if service_of(web).settings_of(community_id).erasure == "direct":
        # the policy asked first: a refusal erases nothing and sends nothing
        if viewer.may(Action.ERASE_PERSON, subject=person):
            _tell_erased(web, person, page.lang)
        viewer.service.erase_person(viewer.actor_id, by=viewer.actor_id)
        response = Redirect("/erased", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response
    try:
        with web.platform.use_case(community_id) as w:
            w.uow.of(ERASURE_REQUEST).add(
                ErasureRequestRecord(
                    community_id,
                    viewer.actor_id,
                    datetime.now(UTC),
                    email=person.email or "",
                    language=page.lang,
                )
            )
    except ConflictError:
        pass  # asked before: the request stands (and its time)
    return flash_redirect("/my-data", "asked")


@page_get("/erased", name="erased", **PUBLIC)
def erased(request: Request[Any, Any, Any]) -> Template:
    return render(
        request,
        "notice.html",
        title=N_("Your data is erased"),
        done=N_(
            "Your data is erased: your account, your details and what you wrote about yourself. The hours you gave and received stay in the community's time bank without your name."
        ),
    )


@page_get("/erasures", name="erasures", needs="data_protection")
def erasures(request: Request[Any, Any, Any], done: FromQuery[str | None] = None) -> Template:
    viewer = viewer_of(request)
    web = page_of(request).app
    lang = page_of(request).lang
    with web.platform.read(viewer.account.community_id) as uow:
        found = uow.of(ERASURE_REQUEST).list()
    names = {a.id: a.name for a in viewer.service.actors(by=viewer.actor_id)}
    rows = [
        {
            "id": r.actor_id,
            "name": names.get(r.actor_id, "-"),
            "asked": format_when(r.asked_at.astimezone(web.zone), lang),
        }
        for r in sorted(found, key=lambda r: r.asked_at)
    ]
    return render(request, "erasures.html", rows=rows, done=DONE.get(done or ""))


@page_post("/erasures", name="erasure_confirm", needs="data_protection")
def erasure_confirm(request: Request[Any, Any, Any], data: Form) -> Response[Any]:
    viewer = viewer_of(request)
    person_id = forms.an_id(forms.text(data, "person_id", required=True), "person_id")
    web = page_of(request).app
    with web.platform.read(viewer.account.community_id) as uow:
        asked = uow.of(ERASURE_REQUEST).find(person_id)
    if asked is None:
        raise NotFound("erasure_request", "-")
    person = viewer.service.actor(person_id, by=viewer.actor_id)
    # the policy asked before anything is sent; erase_person asks again
    if viewer.may(Action.ERASE_PERSON, subject=person):
        if asked.email and not person.email:
            person = attrs.evolve(person, email=asked.email)
        _tell_erased(web, person, asked.language)
    # the request is the person's: erased with them
    viewer.service.erase_person(person_id, by=viewer.actor_id)
    return flash_redirect("/erasures", "erased")


ROUTES = [
    my_data,
    my_data_json,
    my_data_page,
    my_data_erase,
    erased,
    erasures,
    erasure_confirm,
]
