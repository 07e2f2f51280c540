"""Service-level helpers: a small town on a platform, a clock, jobs run at once."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

import attrs

from sorgende.domain.actors import Actor, ActorKind, CommunityRole, Role
from sorgende.domain.community import Place, PlaceKind
from sorgende.domain.policy import OPERATOR
from sorgende.domain.values import TimeWindow
from sorgende.services.community import CommunityService
from sorgende.services.platform import Platform
from sorgende.testing.contract.seed import (
    T0,
)

# --- service level ------------------------------------------------------------------


class Clock:
    """A thread-safe clock that ticks one second per reading."""

    def __init__(self, start: datetime = T0) -> None:
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            self._now += timedelta(seconds=1)
            return self._now

    def advance_to(self, moment: datetime) -> None:
        """Move on to ``moment`` (if it is later): the help of an exchange has begun."""
        with self._lock:
            self._now = max(self._now, moment)


@attrs.frozen
class Town:
    """A community set up through the use cases."""

    c: CommunityService
    daun: Place
    anna: Actor
    ben: Actor
    dora: Actor
    carla: Actor  # coordinator

    def window(self, days: int = 1) -> TimeWindow:
        start = T0 + timedelta(days=days)
        return TimeWindow(start, start + timedelta(hours=2))


def settle_town(platform: Platform) -> Town:
    c = platform.create_community("Verbandsgemeinde Daun")
    daun = c.add_place("Daun", PlaceKind.TOWN, population=8000)
    verein = c.register_actor(ActorKind.ASSOCIATION, "Bürger für Bürger e.V.")
    # the backbone association: its coordinators coordinate the whole community
    verein = c.grant_role(verein.id, CommunityRole.COORDINATOR, by=OPERATOR)
    anna = c.register_actor(ActorKind.PERSON, "Anna", home_place_id=daun.id)
    ben = c.register_actor(ActorKind.PERSON, "Ben", home_place_id=daun.id)
    dora = c.register_actor(ActorKind.PERSON, "Dora", home_place_id=daun.id)
    carla = c.register_actor(ActorKind.PERSON, "Carla", home_place_id=daun.id)
    carla = c.add_membership(carla.id, verein.id, Role.COORDINATOR)
    return Town(c, daun, anna, ben, dora, carla)


def run_together(jobs: Sequence[Callable[[], object]]) -> list[object]:
    """Run ``jobs`` in threads released at once; each job's result or exception."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(i: int, job: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = job()
        except BaseException as exc:  # reported to the test
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    # switch threads often, so that the units of work interleave even in one process
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
            assert not thread.is_alive(), "a unit of work hung (deadlock?)"
    finally:
        sys.setswitchinterval(interval)
    return results
