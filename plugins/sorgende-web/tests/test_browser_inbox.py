"""The inbox and a conversation in Chromium at 390 x 844 (a phone) and on a desktop:
axe-core finds no serious or critical violation and no page is wider than the screen.

The app runs in this process (uvicorn in a thread) on the test world's database, so the
test needs no demo to be built. Debian's Chromium is used; without it the test is
skipped, except on CI (``CI=true``).
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sorgende_web import create_app
from sorgende_web.testing import PASSWORD, World, assert_accessible, assert_fits, chromium

OUTPUT = Path(__file__).parent / "output"


@pytest.fixture
def site(world: World) -> Iterator[str]:
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    config = uvicorn.Config(
        create_app(world.platform), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=15)


def test_inbox_and_conversation_on_a_phone_and_a_desktop(
    world: World, site: str, tmp_path: Path
) -> None:
    request = world.post_request("anna")
    exchange = world.community.propose(request_id=request.id, by=world.people["ben"].id)
    world.community.post_message(exchange.id, "Passt Dienstag um 10?", by=world.people["ben"].id)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        for width, height in ((390, 844), (1280, 900)):
            context = browser.new_context(
                locale="de-DE", viewport={"width": width, "height": height}
            )
            page = context.new_page()
            page.goto(site + "/login")
            page.fill("#login", "anna")
            page.fill("#password", PASSWORD)
            page.press("#password", "Enter")
            page.wait_for_url(re.compile(r".*/board"))
            for path, name in (
                ("/inbox", "inbox"),
                (f"/conversations/{exchange.id}", "conversation"),
            ):
                answer = page.goto(site + path)
                assert answer is not None and answer.ok, path
                assert_fits(page, f"{path} at {width} px")
                assert_accessible(page, f"{path} at {width} px")
                shot = tmp_path / f"{name}-{width}.png"
                page.screenshot(path=str(shot), full_page=True)
                (OUTPUT / f"w1-{name}-{width}.png").write_bytes(shot.read_bytes())
            # a message written in the browser appears in the conversation
            page.fill("#message-text", "Ja, gerne.")
            page.click("#message-send")
            page.wait_for_selector("text=Ja, gerne.")
            assert page.get_by_test_id("message").count() >= 2
            context.close()
