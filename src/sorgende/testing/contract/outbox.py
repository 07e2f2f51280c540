"""The notification outbox part of the contract: fan-out, claims, leases, outcomes, digests."""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import ClassVar

import attrs
import pytest

from sorgende.domain.actors import Consent
from sorgende.domain.events import DomainEvent, ExchangeAccepted
from sorgende.errors import ConflictError, SorgendeError
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
from sorgende.ports import Storage
from sorgende.serialization import converter
from sorgende.services.platform import Platform
from sorgende.testing.contract.seed import (
    T0,
    Seed,
    assert_same,
    bumped,
    raises_on_write_or_commit,
)
from sorgende.testing.contract.town import Clock, run_together, settle_town

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
