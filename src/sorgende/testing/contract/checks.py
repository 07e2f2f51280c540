"""Checks of a storage's queries against a generated world: filters, pages, expiry, postings."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sorgende.domain.actors import ActorKind
from sorgende.domain.exchanges import ExchangeState
from sorgende.domain.help import (
    HelpRequest,
    OfferStatus,
    RequestStatus,
    board_order,
    expiry_due,
)
from sorgende.ports import UnitOfWork
from sorgende.testing.contract.seed import (
    ADDABLE,
    assert_same_records,
)
from sorgende.testing.contract.worlds import World


def _one(values: Sequence[Any], rnd: random.Random) -> Any:
    """No filter (None) or one of ``values`` (the lists hold a value nobody has, too).

    Values keep the filter's type: a SQL database compares a text column with a
    UUID no better than Python compares them equal.
    """
    return rnd.choice([None, None, *values])


def _some(members: Iterable[Any], rnd: random.Random) -> list[Any] | None:
    """No filter (None) or some of ``members`` (perhaps none)."""
    if rnd.random() < 0.3:
        return None
    return [m for m in members if rnd.random() < 0.4]


def check_request_page(
    uow: UnitOfWork,
    expected: list[HelpRequest],
    rnd: random.Random,
    statuses: list[RequestStatus] | None,
    place_id: uuid.UUID | None,
    category: str | None,
) -> None:
    """A page is a slice of the board's order, and its total counts every match."""
    ordered = sorted(expected, key=board_order)
    offset, limit = rnd.randrange(len(ordered) + 2), rnd.randrange(1, 6)
    items, total = uow.requests.page(
        statuses=statuses, place_id=place_id, category=category, offset=offset, limit=limit
    )
    what = f"requests.page({statuses=}, {place_id=}, {category=}, {offset=}, {limit=})"
    assert total == len(ordered), what
    assert [r.id for r in items] == [r.id for r in ordered[offset : offset + limit]], what


def check_filters(uow: UnitOfWork, world: World, rnd: random.Random, rounds: int = 12) -> None:
    """Every list filter of every repository gives what a brute-force filter gives.

    Each filter value is tried on its own, then ``rounds`` random combinations.
    """
    rec = world.records
    for repository in ADDABLE:
        assert_same_records(
            getattr(uow, repository).list(), rec[repository], f"{repository}.list()"
        )
    for kind in ActorKind:
        expected = [a for a in rec["actors"] if a.kind is kind]
        assert_same_records(uow.actors.list(kind), expected, f"actors.list({kind})")

    def requests(
        statuses: list[RequestStatus] | None = None,
        place_id: uuid.UUID | None = None,
        category: str | None = None,
        actor_id: uuid.UUID | None = None,
    ) -> None:
        expected = [
            r
            for r in rec["requests"]
            if (statuses is None or r.status in statuses)
            and (place_id is None or r.place_id == place_id)
            and (category is None or r.category == category)
            and (actor_id is None or actor_id in (r.recipient_id, r.posted_by))
        ]
        found = uow.requests.list(
            statuses=statuses, place_id=place_id, category=category, actor_id=actor_id
        )
        what = f"requests.list({statuses=}, {place_id=}, {category=}, {actor_id=})"
        assert_same_records(found, expected, what)
        if actor_id is None:
            check_request_page(uow, expected, rnd, statuses, place_id, category)

    def offers(
        statuses: list[OfferStatus] | None = None,
        category: str | None = None,
        helper_id: uuid.UUID | None = None,
    ) -> None:
        expected = [
            o
            for o in rec["offers"]
            if (statuses is None or o.status in statuses)
            and (category is None or o.category == category)
            and (helper_id is None or o.helper_id == helper_id)
        ]
        found = uow.offers.list(statuses=statuses, category=category, helper_id=helper_id)
        assert_same_records(found, expected, f"offers.list({statuses=}, {category=}, {helper_id=})")

    def exchanges(
        request_id: uuid.UUID | None = None,
        offer_id: uuid.UUID | None = None,
        actor_id: uuid.UUID | None = None,
        helper_id: uuid.UUID | None = None,
        states: list[ExchangeState] | None = None,
    ) -> None:
        expected = [
            e
            for e in rec["exchanges"]
            if (request_id is None or e.request_id == request_id)
            and (offer_id is None or e.offer_id == offer_id)
            and (actor_id is None or actor_id in (e.helper_id, e.recipient_id))
            and (helper_id is None or e.helper_id == helper_id)
            and (states is None or e.state in states)
        ]
        found = uow.exchanges.list(
            request_id=request_id,
            offer_id=offer_id,
            actor_id=actor_id,
            helper_id=helper_id,
            states=states,
        )
        what = f"exchanges.list({request_id=}, {offer_id=}, {actor_id=}, {helper_id=}, {states=})"
        assert_same_records(found, expected, what)

    def by_actor(repository: str, actor_id: uuid.UUID | None) -> None:
        expected = [r for r in rec[repository] if actor_id is None or r.actor_id == actor_id]
        found = getattr(uow, repository).list(actor_id=actor_id)
        assert_same_records(found, expected, f"{repository}.list({actor_id=})")

    unknown = uuid.uuid4()
    place_ids = [*(p.id for p in rec["places"]), unknown]
    codes = [*(c.code for c in rec["categories"]), "no-such-category"]
    actor_ids = [*world.ids("actors"), unknown]
    request_ids = [*world.ids("requests"), unknown]
    offer_ids = [*world.ids("offers"), unknown]
    # each filter on its own
    for status in RequestStatus:
        requests(statuses=[status])
    requests(statuses=[])
    for place_id in place_ids:
        requests(place_id=place_id)
    for code in codes:
        requests(category=code)
        offers(category=code)
    for actor_id in actor_ids:
        requests(actor_id=actor_id)
        offers(helper_id=actor_id)
        exchanges(actor_id=actor_id)
        exchanges(helper_id=actor_id)
        by_actor("commitments", actor_id)
        by_actor("recognitions", actor_id)
    for offer_status in OfferStatus:
        offers(statuses=[offer_status])
    for request_id in request_ids:
        exchanges(request_id=request_id)
    for offer_id in offer_ids:
        exchanges(offer_id=offer_id)
    for state in ExchangeState:
        exchanges(states=[state])
    # and combined
    for _ in range(rounds):
        requests(
            _some(RequestStatus, rnd), _one(place_ids, rnd), _one(codes, rnd), _one(actor_ids, rnd)
        )
        offers(_some(OfferStatus, rnd), _one(codes, rnd), _one(actor_ids, rnd))
        exchanges(
            _one(request_ids, rnd) if rnd.random() < 0.3 else None,
            _one(offer_ids, rnd) if rnd.random() < 0.3 else None,
            _one(actor_ids, rnd),
            _one(actor_ids, rnd),
            _some(ExchangeState, rnd),
        )

    check_queries(uow, world)


def check_queries(uow: UnitOfWork, world: World) -> None:
    """The queries without filter combinations: expiry's and the ledger's."""
    check_expiring(uow, world)
    check_postings(uow, world)


def check_expiring(uow: UnitOfWork, world: World) -> None:
    """``requests.expiring(now)`` holds exactly the requests due by ``now``, by posting time.

    ``now`` runs over every request's due time, a microsecond either side, and times
    before and after them all (in other time zones too: instants compare, not clocks).
    """
    requests = world.records["requests"]
    due = {r.id: expiry_due(r) for r in requests}
    times = {datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=_EAST)}
    for when in due.values():
        if when is not None:
            times |= {when - _MICRO, when, (when + _MICRO).astimezone(_WEST)}
    for now in sorted(times):
        expected = [r for r in requests if (d := due[r.id]) is not None and d <= now]
        found = uow.requests.expiring(now)
        what = f"requests.expiring({now.isoformat()})"
        assert_same_records(found, expected, what)
        posted = [r.posted_at for r in found]
        assert posted == sorted(posted), f"{what}: not in the order of posting"


_MICRO = timedelta(microseconds=1)
_EAST, _WEST = timezone(timedelta(hours=14)), timezone(timedelta(hours=-12))


def check_postings(uow: UnitOfWork, world: World) -> None:
    """Postings by account, and each balance is the sum of the account's entries."""
    postings = world.records["postings"]
    for account in [*world.accounts(), uuid.uuid4()]:
        expected = [p for p in postings if any(e.account == account for e in p.entries)]
        assert_same_records(
            uow.postings.list(account=account), expected, f"postings.list({account=})"
        )
        total = sum(e.minutes for p in postings for e in p.entries if e.account == account)
        assert uow.postings.balance(account) == total, f"postings.balance({account})"
    assert sum(uow.postings.balance(a) for a in world.accounts()) == 0
