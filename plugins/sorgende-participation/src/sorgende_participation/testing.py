"""A small part of Verbandsgemeinde Daun for tests, examples and benchmarks of the
plugin: three places, the municipality with a member of staff, a moderator, residents
of Mehren and Daun and a young person of 15.

    platform = sorgende.open("memory://", plugins=[sorgende_participation],
                             settings=sorgende.Settings(load_entrypoints=False))
    world = build_world(platform)
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import attrs

import sorgende
from sorgende.domain.actors import ActorKind, CommunityRole, Consent, Role
from sorgende.domain.community import Place

#: residents agreed to be told (notifications reach only those who did)
TOLD = Consent(contact=True)


class Clock:
    """A clock a test moves: ``clock()`` is the time, ``clock.advance(days=1)``."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@attrs.frozen
class World:
    community_id: uuid.UUID
    places: dict[str, Place]
    municipality: sorgende.Actor
    staff: sorgende.Actor
    moderator: sorgende.Actor
    #: residents of Mehren, the first the author of ideas
    mehren: list[sorgende.Actor]
    #: residents of Daun
    daun: list[sorgende.Actor]
    #: 15 years old, of Mehren
    young: sorgende.Actor


def build_world(
    platform: sorgende.Platform, *, residents: int = 6, year: int | None = None
) -> World:
    year = year if year is not None else platform.clock().year
    c = platform.create_community("VG Daun")
    places = {name: c.add_place(name) for name in ("Mehren", "Daun", "Schalkenmehren")}
    municipality = c.register_actor(ActorKind.MUNICIPALITY, "Verbandsgemeinde Daun")
    staff = c.register_actor(ActorKind.PERSON, "Sabine Krämer", home_place_id=places["Daun"].id)
    c.add_membership(staff.id, municipality.id, Role.STAFF)
    moderator = c.register_actor(ActorKind.PERSON, "Moritz Weber", home_place_id=places["Daun"].id)
    c.grant_role(moderator.id, CommunityRole.COORDINATOR, by=sorgende.OPERATOR)
    first = ("Anna", "Ben", "Carla", "David", "Emma", "Felix", "Greta", "Hanna", "Ida", "Jan")
    mehren = [
        c.register_actor(
            ActorKind.PERSON,
            f"{first[i % len(first)]} Schmitz{'' if i < len(first) else i}",
            home_place_id=places["Mehren"].id,
            birth_year=year - 30 - i % 50,
            consent=TOLD,
        )
        for i in range(residents)
    ]
    daun = [
        c.register_actor(
            ActorKind.PERSON,
            f"{name} Daun",
            home_place_id=places["Daun"].id,
            birth_year=year - 40,
            consent=TOLD,
        )
        for name in ("Karl", "Lena")
    ]
    young = c.register_actor(
        ActorKind.PERSON,
        "Jonas Jung",
        home_place_id=places["Mehren"].id,
        birth_year=year - 15,
        consent=TOLD,
    )
    return World(
        c.community_id,
        places,
        c.actor(municipality.id),
        c.actor(staff.id),
        c.actor(moderator.id),
        mehren,
        daun,
        young,
    )
