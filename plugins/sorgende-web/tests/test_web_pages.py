"""Every page, allowed and refused: the board, requests, offers, exchanges, the coordination."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sorgende_web.testing import World, form

from sorgende.domain.exchanges import ExchangeState
from sorgende.domain.help import RequestStatus

TOMORROW = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
ZONE = ZoneInfo("Europe/Berlin")


def request_form(**changes: str) -> dict[str, str]:
    data = {
        "category": "shopping",
        "date": TOMORROW,
        "time": "10:00",
        "hours": "1,5",
        "title": "Einkauf bei Edeka",
        "description": "Milch und Brot",
        "repeat": "once",
        "helpers_needed": "1",
    }
    data.update(changes)
    return data


def created_id(answer: Any) -> str:
    match = re.match(r"^/(?:requests|offers|exchanges)/([0-9a-f-]{36})", answer.headers["location"])
    assert match, answer.headers.get("location")
    return match.group(1)


# -- the board ------------------------------------------------------------------------------


def test_board_shows_open_requests_and_filters(world: World, as_: Any) -> None:
    world.post_request("anna", title="Sonderwunsch")
    world.post_request("carl", title="Rasen", category="garden", place_id=world.places["Daun"].id)
    anna = as_("anna")
    page = anna.get("/board")
    assert page.status_code == 200
    assert page.text.count('data-testid="board-request"') == 2
    daun = anna.get(f"/board?place={world.places['Daun'].id}")
    assert "Rasen" in daun.text and "Sonderwunsch" not in daun.text
    garden = anna.get("/board?category=garden")
    assert garden.text.count('data-testid="board-request"') == 1


def test_board_refuses_filters_it_does_not_know(world: World, as_: Any) -> None:
    anna = as_("anna")
    other_place = world.other.places()[0].id
    for query in (
        f"place={other_place}",
        "place=not-an-id",
        "category=x' OR 1=1 --",
        "kind=everything",
        "page=0",
        "page=-1",
        "page=abc",
    ):
        assert anna.get(f"/board?{query}").status_code == 422, query


def test_board_pages(world: World, as_: Any) -> None:
    for day in range(25):
        world.post_request("anna", days=2 + day, title=f"Gesuch {day}")
    anna = as_("anna")
    first = anna.get("/board")
    assert first.text.count('data-testid="board-request"') == 20
    assert 'id="page-next"' in first.text
    second = anna.get("/board?page=2")
    assert second.text.count('data-testid="board-request"') == 5
    assert 'id="page-prev"' in second.text


def test_board_offers(world: World, as_: Any) -> None:
    ben = as_("ben")
    answer = form(
        ben,
        "/offers",
        {
            "category": "rides",
            "date": TOMORROW,
            "time": "09:00",
            "hours": "2",
            "title": "Fahrten nach Daun",
            "place_ids": [str(world.places["Mehren"].id)],
        },
    )
    assert answer.status_code == 303
    offers = as_("anna").get("/board?kind=offers")
    assert "Fahrten nach Daun" in offers.text
    elsewhere = as_("anna").get(f"/board?kind=offers&place={world.places['Daun'].id}")
    assert "Fahrten nach Daun" not in elsewhere.text


# -- requests -------------------------------------------------------------------------------


def test_resident_posts_a_request(world: World, as_: Any) -> None:
    anna = as_("anna")
    assert anna.get("/requests/new").status_code == 200
    answer = form(anna, "/requests", request_form(place_id=str(world.places["Mehren"].id)))
    assert answer.status_code == 303
    request_id = created_id(answer)
    page = anna.get(answer.headers["location"])
    assert "Einkauf bei Edeka" in page.text and 'data-testid="notice"' in page.text
    (posted,) = world.community.requests()
    assert str(posted.id) == request_id
    assert posted.recipient_id == posted.posted_by == world.people["anna"].id
    assert posted.minutes == 90
    assert posted.window.start.hour == 10 and str(posted.window.start.tzinfo) == "Europe/Berlin"


def test_request_form_shows_what_is_wrong(world: World, as_: Any) -> None:
    anna = as_("anna")
    place = str(world.places["Mehren"].id)
    for changes, message in (
        ({"hours": "30"}, "30"),
        ({"category": "firewood"}, "firewood"),
        ({"date": "morgen"}, "morgen"),
        ({"hours": "eins"}, "eins"),
    ):
        answer = form(anna, "/requests", request_form(place_id=place, **changes))
        assert answer.status_code == 422, changes
        assert message in answer.text
        assert 'value="Einkauf bei Edeka"' in answer.text  # what was typed stays
    assert world.community.requests() == []


def test_only_coordinators_post_for_someone_else(world: World, as_: Any) -> None:
    place = str(world.places["Mehren"].id)
    carl = str(world.people["carl"].id)
    refused = form(as_("anna"), "/requests", request_form(place_id=place, recipient_id=carl))
    assert refused.status_code == 403
    assert 'name="recipient_id"' not in as_("anna").get("/requests/new").text
    assert 'name="recipient_id"' in as_("petra").get("/requests/new").text
    posted = form(as_("petra"), "/requests", request_form(place_id=place, recipient_id=carl))
    assert posted.status_code == 303
    (request,) = world.community.requests()
    assert request.recipient_id == world.people["carl"].id
    assert request.posted_by == world.people["petra"].id


def test_request_page_visibility(world: World, as_: Any) -> None:
    request = world.post_request("anna")
    assert as_("ben").get(f"/requests/{request.id}").status_code == 200
    world.community.withdraw_request(request.id, by=world.people["anna"].id)
    # a closed request is for those who take part in it only
    assert as_("ben").get(f"/requests/{request.id}").status_code == 404
    assert as_("anna").get(f"/requests/{request.id}").status_code == 200
    assert as_("petra").get(f"/requests/{request.id}").status_code == 200
    # another community's people find nothing, open or not
    open_request = world.post_request("carl")
    assert as_("eve").get(f"/requests/{open_request.id}").status_code == 404
    assert as_("gina").get(f"/requests/{open_request.id}").status_code == 404


def test_candidates_for_coordinators_only(world: World, as_: Any) -> None:
    request = world.post_request("anna")
    petra = as_("petra").get(f"/requests/{request.id}")
    assert 'data-testid="candidates"' in petra.text
    assert "Ben Berg" in petra.text
    assert 'data-testid="candidates"' not in as_("ben").get(f"/requests/{request.id}").text
    assert 'data-testid="candidates"' not in as_("anna").get(f"/requests/{request.id}").text


def test_coordinator_asks_a_helper(world: World, as_: Any) -> None:
    request = world.post_request("anna")
    ben = str(world.people["ben"].id)
    answer = form(as_("petra"), f"/requests/{request.id}/propose", {"helper_id": ben})
    assert answer.status_code == 303
    (exchange,) = world.community.exchanges(request_id=request.id)
    assert exchange.helper_id == world.people["ben"].id
    # a helper cannot put someone else forward
    dora = str(world.people["dora"].id)
    assert (
        form(as_("ben"), f"/requests/{request.id}/propose", {"helper_id": dora}).status_code == 403
    )


def test_every_person_may_offer_to_help(world: World, as_: Any) -> None:
    # no web role of "helper": the domain lets every person help
    request = world.post_request("anna")
    assert 'id="propose"' in as_("carl").get(f"/requests/{request.id}").text
    assert form(as_("carl"), f"/requests/{request.id}/propose").status_code == 303
    assert 'id="propose"' not in as_("anna").get(f"/requests/{request.id}").text


def test_withdraw_own_request_only(world: World, as_: Any) -> None:
    request = world.post_request("anna")
    refused = form(as_("carl"), f"/requests/{request.id}/withdraw")
    assert refused.status_code == 403 and "Carl Clemens darf nicht" in refused.text
    assert 'id="withdraw"' not in as_("carl").get(f"/requests/{request.id}").text
    assert 'id="withdraw"' in as_("petra").get(f"/requests/{request.id}").text
    assert (
        form(
            as_("anna"), f"/requests/{request.id}/withdraw", {"reason": "Tochter kommt"}
        ).status_code
        == 303
    )
    assert world.community.request(request.id).status is RequestStatus.WITHDRAWN


# -- offers ---------------------------------------------------------------------------------


def test_offers_for_everyone_and_their_use(world: World, as_: Any) -> None:
    assert as_("anna").get("/offers/new").status_code == 200
    ben = as_("ben")
    assert ben.get("/offers/new").status_code == 200
    answer = form(
        ben,
        "/offers",
        {
            "category": "garden",
            "date": TOMORROW,
            "time": "09:00",
            "hours": "3",
            "title": "Gartenhilfe",
            "weekly": "on",
        },
    )
    assert answer.status_code == 303
    offer_id = created_id(answer)
    assert as_("anna").get(f"/offers/{offer_id}").status_code == 200
    used = form(
        as_("anna"), f"/offers/{offer_id}/use", {"date": TOMORROW, "time": "10:00", "note": "Hecke"}
    )
    assert used.status_code == 303
    (exchange,) = world.community.exchanges(actor_id=world.people["anna"].id)
    assert exchange.helper_id == world.people["ben"].id
    assert exchange.state is ExchangeState.PROPOSED
    assert form(as_("dora"), f"/offers/{offer_id}/withdraw").status_code == 403
    assert form(ben, f"/offers/{offer_id}/withdraw").status_code == 303
    assert as_("dora").get(f"/offers/{offer_id}").status_code == 404
    assert as_("finn").get(f"/offers/{offer_id}").status_code == 404


# -- the exchange flow ----------------------------------------------------------------------


def test_the_whole_exchange_through_the_pages(world: World, as_: Any) -> None:
    anna, ben = as_("anna"), as_("ben")
    # begun an hour ago: help is reported as done once it has begun
    begun = (datetime.now(ZONE) - timedelta(hours=1)).replace(second=0, microsecond=0)
    posted = form(
        anna,
        "/requests",
        request_form(
            place_id=str(world.places["Mehren"].id),
            hours="2",
            date=begun.date().isoformat(),
            time=begun.strftime("%H:%M"),
        ),
    )
    request_id = created_id(posted)
    proposed = form(ben, f"/requests/{request_id}/propose", {"note": "Komme gern"})
    exchange_id = created_id(proposed)
    page = anna.get(f"/exchanges/{exchange_id}")
    assert 'data-testid="action-accept"' in page.text
    assert 'data-testid="action-decline"' in page.text
    # the helper who proposed cannot accept his own proposal
    assert 'data-testid="action-accept"' not in ben.get(f"/exchanges/{exchange_id}").text
    assert form(ben, f"/exchanges/{exchange_id}/accept").status_code == 403
    assert form(anna, f"/exchanges/{exchange_id}/accept").status_code == 303
    assert form(ben, f"/exchanges/{exchange_id}/complete", {"hours": "2,5"}).status_code == 303
    # confirming is the recipient's
    assert form(ben, f"/exchanges/{exchange_id}/confirm").status_code == 403
    assert form(anna, f"/exchanges/{exchange_id}/confirm").status_code == 303
    assert world.community.exchange(uuid.UUID(exchange_id)).state is ExchangeState.CONFIRMED
    assert world.community.balance(world.people["ben"].id).minutes == 150
    assert world.community.balance(world.people["anna"].id).minutes == -150
    ben_account = ben.get("/account")
    assert "+2,5 Std." in ben_account.text or "+2,5 h" in ben_account.text
    assert 'data-testid="statement-line"' in ben_account.text
    assert "-2,5" in anna.get("/account").text
    listed = anna.get("/exchanges")
    assert 'data-testid="exchanges-finished"' in listed.text and exchange_id in listed.text
    # a final exchange offers nothing more to do
    assert 'data-testid="actions"' not in anna.get(f"/exchanges/{exchange_id}").text
    assert form(anna, f"/exchanges/{exchange_id}/confirm").status_code == 409


def test_another_persons_exchange_is_not_found(world: World, as_: Any) -> None:
    request = world.post_request("anna")
    exchange = world.community.propose(request_id=request.id, by=world.people["ben"].id)
    for login in ("carl", "dora", "eve", "finn", "gina"):
        assert as_(login).get(f"/exchanges/{exchange.id}").status_code == 404, login
        assert form(as_(login), f"/exchanges/{exchange.id}/accept").status_code == 404, login
    assert as_("petra").get(f"/exchanges/{exchange.id}").status_code == 200
    assert form(as_("anna"), f"/exchanges/{exchange.id}/launch").status_code == 404


def test_contact_details_only_for_the_accepted_helper(world: World, as_: Any) -> None:
    request = world.post_request("anna")
    exchange = world.community.propose(request_id=request.id, by=world.people["ben"].id)
    before = as_("ben").get(f"/exchanges/{exchange.id}")
    assert "06592 1234" not in before.text and "Lindenweg" not in before.text
    world.community.accept(exchange.id, by=world.people["anna"].id)
    after = as_("ben").get(f"/exchanges/{exchange.id}")
    assert 'data-testid="contact"' in after.text
    assert "06592 1234" in after.text and "Lindenweg 3" in after.text
    assert "Lindenweg 3" in as_("petra").get(f"/exchanges/{exchange.id}").text
    # nowhere else: not on the board, not on the request page
    assert "Lindenweg" not in as_("dora").get("/board").text
    assert "06592" not in as_("dora").get(f"/requests/{request.id}").text


def test_contact_details_need_the_recipients_consent(world: World, as_: Any) -> None:
    request = world.post_request("carl")  # Carl did not agree to share his details
    exchange = world.community.propose(request_id=request.id, by=world.people["ben"].id)
    world.community.accept(exchange.id, by=world.people["carl"].id)
    assert 'data-testid="contact"' not in as_("ben").get(f"/exchanges/{exchange.id}").text
    assert 'data-testid="contact"' in as_("petra").get(f"/exchanges/{exchange.id}").text


def test_dispute_and_resolution(world: World, as_: Any) -> None:
    request = world.post_request("anna", days=-0.05)
    exchange = world.community.propose(request_id=request.id, by=world.people["ben"].id)
    world.community.accept(exchange.id, by=world.people["anna"].id)
    world.community.complete(exchange.id, by=world.people["ben"].id, hours=3)
    assert form(as_("anna"), f"/exchanges/{exchange.id}/dispute").status_code == 422
    assert (
        form(
            as_("anna"), f"/exchanges/{exchange.id}/dispute", {"reason": "Es war eine Stunde"}
        ).status_code
        == 303
    )
    assert (
        form(
            as_("ben"), f"/exchanges/{exchange.id}/resolve", {"hours": "1", "reason": "x"}
        ).status_code
        == 403
    )
    assert (
        form(
            as_("petra"), f"/exchanges/{exchange.id}/resolve", {"hours": "1", "reason": "geklärt"}
        ).status_code
        == 303
    )
    assert world.community.balance(world.people["ben"].id).minutes == 60


def test_coordinator_sees_all_current_exchanges(world: World, as_: Any) -> None:
    request = world.post_request("anna")
    world.community.propose(request_id=request.id, by=world.people["ben"].id)
    assert as_("petra").get("/exchanges?scope=all").text.count('data-testid="exchange"') == 1
    assert as_("ben").get("/exchanges?scope=all").status_code == 403


# -- commitments, time account, coordination, settings, profile -----------------------------


def test_commitments(world: World, as_: Any) -> None:
    ben = as_("ben")
    assert as_("anna").get("/commitments").status_code == 200
    answer = form(
        ben, "/commitments", {"hours": "2", "period": "week", "categories": ["shopping", "rides"]}
    )
    assert answer.status_code == 303
    page = ben.get("/commitments")
    assert (
        page.text.count('data-testid="commitment"') == 1 and 'data-testid="fulfilment"' in page.text
    )
    (commitment,) = world.community.commitments(actor_id=world.people["ben"].id)
    assert form(as_("dora"), f"/commitments/{commitment.id}/pause").status_code == 404
    assert form(ben, f"/commitments/{commitment.id}/pause").status_code == 303
    assert form(ben, f"/commitments/{commitment.id}/pause").status_code == 409
    assert form(ben, f"/commitments/{commitment.id}/explode").status_code == 404
    assert form(ben, "/commitments", {"hours": "500"}).status_code == 422


def test_dashboard_for_coordinators(world: World, as_: Any) -> None:
    request = world.post_request("anna", title="Wartet noch")
    exchange = world.community.propose(
        request_id=world.post_request("carl").id, by=world.people["ben"].id
    )
    world.community.accept(exchange.id, by=world.people["carl"].id)
    for login in ("anna", "ben"):
        assert as_(login).get("/dashboard").status_code == 403
    page = as_("petra").get("/dashboard")
    assert page.status_code == 200
    for part in ("waiting", "needs", "helpers", "months"):
        assert f'data-testid="{part}"' in page.text
    assert "Wartet noch" in page.text and f"/requests/{request.id}" in page.text
    assert "Ben Berg" in page.text
    assert as_("markus").get("/dashboard").status_code == 200


def test_settings_for_admins(world: World, as_: Any) -> None:
    for login in ("anna", "ben"):
        assert as_(login).get("/settings").status_code == 403, login
        assert form(as_(login), "/settings/places", {"name": "Gemünden"}).status_code == 403
    # places and categories are the community coordinators' too; the accounts and their
    # roles only the administrators'
    petra = as_("petra").get("/settings")
    assert petra.status_code == 200 and 'data-testid="accounts"' not in petra.text
    markus = as_("markus")
    page = markus.get("/settings")
    assert page.status_code == 200 and 'data-testid="accounts"' in page.text
    assert "Koordination der Gemeinschaft, Administration" in page.text
    assert (
        form(markus, "/settings/places", {"name": "Gemünden", "kind": "village"}).status_code == 303
    )
    assert "Gemünden" in [p.name for p in world.community.places()]
    assert (
        form(
            markus,
            "/settings/categories",
            {"code": "firewood", "name_de": "Brennholz", "name_en": "Firewood"},
        ).status_code
        == 303
    )
    assert (
        form(markus, "/settings/categories", {"code": "firewood", "name_de": "Holz"}).status_code
        == 422
    )
    assert (
        form(markus, "/settings/categories", {"code": "Fire Wood!", "name_de": "Holz"}).status_code
        == 422
    )
    assert form(markus, "/settings/places", {"name": ""}).status_code == 422
    assert "Brennholz" in markus.get("/settings").text
    assert "Gemünden" not in [p.name for p in world.other.places()]


def test_profile_address(world: World, as_: Any) -> None:
    carl = as_("carl")
    assert form(carl, "/profile/address", {"street": "Am Markt 1"}).status_code == 303
    assert 'value="Am Markt 1"' in carl.get("/profile").text
    assert 'value="Am Markt 1"' not in as_("anna").get("/profile").text


def test_user_text_is_escaped_everywhere(world: World, as_: Any) -> None:
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    request = world.post_request("anna", title=payload, description=payload)
    exchange = world.community.propose(
        request_id=request.id, by=world.people["ben"].id, note=payload
    )
    for login, path in (
        ("ben", "/board"),
        ("ben", f"/requests/{request.id}"),
        ("anna", f"/exchanges/{exchange.id}"),
        ("petra", "/dashboard"),
        ("anna", "/exchanges"),
    ):
        text = as_(login).get(path).text
        assert "<script>alert" not in text and "<img src=x" not in text, path
        if path != "/exchanges":  # the list shows no titles or notes
            assert "&lt;script&gt;" in text, path
