"""What a coordinator looks at: who waits longest, how long the open requests have
waited, who helped lately; of what the asking principal coordinates.

Each read answers from a storage index by time (``RequestRepository.waiting`` and
``count_waiting``, ``ExchangeRepository.scheduled_since``) and stops at a limit, so the
coordinator dashboard costs the same in a village and in a city; a count that reaches
its limit says "more than" (as the board's total does).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import NamedTuple

from sorgende.domain.exchanges import Exchange, ExchangeState
from sorgende.domain.help import HelpRequest
from sorgende.domain.policy import OPERATOR, Acting, Principal
from sorgende.errors import InvalidValue, Message
from sorgende.services.base import UseCases, acting
from sorgende.services.help import COUNT_AHEAD, MAX_PAGE, Page

#: the most exchanges one :meth:`CoordinationUseCases.exchanges_since` reads
MAX_EXCHANGES = 10_000


class Count(NamedTuple):
    """A count that stops at a limit: ``number`` counted, ``more`` if there are more."""

    number: int
    more: bool


#: a scope of the storage's queries: ``None`` the whole community, else organisations
_Scope = frozenset[uuid.UUID] | None


def _scope(who: Acting) -> _Scope:
    """What ``who`` coordinates (:meth:`~sorgende.domain.principals.Acting.coordinates_org`):
    the whole community for its coordinators, the operator and the system; an
    organisation's coordinators and staff their organisations' work (possibly none)."""
    if who.is_operator or who.is_system:
        return None
    me = who.actor
    if me is None or not me.active:
        return frozenset()
    if who.coordinates_org(None):
        return None
    return frozenset(who.coordinates)


def _limit(name: str, value: int, most: int) -> None:
    if not 1 <= value <= most:
        raise InvalidValue(name, Message("problem.help.between", max_page=most))


class CoordinationUseCases(UseCases):
    def waiting(
        self, *, limit: int = 25, by: uuid.UUID | Principal = OPERATOR
    ) -> Sequence[HelpRequest]:
        """The ``limit`` open requests that have waited longest (by ``posted_at``, then
        id) of what ``by`` coordinates: the community's for its coordinators, an
        organisation's for its coordinators and staff, none for others. ``limit`` is at
        most :data:`~sorgende.services.help.MAX_PAGE`."""
        _limit("limit", limit, MAX_PAGE)
        with self._read() as uow:
            scope = _scope(acting(uow, by))
            if scope is not None and not scope:
                return []
            return uow.requests.waiting(organisations=scope, limit=limit)

    def count_waiting(
        self,
        *,
        posted_after: datetime | None = None,
        posted_until: datetime | None = None,
        count_limit: int = COUNT_AHEAD,
        by: uuid.UUID | Principal = OPERATOR,
    ) -> Count:
        """How many open requests of what ``by`` coordinates (as :meth:`waiting`) were
        posted after ``posted_after`` and at or before ``posted_until`` (a bound left
        out: no bound), counted up to ``count_limit``: beyond it ``more`` is true and
        ``number`` is ``count_limit``. The dashboard's counts by age."""
        _limit("count_limit", count_limit, MAX_EXCHANGES)
        with self._read() as uow:
            scope = _scope(acting(uow, by))
            if scope is not None and not scope:
                return Count(0, False)
            found = uow.requests.count_waiting(
                organisations=scope,
                posted_after=posted_after,
                posted_until=posted_until,
                count_limit=count_limit + 1,
            )
        return Count(min(found, count_limit), found > count_limit)

    def exchanges_since(
        self,
        since: datetime,
        *,
        states: Iterable[ExchangeState] | None = None,
        limit: int = COUNT_AHEAD,
        by: uuid.UUID | Principal = OPERATOR,
    ) -> Page[Exchange]:
        """The exchanges scheduled at or after ``since`` (in ``states``, if given) of what
        ``by`` coordinates (as :meth:`waiting`), latest first, at most ``limit`` (up to
        :data:`MAX_EXCHANGES`): the page's ``more`` is true when there are more (then
        they are the latest ``limit``). The dashboard's active helpers."""
        _limit("limit", limit, MAX_EXCHANGES)
        with self._read() as uow:
            scope = _scope(acting(uow, by))
            if scope is not None and not scope:
                return Page([], 0, 0, limit)
            found = uow.exchanges.scheduled_since(
                since, states=states, organisations=scope, limit=limit + 1
            )
        items = found[:limit]
        return Page(items, len(items), 0, limit, more=len(found) > limit)
