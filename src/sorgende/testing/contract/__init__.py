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
leases, outcomes, dead letters, digests, dispatchers claiming at once), and the event log
(events logged exactly when their unit of work commits, gapless numbers per community
under concurrent writers, readers' cursors by compare-and-set, pseudonymisation).

The class attributes tune the cost: ``max_examples`` (Hypothesis examples per
property), ``race_trials`` (rounds of each concurrency test) and ``threads``.
This module needs pytest and Hypothesis (the ``test`` extra).
"""

from __future__ import annotations

from sorgende.testing.contract.checks import (
    check_expiring,
    check_filters,
    check_postings,
    check_request_page,
)
from sorgende.testing.contract.event_log import EventLogContract
from sorgende.testing.contract.outbox import OutboxContract
from sorgende.testing.contract.queue import check_unmatched
from sorgende.testing.contract.seed import (
    ADDABLE,
    T0,
    VERSIONED,
    Seed,
    add_seed,
    assert_same,
    assert_same_records,
    bumped,
    by_id,
    fresh,
    make_seed,
    raises_on_write_or_commit,
    stored,
)
from sorgende.testing.contract.storage import StorageContract
from sorgende.testing.contract.timeline import check_by_time
from sorgende.testing.contract.town import Clock, Town, run_together, settle_town
from sorgende.testing.contract.worlds import World, add_world, changes, worlds

__all__ = [
    "ADDABLE",
    "T0",
    "VERSIONED",
    "Clock",
    "EventLogContract",
    "OutboxContract",
    "Seed",
    "StorageContract",
    "Town",
    "World",
    "add_seed",
    "add_world",
    "assert_same",
    "assert_same_records",
    "bumped",
    "by_id",
    "changes",
    "check_by_time",
    "check_expiring",
    "check_filters",
    "check_postings",
    "check_request_page",
    "check_unmatched",
    "fresh",
    "make_seed",
    "raises_on_write_or_commit",
    "run_together",
    "settle_town",
    "stored",
    "worlds",
]
