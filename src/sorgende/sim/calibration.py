"""Calibration you can check: the model's population against published figures.

:data:`PUBLISHED` lists each figure the model is calibrated on with its source as far as
our sources give it (``docs/simulation.md``, section "Calibration"): a table code, URL or
access date that we could not verify is ``None`` and printed as "not given", never
guessed. :func:`calibration` builds the population of a configuration (no platform, no
days) and measures the same figure; a model figure more than 10 % (relative) away from
the published one is flagged.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from sorgende.sim.agents import Resident
from sorgende.sim.config import SimConfig
from sorgende.sim.population import build_population, sim_places

#: relative deviation beyond which a figure is flagged
TOLERANCE = 0.10


@attrs.frozen
class Figure:
    code: str
    label: str
    published: float
    source: str
    table: str | None
    url: str | None
    accessed: str | None
    measure: Callable[[Sequence[Resident]], float | None]


def _share(residents: Sequence[Resident], who: Callable[[Resident], bool],
           what: Callable[[Resident], bool]) -> float | None:  # fmt: skip
    group = [r for r in residents if who(r)]
    return sum(1 for r in group if what(r)) / len(group) if group else None


def _care(low: int, high: int) -> Callable[[Sequence[Resident]], float | None]:
    return lambda rs: _share(rs, lambda r: low <= r.age < high, lambda r: r.needs_care)


PFLEGE = "Pflegestatistik 2021, Statistisches Bundesamt (GBE-Bund)"
FWS = "Freiwilligensurvey 2019 (BMFSFJ/DZA, Simonson et al. 2021)"
GBE_TABLE = "Pflegebedürftige (Anzahl und Quote)"
PUBLISHED: tuple[Figure, ...] = (
    Figure("volunteering_14", "volunteering, aged 14 and over", 0.397, FWS, None, None, None,
           lambda rs: _share(rs, lambda r: r.age >= 14, lambda r: r.volunteers)),
    Figure("volunteering_65", "volunteering, aged 65 and over", 0.312, FWS, None, None, None,
           lambda rs: _share(rs, lambda r: r.age >= 65, lambda r: r.volunteers)),
    Figure("care_all", "in need of care, all ages", 0.060, PFLEGE, GBE_TABLE, None, None,
           lambda rs: _share(rs, lambda r: True, lambda r: r.needs_care)),
    Figure("care_0_75", "in need of care, under 75", 0.023, PFLEGE, GBE_TABLE, None, None,
           _care(0, 75)),
    Figure("care_75_85", "in need of care, 75 to 84", 0.239, PFLEGE, GBE_TABLE, None, None,
           _care(75, 85)),
    Figure("care_85_90", "in need of care, 85 to 89", 0.541, PFLEGE, GBE_TABLE, None, None,
           _care(85, 90)),
    Figure("care_90", "in need of care, 90 and over", 0.816, PFLEGE, GBE_TABLE, None, None,
           _care(90, 200)),
)  # fmt: skip


class _Streams:
    """The random streams of a run with ``seed`` (``WorldBase.stream``), without a run."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def stream(self, name: str) -> random.Random:
        return random.Random(f"sorgende.sim/{self.seed}/{name}")


def calibration(config: SimConfig | None = None) -> list[dict[str, Any]]:
    """Each published figure against the model's population of ``config``."""
    cfg = config if config is not None else SimConfig()
    places = sim_places(cfg.population)
    streams = _Streams(cfg.seed)
    # the same streams as a run's, so these are the people a run with this seed has
    residents = build_population(streams, cfg, places, {}, streams.stream("population"))
    rows = []
    for figure in PUBLISHED:
        model = figure.measure(residents)
        deviation = None if model is None else (model - figure.published) / figure.published
        rows.append(
            {
                "code": figure.code,
                "figure": figure.label,
                "published": figure.published,
                "model": model,
                "deviation": deviation,
                "flag": deviation is None or abs(deviation) > TOLERANCE,
                "source": figure.source,
                "table": figure.table,
                "url": figure.url,
                "accessed": figure.accessed,
            }
        )
    return rows
