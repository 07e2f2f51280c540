"""Promotion from the waitlist, a shift changed or cancelled, and the reminder the day
before reach the persons concerned through the core's notification outbox, in words
that name the shift by its title and local time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import attrs
import sorgende_projects
from sorgende_projects.testing import Clock, build_world

import sorgende


@attrs.define
class Inbox:
    name: str = "inbox"
    received: list = attrs.field(factory=list)

    def send(self, notification) -> None:
        self.received.append(notification)


class Channel:
    def __init__(self) -> None:
        self.inbox = Inbox()

    @sorgende.hookimpl
    def sorgende_notification_channels(self):
        return [self.inbox]


def test_people_are_told_what_happens_to_their_shifts():
    clock = Clock(datetime(2026, 7, 1, 8, tzinfo=UTC))
    channel = Channel()
    with sorgende.open(
        "memory://",
        plugins=[sorgende_projects, channel],
        clock=clock,
        settings=sorgende.Settings(load_entrypoints=False),
    ) as platform:
        world = build_world(platform, helpers=3)
        projects = world.projects
        organiser = world.coordinators[0]
        starts = clock.now + timedelta(days=1, hours=2)
        event = projects.plan_event(
            "Dorffest",
            organisations=[world.organisations[0]],
            starts_at=starts,
            ends_at=starts + timedelta(hours=4),
            by=organiser,
        )
        shift = projects.add_shift(
            event.id,
            "Einlass",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            capacity=1,
            by=organiser,
        )
        anna, ben, cem = world.helpers
        projects.sign_up(shift.id, anna, by=anna)
        projects.sign_up(shift.id, ben, by=ben)
        projects.cancel_sign_up(shift.id, anna, by=anna)  # ben moves up
        projects.sign_up(shift.id, cem, by=organiser)  # cem is put on the waitlist
        assert projects.remind() == 1  # ben, tomorrow
        assert projects.remind() == 0
        projects.change_shift(shift.id, title="Einlass und Kasse", by=organiser)
        projects.cancel_shift(shift.id, by=organiser)
        platform.notifications.flush()
        told = [(n.kind, n.actor_id) for n in channel.inbox.received]
        assert told.count(("PromotedFromWaitlist", ben)) == 1
        assert ("SignedUp", cem) in told and ("SignedUp", anna) not in told  # not who acted
        assert ("ShiftReminder", ben) in told
        assert {("ShiftChanged", ben), ("ShiftChanged", cem)} <= set(told)
        assert {("ShiftCancelled", ben), ("ShiftCancelled", cem)} <= set(told)
        promoted = next(n for n in channel.inbox.received if n.kind == "PromotedFromWaitlist")
        summary = promoted.details["summary"]  # read at delivery: the shift as it is now
        assert summary == (
            "Sie sind von der Warteliste nachgerückt: "
            "„Einlass und Kasse“ am Donnerstag, 2. Juli, 12:00."
        )
        assert str(shift.id) not in summary
