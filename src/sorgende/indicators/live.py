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

from sorgende.indicators.engine import Engine

_lock = threading.Lock()
_engines: weakref.WeakKeyDictionary[Any, dict[uuid.UUID, Engine]] = weakref.WeakKeyDictionary()


def engine(platform: Any, community_id: uuid.UUID) -> Engine:
    """The community's engine on ``platform``, caught up with its event log."""
    with _lock:
        found = _engines.setdefault(platform, {})
        with platform.read(community_id) as uow:
            current = found.get(community_id)
            if current is None:
                zone = ZoneInfo(uow.community.get().time_zone)
                current = found[community_id] = Engine(community_id, zone)
            current.catch_up(uow)
        return current


def rebuilt(platform: Any, community_id: uuid.UUID) -> Engine:
    """A fresh engine that has read the community's whole log (for checks and rebuilds)."""
    with platform.read(community_id) as uow:
        fresh = Engine(community_id, ZoneInfo(uow.community.get().time_zone))
        fresh.catch_up(uow)
        return fresh
