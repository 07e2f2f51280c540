"""The contract's check of the queries by time (the coordinator dashboard's): the oldest
open requests, their counts by posting time and the exchanges since a date, each against
a brute-force filter of the world, in every scope (community, organisations)."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sorgende.domain.exchanges import Exchange, ExchangeState
from sorgende.domain.help import HelpRequest, RequestStatus
from sorgende.ports import UnitOfWork
from sorgende.testing.contract.seed import assert_same_records
from sorgende.testing.contract.worlds import World

_MICRO = timedelta(microseconds=1)


def _scopes(world: World) -> list[frozenset[uuid.UUID] | None]:
    """The whole community, each organisation alone, all of them, and one nobody has."""
    named = {
        r.organisation_id
        for repository in ("requests", "exchanges")
        for r in world.records[repository]
        if r.organisation_id is not None
    }
    return [None, frozenset(named), frozenset({uuid.uuid4()}), *(frozenset({o}) for o in named)]


def _in(record: Any, scope: frozenset[uuid.UUID] | None) -> bool:
    return scope is None or record.organisation_id in scope


def _times(values: list[datetime]) -> list[datetime | None]:
    """Each time, a microsecond either side, and no bound (in UTC: in a zone with summer
    time a microsecond before 03:00 may be a wall time an hour later)."""
    found = {datetime(2000, 1, 1, tzinfo=UTC)}
    for when in values:
        instant = when.astimezone(UTC)
        found |= {instant - _MICRO, instant, instant + _MICRO}
    return [None, *sorted(found)]


def _instants(values: list[datetime]) -> list[datetime]:
    return [t for t in _times(values) if t is not None]


def check_by_time(uow: UnitOfWork, world: World, rnd: random.Random) -> None:
    """``requests.waiting``, ``requests.count_waiting`` and ``exchanges.scheduled_since``
    give what a brute-force filter of the world gives, in order, in every scope."""
    requests: list[HelpRequest] = world.records["requests"]
    exchanges: list[Exchange] = world.records["exchanges"]
    opened = [r for r in requests if r.status is RequestStatus.OPEN]
    posted = _times([r.posted_at for r in opened])
    scheduled = _instants([e.scheduled for e in exchanges])
    for scope in _scopes(world):
        mine = sorted(
            (r for r in opened if _in(r, scope)),
            key=lambda r: (r.posted_at.astimezone(UTC), r.id.int),
        )
        for limit in (rnd.choice([1, 2]), len(requests) + 1):
            found = list(uow.requests.waiting(organisations=scope, limit=limit))
            what = f"requests.waiting(organisations={scope}, limit={limit})"
            assert [r.id for r in found] == [r.id for r in mine[:limit]], what
            assert_same_records(found, mine[:limit], what)
        # a sample of the bounds (each query is a round trip on SQL): open at either
        # end, and between two times
        bounds = [(None, None), *((rnd.choice(posted), rnd.choice(posted)) for _ in range(4))]
        for after, until in bounds:
            expected = sum(
                1
                for r in mine
                if (after is None or r.posted_at > after)
                and (until is None or r.posted_at <= until)
            )
            for count_limit in (None, rnd.choice([1, expected, expected + 1])):
                found_count = uow.requests.count_waiting(
                    organisations=scope,
                    posted_after=after,
                    posted_until=until,
                    count_limit=count_limit,
                )
                what = f"requests.count_waiting({scope}, {after}, {until}, {count_limit})"
                wanted = expected if count_limit is None else min(expected, count_limit)
                assert found_count == wanted, what
        for since in rnd.sample(scheduled, min(4, len(scheduled))):
            states = rnd.choice([None, [ExchangeState.CONFIRMED, ExchangeState.ACCEPTED], []])
            expected_exchanges = sorted(
                (
                    e
                    for e in exchanges
                    if e.scheduled >= since
                    and _in(e, scope)
                    and (states is None or e.state in states)
                ),
                key=lambda e: (e.scheduled.astimezone(UTC), e.id.int),
                reverse=True,
            )
            for limit_or_none in (None, rnd.choice([1, 2])):
                found_exchanges = list(
                    uow.exchanges.scheduled_since(
                        since, states=states, organisations=scope, limit=limit_or_none
                    )
                )
                wanted_exchanges = expected_exchanges[:limit_or_none]
                what = f"exchanges.scheduled_since({since}, {states}, {scope}, {limit_or_none})"
                assert [e.id for e in found_exchanges] == [e.id for e in wanted_exchanges], what
                assert_same_records(found_exchanges, wanted_exchanges, what)
