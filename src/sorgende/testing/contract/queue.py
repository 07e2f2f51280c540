"""The contract's check of the coordination's queue (``requests.unmatched``): the open
requests nobody offered help for, against a brute-force filter of the world by the rule
of :func:`sorgende.domain.queue.is_unmatched`, in the order of
:func:`sorgende.domain.queue.queue_order`, with every limit and count limit."""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import attrs

from sorgende.domain.exchanges import Exchange, ExchangeState
from sorgende.domain.help import HelpRequest, RequestStatus
from sorgende.domain.queue import is_unmatched, queue_order
from sorgende.ports import Storage, UnitOfWork
from sorgende.testing.contract.seed import T0, Seed, assert_same_records, bumped
from sorgende.testing.contract.worlds import World


def check_unmatched(uow: UnitOfWork, world: World, rnd: random.Random) -> None:
    """``requests.unmatched`` gives the first unmatched requests of the world in the
    queue's order and their count up to its limit (run it before a commit too: the
    unit's pending requests and exchanges count)."""
    requests: list[HelpRequest] = world.records["requests"]
    exchanges: list[Exchange] = world.records["exchanges"]
    of_request: defaultdict[uuid.UUID, list[Exchange]] = defaultdict(list)
    for exchange in exchanges:
        if exchange.request_id is not None:
            of_request[exchange.request_id].append(exchange)
    expected = sorted((r for r in requests if is_unmatched(r, of_request[r.id])), key=queue_order)
    total = len(expected)
    for limit in (0, rnd.choice([1, 2]), total + 1):
        for count_limit in (None, rnd.choice([0, 1]), rnd.choice([total, total + 1])):
            found, count = uow.requests.unmatched(limit=limit, count_limit=count_limit)
            what = f"requests.unmatched(limit={limit}, count_limit={count_limit})"
            assert [r.id for r in found] == [r.id for r in expected[:limit]], what
            assert_same_records(list(found), expected[:limit], what)
            assert count == (total if count_limit is None else min(total, count_limit)), what


def _ids(found: tuple[Sequence[HelpRequest], int]) -> tuple[list[uuid.UUID], int]:
    return [r.id for r in found[0]], found[1]


class QueueContract:
    """The queue's query on hand-made requests in every state of their exchanges, in one
    unit of work before its commit, after it, and with pending updates."""

    def test_the_queue_holds_the_open_requests_nobody_offered_help_for(
        self, storage: Storage, seed: Seed
    ) -> None:
        request, exchange = seed.request, seed.exchange  # accepted: holds a place

        def asked(minutes: int, **changes: Any) -> HelpRequest:
            return attrs.evolve(
                request, id=uuid.uuid4(), posted_at=T0 + timedelta(minutes=minutes), **changes
            )

        calm_old, calm_new = asked(1), asked(5)
        urgent_new = asked(9, urgent=True)
        declined, proposed = asked(2), asked(3)
        matched = asked(0, status=RequestStatus.MATCHED)
        added = [calm_new, urgent_new, calm_old, declined, proposed, matched]
        for_declined = attrs.evolve(
            exchange, id=uuid.uuid4(), request_id=declined.id, state=ExchangeState.DECLINED
        )
        for_proposed = attrs.evolve(
            exchange, id=uuid.uuid4(), request_id=proposed.id, state=ExchangeState.PROPOSED
        )
        # urgent first, then by posting time; a declined exchange offers nothing
        wanted = [urgent_new.id, calm_old.id, declined.id, calm_new.id]
        cid = seed.community.id
        with storage.unit_of_work(cid) as uow:
            for r in added:
                uow.requests.add(r)
            uow.exchanges.add(for_declined)
            uow.exchanges.add(for_proposed)
            assert _ids(uow.requests.unmatched()) == (wanted, 4)  # pending writes
            uow.commit()
        with storage.unit_of_work(cid) as uow:
            assert _ids(uow.requests.unmatched()) == (wanted, 4)
            assert _ids(uow.requests.unmatched(limit=2, count_limit=3)) == (wanted[:2], 3)
            assert _ids(uow.requests.unmatched(limit=0, count_limit=10)) == ([], 4)
            assert _ids(uow.requests.unmatched(limit=10, count_limit=1)) == (wanted, 1)
            # pending updates: the proposal declined, an old request made urgent, the
            # urgent one matched
            uow.exchanges.update(bumped(for_proposed, state=ExchangeState.DECLINED))
            assert _ids(uow.requests.unmatched()) == (
                [urgent_new.id, calm_old.id, declined.id, proposed.id, calm_new.id],
                5,
            )
            uow.requests.update(bumped(calm_new, urgent=True))
            uow.requests.update(bumped(urgent_new, status=RequestStatus.MATCHED))
            assert _ids(uow.requests.unmatched(limit=3, count_limit=4)) == (
                [calm_new.id, calm_old.id, declined.id],
                4,
            )
