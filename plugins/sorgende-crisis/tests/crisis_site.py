"""A town in a flood, served by the web platform, for the crisis plugin's page, load
and browser tests: SQLite (or PostgreSQL) with the web, crisis and crisis-web plugins,
the municipality's crisis staff with an account, an open crisis with two places."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
import sorgende_crisis
import sorgende_crisis.web
import sorgende_web
from argon2 import PasswordHasher
from sorgende_web.accounts import accounts_for, create_account

import sorgende
from sorgende.domain.actors import ActorKind, Role
from sorgende.domain.policy import OPERATOR

PASSWORD = "krisenstab-passwort"
START = datetime(2026, 7, 14, 8, tzinfo=UTC)


@attrs.frozen
class Site:
    platform: Any
    community_id: uuid.UUID
    places: tuple[uuid.UUID, ...]
    staff: uuid.UUID
    crisis_id: uuid.UUID

    @property
    def crisis(self) -> sorgende_crisis.CrisisResponse:
        return sorgende_crisis.CrisisResponse(self.platform, self.community_id)

    @property
    def form_path(self) -> str:
        return f"/crisis/{self.community_id}/{self.crisis_id}/help"

    def add_task(self, capacity: int = 5, **extra: Any) -> Any:
        # two hours from now on the site's clock (a task that is over gets no one)
        start = max(START, self.platform.clock().replace(microsecond=0))
        values: dict[str, Any] = {
            "title": "Keller ausräumen",
            "place_id": self.places[0],
            "starts_at": start + timedelta(hours=2),
            "ends_at": start + timedelta(hours=6),
            "capacity": capacity,
            "meeting_point": "Feuerwehrhaus Altenahr",
        }
        values.update(extra)
        return self.crisis.add_task(self.crisis_id, by=self.staff, **values)


def open_site(
    url: str, clock: Callable[[], datetime] | None = None, *, form_limit: int | None = None
) -> Site:
    """The site; ``form_limit`` the public forms' limit per address (``[plugins.crisis]``)."""
    settings = sorgende.load_settings(environ={})
    if form_limit is not None:
        settings = attrs.evolve(settings, plugins={"crisis": {"form_limit": form_limit}})
    platform = sorgende.open(
        url,
        plugins=[sorgende_web, sorgende_crisis, sorgende_crisis.web],
        load_entrypoints=False,
        settings=settings,
        clock=clock,
    )
    accounts_for(platform, hasher=PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    c = platform.create_community(f"Ahrweiler {uuid.uuid4().hex[:6]}")
    places = tuple(c.add_place(n).id for n in ("Altenahr", "Dernau"))
    town = c.register_actor(ActorKind.MUNICIPALITY, "Stadt Ahrweiler")
    staff = c.register_actor(ActorKind.PERSON, "Krisenstab Müller")
    c.add_membership(staff.id, town.id, Role.COORDINATOR, by=OPERATOR)
    create_account(
        platform,
        community_id=c.community_id,
        actor_id=staff.id,
        login="krisenstab",
        password=PASSWORD,
    )
    response = sorgende_crisis.CrisisResponse(platform, c.community_id)
    crisis = response.open_crisis("Hochwasser Ahr", places, by=staff.id)
    return Site(platform, c.community_id, places, staff.id, crisis.id)
