"""The people of the demo community: places, organisations, coordinators, helpers, recipients.

:func:`build_daun` sets up Verbandsgemeinde Daun on an empty community through the
real use cases and returns the :class:`Cast` that :func:`~sorgende.demo.weeks.play` plays.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterable
from datetime import date, timedelta

import attrs

from sorgende.data import (
    FAMILY_NEEDS,
    HELPER_SKILLS,
    MUTUAL_NEEDS,
    NEWCOMER_NEEDS,
    SENIOR_NEEDS,
    SENIOR_WITHOUT_PHONE_NEEDS,
    START,
    load_places,
)
from sorgende.domain.actors import (
    Actor,
    ActorKind,
    CommunityRole,
    Consent,
    Qualification,
    QualificationKind,
    Role,
)
from sorgende.domain.community import Place
from sorgende.domain.policy import OPERATOR
from sorgende.services.community import CommunityService

#: the seed of the demo's random generator, unless one is given
DEFAULT_SEED = 2021

# --- the people ---------------------------------------------------------------------

_FIRST_NAMES = (
    "Anna", "Maria", "Ursula", "Elisabeth", "Monika", "Brigitte", "Sabine", "Claudia",
    "Julia", "Laura", "Lena", "Sarah", "Katharina", "Hildegard", "Renate", "Karin",
    "Ingrid", "Martina", "Nicole", "Sophie", "Peter", "Michael", "Hans", "Josef", "Werner",
    "Klaus", "Stefan", "Andreas", "Jonas", "Lukas", "Felix", "Matthias", "Bernd", "Jürgen",
    "Frank", "Tobias", "Alexander", "Wolfgang", "Heinz", "Paul",
)  # fmt: skip
_SURNAMES = (
    "Schmitz", "Thelen", "Krämer", "Weber", "Schneider", "Müller", "Hoffmann", "Klein",
    "Wagner", "Becker", "Schäfer", "Meyer", "Jakobs", "Hens", "Lenz", "Pauly", "Zender",
    "Reuter", "Schüller", "Kaufmann", "Hermes", "Gilles", "Bauer", "Wolter", "Michels",
    "Steffens", "Boos", "Mertes",
)  # fmt: skip

_CARE_SKILLS = frozenset({"visits", "childcare", "tutoring"})
_CANCEL_REASONS = (
    "krank geworden",
    "Auto in der Werkstatt",
    "kurzfristig ein Termin dazwischengekommen",
)


@attrs.define
class Cast:
    """The community the demo built: its places and the people who play a part."""

    places: dict[str, Place]
    municipality: Actor
    association: Actor
    #: coordinator of "Bürger für Bürger e.V."
    coordinator: Actor
    #: staff of the municipality ("Hauptamt stärkt Ehrenamt": coordinates too)
    staff: Actor
    helpers: list[Actor]
    #: the helper with a self-commitment to the weekly shopping in Mehren
    regular_helper: Actor
    recipients: list[Actor]
    #: a senior without a smartphone: coordinators post her requests
    senior: Actor
    #: a refugee whose received hours the solidarity account pays
    newcomer: Actor
    #: the categories each person asks for
    needs: dict[uuid.UUID, tuple[str, ...]] = attrs.field(factory=dict)

    def place_name(self, place_id: uuid.UUID | None) -> str:
        for place in self.places.values():
            if place.id == place_id:
                return place.name
        return "-"


class _Names:
    """Unique, plausible names drawn from a random generator."""

    def __init__(self, rng: random.Random, taken: Iterable[str]) -> None:
        self.rng = rng
        self.taken = set(taken)

    def __call__(self) -> str:
        while True:
            name = f"{self.rng.choice(_FIRST_NAMES)} {self.rng.choice(_SURNAMES)}"
            if name not in self.taken:
                self.taken.add(name)
                return name


def _email(name: str) -> str:
    umlauts: dict[str, str | int | None] = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
    plain = name.lower().translate(str.maketrans(umlauts))
    return plain.replace(" ", ".") + "@example.org"


def build_daun(
    service: CommunityService,
    rng: random.Random | None = None,
    *,
    helpers: int = 32,
    recipients: int = 18,
    today: date | None = None,
) -> Cast:
    """Set up Verbandsgemeinde Daun on ``service`` (an empty community).

    Adds the 38 places, the municipality and "Bürger für Bürger e.V." with a
    coordinator and a member of staff, ``helpers`` volunteers and ``recipients``
    people who need help (seniors and families), a senior without a smartphone and a
    refugee whose help the solidarity account pays. People live in the places in
    proportion to their populations. The same ``rng`` state gives the same people.
    Qualifications (driving licences, police certificates) are valid on ``today``
    (default: the demo's first day) and some years after.
    """
    rng = rng if rng is not None else random.Random(DEFAULT_SEED)
    today = today or START.date()
    records = load_places()
    places: dict[str, Place] = {}
    for record in records:
        places[record.name] = service.add_place(
            record.name,
            record.kind,
            population=record.population,
            area_km2=record.area_km2,
            lat=record.lat,
            lon=record.lon,
        )
    place_list = [places[r.name] for r in records]
    weights = [r.population for r in records]

    def somewhere() -> Place:
        return rng.choices(place_list, weights=weights)[0]

    daun, mehren = places["Daun"], places["Mehren"]
    licence = Qualification(QualificationKind.DRIVING_LICENCE, today - timedelta(days=365 * 20))
    police = Qualification(
        QualificationKind.POLICE_CERTIFICATE_EXTENDED,
        today - timedelta(days=365 * 2),
        today + timedelta(days=365 * 3),
    )
    consent = Consent(contact=True, share_contact_details=True, statistics=True)

    municipality = service.register_actor(
        ActorKind.MUNICIPALITY, "Verbandsgemeindeverwaltung Daun", home_place_id=daun.id
    )
    association = service.register_actor(
        ActorKind.ASSOCIATION, "Bürger für Bürger e.V.", home_place_id=daun.id
    )

    def person(
        name: str,
        home: Place,
        born: int,
        *,
        email: str | None = None,
        consent: Consent | None = None,
        skills: Iterable[str] = (),
        qualifications: Iterable[Qualification] = (),
    ) -> Actor:
        return service.register_actor(
            ActorKind.PERSON,
            name,
            home_place_id=home.id,
            birth_year=born,
            email=email,
            consent=consent,
            skills=skills,
            qualifications=qualifications,
        )

    coordinator = person(
        "Petra Schmitz", daun, 1968, email=_email("Petra Schmitz"), consent=consent
    )
    coordinator = service.add_membership(coordinator.id, association.id, Role.COORDINATOR)
    staff = person("Markus Thelen", daun, 1979, email=_email("Markus Thelen"), consent=consent)
    staff = service.add_membership(staff.id, municipality.id, Role.STAFF)
    # the backbone: the association and the administration coordinate the whole community
    for organisation in (association, municipality):
        service.grant_role(organisation.id, CommunityRole.COORDINATOR, by=OPERATOR)
    # the administration's staff keep the time bank
    service.grant_role(staff.id, CommunityRole.LEDGER_KEEPER, by=OPERATOR)

    names = _Names(
        rng, ("Petra Schmitz", "Markus Thelen", "Gertrud Weber", "Thomas Krämer", "Amina Haidari")
    )
    regular = person(
        "Thomas Krämer",
        mehren,
        1957,
        email=_email("Thomas Krämer"),
        consent=consent,
        skills=("shopping", "rides"),
        qualifications=(licence,),
    )
    helper_list = [regular]
    for _ in range(helpers - 1):
        name = names()
        skills = set(rng.sample(HELPER_SKILLS, rng.randint(1, 3)))
        quals = []
        if "rides" in skills or rng.random() < 0.6:
            quals.append(licence)
        if skills & _CARE_SKILLS or rng.random() < 0.2:
            quals.append(police)
        helper_list.append(
            person(
                name,
                somewhere(),
                rng.randint(1950, 2006),
                email=_email(name),
                consent=consent,
                skills=sorted(skills),
                qualifications=quals,
            )
        )
    for helper in helper_list[::3]:
        service.add_membership(helper.id, association.id, Role.MEMBER, by=coordinator.id)

    needs: dict[uuid.UUID, tuple[str, ...]] = {h.id: MUTUAL_NEEDS for h in helper_list}
    recipient_list = []
    for i in range(recipients):
        name = names()
        family = i % 3 == 2
        actor = person(
            name,
            somewhere(),
            rng.randint(1980, 1995) if family else rng.randint(1930, 1948),
            email=_email(name) if family or rng.random() < 0.5 else None,
            consent=consent,
        )
        recipient_list.append(actor)
        needs[actor.id] = FAMILY_NEEDS if family else SENIOR_NEEDS

    senior = person("Gertrud Weber", mehren, 1934)  # no email, no phone, no app
    needs[senior.id] = SENIOR_WITHOUT_PHONE_NEEDS
    newcomer = person("Amina Haidari", daun, 1990, consent=consent)
    newcomer = service.set_receives_solidarity(newcomer.id, True, by=staff.id)
    needs[newcomer.id] = NEWCOMER_NEEDS
    return Cast(
        places=places,
        municipality=municipality,
        association=association,
        coordinator=coordinator,
        staff=staff,
        helpers=helper_list,
        regular_helper=regular,
        recipients=recipient_list,
        senior=senior,
        newcomer=newcomer,
        needs=needs,
    )


def _places_near(cast: Cast, home: Place, km: float) -> list[uuid.UUID]:
    """The places within ``km`` of ``home`` (``home`` included)."""
    found = []
    for place in cast.places.values():
        distance = home.distance_km(place)
        if place.id == home.id or (distance is not None and distance <= km):
            found.append(place.id)
    return found
