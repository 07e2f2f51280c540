"""Digests for many people at once (the small version of ``benchmarks/digest.py``)."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sorgende
from sorgende import ActorKind, Consent
from sorgende.domain.events import ExchangeAccepted
from sorgende.notifications.records import NotificationPreferences, OutboxEntry
from tests.conftest import Clock
from tests.notifications.helpers import Recorder, open_platform

PEOPLE = 1_500
MONDAY = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def test_every_person_gets_one_digest_with_all_their_notifications(tmp_path: Path) -> None:
    inbox, clock = Recorder(), Clock(MONDAY)
    url = f"sqlite:///{tmp_path / 'digests.db'}"
    with open_platform(url, inbox, clock=clock) as platform:
        community = platform.create_community("Verbandsgemeinde Daun")
        cid = community.community_id
        people = [
            sorgende.Actor(cid, ActorKind.PERSON, f"Person {i}", consent=Consent(contact=True))
            for i in range(PEOPLE)
        ]
        ids = [p.id for p in people]
        with platform.storage.unit_of_work(cid) as uow:
            uow.actors.add_all(people)  # type: ignore[attr-defined]
            uow.notification_preferences.add_all(  # type: ignore[attr-defined]
                [NotificationPreferences(cid, i, digest=frozenset({"inbox"})) for i in ids]
            )
            # the events of a day: each concerns two people, three per person on average
            expected: Counter[uuid.UUID] = Counter()
            for n in range(PEOPLE * 3 // 2):
                at = MONDAY + timedelta(seconds=n)
                event = ExchangeAccepted(
                    cid, at, None, uuid.uuid4(), ids[n % PEOPLE], ids[(n * 7 + 1) % PEOPLE]
                )
                uow.outbox.add(OutboxEntry(uuid.uuid4(), cid, at, (event,)))
                expected.update([event.helper_id, event.recipient_id])
            uow.commit()
        assert set(expected) == set(ids)
        report = platform.notifications.flush()  # the planner holds them all
        assert (report.fanned_out, report.sent) == (PEOPLE * 3 // 2, 0)
        assert platform.notifications.counts()["held"] == PEOPLE * 3

        clock.now = datetime(2026, 3, 3, 6, 30, tzinfo=UTC)  # Tuesday 07:30 in Daun
        progress: list[tuple[int, int]] = []
        delivered: list[int] = []
        digest = platform.notifications.digest(
            lambda done, total: progress.append((done, total)), delivered.append
        )
        assert (digest.due, digest.composed, digest.delivery.sent) == (PEOPLE, PEOPLE, PEOPLE)
        assert progress[0] == (0, PEOPLE) and progress[-1] == (PEOPLE, PEOPLE)
        assert [done for done, _ in progress] == sorted(done for done, _ in progress)
        assert sum(delivered) == PEOPLE
        counts = platform.notifications.counts()
        assert (counts["held"], counts["digested"], counts["sent"]) == (0, PEOPLE * 3, PEOPLE)
    per_person = Counter(d.actor_id for d in inbox.digests)
    assert set(per_person) == set(ids) and set(per_person.values()) == {1}
    assert {d.actor_id: len(d.notifications) for d in inbox.digests} == expected
    for d in inbox.digests:  # oldest first
        times = [n.event.at for n in d.notifications]
        assert times == sorted(times)
    keys = [n.key for d in inbox.digests for n in d.notifications]
    assert len(keys) == len(set(keys)) == PEOPLE * 3
    assert inbox.got == []
