"""Profiles (cProfile) of the exchange cycle and of the JSON round trip.

Prints the top functions by own time (``tottime``) and by cumulative time, for

* ``cycles``: 2,000 exchange cycles of the ``exchange_cycles.py`` workload (fresh
  platform, fixed clock, default plugins only), after 2,000 warm-up cycles on the
  same platform so that the history is not empty;
* ``json``: 20,000 cattrs JSON round trips (``to_json`` + ``from_json``) of the
  ``json_roundtrip.py`` exchange.

cProfile adds a fixed cost to every Python-level call, so it overstates code made of
many small calls; use it to find where the time goes, and the benchmarks for how much.

Run: ``.venv/bin/python benchmarks/profile_hotspots.py [cycles|json] [--top N]
[--dump DIR]`` (``--dump`` writes ``.prof`` files for snakeviz or pstats).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats

import _common as c


def _report(profile: cProfile.Profile, title: str, top: int, dump: str | None, name: str) -> None:
    print(f"=== {title} ===")
    for key in ("tottime", "cumulative"):
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        stats.strip_dirs().sort_stats(key).print_stats(top)
        text = out.getvalue()
        # keep the table, drop pstats' preamble lines about the file
        start = text.find("   ncalls")
        print(f"--- top {top} by {key} ---")
        header = [line for line in text[:start].splitlines() if "function calls" in line]
        print("\n".join(header))
        print(text[start:].rstrip())
        print()
    if dump:
        os.makedirs(dump, exist_ok=True)
        profile.dump_stats(os.path.join(dump, f"{name}.prof"))


def profile_cycles(top: int, dump: str | None) -> None:
    w = c.make_workload(persons=200)
    w.cycles(0, 2_000)  # warm-up; history of 2,000 exchanges
    profile = cProfile.Profile()
    profile.enable()
    w.cycles(2_000, 2_000)
    profile.disable()
    _report(profile, "2,000 exchange cycles (after 2,000 warm-up cycles)", top, dump, "cycles")


def profile_json(top: int, dump: str | None) -> None:
    import json_roundtrip as jr

    from sorgende.domain.exchanges import Exchange
    from sorgende.serialization import from_json, to_json

    exchange = jr.sample_exchange()
    for _ in range(1_000):  # warm-up: cattrs builds its hooks on first use
        from_json(to_json(exchange), Exchange)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(20_000):
        from_json(to_json(exchange), Exchange)
    profile.disable()
    _report(profile, "20,000 cattrs JSON round trips of an Exchange", top, dump, "json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", nargs="*", help="cycles and/or json (default: both)")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--dump", metavar="DIR")
    args = parser.parse_args()
    which = args.which or ["cycles", "json"]
    unknown = set(which) - {"cycles", "json"}
    if unknown:
        parser.error(f"unknown profile(s): {', '.join(sorted(unknown))}; choose cycles, json")
    if "cycles" in which:
        profile_cycles(args.top, args.dump)
    if "json" in which:
        profile_json(args.top, args.dump)


if __name__ == "__main__":
    main()
