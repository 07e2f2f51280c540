"""The plugin's pages: the shared calendar, an event with its shifts, signing up and
cancelling, the organiser's view, my shifts, projects; bad input answers the project's
refusals next to the field, never a 500."""

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


def test_the_calendar_shows_the_holiday_week(town: Ballenstedt, as_: Any) -> None:
    month = town.monday.strftime("%Y-%m")
    page = as_("lena").get(f"/projects/calendar?month={month}")
    assert page.status_code == 200, page.text
    assert "Sportfest am Schlossteich" in page.text
    assert "Heimatverein Ballenstedt e.V." in page.text
    assert str(town.events[0].id) not in re.sub(r'href="[^"]*"', "", page.text)


def test_every_page_renders(town: Ballenstedt, as_: Any) -> None:
    event = town.events[1]
    jana = as_("jana")
    for path in (
        "/projects/calendar",
        f"/projects/events/{event.id}",
        f"/projects/events/{event.id}/organise",
        "/projects/my-shifts",
        "/projects/groups",
    ):
        page = jana.get(path)
        assert page.status_code == 200, (path, page.text[-3000:])


def _first_shift(town: Ballenstedt, event: int = 1, k: int = 1) -> Any:
    return town.shifts[town.events[event].id][k]


def test_sign_up_and_cancel_from_the_event_page(town: Ballenstedt, as_: Any) -> None:
    event, shift = town.events[1], _first_shift(town)
    lena = as_("lena")
    page = lena.get(f"/projects/events/{event.id}")
    assert "3 von 3 frei" in page.text
    answer = form(lena, f"/projects/shifts/{shift.id}/sign-up")
    assert answer.status_code == 303
    assert answer.headers["location"] == (
        f"/projects/events/{event.id}?done=signed_up#shift-{shift.id}"
    )
    page = lena.get(f"/projects/events/{event.id}")
    assert "Sie sind für die Schicht eingetragen." not in page.text  # no flag, no notice
    assert "Sie sind eingetragen" in page.text and "2 von 3 frei" in page.text
    assert form(lena, f"/projects/shifts/{shift.id}/cancel").status_code == 303
    assert "3 von 3 frei" in lena.get(f"/projects/events/{event.id}").text


def test_a_full_shift_puts_the_next_on_the_waitlist_with_her_place(
    town: Ballenstedt, as_: Any
) -> None:
    event, shift = town.events[1], _first_shift(town)
    for login in ("jana", "tom", "ute"):
        assert form(as_(login), f"/projects/shifts/{shift.id}/sign-up").status_code == 303
    for login in ("lena", "mia"):
        answer = form(as_(login), f"/projects/shifts/{shift.id}/sign-up")
        assert "done=waiting" in answer.headers["location"]
    page = as_("mia").get(f"/projects/events/{event.id}")
    assert "Sie stehen auf Platz 2 der Warteliste" in page.text
    # a place is freed: Lena moves up, Mia is first on the waitlist
    assert form(as_("tom"), f"/projects/shifts/{shift.id}/cancel").status_code == 303
    assert "Sie sind eingetragen" in as_("lena").get(f"/projects/events/{event.id}").text
    assert "Platz 1 der Warteliste" in as_("mia").get("/projects/my-shifts").text


def test_the_rules_refusal_is_shown_next_to_the_shift(town: Ballenstedt, as_: Any) -> None:
    event = town.events[1]
    lena = as_("lena")
    # at most two shifts of the event per person; the third is refused by the rule
    shifts = town.shifts[event.id]
    assert form(lena, f"/projects/shifts/{shifts[0].id}/sign-up").status_code == 303
    assert form(lena, f"/projects/shifts/{shifts[2].id}/sign-up").status_code == 303
    page = lena.get(f"/projects/events/{event.id}")
    assert page.text.count('data-testid="why-not"') >= 1
    answer = form(lena, f"/projects/shifts/{shifts[4].id}/sign-up")
    assert answer.status_code == 422
    section = answer.text.split(f'id="shift-{shifts[4].id}"')[1].split("</li>")[0]
    assert 'data-testid="shift-error"' in section
    assert "Lena Vogt" in section and "Kasse" in section


def test_only_who_may_act_for_her_signs_someone_up(town: Ballenstedt, as_: Any) -> None:
    event, shift = town.events[1], _first_shift(town)
    lena, jana = as_("lena"), as_("jana")
    assert "Jemanden eintragen" not in lena.get(f"/projects/events/{event.id}").text
    # a forged form: Lena may not sign Mia up (the rules refuse, the page says so)
    answer = form(
        lena, f"/projects/shifts/{shift.id}/sign-up", {"person_id": str(town.people["mia"])}
    )
    assert answer.status_code == 403
    assert 'data-testid="shift-error"' in answer.text
    # Jana coordinates the association that runs the event: she may
    assert "Jemanden eintragen" in jana.get(f"/projects/events/{event.id}").text
    answer = form(
        jana, f"/projects/shifts/{shift.id}/sign-up", {"person_id": str(town.people["mia"])}
    )
    assert answer.status_code == 303
    assert "Sie sind eingetragen" in as_("mia").get(f"/projects/events/{event.id}").text


def test_the_organiser_checks_in_and_marks_a_no_show(town: Ballenstedt, as_: Any) -> None:
    event, shift = town.events[1], _first_shift(town)
    for login in ("lena", "mia"):
        assert form(as_(login), f"/projects/shifts/{shift.id}/sign-up").status_code == 303
    organise = f"/projects/events/{event.id}/organise"
    assert as_("lena").get(organise).status_code == 403
    assert as_("tom").get(organise).status_code == 403  # another association's event
    jana = as_("jana")
    page = jana.get(organise)
    assert page.text.count('data-testid="signup-row"') == 2
    assert 'data-testid="check-in"' not in page.text  # too early
    town.clock.now = shift.starts_at - timedelta(minutes=20)
    page = jana.get(organise)
    assert page.text.count('data-testid="check-in"') == 2
    answer = form(
        jana,
        f"/projects/shifts/{shift.id}/check-in",
        {"person_id": str(town.people["lena"]), "next": organise},
    )
    assert answer.status_code == 303 and "done=checked_in" in answer.headers["location"]
    town.clock.now = shift.starts_at + timedelta(minutes=30)
    answer = form(
        jana,
        f"/projects/shifts/{shift.id}/no-show",
        {"person_id": str(town.people["mia"]), "next": organise},
    )
    assert answer.status_code == 303
    page = jana.get(organise)
    no_shows = page.text.split('data-testid="no-shows"')[1]
    assert "Mia Schulz" in no_shows
    assert "Eingecheckt:" in page.text
    # a wrong act is refused next to the shift, not a 500
    answer = form(
        jana,
        f"/projects/shifts/{shift.id}/no-show",
        {"person_id": str(town.people["lena"]), "next": organise},
    )
    assert answer.status_code == 422, answer.text[-500:]
    assert 'data-testid="shift-error"' in answer.text


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("organisation=nicht-eine-id", "organisation"),
        ("organisation=00000000-0000-0000-0000-000000000001", "organisation"),
        ("place=00000000-0000-0000-0000-000000000001", "place"),
        ("kind=raumschiff", "kind"),
        ("month=2026-13", "month"),
        ("month=Juli", "month"),
    ],
)
def test_bad_calendar_filters_are_named_next_to_their_field(
    as_: Any, query: str, field: str
) -> None:
    page = as_("lena").get(f"/projects/calendar?{query}")
    assert page.status_code == 422
    assert f'data-testid="error-{field}"' in page.text
    assert 'aria-invalid="true"' in page.text


@pytest.mark.parametrize(
    "path",
    [
        "/projects/events/00000000-0000-0000-0000-000000000001",
        "/projects/events/keine-id",
        "/projects/groups/00000000-0000-0000-0000-000000000001",
    ],
)
def test_unknown_records_are_not_found(as_: Any, path: str) -> None:
    assert as_("lena").get(path).status_code == 404


def test_bad_forms_are_refused_not_failed(town: Ballenstedt, as_: Any) -> None:
    shift = _first_shift(town)
    lena = as_("lena")
    answer = form(lena, f"/projects/shifts/{shift.id}/sign-up", {"person_id": "x' OR 1=1"})
    assert answer.status_code == 422 and 'data-testid="shift-error"' in answer.text
    stranger = form(
        lena,
        f"/projects/shifts/{shift.id}/sign-up",
        {"person_id": "00000000-0000-0000-0000-000000000001"},
    )
    assert stranger.status_code in (403, 404, 422)
    # without the CSRF token a form is refused
    assert lena.post(f"/projects/shifts/{shift.id}/sign-up", data={}).status_code == 403


def test_a_person_of_another_community_sees_none_of_it(town: Ballenstedt, as_: Any) -> None:
    event = town.events[0]
    sven = as_("sven")
    assert sven.get(f"/projects/events/{event.id}").status_code == 404
    month = town.monday.strftime("%Y-%m")
    assert "Sportfest" not in sven.get(f"/projects/calendar?month={month}").text


def test_pages_speak_english_too(town: Ballenstedt, as_: Any) -> None:
    lena = as_("lena")
    form(lena, "/language", {"lang": "en", "next": "/projects/calendar"})
    page = lena.get(f"/projects/events/{town.events[1].id}")
    assert "Sign up" in page.text and "3 of 3 free" in page.text
    assert "Eintragen" not in page.text


def test_my_shifts_lists_them_with_the_feed_address(town: Ballenstedt, as_: Any) -> None:
    shift = _first_shift(town)
    lena = as_("lena")
    assert "Sie sind für keine Schicht eingetragen." in lena.get("/projects/my-shifts").text
    form(lena, f"/projects/shifts/{shift.id}/sign-up")
    page = lena.get("/projects/my-shifts")
    assert 'data-testid="my-shift"' in page.text and "Kinderflohmarkt" in page.text
    assert re.search(
        r'data-testid="feed-shifts-address"[^>]*>http://[^<]+/projects/feeds/', page.text
    )


def test_a_working_group_with_its_meeting_and_tasks(town: Ballenstedt, as_: Any) -> None:
    from sorgende_projects import ProjectKind

    p, people, orgs = town.projects, town.people, town.organisations
    group = p.create_project(
        "Vereinsstammtisch",
        organisations=[orgs["heimat"], orgs["sv"], orgs["kultur"]],
        by=people["jana"],
        kind=ProjectKind.WORKING_GROUP,
        leads=[people["jana"]],
    )
    p.set_member(group.id, people["lena"], by=people["jana"])
    start = town.clock.now + timedelta(days=3)
    meeting = p.schedule_meeting(
        group.id,
        "Stammtisch im Februar",
        start,
        by=people["jana"],
        ends_at=start + timedelta(hours=2),
        agenda=["Ferienwoche", "Markt der guten Geschäfte"],
    )
    p.record_minutes(
        meeting.id, "Die Ferienwoche steht.", by=people["jana"], decisions=["Flyer drucken"]
    )
    task = p.add_task(group.id, "Flyer drucken", assignee_id=people["lena"], by=people["jana"])
    lena = as_("lena")
    listing = lena.get("/projects/groups?kind=working_group")
    assert "Vereinsstammtisch" in listing.text and "Arbeitsgruppe" in listing.text
    page = lena.get(f"/projects/groups/{group.id}")
    assert page.status_code == 200
    for text in (
        "Lena Vogt – Mitglied",
        "Jana Krüger – Leitung",
        "Markt der guten Geschäfte",
        "Die Ferienwoche steht.",
        "Flyer drucken",
        "zu Gast bei Heimatverein",
    ):
        assert text in page.text, text
    assert f"task-done-{task.id}" in page.text  # her own task
    assert f"task-done-{task.id}" not in as_("mia").get(f"/projects/groups/{group.id}").text
    answer = form(lena, f"/projects/tasks/{task.id}/done")
    assert answer.status_code == 303 and "done=task_done" in answer.headers["location"]
    assert f"task-done-{task.id}" not in lena.get(f"/projects/groups/{group.id}").text
    assert lena.get("/projects/groups?kind=raumschiff").status_code == 422


def test_the_web_part_loads_without_the_web_platform() -> None:
    """Its hooks are optional: a platform without sorgende-web opens, nobody asks them."""
    import sorgende_projects
    import sorgende_projects.web

    import sorgende

    platform = sorgende.open(
        "memory://", plugins=[sorgende_projects, sorgende_projects.web], load_entrypoints=False
    )
    assert "sorgende_web_routes" not in platform.plugins.specified_hooks()
    platform.close()


def test_her_trusted_person_signs_her_up(town: Ballenstedt, as_: Any) -> None:
    """Mia named Lena her trusted person (the core's policy): Lena may sign her up."""
    event, shift = town.events[1], _first_shift(town)
    community = town.platform.community(town.community_id)
    community.trust(town.people["mia"], town.people["lena"], by=town.people["mia"])
    lena = as_("lena")
    page = lena.get(f"/projects/events/{event.id}")
    behalf = page.text.split(f'id="behalf-{shift.id}"')[1].split("</select>")[0]
    assert "Mia Schulz" in behalf and "Paul Neumann" not in behalf
    answer = form(
        lena, f"/projects/shifts/{shift.id}/sign-up", {"person_id": str(town.people["mia"])}
    )
    assert answer.status_code == 303
    assert "Sie sind eingetragen" in as_("mia").get(f"/projects/events/{event.id}").text


def _group(town: Ballenstedt) -> Any:
    from sorgende_projects import ProjectKind

    p, people, orgs = town.projects, town.people, town.organisations
    group = p.create_project(
        "Gemeinschaftsgarten",
        organisations=[orgs["heimat"], orgs["town"]],
        by=people["jana"],
        kind=ProjectKind.WORKING_GROUP,
        leads=[people["jana"]],
    )
    p.set_member(group.id, people["lena"], by=people["jana"])
    return group


def test_the_organiser_schedules_a_meeting_records_minutes_and_gives_a_task(
    town: Ballenstedt, as_: Any
) -> None:
    group = _group(town)
    path = f"/projects/groups/{group.id}"
    jana = as_("jana")
    day = (town.clock.now + timedelta(days=5)).date()
    answer = form(
        jana,
        f"{path}/meetings",
        {
            "title": "Pflanztag",
            "date": day.isoformat(),
            "time": "17:30",
            "hours": "1,5",
            "location": "Gartenhaus",
            "agenda": "Beete verteilen\nGießplan",
        },
    )
    assert answer.status_code == 303, answer.text[-800:]
    page = jana.get(path)
    assert "Pflanztag" in page.text and "Gießplan" in page.text and "17:30–19:00" in page.text
    meeting = town.projects.meetings(group.id)[0]
    answer = form(
        jana,
        f"{path}/meetings/{meeting.id}/minutes",
        {"minutes": "Zwölf Beete sind vergeben.", "decisions": "Gießplan hängt aus"},
    )
    assert answer.status_code == 303
    answer = form(
        jana,
        f"{path}/tasks",
        {"title": "Gießplan schreiben", "assignee_id": str(town.people["lena"]), "due": ""},
    )
    assert answer.status_code == 303
    page = as_("lena").get(path)
    assert "Zwölf Beete sind vergeben." in page.text and "Gießplan schreiben" in page.text
    assert 'data-testid="meeting-form"' not in page.text  # not for members


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": "Pflanztag", "date": "morgen", "time": "17:30"}, "date"),
        ({"title": "Pflanztag", "date": "2026-12-24", "time": "25:99"}, "time"),
        ({"title": "Pflanztag", "date": "2026-12-24", "time": "17:30", "hours": "lang"}, "hours"),
        ({"title": "", "date": "2026-12-24", "time": "17:30"}, "title"),
    ],
)
def test_a_bad_meeting_form_names_the_field(
    town: Ballenstedt, as_: Any, values: dict[str, str], field: str
) -> None:
    group = _group(town)
    answer = form(as_("jana"), f"/projects/groups/{group.id}/meetings", values)
    assert answer.status_code == 422
    assert f'data-testid="error-meeting-{field}"' in answer.text
    assert 'aria-invalid="true"' in answer.text
    assert values["title"] in answer.text  # what was typed stays


def test_a_member_may_not_schedule_nor_give_tasks(town: Ballenstedt, as_: Any) -> None:
    group = _group(town)
    lena = as_("lena")
    day = (town.clock.now + timedelta(days=5)).date().isoformat()
    answer = form(
        lena,
        f"/projects/groups/{group.id}/meetings",
        {"title": "Heimlich", "date": day, "time": "10:00"},
    )
    assert answer.status_code == 403
    assert 'data-testid="error"' in answer.text and "Lena Vogt" in answer.text
    # the organiser's form with a person who is no id: the message next to the field
    answer = form(
        as_("jana"),
        f"/projects/groups/{group.id}/tasks",
        {"title": "x", "assignee_id": "keine-id"},
    )
    assert answer.status_code == 422 and 'data-testid="error-task-assignee_id"' in answer.text


def test_a_form_goes_back_only_to_a_page_of_this_site(town: Ballenstedt, as_: Any) -> None:
    event, shift = town.events[1], _first_shift(town)
    answer = form(as_("lena"), f"/projects/shifts/{shift.id}/sign-up", {"next": "//evil.example/"})
    assert answer.status_code == 303
    assert answer.headers["location"].startswith(f"/projects/events/{event.id}?done=signed_up")
