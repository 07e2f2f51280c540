"""One policy for the web and the core: parties, actions, contact details, scoped roles.

The web decides nothing of its own (``sorgende_web.access`` asks the core): a page offers
exactly the transitions the core allows, a refused one is a 403 with the policy's reason
(never a 500), the calendar and the pages show the same contact details, an
organisation's coordinator coordinates that organisation's work only, and the web roles
of sorgende-web 0.1 become the domain's roles at upgrade.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sorgende_web
from click.testing import CliRunner
from sorgende_web import create_app
from sorgende_web.accounts import accounts_for, create_account
from sorgende_web.roles import upgrade_roles
from sorgende_web.testing import PASSWORD, World, api_token, form, set_legacy_role

from sorgende.calendar import person_feed
from sorgende.cli import make_cli
from sorgende.config import Settings
from sorgende.domain.actors import Actor, ActorKind, CommunityRole, Consent, Role
from sorgende.domain.exchanges import Exchange, ExchangeState, Party
from sorgende.domain.policy import OPERATOR
from sorgende.domain.values import TimeWindow
from sorgende.errors import NotFound, PermissionDenied

SHARE = Consent(contact=True, share_contact_details=True)


def offered(page: str) -> list[str]:
    """The transitions an exchange page offers, in the order of its buttons."""
    return re.findall(r'data-testid="action-([a-z_]+)"', page)


def disputed(world: World) -> Exchange:
    """Anna's request, helped by Ben, reported as done and disputed by Anna."""
    c, people = world.community, world.people
    request = world.post_request("anna", days=-0.05)
    exchange = c.propose(request_id=request.id, by=people["ben"].id)
    c.accept(exchange.id, by=people["anna"].id)
    c.complete(exchange.id, by=people["ben"].id, hours=3)
    return c.dispute(exchange.id, by=people["anna"].id, reason="Es war eine Stunde")


# -- the trusted coordinator -----------------------------------------------------------------


def test_a_coordinator_who_is_the_recipients_trusted_person_acts_as_the_recipient(
    world: World, as_: Any
) -> None:
    """Petra coordinates the community and is Anna's trusted person: one answer, from the
    policy, in the core and in the web. She acts as Anna's side (own part, then trusted
    person, then coordinator): no one settles a dispute they are part of."""
    c, people = world.community, world.people
    petra, markus = people["petra"], people["markus"]
    c.trust(people["anna"].id, petra.id, by=people["anna"].id)
    request = world.post_request("anna", days=-0.05)
    exchange = c.propose(request_id=request.id, by=people["ben"].id)
    c.accept(exchange.id, by=people["anna"].id)
    c.complete(exchange.id, by=people["ben"].id, hours=3)
    # completed: the recipient's side confirms or disputes (as Anna would)
    assert c.actions(exchange.id, by=petra.id) == ["confirm", "dispute"]
    page = as_("petra").get(f"/exchanges/{exchange.id}")
    assert offered(page.text) == c.actions(exchange.id, by=petra.id)
    c.dispute(exchange.id, by=people["anna"].id, reason="Es war eine Stunde")
    # disputed: "resolve" is not offered to her, and not allowed
    assert c.actions(exchange.id, by=petra.id) == []
    page = as_("petra").get(f"/exchanges/{exchange.id}")
    assert page.status_code == 200
    assert offered(page.text) == [] and 'data-testid="actions"' not in page.text
    with pytest.raises(PermissionDenied):
        c.resolve(exchange.id, by=petra.id, hours=1, reason="geklärt")
    refused = form(
        as_("petra"), f"/exchanges/{exchange.id}/resolve", {"hours": "1", "reason": "geklärt"}
    )
    assert refused.status_code == 403
    assert "Petra Schmitz darf nicht" in refused.text and "Nicht erlaubt" in refused.text
    form(as_("petra"), "/language", {"lang": "en"})
    english = form(
        as_("petra"), f"/exchanges/{exchange.id}/resolve", {"hours": "1", "reason": "geklärt"}
    )
    assert english.status_code == 403 and "Petra Schmitz may not" in english.text
    api = as_("petra").post(
        f"/api/exchanges/{exchange.id}/resolve",
        json={"hours": 1, "reason": "x"},
        headers={"Authorization": f"Bearer {_token(world, 'petra')}"},
    )
    assert api.status_code == 403 and api.json()["status"] == 403
    assert c.exchange(exchange.id).state is ExchangeState.DISPUTED
    # another coordinator, on neither side, settles it: the page offers what the core does
    assert c.actions(exchange.id, by=markus.id) == ["resolve"]
    assert offered(as_("markus").get(f"/exchanges/{exchange.id}").text) == ["resolve"]
    done = form(
        as_("markus"), f"/exchanges/{exchange.id}/resolve", {"hours": "1", "reason": "geklärt"}
    )
    assert done.status_code == 303
    assert c.exchange(exchange.id).state is ExchangeState.RESOLVED


def test_the_party_is_the_policys(world: World) -> None:
    from sorgende_web.access import Viewer

    c, people = world.community, world.people
    c.trust(people["anna"].id, people["petra"].id, by=people["anna"].id)
    exchange = disputed(world)
    store = accounts_for(world.platform)

    def party(login: str) -> Party | None:
        account = store.by_login(login)
        assert account is not None
        return Viewer(world.platform, account).party(exchange)

    assert party("ben") is Party.HELPER
    assert party("anna") is Party.RECIPIENT
    assert party("petra") is Party.RECIPIENT  # the trusted person before the coordinator
    assert party("markus") is Party.COORDINATOR
    assert party("carl") is None


def test_every_exchange_page_offers_what_the_core_allows(world: World, as_: Any) -> None:
    c, people = world.community, world.people
    exchange = disputed(world)
    proposed = c.propose(request_id=world.post_request("carl", days=3).id, by=people["dora"].id)
    for made in (exchange, proposed):
        for login in ("anna", "ben", "carl", "dora", "petra", "markus"):
            page = as_(login).get(f"/exchanges/{made.id}")
            if page.status_code == 404:
                # not seen: the core does not find it for them either
                with pytest.raises(NotFound):
                    c.exchange(made.id, by=people[login].id)
                continue
            assert offered(page.text) == c.actions(made.id, by=people[login].id), login


def _token(world: World, login: str) -> str:
    return api_token(world.platform, login)


# -- contact details: the pages and the calendar agree ----------------------------------------


def _person(world: World, name: str, phone: str, **kwargs: Any) -> Actor:
    return world.community.register_actor(  # type: ignore[no-any-return]
        ActorKind.PERSON, name, home_place_id=world.places["Mehren"].id, phone=phone, **kwargs
    )


def _window(days: float) -> TimeWindow:
    start = (datetime.now(UTC) + timedelta(days=days)).replace(microsecond=0)
    return TimeWindow(start, start + timedelta(hours=1))


def _exchange(world: World, recipient: Actor, helper: Actor, days: int, accept: bool) -> Exchange:
    c = world.community
    request = c.post_request(recipient.id, "shopping", world.places["Mehren"].id, _window(days), 1)
    made = c.propose(request_id=request.id, by=helper.id)
    return c.accept(made.id, by=recipient.id) if accept else made


def test_the_pages_and_the_calendar_show_the_same_contact_details(world: World, as_: Any) -> None:
    c = world.community
    sport = c.register_actor(ActorKind.ASSOCIATION, "Sportverein")  # no community role
    sven = _person(world, "Sven Sport", "06592 0")
    c.add_membership(sven.id, sport.id, Role.COORDINATOR, by=OPERATOR)
    create_account(
        world.platform,
        community_id=c.community_id,
        actor_id=sven.id,
        login="sven",
        password=PASSWORD,
    )
    olga = _person(world, "Olga Ohm", "06592 111", consent=SHARE)
    quirin = _person(world, "Quirin Still", "06592 222")
    mia = _person(world, "Mia Mitglied", "06592 333")
    c.add_membership(mia.id, sport.id, Role.MEMBER, by=sven.id)
    ben, dora = world.people["ben"], world.people["dora"]
    cases = [
        # (who looks, the exchange, whose phone, seen?)
        ("accepted, with consent", "ben", _exchange(world, olga, ben, 2, True), "06592 111", True),
        ("without consent", "dora", _exchange(world, quirin, dora, 3, True), "06592 222", False),
        ("proposed", "dora", _exchange(world, olga, dora, 4, False), "06592 111", False),
        (
            "coordinator of another organisation",
            "sven",
            _exchange(world, quirin, sven, 5, True),
            "06592 222",
            False,
        ),
        (
            "coordinator of the person's organisation",
            "sven",
            _exchange(world, mia, sven, 6, True),
            "06592 333",
            True,
        ),
    ]
    people = {**world.people, "sven": sven}
    for name, login, exchange, phone, expected in cases:
        page = as_(login).get(f"/exchanges/{exchange.id}").text
        feed = person_feed(world.platform, c.community_id, people[login].id).decode()
        web_sees, calendar_sees = phone in page, phone in feed.replace("\r\n ", "")
        assert (web_sees, calendar_sees) == (expected, expected), name
        # and both are the core's answer
        seen = c.contact(exchange.recipient_id, by=people[login].id)
        assert (seen is not None) == expected, name


# -- scoped coordinators ------------------------------------------------------------------------


def test_an_organisations_coordinator_coordinates_its_work_only(world: World, as_: Any) -> None:
    c = world.community
    sport = c.register_actor(ActorKind.ASSOCIATION, "Sportverein")
    sven = _person(world, "Sven Sport", "06592 0")
    c.add_membership(sven.id, sport.id, Role.COORDINATOR, by=OPERATOR)
    create_account(
        world.platform,
        community_id=c.community_id,
        actor_id=sven.id,
        login="sven",
        password=PASSWORD,
    )
    mia = _person(world, "Mia Mitglied", "06592 333")
    c.add_membership(mia.id, sport.id, Role.MEMBER, by=sven.id)
    ours = c.post_request(
        mia.id,
        "shopping",
        world.places["Mehren"].id,
        _window(2),
        1,
        title="Trikots waschen",
        by=sven.id,
        organisation_id=sport.id,
    )
    theirs = world.post_request("anna", title="Einkauf für Anna")
    helped = c.propose(request_id=ours.id, by=world.people["ben"].id)
    c.propose(request_id=theirs.id, by=world.people["dora"].id)
    page = as_("sven")
    dashboard = page.get("/dashboard")
    assert dashboard.status_code == 200
    assert "Trikots waschen" in dashboard.text and "Einkauf für Anna" not in dashboard.text
    assert 'data-testid="tile-solidarity"' not in dashboard.text  # the community's, not his
    listed = page.get("/exchanges?scope=all").text
    assert listed.count('data-testid="exchange"') == 1 and str(helped.id) in listed
    token = {"Authorization": f"Bearer {_token(world, 'sven')}"}
    assert page.get(f"/api/requests/{ours.id}/candidates", headers=token).status_code == 200
    refused = page.get(f"/api/requests/{theirs.id}/candidates", headers=token)
    assert refused.status_code == 403
    assert "Koordination der Organisation" in refused.json()["detail"]
    assert 'id="withdraw"' in page.get(f"/requests/{ours.id}").text
    assert 'id="withdraw"' not in page.get(f"/requests/{theirs.id}").text
    # a community coordinator sees both
    petra = as_("petra").get("/dashboard").text
    assert "Trikots waschen" in petra and "Einkauf für Anna" in petra
    # what a person is shown as: the policy's role names
    assert "(Koordination der Organisation)" in page.get("/board").text
    assert "(Koordination der Gemeinschaft)" in as_("petra").get("/board").text


# -- the web roles of sorgende-web 0.1 --------------------------------------------------------


class _Warnings(logging.Handler):
    """The web's warnings while it starts (without pytest's log capture)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())

    def starting(self, platform: Any) -> str:
        logger = logging.getLogger("sorgende_web")
        logger.addHandler(self)
        try:
            create_app(platform)
        finally:
            logger.removeHandler(self)
        return "\n".join(self.lines)


def test_old_web_roles_become_the_domains_at_upgrade(world: World) -> None:
    platform, c = world.platform, world.community
    set_legacy_role(platform, "carl", "admin")
    set_legacy_role(platform, "dora", "coordinator")
    set_legacy_role(platform, "ben", "helper")
    set_legacy_role(platform, "petra", "coordinator")  # a coordinator already
    # the web says so when it starts
    assert "4 accounts still carry a web role" in _Warnings().starting(platform)
    cli = make_cli(plugins=[sorgende_web], settings=Settings(load_entrypoints=False))
    url = platform.storage.url
    dry = CliRunner().invoke(
        cli, ["--lang", "en", "web", "upgrade-roles", "--db", url, "--dry-run"]
    )
    assert dry.exit_code == 0, dry.output
    assert "carl (Carl Clemens), web role admin: community coordinator, administrator" in dry.output
    assert "petra (Petra Schmitz), web role coordinator: no role to grant" in dry.output
    assert "Dry run" in dry.output
    assert c.actor(world.people["carl"].id).community_roles == frozenset()
    done = CliRunner().invoke(cli, ["web", "upgrade-roles", "--db", url])
    assert done.exit_code == 0, done.output
    assert c.actor(world.people["carl"].id).community_roles == {
        CommunityRole.COORDINATOR,
        CommunityRole.ADMINISTRATOR,
    }
    assert c.actor(world.people["dora"].id).community_roles == {CommunityRole.COORDINATOR}
    assert c.actor(world.people["ben"].id).community_roles == frozenset()
    assert c.actor(world.people["petra"].id).community_roles == frozenset()
    assert all(not a.legacy_role for a in accounts_for(platform).accounts(c.community_id))
    # the grants are the operator's, in the event log like any grant
    with platform.read(c.community_id) as uow:
        logged = uow.event_log.read()
    granted = [e.event for e in logged if e.type == "RoleGranted"]
    assert all(e.actor is None for e in logged if e.type == "RoleGranted")
    assert {(e.actor_id, e.role) for e in granted} >= {
        (world.people["carl"].id, "administrator"),
        (world.people["dora"].id, "coordinator"),
    }
    # once done, nothing is left to do
    assert upgrade_roles(platform) == []
    assert "web role" not in _Warnings().starting(platform)


# -- the audit trail ----------------------------------------------------------------------------

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def test_the_audit_trail_page_for_administrators_and_data_protection(
    world: World, as_: Any
) -> None:
    c, people = world.community, world.people
    # privileged acts: a role granted, a request posted on someone's behalf
    c.grant_role(people["dora"].id, CommunityRole.DATA_PROTECTION, by=people["markus"].id)
    assert (
        form(
            as_("petra"),
            "/requests",
            {
                "category": "shopping",
                "place_id": str(world.places["Mehren"].id),
                "recipient_id": str(people["carl"].id),
                "date": (datetime.now(UTC) + timedelta(days=3)).date().isoformat(),
                "time": "10:00",
                "hours": "1",
            },
        ).status_code
        == 303
    )
    for login in ("markus", "dora"):
        page = as_(login).get("/audit")
        assert page.status_code == 200, login
        table = page.text.split('data-testid="audit"')[1].split("</table>")[0]
        assert table.count('data-testid="audit-entry"') >= 2
        # names and local dates, never an id
        assert "Markus Thelen" in table and "Dora Dahm" in table
        assert "Petra Schmitz" in table and "Carl Clemens" in table
        assert "Datenschutzbeauftragte" in table
        assert not UUID.search(table)
        assert re.search(r"\d{1,2}\. \w+ \d{4}", table), table[:500]
    for login in ("anna", "petra"):
        refused = as_(login).get("/audit")
        assert refused.status_code == 403, login
        assert "das Protokoll der Befugnisse lesen" in refused.text
    # the menu shows the page to whom it is for
    assert 'href="/audit"' in as_("markus").get("/board").text
    assert 'href="/audit"' not in as_("petra").get("/board").text
