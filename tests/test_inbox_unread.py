"""Unread messages in the inbox: counted per conversation, for every conversation a person
ever took part in, with a fixed number of queries (not two per conversation)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import sorgende
from sorgende import ActorKind, TimeWindow
from sorgende.services.inbox import ItemKind

NOW = datetime(2026, 12, 3, 9, tzinfo=UTC)


class Clock:
    """A clock that moves a minute each time it is read (messages follow one another)."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture(params=["memory", "sqlite"])
def platform(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sorgende.Platform]:
    url = "memory://" if request.param == "memory" else f"sqlite:///{tmp_path / 'unread.db'}"
    opened = sorgende.open(
        url,
        load_entrypoints=False,
        clock=Clock(),
        settings=sorgende.Settings(load_entrypoints=False),
    )
    yield opened
    opened.close()


def test_each_conversation_counts_what_the_person_did_not_read(
    platform: sorgende.Platform,
) -> None:
    community = platform.create_community("Musterdorf")
    place = community.add_place("Musterdorf")
    helper, *recipients = (
        community.register_actor(ActorKind.PERSON, name, home_place_id=place.id).id
        for name in ("Hanna", "Anna", "Bert", "Carla", "Dora")
    )
    window = TimeWindow(NOW - timedelta(hours=1), NOW + timedelta(hours=1))
    exchanges = []
    for recipient in recipients:
        request = community.post_request(recipient, "shopping", place.id, window, 1.0)
        exchange = community.propose(by=helper, request_id=request.id)
        community.accept(exchange.id, by=recipient)
        community.complete(exchange.id, by=helper)
        community.confirm(exchange.id, by=recipient)  # final: its conversation still counts
        exchanges.append(exchange.id)
    anna, bert, carla, _dora = recipients
    first, second, third, fourth = exchanges
    community.post_message(first, "Ich komme um neun", by=helper)  # the helper's own
    community.post_message(first, "Danke!", by=anna)
    community.post_message(second, "Bis Dienstag", by=bert)
    community.post_message(second, "Und die Quittung?", by=bert)
    community.post_message(third, "Gelesen", by=carla)
    community.read_conversation(third, by=helper)

    unread = {
        item.exchange.id: item.count
        for item in community.inbox(by=helper)
        if item.kind is ItemKind.MESSAGES and item.exchange is not None
    }

    assert unread == {first: 1, second: 2}
    assert fourth not in unread
    assert community.unread_messages(exchanges, helper) == 3
    assert community.unread_messages([second], helper) == 2
    assert community.inbox_count(by=helper).number == 2
