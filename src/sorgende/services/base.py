"""What every family of use cases shares: the unit of work, the clock, permissions."""

from __future__ import annotations

import functools
import random
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

import attrs

from sorgende.domain import policy
from sorgende.domain.actors import Actor, CommunityRole
from sorgende.domain.events import DomainEvent
from sorgende.domain.policy import (
    COORDINATING,
    Acting,
    Action,
    Principal,
    PrincipalKind,
    principal,
)
from sorgende.errors import ConflictError, Message, NotFound, SorgendeError, Vetoed
from sorgende.ports import UnitOfWork
from sorgende.services.naming import name_refusal, refusals_named

if TYPE_CHECKING:
    from sorgende.config import Settings
    from sorgende.services.platform import Platform

P = ParamSpec("P")
R = TypeVar("R")
U = TypeVar("U", bound="UseCases")

#: set while a retrying call runs (``platform.retrying``, a use case's re-runs): a use
#: case inside it leaves its conflict to the outer call (else the runs would multiply)
_RETRYING: ContextVar[bool] = ContextVar("sorgende_retrying", default=False)


@attrs.frozen
class ConflictRetries:
    """How a use case that met a storage conflict is run again (the platform's settings).

    A :class:`~sorgende.errors.ConflictError` that is ``retryable`` (a lost
    compare-and-set, a stale snapshot, a lost lock) re-runs the whole call, from its
    reads, up to ``attempts`` runs in all; before each new run it waits a random time
    below ``backoff_ms * 2**(run - 1)``, at most ``backoff_max_ms`` ("full jitter": the
    racers spread out instead of meeting again). The loser of a real race thus reads the
    winner's change and gets the domain's answer (``RequestFull``); disjoint work that
    only met on the database succeeds. Every other error, and a conflict the use case
    decided itself (``retryable=False``), leaves at once.
    """

    attempts: int = 5
    backoff_ms: float = 2.0
    backoff_max_ms: float = 50.0

    @classmethod
    def from_settings(cls, settings: Settings) -> ConflictRetries:
        return cls(
            max(1, settings.conflict_attempts),
            settings.conflict_backoff_ms,
            settings.conflict_backoff_max_ms,
        )

    def run(self, fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        """``fn(*args, **kwargs)``, run again after a retryable conflict.

        The whole call is marked as retrying: a retrying use case inside it that meets a
        conflict leaves the retries to this call (else the runs would multiply).
        """
        if _RETRYING.get():
            return fn(*args, **kwargs)
        token = _RETRYING.set(True)
        try:
            try:
                return fn(*args, **kwargs)
            except ConflictError as error:
                return self._again(error, fn, *args, **kwargs)
        finally:
            _RETRYING.reset(token)

    def again(
        self, error: ConflictError, fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs
    ) -> R:
        """The runs after a first one of ``fn`` met ``error``; inside a retrying call the
        error goes to it instead."""
        if _RETRYING.get():
            raise error
        token = _RETRYING.set(True)
        try:
            return self._again(error, fn, *args, **kwargs)
        finally:
            _RETRYING.reset(token)

    def _again(
        self, error: ConflictError, fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs
    ) -> R:
        run = 1
        while True:
            if not error.retryable or run >= self.attempts:
                raise error
            ceiling = min(self.backoff_max_ms, self.backoff_ms * 2 ** (run - 1))
            time.sleep(random.uniform(0, ceiling) / 1000)
            run += 1
            try:
                return fn(*args, **kwargs)
            except ConflictError as next_error:
                error = next_error


def retry_conflicts(
    method: Callable[Concatenate[U, P], R],
) -> Callable[Concatenate[U, P], R]:
    """Mark a write use case: a storage conflict re-runs it (see :class:`ConflictRetries`).

    Put on the method that opens the use case's one unit of work (``self._work()``).
    """

    # the first run is nearly every run: it costs a try block, nothing is marked before a
    # conflict (the core's use cases do not call each other; ``again`` marks the re-runs)
    @functools.wraps(method)
    def retried(self: U, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except ConflictError as error:
            return self._platform.conflict_retries.again(error, method, self, *args, **kwargs)

    return retried


class Work:
    """A running use case: its unit of work, the events it records and its time."""

    __slots__ = ("events", "now", "uow")

    def __init__(self, uow: UnitOfWork, now: datetime) -> None:
        self.uow = uow
        self.now = now
        self.events: list[DomainEvent] = []


class _UseCase(Work):
    """The context of one use case, and the running use case it gives (one object, not
    two: a class, not a generator, for it runs on every call)."""

    __slots__ = ("context", "platform")

    def __init__(self, platform: Platform, community_id: uuid.UUID) -> None:
        self.platform = platform
        # it will write: on SQLite the transaction takes the write lock when it begins
        storage = platform.storage
        #: the unit of work as opened (``uow`` is what entering it gave)
        self.context = (
            storage.unit_of_work(community_id, writing=True)
            if platform.storage_takes_writing
            else storage.unit_of_work(community_id)
        )
        self.events = []

    def __enter__(self) -> Work:
        self.uow = self.context.__enter__()
        self.now = self.platform.clock()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        uow = self.uow
        if isinstance(exc, SorgendeError):
            # name what the refusal knows by id while the records are at hand
            name_refusal(exc, uow, self.now)
        events = self.events
        try:
            if exc_type is None:
                platform = self.platform
                if events:
                    # in the same transaction: logged (and notified) iff the change is made
                    uow.event_log.append(events)
                    if platform.outbox_enabled:
                        platform.write_outbox(uow, events, self.now)
                uow.commit()
        finally:
            self.context.__exit__(exc_type, exc, tb)
        if exc_type is None and events:
            self.platform.dispatch(events)


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
        platform = self._platform
        with (
            platform.storage.unit_of_work(self.community_id) as uow,
            refusals_named(uow, platform.clock),
        ):
            yield uow

    def _veto(
        self, work: Work, action: str, by: uuid.UUID | Principal | None, subject: Any
    ) -> None:
        actor_id = by.actor_id if isinstance(by, Principal) else by
        refusals = self._platform.hooks.veto(action, self.community_id, actor_id, subject)
        if refusals:
            plugin, reason = refusals[0]
            raise Vetoed(action=action, plugin=plugin, reason=reason)


def get_person(uow: UnitOfWork, actor_id: uuid.UUID) -> Actor:
    actor = uow.actors.find(actor_id)
    if actor is None:
        raise NotFound("actor", actor_id)
    return actor


def acting(uow: UnitOfWork, by: uuid.UUID | Principal) -> Acting:
    """The powers ``by`` holds now, read from the community's records.

    A person's own community roles, and those of each organisation they coordinate
    (coordinator or staff): what the policy (:mod:`sorgende.domain.policy`) decides on.
    """
    if isinstance(by, uuid.UUID):
        # a person's id, as most use cases are called: no detour through ``principal``
        actor = uow.actors.find(by)
        if actor is None:
            raise NotFound("actor", by)
        return _person_acting(uow, Principal(PrincipalKind.PERSON, by), actor)
    who = principal(by)
    if who.actor_id is None:
        return Acting(who)
    return _person_acting(uow, who, get_person(uow, who.actor_id))


def _person_acting(uow: UnitOfWork, who: Principal, actor: Actor) -> Acting:
    if not actor.memberships:
        # most persons: their own roles only (a use case asks this every time)
        return Acting(who, actor, actor.community_roles)
    organisations = [
        org
        for m in actor.memberships
        if m.role in COORDINATING
        for org in (uow.actors.find(m.organisation_id),)
        if org is not None
    ]
    return Acting.of(actor, organisations)


def is_coordinator(uow: UnitOfWork, actor: Actor) -> bool:
    """A coordinator of the whole community (the role granted to them or to an
    organisation they coordinate)."""
    if not actor.active:
        return False
    acting_person = _person_acting(uow, Principal.person(actor.id), actor)
    return acting_person.has(CommunityRole.COORDINATOR)


def require(
    uow: UnitOfWork,
    by: uuid.UUID | Principal,
    action: Action,
    *,
    subject: Actor | None = None,
    organisation_id: uuid.UUID | None = None,
    accounts: tuple[uuid.UUID, ...] = (),
) -> Acting:
    """The acting principal, if the policy lets it take ``action``; raises otherwise."""
    who = acting(uow, by)
    policy.require(who, action, subject=subject, organisation_id=organisation_id, accounts=accounts)
    return who


def acting_for(
    uow: UnitOfWork,
    by: uuid.UUID | Principal,
    person: Actor,
    organisation_id: uuid.UUID | None = None,
) -> uuid.UUID | None:
    """Check that ``by`` may act for ``person`` (:func:`sorgende.domain.policy.acting_for`);
    the person acted for, if not ``by`` itself."""
    return policy.acting_for(acting(uow, by), person, organisation_id)


def require_active(uow: UnitOfWork, by: uuid.UUID | Principal) -> Acting:
    """The acting principal; refuses a person who no longer takes part."""
    who = acting(uow, by)
    if who.actor is not None and not who.actor.active:
        raise policy.deny(
            who, Message("policy.action.act_on_exchange"), Message("policy.reason.inactive")
        )
    return who
