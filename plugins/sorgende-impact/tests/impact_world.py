"""A small community for the impact plugin's tests, driven through the real use cases."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import attrs

import sorgende
from sorgende import ActorKind, TimeWindow
from sorgende.domain.actors import Consent
from sorgende.errors import SorgendeError

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
SECRET = "a secret of the tests, long enough"
CATEGORIES = ("shopping", "garden", "repairs")


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@attrs.define
class World:
    platform: sorgende.Platform
    clock: Clock
    service: sorgende.CommunityService
    places: list[uuid.UUID]
    organisation: uuid.UUID
    coordinator: uuid.UUID
    helpers: list[uuid.UUID]
    recipients: list[uuid.UUID]

    @property
    def community_id(self) -> uuid.UUID:
        return self.service.community_id

    def cycle(
        self, helper: int, recipient: int, place: int, category: int, stage: int, wait: float
    ) -> bool:
        """Post a request and take it ``stage`` steps through an exchange (5: confirmed)."""
        s, now = self.service, self.clock.now
        window = TimeWindow(now + timedelta(hours=wait + 1), now + timedelta(hours=wait + 4))
        who = self.recipients[recipient % len(self.recipients)]
        try:
            req = s.post_request(
                who,
                CATEGORIES[category % 3],
                self.places[place % 3],
                window,
                1 + stage % 2,
                organisation_id=self.organisation if place % 2 else None,
            )
            if stage < 1:
                return True
            self.clock.advance(hours=wait)
            ex = s.propose(by=self.helpers[helper % len(self.helpers)], request_id=req.id)
            if stage < 2:
                return True
            s.accept(ex.id, by=who)
            if stage < 3:
                return True
            self.clock.advance(hours=2)
            s.complete(ex.id, by=ex.helper_id)
            if stage < 4:
                return True
            s.confirm(ex.id, by=who)
        except SorgendeError:
            return False
        return True


def build(platform: sorgende.Platform, clock: Clock, *, consenting: int = 4) -> World:
    s = platform.create_community("Testdorf")
    places = [s.add_place(name).id for name in ("Daun", "Mehren", "Schalkenmehren")]
    org = s.register_actor(ActorKind.ASSOCIATION, "Bürger für Bürger e.V.").id
    coordinator = s.register_actor(
        ActorKind.PERSON, "Clara Koordinatorin", home_place_id=places[0]
    ).id
    s.grant_role(coordinator, sorgende.CommunityRole.COORDINATOR, by=sorgende.OPERATOR)
    helpers = [
        s.register_actor(
            ActorKind.PERSON,
            f"Helfer {i}",
            home_place_id=places[i % 3],
            birth_year=1970,
            consent=Consent(statistics=i < consenting),
        ).id
        for i in range(6)
    ]
    recipients = [
        s.register_actor(
            ActorKind.PERSON,
            f"Empfängerin {i}",
            home_place_id=places[i % 3],
            consent=Consent(statistics=True),
        ).id
        for i in range(4)
    ]
    for person in (*helpers, *recipients):
        s.add_membership(person, org)
    return World(platform, clock, s, places, org, coordinator, helpers, recipients)


def open_platform(clock: Clock, *plugins: object) -> sorgende.Platform:
    import sorgende_impact

    settings = sorgende.Settings(load_entrypoints=False, plugins={"impact": {"secret": SECRET}})
    return sorgende.open(
        "memory://", plugins=[sorgende_impact, *plugins], clock=clock, settings=settings
    )
