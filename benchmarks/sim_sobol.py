"""A Sobol analysis of three parameters on 60-day runs: its wall time on this machine.

Saltelli sample of ``n · (3 + 2)`` points (first-order and total indices), one run per
point, on a process pool of ``--workers`` processes; prints the wall time and the indices
of the share of unmet needs. The figure and the command are in docs/performance.md::

    .venv/bin/python benchmarks/sim_sobol.py --n 32 --days 60 --scale 0.1 --workers 2
"""

from __future__ import annotations

import argparse
import time

import attrs

from sorgende import Settings
from sorgende.sim.config import SimConfig, with_overrides
from sorgende.sim.designs import Design
from sorgende.sim.sweeps import SweepSpec, sweep


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=32)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    base = with_overrides(
        SimConfig(days=args.days, scenario="coordinator", load_entrypoints=False),
        {"population.scale": args.scale, "coordinator.matches_per_day": 0},
    )
    design = Design(
        bounds={
            "coordinator.staff_hours_per_week": (0.0, 39.0),
            "helping.accept_probability": (0.1, 0.4),
            "population.volunteer_platform_share": (0.05, 0.2),
        },
        n=args.n,
        outputs=("share_unmet",),
    )
    spec = SweepSpec(base=attrs.evolve(base), design=design)
    started = time.perf_counter()
    result = sweep(
        spec, settings=Settings(load_entrypoints=False), progress=False, max_workers=args.workers
    )
    seconds = time.perf_counter() - started
    print(f"runs={len(result.runs)} days={args.days} scale={args.scale} workers={args.workers} "
          f"seconds={seconds:.1f} failed={len(result.failed)}")  # fmt: skip
    for row in result.sensitivity:
        print(f"  {row['parameter']}: S1 {row['S1']:.2f} ± {row['S1_conf']:.2f}, "
              f"ST {row['ST']:.2f} ± {row['ST_conf']:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
