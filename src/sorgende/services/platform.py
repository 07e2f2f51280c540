"""The platform: a storage, the plugins, and the communities stored there."""

from __future__ import annotations

import functools
import inspect
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, ParamSpec, Self, TypeVar

import attrs
import cattrs

from sorgende.config import Settings
from sorgende.domain import events as ev
from sorgende.domain.categories import Category
from sorgende.domain.community import Community, SolidarityPolicy
from sorgende.domain.events import DomainEvent
from sorgende.domain.ledger import Posting, activity_posting
from sorgende.domain.matching import ScoreTerm
from sorgende.domain.principals import Acting, Principal
from sorgende.domain.recognition import RecognitionRule
from sorgende.domain.values import utcnow
from sorgende.errors import InvalidValue, Message, NotFound, OutboxUnsupported, Vetoed
from sorgende.notifications import NotificationChannel
from sorgende.notifications.dispatcher import Channels
from sorgende.notifications.policy import NotificationSettings
from sorgende.notifications.records import OutboxEntry, fresh_id
from sorgende.plugins import Hooks, PluginManager
from sorgende.ports import Storage, UnitOfWork
from sorgende.records import Registry
from sorgende.serialization import register_event_types
from sorgende.services.base import ConflictRetries, Work, _UseCase, acting
from sorgende.services.community import CommunityService
from sorgende.services.records import collect_registry
from sorgende.services.validation import valid_name

if TYPE_CHECKING:
    from sorgende.notifications.service import Notifications


P = ParamSpec("P")
R = TypeVar("R")

#: the most minutes one activity's posting credits (a month of days)
MAX_ACTIVITY_MINUTES = 31 * 24 * 60


def _takes_writing(storage: Storage) -> bool:
    """Whether ``storage.unit_of_work`` has the ``writing`` parameter (a storage written
    before the port had it opens every unit alike)."""
    try:
        parameters = inspect.signature(storage.unit_of_work).parameters
    except (TypeError, ValueError):
        return False
    return "writing" in parameters or any(
        p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()
    )


def _flatten(results: Iterable[tuple[str, Any]]) -> list[Any]:
    return [item for _, items in results if items for item in items]


class Platform:
    """A sorgende platform: open it with :func:`sorgende.open`.

    It holds the storage and the plugins; :meth:`community` gives the use cases of
    one community.
    """

    def __init__(
        self,
        storage: Storage,
        plugins: PluginManager,
        *,
        converter: cattrs.Converter,
        clock: Callable[[], datetime] = utcnow,
        language: str = "de",
        settings: Settings | None = None,
        registry: Registry | None = None,
    ) -> None:
        #: the settings the platform was opened with; plugins read theirs with
        #: ``settings.plugin(name)``
        self.settings = settings if settings is not None else Settings(language=language)
        self.storage = storage
        #: whether use cases that will write open their unit with ``writing=True``
        self.storage_takes_writing = _takes_writing(storage)
        #: how a write use case that met a storage conflict is run again
        self.conflict_retries = ConflictRetries.from_settings(self.settings)
        self.plugins = plugins
        #: the plugins' hooks, typed (:class:`sorgende.plugins.Hooks`)
        self.hooks = hooks = Hooks(plugins)
        #: every kind of record stored here (:mod:`sorgende.records`)
        self.registry = registry if registry is not None else collect_registry(plugins)
        self.converter = converter
        self.clock = clock
        self.language = language
        # plugins' event types first: the converter and the event log need them
        register_event_types(hooks.event_types())
        self.score_terms: list[ScoreTerm] = _flatten(hooks.score_terms())
        self.recognition_rules: list[RecognitionRule] = _flatten(hooks.recognition_rules())
        #: the notification channels by name, with the plugins that gave them
        self.notification_channels = Channels(
            (plugin, channel)
            for plugin, found in hooks.notification_channels(self.settings)
            for channel in found
        )
        self.channels: list[NotificationChannel] = [
            c.channel for c in self.notification_channels.by_name.values()
        ]
        #: how the outbox retries and times deliveries (``[plugins.notifications]``)
        self.notification_settings = NotificationSettings.from_settings(self.settings)
        #: whether use cases write their events to the outbox: only with a channel
        self.outbox_enabled = bool(self.notification_channels)
        self._outbox_types = self.notification_channels.outbox_types()
        if self.outbox_enabled and not callable(getattr(storage, "outbox", None)):
            raise OutboxUnsupported(
                url=storage.url, channels=", ".join(self.notification_channels.by_name)
            )
        self._notifications: Notifications | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.storage.close()

    def default_categories(self) -> list[Category]:
        """Categories from every plugin; a later plugin's code replaces an earlier one's."""
        by_code: dict[str, Category] = {}
        # the hooks answer in call order (last registered first): reverse it
        for _, categories in reversed(self.hooks.categories()):
            for category in categories or ():
                by_code[category.code] = category
        return list(by_code.values())

    def create_community(
        self,
        name: str,
        *,
        solidarity_policy: SolidarityPolicy = SolidarityPolicy.MARKED_RECIPIENTS,
        id: uuid.UUID | None = None,
    ) -> CommunityService:
        """Create a community with the categories the plugins provide."""
        community = Community(
            name=valid_name(name), solidarity_policy=SolidarityPolicy(solidarity_policy)
        )
        if id is not None:
            community = attrs.evolve(community, id=id)
        categories = self.default_categories()
        now = self.clock()
        created = [ev.CommunityCreated(community.id, now, None)]
        with self.open_for_writing(community.id) as uow:
            uow.community.add(community)
            for category in categories:
                uow.categories.add(category)
            uow.event_log.append(created)
            if self.outbox_enabled:
                self.write_outbox(uow, created, now)
            uow.commit()
        self.dispatch(created)
        return CommunityService(self, community.id)

    def use_case(self, community_id: uuid.UUID) -> AbstractContextManager[Work]:
        """Run a use case of one's own (a plugin's) like the core runs its own.

        ``with platform.use_case(cid) as w:`` gives the unit of work ``w.uow`` (with
        ``w.uow.of(kind)`` for a plugin's record kinds), the time ``w.now`` and the list
        ``w.events`` to append domain events to. Leaving the block without an error
        commits the records, the events into the event log (and the notification
        outbox) in one transaction, then hands the events to the observers; an error
        writes nothing.

        Put the block in a function and call it through :meth:`retrying` to have it run
        again when it meets a storage conflict, as the core's use cases are.
        """
        return _UseCase(self, community_id)

    def open_for_writing(self, community_id: uuid.UUID) -> UnitOfWork:
        """A unit of work for a use case that will write (``writing=True``, where the
        storage takes it)."""
        if self.storage_takes_writing:
            return self.storage.unit_of_work(community_id, writing=True)
        return self.storage.unit_of_work(community_id)

    def retrying(self, fn: Callable[P, R]) -> Callable[P, R]:
        """``fn``, run again from its start when it meets a storage conflict.

        ``fn`` should run one use case (:meth:`use_case`) and do nothing else that
        cannot be repeated: a lost compare-and-set, a stale snapshot or a lost lock
        re-runs it, up to ``Settings.conflict_attempts`` runs with a random backoff
        (:class:`~sorgende.services.base.ConflictRetries`); any other error, or the
        last run's conflict, reaches the caller. ::

            def rename(cid: uuid.UUID, key: str, name: str) -> None:
                with platform.use_case(cid) as w:
                    ...

            platform.retrying(rename)(cid, "k1", "Anna")
        """

        @functools.wraps(fn)
        def retried(*args: P.args, **kwargs: P.kwargs) -> R:
            return self.conflict_retries.run(fn, *args, **kwargs)

        return retried

    def acting(self, uow: UnitOfWork, by: uuid.UUID | Principal) -> Acting:
        """The powers ``by`` holds now, read from ``uow`` as the core's use cases read
        them: a person's own community roles and those of the organisations they
        coordinate (:class:`~sorgende.domain.principals.Acting`). A plugin's use case
        asks the policy (:mod:`sorgende.domain.policy`) with it; an unknown person is
        :class:`~sorgende.errors.NotFound`."""
        return acting(uow, by)

    def book_activity(
        self,
        work: Work,
        *,
        from_account: uuid.UUID,
        to_account: uuid.UUID,
        minutes: int,
        reason: str,
        by: uuid.UUID | None,
        cause: str = "",
    ) -> Posting:
        """Credit hours for an activity a plugin records, inside its running use case.

        ``minutes`` move ``from_account`` (an actor's or the community's solidarity
        account) ``to_account`` in a posting of kind ``activity`` with ``reason`` (what
        for, in words) and ``cause`` (the plugin's record, for programs). The hook
        ``sorgende_veto`` is asked with the action ``book_activity``. The posting is
        written with the plugin's records, or not at all; the plugin's own event says
        what happened. Who may do the act that earns the hours is the plugin's rule.
        """
        if (
            isinstance(minutes, bool)
            or not isinstance(minutes, int)
            or not 1 <= minutes <= MAX_ACTIVITY_MINUTES
        ):
            raise InvalidValue(
                "minutes",
                Message(
                    "problem.ledger.activity_minutes", value=minutes, most=MAX_ACTIVITY_MINUTES
                ),
            )
        if not isinstance(reason, str) or not reason.strip():
            raise InvalidValue("reason", Message("problem.ledger.activity_needs_reason"))
        if from_account == to_account:
            raise InvalidValue("to_account", Message("problem.ledger.accounts_differ"))
        uow = work.uow
        community = uow.community.get()
        for account in (from_account, to_account):
            if account != community.solidarity_account and uow.actors.find(account) is None:
                raise NotFound("actor", account)
        posting = activity_posting(
            uow.community_id,
            from_account,
            to_account,
            minutes,
            work.now,
            by,
            reason.strip(),
            cause,
        )
        refusals = self.hooks.veto("book_activity", uow.community_id, by, posting)
        if refusals:
            plugin, why = refusals[0]
            raise Vetoed(action="book_activity", plugin=plugin, reason=why)
        uow.postings.add(posting)
        return posting

    def read(self, community_id: uuid.UUID) -> AbstractContextManager[UnitOfWork]:
        """A read-only look at one community's records (rolled back at the end)."""
        return self.storage.unit_of_work(community_id)

    def community(self, community_id: uuid.UUID) -> CommunityService:
        """The use cases of an existing community."""
        with self.storage.unit_of_work(community_id) as uow:
            uow.community.get()
        return CommunityService(self, community_id)

    def communities(self) -> Sequence[Community]:
        found = []
        for cid in self.storage.community_ids():
            with self.storage.unit_of_work(cid) as uow:
                found.append(uow.community.get())
        return sorted(found, key=lambda c: c.name)

    def export_community(self, community_id: uuid.UUID) -> Iterator[str]:
        """The community and every record of it as JSON lines (see :mod:`.transfer`)."""
        from sorgende.services.transfer import export_lines

        return export_lines(self.storage, community_id, self.converter, self.registry)

    def import_community(self, lines: Iterable[str]) -> CommunityService:
        """Add a community exported with :meth:`export_community`, all or nothing."""
        from sorgende.services.transfer import import_lines

        community = import_lines(self.storage, lines, self.registry)
        return CommunityService(self, community.id)

    def find_community(self, name: str) -> CommunityService:
        for community in self.communities():
            if community.name == name:
                return CommunityService(self, community.id)
        raise NotFound("community", name)

    # -- notifications ------------------------------------------------------------

    @property
    def notifications(self) -> Notifications:
        """The outbox: ``flush()``, ``run(stop)``, ``digest()``, ``dead()``, ``retry()``."""
        if self._notifications is None:
            from sorgende.notifications.service import Notifications

            self._notifications = Notifications(self)
        return self._notifications

    def write_outbox(self, uow: UnitOfWork, events: Sequence[DomainEvent], now: datetime) -> None:
        """Write the events someone may be told about into ``uow``'s outbox (before commit).

        Called by every use case that recorded events while channels are configured, so
        the events are stored exactly when the use case's records are.
        """
        types = self._outbox_types
        chosen = (
            tuple(events)
            if types is None
            else tuple([event for event in events if type(event) in types])
        )
        if chosen:
            uow.outbox.add(OutboxEntry(fresh_id(), uow.community_id, now, chosen))

    # -- after commit -------------------------------------------------------------

    def dispatch(self, events: Sequence[DomainEvent]) -> None:
        """Hand committed events to the observers; failures are only logged.

        (Notifications do not go from here: the use case wrote them to the outbox.)
        """
        self.hooks.events_committed(events)
