"""VG Daun with accounts of the web platform, for the tests of the plugin's pages, API
and the browser journey: residents of Mehren and Daun, the municipality's staff and a
moderator, each with a login of the same name as their first name in lower case."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import attrs
import sorgende_participation
import sorgende_participation.web
import sorgende_projects
import sorgende_projects.web
import sorgende_web
from argon2 import PasswordHasher
from sorgende_participation.testing import Clock, World, build_world
from sorgende_web.accounts import accounts_for, create_account

import sorgende

PASSWORD = "beteiligung-passwort"


@attrs.define
class Daun:
    platform: Any
    clock: Clock
    world: World
    logins: dict[str, Any]

    @property
    def part(self) -> sorgende_participation.Participation:
        return sorgende_participation.Participation(self.platform, self.world.community_id)


def daun(now: datetime | None = None, extra: tuple[Any, ...] = ()) -> Daun:
    clock = Clock(now or datetime.now(UTC).replace(microsecond=0))
    platform = sorgende.open(
        "memory://",
        plugins=[
            sorgende_web,
            sorgende_projects,
            sorgende_projects.web,
            sorgende_participation,
            sorgende_participation.web,
            *extra,
        ],
        load_entrypoints=False,
        settings=sorgende.load_settings(environ={}),
        clock=clock,
    )
    accounts_for(platform, hasher=PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    world = build_world(platform)
    people = {
        "anna": world.mehren[0],
        "ben": world.mehren[1],
        "carla": world.mehren[2],
        "karl": world.daun[0],
        "sabine": world.staff,
        "moritz": world.moderator,
    }
    for login, actor in people.items():
        create_account(
            platform,
            community_id=world.community_id,
            actor_id=actor.id,
            login=login,
            password=PASSWORD,
        )
    return Daun(platform, clock, world, people)
