"""CareModel as a mesa.Model: Mesa's batch_run and DataCollector give sorgende's figures."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sorgende.sim.config import PopulationConfig, SimConfig
from sorgende.sim.sweeps import batch_run
from tests.sim.conftest import SETTINGS

if importlib.util.find_spec("mesa") is None:
    pytest.skip("mesa is not installed (pip install 'sorgende[mesa]')", allow_module_level=True)

# Mesa through the adapter first, which keeps this process's multiprocessing start method
# (the tests import mesa itself only after it)
from sorgende.sim.mesa import CareMesaModel

DOC = (Path(__file__).parents[2] / "docs" / "simulation.md").read_text(encoding="utf-8")
EXAMPLE = re.search(r"```python\n(# mesa_batch\.py\n.*?)```", DOC, re.DOTALL)

PARAMETERS: dict[str, Any] = {
    "seed": [1, 2],
    "helping.views_per_day": [2, 4],
    "days": 20,
    "population.scale": 0.025,
    "load_entrypoints": False,
    "settings": SETTINGS,
}


def test_mesa_batch_run_gives_the_whole_run_aggregates_of_sorgendes_batch_run() -> None:
    import mesa

    ours = batch_run(
        {"seed": [1, 2], "helping.views_per_day": [2, 4]},
        max_steps=20,
        base=SimConfig(population=PopulationConfig(scale=0.025), load_entrypoints=False),
        display_progress=False,
    )
    theirs = mesa.batch_run(
        CareMesaModel,
        parameters=PARAMETERS,
        max_steps=50,  # an upper bound: the runs stop after `days`
        data_collection_period=-1,
        display_progress=False,
    )
    assert len(theirs) == len(ours) == 4
    key = ("seed", "helping.views_per_day")
    by_point = {tuple(r[k] for k in key): r for r in ours}
    figures = set(ours[0]) - {"RunId", "iteration", "Step", "day", "days"}
    assert {"requests_met", "share_met", "hours_given", "ledger_checked"} <= figures
    assert len({r["requests_posted"] for r in theirs}) > 1  # the runs differ
    for record in theirs:
        own = by_point[tuple(record[k] for k in key)]
        assert {f: record[f] for f in figures} == {f: own[f] for f in figures}
        assert record["Step"] == 19  # Mesa's index of its last collection, after day 20
        assert record["ledger_checked"] is True


def test_the_datacollector_holds_the_figures_so_far_each_day() -> None:
    model = CareMesaModel(
        days=15,
        seed=3,
        population__scale=0.025,
        settings=SETTINGS,
        load_entrypoints=False,
        reporters={"day": lambda m: m.care.day},
    )
    while model.running:
        model.step()
    assert model.steps == model.care.day == 15
    table = model.datacollector.get_model_vars_dataframe()
    assert list(table["day"]) == list(range(1, 16))
    assert table["requests_posted"].is_monotonic_increasing
    assert model.result is not None
    assert table.iloc[-1]["requests_met"] == model.result.summary["requests_met"]
    # the care model's own table counts the same needs day by day
    rows = model.care.datacollector.rows
    daily = [r["requests_posted"] for r in rows if r["level"] == "community"]
    assert list(table["requests_posted"]) == [sum(daily[: d + 1]) for d in range(15)]


def test_the_mesa_example_of_the_docs_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert EXAMPLE is not None, "docs/simulation.md has no mesa_batch.py block"
    exec(compile(EXAMPLE.group(1), "mesa_batch.py", "exec"), {"__name__": "mesa_batch"})
    out = capsys.readouterr().out
    assert out.strip().endswith("True")


def test_importing_the_adapter_keeps_the_multiprocessing_start_method() -> None:
    code = (
        "import multiprocessing as m; m.set_start_method('forkserver'); "
        "import sorgende.sim.mesa, mesa; print(m.get_start_method())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "forkserver"
