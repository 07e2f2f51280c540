"""The web platform's published API for plugins (sorgende_web.extend): a plugin's page
with a form, its refusal next to the field, and an endpoint of the REST API."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest
from litestar import Request
from litestar.params import JSONBody
from litestar.testing import TestClient
from sorgende_web import create_app
from sorgende_web.extend import (
    Form,
    InvalidInput,
    api_post,
    done,
    field_of,
    forms,
    json,
    page_get,
    page_of,
    page_post,
    render,
    signed_in,
    status_of,
)
from sorgende_web.testing import World, api_token, bearer, form, sign_in

from sorgende.errors import InvalidValue, Message, NotFound
from sorgende.hookspecs import hookimpl


class BedsIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    beds: int


@page_get("/garden", name="garden")
def garden(request: Request[Any, Any, Any]) -> Any:
    viewer = signed_in(request)
    return render("garden.html", name=viewer.actor.name, error=None, field=None)


@page_post("/garden/beds", name="garden_beds")
def garden_beds(request: Request[Any, Any, Any], data: Form) -> Any:
    viewer = signed_in(request)
    try:
        beds = forms.integer(forms.text(data, "beds", required=True), "beds", 1, 40)
    except InvalidInput as refused:
        lang = page_of(request).lang
        return render(
            "garden.html",
            status=status_of(refused),
            name=viewer.actor.name,
            error=refused.message(lang),
            field=field_of(refused),
        )
    return done(f"/garden?beds={beds}", "saved", anchor="beds")


@api_post("/api/garden/beds", status=201)
def garden_api(request: Request[Any, Any, Any], data: JSONBody[BedsIn]) -> Any:
    signed_in(request)
    if data.beds > 40:
        raise InvalidValue("beds", Message("web.problem.forms.empty"))
    return json({"beds": data.beds}, 201)


class Garden:
    def __init__(self, templates: Path) -> None:
        self.templates = templates

    @hookimpl
    def sorgende_web_routes(self) -> list[Any]:
        return [garden, garden_beds, garden_api]

    @hookimpl
    def sorgende_web_template_dirs(self) -> list[str]:
        return [str(self.templates)]


@pytest.fixture
def garden_client(world: World, tmp_path: Path) -> TestClient[Any]:
    (tmp_path / "garden.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1>{{ name }}</h1>'
        '<form method="post" action="/garden/beds">{{ csrf_input | safe }}'
        '<input name="beds">{% if field == "beds" %}<p id="beds-error">{{ error }}</p>{% endif %}'
        "</form>{% endblock %}"
    )
    world.platform.plugins.register(Garden(tmp_path))
    return TestClient(create_app(world.platform))


def test_a_plugin_page_in_the_layout_with_its_form(garden_client: TestClient[Any]) -> None:
    assert garden_client.get("/garden", follow_redirects=False).status_code == 303
    sign_in(garden_client, "anna")
    page = garden_client.get("/garden")
    assert "<h1>Anna Alt</h1>" in page.text and 'class="skip-link"' in page.text
    answer = form(garden_client, "/garden/beds", {"beds": "12"})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/garden?beds=12&done=saved#beds"
    refused = form(garden_client, "/garden/beds", {"beds": "viele"})
    assert refused.status_code == 422
    assert '<p id="beds-error">' in refused.text and "viele" in refused.text


def test_a_plugin_endpoint_of_the_api(world: World, garden_client: TestClient[Any]) -> None:
    token = bearer(api_token(world.platform, "anna"))
    assert garden_client.post("/api/garden/beds", json={"beds": 3}, headers=token).json() == {
        "beds": 3
    }
    unknown = garden_client.post("/api/garden/beds", json={"beds": 3, "x": 1}, headers=token)
    assert unknown.status_code == 400
    assert unknown.headers["content-type"].startswith("application/problem+json")
    too_many = garden_client.post("/api/garden/beds", json={"beds": 41}, headers=token)
    assert too_many.status_code == 422
    assert garden_client.post("/api/garden/beds", json={"beds": 3}).status_code == 401
    document = garden_client.get("/api/schema/openapi.json").json()
    assert "/api/garden/beds" in document["paths"] and "/garden" not in document["paths"]


def test_field_and_status_of_refusals() -> None:
    assert field_of(InvalidInput("beds", Message("web.problem.forms.empty"))) == "beds"
    assert field_of(InvalidValue("title", Message("web.problem.forms.empty"))) == "title"
    assert field_of(NotFound("actor", "x")) is None
    assert status_of(NotFound("actor", "x")) == 404
    assert status_of(InvalidInput("beds", Message("web.problem.forms.empty"))) == 422
