"""The event log of the memory storage.

A unit of work collects what it does to the log (events to append, cursors to move,
persons to pseudonymise) in a :class:`PendingLog`; the storage's commit checks the
cursors and applies it under the lock every commit takes, after the records' checks
passed. So the events of a unit of work are in the log exactly when its records are,
and numbering them there makes the sequence gapless per community.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from sorgende.domain.events import DomainEvent, LoggedEvent, replace_person
from sorgende.errors import ConflictError, WrongCommunity

if TYPE_CHECKING:
    from sorgende.default_plugins.memory_storage import MemoryStorage, MemoryUnitOfWork

#: the kind named in the conflict of a cursor moved by someone else
CURSOR_KIND = "event cursor"


class MemoryEventLog:
    """Every community's logged events and the readers' cursors, in this process."""

    def __init__(self, storage: MemoryStorage) -> None:
        # the storage's own lock: commits append under it, readers read under it
        self._lock = storage._lock
        #: per community, the events in order; an event's seq is its index + 1
        self._events: dict[uuid.UUID, list[LoggedEvent]] = {}
        self._cursors: dict[tuple[str, uuid.UUID], int] = {}

    def read(
        self, community_id: uuid.UUID, after: int = 0, limit: int | None = None
    ) -> Sequence[LoggedEvent]:
        after = max(after, 0)
        with self._lock:
            events = self._events.get(community_id)
            if not events:
                return []
            return events[after : None if limit is None else after + limit]

    def head(self, community_id: uuid.UUID) -> int:
        with self._lock:
            return len(self._events.get(community_id, ()))

    def cursor(self, reader: str, community_id: uuid.UUID) -> int:
        with self._lock:
            return self._cursors.get((reader, community_id), 0)


class PendingLog:
    """A unit of work's part of the log (its ``event_log``), applied at commit."""

    __slots__ = ("events", "log", "moves", "renames", "uow")

    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self.uow = uow
        self.log = uow.storage.event_log()
        self.events: list[DomainEvent] = []
        #: reader -> (the cursor it was read at, the new cursor)
        self.moves: dict[str, tuple[int, int]] = {}
        #: (person, pseudonym), applied before this unit's own events are appended
        self.renames: list[tuple[uuid.UUID, uuid.UUID]] = []
        uow._log = self

    @property
    def empty(self) -> bool:
        return not (self.events or self.moves or self.renames)

    def append(self, events: Sequence[DomainEvent]) -> None:
        community_id = self.uow.community_id
        for event in events:
            if event.community_id != community_id:
                raise WrongCommunity(record=event.community_id, unit=community_id)
        self.events.extend(events)

    def read(self, after: int = 0, limit: int | None = None) -> Sequence[LoggedEvent]:
        return self.log.read(self.uow.community_id, after, limit)

    def head(self) -> int:
        return self.log.head(self.uow.community_id)

    def cursor(self, reader: str) -> int:
        move = self.moves.get(reader)
        return self.log.cursor(reader, self.uow.community_id) if move is None else move[1]

    def advance(self, reader: str, expected: int, seq: int) -> None:
        move = self.moves.get(reader)
        current = self.log.cursor(reader, self.uow.community_id) if move is None else move[1]
        if current != expected or seq < expected:
            raise ConflictError(kind=CURSOR_KIND, id=reader, expected=expected)
        self.moves[reader] = (expected if move is None else move[0], seq)

    def pseudonymise(self, person_id: uuid.UUID, pseudonym: uuid.UUID) -> None:
        self.renames.append((person_id, pseudonym))

    def clear(self) -> None:
        self.events.clear()
        self.moves.clear()
        self.renames.clear()

    # -- called by the storage's commit, under its lock -------------------------------

    def check(self) -> None:
        """Raise if another unit of work moved one of this unit's cursors first."""
        cursors = self.log._cursors
        community_id = self.uow.community_id
        for reader, (expected, _) in self.moves.items():
            if cursors.get((reader, community_id), 0) != expected:
                raise ConflictError(kind=CURSOR_KIND, id=reader, expected=expected)

    def apply(self) -> None:
        log = self.log
        community_id = self.uow.community_id
        logged = log._events.get(community_id)
        if logged is None:
            logged = log._events[community_id] = []
        for person_id, pseudonym in self.renames:
            for i, entry in enumerate(logged):
                replaced = replace_person(entry.event, person_id, pseudonym)
                if replaced is not None:
                    logged[i] = attrs.evolve(
                        entry, actor=replaced.by, acted_for=replaced.acted_for, event=replaced
                    )
        if self.events:
            of = LoggedEvent.of
            seq = len(logged)
            for event in self.events:
                seq += 1
                logged.append(of(seq, event))
        for reader, (_, seq) in self.moves.items():
            log._cursors[(reader, community_id)] = seq


class NoLog:
    """The ``event_log`` of a storage opened without one (benchmarks' baseline only)."""

    __slots__ = ()

    def append(self, events: Sequence[DomainEvent]) -> None:
        """Nothing is logged."""

    def read(self, after: int = 0, limit: int | None = None) -> Sequence[LoggedEvent]:
        return []

    def head(self) -> int:
        return 0

    def cursor(self, reader: str) -> int:
        return 0

    def advance(self, reader: str, expected: int, seq: int) -> None:
        """No cursor is kept."""

    def pseudonymise(self, person_id: uuid.UUID, pseudonym: uuid.UUID) -> None:
        """Nothing is logged, so nothing names the person."""


NO_LOG = NoLog()
