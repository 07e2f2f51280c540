"""``sorgende notify``: run the outbox's dispatcher, compose digests, look after dead letters.

A built-in command, registered by :mod:`sorgende.default_plugins.commands` through the
hook every plugin uses.
"""

from __future__ import annotations

import json
from typing import Any

import click

from sorgende.commands import STORAGE_HELP, open_platform, state
from sorgende.i18n import (
    format_number,
    translate,
    translate_count,
)

# --- sorgende notify: the outbox's dispatcher --------------------------------------


@click.group("notify")
def notify_command() -> None:
    """Deliver notifications from the outbox; list and retry dead letters."""


def _report(report: Any, lang: str) -> str:
    return translate(
        "cli.notify.report",
        lang,
        sent=format_number(report.sent, lang),
        retried=format_number(report.retried, lang),
        dead=format_number(report.dead, lang),
        skipped=format_number(report.skipped, lang),
        fanned=format_number(report.fanned_out, lang),
    )


def _progress() -> Any:
    """A rich progress bar on standard error (none when it is no terminal)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    console = Console(stderr=True)
    return Progress(
        "[bold]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=not console.is_terminal,
    )


@notify_command.command("flush")
@click.option("--storage", default=None, help=STORAGE_HELP)
@click.pass_context
def notify_flush_command(ctx: click.Context, storage: str | None) -> None:
    """One pass: hand every due notification to its channel, then stop."""
    current = state(ctx)
    with open_platform(current, storage) as platform:
        report = platform.notifications.flush()
    click.echo(_report(report, current.language))


@notify_command.command("run")
@click.option("--storage", default=None, help=STORAGE_HELP)
@click.option(
    "--poll",
    type=click.FloatRange(min=0.01),
    default=None,
    help="Seconds to wait when nothing was due (default: the settings' poll_interval).",
)
@click.pass_context
def notify_run_command(ctx: click.Context, storage: str | None, poll: float | None) -> None:
    """Deliver notifications until stopped (Ctrl+C, SIGTERM); the pass under way ends first."""
    import signal
    import threading

    current = state(ctx)
    stop = threading.Event()

    def request_stop(signum: int, frame: Any) -> None:
        stop.set()

    with open_platform(current, storage) as platform:
        interval = poll or platform.notification_settings.poll_interval
        previous = {
            sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)
        }
        try:
            click.echo(translate("cli.notify.running", current.language, poll=interval), err=True)
            report = platform.notifications.run(stop, interval)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
    click.echo(
        translate("cli.notify.stopped", current.language, report=_report(report, current.language))
    )


@notify_command.command("digest")
@click.option("--storage", default=None, help=STORAGE_HELP)
@click.pass_context
def notify_digest_command(ctx: click.Context, storage: str | None) -> None:
    """Compose the daily digests that are due and deliver them (run it daily)."""
    current = state(ctx)
    lang = current.language
    with open_platform(current, storage) as platform, _progress() as bar:
        compose = bar.add_task(translate("cli.notify.composing", lang), total=None)
        deliver = bar.add_task(translate("cli.notify.delivering", lang), total=None)

        def composed(done: int, total: int) -> None:
            bar.update(compose, completed=done, total=total)
            bar.update(deliver, total=total)

        report = platform.notifications.digest(composed, lambda count: bar.advance(deliver, count))
    click.echo(
        translate(
            "cli.notify.digested",
            lang,
            composed=format_number(report.composed, lang),
            due=format_number(report.due, lang),
            report=_report(report.delivery, lang),
        )
    )


@notify_command.command("dead")
@click.option("--storage", default=None, help=STORAGE_HELP)
@click.option("--community", "name", default=None, help="Only this community's (by name).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
@click.pass_context
def notify_dead_command(
    ctx: click.Context, storage: str | None, name: str | None, limit: int | None, as_json: bool
) -> None:
    """List dead letters: notifications every attempt of which failed."""
    current = state(ctx)
    lang = current.language
    with open_platform(current, storage) as platform:
        community_id = platform.find_community(name).community_id if name else None
        dead = platform.notifications.dead(community_id=community_id, limit=limit)
    if as_json:
        for d in dead:
            click.echo(
                json.dumps(
                    {
                        "id": str(d.id),
                        "key": d.key,
                        "community_id": str(d.community_id),
                        "channel": d.channel,
                        "kind": d.kind,
                        "recipient_id": None if d.recipient_id is None else str(d.recipient_id),
                        "attempts": d.attempts,
                        "created_at": d.created_at.isoformat(),
                        "last_error": d.last_error,
                    },
                    ensure_ascii=False,
                )
            )
        return
    if not dead:
        click.echo(translate("cli.notify.no_dead", lang))
        return
    for d in dead:
        click.echo(
            translate(
                "cli.notify.dead_line",
                lang,
                id=d.id,
                created=d.created_at.strftime("%Y-%m-%d %H:%M"),
                channel=d.channel,
                kind=d.kind,
                recipient=d.recipient_id or "-",
                attempts=d.attempts,
                error=d.last_error or "-",
            )
        )
    click.echo(translate_count("cli.notify.dead_count", len(dead), lang))


@notify_command.command("retry")
@click.argument("ids", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Retry every dead letter.")
@click.option("--storage", default=None, help=STORAGE_HELP)
@click.pass_context
def notify_retry_command(
    ctx: click.Context, ids: tuple[str, ...], every: bool, storage: str | None
) -> None:
    """Queue dead letters (by ID, as `sorgende notify dead` shows them) again."""
    import uuid

    current = state(ctx)
    lang = current.language
    if every == bool(ids):
        raise click.UsageError(translate("cli.notify.retry_what", lang))
    chosen: list[uuid.UUID] | None = None
    if ids:
        chosen = []
        for text in ids:
            try:
                chosen.append(uuid.UUID(text))
            except ValueError:
                raise click.BadParameter(
                    translate("cli.notify.bad_id", lang, value=text), param_hint="ID"
                ) from None
    with open_platform(current, storage) as platform:
        count = platform.notifications.retry(chosen)
    click.echo(translate_count("cli.notify.retried", count, lang))


@notify_command.command("status")
@click.option("--storage", default=None, help=STORAGE_HELP)
@click.pass_context
def notify_status_command(ctx: click.Context, storage: str | None) -> None:
    """How many notifications wait, went out, failed for good, ..."""
    current = state(ctx)
    lang = current.language
    with open_platform(current, storage) as platform:
        counts = platform.notifications.counts()
    for status, count in counts.items():
        label = translate(f"notify.status.{status}", lang)
        click.echo(f"{label}: {format_number(count, lang)}")


@notify_command.command("purge")
@click.option(
    "--older-than",
    "days",
    type=click.IntRange(min=1),
    default=30,
    show_default=True,
    help="Days after which finished deliveries are deleted.",
)
@click.option("--storage", default=None, help=STORAGE_HELP)
@click.pass_context
def notify_purge_command(ctx: click.Context, days: int, storage: str | None) -> None:
    """Delete sent, digested and skipped deliveries older than some days."""
    from datetime import timedelta

    current = state(ctx)
    with open_platform(current, storage) as platform:
        count = platform.notifications.purge(timedelta(days=days))
    click.echo(translate_count("cli.notify.purged", count, current.language))
