"""``sorgende simulate`` and ``sorgende sweep`` (a default plugin: ``sorgende_register_commands``).

This module is loaded whenever the ``sorgende`` command starts, so it imports nothing
of the simulation until a command runs.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click
import pluggy

from sorgende.errors import Message
from sorgende.hookspecs import hookimpl

_FORMATS = click.Choice(["csv", "parquet"])
_PLOT_FORMATS = click.Choice(["png", "svg"])


def _value(text: str) -> Any:
    """A ``--set`` value: TOML (``4``, ``0.3``, ``true``, ``["a", "b"]``), else a string."""
    try:
        return tomllib.loads(f"value = {text}")["value"]
    except tomllib.TOMLDecodeError:
        return text


def _overrides(items: Iterable[str]) -> dict[str, Any]:
    found = {}
    for item in items:
        path, sep, value = item.partition("=")
        if not sep or not path.strip():
            raise click.BadParameter(f"{item!r} is not PATH=VALUE", param_hint="--set")
        found[path.strip()] = _value(value.strip())
    return found


def _pct(value: float | None, lang: str) -> str:
    from sorgende.i18n import format_number, translate

    return (
        translate("sim.none", lang) if value is None else f"{format_number(value * 100, lang, 1)} %"
    )


def _hours(value: float | None, lang: str) -> str:
    from sorgende.i18n import format_number, translate

    if value is None:
        return translate("sim.none", lang)
    return translate("sim.unit.hours_short", lang, value=format_number(value, lang, 1))


def _common_output_options(command: Any) -> Any:
    for option in reversed(
        (
            click.option(
                "--format",
                "formats",
                type=_FORMATS,
                multiple=True,
                default=("csv",),
                show_default=True,
                help="Table format; repeat for several (parquet needs pyarrow).",
            ),
            click.option(
                "--plots/--no-plots",
                default=True,
                show_default=True,
                help="Draw the standard plots (needs matplotlib).",
            ),
            click.option(
                "--plot-format",
                "plot_formats",
                type=_PLOT_FORMATS,
                multiple=True,
                default=("png", "svg"),
                show_default=True,
                help="Plot format; repeat for several.",
            ),
            click.option(
                "--progress/--no-progress",
                default=None,
                help="Show a progress bar (default: on a terminal, when rich is installed).",
            ),
        )
    ):
        command = option(command)
    return command


@click.command("simulate")
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="A simulation configuration (TOML); options below override it.",
)
@click.option("--scenario", default=None, help="Scenario, or several joined with + (baseline).")
@click.option("--days", type=click.IntRange(1, 3650), default=None, help="Days to simulate (365).")
@click.option("--seed", type=int, default=None, help="Seed: the same seed gives the same tables.")
@click.option(
    "--scale", type=float, default=None, help="Multiply each place's population (e.g. 0.1)."
)
@click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="PATH=VALUE",
    help="Set a parameter by its dotted path, e.g. --set helping.views_per_day=4.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    default="results",
    show_default=True,
    help="Directory for the tables and plots.",
)
@click.option(
    "--plugin",
    "plugin_modules",
    multiple=True,
    metavar="MODULE",
    help="Import MODULE (from the current directory too) and register it on the run.",
)
@_common_output_options
@click.pass_context
def simulate_command(
    ctx: click.Context,
    config_file: str | None,
    plugin_modules: Sequence[str],
    scenario: str | None,
    days: int | None,
    seed: int | None,
    scale: float | None,
    overrides: Sequence[str],
    out: str,
    formats: Sequence[str],
    plots: bool,
    plot_formats: Sequence[str],
    progress: bool | None,
) -> None:
    """Simulate a caring community day by day on the real use cases; write tables and plots."""
    from sorgende.commands import state
    from sorgende.sim.config import SimConfig, load_config, with_overrides
    from sorgende.sim.model import CareModel
    from sorgende.sim.progress import bar

    current = state(ctx)
    lang = current.language
    config = load_config(config_file) if config_file else SimConfig()
    options: dict[str, Any] = {
        "scenario": scenario,
        "days": days,
        "seed": seed,
        "population.scale": scale,
    }
    options = {k: v for k, v in options.items() if v is not None}
    config = with_overrides(config, {**options, **_overrides(overrides)})
    if plots:
        # fail before a long run, not after it
        from sorgende.sim.errors import require

        require("matplotlib", Message("sim.problem.plots.plotting"))
    local = _import_plugins(plugin_modules)
    model = CareModel(config, plugins=[*current.extra_plugins, *local], settings=current.settings)
    with bar(config.days, model.scenario_title(lang), progress) as update:
        result = model.run(progress=update)
    written = result.write(out, formats)
    if plots:
        written += result.plot(out, plot_formats, lang)
    click.echo(_report(result.summary, model, lang, result.seconds))
    _echo_written(written, lang)


def _import_plugins(names: Sequence[str]) -> list[object]:
    """Import the modules ``names``, the current directory first on the path."""
    import importlib
    import os
    import sys

    from sorgende.errors import ConfigError

    if names and os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    modules: list[object] = []
    for name in names:
        try:
            modules.append(importlib.import_module(name))
        except ImportError as exc:
            raise ConfigError(
                source="--plugin",
                problem=Message("sim.problem.commands.plugin_import", name=name, error=str(exc)),
            ) from exc
    return modules


def _report(summary: Mapping[str, Any], model: Any, lang: str, seconds: float) -> str:
    from sorgende.i18n import format_date, format_number, translate

    config = model.config
    s = summary
    gini = s["load_gini"]
    lines = [
        translate(
            "sim.run.title",
            lang,
            community=config.community,
            scenario=model.scenario_title(lang),
            days=s["days"],
            start=format_date(config.start, lang),
            seed=config.seed,
        ),
        translate(
            "sim.run.people",
            lang,
            residents=format_number(s["residents"], lang),
            helpers=format_number(s["helpers"] + s["spontaneous_helpers"], lang),
            registered=format_number(s["registered"], lang),
        ),
        translate(
            "sim.run.requests",
            lang,
            posted=format_number(s["requests_posted"], lang),
            offers=format_number(s["offers_used"], lang),
            met=format_number(s["requests_met"], lang),
            unmet=format_number(s["requests_unmet"], lang),
            pending=format_number(s["requests_pending"], lang),
            share=_pct(s["share_met"], lang),
        ),
        translate(
            "sim.run.time",
            lang,
            median=_hours(s["time_to_help_median_h"], lang),
            p90=_hours(s["time_to_help_p90_h"], lang),
        ),
        translate(
            "sim.run.hours",
            lang,
            hours=_hours(s["hours_given"], lang),
            gini=translate("sim.none", lang) if gini is None else format_number(gini, lang, 2),
        ),
        translate(
            "sim.run.commitments",
            lang,
            made=s["commitments_made"],
            kept=format_number(s["commitment_weeks_kept"], lang),
            due=format_number(s["commitment_weeks_due"], lang),
            dropped=s["helpers_dropped_out"],
        ),
        translate(
            "sim.run.checked",
            lang,
            postings=format_number(s["postings"], lang),
            use_cases=format_number(s["use_cases"], lang),
            seconds=format_number(seconds, lang, 1),
        ),
    ]
    # what scenarios report of themselves (optional: see sorgende.sim.api.Scenario)
    for scenario in model.scenarios:
        if hasattr(scenario, "report"):
            lines.extend(scenario.report(model, lang))
    return "\n".join(lines)


def _echo_written(paths: Sequence[Path], lang: str) -> None:
    from sorgende.i18n import translate

    click.echo(translate("sim.run.written", lang, paths=", ".join(str(p) for p in paths)))


@click.command("sweep")
@click.argument("config_file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    default=None,
    help="Directory for the tables and plots (default: the file's out, else results/sweep).",
)
@click.option(
    "--workers", type=click.IntRange(1), default=None, help="Worker processes (all cores)."
)
@click.option(
    "--dask",
    default=None,
    metavar="local|ADDRESS",
    help="Run on Dask: 'local' starts a local cluster, an address joins a running one.",
)
@_common_output_options
@click.pass_context
def sweep_command(
    ctx: click.Context,
    config_file: str,
    out: str | None,
    workers: int | None,
    dask: str | None,
    formats: Sequence[str],
    plots: bool,
    plot_formats: Sequence[str],
    progress: bool | None,
) -> None:
    """Run a grid of parameters x replications from a TOML file, in parallel."""
    from sorgende.commands import state
    from sorgende.i18n import translate
    from sorgende.sim.sweeps import load_sweep, sweep

    current = state(ctx)
    lang = current.language
    spec, options = load_sweep(config_file)
    out = out or options.get("out") or "results/sweep"
    workers = workers or options.get("workers")
    dask = dask or options.get("dask")
    if plots:
        from sorgende.sim.errors import require

        require("matplotlib", Message("sim.problem.plots.plotting"))
    runs = spec.runs()
    click.echo(_sweep_title(spec, len(runs), lang))
    with ExitStack() as stack:
        executor = _dask_executor(stack, dask, workers) if dask else None
        result = sweep(
            spec,
            executor,
            settings=current.settings,
            progress=progress,
            max_workers=workers,
            directory=out,
        )
    if result.resumed:
        click.echo(translate("sim.sweep.resumed", lang, done=result.resumed, runs=len(result.runs)))
    written = result.write(out, formats)
    if plots:
        written += result.plot(out, plot_formats, lang)
    click.echo(_sweep_report(result.summary, list(spec.grid), lang))
    click.echo(_effects_report(result.effects, list(spec.grid), lang))
    if spec.design is not None:
        click.echo(_sensitivity_report(result.sensitivity, lang))
    _echo_written(written, lang)
    for run, error in result.failed:
        point = ", ".join(f"{p}={v}" for p, v in run.params.items())
        click.echo(
            translate(
                "sim.sweep.failed",
                lang,
                run=run.index,
                scenario=run.config.scenario,
                params=f" [{point}]" if point else "",
                seed=run.config.seed,
                error=error,
            ),
            err=True,
        )
    if result.failed:
        ctx.exit(1)


def _sweep_title(spec: Any, runs: int, lang: str) -> str:
    from sorgende.i18n import translate

    points = 1
    for values in spec.grid.values():
        points *= len(values)
    return translate(
        "sim.sweep.title",
        lang,
        runs=runs,
        scenarios=len(spec.scenarios) or 1,
        points=points,
        replications=spec.replications,
    )


def _sweep_report(summary: Sequence[Mapping[str, Any]], params: Sequence[str], lang: str) -> str:
    from sorgende.i18n import format_number, translate

    groups: dict[tuple[Any, ...], list[Mapping[str, Any]]] = defaultdict(list)
    for row in summary:
        groups[(row["scenario"], *(row[p] for p in params))].append(row)
    lines = []
    for key, rows in groups.items():
        shares = [r["share_met"] for r in rows if r["share_met"] is not None]
        point = ", ".join(f"{p}={v}" for p, v in zip(params, key[1:], strict=True))
        dropped = sum(r["helpers_dropped_out"] for r in rows) / len(rows)
        lines.append(
            translate(
                "sim.sweep.row",
                lang,
                scenario=key[0],
                params=f" [{point}]" if point else "",
                share=_pct(sum(shares) / len(shares) if shares else None, lang),
                low=_pct(min(shares) if shares else None, lang),
                high=_pct(max(shares) if shares else None, lang),
                dropped=format_number(dropped, lang, 1),
            )
        )
    return "\n".join(lines)


def _effects_report(effects: Sequence[Mapping[str, Any]], params: Sequence[str], lang: str) -> str:
    from sorgende.i18n import format_number, translate

    if not effects:
        return ""

    def value(name: str, x: float | None, signed: bool = False) -> str:
        if x is None:
            return translate("sim.none", lang)
        if name.startswith("share_"):
            text = format_number(x * 100, lang, 1)
            if signed and x > 0:
                text = "+" + text
            return text + (" Pp." if lang == "de" and signed else " pp" if signed else " %")
        text = format_number(x, lang, 1)
        return "+" + text if signed and x > 0 else text

    lines = [translate("sim.sweep.effects.title", lang, reference=effects[0]["reference"])]
    for row in effects:
        name = row["metric"]
        point = ", ".join(f"{p}={row[p]}" for p in params)
        lines.append(
            translate(
                "sim.sweep.effects.row",
                lang,
                arm=f"{row['scenario']} [{point}]" if point else row["scenario"],
                metric=translate(f"sim.metric.{name}", lang),
                mean=value(name, row["mean"]),
                reference=value(name, row["reference_mean"]),
                difference=value(name, row["difference"], signed=True),
                low=value(name, row["low"], signed=True),
                high=value(name, row["high"], signed=True),
                pairs=row["pairs"],
            )
        )
    return "\n".join(lines)


def _sensitivity_report(rows: Sequence[Mapping[str, Any]], lang: str) -> str:
    from sorgende.i18n import format_number, translate

    def num(x: float | None) -> str:
        return translate("sim.none", lang) if x is None else format_number(x, lang, 2)

    lines = [translate("sim.sweep.sensitivity.title", lang)]
    for row in rows:
        lines.append(
            translate(
                "sim.sweep.sensitivity.row",
                lang,
                output=translate(f"sim.metric.{row['output']}", lang),
                parameter=row["parameter"],
                s1=num(row["S1"]),
                s1c=num(row["S1_conf"]),
                st=num(row["ST"]),
                stc=num(row["ST_conf"]),
            )
        )
    return "\n".join(lines)


def _dask_executor(stack: ExitStack, address: str, workers: int | None) -> Any:
    from sorgende.sim.errors import require

    distributed = require(
        "distributed",
        Message("sim.problem.commands.dask_cluster"),
        "distributed",
        "pip install distributed",
    )
    if address == "local":
        cluster = stack.enter_context(
            distributed.LocalCluster(
                n_workers=workers or 2, threads_per_worker=1, dashboard_address=None
            )
        )
        client = stack.enter_context(distributed.Client(cluster))
    else:
        client = stack.enter_context(distributed.Client(address))
    return client.get_executor()


@hookimpl
def sorgende_addhooks(pluginmanager: pluggy.PluginManager) -> None:
    # the simulation's hooks, so installed plugins implementing them pass start-up
    from sorgende.sim import hookspecs

    pluginmanager.add_hookspecs(hookspecs)


@click.group("sim")
def sim_group() -> None:
    """The simulation's tools: calibration."""


@sim_group.command("calibration")
@click.option("--scale", type=float, default=1.0, show_default=True, help="Population scale.")
@click.option("--seed", type=int, default=1, show_default=True, help="Seed of the population.")
@click.pass_context
def calibration_command(ctx: click.Context, scale: float, seed: int) -> None:
    """The model's population against each published figure; flags any outside 10 %."""
    from sorgende.commands import state
    from sorgende.i18n import translate
    from sorgende.sim import texts  # noqa: F401  (the simulation's catalogue)
    from sorgende.sim.calibration import calibration
    from sorgende.sim.config import SimConfig, with_overrides

    lang = state(ctx).language
    config = with_overrides(SimConfig(seed=seed), {"population.scale": scale})
    rows = calibration(config)
    click.echo(translate("sim.calibration.title", lang, community=config.community))
    unknown = translate("sim.calibration.not_given", lang)
    for row in rows:
        flag = translate(
            "sim.calibration.outside" if row["flag"] else "sim.calibration.within", lang
        )
        click.echo(
            translate(
                "sim.calibration.row",
                lang,
                figure=row["figure"],
                model=_pct(row["model"], lang),
                published=_pct(row["published"], lang),
                deviation=_pct(row["deviation"], lang),
                flag=flag,
                source=row["source"],
                table=row["table"] or unknown,
                url=row["url"] or unknown,
                accessed=row["accessed"] or unknown,
            )
        )


@hookimpl
def sorgende_register_commands(cli: click.Group) -> None:
    cli.add_command(simulate_command)
    cli.add_command(sweep_command)
    cli.add_command(sim_group)
