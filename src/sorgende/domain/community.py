"""The tenant (a caring community) and its places."""

from __future__ import annotations

import enum
import math
import uuid

import attrs

from sorgende.domain.values import new_id

DEFAULT_TIME_ZONE = "Europe/Berlin"

#: the settings a community's administrator may change (``change_settings``)
SETTINGS = (
    "name",
    "solidarity_policy",
    "time_zone",
    "adjustment_threshold_minutes",
    "window_grace_hours",
    "window_horizon_days",
)


class SolidarityPolicy(enum.StrEnum):
    """Who pays the hours of an exchange when the recipient cannot give back."""

    #: every recipient pays their own hours
    NONE = "none"
    #: recipients a coordinator marked as ``receives_solidarity`` are paid for by the community
    MARKED_RECIPIENTS = "marked_recipients"
    #: the community pays for every exchange (a pure volunteering ledger)
    ALL = "all"


@attrs.frozen
class Community:
    """A caring community (Sorgende Gemeinschaft): one tenant, e.g. a Verbandsgemeinde."""

    name: str
    id: uuid.UUID = attrs.field(factory=new_id)
    solidarity_policy: SolidarityPolicy = SolidarityPolicy.MARKED_RECIPIENTS
    #: the ledger account of the community's solidarity fund (Solidaritätskonto)
    solidarity_account: uuid.UUID = attrs.field(factory=new_id)
    #: the community's time zone: local dates in texts for people, the clock's day
    time_zone: str = DEFAULT_TIME_ZONE
    #: an adjustment of more minutes than this needs a second ledger keeper's approval
    adjustment_threshold_minutes: int = 120
    #: how far in the past a request's or offer's window may start (recording help late)
    window_grace_hours: int = 24
    #: how far ahead a request's or offer's window may lie
    window_horizon_days: int = 730
    version: int = 1


class PlaceKind(enum.StrEnum):
    TOWN = "town"  # Stadt
    VILLAGE = "village"  # Ortsgemeinde
    DISTRICT = "district"  # Stadtteil, Ortsteil


@attrs.frozen
class Place:
    """A village, town or district of a community (Ort, Ortsgemeinde, Stadtteil)."""

    community_id: uuid.UUID
    name: str
    kind: PlaceKind = PlaceKind.VILLAGE
    id: uuid.UUID = attrs.field(factory=new_id)
    population: int | None = None
    area_km2: float | None = None
    lat: float | None = None
    lon: float | None = None

    def distance_km(self, other: Place) -> float | None:
        """Great-circle distance, or ``None`` when a place has no coordinates."""
        if None in (self.lat, self.lon, other.lat, other.lon):
            return None
        return haversine_km(self.lat, self.lon, other.lat, other.lon)  # type: ignore[arg-type]


EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))
