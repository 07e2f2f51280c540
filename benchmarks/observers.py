"""The cost of 10 no-op ``sorgende_events_committed`` observers on exchange cycles.

Same workload as ``exchange_cycles.py`` (memory storage, default plugins, fixed
clock, fresh platform with 200 persons per repeat, 2,000 cycles timed), once with no
extra plugin and once with ten plugin objects registered through
``sorgende.open(..., plugins=[...])``, each::

    class NoOpObserver:
        @sorgende.hookimpl
        def sorgende_events_committed(self, events):
            pass

The two variants are interleaved in the same process; the relative cost is
``median(with observers) / median(without) - 1``. Every use case of a cycle
commits events, so a cycle makes 5 dispatches, i.e. 50 observer calls. The script
also counts the calls (to check that the observers really run) and prints the
absolute extra time per cycle and per observer call, which stays meaningful when
the cycle itself gets faster.

Target (issue): at most +30% with 10 observers.

Run: ``.venv/bin/python benchmarks/observers.py`` (``--quick`` for a smoke test).
"""

from __future__ import annotations

import sys

import _common as c

import sorgende

TARGET_OVERHEAD = 0.30
OBSERVERS = 10


class NoOpObserver:
    @sorgende.hookimpl
    def sorgende_events_committed(self, events):
        pass


class CountingObserver:
    def __init__(self) -> None:
        self.calls = 0
        self.events = 0

    @sorgende.hookimpl
    def sorgende_events_committed(self, events):
        self.calls += 1
        self.events += len(events)


def main() -> dict:
    args = c.parse_args(__doc__.splitlines()[0])
    repeats = 3 if args.quick else 7
    cycles = 300 if args.quick else 2_000
    persons = 200

    # the observers are really called, once per use case of a cycle
    counters = [CountingObserver() for _ in range(OBSERVERS)]
    w = c.make_workload(persons=persons, plugins=counters)
    c.check_workload(w, extra_plugins=OBSERVERS)
    before = [k.calls for k in counters]
    w.cycles(1, 10)
    calls_per_cycle = [(k.calls - b) / 10 for k, b in zip(counters, before, strict=True)]
    if calls_per_cycle != [5.0] * OBSERVERS:
        raise SystemExit(f"observers called {calls_per_cycle} times per cycle, expected 5")

    def prepare(n_observers):
        def build():
            plugins = [NoOpObserver() for _ in range(n_observers)]
            wl = c.make_workload(persons=persons, plugins=plugins)
            impls = wl.platform.plugins.implementations("sorgende_events_committed")
            if len(impls) != n_observers:
                raise SystemExit(f"{len(impls)} observers registered, expected {n_observers}")
            return lambda: wl.cycles(0, cycles)

        return build

    t = c.interleaved(
        [("no observers", prepare(0)), (f"{OBSERVERS} observers", prepare(OBSERVERS))],
        ops=cycles,
        repeats=repeats,
    )
    base, obs = t["no observers"], t[f"{OBSERVERS} observers"]
    overhead = obs.median / base.median - 1
    pair = sorted(b / a - 1 for a, b in zip(base.per_op, obs.per_op, strict=True))
    extra = obs.median - base.median
    calls = 5 * OBSERVERS
    result = {
        "benchmark": "observers",
        "machine": c.machine(),
        "params": {
            "repeats": repeats,
            "cycles_per_repeat": cycles,
            "persons": persons,
            "observers": OBSERVERS,
            "observer_calls_per_cycle": calls,
        },
        "no_observers": base.as_dict(),
        "with_observers": obs.as_dict(),
        "cycles_per_s_no_observers": base.rate(),
        "cycles_per_s_with_observers": obs.rate(),
        "overhead": overhead,
        "overhead_best": obs.best / base.best - 1,
        "pair_overhead_min": pair[0],
        "pair_overhead_max": pair[-1],
        "extra_per_cycle_s": extra,
        "wall_over_cpu": base.wall_over_cpu,
        "extra_per_observer_call_s": extra / calls,
        "target_overhead": TARGET_OVERHEAD,
        "target_met": overhead <= TARGET_OVERHEAD,
    }
    print(
        f"observers: exchange cycles with {OBSERVERS} no-op sorgende_events_committed"
        " observers vs none"
    )
    print(f"  {repeats} repeats x {cycles:,} cycles, interleaved; {calls} observer calls per cycle")
    print(
        f"  no observers : {base.rate():10,.0f} cycles/s median ({c.fmt_us(base.median)}/cycle),"
        f" {base.rate('best'):,.0f} best"
    )
    print(
        f"  {OBSERVERS} observers: {obs.rate():10,.0f} cycles/s median"
        f" ({c.fmt_us(obs.median)}/cycle),"
        f" {obs.rate('best'):,.0f} best"
    )
    print(
        f"  relative cost: {overhead:+.1%} (median), {obs.best / base.best - 1:+.1%} (best),"
        f" repeat pairs {pair[0]:+.1%}..{pair[-1]:+.1%}"
    )
    print(f"  extra per cycle: {c.fmt_us(extra)}; per observer call: {c.fmt_ns(extra / calls)}")
    verdict = "MET" if result["target_met"] else "NOT MET"
    print(f"  target <= +{TARGET_OVERHEAD:.0%}: {verdict}")
    c.write_json(args.json, result)
    return result


if __name__ == "__main__":
    sys.exit(main() and 0)
