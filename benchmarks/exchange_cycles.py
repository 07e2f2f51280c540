"""Full exchange cycles per second on memory storage, default plugins only.

One cycle is five use cases on a ``CommunityService``::

    post_request → propose → accept → complete → confirm

on a platform opened with ``sorgende.open("memory://", load_entrypoints=False)`` and a
fixed clock (a function returning a constant aware datetime). Before timing, each
repeat builds a fresh platform with one community, one place and a pool of 200
persons (not timed); then 2,000 cycles are timed with ``time.perf_counter``.

Also measured in the same run:

* the same cycles with the default clock (``sorgende.domain.values.utcnow``, i.e.
  ``datetime.now(UTC)``), interleaved with the fixed-clock repeats;
* the cost of one ``datetime.now(UTC)`` call and of one call of the fixed clock
  (a use case calls the clock once, so a cycle calls it five times);
* the same cycles without the default ``recognition`` plugin (its rules are checked
  on every confirmation), interleaved too: the cost of recognition;
* a plain Python function call, to express the cycle cost in machine-independent
  "plain calls";
* the time of each of the five use cases inside a cycle;
* how the rate changes as the community's history grows: blocks of 2,000 cycles
  one after another on one platform, alternating block by block with a platform
  without the recognition plugin (whose check reads the helper's whole history).

Target (issue): >= 10,000 cycles/s on one core (the process is single-threaded).

Run: ``.venv/bin/python benchmarks/exchange_cycles.py`` (``--quick`` for a smoke test).
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from itertools import repeat

import _common as c

from sorgende.domain.values import utcnow

TARGET_CYCLES_PER_S = 10_000
STEPS = ("post_request", "propose", "accept", "complete", "confirm")


def plain(events):
    return None


def _plain_loop(n: int) -> None:
    f = plain
    x = None
    for _ in repeat(None, n):
        f(x)


def _empty_loop(n: int) -> None:
    for _ in repeat(None, n):
        pass


def _now_loop(n: int) -> None:
    now = datetime.now
    tz = UTC
    for _ in repeat(None, n):
        now(tz)


def _utcnow_loop(n: int) -> None:
    f = utcnow
    for _ in repeat(None, n):
        f()


def _fixed_loop(n: int) -> None:
    f = c.fixed_clock
    for _ in repeat(None, n):
        f()


def per_step(workload: c.Workload, start: int, count: int) -> dict[str, float]:
    """Mean seconds of each use case of a cycle over ``count`` cycles."""
    com = workload.community
    persons = workload.persons
    n = len(persons)
    totals = dict.fromkeys(STEPS, 0.0)
    pc = time.perf_counter
    for i in range(start, start + count):
        recipient = persons[i % n]
        helper = persons[(i + n // 2) % n]
        t0 = pc()
        request = com.post_request(recipient, "shopping", workload.place_id, workload.window, 1.0)
        t1 = pc()
        exchange = com.propose(by=helper, request_id=request.id)
        t2 = pc()
        com.accept(exchange.id, by=recipient)
        t3 = pc()
        com.complete(exchange.id, by=helper)
        t4 = pc()
        com.confirm(exchange.id, by=recipient)
        t5 = pc()
        totals["post_request"] += t1 - t0
        totals["propose"] += t2 - t1
        totals["accept"] += t3 - t2
        totals["complete"] += t4 - t3
        totals["confirm"] += t5 - t4
    return {k: v / count for k, v in totals.items()}


def main() -> dict:
    args = c.parse_args(__doc__.splitlines()[0])
    repeats = 3 if args.quick else 7
    cycles = 300 if args.quick else 2_000
    persons = 200
    blocks = 2 if args.quick else 8

    c.check_workload(c.make_workload(persons=persons))

    def prepare(clock, disabled=()):
        def build():
            w = c.make_workload(persons=persons, clock=clock, disabled=disabled)
            return lambda: w.cycles(0, cycles)

        return build

    timings = c.interleaved(
        [
            ("fixed clock", prepare(c.fixed_clock)),
            ("utcnow clock", prepare(utcnow)),
            ("no recognition plugin", prepare(c.fixed_clock, ("recognition",))),
        ],
        ops=cycles,
        repeats=repeats,
    )
    fixed, real = timings["fixed clock"], timings["utcnow clock"]
    norec = timings["no recognition plugin"]

    # clock and calibration calls (GC off, like timeit)
    n = 200_000 if args.quick else 1_000_000
    empty = min(c.loop_time(_empty_loop, n, repeats))
    plain_call = min(c.loop_time(_plain_loop, n, repeats)) - empty
    now_call = min(c.loop_time(_now_loop, n, repeats)) - empty
    utcnow_call = min(c.loop_time(_utcnow_loop, n, repeats)) - empty
    fixed_call = min(c.loop_time(_fixed_loop, n, repeats)) - empty

    # where the time of a cycle goes, per use case (one fresh platform)
    w = c.make_workload(persons=persons)
    steps = per_step(w, 0, cycles)

    # growth: one platform with all default plugins and one without recognition,
    # consecutive blocks of cycles on each, the two alternating block by block
    grown = {
        "all": c.make_workload(persons=persons),
        "norec": c.make_workload(persons=persons, disabled=("recognition",)),
    }
    growth = []
    for b in range(blocks):
        row = {"cycles_before": b * cycles}
        for key in ("all", "norec") if b % 2 == 0 else ("norec", "all"):
            wl = grown[key]
            seconds = c.time_block(lambda wl=wl, b=b: wl.cycles(b * cycles, cycles), cycles)
            row[key] = 1.0 / seconds
        growth.append(
            {
                "cycles_before": row["cycles_before"],
                "cycles_per_s": row["all"],
                "no_recognition_cycles_per_s": row["norec"],
                "recognition_share": 1 - row["all"] / row["norec"],
            }
        )
    del grown

    rate = fixed.rate()
    result = {
        "benchmark": "exchange_cycles",
        "machine": c.machine(),
        "params": {"repeats": repeats, "cycles_per_repeat": cycles, "persons": persons},
        "fixed_clock": fixed.as_dict(),
        "utcnow_clock": real.as_dict(),
        "cycles_per_s_median": rate,
        "cycles_per_s_best": fixed.rate("best"),
        "utcnow_cycles_per_s_median": real.rate(),
        "utcnow_over_fixed": real.median / fixed.median,
        "no_recognition": norec.as_dict(),
        "no_recognition_cycles_per_s_median": norec.rate(),
        "recognition_share": 1 - norec.median / fixed.median,
        "wall_over_cpu": fixed.wall_over_cpu,
        "plain_call_s": plain_call,
        "datetime_now_utc_s": now_call,
        "utcnow_s": utcnow_call,
        "fixed_clock_call_s": fixed_call,
        "cycle_in_plain_calls": fixed.median / plain_call,
        "clock_share_utcnow": 5 * utcnow_call / real.median,
        "per_step_s": steps,
        "growth": growth,
        "target_cycles_per_s": TARGET_CYCLES_PER_S,
        "target_met": rate >= TARGET_CYCLES_PER_S,
    }

    print("exchange_cycles: post_request → propose → accept → complete → confirm, memory://")
    print(f"  {repeats} repeats x {cycles:,} cycles, fresh platform each, {persons} persons")
    print(
        f"  fixed clock : {rate:10,.0f} cycles/s median, {fixed.rate('best'):,.0f} best"
        f"  ({c.fmt_us(fixed.median)} per cycle)"
    )
    print(
        f"  utcnow clock: {real.rate():10,.0f} cycles/s median, {real.rate('best'):,.0f} best"
        f"  (x{real.median / fixed.median:.3f} the fixed-clock time)"
    )
    print(
        f"  without the default recognition plugin: {norec.rate():,.0f} cycles/s median"
        f" (recognition = {1 - norec.median / fixed.median:.1%} of a cycle's time)"
    )
    print(
        f"  wall/CPU time per repeat (median): {fixed.wall_over_cpu:.3f}"
        " (about 1.0 unless other processes took the CPU)"
    )
    print(
        f"  datetime.now(UTC): {c.fmt_ns(now_call)}, sorgende utcnow(): {c.fmt_ns(utcnow_call)},"
        f" fixed clock: {c.fmt_ns(fixed_call)}; 5 clock calls per cycle ="
        f" {5 * utcnow_call / real.median:.2%} of a utcnow cycle"
    )
    print(
        f"  plain function call: {c.fmt_ns(plain_call)}; one cycle = "
        f"{fixed.median / plain_call:,.0f} plain calls"
    )
    print("  per use case (mean over one repeat):")
    for name, seconds in steps.items():
        print(f"    {name:<13}{c.fmt_us(seconds):>12}")
    print("  rate as history grows (one platform each, blocks alternating):")
    for g in growth:
        print(
            f"    after {g['cycles_before']:>6,} cycles: {g['cycles_per_s']:8,.0f} cycles/s;"
            f" without recognition {g['no_recognition_cycles_per_s']:8,.0f};"
            f" recognition = {g['recognition_share']:.1%}"
        )
    verdict = "MET" if result["target_met"] else "NOT MET"
    print(
        f"  target >= {TARGET_CYCLES_PER_S:,} cycles/s: {verdict} "
        f"({rate / TARGET_CYCLES_PER_S:.1%} of target)"
    )
    c.write_json(args.json, result)
    return result


if __name__ == "__main__":
    sys.exit(main() and 0)
