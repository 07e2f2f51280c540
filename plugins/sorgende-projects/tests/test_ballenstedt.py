"""Ballenstedt's holiday week: three associations and the town run five events with 30
shifts; the shared calendar's feed parses with ``icalendar`` and holds exactly them.

The feed is fetched as a calendar app fetches it: from the address the calendar page
shows a signed-in person, without a session.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest
from litestar.testing import TestClient
from sorgende_web import create_app
from sorgende_web.testing import form
from web_world import PASSWORD, SHIFTS_PER_EVENT, ZONE, Ballenstedt, holiday_week


@pytest.fixture
def town(tmp_path: Path) -> Iterator[Ballenstedt]:
    world = holiday_week(tmp_path)
    yield world
    world.platform.close()


def _signed_in(app: Any, login: str) -> TestClient[Any]:
    client = TestClient(app)
    assert form(client, "/login", {"login": login, "password": PASSWORD}).status_code == 303
    return client


def _address(page: str, testid: str) -> str:
    found = re.search(rf'data-testid="{testid}-address"[^>]*>([^<]+)<', page)
    assert found, f"the page shows no {testid} address"
    return found.group(1)


def _fetch(app: Any, address: str) -> icalendar.Calendar:
    with TestClient(app) as app_client:  # a calendar app: no session, the address is enough
        answer = app_client.get(address)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(answer.content)


def _by_category(calendar: icalendar.Calendar) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for event in calendar.walk("VEVENT"):
        (category,) = [str(c) for c in event["categories"].cats]
        found.setdefault(category, []).append(event)
    return found


def test_the_holiday_week_of_three_associations_and_the_town(town: Ballenstedt) -> None:
    community = town.platform.community(town.community_id)
    runners = {e.organisation_ids[0] for e in town.events}
    kinds = sorted(community.actor(o).kind.value for o in runners)
    assert kinds == ["association", "association", "association", "municipality"]
    assert len(town.events) == 5 and len(town.all_shifts()) == 30


def test_the_shared_calendar_feed_holds_the_5_events_and_30_shifts(town: Ballenstedt) -> None:
    app = create_app(town.platform)
    month = town.monday.strftime("%Y-%m")
    page = _signed_in(app, "lena").get(f"/projects/calendar?month={month}")
    calendar = _fetch(app, _address(page.text, "feed-community"))

    kinds = _by_category(calendar)
    assert sorted(kinds) == ["Schicht", "Veranstaltung"]
    events, shifts = kinds["Veranstaltung"], kinds["Schicht"]
    assert len(events) == 5 and len(shifts) == 30
    assert {str(e["uid"]) for e in events} == {
        f"projects-event-{e.id}@sorgende" for e in town.events
    }
    assert {str(s["uid"]) for s in shifts} == {
        f"projects-shift-{s.id}@sorgende" for s in town.all_shifts()
    }
    assert {str(e["summary"]) for e in events} == {e.title for e in town.events}
    # every shift belongs to its event, at its time in the community's zone
    for event in town.events:
        uid = f"projects-event-{event.id}@sorgende"
        mine = [s for s in shifts if str(s["related-to"]) == uid]
        assert len(mine) == SHIFTS_PER_EVENT
        expected = {s.starts_at for s in town.shifts[event.id]}
        assert {s.decoded("dtstart") for s in mine} == expected
    for item in calendar.walk("VEVENT"):
        assert item["dtstart"].params["TZID"] == "Europe/Berlin"
        assert item.decoded("dtstart").tzinfo is not None
        assert item.decoded("dtstamp").utcoffset().total_seconds() == 0
        assert str(item["status"]) == "CONFIRMED"
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == [ZONE.key]
    assert "Ballenstedt" in str(calendar["x-wr-calname"])
    # free places and the places kept for first aid, in words
    first = next(s for s in shifts if "Aufbau" in str(s["summary"]))
    assert "3 von 3 Plätzen frei" in str(first["description"])
    assert "1 von 1 Plätzen mit Erste-Hilfe-Nachweis frei" in str(first["description"])


def test_an_organisations_feed_and_a_persons_shifts(town: Ballenstedt) -> None:
    app = create_app(town.platform)
    heimat = town.organisations["heimat"]
    lena = _signed_in(app, "lena")
    # the week may reach into the next month: each month's page shows its part
    months = sorted({e.starts_at.astimezone(ZONE).strftime("%Y-%m") for e in town.events})
    pages = [lena.get(f"/projects/calendar?month={m}&organisation={heimat}") for m in months]
    assert sum(p.text.count('data-testid="calendar-event"') for p in pages) == 2
    page = pages[0]
    calendar = _fetch(app, _address(page.text, "feed-organisation"))
    kinds = _by_category(calendar)
    assert len(kinds["Veranstaltung"]) == 2 and len(kinds["Schicht"]) == 12
    assert "Heimatverein" in str(calendar["x-wr-calname"])

    flohmarkt = town.shifts[town.events[1].id]
    for login in ("jana", "tom", "ute"):
        form(_signed_in(app, login), f"/projects/shifts/{flohmarkt[1].id}/sign-up")
    form(lena, f"/projects/shifts/{flohmarkt[1].id}/sign-up")  # full: the waitlist
    form(lena, f"/projects/shifts/{flohmarkt[4].id}/sign-up")
    address = _address(lena.get("/projects/my-shifts").text, "feed-shifts")
    mine = _fetch(app, address).walk("VEVENT")
    assert [str(e["summary"]) for e in mine] == [
        "Warteliste (Platz 1): „Stand“ – Kinderflohmarkt",
        "Schicht „Kasse“ – Kinderflohmarkt",
    ]
    form(lena, f"/projects/shifts/{flohmarkt[4].id}/cancel")
    mine = _fetch(app, address).walk("VEVENT")
    assert [str(e["status"]) for e in mine] == ["CONFIRMED", "CANCELLED"]


def test_a_wrong_token_answers_404(town: Ballenstedt) -> None:
    app = create_app(town.platform)
    page = _signed_in(app, "lena").get("/projects/my-shifts")
    address = _address(page.text, "feed-shifts")
    token = address.split("/projects/feeds/")[1].split("/")[0]
    changed = token[:-2] + ("BB" if token.endswith("AA") else "AA")
    with TestClient(app) as anonymous:
        assert anonymous.get(address.replace(token, changed)).status_code == 404
        assert anonymous.get("/projects/feeds/nonsense/community").status_code == 404


def test_no_feed_for_a_deactivated_person_nor_without_a_secret(town: Ballenstedt) -> None:
    import attrs

    from sorgende.domain.policy import OPERATOR

    app = create_app(town.platform)
    address = _address(_signed_in(app, "lena").get("/projects/my-shifts").text, "feed-shifts")
    community = town.platform.community(town.community_id)
    community.deactivate_person(town.people["lena"], by=OPERATOR)
    with TestClient(app) as anonymous:
        assert anonymous.get(address).status_code == 404
    town.platform.settings = attrs.evolve(town.platform.settings, plugins={})
    app = create_app(town.platform)
    with TestClient(app) as anonymous:
        assert anonymous.get(address).status_code == 404
    page = _signed_in(app, "mia").get("/projects/calendar")
    assert page.status_code == 200 and 'data-testid="feed-community"' not in page.text


def test_the_feed_address_comes_not_from_the_host_header(town: Ballenstedt) -> None:
    """A client's Host header must not put the secret address on another site."""
    app = create_app(town.platform)
    lena = _signed_in(app, "lena")
    page = lena.get("/projects/my-shifts", headers={"Host": "evil.example"})
    address = _address(page.text, "feed-shifts")
    assert "evil.example" not in address and "/projects/feeds/" in address
