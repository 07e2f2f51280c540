"""Calendar feeds: each person's address on the profile page, the feed behind it."""

from __future__ import annotations

import re
from typing import Any

import attrs
import icalendar
from litestar.testing import TestClient
from sorgende_web import create_app
from sorgende_web.testing import World, sign_in

SECRET = "a-calendar-secret-for-the-tests-only-0123456789"


def _with_calendar(world: World) -> Any:
    platform = world.platform
    platform.settings = attrs.evolve(
        platform.settings, plugins={**platform.settings.plugins, "calendar": {"secret": SECRET}}
    )
    return create_app(platform)


def _address(client: TestClient[Any]) -> str:
    page = client.get("/profile")
    assert page.status_code == 200
    found = re.search(r'data-testid="calendar-address">([^<]+)<', page.text)
    assert found, "the profile shows no calendar address"
    return found.group(1)


def test_the_feed_behind_the_profile_address_has_the_persons_exchange(world: World) -> None:
    app = _with_calendar(world)
    c, anna, ben = world.community, world.people["anna"], world.people["ben"]
    request = world.post_request("anna")
    exchange = c.propose(request_id=request.id, by=ben.id)
    c.accept(exchange.id, by=anna.id)

    with TestClient(app) as client:
        sign_in(client, "ben")
        address = _address(client)
        client.cookies.clear()  # a calendar app has no session: the address is enough
        answer = client.get(address)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(answer.content)
    events = calendar.walk("VEVENT")
    assert [e.decoded("dtstart") for e in events] == [exchange.scheduled]
    assert all(str(e["uid"]) != "" for e in events)


def test_a_changed_token_and_a_platform_without_secret_answer_404(world: World) -> None:
    with TestClient(_with_calendar(world)) as client:
        sign_in(client, "anna")
        address = _address(client)
        changed = address[:-2] + ("BB" if address.endswith("AA") else "AA")
        assert client.get(changed).status_code == 404
    world.platform.settings = attrs.evolve(world.platform.settings, plugins={})
    with TestClient(create_app(world.platform)) as client:
        assert client.get(address).status_code == 404
        sign_in(client, "anna")
        assert 'data-testid="calendar-address"' not in client.get("/profile").text
