"""Tables out: records, CSV, Parquet, pandas; plots as PNG and SVG; missing extras named."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from sorgende.sim.collector import AGENT_COLUMNS, STEP_COLUMNS
from sorgende.sim.errors import MissingExtra
from sorgende.sim.metrics import gini, median, quantile
from sorgende.sim.plots import rolling_share
from sorgende.sim.results import SimResult, write_csv


def test_the_table_is_tidy(baseline: SimResult) -> None:
    assert list(baseline.steps[0]) == list(STEP_COLUMNS)
    assert list(baseline.agents[0]) == list(AGENT_COLUMNS)
    levels = {row["level"] for row in baseline.steps}
    assert levels == {"community", "place"}
    keys = [(r["day"], r["place"]) for r in baseline.steps]
    assert len(keys) == len(set(keys))  # one row per day and place
    for row in baseline.steps:
        met, unmet = row["requests_met"], row["requests_unmet"]
        assert row["share_met"] == (met / (met + unmet) if met + unmet else None)
        if row["time_to_help_median_h"] is not None:
            assert 0 < row["time_to_help_median_h"] <= row["time_to_help_p90_h"]


def test_csv_round_trips(baseline: SimResult, tmp_path: Path) -> None:
    written = baseline.write(tmp_path)
    assert [p.name for p in written] == [
        "steps.csv", "agents.csv", "summary.csv", "config.json", "provenance.json"
    ]  # fmt: skip
    with (tmp_path / "steps.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(baseline.steps)
    first = baseline.steps[0]
    for key, value in rows[0].items():
        expected = first[key]
        if expected is None:
            assert value == ""
        else:
            assert value == (repr(expected) if isinstance(expected, float) else str(expected))
    for original, read in zip(baseline.steps, rows, strict=True):
        if original["share_met"] is not None:
            assert float(read["share_met"]) == original["share_met"]  # floats survive exactly


def test_parquet_and_pandas(baseline: SimResult, tmp_path: Path) -> None:
    import pandas as pd
    import pyarrow.parquet as pq

    baseline.write(tmp_path, formats=("parquet",))
    table = pq.read_table(tmp_path / "steps.parquet")
    assert table.num_rows == len(baseline.steps)
    assert table.column_names == list(STEP_COLUMNS)
    frame = baseline.to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == list(STEP_COLUMNS)
    community = frame[frame.level == "community"]
    assert int(community.requests_posted.sum()) == baseline.summary["requests_posted"]
    assert baseline.to_pandas("summary").loc[0, "seed"] == baseline.config.seed
    assert len(baseline.to_pandas("agents")) == len(baseline.agents)


def test_plots_are_written(baseline: SimResult, tmp_path: Path) -> None:
    written = baseline.plot(tmp_path, language="en")
    assert sorted(p.name for p in written) == sorted(
        f"{name}.{fmt}" for name in ("needs_met", "load", "balances") for fmt in ("png", "svg")
    )
    for path in written:
        data = path.read_bytes()
        if path.suffix == ".png":
            assert data.startswith(b"\x89PNG")
        else:
            assert b"<svg" in data
    assert b"Needs met" in (tmp_path / "needs_met.svg").read_bytes()
    german = baseline.plot(tmp_path / "de", formats=("svg",))
    assert "Erfüllte Hilfegesuche".encode() in german[0].read_bytes()
    # the same data draws the same SVG (drawn alone: a PNG drawn first with the date axis
    # moves the layout by a fraction of a point)
    first = baseline.plot(tmp_path / "first", formats=("svg",), language="en")
    again = baseline.plot(tmp_path / "again", formats=("svg",), language="en")
    assert again[0].read_bytes() == first[0].read_bytes()


@pytest.mark.parametrize(
    ("module", "call"),
    [
        ("matplotlib", lambda r, p: r.plot(p)),
        ("pandas", lambda r, p: r.to_pandas()),
        ("pyarrow", lambda r, p: r.write(p, formats=("parquet",))),
    ],
)
def test_a_missing_extra_is_named(
    baseline: SimResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str, call: object
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # import raises ImportError
    with pytest.raises(MissingExtra) as caught:
        call(baseline, tmp_path)  # type: ignore[operator]
    assert module in caught.value.message("en")
    assert "sorgende[sim]" in caught.value.message("de")


def test_statistics() -> None:
    assert gini([]) is None
    assert gini([0, 0, 0]) == 0.0
    assert gini([5, 5, 5, 5]) == pytest.approx(0.0)
    assert gini([0, 0, 0, 10]) == pytest.approx(0.75)
    assert median([]) is None and median([1, 3]) == 2.0 and median([1, 2, 9]) == 2.0
    assert quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9
    assert quantile([], 0.5) is None
    rows = [{"requests_met": m, "requests_unmet": u} for m, u in [(1, 0), (0, 1), (0, 0)]]
    assert rolling_share(rows, window=2) == [1.0, 0.5, 0.0]


def test_csv_of_rows_with_different_keys(tmp_path: Path) -> None:
    path = write_csv([{"a": 1, "b": None}, {"b": 0.1, "c": "x"}], tmp_path / "sub" / "t.csv")
    assert path.read_text(encoding="utf-8") == "a,b,c\n1,,\n,0.1,x\n"


def test_the_progress_bar(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from sorgende.sim.progress import bar, wanted

    assert wanted(False) is False
    assert wanted(None) is False  # not a terminal here
    with bar(3, "Jahr", True) as update:
        for done in range(1, 4):
            update(done)
    assert "Jahr" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "rich", None)
    assert wanted(None) is False  # quietly without rich
    with pytest.raises(MissingExtra, match="rich"):
        wanted(True)
