"""Notifications: what a channel plugin receives when something concerns a person."""

from __future__ import annotations

import uuid
from typing import Protocol

import attrs

from sorgende.domain.events import DomainEvent


@attrs.frozen
class Notification:
    """Tell ``actor_id`` about ``event`` (in ``language``)."""

    community_id: uuid.UUID
    actor_id: uuid.UUID
    event: DomainEvent
    language: str = "de"


class NotificationChannel(Protocol):
    """A delivery channel provided through ``sorgende_notification_channels``."""

    name: str

    def send(self, notification: Notification) -> None:
        """Deliver ``notification``; raise if it could not be delivered."""
        ...
