"""Verbandsgemeinde Daun: its places with their 2021 populations, and who asks for what.

The facts the demo and the simulation share. The places come with the package
(``sorgende/data/vg_daun_2021.csv``) and are read by :func:`load_places`; the tuples
below say which kinds of help people of each group ask for and helpers offer.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone
from importlib import resources

import attrs

from sorgende.domain.community import PlaceKind
from sorgende.errors import MalformedData

COMMUNITY_NAME = "Verbandsgemeinde Daun"
DATA_FILE = "vg_daun_2021.csv"
#: Central European Time, as a fixed offset so the demo needs no time-zone database
TZ = timezone(timedelta(hours=1), "MEZ")
#: the demo starts on a Monday morning
START = datetime(2026, 3, 2, 8, 0, tzinfo=TZ)

_KINDS = {"Stadt": PlaceKind.TOWN, "Ortsgemeinde": PlaceKind.VILLAGE}
_COLUMNS = ("place", "kind", "area_km2", "population", "lat", "lon")

# --- the places ---------------------------------------------------------------------


@attrs.frozen
class PlaceRecord:
    """One place of VG Daun as published for 31 Dec 2021."""

    name: str
    kind: PlaceKind
    area_km2: float
    population: int
    lat: float
    lon: float


def load_places() -> list[PlaceRecord]:
    """The 38 places of Verbandsgemeinde Daun, read from the package's data."""
    text = resources.files("sorgende.data").joinpath(DATA_FILE).read_text(encoding="utf-8")
    return parse_places(text, source=DATA_FILE)


def parse_places(text: str, source: str = "places") -> list[PlaceRecord]:
    """Place records from CSV text with the columns ``place,kind,area_km2,population,lat,lon``."""
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != _COLUMNS:
        raise MalformedData(source, [f"columns are {reader.fieldnames}, expected {_COLUMNS}"])
    records: list[PlaceRecord] = []
    problems: list[str] = []
    for line, row in enumerate(reader, start=2):
        try:
            records.append(
                PlaceRecord(
                    name=row["place"].strip(),
                    kind=_KINDS[row["kind"].strip()],
                    area_km2=float(row["area_km2"]),
                    population=int(row["population"]),
                    lat=float(row["lat"]),
                    lon=float(row["lon"]),
                )
            )
        except (KeyError, ValueError, AttributeError) as exc:
            problems.append(f"line {line}: {exc!r}")
    if problems:
        raise MalformedData(source, problems)
    return records


# --- who asks for what ------------------------------------------------------------

#: what helpers like to do (their skills)
HELPER_SKILLS = (
    "shopping", "rides", "visits", "garden", "repairs", "tech_help", "childcare",
    "tutoring", "translation", "paperwork",
)  # fmt: skip
#: what people ask for, by kind of recipient
SENIOR_NEEDS = (
    "shopping", "shopping", "rides", "rides", "rides", "visits", "garden", "repairs",
    "tech_help", "paperwork",
)  # fmt: skip
FAMILY_NEEDS = ("childcare", "childcare", "tutoring", "rides", "repairs", "garden")
MUTUAL_NEEDS = ("garden", "repairs", "tech_help", "rides", "childcare")
NEWCOMER_NEEDS = ("translation", "translation", "paperwork", "tutoring", "rides")
SENIOR_WITHOUT_PHONE_NEEDS = ("rides", "visits", "repairs", "garden")
