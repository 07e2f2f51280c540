"""The model end to end: it drives the platform, is reproducible, and its ledger holds."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import attrs
import pytest

from sorgende import ExchangeState, RequestStatus
from sorgende.sim.config import FloodConfig, OffersConfig
from sorgende.sim.errors import LedgerMismatch, RecordsMismatch
from sorgende.sim.model import CareModel
from sorgende.sim.results import SimResult, write_csv
from sorgende.sim.world import draw
from tests.sim.conftest import SETTINGS, SMALL, community, simulate


def test_a_run_acts_through_the_platform() -> None:
    # every committed helper offers help, and every fitting need tries the offer first
    # seed 1: in this small a community some seeds (3, 6) give no need that fits an offer
    config = attrs.evolve(SMALL, seed=1, offers=OffersConfig(share=1.0, use_probability=1.0))
    model = CareModel(config, settings=SETTINGS)
    result = model.run()
    summary = result.summary
    service = model.service
    requests = service.requests()
    exchanges = service.exchanges()
    confirmed = [e for e in exchanges if e.state is ExchangeState.CONFIRMED]
    through_offers = [e for e in exchanges if e.offer_id is not None]
    assert summary["requests_posted"] == len(requests) + len(through_offers)
    assert len(requests) > 20 and summary["offers_used"] == len(through_offers) >= 3
    # every committed helper with a category they are qualified for (a police certificate
    # for visits, childcare, tutoring) offers it
    offering = [
        r.helper
        for r in model.helpers
        if r.helper is not None
        and r.helper.commitment is not None
        and any(model.requirements[c] <= r.helper.qualifications for c in r.helper.skills)
    ]
    assert len(service.offers()) == len(offering) >= 3
    assert summary["exchanges_confirmed"] == len(confirmed) > 5
    met = sum(e.state is ExchangeState.CONFIRMED for e in through_offers)
    assert summary["requests_met"] == met + sum(
        r.status is RequestStatus.FULFILLED for r in requests
    )
    unmet = sum(e.state in (ExchangeState.CANCELLED, ExchangeState.NO_SHOW) for e in through_offers)
    assert summary["requests_unmet"] == unmet + sum(
        r.status is RequestStatus.EXPIRED for r in requests
    )
    assert summary["helpers"] + 3 <= len(service.actors())  # plus the organisations
    assert summary["use_cases"] > summary["requests_posted"] * 2
    # every request and exchange was made by the simulated clock, inside the run
    first, last = model.at(SMALL.start, 0), model.at(model.date, 0)
    assert all(first <= r.posted_at < last for r in requests)
    # a row per day for the community and for each place
    assert len(result.steps) == SMALL.days * (1 + len(model.places))
    assert [row["day"] for row in community(result)] == list(range(SMALL.days))


def test_the_steps_add_up_to_the_summary(baseline: SimResult) -> None:
    rows = community(baseline)
    assert sum(r["requests_posted"] for r in rows) == baseline.summary["requests_posted"]
    assert sum(r["requests_met"] for r in rows) == baseline.summary["requests_met"]
    assert sum(r["hours_given"] for r in rows) == baseline.summary["hours_given"]
    places = [r for r in baseline.steps if r["level"] == "place"]
    assert sum(r["requests_posted"] for r in places) == baseline.summary["requests_posted"]
    hours_by_agent = sum(a["hours_given"] or 0 for a in baseline.agents)
    assert hours_by_agent == pytest.approx(baseline.summary["hours_given"])


def test_mesa_style_stepping() -> None:
    model = CareModel(attrs.evolve(SMALL, days=10), settings=SETTINGS)
    assert model.agents is model.residents and len(model.agents) > 400
    while model.running:
        model.step()
    assert model.steps == model.day == 10
    assert len([r for r in model.datacollector.rows if r["level"] == "community"]) == 10
    model.step()  # a model that stopped running does nothing more
    assert model.steps == 10


def test_same_seed_same_tables_bit_for_bit(tmp_path: Path) -> None:
    first, second = simulate(seed=11), simulate(seed=11)
    assert first.steps == second.steps
    assert first.agents == second.agents
    assert first.summary == second.summary
    a = write_csv(first.steps, tmp_path / "a.csv").read_bytes()
    b = write_csv(second.steps, tmp_path / "b.csv").read_bytes()
    assert a == b


def test_another_seed_gives_another_run() -> None:
    assert simulate(seed=11).steps != simulate(seed=12).steps


def test_reproducible_whatever_the_hash_seed(tmp_path: Path) -> None:
    """String hashing differs between processes; a run must not depend on it."""
    script = (
        "import sys; from tests.sim.conftest import simulate; "
        "from sorgende.sim.results import write_csv; "
        "r = simulate(seed=5, scenario='flood+coordinator', flood=__import__("
        "'sorgende.sim.config', fromlist=['FloodConfig']).FloodConfig(start_day=10)); "
        "write_csv(r.steps, sys.argv[1]); write_csv(r.agents, sys.argv[2])"
    )
    root = Path(__file__).parent.parent.parent
    outputs = []
    for hash_seed in ("1", "2"):
        out = (tmp_path / f"steps{hash_seed}.csv", tmp_path / f"agents{hash_seed}.csv")
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run(
            [sys.executable, "-c", script, str(out[0]), str(out[1])],
            cwd=root,
            env=env,
            check=True,
            timeout=120,
        )
        outputs.append(tuple(p.read_bytes() for p in out))
    here = simulate(seed=5, scenario="flood+coordinator", flood=FloodConfig(start_day=10))
    local = (
        write_csv(here.steps, tmp_path / "steps.csv").read_bytes(),
        write_csv(here.agents, tmp_path / "agents.csv").read_bytes(),
    )
    assert outputs[0] == outputs[1] == local


SCENARIOS = ["baseline", "flood", "coordinator", "recognition", "flood+coordinator"]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_ledger_invariants_hold_at_the_end(scenario: str) -> None:
    config = attrs.evolve(SMALL, scenario=scenario, flood=FloodConfig(start_day=10))
    model = CareModel(config, settings=SETTINGS)
    result = model.run()
    assert result.summary["ledger_checked"] is True
    service = model.service
    postings = service.postings()
    assert len(postings) == result.summary["exchanges_confirmed"] > 0
    entries: dict[object, int] = defaultdict(int)
    for posting in postings:
        assert sum(e.minutes for e in posting.entries) == 0
        for entry in posting.entries:
            entries[entry.account] += entry.minutes
    for actor in service.actors():
        assert service.balance(actor.id).minutes == entries.get(actor.id, 0)
    solidarity = service.info().solidarity_account
    assert service.balance(solidarity).minutes == entries.get(solidarity, 0)
    assert sum(entries.values()) == 0
    # and the balances the agents table shows are the platform's
    by_name = {a.name: service.balance(a.id).minutes / 60 for a in service.actors()}
    for row in result.agents:
        assert row["balance_h"] == by_name[f"Person {row['resident']:05d}"]


def test_the_check_catches_a_wrong_count() -> None:
    model = CareModel(attrs.evolve(SMALL, days=30), settings=SETTINGS)
    model.run()
    helper = next(r for r in model.helpers if r.helper and r.helper.given_minutes)
    model.balances[helper.actor_id] += 1
    with pytest.raises(LedgerMismatch, match="the model counted"):
        model.check()
    model.balances[helper.actor_id] -= 1
    model.check()
    request = next(r for r in model.closed if r.outcome == "met")
    request.outcome = "unmet"
    with pytest.raises(RecordsMismatch, match="the model says unmet"):
        model.check()


def test_draw_picks_each_member_with_the_probability() -> None:
    members = list(range(2000))
    rng = random.Random(3)
    counts = [0] * len(members)
    days = 200
    for _ in range(days):
        for m in draw(members, 0.05, rng):
            counts[m] += 1
    total = sum(counts)
    assert total == pytest.approx(2000 * 200 * 0.05, rel=0.03)
    # first and second half of the list are drawn alike (no bias to the front)
    assert sum(counts[:1000]) == pytest.approx(sum(counts[1000:]), rel=0.05)
    assert draw(members, 0.0, rng) == []
    assert draw(members, 1.0, rng) == members
