"""Common random numbers: the paired interval of the platform-share lever.

Runs the baseline at ``population.care_platform_share`` 0.25 and 0.35 with the same
seeds and prints the mean paired difference of the share of unmet needs and the
width of its 95% t interval. Run it on two checkouts to compare (the figures in
docs/performance.md)::

    .venv/bin/python benchmarks/sim_crn.py --seeds 20 --days 60 --scale 0.1
"""

from __future__ import annotations

import argparse
import math
import statistics
import time

import attrs

from sorgende.sim.config import SimConfig, with_overrides
from sorgende.sim.model import CareModel

T975 = {
    4: 2.776,
    9: 2.262,
    19: 2.093,
    29: 2.045,
    39: 2.023,
    79: 1.990,
}


def unmet_share(config: SimConfig) -> float:
    summary = CareModel(config).run().summary
    met, unmet = summary["requests_met"], summary["requests_unmet"]
    return float(unmet / (met + unmet)) if met + unmet else 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--scale", type=float, default=0.1)
    args = parser.parse_args()
    # the default plugins only: installed plugins would change the model (and an older
    # checkout run through PYTHONPATH may not know their hooks)
    base = with_overrides(
        SimConfig(days=args.days, load_entrypoints=False), {"population.scale": args.scale}
    )
    started = time.perf_counter()
    diffs = []
    for seed in range(1, args.seeds + 1):
        low = unmet_share(attrs.evolve(base, seed=seed))
        high = unmet_share(
            with_overrides(attrs.evolve(base, seed=seed), {"population.care_platform_share": 0.35})
        )
        diffs.append(high - low)
    mean = statistics.fmean(diffs)
    sd = statistics.stdev(diffs)
    t = T975.get(args.seeds - 1, 1.96)
    width = 2 * t * sd / math.sqrt(len(diffs))
    print(
        f"seeds={args.seeds} days={args.days} scale={args.scale} "
        f"mean_diff={mean:.4f} sd={sd:.4f} ci95_width={width:.4f} "
        f"seconds={time.perf_counter() - started:.1f}"
    )


if __name__ == "__main__":
    main()
