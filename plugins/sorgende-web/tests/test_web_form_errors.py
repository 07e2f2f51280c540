"""Every help form refuses bad input next to the field: the message stands right after
the field's label, the field points at it (``aria-describedby``) and is marked
``aria-invalid``, in German and in English, without an id, a code or an ISO time, and
what was typed stays in the form."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from accounts_site import Site, open_site
from sorgende_web.accounts import accounts_for
from sorgende_web.testing import World, form, sign_in

from sorgende import Frequency, Recurrence, TimeWindow

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
TOMORROW = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
ZONE = ZoneInfo("Europe/Berlin")
YESTERDAY_WEEK = (datetime.now(UTC) - timedelta(days=8)).date().isoformat()


def _request(world: World, **changes: str) -> dict[str, str]:
    data = {
        "category": "shopping",
        "place_id": str(world.places["Mehren"].id),
        "date": TOMORROW,
        "time": "10:00",
        "hours": "1,5",
        "helpers_needed": "1",
        "repeat": "once",
        "title": "Einkauf bei Edeka",
        "description": "Milch und Brot",
    }
    data.update(changes)
    return data


def _offer(world: World, **changes: str) -> dict[str, str]:
    data = {
        "category": "garden",
        "date": TOMORROW,
        "time": "14:00",
        "hours": "2",
        "repeat": "weekly",
        "title": "Gartenhilfe am Nachmittag",
    }
    data.update(changes)
    return data


def _weekly_offer(world: World) -> str:
    start = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    made = world.community.offer_help(
        world.people["ben"].id,
        "garden",
        [],
        TimeWindow(start, start + timedelta(hours=2)),
        2,
        by=world.people["ben"].id,
        recurrence=Recurrence(Frequency.WEEKLY),
    )
    return f"/offers/{made.id}/use"


#: (form, its path, the bad input, the field it is shown at, what the German and the
#: English message say, a value typed that must stay)
CASES = [
    ("request", "/requests", {"hours": "eins"}, "hours", "Stunden", "hours", "Einkauf bei Edeka"),
    ("request", "/requests", {"date": "morgen"}, "date", "Datum", "date", "Milch und Brot"),
    ("request", "/requests", {"date": YESTERDAY_WEEK}, "date", "", "", "Einkauf bei Edeka"),
    ("request", "/requests", {"time": "25:99"}, "time", "Uhrzeit", "time", "Einkauf bei Edeka"),
    (
        "request",
        "/requests",
        {"helpers_needed": "0"},
        "helpers_needed",
        "ganze Zahl",
        "whole number",
        "Milch und Brot",
    ),
    (
        "request",
        "/requests",
        {"category": "firewood"},
        "category",
        "firewood",
        "firewood",
        "Einkauf bei Edeka",
    ),
    (
        "request",
        "/requests",
        {"repeat": "weekly", "until": YESTERDAY_WEEK},
        "until",
        "",
        "",
        "Einkauf bei Edeka",
    ),
    (
        "offer",
        "/offers",
        {"hours": "viel"},
        "hours",
        "Stunden",
        "hours",
        "Gartenhilfe am Nachmittag",
    ),
    ("offer", "/offers", {"date": "bald"}, "date", "Datum", "date", "Gartenhilfe am Nachmittag"),
    ("use", "", {"slot": "gestern"}, "slot", "Termin", "date", "Hecke schneiden"),
    ("commitment", "/commitments", {"hours": "zwei"}, "hours", "Stunden", "hours", "zwei"),
]


@pytest.mark.parametrize(
    ("kind", "path", "bad", "field", "german", "english", "kept"),
    CASES,
    ids=[f"{c[0]}-{c[3]}-{i}" for i, c in enumerate(CASES)],
)
def test_bad_input_is_named_next_to_its_field(
    world: World,
    as_: Any,
    kind: str,
    path: str,
    bad: dict[str, str],
    field: str,
    german: str,
    english: str,
    kept: str,
) -> None:
    anna = as_("anna")
    if kind == "request":
        data = _request(world, **bad)
    elif kind == "offer":
        data = _offer(world, **bad)
    elif kind == "commitment":
        anna = as_("ben")
        data = {"period": "month", "categories": ["shopping", "garden"], **bad}
    else:
        path = _weekly_offer(world)
        data = {"note": "Hecke schneiden", **bad}
    before = (len(world.community.requests()), len(world.community.offers()))
    texts = {}
    for lang in ("de", "en"):
        anna.cookies.set("sorgende_lang", lang)
        answer = form(anna, path, data)
        assert answer.status_code == 422, (lang, answer.status_code, answer.text[:300])
        page = answer.text
        found = re.search(
            rf'<p class="field-error" id="{field}-error" data-testid="error-{field}">([^<]+)</p>',
            page,
        )
        assert found, f"{lang}: no message at {field}"
        message = found.group(1)
        texts[lang] = message
        # next to the field: between its label (or legend) and the field itself
        label = page.rfind(f'for="{field}"', 0, found.start())
        legend = page.rfind("<legend>", 0, found.start())
        assert max(label, legend) > page.rfind("</div>", 0, found.start()), (
            f"{lang}: not at {field}"
        )
        control = re.search(
            rf'id="{field}"[^>]*aria-invalid="true"[^>]*aria-describedby="{field}-error', page
        )
        assert control, f"{lang}: {field} is not marked invalid and described by its message"
        assert not UUID.search(message) and not ISO.search(message), message
        assert "web.problem" not in message and "field." not in message, message
        assert kept in page, f"{lang}: what was typed is gone"
        assert 'data-testid="error-summary"' in page
    assert german.lower() in texts["de"].lower(), texts
    assert english.lower() in texts["en"].lower(), texts
    assert texts["de"] != texts["en"]
    # nothing was written
    assert (len(world.community.requests()), len(world.community.offers())) == before


def test_a_weekly_request_from_the_form_repeats_on_its_weekday_until_its_end(
    world: World, as_: Any
) -> None:
    anna = as_("anna")
    # the date fields do not offer the past
    form_page = anna.get("/requests/new").text
    assert re.search(
        r'id="date" name="date" type="date" required min="\d{4}-\d{2}-\d{2}"', form_page
    )
    until = (datetime.now(UTC) + timedelta(weeks=8)).date()
    answer = form(
        anna,
        "/requests",
        _request(world, repeat="weekly", weekday="1", until=until.isoformat(), title="Einkaufen"),
    )
    assert answer.status_code == 303, answer.text[:500]
    (made,) = world.community.requests()
    assert made.window.start.weekday() == 1  # a Tuesday
    assert made.recurrence == Recurrence(Frequency.WEEKLY, 1, until)
    page = anna.get(answer.headers["location"]).text
    assert page.count('data-testid="occurrence"') == 8  # the next eight dates
    assert "Jede Woche" in page and "Dienstag" in page
    mine = anna.get("/requests/mine").text
    assert "Einkaufen" in mine and "Nächster Termin ohne Helfende" in mine


# -- the other forms: people, exchange actions ----------------------------------------------


def _tag(page: str, field: str) -> str:
    """The opening tag of the control with the id ``field``."""
    found = re.search(rf'<(?:input|select|textarea)[^>]*\bid="{field}"[^>]*>', page)
    assert found, f"no control {field}"
    return found.group(0)


def _refused_at(page: str, field: str, kept: str) -> str:
    """The message at ``field`` on the refused ``page``, checked to stand next to the field,
    to be pointed at by it, to say no id, code or ISO time, and the typed ``kept`` to stay."""
    found = re.search(
        rf'<p class="field-error" id="{field}-error" data-testid="error-{field}">([^<]+)</p>',
        page,
    )
    assert found, f"no message at {field}"
    message = found.group(1)
    # in the field's own box: its label comes after the box's start, nothing closes between
    box = page.rfind('<div class="field', 0, found.start())
    assert box != -1 and page.find(f'for="{field}"', box, found.start()) != -1, page[box:]
    assert page.rfind("</div>", 0, found.start()) < box, f"not at {field}"
    tag = _tag(page, field)
    assert 'aria-invalid="true"' in tag and f"{field}-error" in tag, tag
    assert not UUID.search(message) and not ISO.search(message), message
    assert "web.problem" not in message and "field." not in message, message
    assert kept in page, "what was typed is gone"
    return message


def _exchange_to_complete(world: World, as_: Any) -> str:
    """An accepted exchange of Anna's request with Ben as the helper: its path."""
    anna, ben = as_("anna"), as_("ben")
    # begun an hour ago: help is reported as done once it has begun
    begun = (datetime.now(ZONE) - timedelta(hours=1)).replace(second=0, microsecond=0)
    posted = form(
        anna,
        "/requests",
        _request(world, date=begun.date().isoformat(), time=begun.strftime("%H:%M")),
    )
    assert posted.status_code == 303, posted.text[:300]
    request_path = posted.headers["location"].split("?")[0]
    proposed = form(ben, f"{request_path}/propose", {"note": "Komme gern"})
    assert proposed.status_code == 303, proposed.text[:300]
    path = proposed.headers["location"].split("?")[0]
    assert form(anna, f"{path}/accept").status_code == 303
    return path


def test_an_exchange_action_refuses_bad_hours_at_its_field(world: World, as_: Any) -> None:
    path = _exchange_to_complete(world, as_)
    ben = as_("ben")
    page = ben.get(path).text
    # the exchange's page leads to its conversation
    exchange_id = path.rsplit("/", 1)[1]
    assert f'<a href="/conversations/{exchange_id}" data-testid="conversation-link">' in page
    assert ben.get(f"/conversations/{exchange_id}").status_code == 200
    texts = {}
    for lang in ("de", "en"):
        ben.cookies.set("sorgende_lang", lang)
        answer = form(ben, f"{path}/complete", {"hours": "viel"})
        assert answer.status_code == 422, (lang, answer.status_code, answer.text[:300])
        texts[lang] = _refused_at(answer.text, "hours-complete", 'value="viel"')
        assert 'data-testid="error-summary"' in answer.text
        # the other actions' forms are still there, without a message
        assert 'data-testid="action-cancel"' in answer.text
        assert 'id="reason-cancel" name="reason" type="text" maxlength="500" value=""' in (
            answer.text
        )
    assert "stunden" in texts["de"].lower() and "hours" in texts["en"].lower(), texts
    assert texts["de"] != texts["en"]
    # a reason longer than the field takes, at the cancel form's reason
    long = "Leider krank " * 40
    for lang in ("de", "en"):
        ben.cookies.set("sorgende_lang", lang)
        answer = form(ben, f"{path}/cancel", {"reason": long})
        assert answer.status_code == 422, (lang, answer.status_code, answer.text[:300])
        texts[lang] = _refused_at(answer.text, "reason-cancel", long.strip())
        assert "hours-complete-error" not in answer.text
    assert "500" in texts["de"] and "500" in texts["en"] and texts["de"] != texts["en"], texts
    # nothing was booked: the exchange still waits for its completion
    ben.cookies.set("sorgende_lang", "de")
    assert 'data-testid="action-complete"' in ben.get(path).text


def test_a_new_person_with_a_bad_address_is_refused_at_the_field(world: World, as_: Any) -> None:
    petra = as_("petra")  # coordinator of the association
    before = len(world.community.actors())
    texts = {}
    for lang in ("de", "en"):
        petra.cookies.set("sorgende_lang", lang)
        answer = form(petra, "/people", {"name": "Hanna Haas", "email": "hanna"})
        assert answer.status_code == 422, (lang, answer.status_code, answer.text[:300])
        texts[lang] = _refused_at(answer.text, "email", 'value="Hanna Haas"')
    assert "E-Mail-Adresse" in texts["de"] and "email address" in texts["en"], texts
    # the field's label stands beside the message: it does not start with the field's name
    assert not any(t.lower().startswith(("email", "e-mail")) for t in texts.values()), texts
    assert texts["de"] != texts["en"]
    assert len(world.community.actors()) == before


@pytest.fixture
def site(world_template: tuple[Path, World], tmp_path: Path) -> Iterator[Site]:
    yield from open_site(world_template, tmp_path, {"self_registration": True})


def test_registration_refuses_a_bad_address_at_the_field(site: Site) -> None:
    data = {"name": "Jana Jung", "email": "jana", "privacy": "on"}
    texts = {}
    for lang in ("de", "en"):
        site.client.cookies.set("sorgende_lang", lang)
        answer = form(site.client, "/register", data)
        assert answer.status_code == 422, (lang, answer.status_code, answer.text[:300])
        texts[lang] = _refused_at(answer.text, "email", 'value="Jana Jung"')
        assert 'value="jana"' in answer.text
    assert "E-Mail-Adresse" in texts["de"] and "e-mail address" in texts["en"].lower(), texts
    assert texts["de"] != texts["en"]
    assert "Jana Jung" not in [a.name for a in site.world.community.actors()]


def test_a_sign_in_sheet_with_a_bad_login_name_is_refused_at_the_field(site: Site) -> None:
    sign_in(site.client, "petra")
    made = form(site.client, "/people", {"name": "Karl Korn", "phone": "06592 777"})
    assert made.status_code == 303, made.text[:300]
    path = made.headers["location"].split("?")[0] + "/account"
    anna = str(site.world.people["anna"].id)
    texts = {}
    for lang in ("de", "en"):
        site.client.cookies.set("sorgende_lang", lang)
        answer = form(site.client, path, {"login": "Karl Korn!", "trusted_id": anna})
        assert answer.status_code == 422, (lang, answer.status_code, answer.text[:300])
        texts[lang] = _refused_at(answer.text, "login", 'value="Karl Korn!"')
        assert f'<option value="{anna}" selected>' in answer.text
    assert texts["de"] != texts["en"], texts
    person_id = uuid.UUID(made.headers["location"].split("?")[0].rsplit("/", 1)[-1])
    # nothing half-made: the person has no account
    assert (
        accounts_for(site.platform).accounts_of(site.world.community.community_id, person_id) == []
    )


def test_a_kind_of_help_with_a_bad_code_is_refused_at_the_field(world: World, as_: Any) -> None:
    markus = as_("markus")  # administrator
    before = [c.code for c in world.community.categories()]
    data = {"code": "Brenn holz!", "name_de": "Brennholz", "name_en": "Firewood"}
    texts = {}
    for lang in ("de", "en"):
        markus.cookies.set("sorgende_lang", lang)
        answer = form(markus, "/settings/categories", data)
        assert answer.status_code == 422, (lang, answer.status_code, answer.text[:300])
        texts[lang] = _refused_at(answer.text, "category-code", 'value="Brenn holz!"')
        assert 'value="Brennholz"' in answer.text and 'value="Firewood"' in answer.text
        assert 'aria-describedby="category-code-error code-hint"' in answer.text
    assert texts["de"] != texts["en"], texts
    assert [c.code for c in world.community.categories()] == before


# -- the profile, the settings' places, a forgotten password, erasure ------------------------


def test_the_profile_refuses_an_over_long_address_and_token_name_at_their_fields(
    world: World, as_: Any
) -> None:
    """The browser stops at the field's ``maxlength``; the server answers at the field too."""
    anna = as_("anna")
    accounts = accounts_for(world.platform)
    community_id = world.community.community_id
    street_before = accounts.street(community_id, world.people["anna"].id)
    account = accounts.by_login("anna")
    assert account is not None
    tokens_before = len(accounts.tokens(account.id))
    street = "Lindenweg " + "3" * 200
    name = ("Mein Kalenderprogramm " * 5).strip()
    texts: dict[str, dict[str, str]] = {"street": {}, "token-name": {}}
    for lang in ("de", "en"):
        anna.cookies.set("sorgende_lang", lang)
        answer = form(anna, "/profile/address", {"street": street})
        assert answer.status_code == 422, (lang, answer.status_code, answer.text[:300])
        texts["street"][lang] = _refused_at(answer.text, "street", f'value="{street}"')
        assert 'data-testid="error-summary"' in answer.text
        answer = form(anna, "/profile/tokens", {"name": name})
        assert answer.status_code == 422, (lang, answer.status_code, answer.text[:300])
        texts["token-name"][lang] = _refused_at(answer.text, "token-name", f'value="{name}"')
        assert 'data-testid="new-token"' not in answer.text
    assert "200 Zeichen" in texts["street"]["de"] and "200 characters" in texts["street"]["en"]
    assert "100 Zeichen" in texts["token-name"]["de"]
    assert "100 characters" in texts["token-name"]["en"]
    # nothing written
    assert accounts.street(community_id, world.people["anna"].id) == street_before
    assert len(accounts.tokens(account.id)) == tokens_before


def test_a_place_with_an_over_long_name_is_refused_at_the_field(world: World, as_: Any) -> None:
    markus = as_("markus")  # administrator
    before = [p.name for p in world.community.places()]
    name = "Oberwinkel-" * 20
    texts = {}
    for lang in ("de", "en"):
        markus.cookies.set("sorgende_lang", lang)
        answer = form(markus, "/settings/places", {"name": name, "kind": "town"})
        assert answer.status_code == 422, (lang, answer.status_code, answer.text[:300])
        texts[lang] = _refused_at(answer.text, "place-name", f'value="{name}"')
        assert '<option value="town" selected>' in answer.text  # the kind chosen is kept
        # the kind of help's form beside it has no message
        assert "category-code-error" not in answer.text
    assert "200 Zeichen" in texts["de"] and "200 characters" in texts["en"], texts
    # a kind of place the form does not offer, at the kind's field
    for lang in ("de", "en"):
        markus.cookies.set("sorgende_lang", lang)
        answer = form(markus, "/settings/places", {"name": "Oberwinkel", "kind": "planet"})
        assert answer.status_code == 422, (lang, answer.status_code, answer.text[:300])
        texts[lang] = _refused_at(answer.text, "place-kind", 'value="Oberwinkel"')
    assert "planet" in texts["de"] and texts["de"] != texts["en"], texts
    assert [p.name for p in world.community.places()] == before


def test_a_forgotten_password_form_refuses_a_bad_login_at_the_field(site: Site) -> None:
    too_long = "anna" * 70  # 280 characters; the field takes 254
    texts: dict[str, dict[str, str]] = {"long": {}, "blank": {}}
    for lang in ("de", "en"):
        site.client.cookies.set("sorgende_lang", lang)
        answer = form(site.client, "/password/forgot", {"login": too_long})
        assert answer.status_code == 422, (lang, answer.status_code, answer.text[:300])
        texts["long"][lang] = _refused_at(answer.text, "login", f'value="{too_long[:254]}"')
        answer = form(site.client, "/password/forgot", {"login": "   "})
        assert answer.status_code == 422, (lang, answer.status_code, answer.text[:300])
        texts["blank"][lang] = _refused_at(answer.text, "login", 'id="login"')
    assert "254 Zeichen" in texts["long"]["de"] and "254 characters" in texts["long"]["en"]
    assert "leer" in texts["blank"]["de"] and "empty" in texts["blank"]["en"], texts
    for kind in texts.values():
        assert not any(t.lower().startswith("login") for t in kind.values()), kind
    assert site.mail.messages() == []  # nothing sent


def test_erasure_without_the_checkbox_is_refused_at_the_checkbox(site: Site) -> None:
    from sorgende_web.account_records import ERASURE_REQUEST

    sign_in(site.client, "anna")
    texts = {}
    for lang in ("de", "en"):
        site.client.cookies.set("sorgende_lang", lang)
        answer = form(site.client, "/my-data/erase", {})
        assert answer.status_code == 422, (lang, answer.status_code, answer.text[:300])
        page = answer.text
        found = re.search(
            r'<p class="field-error" id="sure-error" data-testid="error-sure">([^<]+)</p>', page
        )
        assert found, f"{lang}: no message at the checkbox"
        texts[lang] = message = found.group(1)
        # right after the checkbox's own box (its label), nothing else between
        box = page.rfind('<div class="choice', 0, found.start())
        assert page.find('for="sure"', box, found.start()) != -1
        assert page[page.find("</div>", box) + len("</div>") : found.start()].strip() == ""
        tag = _tag(page, "sure")
        assert 'aria-invalid="true"' in tag and 'aria-describedby="sure-error"' in tag, tag
        assert not UUID.search(message) and not ISO.search(message), message
        assert "web.problem" not in message and "sure" not in message.lower(), message
        # the page it was sent from, with its form, not an error page
        assert 'data-testid="erase-form"' in page
    assert "bestätigen" in texts["de"] and "confirm" in texts["en"], texts
    # nothing recorded, nothing erased
    with site.platform.read(site.world.community.community_id) as uow:
        assert uow.of(ERASURE_REQUEST).list() == []
    assert not site.world.community.actor(site.world.people["anna"].id).erased


# -- the community's auto-confirm days ---------------------------------------------------


@pytest.mark.parametrize("typed", ["-3", "drei", "365"])
def test_auto_confirm_days_refuse_bad_input_at_the_field(
    world: World, as_: Any, typed: str
) -> None:
    from sorgende import Housekeeping

    markus = as_("markus")  # administrator: may change the community's settings
    texts = {}
    for lang in ("de", "en"):
        markus.cookies.set("sorgende_lang", lang)
        answer = form(markus, "/settings/auto-confirm", {"auto_confirm_days": typed})
        assert answer.status_code == 422, (lang, answer.status_code, answer.text[:300])
        texts[lang] = _refused_at(answer.text, "auto-confirm-days", f'value="{typed}"')
        assert 'aria-describedby="auto-confirm-days-error auto-confirm-hint"' in answer.text
        assert 'data-testid="error-summary"' in answer.text
    assert "1 bis 90" in texts["de"] and "1 to 90" in texts["en"], texts
    assert not any("auto_confirm" in t for t in texts.values()), texts
    # nothing written: the community did not choose it
    assert (
        Housekeeping(world.platform).settings(world.community.community_id).auto_confirm_days
        is None
    )


def test_auto_confirm_days_are_chosen_in_the_settings_by_whom_the_policy_allows(
    world: World, as_: Any
) -> None:
    from sorgende import Housekeeping
    from sorgende.domain.policy import ACTIONS, Action

    community_id = world.community.community_id
    chosen = Housekeeping(world.platform)
    markus = as_("markus")
    assert 'data-testid="auto-confirm-form"' in markus.get("/settings").text
    done = form(markus, "/settings/auto-confirm", {"auto_confirm_days": "7"})
    assert done.status_code == 303, done.text[:300]
    assert chosen.settings(community_id).auto_confirm_days == 7
    assert 'id="auto-confirm-days" name="auto_confirm_days" type="number"' in (
        markus.get("/settings").text
    )
    assert 'value="7"' in markus.get("/settings").text
    # empty: never again
    assert form(markus, "/settings/auto-confirm", {"auto_confirm_days": ""}).status_code == 303
    assert chosen.settings(community_id).auto_confirm_days is None
    # a coordinator: as the domain's policy says (the web decides nothing itself)
    petra = as_("petra")
    allowed = "coordinator" in {str(who) for who in ACTIONS[Action.CHANGE_SETTINGS]}
    page = petra.get("/settings")
    assert ('data-testid="auto-confirm-form"' in page.text) is allowed
    answer = form(petra, "/settings/auto-confirm", {"auto_confirm_days": "5"})
    assert answer.status_code == (303 if allowed else 403), answer.status_code
    assert chosen.settings(community_id).auto_confirm_days == (5 if allowed else None)


def test_a_too_long_note_or_reason_on_a_requests_page_is_refused_at_the_field(
    world: World, as_: Any
) -> None:
    """Offering to help (its note) and withdrawing (its reason): text over the field's
    length, sent past the browser's ``maxlength``, is named at the field of the request's
    page, with what was typed kept and nothing written."""
    made = world.post_request("anna")
    path = f"/requests/{made.id}"
    ben, anna = as_("ben"), as_("anna")
    note = "Ich komme gern vorbei " * 30
    reason = "Meine Tochter kommt jetzt " * 30
    texts: dict[str, dict[str, str]] = {"note": {}, "withdraw-reason": {}}
    for lang in ("de", "en"):
        ben.cookies.set("sorgende_lang", lang)
        answer = form(ben, f"{path}/propose", {"note": note})
        assert answer.status_code == 422, (lang, answer.status_code, answer.text[:300])
        texts["note"][lang] = _refused_at(answer.text, "note", f'value="{note}"')
        assert 'data-testid="error-summary"' in answer.text
        anna.cookies.set("sorgende_lang", lang)
        answer = form(anna, f"{path}/withdraw", {"reason": reason})
        assert answer.status_code == 422, (lang, answer.status_code, answer.text[:300])
        texts["withdraw-reason"][lang] = _refused_at(
            answer.text, "withdraw-reason", f'value="{reason}"'
        )
    for found in texts.values():
        assert "500 Zeichen" in found["de"] and "500 characters" in found["en"], found
    # nothing written: no proposal, the request still open
    assert world.community.exchanges(request_id=made.id, by=world.people["anna"].id) == []
    assert world.community.request(made.id).status.value == "open"


def test_a_password_change_refuses_a_short_password_at_the_field(site: Site) -> None:
    """A new password that is too short, and a repetition that differs, each at its field
    in German and English; a password is never put back into the form."""
    from sorgende_web.testing import PASSWORD

    sign_in(site.client, "anna")
    good = "Apfelbaum im Garten 7"
    cases = (
        ({"current": PASSWORD, "password": "Ab1!xy", "repeat": "Ab1!xy"}, "password",
         "Zeichen", "characters"),
        ({"current": PASSWORD, "password": good, "repeat": "Apfelbaum"}, "repeat",
         "gleich", "differ"),
    )  # fmt: skip
    for data, field, german, english in cases:
        texts = {}
        for lang in ("de", "en"):
            site.client.cookies.set("sorgende_lang", lang)
            answer = form(site.client, "/password", data)
            assert answer.status_code == 422, (lang, answer.status_code, answer.text[:300])
            texts[lang] = _refused_at(answer.text, field, f'id="{field}"')
            assert data["password"] not in answer.text  # never shown again
        assert german in texts["de"] and english in texts["en"], texts
        assert texts["en"][:1].isupper(), texts  # a sentence beside its label
    # the password is still the old one
    site.client.cookies.set("sorgende_lang", "de")
    assert form(site.client, "/logout").status_code in (200, 303)
    sign_in(site.client, "anna")
