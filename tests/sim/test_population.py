"""The population follows its configuration; the simulation stays out of ``import sorgende``."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from sorgende.default_plugins.categories import DEFAULT_CATEGORIES
from sorgende.sim.config import SimConfig
from sorgende.sim.population import build_population, sim_places

REQUIREMENTS = {c.code: frozenset(c.required_qualifications) for c in DEFAULT_CATEGORIES}


def test_vg_daun_in_full() -> None:
    config = SimConfig()
    places = sim_places(config.population)
    residents = build_population(None, config, places, REQUIREMENTS, random.Random(1))
    assert len(places) == 38
    assert len(residents) == 22_919  # 31 Dec 2021
    daun = next(p for p in places if p.name == "Daun")
    assert sum(r.place == daun.index for r in residents) == 8_059
    bands = config.population.age_bands
    expected_care = sum(b.share * b.care for b in bands) / sum(b.share for b in bands)
    care = sum(r.needs_care for r in residents) / len(residents)
    assert care == pytest.approx(expected_care, rel=0.06)  # about 5.9 %
    old = [r for r in residents if r.age >= 85]
    assert sum(r.needs_care for r in old) / len(old) > 0.55
    helpers = [r for r in residents if r.helper is not None]
    # Freiwilligensurvey 2019: 39.7 % of everybody aged 14 and over (in need of care or not)
    over_14 = [r for r in residents if r.age >= 14]
    assert sum(r.volunteers for r in over_14) / len(over_14) == pytest.approx(0.397, rel=0.03)
    share = config.population.volunteer_platform_share
    helping = sum(r.helper is not None for r in over_14)
    assert helping / len(over_14) == pytest.approx(0.397 * share, rel=0.15)
    assert not any(r.needs_care for r in helpers)
    hours = [r.helper.capacity_minutes / 60 for r in helpers if r.helper]
    assert sum(h <= 2 for h in hours) / len(hours) == pytest.approx(0.60, abs=0.05)
    assert sum(h >= 6 for h in hours) / len(hours) == pytest.approx(0.171, abs=0.05)
    for helper in helpers:
        h = helper.helper
        assert h is not None and list(h.skills) == sorted(h.skills)
        if "driving_licence" not in h.qualifications:
            assert h.radius_km == config.population.radius_km_foot


def test_the_same_seed_the_same_people() -> None:
    config = SimConfig()
    places = sim_places(config.population)

    def people(seed: int) -> list[tuple[object, ...]]:
        residents = build_population(None, config, places, REQUIREMENTS, random.Random(seed))
        return [(r.place, r.age, r.needs_care, r.group, r.helper is not None) for r in residents]

    assert people(3) == people(3)
    assert people(3) != people(4)


def test_import_sorgende_stays_light() -> None:
    """The simulation is imported on first use, not with sorgende or its command line."""
    code = (
        "import sys, sorgende, sorgende.cli\n"
        "p = sorgende.open('memory://', load_entrypoints=False)\n"
        "sim = sorted(m for m in sys.modules if m.startswith('sorgende.sim'))\n"
        "heavy = [m for m in ('numpy', 'pandas', 'matplotlib', 'pyarrow', 'rich', 'mesa')"
        " if m in sys.modules]\n"
        "print(sim, heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()
    # the commands and the hook specifications (so installed plugins pass start-up) only
    assert out == "['sorgende.sim', 'sorgende.sim.commands', 'sorgende.sim.hookspecs'] []"
