"""Races between units of work, and whole use cases through the platform, on one storage."""

from __future__ import annotations

import functools
from typing import ClassVar

import attrs

from sorgende.domain.actors import Actor, CommunityRole
from sorgende.domain.exchanges import Exchange, ExchangeState
from sorgende.domain.help import HelpRequest, RequestStatus
from sorgende.domain.ledger import Entry, Posting, PostingKind
from sorgende.domain.policy import OPERATOR
from sorgende.errors import ConflictError, RequestFull
from sorgende.plugins import make_plugin_manager
from sorgende.ports import Storage
from sorgende.serialization import converter
from sorgende.services.platform import Platform
from sorgende.testing.contract.seed import (
    T0,
    Seed,
    assert_same,
    bumped,
    fresh,
)
from sorgende.testing.contract.town import Clock, run_together, settle_town


class UseCaseContract:
    """Races between units of work and whole use cases (see :class:`StorageContract`)."""

    #: rounds of each concurrency test, and the threads racing in each
    race_trials: ClassVar[int] = 20
    threads: ClassVar[int] = 4

    def make_platform(self, storage: Storage) -> Platform:
        """A platform on ``storage`` with the default plugins and a ticking clock."""
        return Platform(
            storage, make_plugin_manager(load_entrypoints=False), converter=converter, clock=Clock()
        )

    # -- concurrency -----------------------------------------------------------------

    def test_of_units_of_work_racing_to_update_one_version_exactly_one_wins(
        self, storage: Storage, seed: Seed
    ) -> None:
        cid = seed.community.id
        for trial in range(self.race_trials):
            with storage.unit_of_work(cid) as uow:
                base = uow.requests.get(seed.request.id)

            def update(i: int, base: HelpRequest = base) -> HelpRequest:
                with storage.unit_of_work(cid) as uow:
                    uow.requests.get(base.id)
                    changed: HelpRequest = bumped(base, title=f"writer {i}")
                    uow.requests.update(changed)
                    uow.postings.add(
                        Posting(
                            cid,
                            PostingKind.ADJUSTMENT,
                            (Entry(seed.anna.id, -1), Entry(seed.ben.id, 1)),
                            T0,
                            made_by=seed.ben.id,
                            reason=f"writer {i}",
                        )
                    )
                    uow.commit()
                return changed

            results = run_together([functools.partial(update, i) for i in range(self.threads)])
            won = [r for r in results if isinstance(r, HelpRequest)]
            lost = [r for r in results if not isinstance(r, HelpRequest)]
            assert len(won) == 1, f"trial {trial}: {results}"
            assert all(isinstance(r, ConflictError) for r in lost), results
            with storage.unit_of_work(cid) as uow:
                assert_same(uow.requests.get(seed.request.id), won[0])
                assert uow.postings.balance(seed.ben.id) == 30 + trial + 1

    def test_of_units_of_work_racing_to_add_one_id_exactly_one_wins(
        self, storage: Storage, seed: Seed
    ) -> None:
        cid = seed.community.id
        for trial in range(self.race_trials):
            record = fresh(seed.anna)

            def add(i: int, record: Actor = record) -> Actor:
                mine = attrs.evolve(record, name=f"writer {i}")
                with storage.unit_of_work(cid) as uow:
                    uow.actors.add(mine)
                    uow.commit()
                return mine

            results = run_together([functools.partial(add, i) for i in range(self.threads)])
            won = [r for r in results if isinstance(r, Actor)]
            assert len(won) == 1, f"trial {trial}: {results}"
            assert all(isinstance(r, ConflictError) for r in results if r not in won), results
            with storage.unit_of_work(cid) as uow:
                assert_same(uow.actors.get(record.id), won[0])

    # -- through the use cases -------------------------------------------------------

    def test_a_full_exchange_cycle_through_the_use_cases(self, storage: Storage) -> None:
        platform = self.make_platform(storage)
        town = settle_town(platform)
        c = town.c
        request = c.post_request(town.anna.id, "shopping", town.daun.id, town.window(), 1.5)
        proposed = c.propose(request_id=request.id, by=town.ben.id)
        assert [r.id for r in c.open_requests()] == [request.id]
        accepted = c.accept(proposed.id, by=town.anna.id)
        assert accepted.state is ExchangeState.ACCEPTED
        assert c.request(request.id).status is RequestStatus.MATCHED
        assert c.open_requests() == []
        clock = platform.clock
        assert isinstance(clock, Clock)
        clock.advance_to(accepted.scheduled)  # reported once the help began
        c.complete(proposed.id, by=town.ben.id)
        confirmed = c.confirm(proposed.id, by=town.anna.id)
        assert confirmed.state is ExchangeState.CONFIRMED
        assert [r.transition for r in confirmed.history] == [
            "propose",
            "accept",
            "complete",
            "confirm",
        ]
        assert_same(c.exchange(proposed.id), confirmed)
        assert c.request(request.id).status is RequestStatus.FULFILLED
        assert c.balance(town.ben.id).minutes == 90
        assert c.balance(town.anna.id).minutes == -90
        (posting,) = c.postings()
        assert posting.exchange_id == proposed.id
        assert [line.balance for line in c.statement(town.ben.id).lines] == [90]
        assert "first_help" in {r.code for r in c.recognitions(actor_id=town.ben.id)}

        # the solidarity account pays for a marked recipient; a ledger keeper adjusts hours
        solidarity = c.info().solidarity_account
        c.set_receives_solidarity(town.anna.id, by=town.carla.id)
        second = c.post_request(town.anna.id, "shopping", town.daun.id, town.window(2), 1)
        exchange = c.propose(request_id=second.id, by=town.dora.id)
        c.accept(exchange.id, by=town.anna.id)
        clock.advance_to(exchange.scheduled)
        c.complete(exchange.id, by=town.dora.id, hours=2)
        c.confirm(exchange.id, by=town.anna.id)
        c.grant_role(town.carla.id, CommunityRole.LEDGER_KEEPER, by=OPERATOR)
        c.adjust_hours(town.ben.id, town.dora.id, 0.5, by=town.carla.id, reason="shared ride")
        balances = {
            "anna": c.balance(town.anna.id).minutes,
            "ben": c.balance(town.ben.id).minutes,
            "dora": c.balance(town.dora.id).minutes,
            "solidarity": c.balance(solidarity).minutes,
        }
        assert balances == {"anna": -90, "ben": 60, "dora": 150, "solidarity": -120}
        assert sum(balances.values()) == 0
        assert len(c.postings()) == 3
        assert [ex.id for ex in c.exchanges(actor_id=town.dora.id)] == [exchange.id]
        # another platform on the same storage sees the same
        again = self.make_platform(storage).community(c.community_id)
        assert again.balance(town.dora.id).minutes == 150

    def test_two_helpers_accepted_for_the_last_place_at_once(self, storage: Storage) -> None:
        """Of two acceptances of the last place at the same moment exactly one succeeds."""
        town = settle_town(self.make_platform(storage))
        c = town.c
        for trial in range(self.race_trials):
            request = c.post_request(
                town.anna.id, "shopping", town.daun.id, town.window(trial + 1), 1
            )
            first = c.propose(request_id=request.id, by=town.ben.id)
            second = c.propose(request_id=request.id, by=town.dora.id)
            results = run_together(
                [
                    functools.partial(c.accept, first.id, by=town.anna.id),
                    functools.partial(c.accept, second.id, by=town.anna.id),
                ]
            )
            accepted = [r for r in results if isinstance(r, Exchange)]
            refused = [r for r in results if not isinstance(r, Exchange)]
            assert len(accepted) == 1, f"trial {trial}: {results}"
            assert all(isinstance(r, ConflictError | RequestFull) for r in refused), results
            states = sorted(e.state for e in c.exchanges(request_id=request.id))
            assert states == sorted([ExchangeState.ACCEPTED, ExchangeState.PROPOSED])
            assert c.request(request.id).status is RequestStatus.MATCHED

    def test_helpers_racing_for_two_places_never_overbook(self, storage: Storage) -> None:
        town = settle_town(self.make_platform(storage))
        c = town.c
        helpers = [town.ben, town.dora, town.carla]
        for trial in range(self.race_trials):
            request = c.post_request(
                town.anna.id, "shopping", town.daun.id, town.window(trial + 1), 1, helpers_needed=2
            )
            proposed = [c.propose(request_id=request.id, by=h.id) for h in helpers]
            results = run_together(
                [functools.partial(c.accept, e.id, by=town.anna.id) for e in proposed]
            )
            accepted = [r for r in results if isinstance(r, Exchange)]
            assert 1 <= len(accepted) <= 2, f"trial {trial}: {results}"
            assert all(
                isinstance(r, ConflictError | RequestFull) for r in results if r not in accepted
            ), results
            holding = c.exchanges(request_id=request.id, states=[ExchangeState.ACCEPTED])
            assert len(holding) == len(accepted)
            expected = RequestStatus.MATCHED if len(accepted) == 2 else RequestStatus.OPEN
            assert c.request(request.id).status is expected
