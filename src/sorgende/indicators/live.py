"""The engines of a platform's communities, each caught up with its log when read.

One :class:`~sorgende.indicators.Engine` per community and platform, shared by every
reader in the process (the web dashboard, the impact plugin's reports): reading the
figures first applies the events committed since the last read (each event once), so
the figures are current and updating them costs what the new events change. The
platform is anything with ``read(community_id)`` giving a unit of work (a
:class:`sorgende.Platform`); typed loosely because the platform's services sit above.
"""

from __future__ import annotations

import threading
import uuid
import weakref
from typing import Any
from zoneinfo import ZoneInfo

from sorgende.indicators.engine import Cell, Engine, Key

_lock = threading.Lock()
#: id(platform) -> (a weak reference to it, its engines by community); an entry goes with
#: its platform. Keyed by id: a WeakKeyDictionary makes a weak reference per look-up,
#: which costs as much as the rest of reading an engine that is up to date.
_engines: dict[int, tuple[weakref.ref[Any], dict[uuid.UUID, Engine]]] = {}


def _engines_of(platform: Any) -> dict[uuid.UUID, Engine]:
    key = id(platform)
    entry = _engines.get(key)
    if entry is None or entry[0]() is not platform:

        def forget(ref: weakref.ref[Any]) -> None:
            if _engines.get(key, (None,))[0] is ref:
                del _engines[key]

        entry = _engines[key] = (weakref.ref(platform, forget), {})
    return entry[1]


def engine(platform: Any, community_id: uuid.UUID) -> Engine:
    """The community's engine on ``platform``, caught up with its event log."""
    with _lock:
        return _caught_up(platform, community_id)


def _caught_up(platform: Any, community_id: uuid.UUID) -> Engine:
    # called with the lock held
    found = _engines_of(platform)
    with platform.read(community_id) as uow:
        current = found.get(community_id)
        if current is None:
            zone = ZoneInfo(uow.community.get().time_zone)
            current = found[community_id] = Engine(community_id, zone)
        current.catch_up(uow)
    return current


def snapshot(
    platform: Any, community_id: uuid.UUID
) -> tuple[dict[Key, Cell], dict[uuid.UUID, bool]]:
    """The community's cells and consents, caught up and copied under the lock: another
    thread catching up meanwhile cannot change them while they are copied or read."""
    with _lock:
        current = _caught_up(platform, community_id)
        return current.snapshot(), dict(current.consent)


def rebuilt(platform: Any, community_id: uuid.UUID) -> Engine:
    """A fresh engine that has read the community's whole log (for checks and rebuilds)."""
    with platform.read(community_id) as uow:
        fresh = Engine(community_id, ZoneInfo(uow.community.get().time_zone))
        fresh.catch_up(uow)
        return fresh
