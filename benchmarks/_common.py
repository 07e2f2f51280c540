"""Shared helpers of the sorgende benchmarks: timing, machine facts, the exchange workload.

Not a benchmark itself. Every benchmark script puts its own directory first on
``sys.path`` (Python does that when a script is run as ``python benchmarks/NAME.py``),
so ``import _common`` finds this file.

Timing rules used throughout:

* ``time.perf_counter`` around a block of many operations; never a single operation;
* several repeats; the *median* is the headline figure, the *best* (minimum time)
  is printed next to it (the machine is shared and noisy: the best is what the code
  can do, the median what it did);
* variants that are compared (e.g. with and without observers) are run
  *interleaved* in the same process (A B A B ...), so that a noisy phase of the
  machine hits both, and ratios are taken between figures of the same run.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import gc
import json
import os
import platform as _platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import sorgende
from sorgende import ActorKind, TimeWindow
from sorgende.plugins import DEFAULT_PLUGINS

#: the fixed time every benchmark platform lives at (a constant aware datetime)
NOW = datetime(2025, 3, 4, 9, 30, tzinfo=UTC)
#: the time window of every request in the workload: begun an hour before NOW (within
#: the community's grace), so that the help can be completed at NOW
WINDOW = TimeWindow(NOW - timedelta(hours=1), NOW + timedelta(hours=1))


def fixed_clock() -> datetime:
    """The clock of the benchmark platforms: always NOW (costs one plain call)."""
    return NOW


# --- command line and results ----------------------------------------------------


def parse_args(
    description: str, more: Callable[[argparse.ArgumentParser], None] | None = None
) -> argparse.Namespace:
    """The benchmarks' common options; ``more`` adds a script's own."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--quick", action="store_true", help="fewer repeats and operations (smoke test only)"
    )
    parser.add_argument(
        "--json", metavar="PATH", help="also write the figures as JSON to PATH (for run_all.py)"
    )
    if more is not None:
        more(parser)
    return parser.parse_args()


def write_json(path: str | None, result: dict[str, Any]) -> None:
    if path:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2, default=str)


def machine() -> dict[str, Any]:
    """Facts about the machine and software the figures were measured on."""
    import importlib.metadata as md

    versions = {}
    for dist in ("sorgende", "attrs", "cattrs", "pluggy", "orjson", "pydantic", "pydantic-core"):
        try:
            versions[dist] = md.version(dist)
        except md.PackageNotFoundError:
            versions[dist] = None
    cpu = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    return {
        "git": _git(),
        "date": _dt.datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": sys.version.split()[0],
        "implementation": _platform.python_implementation(),
        "nproc": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu": cpu,
        "platform": _platform.platform(),
        "loadavg_at_start": load,
        "versions": versions,
    }


def _git() -> dict[str, Any]:
    """The commit the figures were measured on, and whether src/ had uncommitted changes."""
    import subprocess

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], cwd=root, capture_output=True, text=True, timeout=10, check=True
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return ""

    changed = [line[3:] for line in git("status", "--porcelain", "--", "src").splitlines() if line]
    return {"commit": git("rev-parse", "--short", "HEAD").strip(), "src_uncommitted": changed}


# --- timing --------------------------------------------------------------------------


@dataclass
class Timing:
    """Seconds per operation of several repeats of one variant."""

    name: str
    per_op: list[float] = field(default_factory=list)
    #: CPU seconds (``time.process_time``) per operation of the same repeats; only
    #: to detect repeats during which the process was waiting for a CPU
    cpu_per_op: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.per_op)

    @property
    def best(self) -> float:
        return min(self.per_op)

    def rate(self, which: str = "median") -> float:
        """Operations per second."""
        return 1.0 / (self.median if which == "median" else self.best)

    @property
    def wall_over_cpu(self) -> float | None:
        """Median of wall/CPU time per repeat: about 1.0 unless other processes took the CPU."""
        if not self.cpu_per_op:
            return None
        return statistics.median(w / c for w, c in zip(self.per_op, self.cpu_per_op, strict=True))

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "median_s": self.median,
            "best_s": self.best,
            "repeats_s": self.per_op,
            "cpu_repeats_s": self.cpu_per_op,
            "wall_over_cpu": self.wall_over_cpu,
        }


def time_block(run: Callable[[], Any], ops: int, *, collect: bool = True) -> float:
    """Seconds per operation of ``run()``, which performs ``ops`` operations."""
    return time_block_cpu(run, ops, collect=collect)[0]


def time_block_cpu(
    run: Callable[[], Any], ops: int, *, collect: bool = True
) -> tuple[float, float]:
    """Wall (``perf_counter``) and CPU (``process_time``) seconds per operation of ``run()``."""
    if collect:
        gc.collect()
    cpu = time.process_time()
    start = time.perf_counter()
    run()
    wall = time.perf_counter() - start
    return wall / ops, (time.process_time() - cpu) / ops


def interleaved(
    variants: Sequence[tuple[str, Callable[[], Callable[[], Any]]]],
    ops: int,
    repeats: int,
    *,
    disable_gc: bool = False,
) -> dict[str, Timing]:
    """Time several variants, interleaved, ``repeats`` times each.

    Each variant is ``(name, prepare)``: ``prepare()`` (not timed) builds fresh state
    and returns the callable to time, which performs ``ops`` operations. The order of
    the variants is rotated from one repeat to the next.
    """
    timings = {name: Timing(name) for name, _ in variants}
    order = list(variants)
    for _ in range(repeats):
        for name, prepare in order:
            run = prepare()
            gc.collect()
            was_enabled = gc.isenabled()
            if disable_gc:
                gc.disable()
            try:
                wall, cpu = time_block_cpu(run, ops, collect=False)
                timings[name].per_op.append(wall)
                timings[name].cpu_per_op.append(cpu)
            finally:
                if was_enabled:
                    gc.enable()
        order = order[1:] + order[:1]
    return timings


def loop_time(body: Callable[[int], None], n: int, repeats: int) -> list[float]:
    """Per-iteration seconds of ``body(n)`` (a function that loops ``n`` times), GC off."""
    out = []
    for _ in range(repeats):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            body(n)
            out.append((time.perf_counter() - start) / n)
        finally:
            gc.enable()
    return out


def fmt_us(seconds: float) -> str:
    return f"{seconds * 1e6:,.1f} µs"


def fmt_ns(seconds: float) -> str:
    return f"{seconds * 1e9:,.1f} ns"


# --- the exchange workload ---------------------------------------------------------


@dataclass
class Workload:
    """A platform with one community, one place and a pool of persons."""

    platform: sorgende.Platform
    community: sorgende.CommunityService
    place_id: Any
    persons: list[Any]
    #: the window of every request: begun an hour before the platform's clock when it
    #: was built (within the community's grace), so the help can be completed at once
    window: TimeWindow = WINDOW

    def cycle(self, i: int) -> sorgende.Exchange:
        """One full exchange cycle: post_request → propose → accept → complete → confirm.

        Cycle ``i`` pairs recipient ``i mod P`` with helper ``(i + P/2) mod P``, so every
        person is recipient once and helper once every P cycles.
        """
        c = self.community
        persons = self.persons
        n = len(persons)
        recipient = persons[i % n]
        helper = persons[(i + n // 2) % n]
        request = c.post_request(recipient, "shopping", self.place_id, self.window, 1.0)
        exchange = c.propose(by=helper, request_id=request.id)
        c.accept(exchange.id, by=recipient)
        c.complete(exchange.id, by=helper)
        return c.confirm(exchange.id, by=recipient)

    def cycles(self, start: int, count: int) -> None:
        cycle = self.cycle
        for i in range(start, start + count):
            cycle(i)


def make_workload(
    *,
    persons: int = 200,
    plugins: Sequence[object] = (),
    clock: Callable[[], datetime] | None = fixed_clock,
    disabled: Sequence[str] = (),
) -> Workload:
    """A fresh memory platform (default plugins only, plus ``plugins``) with a pool of persons.

    ``disabled`` names default plugins not to load (only for comparisons).
    """
    platform = sorgende.open(
        "memory://",
        plugins=list(plugins),
        load_entrypoints=False,
        clock=clock,
        # the defaults, explicitly: no sorgende.toml or SORGENDE_* variable can change them
        settings=sorgende.Settings(load_entrypoints=False, disabled_plugins=tuple(disabled)),
    )
    community = platform.create_community("Benchmark-Gemeinde")
    place = community.add_place("Musterdorf")
    ids = [
        community.register_actor(ActorKind.PERSON, f"Person {k}", home_place_id=place.id).id
        for k in range(persons)
    ]
    now = platform.clock()
    window = TimeWindow(now - timedelta(hours=1), now + timedelta(hours=1))
    return Workload(platform, community, place.id, ids, window)


DEFAULT_PLUGIN_NAMES = sorted(DEFAULT_PLUGINS)


def check_workload(w: Workload, extra_plugins: int = 0) -> None:
    """Sanity checks: the plugin set is what we think, and a cycle really confirms.

    Runs cycle 0 on ``w``: use a workload of its own, not the one that is timed.
    """
    names = w.platform.plugins.plugin_names()
    defaults = sorted(n for n in names if n in DEFAULT_PLUGINS)
    if defaults != DEFAULT_PLUGIN_NAMES or len(names) != len(DEFAULT_PLUGIN_NAMES) + extra_plugins:
        raise SystemExit(f"unexpected plugin set: {names}")
    exchange = w.cycle(0)
    if exchange.state is not sorgende.ExchangeState.CONFIRMED or len(exchange.history) != 4:
        raise SystemExit(f"a cycle did not end confirmed: {exchange.state}")
    balance = w.community.balance(exchange.helper_id).minutes
    if balance != exchange.minutes:
        raise SystemExit(f"helper balance {balance} != {exchange.minutes} minutes")
