"""The demo community for a first start: VG Daun with some weeks of history and accounts.

The community itself comes from :mod:`sorgende.demo` (``build_daun`` and ``play``): the
weeks are played on a simulated clock that ends today, so the time accounts, the
dashboard and the commitments have a history. Then a few requests for the coming days
are posted on the real clock, so the board is not empty, and four accounts are made: a
resident, a helper, a coordinator (of the backbone association, which coordinates the
whole community) and an administrator (of the municipality's staff, granted the
community role through the core).
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterable
from datetime import datetime, time, timedelta
from typing import Any

import attrs

import sorgende
from sorgende.clock import SimClock
from sorgende.data import COMMUNITY_NAME, TZ
from sorgende.demo import DEFAULT_SEED, build_daun, play
from sorgende.domain.actors import ActorKind, CommunityRole, Role
from sorgende.domain.policy import OPERATOR
from sorgende.domain.values import TimeWindow
from sorgende.i18n import translate
from sorgende_web.accounts import accounts_for, create_account

DEMO_WEEKS = 3


#: what the demo's people do, as the page says it: the domain's role names where they
#: hold one (``policy.role.*``), else the web's words for a resident and a helper
LABELS = {
    "resident": "web.demo.resident",
    "helper": "web.demo.helper",
    "coordinator": "policy.role.coordinator",
    "admin": "policy.role.administrator",
}


@attrs.frozen
class DemoLogin:
    #: resident, helper, coordinator or admin (see :data:`LABELS`)
    kind: str
    login: str
    name: str

    def label(self, lang: str) -> str:
        return translate(LABELS[self.kind], lang)


def seed_demo(
    platform: Any,
    *,
    password: str | None = None,
    weeks: int = DEMO_WEEKS,
    seed: int = DEFAULT_SEED,
    plugins: Iterable[object] = (),
) -> tuple[list[DemoLogin], str]:
    """Build VG Daun in the (empty) storage of ``platform``; the logins and their password."""
    password = password or secrets.token_urlsafe(9)
    rng = random.Random(seed)
    now = platform.clock().astimezone(TZ)
    # the played weeks end a week before this one: what they schedule is in the past
    monday = datetime.combine(
        (now - timedelta(weeks=weeks + 1)).date() - timedelta(days=now.weekday()), time(8), TZ
    )
    clock = SimClock(monday)
    # the past weeks on a simulated clock, through the same storage and plugins
    with sorgende.open(
        platform.storage.url,
        clock=clock,
        settings=platform.settings,
        plugins=plugins,
    ) as past:
        service = past.create_community(COMMUNITY_NAME)
        cast = build_daun(service, rng, today=monday.date())
        play(service, weeks, rng, clock, cast)
        community_id = service.community_id
    service = platform.community(community_id)
    _upcoming(service, cast, rng, now)
    resident = cast.recipients[0]
    accounts_for(platform).set_street(community_id, resident.id, "Hauptstraße 12")
    # the coordinator coordinates through the association, which the demo made a
    # community coordinator; the administration's staff member administers
    people = (
        ("resident", resident, ()),
        ("helper", cast.regular_helper, ()),
        ("coordinator", cast.coordinator, ()),
        ("admin", cast.staff, (CommunityRole.ADMINISTRATOR,)),
    )
    logins = []
    for kind, actor, roles in people:
        create_account(
            platform,
            community_id=community_id,
            actor_id=actor.id,
            login=kind,
            password=password,
            roles=roles,
        )
        logins.append(DemoLogin(kind, kind, actor.name))
    return logins, password


def seed_empty(platform: Any, name: str, *, password: str | None = None) -> tuple[DemoLogin, str]:
    """A new community with its municipality and one administrator's account (``admin``):
    staff of the municipality, which coordinates the community; the person administers
    it and is its data protection officer until the community names another."""
    password = password or secrets.token_urlsafe(9)
    service = platform.create_community(name)
    municipality = service.register_actor(ActorKind.MUNICIPALITY, name)
    admin = service.register_actor(ActorKind.PERSON, "Verwaltung")
    service.add_membership(admin.id, municipality.id, Role.STAFF, by=OPERATOR)
    service.grant_role(municipality.id, CommunityRole.COORDINATOR, by=OPERATOR)
    create_account(
        platform,
        community_id=service.community_id,
        actor_id=admin.id,
        login="admin",
        password=password,
        roles=(CommunityRole.ADMINISTRATOR, CommunityRole.DATA_PROTECTION),
    )
    return DemoLogin("admin", "admin", admin.name), password


def _upcoming(service: Any, cast: Any, rng: random.Random, now: datetime) -> None:
    """Requests for the coming days, so that the board shows what a board shows."""
    needs = (
        (cast.recipients[0], "shopping", "Einkauf im Supermarkt", 1.5),
        (cast.recipients[1], "rides", "Fahrt zur Hausärztin nach Daun", 2),
        (cast.recipients[2], "garden", "Hecke schneiden", 2),
        (cast.recipients[3], "visits", "Besuch und Vorlesen", 1),
        (cast.recipients[4], "tech_help", "Hilfe mit dem neuen Tablet", 1),
        (cast.recipients[0], "paperwork", "Antrag auf Pflegegrad ausfüllen", 1.5),
    )
    for index, (person, category, title, hours) in enumerate(needs):
        day = (now + timedelta(days=1 + index % 5)).date()
        start = datetime.combine(day, time(rng.choice((9, 10, 14, 15))), TZ)
        service.post_request(
            person.id,
            category,
            person.home_place_id,
            TimeWindow(start, start + timedelta(hours=hours)),
            hours,
            title=title,
            urgent=index == 1,
        )
