"""What-if figures for the JSON round trip: sorgende's converter with faster hooks.

Not part of ``run_all.py``: it measures candidate optimisations of
``sorgende.serialization`` without changing it. Each variant is
``make_converter()`` plus some hooks registered on top; the round trip is
``structure(loads(dumps(unstructure(exchange))))`` as in ``to_json``/``from_json``.
Variants (cumulative where named so):

* ``enum table``: StrEnum fields looked up in the class's value table instead of
  ``cls(value)`` (which goes through ``EnumType.__call__``);
* ``native UUIDs`` / ``native datetimes``: leave UUIDs / datetimes to orjson when
  dumping (orjson writes both natively, with the same text for UTC datetimes; a
  ``ZoneInfo`` datetime's ``[zone]`` suffix would need the existing hook);
* ``UUID cache``: parse UUID strings through a bounded ``lru_cache``. The benchmark
  loads the same record again and again, so every lookup hits: this is the upper
  bound of the gain; real loads repeat community, actor and place ids but not the
  ids of the records themselves.

Every variant is checked to give back an equal exchange with the same field types.
The baseline is pydantic v2 with the models of ``json_roundtrip.py``, same run.
Times are CPU times (``time.process_time``) of 5,000 round trips, median of 7
interleaved repeats.

Run: ``.venv/bin/python benchmarks/json_variants.py`` (``--quick`` for a smoke test).
"""

from __future__ import annotations

import enum
import functools
import gc
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from itertools import repeat
from typing import Any

import _common as c
import json_roundtrip as jr
import orjson

from sorgende import serialization as s
from sorgende.domain.exchanges import Exchange


@functools.lru_cache(maxsize=65_536)
def _parse_uuid(text: str) -> uuid.UUID:
    return uuid.UUID(text)


def _cached_uuid(value: Any, cls: Any = None) -> uuid.UUID:
    if type(value) is str:
        return _parse_uuid(value)
    return s._structure_uuid(value, cls)


def _cached_optional_uuid(value: Any, cls: Any = None) -> uuid.UUID | None:
    return None if value is None else _cached_uuid(value)


def _enum_by_table(value: Any, cls: type[enum.Enum], _tables: dict = {}) -> enum.Enum:  # noqa: B006
    table = _tables.get(cls)
    if table is None:
        table = _tables[cls] = dict(cls._value2member_map_)
    try:
        return table[value]
    except (KeyError, TypeError):
        shipped = getattr(s, "_structure_enum", None)  # the shipped hook: same errors
        return shipped(value, cls) if shipped else cls(value)


def converter(
    *, enum_table: bool = False, native: tuple[type, ...] = (), uuid_cache: bool = False
) -> Any:
    conv = s.make_converter()
    if enum_table:
        conv.register_structure_hook(enum.StrEnum, _enum_by_table)
        conv.register_structure_hook(enum.Enum, _enum_by_table)
    for cls in native:
        conv.register_unstructure_hook(cls, lambda value: value)
    if uuid_cache:
        conv.register_structure_hook(uuid.UUID, _cached_uuid)
        conv.register_structure_hook(uuid.UUID | None, _cached_optional_uuid)
    return conv


def main() -> dict:
    args = c.parse_args(__doc__.splitlines()[0])
    repeats = 3 if args.quick else 7
    n = 1_000 if args.quick else 5_000
    exchange = jr.sample_exchange()
    model = jr.as_model(exchange)
    shipped_text = s.to_json(exchange)

    def round_trip(conv: Any) -> Callable[[], Exchange]:
        return lambda: conv.structure(
            orjson.loads(orjson.dumps(conv.unstructure(exchange))), Exchange
        )

    both = (uuid.UUID, datetime)
    variants: dict[str, Callable[[], Any]] = {
        "shipped to_json + from_json": lambda: s.from_json(s.to_json(exchange), Exchange),
        "enum table": round_trip(converter(enum_table=True)),
        "enum table + native UUIDs": round_trip(converter(enum_table=True, native=(uuid.UUID,))),
        "enum table + native UUIDs, datetimes": round_trip(converter(enum_table=True, native=both)),
        "enum table + UUID cache": round_trip(converter(enum_table=True, uuid_cache=True)),
        "enum table + native UUIDs + UUID cache": round_trip(
            converter(enum_table=True, native=(uuid.UUID,), uuid_cache=True)
        ),
        "all of the above": round_trip(converter(enum_table=True, native=both, uuid_cache=True)),
        "pydantic v2 (baseline)": lambda: jr.ExchangeModel.model_validate_json(
            model.model_dump_json()
        ),
    }
    for name, run in variants.items():
        want = model if name.startswith("pydantic") else exchange
        problems = jr.type_problems(run(), want)
        if problems:
            raise SystemExit(f"{name}: {problems}")
    for name, conv in (("native", converter(native=both)),):
        if orjson.loads(orjson.dumps(conv.unstructure(exchange))) != orjson.loads(shipped_text):
            raise SystemExit(f"{name}: different JSON data")

    times: dict[str, list[float]] = {name: [] for name in variants}
    order = list(variants.items())
    for _ in range(repeats):
        for name, run in order:
            gc.collect()
            gc.disable()
            try:
                start = time.process_time()
                for _ in repeat(None, n):
                    run()
                times[name].append((time.process_time() - start) / n)
            finally:
                gc.enable()
        order = order[1:] + order[:1]
    med = {name: statistics.median(t) for name, t in times.items()}
    base = med["pydantic v2 (baseline)"]
    shipped = med["shipped to_json + from_json"]
    print("json_variants: what-if converters for the Exchange round trip (CPU time, median)")
    print(f"  {repeats} repeats x {n:,} round trips, interleaved, GC off")
    for name, t in med.items():
        print(
            f"  {name:<40}{c.fmt_us(t):>11}  x{t / base:.2f} pydantic"
            f"  ({(t - shipped) * 1e6:+.1f} µs vs shipped)"
        )
    result = {
        "benchmark": "json_variants",
        "machine": c.machine(),
        "median_s": med,
        "ratio_to_pydantic": {k: v / base for k, v in med.items()},
    }
    c.write_json(args.json, result)
    return result


if __name__ == "__main__":
    sys.exit(main() and 0)
