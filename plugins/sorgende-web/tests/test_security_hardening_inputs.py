"""Bodies and paths the security probe of issue 13 answered with 500 or took by a guess.

Before: JSON nested 1,000 deep, a start near the year 9999 and ``GET /static/x%00``
answered 500; the API read ``text/plain`` bodies as JSON and coerced ``"hours": "1"``
to a number; the OpenAPI document did not say that bodies refuse unknown fields. Each
test failed on that code and passes now: every refusal is an RFC 9457 problem of the
project's error family, in German or English, naming the field.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from litestar.testing import TestClient
from sorgende_web.inputs import MAX_DEPTH, nesting
from sorgende_web.testing import World, api_token, bearer, form, sign_in

PROBLEM = "application/problem+json"


@pytest.fixture
def api(client: TestClient[Any], world: World) -> tuple[TestClient[Any], dict[str, str]]:
    return client, bearer(api_token(world.platform, "markus"))


def _body(world: World, **changes: Any) -> dict[str, Any]:
    start = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0)
    body = {
        "category": "shopping",
        "place_id": str(world.places["Mehren"].id),
        "start": start.isoformat(),
        "hours": 1,
    }
    body.update(changes)
    return body


def _problem(answer: Any, status: int) -> dict[str, Any]:
    assert answer.status_code == status, answer.text[:300]
    assert answer.headers["content-type"].startswith(PROBLEM)
    found: dict[str, Any] = answer.json()
    assert found["status"] == status
    assert found["type"].startswith("https://sorgende.invalid/problems/")
    return found


# -- depth and size -------------------------------------------------------------------------


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_json_nested_a_thousand_deep_is_refused(api: Any, opening: str) -> None:
    client, token = api
    closing = "]" if opening == "[" else "}"
    body = opening * 1000 + ("1" if opening != "[" else "") + closing * 1000
    answer = client.post(
        "/api/requests", content=body, headers={**token, "content-type": "application/json"}
    )
    found = _problem(answer, 400)
    assert f"tiefer als {MAX_DEPTH} Ebenen" in found["detail"]


def test_nesting_skips_brackets_in_strings() -> None:
    assert nesting(b'{"a": "[[[[{{{{", "b": [1, [2]]}') == 3
    assert nesting(b'"\\"[["') == 0


def test_a_body_over_a_megabyte_is_refused(api: Any) -> None:
    client, token = api
    body = b'{"name": "' + b"x" * 1_100_000 + b'"}'
    answer = client.post(
        "/api/places", content=body, headers={**token, "content-type": "application/json"}
    )
    _problem(answer, 413)


# -- media type and strict types -------------------------------------------------------------


@pytest.mark.parametrize("media", ["text/plain", "application/x-www-form-urlencoded", ""])
def test_a_json_body_must_be_sent_as_json(api: Any, world: World, media: str) -> None:
    client, token = api
    answer = client.post(
        "/api/places",
        content=json.dumps({"name": "Steinborn"}),
        headers={**token, "content-type": media},
    )
    found = _problem(answer, 415)
    assert "application/json" in found["detail"]
    assert "Steinborn" not in {p.name for p in world.community.places()}


@pytest.mark.parametrize(
    ("change", "field", "german"),
    [
        ({"hours": "1"}, "hours", "muss vom Typ number sein, nicht string"),
        ({"urgent": "true"}, "urgent", "muss vom Typ boolean sein, nicht string"),
        ({"helpers_needed": "2"}, "helpers_needed", "muss vom Typ integer sein"),
        ({"start": 1_800_000_000}, "start", "muss vom Typ string (date-time) sein"),
        ({"start": "2027-01-01T10:00:00"}, "start", "keine Zeitangabe mit Zeitzone"),
        ({"place_id": "nicht-eine-kennung"}, "place_id", "keine Kennung"),
        ({"repeat": "hourly"}, "repeat", "keiner der erlaubten Werte"),
        ({"status": "done"}, "status", "ist kein Feld dieser Anfrage"),
        ({"hours": 0}, "hours", "muss > 0 sein"),
        ({"title": "x" * 201}, "title", "muss <= 200 Zeichen lang sein"),
    ],
)
def test_types_are_not_coerced_and_the_refusal_names_the_field(
    api: Any, world: World, change: dict[str, Any], field: str, german: str
) -> None:
    client, token = api
    before = len(world.community.requests())
    answer = client.post("/api/requests", json=_body(world, **change), headers=token)
    found = _problem(answer, 400)
    assert found["detail"].startswith(f"{field}: "), found["detail"]
    assert german in found["detail"]
    assert found["errors"] == [{"key": field, "source": "body"}]
    assert len(world.community.requests()) == before


def test_a_missing_field_is_named_in_english_too(api: Any, world: World) -> None:
    client, token = api
    body = _body(world)
    del body["place_id"]
    answer = client.post("/api/requests", json=body, headers={**token, "accept-language": "en"})
    assert _problem(answer, 400)["detail"] == "place_id: is missing"


def test_a_well_formed_body_still_passes(api: Any, world: World) -> None:
    client, token = api
    answer = client.post("/api/requests", json=_body(world, hours=1.5), headers=token)
    assert answer.status_code == 201, answer.text


# -- extreme times -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start",
    ["9999-12-31T23:00:00Z", "9999-12-31T23:59:59.999999+00:00", "0001-01-01T00:00:00Z"],
)
def test_extreme_times_are_refused_not_a_server_error(api: Any, world: World, start: str) -> None:
    client, token = api
    for path, body in (
        ("/api/requests", _body(world, start=start)),
        ("/api/offers", {"category": "shopping", "start": start, "hours": 2}),
    ):
        found = _problem(client.post(path, json=body, headers=token), 422)
        assert found["detail"].startswith("start: das Jahr ")
    request = world.post_request("anna")
    proposal = {"request_id": str(request.id), "scheduled": start}
    found = _problem(client.post("/api/exchanges", json=proposal, headers=token), 422)
    assert found["detail"].startswith("scheduled: ")


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_extreme_days_in_a_page_form_are_refused(app: Any, world: World, day: str) -> None:
    browser = TestClient(app)
    sign_in(browser, "anna")
    fields = {"category": "shopping", "hours": "1", "date": day, "time": "23:30"}
    place = {"place_id": str(world.places["Mehren"].id), "title": "Einkauf"}
    for path, data in (("/requests", {**fields, **place}), ("/offers", fields)):
        answer = form(browser, path, data)
        assert answer.status_code == 422, (path, answer.status_code)
        assert "liegt außerhalb der Zeiten, die die Plattform verarbeitet" in answer.text


# -- paths ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/static/x%00", "/static/%00", "/static/sorgende.css%00.png", "/requests/%00"]
)
def test_a_nul_in_a_path_is_not_found(client: TestClient[Any], path: str) -> None:
    answer = client.get(path, follow_redirects=False)
    assert answer.status_code == 404, (path, answer.status_code)


def test_static_files_are_still_served(client: TestClient[Any]) -> None:
    assert client.get("/static/sorgende.css").status_code == 200


# -- the document says what the server does ----------------------------------------------------


def test_every_body_schema_refuses_unknown_fields(client: TestClient[Any]) -> None:
    document = client.get("/api/openapi.json").json()
    schemas = document["components"]["schemas"]
    bodies = set()
    for item in document["paths"].values():
        for operation in item.values():
            content = operation.get("requestBody", {}).get("content", {})
            for media, described in content.items():
                assert media == "application/json"
                bodies.add(described["schema"]["$ref"].rsplit("/", 1)[1])
    assert {"RequestIn", "OfferIn", "ProposeIn", "TransitionIn", "CommitmentIn"} <= bodies
    for name in bodies:
        assert schemas[name].get("additionalProperties") is False, (name, schemas[name])
    # the bounds the server checks are in the document, also of optional numbers
    assert schemas["RequestIn"]["properties"]["hours"]["exclusiveMinimum"] == 0
    hours = schemas["ProposeIn"]["properties"]["hours"]["anyOf"][0]
    assert hours == {"type": "number", "exclusiveMinimum": 0, "maximum": 24}
    assert schemas["RequestIn"]["properties"]["start"]["format"] == "date-time"
    # and the refusals of the body are documented answers
    post = document["paths"]["/api/requests"]["post"]["responses"]
    assert {"400", "413", "415", "422"} <= set(post)


@pytest.mark.parametrize(
    ("value", "status", "german"),
    [
        ("0.5", 400, "keine Zeitangabe mit Zeitzone"),
        ("1800000000", 400, "keine Zeitangabe mit Zeitzone"),
        ("9999-12-31T23:59:59+00:00", 422, "das Jahr 9999 liegt außerhalb"),
    ],
)
def test_times_in_the_query_are_read_as_documented(
    api: Any, value: str, status: int, german: str
) -> None:
    """The framework read a number as a Unix time; the document says RFC 3339."""
    client, token = api
    found = _problem(client.get("/api/account", params={"until": value}, headers=token), status)
    assert found["detail"].startswith("until: ") and german in found["detail"]


def test_a_whole_number_written_with_a_point_is_the_number(api: Any, world: World) -> None:
    """JSON Schema (and so the document) calls 2.0 an integer: the server agrees."""
    client, token = api
    answer = client.post("/api/requests", json=_body(world, helpers_needed=2.0), headers=token)
    assert answer.status_code == 201, answer.text
    assert answer.json()["helpers_needed"] == 2
    refused = client.post("/api/requests", json=_body(world, helpers_needed=2.5), headers=token)
    assert _problem(refused, 400)["detail"].startswith("helpers_needed: ")
