"""The platform: a storage, the plugins, and the communities stored there."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from types import TracebackType
from typing import Any, Self

import attrs
import cattrs

from sorgende.config import Settings
from sorgende.domain import events as ev
from sorgende.domain.categories import Category
from sorgende.domain.community import Community, SolidarityPolicy
from sorgende.domain.events import DomainEvent
from sorgende.domain.matching import ScoreTerm
from sorgende.domain.recognition import RecognitionRule
from sorgende.domain.values import utcnow
from sorgende.errors import NotFound
from sorgende.notifications import Notification, NotificationChannel
from sorgende.plugins import PluginManager
from sorgende.ports import Storage
from sorgende.services.community import CommunityService
from sorgende.services.validation import valid_name

logger = logging.getLogger("sorgende.notifications")


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
    ) -> None:
        #: the settings the platform was opened with; plugins read theirs with
        #: ``settings.plugin(name)``
        self.settings = settings if settings is not None else Settings(language=language)
        self.storage = storage
        self.plugins = plugins
        self.converter = converter
        self.clock = clock
        self.language = language
        self.score_terms: list[ScoreTerm] = _flatten(plugins.call_deciding("sorgende_score_terms"))
        self.recognition_rules: list[RecognitionRule] = _flatten(
            plugins.call_deciding("sorgende_recognition_rules")
        )
        self.channels: list[NotificationChannel] = _flatten(
            plugins.call_deciding("sorgende_notification_channels")
        )

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
        # implementations() is in call order (last registered first): reverse it
        for _, categories in reversed(self.plugins.call_deciding("sorgende_categories")):
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
        with self.storage.unit_of_work(community.id) as uow:
            uow.community.add(community)
            for category in categories:
                uow.categories.add(category)
            uow.commit()
        self.dispatch([ev.CommunityCreated(community.id, now, None)])
        return CommunityService(self, community.id)

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

        return export_lines(self.storage, community_id, self.converter)

    def import_community(self, lines: Iterable[str]) -> CommunityService:
        """Add a community exported with :meth:`export_community`, all or nothing."""
        from sorgende.services.transfer import import_lines

        community = import_lines(self.storage, lines)
        return CommunityService(self, community.id)

    def find_community(self, name: str) -> CommunityService:
        for community in self.communities():
            if community.name == name:
                return CommunityService(self, community.id)
        raise NotFound("community", name)

    # -- after commit -------------------------------------------------------------

    def dispatch(self, events: Sequence[DomainEvent]) -> None:
        """Hand committed events to observers and channels; failures are only logged."""
        plugins = self.plugins
        if plugins.implementations("sorgende_events_committed"):
            plugins.call_each("sorgende_events_committed", events=events)
        if self.channels:
            self._notify(events)

    def _notify(self, events: Sequence[DomainEvent]) -> None:
        try:
            notifications = self._notifications(events)
        except Exception:
            logger.exception("could not work out whom to notify")
            return
        for notification in notifications:
            for channel in self.channels:
                try:
                    channel.send(notification)
                except Exception:
                    logger.exception(
                        "channel %r failed for actor %s",
                        getattr(channel, "name", channel),
                        notification.actor_id,
                    )

    def _notifications(self, events: Sequence[DomainEvent]) -> list[Notification]:
        result = []
        for event in events:
            concerned: set[uuid.UUID] = set()
            if isinstance(event, ev.ExchangeEvent):
                concerned = {event.helper_id, event.recipient_id}
            elif isinstance(event, ev.RecognitionAwarded):
                concerned = {event.actor_id}
            if event.by is not None:
                concerned.discard(event.by)
            if not concerned:
                continue
            with self.storage.unit_of_work(event.community_id) as uow:
                for actor_id in sorted(concerned, key=str):
                    actor = uow.actors.find(actor_id)
                    if actor is not None and actor.consent.contact and not actor.erased:
                        result.append(
                            Notification(event.community_id, actor_id, event, self.language)
                        )
        return result
