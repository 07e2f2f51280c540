"""Recurring help in a real browser, on a desktop and on a phone (390 x 844).

The platform is served by uvicorn in the test's process on a free loopback port, with a
clock the test moves on (the help of four Tuesdays cannot be reported as done before
those Tuesdays): Anna posts "Einkaufen, jeden Dienstag bis Ende März"; Ben (on his
phone) takes every date; Anna agrees to all of them at once; four dates are each
reported as done by Ben and confirmed by Anna, and Ben's time account shows four
postings; Ben cannot come one week, and the coordinator Petra asks Dora for that date
only. Then every page is opened at 390 px: none is wider than the screen
(``scrollWidth``), and axe-core finds no violation on any page the test opens.

Screenshots are written to ``SORGENDE_TEST_ARTEFACTS`` (a directory) if set, else to the
test's temporary directory. Chromium and the axe check come from ``test_browser.py``.
"""

from __future__ import annotations

import importlib.util
import os
import re
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sorgende_web
import uvicorn
from sorgende_web import create_app
from sorgende_web.settings import WebSettings
from sorgende_web.testing import (
    PASSWORD,
    World,
    assert_accessible,
    assert_fits,
    build_world,
    cheap_hasher,
    launch_chromium,
    need_chromium,
)

import sorgende

BERLIN = ZoneInfo("Europe/Berlin")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


class MovingClock:
    """The real time moved on by ``offset``: what the platform's use cases read."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def move_to(self, moment: datetime) -> None:
        self.offset = max(self.offset, moment - datetime.now(UTC))


class Site:
    def __init__(self, folder: Path) -> None:
        self.clock = MovingClock()
        settings = sorgende.load_settings(environ={})
        self.platform = sorgende.open(
            f"sqlite:///{folder / 'web.db'}",
            plugins=[sorgende_web],
            load_entrypoints=False,
            settings=settings,
            clock=self.clock,
        )
        self.world: World = build_world(self.platform, hasher=cheap_hasher())
        app = create_app(self.platform, WebSettings(dispatch_notifications=False))
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            assert self.thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
        self.platform.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    need_chromium()
    running = Site(tmp_path_factory.mktemp("recurring"))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser(site: Site) -> Iterator[Any]:
    sync_playwright = need_chromium()
    with sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        yield launched
        launched.close()


@pytest.fixture
def artefacts(tmp_path: Path) -> Path:
    configured = os.environ.get("SORGENDE_TEST_ARTEFACTS")
    folder = Path(configured) if configured else tmp_path / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Person:
    def __init__(self, browser: Any, site: Site, login: str, viewport: dict[str, int]) -> None:
        self.context = browser.new_context(locale="de-DE", viewport=viewport)
        self.page = self.context.new_page()
        self.site = site
        self.login = login
        self.phone = viewport["width"] < 600
        self.checked: set[str] = set()

    def open(self, path: str) -> Any:
        answer = self.page.goto(self.site.url + path)
        assert answer is not None and answer.ok, (path, answer and answer.status)
        return answer

    def sign_in(self) -> None:
        self.open("/login")
        self.page.fill("#login", self.login)
        self.page.fill("#password", PASSWORD)
        self.page.press("#password", "Enter")
        self.page.wait_for_url(re.compile(r".*/board"))

    def check(self, where: str) -> None:
        """axe-core on the page once per kind of page; on a phone also its width."""
        if self.phone:
            assert_fits(self.page, where)
        key = re.sub(r"[0-9a-f-]{36}", "ID", self.page.url.split("?")[0])
        if key not in self.checked:
            self.checked.add(key)
            assert_accessible(self.page, where)

    def shot(self, folder: Path, name: str) -> None:
        target = folder / f"{name}.png"
        self.page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000, f"{name}: the screenshot is nearly empty"

    def close(self) -> None:
        self.context.close()


def _end_of_march() -> date:
    today = datetime.now(BERLIN).date()
    return date(today.year + (today.month > 3), 3, 31)


def _path(person: Person) -> str:
    return str(person.page.url.split(person.site.url)[1].split("?")[0])


def _act(person: Person, exchange_path: str, action: str) -> None:
    person.open(exchange_path)
    if action in ("cancel",):
        person.page.fill(f"#reason-{action}", "Urlaub")
    person.page.click(f"#do-{action}")
    person.page.wait_for_url(re.compile(rf".*{exchange_path}\?done={action}$"))


def _post_weekly(anna: Person, artefacts: Path) -> str:
    """Anna asks for shopping every Tuesday until the end of March; the request's path."""
    anna.sign_in()
    # -- Anna asks for shopping every Tuesday until the end of March
    anna.open("/requests/new")
    anna.check("request form")
    page = anna.page
    page.select_option("#category", "shopping")
    page.fill("#date", datetime.now(BERLIN).date().isoformat())
    page.fill("#time", "10:00")
    page.fill("#hours", "1,5")
    page.check("#repeat-weekly")
    page.select_option("#weekday", "1")
    page.fill("#until", _end_of_march().isoformat())
    page.fill("#title", "Einkaufen")
    page.click("#request-submit")
    page.wait_for_url(re.compile(r".*/requests/[0-9a-f-]{36}\?done=posted"))
    request_path = _path(anna)
    repeat = page.get_by_test_id("request-repeat").inner_text()
    assert "Jede Woche" in repeat and "31.03." in repeat, repeat
    assert "Dienstag" in page.get_by_test_id("request-next").inner_text()
    anna.check("request")
    anna.shot(artefacts, "recurring-request-posted")

    return request_path


def _ask_for_one_week(
    petra: Person, site: Site, request_path: str, artefacts: Path, week: datetime
) -> str:
    """Ben cannot come one week: the coordinator asks Dora for that date only."""
    request_id = site.world.community.requests()[0].id
    # -- Ben cannot come in week 6; the coordinator asks Dora for that date only
    petra.sign_in()
    petra.open(request_path)
    petra.check("request (coordinator)")
    dora = site.world.people["dora"].id
    row = petra.page.locator("[data-testid=candidate]", has=petra.page.locator(f"#ask-{dora}"))
    assert row.count() == 1, "Dora is not among the candidates"
    chosen = row.locator("select[name=slot] option").first
    label = chosen.inner_text()
    row.locator("select[name=slot]").select_option(label=label)
    row.locator(f"#ask-{dora}").click()
    petra.page.wait_for_url(re.compile(rf".*{request_path}\?done=proposed$"))
    asked = petra.page.locator(
        "[data-testid=request-exchange]", has_text=site.world.people["dora"].name
    )
    assert asked.count() == 1 and label in asked.inner_text(), label
    (dora_exchange,) = [
        e for e in site.world.community.exchanges(request_id=request_id) if e.helper_id == dora
    ]
    assert dora_exchange.scheduled == week  # the week Ben cannot come
    petra.shot(artefacts, "recurring-second-helper")
    return str(dora_exchange.id)


def _talk(petra: Person, dora: Person, exchange_id: str, artefacts: Path) -> None:
    """The coordinator and the second helper exchange messages about that date, and the
    helper finds the coordinator's message in her inbox (the inbox and conversations of
    the web platform)."""
    path = f"/conversations/{exchange_id}"
    petra.open(path)
    petra.page.fill("#message-text", "Können Sie am Dienstag für Ben einspringen?")
    petra.page.click("#message-send")
    petra.page.wait_for_load_state()
    dora.sign_in()
    dora.open("/inbox")
    dora.check("inbox (phone)")
    assert dora.page.get_by_test_id("inbox-item").count() >= 1
    dora.open(path)
    assert "einspringen" in dora.page.get_by_test_id("messages").inner_text()
    dora.page.fill("#message-text", "Ja, gern.")
    dora.page.click("#message-send")
    dora.page.wait_for_load_state()
    dora.check("conversation (phone)")
    dora.shot(artefacts, "recurring-conversation-phone")
    petra.open("/inbox")
    petra.check("inbox")
    petra.open(path)
    assert petra.page.get_by_test_id("message").count() == 2


def _talk_with_the_second_helper(
    browser: Any, site: Site, petra: Person, exchange_id: str, artefacts: Path
) -> None:
    # the conversations are the inbox's part of the platform (sorgende_web.conversation)
    if importlib.util.find_spec("sorgende_web.conversation") is None:
        return
    dora = Person(browser, site, "dora", PHONE)
    try:
        _talk(petra, dora, exchange_id, artefacts)
    finally:
        dora.close()


def test_weekly_shopping_from_posting_to_four_confirmed_dates(
    browser: Any, site: Site, artefacts: Path
) -> None:
    anna = Person(browser, site, "anna", DESKTOP)
    ben = Person(browser, site, "ben", PHONE)
    petra = Person(browser, site, "petra", DESKTOP)
    try:
        request_path = _post_weekly(anna, artefacts)

        # -- Ben, on his phone, finds it on the board at its next date and takes every week
        ben.sign_in()
        ben.check("board")
        card = ben.page.locator(
            "[data-testid=board-request]", has=ben.page.locator(f"a[href='{request_path}']")
        )
        assert "Dienstag" in card.get_by_test_id("board-next").inner_text()
        ben.open(request_path)
        ben.check("request (helper)")
        dates = ben.page.get_by_test_id("occurrence").count()
        assert dates == 8  # the next eight Tuesdays are listed
        ben.page.click("#propose-every")
        ben.page.wait_for_url(re.compile(rf".*{request_path}\?done=series$"))
        ben.shot(artefacts, "recurring-every-week-phone")

        # -- Anna agrees to all of Ben's dates at once
        anna.open(request_path)
        anna.page.click("#accept-all-1")
        anna.page.wait_for_url(re.compile(rf".*{request_path}\?done=accepted_all$"))
        links = anna.page.locator("[data-testid=request-exchange] a")
        exchanges = [str(links.nth(i).get_attribute("href")) for i in range(links.count())]
        assert len(exchanges) >= 16, exchanges  # every Tuesday to the end of March
        assert anna.page.get_by_test_id("exchange-state").first.inner_text() == "Vereinbart"

        # -- four Tuesdays pass: each is reported as done and confirmed on its own
        request = site.world.community.requests()[0]
        starts = sorted(e.scheduled for e in site.world.community.exchanges(request_id=request.id))
        for week in range(4):
            site.clock.move_to(starts[week] + timedelta(hours=2))
            _act(ben, exchanges[week], "complete")
            _act(anna, exchanges[week], "confirm")
        ben.check("exchange (helper)")
        ben.open("/account")
        ben.check("time account (phone)")
        booked = [
            line
            for line in ben.page.get_by_test_id("statement-line").all()
            if any(line.locator(f'a[href="{x}"]').count() for x in exchanges[:4])
        ]
        assert len(booked) == 4, [b.inner_text() for b in booked]
        assert all("+1,5" in b.inner_text() for b in booked)
        ben.shot(artefacts, "recurring-time-account-phone")
        anna.open("/account")
        words = anna.page.get_by_test_id("balance-words").inner_text()
        assert "mehr Hilfe bekommen" in words, words
        anna.check("time account")

        _act(ben, exchanges[5], "cancel")
        asked = _ask_for_one_week(petra, site, request_path, artefacts, starts[5])
        _talk_with_the_second_helper(browser, site, petra, asked, artefacts)
    finally:
        for person in (anna, ben, petra):
            person.close()


PAGES = (
    "/board",
    "/board?kind=offers",
    "/requests/new",
    "/requests/mine",
    "/offers/new",
    "/exchanges",
    "/exchanges?scope=all",
    "/commitments",
    "/account",
    "/dashboard",
    "/people",
    "/settings",
    "/profile",
    "/my-data",
)


#: pages axe-core checks at 390 px in the journey already (Ben's phone), or a second view
#: of a page checked here (the board's offers, all exchanges): measured, not checked again
AXE_IN_THE_JOURNEY = ("/board", "/account", "/board?kind=offers", "/exchanges?scope=all")


def test_no_page_is_wider_than_a_phone(browser: Any, site: Site, artefacts: Path) -> None:
    """Every page of a coordinator (who sees the most) at 390 px: no wider than the
    screen, and axe-core clean."""
    petra = Person(browser, site, "petra", PHONE)
    markus = Person(browser, site, "markus", PHONE)
    try:
        petra.sign_in()
        markus.sign_in()
        wide = []
        for path in PAGES:
            person = markus if path in ("/settings", "/people") else petra
            person.open(path)
            width = person.page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                wide.append(f"{path}: {width} px")
            if path not in AXE_IN_THE_JOURNEY:
                assert_accessible(person.page, f"{path} at 390 px")
        assert wide == [], wide
        header = petra.page.locator(".site-header").bounding_box()
        assert header is not None and header["height"] < 200, header
        petra.open("/dashboard")
        petra.shot(artefacts, "dashboard-phone")
    finally:
        petra.close()
        markus.close()
