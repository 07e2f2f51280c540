"""A report of a community (or one place) for a period: its figures, its goals, its data.

:func:`build_report` reads the figures through :func:`sorgende.indicators.figures` (one
definition each, small cells suppressed, persons counted with consent only) as the
viewer's :class:`~sorgende.indicators.Scope` allows; the writers turn it into HTML
(:func:`to_html`), PDF (:mod:`sorgende_impact.pdf`) and data files
(:func:`write_data`: CSV, Parquet and a metadata file).
"""

from __future__ import annotations

import csv
import html
import io
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import attrs

from sorgende.domain.actors import ActorKind
from sorgende.domain.community import Place
from sorgende.errors import InvalidValue
from sorgende.indicators import (
    BY_CODE,
    INDICATORS,
    Cell,
    Figure,
    Key,
    Scope,
    Unit,
    figures,
    roll_up,
)
from sorgende.indicators.engine import paused_gc
from sorgende.indicators.live import snapshot
from sorgende_impact import charts
from sorgende_impact.goals import Goal, Progress, progress
from sorgende_impact.texts import day_label, month_label, number, t

#: the operator's view (the command line): every organisation's figures
EVERY_ORGANISATION = Scope(None)

#: the breakdowns the data files carry, each a row set of its own
BREAKDOWNS: dict[str, tuple[str, ...]] = {
    "total": (),
    "month": ("month",),
    "month_place": ("month", "place"),
    "month_organisation": ("month", "organisation"),
    "month_category": ("month", "category"),
    "place_category": ("place", "category"),
}
# (the finest cells, month x place x organisation x category, are left out: almost all of
# them rest on fewer records than the threshold, and a large community has millions)


# compared and hashed by identity: the charts drawn for a report are kept beside it
@attrs.frozen(eq=False)
class Report:
    community: str
    place: str | None
    start: date
    #: the first day of the month after the period
    end: date
    language: str
    threshold: int
    totals: Sequence[Figure]
    monthly: Sequence[Figure]
    by_place: Sequence[Figure]
    by_organisation: Sequence[Figure]
    goals: Sequence[Progress]
    data: Mapping[str, Sequence[Figure]]
    place_names: Mapping[uuid.UUID, str]
    organisation_names: Mapping[uuid.UUID, str]
    category_names: Mapping[str, str]

    @property
    def period(self) -> str:
        last = date(self.end.year - (self.end.month == 1), (self.end.month - 2) % 12 + 1, 1)
        return f"{month_label(self.start, self.language)} – {month_label(last, self.language)}"

    def months(self) -> list[date]:
        out, month = [], self.start
        while month < self.end:
            out.append(month)
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        return out

    def series(self, indicator: str) -> list[float | None]:
        found = {f.month: f.value for f in self.monthly if f.indicator == indicator}
        return [found.get(m) for m in self.months()]


def _month(day: date) -> date:
    return day.replace(day=1)


def build_report(
    platform: Any,
    community_id: uuid.UUID,
    start: date,
    end: date,
    *,
    place: str | None = None,
    language: str = "de",
    threshold: int = 5,
    scope: Scope = EVERY_ORGANISATION,
    goals: Iterable[Goal] = (),
) -> Report:
    """The report of the months from ``start``'s to ``end``'s (both included)."""
    if end < start:
        raise InvalidValue("end", "the period ends before it starts")
    if threshold < 1:
        raise InvalidValue("threshold", "the threshold must be at least 1")
    first = _month(start)
    after = date(end.year + end.month // 12, end.month % 12 + 1, 1)
    with platform.read(community_id) as uow:
        community = uow.community.get().name
        all_places = uow.places.list()
        organisations = {a.id: a.name for a in uow.actors.list() if a.kind is not ActorKind.PERSON}
        categories = {c.code: c.name(language) for c in uow.categories.list()}
    chosen: list[uuid.UUID] | None = None
    if place is not None:
        chosen = [p.id for p in all_places if p.name == place]
        if not chosen:
            raise InvalidValue("place", f"{community} has no place named {place!r}")
    cells, consent = snapshot(platform, community_id)
    return compose_report(
        cells, consent, community=community, place=place, places=all_places,
        chosen=chosen, organisations=organisations, categories=categories, first=first,
        after=after, language=language, threshold=threshold, scope=scope, goals=goals,
    )  # fmt: skip


@paused_gc()
def compose_report(
    cells: Mapping[Key, Cell],
    consent: Mapping[uuid.UUID, bool],
    *,
    community: str,
    place: str | None,
    places: Sequence[Place],
    chosen: Sequence[uuid.UUID] | None,
    organisations: Mapping[uuid.UUID, str],
    categories: Mapping[str, str],
    first: date,
    after: date,
    language: str,
    threshold: int,
    scope: Scope,
    goals: Iterable[Goal],
) -> Report:
    """The report of cells already read (:func:`build_report` reads them from the platform).

    Every breakdown adds up from a coarser table than the finest cells: the cells are rolled
    up twice (by month, place and category; by month, place and organisation), and each
    breakdown without an organisation, and the goals, from the first of these. The figures
    are the same (a cell's figures add up whatever the order), only fewer cells are added.
    """
    # the place stays in both: the report's choice of places applies to every breakdown
    by_category = roll_up(cells, ("month", "place", "category"))
    by_org = roll_up(cells, ("month", "place", "organisation"))
    by_place = roll_up(by_category, ("month", "place"))

    def read(by: Sequence[str]) -> list[Figure]:
        source = by_org if "organisation" in by else by_category if "category" in by else by_place
        return figures(
            source,
            consent,
            by=by,
            start=first,
            end=after,
            places=chosen,
            scope=scope,
            threshold=threshold,
        )

    data = {name: read(by) for name, by in BREAKDOWNS.items()}
    population = {p.id: (p.name, p.population) for p in places if chosen is None or p.id in chosen}
    return Report(
        community=community,
        place=place,
        start=first,
        end=after,
        language=language,
        threshold=threshold,
        totals=data["total"],
        monthly=data["month"],
        by_place=read(("place",)) if chosen is None else [],
        by_organisation=read(("organisation",)),
        goals=[
            progress(g, by_place, consent, until=after, places=population, threshold=threshold)
            for g in goals
        ],
        data=data,
        place_names={p.id: p.name for p in places},
        organisation_names=organisations,
        category_names=categories,
    )


# -- formatting ---------------------------------------------------------------------

SUPPRESSED = "·"


def shown(figure: Figure | None, language: str) -> str:
    """A figure as people read it: a share in per cent, hours with a decimal, a count."""
    if figure is None:
        return "–"
    if figure.suppressed:
        return SUPPRESSED
    if figure.value is None:
        return "–"
    unit = BY_CODE[figure.indicator].unit
    if unit is Unit.SHARE:
        return f"{number(figure.value * 100, language, 0)} %"
    if unit is Unit.HOURS:
        return f"{number(figure.value, language, 1)} {t('unit.hours', language)}"
    return number(figure.value, language, 0)


def rows_by(
    found: Sequence[Figure], key: str, names: Mapping[Any, str], fallback: str
) -> list[tuple[str, dict[str, Figure]]]:
    grouped: dict[Any, dict[str, Figure]] = {}
    for f in found:
        grouped.setdefault(getattr(f, key), {})[f.indicator] = f
    rows = [(names.get(k, fallback) if k is not None else fallback, v) for k, v in grouped.items()]
    return sorted(rows, key=lambda r: r[0])


#: the columns of the tables by place and by organisation
TABLE_INDICATORS = ("needs_posted", "met_within_3d", "hours_given", "active_helpers", "exchanges")


def goal_lines(report: Report) -> list[tuple[str, str, str]]:
    """(goal, target, progress) for each goal, in the report's language."""
    lang = report.language
    out = []
    for p in report.goals:
        unit = BY_CODE[p.goal.indicator].unit
        if unit is Unit.SHARE:
            target = f"{number(p.goal.target * 100, lang, 0)} %"
        else:
            target = number(p.goal.target, lang, 1)
        if p.goal.per_residents:
            target += f" / {p.goal.per_residents}"
        overall = p.values.get(None)
        now = (
            "–"
            if overall is None
            else (
                f"{number(overall * 100, lang, 0)} %"
                if unit is Unit.SHARE
                else number(overall, lang, 2)
            )
        )
        state = t("report.reached" if p.reached(None) else "report.not_reached", lang)
        places = t("report.places_reached", lang, n=p.places_reached, total=p.places)
        out.append(
            (
                p.goal.text(lang),
                f"{target} ({day_label(p.goal.by, lang)})",
                f"{now}: {state}; {places}",
            )
        )
    return out


def to_html(report: Report, *, fragment: bool = False) -> str:
    """The report as an HTML document, or (``fragment``) as the part of a page under its
    heading, for the web platform's report page."""
    lang = report.language
    e = html.escape
    labels = {i.code: i.text(lang) for i in INDICATORS}
    parts = [
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{e(t('report.title', lang))} {e(report.community)}</title></head><body>",
        f"<h1>{e(t('report.title', lang))}: {e(report.community)}</h1>",
        f"<p>{e(t('report.period', lang))}: {e(report.period)}. {e(t('report.place', lang))}: "
        f"{e(report.place or t('report.all_places', lang))}.</p>",
        f"<h2>{e(t('report.summary', lang))}</h2><table><thead><tr>"
        f'<th scope="col">{e(t("report.indicator", lang))}</th>'
        f'<th scope="col">{e(t("report.value", lang))}</th></tr></thead><tbody>',
    ]
    for f in report.totals:
        parts.append(f"<tr><td>{e(labels[f.indicator])}</td><td>{e(shown(f, lang))}</td></tr>")
    parts.append("</tbody></table>")
    for title, png in charts.charts(report):
        parts.append(
            f'<figure><img alt="{e(title)}" src="data:image/png;base64,{charts.b64(png)}">'
            f"<figcaption>{e(title)}</figcaption></figure>"
        )
    if report.goals:
        parts.append(f"<h2>{e(t('report.goals', lang))}</h2><table><thead><tr>")
        for key in ("report.goal", "report.target", "report.progress"):
            parts.append(f'<th scope="col">{e(t(key, lang))}</th>')
        parts.append("</tr></thead><tbody>")
        for row in goal_lines(report):
            parts.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>")
        parts.append("</tbody></table>")
    for title, found, key, names, fallback in _breakdowns(report):
        parts.append(f'<h2>{e(title)}</h2><table><thead><tr><th scope="col">{e(key)}</th>')
        parts.extend(f'<th scope="col">{e(labels[c])}</th>' for c in TABLE_INDICATORS)
        parts.append("</tr></thead><tbody>")
        for name, cells in rows_by(found, names[0], names[1], fallback):
            parts.append(f"<tr><td>{e(name)}</td>")
            parts.extend(f"<td>{e(shown(cells.get(c), lang))}</td>" for c in TABLE_INDICATORS)
            parts.append("</tr>")
        parts.append("</tbody></table>")
    notes = f"{t('report.suppressed', lang, n=report.threshold)} {t('report.consent', lang)}"
    parts.append(f"<p>{e(notes)}</p>")
    parts.append(f"<h2>{e(t('report.definitions', lang))}</h2><dl>")
    for i in INDICATORS:
        parts.append(f"<dt>{e(i.text(lang))}</dt><dd>{e(i.explained(lang))}</dd>")
    parts.append("</dl>" if fragment else "</dl></body></html>")
    if fragment:
        # the page has its own document, title and heading
        del parts[:3]
    return "\n".join(parts)


def _breakdowns(
    report: Report,
) -> list[tuple[str, Sequence[Figure], str, tuple[str, Mapping[Any, str]], str]]:
    lang = report.language
    out: list[tuple[str, Sequence[Figure], str, tuple[str, Mapping[Any, str]], str]] = []
    if report.by_place:
        out.append(
            (
                t("report.by_place", lang),
                report.by_place,
                t("report.place", lang),
                ("place", report.place_names),
                "–",
            )
        )
    out.append(
        (
            t("report.by_organisation", lang),
            report.by_organisation,
            t("report.organisation", lang),
            ("organisation", report.organisation_names),
            t("report.no_organisation", lang),
        )
    )
    return out


# -- data files ---------------------------------------------------------------------

COLUMNS = (
    "breakdown",
    "indicator",
    "label",
    "unit",
    "month",
    "place",
    "organisation",
    "category",
    "value",
    "suppressed",
)


def data_rows(report: Report) -> list[dict[str, Any]]:
    """Every indicator of every breakdown, one row per figure (a suppressed one has no value)."""
    lang = report.language
    rows = []
    for name, found in report.data.items():
        for f in found:
            indicator = BY_CODE[f.indicator]
            rows.append(
                {
                    "breakdown": name,
                    "indicator": f.indicator,
                    "label": indicator.text(lang),
                    "unit": indicator.unit.value,
                    "month": f.month.strftime("%Y-%m") if f.month else "",
                    "place": report.place_names.get(f.place, "") if f.place else "",
                    "organisation": report.organisation_names.get(f.organisation, "")
                    if f.organisation
                    else "",
                    "category": report.category_names.get(f.category, f.category)
                    if f.category
                    else "",
                    "value": f.value,
                    "suppressed": f.suppressed,
                }
            )
    return rows


def metadata(report: Report) -> dict[str, Any]:
    return {
        "community": report.community,
        "place": report.place,
        "period": {
            "first_month": report.start.strftime("%Y-%m"),
            "last_month": report.months()[-1].strftime("%Y-%m"),
        },
        "language": report.language,
        "suppression": {
            "threshold": report.threshold,
            "rule": "a figure resting on 1 to threshold-1 records is not published (value empty, "
            "suppressed true); the number of records behind a figure is never published",
        },
        "consent": "person-level indicators count only persons with the statistics consent",
        "columns": list(COLUMNS),
        "breakdowns": {k: list(v) for k, v in BREAKDOWNS.items()},
        "indicators": [
            {
                "code": i.code,
                "unit": i.unit.value,
                "person_level": i.person_level,
                "label": i.label,
                "definition": i.definition,
            }
            for i in INDICATORS
        ],
    }


def write_data(report: Report, directory: Path) -> list[Path]:
    """``indicators.csv``, ``indicators.parquet`` and ``metadata.json`` in ``directory``."""
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    directory.mkdir(parents=True, exist_ok=True)
    rows = data_rows(report)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    paths = [
        directory / "indicators.csv",
        directory / "indicators.parquet",
        directory / "metadata.json",
    ]
    paths[0].write_text(buffer.getvalue(), encoding="utf-8")
    table = pa.Table.from_pylist(
        rows,
        schema=pa.schema(
            [
                (
                    c,
                    pa.float64()
                    if c == "value"
                    else pa.bool_()
                    if c == "suppressed"
                    else pa.string(),
                )
                for c in COLUMNS
            ]
        ),
    )
    pq.write_table(table, paths[1])
    paths[2].write_text(
        json.dumps(metadata(report), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return paths
