"""The memory storage's indexes by time: open requests by when they were posted,
exchanges by when they are scheduled.

The coordinator dashboard shows who has waited longest, how many open requests are how
old, and who helped in the last 30 days. Reading every open request and every exchange
for that cost what the community holds. These indexes keep each list sorted by time
(then by id, the order the SQL storage's indexes give): once for the whole community and
once per organisation, the two scopes a coordinator sees. The oldest requests are then
the head of a list, a count of requests posted in a time range the distance between two
bisections, and the exchanges since a date the tail of a list. Like the board's index
they change with updates: a request leaves the waiting list when it is no longer open.
"""

from __future__ import annotations

import heapq
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator
from datetime import UTC, datetime
from itertools import islice
from operator import itemgetter
from typing import Any

from sorgende.default_plugins.memory_sorted import SortedList
from sorgende.domain.exchanges import Exchange
from sorgende.domain.help import HelpRequest, RequestStatus

#: one list's entry: the time, then the storage's key of the record (its id as an int)
_Entry = tuple[datetime, Any]
#: the list of the whole community (an organisation's list is keyed by its id's int)
_ALL = "all"
_TIME = itemgetter(0)
#: entries read at a time when walking a list backwards
_STEP = 256


class _TimeLists(ABC):
    """Keys sorted by a time, for the community and per organisation; kept under the
    storage's lock. Each index says in :meth:`put` what it keeps of its records."""

    def __init__(self) -> None:
        # sorted lists in chunks: an insert into one list of 100,000 moved every entry
        # behind it (35 us), as each request or exchange is added
        self._lists: dict[Hashable, SortedList[_Entry]] = {}
        #: key -> (its entry, the lists it is in)
        self._where: dict[Hashable, tuple[_Entry, tuple[Hashable, ...]]] = {}
        #: built on the first query (see :meth:`ready`); until then writes skip it
        self.built = False

    @abstractmethod
    def put(self, key: Hashable, record: Any) -> None:
        """Index ``record`` (stored under ``key``) as it is now."""

    def ready(self, rows: dict[Hashable, Any]) -> None:
        """Build the index from the committed ``rows`` of its kind, the first time only.

        Only a coordinator's dashboard asks these questions: a simulation or an import
        that never does pays nothing for them on its writes (an insert costs about 3 us
        at 100,000 entries, a tenth of a whole exchange cycle's budget)."""
        if self.built:
            return
        self.built = True
        for key, record in rows.items():
            self.put(key, record)

    def _put(self, key: Hashable, when: datetime, organisation: Any, *extra: Hashable) -> None:
        # in UTC: two times of one zone compare by their wall clocks, not as instants
        entry: _Entry = (when.astimezone(UTC), key)
        lists: tuple[Hashable, ...] = (_ALL,) if organisation is None else (_ALL, organisation.int)
        lists += extra
        known = self._where.get(key)
        if known is not None:
            if known == (entry, lists):
                return  # the common update: a version or a state, not the indexed fields
            self.discard(key)
        for name in lists:
            found = self._lists.get(name)
            if found is None:
                found = self._lists[name] = SortedList()
            found.add(entry)
        self._where[key] = (entry, lists)

    def discard(self, key: Hashable) -> None:
        known = self._where.pop(key, None)
        if known is None:
            return
        entry, lists = known
        for name in lists:
            entries = self._lists[name]
            entries.remove(entry)
            if not entries:
                del self._lists[name]

    def _chosen(self, organisations: Collection[Any] | None) -> list[SortedList[_Entry]]:
        """The lists of a scope: the community's (``None``) or those of the organisations."""
        if organisations is None:
            return [self._lists.get(_ALL, _EMPTY)]
        return [self._lists.get(o.int, _EMPTY) for o in organisations]


_EMPTY: SortedList[_Entry] = SortedList()


#: the list of the urgent open requests only (the coordination's queue shows them first)
_URGENT = "urgent"


class WaitingIndex(_TimeLists):
    """Open requests' keys by ``posted_at``, then id; the urgent ones also in a list of
    their own (:meth:`queue`)."""

    def put(self, key: Hashable, record: HelpRequest) -> None:
        """Index ``request`` as it is now: waiting while open, else not."""
        if not self.built:
            return
        if record.status is not RequestStatus.OPEN:
            self.discard(key)
            return
        if record.urgent:
            self._put(key, record.posted_at, record.organisation_id, _URGENT)
        else:
            self._put(key, record.posted_at, record.organisation_id)

    def queue(self, urgent_of: Callable[[Hashable], bool]) -> Iterator[Hashable]:
        """The keys of the open requests in the coordination's queue's order: the urgent
        ones, then the others, each by ``posted_at``, then id. A generator: the caller
        stops when it has enough, having passed only the urgent requests before that
        point in the whole list (``urgent_of`` says of a key; read it under the lock)."""
        for _, key in self._lists.get(_URGENT, _EMPTY):
            yield key
        for _, key in self._lists.get(_ALL, _EMPTY):
            if not urgent_of(key):
                yield key

    def oldest(self, organisations: Collection[Any] | None, limit: int) -> list[Hashable]:
        """The keys of the ``limit`` open requests posted first, in the scope."""
        heads = [entries.slice(0, limit) for entries in self._chosen(organisations)]
        return [key for _, key in islice(heapq.merge(*heads), limit)]

    def count(
        self,
        organisations: Collection[Any] | None,
        after: datetime | None,
        until: datetime | None,
    ) -> int:
        """How many open requests of the scope were posted after ``after`` and at or
        before ``until`` (each bound left out: no bound)."""
        found = 0
        for entries in self._chosen(organisations):
            low = 0 if after is None else entries.bisect_right(after, key=_TIME)
            high = len(entries) if until is None else entries.bisect_right(until, key=_TIME)
            found += max(0, high - low)
        return found


class ScheduleIndex(_TimeLists):
    """Exchanges' keys by ``scheduled``, then id (every state: a read filters them)."""

    def put(self, key: Hashable, record: Exchange) -> None:
        if self.built:
            self._put(key, record.scheduled, record.organisation_id)

    def since(self, organisations: Collection[Any] | None, since: datetime) -> Iterator[Hashable]:
        """The keys of the scope's exchanges scheduled at or after ``since``, latest first.

        A generator over reversed slices: the caller stops reading when it has enough.
        (Read it under the storage's lock: the lists change with commits.)
        """
        tails = [
            _backwards(entries, entries.bisect_left(since.astimezone(UTC), key=_TIME))
            for entries in self._chosen(organisations)
        ]
        merged = tails[0] if len(tails) == 1 else heapq.merge(*tails, reverse=True)
        for _, key in merged:
            yield key


def _backwards(entries: SortedList[_Entry], start: int) -> Iterator[_Entry]:
    """The entries from the last down to position ``start``, a step at a time (a slice of
    the whole window would copy it, where a reader stops after its limit)."""
    high = len(entries)
    while high > start:
        low = max(start, high - _STEP)
        yield from reversed(entries.slice(low, high))
        high = low


# -- the repositories' queries (memory_repos delegates here) -----------------------


def waiting(repo: Any, organisations: Collection[Any] | None, limit: int) -> list[HelpRequest]:
    """``RequestRepository.waiting`` on a memory unit of work (``repo.uow``)."""
    uow = repo.uow
    if uow._writes.get(repo.kind):
        # this unit changed requests: the committed index may be stale for them
        found = [r for r in _open(repo) if _in_scope(r, organisations)]
        return sorted(found, key=_posted_key)[:limit]
    tables = uow._tables
    with uow.storage._lock:
        rows = tables.rows[repo.kind]
        tables.waiting.ready(rows)
        return [rows[k] for k in tables.waiting.oldest(organisations, limit)]


def count_waiting(
    repo: Any,
    organisations: Collection[Any] | None,
    after: datetime | None,
    until: datetime | None,
    count_limit: int | None,
) -> int:
    """``RequestRepository.count_waiting`` on a memory unit of work."""
    uow = repo.uow
    after = None if after is None else after.astimezone(UTC)
    until = None if until is None else until.astimezone(UTC)
    if uow._writes.get(repo.kind):
        found = sum(
            1
            for r in _open(repo)
            if _in_scope(r, organisations)
            and (after is None or r.posted_at > after)
            and (until is None or r.posted_at <= until)
        )
    else:
        with uow.storage._lock:
            tables = uow._tables
            tables.waiting.ready(tables.rows[repo.kind])
            found = tables.waiting.count(organisations, after, until)
    return found if count_limit is None else min(found, count_limit)


def scheduled_since(
    repo: Any,
    since: datetime,
    states: Iterable[Any] | None,
    organisations: Collection[Any] | None,
    limit: int | None,
) -> list[Exchange]:
    """``ExchangeRepository.scheduled_since`` on a memory unit of work."""
    uow = repo.uow
    wanted = None if states is None else frozenset(states)
    since = since.astimezone(UTC)
    if uow._writes.get(repo.kind):
        found = [
            e
            for e in repo.list(states=wanted)
            if e.scheduled >= since and _in_scope(e, organisations)
        ]
        found.sort(key=_schedule_key, reverse=True)
        return found if limit is None else found[:limit]
    tables = uow._tables
    picked: list[Exchange] = []
    with uow.storage._lock:
        rows = tables.rows[repo.kind]
        tables.schedule.ready(rows)
        for key in tables.schedule.since(organisations, since):
            exchange = rows[key]
            if wanted is None or exchange.state in wanted:
                picked.append(exchange)
                if limit is not None and len(picked) >= limit:
                    break
    return picked


def _open(repo: Any) -> list[HelpRequest]:
    found: list[HelpRequest] = repo.list(statuses=(RequestStatus.OPEN,))
    return found


def _in_scope(record: Any, organisations: Collection[Any] | None) -> bool:
    return organisations is None or (
        record.organisation_id is not None and record.organisation_id in organisations
    )


def _posted_key(request: HelpRequest) -> tuple[datetime, int]:
    return request.posted_at.astimezone(UTC), request.id.int


def _schedule_key(exchange: Exchange) -> tuple[datetime, int]:
    return exchange.scheduled.astimezone(UTC), exchange.id.int
