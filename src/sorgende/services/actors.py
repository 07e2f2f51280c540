"""Use cases for the community's setup (places, categories) and its actors."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence

import attrs

from sorgende.domain import events as ev
from sorgende.domain import policy
from sorgende.domain.actors import (
    Actor,
    ActorKind,
    Consent,
    Membership,
    Pronoun,
    Qualification,
    Role,
)
from sorgende.domain.categories import Category
from sorgende.domain.community import Community, Place, PlaceKind
from sorgende.domain.exchanges import Exchange
from sorgende.domain.policy import OPERATOR, Action, Principal, event_actor
from sorgende.errors import ConflictError, InvalidValue, Message, PermissionDenied
from sorgende.services.base import (
    UseCases,
    acting,
    get_person,
    is_coordinator,
    require,
    require_active,
    retry_conflicts,
)
from sorgende.services.validation import known_place, valid_name


class ActorUseCases(UseCases):
    # -- the community ------------------------------------------------------------

    def info(self) -> Community:
        with self._read() as uow:
            return uow.community.get()

    @retry_conflicts
    def add_place(
        self,
        name: str,
        kind: PlaceKind = PlaceKind.VILLAGE,
        *,
        population: int | None = None,
        area_km2: float | None = None,
        lat: float | None = None,
        lon: float | None = None,
        by: uuid.UUID | Principal = OPERATOR,
    ) -> Place:
        """Add a village, town or district: a community coordinator, an administrator or
        the operator (left out: setup in a script)."""
        if population is not None and population < 0:
            raise InvalidValue("population", Message("problem.actors.negative"))
        if lat is not None and not -90 <= lat <= 90:
            raise InvalidValue("lat", Message("problem.actors.latitude", lat=lat))
        if lon is not None and not -180 <= lon <= 180:
            raise InvalidValue("lon", Message("problem.actors.longitude", lon=lon))
        with self._work() as w:
            require(w.uow, by, Action.ADD_PLACE)
            place = Place(
                community_id=self.community_id,
                name=valid_name(name),
                kind=PlaceKind(kind),
                population=population,
                area_km2=area_km2,
                lat=lat,
                lon=lon,
            )
            w.uow.places.add(place)
            w.events.append(ev.PlaceAdded(self.community_id, w.now, event_actor(by), place.id))
        return place

    @retry_conflicts
    def add_category(self, category: Category, *, by: uuid.UUID | Principal = OPERATOR) -> Category:
        """Add a community's own category of help (who may: as :meth:`add_place`)."""
        with self._work() as w:
            require(w.uow, by, Action.ADD_CATEGORY)
            if w.uow.categories.find(category.code) is not None:
                # decided from a fresh read: running it again would only repeat it
                raise ConflictError(
                    kind="category", id=category.code, expected="new", retryable=False
                )
            w.uow.categories.add(category)
            w.events.append(
                ev.CategoryAdded(self.community_id, w.now, event_actor(by), category.code)
            )
        return category

    def places(self) -> Sequence[Place]:
        with self._read() as uow:
            return uow.places.list()

    def categories(self) -> Sequence[Category]:
        with self._read() as uow:
            return uow.categories.list()

    # -- actors -------------------------------------------------------------------

    @retry_conflicts
    def register_actor(
        self,
        kind: ActorKind,
        name: str,
        *,
        home_place_id: uuid.UUID | None = None,
        email: str | None = None,
        phone: str | None = None,
        birth_year: int | None = None,
        skills: Iterable[str] = (),
        qualifications: Iterable[Qualification] = (),
        consent: Consent | None = None,
        pronoun: Pronoun | None = None,
        by: uuid.UUID | Principal | None = None,
    ) -> Actor:
        """Register a person (who signs up themselves when ``by`` is left out) or an
        organisation (a community coordinator, an administrator or the operator)."""
        kind = ActorKind(kind)
        if birth_year is not None and not 1900 <= birth_year <= 2100:
            raise InvalidValue(
                "birth_year", Message("problem.actors.plausible", birth_year=birth_year)
            )
        if email is not None and "@" not in email:
            raise InvalidValue("email", Message("problem.actors.email_address", email=email))
        with self._work() as w:
            if kind.is_organisation:
                require(w.uow, OPERATOR if by is None else by, Action.ADD_PLACE)
            elif by is not None:
                require_active(w.uow, by)
            if home_place_id is not None:
                known_place(w.uow, home_place_id)
            actor = Actor(
                community_id=self.community_id,
                kind=kind,
                name=valid_name(name),
                home_place_id=home_place_id,
                email=email,
                phone=phone,
                birth_year=birth_year,
                skills=frozenset(skills),
                qualifications=tuple(qualifications),
                consent=consent or Consent(),
                pronoun=None if pronoun is None else Pronoun(pronoun),
            )
            self._veto(w, "register_actor", by, actor)
            w.uow.actors.add(actor)
            w.events.append(
                ev.ActorRegistered(
                    self.community_id, w.now, None if by is None else event_actor(by), actor.id
                )
            )
        return actor

    @retry_conflicts
    def add_membership(
        self,
        person_id: uuid.UUID,
        organisation_id: uuid.UUID,
        role: Role = Role.MEMBER,
        *,
        by: uuid.UUID | Principal = OPERATOR,
    ) -> Actor:
        """Make a person a member, coordinator or staff of an organisation.

        The organisation's coordinators (for others than themselves), a community
        coordinator or the operator (left out: setup in a script).
        """
        with self._work() as w:
            uow = w.uow
            person = get_person(uow, person_id)
            org = get_person(uow, organisation_id)
            if person.kind is not ActorKind.PERSON or not org.kind.is_organisation:
                raise InvalidValue(
                    "membership",
                    Message("problem.actors.only_person_can_member"),
                )
            who = require(uow, by, Action.SET_MEMBERSHIP, organisation_id=org.id)
            if who.id == person.id and not who.is_operator:
                raise policy.deny(
                    who,
                    Message("policy.action.set_membership"),
                    Message("policy.reason.not_oneself"),
                )
            others = tuple(m for m in person.memberships if m.organisation_id != org.id)
            changed = attrs.evolve(
                person,
                memberships=(*others, Membership(org.id, Role(role))),
                version=person.version + 1,
            )
            uow.actors.update(changed)
            w.events.append(
                ev.MembershipChanged(
                    self.community_id, w.now, event_actor(by), person.id, org.id, Role(role).value
                )
            )
        return changed

    @retry_conflicts
    def add_qualification(
        self,
        actor_id: uuid.UUID,
        qualification: Qualification,
        *,
        by: uuid.UUID | Principal = OPERATOR,
    ) -> Actor:
        """Record a qualification a coordinator checked (a community coordinator, or the
        coordinator of an organisation the person belongs to; never one's own)."""
        with self._work() as w:
            actor = get_person(w.uow, actor_id)
            require(w.uow, by, Action.RECORD_QUALIFICATION, subject=actor)
            changed = attrs.evolve(
                actor,
                qualifications=(*actor.qualifications, qualification),
                version=actor.version + 1,
            )
            w.uow.actors.update(changed)
            w.events.append(ev.ActorUpdated(self.community_id, w.now, event_actor(by), actor_id))
        return changed

    @retry_conflicts
    def set_consent(
        self, actor_id: uuid.UUID, consent: Consent, *, by: uuid.UUID | Principal
    ) -> Actor:
        """Only the person themselves may give or withdraw consent."""
        with self._work() as w:
            actor = get_person(w.uow, actor_id)
            who = require_active(w.uow, by)
            if who.id != actor_id:
                raise PermissionDenied(
                    actor=who.label,
                    action=Message("action.actors.change_consent_another_person"),
                    reason=Message("problem.actors.consent_given_by_person"),
                )
            changed = attrs.evolve(actor, consent=consent, version=actor.version + 1)
            w.uow.actors.update(changed)
            w.events.append(ev.ActorUpdated(self.community_id, w.now, who.id, actor_id))
        return changed

    def trust(
        self, person_id: uuid.UUID, trusted_id: uuid.UUID, *, by: uuid.UUID | Principal
    ) -> Actor:
        """``person_id`` lets ``trusted_id`` act for them (set by the person or a coordinator)."""
        return self._trust(person_id, trusted_id, by, grant=True)

    def revoke_trust(
        self, person_id: uuid.UUID, trusted_id: uuid.UUID, *, by: uuid.UUID | Principal
    ) -> Actor:
        return self._trust(person_id, trusted_id, by, grant=False)

    @retry_conflicts
    def _trust(
        self, person_id: uuid.UUID, trusted_id: uuid.UUID, by: uuid.UUID | Principal, grant: bool
    ) -> Actor:
        with self._work() as w:
            uow = w.uow
            person = get_person(uow, person_id)
            other = get_person(uow, trusted_id)
            require(uow, by, Action.NAME_TRUSTED_PERSON, subject=person)
            if grant and not other.active:
                raise InvalidValue(
                    "trusted_id", Message("policy.reason.subject_inactive", person=other.name)
                )
            trusted = (
                person.trusted_persons | {trusted_id}
                if grant
                else person.trusted_persons - {trusted_id}
            )
            changed = attrs.evolve(person, trusted_persons=trusted, version=person.version + 1)
            uow.actors.update(changed)
            w.events.append(ev.ActorUpdated(self.community_id, w.now, event_actor(by), person_id))
        return changed

    @retry_conflicts
    def set_receives_solidarity(
        self, actor_id: uuid.UUID, receives: bool = True, *, by: uuid.UUID | Principal
    ) -> Actor:
        """A community coordinator or ledger keeper marks a person whose received hours
        the solidarity account pays (never themselves)."""
        with self._work() as w:
            actor = get_person(w.uow, actor_id)
            require(w.uow, by, Action.MARK_SOLIDARITY, subject=actor)
            changed = attrs.evolve(actor, receives_solidarity=receives, version=actor.version + 1)
            w.uow.actors.update(changed)
            w.events.append(
                ev.SolidarityMarked(self.community_id, w.now, event_actor(by), actor_id, receives)
            )
        return changed

    def actor(self, actor_id: uuid.UUID, *, by: uuid.UUID | Principal = OPERATOR) -> Actor:
        """An actor's record as ``by`` may see it: whole for whoever may see the person's
        details (:data:`sorgende.domain.policy.Action.SEE_DETAILS`), else without their
        contact details, birth year, consents and trusted persons."""
        with self._read() as uow:
            actor = uow.actors.get(actor_id)
            who = acting(uow, by)
            if who.is_operator or policy.may(who, Action.SEE_DETAILS, subject=actor):
                return actor
            return policy.redacted(actor)

    def actors(
        self, kind: ActorKind | None = None, *, by: uuid.UUID | Principal = OPERATOR
    ) -> Sequence[Actor]:
        with self._read() as uow:
            found = uow.actors.list(kind)
            who = acting(uow, by)
            if who.is_operator:
                return found
            return [
                a if policy.may(who, Action.SEE_DETAILS, subject=a) else policy.redacted(a)
                for a in found
            ]

    def contact(
        self, person_id: uuid.UUID, *, by: uuid.UUID | Principal = OPERATOR
    ) -> Actor | None:
        """The person's record with contact details if ``by`` may see them
        (:func:`sorgende.domain.policy.may_see_contact`: the counterpart of an accepted
        exchange when the person agreed, their coordinators, ...), else ``None``."""
        with self._read() as uow:
            person = uow.actors.get(person_id)
            who = acting(uow, by)

            def shared() -> Iterator[Exchange]:
                # read only if the policy gets as far as the exchanges between the two
                if who.id is not None:
                    yield from uow.exchanges.list(actor_id=who.id)

            return person if policy.may_see_contact(who, person, shared()) else None

    def is_coordinator(self, actor_id: uuid.UUID) -> bool:
        """Whether the person coordinates the whole community."""
        with self._read() as uow:
            return is_coordinator(uow, get_person(uow, actor_id))

    def acting(self, by: uuid.UUID | Principal) -> policy.Acting:
        """The powers ``by`` holds now (for an adapter that asks the policy directly)."""
        with self._read() as uow:
            return acting(uow, by)
