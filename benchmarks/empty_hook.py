"""The cost of skipping a hook nobody implements, against a plain function call.

On a platform with the default plugins only (none implements
``sorgende_events_committed`` or ``sorgende_veto``), each variant is a loop of
500,000 iterations with everything bound to locals beforehand, GC off (like
``timeit``); the time of an empty loop of the same length is subtracted ("net").
Variants, interleaved, 7 repeats, best per variant (the usual for micro-benchmarks:
noise only ever adds time):

* ``plain call``: ``plain(events=events)``, a Python function that does nothing,
  called with the same (keyword) argument as the hook: the baseline; also
  ``plain(events)`` (positional; on CPython 3.11 a keyword call costs more), for a
  stricter comparison;
* ``core skip``: what ``Platform.dispatch`` does before calling observers::

      if pm.implementations("sorgende_events_committed"):
          pm.call_each("sorgende_events_committed", events=events)

* ``Platform.dispatch(events)``: the whole method (the skip plus the check for
  notification channels), for reference;
* ``UseCases._veto(...)``, against a plain call with its four arguments:
  the skip of ``sorgende_veto`` every use case makes;
* ``pluggy hook``: ``pm.hook.sorgende_events_committed(events=events)`` with no
  implementation, as pluggy does it (attribute lookup included), and with the
  ``HookCaller`` bound beforehand.

Target (issue): the core's skip costs at most 3x a plain call.

Run: ``.venv/bin/python benchmarks/empty_hook.py`` (``--quick`` for a smoke test).
"""

from __future__ import annotations

import gc
import sys
import time
from itertools import repeat

import _common as c

from sorgende.domain import events as ev
from sorgende.services.base import Work

TARGET_RATIO = 3.0
HOOK = "sorgende_events_committed"


def plain(events):
    return None


def plain4(work, action, actor_id, subject):
    return None


def make_bodies(w: c.Workload):
    pm = w.platform.plugins
    platform = w.platform
    service = w.community
    actor = w.persons[0]
    events = [ev.RequestPosted(service.community_id, c.NOW, actor, actor, actor)]
    with platform.storage.unit_of_work(service.community_id) as uow:
        work = Work(uow, c.NOW)
    subject = object()

    if pm.implementations(HOOK) or pm.implementations("sorgende_veto"):
        raise SystemExit("some plugin implements the hooks: the skip is not measured")

    def empty(n: int) -> None:
        for _ in repeat(None, n):
            pass

    def plain_call(n: int) -> None:
        f = plain
        for _ in repeat(None, n):
            f(events=events)

    def plain_positional(n: int) -> None:
        f = plain
        for _ in repeat(None, n):
            f(events)

    def core_skip(n: int) -> None:
        p = pm
        name = HOOK
        for _ in repeat(None, n):
            if p.implementations(name):
                p.call_each(name, events=events)

    def dispatch(n: int) -> None:
        d = platform.dispatch
        for _ in repeat(None, n):
            d(events)

    def plain4_call(n: int) -> None:
        f = plain4
        for _ in repeat(None, n):
            f(work, "propose", actor, subject)

    def veto(n: int) -> None:
        v = service._veto
        for _ in repeat(None, n):
            v(work, "propose", actor, subject)

    def pluggy_hook(n: int) -> None:
        p = pm
        for _ in repeat(None, n):
            p.hook.sorgende_events_committed(events=events)

    def pluggy_bound(n: int) -> None:
        hook = pm.hook.sorgende_events_committed
        for _ in repeat(None, n):
            hook(events=events)

    return {
        "empty loop": empty,
        "plain call": plain_call,
        "plain call, positional": plain_positional,
        "core skip": core_skip,
        "Platform.dispatch": dispatch,
        "plain call, 4 args": plain4_call,
        "UseCases._veto": veto,
        "pluggy hook": pluggy_hook,
        "pluggy hook, bound": pluggy_bound,
    }


def main() -> dict:
    args = c.parse_args(__doc__.splitlines()[0])
    repeats = 3 if args.quick else 7
    n = 100_000 if args.quick else 500_000
    bodies = make_bodies(c.make_workload(persons=2))

    samples: dict[str, list[float]] = {name: [] for name in bodies}
    order = list(bodies.items())
    for _ in range(repeats):
        for name, body in order:
            gc.collect()
            gc.disable()
            try:
                start = time.perf_counter()
                body(n)
                samples[name].append((time.perf_counter() - start) / n)
            finally:
                gc.enable()
        order = order[1:] + order[:1]

    gross = {name: min(s) for name, s in samples.items()}
    loop = gross["empty loop"]
    net = {name: t - loop for name, t in gross.items() if name != "empty loop"}
    base = net["plain call"]
    baseline_of = {
        "plain call": "plain call",
        "plain call, positional": "plain call",
        "core skip": "plain call",
        "Platform.dispatch": "plain call",
        "plain call, 4 args": "plain call, 4 args",
        "UseCases._veto": "plain call, 4 args",
        "pluggy hook": "plain call",
        "pluggy hook, bound": "plain call",
    }
    rows = []
    for name, t in net.items():
        b = baseline_of[name]
        rows.append(
            {
                "variant": name,
                "net_s": t,
                "gross_s": gross[name],
                "baseline": b,
                "ratio_net": t / net[b],
                "ratio_gross": gross[name] / gross[b],
                "median_gross_s": sorted(samples[name])[len(samples[name]) // 2],
            }
        )
    by = {r["variant"]: r for r in rows}
    ratio = by["core skip"]["ratio_net"]
    result = {
        "benchmark": "empty_hook",
        "machine": c.machine(),
        "params": {"repeats": repeats, "iterations": n},
        "empty_loop_s": loop,
        "rows": rows,
        "plain_call_s": base,
        "core_skip_s": net["core skip"],
        "core_skip_ratio": ratio,
        "core_skip_ratio_gross": by["core skip"]["ratio_gross"],
        "core_skip_over_positional": net["core skip"] / net["plain call, positional"],
        "dispatch_ratio": by["Platform.dispatch"]["ratio_net"],
        "veto_ratio": by["UseCases._veto"]["ratio_net"],
        "pluggy_ratio": by["pluggy hook"]["ratio_net"],
        "pluggy_bound_ratio": by["pluggy hook, bound"]["ratio_net"],
        "target_ratio": TARGET_RATIO,
        "target_met": ratio <= TARGET_RATIO,
    }
    print("empty_hook: skipping a hook nobody implements vs a plain function call")
    print(
        f"  {repeats} repeats x {n:,} iterations, interleaved, GC off; best per variant;"
        f" empty loop {c.fmt_ns(loop)} subtracted"
    )
    print(f"  {'variant':<22}{'net':>11}{'x baseline':>12}{'gross x':>9}  baseline")
    for r in rows:
        print(
            f"  {r['variant']:<22}{c.fmt_ns(r['net_s']):>11}{r['ratio_net']:>11.2f}x"
            f"{r['ratio_gross']:>8.2f}x  {r['baseline']}"
        )
    verdict = "MET" if result["target_met"] else "NOT MET"
    print(
        f"  core skip = {ratio:.2f}x a plain call (net), "
        f"{result['core_skip_ratio_gross']:.2f}x gross,"
        f" {result['core_skip_over_positional']:.2f}x a positional call;"
        f" target <= {TARGET_RATIO:.0f}x: {verdict}"
    )
    c.write_json(args.json, result)
    return result


if __name__ == "__main__":
    sys.exit(main() and 0)
