"""Reading the event log: batches from a reader's cursor, and the erased person's pseudonym.

Every committed domain event is in its community's log (see ``docs/architecture.md``,
"The event log"). A *reader* is anything that processes the log in order under a
name of its own: an indicator, an audit trail, an export to another system. It keeps
one cursor per community, the last sequence number it processed.

:func:`read_batch` is the loop's body: in one unit of work it reads the events after
the reader's cursor, hands them to the reader together with that unit of work, and
advances the cursor; the reader's own writes through the unit of work and the cursor
commit together or not at all. A reader killed at any moment therefore resumes where
its last committed batch ended and processes every event exactly once. A reader whose
effect lies outside the storage (a web request, a mail) cannot share the transaction:
it sees every event at least once and makes its effect idempotent (e.g. keyed by
community and sequence number).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence

from sorgende.domain.events import LoggedEvent
from sorgende.errors import ConflictError
from sorgende.ports import Storage, UnitOfWork

#: what a reader does with a batch: write through the unit of work (not committed yet)
Handler = Callable[[UnitOfWork, Sequence[LoggedEvent]], None]


def read_batch(
    storage: Storage,
    reader: str,
    community_id: uuid.UUID,
    handle: Handler,
    *,
    limit: int = 100,
) -> int:
    """Process the next batch of up to ``limit`` events of ``reader`` in one transaction.

    Returns how many events were processed (0: the reader is at the head). If
    ``handle`` raises, nothing is committed and the cursor stays. If another instance
    of the same reader advanced the cursor meanwhile, the commit raises
    :class:`~sorgende.errors.ConflictError` and this batch's work is rolled back.
    """
    # a reader always writes (its cursor, its work): on SQLite it takes the write lock when
    # it begins, like a use case, instead of failing when it upgrades a stale read
    with storage.unit_of_work(community_id, writing=True) as uow:
        log = uow.event_log
        cursor = log.cursor(reader)
        batch = log.read(cursor, limit)
        if not batch:
            return 0
        handle(uow, batch)
        log.advance(reader, cursor, batch[-1].seq)
        uow.commit()
        return len(batch)


def read_all(
    storage: Storage,
    reader: str,
    community_id: uuid.UUID,
    handle: Handler,
    *,
    limit: int = 100,
    retries: int = 10,
) -> int:
    """:func:`read_batch` until the reader is at the head; how many events it processed.

    A batch that lost a race (:class:`~sorgende.errors.ConflictError`: on SQLite a use
    case committed while the batch was read, or another instance of the reader took it)
    was rolled back whole and is read again, up to ``retries`` times in a row.
    """
    total = 0
    lost = 0
    while True:
        try:
            done = read_batch(storage, reader, community_id, handle, limit=limit)
        except ConflictError:
            lost += 1
            if lost > retries:
                raise
            continue
        lost = 0
        if not done:
            return total
        total += done


def pseudonymise_person(uow: UnitOfWork, person_id: uuid.UUID) -> uuid.UUID:
    """Replace the person's id in every logged event of ``uow``'s community, at its commit.

    The pseudonym is random (it cannot be derived from the id) and one per erasure, so
    the person's events still count as one person's. It is returned and kept nowhere
    else: nothing links it back to the person.
    """
    pseudonym = uuid.uuid4()
    uow.event_log.pseudonymise(person_id, pseudonym)
    return pseudonym
