"""Sweeps: the same runs on a process pool, on a Dask cluster and in this process."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import attrs
import pytest

from sorgende.errors import ConfigError, InvalidValue
from sorgende.sim.sweeps import InlineExecutor, SweepSpec, batch_run, load_sweep, sweep
from tests.sim.conftest import SETTINGS, SMALL

SPEC = SweepSpec(
    base=attrs.evolve(SMALL, days=30, population=attrs.evolve(SMALL.population, scale=0.02)),
    scenarios=("baseline", "coordinator"),
    grid={"helping.views_per_day": (2, 4)},
    replications=2,
)


def test_the_runs_of_a_sweep() -> None:
    runs = SPEC.runs()
    assert len(runs) == 2 * 2 * 2
    assert [
        (r.config.scenario, r.params["helping.views_per_day"], r.config.seed) for r in runs[:4]
    ] == [
        ("baseline", 2, 1),
        ("baseline", 2, 2),
        ("baseline", 4, 1),
        ("baseline", 4, 2),
    ]
    assert all(r.config.helping.views_per_day == r.params["helping.views_per_day"] for r in runs)
    assert not any(r.config.collect_places for r in runs)


def test_a_dask_cluster_gives_what_a_process_pool_gives() -> None:
    distributed = pytest.importorskip("distributed")
    with ProcessPoolExecutor(max_workers=2) as pool:
        local = sweep(SPEC, pool, settings=SETTINGS, progress=False)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, dashboard_address=None, processes=True
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = sweep(SPEC, client.get_executor(), settings=SETTINGS, progress=False)
    assert remote.steps == local.steps
    assert remote.summary == local.summary
    assert remote.agents == local.agents
    here = sweep(SPEC, InlineExecutor(), settings=SETTINGS, progress=False)
    assert here.summary == local.summary
    # the runs differ where they should
    shares = {(r["scenario"], r["seed"]): r["share_met"] for r in local.summary}
    assert shares[("coordinator", 1)] != shares[("baseline", 1)]
    assert len({r["run"] for r in local.steps}) == 8
    assert {r["level"] for r in local.steps} == {"community"}


def test_sweep_tables_name_their_runs(tmp_path: Path) -> None:
    spec = attrs.evolve(SPEC, scenarios=("baseline",), replications=1, places=True)
    result = sweep(spec, InlineExecutor(), settings=SETTINGS, progress=False)
    row = result.steps[0]
    assert list(row)[:5] == ["run", "scenario", "replication", "seed", "helping.views_per_day"]
    assert {r["level"] for r in result.steps} == {"community", "place"}
    written = result.write(tmp_path)
    assert [p.name for p in written] == [
        "steps.csv",
        "agents.csv",
        "summary.csv",
        "effects.csv",
        "provenance.json",
    ]
    assert len(result.to_pandas("summary")) == 2


def test_batch_run_like_mesa() -> None:
    records = batch_run(
        {"scenario": ["baseline", "coordinator"], "helping.views_per_day": 3},
        iterations=2,
        max_steps=20,
        base=attrs.evolve(SMALL, population=attrs.evolve(SMALL.population, scale=0.02)),
        display_progress=False,
    )
    assert len(records) == 4  # the last step of each run
    assert [r["RunId"] for r in records] == [0, 1, 2, 3]
    assert [r["iteration"] for r in records] == [0, 1, 0, 1]
    assert all(r["Step"] == 20 and r["helping.views_per_day"] == 3 for r in records)
    # -1 gives the whole run's totals: the days' counts summed
    daily = batch_run(
        {"scenario": ["baseline", "coordinator"], "helping.views_per_day": 3},
        iterations=2,
        max_steps=20,
        data_collection_period=1,
        base=attrs.evolve(SMALL, population=attrs.evolve(SMALL.population, scale=0.02)),
        display_progress=False,
    )
    for record in records:
        days = [d for d in daily if d["RunId"] == record["RunId"]]
        assert len(days) == 20
        assert record["requests_met"] == sum(d["requests_met"] for d in days) > 0
    every = batch_run(
        {"seed": [4]},
        max_steps=10,
        data_collection_period=5,
        base=attrs.evolve(SMALL, population=attrs.evolve(SMALL.population, scale=0.02)),
        display_progress=False,
    )
    assert [r["Step"] for r in every] == [5, 10]
    assert all(r["seed"] == 4 for r in every)


def test_a_sweep_file(tmp_path: Path) -> None:
    path = tmp_path / "sweep.toml"
    path.write_text(
        """
[sweep]
scenarios = ["baseline", "flood"]
replications = 3
out = "out/sweep"
workers = 2

[grid]
"helping.accept_probability" = [0.2, 0.3]
"flood.start_day" = [5]

[base]
days = 20
[base.population]
scale = 0.02
""",
        encoding="utf-8",
    )
    spec, options = load_sweep(path)
    assert spec.scenarios == ("baseline", "flood") and spec.replications == 3
    assert spec.base.days == 20 and spec.base.population.scale == 0.02
    assert options == {"out": "out/sweep", "workers": 2}
    assert len(spec.runs()) == 2 * 2 * 3
    path.write_text("[sweep]\nrepeats = 2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="repeats"):
        load_sweep(path)
    path.write_text('[grid]\n"helping.views_per_day" = 3\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="list"):
        load_sweep(path)
    path.write_text('[grid]\n"helping.views_per_day" = [-1]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="views_per_day"):
        load_sweep(path)
    with pytest.raises(InvalidValue, match="replications"):
        SweepSpec(replications=0)
