"""``platform.notifications``: run the dispatcher, compose digests, look after dead letters.

A web front end runs :meth:`Notifications.flush` in a background task (or
:meth:`Notifications.run` in a thread); the ``sorgende notify`` commands call the same
methods.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import timedelta

import attrs

from sorgende.errors import NotFound, OutboxUnsupported
from sorgende.notifications.dispatcher import Dispatcher, Host, Report
from sorgende.notifications.policy import digest_cutoff
from sorgende.notifications.records import Delivery, DeliveryStatus
from sorgende.ports import OutboxStore

#: people whose digests one call composes (and the progress bar's step); a storage may
#: split it into several transactions
DIGEST_CHUNK = 2_000


@attrs.frozen
class DigestReport:
    """What :meth:`Notifications.digest` did."""

    #: people (and channels) with held notifications from before the cut-off
    due: int
    #: digests composed
    composed: int
    #: the pass of the dispatcher that followed, delivering them
    delivery: Report


class Notifications:
    """The outbox of a platform, for operators and background tasks."""

    def __init__(self, platform: Host) -> None:
        self.platform = platform
        self._dispatcher: Dispatcher | None = None
        self._lock = threading.Lock()

    @property
    def store(self) -> OutboxStore:
        outbox = getattr(self.platform.storage, "outbox", None)
        if outbox is None:
            raise OutboxUnsupported(url=self.platform.storage.url, channels="-")
        store: OutboxStore = outbox()
        return store

    @property
    def dispatcher(self) -> Dispatcher:
        with self._lock:
            if self._dispatcher is None:
                self._dispatcher = Dispatcher(self.platform)
            return self._dispatcher

    def flush(self, progress: Callable[[int], None] | None = None) -> Report:
        """One pass of the dispatcher: fan out what use cases wrote, deliver what is due."""
        return self.dispatcher.run_once(progress)

    def run(self, stop: threading.Event, poll_interval: float | None = None) -> Report:
        """Passes until ``stop`` is set (``sorgende notify run``; a thread of a web app)."""
        return self.dispatcher.run(stop, poll_interval)

    def digest(
        self,
        progress: Callable[[int, int], None] | None = None,
        deliver: Callable[[int], None] | None = None,
    ) -> DigestReport:
        """Compose the digests that are due, then deliver them (one pass of the dispatcher).

        Held notifications made before the last digest time (``digest_time``, local)
        go into one digest per person and channel. Running it again the same day finds
        nothing more to compose. ``progress(done, total)`` is called per chunk of people.
        """
        dispatcher = self.dispatcher
        # what use cases wrote until now joins today's digests
        dispatcher.fan_out()
        now = self.platform.clock()
        cutoff = digest_cutoff(now, dispatcher.settings)
        store = self.store
        groups = store.digest_groups(cutoff)
        composed = 0
        if progress is not None:
            progress(0, len(groups))
        for start in range(0, len(groups), DIGEST_CHUNK):
            chunk = groups[start : start + DIGEST_CHUNK]
            composed += store.compose(chunk, cutoff, now)
            if progress is not None:
                progress(start + len(chunk), len(groups))
        return DigestReport(len(groups), composed, self.flush(deliver))

    def deliveries(
        self,
        *,
        status: DeliveryStatus | None = None,
        community_id: uuid.UUID | None = None,
        recipient_id: uuid.UUID | None = None,
        limit: int | None = None,
    ) -> Sequence[Delivery]:
        return self.store.deliveries(
            status=status, community_id=community_id, recipient_id=recipient_id, limit=limit
        )

    def dead(
        self, *, community_id: uuid.UUID | None = None, limit: int | None = None
    ) -> Sequence[Delivery]:
        """The dead letters: deliveries every attempt of which failed, oldest first."""
        return self.store.deliveries(
            status=DeliveryStatus.DEAD, community_id=community_id, limit=limit
        )

    def retry(self, ids: Sequence[uuid.UUID] | None = None) -> int:
        """Queue dead letters again (``ids``, or every one when ``None``), due now.

        An id that is not a dead letter raises :class:`NotFound` and nothing is queued.
        """
        store = self.store
        if ids is not None:
            dead = {d.id for d in store.deliveries(status=DeliveryStatus.DEAD)}
            for delivery_id in ids:
                if delivery_id not in dead:
                    raise NotFound("dead letter", delivery_id)
        return store.retry(ids, self.platform.clock())

    def counts(self) -> Mapping[str, int]:
        """Deliveries per status, and entries waiting in the outbox (``outbox``)."""
        return self.store.counts()

    def purge(self, older_than: timedelta) -> int:
        """Delete sent, digested and skipped deliveries made more than ``older_than`` ago."""
        return self.store.purge(self.platform.clock() - older_than)
