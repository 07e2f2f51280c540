"""Simulate caring communities on the real rules engine.

The model runs the platform's own use cases on the memory storage, with a simulated
clock, so a policy tested here is the policy a platform deploys::

    from sorgende.sim import CareModel, SimConfig

    model = CareModel(SimConfig(scenario="coordinator", days=90, seed=7))
    while model.running:
        model.step()
    result = model.result()
    result.write("results/")            # steps.csv, agents.csv, summary.csv

Sweeps run a grid of parameters and replications on any
``concurrent.futures.Executor`` (:func:`sweep`, or Mesa-style :func:`batch_run`). See
``docs/simulation.md`` for a tutorial.

The names below are imported on first use, so ``import sorgende`` stays as fast as it
was.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sorgende.sim.api import (
        CommitmentBehaviour,
        HelpBehaviour,
        Need,
        NeedBehaviour,
        Scenario,
        ScenarioBase,
    )
    from sorgende.sim.collector import DataCollector
    from sorgende.sim.config import SimConfig, load_config, with_overrides
    from sorgende.sim.model import CareModel, run
    from sorgende.sim.results import SimResult
    from sorgende.sim.sweeps import SweepResult, SweepSpec, batch_run, load_sweep, sweep

__all__ = [
    "CareModel",
    "CommitmentBehaviour",
    "DataCollector",
    "HelpBehaviour",
    "Need",
    "NeedBehaviour",
    "Scenario",
    "ScenarioBase",
    "SimConfig",
    "SimResult",
    "SweepResult",
    "SweepSpec",
    "batch_run",
    "load_config",
    "load_sweep",
    "run",
    "sweep",
    "with_overrides",
]

_EXPORTS = {
    "CareModel": "sorgende.sim.model",
    "run": "sorgende.sim.model",
    "SimConfig": "sorgende.sim.config",
    "load_config": "sorgende.sim.config",
    "with_overrides": "sorgende.sim.config",
    "DataCollector": "sorgende.sim.collector",
    "SimResult": "sorgende.sim.results",
    "Need": "sorgende.sim.agents",
    "NeedBehaviour": "sorgende.sim.api",
    "HelpBehaviour": "sorgende.sim.api",
    "CommitmentBehaviour": "sorgende.sim.api",
    "Scenario": "sorgende.sim.api",
    "ScenarioBase": "sorgende.sim.api",
    "SweepSpec": "sorgende.sim.sweeps",
    "SweepResult": "sorgende.sim.sweeps",
    "sweep": "sorgende.sim.sweeps",
    "batch_run": "sorgende.sim.sweeps",
    "load_sweep": "sorgende.sim.sweeps",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'sorgende.sim' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
