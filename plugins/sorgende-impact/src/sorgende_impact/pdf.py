"""PDFs of reports and certificates (fpdf2, its core fonts: Latin-1, so German text
renders; the few typographic marks outside Latin-1 are written with their nearest ones)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from fpdf import FPDF

from sorgende.indicators import INDICATORS
from sorgende_impact import charts
from sorgende_impact.report import TABLE_INDICATORS, Report, _breakdowns, goal_lines, rows_by, shown
from sorgende_impact.texts import t

if TYPE_CHECKING:
    from sorgende_impact.certificates import Certificate

_MARKS = str.maketrans(
    {"„": '"', "“": '"', "”": '"', "–": "-", "—": "-", "·": "*", "’": "'", "…": "..."}
)


def latin(text: str) -> str:
    return text.translate(_MARKS).encode("latin-1", "replace").decode("latin-1")


class _Doc(FPDF):
    def __init__(self, footer: str) -> None:
        super().__init__(format="A4")
        self._footer = footer
        self.set_auto_page_break(True, margin=15)
        self.set_margins(15, 15, 15)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, latin(f"{self._footer} - {self.page_no()}"), align="C")

    def heading(self, text: str, size: int = 14) -> None:
        self.set_font("Helvetica", "B", size)
        self.multi_cell(0, size * 0.5, latin(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def para(self, text: str, size: int = 10) -> None:
        self.set_font("Helvetica", size=size)
        self.multi_cell(0, 5, latin(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def grid(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
    ) -> None:
        """A table of one line per row, drawn cell by cell (fpdf2's table layout costs a
        few milliseconds a cell: too slow for a table of a hundred places); the header
        wraps, a cell too wide for its column is cut short with "..."."""
        total = sum(widths)
        cols = [self.epw * w / total for w in widths]
        self.set_font("Helvetica", "B", 7)
        height = 4.0 * max(
            len(cast("list[str]", self.multi_cell(w, 4.0, latin(h), dry_run=True, output="LINES")))
            for w, h in zip(cols, header, strict=True)
        )
        self._header(header, cols, height)
        self.set_font("Helvetica", size=8)
        for values in rows:
            if self.will_page_break(5):
                self.add_page()
                self.set_font("Helvetica", "B", 7)
                self._header(header, cols, height)
                self.set_font("Helvetica", size=8)
            for w, v in zip(cols, values, strict=True):
                self.cell(w, 5, self._fit(latin(v), w - 2), border=1)
            self.ln(5)
        self.ln(3)

    def _header(self, header: Sequence[str], cols: Sequence[float], height: float) -> None:
        x, y = self.get_x(), self.get_y()
        for w, h in zip(cols, header, strict=True):
            self.rect(x, y, w, height)
            self.set_xy(x, y)
            self.multi_cell(w, 4.0, latin(h))
            x += w
        self.set_xy(self.l_margin, y + height)

    def _fit(self, text: str, width: float) -> str:
        if self.get_string_width(text) <= width:
            return text
        while text and self.get_string_width(text + "...") > width:
            text = text[:-1]
        return text + "..."


def report_pdf(report: Report) -> bytes:
    lang = report.language
    labels = {i.code: i.text(lang) for i in INDICATORS}
    doc = _Doc(f"{t('report.title', lang)} {report.community}, {report.period}")
    doc.add_page()
    doc.heading(f"{t('report.title', lang)}: {report.community}", 16)
    doc.para(
        f"{t('report.period', lang)}: {report.period}. {t('report.place', lang)}: "
        f"{report.place or t('report.all_places', lang)}."
    )
    doc.heading(t("report.summary", lang), 12)
    doc.grid(
        [t("report.indicator", lang), t("report.value", lang)],
        [(labels[f.indicator], shown(f, lang)) for f in report.totals],
        (3, 1),
    )
    for title, png in charts.charts(report):
        doc.image(io.BytesIO(png), w=170, alt_text=latin(title))
        doc.ln(2)
    if report.goals:
        doc.heading(t("report.goals", lang), 12)
        for goal, target, now in goal_lines(report):
            aim, state = t("report.target", lang), t("report.progress", lang)
            doc.para(f"{goal}. {aim}: {target}. {state}: {now}.", 9)
    for title, found, key, names, fallback in _breakdowns(report):
        doc.heading(title, 12)
        doc.grid(
            [key, *(labels[c] for c in TABLE_INDICATORS)],
            [
                [name, *(shown(cells.get(c), lang) for c in TABLE_INDICATORS)]
                for name, cells in rows_by(found, names[0], names[1], fallback)
            ],
            (3, 1, 1, 1, 1, 1),
        )
    doc.para(f"{t('report.suppressed', lang, n=report.threshold)} {t('report.consent', lang)}", 8)
    doc.heading(t("report.definitions", lang), 12)
    for i in INDICATORS:
        doc.para(f"{i.text(lang)}: {i.explained(lang)}", 8)
    return bytes(doc.output())


def certificate_pdf(cert: Certificate, language: str) -> bytes:
    from sorgende_impact.texts import day_label, number

    hours = number(cert.total_minutes / 60, language, 1)
    doc = _Doc(f"{t('cert.title', language)} - {t('cert.code', language)} {cert.code}")
    doc.add_page()
    doc.heading(t("cert.title", language), 20)
    doc.para(cert.community_name, 12)
    doc.ln(4)
    doc.para(
        t(
            "cert.intro",
            language,
            name=cert.helper_name,
            period=cert.period(language),
            hours=hours,
            community=cert.community_name,
        ),
        11,
    )
    doc.grid(
        [
            t("cert.category", language),
            t("report.organisation", language),
            t("cert.hours", language),
        ],
        [
            *(
                (line.category, line.organisation, number(line.minutes / 60, language, 1))
                for line in cert.lines
            ),
            (t("cert.total", language), "", hours),
        ],
        (3, 3, 1),
    )
    if cert.notes:
        doc.heading(t("cert.eligible", language), 11)
        for note in cert.notes:
            doc.para(f"- {note}")
    doc.ln(6)
    doc.para(
        t("cert.signed", language, name=cert.signer_name, day=day_label(cert.issued, language)), 11
    )
    doc.ln(4)
    doc.heading(f"{t('cert.code', language)}: {cert.code}", 13)
    doc.para(t("cert.check", language), 9)
    return bytes(doc.output())
