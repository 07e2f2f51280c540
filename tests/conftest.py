"""Shared fixtures: a platform on memory storage with a clock the test controls."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import attrs
import pytest

import sorgende
from sorgende import (
    OPERATOR,
    ActorKind,
    CommunityRole,
    CommunityService,
    Platform,
    Qualification,
    QualificationKind,
    Role,
    TimeWindow,
)
from sorgende.domain.actors import Actor
from sorgende.domain.community import Place


class Clock:
    """A settable clock: ``clock()`` is now; ``clock.advance(hours=2)`` moves it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # a Monday


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def platform(clock: Clock) -> Iterator[Platform]:
    with sorgende.open("memory://", clock=clock, load_entrypoints=False) as p:
        yield p


@attrs.define
class World:
    """A small community: Daun and Mehren, a recipient, two helpers, a coordinator."""

    c: CommunityService
    daun: Place
    mehren: Place
    verein: Actor
    anna: Actor  # recipient, lives in Daun
    ben: Actor  # helper with a driving licence, lives in Daun
    dora: Actor  # helper, lives in Mehren
    carla: Actor  # coordinator of the Verein
    stranger: Actor
    clock: Clock

    def window(self, days: float = 1, hours: float = 2) -> TimeWindow:
        start = self.clock.now + timedelta(days=days)
        return TimeWindow(start, start + timedelta(hours=hours))

    def request(
        self, category: str = "shopping", hours: float = 1.5, **kw: object
    ) -> sorgende.HelpRequest:
        kw.setdefault("place_id", self.daun.id)
        return self.c.post_request(
            self.anna.id,
            category,
            window=self.window(),
            hours=hours,
            **kw,  # type: ignore[arg-type]
        )

    def accepted(self, **kw: object) -> sorgende.Exchange:
        request = self.request(**kw)
        proposed = self.c.propose(request_id=request.id, by=self.ben.id)
        return self.c.accept(proposed.id, by=self.anna.id)

    def begun(self, exchange: sorgende.Exchange) -> sorgende.Exchange:
        """Let time pass until the exchange's help begins: only then can it be reported
        as done (or as a no-show)."""
        self.clock.now = max(self.clock.now, exchange.scheduled)
        return exchange

    def completed(self, **kw: object) -> sorgende.Exchange:
        exchange = self.begun(self.accepted(**kw))
        return self.c.complete(exchange.id, by=self.ben.id)


@pytest.fixture
def world(platform: Platform, clock: Clock) -> World:
    c = platform.create_community("Verbandsgemeinde Daun")
    daun = c.add_place("Daun", sorgende.PlaceKind.TOWN, population=8000, lat=50.1986, lon=6.8319)
    mehren = c.add_place("Mehren", population=1400, lat=50.1833, lon=6.8769)
    verein = c.register_actor(ActorKind.ASSOCIATION, "Bürger für Bürger e.V.")
    # the backbone association: its coordinators coordinate the whole community
    verein = c.grant_role(verein.id, CommunityRole.COORDINATOR, by=OPERATOR)
    anna = c.register_actor(ActorKind.PERSON, "Anna", home_place_id=daun.id, birth_year=1938)
    licence = Qualification(QualificationKind.DRIVING_LICENCE, START.date() - timedelta(days=9000))
    ben = c.register_actor(ActorKind.PERSON, "Ben", home_place_id=daun.id, qualifications=[licence])
    dora = c.register_actor(ActorKind.PERSON, "Dora", home_place_id=mehren.id)
    carla = c.register_actor(ActorKind.PERSON, "Carla", home_place_id=daun.id)
    carla = c.add_membership(carla.id, verein.id, Role.COORDINATOR)
    stranger = c.register_actor(ActorKind.PERSON, "Stefan")
    return World(c, daun, mehren, verein, anna, ben, dora, carla, stranger, clock)
