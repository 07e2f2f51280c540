"""The indicators kept event by event equal those of a rebuild from the whole log, after
any sequence of use cases; and the figures follow their definitions."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from impact_world import START, Clock, World, build, open_platform

import sorgende
from sorgende import indicators as measure
from sorgende.domain.actors import Consent
from sorgende.errors import SorgendeError
from sorgende.indicators import DIMENSIONS, Engine, figures

steps = st.lists(
    st.one_of(
        st.tuples(
            st.just("cycle"),
            st.integers(0, 5),
            st.integers(0, 3),
            st.integers(0, 2),
            st.integers(0, 2),
            st.integers(0, 5),
            st.sampled_from([0.5, 12.0, 30.0, 100.0, 200.0]),
        ),
        st.tuples(st.just("commit"), st.integers(0, 5), st.sampled_from([1.0, 2.0])),
        st.tuples(st.just("consent"), st.integers(0, 5), st.booleans()),
        st.tuples(st.just("advance"), st.integers(1, 40)),
        st.tuples(st.just("end"), st.integers(0, 5)),
    ),
    max_size=25,
)


def _run(world: World, step: tuple[object, ...]) -> None:
    kind, *args = step
    s = world.service
    try:
        if kind == "cycle":
            world.cycle(*args)  # type: ignore[arg-type]
        elif kind == "commit":
            s.make_commitment(world.helpers[args[0]], args[1])  # type: ignore[index]
        elif kind == "consent":
            who = world.helpers[args[0]]  # type: ignore[index]
            s.set_consent(who, Consent(statistics=bool(args[1])), by=who)
        elif kind == "advance":
            world.clock.advance(days=args[0])  # type: ignore[arg-type]
        elif kind == "end":
            found = s.commitments(actor_id=world.helpers[args[0]])  # type: ignore[index]
            if found:
                s.end_commitment(found[0].id, by=found[0].actor_id)
    except SorgendeError:
        pass


def _all(engine: Engine) -> list[object]:
    return figures(engine.snapshot(), engine.consent, by=DIMENSIONS, threshold=1)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_incremental_indicators_equal_a_rebuild(sequence: list[tuple[object, ...]]) -> None:
    clock = Clock(START)
    with open_platform(clock) as platform:
        world = build(platform, clock)
        for step in sequence:
            _run(world, step)
            # each new event updates the engine the dashboard and the reports read
            measure.engine(platform, world.community_id)
        live = measure.engine(platform, world.community_id)
        again = measure.rebuilt(platform, world.community_id)
        assert live.seq == again.seq
        assert _all(live) == _all(again)
        for by in ((), ("month",), ("place",), ("organisation", "category")):
            assert figures(live.snapshot(), live.consent, by=by) == figures(
                again.snapshot(), again.consent, by=by
            )


@pytest.fixture
def world() -> Iterator[World]:
    clock = Clock(START)
    with open_platform(clock) as platform:
        yield build(platform, clock)


def _total(world: World, code: str) -> float | None:
    e = measure.engine(world.platform, world.community_id)
    (found,) = figures(e.snapshot(), e.consent, by=(), threshold=1, indicators=[code])
    return found.value


def test_the_figures_follow_their_definitions(world: World) -> None:
    # three requests: one matched at once and confirmed, one matched after two days, one never
    assert world.cycle(0, 0, 0, 0, 5, 0.5)
    assert world.cycle(1, 1, 1, 1, 2, 50.0)
    assert world.cycle(2, 2, 2, 2, 0, 0.5)
    assert _total(world, "needs_posted") == 3
    assert _total(world, "needs_met") == 1
    assert _total(world, "met_within_1d") == pytest.approx(1 / 3)
    assert _total(world, "met_within_3d") == pytest.approx(2 / 3)
    assert _total(world, "time_to_help_h") == pytest.approx((0.5 + 50.0) / 2)
    assert _total(world, "hours_given") == 2.0
    assert _total(world, "exchanges") == 1
    assert _total(world, "active_helpers") == 1
    assert _total(world, "new_helpers") == 1
    # the second confirmed exchange of the same helper: active, not new again
    assert world.cycle(0, 1, 0, 0, 5, 0.5)
    assert _total(world, "active_helpers") == 1
    assert _total(world, "new_helpers") == 1
    assert _total(world, "hours_given") == 4.0


def test_engine_cost_is_the_new_events(world: World) -> None:
    engine = measure.engine(world.platform, world.community_id)
    before = engine.seq
    world.cycle(0, 0, 0, 0, 5, 0.5)
    with world.platform.read(world.community_id) as uow:
        applied = engine.catch_up(uow)
    assert applied == engine.seq - before > 0
    with world.platform.read(world.community_id) as uow:
        assert engine.catch_up(uow) == 0


def test_an_unknown_dimension_is_refused(world: World) -> None:
    engine = measure.engine(world.platform, world.community_id)
    with pytest.raises(sorgende.errors.InvalidValue, match="weekday"):
        figures(engine.snapshot(), engine.consent, by=("weekday",))


def test_the_generated_sequences_reach_confirmed_help(world: World) -> None:
    # the property above is worth something only if its cycles go through
    assert all(world.cycle(i, i, i, i, 5, 0.5) for i in range(6))
    assert _total(world, "exchanges") == 6
