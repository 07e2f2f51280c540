"""Actors of a community: persons, associations, the municipality, businesses, institutions."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable
from datetime import date

import attrs

from sorgende.domain.personal import personal
from sorgende.domain.values import new_id


class ActorKind(enum.StrEnum):
    PERSON = "person"
    ASSOCIATION = "association"  # Verein
    MUNICIPALITY = "municipality"  # Kommune, Verwaltung
    BUSINESS = "business"  # Unternehmen
    SCHOOL = "school"
    KITA = "kita"
    HEALTH = "health"  # Gesundheitseinrichtung
    CHURCH = "church"

    @property
    def is_organisation(self) -> bool:
        return self is not ActorKind.PERSON


class Role(enum.StrEnum):
    MEMBER = "member"
    COORDINATOR = "coordinator"
    STAFF = "staff"


class QualificationKind(enum.StrEnum):
    #: erweitertes Führungszeugnis (§30a BZRG), for work with children and vulnerable people
    POLICE_CERTIFICATE_EXTENDED = "police_certificate_extended"
    FIRST_AID = "first_aid"
    DRIVING_LICENCE = "driving_licence"


@attrs.frozen
class Qualification:
    """A proof an actor holds, valid from ``valid_from`` until ``valid_until`` (inclusive)."""

    kind: str
    valid_from: date
    valid_until: date | None = None

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


@attrs.frozen
class Membership:
    """A person's role in an organisation of the community."""

    organisation_id: uuid.UUID
    role: Role = Role.MEMBER


@attrs.frozen
class Consent:
    """What a person agreed to (GDPR Art. 6(1)(a)); everything is off until given."""

    #: may be contacted by other members about help (mail, phone, notifications)
    contact: bool = False
    #: contact details may be shown to the counterpart of an accepted exchange
    share_contact_details: bool = False
    #: anonymised data may be used for the community's impact reports
    statistics: bool = False


ERASED_NAME = "—"


@attrs.frozen
class Actor:
    """Anyone who takes part: a person or an organisation."""

    community_id: uuid.UUID
    kind: ActorKind
    name: str = personal(erased=ERASED_NAME)
    id: uuid.UUID = attrs.field(factory=new_id)
    home_place_id: uuid.UUID | None = personal(default=None, erased=None)
    email: str | None = personal(default=None, erased=None)
    phone: str | None = personal(default=None, erased=None)
    birth_year: int | None = personal(default=None, erased=None)
    skills: frozenset[str] = personal(default=frozenset(), erased=frozenset())
    qualifications: tuple[Qualification, ...] = personal(default=(), erased=())
    memberships: tuple[Membership, ...] = personal(default=(), erased=())
    consent: Consent = personal(default=Consent(), erased=Consent())
    #: persons who may act on this person's behalf (with this person's consent)
    trusted_persons: frozenset[uuid.UUID] = personal(default=frozenset(), erased=frozenset())
    #: the community's solidarity account pays for hours this actor receives
    receives_solidarity: bool = False
    erased: bool = False
    version: int = 1

    def qualified_for(self, required: Iterable[str], day: date) -> frozenset[str]:
        """The required qualifications this actor lacks on ``day`` (empty if none)."""
        return frozenset(
            kind
            for kind in required
            if not any(q.kind == kind and q.valid_on(day) for q in self.qualifications)
        )

    def role_in(self, organisation_id: uuid.UUID) -> Role | None:
        for membership in self.memberships:
            if membership.organisation_id == organisation_id:
                return membership.role
        return None
