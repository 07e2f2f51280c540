"""Every way to an account in a real browser, on a desktop and on a phone (390 x 844):
``sorgende serve`` in a process of its own sends its e-mails to a real SMTP server
(aiosmtpd in the test), and the links in them are followed in Chromium.

An invitation by a coordinator, a registration with a confirmed address, an account
made by a coordinator for a resident without e-mail (the printed sheet, the trusted
person, the first password changed), a password reset by e-mail and a password change.
axe-core checks every page the browser visits for violations of any impact (also
``/settings``, whose scrolling lists had one). Debian's Chromium (``/usr/bin/chromium``)
as in ``test_browser.py``; without it the test is skipped, except on CI.
"""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from accounts_site import SMTP, Mailbox
from sorgende_web.testing import free_port, launch_chromium, need_chromium
from test_browser import STARTUP_SECONDS

PASSWORD = "browser-test-passwort"
NEW = "Zwei Kirschen im Korb 8"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


class Served:
    """``sorgende serve`` on the demo database with e-mail to the test's SMTP server."""

    def __init__(self, folder: Path, smtp_port: int) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = folder / "sorgende.toml"
        config.write_text(
            f"""
[plugins.web]
base_url = "{self.url}"
dispatch_notifications = false

[plugins.email]
host = "127.0.0.1"
port = {smtp_port}
security = "none"
sender = "Sorgende Gemeinschaft Daun <hallo@daun.example>"
timeout = 10

[plugins.accounts]
self_registration = true
phone = "06592 939-0"
consent_version = "2026-1"
""",
            encoding="utf-8",
        )
        command = [
            str(Path(sys.executable).parent / "sorgende"),
            "serve",
            "--db",
            f"sqlite:///{folder / 'x.db'}",
            "--port",
            str(self.port),
            "--demo-password",
            PASSWORD,
        ]
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "SORGENDE_CONFIG": str(config)}
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            cwd=folder,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        while True:
            try:
                line = self.lines.get(timeout=STARTUP_SECONDS)
            except queue.Empty:
                self.stop()
                pytest.fail("sorgende serve printed no URL:\n" + "".join(self.output))
            if f"127.0.0.1:{self.port}/" in line:
                break
            if self.process.poll() is not None:
                pytest.fail("sorgende serve ended:\n" + "".join(self.output))

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)
            self.lines.put(line)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


@pytest.fixture(scope="module")
def smtp(playwright_api: Any) -> Iterator[SMTP]:
    with SMTP() as running:
        yield running


@pytest.fixture(scope="module")
def playwright_api() -> Any:
    return need_chromium()


@pytest.fixture(scope="module")
def served(
    playwright_api: Any, smtp: SMTP, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    running = Served(tmp_path_factory.mktemp("accounts"), smtp.port)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser(playwright_api: Any, served: Served) -> Iterator[Any]:
    with playwright_api() as playwright:
        launched = launch_chromium(playwright)
        yield launched
        launched.close()


class Visitor:
    """One person's browser (own cookies) in one viewport; every page is checked."""

    def __init__(self, browser: Any, served: Served, viewport: str) -> None:
        self.context = browser.new_context(locale="de-DE", viewport=VIEWPORTS[viewport])
        self.page = self.context.new_page()
        self.base = served.url
        self.checked: set[str] = set()

    def open(self, path: str) -> None:
        answer = self.page.goto(self.base + path)
        assert answer is not None and answer.ok, (path, answer and answer.status)
        self.check()

    def check(self) -> None:
        """axe-core on the page shown now: no violation of any impact."""
        from axe_playwright_python.sync_playwright import Axe

        where = re.sub(r"/[A-Za-z0-9_-]{20,}(\.[A-Za-z0-9_-]+)?", "/<secret>", self.path())
        results = Axe().run(self.page)
        found = [
            f"{v['id']} ({v['impact']}): {v['help']} - "
            + "; ".join(node["target"][0] for node in v["nodes"][:3])
            for v in results.response["violations"]
        ]
        assert found == [], f"{where}: accessibility violations:\n" + "\n".join(found)
        self.checked.add(where)

    def path(self) -> str:
        return str(self.page.url).split(self.base, 1)[-1]

    def submit(self, button: str, expected: str) -> None:
        self.page.click(button)
        self.page.wait_for_url(re.compile(expected))
        self.check()

    def sign_in(self, login: str, password: str, expected: str = r".*/board") -> None:
        self.open("/login")
        self.page.fill("#login", login)
        self.page.fill("#password", password)
        self.page.press("#password", "Enter")
        self.page.wait_for_url(re.compile(expected))
        self.check()

    def close(self) -> None:
        self.context.close()


def _link(mailbox: Mailbox, to: str, base: str, path: str) -> str:
    text = mailbox.last(to).get_body(("plain",)).get_content()  # type: ignore[union-attr]
    found = re.findall(rf"{re.escape(base)}({re.escape(path)}/\S+)", text)
    assert found, f"no link to {path} in:\n{text}"
    return str(found[-1])


def _choose(visitor: Visitor, login: str) -> None:
    page = visitor.page
    page.fill("#login", login)
    page.fill("#password", "12345678")
    page.fill("#repeat", "12345678")
    visitor.submit("#choose-submit", r".*/(invitation|register/confirm)/.*")
    # the policy's refusal stands next to the field, in German
    assert "zu kurz" in page.get_by_test_id("error-password").inner_text()
    page.fill("#password", NEW)
    page.fill("#repeat", NEW)
    visitor.submit("#choose-submit", r".*/login\?done=account")


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_the_front_page_and_a_registration_with_a_confirmed_address(
    browser: Any, served: Served, smtp: SMTP, viewport: str
) -> None:
    tag = uuid.uuid4().hex[:6]
    visitor = Visitor(browser, served, viewport)
    try:
        visitor.open("/")
        page = visitor.page
        assert page.get_by_test_id("coordination-phone").get_attribute("href") == "tel:065929390"
        page.click("#front-register")
        page.wait_for_url(re.compile(r".*/register$"))
        visitor.check()
        page.fill("#name", f"Rita Roth {tag}")
        page.fill("#email", f"rita-{tag}@example.org")
        page.check("#consent_contact")
        visitor.submit("#register-submit", r".*/register$")  # the privacy consent is missing
        assert page.get_by_test_id("error-privacy").is_visible()
        page.check("#privacy")
        visitor.submit("#register-submit", r".*/register\?done=sent")
        visitor.open(
            _link(smtp.mailbox, f"rita-{tag}@example.org", served.url, "/register/confirm")
        )
        assert f"Rita Roth {tag}" in page.get_by_test_id("welcome").inner_text()
        _choose(visitor, f"rita.{tag}")
        visitor.sign_in(f"rita.{tag}", NEW)
        visitor.open("/my-data")
        assert "Textfassung 2026-1" in page.get_by_test_id("consents").inner_text()
    finally:
        visitor.close()


def test_an_invitation_then_a_password_reset(
    browser: Any, served: Served, smtp: SMTP, viewport: str
) -> None:
    tag = uuid.uuid4().hex[:6]
    coordinator = Visitor(browser, served, viewport)
    invited = Visitor(browser, served, viewport)
    try:
        coordinator.sign_in("coordinator", PASSWORD)
        coordinator.open("/people")
        coordinator.page.click("#person-new")
        coordinator.page.wait_for_url(re.compile(r".*/people/new$"))
        coordinator.check()
        coordinator.page.fill("#name", f"Hanna Haas {tag}")
        coordinator.page.fill("#email", f"hanna-{tag}@example.org")
        coordinator.submit("#person-submit", r".*/people/[0-9a-f-]{36}\?done=person")
        coordinator.submit("#invite", r".*/people/[0-9a-f-]{36}\?done=invited")
        address = f"hanna-{tag}@example.org"
        invited.open(_link(smtp.mailbox, address, served.url, "/invitation"))
        _choose(invited, f"hanna.{tag}")
        invited.sign_in(f"hanna.{tag}", NEW)
        # signed out again, the password forgotten: a reset by e-mail
        invited.page.click("#logout")
        invited.page.wait_for_url(re.compile(r".*/login"))
        invited.page.click("#forgot-password")
        invited.page.wait_for_url(re.compile(r".*/password/forgot$"))
        invited.check()
        invited.page.fill("#login", address)
        invited.submit("#forgot-submit", r".*/password/forgot\?done=reset_sent")
        invited.open(_link(smtp.mailbox, address, served.url, "/password/reset"))
        invited.page.fill("#password", "Neue Birnen am Baum 4")
        invited.page.fill("#repeat", "Neue Birnen am Baum 4")
        invited.submit("#reset-submit", r".*/login\?done=password")
        invited.sign_in(f"hanna.{tag}", "Neue Birnen am Baum 4")
    finally:
        coordinator.close()
        invited.close()


def test_a_sign_in_sheet_for_a_resident_without_e_mail(
    browser: Any, served: Served, viewport: str
) -> None:
    tag = uuid.uuid4().hex[:6]
    coordinator = Visitor(browser, served, viewport)
    resident = Visitor(browser, served, viewport)
    try:
        coordinator.sign_in("coordinator", PASSWORD)
        coordinator.open("/people/new")
        coordinator.page.fill("#name", f"Karl Korn {tag}")
        coordinator.page.fill("#phone", "06592 777")
        coordinator.submit("#person-submit", r".*/people/[0-9a-f-]{36}\?done=person")
        coordinator.page.fill("#login", f"karl.{tag}")
        trusted = coordinator.page.locator("#trusted_id option").nth(1)
        trusted_name = trusted.inner_text()
        coordinator.page.select_option("#trusted_id", trusted.get_attribute("value"))
        coordinator.submit("#assisted-submit", r".*/people/[0-9a-f-]{36}/account$")
        sheet = coordinator.page
        assert sheet.get_by_test_id("sheet-login").inner_text() == f"karl.{tag}"
        assert trusted_name in sheet.get_by_test_id("sheet-trusted").inner_text()
        password = sheet.get_by_test_id("sheet-password").inner_text().strip()
        # printed, the sheet is the sheet alone
        sheet.emulate_media(media="print")
        assert not sheet.locator(".site-header").is_visible()
        sheet.emulate_media(media="screen")
        resident.sign_in(f"karl.{tag}", password, expected=r".*/password$")
        assert resident.page.get_by_test_id("first-sign-in").is_visible()
        resident.page.fill("#current", password)
        resident.page.fill("#password", NEW)
        resident.page.fill("#repeat", NEW)
        resident.submit("#change-submit", r".*/login\?done=password")
        resident.sign_in(f"karl.{tag}", NEW)
        resident.open("/profile")
        # the password changed again, from the profile
        resident.page.click("#change-password")
        resident.page.wait_for_url(re.compile(r".*/password$"))
        resident.check()
    finally:
        coordinator.close()
        resident.close()


def test_the_administration_pages_pass_axe(browser: Any, served: Served, viewport: str) -> None:
    admin = Visitor(browser, served, viewport)
    coordinator = Visitor(browser, served, viewport)
    try:
        admin.sign_in("admin", PASSWORD)
        for path in (
            "/settings",
            "/people",
            "/people?account=no",
            "/audit",
            "/my-data",
            "/my-data/export",
        ):
            admin.open(path)
        # a person's page with the forms an administrator has
        admin.open("/people?q=a")
        admin.page.locator("[data-testid=person-row] a").first.click()
        admin.page.wait_for_url(re.compile(r".*/people/[0-9a-f-]{36}$"))
        admin.check()
        coordinator.sign_in("coordinator", PASSWORD)
        coordinator.open("/settings")
        # the scrolling lists are reached from the keyboard
        coordinator.page.focus("[data-testid=places]")
        assert coordinator.page.evaluate("document.activeElement.dataset.testid") == "places"
    finally:
        admin.close()
        coordinator.close()
