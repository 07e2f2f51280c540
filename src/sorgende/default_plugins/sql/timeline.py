"""The SQL storage's queries by time: open requests by when they were posted, exchanges
by when they are scheduled (the coordinator dashboard's reads).

Each query walks one index in its order and stops at a limit (migration 0013):
``ix_requests_waiting`` (community, status, posted_at, id) for the community's waiting
list and counts by age, ``ix_requests_waiting_org`` for one organisation's, and
``ix_exchanges_scheduled`` / ``ix_exchanges_scheduled_org`` for the exchanges since a
date. An organisation coordinator's scope of several organisations is one query per
organisation, merged here: an ``IN`` over organisations would make the database sort
every match instead of reading the first few from the index.
"""

from __future__ import annotations

import heapq
import uuid
from collections.abc import Collection, Iterable, Sequence
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from sqlalchemy import func, literal, select

from sorgende.default_plugins.sql import damaged
from sorgende.default_plugins.sql import tables as t
from sorgende.default_plugins.sql.encoding import micros
from sorgende.domain.exchanges import Exchange, ExchangeState
from sorgende.domain.help import HelpRequest, RequestStatus

_OPEN = RequestStatus.OPEN.value


class RequestsByTime:
    """``RequestRepository``'s queries by posting time (a base of the SQL repository)."""

    uow: Any

    def waiting(
        self, *, organisations: Collection[uuid.UUID] | None = None, limit: int = 50
    ) -> Sequence[HelpRequest]:
        return waiting(self.uow, organisations, limit)

    def count_waiting(
        self,
        *,
        organisations: Collection[uuid.UUID] | None = None,
        posted_after: datetime | None = None,
        posted_until: datetime | None = None,
        count_limit: int | None = None,
    ) -> int:
        return count_waiting(self.uow, organisations, posted_after, posted_until, count_limit)


class ExchangesByTime:
    """``ExchangeRepository``'s query by schedule (a base of the SQL repository)."""

    uow: Any

    def scheduled_since(
        self,
        since: datetime,
        *,
        states: Iterable[ExchangeState] | None = None,
        organisations: Collection[uuid.UUID] | None = None,
        limit: int | None = None,
    ) -> Sequence[Exchange]:
        return scheduled_since(self.uow, since, states, organisations, limit)


def _scopes(organisations: Collection[uuid.UUID] | None) -> list[uuid.UUID | None]:
    """One query per organisation; ``None`` is the whole community."""
    if organisations is None:
        return [None]
    found: list[uuid.UUID | None] = [*sorted(set(organisations))]
    return found


def waiting(uow: Any, organisations: Collection[uuid.UUID] | None, limit: int) -> list[HelpRequest]:
    """``RequestRepository.waiting``: the oldest ``limit`` open requests of the scope."""
    c = t.requests.c
    found: list[list[HelpRequest]] = []
    for organisation in _scopes(organisations):
        q = select(c.data).where(c.community_id == uow.community_id, c.status == _OPEN)
        if organisation is not None:
            q = q.where(c.organisation_id == organisation)
        q = q.order_by(c.posted_at, c.id).limit(limit)
        found.append(damaged.readable(uow.conn.scalars(q), HelpRequest, "requests"))
    if len(found) == 1:
        return found[0]
    merged = heapq.merge(*found, key=lambda r: (r.posted_at.astimezone(UTC), r.id.int))
    return list(islice(merged, limit))


def count_waiting(
    uow: Any,
    organisations: Collection[uuid.UUID] | None,
    after: datetime | None,
    until: datetime | None,
    count_limit: int | None,
) -> int:
    """``RequestRepository.count_waiting``: each count reads at most ``count_limit`` index
    entries (a count of every match is what grows with the community)."""
    c = t.requests.c
    total = 0
    for organisation in _scopes(organisations):
        q = select(literal(1)).where(c.community_id == uow.community_id, c.status == _OPEN)
        if organisation is not None:
            q = q.where(c.organisation_id == organisation)
        if after is not None:
            q = q.where(c.posted_at > micros(after))
        if until is not None:
            q = q.where(c.posted_at <= micros(until))
        if count_limit is not None:
            q = q.limit(count_limit)
        total += int(uow.conn.scalar(select(func.count()).select_from(q.subquery())) or 0)
        if count_limit is not None and total >= count_limit:
            return count_limit
    return total


def scheduled_since(
    uow: Any,
    since: datetime,
    states: Iterable[ExchangeState] | None,
    organisations: Collection[uuid.UUID] | None,
    limit: int | None,
) -> list[Exchange]:
    """``ExchangeRepository.scheduled_since``: latest first, from the schedule's index."""
    c = t.exchanges.c
    wanted = None if states is None else sorted(s.value for s in states)
    found: list[list[Exchange]] = []
    for organisation in _scopes(organisations):
        q = select(c.data).where(c.community_id == uow.community_id, c.scheduled >= micros(since))
        if organisation is not None:
            q = q.where(c.organisation_id == organisation)
        if wanted is not None:
            q = q.where(c.state.in_(wanted))
        q = q.order_by(c.scheduled.desc(), c.id.desc())
        if limit is not None:
            q = q.limit(limit)
        found.append(damaged.readable(uow.conn.scalars(q), Exchange, "exchanges"))
    if len(found) == 1:
        return found[0]
    merged = heapq.merge(
        *found, key=lambda e: (e.scheduled.astimezone(UTC), e.id.int), reverse=True
    )
    return list(merged if limit is None else islice(merged, limit))
