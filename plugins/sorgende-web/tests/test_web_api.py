"""The REST API: tokens, problem details, pagination, no mass assignment, every endpoint."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from litestar.testing import TestClient
from sorgende_web.testing import World, api_token, bearer

from sorgende.domain.exchanges import ExchangeState
from sorgende.serialization import converter

START = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0).isoformat()
#: an hour ago: help that has begun can be reported as done
BEGUN = (datetime.now(UTC) - timedelta(hours=1)).replace(microsecond=0).isoformat()


@pytest.fixture
def api(world: World, client: TestClient[Any]) -> Any:
    """``api("anna").get(path)``: calls with Anna's token."""
    tokens: dict[str, str] = {}

    class Caller:
        def __init__(self, login: str) -> None:
            if login not in tokens:
                tokens[login] = api_token(world.platform, login)
            self.headers = bearer(tokens[login])

        def get(self, path: str, headers: dict[str, str] | None = None) -> Any:
            return client.get(path, headers={**self.headers, **(headers or {})})

        def post(self, path: str, json: Any = None, **kwargs: Any) -> Any:
            return client.post(
                path, headers=self.headers, json=json if json is not None else {}, **kwargs
            )

    return Caller


def new_request(world: World, **changes: Any) -> dict[str, Any]:
    body = {
        "category": "shopping",
        "place_id": str(world.places["Mehren"].id),
        "start": START,
        "hours": 1.5,
        "title": "Einkauf",
    }
    body.update(changes)
    return body


def test_openapi_document(client: TestClient[Any]) -> None:
    answer = client.get("/api/openapi.json")
    assert answer.status_code == 200
    document = answer.json()
    assert document["openapi"].startswith("3.")
    paths = document["paths"]
    for path in (
        "/api/requests",
        "/api/requests/{request_id}",
        "/api/exchanges",
        "/api/exchanges/{exchange_id}/{transition}",
        "/api/account",
        "/api/dashboard",
    ):
        assert path in paths, path
    assert not any(p.startswith(("/board", "/login")) for p in paths)  # pages are not the API
    schemas = document["components"]["schemas"]
    assert "HelpRequest" in schemas and "Exchange" in schemas
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    assert client.get("/api/schema/openapi.json").json()["paths"] == paths


def test_me(api: Any, world: World) -> None:
    answer = api("anna").get("/api/me")
    assert answer.status_code == 200
    body = answer.json()
    assert body["login"] == "anna" and body["roles"] == [] and body["coordinates"] == []
    assert body["actor"]["id"] == str(world.people["anna"].id)
    assert body["community"]["id"] == str(world.community.community_id)


def test_places_and_categories(api: Any, world: World) -> None:
    places = api("anna").get("/api/places").json()
    assert {p["name"] for p in places} == {"Mehren", "Daun", "Schalkenmehren"}
    codes = {c["code"] for c in api("anna").get("/api/categories").json()}
    assert "shopping" in codes
    assert {p["name"] for p in api("eve").get("/api/places").json()} == {"Nachbarort"}


def test_post_and_list_requests(api: Any, world: World) -> None:
    answer = api("anna").post("/api/requests", new_request(world))
    assert answer.status_code == 201
    posted = answer.json()
    assert posted["status"] == "open" and posted["minutes"] == 90
    # the JSON is the core converter's
    assert posted == converter.unstructure(world.community.request(uuid.UUID(posted["id"])))
    page = api("ben").get("/api/requests").json()
    assert page["total"] == 1 and page["items"][0]["id"] == posted["id"]
    assert page["limit"] == 20 and page["offset"] == 0
    assert api("ben").get(f"/api/requests/{posted['id']}").json()["title"] == "Einkauf"
    assert api("eve").get("/api/requests").json()["total"] == 0
    assert api("anna").get("/api/requests?mine=true").json()["total"] == 1
    assert api("ben").get("/api/requests?mine=true").json()["total"] == 0


def test_pagination(api: Any, world: World) -> None:
    for day in range(7):
        world.post_request("anna", days=2 + day, title=f"Gesuch {day}")
    first = api("ben").get("/api/requests?limit=3").json()
    assert [i["title"] for i in first["items"]] == ["Gesuch 0", "Gesuch 1", "Gesuch 2"]
    assert first["total"] == 7
    third = api("ben").get("/api/requests?limit=3&offset=6").json()
    assert [i["title"] for i in third["items"]] == ["Gesuch 6"]
    for query in ("limit=0", "limit=101", "offset=-1", "limit=abc"):
        answer = api("ben").get(f"/api/requests?{query}")
        assert answer.status_code == 400, query
        assert answer.headers["content-type"].startswith("application/problem+json")


def test_filters_are_allow_listed(api: Any, world: World) -> None:
    for query in (
        "category=shopping' OR '1'='1",
        f"place_id={world.other.places()[0].id}",
        "place_id=nonsense",
    ):
        assert api("ben").get(f"/api/requests?{query}").status_code in (400, 422), query


def test_mass_assignment_is_refused(api: Any, world: World) -> None:
    for extra in (
        {"status": "fulfilled"},
        {"community_id": str(world.other.community_id)},
        {"role": "admin"},
        {"posted_by": str(world.people["petra"].id)},
        {"id": str(world.people["petra"].id)},
        {"version": 7},
    ):
        answer = api("anna").post("/api/requests", new_request(world, **extra))
        assert answer.status_code == 400, extra
        problem = answer.json()
        assert problem["status"] == 400 and next(iter(extra)) in problem["detail"]
    assert world.community.requests() == []


def test_problem_details_carry_the_core_message(api: Any, world: World) -> None:
    answer = api("anna").post("/api/requests", new_request(world, category="firewood"))
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("application/problem+json")
    problem = answer.json()
    assert problem["type"].endswith("/unknown-category")
    assert "Eine Kategorie „firewood“ gibt es" in problem["detail"]
    english = api("anna").get(
        "/api/requests/00000000-0000-0000-0000-000000000000", headers={"Accept-Language": "en"}
    )
    assert english.status_code == 404
    assert english.json()["detail"] == "Request not found"
    naive = api("anna").post("/api/requests", new_request(world, start="2030-01-01T10:00:00"))
    # a time without its zone does not fit the body's schema (RFC 3339): refused as read
    assert naive.status_code == 400 and "Zeitzone" in naive.json()["detail"]


def test_tokens_belong_to_one_community(api: Any, world: World) -> None:
    request = world.post_request("anna")
    exchange = world.community.propose(request_id=request.id, by=world.people["ben"].id)
    for login in ("eve", "finn", "gina"):
        caller = api(login)
        assert caller.get(f"/api/requests/{request.id}").status_code == 404
        assert caller.get(f"/api/exchanges/{exchange.id}").status_code == 404
        assert caller.post(f"/api/exchanges/{exchange.id}/accept").status_code == 404
        assert caller.post("/api/exchanges", {"request_id": str(request.id)}).status_code in (
            403,
            404,
        )
    assert world.community.exchange(exchange.id).state is ExchangeState.PROPOSED


def test_the_whole_exchange_through_the_api(api: Any, world: World) -> None:
    posted = api("anna").post("/api/requests", new_request(world, hours=2, start=BEGUN)).json()
    proposed = api("ben").post("/api/exchanges", {"request_id": posted["id"], "note": "gern"})
    assert proposed.status_code == 201
    exchange_id = proposed.json()["id"]
    assert api("ben").post(f"/api/exchanges/{exchange_id}/accept").status_code == 403
    assert api("anna").post(f"/api/exchanges/{exchange_id}/accept").json()["state"] == "accepted"
    assert api("ben").get(f"/api/exchanges/{exchange_id}/contact").json()["street"] == "Lindenweg 3"
    assert api("dora").get(f"/api/exchanges/{exchange_id}/contact").status_code == 404
    done = api("ben").post(f"/api/exchanges/{exchange_id}/complete", {"hours": 1.5})
    assert done.json()["state"] == "completed" and done.json()["minutes"] == 90
    assert api("anna").post(f"/api/exchanges/{exchange_id}/confirm").json()["state"] == "confirmed"
    assert api("anna").post(f"/api/exchanges/{exchange_id}/confirm").status_code == 409
    ben = api("ben").get("/api/account").json()
    assert ben["balance_minutes"] == 90
    assert ben["statement"]["lines"][0]["exchange_id"] == exchange_id
    assert api("anna").get("/api/account").json()["balance_minutes"] == -90
    mine = api("anna").get("/api/exchanges").json()
    assert mine["total"] == 1 and mine["items"][0]["state"] == "confirmed"
    assert api("anna").get("/api/exchanges?active=true").json()["total"] == 0
    assert api("anna").get(f"/api/requests/{posted['id']}").json()["status"] == "fulfilled"
    assert api("anna").post(f"/api/exchanges/{exchange_id}/fly").status_code == 404


def test_another_persons_exchange_answers_404(api: Any, world: World) -> None:
    request = world.post_request("anna")
    exchange = world.community.propose(request_id=request.id, by=world.people["ben"].id)
    for login in ("carl", "dora"):
        assert api(login).get(f"/api/exchanges/{exchange.id}").status_code == 404
        assert api(login).post(f"/api/exchanges/{exchange.id}/decline").status_code == 404
    assert api("petra").get(f"/api/exchanges/{exchange.id}").status_code == 200


def test_roles_in_the_api(api: Any, world: World) -> None:
    request = world.post_request("anna")
    # every person may help: no web role stands between a resident and an offer
    assert api("anna").post("/api/exchanges", {"request_id": str(request.id)}).status_code == 422
    assert api("carl").post("/api/exchanges", {"request_id": str(request.id)}).status_code == 201
    offer = {"category": "garden", "start": START, "hours": 2, "place_ids": []}
    made = api("ben").post("/api/offers", offer)
    assert made.status_code == 201
    assert api("anna").get("/api/offers").json()["total"] == 1
    used = api("anna").post("/api/exchanges", {"offer_id": made.json()["id"]})
    assert used.status_code == 201 and used.json()["helper_id"] == str(world.people["ben"].id)
    # the powers are the domain's: Petra coordinates the community through the
    # association, Markus administers it
    assert api("ben").get("/api/dashboard").status_code == 403
    assert api("petra").get("/api/dashboard").status_code == 200
    assert api("petra").get("/api/me").json()["roles"] == ["coordinator"]
    assert api("markus").get("/api/me").json()["roles"] == ["administrator", "coordinator"]
    assert api("ben").get(f"/api/requests/{request.id}/candidates").status_code == 403
    candidates = api("petra").get(f"/api/requests/{request.id}/candidates").json()
    assert any(c["name"] == "Ben Berg" for c in candidates)
    refused = api("ben").post("/api/places", {"name": "Neu"})
    assert (
        refused.status_code == 403 and "Koordination der Gemeinschaft" in refused.json()["detail"]
    )
    assert api("petra").post("/api/places", {"name": "Neuer"}).status_code == 201
    assert api("markus").post("/api/places", {"name": "Neu"}).status_code == 201
    assert (
        api("markus")
        .post("/api/categories", {"code": "firewood", "name_de": "Brennholz"})
        .status_code
        == 201
    )
    assert (
        api("markus").post("/api/categories", {"code": "firewood", "name_de": "Holz"}).status_code
        == 409
    )
    assert (
        api("markus").post("/api/categories", {"code": "Fire!", "name_de": "Holz"}).status_code
        == 400
    )


def test_coordinator_proposes_a_helper_and_posts_on_behalf(api: Any, world: World) -> None:
    carl = str(world.people["carl"].id)
    assert (
        api("anna").post("/api/requests", new_request(world, recipient_id=carl)).status_code == 403
    )
    posted = api("petra").post("/api/requests", new_request(world, recipient_id=carl)).json()
    assert posted["recipient_id"] == carl and posted["posted_by"] == str(world.people["petra"].id)
    ben = str(world.people["ben"].id)
    asked = api("petra").post("/api/exchanges", {"request_id": posted["id"], "helper_id": ben})
    assert asked.status_code == 201 and asked.json()["proposed_by"] == "coordinator"
    dora = str(world.people["dora"].id)
    assert (
        api("ben")
        .post("/api/exchanges", {"request_id": posted["id"], "helper_id": dora})
        .status_code
        == 403
    )


def test_withdraw_through_the_api(api: Any, world: World) -> None:
    request = world.post_request("anna")
    refused = api("carl").post(f"/api/requests/{request.id}/withdraw")
    assert refused.status_code == 403 and "Carl Clemens darf nicht" in refused.json()["detail"]
    answer = api("anna").post(f"/api/requests/{request.id}/withdraw", {"reason": "erledigt"})
    assert answer.json()["status"] == "withdrawn"
    assert api("ben").get(f"/api/requests/{request.id}").status_code == 404


def test_commitments_through_the_api(api: Any, world: World) -> None:
    assert api("anna").post("/api/commitments", {"hours": 2}).status_code == 201
    made = api("ben").post("/api/commitments", {"hours": 2, "categories": ["rides"]})
    assert made.status_code == 201 and made.json()["minutes_per_period"] == 120
    (listed,) = api("ben").get("/api/commitments").json()
    assert listed["commitment"]["id"] == made.json()["id"]
    assert listed["fulfilment"]["commitment_id"] == made.json()["id"]


def test_account_statement_window(api: Any, world: World) -> None:
    assert api("anna").get("/api/account?since=2020-01-01T00:00:00").status_code == 422
    answer = api("anna").get("/api/account?since=2020-01-01T00:00:00%2B01:00")
    assert answer.status_code == 200 and answer.json()["balance_minutes"] == 0


def test_dashboard_through_the_api(api: Any, world: World) -> None:
    request = world.post_request("anna")
    board = api("petra").get("/api/dashboard").json()
    assert board["waiting"][0]["request"]["id"] == str(request.id)
    assert sum(board["age_buckets"].values()) == 1
    assert len(board["months"]) == 12
