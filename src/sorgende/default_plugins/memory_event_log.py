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
        #: per community (by its id's ``int``, hashed in C), the events in order; an
        #: event's seq is its index + 1 (the LoggedEvent is made when read: a commit
        #: only extends a list)
        self._events: dict[int, list[DomainEvent]] = {}
        self._cursors: dict[tuple[str, uuid.UUID], int] = {}

    def read(
        self, community_id: uuid.UUID, after: int = 0, limit: int | None = None
    ) -> Sequence[LoggedEvent]:
        after = max(after, 0)
        with self._lock:
            events = self._events.get(community_id.int)
            if not events:
                return []
            chosen = events[after : None if limit is None else after + limit]
        of = LoggedEvent.of
        return [of(seq, event) for seq, event in enumerate(chosen, after + 1)]

    def head(self, community_id: uuid.UUID) -> int:
        with self._lock:
            return len(self._events.get(community_id.int, ()))

    def cursor(self, reader: str, community_id: uuid.UUID) -> int:
        with self._lock:
            return self._cursors.get((reader, community_id), 0)


class PendingLog:
    """A unit of work's part of the log (its ``event_log``), applied at commit."""

    # cursors and erasures are rare: class-level None until a unit of work uses them, so
    # that making one for a use case's events sets only two attributes
    #: reader -> (the cursor it was read at, the new cursor)
    moves: dict[str, tuple[int, int]] | None = None
    #: (person, pseudonym), applied before this unit's own events are appended
    renames: list[tuple[uuid.UUID, uuid.UUID]] | None = None

    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self.uow = uow
        self.events: list[DomainEvent] = []
        uow._log = self

    @property
    def log(self) -> MemoryEventLog:
        storage = self.uow.storage
        return storage._event_log or storage.event_log()

    @property
    def empty(self) -> bool:
        return not self.events and self.moves is None and self.renames is None

    def append(self, events: Sequence[DomainEvent]) -> None:
        community_id = self.uow.community_id
        for event in events:
            # the use cases pass the unit's own id object: ``is`` spares the comparison
            if event.community_id is not community_id and event.community_id != community_id:
                raise WrongCommunity(record=event.community_id, unit=community_id)
        self.events.extend(events)

    def read(self, after: int = 0, limit: int | None = None) -> Sequence[LoggedEvent]:
        return self.log.read(self.uow.community_id, after, limit)

    def head(self) -> int:
        return self.log.head(self.uow.community_id)

    def cursor(self, reader: str) -> int:
        move = None if self.moves is None else self.moves.get(reader)
        return self.log.cursor(reader, self.uow.community_id) if move is None else move[1]

    def advance(self, reader: str, expected: int, seq: int) -> None:
        moves = self.moves if self.moves is not None else {}
        move = moves.get(reader)
        current = self.log.cursor(reader, self.uow.community_id) if move is None else move[1]
        if current != expected or seq < expected:
            raise ConflictError(kind=CURSOR_KIND, id=reader, expected=expected)
        moves[reader] = (expected if move is None else move[0], seq)
        self.moves = moves

    def pseudonymise(self, person_id: uuid.UUID, pseudonym: uuid.UUID) -> None:
        if self.renames is None:
            self.renames = []
        self.renames.append((person_id, pseudonym))

    def clear(self) -> None:
        if self.events:
            self.events = []
        if self.moves is not None or self.renames is not None:
            self.moves = self.renames = None

    # -- called by the storage's commit, under its lock -------------------------------

    def check(self) -> None:
        """Raise if another unit of work moved one of this unit's cursors first."""
        if self.moves is None:
            return
        cursors = self.log._cursors
        community_id = self.uow.community_id
        for reader, (expected, _) in self.moves.items():
            if cursors.get((reader, community_id), 0) != expected:
                raise ConflictError(kind=CURSOR_KIND, id=reader, expected=expected)

    def apply(self) -> None:
        storage = self.uow.storage
        log = storage._event_log or storage.event_log()
        community_id = self.uow.community_id
        logged = log._events.get(community_id.int)
        if logged is None:
            logged = log._events[community_id.int] = []
        if self.renames is not None:
            for person_id, pseudonym in self.renames:
                for i, event in enumerate(logged):
                    replaced = replace_person(event, person_id, pseudonym)
                    if replaced is not None:
                        logged[i] = replaced
        # numbered by position: the list grows only here, under the lock
        logged.extend(self.events)
        self.events = []  # applied: the commit need not clear them
        if self.moves is not None:
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
