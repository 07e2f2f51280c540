"""The plugin's pages and REST API: posting, supporting, answering, moderation as each
viewer sees it, XSS payloads inert, surveys with their refusals and suppressed results,
English, refusals as the platform's error pages (never a 500)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from litestar.testing import TestClient
from participation_web_world import PASSWORD, Daun, daun
from sorgende_participation import Question, QuestionKind
from sorgende_web import create_app
from sorgende_web.testing import form

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def town() -> Iterator[Daun]:
    world = daun()
    yield world
    world.platform.close()


@pytest.fixture
def as_(town: Daun) -> Iterator[Callable[[str], TestClient[Any]]]:
    app = create_app(town.platform)
    clients: dict[str, TestClient[Any]] = {}

    def make(login: str) -> TestClient[Any]:
        if login not in clients:
            client = TestClient(app)
            answer = form(client, "/login", {"login": login, "password": PASSWORD, "next": "/"})
            assert answer.status_code == 303, answer.text
            clients[login] = client
        return clients[login]

    yield make


def test_post_support_and_answer_in_the_web(town: Daun, as_: Any) -> None:
    anna, ben = as_("anna"), as_("ben")
    mehren = town.world.places["Mehren"].id
    posted = form(
        anna,
        "/participation/ideas",
        {
            "title": "Sitzbank am Maar",
            "text": "Mit Blick aufs Wasser",
            "place_id": str(mehren),
            "category": "Dorfleben",
        },
    )
    assert posted.status_code == 303, posted.text
    path = posted.headers["location"].split("?")[0]
    idea_id = path.rsplit("/", 1)[1]
    assert form(ben, f"{path}/support").status_code == 303
    page = ben.get(path)
    assert "1 unterstützen diesen Vorschlag" in page.text
    assert 'data-testid="withdraw"' in page.text
    again = form(ben, f"{path}/support")
    assert again.status_code in {409, 422}, again.status_code
    assert "schon unterstützt" in again.text
    refused = form(ben, f"{path}/answer", {"state": "accepted", "reason": "Ja"})
    assert refused.status_code == 403
    assert (
        form(
            as_("sabine"),
            f"{path}/answer",
            {"state": "accepted", "reason": "Der Bauhof stellt sie auf."},
        ).status_code
        == 303
    )
    assert "angenommen" in anna.get(path).text
    listed = anna.get("/participation/ideas").text
    assert "Sitzbank am Maar" in listed
    english = anna.get(path, headers={"accept-language": "en"}).text
    assert "accepted" in english and "The municipality&#39;s answer" in english
    assert idea_id not in anna.get(path).text.replace(f"/participation/ideas/{idea_id}", "")


def test_hidden_comment_for_author_and_moderators_only_and_xss_is_inert(
    town: Daun, as_: Any
) -> None:
    anna = as_("anna")
    posted = form(anna, "/participation/ideas", {"title": f"Idee {XSS}", "text": XSS})
    path = posted.headers["location"].split("?")[0]
    assert form(as_("karl"), f"{path}/comments", {"text": f"Unsinn {XSS}"}).status_code == 303
    comments = town.part.comments(town.part.ideas()[0].id, by=town.world.moderator.id)
    comment_id = comments[0].id
    assert form(anna, f"{path}/comments/{comment_id}/report").status_code == 303
    assert form(anna, f"{path}/comments/{comment_id}/hide", {"reason": "x"}).status_code == 403
    assert (
        form(
            as_("moritz"),
            f"{path}/comments/{comment_id}/hide",
            {"reason": "Beleidigend <b>laut</b> Regel 2"},
        ).status_code
        == 303
    )
    for login in ("anna", "ben", "sabine"):
        page = as_(login).get(path).text
        assert "Unsinn" not in page, login
    for login in ("karl", "moritz"):
        page = as_(login).get(path).text
        assert "Unsinn" in page and "Beleidigend &lt;b&gt;laut&lt;/b&gt; Regel 2" in page, login
    for login in ("anna", "karl", "moritz"):
        page = as_(login).get(path).text
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page or "&lt;script&gt;" in page


def test_the_api_with_a_token(town: Daun) -> None:
    from sorgende_web.testing import api_token, bearer

    client = TestClient(create_app(town.platform))
    ben = bearer(api_token(town.platform, "ben"))
    anna = bearer(api_token(town.platform, "anna"))
    made = client.post("/api/participation/ideas", json={"title": "Bücherschrank"}, headers=anna)
    assert made.status_code == 201, made.text
    idea_id = made.json()["idea"]["id"]
    sneaky = client.post(
        "/api/participation/ideas", json={"title": "x", "state": "done"}, headers=anna
    )
    assert sneaky.status_code == 400
    supported = client.post(f"/api/participation/ideas/{idea_id}/support", json={}, headers=ben)
    assert supported.status_code == 200 and supported.json()["supporters"] == 1
    twice = client.post(f"/api/participation/ideas/{idea_id}/support", json={}, headers=ben)
    assert (
        twice.status_code == 422
        and "supported already"
        in client.post(
            f"/api/participation/ideas/{idea_id}/support",
            json={},
            headers={**ben, "accept-language": "en"},
        ).text
    )
    said = client.post(
        f"/api/participation/ideas/{idea_id}/comments", json={"text": "Gern"}, headers=anna
    )
    assert said.status_code == 201
    comments = client.get(f"/api/participation/ideas/{idea_id}/comments", headers=ben)
    assert [c["text"] for c in comments.json()] == ["Gern"]
    back = client.post(f"/api/participation/ideas/{idea_id}/withdraw", json={}, headers=ben)
    assert back.json()["supporters"] == 0
    assert client.get("/api/participation/ideas", headers=ben).json()[0]["idea"]["title"] == (
        "Bücherschrank"
    )
    assert client.get("/api/participation/ideas").status_code == 401
    missing = client.get(f"/api/participation/ideas/{town.world.community_id}", headers=ben)
    assert missing.status_code == 404 and "Vorschlag nicht gefunden" in missing.text
    broken = client.post(
        "/api/participation/ideas",
        content=b"{not json",
        headers={**anna, "content-type": "application/json"},
    )
    assert broken.status_code == 400
    schema = client.get("/api/schema/openapi.json").json()
    assert "/api/participation/ideas/{idea_id}/support" in schema["paths"]


def test_surveys_refuse_clearly_and_suppress_small_cells(town: Daun, as_: Any) -> None:
    now = town.clock.now
    survey = town.part.open_survey(
        "Spielplatz Mehren",
        [
            Question("Wo?", QuestionKind.SINGLE, ("Am Maar", "Am Dorfplatz")),
            Question("Was noch?", QuestionKind.TEXT),
        ],
        opens_at=now - timedelta(minutes=1),
        closes_at=now + timedelta(days=7),
        place_id=town.world.places["Mehren"].id,
        by=town.world.staff.id,
    )
    path = f"/participation/surveys/{survey.id}"
    karl = as_("karl").get(path).text
    assert "richtet sich an die Einwohnerinnen und Einwohner von „Mehren“" in karl
    refused = form(as_("karl"), f"{path}/answer", {"q0": "Am Maar"})
    assert refused.status_code == 403 and "Mehren" in refused.text
    anna = as_("anna")
    assert form(anna, f"{path}/answer", {"q0": "Am Maar", "q1": XSS}).status_code == 303
    page = anna.get(path).text
    assert "schon beantwortet" in page
    assert "weniger als 5" in page
    csv = anna.get(f"{path}/results.csv")
    assert csv.status_code == 200 and "<5" in csv.text and "1" not in csv.text.split("\n")[1]
    assert XSS not in csv.text
