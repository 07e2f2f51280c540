"""The ``sorgende`` command line. Plugins add subcommands via ``sorgende_register_commands``.

The group :data:`cli` has no commands of its own: when it first looks one up, it reads
the settings (``sorgende.toml``, the environment, or the file given with ``--config``),
builds the plugin manager (without the disabled plugins, with or without installed
ones) and calls the hook ``sorgende_register_commands(cli=...)``. The built-in
``plugins`` and ``demo`` commands are added that way too, by the default plugin
:mod:`sorgende.default_plugins.commands`.

A refusal of sorgende (any :class:`~sorgende.errors.SorgendeError`) is shown as one
line in the chosen language on standard error, with exit code 2.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Sequence
from typing import IO, Any, cast

import attrs
import click

from sorgende.config import Settings, load_settings
from sorgende.errors import SorgendeError
from sorgende.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    format_number,
    translate,
    translate_count,
)
from sorgende.plugins import Hooks, PluginManager, make_plugin_manager, plugin_summary

#: the exit code for refusals of sorgende (click uses it for usage errors too)
EXIT_REFUSED = 2


@attrs.frozen
class CliState:
    """What every subcommand finds in ``ctx.obj``: settings, plugins and the language."""

    settings: Settings
    plugins: PluginManager
    #: ``de`` or ``en``: from ``--lang``, else from the settings
    language: str
    #: plugin objects given in code (see :func:`make_cli`), for ``sorgende.open``
    extra_plugins: tuple[object, ...] = ()


class Refused(click.ClickException):
    """A :class:`SorgendeError` as the command line shows it: one line, exit code 2."""

    exit_code = EXIT_REFUSED

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.message, err=True)


class SorgendeGroup(click.Group):
    """A click group whose commands come from plugins, loaded on first use."""

    def __init__(
        self,
        *args: Any,
        plugins: Iterable[object] = (),
        settings: Settings | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.extra_plugins = tuple(plugins)
        self.settings = settings
        self.plugin_manager: PluginManager | None = None

    def load_plugins(self, config: str | None = None) -> PluginManager:
        """Read the settings, build the plugin manager and let plugins add commands (once)."""
        if self.plugin_manager is None:
            if self.settings is None:
                self.settings = load_settings(config)
            settings = self.settings
            pm = make_plugin_manager(
                plugins=self.extra_plugins,
                disabled=settings.disabled_plugins,
                load_entrypoints=settings.load_entrypoints,
            )
            Hooks(pm).register_commands(self)
            self.plugin_manager = pm
        return self.plugin_manager

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        self._load_for(ctx)
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load_for(ctx)
        return super().list_commands(ctx)

    def _load_for(self, ctx: click.Context) -> None:
        try:
            self.load_plugins(ctx.find_root().params.get("config"))
        except SorgendeError as err:
            raise Refused(err.message(_language(ctx))) from err

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SorgendeError as err:
            raise Refused(err.message(_language(ctx))) from err

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        except SorgendeError as err:  # outside a command, e.g. while showing --help
            if not standalone_mode:
                raise
            Refused(err.message(self._fallback_language())).show()
            sys.exit(EXIT_REFUSED)

    def _fallback_language(self) -> str:
        if self.settings is not None:
            return self.settings.language
        env = os.environ.get("SORGENDE_LANGUAGE", DEFAULT_LANGUAGE)
        return env if env in LANGUAGES else DEFAULT_LANGUAGE


def _language(ctx: click.Context) -> str:
    """The language chosen for this invocation: ``--lang``, else the settings, else German."""
    lang = ctx.find_root().params.get("lang")
    if isinstance(lang, str):
        return lang
    group = ctx.find_root().command
    if isinstance(group, SorgendeGroup):
        return group._fallback_language()
    return DEFAULT_LANGUAGE


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from sorgende import __version__

    click.echo(f"sorgende {__version__}")
    ctx.exit()


def _group_params() -> list[click.Parameter]:
    return [
        click.Option(
            ["--lang"],
            type=click.Choice(LANGUAGES),
            default=None,
            help="Language of the output: de (default, or as in the settings) or en.",
        ),
        click.Option(
            ["--config"],
            type=click.Path(dir_okay=False),
            is_eager=True,
            help="Settings file (default: sorgende.toml or $SORGENDE_CONFIG).",
        ),
        click.Option(
            ["--version"],
            is_flag=True,
            expose_value=False,
            is_eager=True,
            callback=_show_version,
            help="Show the version and exit.",
        ),
    ]


@click.pass_context
def _root(ctx: click.Context, lang: str | None, config: str | None) -> None:
    group = cast(SorgendeGroup, ctx.command)
    pm = group.load_plugins(config)
    assert group.settings is not None
    ctx.obj = CliState(
        settings=group.settings,
        plugins=pm,
        language=lang or group.settings.language,
        extra_plugins=group.extra_plugins,
    )


def make_cli(*, plugins: Iterable[object] = (), settings: Settings | None = None) -> SorgendeGroup:
    """A new ``sorgende`` group, with ``plugins`` registered in addition (tests, embedding).

    With ``settings`` given, neither ``sorgende.toml`` nor the environment is read.
    """
    return SorgendeGroup(
        name="sorgende",
        callback=_root,
        params=_group_params(),
        help="sorgende: caring-community platforms (Sorgende Gemeinschaften).\n\n"
        "Commands come from plugins; `sorgende plugins` lists them.",
        plugins=plugins,
        settings=settings,
    )


def state(ctx: click.Context) -> CliState:
    """The :class:`CliState` of a running ``sorgende`` command (for plugin commands)."""
    obj = ctx.find_object(CliState)
    if obj is None:
        raise click.UsageError("not run as a subcommand of sorgende")
    return obj


# --- the built-in commands (registered by sorgende.default_plugins.commands) --------


@click.command("plugins")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def plugins_command(ctx: click.Context, as_json: bool) -> None:
    """List loaded plugins and their hooks."""
    current = state(ctx)
    rows = plugin_summary(current.plugins)
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    lang = current.language
    if not rows:
        click.echo(translate("plugins.none", lang))
        return
    table = [
        [
            translate("plugins.name", lang),
            translate("plugins.origin", lang),
            translate("plugins.hooks", lang),
        ]
    ]
    for row in rows:
        if row["default"]:
            origin = translate("plugins.builtin", lang)
        elif row["distribution"]:
            origin = f"{row['distribution']} {row['version'] or ''}".strip()
        else:
            origin = translate("plugins.registered", lang)
        table.append([row["name"], origin, ", ".join(row["hooks"]) or "-"])
    widths = [max(len(r[i]) for r in table) for i in range(2)]
    for r in table:
        click.echo(f"{r[0].ljust(widths[0])}  {r[1].ljust(widths[1])}  {r[2]}".rstrip())
    click.echo(translate_count("plugins.count", len(rows), lang))


@click.command("demo")
@click.option(
    "--weeks",
    type=click.IntRange(1, 52),
    default=4,
    show_default=True,
    help="How many weeks to play.",
)
@click.option(
    "--seed",
    type=int,
    default=2021,
    show_default=True,
    help="Seed of the random choices; the same seed gives the same output.",
)
@click.option(
    "--storage",
    default="memory://",
    show_default=True,
    help="Storage URL to build the demo in.",
)
@click.pass_context
def demo_command(ctx: click.Context, weeks: int, seed: int, storage: str) -> None:
    """Play weeks of the demo community Verbandsgemeinde Daun and show the result."""
    from sorgende.demo import report, run_demo

    current = state(ctx)
    summary = run_demo(
        weeks, seed, storage, plugins=current.extra_plugins, settings=current.settings
    )
    click.echo(report(summary, current.language))


def _open(current: CliState, storage: str | None) -> Any:
    import sorgende

    return sorgende.open(
        storage or current.settings.storage,
        plugins=current.extra_plugins,
        settings=current.settings,
    )


_STORAGE_HELP = "Storage URL (default: the settings' storage)."


@click.command("export")
@click.option("--storage", default=None, help=_STORAGE_HELP)
@click.option("--community", "name", default=None, help="The community's name (if several).")
@click.option(
    "--out", type=click.File("w", encoding="utf-8"), default="-", help="File (default: stdout)."
)
@click.pass_context
def export_command(ctx: click.Context, storage: str | None, name: str | None, out: IO[str]) -> None:
    """Write a whole community as JSON lines (one record a line)."""
    current = state(ctx)
    with _open(current, storage) as platform:
        if name is not None:
            community_id = platform.find_community(name).community_id
        else:
            communities = platform.communities()
            if len(communities) != 1:
                names = ", ".join(c.name for c in communities) or "-"
                raise click.UsageError(translate("cli.export.which", current.language, names=names))
            community_id = communities[0].id
        for line in platform.export_community(community_id):
            out.write(line + "\n")


@click.command("import")
@click.argument("source", type=click.File("r", encoding="utf-8"), default="-")
@click.option("--storage", default=None, help=_STORAGE_HELP)
@click.pass_context
def import_command(ctx: click.Context, source: IO[str], storage: str | None) -> None:
    """Read a community written by `sorgende export` into a storage (all or nothing)."""
    current = state(ctx)
    with _open(current, storage) as platform:
        imported = platform.import_community(source)
        click.echo(
            translate("cli.import.done", current.language, name=imported.info().name), err=True
        )


@click.group("db")
def db_command() -> None:
    """The SQL storage's schema: its version and upgrades."""


def _sql_engine(current: CliState, storage: str | None) -> Any:
    url = storage or current.settings.storage
    if not url.startswith(("sqlite", "postgresql")):
        raise click.UsageError(translate("cli.db.not_sql", current.language, url=url))
    from sorgende.default_plugins.sql.storage import make_engine

    return make_engine(url)


@db_command.command("current")
@click.option("--storage", default=None, help=_STORAGE_HELP)
@click.pass_context
def db_current_command(ctx: click.Context, storage: str | None) -> None:
    """Show the database's schema version and the code's."""
    from sorgende.default_plugins.sql import schema

    current = state(ctx)
    engine = _sql_engine(current, storage)
    try:
        stored, latest = schema.current(engine), schema.head(engine)
    finally:
        engine.dispose()
    click.echo(translate("cli.db.current", current.language, stored=stored or "-", latest=latest))


@db_command.command("upgrade")
@click.option("--storage", default=None, help=_STORAGE_HELP)
@click.pass_context
def db_upgrade_command(ctx: click.Context, storage: str | None) -> None:
    """Upgrade the database's schema to the code's version (back it up first)."""
    from sorgende.default_plugins.sql import schema

    current = state(ctx)
    engine = _sql_engine(current, storage)
    try:
        schema.upgrade(engine)
        latest = schema.head(engine)
    finally:
        engine.dispose()
    click.echo(translate("cli.db.upgraded", current.language, latest=latest))


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
@click.option("--storage", default=None, help=_STORAGE_HELP)
@click.pass_context
def notify_flush_command(ctx: click.Context, storage: str | None) -> None:
    """One pass: hand every due notification to its channel, then stop."""
    current = state(ctx)
    with _open(current, storage) as platform:
        report = platform.notifications.flush()
    click.echo(_report(report, current.language))


@notify_command.command("run")
@click.option("--storage", default=None, help=_STORAGE_HELP)
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

    with _open(current, storage) as platform:
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
@click.option("--storage", default=None, help=_STORAGE_HELP)
@click.pass_context
def notify_digest_command(ctx: click.Context, storage: str | None) -> None:
    """Compose the daily digests that are due and deliver them (run it daily)."""
    current = state(ctx)
    lang = current.language
    with _open(current, storage) as platform, _progress() as bar:
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
@click.option("--storage", default=None, help=_STORAGE_HELP)
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
    with _open(current, storage) as platform:
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
@click.option("--storage", default=None, help=_STORAGE_HELP)
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
    with _open(current, storage) as platform:
        count = platform.notifications.retry(chosen)
    click.echo(translate_count("cli.notify.retried", count, lang))


@notify_command.command("status")
@click.option("--storage", default=None, help=_STORAGE_HELP)
@click.pass_context
def notify_status_command(ctx: click.Context, storage: str | None) -> None:
    """How many notifications wait, went out, failed for good, ..."""
    current = state(ctx)
    lang = current.language
    with _open(current, storage) as platform:
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
@click.option("--storage", default=None, help=_STORAGE_HELP)
@click.pass_context
def notify_purge_command(ctx: click.Context, days: int, storage: str | None) -> None:
    """Delete sent, digested and skipped deliveries older than some days."""
    from datetime import timedelta

    current = state(ctx)
    with _open(current, storage) as platform:
        count = platform.notifications.purge(timedelta(days=days))
    click.echo(translate_count("cli.notify.purged", count, current.language))


#: the ``sorgende`` command
cli = make_cli()


def main(args: Sequence[str] | None = None) -> None:
    """Run the ``sorgende`` command (the console script's entry point); exits the process."""
    cli.main(args, prog_name="sorgende")
