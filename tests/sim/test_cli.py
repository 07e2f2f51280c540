"""``sorgende simulate`` and ``sorgende sweep``."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path

from click.testing import CliRunner, Result

from sorgende.cli import make_cli
from sorgende.i18n import check_messages, registered
from tests.sim.conftest import SETTINGS

NO_ENV = {"SORGENDE_CONFIG": None, "SORGENDE_LANGUAGE": None, "SORGENDE_STORAGE": None,
          "SORGENDE_DISABLE_PLUGINS": None}  # fmt: skip


def run(args: Sequence[str]) -> Result:
    return CliRunner(env=NO_ENV).invoke(make_cli(settings=SETTINGS), list(args))


def test_simulate_writes_the_table_and_the_plots(tmp_path: Path) -> None:
    out = tmp_path / "results"
    result = run(
        ["simulate", "--scenario", "flood", "--days", "30", "--seed", "1", "--scale", "0.02",
         "--set", "flood.start_day=5", "--out", str(out), "--plot-format", "png"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        ["steps.csv", "agents.csv", "summary.csv", "config.json", "provenance.json",
         "needs_met.png", "load.png", "balances.png"]
    )  # fmt: skip
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Simulation: Verbandsgemeinde Daun, Szenario Hochwasser, 30 Tage")
    assert "Zeitbank geprüft" in result.stdout
    with (out / "summary.csv").open(encoding="utf-8") as handle:
        summary = next(csv.DictReader(handle))
    assert summary["scenario"] == "flood" and summary["days"] == "30"
    config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert config["flood"]["start_day"] == 5 and config["population"]["scale"] == 0.02


def test_simulate_in_english_from_a_config_file(tmp_path: Path) -> None:
    config = tmp_path / "sim.toml"
    config.write_text('scenario = "coordinator"\ndays = 20\n[population]\nscale = 0.02\n')
    out = tmp_path / "out"
    result = run(
        ["--lang", "en", "simulate", "--config", str(config), "--days", "10", "--no-plots",
         "--format", "csv", "--format", "parquet", "--out", str(out)]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "Simulation: Verbandsgemeinde Daun, scenario Paid coordinator, 10 days"
    )
    assert (out / "steps.parquet").exists() and not (out / "needs_met.png").exists()


def test_simulate_refuses_bad_input_in_one_line(tmp_path: Path) -> None:
    result = run(["simulate", "--scenario", "tsunami", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "Unbekanntes Szenario 'tsunami'" in result.output
    assert "Traceback" not in result.output
    result = run(["simulate", "--set", "helping.views_per_day", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "PATH=VALUE" in result.output
    result = run(["--lang", "en", "simulate", "--set", "days=0", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "days" in result.output


def test_sweep_from_a_file(tmp_path: Path) -> None:
    spec = tmp_path / "sweep.toml"
    spec.write_text(
        '[sweep]\nscenarios = ["baseline", "coordinator"]\nreplications = 2\n'
        '[grid]\n"helping.views_per_day" = [3]\n'
        "[base]\ndays = 15\n[base.population]\nscale = 0.02\n",
        encoding="utf-8",
    )
    out = tmp_path / "sweep"
    result = run(["sweep", str(spec), "--out", str(out), "--workers", "2", "--plot-format", "svg"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Parameterstudie: 4 Läufe (2 Szenarien x 1 Punkte x 2 Wiederholungen)"
    assert lines[1].startswith("baseline [helping.views_per_day=3]: erfüllt")
    assert lines[2].startswith("coordinator [helping.views_per_day=3]: erfüllt")
    with (out / "summary.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["scenario"], r["seed"]) for r in rows] == [
        ("baseline", "1"), ("baseline", "2"), ("coordinator", "1"), ("coordinator", "2")
    ]  # fmt: skip
    assert (out / "needs_met.svg").exists()


def test_every_text_has_german_and_english() -> None:
    owners = {owner for _, owner, _ in registered()}
    assert "sorgende.sim.texts" in owners
    assert check_messages() == []
