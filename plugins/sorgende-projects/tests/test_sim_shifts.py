"""The simulation's shift plan: volunteers sign up through the plugin's use cases, and a
smaller pool leaves more shifts understaffed; the same seed gives the same tables."""

from __future__ import annotations

import csv
import uuid
from pathlib import Path
from typing import Any

import attrs
import pytest
import sorgende_projects
import sorgende_projects.sim
from click.testing import CliRunner
from sorgende_projects import Projects, SignUpState

from sorgende import OPERATOR, Settings
from sorgende.cli import make_cli
from sorgende.errors import InvalidValue
from sorgende.sim import SimConfig
from sorgende.sim.config import PopulationConfig
from sorgende.sim.model import CareModel
from sorgende.sim.results import SimResult

SETTINGS = Settings(load_entrypoints=False)
PLUGINS = (sorgende_projects, sorgende_projects.sim)
#: eight Saturdays in a small Verbandsgemeinde (the neighbourly help goes on around them)
SMALL = SimConfig(
    scenario="shifts",
    days=56,
    seed=3,
    population=PopulationConfig(scale=0.02),
    load_entrypoints=False,
)


def run(pool: int, config: SimConfig = SMALL, **shifts: Any) -> tuple[CareModel, SimResult]:
    config = attrs.evolve(config, extra={"shifts": {"pool": pool, **shifts}})
    model = CareModel(config, plugins=PLUGINS, settings=SETTINGS)
    return model, model.run()


@pytest.fixture(scope="module")
def pool_of_30() -> tuple[CareModel, SimResult]:
    return run(30)


def test_the_same_seed_gives_the_same_tables(pool_of_30: tuple[CareModel, SimResult]) -> None:
    _, first = pool_of_30
    _, again = run(30)
    assert again.tables == first.tables
    assert {k: v for k, v in again.summary.items() if k.startswith("shift")} == {
        k: v for k, v in first.summary.items() if k.startswith("shift")
    }
    _, other = run(30, attrs.evolve(SMALL, seed=4))
    assert other.tables != first.tables


def test_a_smaller_pool_leaves_more_shifts_understaffed(
    pool_of_30: tuple[CareModel, SimResult],
) -> None:
    _, large = pool_of_30
    _, small = run(10)
    assert small.summary["shifts"] == large.summary["shifts"] == 8 * 3
    assert small.summary["shifts_understaffed"] > large.summary["shifts_understaffed"]
    assert small.summary["shift_places_missing"] > large.summary["shift_places_missing"]
    assert small.summary["shift_hours"] < large.summary["shift_hours"]


def test_the_weeks_add_up_and_agree_with_the_platform(
    pool_of_30: tuple[CareModel, SimResult],
) -> None:
    model, result = pool_of_30
    weeks, shifts = result.rows("shift_weeks"), result.rows("shifts")
    assert len(weeks) == 8 and all(w["shifts"] == 3 and w["places"] == 11 for w in weeks)
    for name in ("understaffed", "no_shows", "filled", "attended", "promoted"):
        assert sum(w[name] for w in weeks) == sum(s[name] for s in shifts)
    assert sum(w["understaffed"] for w in weeks) == result.summary["shifts_understaffed"]
    # what the run counted is what the platform holds: every sign-up, no shift over its
    # places, the hours in the people's worklogs
    projects = Projects(model.platform, model.service.community_id)
    events = projects.events(start=SMALL.start, end=model.date)
    assert len(events) == 8
    no_shows = minutes = 0
    people: set[uuid.UUID] = set()
    for event in events:
        for shift in projects.shifts(event.id):
            signups = projects.sign_ups(shift.id, by=OPERATOR)
            confirmed = [s for s in signups if s.state is SignUpState.CONFIRMED]
            assert len(confirmed) <= shift.capacity and shift.filled == len(confirmed)
            no_shows += sum(1 for s in signups if s.state is SignUpState.NO_SHOW)
            people.update(s.person_id for s in signups)
    for person in people:
        minutes += sum(entry.minutes for entry in projects.worklog(person, by=OPERATOR))
    assert no_shows == result.summary["shift_no_shows"] > 0
    assert round(minutes / 60, 2) == result.summary["shift_hours"] > 0
    assert result.summary["shift_promotions"] > 0  # cancellations and no-shows promoted


def test_simulate_runs_the_scenario_and_writes_its_weeks(tmp_path: Path) -> None:
    env = {"SORGENDE_CONFIG": None, "SORGENDE_LANGUAGE": None, "SORGENDE_STORAGE": None,
           "SORGENDE_DISABLE_PLUGINS": None}  # fmt: skip
    cli = make_cli(plugins=PLUGINS, settings=SETTINGS)
    result = CliRunner(env=env).invoke(
        cli,
        ["--lang", "en", "simulate", "--scenario", "shifts", "--days", "14", "--scale", "0.02",
         "--set", "extra.shifts.pool=12", "--no-plots", "--out", str(tmp_path)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "Shift plan: 12 volunteers for 2 events with 6 shifts and 22 places" in lines
    assert any(line.startswith("Understaffed: ") for line in lines)
    assert [line[:20] for line in lines if line.startswith("Week of")] == [
        "Week of 2026-01-05: ",
        "Week of 2026-01-12: ",
    ]
    with (tmp_path / "shift_weeks.csv").open(encoding="utf-8") as handle:
        weeks = list(csv.DictReader(handle))
    assert [w["week"] for w in weeks] == ["2026-01-05", "2026-01-12"]
    with (tmp_path / "summary.csv").open(encoding="utf-8") as handle:
        assert next(csv.DictReader(handle))["shift_pool"] == "12"


def test_a_bad_parameter_is_refused_with_its_path() -> None:
    with pytest.raises(InvalidValue) as refused:
        run(0)
    assert "extra.shifts.pool" in str(refused.value)
    with pytest.raises(InvalidValue) as unknown:
        run(5, pools=3)
    assert "pools" in unknown.value.message("en")


def test_hours_to_the_time_bank_are_checked_with_it() -> None:
    model, result = run(12, attrs.evolve(SMALL, days=14), hours_to="timebank")
    assert result.summary["ledger_checked"] is True  # the model's balances agree
    pool = [r for r in model.service.actors() if r.name.startswith("Ehrenamtliche")]
    given = sum(model.service.balance(person.id).minutes for person in pool)
    assert round(given / 60, 2) == result.summary["shift_hours"] > 0
    with pytest.raises(InvalidValue) as refused:
        run(12, attrs.evolve(SMALL, days=7), hours_to="bank")
    assert "extra.shifts.hours_to" in str(refused.value)
