"""The event log part of the storage contract: appends at commit, numbering, cursors, erasure."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import ClassVar

import attrs
import pytest

from sorgende.domain import events as ev
from sorgende.domain.actors import Actor, ActorKind
from sorgende.domain.events import DomainEvent
from sorgende.errors import ConflictError, SorgendeError
from sorgende.ports import Storage
from sorgende.testing.contract.seed import T0
from sorgende.testing.contract.town import run_together


def placed(community_id: uuid.UUID, n: int = 1) -> list[DomainEvent]:
    """``n`` events of the community, each naming a new place."""
    return [
        ev.PlaceAdded(community_id, T0 + timedelta(seconds=i), None, uuid.uuid4()) for i in range(n)
    ]


def commit_events(storage: Storage, community_id: uuid.UUID, events: list[DomainEvent]) -> None:
    with storage.unit_of_work(community_id) as uow:
        uow.event_log.append(events)
        uow.commit()


class EventLogContract:
    """The event log part of the storage contract (see :class:`StorageContract`)."""

    threads: ClassVar[int] = 4

    def test_events_are_logged_exactly_when_their_unit_of_work_commits(
        self, storage: Storage
    ) -> None:
        a, b = uuid.uuid4(), uuid.uuid4()
        log = storage.event_log()
        assert log.head(a) == 0 and list(log.read(a)) == []
        with storage.unit_of_work(a) as uow:
            uow.event_log.append(placed(a))  # left without commit
        with pytest.raises(RuntimeError), storage.unit_of_work(a) as uow:
            uow.event_log.append(placed(a))
            raise RuntimeError("the use case failed")
        assert log.head(a) == 0
        first, second, other = placed(a, 2), placed(a, 1), placed(b, 3)
        commit_events(storage, a, first)
        commit_events(storage, b, other)
        with storage.unit_of_work(a) as uow:
            uow.event_log.append(second)
            # not visible inside its own unit before the commit either: numbers come then
            assert uow.event_log.head() == 2
            uow.commit()
        entries = log.read(a)
        assert [e.seq for e in entries] == [1, 2, 3]
        assert [e.event for e in entries] == first + second
        assert [(e.type, e.community_id, e.at) for e in entries] == [
            ("PlaceAdded", a, e.at) for e in first + second
        ]
        assert [e.seq for e in log.read(b)] == [1, 2, 3]
        assert [e.seq for e in log.read(a, 1, 1)] == [2]
        assert [e.seq for e in log.read(a, 3)] == []
        assert log.head(a) == 3 and log.head(b) == 3

    def test_a_unit_of_work_that_loses_a_race_logs_nothing(self, storage: Storage) -> None:
        cid = uuid.uuid4()
        person = Actor(community_id=cid, kind=ActorKind.PERSON, name="Anna")
        with storage.unit_of_work(cid) as uow:
            uow.actors.add(person)
            uow.commit()
        first, second = storage.unit_of_work(cid), storage.unit_of_work(cid)
        with first, second:
            read = [uow.actors.get(person.id) for uow in (first, second)]
            for uow, actor in zip((first, second), read, strict=True):
                uow.event_log.append([ev.ActorUpdated(cid, T0, None, person.id)])
                if uow is first:
                    uow.actors.update(attrs.evolve(actor, name="A", version=actor.version + 1))
                    uow.commit()
                else:
                    with pytest.raises(ConflictError):
                        uow.actors.update(attrs.evolve(actor, name="B", version=actor.version + 1))
                        uow.commit()
        assert [e.seq for e in storage.event_log().read(cid)] == [1]

    def test_the_log_refuses_another_communitys_events(self, storage: Storage) -> None:
        a, b = uuid.uuid4(), uuid.uuid4()
        with pytest.raises(SorgendeError), storage.unit_of_work(a) as uow:
            uow.event_log.append(placed(b))
            uow.commit()
        assert storage.event_log().head(a) == storage.event_log().head(b) == 0

    def test_cursors_move_by_compare_and_set_with_their_unit_of_work(
        self, storage: Storage
    ) -> None:
        cid = uuid.uuid4()
        commit_events(storage, cid, placed(cid, 3))
        log = storage.event_log()
        assert log.cursor("r", cid) == 0
        with storage.unit_of_work(cid) as uow:
            uow.event_log.advance("r", 0, 2)
            assert uow.event_log.cursor("r") == 2  # its own move, before the commit
        assert log.cursor("r", cid) == 0  # rolled back
        with storage.unit_of_work(cid) as uow:
            uow.event_log.advance("r", 0, 2)
            uow.commit()
        assert log.cursor("r", cid) == 2 and log.cursor("other", cid) == 0
        assert log.cursor("r", uuid.uuid4()) == 0
        with pytest.raises(ConflictError), storage.unit_of_work(cid) as uow:
            uow.event_log.advance("r", 0, 3)  # not where the cursor is
            uow.commit()
        first, second = storage.unit_of_work(cid), storage.unit_of_work(cid)
        with first, second:
            looks = [uow.event_log.cursor("r") for uow in (first, second)]
            first.event_log.advance("r", looks[0], 3)
            first.commit()
            with pytest.raises(ConflictError):
                second.event_log.advance("r", looks[1], 3)
                second.commit()
        assert log.cursor("r", cid) == 3

    def test_pseudonymise_replaces_the_person_at_commit(self, storage: Storage) -> None:
        cid, person, other = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        request = ev.RequestPosted(cid, T0, other, uuid.uuid4(), person, acted_for=person)
        events: list[DomainEvent] = [
            request,
            ev.ActorRegistered(cid, T0, person, person),
            ev.ExchangeAccepted(cid, T0, other, uuid.uuid4(), other, uuid.uuid4()),
        ]
        commit_events(storage, cid, events)
        log = storage.event_log()
        with storage.unit_of_work(cid) as uow:
            uow.event_log.pseudonymise(person, uuid.uuid4())  # rolled back
        assert [e.event for e in log.read(cid)] == events
        pseudonym = uuid.uuid4()
        with storage.unit_of_work(cid) as uow:
            uow.event_log.pseudonymise(person, pseudonym)
            uow.event_log.append([ev.PersonErased(cid, T0, None, person)])
            uow.commit()
        posted, registered, accepted, erased = log.read(cid)
        assert (posted.actor, posted.acted_for) == (other, pseudonym)
        assert posted.event == attrs.evolve(request, recipient_id=pseudonym, acted_for=pseudonym)
        assert registered.actor == pseudonym and registered.event.actor_id == pseudonym  # type: ignore[attr-defined]
        assert accepted.event == events[2]
        assert erased.event.actor_id == person  # type: ignore[attr-defined]
        assert [e.seq for e in (posted, registered, accepted, erased)] == [1, 2, 3, 4]

    def test_concurrent_writers_of_one_community_get_gapless_numbers(
        self, storage: Storage
    ) -> None:
        cid = uuid.uuid4()
        each = 10

        def writer() -> None:
            for _ in range(each):
                for attempt in range(50):
                    try:
                        commit_events(storage, cid, placed(cid, 2))
                        break
                    except ConflictError:
                        if attempt == 49:
                            raise

        failed = [r for r in run_together([writer] * self.threads) if isinstance(r, BaseException)]
        assert not failed, failed
        entries = storage.event_log().read(cid)
        assert [e.seq for e in entries] == list(range(1, 2 * each * self.threads + 1))
        assert len({e.event.place_id for e in entries}) == len(entries)  # type: ignore[attr-defined]
