"""A person's own data protection: the export as JSON and as a page to read (names and
local dates, no ids), erasure at once or after the data protection officer confirms,
told to the person by e-mail before the address goes, and by a page."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from accounts_site import Site, open_site
from sorgende_web.accounts import accounts_for
from sorgende_web.testing import PASSWORD, World, form, sign_in

from sorgende import OPERATOR, CommunityRole

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture
def site(world_template: tuple[Path, World], tmp_path: Path) -> Iterator[Site]:
    yield from open_site(world_template, tmp_path, {})


@pytest.fixture
def direct(world_template: tuple[Path, World], tmp_path: Path) -> Iterator[Site]:
    yield from open_site(world_template, tmp_path, {"erasure": "direct"})


def test_my_data_as_json_and_as_a_page_to_read(site: Site) -> None:
    site.world.post_request("anna", title="Apotheke abholen")
    sign_in(site.client, "anna")
    assert 'href="/my-data"' in site.client.get("/profile").text
    answer = site.client.get("/my-data/export.json")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/json")
    assert "attachment" in answer.headers["content-disposition"]
    data = json.loads(answer.content)
    assert data["actor"]["name"] == "Anna Alt"
    assert data["records"]["web.account"][0]["login"] == "anna"
    assert "password_hash" not in data["records"]["web.account"][0]
    assert [r["title"] for r in data["records"]["request"]] == ["Apotheke abholen"]
    page = site.client.get("/my-data/export")
    assert page.status_code == 200
    text = page.text
    assert "Anna Alt" in text and "Apotheke abholen" in text and "Lindenweg 3" in text
    assert "Mehren" in text  # the home place by its name
    main = text.split('<main id="main"', 1)[1]
    assert _UUID.search(main) is None, "an id on the page"
    assert re.search(r"\d{4}-\d{2}-\d{2}T", main) is None, "an ISO time on the page"
    # in the audit trail, as every export
    assert any(e.type == "PersonExported" for e in site.world.community.audit_trail(by=OPERATOR))


def test_erasure_at_once_when_the_community_says_so(direct: Site) -> None:
    anna = direct.world.people["anna"]
    sign_in(direct.client, "anna")
    page = direct.client.get("/my-data").text
    assert "sofort gelöscht" in page
    unsure = form(direct.client, "/my-data/erase", {})
    assert unsure.status_code == 422
    done = form(direct.client, "/my-data/erase", {"sure": "on"})
    assert done.status_code == 303 and done.headers["location"] == "/erased"
    assert "Ihre Daten sind gelöscht" in direct.client.get("/erased").text
    told = direct.mail.last("anna@example.org")
    assert "gelöscht" in str(told["Subject"])
    erased = direct.world.community.actor(anna.id)
    assert erased.erased and erased.email is None
    assert accounts_for(direct.platform).by_login("anna") is None
    assert form(direct.client, "/login", {"login": "anna", "password": PASSWORD}).status_code == 401


def test_erasure_confirmed_by_the_data_protection_officer(site: Site) -> None:
    community, people = site.world.community, site.world.people
    community.grant_role(people["dora"].id, CommunityRole.DATA_PROTECTION, by=OPERATOR)
    sign_in(site.client, "anna")
    asked = form(site.client, "/my-data/erase", {"sure": "on"})
    assert asked.status_code == 303 and asked.headers["location"] == "/my-data?done=asked"
    page = site.client.get("/my-data?done=asked").text
    assert 'data-testid="erasure-asked"' in page
    assert not community.actor(people["anna"].id).erased
    assert site.mail.messages() == []
    form(site.client, "/logout")
    site.client.cookies.clear()
    # nobody else carries it out
    sign_in(site.client, "markus")
    assert site.client.get("/erasures").status_code == 403
    assert form(site.client, "/erasures", {"person_id": str(people["anna"].id)}).status_code == 403
    form(site.client, "/logout")
    site.client.cookies.clear()
    sign_in(site.client, "dora")
    listed = site.client.get("/erasures").text
    assert "Anna Alt" in listed
    done = form(site.client, "/erasures", {"person_id": str(people["anna"].id)})
    assert done.status_code == 303
    assert community.actor(people["anna"].id).erased
    told = site.mail.last("anna@example.org")
    assert "gelöscht" in str(told["Subject"])
    assert "Keine Bitte wartet" in site.client.get("/erasures").text
    trail = [e.type for e in community.audit_trail(by=OPERATOR)]
    assert "PersonErased" in trail
