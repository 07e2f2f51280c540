"""The public form (no account), the helper's page and the staff's situation page,
through the web platform: bad input is named next to the form, nothing half-written."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from crisis_site import PASSWORD, START, Site, open_site
from litestar.testing import TestClient
from sorgende_crisis.web import pages
from sorgende_web import create_app
from sorgende_web.testing import form

from sorgende.errors import ConfigError


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> Any:
        return self.now


@pytest.fixture(scope="module")
def clock() -> Clock:
    return Clock()


@pytest.fixture(scope="module")
def served_site(tmp_path_factory: pytest.TempPathFactory, clock: Clock) -> Iterator[Site]:
    # one database for the module (its migrations cost seconds); each test its own crisis
    folder = tmp_path_factory.mktemp("crisis_pages")
    opened = open_site(f"sqlite:///{folder / 'crisis.db'}", clock)
    yield opened
    opened.platform.close()


@pytest.fixture
def site(served_site: Site, clock: Clock) -> Site:
    clock.now = START
    crisis = served_site.crisis.open_crisis(
        "Hochwasser Ahr", served_site.places, by=served_site.staff
    )
    return attrs.evolve(served_site, crisis_id=crisis.id)


@pytest.fixture
def app(served_site: Site) -> Any:
    # an app per test: each counts its own form posts (its throttle is the app's)
    return create_app(served_site.platform)


@pytest.fixture
def client(app: Any) -> Iterator[TestClient[Any]]:
    with TestClient(app) as c:
        yield c


GOOD = {
    "name": "Jana Beispiel",
    "phone": "0171 2345678",
    "skills": "schleppen, Erste Hilfe",
    "adult": "on",
    "consent_contact": "on",
}


def test_register_without_account_and_see_the_own_page(site: Site, client: Any) -> None:
    page = client.get(site.form_path)
    assert page.status_code == 200
    assert "Ich will helfen" in page.text and "Altenahr" in page.text
    answer = form(client, site.form_path, GOOD)
    assert answer.status_code == 303, answer.text
    own = client.get(answer.headers["location"])
    assert own.status_code == 200
    assert "Danke, Jana Beispiel!" in own.text
    again = form(client, site.form_path, {**GOOD, "phone": "+49 171 2345678", "equipment": "Pumpe"})
    assert again.status_code == 303
    (helper,) = site.crisis.helpers(site.crisis_id)
    assert helper.registrations == 2 and helper.equipment == ("pumpe",)


def test_english_form(site: Site, client: Any) -> None:
    page = client.get(site.form_path, headers={"accept-language": "en"})
    assert "I want to help" in page.text


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"phone": ""}, "Telefonnummer"),
        ({"phone": "ruf mich an"}, "keine Telefonnummer"),
        ({"name": "<script>alert(1)</script>"}, "ohne die Zeichen"),
        ({"comes_from": "x" * 10_000}, "Zeichen"),
        ({"skills": "y" * 10_000}, "Zeichen"),
        ({"consent_contact": ""}, "Einwilligung"),
    ],
)
def test_bad_input_is_named_and_nothing_written(
    site: Site, client: Any, changes: dict[str, str], says: str
) -> None:
    answer = form(client, site.form_path, {**GOOD, **changes})
    assert answer.status_code == 422, answer.text[-500:]
    assert says in answer.text
    assert "<script>alert" not in answer.text
    assert site.crisis.helpers(site.crisis_id) == []


def test_a_flood_from_one_address_is_throttled(site: Site, client: Any, app: Any) -> None:
    limit = pages.FORM_LIMIT
    statuses = [
        form(client, site.form_path, {**GOOD, "phone": f"0171 50000{i:02d}"}).status_code
        for i in range(limit + 1)
    ]
    # reports of needs count with the registrations: the same address, the same form
    statuses.append(
        form(client, need_path(site), {**NEED, "place_id": str(site.places[0])}).status_code
    )
    assert statuses[:limit] == [303] * limit
    assert statuses[-2:] == [429, 429]
    assert len(site.crisis.helpers(site.crisis_id)) == limit and reported(site) == []
    # another served app (another web worker) counts on its own
    with TestClient(create_app(site.platform)) as other:
        assert form(other, site.form_path, {**GOOD, "phone": "0171 5999999"}).status_code == 303
    assert app.state[pages.THROTTLE_STATE] is not None


def test_the_limit_is_a_setting_of_the_deployment(served_site: Site) -> None:
    settings = served_site.platform.settings
    assert pages._setting(settings, "form_limit", 10) == 10
    raised = attrs.evolve(settings, plugins={"crisis": {"form_limit": "500"}})
    assert pages._setting(raised, "form_limit", 10) == 500
    wrong = attrs.evolve(settings, plugins={"crisis": {"form_limit": "viele"}})
    with pytest.raises(ConfigError) as refused:
        pages._setting(wrong, "form_limit", 10)
    assert "[plugins.crisis] form_limit" in refused.value.message("en")


NEED = {
    "what": "Keller auspumpen",
    "address": "Brückenstraße 4",
    "helpers": "3",
    "urgent": "on",
    "name": "Anwohnerin Schmitz",
    "phone": "02643 12345",
    "consent_contact": "on",
}


def need_path(site: Site) -> str:
    return f"/crisis/{site.community_id}/{site.crisis_id}/need"


def reported(site: Site) -> list[Any]:
    return [t for t in site.crisis.tasks(site.crisis_id) if t.reported]


def test_a_resident_reports_a_need_for_the_staffs_triage(site: Site, client: Any) -> None:
    page = client.get(site.form_path)
    assert "Ich brauche Hilfe" in page.text and 'data-testid="need-form"' in page.text
    answer = form(client, need_path(site), {**NEED, "place_id": str(site.places[1])})
    assert answer.status_code == 303, answer.text[-500:]
    assert "reported=1" in answer.headers["location"]
    thanks = client.get(answer.headers["location"])
    assert "Danke, Ihre Meldung ist angekommen" in thanks.text
    (task,) = reported(site)
    assert (task.title, task.place_id, task.capacity, task.priority) == (
        "Keller auspumpen",
        site.places[1],
        3,
        1,
    )
    assert task.reporter_phone == "+49264312345" and task.address == "Brückenstraße 4"
    # the staff look first: the automatic triage leaves it, the situation counts it
    form(client, site.form_path, GOOD)
    assert site.crisis.dispatch_all(site.crisis_id, by=site.staff) == 0
    picture = site.crisis.situation(site.crisis_id, by=site.staff)
    assert picture.needs[(site.places[1], 1)] == 3
    sent = site.crisis.dispatch(task.id, by=site.staff, notify=False)
    assert len(sent) == 1 and site.crisis.task(task.id).dispatched == 1


@pytest.mark.parametrize(
    ("language", "changes", "field", "says"),
    [
        ("de", {"what": ""}, "what", "Was gebraucht wird: darf nicht leer sein"),
        ("en", {"what": ""}, "what", "what is needed: must not be empty"),
        ("de", {"place_id": ""}, "place_id", "in welchem Ort Hilfe gebraucht wird"),
        ("en", {"place_id": "kein-ort"}, "place_id", "the place where help is needed"),
        ("de", {"helpers": "viele"}, "helpers", "Bitte eine Zahl von 1 bis 50"),
        ("en", {"helpers": "0"}, "helpers", "Please a number from 1 to 50"),
        ("de", {"phone": "ruf mich an"}, "phone", "keine Telefonnummer"),
        ("en", {"phone": ""}, "phone", "Please give your phone number"),
        ("de", {"what": "<script>alert(1)</script>"}, "what", "ohne die Zeichen"),
        ("en", {"address": "x" * 10_000}, "address", "longer than 120 characters"),
        ("de", {"consent_contact": ""}, "consent_contact", "nicht zurückrufen"),
        ("en", {"consent_contact": ""}, "consent_contact", "cannot call you back"),
    ],
)
def test_a_bad_report_is_named_at_its_field_with_the_input_kept(
    site: Site, client: Any, language: str, changes: dict[str, str], field: str, says: str
) -> None:
    data = {**NEED, "place_id": str(site.places[0]), **changes}
    answer = form(client, need_path(site), data, headers={"accept-language": language})
    assert answer.status_code == 422, answer.text[-500:]
    at_field = answer.text.split(f'data-testid="need-error-{field}">', 1)
    assert len(at_field) == 2, f"no message at {field}"
    assert says in at_field[1].split("</p>", 1)[0]
    assert f'aria-describedby="need-{field}-error"' in answer.text
    # what was typed stays (but no markup comes back)
    assert 'value="Anwohnerin Schmitz"' in answer.text
    if field != "phone":
        assert f'value="{NEED["phone"]}"' in answer.text
    assert "<script>alert" not in answer.text
    assert reported(site) == []


def test_dispatch_check_in_out_and_situation(site: Site, client: Any, clock: Clock) -> None:
    task = site.add_task(capacity=1)
    own_url = form(client, site.form_path, GOOD).headers["location"]
    staff = TestClient(client.app)
    assert (
        form(
            staff, "/login", {"login": "krisenstab", "password": PASSWORD, "next": "/"}
        ).status_code
        == 303
    )
    path = f"/crisis/{site.crisis_id}/tasks/{task.id}/dispatch"
    assert form(staff, path, {"size": "20"}).status_code == 303
    own = client.get(own_url)
    assert "Keller ausräumen" in own.text and "Feuerwehrhaus Altenahr" in own.text
    helper = site.crisis.helpers(site.crisis_id)[0]
    (d,) = site.crisis.dispatches(helper_id=helper.id)
    base = f"/crisis/{site.community_id}/helper/{helper.id}"
    for step in ("confirm", "check-in"):
        answer = form(client, f"{base}/{step}", {"code": helper.token, "dispatch_id": str(d.id)})
        assert answer.status_code == 303, answer.text[-800:]
    assert (
        form(client, f"{base}/check-in", {"code": "falsch", "dispatch_id": str(d.id)}).status_code
        == 404
    )
    clock.now = START.replace(hour=11)
    assert (
        form(
            client, f"{base}/check-out", {"code": helper.token, "dispatch_id": str(d.id)}
        ).status_code
        == 303
    )
    picture = staff.get(f"/crisis/{site.crisis_id}/situation")
    assert picture.status_code == 200, picture.text[-800:]
    assert 'data-testid="registered">1<' in picture.text
    assert 'data-testid="dispatched">1<' in picture.text
    assert "1 / 1" in picture.text
    stranger = client.get(f"/crisis/{site.crisis_id}/situation", follow_redirects=False)
    assert stranger.status_code in (401, 302, 303)  # the public sees no situation page
