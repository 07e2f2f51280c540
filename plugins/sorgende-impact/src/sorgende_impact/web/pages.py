"""The report page and the verification page."""

from __future__ import annotations

from datetime import date
from typing import Any

from litestar import Request, Response
from litestar.params import FromQuery
from markupsafe import Markup
from sorgende_web.extend import page_get, page_of, render, signed_in, status_of

from sorgende.errors import SorgendeError
from sorgende.indicators import scope_of
from sorgende_impact.certificates import verify
from sorgende_impact.report import build_report, data_rows, to_html


def _month(text: str | None, default: date) -> date:
    from sorgende.errors import InvalidValue

    if not text:
        return default
    try:
        year, month = text.split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise InvalidValue("month", f"{text!r} is not a month such as 2026-01") from None


@page_get("/impact/report", name="impact_report", needs="coordination")
def report_page(
    request: Request[Any, Any, Any],
    start: FromQuery[str | None] = None,
    end: FromQuery[str | None] = None,
    place: FromQuery[str | None] = None,
    format: FromQuery[str | None] = None,
) -> Response[Any]:
    page = page_of(request)
    viewer = signed_in(request)
    platform = page.app.platform
    today = platform.clock().date()
    last = today.replace(day=1)
    first = date(last.year - 1, last.month, 1) if last.month != 12 else date(last.year, 1, 1)
    places = sorted(p.name for p in viewer.service.places())
    try:
        report = build_report(
            platform,
            viewer.service.community_id,
            _month(start, first),
            _month(end, last),
            place=place or None,
            language=page.lang,
            scope=scope_of(viewer.acting),
        )
    except SorgendeError as error:
        return render(
            "impact_report.html",
            status=status_of(error),
            error=error.message(page.lang),
            body=None,
            places=places,
            raw={"start": start, "end": end, "place": place},
        )
    if format == "pdf":
        from sorgende_impact.pdf import report_pdf

        return Response(
            report_pdf(report),
            media_type="application/pdf",
            headers={"Content-Disposition": 'attachment; filename="wirkungsbericht.pdf"'},
        )
    if format == "csv":
        import csv
        import io

        from sorgende_impact.report import COLUMNS

        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(data_rows(report))
        return Response(
            out.getvalue().encode("utf-8"),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="kennzahlen.csv"'},
        )
    body = to_html(report, fragment=True)
    return render(
        "impact_report.html",
        error=None,
        body=Markup(body),
        places=places,
        raw={
            "start": report.start.strftime("%Y-%m"),
            "end": report.months()[-1].strftime("%Y-%m"),
            "place": place or "",
        },
    )


@page_get("/impact/verify", name="impact_verify", public=True)
def verify_page(
    request: Request[Any, Any, Any], code: FromQuery[str | None] = None
) -> Response[Any]:
    page = page_of(request)
    platform = page.app.platform
    verdict = None
    if code:
        for community in platform.communities():
            verdict = verify(platform, community.id, code)
            if verdict.valid:
                break
    return render(
        "impact_verify.html",
        code=code or "",
        verdict=verdict.text(page.lang) if verdict is not None else None,
        valid=bool(verdict and verdict.valid),
    )


ROUTES = (report_page, verify_page)
