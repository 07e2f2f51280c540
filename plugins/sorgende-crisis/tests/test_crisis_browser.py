"""A spontaneous helper's journey on a phone, in a real browser: she registers through
the public form (no account), is dispatched by the crisis staff, confirms, checks in
and out on her own page; the staff's situation page shows the numbers.

The web platform with the crisis plugin is served by uvicorn on loopback and driven by
Debian's Chromium through Playwright at a phone's viewport (390 x 844). Every page fits
the phone's width and axe-core finds no serious or critical violation on it.

No browser is downloaded: without ``/usr/bin/chromium`` the test is skipped, except on
CI (``CI=true``), where it must run.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from crisis_site import PASSWORD, START, Site, open_site
from sorgende_web.testing import (
    PHONE,
    assert_accessible,
    assert_fits,
    launch_chromium,
    need_chromium,
)

OUTPUT = Path(__file__).parent / "output"


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> Any:
        return self.now


def _check(page: Any, name: str, folder: Path) -> None:
    assert_fits(page, name)
    assert_accessible(page, name)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    shutil.copyfile(target, OUTPUT / f"{name}.png")


def _staff_dispatches(browser: Any, base: str, site: Site, folder: Path) -> Any:
    """The crisis staff sign in and send a group to the task from the situation page."""
    staff = browser.new_context(locale="de-DE", viewport=PHONE, is_mobile=True)
    desk = staff.new_page()
    desk.goto(base + "/login")
    desk.fill("#login", "krisenstab")
    desk.fill("#password", PASSWORD)
    desk.press("#password", "Enter")
    desk.wait_for_load_state()
    desk.goto(base + f"/crisis/{site.crisis_id}/situation")
    assert desk.get_by_test_id("registered").inner_text() == "1"
    desk.get_by_test_id("dispatch-batch").click()
    desk.wait_for_url(re.compile(r".*done=1.*"))
    assert desk.get_by_test_id("dispatched").inner_text() == "1"
    _check(desk, "crisis-situation", folder)

    return desk


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def site(tmp_path: Path, clock: Clock) -> Iterator[Site]:
    opened = open_site(f"sqlite:///{tmp_path / 'browser.db'}", clock)
    yield opened
    opened.platform.close()


def test_a_helper_registers_on_her_phone_is_dispatched_and_checks_in_and_out(
    site: Site, clock: Clock, tmp_path: Path
) -> None:
    sync_playwright = need_chromium()
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "crisis_bench_browser",
        Path(__file__).resolve().parents[3] / "benchmarks" / "crisis_intake.py",
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    task = site.add_task(capacity=20, title="Sandsäcke füllen")
    # the form's throttle is the served app's: this app's is new
    with bench.served(site.platform) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        phone = browser.new_context(locale="de-DE", viewport=PHONE, is_mobile=True, has_touch=True)
        page = phone.new_page()
        page.goto(base + site.form_path)
        _check(page, "crisis-form", tmp_path)
        page.fill("#help-name", "Mara Flink")
        page.fill("#help-phone", "0151 2223334")
        page.fill("#help-skills", "schleppen")
        page.check("#help-adult")
        page.check("#help-consent")
        page.click("#help-submit")
        page.wait_for_url(re.compile(r".*/helper/.*"))
        assert "Danke, Mara Flink!" in page.content()
        assert page.get_by_test_id("no-task").is_visible()
        own = page.url
        _check(page, "crisis-helper-registered", tmp_path)

        desk = _staff_dispatches(browser, base, site, tmp_path)
        page.goto(own)
        assert "Sandsäcke füllen" in page.get_by_test_id("dispatch").inner_text()
        page.get_by_test_id("confirm").click()
        page.wait_for_load_state()
        assert page.get_by_test_id("dispatch-state").inner_text() == "zugesagt"
        page.get_by_test_id("check-in").click()
        page.wait_for_load_state()
        assert page.get_by_test_id("dispatch-state").inner_text() == "eingecheckt"
        _check(page, "crisis-helper-on-site", tmp_path)
        desk.reload()
        assert desk.get_by_test_id("on-site").inner_text() == "1"
        clock.now = START + timedelta(hours=3)
        page.get_by_test_id("check-out").click()
        page.wait_for_load_state()
        assert page.get_by_test_id("dispatch-state").inner_text() == "ausgecheckt"
        assert "3" in page.get_by_test_id("helper-hours").inner_text()
        desk.reload()
        assert desk.get_by_test_id("on-site").inner_text() == "0"
        assert "3" in desk.get_by_test_id("hours").inner_text()
        browser.close()
    assert task.capacity == 20
