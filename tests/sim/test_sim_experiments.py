"""Experiments: effects with paired intervals, failed runs, provenance, resume after SIGKILL."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import attrs
import pytest

from sorgende.errors import InvalidValue
from sorgende.sim.effects import effects, t975
from sorgende.sim.sweeps import InlineExecutor, SweepSpec, sweep
from tests.sim.conftest import SETTINGS, SMALL

TINY = attrs.evolve(SMALL, days=14, population=attrs.evolve(SMALL.population, scale=0.02))

FAILING = """
from sorgende.hookspecs import hookimpl
from sorgende.sim.api import ScenarioBase


class Failing(ScenarioBase):
    name = "failing"
    titles = {"de": "Scheitert", "en": "Fails"}

    def setup(self, model):
        if model.seed == 2:
            raise RuntimeError("broken on purpose")


@hookimpl
def sorgende_sim_scenarios():
    return [Failing()]
"""


def test_the_paired_t_interval_by_hand() -> None:
    rows = [
        {"scenario": s, "replication": r, "x": x, "requests_met": m, "requests_unmet": 10 - m}
        for s, x, ms in (("a", 1, (5, 6, 7)), ("a", 2, (6, 8, 7)))
        for r, m in enumerate(ms)
    ]
    (row,) = effects(rows, ["x"], metrics=["requests_met"])
    # differences 1, 2, 0: mean 1, sd 1, half width t(0.975, 2) / sqrt(3)
    assert row["x"] == 2 and row["pairs"] == 3 and row["reference"] == "a [x=1]"
    assert row["difference"] == pytest.approx(1.0)
    assert row["high"] - row["difference"] == pytest.approx(4.303 / 3**0.5)
    (share,) = effects(rows, ["x"], metrics=["share_unmet"])
    assert share["difference"] == pytest.approx(-0.1)
    assert t975(31) == pytest.approx(2.0395, abs=1e-4)
    assert t975(1000) == pytest.approx(1.9623, abs=1e-4)


def test_a_run_that_raises_is_reported_and_the_others_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "failing_scenario.py").write_text(FAILING, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    spec = SweepSpec(
        base=TINY, scenarios=("baseline", "failing"), replications=2, plugins=("failing_scenario",)
    )
    result = sweep(spec, InlineExecutor(), settings=SETTINGS, directory=tmp_path / "out")
    ((run, error),) = result.failed
    assert run.config.scenario == "failing" and run.config.seed == 2
    assert error == "RuntimeError: broken on purpose"
    written = result.write(tmp_path / "out")
    assert {p.name for p in written} >= {"summary.csv", "effects.csv", "provenance.json"}
    summary = result.summary
    assert len(summary) == 4 and summary[3]["failed"] == error
    # the effect of the failing arm rests on the one pair that ran
    (effect,) = [e for e in result.effects if e["metric"] == "share_met"]
    assert effect["pairs"] == 1 and effect["low"] is None
    provenance = json.loads((tmp_path / "out" / "provenance.json").read_text(encoding="utf-8"))
    assert provenance["failed"] == [{"run": 3, "error": error}]
    assert [r["seed"] for r in provenance["runs"]] == [1, 2, 1, 2]
    assert provenance["base"]["days"] == 14 and provenance["sorgende"]
    names = {p["name"] for p in provenance["loaded_plugins"]}
    assert "failing_scenario" in names and "sorgende.sim.scenarios.baseline" in names
    with pytest.raises(InvalidValue, match="reference"):
        attrs.evolve(spec, reference={"scenario": "nope"}).reference_arm()


SWEEP = """
[sweep]
scenarios = ["baseline", "coordinator"]
replications = 3
workers = 1

[grid]
"coordinator.matches_per_day" = [2, 6]

[base]
days = 20
[base.population]
scale = 0.02
"""


def _sorgende(*args: str) -> list[str]:
    return [sys.executable, "-c", "from sorgende.cli import main; main()", *args]


def test_a_sweep_killed_with_sigkill_resumes_to_the_same_tables(tmp_path: Path) -> None:
    spec = tmp_path / "sweep.toml"
    spec.write_text(SWEEP, encoding="utf-8")
    env = {**os.environ, "SORGENDE_LANGUAGE": "en", "SORGENDE_DISABLE_PLUGINS": ""}
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    args = ["sweep", str(spec), "--no-plots", "--no-progress"]
    subprocess.run(_sorgende(*args, "--out", str(whole)), env=env, check=True, timeout=300,
                   capture_output=True)  # fmt: skip
    process = subprocess.Popen(
        _sorgende(*args, "--out", str(killed)),
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    runs = killed / "runs"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and len(list(runs.glob("run-*.json"))) < 3:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)  # the command and its worker process
    process.wait(timeout=30)
    done = len(list(runs.glob("run-*.json")))
    assert 3 <= done < 12, done
    resumed = subprocess.run(
        _sorgende(*args, "--out", str(killed)), env=env, check=True, timeout=300,
        capture_output=True, text=True,
    )  # fmt: skip
    assert f"Resumed: {done} of 12 runs were already on disk" in resumed.stdout
    assert "Effects against baseline [coordinator.matches_per_day=2]" in resumed.stdout
    for name in ("summary.csv", "steps.csv", "agents.csv", "effects.csv"):
        assert (killed / name).read_bytes() == (whole / name).read_bytes(), name
    with (whole / "effects.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {(r["scenario"], r["coordinator.matches_per_day"]) for r in rows} == {
        ("baseline", "6"), ("coordinator", "2"), ("coordinator", "6")
    }  # fmt: skip
