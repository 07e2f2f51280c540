"""Shared measurement: the indicators of a caring community, one definition each.

The engine (:mod:`sorgende.indicators.engine`) reads a community's event log and keeps
cells by month, place, organisation and category; :func:`figures` rolls them up,
counts persons only with their statistics consent and suppresses small cells. The web
dashboard, the impact plugin's reports and the simulation's collector all read them
here, so a simulated community and a real one are measured alike (``docs/impact.md``).
"""

from sorgende.indicators.definitions import (
    BY_CODE,
    DEFAULT_THRESHOLD,
    INDICATORS,
    Indicator,
    Unit,
)
from sorgende.indicators.engine import Cell, Engine, Key, Lookup, UnitLookup, month_of, next_month
from sorgende.indicators.figures import (
    DIMENSIONS,
    Figure,
    Scope,
    figures,
    roll_up,
    scope_of,
    values,
)
from sorgende.indicators.live import engine, rebuilt

__all__ = [
    "BY_CODE",
    "DEFAULT_THRESHOLD",
    "DIMENSIONS",
    "INDICATORS",
    "Cell",
    "Engine",
    "Figure",
    "Indicator",
    "Key",
    "Lookup",
    "Scope",
    "Unit",
    "UnitLookup",
    "engine",
    "figures",
    "month_of",
    "next_month",
    "rebuilt",
    "roll_up",
    "scope_of",
    "values",
]
