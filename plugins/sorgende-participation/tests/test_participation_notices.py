"""The people concerned are told through the core's outbox: the answer to my idea, the
project it became, my hidden comment, a survey in my village, a forum next week."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import attrs
import sorgende_participation
import sorgende_projects
from sorgende_participation import Participation, Question, QuestionKind
from sorgende_participation.testing import Clock, build_world

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


def test_the_people_concerned_are_told() -> None:
    clock = Clock(datetime(2026, 9, 1, 8, tzinfo=UTC))
    channel = Channel()
    with sorgende.open(
        "memory://",
        plugins=[sorgende_projects, sorgende_participation, channel],
        clock=clock,
        settings=sorgende.Settings(load_entrypoints=False),
    ) as platform:
        world = build_world(platform)
        part = Participation(platform, world.community_id)
        anna, ben = world.mehren[0], world.mehren[1]
        idea = part.post_idea(
            "Sitzbank am Maar", "", place_id=world.places["Mehren"].id, by=anna.id
        )
        rude = part.comment(idea.id, "Quatsch", by=ben.id)
        part.hide_comment(rude.id, "unsachlich", by=world.moderator.id)
        part.answer(idea.id, "accepted", "Der Bauhof stellt sie auf.", by=world.staff.id)
        part.make_project(idea.id, organisation_id=world.municipality.id, by=world.staff.id)
        part.open_survey(
            "Spielplatz",
            [Question("Wo?", QuestionKind.SINGLE, ("Maar", "Dorfplatz"))],
            opens_at=clock.now,
            closes_at=clock.now + timedelta(days=7),
            place_id=world.places["Mehren"].id,
            by=world.staff.id,
        )
        part.plan_forum(
            "Bürgerforum",
            "forum",
            organisation_id=world.municipality.id,
            starts_at=clock.now + timedelta(days=6),
            ends_at=clock.now + timedelta(days=6, hours=2),
            places=30,
            by=world.staff.id,
        )
        part.remind_forums()
        platform.notifications.flush()
        told = [(n.kind, n.actor_id) for n in channel.inbox.received]
        assert ("IdeaAnswered", anna.id) in told
        assert ("IdeaBecameProject", anna.id) in told
        assert ("CommentHidden", ben.id) in told
        assert ("SurveyOpened", anna.id) in told
        assert ("SurveyOpened", world.daun[0].id) not in told  # not in Mehren
        assert ("ForumNextWeek", world.daun[0].id) in told
        answered = next(n for n in channel.inbox.received if n.kind == "IdeaAnswered")
        assert answered.details["summary"] == (
            "Antwort auf Ihren Vorschlag „Sitzbank am Maar“: angenommen. Der Bauhof stellt sie auf."
        )
        assert str(idea.id) not in answered.details["summary"]
