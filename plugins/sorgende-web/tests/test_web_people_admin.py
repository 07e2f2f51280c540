"""The administration of people and accounts: the list searched, filtered and in pages;
roles and memberships changed within the scope the core's policy allows and refused
outside it; deactivation and reactivation in the audit trail; the latest sign-ins."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from accounts_site import Site, open_site
from sorgende_web.testing import World, form, sign_in

from sorgende import OPERATOR, ActorKind, CommunityRole


@pytest.fixture
def site(world_template: tuple[Path, World], tmp_path: Path) -> Iterator[Site]:
    yield from open_site(world_template, tmp_path, {})


def _names(page: str) -> list[str]:
    return re.findall(r'<tr data-testid="person-row"><td><a href="[^"]+">([^<]+)</a>', page)


def test_the_list_is_searched_filtered_and_paged(site: Site) -> None:
    community = site.world.community
    for n in range(25):
        community.register_actor(ActorKind.PERSON, f"Zora Zimmer {n:02d}")
    sign_in(site.client, "markus")
    first = site.client.get("/people")
    assert first.status_code == 200
    assert len(_names(first.text)) == 20 and "Seite 1 von 2" in first.text
    second = site.client.get("/people?page=2").text
    assert len(_names(second)) == 31 - 20
    assert _names(site.client.get("/people?q=zimmer+0").text) == [
        f"Zora Zimmer {n:02d}" for n in range(10)
    ]
    daun = site.world.places["Daun"].id
    assert _names(site.client.get(f"/people?place={daun}").text) == ["Dora Dahm"]
    admins = _names(site.client.get("/people?role=administrator").text)
    assert admins == ["Markus Thelen"]
    coordinators = _names(site.client.get("/people?role=organisation_coordinator").text)
    assert coordinators == ["Markus Thelen", "Petra Schmitz"]
    without = site.client.get("/people?account=no&q=zora").text
    assert "25 Personen" in without and len(_names(without)) == 20
    assert "Anna Alt" in _names(site.client.get("/people?account=yes").text)
    community.deactivate_person(site.world.people["dora"].id, by=OPERATOR)
    assert _names(site.client.get("/people?status=deactivated").text) == ["Dora Dahm"]
    # a filter that names nothing of the kind is refused, not a 500
    assert site.client.get("/people?role=king").status_code == 422
    # the audit trail is linked
    assert 'href="/audit"' in first.text


def test_roles_are_changed_within_the_policys_scope_and_refused_outside(site: Site) -> None:
    people = site.world.people
    sign_in(site.client, "markus")  # the administrator
    granted = form(site.client, f"/people/{people['dora'].id}/roles", {"role": "ledger_keeper"})
    assert granted.status_code == 303
    dora = site.world.community.actor(people["dora"].id)
    assert CommunityRole.LEDGER_KEEPER in dora.community_roles
    roles = site.client.get(f"/people/{people['dora'].id}").text
    assert 'data-testid="person-roles">Zeitbank-Verwaltung<' in roles
    revoked = form(
        site.client,
        f"/people/{people['dora'].id}/roles",
        {"role": "ledger_keeper", "change": "revoke"},
    )
    assert revoked.status_code == 303
    assert not site.world.community.actor(people["dora"].id).community_roles
    # no one widens their own powers: the core refuses, the page says why
    own = form(site.client, f"/people/{people['markus'].id}/roles", {"role": "data_protection"})
    assert own.status_code == 403
    form(site.client, "/logout")
    site.client.cookies.clear()
    # a coordinator may not grant community roles: the policy's administrators only
    sign_in(site.client, "petra")
    page = site.client.get(f"/people/{people['dora'].id}").text
    assert 'data-testid="role-form"' not in page
    refused = form(site.client, f"/people/{people['dora'].id}/roles", {"role": "administrator"})
    assert refused.status_code == 403 and "Petra Schmitz darf nicht" in refused.text
    # memberships: petra, a community coordinator, sets one in the municipality
    municipality = next(
        a for a in site.world.community.actors() if a.kind is ActorKind.MUNICIPALITY
    )
    member = form(
        site.client,
        f"/people/{people['dora'].id}/membership",
        {"organisation_id": str(municipality.id), "role": "member"},
    )
    assert member.status_code == 303
    form(site.client, "/logout")
    site.client.cookies.clear()
    # eve coordinates nothing in Testdorf: another community's people are not found
    sign_in(site.client, "gina")
    assert site.client.get(f"/people/{people['dora'].id}").status_code == 404


def test_an_organisations_coordinator_sets_memberships_of_her_own_organisation_only(
    site: Site,
) -> None:
    community, people = site.world.community, site.world.people
    club = community.register_actor(ActorKind.ASSOCIATION, "Kaninchenzuchtverein")
    other = community.register_actor(ActorKind.ASSOCIATION, "Gesangverein")
    kurt = community.register_actor(ActorKind.PERSON, "Kurt Kraus")
    from sorgende_web.accounts import create_account

    from sorgende import Role

    community.add_membership(kurt.id, club.id, Role.COORDINATOR)
    create_account(
        site.platform,
        community_id=community.community_id,
        actor_id=kurt.id,
        login="kurt",
        password="Kaninchen im Stall 9",
    )
    sign_in(site.client, "kurt", "Kaninchen im Stall 9")
    assert site.client.get("/people").status_code == 200
    ok = form(
        site.client,
        f"/people/{people['ben'].id}/membership",
        {"organisation_id": str(club.id), "role": "member"},
    )
    assert ok.status_code == 303
    refused = form(
        site.client,
        f"/people/{people['ben'].id}/membership",
        {"organisation_id": str(other.id), "role": "member"},
    )
    assert refused.status_code == 403


def test_deactivate_and_reactivate_are_audited(site: Site) -> None:
    carl = site.world.people["carl"]
    sign_in(site.client, "markus")
    assert form(site.client, f"/people/{carl.id}/deactivate").status_code == 303
    page = site.client.get(f"/people/{carl.id}").text
    assert 'data-testid="person-status">Abgemeldet<' in page and 'id="reactivate"' in page
    assert site.world.community.actor(carl.id).deactivated
    assert form(site.client, f"/people/{carl.id}/reactivate").status_code == 303
    assert not site.world.community.actor(carl.id).deactivated
    trail = site.client.get("/audit").text
    assert "hat Carl Clemens abgemeldet" in trail
    assert "hat Carl Clemens wieder angemeldet" in trail
    # a coordinator may neither: the policy's data protection officer and administrators
    form(site.client, "/logout")
    site.client.cookies.clear()
    sign_in(site.client, "petra")
    assert 'id="deactivate"' not in site.client.get(f"/people/{carl.id}").text
    assert form(site.client, f"/people/{carl.id}/deactivate").status_code == 403


def test_an_accounts_latest_sign_ins_are_shown_with_time_and_address(site: Site) -> None:
    anna = site.world.people["anna"]
    sign_in(site.client, "anna")
    form(site.client, "/logout")
    site.client.cookies.clear()
    sign_in(site.client, "anna")
    form(site.client, "/logout")
    site.client.cookies.clear()
    sign_in(site.client, "markus")
    page = site.client.get(f"/people/{anna.id}").text
    found = re.search(r'data-testid="sign-ins">(.*?)</ul>', page, re.S)
    assert found is not None
    entries = re.findall(r"<li>([^<]+)</li>", found.group(1))
    assert len(entries) == 2
    assert all("von testclient" in e for e in entries), entries
    # a local time, never ISO
    assert all(re.search(r"\d{1,2}\. \w+ \d{4}", e) and "T" not in e.split(",")[0] for e in entries)
