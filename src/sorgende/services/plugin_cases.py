"""The base of a plugin's facade of use cases for one community: :class:`PluginCases`.

Every plugin that owns records writes the same three lines around each of its use cases:
a unit of work through ``platform.use_case``, run again from its reads after a storage
conflict, and the acting person's powers read as the core reads them. Written once here,
a plugin's facade (the projects, participation and crisis plugins' among them) holds only
its rules, and every plugin retries the same way the core does.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar

import attrs

from sorgende.domain.policy import Acting, Principal
from sorgende.ports import UnitOfWork
from sorgende.services.base import Work

if TYPE_CHECKING:
    from sorgende.services.platform import Platform

R = TypeVar("R")

#: who acts in a use case: a person's id, or the operator or the system
By = uuid.UUID | Principal


class PluginCases:
    """A plugin's use cases for one community, run as the core runs its own.

    A subclass writes each use case as a function of the running use case
    (:class:`~sorgende.services.base.Work`: ``w.uow``, ``w.now``, ``w.events``) and
    hands it to :meth:`_write`; reads go through :meth:`_read`. The helpers are
    protected so that the subclass's public methods are its use cases alone.
    """

    #: runs in all of a *contended* use case (see :meth:`_write`); at least the
    #: platform's ``conflict_attempts``
    contended_attempts: ClassVar[int] = 16

    def __init__(self, platform: Platform, community_id: uuid.UUID) -> None:
        self.platform = platform
        self.community_id = community_id

    def _write(self, fn: Callable[[Work], R], *, contended: bool = False) -> R:
        """``fn`` as one use case, run again from its reads after a storage conflict.

        ``contended``: a use case that many persons run at the same moment on one record
        (the last places of a shift when sign-up opens, supporting one idea). Each lost
        race is a conflict on that record's version; such a use case runs up to
        :attr:`contended_attempts` times with the platform's backoff, so that every
        racer gets the domain's answer (a place, the waitlist, "full") instead of a
        conflict.
        """

        def run() -> R:
            with self.platform.use_case(self.community_id) as w:
                return fn(w)

        retries = self.platform.conflict_retries
        if contended and retries.attempts < self.contended_attempts:
            retries = attrs.evolve(retries, attempts=self.contended_attempts)
        return retries.run(run)

    def _read(self, fn: Callable[[UnitOfWork], R]) -> R:
        """``fn`` of a unit of work that reads only (nothing is committed)."""
        with self.platform.read(self.community_id) as uow:
            return fn(uow)

    def _acting(self, uow: UnitOfWork, by: By) -> Acting:
        """The powers ``by`` holds now (:meth:`Platform.acting`): ask the policy with it."""
        return self.platform.acting(uow, by)

