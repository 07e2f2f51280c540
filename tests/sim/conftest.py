"""Small simulated communities for the tests: a few hundred residents, some weeks."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from sorgende import Settings
from sorgende.sim.config import PopulationConfig, SimConfig
from sorgende.sim.model import CareModel
from sorgende.sim.results import SimResult

#: no sorgende.toml, no installed plugins: the tests see the default plugins only
SETTINGS = Settings(load_entrypoints=False)

#: VG Daun at 2.5 %: about 570 residents in the same 38 places
SMALL = SimConfig(days=45, population=PopulationConfig(scale=0.025), load_entrypoints=False)


def simulate(config: SimConfig = SMALL, **changes: Any) -> SimResult:
    """Run ``config`` (with ``changes``) to its end on the default plugins."""
    plugins = changes.pop("plugins", ())
    model = CareModel(attrs.evolve(config, **changes), plugins=plugins, settings=SETTINGS)
    result: SimResult = model.run()
    return result


def community(result: SimResult) -> list[dict[str, Any]]:
    return [row for row in result.steps if row["level"] == "community"]


@pytest.fixture(scope="session")
def baseline() -> SimResult:
    return simulate()
