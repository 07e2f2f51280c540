"""Random use cases on two communities; after every step the log holds exactly what committed.

Some steps fail on purpose: a plugin vetoes, a use case is refused, an exception is
raised inside a unit of work, a unit of work is left without commit, two units race
for one record. After each step, for both communities: the log holds exactly the
events of the committed units of work, in the order they committed, none of a
rolled-back one, numbered 1, 2, 3, ... Runs on memory and on SQLite.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import attrs
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

import sorgende
from sorgende import ActorKind, TimeWindow
from sorgende.domain import events as ev
from sorgende.domain.events import DomainEvent
from sorgende.errors import ConflictError, SorgendeError, Vetoed
from tests.conftest import Clock

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
COMMUNITIES = 2


class Recorder:
    """The oracle: the events of every use case that committed, as observers get them."""

    def __init__(self) -> None:
        self.committed: dict[uuid.UUID, list[DomainEvent]] = {}

    @sorgende.hookimpl
    def sorgende_events_committed(self, events: Sequence[DomainEvent]) -> None:
        for event in events:
            self.committed.setdefault(event.community_id, []).append(event)


class Veto:
    @sorgende.hookimpl
    def sorgende_veto(self, action: str, subject: object) -> str | None:
        return "vetoed" if getattr(subject, "title", "") == "veto" else None


class Boom(Exception):
    pass


class EventLogMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = Clock(START)
        self.recorder = Recorder()
        self.directory = tempfile.mkdtemp(prefix="sorgende-log-")
        self.platform = sorgende.open(
            self.storage_url(),
            clock=self.clock,
            plugins=[self.recorder, Veto()],
            settings=sorgende.Settings(load_entrypoints=False),
        )
        self.log = self.platform.storage.event_log()

    def storage_url(self) -> str:
        return "memory://"

    def teardown(self) -> None:
        self.platform.close()
        shutil.rmtree(self.directory, ignore_errors=True)

    @initialize()
    def setup(self) -> None:
        self.communities = [self.platform.create_community(f"C{k}") for k in range(COMMUNITIES)]
        self.places = [c.add_place("Daun").id for c in self.communities]
        self.people: list[list[uuid.UUID]] = [
            [c.register_actor(ActorKind.PERSON, "P0", home_place_id=p).id]
            for c, p in zip(self.communities, self.places, strict=True)
        ]

    def expected(self, k: int) -> list[DomainEvent]:
        return self.recorder.committed.setdefault(self.communities[k].community_id, [])

    # -- use cases that commit ------------------------------------------------------

    @rule(k=st.integers(0, COMMUNITIES - 1))
    def register(self, k: int) -> None:
        c = self.communities[k]
        person = c.register_actor(ActorKind.PERSON, "P", home_place_id=self.places[k])
        self.people[k].append(person.id)

    @rule(k=st.integers(0, COMMUNITIES - 1), who=st.integers(0, 10), days=st.integers(1, 4))
    def post(self, k: int, who: int, days: int) -> None:
        people = self.people[k]
        start = self.clock.now + timedelta(days=days)
        self.communities[k].post_request(
            people[who % len(people)],
            "shopping",
            self.places[k],
            TimeWindow(start, start + timedelta(hours=1)),
            1,
        )

    @rule(k=st.integers(0, COMMUNITIES - 1), count=st.integers(1, 3))
    def commit_directly(self, k: int, count: int) -> None:
        """A plugin's own unit of work that logs several events at once."""
        cid = self.communities[k].community_id
        events = [ev.PlaceAdded(cid, self.clock.now, None, uuid.uuid4()) for _ in range(count)]
        with self.platform.storage.unit_of_work(cid) as uow:
            uow.event_log.append(events)
            uow.commit()
        self.expected(k).extend(events)

    @rule(hours=st.integers(1, 48))
    def time_passes(self, hours: int) -> None:
        self.clock.advance(hours=hours)

    # -- steps that fail and must log nothing ---------------------------------------

    @rule(k=st.integers(0, COMMUNITIES - 1))
    def vetoed(self, k: int) -> None:
        start = self.clock.now + timedelta(days=1)
        try:
            self.communities[k].post_request(
                self.people[k][0],
                "shopping",
                self.places[k],
                TimeWindow(start, start + timedelta(hours=1)),
                1,
                title="veto",
            )
        except Vetoed:
            return
        raise AssertionError("the veto did not hold")

    @rule(k=st.integers(0, COMMUNITIES - 1))
    def refused(self, k: int) -> None:
        try:
            self.communities[k].add_place("")  # an empty name is refused
        except SorgendeError:
            return
        raise AssertionError("an empty place name was accepted")

    @rule(k=st.integers(0, COMMUNITIES - 1), commit_after=st.booleans())
    def exception_inside(self, k: int, commit_after: bool) -> None:
        cid = self.communities[k].community_id
        try:
            with self.platform.storage.unit_of_work(cid) as uow:
                place = sorgende.Place(community_id=cid, name="Weg")
                uow.places.add(place)
                uow.event_log.append([ev.PlaceAdded(cid, self.clock.now, None, place.id)])
                raise Boom
        except Boom:
            pass

    @rule(k=st.integers(0, COMMUNITIES - 1))
    def left_without_commit(self, k: int) -> None:
        cid = self.communities[k].community_id
        with self.platform.storage.unit_of_work(cid) as uow:
            uow.event_log.append([ev.PlaceAdded(cid, self.clock.now, None, uuid.uuid4())])

    @rule(k=st.integers(0, COMMUNITIES - 1), who=st.integers(0, 10))
    def race(self, k: int, who: int) -> None:
        """Two units update one person; the first commits, the second loses."""
        cid = self.communities[k].community_id
        person_id = self.people[k][who % len(self.people[k])]
        storage = self.platform.storage
        first, second = storage.unit_of_work(cid), storage.unit_of_work(cid)
        with first, second:
            read = [uow.actors.get(person_id) for uow in (first, second)]
            events = []
            for uow, actor in zip((first, second), read, strict=True):
                event = ev.ActorUpdated(cid, self.clock.now, None, person_id)
                uow.event_log.append([event])
                try:
                    uow.actors.update(attrs.evolve(actor, version=actor.version + 1))
                    uow.commit()
                except ConflictError:
                    assert uow is second
                    continue
                assert uow is first
                events.append(event)
        self.expected(k).extend(events)

    # -- the invariant ---------------------------------------------------------------

    @invariant()
    def the_log_holds_exactly_the_committed_events(self) -> None:
        for k, c in enumerate(self.communities):
            entries = self.log.read(c.community_id)
            assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
            assert [e.event for e in entries] == self.expected(k)
            assert {e.community_id for e in entries} <= {c.community_id}
            assert self.log.head(c.community_id) == len(entries)


class SQLiteEventLogMachine(EventLogMachine):
    def storage_url(self) -> str:
        return f"sqlite:///{self.directory}/log.db"


TestMemoryEventLog = EventLogMachine.TestCase
TestMemoryEventLog.settings = settings(max_examples=40, stateful_step_count=25, deadline=None)
TestSQLiteEventLog = SQLiteEventLogMachine.TestCase
TestSQLiteEventLog.settings = settings(max_examples=15, stateful_step_count=20, deadline=None)
