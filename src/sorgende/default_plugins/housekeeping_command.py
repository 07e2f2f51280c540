"""``sorgende housekeeping run``: the scheduled jobs, for cron or a systemd timer."""

from __future__ import annotations

import click

from sorgende.commands import STORAGE_HELP, Refused, open_platform, state
from sorgende.errors import SorgendeError
from sorgende.i18n import translate


@click.group("housekeeping")
def housekeeping_command() -> None:
    """Expire, remind, ask for confirmation, warn of ending qualifications."""


@housekeeping_command.command("run")
@click.option("--storage", default=None, help=STORAGE_HELP)
@click.pass_context
def housekeeping_run_command(ctx: click.Context, storage: str | None) -> None:
    """Run every job once in each community (running again sends nothing twice)."""
    from sorgende.services.housekeeping import Housekeeping

    current = state(ctx)
    lang = current.language
    try:
        with open_platform(current, storage) as platform:
            for report in Housekeeping(platform).run():
                if not report.ran:
                    click.echo(translate("housekeeping.cli.busy", lang, community=report.community))
                    continue
                click.echo(
                    translate(
                        "housekeeping.cli.ran",
                        lang,
                        community=report.community,
                        expired=report.expired,
                        reminded=report.reminded,
                        asked=report.asked,
                        confirmed=report.confirmed,
                        warned=report.warned,
                    )
                )
    except SorgendeError as error:
        raise Refused(error.message(lang)) from error
