"""Who acts: a person, the operator or the system, with the powers they hold now.

The policy (:mod:`sorgende.domain.policy`) decides on an :class:`Acting`: the
principal, the person's record, the community roles they hold (their own and those
of each organisation they coordinate) and the organisations they coordinate.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable
from typing import Final

import attrs

from sorgende.domain.actors import Actor, CommunityRole, Role
from sorgende.errors import Message, naming


class PrincipalKind(enum.StrEnum):
    PERSON = "person"
    #: the platform's owner: the command line, a script holding the storage
    OPERATOR = "operator"
    #: the platform's own scheduled work (expiry, reminders)
    SYSTEM = "system"


@attrs.frozen
class Principal:
    """Who acts: a person (by id), the operator or the system."""

    kind: PrincipalKind
    actor_id: uuid.UUID | None = None

    @classmethod
    def person(cls, actor_id: uuid.UUID) -> Principal:
        return cls(PrincipalKind.PERSON, actor_id)

    @property
    def is_person(self) -> bool:
        return self.kind is PrincipalKind.PERSON

    def __str__(self) -> str:
        return str(self.actor_id) if self.actor_id is not None else self.kind.value


#: the operator: setup and administration from the command line or a script
OPERATOR: Final = Principal(PrincipalKind.OPERATOR)
#: the platform's scheduled jobs
SYSTEM: Final = Principal(PrincipalKind.SYSTEM)


def principal(by: uuid.UUID | Principal) -> Principal:
    """``by`` as a principal: an id is that person."""
    if isinstance(by, Principal):
        return by
    if isinstance(by, uuid.UUID):
        return Principal.person(by)
    raise TypeError(f"by must be a person's id or a Principal, not {by!r}")


def event_actor(by: uuid.UUID | Principal) -> uuid.UUID | None:
    """The id an event records as its actor: the person's, ``None`` for operator and system."""
    return by if isinstance(by, uuid.UUID) else by.actor_id


#: organisation roles that coordinate the organisation (and carry its community roles)
COORDINATING: Final = frozenset({Role.COORDINATOR, Role.STAFF})


@attrs.frozen
class Acting:
    """A principal with the powers it holds now.

    ``roles`` are the community roles granted to the person or to an organisation they
    coordinate; ``coordinates`` the organisations they are coordinator or staff of.
    """

    principal: Principal
    actor: Actor | None = None
    roles: frozenset[CommunityRole] = frozenset()
    coordinates: frozenset[uuid.UUID] = frozenset()

    @classmethod
    def of(cls, actor: Actor, organisations: Iterable[Actor] = ()) -> Acting:
        """A person acting, with the organisations of their memberships (as found)."""
        coordinated = {m.organisation_id for m in actor.memberships if m.role in COORDINATING}
        roles = set(actor.community_roles)
        for org in organisations:
            if org.id in coordinated and org.active:
                roles |= org.community_roles
        return cls(
            Principal.person(actor.id),
            actor,
            frozenset(roles),
            frozenset(coordinated),
        )

    @property
    def id(self) -> uuid.UUID | None:
        return self.principal.actor_id

    @property
    def is_operator(self) -> bool:
        return self.principal.kind is PrincipalKind.OPERATOR

    @property
    def is_system(self) -> bool:
        return self.principal.kind is PrincipalKind.SYSTEM

    def has(self, role: CommunityRole) -> bool:
        """Whether the principal holds ``role`` (the operator holds every role)."""
        return self.is_operator or role in self.roles

    def coordinates_org(self, organisation_id: uuid.UUID | None) -> bool:
        """Coordinator of ``organisation_id``'s work: its coordinator or staff, or a
        community coordinator."""
        if self.has(CommunityRole.COORDINATOR):
            return True
        return organisation_id is not None and organisation_id in self.coordinates

    @property
    def label(self) -> object:
        """Who acts, for a message: the person's name, else the principal's kind."""
        if self.actor is not None:
            return naming.person(self.actor)
        return Message(f"policy.principal.{self.principal.kind.value}")
