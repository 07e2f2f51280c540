"""What every family of use cases shares: the unit of work, the clock, permissions."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sorgende.domain.actors import Actor, ActorKind, Role
from sorgende.domain.events import DomainEvent
from sorgende.errors import Message, NotFound, PermissionDenied, Text, Vetoed
from sorgende.ports import UnitOfWork

if TYPE_CHECKING:
    from sorgende.services.platform import Platform


class Work:
    """A running use case: its unit of work, the events it records and its time."""

    __slots__ = ("events", "now", "uow")

    def __init__(self, uow: UnitOfWork, now: datetime) -> None:
        self.uow = uow
        self.now = now
        self.events: list[DomainEvent] = []


class _UseCase:
    """The context of one use case (a class, not a generator: it runs on every call)."""

    __slots__ = ("platform", "uow", "work")

    def __init__(self, platform: Platform, community_id: uuid.UUID) -> None:
        self.platform = platform
        self.uow = platform.storage.unit_of_work(community_id)

    def __enter__(self) -> Work:
        self.work = Work(self.uow.__enter__(), self.platform.clock())
        return self.work

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        uow = self.uow
        try:
            if exc_type is None:
                platform = self.platform
                events = self.work.events
                if events:
                    # in the same transaction: logged (and notified) iff the change is made
                    uow.event_log.append(events)
                    if platform.outbox_enabled:
                        platform.write_outbox(uow, events, self.work.now)
                uow.commit()
        finally:
            uow.__exit__(exc_type, exc, tb)
        if exc_type is None and self.work.events:
            self.platform.dispatch(self.work.events)


class UseCases:
    """Base of the use-case families of one community (see :class:`CommunityService`)."""

    def __init__(self, platform: Platform, community_id: uuid.UUID) -> None:
        self._platform = platform
        self.community_id = community_id

    def _work(self) -> _UseCase:
        """One use case: a unit of work committed at the end (with its outbox entry),
        then its events handed to the observers."""
        return _UseCase(self._platform, self.community_id)

    @contextmanager
    def _read(self) -> Iterator[UnitOfWork]:
        """A read-only look at the community (rolled back at the end)."""
        with self._platform.storage.unit_of_work(self.community_id) as uow:
            yield uow

    def _veto(self, work: Work, action: str, actor_id: uuid.UUID | None, subject: Any) -> None:
        refusals = self._platform.hooks.veto(action, self.community_id, actor_id, subject)
        if refusals:
            plugin, reason = refusals[0]
            raise Vetoed(action=action, plugin=plugin, reason=reason)


def get_person(uow: UnitOfWork, actor_id: uuid.UUID) -> Actor:
    actor = uow.actors.find(actor_id)
    if actor is None:
        raise NotFound("actor", actor_id)
    return actor


def is_coordinator(uow: UnitOfWork, actor: Actor) -> bool:
    """A coordinator of the community: coordinator of any organisation, or municipal staff.

    ("Hauptamt stärkt Ehrenamt": staff of the municipality coordinate too.)
    """
    if actor.erased:
        return False
    for membership in actor.memberships:
        if membership.role is Role.COORDINATOR:
            return True
        if membership.role is Role.STAFF:
            org = uow.actors.find(membership.organisation_id)
            if org is not None and org.kind is ActorKind.MUNICIPALITY:
                return True
    return False


def require_coordinator(uow: UnitOfWork, by: uuid.UUID, action: Text) -> Actor:
    actor = get_person(uow, by)
    if not is_coordinator(uow, actor):
        raise PermissionDenied(
            actor=by,
            action=action,
            reason=Message("problem.base.only_coordinator"),
        )
    return actor


def acting_for(uow: UnitOfWork, by: uuid.UUID, person: Actor, action: Text) -> uuid.UUID | None:
    """Check that ``by`` may act for ``person``; the person acted for, if not ``by`` itself.

    Allowed: the person themselves, a trusted person they named, or a coordinator.
    """
    if by == person.id:
        return None
    if by in person.trusted_persons:
        get_person(uow, by)
        return person.id
    actor = get_person(uow, by)
    if is_coordinator(uow, actor):
        return person.id
    raise PermissionDenied(
        actor=by,
        action=action,
        reason=Message("problem.base.not_self_trusted_coordinator", by=by, person=person.id),
    )
