"""The inbox, the menu's count and the conversation of an exchange, through the test client:
what needs whom, messages and their notifications' records, the recipient's consent to
share contact details, bad input next to its field, export and erasure of messages."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from litestar.testing import TestClient
from sorgende_web.testing import World, form

import sorgende
from sorgende.services.inbox import QUEUE_LIMIT

EN = {"Accept-Language": "en"}


def _items(html: str) -> list[str]:
    return re.findall(r'data-testid="inbox-item" data-kind="(\w+)"', html)


def _proposal(world: World, login: str = "anna") -> Any:
    request = world.post_request(login)
    return world.community.propose(request_id=request.id, by=world.people["ben"].id)


def test_a_proposal_waits_in_the_recipients_inbox_and_in_the_menu(
    world: World, as_: Callable[[str], TestClient[Any]], client: TestClient[Any]
) -> None:
    exchange = _proposal(world)
    anna = as_("anna")
    page = anna.get("/inbox")
    assert page.status_code == 200
    assert _items(page.text) == ["answer"]
    assert f'href="/exchanges/{exchange.id}"' in page.text
    assert "Ein Vorschlag wartet auf Antwort" in page.text
    # the menu counts it (base.html shows the count beside the inbox's entry)
    assert 'href="/inbox"' in anna.get("/board").text
    assert world.community.inbox_count(by=world.people["anna"].id) == (1, False)
    # the helper who proposed has nothing to answer
    assert _items(as_("ben").get("/inbox").text) == []
    world.community.accept(exchange.id, by=world.people["anna"].id)
    assert _items(anna.get("/inbox").text) == []


def test_the_coordination_sees_the_queue_of_unmatched_requests_urgent_first(
    world: World, as_: Callable[[str], TestClient[Any]]
) -> None:
    calm = world.post_request("anna", days=3)
    urgent = world.post_request("carl", days=4, urgent=True)
    page = as_("petra").get("/inbox")
    assert 'data-testid="inbox-queue"' in page.text
    first, second = (page.text.index(f"/requests/{r.id}") for r in (urgent, calm))
    assert first < second
    assert "Noch niemand hat Hilfe angeboten" in page.text
    # a resident has no queue
    assert 'data-testid="inbox-queue"' not in as_("anna").get("/inbox").text


def test_a_long_queue_shows_its_first_requests_and_says_more_wait(
    world: World, as_: Callable[[str], TestClient[Any]]
) -> None:
    """The queue shows at most ``QUEUE_LIMIT`` open requests; the menu's count and the
    page say that more wait, in German and in English."""
    for i in range(QUEUE_LIMIT + 1):
        world.post_request("anna", days=3 + i / 24)
    petra = as_("petra")
    page = petra.get("/inbox")
    assert _items(page.text).count("unmatched") == QUEUE_LIMIT
    assert (
        f"Mehr als {QUEUE_LIMIT} Anfragen warten auf ein Hilfsangebot; die ersten "
        f"{QUEUE_LIMIT} stehen hier"
    ) in page.text
    counted = re.search(r'data-testid="menu-count">(\d+)\+<', petra.get("/board").text)
    assert counted is not None and int(counted.group(1)) >= QUEUE_LIMIT
    english = petra.get("/inbox", headers=EN).text
    assert f"More than {QUEUE_LIMIT} requests wait for an offer; the first {QUEUE_LIMIT}" in english
    # one of them matched: exactly the limit, no "more"
    first = world.community.queue(by=world.people["petra"].id)[0].request
    world.community.propose(request_id=first.id, by=world.people["ben"].id)
    page = petra.get("/inbox")
    assert 'data-testid="queue-more"' not in page.text
    assert (
        'data-testid="menu-count">' in page.text
        and "+<" not in page.text.split('data-testid="menu-count">', 1)[1][:8]
    )


def test_a_conversation_between_helper_recipient_and_coordination(
    world: World, as_: Callable[[str], TestClient[Any]]
) -> None:
    exchange = _proposal(world)
    ben, anna = as_("ben"), as_("anna")
    sent = form(ben, f"/conversations/{exchange.id}", {"body": "Passt Dienstag um 10?"})
    assert sent.status_code == 303
    # Anna hears of it in her inbox, once per conversation
    inbox = anna.get("/inbox").text
    assert "1 neue Nachricht" in inbox
    assert f'href="/conversations/{exchange.id}"' in inbox
    page = anna.get(f"/conversations/{exchange.id}")
    assert page.status_code == 200
    assert "Passt Dienstag um 10?" in page.text and "Ben Berg" in page.text
    assert "neue Nachricht" not in anna.get("/inbox").text  # read now
    form(anna, f"/conversations/{exchange.id}", {"body": "Ja, gerne."})
    assert "1 new message" in ben.get("/inbox", headers=EN).text
    # the coordination takes part; a stranger does not
    assert as_("petra").get(f"/conversations/{exchange.id}").status_code == 200
    refused = as_("dora").get(f"/conversations/{exchange.id}")
    assert refused.status_code == 404  # as the exchange itself
    assert "Passt Dienstag" not in refused.text


def test_a_bad_message_is_named_next_to_its_field_and_kept(
    world: World, as_: Callable[[str], TestClient[Any]]
) -> None:
    exchange = _proposal(world)
    ben = as_("ben")
    typed = "x" * 4001
    for headers, words in (({}, "höchstens 4000 Zeichen"), (EN, "at most 4000 characters")):
        answer = form(ben, f"/conversations/{exchange.id}", {"body": typed}, headers=headers)
        assert answer.status_code == 422
        html = answer.text
        field = html.index('id="message-text"')
        error = html.index('id="message-text-error"')
        assert 0 < error - field < 4500  # right below the field
        assert words in html[error : error + 300]
        assert 'aria-invalid="true"' in html and 'aria-describedby="message-text-error"' in html
        assert typed in html  # what was typed is kept
        assert str(exchange.id) not in html[error : error + 300]
        assert "body" not in html[error : error + 300].split(">", 1)[1].split("<", 1)[0]
    empty = form(ben, f"/conversations/{exchange.id}", {"body": "   "})
    assert empty.status_code == 422 and "Bitte schreiben Sie eine Nachricht." in empty.text
    assert world.community.read_conversation(exchange.id, by=sorgende.OPERATOR).messages == []


def test_contact_details_reach_the_helper_once_the_recipients_side_agrees(
    world: World, as_: Callable[[str], TestClient[Any]]
) -> None:
    exchange = _proposal(world, "carl")  # Carl shares no contact details in general
    world.community.accept(exchange.id, by=world.people["carl"].id)
    ben = as_("ben")
    assert 'data-testid="contact"' not in ben.get(f"/conversations/{exchange.id}").text
    # the helper may not share the recipient's details
    assert form(ben, f"/conversations/{exchange.id}/contact", {}).status_code == 403
    # the coordinator records Carl's consent given on the phone
    petra = as_("petra")
    assert 'id="share-contact"' in petra.get(f"/conversations/{exchange.id}").text
    shared = form(petra, f"/conversations/{exchange.id}/contact", {"by_phone": "yes"})
    assert shared.status_code == 303
    page = ben.get(f"/conversations/{exchange.id}").text
    assert 'data-testid="contact"' in page and "Carl Clemens" in page
    consent = world.community.read_conversation(exchange.id, by=sorgende.OPERATOR).consent
    assert consent is not None and consent.by_phone and consent.given_by == world.people["petra"].id


def test_messages_are_exported_and_erased_with_their_author(
    world: World, as_: Callable[[str], TestClient[Any]]
) -> None:
    exchange = _proposal(world)
    form(as_("ben"), f"/conversations/{exchange.id}", {"body": "Ich bringe Tüten mit."})
    c, ben = world.community, world.people["ben"]
    exported = c.export_person(ben.id, by=sorgende.OPERATOR)
    assert "Ich bringe Tüten mit." in repr(exported)
    c.erase_person(ben.id, by=sorgende.OPERATOR)
    talk = c.read_conversation(exchange.id, by=sorgende.OPERATOR)
    assert talk.messages == []


def test_a_trusted_persons_inbox_holds_what_waits_for_whom_they_act_for(
    world: World, as_: Callable[[str], TestClient[Any]]
) -> None:
    """Whom a person is trusted person for is asked of the storage (``actors.trusting``),
    which follows the person's choice as it changes."""
    anna, dora = world.people["anna"], world.people["dora"]
    before = world.community.inbox_count(by=dora.id).number
    world.community.trust(anna.id, dora.id, by=anna.id)
    exchange = _proposal(world)
    items = world.community.inbox(by=dora.id)
    assert [(i.kind, i.exchange.id if i.exchange else None, i.for_person) for i in items][-1:] == [
        ("answer", exchange.id, anna.id)
    ]
    assert world.community.inbox_count(by=dora.id).number == before + 1
    assert f'href="/exchanges/{exchange.id}"' in as_("dora").get("/inbox").text
    # no longer her trusted person: no longer in her inbox
    world.community.revoke_trust(anna.id, dora.id, by=anna.id)
    assert world.community.inbox_count(by=dora.id).number == before
