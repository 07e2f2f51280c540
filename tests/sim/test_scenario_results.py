"""A scenario's own figures, tables and report lines: in the result, the files, the CLI."""

from __future__ import annotations

import csv
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

import attrs
from click.testing import CliRunner

import sorgende
from sorgende.cli import make_cli
from sorgende.sim.api import ScenarioBase
from sorgende.sim.sweeps import SweepSpec, sweep
from tests.sim.conftest import SETTINGS, SMALL, simulate


class Counting(ScenarioBase):
    """Counts the days it saw, per week: the shape of a scenario that measures itself."""

    name: ClassVar[str] = "counting"
    titles: ClassVar[Mapping[str, str]] = {"de": "Zählend", "en": "Counting"}

    def end_of_day(self, model: Any) -> None:
        weeks = model.scenario_state.setdefault(self.name, {})
        week = model.day // 7
        weeks[week] = weeks.get(week, 0) + 1

    def summary(self, model: Any) -> Mapping[str, Any]:
        return {"counting_weeks": len(model.scenario_state[self.name])}

    def tables(self, model: Any) -> Mapping[str, Sequence[Mapping[str, Any]]]:
        weeks = model.scenario_state[self.name]
        return {"weeks": [{"week": w, "days": d} for w, d in sorted(weeks.items())]}

    def report(self, model: Any, language: str) -> Sequence[str]:
        label = "Wochen gezählt" if language == "de" else "weeks counted"
        return [f"{label}: {len(model.scenario_state[self.name])}"]


@sorgende.hookimpl
def sorgende_sim_scenarios() -> list[object]:
    return [Counting()]


PLUGIN = sys.modules[__name__]
CONFIG = attrs.evolve(SMALL, days=10, scenario="baseline+counting")


def test_a_scenario_adds_figures_and_a_table_to_the_result(tmp_path: Path) -> None:
    result = simulate(CONFIG, plugins=[PLUGIN])
    assert result.summary["counting_weeks"] == 2
    assert result.rows("weeks") == [{"week": 0, "days": 7}, {"week": 1, "days": 3}]
    assert result.table_names() == ("steps", "agents", "summary", "weeks")
    written = {p.name for p in result.write(tmp_path)}
    assert {"weeks.csv", "steps.csv", "summary.csv"} <= written
    with (tmp_path / "weeks.csv").open(encoding="utf-8") as handle:
        assert list(csv.DictReader(handle)) == [
            {"week": "0", "days": "7"},
            {"week": "1", "days": "3"},
        ]


def test_a_scenario_without_the_optional_methods_adds_nothing() -> None:
    result = simulate(attrs.evolve(SMALL, days=3))
    assert result.tables == {} and result.table_names() == ("steps", "agents", "summary")


def test_the_simulate_command_prints_the_scenario_report(tmp_path: Path) -> None:
    env = {"SORGENDE_CONFIG": None, "SORGENDE_LANGUAGE": None, "SORGENDE_STORAGE": None,
           "SORGENDE_DISABLE_PLUGINS": None}  # fmt: skip
    cli = make_cli(plugins=[PLUGIN], settings=SETTINGS)
    result = CliRunner(env=env).invoke(
        cli,
        ["--lang", "en", "simulate", "--scenario", "baseline+counting", "--days", "8",
         "--scale", "0.02", "--no-plots", "--out", str(tmp_path)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "weeks counted: 2" in result.stdout.splitlines()
    assert (tmp_path / "weeks.csv").exists()


def test_a_sweep_keeps_each_runs_table_and_figures() -> None:
    spec = SweepSpec(
        base=attrs.evolve(CONFIG, days=8),
        replications=2,
        plugins=(__name__,),
    )
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        result = sweep(spec, pool, settings=SETTINGS)
    assert [row["counting_weeks"] for row in result.summary] == [2, 2]
    rows = result.rows("weeks")
    assert [(r["replication"], r["week"], r["days"]) for r in rows] == [
        (0, 0, 7), (0, 1, 1), (1, 0, 7), (1, 1, 1)
    ]  # fmt: skip
