"""CareModel as a mesa.Model: Mesa's batch_run and DataCollector give sorgende's figures."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from sorgende.sim.config import PopulationConfig, SimConfig
from sorgende.sim.sweeps import batch_run
from tests.sim.conftest import SETTINGS

mesa = pytest.importorskip("mesa", reason="mesa is not installed (pip install 'sorgende[mesa]')")

from sorgende.sim.mesa import CareMesaModel  # noqa: E402

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
