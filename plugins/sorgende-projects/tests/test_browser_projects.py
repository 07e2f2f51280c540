"""A volunteer's journey through the holiday week on a phone, in a real browser.

The web platform with the projects plugin is served by uvicorn on a free loopback port
and driven by Debian's Chromium through Playwright, at a phone's viewport (390 x 844):
a volunteer finds the event in the shared calendar, signs up for a shift and sees it
among her shifts; the organiser, on her phone too, checks her in. Every page of the
journey fits the phone's width (no horizontal scrolling) and axe-core finds no serious
or critical accessibility violation on it. Screenshots are written to the test's
output directory and to ``tests/output/``.

No browser is downloaded: without ``/usr/bin/chromium`` the test is skipped, except on
CI (``CI=true``), where it must run.
"""

from __future__ import annotations

import re
import shutil
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sorgende_web import create_app
from sorgende_web.testing import (
    PHONE,
    assert_accessible,
    assert_fits,
    free_port,
    launch_chromium,
    need_chromium,
)
from web_world import PASSWORD, Ballenstedt, holiday_week

OUTPUT = Path(__file__).parent / "output"


class Served:
    """The app served by uvicorn in a thread of this process (it shares the test's
    platform and clock)."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                pytest.fail("uvicorn did not start")
            time.sleep(0.05)
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


@pytest.fixture
def town(tmp_path: Path) -> Iterator[Ballenstedt]:
    world = holiday_week(tmp_path)
    yield world
    world.platform.close()


class Phone:
    """One person with a phone of her own (her own cookies)."""

    def __init__(self, browser: Any, base: str, login: str) -> None:
        self.context = browser.new_context(
            locale="de-DE", viewport=PHONE, is_mobile=True, has_touch=True
        )
        self.page = self.context.new_page()
        self.base = base
        self.login = login

    def open(self, path: str) -> None:
        answer = self.page.goto(self.base + path)
        assert answer is not None and answer.ok, (path, answer and answer.status)

    def sign_in(self) -> None:
        self.open("/login")
        self.page.fill("#login", self.login)
        self.page.fill("#password", PASSWORD)
        self.page.press("#password", "Enter")
        self.page.wait_for_url(re.compile(r".*/board"))

    def close(self) -> None:
        self.context.close()


def _screenshot(page: Any, name: str, folder: Path) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    shutil.copyfile(target, OUTPUT / f"{name}.png")
    assert target.stat().st_size > 10_000, f"{name}: the screenshot is nearly empty"


def _check(page: Any, name: str, folder: Path) -> None:
    # a phone widens its layout to what does not fit (a long word in a heading, too)
    assert_fits(page, name)
    assert_accessible(page, name)
    _screenshot(page, name, folder)


def _volunteer_signs_up(lena: Phone, event: Any, shift: Any, folder: Path) -> None:
    """From the menu to the calendar, the event, a shift; then her shifts."""
    page = lena.page
    page.click("[data-testid=menu-projects-calendar]")
    page.wait_for_url(re.compile(r".*/projects/calendar"))
    _check(page, "projects-calendar", folder)
    page.click(f"a[href='/projects/events/{event.id}']")
    page.wait_for_url(re.compile(rf".*/projects/events/{event.id}$"))
    assert page.get_by_test_id("event-title").inner_text() == event.title
    _check(page, "projects-event", folder)

    page.click(f"#sign-up-{shift.id}")
    page.wait_for_url(re.compile(r".*done=signed_up.*"))
    assert page.get_by_test_id("notice").is_visible()
    card = page.locator(f"#shift-{shift.id}")
    assert card.get_by_test_id("my-state").inner_text() == "Sie sind eingetragen"
    assert "2 von 3 frei" in card.get_by_test_id("shift-free").inner_text()

    page.click("[data-testid=menu-projects-my-shifts]")
    page.wait_for_url(re.compile(r".*/projects/my-shifts"))
    mine = page.get_by_test_id("my-shift")
    assert mine.count() == 1
    assert mine.get_by_test_id("my-shift-event").inner_text() == event.title
    _check(page, "projects-my-shifts", folder)


def _organiser_checks_her_in(jana: Phone, event: Any, folder: Path) -> None:
    jana.open(f"/projects/events/{event.id}")
    jana.page.click("#organise-link")
    jana.page.wait_for_url(re.compile(r".*/organise$"))
    row = jana.page.locator("[data-testid=signup-row]", has_text="Lena Vogt")
    row.get_by_test_id("check-in").click()
    jana.page.wait_for_url(re.compile(r".*done=checked_in.*"))
    row = jana.page.locator("[data-testid=signup-row]", has_text="Lena Vogt")
    assert "Eingecheckt" in row.inner_text()
    _check(jana.page, "projects-organise", folder)


def _working_group(jana: Phone, group: Any, folder: Path) -> None:
    """The organiser's page of a working group, with its forms open."""
    jana.open(f"/projects/groups/{group.id}")
    for summary in jana.page.locator("details.form-details > summary").all():
        summary.click()
    _check(jana.page, "projects-working-group", folder)


def _group(town: Ballenstedt) -> Any:
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
    start = town.clock.now + timedelta(days=2)
    meeting = p.schedule_meeting(
        group.id, "Stammtisch", start, by=people["jana"], agenda=["Ferienwoche", "Flyer"]
    )
    p.record_minutes(meeting.id, "Alles steht.", by=people["jana"], decisions=["Flyer drucken"])
    p.add_task(group.id, "Flyer drucken", assignee_id=people["lena"], by=people["jana"])
    return group


def test_a_volunteer_signs_up_on_her_phone_and_is_checked_in(
    town: Ballenstedt, tmp_path: Path
) -> None:
    sync_playwright = need_chromium()
    event = town.events[1]  # the flea market of the Heimatverein
    shift = town.shifts[event.id][1]
    # half an hour before the shift: sign-up is open, check-in too
    town.clock.now = shift.starts_at - timedelta(minutes=30)
    group = _group(town)
    served = Served(create_app(town.platform))
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            lena = Phone(browser, served.url, "lena")
            jana = Phone(browser, served.url, "jana")
            try:
                lena.sign_in()
                _volunteer_signs_up(lena, event, shift, tmp_path)
                jana.sign_in()
                _organiser_checks_her_in(jana, event, tmp_path)
                _working_group(jana, group, tmp_path)
            finally:
                lena.close()
                jana.close()
                browser.close()
    finally:
        served.stop()
    checked = town.projects.sign_ups(shift.id, by=town.people["jana"])
    assert [s.checked_in_at is not None for s in checked] == [True]
