"""Getting an account, on a real SMTP server: the front page, invitations, registration
with a confirmed address and recorded consents, accounts made for residents without
e-mail (a sign-in sheet, a trusted person, the first password changed), password reset
and change, and the password policy with its refusals at the field."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from accounts_site import BASE_URL, Site, open_site
from sorgende_web import passwords
from sorgende_web.account_records import CONSENT, LINK
from sorgende_web.account_settings import AccountSettings
from sorgende_web.accounts import accounts_for
from sorgende_web.testing import PASSWORD, World, form, sign_in

from sorgende.errors import ConfigError

ACCOUNTS = {
    "self_registration": True,
    "phone": "06592 / 939-0",
    "email": "koordination@testdorf.example",
    "consent_version": "3",
    "communities": {"Nachbarort": {"self_registration": False, "invitations": False}},
}
GOOD = "Apfelbaum im Garten 7"


@pytest.fixture
def site(world_template: tuple[Path, World], tmp_path: Path) -> Iterator[Site]:
    yield from open_site(world_template, tmp_path, ACCOUNTS)


def _error(page: str, field: str) -> str:
    found = re.search(rf'data-testid="error-{field}">([^<]*)<', page)
    assert found, f"no error at {field}"
    return found.group(1)


def _sign_out(site: Site) -> None:
    form(site.client, "/logout")
    site.client.cookies.clear()


# -- the front page -------------------------------------------------------------------


def test_the_front_page_says_what_the_platform_is_and_how_to_reach_the_coordination(
    site: Site,
) -> None:
    page = site.client.get("/")
    assert page.status_code == 200
    text = page.text
    assert "Nachbarn helfen Nachbarn" in text
    assert "Wie bitte ich um Hilfe?" in text and "Wie biete ich Hilfe an?" in text
    assert 'href="tel:065929390"' in text and "06592 / 939-0" in text
    assert 'href="/login"' in text and 'href="/register"' in text
    assert 'href="/password/forgot"' in text
    english = site.client.get("/", headers={"Accept-Language": "en"}).text
    assert "How do I ask for help?" in english
    sign_in(site.client, "anna")
    assert site.client.get("/", follow_redirects=False).headers["location"] == "/board"


# -- invitations ------------------------------------------------------------------------


def test_an_invitation_by_e_mail_leads_to_an_account(site: Site) -> None:
    sign_in(site.client, "petra")  # coordinator of the association: community coordinator
    made = form(site.client, "/people", {"name": "Hanna Haas", "email": "hanna@example.org"})
    assert made.status_code == 303, made.text
    person_path = made.headers["location"].split("?")[0]
    assert form(site.client, person_path + "/invite").status_code == 303
    _sign_out(site)
    message = site.mail.last("hanna@example.org")
    assert "Einladung" in str(message["Subject"])
    path = site.mail.link("hanna@example.org", "/invitation")
    page = site.client.get(path)
    assert page.status_code == 200 and "Willkommen, Hanna Haas!" in page.text
    # the policy at the field: a common password, the login itself
    weak = form(site.client, path, {"login": "hanna", "password": "12345678", "repeat": "12345678"})
    assert weak.status_code == 422
    assert weak.headers["content-type"].startswith("text/html"), weak.headers
    assert "zu kurz" in _error(weak.text, "password")
    common = "passwort1234"
    weak = form(site.client, path, {"login": "hanna", "password": common, "repeat": common})
    assert "sehr viele" in _error(weak.text, "password")
    same = form(
        site.client, path, {"login": "hanna.haas", "password": "hanna.haas", "repeat": "hanna.haas"}
    )
    assert "Name oder Anmeldename" in _error(same.text, "password")
    taken = form(site.client, path, {"login": "anna", "password": GOOD, "repeat": GOOD})
    assert "vergeben" in _error(taken.text, "login")
    done = form(site.client, path, {"login": "hanna", "password": GOOD, "repeat": GOOD})
    assert done.status_code == 303 and done.headers["location"] == "/login?done=account"
    sign_in(site.client, "hanna", GOOD)
    # the link is used up
    _sign_out(site)
    assert site.client.get(path).status_code == 404


def test_a_community_that_does_not_invite_refuses_the_invitation(site: Site) -> None:
    sign_in(site.client, "gina")  # coordinator of the club, which coordinates Nachbarort
    made = form(site.client, "/people", {"name": "Ida Imhof", "email": "ida@example.org"})
    assert made.status_code == 303
    person_path = made.headers["location"].split("?")[0]
    assert 'id="invite"' not in site.client.get(person_path).text
    refused = form(site.client, person_path + "/invite")
    assert refused.status_code == 404 and "Nachbarort" in refused.text
    assert site.mail.messages() == []


# -- registration -----------------------------------------------------------------------


def test_registration_confirms_the_address_and_records_the_consents(site: Site) -> None:
    page = site.client.get("/register")
    assert page.status_code == 200
    # Nachbarort does not offer it: the form is Testdorf's alone
    assert "Nachbarort" not in page.text
    data = {"name": "Jana Jung", "email": "jana@example.org", "consent_contact": "on"}
    refused = form(site.client, "/register", data)
    assert refused.status_code == 422
    assert "Datenschutzerklärung" in _error(refused.text, "privacy")
    assert 'value="Jana Jung"' in refused.text  # what was typed stays
    bad = form(site.client, "/register", {**data, "privacy": "on", "email": "jana"})
    assert "E-Mail-Adresse" in _error(bad.text, "email")
    sent = form(site.client, "/register", {**data, "privacy": "on"})
    assert sent.status_code == 303
    assert "E-Mails" in site.client.get(sent.headers["location"]).text
    # nobody is registered before the address is confirmed
    names = [a.name for a in site.world.community.actors()]
    assert "Jana Jung" not in names
    path = site.mail.link("jana@example.org", "/register/confirm")
    assert site.client.get(path).status_code == 200
    done = form(site.client, path, {"login": "jana", "password": GOOD, "repeat": GOOD})
    assert done.status_code == 303
    jana = next(a for a in site.world.community.actors() if a.name == "Jana Jung")
    assert jana.email == "jana@example.org"
    assert jana.consent.contact and not jana.consent.share_contact_details
    with site.platform.read(site.world.community.community_id) as uow:
        given = {r.name: r for r in uow.of(CONSENT).list(where={"actor_id": jana.id})}
        assert uow.of(LINK).list(where={"purpose": "register"}) == []
    assert set(given) == {"privacy", "contact", "share_contact_details", "statistics"}
    assert given["privacy"].given and given["contact"].given
    assert not given["statistics"].given
    assert {r.version for r in given.values()} == {"3"}
    assert datetime.now(UTC) - given["privacy"].at < timedelta(minutes=5)
    sign_in(site.client, "jana", GOOD)
    mine = site.client.get("/my-data").text
    assert "Textfassung 3" in mine


# -- an account for a resident without e-mail -------------------------------------------


def test_a_sign_in_sheet_with_a_trusted_person_and_the_first_password_changed(
    site: Site,
) -> None:
    world = site.world
    carl, anna = world.people["carl"], world.people["anna"]
    accounts_for(site.platform).accounts_of(world.community.community_id, carl.id)
    # carl has an account in the world: a new person without e-mail gets one here
    sign_in(site.client, "petra")
    made = form(site.client, "/people", {"name": "Karl Korn", "phone": "06592 777"})
    person_path = made.headers["location"].split("?")[0]
    page = site.client.get(person_path)
    assert 'data-testid="assisted-form"' in page.text and 'id="invite"' not in page.text
    sheet = form(
        site.client, person_path + "/account", {"login": "karl.korn", "trusted_id": str(anna.id)}
    )
    assert sheet.status_code == 200, sheet.text
    password = re.search(r'data-testid="sheet-password">([^<]+)<', sheet.text).group(1)  # type: ignore[union-attr]
    assert 'data-testid="sheet-login">karl.korn<' in sheet.text
    assert "Anna Alt" in sheet.text and BASE_URL in sheet.text
    karl = next(a for a in world.community.actors() if a.name == "Karl Korn")
    assert karl.trusted_persons == frozenset({anna.id}) and karl.email is None
    _sign_out(site)
    first = form(
        site.client, "/login", {"login": "karl.korn", "password": password, "next": "/board"}
    )
    assert first.headers["location"] == "/password"
    # nothing but the change opens before the password is his own
    assert site.client.get("/board", follow_redirects=False).headers["location"] == "/password"
    change = site.client.get("/password")
    assert 'data-testid="first-sign-in"' in change.text
    weak = form(
        site.client,
        "/password",
        {"current": password, "password": "karl.korn", "repeat": "karl.korn"},
    )
    assert weak.status_code == 422 and _error(weak.text, "password")
    done = form(site.client, "/password", {"current": password, "password": GOOD, "repeat": GOOD})
    assert done.status_code == 303 and done.headers["location"] == "/login?done=password"
    sign_in(site.client, "karl.korn", GOOD)
    assert site.client.get("/board").status_code == 200
    # the sheet's password is no longer valid
    _sign_out(site)
    old = form(site.client, "/login", {"login": "karl.korn", "password": password})
    assert old.status_code == 401


def test_a_new_sheet_for_a_forgotten_password_and_who_may_make_one(site: Site) -> None:
    carl = site.world.people["carl"]
    sign_in(site.client, "anna")  # a resident: no administration of people
    assert site.client.get(f"/people/{carl.id}").status_code == 403
    assert form(site.client, f"/people/{carl.id}/initial-password").status_code == 403
    _sign_out(site)
    sign_in(site.client, "petra")
    sheet = form(site.client, f"/people/{carl.id}/initial-password")
    assert sheet.status_code == 200 and 'data-testid="sheet-login">carl<' in sheet.text
    _sign_out(site)
    assert form(site.client, "/login", {"login": "carl", "password": PASSWORD}).status_code == 401


# -- password reset and change ----------------------------------------------------------


def test_a_password_reset_by_e_mail_is_single_use_and_expires(site: Site) -> None:
    asked = form(site.client, "/password/forgot", {"login": "anna"})
    assert asked.status_code == 303
    # an unknown login reads the same and sends nothing
    unknown = form(site.client, "/password/forgot", {"login": "niemand"})
    assert unknown.headers["location"] == asked.headers["location"]
    assert len(site.mail.messages()) == 1
    path = site.mail.link("anna@example.org", "/password/reset")
    # the secret is stored only as its hash
    with site.platform.read(site.world.community.community_id) as uow:
        (link,) = uow.of(LINK).list(where={"purpose": "reset"})
    assert path.rsplit("/", 1)[1] not in repr(link)
    differs = form(site.client, path, {"password": GOOD, "repeat": GOOD + "x"})
    assert "nicht gleich" in _error(differs.text, "repeat")
    done = form(site.client, path, {"password": GOOD, "repeat": GOOD})
    assert done.status_code == 303 and done.headers["location"] == "/login?done=password"
    sign_in(site.client, "anna", GOOD)
    _sign_out(site)
    assert site.client.get(path).status_code == 404
    assert form(site.client, path, {"password": GOOD, "repeat": GOOD}).status_code == 404
    # by e-mail address, and too late
    form(site.client, "/password/forgot", {"login": "ANNA@example.org"})
    late = site.mail.link("anna@example.org", "/password/reset")
    store = accounts_for(site.platform)
    store.clock = (datetime.now(UTC) + timedelta(hours=3)).timestamp
    try:
        assert site.client.get(late).status_code == 404
    finally:
        store.clock = time.time


def test_the_host_header_cannot_change_a_link_that_is_sent(site: Site) -> None:
    form(site.client, "/password/forgot", {"login": "anna"}, headers={"Host": "attacker.example"})
    text = site.mail.last("anna@example.org").get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "attacker.example" not in text and f"{BASE_URL}/password/reset/" in text


def test_changing_ones_password_needs_the_current_one(site: Site) -> None:
    sign_in(site.client, "ben")
    wrong = form(site.client, "/password", {"current": "falsch", "password": GOOD, "repeat": GOOD})
    assert wrong.status_code == 422 and "bisherige" in _error(wrong.text, "current")
    english = form(
        site.client,
        "/password",
        {"current": PASSWORD, "password": "ben", "repeat": "ben"},
        headers={"Accept-Language": "en"},
    )
    assert "too short" in _error(english.text, "password")
    done = form(site.client, "/password", {"current": PASSWORD, "password": GOOD, "repeat": GOOD})
    assert done.status_code == 303
    # every sign-in ended, this one too
    assert site.client.get("/board", follow_redirects=False).status_code in (302, 303, 401)
    sign_in(site.client, "ben", GOOD)


def test_the_current_password_is_checked_through_the_sign_in_throttle(site: Site) -> None:
    """A stolen session cannot try passwords on the change form faster than at sign-in:
    after the free failures of the login from this address, even the right one waits."""
    sign_in(site.client, "ben")
    for _ in range(5):  # login_attempts_per_login
        wrong = form(
            site.client, "/password", {"current": "falsch", "password": GOOD, "repeat": GOOD}
        )
        assert wrong.status_code == 422 and "bisherige" in _error(wrong.text, "current")
    waiting = form(
        site.client, "/password", {"current": PASSWORD, "password": GOOD, "repeat": GOOD}
    )
    assert waiting.status_code == 429 and "Zu viele fehlgeschlagene Anmeldungen" in waiting.text
    assert int(waiting.headers["retry-after"]) >= 1


# -- the policy and the settings --------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("1234567", "web.problem.password.too_short"),
        ("12345678", "web.problem.password.common"),
        ("Passwort123!", "web.problem.password.common"),
        ("aaaaaaaaaaaa", "web.problem.password.common"),
        ("anna.alt", "web.problem.password.own_name"),
        ("Anna Alt", "web.problem.password.own_name"),
        (GOOD, None),
    ],
)
def test_the_password_policy(password: str, expected: str | None) -> None:
    found = passwords.problem(password, login="anna.alt", name="Anna Alt", min_length=8)
    assert (found.key if found is not None else None) == expected


def test_the_settings_per_community_and_their_refusals() -> None:
    found = AccountSettings.from_mapping(ACCOUNTS)
    assert found.of("Testdorf").self_registration and found.of("Testdorf").invitations
    assert not found.of("Nachbarort").self_registration
    assert found.of("Nachbarort").phone == "06592 / 939-0"  # the rest as for every community
    assert AccountSettings.from_mapping({"consents": "contact, statistics"}).default.consents == (
        "contact",
        "statistics",
    )
    for bad in (
        {"erasure": "sometimes"},
        {"consents": "everything"},
        {"colour": "red"},
        {"min_password_length": "4"},
        {"invitations": "vielleicht"},
    ):
        with pytest.raises(ConfigError):
            AccountSettings.from_mapping(bad)
