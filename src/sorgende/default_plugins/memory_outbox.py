"""The notification outbox of the memory storage.

Use cases write :class:`~sorgende.notifications.records.OutboxEntry` records through
their unit of work like any other record (kind ``outbox``), so an entry exists exactly
when its use case committed. This store takes them from there under the storage's lock
(the lock every commit takes), and keeps the deliveries in this process's memory.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Hashable, Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol

import attrs

from sorgende.notifications.records import (
    DIGEST_KIND,
    FINISHED,
    Delivery,
    DeliveryStatus,
    DigestItem,
    OutboxEntry,
    Outcome,
    digest_key,
    fresh_id,
)
from sorgende.ports import DigestGroup, Plan

#: the kind under which units of work write outbox entries
OUTBOX = "outbox"


class Tables(Protocol):
    """The committed records of one community, as the memory storage keeps them."""

    @property
    def rows(self) -> Mapping[str, dict[Hashable, Any]]: ...


class MemoryOutbox:
    """Deliveries in memory; safe for several dispatcher threads of one process.

    Given the storage's lock and its tables rather than the storage itself, so that this
    module does not depend on the storage's (the storage creates its outbox).
    """

    def __init__(self, lock: threading.RLock, tables: Mapping[uuid.UUID, Tables]) -> None:
        self._tables = tables
        # the storage's own lock: a commit that writes an entry and a fan-out that
        # takes entries never interleave
        self._lock = lock
        #: outbox entries being fanned out by some dispatcher: (community, key)
        self._taken: set[tuple[uuid.UUID, Hashable]] = set()
        self._rows: dict[uuid.UUID, Delivery] = {}
        self._keys: set[str] = set()
        self._pending: dict[uuid.UUID, None] = {}
        self._held: dict[DigestGroup, dict[uuid.UUID, None]] = {}

    # -- fan-out ------------------------------------------------------------------

    def fan_out(self, limit: int, plan: Plan) -> int:
        with self._lock:
            waiting: list[tuple[datetime, uuid.UUID, Hashable, OutboxEntry]] = []
            for community_id, tables in self._tables.items():
                rows = tables.rows.get(OUTBOX)
                if not rows:
                    continue
                for key, entry in rows.items():
                    if (community_id, key) not in self._taken:
                        waiting.append((entry.created_at, community_id, key, entry))
            waiting.sort(key=lambda w: w[0])
            taken = waiting[:limit]
            marks = {(community_id, key) for _, community_id, key, _ in taken}
            self._taken |= marks
        try:
            deliveries = plan([entry for *_, entry in taken])
        except BaseException:
            with self._lock:
                self._taken -= marks
            raise
        with self._lock:
            for delivery in deliveries:
                self._insert(delivery)
            for _, community_id, key, _ in taken:
                self._tables[community_id].rows[OUTBOX].pop(key, None)
            self._taken -= marks
        return len(taken)

    def _insert(self, delivery: Delivery) -> None:
        if delivery.key in self._keys:
            return
        self._keys.add(delivery.key)
        self._rows[delivery.id] = delivery
        if delivery.status is DeliveryStatus.PENDING:
            self._pending[delivery.id] = None
        elif delivery.status is DeliveryStatus.HELD:
            self._held.setdefault(_group(delivery), {})[delivery.id] = None

    # -- delivery -----------------------------------------------------------------

    def claim(self, now: datetime, until: datetime, limit: int) -> Sequence[Delivery]:
        with self._lock:
            rows = self._rows
            due = [rows[i] for i in self._pending if rows[i].next_attempt_at <= now]
            due.sort(key=lambda d: d.next_attempt_at)
            claimed = []
            for delivery in due[:limit]:
                taken = attrs.evolve(
                    delivery, attempts=delivery.attempts + 1, next_attempt_at=until
                )
                rows[taken.id] = taken
                claimed.append(taken)
            return claimed

    def finish(self, outcomes: Sequence[Outcome]) -> int:
        written = 0
        with self._lock:
            for outcome in outcomes:
                delivery = self._rows.get(outcome.id)
                if (
                    delivery is None
                    or delivery.status is not DeliveryStatus.PENDING
                    or delivery.attempts != outcome.attempts
                ):
                    continue
                self._rows[outcome.id] = attrs.evolve(
                    delivery,
                    status=outcome.status,
                    next_attempt_at=outcome.next_attempt_at,
                    last_error=outcome.last_error,
                    sent_at=outcome.sent_at,
                )
                if outcome.status is not DeliveryStatus.PENDING:
                    self._pending.pop(outcome.id, None)
                written += 1
        return written

    # -- digests ------------------------------------------------------------------

    def digest_groups(self, before: datetime) -> Sequence[DigestGroup]:
        with self._lock:
            return sorted(
                (
                    group
                    for group, ids in self._held.items()
                    if any(self._rows[i].created_at < before for i in ids)
                ),
                key=lambda g: (str(g[0]), str(g[1]), g[2]),
            )

    def compose(self, groups: Sequence[DigestGroup], before: datetime, now: datetime) -> int:
        made = 0
        with self._lock:
            for group in groups:
                held = self._held.get(group, {})
                items = [self._rows[i] for i in held if self._rows[i].created_at < before]
                if not items:
                    continue
                community_id, actor_id, channel = group
                digest_id = fresh_id()
                digest = Delivery(
                    id=digest_id,
                    key=digest_key(digest_id, actor_id, channel),
                    community_id=community_id,
                    channel=channel,
                    kind=DIGEST_KIND,
                    recipient_id=actor_id,
                    language=items[-1].language,
                    status=DeliveryStatus.PENDING,
                    attempts=0,
                    next_attempt_at=now,
                    created_at=now,
                    items=tuple(
                        DigestItem(d.key, d.kind, d.event, d.created_at)
                        for d in items
                        if d.event is not None
                    ),
                    until=before,
                )
                self._insert(digest)
                for delivery in items:
                    self._rows[delivery.id] = attrs.evolve(
                        delivery, status=DeliveryStatus.DIGESTED, sent_at=now
                    )
                    del held[delivery.id]
                if not held:
                    self._held.pop(group, None)
                made += 1
        return made

    # -- for coordinators ---------------------------------------------------------

    def deliveries(
        self,
        *,
        status: DeliveryStatus | None = None,
        community_id: uuid.UUID | None = None,
        recipient_id: uuid.UUID | None = None,
        limit: int | None = None,
    ) -> Sequence[Delivery]:
        with self._lock:
            found = [
                d
                for d in self._rows.values()
                if (status is None or d.status is status)
                and (community_id is None or d.community_id == community_id)
                and (recipient_id is None or d.recipient_id == recipient_id)
            ]
        return found if limit is None else found[:limit]

    def retry(self, ids: Sequence[uuid.UUID] | None, now: datetime) -> int:
        with self._lock:
            chosen = self._rows.keys() if ids is None else [i for i in ids if i in self._rows]
            revived = 0
            for i in list(chosen):
                delivery = self._rows[i]
                if delivery.status is not DeliveryStatus.DEAD:
                    continue
                self._rows[i] = attrs.evolve(
                    delivery, status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=now
                )
                self._pending[i] = None
                revived += 1
            return revived

    def counts(self) -> Mapping[str, int]:
        with self._lock:
            result = {status.value: 0 for status in DeliveryStatus}
            for delivery in self._rows.values():
                result[delivery.status.value] += 1
            result[OUTBOX] = sum(
                len(tables.rows.get(OUTBOX) or ()) for tables in self._tables.values()
            )
            return result

    def purge(self, before: datetime) -> int:
        with self._lock:
            gone = [
                d for d in self._rows.values() if d.status in FINISHED and d.created_at < before
            ]
            for delivery in gone:
                del self._rows[delivery.id]
                self._keys.discard(delivery.key)
            return len(gone)


def _group(delivery: Delivery) -> DigestGroup:
    assert delivery.recipient_id is not None, "only a person's deliveries are held"
    return (delivery.community_id, delivery.recipient_id, delivery.channel)
