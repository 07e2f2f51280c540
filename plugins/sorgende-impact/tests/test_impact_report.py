"""The report of VG Daun's demo year: PDF (its text read back with pypdf, its pages
rendered to pictures with pypdfium2), HTML, CSV, Parquet and the metadata file."""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pypdfium2
import pytest
import sorgende_impact
from click.testing import CliRunner
from impact_world import SECRET
from pypdf import PdfReader
from sorgende_impact.cli import report_command

import sorgende
from sorgende.demo import COMMUNITY_NAME, START, SimClock, build_daun, play
from sorgende.indicators import INDICATORS

FIRST, LAST = date(2026, 3, 1), date(2027, 2, 1)


@pytest.fixture(scope="module")
def demo() -> Iterator[tuple[sorgende.Platform, object]]:
    clock = SimClock(START)
    settings = sorgende.Settings(load_entrypoints=False, plugins={"impact": {"secret": SECRET}})
    with sorgende.open(
        "memory://", plugins=[sorgende_impact], clock=clock, settings=settings
    ) as platform:
        service = platform.create_community(COMMUNITY_NAME)
        rng = random.Random(7)
        cast = build_daun(service, rng)
        play(service, 52, rng, clock, cast)
        yield platform, service


def test_the_demo_year_as_pdf_with_charts_in_german(demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    platform, service = demo
    report = sorgende_impact.build_report(
        platform, service.community_id, FIRST, LAST, goals=sorgende_impact.DAUN_AGENDA
    )
    path = tmp_path / "report.pdf"
    path.write_bytes(sorgende_impact.report_pdf(report))
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Wirkungsbericht: Verbandsgemeinde Daun" in text
    assert "Zeitraum: März 2026 - Feb. 2027" in text
    for indicator in INDICATORS:
        assert indicator.text("de") in text, indicator.code
    assert "Gemeinsame Ziele" in text and "Nach Ort" in text and "Schalkenmehren" in text
    assert "Bürger für Bürger e.V." in text
    (posted,) = [f for f in report.totals if f.indicator == "needs_posted"]
    assert posted.value and posted.value > 100
    assert f"Gemeldete Bedarfe {int(posted.value)}" in text
    # the charts are pictures with German axes; each page renders
    pdf = pypdfium2.PdfDocument(str(path))
    assert len(pdf) >= 2
    for i in range(len(pdf)):
        image = pdf[i].render(scale=0.5).to_pil()
        assert image.size[0] > 200
        assert len(image.convert("L").getcolors(256) or ()) > 2  # not a blank page
    assert len(PdfReader(path).pages[0].images) >= 1


def test_the_charts_have_axes_with_units_and_german_labels(demo) -> None:  # type: ignore[no-untyped-def]
    from sorgende_impact import charts

    platform, service = demo
    report = sorgende_impact.build_report(platform, service.community_id, FIRST, LAST)
    titles = [title for title, png in charts.charts(report)]
    assert titles == ["Bedarfe je Monat", "Geleistete Stunden je Monat"]
    html = sorgende_impact.to_html(report)
    assert html.count("data:image/png;base64,") == 2
    assert 'lang="de"' in html and "Monat" not in html.split("<figure>")[0]
    import matplotlib.pyplot as plt

    assert not plt.get_fignums()  # no global state left behind
    english = sorgende_impact.build_report(
        platform, service.community_id, FIRST, LAST, language="en"
    )
    assert [t for t, _ in charts.charts(english)] == ["Needs per month", "Hours given per month"]
    assert "Impact report" in sorgende_impact.to_html(english)


def _read(canvas):  # type: ignore[no-untyped-def]
    """What a reader of the chart sees, from the matplotlib figure before it is saved."""
    canvas.draw_without_rendering()  # lays out the tick labels as saving does
    (ax,) = canvas.axes
    legend = ax.get_legend()
    return {
        "title": ax.get_title(),
        "x": ax.get_xlabel(),
        "y": ax.get_ylabel(),
        "ticks": [label.get_text() for label in ax.get_xticklabels()],
        "legend": [] if legend is None else [text.get_text() for text in legend.get_texts()],
        "bottom": ax.get_ylim()[0],
    }


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "de",
            [
                ("Bedarfe je Monat", "Monat", "Anzahl Gesuche",
                 ["Gemeldete Bedarfe", "Erfüllte Bedarfe"]),
                ("Geleistete Stunden je Monat", "Monat", "Stunden (h)", []),
            ],
        ),
        (
            "en",
            [
                ("Needs per month", "Month", "Number of requests", ["Needs posted", "Needs met"]),
                ("Hours given per month", "Month", "Hours (h)", []),
            ],
        ),
    ],
)  # fmt: skip
def test_the_chart_figures_carry_their_labels_and_units(demo, language, expected) -> None:  # type: ignore[no-untyped-def]
    from sorgende_impact import charts

    platform, service = demo
    report = sorgende_impact.build_report(
        platform, service.community_id, FIRST, LAST, language=language
    )
    drawn = charts.figures(report)
    months = 12  # March 2026 to February 2027
    read = [_read(canvas) for _, canvas in drawn]
    assert [(r["title"], r["x"], r["y"], r["legend"]) for r in read] == expected
    # every month on the time axis, in the report's language; the counts start at zero
    first, last = ("März 2026", "Feb. 2027") if language == "de" else ("Mar 2026", "Feb 2027")
    for r in read:
        assert len(r["ticks"]) == months and r["ticks"][0] == first and r["ticks"][-1] == last
        assert r["bottom"] == 0
    # the bars and the line are the report's own monthly figures
    (_, needs), (_, hours) = drawn
    posted = [patch.get_height() for patch in needs.axes[0].patches][:months]
    assert posted == [v or 0 for v in report.series("needs_posted")] and sum(posted) > 0
    (line,) = hours.axes[0].get_lines()
    assert list(line.get_ydata()) == [v or 0 for v in report.series("hours_given")]


def test_the_command_writes_pdf_html_csv_parquet_and_metadata(
    demo, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    platform, _ = demo
    # the command opens the storage of the settings: here, the demo's running platform
    monkeypatch.setattr("sorgende_impact.cli._open", lambda storage: _Borrowed(platform))
    result = CliRunner().invoke(
        report_command,
        [
            "--community",
            COMMUNITY_NAME,
            "--from",
            "2026-03",
            "--to",
            "2027-02",
            "--out",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader((tmp_path / "indicators.csv").open(encoding="utf-8")))
    assert {r["indicator"] for r in rows} == {i.code for i in INDICATORS}
    assert {r["breakdown"] for r in rows} >= {"total", "month", "month_place"}
    for r in rows:
        if r["suppressed"] == "True":
            assert r["value"] == ""
    assert "base" not in rows[0]  # the number behind a figure is never published
    assert any(r["place"] == "Mehren" for r in rows)
    assert "2026-03" in {r["month"] for r in rows}
    table = pq.read_table(tmp_path / "indicators.parquet")
    assert table.num_rows == len(rows)
    meta = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert meta["suppression"]["threshold"] == 5
    assert meta["period"] == {"first_month": "2026-03", "last_month": "2027-02"}
    assert {i["code"] for i in meta["indicators"]} == {i.code for i in INDICATORS}
    assert PdfReader(tmp_path / "report.pdf").pages
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_a_wrong_period_or_place_is_a_clear_error(demo, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    platform, _ = demo
    monkeypatch.setattr("sorgende_impact.cli._open", lambda storage: _Borrowed(platform))
    for args, said in (
        (["--from", "2026-13", "--to", "2027-02"], "--from"),
        (["--from", "2026-03", "--to", "2025-02"], "end"),
        (["--from", "2026-03", "--to", "2027-02", "--place", "Atlantis"], "Atlantis"),
    ):
        result = CliRunner().invoke(
            report_command, ["--community", COMMUNITY_NAME, *args, "--out", str(tmp_path / "x")]
        )
        assert result.exit_code == 1 and said in result.output, result.output
        assert not (tmp_path / "x" / "report.pdf").exists()


class _Borrowed:
    def __init__(self, platform: sorgende.Platform) -> None:
        self.platform = platform

    def __enter__(self) -> sorgende.Platform:
        return self.platform

    def __exit__(self, *exc: object) -> None:
        return None
