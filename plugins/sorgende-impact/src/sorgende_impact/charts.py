"""The report's charts (matplotlib, no display): labelled axes with units, the report's
language, PNG bytes for the HTML and the PDF alike."""

from __future__ import annotations

import base64
import io
import weakref
from typing import TYPE_CHECKING

import matplotlib

matplotlib.use("Agg")  # no display: reports are rendered on servers and in CI

from matplotlib.figure import Figure as Canvas

from sorgende_impact.texts import month_label, t

if TYPE_CHECKING:
    from sorgende_impact.report import Report


def _png(canvas: Canvas) -> bytes:
    out = io.BytesIO()
    canvas.savefig(out, format="png", dpi=100, bbox_inches="tight")
    return out.getvalue()


def _axes(canvas: Canvas, report: Report, title: str, ylabel: str):  # type: ignore[no-untyped-def]
    ax = canvas.subplots()
    ax.set_title(title)
    ax.set_xlabel(t("chart.month", report.language))
    ax.set_ylabel(ylabel)
    ax.grid(axis="y", alpha=0.3)
    return ax


_drawn: weakref.WeakKeyDictionary[Report, list[tuple[str, bytes]]] = weakref.WeakKeyDictionary()


def charts(report: Report) -> list[tuple[str, bytes]]:
    """(title, PNG) of each chart: needs posted and met per month, hours given per month.

    Drawn once per report: its HTML and its PDF show the same pictures."""
    found = _drawn.get(report)
    if found is None:
        found = _drawn[report] = _draw(report)
    return found


def _draw(report: Report) -> list[tuple[str, bytes]]:
    return [(title, _png(canvas)) for title, canvas in figures(report)]


def figures(report: Report) -> list[tuple[str, Canvas]]:
    """(title, matplotlib figure) of each chart, drawn and not yet saved: what
    :func:`charts` turns into PNG (and what a test reads its labels from)."""
    lang = report.language
    months = report.months()
    ticks = [month_label(m, lang) for m in months]
    xs = list(range(len(months)))
    out = []

    title = t("chart.needs", lang)
    canvas = Canvas(figsize=(7.5, 3.2))
    ax = _axes(canvas, report, title, t("chart.count", lang))
    posted = [v or 0 for v in report.series("needs_posted")]
    met = [v or 0 for v in report.series("needs_met")]
    ax.bar(
        [x - 0.2 for x in xs],
        posted,
        width=0.4,
        label=_label("needs_posted", lang),
        color="#4c72b0",
    )
    ax.bar([x + 0.2 for x in xs], met, width=0.4, label=_label("needs_met", lang), color="#55a868")
    ax.set_xticks(xs, ticks, rotation=45, ha="right", fontsize=8)
    ax.legend(fontsize=8)
    out.append((title, canvas))

    title = t("chart.hours", lang)
    canvas = Canvas(figsize=(7.5, 3.2))
    ax = _axes(canvas, report, title, t("chart.hours_axis", lang))
    ax.plot(xs, [v or 0 for v in report.series("hours_given")], marker="o", color="#c44e52")
    ax.set_xticks(xs, ticks, rotation=45, ha="right", fontsize=8)
    ax.set_ylim(bottom=0)
    out.append((title, canvas))
    return out


def _label(code: str, language: str) -> str:
    from sorgende.indicators import BY_CODE

    return BY_CODE[code].text(language)


def b64(png: bytes) -> str:
    return base64.b64encode(png).decode("ascii")
