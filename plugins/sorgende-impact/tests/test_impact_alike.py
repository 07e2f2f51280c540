"""One definition, the same numbers: the indicators of a simulated year and of the demo
community (both through the platform's use cases) agree with what each counted itself."""

from __future__ import annotations

import random

import pytest
import sorgende_impact

import sorgende
from sorgende.demo import COMMUNITY_NAME, START, SimClock, build_daun, play
from sorgende.domain.exchanges import ExchangeState
from sorgende.sim import CareModel, SimConfig
from sorgende.sim.config import PopulationConfig


def test_a_simulated_year_measured_by_the_shared_definitions() -> None:
    from sorgende.indicators import INDICATORS, figures, rebuilt

    model = CareModel(
        SimConfig(days=365, seed=3, load_entrypoints=False, population=PopulationConfig(scale=0.05))
    )
    while model.running:
        model.step()
        if model.day % 30 == 0:
            # the summary read now and then, as the Mesa model does after every day
            model.datacollector.summary(model)
    mine = model.datacollector.summary(model)
    # the collector's summary carries every shared indicator ...
    shared = {k: v for k, v in mine.items() if k.startswith("indicator_")}
    assert sorted(shared) == sorted(f"indicator_{i.code}" for i in INDICATORS)
    # ... caught up day by day, the same as read afresh from the whole event log
    fresh = rebuilt(model.platform, model.service.community_id)
    assert shared == {
        f"indicator_{f.indicator}": f.value
        for f in figures(fresh.snapshot(), fresh.consent, by=(), threshold=1)
    }
    # the model counts needs posted as requests and as uses of standing offers
    assert shared["indicator_needs_posted"] == mine["requests_posted"] - mine["offers_used"]
    assert shared["indicator_exchanges"] == mine["exchanges_confirmed"] > 50
    assert shared["indicator_hours_given"] == pytest.approx(mine["hours_given"])
    # the simulated residents gave no statistics consent: no person is counted
    assert shared["indicator_active_helpers"] == 0


def test_the_demo_year_measured_by_the_same_definitions() -> None:
    clock = SimClock(START)
    with sorgende.open(
        "memory://",
        plugins=[sorgende_impact],
        clock=clock,
        settings=sorgende.Settings(load_entrypoints=False),
    ) as platform:
        service = platform.create_community(COMMUNITY_NAME)
        rng = random.Random(3)
        play(service, 52, rng, clock, build_daun(service, rng))
        engine = sorgende_impact.engine(platform, service.community_id)
        from sorgende.indicators import figures

        totals = {
            f.indicator: f.value
            for f in figures(engine.snapshot(), engine.consent, by=(), threshold=1)
        }
        requests = service.requests()
        done = service.exchanges(states=(ExchangeState.CONFIRMED, ExchangeState.RESOLVED))
        assert totals["needs_posted"] == len(requests)
        assert totals["exchanges"] == len(done)
        assert totals["hours_given"] == pytest.approx(sum(e.minutes for e in done) / 60)
        consenting = {e.helper_id for e in done if service.actor(e.helper_id).consent.statistics}
        assert totals["active_helpers"] == len(consenting)
