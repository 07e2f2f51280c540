"""A test kit for sorgende and its plugins.

* :mod:`sorgende.testing.strategies`: Hypothesis strategies for every entity, value
  object and event of the model;
* :mod:`sorgende.testing.contract`: the contract suite every storage plugin runs
  against itself (needs pytest);
* :func:`equivalent`: equality of records as JSON or a storage can keep them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs

from sorgende.testing.strategies import (
    EVENT_CLASSES,
    Entity,
    actors,
    aware_datetimes,
    categories,
    commitments,
    communities,
    consents,
    domain_events,
    entities,
    entries,
    exchanges,
    help_offers,
    help_requests,
    memberships,
    places,
    postings,
    qualifications,
    recognitions,
    recurrences,
    status_changes,
    time_windows,
    time_zones,
    transition_records,
)

__all__ = [
    "EVENT_CLASSES",
    "Entity",
    "actors",
    "aware_datetimes",
    "categories",
    "commitments",
    "communities",
    "consents",
    "differences",
    "domain_events",
    "entities",
    "entries",
    "equivalent",
    "exchanges",
    "help_offers",
    "help_requests",
    "memberships",
    "places",
    "postings",
    "qualifications",
    "recognitions",
    "recurrences",
    "status_changes",
    "time_windows",
    "time_zones",
    "transition_records",
]


def differences(a: Any, b: Any, path: str = "$") -> list[str]:
    """Where ``a`` and ``b`` differ, as paths with both values (empty if equivalent).

    Stricter than ``==`` in one way: types must match exactly (an event comes back as
    the same subclass, a frozenset as a frozenset). Looser in one way: two datetimes
    are the same when their wall time and UTC offset are, so a time that lost its
    zone name (``Europe/Berlin`` becoming ``+01:00``) still counts as unchanged.
    """
    if type(a) is not type(b):
        return [f"{path}: {type(a).__name__} {a!r} != {type(b).__name__} {b!r}"]
    if isinstance(a, datetime):
        same = a.replace(tzinfo=None) == b.replace(tzinfo=None) and a.utcoffset() == b.utcoffset()
        return [] if same else [f"{path}: {a.isoformat()} != {b.isoformat()}"]
    if attrs.has(type(a)):
        found: list[str] = []
        for field in attrs.fields(type(a)):
            found += differences(
                getattr(a, field.name), getattr(b, field.name), f"{path}.{field.name}"
            )
        return found
    if isinstance(a, tuple | list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items != {len(b)} items"]
        found = []
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            found += differences(x, y, f"{path}[{i}]")
        return found
    if isinstance(a, dict):
        if a.keys() != b.keys():
            return [f"{path}: keys {sorted(a)} != {sorted(b)}"]
        found = []
        for key in a:
            found += differences(a[key], b[key], f"{path}[{key!r}]")
        return found
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


def equivalent(a: Any, b: Any) -> bool:
    """Whether ``a`` and ``b`` are the same record (see :func:`differences`)."""
    return not differences(a, b)
