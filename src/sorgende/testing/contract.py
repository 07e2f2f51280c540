"""The contract every storage plugin passes: run it against your own storage.

In a test module of the plugin::

    from sorgende.ports import Storage
    from sorgende.testing.contract import StorageContract

    class TestMyStorage(StorageContract):
        def make_storage(self) -> Storage:
            return MyStorage("mydb://...")  # a fresh, empty storage each call

pytest then runs every ``test_*`` method below against it: reading and writing each
repository, compare-and-set updates, atomic commits and rollbacks, reads of a unit of
work's own pending writes, every list filter, ledger balances, tenant scoping,
concurrent commits, whole use cases through :class:`~sorgende.Platform`, and the
notification outbox (entries written with their unit of work, fan-out, claims and
leases, outcomes, dead letters, digests, dispatchers claiming at once).

The class attributes tune the cost: ``max_examples`` (Hypothesis examples per
property), ``race_trials`` (rounds of each concurrency test) and ``threads``.
This module needs pytest and Hypothesis (the ``test`` extra).
"""

from __future__ import annotations

import abc
import contextlib
import functools
import random
import sys
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar, TypeVar

import attrs
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from sorgende.domain.actors import Actor, ActorKind, Consent, Role
from sorgende.domain.categories import Category
from sorgende.domain.commitments import Commitment, Period
from sorgende.domain.community import Community, Place, PlaceKind, SolidarityPolicy
from sorgende.domain.events import DomainEvent, ExchangeAccepted
from sorgende.domain.exchanges import Exchange, ExchangeState, Party, TransitionRecord
from sorgende.domain.help import HelpOffer, HelpRequest, OfferStatus, RequestStatus, board_order
from sorgende.domain.ledger import Entry, Posting, PostingKind
from sorgende.domain.recognition import Recognition
from sorgende.domain.values import TimeWindow
from sorgende.errors import ConflictError, NotFound, RequestFull, SorgendeError
from sorgende.hookspecs import hookimpl
from sorgende.notifications import Notification
from sorgende.notifications.records import (
    DIGEST_KIND,
    Delivery,
    DeliveryStatus,
    NotificationPreferences,
    OutboxEntry,
    Outcome,
    delivery_key,
    event_id,
)
from sorgende.plugins import make_plugin_manager
from sorgende.ports import Storage, UnitOfWork
from sorgende.serialization import converter
from sorgende.services.community import CommunityService
from sorgende.services.platform import Platform
from sorgende.testing import differences
from sorgende.testing import strategies as s

__all__ = ["StorageContract"]

T = TypeVar("T")

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # a Monday morning

#: repositories whose records have an id, a version and ``get``/``find``/``update``
VERSIONED = ("actors", "requests", "offers", "exchanges", "commitments")
#: every repository with ``add``, by its name on the unit of work
ADDABLE = ("places", "categories", *VERSIONED, "postings", "recognitions")


# --- hand-made records --------------------------------------------------------------


@attrs.frozen
class Seed:
    """One record of every kind, referring to each other as the use cases would."""

    community: Community
    place: Place
    category: Category
    anna: Actor  # a recipient
    ben: Actor  # a helper
    request: HelpRequest
    offer: HelpOffer
    exchange: Exchange
    commitment: Commitment
    posting: Posting
    recognition: Recognition

    def record(self, repository: str) -> Any:
        """The record this seed holds for ``repository`` (a name on the unit of work)."""
        return {
            "places": self.place,
            "categories": self.category,
            "actors": self.ben,
            "requests": self.request,
            "offers": self.offer,
            "exchanges": self.exchange,
            "commitments": self.commitment,
            "postings": self.posting,
            "recognitions": self.recognition,
        }[repository]


def make_seed(community_id: uuid.UUID | None = None, name: str = "Verbandsgemeinde Daun") -> Seed:
    """Records of a new community, not stored yet."""
    community = Community(name=name, id=community_id or uuid.uuid4())
    cid = community.id
    place = Place(cid, "Daun", PlaceKind.TOWN, population=8000, lat=50.1986, lon=6.8319)
    category = Category("shopping", {"de": "Einkaufen", "en": "Shopping"})
    anna = Actor(cid, ActorKind.PERSON, "Anna", home_place_id=place.id, birth_year=1938)
    ben = Actor(cid, ActorKind.PERSON, "Ben", home_place_id=place.id, skills=frozenset({"car"}))
    window = TimeWindow(T0 + timedelta(days=1), T0 + timedelta(days=1, hours=2))
    request = HelpRequest(
        cid, anna.id, anna.id, "shopping", place.id, window, 90, T0, title="Einkauf"
    )
    offer = HelpOffer(cid, ben.id, ben.id, "shopping", frozenset({place.id}), window, 120, T0)
    proposed = Exchange(
        community_id=cid,
        helper_id=ben.id,
        recipient_id=anna.id,
        category="shopping",
        place_id=place.id,
        scheduled=window.start,
        minutes=90,
        proposed_by=Party.HELPER,
        history=(TransitionRecord("propose", ExchangeState.PROPOSED, ben.id, Party.HELPER, T0),),
        request_id=request.id,
    )
    exchange = proposed.apply("accept", party=Party.RECIPIENT, by=anna.id, at=T0)
    commitment = Commitment(cid, ben.id, 120, Period.WEEK, T0.date(), T0)
    posting = Posting(
        cid,
        PostingKind.ADJUSTMENT,
        (Entry(anna.id, -30), Entry(ben.id, 30)),
        T0,
        made_by=ben.id,
        reason="correction",
    )
    recognition = Recognition(cid, ben.id, "first_help", {"de": "Erster Einsatz"}, T0)
    return Seed(
        community,
        place,
        category,
        anna,
        ben,
        request,
        offer,
        exchange,
        commitment,
        posting,
        recognition,
    )


def add_seed(uow: UnitOfWork, seed: Seed, *, community: bool = True) -> None:
    """Add every record of ``seed`` (referenced records first)."""
    if community:
        uow.community.add(seed.community)
    uow.places.add(seed.place)
    uow.categories.add(seed.category)
    uow.actors.add(seed.anna)
    uow.actors.add(seed.ben)
    uow.requests.add(seed.request)
    uow.offers.add(seed.offer)
    uow.exchanges.add(seed.exchange)
    uow.commitments.add(seed.commitment)
    uow.postings.add(seed.posting)
    uow.recognitions.add(seed.recognition)


def bumped(record: Any, **changes: Any) -> Any:
    """``record`` changed as a use case changes it: one version higher."""
    return attrs.evolve(record, version=record.version + 1, **changes)


def fresh(record: Any) -> Any:
    """A copy of ``record`` under a new id (or code), for a second record of its kind."""
    if isinstance(record, Category):
        return attrs.evolve(record, code=record.code + "_2")
    return attrs.evolve(record, id=uuid.uuid4())


def stored(uow: UnitOfWork, repository: str, record: Any) -> Any:
    """What ``uow`` holds for ``record``'s id (or code), or ``None``."""
    repo = getattr(uow, repository)
    if repository == "categories":
        return repo.find(record.code)
    if hasattr(repo, "find"):
        return repo.find(record.id)
    found = [r for r in repo.list() if r.id == record.id]
    assert len(found) <= 1, f"{repository}.list() returns {record.id} {len(found)} times"
    return found[0] if found else None


def assert_same(found: Any, expected: Any) -> None:
    """The storage gave back ``expected`` (see :func:`sorgende.testing.differences`)."""
    assert found is not None, f"{type(expected).__name__} {expected!r} was not found"
    problems = differences(found, expected)
    assert not problems, "the storage changed the record: " + "; ".join(problems)


def by_id(records: Iterable[Any]) -> dict[Any, Any]:
    """Records by id (categories by code); fails on a record listed twice."""
    result: dict[Any, Any] = {}
    for record in records:
        key = record.code if isinstance(record, Category) else record.id
        assert key not in result, f"{key} is listed twice"
        result[key] = record
    return result


def assert_same_records(found: Iterable[Any], expected: Iterable[Any], what: str) -> None:
    got, want = by_id(found), by_id(expected)
    assert sorted(map(str, got)) == sorted(map(str, want)), what
    for key, record in want.items():
        problems = differences(got[key], record)
        assert not problems, f"{what}: " + "; ".join(problems)


def raises_on_write_or_commit(
    uow: UnitOfWork, error: type[Exception], write: Callable[[], object]
) -> None:
    """``write`` (or the commit after it) raises ``error``: storages may detect it in either."""
    with pytest.raises(error):
        write()
        uow.commit()


# --- generated worlds ---------------------------------------------------------------


@attrs.define
class World:
    """A community's records as a list per repository, for brute-force expectations."""

    community: Community
    records: dict[str, list[Any]]

    def ids(self, repository: str) -> list[uuid.UUID]:
        return [r.id for r in self.records[repository]]

    def accounts(self) -> list[uuid.UUID]:
        return [*self.ids("actors"), self.community.solidarity_account]

    def replace(self, repository: str, record: Any) -> None:
        rows = self.records[repository]
        for i, old in enumerate(rows):
            if old.id == record.id:
                rows[i] = record
                return
        rows.append(record)


def _pool(values: Sequence[T]) -> st.SearchStrategy[T]:
    return st.sampled_from(list(values))


@st.composite
def worlds(draw: st.DrawFn, community_id: uuid.UUID) -> World:
    """A community whose records refer to each other (places, actors, requests, ...)."""
    community = draw(s.communities(id=community_id))
    cid = community.id
    places = draw(st.lists(s.places(community_id=cid), min_size=1, max_size=3, unique_by=_id))
    place_ids = _pool([p.id for p in places])
    categories = draw(st.lists(s.categories(), min_size=1, max_size=3, unique_by=lambda c: c.code))
    codes = _pool([c.code for c in categories])
    actors = draw(
        st.lists(
            s.actors(community_id=cid, home_place_id=place_ids),
            min_size=2,
            max_size=5,
            unique_by=_id,
        )
    )
    actor_ids = _pool([a.id for a in actors])
    requests = draw(
        st.lists(
            s.help_requests(
                community_id=cid,
                recipient_id=actor_ids,
                posted_by=actor_ids,
                place_id=place_ids,
                category=codes,
            ),
            min_size=1,
            max_size=6,
            unique_by=_id,
        )
    )
    offers = draw(
        st.lists(
            s.help_offers(
                community_id=cid, helper_id=actor_ids, place_ids=place_ids, category=codes
            ),
            max_size=4,
            unique_by=_id,
        )
    )
    for_requests = s.exchanges(
        community_id=cid,
        helper_id=actor_ids,
        recipient_id=actor_ids,
        place_id=place_ids,
        category=codes,
        request_id=_pool([r.id for r in requests]),
    )
    for_offers = (
        s.exchanges(
            community_id=cid,
            helper_id=actor_ids,
            recipient_id=actor_ids,
            place_id=place_ids,
            category=codes,
            offer_id=_pool([o.id for o in offers]),
        )
        if offers
        else for_requests
    )
    exchanges = draw(st.lists(for_requests | for_offers, max_size=6, unique_by=_id))
    commitments = draw(
        st.lists(
            s.commitments(community_id=cid, actor_id=actor_ids, place_ids=place_ids),
            max_size=3,
            unique_by=_id,
        )
    )
    accounts = _pool([*(a.id for a in actors), community.solidarity_account])
    postings = draw(
        st.lists(
            s.postings(community_id=cid, account=accounts, kind=PostingKind.ADJUSTMENT),
            max_size=5,
            unique_by=_id,
        )
    )
    recognitions = draw(
        st.lists(s.recognitions(community_id=cid, actor_id=actor_ids), max_size=3, unique_by=_id)
    )
    return World(
        community,
        {
            "places": places,
            "categories": categories,
            "actors": actors,
            "requests": requests,
            "offers": offers,
            "exchanges": exchanges,
            "commitments": commitments,
            "postings": postings,
            "recognitions": recognitions,
        },
    )


def _id(record: Any) -> uuid.UUID:
    return record.id  # type: ignore[no-any-return]


def add_world(uow: UnitOfWork, world: World) -> None:
    uow.community.add(world.community)
    for repository in ADDABLE:
        repo = getattr(uow, repository)
        for record in world.records[repository]:
            repo.add(record)


@st.composite
def changes(draw: st.DrawFn, world: World) -> list[tuple[str, Any, bool]]:
    """Updates and additions a unit of work makes to ``world``: (repository, record, new)."""
    cid = world.community.id
    actor_ids = _pool(world.ids("actors"))
    found: list[tuple[str, Any, bool]] = []
    for request in draw(st.lists(_pool(world.records["requests"]), max_size=3, unique_by=_id)):
        changed = bumped(
            request,
            status=draw(st.sampled_from(RequestStatus)),
            place_id=draw(_pool([p.id for p in world.records["places"]])),
            category=draw(_pool([c.code for c in world.records["categories"]])),
        )
        found.append(("requests", changed, False))
    for offer in draw(st.lists(_pool(world.records["offers"] or [None]), max_size=2)):
        if offer is not None and all(r.id != offer.id for _, r, _ in found):
            found.append(
                ("offers", bumped(offer, status=draw(st.sampled_from(OfferStatus))), False)
            )
    for exchange in draw(st.lists(_pool(world.records["exchanges"] or [None]), max_size=3)):
        if exchange is not None and all(r.id != exchange.id for _, r, _ in found):
            changed = bumped(exchange, state=draw(st.sampled_from(ExchangeState)), note="changed")
            found.append(("exchanges", changed, False))
    new_requests = st.lists(
        s.help_requests(
            community_id=cid,
            recipient_id=actor_ids,
            posted_by=actor_ids,
            place_id=_pool([p.id for p in world.records["places"]]),
            category=_pool([c.code for c in world.records["categories"]]),
        ),
        max_size=2,
        unique_by=_id,
    )
    found.extend(("requests", r, True) for r in draw(new_requests))
    new_postings = st.lists(
        s.postings(community_id=cid, account=_pool(world.accounts()), kind=PostingKind.ADJUSTMENT),
        max_size=2,
        unique_by=_id,
    )
    found.extend(("postings", p, True) for p in draw(new_postings))
    return found


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

    check_postings(uow, world)


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


# --- service level ------------------------------------------------------------------


class Clock:
    """A thread-safe clock that ticks one second per reading."""

    def __init__(self, start: datetime = T0) -> None:
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            self._now += timedelta(seconds=1)
            return self._now


@attrs.frozen
class Town:
    """A community set up through the use cases."""

    c: CommunityService
    daun: Place
    anna: Actor
    ben: Actor
    dora: Actor
    carla: Actor  # coordinator

    def window(self, days: int = 1) -> TimeWindow:
        start = T0 + timedelta(days=days)
        return TimeWindow(start, start + timedelta(hours=2))


def settle_town(platform: Platform) -> Town:
    c = platform.create_community("Verbandsgemeinde Daun")
    daun = c.add_place("Daun", PlaceKind.TOWN, population=8000)
    verein = c.register_actor(ActorKind.ASSOCIATION, "Bürger für Bürger e.V.")
    anna = c.register_actor(ActorKind.PERSON, "Anna", home_place_id=daun.id)
    ben = c.register_actor(ActorKind.PERSON, "Ben", home_place_id=daun.id)
    dora = c.register_actor(ActorKind.PERSON, "Dora", home_place_id=daun.id)
    carla = c.register_actor(ActorKind.PERSON, "Carla", home_place_id=daun.id)
    carla = c.add_membership(carla.id, verein.id, Role.COORDINATOR)
    return Town(c, daun, anna, ben, dora, carla)


def run_together(jobs: Sequence[Callable[[], object]]) -> list[object]:
    """Run ``jobs`` in threads released at once; each job's result or exception."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(i: int, job: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = job()
        except BaseException as exc:  # reported to the test
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    # switch threads often, so that the units of work interleave even in one process
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
            assert not thread.is_alive(), "a unit of work hung (deadlock?)"
    finally:
        sys.setswitchinterval(interval)
    return results


# --- the outbox -------------------------------------------------------------------

#: the channel name of the outbox tests' deliveries
CHANNEL = "test"
LEASE = timedelta(minutes=5)


def accepted_event(seed: Seed, at: datetime = T0) -> ExchangeAccepted:
    """An event concerning both of the seed's people (nobody acted: both are told)."""
    return ExchangeAccepted(
        seed.community.id, at, None, seed.exchange.id, seed.ben.id, seed.anna.id
    )


def outbox_entry(seed: Seed, *events: DomainEvent, at: datetime = T0) -> OutboxEntry:
    return OutboxEntry(uuid.uuid4(), seed.community.id, at, events or (accepted_event(seed),))


def planned(
    status: DeliveryStatus = DeliveryStatus.PENDING,
) -> Callable[[Sequence[OutboxEntry]], list[Delivery]]:
    """A fan-out: one delivery per event and concerned person, on the channel ``test``."""

    def plan(entries: Sequence[OutboxEntry]) -> list[Delivery]:
        deliveries = []
        for entry in entries:
            for index, event in enumerate(entry.events):
                assert isinstance(event, ExchangeAccepted)
                for person in (event.helper_id, event.recipient_id):
                    deliveries.append(
                        Delivery(
                            id=uuid.uuid4(),
                            key=delivery_key(event_id(entry.id, index), person, CHANNEL),
                            community_id=entry.community_id,
                            channel=CHANNEL,
                            kind=type(event).__name__,
                            recipient_id=person,
                            language="de",
                            status=status,
                            attempts=0,
                            next_attempt_at=entry.created_at,
                            created_at=entry.created_at,
                            event=event,
                        )
                    )
        return deliveries

    return plan


def commit_entries(storage: Storage, seed: Seed, entries: Iterable[OutboxEntry]) -> None:
    with storage.unit_of_work(seed.community.id) as uow:
        for entry in entries:
            uow.outbox.add(entry)
        uow.commit()


def sent(delivery: Delivery, at: datetime) -> Outcome:
    return Outcome(delivery.id, DeliveryStatus.SENT, delivery.attempts, at, sent_at=at)


class Recorder:
    """A notification channel that keeps what it is given (for the service-level test)."""

    name = CHANNEL

    def __init__(self) -> None:
        self.got: list[Notification] = []
        self._lock = threading.Lock()

    def send(self, notification: Notification) -> None:
        with self._lock:
            self.got.append(notification)


class _Channels:
    def __init__(self, *channels: object) -> None:
        self.channels = channels

    @hookimpl
    def sorgende_notification_channels(self) -> Sequence[object]:
        return self.channels


class OutboxContract:
    """The outbox part of the storage contract (see :class:`StorageContract`)."""

    threads: ClassVar[int] = 4

    def test_outbox_entries_exist_exactly_when_their_unit_of_work_commits(
        self, storage: Storage, seed: Seed
    ) -> None:
        store = storage.outbox()
        with storage.unit_of_work(seed.community.id) as uow:
            uow.outbox.add(outbox_entry(seed))  # left without commit
        with pytest.raises(RuntimeError), storage.unit_of_work(seed.community.id) as uow:
            uow.outbox.add(outbox_entry(seed))
            raise RuntimeError("the use case failed")
        assert store.counts()["outbox"] == 0
        entry = outbox_entry(seed, accepted_event(seed), accepted_event(seed, T0 + timedelta(1)))
        commit_entries(storage, seed, [entry])
        assert store.counts()["outbox"] == 1
        assert store.fan_out(10, planned()) == 1
        counts = store.counts()
        assert (counts["outbox"], counts["pending"]) == (0, 4)
        assert store.fan_out(10, planned()) == 0
        found = store.deliveries()
        assert sorted(d.key for d in found) == sorted(
            delivery_key(event_id(entry.id, i), p, CHANNEL)
            for i in (0, 1)
            for p in (seed.ben.id, seed.anna.id)
        )
        assert {d.event for d in found} == set(entry.events)
        assert all(d.created_at == T0 and d.attempts == 0 for d in found)

    def test_a_unit_of_work_that_met_a_conflict_writes_no_outbox_entry(
        self, storage: Storage, seed: Seed
    ) -> None:
        with storage.unit_of_work(seed.community.id) as uow:
            uow.outbox.add(outbox_entry(seed))
            stale = attrs.evolve(seed.request, title="stale")
            raises_on_write_or_commit(uow, ConflictError, lambda: uow.requests.update(stale))
            with contextlib.suppress(SorgendeError):
                uow.commit()
        assert storage.outbox().counts()["outbox"] == 0

    def test_a_failed_fan_out_keeps_its_entries_and_a_key_is_delivered_once(
        self, storage: Storage, seed: Seed
    ) -> None:
        store = storage.outbox()
        commit_entries(storage, seed, [outbox_entry(seed), outbox_entry(seed)])

        def broken(entries: Sequence[OutboxEntry]) -> list[Delivery]:
            raise RuntimeError("the plan failed")

        with pytest.raises(RuntimeError):
            store.fan_out(10, broken)
        assert store.counts()["outbox"] == 2
        # a plan that returns one key twice, and a key that is already stored
        first = planned()

        def twice(entries: Sequence[OutboxEntry]) -> list[Delivery]:
            deliveries = first(entries)
            again = [attrs.evolve(d, id=uuid.uuid4()) for d in deliveries]
            return deliveries + again

        assert store.fan_out(1, twice) == 1
        assert store.counts()["pending"] == 2
        assert store.fan_out(1, twice) == 1
        assert store.counts()["pending"] == 4
        assert len({d.key for d in store.deliveries()}) == 4

    def test_a_claim_counts_the_attempt_and_leases_the_delivery(
        self, storage: Storage, seed: Seed
    ) -> None:
        store = storage.outbox()
        commit_entries(storage, seed, [outbox_entry(seed)])
        store.fan_out(10, planned())
        assert store.claim(T0 - timedelta(seconds=1), T0 + LEASE, 10) == []  # not due yet
        first = list(store.claim(T0, T0 + LEASE, 1))
        second = list(store.claim(T0, T0 + LEASE, 5))
        assert len(first) == len(second) == 1
        assert first[0].id != second[0].id
        assert [d.attempts for d in first + second] == [1, 1]
        assert first[0].next_attempt_at == T0 + LEASE
        assert store.claim(T0 + timedelta(minutes=4), T0 + LEASE, 5) == []
        # the lease ran out (the dispatcher died): due again, a second attempt
        again = store.claim(T0 + LEASE, T0 + 2 * LEASE, 5)
        assert sorted(d.id for d in again) == sorted(d.id for d in first + second)
        assert [d.attempts for d in again] == [2, 2]
        # the outcome of the first claim comes too late and is dropped
        assert store.finish([sent(first[0], T0)]) == 0
        assert store.finish([sent(d, T0 + LEASE) for d in again]) == 2
        assert store.counts()["sent"] == 2
        assert store.claim(T0 + 9 * LEASE, T0 + 10 * LEASE, 5) == []
        done = {d.id: d for d in store.deliveries(status=DeliveryStatus.SENT)}
        assert done[first[0].id].sent_at == T0 + LEASE

    def test_failures_wait_and_dead_letters_can_be_retried(
        self, storage: Storage, seed: Seed
    ) -> None:
        store = storage.outbox()
        commit_entries(storage, seed, [outbox_entry(seed)])
        store.fan_out(10, planned())
        one, two = store.claim(T0, T0 + LEASE, 10)
        later = T0 + timedelta(hours=1)
        store.finish(
            [
                Outcome(one.id, DeliveryStatus.PENDING, 1, later, last_error="timeout"),
                Outcome(two.id, DeliveryStatus.DEAD, 1, T0, last_error="refused"),
            ]
        )
        assert store.claim(later - timedelta(seconds=1), later + LEASE, 10) == []
        (retried,) = store.claim(later, later + LEASE, 10)
        assert (retried.id, retried.attempts, retried.last_error) == (one.id, 2, "timeout")
        (dead,) = store.deliveries(status=DeliveryStatus.DEAD)
        assert (dead.id, dead.last_error, dead.attempts) == (two.id, "refused", 1)
        assert store.retry([uuid.uuid4()], later) == 0
        assert store.retry([two.id], later) == 1
        assert store.retry(None, later) == 0
        (revived,) = store.claim(later, later + LEASE, 10)
        assert (revived.id, revived.attempts) == (two.id, 1)
        assert store.deliveries(status=DeliveryStatus.DEAD) == []

    def test_digests_collect_what_was_held_before_the_cutoff(
        self, storage: Storage, seed: Seed
    ) -> None:
        store = storage.outbox()
        early, late = outbox_entry(seed), outbox_entry(seed, at=T0 + timedelta(days=2))
        commit_entries(storage, seed, [early, late])
        store.fan_out(10, planned(DeliveryStatus.HELD))
        assert store.claim(T0 + timedelta(days=9), T0 + timedelta(days=10), 10) == []
        cutoff = T0 + timedelta(days=1)
        groups = store.digest_groups(cutoff)
        cid = seed.community.id
        assert sorted(groups) == sorted([(cid, seed.ben.id, CHANNEL), (cid, seed.anna.id, CHANNEL)])
        assert store.compose(groups[:1], cutoff, cutoff) == 1
        assert store.compose(groups, cutoff, cutoff) == 1  # the first one is done
        assert store.compose(groups, cutoff, cutoff) == 0
        assert store.digest_groups(cutoff) == []
        assert len(store.digest_groups(T0 + timedelta(days=3))) == 2
        counts = store.counts()
        assert (counts["held"], counts["digested"], counts["pending"]) == (2, 2, 2)
        digests = store.claim(cutoff, cutoff + LEASE, 10)
        assert {d.kind for d in digests} == {DIGEST_KIND}
        assert {d.recipient_id for d in digests} == {seed.ben.id, seed.anna.id}
        for digest in digests:
            assert digest.until == cutoff
            assert digest.event is None
            (item,) = digest.items
            assert item.event == early.events[0]
            assert item.key == delivery_key(event_id(early.id, 0), digest.recipient_id, CHANNEL)
            assert item.created_at == T0
        assert len({d.key for d in digests}) == 2

    def test_purge_deletes_finished_deliveries_only(self, storage: Storage, seed: Seed) -> None:
        store = storage.outbox()
        commit_entries(storage, seed, [outbox_entry(seed), outbox_entry(seed)])
        store.fan_out(1, planned())
        store.fan_out(1, planned(DeliveryStatus.HELD))
        one, two = store.claim(T0, T0 + LEASE, 10)
        store.finish([sent(one, T0), Outcome(two.id, DeliveryStatus.DEAD, 1, T0)])
        assert store.purge(T0) == 0  # made at T0: not before it
        assert store.purge(T0 + timedelta(seconds=1)) == 1
        counts = store.counts()
        assert (counts["sent"], counts["dead"], counts["held"]) == (0, 1, 2)

    def test_notification_preferences_are_compare_and_set(
        self, storage: Storage, seed: Seed
    ) -> None:
        prefs = NotificationPreferences(
            seed.community.id,
            seed.anna.id,
            kinds={CHANNEL: frozenset({"ExchangeAccepted"})},
            digest=frozenset({CHANNEL}),
            language="en",
        )
        with storage.unit_of_work(seed.community.id) as uow:
            assert uow.notification_preferences.find(seed.anna.id) is None
            uow.notification_preferences.add(prefs)
            uow.commit()
        with storage.unit_of_work(seed.community.id) as uow:
            assert_same(uow.notification_preferences.find(seed.anna.id), prefs)
            uow.notification_preferences.update(bumped(prefs, language="de"))
            uow.commit()
        with storage.unit_of_work(seed.community.id) as uow:
            stale = bumped(prefs, language="en")
            raises_on_write_or_commit(
                uow, ConflictError, lambda: uow.notification_preferences.update(stale)
            )
        with storage.unit_of_work(seed.community.id) as uow:
            found = uow.notification_preferences.find(seed.anna.id)
            assert found is not None
            assert (found.language, found.version) == ("de", 2)

    def test_dispatchers_claiming_at_once_never_get_one_delivery_twice(
        self, storage: Storage, seed: Seed
    ) -> None:
        store = storage.outbox()
        commit_entries(storage, seed, [outbox_entry(seed) for _ in range(60)])
        assert store.fan_out(100, planned()) == 60

        def dispatcher() -> list[uuid.UUID]:
            claimed: list[uuid.UUID] = []
            while batch := store.claim(T0, T0 + LEASE, 7):
                claimed += [d.id for d in batch]
                store.finish([sent(d, T0) for d in batch])
            return claimed

        claimed: list[uuid.UUID] = []
        for result in run_together([dispatcher] * self.threads):
            assert isinstance(result, list), result
            claimed += result
        assert len(claimed) == len(set(claimed)) == 120
        assert store.counts()["sent"] == 120

    def test_a_use_case_and_its_notifications_are_written_together(self, storage: Storage) -> None:
        recorder = Recorder()
        plugins = make_plugin_manager(load_entrypoints=False, plugins=[_Channels(recorder)])
        platform = Platform(storage, plugins, converter=converter, clock=Clock())
        town = settle_town(platform)
        c = town.c
        for person in (town.anna, town.ben):
            c.set_consent(person.id, Consent(contact=True), by=person.id)
        request = c.post_request(town.anna.id, "shopping", town.daun.id, town.window(), 1)
        exchange = c.propose(request_id=request.id, by=town.ben.id)
        assert recorder.got == []
        # another platform on the same storage (the first one could have died) delivers
        other = Platform(
            storage,
            make_plugin_manager(load_entrypoints=False, plugins=[_Channels(recorder)]),
            converter=converter,
            clock=Clock(T0 + timedelta(hours=1)),
        )
        report = other.notifications.flush()
        assert (report.fanned_out, report.sent) == (1, 1)
        (told,) = recorder.got
        assert (told.actor_id, told.kind, told.attempt) == (town.anna.id, "ExchangeProposed", 1)
        assert told.event.exchange_id == exchange.id  # type: ignore[attr-defined]
        assert told.recipient is not None and told.recipient.name == "Anna"
        assert told.details["counterpart"] == "Ben"
        assert other.notifications.flush().sent == 0


# --- the contract -------------------------------------------------------------------


class StorageContract(OutboxContract, abc.ABC):
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

    def make_platform(self, storage: Storage) -> Platform:
        """A platform on ``storage`` with the default plugins and a ticking clock."""
        return Platform(
            storage, make_plugin_manager(load_entrypoints=False), converter=converter, clock=Clock()
        )

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
                # a unit of work sees its own updates and additions in every filter
                made = data.draw(changes(world), label="changes")
                with storage.unit_of_work(cid) as uow:
                    for repository, record, new in made:
                        repo = getattr(uow, repository)
                        (repo.add if new else repo.update)(record)
                        world.replace(repository, record)
                    check_filters(uow, world, rnd)
                    uow.commit()
                with storage.unit_of_work(cid) as uow:
                    check_filters(uow, world, rnd)
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

        # the solidarity account pays for a marked recipient; a coordinator adjusts hours
        solidarity = c.info().solidarity_account
        c.set_receives_solidarity(town.anna.id, by=town.carla.id)
        second = c.post_request(town.anna.id, "shopping", town.daun.id, town.window(2), 1)
        exchange = c.propose(request_id=second.id, by=town.dora.id)
        c.accept(exchange.id, by=town.anna.id)
        c.complete(exchange.id, by=town.dora.id, hours=2)
        c.confirm(exchange.id, by=town.anna.id)
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
