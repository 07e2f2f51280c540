"""The plugin's pages: the shared calendar, an event with its shifts, signing up and
cancelling, the organiser's view, my shifts, projects; bad input answers the project's
refusals next to the field, never a 500."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
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
        "/projects",
    ):
        page = jana.get(path)
        assert page.status_code == 200, (path, page.text[-3000:])
