"""Ten simulated years of Verbandsgemeinde Daun: does a year cost the same in year ten?

Issue 12 asks that a ten-year simulation cost at most 11x one year (CPU time): a call
whose cost grows with what the community has accumulated (requests, exchanges, postings,
recognitions) makes each later year dearer. This runs the baseline scenario (seed 1,
default plugins only, memory storage) for ten years of daily steps, with the CPU time
(``time.process_time``) of each simulated year, and prints each year's cost against the
first and the whole run against the first year. The first year is the baseline measured
in the same run.

Run: ``.venv/bin/python benchmarks/sim_decade.py [--years N] [--json PATH]``.
"""

from __future__ import annotations

import argparse
import gc
import time

import _common as c

from sorgende import Settings
from sorgende.sim.config import SimConfig
from sorgende.sim.model import CareModel

TARGET_RATIO = 11.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args()
    days = 365 * args.years
    model = CareModel(
        SimConfig(days=days, load_entrypoints=False), settings=Settings(load_entrypoints=False)
    )
    gc.collect()
    years: list[float] = []
    total_cpu = time.process_time()
    for _ in range(args.years):
        cpu = time.process_time()
        for _ in range(365):
            model.step()
        years.append(time.process_time() - cpu)
        print(f"year {len(years):>2}: CPU {years[-1]:6.1f} s ({years[-1] / years[0]:.2f}x year 1)")
    total = time.process_time() - total_cpu
    ratio = total / years[0]
    verdict = "met" if ratio <= TARGET_RATIO else "missed"
    print(
        f"{args.years} years: CPU {total:.1f} s = {ratio:.2f}x year 1"
        f" (target <= {TARGET_RATIO}: {verdict})"
    )
    c.write_json(
        args.json,
        {
            "machine": c.machine(),
            "years_cpu_s": years,
            "total_cpu_s": total,
            "ratio_to_year_1": ratio,
        },
    )


if __name__ == "__main__":
    main()
