"""Run every sorgende benchmark and print a markdown table of the figures.

Each benchmark runs in its own Python process (same interpreter as this script), one
after the other, so that they do not share caches, garbage or warm-up. Their own
output is shown as they finish; the table at the end is made from the JSON each
writes with ``--json``.

Run: ``.venv/bin/python benchmarks/run_all.py`` (``--quick`` for a smoke test,
``--json PATH`` to keep every figure, ``--profile`` to print the cProfile reports of
``profile_hotspots.py`` afterwards).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCHMARKS = ("exchange_cycles", "observers", "empty_hook", "json_roundtrip")


def run(name: str, quick: bool, tmp: str) -> dict:
    out = os.path.join(tmp, f"{name}.json")
    cmd = [sys.executable, os.path.join(HERE, f"{name}.py"), "--json", out]
    if quick:
        cmd.append("--quick")
    start = time.perf_counter()
    subprocess.run(cmd, check=True)
    print(f"  ({name}: {time.perf_counter() - start:.1f} s wall)\n", flush=True)
    with open(out, encoding="utf-8") as handle:
        return json.load(handle)


def yes(met: bool) -> str:
    return "yes" if met else "**no**"


def table(r: dict[str, dict]) -> str:
    ec, ob, eh, jr = (r[n] for n in BENCHMARKS)
    us = lambda s: f"{s * 1e6:,.1f} µs"  # noqa: E731
    ns = lambda s: f"{s * 1e9:,.0f} ns"  # noqa: E731
    rows = [
        (
            "exchange_cycles",
            f"{ec['cycles_per_s_median']:,.0f} cycles/s (median; best "
            f"{ec['cycles_per_s_best']:,.0f}); {us(ec['fixed_clock']['median_s'])}/cycle",
            f"plain call {ns(ec['plain_call_s'])}",
            f"cycle = {ec['cycle_in_plain_calls']:,.0f} plain calls; "
            f"{ec['cycles_per_s_median'] / ec['target_cycles_per_s']:.1%} of target",
            f">= {ec['target_cycles_per_s']:,} cycles/s",
            yes(ec["target_met"]),
        ),
        (
            "exchange_cycles (utcnow clock)",
            f"{ec['utcnow_cycles_per_s_median']:,.0f} cycles/s; datetime.now(UTC) "
            f"{ns(ec['datetime_now_utc_s'])}, utcnow() {ns(ec['utcnow_s'])}",
            "fixed-clock cycles",
            f"x{ec['utcnow_over_fixed']:.3f} time; 5 clock calls = "
            f"{ec['clock_share_utcnow']:.1%} of a cycle",
            "(information)",
            "–",
        ),
        (
            "exchange_cycles (no recognition plugin)",
            f"{ec['no_recognition_cycles_per_s_median']:,.0f} cycles/s",
            "all default plugins",
            f"recognition = {ec['recognition_share']:.1%} of a cycle",
            "(information)",
            "–",
        ),
        (
            "observers (10 no-op)",
            f"{ob['cycles_per_s_with_observers']:,.0f} cycles/s; +{us(ob['extra_per_cycle_s'])}"
            f"/cycle, {ns(ob['extra_per_observer_call_s'])}/observer call",
            f"no observers: {ob['cycles_per_s_no_observers']:,.0f} cycles/s",
            f"{ob['overhead']:+.1%} (pairs {ob['pair_overhead_min']:+.1%}.."
            f"{ob['pair_overhead_max']:+.1%})",
            "<= +30%",
            yes(ob["target_met"]),
        ),
        (
            "empty_hook: core skip",
            f"{ns(eh['core_skip_s'])} (net of loop)",
            f"plain call f(events=...) {ns(eh['plain_call_s'])}",
            f"x{eh['core_skip_ratio']:.2f} (x{eh['core_skip_over_positional']:.2f} vs a"
            " positional call)",
            "<= 3x",
            yes(eh["target_met"]),
        ),
        (
            "empty_hook: Platform.dispatch / _veto",
            "whole methods, no implementation",
            "plain call (same args)",
            f"x{eh['dispatch_ratio']:.2f} / x{eh['veto_ratio']:.2f}",
            "(information)",
            "–",
        ),
        (
            "empty_hook: raw pluggy",
            "pm.hook.sorgende_events_committed(events=...)",
            "plain call",
            f"x{eh['pluggy_ratio']:.1f} (bound caller x{eh['pluggy_bound_ratio']:.1f})",
            "(reference)",
            "–",
        ),
        (
            "json_roundtrip",
            f"cattrs {us(jr['cattrs_roundtrip_s'])} per round trip"
            + ("" if jr["cattrs_correct"] else " (**wrong field types**, see its output)"),
            f"pydantic v2 {us(jr['pydantic_roundtrip_s'])}",
            f"x{jr['ratio']:.2f} (dump x{jr['dump_ratio']:.2f}, load x{jr['load_ratio']:.2f})",
            "<= 1.3x",
            yes(jr["target_met"]),
        ),
    ]
    head = ("Benchmark", "Figure", "Same-run baseline", "Ratio", "Target", "Met")
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", metavar="PATH")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in BENCHMARKS:
            results[name] = run(name, args.quick, tmp)
    m = results["exchange_cycles"]["machine"]
    print("## sorgende benchmarks" + (" (--quick: smoke test, not figures)" if args.quick else ""))
    print()
    print(f"- command: `.venv/bin/python benchmarks/run_all.py{' --quick' if args.quick else ''}`")
    print(
        f"- date: {m['date']}; Python {m['python']} ({m['implementation']}); nproc {m['nproc']}"
        f" ({m['cpu']}); load average at start {m['loadavg_at_start']}"
    )
    g = m["git"]
    dirty = ", ".join(g["src_uncommitted"]) or "none"
    print(f"- code: commit {g['commit']}; uncommitted changes in src/: {dirty}")
    print("- versions: " + ", ".join(f"{k} {v}" for k, v in m["versions"].items()))
    print(
        f"- wall/CPU time of the timed repeats (median; ~1.0 = the process had a CPU to"
        f" itself): exchange_cycles {results['exchange_cycles']['wall_over_cpu']:.3f},"
        f" observers {results['observers']['wall_over_cpu']:.3f}"
    )
    print()
    print(table(results))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(results, handle, indent=2, default=str)
    if args.profile:
        print()
        subprocess.run([sys.executable, os.path.join(HERE, "profile_hotspots.py")], check=True)


if __name__ == "__main__":
    main()
