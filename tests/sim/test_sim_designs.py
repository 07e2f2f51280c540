"""Latin hypercube and Sobol designs with SALib, and the sensitivity report."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from sorgende.errors import ConfigError, InvalidValue
from sorgende.sim.designs import Design, design_points
from sorgende.sim.sweeps import InlineExecutor, SweepSpec, load_sweep, sweep
from tests.sim.conftest import SETTINGS, SMALL

pytest.importorskip("SALib")

BOUNDS = {"helping.views_per_day": (1, 6), "helping.accept_probability": (0.1, 0.4)}


def test_a_latin_hypercube_covers_each_range_once_per_stratum() -> None:
    points = design_points(Design(bounds=BOUNDS, method="latin", n=10, seed=3))
    assert len(points) == 10
    shares = sorted(p["helping.accept_probability"] for p in points)
    # one point in each tenth of the range
    assert [int((s - 0.1) / 0.03) for s in shares] == list(range(10))
    assert all(isinstance(p["helping.views_per_day"], int) for p in points)
    assert design_points(Design(bounds=BOUNDS, method="latin", n=10, seed=3)) == points
    with pytest.raises(InvalidValue, match="design"):
        Design(bounds={"helping.accept_probability": (0.4, 0.1)})


def test_a_sobol_sweep_reports_first_order_and_total_indices(tmp_path: Path) -> None:
    base = attrs.evolve(SMALL, days=7, population=attrs.evolve(SMALL.population, scale=0.02))
    spec = SweepSpec(base=base, design=Design(bounds=BOUNDS, n=2, outputs=("share_met",)))
    result = sweep(spec, InlineExecutor(), settings=SETTINGS)
    assert len(result.runs) == 2 * (2 + 2)
    assert [r.params["point"] for r in result.runs] == list(range(8))
    rows = result.sensitivity
    assert [(r["output"], r["parameter"]) for r in rows] == [
        ("share_met", "helping.views_per_day"), ("share_met", "helping.accept_probability")
    ]  # fmt: skip
    assert all(isinstance(r["S1"], float) and isinstance(r["ST_conf"], float) for r in rows)
    assert "sensitivity" in {p.stem for p in result.write(tmp_path)}
    file = tmp_path / "design.toml"
    file.write_text(
        '[design]\nmethod = "latin"\nn = 3\n[design.bounds]\n"helping.views_per_day" = [1, 4]\n',
        encoding="utf-8",
    )
    spec, _ = load_sweep(file)
    assert len(spec.runs()) == 3
    file.write_text('[design]\nmethod = "grid"\n[design.bounds]\n"x" = [0, 1]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="grid"):
        load_sweep(file)
