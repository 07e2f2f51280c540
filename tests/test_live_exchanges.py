"""A helper's exchanges under way, from the memory storage's index of live exchanges.

The double-booking check asks for a helper's accepted exchanges; the memory storage
answers from an index of the exchanges not yet final (``memory_live``), not from the
helper's whole history. Whatever the storage, the answer must be what filtering all the
helper's exchanges gives, also inside a unit of work with writes of its own.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sorgende
from sorgende import ActorKind, ExchangeState, SorgendeError, TimeWindow
from sorgende.domain.exchanges import FINAL_STATES
from tests.conftest import Clock

QUESTIONS = (
    (ExchangeState.ACCEPTED,),
    (ExchangeState.PROPOSED, ExchangeState.ACCEPTED),
    (ExchangeState.ACCEPTED, ExchangeState.CANCELLED),  # a final state: the full index
    None,
)

steps = st.lists(
    st.tuples(
        st.sampled_from(["propose", "accept", "decline", "cancel"]),
        st.integers(0, 2),  # helper
        st.integers(0, 5),  # request or exchange
    ),
    max_size=30,
)


@pytest.fixture(params=["memory://", "sqlite"])
def opened(request: pytest.FixtureRequest, tmp_path: Path, clock: Clock) -> Iterator[object]:
    url = f"sqlite:///{tmp_path / 'live.db'}" if request.param == "sqlite" else request.param
    with sorgende.open(url, clock=clock, load_entrypoints=False) as platform:
        yield platform


def _by_filter(uow: object, helper_id: uuid.UUID, states: object) -> list[uuid.UUID]:
    everything = uow.exchanges.list()  # type: ignore[attr-defined]
    return sorted(
        (
            e.id
            for e in everything
            if e.helper_id == helper_id and (states is None or e.state in states)
        ),
        key=str,
    )


def _asked(uow: object, helper_id: uuid.UUID, states: object) -> list[uuid.UUID]:
    found = uow.exchanges.list(helper_id=helper_id, states=states)  # type: ignore[attr-defined]
    assert [e.scheduled for e in found] == sorted(e.scheduled for e in found)
    return sorted((e.id for e in found), key=str)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(script=steps)
def test_a_helpers_live_exchanges_are_the_filter_of_all(
    opened: sorgende.Platform, clock: Clock, script: list[tuple[str, int, int]]
) -> None:
    c = opened.create_community(f"Daun {uuid.uuid4().hex[:6]}")
    daun = c.add_place("Daun")
    anna = c.register_actor(ActorKind.PERSON, "Anna", home_place_id=daun.id)
    helpers = [c.register_actor(ActorKind.PERSON, n, home_place_id=daun.id).id for n in "BCD"]
    requests = []
    for day in range(6):
        start = clock.now + timedelta(days=1 + day % 3, hours=day)
        window = TimeWindow(start, start + timedelta(hours=1))
        requests.append(
            c.post_request(anna.id, "shopping", daun.id, window, 1, helpers_needed=2).id
        )
    made: list[uuid.UUID] = []
    for op, helper, index in script:
        try:
            if op == "propose":
                made.append(c.propose(request_id=requests[index], by=helpers[helper]).id)
            elif made:
                target = made[index % len(made)]
                if op == "accept":
                    c.accept(target, by=anna.id)
                elif op == "decline":
                    c.decline(target, by=anna.id)
                else:
                    c.cancel(target, by=anna.id, reason="verhindert")
        except SorgendeError:
            pass  # a step the rules refuse changes nothing
    with opened.read(c.community_id) as uow:
        for helper_id in helpers:
            for states in QUESTIONS:
                assert _asked(uow, helper_id, states) == _by_filter(uow, helper_id, states)
        if not made:
            return
        # a unit of work's own writes: a new exchange joins, a cancelled one leaves
        some = uow.exchanges.get(made[0])
        fresh = attrs.evolve(some, id=uuid.uuid4(), state=ExchangeState.PROPOSED, version=1)
        uow.exchanges.add(fresh)
        live = [e for e in uow.exchanges.list() if e.state not in FINAL_STATES]
        if live:
            ended = attrs.evolve(
                live[0], state=ExchangeState.CANCELLED, version=live[0].version + 1
            )
            uow.exchanges.update(ended)
        for helper_id in helpers:
            for states in QUESTIONS:
                assert _asked(uow, helper_id, states) == _by_filter(uow, helper_id, states)
