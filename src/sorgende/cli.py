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

import click

from sorgende.commands import (
    EXIT_REFUSED,
    STORAGE_HELP,
    CliState,
    Refused,
    open_platform,
    state,
)
from sorgende.config import Settings, load_settings
from sorgende.errors import SorgendeError
from sorgende.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    translate,
    translate_count,
)
from sorgende.plugins import Hooks, PluginManager, make_plugin_manager, plugin_summary


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


@click.command("export")
@click.option("--storage", default=None, help=STORAGE_HELP)
@click.option("--community", "name", default=None, help="The community's name (if several).")
@click.option(
    "--out", type=click.File("w", encoding="utf-8"), default="-", help="File (default: stdout)."
)
@click.pass_context
def export_command(ctx: click.Context, storage: str | None, name: str | None, out: IO[str]) -> None:
    """Write a whole community as JSON lines (one record a line)."""
    current = state(ctx)
    with open_platform(current, storage) as platform:
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
@click.option("--storage", default=None, help=STORAGE_HELP)
@click.pass_context
def import_command(ctx: click.Context, source: IO[str], storage: str | None) -> None:
    """Read a community written by `sorgende export` into a storage (all or nothing)."""
    current = state(ctx)
    with open_platform(current, storage) as platform:
        imported = platform.import_community(source)
        click.echo(
            translate("cli.import.done", current.language, name=imported.info().name), err=True
        )


#: the ``sorgende`` command
cli = make_cli()


# the helpers for commands live in sorgende.commands (public API); kept importable here
__all__ = [
    "EXIT_REFUSED",
    "CliState",
    "Refused",
    "SorgendeGroup",
    "cli",
    "main",
    "make_cli",
    "open_platform",
    "state",
]


def main(args: Sequence[str] | None = None) -> None:
    """Run the ``sorgende`` command (the console script's entry point); exits the process."""
    cli.main(args, prog_name="sorgende")
