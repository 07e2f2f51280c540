"""``sorgende report`` and ``sorgende certificate``: the plugin's commands."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

import click

import sorgende
from sorgende.errors import InvalidValue, SorgendeError
from sorgende_impact.goals import DAUN_AGENDA, Goal, load_goals


def _open(storage: str | None) -> Any:
    return sorgende.open(storage)


def _month(text: str, name: str) -> date:
    try:
        year, month = text.split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise InvalidValue(name, f"{text!r} is not a month such as 2026-01") from None


def _day(text: str, name: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidValue(name, f"{text!r} is not a day such as 2026-01-31") from None


def goals_for(platform: Any, path: Path | None) -> tuple[Goal, ...]:
    if path is not None:
        return load_goals(path)
    configured = platform.settings.plugin("impact").get("goals")
    return load_goals(configured) if configured else DAUN_AGENDA


@click.command("report")
@click.option("--storage", default=None, help="storage URL (default: the settings')")
@click.option("--community", required=True, help="the community's name")
@click.option("--from", "start", required=True, help="first month, e.g. 2026-01")
@click.option("--to", "end", required=True, help="last month, e.g. 2026-12")
@click.option("--place", default=None, help="one place's name (default: all)")
@click.option("--language", type=click.Choice(["de", "en"]), default="de")
@click.option("--threshold", type=int, default=5, show_default=True, help="smallest published cell")
@click.option("--goals", "goals_file", type=click.Path(path_type=Path), default=None)
@click.option("--out", type=click.Path(path_type=Path), required=True, help="directory to write to")
def report_command(
    storage: str | None,
    community: str,
    start: str,
    end: str,
    place: str | None,
    language: str,
    threshold: int,
    goals_file: Path | None,
    out: Path,
) -> None:
    """Write a report (HTML, PDF) and every indicator (CSV, Parquet, metadata)."""
    from sorgende_impact.pdf import report_pdf
    from sorgende_impact.report import build_report, to_html, write_data

    try:
        with _open(storage) as platform:
            service = platform.find_community(community)
            found = build_report(
                platform,
                service.community_id,
                _month(start, "--from"),
                _month(end, "--to"),
                place=place,
                language=language,
                threshold=threshold,
                goals=goals_for(platform, goals_file),
            )
            out.mkdir(parents=True, exist_ok=True)
            (out / "report.html").write_text(to_html(found), encoding="utf-8")
            (out / "report.pdf").write_bytes(report_pdf(found))
            write_data(found, out)
    except SorgendeError as error:
        raise click.ClickException(error.message(language)) from None
    click.echo(f"{out / 'report.pdf'}, {out / 'report.html'}, {out / 'indicators.csv'}")


@click.group("certificate")
def certificate_command() -> None:
    """Certificates of volunteering (Ehrenamtsnachweis)."""


@certificate_command.command("issue")
@click.option("--storage", default=None)
@click.option("--community", required=True)
@click.option("--helper", required=True, type=click.UUID)
@click.option("--by", "signer", required=True, type=click.UUID, help="the signing coordinator")
@click.option("--from", "start", required=True, help="first day, e.g. 2026-01-01")
@click.option("--to", "end", required=True, help="last day, e.g. 2026-12-31")
@click.option("--language", type=click.Choice(["de", "en"]), default="de")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="the PDF to write")
def issue_command(
    storage: str | None,
    community: str,
    helper: uuid.UUID,
    signer: uuid.UUID,
    start: str,
    end: str,
    language: str,
    out: Path,
) -> None:
    """Issue a helper's certificate for a period and write its PDF."""
    from sorgende_impact.certificates import issue
    from sorgende_impact.pdf import certificate_pdf

    try:
        with _open(storage) as platform:
            service = platform.find_community(community)
            cert = issue(
                platform,
                service.community_id,
                helper,
                _day(start, "--from"),
                _day(end, "--to"),
                by=signer,
                language=language,
            )
            out.write_bytes(certificate_pdf(cert, language))
    except SorgendeError as error:
        raise click.ClickException(error.message(language)) from None
    click.echo(cert.code)


@certificate_command.command("verify")
@click.option("--storage", default=None)
@click.option("--community", required=True)
@click.option("--language", type=click.Choice(["de", "en"]), default="de")
@click.argument("code")
def verify_command(storage: str | None, community: str, language: str, code: str) -> None:
    """Check a certificate's verification code (exit status 1 if it is not valid)."""
    from sorgende_impact.certificates import verify

    try:
        with _open(storage) as platform:
            verdict = verify(platform, platform.find_community(community).community_id, code)
    except SorgendeError as error:
        raise click.ClickException(error.message(language)) from None
    click.echo(verdict.text(language))
    if not verdict.valid:
        raise SystemExit(1)
