"""The cost of the event log to a use case: exchange cycles with and without the append.

Same workload as ``exchange_cycles.py`` (a fresh platform with 200 persons per repeat,
full exchange cycles post_request → propose → accept → complete → confirm, default
plugins, no notification channel). Once as shipped: every use case appends its
events to the log in its own transaction (a cycle logs seven events: RequestPosted,
ExchangeProposed, ExchangeAccepted, RequestMatched, ExchangeCompleted,
ExchangeConfirmed, RequestFulfilled, plus RecognitionAwarded for a helper's first
help). Once as the baseline: the same storage opened with ``log_events=False``, a
constructor flag that exists only for this comparison (it is no setting and no part of
the public API), so nothing is logged. The variants run interleaved in one process;
the cost is ``median(with log) / median(without) - 1`` of the wall time (the
headline) and of the CPU time (steadier when other processes share the machine). The
same run also alternates short blocks of cycles on two long-lived platforms, one per
variant, and takes the median of the ratios of neighbouring blocks: on a busy machine
both variants then meet the same load.

Two storages: the memory storage (2,000 cycles a repeat) and a SQLite file (150 cycles
a repeat; each variant a file of its own on the same disk).

Target (issue): at most +15% on a full exchange cycle, on memory and on SQLite.

Run: ``.venv/bin/python benchmarks/event_log_overhead.py`` (``--quick`` for a smoke test).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile

import _common as c

import sorgende
from sorgende import ActorKind
from sorgende.default_plugins.memory_storage import MemoryStorage
from sorgende.default_plugins.sql.storage import SQLStorage

TARGET_OVERHEAD = 0.15


class WithoutLog:
    """Opens the storage without an event log (registered last, so it is asked first)."""

    @sorgende.hookimpl
    def sorgende_open_storage(self, url, registry):
        if url.startswith("memory://"):
            return MemoryStorage(url, registry, log_events=False)
        if url.startswith("sqlite"):
            return SQLStorage(url, registry=registry, log_events=False)
        return None


def workload(url: str, with_log: bool, persons: int) -> c.Workload:
    platform = sorgende.open(
        url,
        plugins=[] if with_log else [WithoutLog()],
        load_entrypoints=False,
        clock=c.fixed_clock,
        settings=sorgende.Settings(load_entrypoints=False),
    )
    community = platform.create_community("Benchmark-Gemeinde")
    place = community.add_place("Musterdorf")
    ids = [
        community.register_actor(ActorKind.PERSON, f"Person {k}", home_place_id=place.id).id
        for k in range(persons)
    ]
    return c.Workload(platform, community, place.id, ids)


def measure(storage: str, cycles: int, repeats: int, persons: int, tmp: str) -> dict:
    made = [0]

    def url() -> str:
        if storage == "memory":
            return "memory://"
        made[0] += 1
        return f"sqlite:///{os.path.join(tmp, f'log-{made[0]}.db')}"

    # the log really is written, and really not written in the baseline
    for with_log in (True, False):
        check = workload(url(), with_log, persons)
        before = check.platform.storage.event_log().head(check.community.community_id)
        check.cycles(0, 10)
        logged = check.platform.storage.event_log().head(check.community.community_id) - before
        expected = 7 * 10 + 10 if with_log else 0  # + the first recognition of each helper
        if logged != expected:
            raise SystemExit(f"{logged} events logged for 10 cycles, expected {expected}")
        check.platform.close()

    platforms: list[sorgende.Platform] = []

    def prepare(with_log: bool):
        def build():
            for old in platforms:
                old.close()
            platforms.clear()
            w = workload(url(), with_log, persons)
            platforms.append(w.platform)
            return lambda: w.cycles(0, cycles)

        return build

    t = c.interleaved(
        [("without log", prepare(False)), ("event log", prepare(True))],
        ops=cycles,
        repeats=repeats,
    )
    for old in platforms:
        old.close()
    base, logged = t["without log"], t["event log"]

    # the same comparison in short alternating blocks on two long-lived platforms: both
    # variants see the same moments of a busy machine, and each pair of neighbouring
    # blocks gives one ratio (the median of those is the steadier figure)
    block = max(cycles // 10, 10)
    pairs = 3 * repeats
    blocks = {True: workload(url(), True, persons), False: workload(url(), False, persons)}
    wall: dict[bool, list[float]] = {True: [], False: []}
    cpu: dict[bool, list[float]] = {True: [], False: []}
    for i in range(pairs):
        for with_log in (True, False) if i % 2 else (False, True):
            w = blocks[with_log]
            seconds, cpu_seconds = c.time_block_cpu(
                lambda w=w, i=i: w.cycles(i * block, block), block
            )
            wall[with_log].append(seconds)
            cpu[with_log].append(cpu_seconds)
    for w in blocks.values():
        w.platform.close()
    block_wall = statistics.median(a / b - 1 for a, b in zip(wall[True], wall[False], strict=True))
    block_cpu = statistics.median(a / b - 1 for a, b in zip(cpu[True], cpu[False], strict=True))
    pair = sorted(b / a - 1 for a, b in zip(base.per_op, logged.per_op, strict=True))
    return {
        "storage": storage,
        "cycles_per_repeat": cycles,
        "repeats": repeats,
        "without_log": base.as_dict(),
        "event_log": logged.as_dict(),
        "cycles_per_s_without_log": base.rate(),
        "cycles_per_s_event_log": logged.rate(),
        "overhead": logged.median / base.median - 1,
        "overhead_best": logged.best / base.best - 1,
        "pair_overhead_min": pair[0],
        "pair_overhead_max": pair[-1],
        "extra_per_use_case_s": (logged.median - base.median) / 5,
        "wall_over_cpu": base.wall_over_cpu,
        "blocks": {"pairs": pairs, "cycles_per_block": block},
        "block_overhead": block_wall,
        "block_overhead_cpu": block_cpu,
        "overhead_cpu": statistics.median(logged.cpu_per_op) / statistics.median(base.cpu_per_op)
        - 1,
    }


def main() -> dict:
    args = c.parse_args(__doc__.splitlines()[0])
    repeats = 3 if args.quick else 7
    persons = 200
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        runs.append(measure("memory", 300 if args.quick else 2_000, repeats, persons, tmp))
        runs.append(measure("sqlite", 30 if args.quick else 150, repeats, persons, tmp))
    result = {
        "benchmark": "event_log_overhead",
        "machine": c.machine(),
        "runs": runs,
        "target_overhead": TARGET_OVERHEAD,
        # judged on the interleaved median, the headline; the blocks' figure beside it
        "target_met": all(r["overhead"] <= TARGET_OVERHEAD for r in runs),
    }
    print("event_log_overhead: exchange cycles with the event log vs the same storage without")
    for r in runs:
        print(
            f"  {r['storage']:6}: {r['repeats']} repeats x {r['cycles_per_repeat']:,} cycles,"
            f" interleaved"
        )
        print(
            f"    without log: {r['cycles_per_s_without_log']:10,.1f} cycles/s"
            f" ({c.fmt_us(r['without_log']['median_s'])}/cycle)"
        )
        print(
            f"    event log  : {r['cycles_per_s_event_log']:10,.1f} cycles/s"
            f" ({c.fmt_us(r['event_log']['median_s'])}/cycle)"
        )
        print(
            f"    added: {r['overhead']:+.1%} (median), {r['overhead_best']:+.1%} (best),"
            f" repeat pairs {r['pair_overhead_min']:+.1%}..{r['pair_overhead_max']:+.1%};"
            f" {c.fmt_us(r['extra_per_use_case_s'])} per use case;"
            f" wall/CPU {r['wall_over_cpu']:.2f}"
        )
        print(f"    added in CPU time: {r['overhead_cpu']:+.1%} (median)")
        print(
            f"    alternating blocks ({r['blocks']['pairs']} pairs of"
            f" {r['blocks']['cycles_per_block']} cycles, long-lived platforms):"
            f" {r['block_overhead']:+.1%} wall, {r['block_overhead_cpu']:+.1%} CPU (median"
            " of the pairs)"
        )
    verdict = "MET" if result["target_met"] else "NOT MET"
    print(f"  target <= +{TARGET_OVERHEAD:.0%}: {verdict}")
    c.write_json(args.json, result)
    return result


if __name__ == "__main__":
    sys.exit(main() and 0)
