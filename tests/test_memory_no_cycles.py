"""Use cases on the memory storage leave no reference cycles behind.

A unit of work's repositories point back at it; if the unit kept them after it ended,
every use case would leave a cycle for the garbage collector (whose runs then cost a
long simulation or exchange run several percent of its time).
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import pytest

import sorgende
from sorgende import ActorKind, TimeWindow


@pytest.fixture
def collector_off() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()


def test_exchange_cycles_leave_nothing_for_the_garbage_collector(collector_off: None) -> None:
    platform = sorgende.open("memory://", load_entrypoints=False)
    community = platform.create_community("Musterdorf")
    place = community.add_place("Musterdorf")
    anna, ben = (
        community.register_actor(ActorKind.PERSON, name, home_place_id=place.id).id
        for name in ("Anna", "Ben")
    )
    now = platform.clock()
    window = TimeWindow(now - timedelta(hours=1), now + timedelta(hours=1))

    def cycle() -> None:
        request = community.post_request(anna, "shopping", place.id, window, 1.0)
        exchange = community.propose(by=ben, request_id=request.id)
        community.accept(exchange.id, by=anna)
        community.complete(exchange.id, by=ben)
        community.confirm(exchange.id, by=anna)
        community.balance(ben)

    cycle()  # first use: registrations, caches
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    for _ in range(10):
        cycle()
    found = gc.collect()
    kinds = Counter(type(o).__qualname__ for o in gc.garbage)
    assert found == 0, kinds.most_common(10)
