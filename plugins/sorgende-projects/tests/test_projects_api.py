"""The plugin's REST API under /api/projects: strict bodies, tokens only, the rules'
refusals as problem documents (no 500), documented in the OpenAPI document."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient
from sorgende_web import create_app
from sorgende_web.testing import api_token, bearer
from web_world import Ballenstedt, holiday_week


@pytest.fixture
def town(tmp_path: Path) -> Iterator[Ballenstedt]:
    world = holiday_week(tmp_path)
    yield world
    world.platform.close()


@pytest.fixture
def client(town: Ballenstedt) -> Iterator[TestClient[Any]]:
    with TestClient(create_app(town.platform)) as test_client:
        yield test_client


def _as(town: Ballenstedt, login: str) -> dict[str, str]:
    return bearer(api_token(town.platform, login))


def test_events_of_the_week_and_one_with_its_free_places(
    town: Ballenstedt, client: TestClient[Any]
) -> None:
    lena = _as(town, "lena")
    start, end = town.monday, town.monday + timedelta(days=6)
    found = client.get(f"/api/projects/events?start={start}&end={end}", headers=lena)
    assert found.status_code == 200, found.text
    assert found.json()["total"] == 5
    assert found.json()["items"][0]["title"] == "Sportfest am Schlossteich"
    heimat = town.organisations["heimat"]
    only = client.get(
        f"/api/projects/events?start={start}&end={end}&organisation_id={heimat}", headers=lena
    )
    assert only.json()["total"] == 2
    event = town.events[1]
    detail = client.get(f"/api/projects/events/{event.id}", headers=lena).json()
    assert len(detail["shifts"]) == 6
    first = detail["shifts"][0]
    assert first["free"] == 3 and first["free_by_need"] == {"": 2, "first_aid": 1}


def test_sign_up_cancel_and_the_waitlist(town: Ballenstedt, client: TestClient[Any]) -> None:
    shift = town.shifts[town.events[1].id][1]
    url = f"/api/projects/shifts/{shift.id}"
    for login in ("jana", "tom", "ute"):
        answer = client.post(f"{url}/sign-up", json={}, headers=_as(town, login))
        assert answer.status_code == 201, answer.text
        assert answer.json()["signup"]["state"] == "confirmed"
    lena = _as(town, "lena")
    waiting = client.post(f"{url}/sign-up", json={}, headers=lena).json()
    assert waiting["signup"]["state"] == "waiting" and waiting["waitlist_place"] == 1
    client.post(f"{url}/cancel", json={}, headers=_as(town, "tom"))
    mine = client.get("/api/projects/my-shifts", headers=lena).json()
    assert [m["signup"]["state"] for m in mine] == ["confirmed"]
    # the organiser's list, with every state
    listed = client.get(f"{url}/sign-ups", headers=_as(town, "jana")).json()
    assert [s["signup"]["state"] for s in listed] == [
        "confirmed",
        "cancelled",
        "confirmed",
        "confirmed",
    ]
    assert client.get(f"{url}/sign-ups", headers=lena).status_code == 403


def test_check_in_and_no_show_by_the_organiser(town: Ballenstedt, client: TestClient[Any]) -> None:
    shift = town.shifts[town.events[1].id][1]
    url = f"/api/projects/shifts/{shift.id}"
    lena, mia = town.people["lena"], town.people["mia"]
    client.post(f"{url}/sign-up", json={}, headers=_as(town, "lena"))
    client.post(f"{url}/sign-up", json={}, headers=_as(town, "mia"))
    jana = _as(town, "jana")
    too_early = client.post(f"{url}/check-in", json={"person_id": str(lena)}, headers=jana)
    assert too_early.status_code == 422
    assert too_early.headers["content-type"].startswith("application/problem+json")
    assert "Lena" in too_early.json()["detail"] or "Stand" in too_early.json()["detail"]
    town.clock.now = shift.starts_at - timedelta(minutes=10)
    checked = client.post(f"{url}/check-in", json={"person_id": str(lena)}, headers=jana)
    assert checked.status_code == 200 and checked.json()["signup"]["checked_in_at"]
    refused = client.post(f"{url}/check-in", json={"person_id": str(mia)}, headers=_as(town, "tom"))
    assert refused.status_code == 403
    town.clock.now = shift.starts_at + timedelta(minutes=40)
    gone = client.post(f"{url}/no-show", json={"person_id": str(mia)}, headers=jana)
    assert gone.json()["signup"]["state"] == "no_show"
    town.clock.now = shift.ends_at
    out = client.post(f"{url}/check-out", json={"person_id": str(lena)}, headers=jana)
    assert out.status_code == 200 and out.json()["signup"]["minutes"] > 0


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"person_id": None, "state": "confirmed"}, 400),
        ({"position": 1}, 400),
        ({"community_id": "00000000-0000-0000-0000-000000000001"}, 400),
        ({"person_id": "keine-id"}, 400),
        ({"person_id": 5}, 400),
        ([], 400),
        ({"person_id": "00000000-0000-0000-0000-000000000001"}, 404),
    ],
)
def test_bodies_are_strict(
    town: Ballenstedt, client: TestClient[Any], body: Any, status: int
) -> None:
    shift = town.shifts[town.events[1].id][1]
    answer = client.post(
        f"/api/projects/shifts/{shift.id}/sign-up", json=body, headers=_as(town, "lena")
    )
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    "query",
    [
        "start=2026-13-01",
        "start=2026-08-10&end=2026-08-01",
        "start=2026-01-01&end=2027-12-31",
        "organisation_id=00000000-0000-0000-0000-000000000001",
        "organisation_id=nope",
    ],
)
def test_bad_queries_are_refused(town: Ballenstedt, client: TestClient[Any], query: str) -> None:
    answer = client.get(f"/api/projects/events?{query}", headers=_as(town, "lena"))
    assert answer.status_code in (400, 422), answer.text
    assert answer.json()["detail"]


def test_no_token_no_answer_and_no_cookie_either(
    town: Ballenstedt, client: TestClient[Any]
) -> None:
    assert client.get("/api/projects/my-shifts").status_code == 401
    other = client.get(f"/api/projects/events/{town.events[0].id}", headers=_as(town, "sven"))
    assert other.status_code == 404


def test_the_endpoints_are_in_the_openapi_document(client: TestClient[Any]) -> None:
    document = client.get("/api/schema/openapi.json").json()
    paths = document["paths"]
    for path in (
        "/api/projects/events",
        "/api/projects/events/{event_id}",
        "/api/projects/shifts/{shift_id}/sign-ups",
        "/api/projects/shifts/{shift_id}/sign-up",
        "/api/projects/shifts/{shift_id}/cancel",
        "/api/projects/shifts/{shift_id}/check-in",
        "/api/projects/shifts/{shift_id}/check-out",
        "/api/projects/shifts/{shift_id}/no-show",
        "/api/projects/my-shifts",
        "/api/projects/projects",
        "/api/projects/projects/{project_id}",
    ):
        assert path in paths, path
    sign_up = paths["/api/projects/shifts/{shift_id}/sign-up"]["post"]
    assert {"201", "403", "404", "409", "422"} <= set(sign_up["responses"])
    assert sign_up["security"] == [{"bearer": []}]
    # no page of the plugin is in the API's document
    assert not any(p.startswith("/projects") for p in paths)
