"""Standard plots of runs and sweeps, as PNG and SVG (matplotlib, from the ``sim`` extra).

* ``needs_met``: the share of needs met over time by date, one line per scenario and
  grid point (a rolling window of days; with several seeds, their mean and, shaded,
  its 95% t interval);
* ``load``: the Lorenz curve of hours given by the regular helpers, per scenario, with
  the Gini coefficient in the legend;
* ``balances``: the distribution of time-bank balances of the registered residents at
  the end, per scenario.

matplotlib is used through its object interface (no pyplot, no global state), so
plots can be drawn from threads and workers. SVGs are written without a date and with
a fixed hash salt, so the same data gives the same file.
"""

from __future__ import annotations

import math
import os
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sorgende.errors import Message
from sorgende.i18n import translate
from sorgende.sim.errors import require
from sorgende.sim.metrics import gini

#: days in the rolling window of the needs-met plot
WINDOW = 14
FORMATS = ("png", "svg")
REGULAR_ROLES = frozenset({"helper", "helper+recipient"})


def _figure() -> Any:
    require("matplotlib", Message("sim.problem.plots.plotting"))
    from matplotlib import rcParams
    from matplotlib.figure import Figure

    rcParams["svg.hashsalt"] = "sorgende"
    return Figure(figsize=(8, 4.5), layout="constrained")


def _label(axes: Any, language: str, title: str, x: str, y: str, **params: object) -> None:
    axes.set_title(translate(title, language, **params))
    axes.set_xlabel(translate(x, language))
    axes.set_ylabel(translate(y, language))
    axes.grid(alpha=0.3)


def _save(figure: Any, directory: Path, name: str, formats: Iterable[str]) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        path = directory / f"{name}.{fmt}"
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        figure.savefig(path, format=fmt, dpi=120, metadata=metadata)
        written.append(path)
    return written


def rolling_share(rows: Sequence[Mapping[str, Any]], window: int = WINDOW) -> list[float | None]:
    """Met / (met + unmet) over the last ``window`` days, for each day of one run."""
    met = [int(r["requests_met"]) for r in rows]
    unmet = [int(r["requests_unmet"]) for r in rows]
    shares: list[float | None] = []
    for day in range(len(rows)):
        first = max(0, day - window + 1)
        m, u = sum(met[first : day + 1]), sum(unmet[first : day + 1])
        shares.append(m / (m + u) if m + u else None)
    return shares


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _interval(values: Sequence[float]) -> tuple[float, float, float]:
    """Mean and 95% t interval of the mean of ``values`` (the mean twice for one value)."""
    from sorgende.sim.effects import t975

    mean = statistics.fmean(values)
    if len(values) < 2:
        return mean, mean, mean
    half = t975(len(values) - 1) * statistics.stdev(values) / math.sqrt(len(values))
    return mean, mean - half, mean + half


def plot_needs_met(
    steps: Sequence[Mapping[str, Any]],
    directory: str | os.PathLike[str],
    formats: Iterable[str] = FORMATS,
    language: str = "de",
    window: int = WINDOW,
    params: Sequence[str] = (),
) -> list[Path]:
    """Share of needs met over time, one line per arm (scenario and grid point).

    Community rows only; x is the date. With several replications the line is their
    mean and the band its 95% t interval (as in :mod:`sorgende.sim.effects`).
    """
    runs: dict[str, dict[int, list[Mapping[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for row in steps:
        if row["level"] == "community":
            point = ", ".join(f"{p}={row.get(p)}" for p in params)
            arm = f"{row['scenario']} [{point}]" if point else str(row["scenario"])
            runs[arm][int(row.get("run", row["seed"]))].append(row)
    figure = _figure()
    axes = figure.add_subplot()
    for arm, by_run in runs.items():
        dates = [_day(r["date"]) for r in next(iter(by_run.values()))]
        series = [rolling_share(rows, window) for rows in by_run.values()]
        mean, low, high, xs = [], [], [], []
        for day in range(len(dates)):
            values = [s[day] for s in series if day < len(s) and s[day] is not None]
            if values:
                xs.append(dates[day])
                m, lo, hi = _interval([float(v) for v in values if v is not None])
                mean.append(m)
                low.append(lo)
                high.append(hi)
        (line,) = axes.plot(xs, mean, label=arm)
        if len(series) > 1:
            axes.fill_between(xs, low, high, alpha=0.2, color=line.get_color())
    _label(
        axes,
        language,
        "sim.plot.effect.title" if len(runs) > 1 or params else "sim.plot.needs_met.title",
        "sim.plot.date",
        "sim.plot.needs_met.y",
        window=window,
    )
    # short date labels, no rotation (the layout stays the same whatever is drawn first)
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator()  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    formatter = ConciseDateFormatter(locator, show_offset=False)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_formatter(formatter)
    axes.set_ylim(0, 1.02)
    axes.legend()
    return _save(figure, Path(directory), "needs_met", formats)


def plot_load(
    agents: Sequence[Mapping[str, Any]],
    directory: str | os.PathLike[str],
    formats: Iterable[str] = FORMATS,
    language: str = "de",
) -> list[Path]:
    """Lorenz curves of the hours the regular helpers gave, one per scenario."""
    hours: dict[str, list[float]] = defaultdict(list)
    for row in agents:
        if row["role"] in REGULAR_ROLES:
            hours[str(row["scenario"])].append(float(row["hours_given"] or 0.0))
    figure = _figure()
    axes = figure.add_subplot()
    axes.plot(
        [0, 1],
        [0, 1],
        color="grey",
        linestyle="--",
        label=translate("sim.plot.load.equal", language),
    )
    for scenario, values in hours.items():
        ordered = sorted(values)
        total = sum(ordered) or 1.0
        xs, ys, running = [0.0], [0.0], 0.0
        for i, value in enumerate(ordered, start=1):
            running += value
            xs.append(i / len(ordered))
            ys.append(running / total)
        g = gini(ordered)
        axes.plot(xs, ys, label=f"{scenario} (Gini {g:.2f})" if g is not None else scenario)
    _label(axes, language, "sim.plot.load.title", "sim.plot.load.x", "sim.plot.load.y")
    axes.legend()
    return _save(figure, Path(directory), "load", formats)


def plot_balances(
    agents: Sequence[Mapping[str, Any]],
    directory: str | os.PathLike[str],
    formats: Iterable[str] = FORMATS,
    language: str = "de",
) -> list[Path]:
    """Histograms of the time-bank balances at the end, one per scenario."""
    balances: dict[str, list[float]] = defaultdict(list)
    for row in agents:
        balances[str(row["scenario"])].append(float(row["balance_h"]))
    figure = _figure()
    axes = figure.add_subplot()
    every = [b for values in balances.values() for b in values]
    if every:
        low, high = min(every), max(every)
        width = max(1.0, (high - low) / 40)
        bins = [low + i * width for i in range(int((high - low) / width) + 2)]
        for scenario, values in balances.items():
            axes.hist(values, bins=bins, histtype="step", linewidth=1.5, label=scenario)
        axes.set_yscale("log")
        axes.legend()
    _label(axes, language, "sim.plot.balances.title", "sim.plot.balances.x", "sim.plot.balances.y")
    return _save(figure, Path(directory), "balances", formats)


def plot_all(
    steps: Sequence[Mapping[str, Any]],
    agents: Sequence[Mapping[str, Any]],
    directory: str | os.PathLike[str],
    formats: Iterable[str] = FORMATS,
    language: str = "de",
    params: Sequence[str] = (),
) -> list[Path]:
    """The three standard plots into ``directory``; the paths written."""
    formats = tuple(formats)
    return [
        *plot_needs_met(steps, directory, formats, language, params=params),
        *plot_load(agents, directory, formats, language),
        *plot_balances(agents, directory, formats, language),
    ]
