"""The core's mechanisms for a plugin's own use cases: who acts (``Platform.acting``),
the persons a plugin's event type concerns (``sorgende.notifies``: they are told through
the notification outbox) and hours for an activity (``Platform.book_activity``)."""

from __future__ import annotations

import uuid

import attrs
import pytest

import sorgende
from sorgende.errors import InvalidValue, NotFound, Vetoed


@sorgende.notifies("person_id", "others")
@attrs.frozen
class ShiftOffered(sorgende.DomainEvent):
    person_id: uuid.UUID
    others: tuple[uuid.UUID, ...] = ()


@attrs.frozen
class ShiftNoted(sorgende.DomainEvent):
    person_id: uuid.UUID


@attrs.define
class Inbox:
    name: str = "inbox"
    received: list[sorgende.notifications.Notification] = attrs.field(factory=list)

    def send(self, notification: sorgende.notifications.Notification) -> None:
        self.received.append(notification)


class Plugin:
    def __init__(self) -> None:
        self.inbox = Inbox()

    @sorgende.hookimpl
    def sorgende_event_types(self) -> list[type[sorgende.DomainEvent]]:
        return [ShiftOffered, ShiftNoted]

    @sorgende.hookimpl
    def sorgende_notification_channels(self) -> list[Inbox]:
        return [self.inbox]

    @sorgende.hookimpl
    def sorgende_veto(self, action: str, subject: object) -> str | None:
        if action == "book_activity" and getattr(subject, "reason", "") == "verboten":
            return "keine Stunden dafür"
        return None


@pytest.fixture
def setup() -> tuple[sorgende.Platform, sorgende.CommunityService, Plugin]:
    plugin = Plugin()
    platform = sorgende.open(
        "memory://", plugins=[plugin], settings=sorgende.Settings(load_entrypoints=False)
    )
    return platform, platform.create_community("Daun"), plugin


def test_a_marked_event_type_reaches_the_persons_it_names_but_not_who_acted(setup) -> None:
    platform, daun, plugin = setup
    consent = sorgende.Consent(contact=True)
    anna, ben, cem = (
        daun.register_actor(sorgende.ActorKind.PERSON, name, consent=consent).id
        for name in ("Anna", "Ben", "Cem")
    )
    with platform.use_case(daun.community_id) as w:
        w.events.append(ShiftOffered(daun.community_id, w.now, cem, anna, (ben, cem)))
        w.events.append(ShiftNoted(daun.community_id, w.now, cem, anna))
    platform.notifications.flush()
    told = sorted((n.kind, n.actor_id) for n in plugin.inbox.received)
    assert told == sorted([("ShiftOffered", anna), ("ShiftOffered", ben)])


def test_acting_reads_the_powers_as_the_core_does(setup) -> None:
    platform, daun, _ = setup
    org = daun.register_actor(sorgende.ActorKind.ASSOCIATION, "Heimatverein")
    lea = daun.register_actor(sorgende.ActorKind.PERSON, "Lea")
    daun.add_membership(lea.id, org.id, sorgende.Role.COORDINATOR)
    with platform.read(daun.community_id) as uow:
        acting = platform.acting(uow, lea.id)
        assert acting.coordinates_org(org.id) and acting.actor == daun.actor(lea.id)
        assert platform.acting(uow, sorgende.OPERATOR).is_operator
        with pytest.raises(NotFound):
            platform.acting(uow, uuid.uuid4())


def test_hours_for_an_activity_are_booked_with_the_plugins_records(setup) -> None:
    platform, daun, _ = setup
    org = daun.register_actor(sorgende.ActorKind.ASSOCIATION, "Heimatverein").id
    anna = daun.register_actor(sorgende.ActorKind.PERSON, "Anna").id
    with platform.use_case(daun.community_id) as w:
        posting = platform.book_activity(
            w, from_account=org, to_account=anna, minutes=90, reason="Aufbau", by=anna, cause="x:1"
        )
    assert posting.kind is sorgende.PostingKind.ACTIVITY and posting.cause == "x:1"
    assert daun.balance(anna).minutes == 90 and daun.balance(org).minutes == -90
    for bad in (
        {"minutes": 0, "reason": "Aufbau", "to_account": anna},
        {"minutes": 30, "reason": " ", "to_account": anna},
        {"minutes": 30, "reason": "Aufbau", "to_account": org},
    ):
        with pytest.raises(InvalidValue), platform.use_case(daun.community_id) as w:
            platform.book_activity(w, from_account=org, by=None, **bad)
    with pytest.raises(Vetoed), platform.use_case(daun.community_id) as w:
        platform.book_activity(
            w, from_account=org, to_account=anna, minutes=30, reason="verboten", by=None
        )
    assert daun.balance(anna).minutes == 90  # refused use cases wrote nothing
