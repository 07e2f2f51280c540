"""The coordinator dashboard of a large community: counts that stop at their limit say
"more than", the waiting list is the oldest requests, the helpers come from the latest
exchanges (the scopes of organisation coordinators: tests/test_coordination.py)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sorgende_web.testing import World, api_token, bearer

from sorgende import TimeWindow
from sorgende.domain.exchanges import Exchange, ExchangeState, Party
from sorgende.domain.help import HelpRequest

#: more than the dashboard counts per age (1,000) and reads of the exchanges (1,000)
MANY = 1_003


def _requests(world: World, now: datetime, organisation_id: uuid.UUID | None) -> list[HelpRequest]:
    """``MANY`` open requests posted two days ago (one minute apart), as an import adds them."""
    c = world.community
    anna, place = world.people["anna"], world.places["Mehren"]
    start = now + timedelta(days=3)
    made = [
        HelpRequest(
            community_id=c.community_id,
            recipient_id=anna.id,
            posted_by=anna.id,
            category="shopping",
            place_id=place.id,
            window=TimeWindow(start, start + timedelta(hours=1)),
            minutes=60,
            posted_at=now - timedelta(days=2, minutes=i),
            title=f"Gesuch {i}",
            organisation_id=organisation_id,
        )
        for i in range(MANY)
    ]
    exchanges = [
        Exchange(
            c.community_id,
            world.people["ben"].id,
            anna.id,
            "shopping",
            place.id,
            now - timedelta(days=1, minutes=i),
            30,
            Party.HELPER,
            (),
            request_id=made[i].id,
            state=ExchangeState.CONFIRMED,
            organisation_id=organisation_id,
        )
        for i in range(MANY)
    ]
    with world.platform.storage.unit_of_work(c.community_id, writing=True) as uow:
        uow.requests.add_all(made)
        uow.exchanges.add_all(exchanges)
        uow.commit()
    return made


def test_a_large_communitys_dashboard_says_more_than(world: World, as_: Any, client: Any) -> None:
    now = datetime.now(UTC)
    made = _requests(world, now, None)
    fresh = world.post_request("dora", title="Ganz neu")
    page = as_("petra").get("/dashboard")
    assert page.status_code == 200
    text = page.text
    # the tile: the counts by age summed, one of them stopped at 1,000 (numbers as the
    # board writes its "more than")
    assert "mehr als 1001" in text
    # the bucket of 1 to 3 days stopped counting; the one of under a day did not
    assert '<span class="bucket-count">mehr als 1000</span> 1 bis 3 Tage' in text
    assert '<span class="bucket-count">1</span> weniger als ein Tag' in text
    # the waiting list: the 25 that have waited longest, oldest first
    assert text.count('data-testid="waiting-request"') == 25
    assert text.index(f"Gesuch {MANY - 1}<") < text.index(f"Gesuch {MANY - 2}<")
    assert "Ganz neu" not in text
    # the helpers: from the latest 1,000 exchanges of the 30 days
    assert 'data-testid="helpers-more"' in text
    assert "Gezählt aus den letzten 1000 Einsätzen der vergangenen 30 Tage." in text
    answer = client.get("/api/dashboard", headers=bearer(api_token(world.platform, "petra")))
    board = answer.json()
    assert board["age_buckets"] == {"0-1": 1, "1-3": 1000, "3-7": 0, "7+": 0}
    assert board["age_more"] == ["1-3"] and board["helpers_more"] is True
    assert [w["request"]["id"] for w in board["waiting"]] == [str(r.id) for r in made[::-1][:25]]
    assert str(fresh.id) not in answer.text
    # in English too
    english = as_("petra").get("/dashboard", headers={"Accept-Language": "en"}).text
    assert '<span class="bucket-count">more than 1000</span> 1 to 3 days' in english
