"""Plugins see the platform's events; the dropout rule of docs/simulation.md via --plugin."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import attrs
import pytest

from sorgende.hookspecs import hookimpl
from sorgende.sim.config import with_overrides
from sorgende.sim.model import CareModel
from sorgende.sim.scenarios.coordinator import PaidCoordinator
from tests.sim.conftest import SETTINGS, SMALL
from tests.sim.test_cli import run

DOC = (Path(__file__).parents[2] / "docs" / "simulation.md").read_text(encoding="utf-8")
PLUGIN = re.search(r"```python\n(# dropout\.py\n.*?)```", DOC, re.DOTALL)


class Listener:
    def __init__(self) -> None:
        self.kinds: Counter[str] = Counter()
        self.days: list[int] = []

    @hookimpl
    def sorgende_sim_events(self, model: Any, events: Any) -> None:
        self.days.append(model.day)
        for event in events:
            self.kinds[event.kind] += 1
            assert event.day == model.day and event.helper is not None


def test_a_plugin_sees_the_exchanges_events_once_a_day() -> None:
    listener = Listener()
    # 45 days, a fifth of the exchanges cancelled and a fifth not taking place: every kind
    # of event happens in this small a community whatever the seed (seeds 1 to 6 checked)
    config = with_overrides(
        SMALL, {"helping.no_show_probability": 0.2, "helping.cancel_probability": 0.2}
    )
    result = CareModel(config, plugins=[listener], settings=SETTINGS).run()
    s = result.summary
    assert listener.kinds["confirmed"] == s["exchanges_confirmed"] > 5
    assert listener.kinds["accepted"] >= listener.kinds["confirmed"]
    assert listener.kinds["proposed"] >= listener.kinds["accepted"]
    assert listener.kinds["no_show"] >= 1 and listener.kinds["cancelled"] >= 1, listener.kinds
    assert len(listener.days) == len(set(listener.days))  # one call a day


def test_the_dropout_plugin_of_the_docs_runs_through_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert PLUGIN is not None, "docs/simulation.md has no dropout.py block"
    source = PLUGIN.group(1)
    assert len(source.splitlines()) < 30
    (tmp_path / "dropout_docs.py").write_text(source, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["simulate", "--days", "60", "--scale", "0.05", "--no-plots", "--no-progress",
            "--set", "helping.no_show_probability=0.3"]  # fmt: skip
    dropped = []
    for extra in ([], ["--plugin", "dropout_docs"]):
        result = run([*args, "--out", str(tmp_path / f"out{len(extra)}"), *extra])
        assert result.exit_code == 0, result.output
        assert "Zeitbank geprüft" in result.output  # the records checks held
        dropped.append(int(re.search(r"ausgestiegen (\d+)", result.output).group(1)))  # type: ignore[union-attr]
    assert dropped[1] > dropped[0]
    missing = run([*args, "--out", str(tmp_path / "x"), "--plugin", "no_such_module"])
    assert missing.exit_code != 0 and "no_such_module" in missing.output


def test_staff_hours_give_the_same_weekly_capacity_per_resident_at_any_scale() -> None:
    totals = {}
    for scale in (0.02, 0.05):
        config = with_overrides(
            SMALL,
            {"scenario": "coordinator", "population.scale": scale,
             "coordinator.staff_hours_per_week": 39.0},
        )  # fmt: skip
        model = CareModel(attrs.evolve(config, days=1), settings=SETTINGS)
        coordinator = next(s for s in model.scenarios if isinstance(s, PaidCoordinator))
        totals[scale] = sum(coordinator.capacity(model) for _ in range(5 * 4))  # four weeks
    # 39 h x 2 requests an hour x 4 weeks x scale, up to the fraction carried over
    assert totals[0.02] == pytest.approx(39 * 2 * 4 * 0.02, abs=1)
    assert totals[0.05] == pytest.approx(39 * 2 * 4 * 0.05, abs=1)


def test_volunteers_join_over_time_faster_when_needs_go_unmet() -> None:
    counts = []
    for weight in (0.0, 5.0):
        config = with_overrides(
            SMALL,
            {"days": 28, "recruitment.per_year": 1.0, "recruitment.need_weight": weight},
        )
        model = CareModel(config, settings=SETTINGS)
        before = len(model.helpers)
        model.run()  # the records checks hold with helpers who joined mid-run
        assert len(model.helpers) == before + model.recruited
        counts.append(model.recruited)
    assert 0 < counts[0] < counts[1]
    none = CareModel(attrs.evolve(SMALL, days=14), settings=SETTINGS)
    none.run()
    assert none.recruited == 0
