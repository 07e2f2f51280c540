"""A small world for tests, examples and benchmarks of the plugin: a town, associations,
a coordinator per organisation, helpers (some with first aid), and a clock to move.

    clock = Clock(datetime(2026, 7, 1, 8, tzinfo=UTC))
    platform = sorgende.open("memory://", plugins=[sorgende_projects], clock=clock,
                             settings=sorgende.Settings(load_entrypoints=False))
    world = build_world(platform, helpers=6)
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

import attrs

import sorgende
from sorgende.domain.actors import ActorKind, Qualification, QualificationKind, Role
from sorgende_projects.service import Projects


class Clock:
    """A clock a test moves: ``clock()`` is the time, ``clock.advance(hours=1)``."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now

    def set(self, now: datetime) -> datetime:
        self.now = now
        return now


@attrs.frozen
class World:
    """The ids of a built world, and the plugin's facade for its community."""

    platform: sorgende.Platform
    community_id: uuid.UUID
    place_id: uuid.UUID
    #: the organisations: three associations, the town, a church
    organisations: tuple[uuid.UUID, ...]
    #: the coordinator of each organisation, in the same order
    coordinators: tuple[uuid.UUID, ...]
    #: helpers; the first ``first_aiders`` of them hold first aid
    helpers: tuple[uuid.UUID, ...]
    first_aiders: int

    @property
    def projects(self) -> Projects:
        return Projects(self.platform, self.community_id)

    @property
    def community(self) -> sorgende.CommunityService:
        return self.platform.community(self.community_id)


ORGANISATIONS = (
    (ActorKind.ASSOCIATION, "Heimatverein Ballenstedt"),
    (ActorKind.ASSOCIATION, "Sportverein Ballenstedt"),
    (ActorKind.ASSOCIATION, "Förderverein Kita Sonnenschein"),
    (ActorKind.MUNICIPALITY, "Stadt Ballenstedt"),
    (ActorKind.CHURCH, "Kirchengemeinde St. Nikolai"),
)


def build_world(
    platform: sorgende.Platform,
    *,
    helpers: int = 8,
    first_aiders: int = 2,
    name: str = "Ballenstedt",
) -> World:
    """A community with the organisations of :data:`ORGANISATIONS`, each with a
    coordinator, and ``helpers`` persons who consented to contact."""
    community = platform.create_community(name)
    place = community.add_place("Ballenstedt", kind=sorgende.PlaceKind.TOWN)
    consent = sorgende.Consent(contact=True)
    orgs = []
    coordinators = []
    for kind, org_name in ORGANISATIONS:
        org = community.register_actor(kind, org_name, home_place_id=place.id)
        orgs.append(org.id)
        person = community.register_actor(
            ActorKind.PERSON,
            f"Koordination {org_name.split()[0]}",
            home_place_id=place.id,
            consent=consent,
        )
        community.add_membership(person.id, org.id, Role.COORDINATOR)
        coordinators.append(person.id)
    first_aid = (Qualification(QualificationKind.FIRST_AID.value, date(2020, 1, 1)),)
    made = [
        community.register_actor(
            ActorKind.PERSON,
            f"Helferin {i + 1}",
            home_place_id=place.id,
            consent=consent,
            qualifications=first_aid if i < first_aiders else (),
        ).id
        for i in range(helpers)
    ]
    return World(
        platform,
        community.community_id,
        place.id,
        tuple(orgs),
        tuple(coordinators),
        tuple(made),
        first_aiders,
    )
