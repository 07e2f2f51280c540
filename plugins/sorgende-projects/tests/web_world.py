"""Ballenstedt's holiday week, for the tests of the plugin's web pages, API and feeds.

Three associations and the town run a holiday week together: five events, six shifts
each (30 shifts), some of them keeping places for first aid. People have accounts of the
web platform: the organisers (coordinators of their association or staff of the town),
volunteers, and a person of another community (to check that communities stay apart).
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import sorgende_projects
import sorgende_projects.web
import sorgende_web
from argon2 import PasswordHasher
from sorgende_web.accounts import accounts_for, create_account

import sorgende
from sorgende.domain.actors import ActorKind, Qualification, QualificationKind, Role
from sorgende.domain.policy import OPERATOR

ZONE = ZoneInfo("Europe/Berlin")
PASSWORD = "ferienwoche-passwort"
SECRET = "a-calendar-secret-for-the-projects-tests-0123456789"
EVENTS_PER_WEEK = 5
SHIFTS_PER_EVENT = 6

#: the five events of the holiday week: title, organiser (key), place, start hour
HOLIDAY_WEEK = (
    ("Sportfest am Schlossteich", "sv", "Ballenstedt", 9),
    ("Kinderflohmarkt", "heimat", "Opperode", 10),
    ("Lesenacht in der Stadtbibliothek", "kultur", "Ballenstedt", 12),
    ("Wanderung zur Roseburg", "heimat", "Rieder", 8),
    ("Abschlussfest auf dem Marktplatz", "town", "Ballenstedt", 11),
)


class Clock:
    """A clock the test moves (the platform's ``clock``)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@attrs.define
class Ballenstedt:
    platform: Any
    clock: Clock
    community_id: uuid.UUID
    places: dict[str, uuid.UUID]
    organisations: dict[str, uuid.UUID]
    people: dict[str, uuid.UUID]
    #: the holiday week's events, in their order, and each one's shifts
    events: list[Any]
    shifts: dict[uuid.UUID, list[Any]]
    other_community: uuid.UUID
    monday: date

    @property
    def projects(self) -> Any:
        return sorgende_projects.Projects(self.platform, self.community_id)

    def all_shifts(self) -> list[Any]:
        return [s for e in self.events for s in self.shifts[e.id]]


def cheap_hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def open_platform(url: str, clock: Callable[[], datetime]) -> Any:
    settings = sorgende.load_settings(environ={})
    settings = attrs.evolve(settings, plugins={**settings.plugins, "calendar": {"secret": SECRET}})
    return sorgende.open(
        url,
        plugins=[sorgende_web, sorgende_projects, sorgende_projects.web],
        load_entrypoints=False,
        settings=settings,
        clock=clock,
    )


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), ZONE)


def build(platform: Any, clock: Clock, monday: date) -> Ballenstedt:
    """The community, its people and accounts, and the holiday week from ``monday``."""
    accounts_for(platform, hasher=cheap_hasher())
    c = platform.create_community("Ballenstedt")
    places = {n: c.add_place(n).id for n in ("Ballenstedt", "Opperode", "Badeborn", "Rieder")}
    organisations = {
        "heimat": c.register_actor(ActorKind.ASSOCIATION, "Heimatverein Ballenstedt e.V.").id,
        "sv": c.register_actor(ActorKind.ASSOCIATION, "SV Ballenstedt 1990 e.V.").id,
        "kultur": c.register_actor(ActorKind.ASSOCIATION, "Kulturverein Ballenstedt e.V.").id,
        "town": c.register_actor(ActorKind.MUNICIPALITY, "Stadt Ballenstedt").id,
    }
    first_aid = Qualification(QualificationKind.FIRST_AID, monday - timedelta(days=400))
    home = places["Ballenstedt"]
    people = {
        "jana": c.register_actor(ActorKind.PERSON, "Jana Krüger", home_place_id=home).id,
        "tom": c.register_actor(ActorKind.PERSON, "Tom Hartmann", home_place_id=home).id,
        "ute": c.register_actor(ActorKind.PERSON, "Ute Sommer", home_place_id=home).id,
        "rita": c.register_actor(ActorKind.PERSON, "Rita Lange", home_place_id=home).id,
        "lena": c.register_actor(ActorKind.PERSON, "Lena Vogt", home_place_id=home).id,
        "paul": c.register_actor(
            ActorKind.PERSON, "Paul Neumann", home_place_id=home, qualifications=[first_aid]
        ).id,
        "mia": c.register_actor(ActorKind.PERSON, "Mia Schulz", home_place_id=home).id,
    }
    # the organisers: a coordinator of each association, staff of the town
    for login, org, role in (
        ("jana", "heimat", Role.COORDINATOR),
        ("tom", "sv", Role.COORDINATOR),
        ("ute", "kultur", Role.COORDINATOR),
        ("rita", "town", Role.STAFF),
    ):
        c.add_membership(people[login], organisations[org], role, by=OPERATOR)
    for login, person in people.items():
        create_account(
            platform,
            community_id=c.community_id,
            actor_id=person,
            login=login,
            password=PASSWORD,
        )
    other = platform.create_community("Quedlinburg")
    stranger = other.register_actor(ActorKind.PERSON, "Sven Fremd")
    create_account(
        platform,
        community_id=other.community_id,
        actor_id=stranger.id,
        login="sven",
        password=PASSWORD,
    )
    projects = sorgende_projects.Projects(platform, c.community_id)
    organisers = {"heimat": "jana", "sv": "tom", "kultur": "ute", "town": "rita"}
    events, shifts = [], {}
    for n, (title, org, place, hour) in enumerate(HOLIDAY_WEEK):
        day = monday + timedelta(days=n)
        by = people[organisers[org]]
        event = projects.plan_event(
            title,
            organisations=[organisations[org]],
            starts_at=local(day, hour),
            ends_at=local(day, hour + SHIFTS_PER_EVENT + 1),
            by=by,
            place_id=places[place],
            description="Ferienwoche der Ballenstedter Vereine",
            max_shifts_per_person=2,
        )
        events.append(event)
        shifts[event.id] = []
        for k in range(SHIFTS_PER_EVENT):
            needs = {QualificationKind.FIRST_AID.value: 1} if k % 3 == 0 else {}
            shifts[event.id].append(
                projects.add_shift(
                    event.id,
                    ("Aufbau", "Stand", "Ausschank", "Spiele", "Kasse", "Abbau")[k],
                    starts_at=local(day, hour + k),
                    ends_at=local(day, hour + k + 2),
                    capacity=3,
                    needs=needs,
                    by=by,
                    location=f"Treffpunkt {k + 1}",
                )
            )
    return Ballenstedt(
        platform=platform,
        clock=clock,
        community_id=c.community_id,
        places=places,
        organisations=organisations,
        people=people,
        events=events,
        shifts=shifts,
        other_community=other.community_id,
        monday=monday,
    )


def next_monday(today: date) -> date:
    return today + timedelta(days=(7 - today.weekday()) % 7 or 7)


#: worlds built once per clock start, each test gets a copy of its database file
_TEMPLATES: dict[datetime, tuple[Path, Ballenstedt]] = {}


def holiday_week(tmp_path: Path, now: datetime | None = None) -> Ballenstedt:
    """The world on a SQLite database of its own; the clock at ``now`` (default: the
    start of this minute, a week or more before the holiday week, which begins on the
    Monday after next). Built once per start and copied: building takes seconds."""
    start = now or datetime.now(ZONE).replace(second=0, microsecond=0)
    if start not in _TEMPLATES:
        folder = Path(tempfile.mkdtemp(prefix="ballenstedt-"))
        platform = open_platform(f"sqlite:///{folder}/ballenstedt.db", Clock(start))
        built = build(platform, Clock(start), next_monday(start.date() + timedelta(days=7)))
        accounts_for(platform).close()
        platform.close()
        _TEMPLATES[start] = (folder / "ballenstedt.db", built)
    source, template = _TEMPLATES[start]
    for suffix in ("", "-wal"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", tmp_path / f"ballenstedt.db{suffix}")
    clock = Clock(start)
    platform = open_platform(f"sqlite:///{tmp_path}/ballenstedt.db", clock)
    accounts_for(platform, hasher=cheap_hasher())
    return attrs.evolve(template, platform=platform, clock=clock)
