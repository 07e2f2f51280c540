"""What keeping the shared indicators costs on a full exchange cycle (memory storage).

One cycle is the five use cases of ``exchange_cycles.py`` (post_request → propose →
accept → complete → confirm) on ``_common.make_workload``'s platform. Three variants,
interleaved in the same run (A B C, the order rotated each repeat), each on a fresh
platform with 200 persons:

* ``plain``: the cycles alone (the baseline);
* ``every cycle``: after each cycle the indicators are brought up to date
  (``sorgende.indicators.engine``: a read unit of work, the cycle's new events applied,
  the request and the exchange looked up once each): the worst case, a dashboard
  read after every single cycle;
* ``every 100 cycles``: the same every 100th cycle (a dashboard read now and then).

The figure is µs per cycle (median of the repeats, best beside it) and the ratio of each
variant to ``plain``. Target (issue 17): at most +10% on a full exchange cycle.

Run: ``.venv/bin/python benchmarks/impact_cycle.py`` (``--quick``: fewer cycles and
repeats; ``--json PATH`` keeps the figures).
"""

from __future__ import annotations

import statistics
import sys

import _common as c

from sorgende import indicators

TARGET = 1.10


def main() -> None:
    args = c.parse_args(__doc__.splitlines()[0])
    cycles = 300 if args.quick else 2_000
    repeats = 3 if args.quick else 7

    def prepare(every: int | None):  # type: ignore[no-untyped-def]
        def ready():  # type: ignore[no-untyped-def]
            w = c.make_workload()
            platform, cid = w.platform, w.community.community_id
            indicators.engine(platform, cid)  # the setup's events, not timed

            def run() -> None:
                for i in range(cycles):
                    w.cycle(i)
                    if every is not None and i % every == every - 1:
                        indicators.engine(platform, cid)

            return run

        return ready

    # check: the indicators count what the cycles did
    w = c.make_workload()
    for i in range(50):
        w.cycle(i)
    engine = indicators.engine(w.platform, w.community.community_id)
    (ex,) = indicators.figures(
        engine.snapshot(), engine.consent, by=(), threshold=1, indicators=["exchanges"]
    )
    if ex.value != 50:
        raise SystemExit(f"the indicators counted {ex.value} exchanges, not 50")

    timings = c.interleaved(
        [("plain", prepare(None)), ("every cycle", prepare(1)), ("every 100 cycles", prepare(100))],
        cycles,
        repeats,
    )
    base = statistics.median(timings["plain"].per_op)
    result = {"machine": c.machine(), "cycles": cycles, "repeats": repeats, "variants": {}}
    print(f"{cycles} cycles x {repeats} repeats, memory storage")
    for name, timing in timings.items():
        med, best = statistics.median(timing.per_op), min(timing.per_op)
        ratio = med / base
        result["variants"][name] = {"median_s": med, "best_s": best, "ratio": ratio}
        print(f"  {name:18} {c.fmt_us(med)} per cycle (best {c.fmt_us(best)}), x{ratio:.3f}")
    worst = result["variants"]["every cycle"]["ratio"]
    print(f"target: at most x{TARGET:.2f}; every cycle: x{worst:.3f}")
    c.write_json(args.json, result)
    if worst > TARGET and not args.quick:
        sys.exit(1)


if __name__ == "__main__":
    main()
