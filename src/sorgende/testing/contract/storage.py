"""The storage part of the contract: repositories, units of work, filters, tenancy, races."""

from __future__ import annotations

import abc
import contextlib
import random
import uuid
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from sorgende.domain.actors import ActorKind
from sorgende.domain.community import Community, SolidarityPolicy
from sorgende.domain.exchanges import ExchangeState
from sorgende.domain.help import RequestStatus
from sorgende.domain.ledger import Entry, Posting, PostingKind
from sorgende.errors import ConflictError, NotFound, SorgendeError
from sorgende.ports import Storage, UnitOfWork
from sorgende.testing.contract.checks import check_filters
from sorgende.testing.contract.event_log import EventLogContract
from sorgende.testing.contract.matching import check_persons_by_name, check_trusting
from sorgende.testing.contract.outbox import OutboxContract
from sorgende.testing.contract.queue import QueueContract, check_unmatched
from sorgende.testing.contract.seed import (
    ADDABLE,
    T0,
    VERSIONED,
    Seed,
    add_seed,
    assert_same,
    bumped,
    by_id,
    fresh,
    make_seed,
    raises_on_write_or_commit,
    stored,
)
from sorgende.testing.contract.timeline import check_by_time
from sorgende.testing.contract.usecases import UseCaseContract
from sorgende.testing.contract.worlds import add_world, changes, worlds

# --- the contract -------------------------------------------------------------------


class StorageContract(OutboxContract, EventLogContract, UseCaseContract, QueueContract, abc.ABC):
    """Storage contract tests; subclass it as ``Test...`` and implement :meth:`make_storage`."""

    #: Hypothesis examples per property (each builds a fresh storage)
    max_examples: ClassVar[int] = 15
    #: rounds of each concurrency test
    race_trials: ClassVar[int] = 20
    #: threads racing in the storage-level concurrency tests
    threads: ClassVar[int] = 4
    #: whether Hypothesis shrinks a failing example (slow for whole worlds; set it to
    #: True to get a minimal failing example while debugging a storage)
    shrink: ClassVar[bool] = False

    @abc.abstractmethod
    def make_storage(self) -> Storage:
        """A fresh, empty storage; the subclass says how to make one."""

    @pytest.fixture
    def storage(self) -> Iterator[Storage]:
        storage = self.make_storage()
        try:
            yield storage
        finally:
            storage.close()

    @pytest.fixture
    def seed(self, storage: Storage) -> Seed:
        """One record of every kind, committed."""
        seed = make_seed()
        with storage.unit_of_work(seed.community.id) as uow:
            add_seed(uow, seed)
            uow.commit()
        return seed

    def _settings(self) -> settings:
        phases = list(Phase) if self.shrink else [p for p in Phase if p is not Phase.shrink]
        return settings(
            max_examples=self.max_examples,
            phases=phases,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )

    # -- add, get, find --------------------------------------------------------------

    def test_records_come_back_as_they_were_added(self, storage: Storage, seed: Seed) -> None:
        with storage.unit_of_work(seed.community.id) as uow:
            assert_same(uow.community.get(), seed.community)
            for repository in ADDABLE:
                assert_same(
                    stored(uow, repository, seed.record(repository)), seed.record(repository)
                )
            for repository in VERSIONED:
                record = seed.record(repository)
                assert_same(getattr(uow, repository).get(record.id), record)
            assert_same(uow.places.get(seed.place.id), seed.place)
            assert_same(uow.actors.get(seed.anna.id), seed.anna)

    def test_generated_worlds_come_back_whole_and_filter_right(self) -> None:
        """Any records (unicode, time zones, ...) come back; every filter gives the right ones."""

        @self._settings()
        @given(data=st.data())
        def check(data: st.DataObject) -> None:
            storage = self.make_storage()
            try:
                world = data.draw(worlds(uuid.uuid4()), label="world")
                rnd = random.Random(data.draw(st.integers(0, 2**32), label="filter seed"))
                cid = world.community.id
                with storage.unit_of_work(cid) as uow:
                    add_world(uow, world)
                    check_filters(uow, world, rnd)  # before commit: pending writes
                    check_persons_by_name(uow, world)
                    check_trusting(uow, world)
                    check_by_time(uow, world, rnd)
                    check_unmatched(uow, world, rnd)
                    uow.commit()
                with storage.unit_of_work(cid) as uow:
                    assert_same(uow.community.get(), world.community)
                    for repository in VERSIONED:
                        for record in world.records[repository]:
                            assert_same(getattr(uow, repository).get(record.id), record)
                    for place in world.records["places"]:
                        assert_same(uow.places.get(place.id), place)
                    for category in world.records["categories"]:
                        assert_same(uow.categories.find(category.code), category)
                    check_filters(uow, world, rnd)
                    check_persons_by_name(uow, world)
                    check_trusting(uow, world)
                    check_by_time(uow, world, rnd)
                    check_unmatched(uow, world, rnd)
                # a unit of work sees its own updates and additions in every filter
                made = data.draw(changes(world), label="changes")
                with storage.unit_of_work(cid) as uow:
                    for repository, record, new in made:
                        repo = getattr(uow, repository)
                        (repo.add if new else repo.update)(record)
                        world.replace(repository, record)
                    check_filters(uow, world, rnd)
                    check_persons_by_name(uow, world)
                    check_trusting(uow, world)
                    check_by_time(uow, world, rnd)
                    check_unmatched(uow, world, rnd)
                    uow.commit()
                with storage.unit_of_work(cid) as uow:
                    check_filters(uow, world, rnd)
                    check_persons_by_name(uow, world)
                    check_trusting(uow, world)
                    check_by_time(uow, world, rnd)
                    check_unmatched(uow, world, rnd)
            finally:
                storage.close()

        check()

    def test_unknown_ids_are_not_found(self, storage: Storage, seed: Seed) -> None:
        unknown = uuid.uuid4()
        with storage.unit_of_work(seed.community.id) as uow:
            for repository in (*VERSIONED, "places"):
                repo = getattr(uow, repository)
                assert repo.find(unknown) is None, repository
                with pytest.raises(NotFound):
                    repo.get(unknown)
            assert uow.categories.find("no-such-category") is None
            assert uow.postings.balance(unknown) == 0
            assert uow.postings.list(account=unknown) == []
            assert uow.recognitions.list(actor_id=unknown) == []
        with storage.unit_of_work(uuid.uuid4()) as uow, pytest.raises(NotFound):
            uow.community.get()

    @pytest.mark.parametrize("repository", ADDABLE)
    def test_adding_an_id_twice_is_a_conflict(
        self, storage: Storage, seed: Seed, repository: str
    ) -> None:
        record = seed.record(repository)
        twin = bumped(record) if hasattr(record, "version") else record
        with storage.unit_of_work(seed.community.id) as uow:
            raises_on_write_or_commit(
                uow, ConflictError, lambda: getattr(uow, repository).add(twin)
            )
        with storage.unit_of_work(seed.community.id) as uow:
            assert_same(stored(uow, repository, record), record)
        # the same within one unit of work, before anything is committed
        second = fresh(record)
        with storage.unit_of_work(seed.community.id) as uow:
            repo = getattr(uow, repository)
            repo.add(second)
            raises_on_write_or_commit(uow, ConflictError, lambda: repo.add(second))
        with storage.unit_of_work(seed.community.id) as uow:
            assert stored(uow, repository, second) is None

    def test_adding_a_community_twice_is_a_conflict(self, storage: Storage, seed: Seed) -> None:
        with storage.unit_of_work(seed.community.id) as uow:
            twin = attrs.evolve(seed.community, name="Daun again")
            raises_on_write_or_commit(uow, ConflictError, lambda: uow.community.add(twin))
        with storage.unit_of_work(seed.community.id) as uow:
            assert uow.community.get().name == seed.community.name

    # -- compare-and-set -------------------------------------------------------------

    @pytest.mark.parametrize("repository", (*VERSIONED, "community"))
    def test_update_is_compare_and_set_on_the_version(
        self, storage: Storage, seed: Seed, repository: str
    ) -> None:
        record = seed.community if repository == "community" else seed.record(repository)
        v1 = record.version
        cid = seed.community.id

        def write(uow: UnitOfWork, changed: Any) -> Callable[[], None]:
            return lambda: getattr(uow, repository).update(changed)

        def current(uow: UnitOfWork) -> Any:
            if repository == "community":
                return uow.community.get()
            return getattr(uow, repository).get(record.id)

        # neither the same version again nor a skipped version is accepted
        for stale in (attrs.evolve(record, version=v1), attrs.evolve(record, version=v1 + 2)):
            with storage.unit_of_work(cid) as uow:
                raises_on_write_or_commit(uow, ConflictError, write(uow, stale))
        second = bumped(record)
        with storage.unit_of_work(cid) as uow:
            write(uow, second)()
            assert_same(current(uow), second)
            uow.commit()
        with storage.unit_of_work(cid) as uow:
            assert_same(current(uow), second)
            # the version the first writer had is stale now
            raises_on_write_or_commit(uow, ConflictError, write(uow, bumped(record)))
        # two updates in one unit of work: each on top of the other
        third, fourth = bumped(second), bumped(bumped(second))
        with storage.unit_of_work(cid) as uow:
            write(uow, third)()
            write(uow, fourth)()
            uow.commit()
        with storage.unit_of_work(cid) as uow:
            assert_same(current(uow), fourth)

    def test_updating_a_record_that_is_not_there_fails(self, storage: Storage, seed: Seed) -> None:
        ghost = bumped(fresh(seed.ben))
        with storage.unit_of_work(seed.community.id) as uow:
            raises_on_write_or_commit(uow, SorgendeError, lambda: uow.actors.update(ghost))
        with storage.unit_of_work(seed.community.id) as uow:
            assert uow.actors.find(ghost.id) is None

    def test_a_lost_race_writes_nothing_of_the_unit_of_work(
        self, storage: Storage, seed: Seed
    ) -> None:
        cid = seed.community.id
        newcomer = fresh(seed.anna)
        extra = fresh(seed.posting)
        before = self._balances(storage, cid, seed)
        with storage.unit_of_work(cid) as loser:
            # the loser reads, the winner commits a change, then the loser writes: a
            # storage may refuse at any of the loser's writes or at its commit (a SQL
            # database holds write locks, so the two cannot write at once in one thread)
            stale = loser.requests.get(seed.request.id)
            with storage.unit_of_work(cid) as winner:
                winner.requests.update(bumped(seed.request, title="winner"))
                winner.commit()
            with pytest.raises(ConflictError):
                loser.actors.add(newcomer)
                loser.postings.add(extra)
                loser.places.add(fresh(seed.place))
                loser.categories.add(fresh(seed.category))
                loser.exchanges.update(bumped(seed.exchange, note="loser"))
                loser.requests.update(bumped(stale, title="loser"))
                loser.commit()
        with storage.unit_of_work(cid) as uow:
            assert uow.actors.find(newcomer.id) is None
            assert stored(uow, "postings", extra) is None
            assert len(uow.places.list()) == 1
            assert len(uow.categories.list()) == 1
            assert_same(uow.exchanges.get(seed.exchange.id), seed.exchange)
            assert uow.requests.get(seed.request.id).title == "winner"
        assert self._balances(storage, cid, seed) == before

    def test_a_unit_of_work_that_met_a_conflict_writes_nothing(
        self, storage: Storage, seed: Seed
    ) -> None:
        """Once a conflict was raised (by ``update`` or ``commit``), nothing is written.

        Even if the caller catches the error and commits again.
        """
        cid = seed.community.id
        newcomer = fresh(seed.anna)
        extra = fresh(seed.posting)
        with storage.unit_of_work(cid) as uow:
            uow.actors.add(newcomer)
            uow.postings.add(extra)
            uow.offers.update(bumped(seed.offer, title="changed"))
            stale = attrs.evolve(seed.request, title="stale")  # the stored version again
            raises_on_write_or_commit(uow, ConflictError, lambda: uow.requests.update(stale))
            with contextlib.suppress(SorgendeError):
                uow.commit()
        with storage.unit_of_work(cid) as uow:
            assert uow.actors.find(newcomer.id) is None
            assert stored(uow, "postings", extra) is None
            assert_same(uow.offers.get(seed.offer.id), seed.offer)
            assert_same(uow.requests.get(seed.request.id), seed.request)

    def _balances(self, storage: Storage, cid: uuid.UUID, seed: Seed) -> list[int]:
        with storage.unit_of_work(cid) as uow:
            return [uow.postings.balance(a) for a in (seed.anna.id, seed.ben.id)]

    # -- rollback and pending writes -------------------------------------------------

    def test_leaving_the_block_without_commit_rolls_back(
        self, storage: Storage, seed: Seed
    ) -> None:
        cid = seed.community.id
        others = {repository: fresh(seed.record(repository)) for repository in ADDABLE}
        with storage.unit_of_work(cid) as uow:
            for repository, record in others.items():
                getattr(uow, repository).add(record)
            uow.requests.update(bumped(seed.request, title="never"))
            uow.community.update(bumped(seed.community, name="never"))
        with pytest.raises(RuntimeError), storage.unit_of_work(cid) as uow:
            uow.actors.update(bumped(seed.anna, name="never"))
            uow.postings.add(fresh(seed.posting))
            raise RuntimeError("the use case failed")
        with storage.unit_of_work(cid) as uow:
            uow.offers.update(bumped(seed.offer, title="never"))
            uow.rollback()
            uow.commit()
        with storage.unit_of_work(cid) as uow:
            for repository, record in others.items():
                assert stored(uow, repository, record) is None, repository
            assert_same(uow.requests.get(seed.request.id), seed.request)
            assert_same(uow.actors.get(seed.anna.id), seed.anna)
            assert_same(uow.offers.get(seed.offer.id), seed.offer)
            assert_same(uow.community.get(), seed.community)
            assert len(uow.postings.list()) == 1
        assert self._balances(storage, cid, seed) == [-30, 30]
        # a new community that was never committed is not there
        never = make_seed(name="Nie")
        with storage.unit_of_work(never.community.id) as uow:
            add_seed(uow, never)
        assert never.community.id not in storage.community_ids()

    def test_reads_see_the_pending_writes_of_their_unit_of_work(
        self, storage: Storage, seed: Seed
    ) -> None:
        cid = seed.community.id
        with storage.unit_of_work(cid) as uow:
            for repository in ADDABLE:
                record = fresh(seed.record(repository))
                before = len(by_id(getattr(uow, repository).list()))
                getattr(uow, repository).add(record)
                assert_same(stored(uow, repository, record), record)
                listed = by_id(getattr(uow, repository).list())
                assert len(listed) == before + 1, repository
                assert_same(
                    listed[record.code if repository == "categories" else record.id], record
                )
            changed = bumped(seed.request, status=RequestStatus.MATCHED, title="pending")
            uow.requests.update(changed)
            assert_same(uow.requests.get(seed.request.id), changed)
            assert seed.request.id not in by_id(uow.requests.list(statuses=[RequestStatus.OPEN]))
            assert_same(
                by_id(uow.requests.list(statuses=[RequestStatus.MATCHED]))[changed.id], changed
            )
            cancelled = bumped(seed.exchange, state=ExchangeState.CANCELLED)
            uow.exchanges.update(cancelled)
            found = uow.exchanges.list(request_id=seed.request.id, states=[ExchangeState.ACCEPTED])
            assert seed.exchange.id not in by_id(found)
            uow.postings.add(
                Posting(
                    cid,
                    PostingKind.ADJUSTMENT,
                    (Entry(seed.ben.id, -45), Entry(seed.anna.id, 45)),
                    T0,
                    made_by=seed.ben.id,
                    reason="pending",
                )
            )
            # the seed's -30/+30, the fresh copy of it, and the pending one
            assert uow.postings.balance(seed.anna.id) == -30 - 30 + 45
            assert uow.postings.balance(seed.ben.id) == 30 + 30 - 45
            renamed = bumped(seed.community, name="VG Daun", solidarity_policy=SolidarityPolicy.ALL)
            uow.community.update(renamed)
            assert_same(uow.community.get(), renamed)
        # and a new community is readable in the unit of work that adds it
        other = make_seed(name="Gerolstein")
        with storage.unit_of_work(other.community.id) as uow:
            add_seed(uow, other)
            assert_same(uow.community.get(), other.community)
            assert_same(uow.actors.get(other.anna.id), other.anna)

    # -- tenants ---------------------------------------------------------------------

    def test_a_unit_of_work_sees_only_its_own_community(self, storage: Storage, seed: Seed) -> None:
        other = make_seed(name="Gerolstein")
        with storage.unit_of_work(other.community.id) as uow:
            uow.community.add(other.community)
            uow.commit()
        with storage.unit_of_work(other.community.id) as uow:
            assert_same(uow.community.get(), other.community)
            for repository in VERSIONED:
                record = seed.record(repository)
                assert getattr(uow, repository).find(record.id) is None, repository
                with pytest.raises(NotFound):
                    getattr(uow, repository).get(record.id)
            assert uow.places.find(seed.place.id) is None
            assert uow.categories.find(seed.category.code) is None
            for repository in ADDABLE:
                assert list(getattr(uow, repository).list()) == [], repository
            assert uow.actors.list(ActorKind.PERSON) == []
            assert uow.requests.list(actor_id=seed.anna.id) == []
            assert uow.exchanges.list(request_id=seed.request.id) == []
            assert uow.exchanges.list(actor_id=seed.ben.id) == []
            assert uow.offers.list(helper_id=seed.ben.id) == []
            assert uow.commitments.list(actor_id=seed.ben.id) == []
            assert uow.recognitions.list(actor_id=seed.ben.id) == []
            assert uow.postings.list(account=seed.ben.id) == []
            assert uow.postings.balance(seed.ben.id) == 0
        assert set(storage.community_ids()) == {seed.community.id, other.community.id}

    @pytest.mark.parametrize("repository", [r for r in ADDABLE if r != "categories"])
    def test_writing_another_communitys_record_is_refused(
        self, storage: Storage, seed: Seed, repository: str
    ) -> None:
        other = make_seed(name="Gerolstein")
        with storage.unit_of_work(other.community.id) as uow:
            uow.community.add(other.community)
            uow.commit()
        foreign = fresh(seed.record(repository))  # community_id is the seed's
        with storage.unit_of_work(other.community.id) as uow:
            repo = getattr(uow, repository)
            raises_on_write_or_commit(uow, SorgendeError, lambda: repo.add(foreign))
        if repository in VERSIONED:
            with storage.unit_of_work(other.community.id) as uow:
                repo = getattr(uow, repository)
                raises_on_write_or_commit(
                    uow, SorgendeError, lambda: repo.update(bumped(seed.record(repository)))
                )
        for cid in (seed.community.id, other.community.id):
            with storage.unit_of_work(cid) as uow:
                assert stored(uow, repository, foreign) is None
        with storage.unit_of_work(seed.community.id) as uow:
            assert_same(stored(uow, repository, seed.record(repository)), seed.record(repository))

    def test_a_community_is_written_only_in_its_own_unit_of_work(
        self, storage: Storage, seed: Seed
    ) -> None:
        stranger = Community(name="Stranger")
        with storage.unit_of_work(seed.community.id) as uow:
            raises_on_write_or_commit(uow, SorgendeError, lambda: uow.community.add(stranger))
        with storage.unit_of_work(uuid.uuid4()) as uow:
            changed = bumped(seed.community, name="hijacked")
            raises_on_write_or_commit(uow, SorgendeError, lambda: uow.community.update(changed))
        with storage.unit_of_work(seed.community.id) as uow:
            assert_same(uow.community.get(), seed.community)
        assert list(storage.community_ids()) == [seed.community.id]

    def test_community_ids_lists_every_stored_community(self, storage: Storage) -> None:
        assert list(storage.community_ids()) == []
        seeds = [make_seed(name=f"Ort {i}") for i in range(3)]
        for seed in seeds:
            with storage.unit_of_work(seed.community.id) as uow:
                uow.community.add(seed.community)
                uow.commit()
        with storage.unit_of_work(uuid.uuid4()) as uow:  # opened, nothing added
            assert uow.actors.list() == []
        ids = list(storage.community_ids())
        assert len(ids) == len(set(ids))
        assert set(ids) == {seed.community.id for seed in seeds}
