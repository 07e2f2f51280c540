"""The organisers' planning pages: planning an event, adding a shift with a place kept for
first aid; who may not organise sees no link and is refused; bad input is named next to
its field, in German and English, with what was typed kept."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient
from sorgende_web import create_app
from sorgende_web.testing import form
from web_world import PASSWORD, Ballenstedt, holiday_week


@pytest.fixture
def town(tmp_path: Path) -> Iterator[Ballenstedt]:
    world = holiday_week(tmp_path)
    yield world
    world.platform.close()


@pytest.fixture
def as_(town: Ballenstedt) -> Iterator[Callable[[str], TestClient[Any]]]:
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


def _event_form(town: Ballenstedt, **changes: str) -> dict[str, Any]:
    day = town.monday + timedelta(days=12)
    values: dict[str, Any] = {
        "title": "Herbstputz am Schlossteich",
        "organisations": str(town.organisations["heimat"]),
        "date": day.isoformat(),
        "start": "09:00",
        "end": "13:00",
        "place_id": str(town.places["Ballenstedt"]),
        "location": "Am Bootsverleih",
        "description": "Wir räumen gemeinsam auf.",
        "signup_opens_at": "",
        "members_first_until": "",
        "max_shifts_per_person": "2",
    }
    values.update(changes)
    return values


def _without_links(text: str) -> str:
    return re.sub(r'(href|action|value)="[^"]*"', "", text)


def _plan(town: Ballenstedt, client: TestClient[Any]) -> str:
    answer = form(client, "/projects/events/new", _event_form(town))
    assert answer.status_code == 303, answer.text
    target = answer.headers["location"]
    assert target.endswith("?done=event_planned")
    return target.split("?")[0]


def test_an_organiser_plans_an_event_and_adds_a_shift(town: Ballenstedt, as_: Any) -> None:
    jana = as_("jana")
    calendar = jana.get("/projects/calendar")
    assert 'data-testid="plan-event-link"' in calendar.text
    page = jana.get("/projects/events/new")
    assert page.status_code == 200, page.text
    assert "Heimatverein Ballenstedt e.V." in page.text
    event_path = _plan(town, jana)
    page = jana.get(f"{event_path}?done=event_planned")
    assert "Herbstputz am Schlossteich" in page.text
    assert "Die Veranstaltung ist geplant." in page.text
    assert 'data-testid="add-shift-link"' in page.text

    answer = form(
        jana,
        f"{event_path}/shifts/new",
        {
            "title": "Müll sammeln",
            "start": "09:30",
            "end": "12:00",
            "capacity": "3",
            "need_kind_0": "first_aid",
            "need_count_0": "1",
            "place_id": "",
            "location": "",
        },
    )
    assert answer.status_code == 303, answer.text
    assert "done=shift_added" in answer.headers["location"]
    page = jana.get(f"{event_path}?done=shift_added")
    assert "Die Schicht ist hinzugefügt." in page.text
    assert "Müll sammeln" in page.text
    assert "Erste-Hilfe-Nachweis" in page.text
    assert 'data-testid="shift-need"' in page.text
    text = _without_links(page.text)
    assert not re.search(r"\d{4}-\d{2}-\d{2}T", text)

    # a volunteer with first aid signs up through the existing page
    paul = as_("paul")
    page = paul.get(event_path)
    shift_id = re.search(r'action="/projects/shifts/([0-9a-f-]{36})/sign-up"', page.text)
    assert shift_id is not None, page.text
    answer = form(paul, f"/projects/shifts/{shift_id.group(1)}/sign-up", {})
    assert answer.status_code == 303, answer.text
    assert "done=signed_up" in answer.headers["location"]
    page = paul.get(event_path)
    assert 'data-testid="my-state"' in page.text


def test_a_volunteer_may_not_plan(town: Ballenstedt, as_: Any) -> None:
    lena = as_("lena")
    assert 'data-testid="plan-event-link"' not in lena.get("/projects/calendar").text
    assert lena.get("/projects/events/new").status_code == 403
    answer = form(lena, "/projects/events/new", _event_form(town))
    assert answer.status_code == 403
    event = town.events[1]
    page = lena.get(f"/projects/events/{event.id}")
    assert 'data-testid="add-shift-link"' not in page.text
    assert lena.get(f"/projects/events/{event.id}/shifts/new").status_code == 403
    answer = form(
        lena,
        f"/projects/events/{event.id}/shifts/new",
        {"title": "Heimlich", "start": "10:00", "end": "11:00", "capacity": "2"},
    )
    assert answer.status_code == 403
    # nor for another association's event
    assert as_("tom").get(f"/projects/events/{event.id}/shifts/new").status_code == 403


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"end": "08:00"}, "end", {"de": "Ende muss nach", "en": "end must be after"}),
        ({"title": ""}, "title", {"de": "", "en": ""}),
        (
            {"organisations": "00000000-0000-0000-0000-000000000001"},
            "organisations",
            {"de": "können Sie nicht planen", "en": "cannot plan for"},
        ),
        (
            {"organisations": "__sv__"},
            "organisations",
            {"de": "können Sie nicht planen", "en": "cannot plan for"},
        ),
    ],
)
def test_a_bad_event_form_names_the_field(
    town: Ballenstedt, as_: Any, lang: str, changes: dict[str, str], field: str, words: Any
) -> None:
    jana = as_("jana")
    if lang == "en":
        form(jana, "/language", {"lang": "en", "next": "/projects/calendar"})
    if changes.get("organisations") == "__sv__":
        changes = {"organisations": str(town.organisations["sv"])}
    answer = form(jana, "/projects/events/new", _event_form(town, **changes))
    assert answer.status_code in (400, 403, 422), answer.text
    assert answer.status_code != 500
    assert f'data-testid="error-plan-{field}"' in answer.text
    assert 'aria-invalid="true"' in answer.text
    assert f'aria-describedby="plan-{field}-error"' in answer.text
    assert words[lang] in answer.text
    assert "Am Bootsverleih" in answer.text  # what was typed stays
    assert "Wir räumen gemeinsam auf." in answer.text
    if lang == "en":
        assert "Plan the event" in answer.text
    else:
        assert "Veranstaltung planen" in answer.text
    message = re.search(r'data-testid="error-plan-[a-z_]+">([^<]*)<', answer.text)
    assert message is not None
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", message.group(1))


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"end": "09:00"}, "end", {"de": "Ende muss nach", "en": "end must be after"}),
        ({"capacity": "0"}, "capacity", {"de": "0", "en": "0"}),
        ({"title": ""}, "title", {"de": "", "en": ""}),
        ({"need_kind_0": "zaubern"}, "need_kind_0", {"de": "Qualifikation", "en": "qualification"}),
        ({"need_count_0": "5"}, "needs", {"de": "", "en": ""}),
    ],
)
def test_a_bad_shift_form_names_the_field(
    town: Ballenstedt, as_: Any, lang: str, changes: dict[str, str], field: str, words: Any
) -> None:
    jana = as_("jana")
    event_path = _plan(town, jana)
    if lang == "en":
        form(jana, "/language", {"lang": "en", "next": "/projects/calendar"})
    values = {
        "title": "Kuchenstand",
        "start": "10:00",
        "end": "12:00",
        "capacity": "2",
        "need_kind_0": "first_aid",
        "need_count_0": "1",
        "location": "Am Zelt",
    }
    values.update(changes)
    answer = form(jana, f"{event_path}/shifts/new", values)
    assert answer.status_code in (400, 422), answer.text
    assert f'data-testid="error-shift-{field}"' in answer.text
    assert 'aria-invalid="true"' in answer.text
    assert words[lang] in answer.text
    assert "Am Zelt" in answer.text
    if lang == "en":
        assert "Add the shift" in answer.text
    else:
        assert "Schicht hinzufügen" in answer.text
