"""Facts the package carries: the places of Verbandsgemeinde Daun and who asks for what.

Public API. Used by :mod:`sorgende.demo` and :mod:`sorgende.sim` alike, so that the
simulation does not depend on the demo. The data files sit next to this module.
"""

from __future__ import annotations

from sorgende.data.daun import (
    COMMUNITY_NAME,
    DATA_FILE,
    FAMILY_NEEDS,
    HELPER_SKILLS,
    MUTUAL_NEEDS,
    NEWCOMER_NEEDS,
    SENIOR_NEEDS,
    SENIOR_WITHOUT_PHONE_NEEDS,
    START,
    TZ,
    PlaceRecord,
    load_places,
    parse_places,
)

__all__ = [
    "COMMUNITY_NAME",
    "DATA_FILE",
    "FAMILY_NEEDS",
    "HELPER_SKILLS",
    "MUTUAL_NEEDS",
    "NEWCOMER_NEEDS",
    "SENIOR_NEEDS",
    "SENIOR_WITHOUT_PHONE_NEEDS",
    "START",
    "TZ",
    "PlaceRecord",
    "load_places",
    "parse_places",
]
