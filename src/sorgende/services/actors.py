"""Use cases for the community's setup (places, categories) and its actors."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

import attrs

from sorgende.domain import events as ev
from sorgende.domain.actors import Actor, ActorKind, Consent, Membership, Qualification, Role
from sorgende.domain.categories import Category
from sorgende.domain.community import Community, Place, PlaceKind, SolidarityPolicy
from sorgende.errors import ConflictError, InvalidValue, Message, PermissionDenied, Text
from sorgende.services.base import (
    UseCases,
    Work,
    get_person,
    is_coordinator,
    require_coordinator,
    retry_conflicts,
)
from sorgende.services.validation import known_place, valid_name


class ActorUseCases(UseCases):
    # -- the community ------------------------------------------------------------

    def info(self) -> Community:
        with self._read() as uow:
            return uow.community.get()

    @retry_conflicts
    def set_solidarity_policy(
        self, policy: SolidarityPolicy, *, by: uuid.UUID | None = None
    ) -> Community:
        with self._work() as w:
            self._operator(w, by, Message("action.actors.change_solidarity_policy"))
            community = w.uow.community.get()
            changed = attrs.evolve(
                community, solidarity_policy=SolidarityPolicy(policy), version=community.version + 1
            )
            w.uow.community.update(changed)
        return changed

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
        by: uuid.UUID | None = None,
    ) -> Place:
        """Add a village, town or district. ``by`` (if given) must be a coordinator."""
        if population is not None and population < 0:
            raise InvalidValue("population", Message("problem.actors.negative"))
        if lat is not None and not -90 <= lat <= 90:
            raise InvalidValue("lat", Message("problem.actors.latitude", lat=lat))
        if lon is not None and not -180 <= lon <= 180:
            raise InvalidValue("lon", Message("problem.actors.longitude", lon=lon))
        with self._work() as w:
            self._operator(w, by, Message("action.actors.add_place"))
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
            w.events.append(ev.PlaceAdded(self.community_id, w.now, by, place.id))
        return place

    @retry_conflicts
    def add_category(self, category: Category, *, by: uuid.UUID | None = None) -> Category:
        """Add a community's own category of help."""
        with self._work() as w:
            self._operator(w, by, Message("action.actors.add_category"))
            if w.uow.categories.find(category.code) is not None:
                # decided from a fresh read: running it again would only repeat it
                raise ConflictError(
                    kind="category", id=category.code, expected="new", retryable=False
                )
            w.uow.categories.add(category)
            w.events.append(ev.CategoryAdded(self.community_id, w.now, by, category.code))
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
        by: uuid.UUID | None = None,
    ) -> Actor:
        """Register a person or an organisation (self-registration when ``by`` is None)."""
        kind = ActorKind(kind)
        if birth_year is not None and not 1900 <= birth_year <= 2100:
            raise InvalidValue(
                "birth_year", Message("problem.actors.plausible", birth_year=birth_year)
            )
        if email is not None and "@" not in email:
            raise InvalidValue("email", Message("problem.actors.email_address", email=email))
        with self._work() as w:
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
            )
            self._veto(w, "register_actor", by, actor)
            w.uow.actors.add(actor)
            w.events.append(ev.ActorRegistered(self.community_id, w.now, by, actor.id))
        return actor

    @retry_conflicts
    def add_membership(
        self,
        person_id: uuid.UUID,
        organisation_id: uuid.UUID,
        role: Role = Role.MEMBER,
        *,
        by: uuid.UUID | None = None,
    ) -> Actor:
        """Make a person a member, coordinator or staff of an organisation.

        ``by`` (if given) must be a coordinator of the community or of that organisation.
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
            if by is not None and get_person(uow, by).role_in(org.id) is not Role.COORDINATOR:
                require_coordinator(uow, by, Message("action.actors.add_membership"))
            others = tuple(m for m in person.memberships if m.organisation_id != org.id)
            changed = attrs.evolve(
                person,
                memberships=(*others, Membership(org.id, Role(role))),
                version=person.version + 1,
            )
            uow.actors.update(changed)
            w.events.append(ev.ActorUpdated(self.community_id, w.now, by, person.id))
        return changed

    @retry_conflicts
    def add_qualification(
        self, actor_id: uuid.UUID, qualification: Qualification, *, by: uuid.UUID | None = None
    ) -> Actor:
        """Record a qualification; ``by`` (if given) must be a coordinator, who checked it."""
        with self._work() as w:
            if by is not None:
                require_coordinator(w.uow, by, Message("action.actors.record_qualification"))
            actor = get_person(w.uow, actor_id)
            changed = attrs.evolve(
                actor,
                qualifications=(*actor.qualifications, qualification),
                version=actor.version + 1,
            )
            w.uow.actors.update(changed)
            w.events.append(ev.ActorUpdated(self.community_id, w.now, by, actor_id))
        return changed

    @retry_conflicts
    def set_consent(self, actor_id: uuid.UUID, consent: Consent, *, by: uuid.UUID) -> Actor:
        """Only the person themselves may give or withdraw consent."""
        with self._work() as w:
            actor = get_person(w.uow, actor_id)
            if by != actor_id:
                raise PermissionDenied(
                    actor=by,
                    action=Message("action.actors.change_consent_another_person"),
                    reason=Message("problem.actors.consent_given_by_person"),
                )
            changed = attrs.evolve(actor, consent=consent, version=actor.version + 1)
            w.uow.actors.update(changed)
            w.events.append(ev.ActorUpdated(self.community_id, w.now, by, actor_id))
        return changed

    def trust(self, person_id: uuid.UUID, trusted_id: uuid.UUID, *, by: uuid.UUID) -> Actor:
        """``person_id`` lets ``trusted_id`` act for them (set by the person or a coordinator)."""
        return self._trust(person_id, trusted_id, by, grant=True)

    def revoke_trust(self, person_id: uuid.UUID, trusted_id: uuid.UUID, *, by: uuid.UUID) -> Actor:
        return self._trust(person_id, trusted_id, by, grant=False)

    @retry_conflicts
    def _trust(
        self, person_id: uuid.UUID, trusted_id: uuid.UUID, by: uuid.UUID, grant: bool
    ) -> Actor:
        with self._work() as w:
            uow = w.uow
            person = get_person(uow, person_id)
            get_person(uow, trusted_id)
            if by != person_id:
                require_coordinator(uow, by, Message("action.actors.name_trusted_person"))
            trusted = (
                person.trusted_persons | {trusted_id}
                if grant
                else person.trusted_persons - {trusted_id}
            )
            changed = attrs.evolve(person, trusted_persons=trusted, version=person.version + 1)
            uow.actors.update(changed)
            w.events.append(ev.ActorUpdated(self.community_id, w.now, by, person_id))
        return changed

    @retry_conflicts
    def set_receives_solidarity(
        self, actor_id: uuid.UUID, receives: bool = True, *, by: uuid.UUID
    ) -> Actor:
        """A coordinator marks a person whose received hours the solidarity account pays."""
        with self._work() as w:
            require_coordinator(w.uow, by, Message("action.actors.change_solidarity_support"))
            actor = get_person(w.uow, actor_id)
            changed = attrs.evolve(actor, receives_solidarity=receives, version=actor.version + 1)
            w.uow.actors.update(changed)
            w.events.append(ev.ActorUpdated(self.community_id, w.now, by, actor_id))
        return changed

    def actor(self, actor_id: uuid.UUID) -> Actor:
        with self._read() as uow:
            return uow.actors.get(actor_id)

    def actors(self, kind: ActorKind | None = None) -> Sequence[Actor]:
        with self._read() as uow:
            return uow.actors.list(kind)

    def is_coordinator(self, actor_id: uuid.UUID) -> bool:
        with self._read() as uow:
            return is_coordinator(uow, get_person(uow, actor_id))

    def _operator(self, w: Work, by: uuid.UUID | None, action: Text) -> None:
        """Setup is done by the operator (``by`` None) or a coordinator."""
        if by is not None:
            require_coordinator(w.uow, by, action)
