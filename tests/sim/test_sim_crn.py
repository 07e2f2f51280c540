"""Common random numbers: one parameter changes only what depends on it."""

from __future__ import annotations

from typing import Any

import attrs

from sorgende.sim.agents import Need, Resident
from sorgende.sim.config import SimConfig, with_overrides
from sorgende.sim.model import CareModel
from tests.sim.conftest import SETTINGS, SMALL

TINY = attrs.evolve(SMALL, days=21)


class Recording(CareModel):
    """The model, noting every need a resident asks for (the demand)."""

    def __init__(self, config: SimConfig) -> None:
        self.demand: list[tuple[Any, ...]] = []
        super().__init__(config, settings=SETTINGS)

    def post_need(self, resident: Resident, need: Need) -> Any:
        self.demand.append((self.day, resident.unique_id, need))
        return super().post_need(resident, need)


def people(model: CareModel) -> list[tuple[Any, ...]]:
    out = []
    for r in model.residents:
        h = r.helper
        helper = None if h is None else (h.capacity_minutes, h.skills, h.qualifications)
        out.append((r.place, r.age, r.needs_care, r.group, r.solidarity, helper))
    return out


def test_population_is_the_same_across_a_grid_over_a_behaviour_parameter() -> None:
    models = [
        Recording(with_overrides(TINY, {"helping.accept_probability": p})) for p in (0.1, 0.25, 0.6)
    ]
    first = people(models[0])
    assert sum(1 for p in first if p[5] is not None) > 5
    for model in models[1:]:
        assert people(model) == first


def test_demand_is_the_same_across_a_grid_over_a_platform_parameter() -> None:
    demands, met = [], []
    for views in (0, 3, 6):
        model = Recording(with_overrides(TINY, {"helping.views_per_day": views}))
        met.append(model.run().summary["requests_met"])
        demands.append(model.demand)
    assert len(demands[0]) > 10
    assert demands[1] == demands[0] and demands[2] == demands[0]
    # the matching did change: the lever is not a no-op
    assert len(set(met)) > 1


def test_a_larger_platform_share_keeps_the_users_and_their_needs_of_a_smaller() -> None:
    small, large = (
        Recording(with_overrides(TINY, {"population.care_platform_share": share}))
        for share in (0.25, 0.5)
    )
    for model in (small, large):
        model.run()
    users_small = {r.unique_id for r in small.residents if r.group == "care"}
    users_large = {r.unique_id for r in large.residents if r.group == "care"}
    assert users_small < users_large
    # the same people otherwise: age, place, care, helpers
    assert [p[:3] + p[4:] for p in people(small)] == [p[:3] + p[4:] for p in people(large)]
    asked_small = [d for d in small.demand if d[1] in users_small]
    asked_large = [d for d in large.demand if d[1] in users_small]
    assert len(asked_small) > 5 and asked_small == asked_large
