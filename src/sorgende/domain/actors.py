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


class CommunityRole(enum.StrEnum):
    """A power over the whole community, granted by its administrators.

    Granted to a person, or to an organisation (the backbone association, the
    municipality): then its coordinators and staff hold it. The duties are kept apart
    on purpose: a coordinator arranges help, a ledger keeper keeps the time bank, the
    data protection officer answers for a person's data, an administrator grants roles
    and changes settings. See :mod:`sorgende.domain.policy` for what each may do.
    """

    #: coordinates requests, offers and exchanges of the whole community
    COORDINATOR = "coordinator"
    #: adjusts hours in the time bank and approves others' adjustments
    LEDGER_KEEPER = "ledger_keeper"
    #: exports and erases a person's data (Datenschutzbeauftragte)
    DATA_PROTECTION = "data_protection"
    #: grants and revokes roles, changes the community's settings, reads the audit trail
    ADMINISTRATOR = "administrator"


class Pronoun(enum.StrEnum):
    """How a person wants texts to speak of them ("ihr Nachweis", "sein Nachweis");
    not given, texts use neutral words ("der Nachweis")."""

    SHE = "she"
    HE = "he"


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
    #: how texts speak of the person, if they said (neutral words otherwise)
    pronoun: Pronoun | None = personal(default=None, erased=None)
    skills: frozenset[str] = personal(default=frozenset(), erased=frozenset())
    qualifications: tuple[Qualification, ...] = personal(default=(), erased=())
    memberships: tuple[Membership, ...] = personal(default=(), erased=())
    consent: Consent = personal(default=Consent(), erased=Consent())
    #: persons who may act on this person's behalf (with this person's consent)
    trusted_persons: frozenset[uuid.UUID] = personal(default=frozenset(), erased=frozenset())
    #: the community's solidarity account pays for hours this actor receives
    receives_solidarity: bool = False
    #: powers over the whole community (for an organisation: held by its coordinators)
    community_roles: frozenset[CommunityRole] = personal(default=frozenset(), erased=frozenset())
    #: no longer takes part (moved away, left): can neither act nor be acted for
    deactivated: bool = False
    erased: bool = False
    version: int = 1

    def qualified_for(self, required: Iterable[str], day: date) -> frozenset[str]:
        """The required qualifications this actor lacks on ``day`` (empty if none)."""
        return frozenset(
            kind
            for kind in required
            if not any(q.kind == kind and q.valid_on(day) for q in self.qualifications)
        )

    @property
    def active(self) -> bool:
        """Whether the actor takes part: neither erased nor deactivated."""
        return not (self.erased or self.deactivated)

    def role_in(self, organisation_id: uuid.UUID) -> Role | None:
        for membership in self.memberships:
            if membership.organisation_id == organisation_id:
                return membership.role
        return None
