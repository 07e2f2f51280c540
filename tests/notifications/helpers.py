"""Channels and a small community for the notification tests (real components, no mocks)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import attrs

import sorgende
from sorgende import (
    OPERATOR,
    ActorKind,
    CommunityRole,
    CommunityService,
    Consent,
    Platform,
    Role,
    TimeWindow,
)
from sorgende.config import Settings
from sorgende.domain.actors import Actor
from sorgende.domain.community import Place
from sorgende.notifications import Digest, Notification


class Recorder:
    """A channel that keeps everything it is given; thread-safe."""

    def __init__(self, name: str = "inbox", audience: str = "people") -> None:
        self.name = name
        self.audience = audience
        self.got: list[Notification] = []
        self.digests: list[Digest] = []
        self._lock = threading.Lock()

    def send(self, notification: Notification) -> None:
        with self._lock:
            self.got.append(notification)

    def send_digest(self, digest: Digest) -> None:
        with self._lock:
            self.digests.append(digest)

    def keys(self) -> Counter[str]:
        return Counter(n.key for n in self.got)

    def told(self) -> list[tuple[Any, str]]:
        return [(n.actor_id, n.kind) for n in self.got]


class SingleOnly:
    """A channel without digests."""

    def __init__(self, name: str = "single") -> None:
        self.name = name
        self.got: list[Notification] = []

    def send(self, notification: Notification) -> None:
        self.got.append(notification)


class Down:
    """A channel whose server is away: every send raises, until ``up`` is set."""

    def __init__(self, name: str = "down") -> None:
        self.name = name
        self.up = False
        self.attempts: list[tuple[str, int]] = []
        self.got: list[Notification] = []

    def send(self, notification: Notification) -> None:
        self.attempts.append((notification.key, notification.attempt))
        if not self.up:
            raise ConnectionRefusedError(f"{self.name}: connection refused")
        self.got.append(notification)


class Channels:
    """A plugin that provides the given channels."""

    def __init__(self, *channels: object) -> None:
        self.channels = channels

    @sorgende.hookimpl
    def sorgende_notification_channels(self, settings: Settings) -> Sequence[object]:
        return self.channels


def open_platform(
    url: str,
    *channels: object,
    clock: Any,
    notifications: dict[str, Any] | None = None,
    language: str = "de",
) -> Platform:
    settings = Settings(
        storage=url,
        load_entrypoints=False,
        language=language,
        plugins={"notifications": notifications or {}},
    )
    return sorgende.open(url, plugins=[Channels(*channels)], clock=clock, settings=settings)


@attrs.frozen
class Town:
    c: CommunityService
    daun: Place
    anna: Actor  # recipient, consented
    ben: Actor  # helper, consented
    dora: Actor  # helper, did not consent
    carla: Actor  # coordinator, consented

    def window(self, now: Any, days: float = 1) -> TimeWindow:
        start = now + timedelta(days=days)
        return TimeWindow(start, start + timedelta(hours=2))


def settle(platform: Platform) -> Town:
    c = platform.create_community("Verbandsgemeinde Daun")
    daun = c.add_place("Daun")
    verein = c.register_actor(ActorKind.ASSOCIATION, "Bürger für Bürger e.V.")
    yes = Consent(contact=True)
    anna = c.register_actor(
        ActorKind.PERSON, "Anna", home_place_id=daun.id, email="anna@example.org", consent=yes
    )
    ben = c.register_actor(ActorKind.PERSON, "Ben", email="ben@example.org", consent=yes)
    dora = c.register_actor(ActorKind.PERSON, "Dora", email="dora@example.org")
    carla = c.register_actor(ActorKind.PERSON, "Carla", consent=yes)
    carla = c.add_membership(carla.id, verein.id, Role.COORDINATOR)
    c.grant_role(verein.id, CommunityRole.COORDINATOR, by=OPERATOR)
    return Town(c, daun, anna, ben, dora, carla)
