"""The platform in a real browser: ``sorgende serve`` driven by Chromium through Playwright.

The test starts ``sorgende serve`` as a process on a free loopback port (it builds the
demo community of VG Daun on the empty database) and plays one act of help from end
to end, each person in a browser of their own: a resident asks for help, a helper
offers it, the resident accepts, the helper reports it done, the resident confirms;
then both time accounts show the hours. Screenshots of the board and the coordinator
dashboard are written to the test's output directory and to ``tests/output/``, and
axe-core checks the board, a form, the dashboard and the time account for serious or
critical accessibility violations.

Debian's Chromium is used (``/usr/bin/chromium``); no browser is downloaded. Without
it the test is skipped, except on CI (``CI=true``), where it must run.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

# the set-up the browser tests share (Chromium, axe-core, a free port)
from sorgende_web.testing import assert_accessible, free_port, launch_chromium, need_chromium

OUTPUT = Path(__file__).parent / "output"
PASSWORD = "browser-test-passwort"
STARTUP_SECONDS = 180


class Server:
    """``sorgende serve`` in a process of its own; its output is collected."""

    def __init__(self, database: Path) -> None:
        self.port = free_port()
        command = [
            str(Path(sys.executable).parent / "sorgende"),
            "serve",
            "--db",
            f"sqlite:///{database}",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--demo-password",
            PASSWORD,
        ]
        environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=environment,
            cwd=database.parent,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = self._wait_for_url()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)
            self.lines.put(line)

    def _wait_for_url(self) -> str:
        pattern = re.compile(rf"(http://127\.0\.0\.1:{self.port})/")
        while True:
            try:
                line = self.lines.get(timeout=STARTUP_SECONDS)
            except queue.Empty:
                self.stop()
                pytest.fail("sorgende serve printed no URL:\n" + "".join(self.output))
            found = pattern.search(line)
            if found:
                return found.group(1)
            if self.process.poll() is not None:
                pytest.fail("sorgende serve ended:\n" + "".join(self.output))

    def logins(self) -> dict[str, str]:
        """The demo logins the command printed, by role (resident, helper, ...)."""
        text = "".join(self.output)
        return {
            login: login
            for login in ("resident", "helper", "coordinator", "admin")
            if re.search(rf"\b{login}\b.*{PASSWORD}", text)
        }

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


@pytest.fixture(scope="module")
def playwright_api() -> Any:
    return need_chromium()


@pytest.fixture(scope="module")
def server(playwright_api: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = Server(tmp_path_factory.mktemp("serve") / "x.db")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser(playwright_api: Any, server: Server) -> Iterator[Any]:
    with playwright_api() as playwright:
        launched = launch_chromium(playwright)
        yield launched
        launched.close()


class Person:
    """One person in a browser context of their own (their own cookies)."""

    def __init__(self, browser: Any, server: Server, login: str) -> None:
        self.context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.base = server.url
        self.login = login

    def open(self, path: str) -> Any:
        answer = self.page.goto(self.base + path)
        assert answer is not None and answer.ok, (path, answer and answer.status)
        return answer

    def sign_in(self) -> None:
        self.open("/login")
        self.page.fill("#login", self.login)
        self.page.fill("#password", PASSWORD)
        # submitted from the keyboard, as someone without a mouse does
        self.page.press("#password", "Enter")
        self.page.wait_for_url(re.compile(r".*/board"))
        assert self.page.get_by_test_id("signed-in").is_visible()

    def close(self) -> None:
        self.context.close()


def _screenshot(page: Any, name: str, folder: Path) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    shutil.copyfile(target, OUTPUT / f"{name}.png")
    assert target.stat().st_size > 10_000, f"{name}: the screenshot is nearly empty"


def _statement_line(page: Any, exchange_path: str) -> str:
    """The time account's statement line of one exchange, as text."""
    row = page.locator(
        "[data-testid=statement-line]", has=page.locator(f'a[href="{exchange_path}"]')
    )
    assert row.count() == 1, f"no statement line for {exchange_path}"
    return str(row.inner_text())


def _ask_for_help(resident: Person, title: str) -> str:
    """The resident posts a request with the form; its path."""
    page = resident.page
    resident.open("/requests/new")
    assert_accessible(page, "request form")
    page.select_option("#category", "shopping")
    # help that began an hour ago (within the community's grace): it can be reported as
    # done in this test, as the model allows only once it has begun
    start = datetime.now(ZoneInfo("Europe/Berlin")) - timedelta(hours=1)
    page.fill("#date", start.date().isoformat())
    page.fill("#time", start.strftime("%H:%M"))
    page.fill("#hours", "1,5")
    page.fill("#title", title)
    page.click("#request-submit")
    page.wait_for_url(re.compile(r".*/requests/[0-9a-f-]{36}\?done=posted"))
    assert page.get_by_test_id("request-title").inner_text() == title
    assert page.get_by_test_id("notice").is_visible()
    return str(page.url.split(resident.base)[1].split("?")[0])


def _offer_to_help(helper: Person, request_path: str) -> str:
    """The helper finds the request on the board and offers to help; the exchange's path."""
    page = helper.page
    page.click(f"[data-testid=board-request] a[href='{request_path}']")
    page.wait_for_url(re.compile(rf".*{request_path}$"))
    page.click("#propose")
    page.wait_for_url(re.compile(r".*/exchanges/[0-9a-f-]{36}\?done=proposed"))
    assert page.locator("#do-complete").count() == 0  # not agreed yet
    return str(page.url.split(helper.base)[1].split("?")[0])


def _act(person: Person, exchange_path: str, action: str) -> None:
    person.open(exchange_path)
    person.page.click(f"#do-{action}")
    person.page.wait_for_url(re.compile(rf".*{exchange_path}\?done={action}$"))
    assert person.page.get_by_test_id("notice").is_visible()


def test_one_act_of_help_from_request_to_time_account(
    browser: Any, server: Server, tmp_path: Path
) -> None:
    assert set(server.logins()) == {"resident", "helper", "coordinator", "admin"}, "".join(
        server.output
    )
    resident = Person(browser, server, "resident")
    helper = Person(browser, server, "helper")
    coordinator = Person(browser, server, "coordinator")
    try:
        resident.sign_in()
        # the first Tab stop skips the menu: keyboard users reach the content at once
        resident.page.keyboard.press("Tab")
        assert resident.page.evaluate("document.activeElement.className") == "skip-link"
        assert_accessible(resident.page, "board")
        _screenshot(resident.page, "board", tmp_path)

        request_path = _ask_for_help(resident, f"Einkauf im Test {uuid.uuid4().hex[:6]}")
        helper.sign_in()
        exchange_path = _offer_to_help(helper, request_path)
        # the resident finds the proposal among their exchanges and accepts it
        resident.open("/exchanges")
        assert resident.page.locator(f"a[href='{exchange_path}']").count() == 1
        _act(resident, exchange_path, "accept")
        _act(helper, exchange_path, "complete")
        _act(resident, exchange_path, "confirm")
        assert resident.page.locator("[data-testid=actions]").count() == 0  # nothing left

        # both time accounts show the 1.5 hours of this exchange
        resident.open("/account")
        assert_accessible(resident.page, "time account")
        received = _statement_line(resident.page, exchange_path)
        helper.open("/account")
        given = _statement_line(helper.page, exchange_path)
        assert re.search(r"[-\u2212]\s?1,5", received), received
        assert re.search(r"\+1,5", given), given

        # the coordination's dashboard
        coordinator.sign_in()
        coordinator.open("/dashboard")
        assert coordinator.page.get_by_test_id("months").is_visible()
        assert_accessible(coordinator.page, "dashboard")
        _screenshot(coordinator.page, "dashboard", tmp_path)
    finally:
        for person in (resident, helper, coordinator):
            person.close()
