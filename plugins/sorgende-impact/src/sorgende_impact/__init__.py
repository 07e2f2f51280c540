"""sorgende-impact: shared measurement for collective impact — goals (a common agenda),
reports of the indicators and certificates of volunteering, on sorgende's public API.

The indicators themselves are the core's (:mod:`sorgende.indicators`), so that the web
dashboard, these reports and the simulation measure alike::

    import sorgende, sorgende_impact
    from datetime import date

    platform = sorgende.open("memory://", plugins=[sorgende_impact])
    service = platform.create_community("Musterdorf")
    report = sorgende_impact.build_report(
        platform, service.community_id, date(2026, 1, 1), date(2026, 12, 1)
    )
    assert report.totals[0].indicator == "needs_posted"
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

import sorgende
from sorgende.indicators import engine, rebuilt
from sorgende.records import RecordKind
from sorgende_impact.certificates import CERTIFICATE, Certificate, Verdict, issue, verify
from sorgende_impact.cli import certificate_command, report_command
from sorgende_impact.goals import DAUN_AGENDA, Goal, Progress, load_goals, progress
from sorgende_impact.report import Report, build_report, to_html, write_data


@sorgende.hookimpl
def sorgende_record_kinds() -> Sequence[RecordKind[Any]]:
    return [CERTIFICATE]


@sorgende.hookimpl
def sorgende_migrations() -> list[str]:
    return [str(Path(__file__).parent / "migrations")]


@sorgende.hookimpl
def sorgende_register_commands(cli: click.Group) -> None:
    cli.add_command(report_command)
    cli.add_command(certificate_command)


def report_pdf(report: Report) -> bytes:
    from sorgende_impact.pdf import report_pdf as render

    return render(report)


def certificate_pdf(certificate: Certificate, language: str = "de") -> bytes:
    from sorgende_impact.pdf import certificate_pdf as render

    return render(certificate, language)


__all__ = [
    "CERTIFICATE",
    "DAUN_AGENDA",
    "Certificate",
    "Goal",
    "Progress",
    "Report",
    "Verdict",
    "build_report",
    "certificate_pdf",
    "engine",
    "issue",
    "load_goals",
    "progress",
    "rebuilt",
    "report_pdf",
    "to_html",
    "verify",
    "write_data",
]
