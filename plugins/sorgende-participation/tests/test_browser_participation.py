"""A resident's idea for Mehren on a phone, in a real browser, until it is a project.

The web platform with the projects and participation plugins is served by uvicorn on a
free loopback port and driven by Debian's Chromium through Playwright at a phone's
viewport (390 x 844): Anna posts an idea for Mehren, Ben and Carla support it, Sabine
(staff of the Verbandsgemeinde) answers "accepted" with a reason and makes it a project;
Anna is told (the core's outbox, read by a channel of the test) and sees the project's
progress on her idea. Every page fits the phone's width and axe-core finds no serious or
critical violation on it. Screenshots go to ``tests/output/``.
"""

from __future__ import annotations

import re
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import attrs
import pytest
from participation_web_world import PASSWORD, daun
from sorgende_web import create_app
from sorgende_web.testing import (
    PHONE,
    assert_accessible,
    assert_fits,
    free_port,
    launch_chromium,
    need_chromium,
)

import sorgende

OUTPUT = Path(__file__).parent / "output"


@attrs.define
class Inbox:
    name: str = "inbox"
    received: list[Any] = attrs.field(factory=list)

    def send(self, notification: Any) -> None:
        self.received.append(notification)


class Channel:
    def __init__(self) -> None:
        self.inbox = Inbox()

    @sorgende.hookimpl
    def sorgende_notification_channels(self) -> list[Inbox]:
        return [self.inbox]


class Served:
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


class Phone:
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


def _check(page: Any, name: str, folder: Path) -> None:
    assert_fits(page, name)
    assert_accessible(page, name)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    shutil.copyfile(target, OUTPUT / f"{name}.png")


def test_an_idea_for_mehren_becomes_a_project_on_phones(tmp_path: Path) -> None:  # noqa: PLR0915
    sync_playwright = need_chromium()
    channel = Channel()
    town = daun(extra=(channel,))
    served = Served(create_app(town.platform))
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            phones = {
                login: Phone(browser, served.url, login)
                for login in ("anna", "ben", "carla", "sabine")
            }
            try:
                anna = phones["anna"]
                anna.sign_in()
                page = anna.page
                page.click("[data-testid=menu-participation-ideas]")
                page.wait_for_url(re.compile(r".*/participation/ideas"))
                page.click("#new-idea > summary")
                page.fill("#idea-title", "Sitzbank am Maar")
                page.fill("#idea-text", "Eine Bank mit Blick auf das Maar, für den Weg zum Bäcker.")
                page.select_option("#idea-place", label="Mehren")
                page.select_option("#idea-category", label="Dorfleben")
                _check(page, "participation-ideas", tmp_path)
                page.click("#idea-submit")
                page.wait_for_url(re.compile(r".*/participation/ideas/[0-9a-f-]+\?done=posted"))
                idea_path = page.url.split(served.url)[1].split("?")[0]
                assert page.get_by_test_id("idea-title").inner_text() == "Sitzbank am Maar"
                _check(page, "participation-idea", tmp_path)

                for login in ("ben", "carla"):
                    phone = phones[login]
                    phone.sign_in()
                    phone.open("/participation/ideas")
                    phone.page.click("a:has-text('Sitzbank am Maar')")
                    phone.page.click("#support-button")
                    phone.page.wait_for_url(re.compile(r".*done=supported.*"))
                assert (
                    "2 unterstützen"
                    in phones["carla"].page.get_by_test_id("supporters").inner_text()
                )

                sabine = phones["sabine"]
                sabine.sign_in()
                sabine.open(idea_path)
                sabine.page.click("#answer summary")
                sabine.page.select_option("#answer-state", "accepted")
                sabine.page.fill(
                    "#answer-reason-field",
                    "Der Bauhof stellt die Bank im Mai auf; der Ortsbeirat hat zugestimmt.",
                )
                sabine.page.click("#answer-submit")
                sabine.page.wait_for_url(re.compile(r".*done=answered.*"))
                assert sabine.page.get_by_test_id("idea-state").inner_text() == "angenommen"
                _check(sabine.page, "participation-answer", tmp_path)
                sabine.page.click("#project-submit")
                sabine.page.wait_for_url(re.compile(r".*done=project.*"))
                assert sabine.page.get_by_test_id("project-name").inner_text() == "Sitzbank am Maar"

                # the project moves on in the projects plugin: a task, done
                import sorgende_projects

                idea = town.part.ideas()[0]
                projects = sorgende_projects.Projects(town.platform, town.world.community_id)
                task = projects.add_task(
                    idea.project_id,
                    "Bank bestellen",
                    assignee_id=town.world.staff.id,
                    by=town.world.staff.id,
                )
                projects.add_task(
                    idea.project_id,
                    "Fundament gießen",
                    assignee_id=town.world.staff.id,
                    by=town.world.staff.id,
                )
                projects.complete_task(task.id, by=town.world.staff.id)

                anna.open(idea_path)
                assert anna.page.get_by_test_id("idea-state").inner_text() == "in Umsetzung"
                assert (
                    "Der Bauhof stellt die Bank im Mai auf"
                    in anna.page.get_by_test_id("answer-reason").inner_text()
                )
                assert anna.page.get_by_test_id("project-tasks").inner_text() == "1 von 2 erledigt"
                _check(anna.page, "participation-progress", tmp_path)
            finally:
                for phone in phones.values():
                    phone.context.close()
                browser.close()
    finally:
        served.stop()
        town.platform.notifications.flush()
        told = [(n.kind, n.actor_id) for n in channel.inbox.received]
        town.platform.close()
    anna_id = town.world.mehren[0].id
    assert ("IdeaAnswered", anna_id) in told
    assert ("IdeaBecameProject", anna_id) in told
    assert town.part.supporters(idea.id) == 2
