"""The crisis plugin's test town: two affected places, the municipality with its
crisis staff, an open crisis; a clock the test moves; a good registration."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import attrs
import sorgende_crisis

import sorgende
from sorgende.domain.actors import ActorKind, Role

START = datetime(2026, 7, 14, 8, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@attrs.frozen
class Town:
    platform: sorgende.Platform
    community_id: uuid.UUID
    places: tuple[uuid.UUID, ...]
    staff: uuid.UUID
    resident: uuid.UUID
    crisis_id: uuid.UUID

    @property
    def crisis(self) -> sorgende_crisis.CrisisResponse:
        return sorgende_crisis.CrisisResponse(self.platform, self.community_id)


def build_town(platform: sorgende.Platform) -> Town:
    community = platform.create_community("Ahrweiler")
    places = tuple(
        community.add_place(name, kind=sorgende.PlaceKind.TOWN).id
        for name in ("Altenahr", "Dernau")
    )
    town = community.register_actor(ActorKind.MUNICIPALITY, "Stadt Ahrweiler")
    staff = community.register_actor(
        ActorKind.PERSON, "Krisenstab Müller", consent=sorgende.Consent(contact=True)
    )
    community.add_membership(staff.id, town.id, Role.COORDINATOR)
    resident = community.register_actor(ActorKind.PERSON, "Anwohnerin Schmitz")
    response = sorgende_crisis.CrisisResponse(platform, community.community_id)
    crisis = response.open_crisis("Hochwasser Ahr", places, by=staff.id)
    return Town(platform, community.community_id, places, staff.id, resident.id, crisis.id)


def form(phone: str = "0171 2345678", **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Jana Beispiel",
        "phone": phone,
        "skills": "schaufeln, tragen",
        "equipment": "",
        "adult": "on",
        "consent_contact": "on",
    }
    data.update(extra)
    return data
