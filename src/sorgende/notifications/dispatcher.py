"""The dispatcher: from outbox entries to deliveries, and from due deliveries to channels.

One pass (:meth:`Dispatcher.run_once`, ``sorgende notify flush``) does two things:

1. **fan-out**: every outbox entry becomes deliveries — per event, one for each channel
   of the ``events`` audience, and one for each concerned person who consented to
   contact and each ``people`` channel their preferences allow. A delivery waits for
   the end of the person's quiet hours, or is held for their daily digest. The
   deliveries are inserted and the entry removed in one transaction.
2. **delivery**: the deliveries due when the pass began are claimed in batches and
   handed to their channels. A delivery is marked sent only after its channel
   returned; a channel that raises gets the delivery again later (exponential backoff
   with full jitter), until ``max_attempts`` make it a dead letter.

Delivery is at least once: a dispatcher that dies after a channel took a message but
before the outcome was written sends it again when the lease runs out, with the same
idempotency key (``Notification.key``), by which the receiving side recognises it.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, Protocol

import attrs

from sorgende.domain import events as ev
from sorgende.domain.actors import Actor
from sorgende.domain.events import DomainEvent
from sorgende.domain.notices import notice_mark, noticed
from sorgende.errors import InvalidChannel, Message, OutboxUnsupported
from sorgende.notifications import Digest, Notification, NotificationChannel
from sorgende.notifications.details import lazy_details
from sorgende.notifications.policy import NotificationSettings, backoff, release_time
from sorgende.notifications.records import (
    DIGEST_KIND,
    Delivery,
    DeliveryStatus,
    NotificationPreferences,
    OutboxEntry,
    Outcome,
    QuietHours,
    delivery_key,
    event_id,
    fresh_id,
)
from sorgende.ports import OutboxStore, Storage, UnitOfWork
from sorgende.serialization import EVENT_TYPES, event_types

logger = logging.getLogger("sorgende.notifications")

#: the longest error text kept with a delivery
MAX_ERROR = 1000

#: the core's event types that concern persons (see :func:`concerned`); when no channel
#: of the ``events`` audience is configured, only these and the types marked with
#: :func:`sorgende.notifies` (:func:`personal_event_types`) are written to the outbox
PERSONAL_EVENT_TYPES: frozenset[type[DomainEvent]] = frozenset(
    cls for cls in EVENT_TYPES.values() if issubclass(cls, ev.ExchangeEvent | ev.RecognitionAwarded)
)


def personal_event_types() -> frozenset[type[DomainEvent]]:
    """Every known event type that concerns persons: the core's and the marked ones of
    plugins (known once a platform registered their types)."""
    marked = {cls for cls in event_types().values() if notice_mark(cls) is not None}
    return PERSONAL_EVENT_TYPES | marked


def concerned(event: DomainEvent) -> list[uuid.UUID]:
    """The persons an event concerns, except the one who acted: they know already."""
    if isinstance(event, ev.ExchangeEvent):
        people = [event.helper_id, event.recipient_id]
    elif isinstance(event, ev.RecognitionAwarded):
        people = [event.actor_id]
    else:
        people = noticed(event)
    return [p for p in people if p != event.by]


@attrs.frozen
class Channel:
    """A configured channel, with the plugin that provided it (named in every log line)."""

    name: str
    plugin: str
    channel: NotificationChannel
    audience: str
    digest: bool

    def reaches(self, actor: Actor) -> bool:
        check: Callable[[Actor], bool] | None = getattr(self.channel, "reaches", None)
        if check is None:
            return True
        try:
            return bool(check(actor))
        except Exception:
            # let the delivery try: its failure is then retried and visible as a dead letter
            logger.exception("channel %r of plugin %r failed in reaches()", self.name, self.plugin)
            return True


class Channels:
    """The platform's channels by name, split by audience."""

    def __init__(self, found: Iterable[tuple[str, NotificationChannel]]) -> None:
        self.by_name: dict[str, Channel] = {}
        for plugin, channel in found:
            name = str(getattr(channel, "name", "") or "")
            audience = getattr(channel, "audience", "people") or "people"
            if not name or audience not in ("people", "events"):
                raise InvalidChannel(
                    name=name or "(none)",
                    plugins=plugin,
                    problem=Message("problem.dispatcher.name_audience", audience=audience),
                )
            if name in self.by_name:
                raise InvalidChannel(
                    name=name,
                    plugins=f"{self.by_name[name].plugin}, {plugin}",
                    problem=Message("problem.dispatcher.two_channels_have_name"),
                )
            self.by_name[name] = Channel(
                name, plugin, channel, audience, callable(getattr(channel, "send_digest", None))
            )
        self.people = [c for c in self.by_name.values() if c.audience == "people"]
        self.events = [c for c in self.by_name.values() if c.audience == "events"]

    def __bool__(self) -> bool:
        return bool(self.by_name)

    def outbox_types(self) -> frozenset[type[DomainEvent]] | None:
        """The event types a use case writes to the outbox; ``None``: every event."""
        return None if self.events else personal_event_types()


@attrs.frozen
class Report:
    """What one pass of the dispatcher did."""

    #: outbox entries turned into deliveries
    fanned_out: int = 0
    sent: int = 0
    #: failed attempts that will be retried
    retried: int = 0
    #: deliveries that became dead letters in this pass
    dead: int = 0
    #: deliveries not sent because the person can no longer be reached
    skipped: int = 0

    def __add__(self, other: Report) -> Report:
        mine, theirs = attrs.astuple(self), attrs.astuple(other)
        return Report(*(a + b for a, b in zip(mine, theirs, strict=True)))

    @property
    def busy(self) -> bool:
        return any(attrs.astuple(self))


def find_many(repository: Any, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Any]:
    """Records by id, with the repository's ``find_many`` where it has one (one query)."""
    bulk = getattr(repository, "find_many", None)
    if bulk is not None:
        return dict(bulk(ids))
    found = {}
    for record_id in ids:
        record = repository.find(record_id)
        if record is not None:
            found[record_id] = record
    return found


class _People:
    """The persons of one community a fan-out needs, each read once: whom to tell, how."""

    def __init__(self, uow: UnitOfWork, prefetch: Iterable[uuid.UUID] = ()) -> None:
        self.uow = uow
        self.known: dict[uuid.UUID, tuple[Actor, NotificationPreferences] | None] = {}
        wanted = set(prefetch)
        if len(wanted) > 1:
            # many people at once: two queries instead of two per person
            actors = find_many(uow.actors, wanted)
            contactable = [i for i, a in actors.items() if not a.erased and a.consent.contact]
            prefs = find_many(uow.notification_preferences, contactable)
            for actor_id in wanted:
                actor = actors.get(actor_id)
                if actor is None or actor.erased or not actor.consent.contact:
                    self.known[actor_id] = None
                else:
                    self.known[actor_id] = (
                        actor,
                        prefs.get(actor_id) or NotificationPreferences(uow.community_id, actor_id),
                    )

    def __call__(self, actor_id: uuid.UUID) -> tuple[Actor, NotificationPreferences] | None:
        if actor_id in self.known:
            return self.known[actor_id]
        actor = self.uow.actors.find(actor_id)
        found: tuple[Actor, NotificationPreferences] | None = None
        if actor is not None and not actor.erased and actor.consent.contact:
            prefs = self.uow.notification_preferences.find(actor_id)
            found = (actor, prefs or NotificationPreferences(self.uow.community_id, actor_id))
        self.known[actor_id] = found
        return found


class Host(Protocol):
    """What the dispatcher needs of the platform it delivers for.

    :class:`sorgende.services.platform.Platform` is one. Named here, not imported, so
    that notifications stay a layer below the services: the services call the
    dispatcher, never the other way round.
    """

    @property
    def storage(self) -> Storage: ...

    @property
    def clock(self) -> Callable[[], datetime]: ...

    @property
    def language(self) -> str: ...

    @property
    def notification_channels(self) -> Channels: ...

    @property
    def notification_settings(self) -> NotificationSettings: ...


class Planner:
    """Who is told what: the fan-out of outbox entries into deliveries."""

    def __init__(self, platform: Host, settings: NotificationSettings) -> None:
        self.platform = platform
        self.settings = settings
        self.channels = platform.notification_channels

    def plan(self, entries: Sequence[OutboxEntry]) -> list[Delivery]:
        now = self.platform.clock()
        deliveries: list[Delivery] = []
        by_community: dict[uuid.UUID, list[OutboxEntry]] = defaultdict(list)
        for entry in entries:
            by_community[entry.community_id].append(entry)
        for community_id, group in by_community.items():
            with self.platform.storage.unit_of_work(community_id) as uow:
                concerned_here = (
                    {p for entry in group for event in entry.events for p in concerned(event)}
                    if self.channels.people
                    else set()
                )
                person = _People(uow, concerned_here)
                for entry in group:
                    for index, event in enumerate(entry.events):
                        self._plan_event(entry, index, event, now, person, deliveries)
        return deliveries

    def _plan_event(
        self,
        entry: OutboxEntry,
        index: int,
        event: DomainEvent,
        now: datetime,
        person: Callable[[uuid.UUID], tuple[Actor, NotificationPreferences] | None],
        out: list[Delivery],
    ) -> None:
        eid = event_id(entry.id, index)
        kind = type(event).__name__
        language = self.platform.language
        for channel in self.channels.events:
            out.append(self._delivery(entry, eid, event, kind, channel.name, None, language, now))
        if not self.channels.people:
            return
        settings = self.settings
        urgent = kind in settings.urgent_kinds
        for actor_id in concerned(event):
            found = person(actor_id)
            if found is None:
                continue
            actor, prefs = found
            quiet = prefs.quiet or settings.quiet_hours
            due = now if urgent else release_time(now, quiet, settings.time_zone)
            for channel in self.channels.people:
                if not prefs.wants(channel.name, kind) or not channel.reaches(actor):
                    continue
                held = channel.digest and channel.name in prefs.digest and not urgent
                out.append(
                    self._delivery(
                        entry,
                        eid,
                        event,
                        kind,
                        channel.name,
                        actor_id,
                        prefs.language or language,
                        due,
                        DeliveryStatus.HELD if held else DeliveryStatus.PENDING,
                    )
                )

    @staticmethod
    def _delivery(
        entry: OutboxEntry,
        eid: str,
        event: DomainEvent,
        kind: str,
        channel: str,
        actor_id: uuid.UUID | None,
        language: str,
        due: datetime,
        status: DeliveryStatus = DeliveryStatus.PENDING,
    ) -> Delivery:
        return Delivery(
            id=fresh_id(),
            key=delivery_key(eid, actor_id, channel),
            community_id=entry.community_id,
            channel=channel,
            kind=kind,
            recipient_id=actor_id,
            language=language,
            status=status,
            attempts=0,
            next_attempt_at=due,
            created_at=entry.created_at,
            event=event,
        )


class Dispatcher:
    """Delivers the outbox of one platform. Several may run at once (see the storage)."""

    def __init__(self, platform: Host, settings: NotificationSettings | None = None) -> None:
        self.platform = platform
        self.settings = settings or platform.notification_settings
        outbox = getattr(platform.storage, "outbox", None)
        if outbox is None:
            raise OutboxUnsupported(url=platform.storage.url, channels="-")
        self.store: OutboxStore = outbox()
        self.planner = Planner(platform, self.settings)
        self.channels = platform.notification_channels

    # -- passes -------------------------------------------------------------------

    def run_once(self, progress: Callable[[int], None] | None = None) -> Report:
        """One pass: fan out every waiting entry, deliver what is due now."""
        report = Report(fanned_out=self.fan_out())
        start = self.platform.clock()
        batch = self.settings.batch
        while True:
            claimed = self.store.claim(start, self.platform.clock() + self.settings.lease, batch)
            if not claimed:
                break
            report += self._deliver(claimed)
            if progress is not None:
                progress(len(claimed))
            if len(claimed) < batch:
                break
        return report

    def fan_out(self) -> int:
        total = 0
        batch = self.settings.batch
        while True:
            taken = self.store.fan_out(batch, self.planner.plan)
            total += taken
            if taken < batch:
                return total

    def run(self, stop: threading.Event, poll_interval: float | None = None) -> Report:
        """Passes until ``stop`` is set; waits ``poll_interval`` seconds after an idle pass.

        A pass under way is finished first, so that no outcome is lost.
        """
        wait = self.settings.poll_interval if poll_interval is None else poll_interval
        total = Report()
        while not stop.is_set():
            try:
                report = self.run_once()
            except Exception:
                # the database may be away for a moment; the loop must outlive that
                logger.exception("dispatcher pass failed; trying again in %s s", wait)
                report = Report()
            total += report
            if not report.busy:
                stop.wait(wait)
        return total

    # -- delivering a batch -------------------------------------------------------

    def _deliver(self, claimed: Sequence[Delivery]) -> Report:
        recipients = self._recipients(claimed)
        outcomes: list[Outcome] = []
        try:
            for delivery in claimed:
                outcomes.append(self._deliver_one(delivery, recipients))
        finally:
            # even when interrupted, keep what was done: a sent message marked sent
            self.store.finish(outcomes)
        counts: dict[DeliveryStatus, int] = defaultdict(int)
        for outcome in outcomes:
            counts[outcome.status] += 1
        return Report(
            sent=counts[DeliveryStatus.SENT],
            retried=counts[DeliveryStatus.PENDING],
            dead=counts[DeliveryStatus.DEAD],
            skipped=counts[DeliveryStatus.SKIPPED],
        )

    def _recipients(self, claimed: Sequence[Delivery]) -> dict[uuid.UUID, Actor | None]:
        wanted: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
        for delivery in claimed:
            if delivery.recipient_id is not None:
                wanted[delivery.community_id].add(delivery.recipient_id)
        found: dict[uuid.UUID, Actor | None] = {}
        for community_id, ids in wanted.items():
            with self.platform.storage.unit_of_work(community_id) as uow:
                many = find_many(uow.actors, ids)
                for actor_id in ids:
                    found[actor_id] = many.get(actor_id)
        return found

    def _deliver_one(
        self, delivery: Delivery, recipients: dict[uuid.UUID, Actor | None]
    ) -> Outcome:
        channel = self.channels.by_name.get(delivery.channel)
        if channel is None:
            return self._failed(delivery, None, f"channel {delivery.channel!r} is not configured")
        actor = None
        if delivery.recipient_id is not None:
            actor = recipients.get(delivery.recipient_id)
            if actor is None or actor.erased or not actor.consent.contact:
                # consent withdrawn or the person erased since: not a failure to retry
                return Outcome(
                    delivery.id,
                    DeliveryStatus.SKIPPED,
                    delivery.attempts,
                    delivery.next_attempt_at,
                    last_error="the person can no longer be contacted",
                )
        try:
            if delivery.kind == DIGEST_KIND:
                self._send_digest(channel, delivery, actor)
            else:
                assert delivery.event is not None
                channel.channel.send(self._notification(delivery, delivery.event, actor))
        except Exception as exc:
            return self._failed(delivery, channel, f"{type(exc).__name__}: {exc}")
        return Outcome(
            delivery.id,
            DeliveryStatus.SENT,
            delivery.attempts,
            delivery.next_attempt_at,
            sent_at=self.platform.clock(),
        )

    def _notification(
        self,
        delivery: Delivery,
        event: DomainEvent,
        actor: Actor | None,
        *,
        key: str | None = None,
        kind: str | None = None,
    ) -> Notification:
        return Notification(
            delivery.community_id,
            delivery.recipient_id,
            event,
            delivery.language,
            key=key or delivery.key,
            kind=kind or delivery.kind,
            attempt=delivery.attempts,
            recipient=actor,
            details=lazy_details(
                self.platform.storage, event, delivery.recipient_id, delivery.language
            ),
        )

    def _send_digest(self, channel: Channel, delivery: Delivery, actor: Actor | None) -> None:
        notifications = tuple(
            self._notification(delivery, item.event, actor, key=item.key, kind=item.kind)
            for item in delivery.items
        )
        send_digest: Callable[[Digest], Any] | None = getattr(channel.channel, "send_digest", None)
        if send_digest is None:
            # the channel lost its digest support since: the items go one by one, each
            # with its own key, so a retry after a partial failure is recognisable
            for notification in notifications:
                channel.channel.send(notification)
            return
        assert delivery.recipient_id is not None and delivery.until is not None
        send_digest(
            Digest(
                delivery.community_id,
                delivery.recipient_id,
                notifications,
                delivery.until,
                delivery.language,
                key=delivery.key,
                attempt=delivery.attempts,
                recipient=actor,
            )
        )

    def _failed(self, delivery: Delivery, channel: Channel | None, error: str) -> Outcome:
        error = error[:MAX_ERROR]
        plugin = channel.plugin if channel is not None else "-"
        now = self.platform.clock()
        if delivery.attempts >= self.settings.max_attempts:
            logger.error(
                "channel %r (plugin %r) failed for delivery %s (%s) %d times; dead letter: %s",
                delivery.channel,
                plugin,
                delivery.id,
                delivery.key,
                delivery.attempts,
                error,
            )
            return Outcome(
                delivery.id, DeliveryStatus.DEAD, delivery.attempts, now, last_error=error
            )
        due = now + backoff(self.settings, delivery.key, delivery.attempts)
        if delivery.recipient_id is not None and delivery.kind not in self.settings.urgent_kinds:
            due = release_time(due, self._quiet_hours(delivery), self.settings.time_zone)
        logger.warning(
            "channel %r (plugin %r) failed for delivery %s (%s), attempt %d; again at %s: %s",
            delivery.channel,
            plugin,
            delivery.id,
            delivery.key,
            delivery.attempts,
            due.isoformat(),
            error,
        )
        return Outcome(
            delivery.id, DeliveryStatus.PENDING, delivery.attempts, due, last_error=error
        )

    def _quiet_hours(self, delivery: Delivery) -> QuietHours:
        assert delivery.recipient_id is not None
        with self.platform.storage.unit_of_work(delivery.community_id) as uow:
            prefs = uow.notification_preferences.find(delivery.recipient_id)
        found = prefs.quiet if prefs is not None else None
        return found or self.settings.quiet_hours
