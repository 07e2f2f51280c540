"""The demo community "Verbandsgemeinde Daun" and a few weeks of life in it: public API.

The places and their populations are :mod:`sorgende.data`'s. :func:`build_daun` sets up
the community on a :class:`~sorgende.CommunityService`: the 38 places, the municipality,
the association "Bürger für Bürger e.V.", coordinators, helpers and people who need
help. :func:`play` then lets weeks pass on a :class:`~sorgende.clock.SimClock`, through
the real use cases only. :func:`report` turns the :class:`DemoSummary` into text in
German or English; :func:`run_demo` does it all on a fresh platform (``sorgende demo``).

Import these names from here: the modules of this package (``cast``, ``play``,
``summary``, ``report``) are not public API and may change.
"""

from __future__ import annotations

from sorgende.clock import SimClock
from sorgende.data import COMMUNITY_NAME, START, TZ, PlaceRecord, load_places, parse_places
from sorgende.demo.cast import DEFAULT_SEED, Cast, build_daun
from sorgende.demo.report import report
from sorgende.demo.summary import CommitmentReport, DemoSummary, DisputeReport, HelperBalance
from sorgende.demo.weeks import DEFAULT_WEEKS, MAX_WEEKS, play, run_demo

__all__ = [
    "COMMUNITY_NAME",
    "DEFAULT_SEED",
    "DEFAULT_WEEKS",
    "MAX_WEEKS",
    "START",
    "TZ",
    "Cast",
    "CommitmentReport",
    "DemoSummary",
    "DisputeReport",
    "HelperBalance",
    "PlaceRecord",
    "SimClock",
    "build_daun",
    "load_places",
    "parse_places",
    "play",
    "report",
    "run_demo",
]
