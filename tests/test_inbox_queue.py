"""The coordination's queue (``CommunityService.queue``) and the menu's count
(``inbox_count``): the open requests nobody offered help for, urgent first then the
longest waiting, at most ``QUEUE_LIMIT`` of them with a flag that more wait; on memory
and SQLite (the storage contract checks PostgreSQL's ``requests.unmatched``)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest

import sorgende
from sorgende import ActorKind, CommunityRole, Count, TimeWindow
from sorgende.domain.exchanges import ExchangeState
from sorgende.domain.help import HelpRequest
from sorgende.domain.policy import OPERATOR
from sorgende.services.inbox import QUEUE_LIMIT, ItemKind

NOW = datetime(2026, 5, 4, 9, 30, tzinfo=UTC)


@pytest.fixture(params=["memory", "sqlite"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield "memory://" if request.param == "memory" else f"sqlite:///{tmp_path / 'queue.db'}"


@attrs.define
class Town:
    platform: Any
    c: Any
    petra: uuid.UUID  # coordinator
    anna: uuid.UUID  # a resident
    ben: uuid.UUID  # a helper
    place: uuid.UUID


@pytest.fixture
def town(url: str) -> Iterator[Town]:
    platform = sorgende.open(url, clock=lambda: NOW, load_entrypoints=False)
    c = platform.create_community("Testdorf")
    place = c.add_place("Mehren").id
    petra = c.register_actor(ActorKind.PERSON, "Petra", home_place_id=place).id
    c.grant_role(petra, CommunityRole.COORDINATOR, by=OPERATOR)
    anna = c.register_actor(ActorKind.PERSON, "Anna", home_place_id=place).id
    ben = c.register_actor(ActorKind.PERSON, "Ben", home_place_id=place).id
    try:
        yield Town(platform, c, petra, anna, ben, place)
    finally:
        platform.close()


def _requests(town: Town, hours_ago: list[float], *, urgent: bool = False) -> list[HelpRequest]:
    """Open requests of Anna posted ``hours_ago``, added in one unit of work."""
    start = NOW + timedelta(days=2)
    made = [
        HelpRequest(
            community_id=town.c.community_id,
            recipient_id=town.anna,
            posted_by=town.anna,
            category="shopping",
            place_id=town.place,
            window=TimeWindow(start, start + timedelta(hours=1)),
            minutes=60,
            posted_at=NOW - timedelta(hours=h),
            urgent=urgent,
        )
        for h in hours_ago
    ]
    with town.platform.storage.unit_of_work(town.c.community_id, writing=True) as uow:
        for request in made:
            uow.requests.add(request)
        uow.commit()
    return made


def _unmatched(town: Town) -> list[uuid.UUID]:
    queue = town.c.queue(by=town.petra)
    return [i.request.id for i in queue if i.kind is ItemKind.UNMATCHED]


def test_urgent_first_then_the_longest_waiting_and_only_those_without_an_offer(
    town: Town,
) -> None:
    calm_new, calm_old, declined, cancelled, proposed, accepted = _requests(
        town, [1, 30, 20, 10, 40, 50]
    )
    (urgent,) = _requests(town, [0.5], urgent=True)
    c = town.c
    # a declined and a cancelled offer leave a request in the queue; a proposal and an
    # accepted exchange take it out
    c.decline(c.propose(by=town.ben, request_id=declined.id).id, by=town.anna)
    c.cancel(c.propose(by=town.ben, request_id=cancelled.id).id, by=town.ben, reason="krank")
    c.propose(by=town.ben, request_id=proposed.id)
    c.accept(c.propose(by=town.ben, request_id=accepted.id).id, by=town.anna)
    assert _unmatched(town) == [urgent.id, calm_old.id, declined.id, cancelled.id, calm_new.id]
    queue = c.queue(by=town.petra)
    assert queue.unmatched == Count(5, False)
    assert [e.state for e in c.exchanges(request_id=proposed.id)] == [ExchangeState.PROPOSED]
    # the coordinator's own inbox is empty: the count is the queue's
    assert c.inbox_count(by=town.petra) == Count(5, False)


def test_the_queue_shows_at_most_its_limit_and_says_more_wait(town: Town) -> None:
    made = _requests(town, [float(h) for h in range(1, QUEUE_LIMIT + 1)])
    queue = town.c.queue(by=town.petra)
    assert len(queue) == QUEUE_LIMIT and queue.unmatched == Count(QUEUE_LIMIT, False)
    assert town.c.inbox_count(by=town.petra) == Count(QUEUE_LIMIT, False)
    # the longest waiting first: the one posted 50 hours ago
    assert _unmatched(town) == [r.id for r in reversed(made)]
    (newest,) = _requests(town, [0.1])
    (oldest,) = _requests(town, [1000.0])
    queue = town.c.queue(by=town.petra)
    assert len(queue) == QUEUE_LIMIT and queue.unmatched == Count(QUEUE_LIMIT, True)
    shown = _unmatched(town)
    assert shown[0] == oldest.id and newest.id not in shown
    assert town.c.inbox_count(by=town.petra) == Count(QUEUE_LIMIT, True)
    # an offer for the oldest brings the next one in; the queue is still full
    town.c.propose(by=town.ben, request_id=oldest.id)
    assert _unmatched(town) == [r.id for r in reversed(made)]
    assert town.c.queue(by=town.petra).unmatched == Count(QUEUE_LIMIT, True)


def test_only_a_coordinator_has_a_queue(town: Town) -> None:
    _requests(town, [1.0, 2.0])
    queue = town.c.queue(by=town.anna)
    assert queue == [] and queue.unmatched == Count(0, False)
    assert town.c.inbox_count(by=town.anna) == Count(0, False)
    assert town.c.inbox_count(by=town.petra) == Count(2, False)
