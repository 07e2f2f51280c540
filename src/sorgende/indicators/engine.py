"""The indicator engine: reads a community's event log in order and keeps the figures.

It is a reader of the log (see :mod:`sorgende.ports`, the event log): :meth:`Engine.catch_up`
reads the events after the last one it applied and updates the cells they touch, so each
new event costs what that event changes. A new engine that reads the whole log
(:meth:`Engine.rebuild`) holds the same cells: the figures are a function of the log and
of the records the events name (a request's place, category and organisation, which do
not change once posted), looked up through a :class:`Lookup`.

The cells are keyed by month (the community's local month), place, organisation and
category; :mod:`sorgende.indicators.figures` rolls them up to any of those dimensions.
Persons appear only as the ids the log has (an erased person's pseudonym), and only in
person-level cells, which count a person only while they consent to statistics.
"""

from __future__ import annotations

import gc
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import attrs

from sorgende.domain import events as ev
from sorgende.domain.actors import Actor
from sorgende.domain.commitments import Commitment, Period
from sorgende.domain.exchanges import Exchange
from sorgende.domain.help import HelpRequest
from sorgende.ports import UnitOfWork

#: (month, place, organisation, category): the finest cell the engine keeps
Key = tuple[date, uuid.UUID | None, uuid.UUID | None, str | None]

#: hours within which a matched request counts as met "within" (1, 3 and 7 days)
WITHIN_HOURS = (24.0, 72.0, 168.0)
#: a weekly commitment's promise per month (the definition of commitments_kept)
WEEKS_PER_MONTH = 4


class Lookup(Protocol):
    """The records the events name, as the engine reads them."""

    def request(self, request_id: uuid.UUID) -> HelpRequest | None: ...
    def exchange(self, exchange_id: uuid.UUID) -> Exchange | None: ...
    def actor(self, actor_id: uuid.UUID) -> Actor | None: ...
    def commitment(self, commitment_id: uuid.UUID) -> Commitment | None: ...


class UnitLookup:
    """A :class:`Lookup` over one unit of work's repositories (made once per read)."""

    __slots__ = ("uow",)

    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow

    def request(self, request_id: uuid.UUID) -> HelpRequest | None:
        return self.uow.requests.find(request_id)

    def exchange(self, exchange_id: uuid.UUID) -> Exchange | None:
        return self.uow.exchanges.find(exchange_id)

    def actor(self, actor_id: uuid.UUID) -> Actor | None:
        return self.uow.actors.find(actor_id)

    def commitment(self, commitment_id: uuid.UUID) -> Commitment | None:
        return self.uow.commitments.find(commitment_id)


@attrs.define
class Cell:
    """What the engine accumulates for one key; rolled up by adding (sums, lists, sets)."""

    posted: int = 0
    met: int = 0
    within: list[int] = attrs.Factory(lambda: [0, 0, 0])
    waits: list[float] = attrs.Factory(list)
    minutes_given: int = 0
    minutes_received: int = 0
    exchanges: int = 0
    helpers: set[uuid.UUID] = attrs.Factory(set)
    new_helpers: set[uuid.UUID] = attrs.Factory(set)
    organisations: set[uuid.UUID] = attrs.Factory(set)
    #: commitment id -> its person (made in the month, kept in the month)
    made: dict[uuid.UUID, uuid.UUID] = attrs.Factory(dict)
    kept: dict[uuid.UUID, uuid.UUID] = attrs.Factory(dict)

    def copy(self) -> Cell:
        """A cell of its own with the same figures (no container shared)."""
        return Cell(
            self.posted,
            self.met,
            self.within.copy(),
            self.waits.copy(),
            self.minutes_given,
            self.minutes_received,
            self.exchanges,
            self.helpers.copy(),
            self.new_helpers.copy(),
            self.organisations.copy(),
            self.made.copy(),
            self.kept.copy(),
        )

    def add(self, other: Cell) -> None:
        self.posted += other.posted
        self.met += other.met
        mine, theirs = self.within, other.within
        mine[0] += theirs[0]
        mine[1] += theirs[1]
        mine[2] += theirs[2]
        self.minutes_given += other.minutes_given
        self.minutes_received += other.minutes_received
        self.exchanges += other.exchanges
        # most cells hold one kind of figure: skip what the other cell does not have
        if other.waits:
            self.waits.extend(other.waits)
        if other.helpers:
            self.helpers |= other.helpers
        if other.new_helpers:
            self.new_helpers |= other.new_helpers
        if other.organisations:
            self.organisations |= other.organisations
        if other.made:
            self.made.update(other.made)
        if other.kept:
            self.kept.update(other.kept)


@attrs.define
class _Need:
    #: the cell of the request's month, place, organisation and category (no look-up later)
    cell: Cell
    posted_at: datetime
    matched: bool = False
    fulfilled: bool = False


@attrs.define
class _Promise:
    person: uuid.UUID
    place: uuid.UUID | None
    start: date
    monthly_minutes: int
    end: date | None = None


_TICK = timedelta(microseconds=1)
#: a batch of at least this many events is applied with the garbage collector paused
PAUSE_GC_AT = 100


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cyclic garbage collector paused, and restored as it was.

    The engine and its readers make many containers at once (cells, their sets of ids) and
    none of them in a cycle; every collection the allocations trigger would walk all the
    objects already there, which made copying a large community's cells several times
    slower. Process-wide: a thread that allocates meanwhile is not collected either, which
    only defers its collection; nothing is freed later than without the pause except cycles.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def month_of(at: datetime, zone: ZoneInfo) -> date:
    return at.astimezone(zone).date().replace(day=1)


def next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


class Engine:
    """The figures of one community, kept up to date from its event log."""

    def __init__(self, community_id: uuid.UUID, zone: ZoneInfo) -> None:
        self.community_id = community_id
        self.zone = zone
        #: the last sequence number applied
        self.seq = 0
        self.cells: dict[Key, Cell] = defaultdict(Cell)
        #: person -> consents to statistics (as last read; kept as it was after erasure)
        self.consent: dict[uuid.UUID, bool] = {}
        self._erased: set[uuid.UUID] = set()
        # the engine's own state is keyed by the ids' integers (``uuid.UUID.int``): a UUID
        # hashes in Python, an int in C, and an event touches about ten of these entries
        self._needs: dict[int, _Need] = {}
        #: exchange -> (key, recipient's key, minutes) as counted
        self._counted: dict[int, tuple[Key, Key, int]] = {}
        self._first_help: set[int] = set()
        self._promises: dict[uuid.UUID, _Promise] = {}
        #: person -> month -> minutes given (for commitments kept)
        self._given: dict[int, dict[date, int]] = defaultdict(lambda: defaultdict(int))
        self._last_at: datetime | None = None
        #: person -> home place, for every person read (a home is set at registration)
        self._people: dict[int, uuid.UUID | None] = {}
        #: the last month an event fell in and the instants it spans: (start, end, month)
        self._span: tuple[datetime, datetime, date] | None = None
        #: the events that change figures, by type (one dictionary look-up per event)
        self._handlers: dict[type[ev.DomainEvent], Callable[[Any, Lookup], None]] = {
            ev.RequestPosted: self._posted,
            ev.RequestMatched: self._matched,
            ev.RequestFulfilled: self._fulfilled,
            ev.ExchangeConfirmed: self._confirmed,
            ev.ExchangeResolved: self._confirmed,
            ev.CommitmentMade: self._committed,
            ev.CommitmentEnded: self._ended,
            ev.ActorRegistered: self._actor,
            ev.ActorUpdated: self._actor,
            ev.PersonErased: self._erased_person,
        }

    # -- reading the log -------------------------------------------------------------

    def catch_up(self, uow: UnitOfWork, *, batch: int = 1000) -> int:
        """Apply the events after :attr:`seq` from ``uow``'s log; how many were applied."""
        lookup = UnitLookup(uow)
        done = 0
        while True:
            events = uow.event_log.read(self.seq, batch)
            self.apply(events, lookup)
            done += len(events)
            if len(events) < batch:
                # a short batch is the head: no second read to learn that
                return done

    def rebuild(self, uow: UnitOfWork) -> Engine:
        """A new engine that has read the whole log (the same figures as this one)."""
        fresh = Engine(self.community_id, self.zone)
        fresh.catch_up(uow)
        return fresh

    def apply(self, logged: Iterable[ev.LoggedEvent], lookup: Lookup) -> None:
        """Apply the events after :attr:`seq` (the others are skipped)."""
        # (a list or tuple, as the event logs give them: an ABC's isinstance costs more)
        if isinstance(logged, list | tuple) and len(logged) >= PAUSE_GC_AT:
            with paused_gc():
                self._apply(logged, lookup)
        else:
            self._apply(logged, lookup)

    def _apply(self, logged: Iterable[ev.LoggedEvent], lookup: Lookup) -> None:
        handlers = self._handlers
        seq, last_at = self.seq, self._last_at
        try:
            for item in logged:
                if item.seq <= seq:
                    continue
                event = item.event
                handler = handlers.get(type(event))
                if handler is not None:
                    handler(event, lookup)
                seq = item.seq
                at = item.at
                if last_at is None or at > last_at:
                    last_at = at
        finally:
            # once per batch, also when a handler failed (the events before it are applied)
            self.seq, self._last_at = seq, last_at

    def month(self, at: datetime) -> date:
        """:func:`month_of` ``at``, the span of the last month kept (events come in order)."""
        span = self._span
        if span is not None and span[0] <= at < span[1]:
            return span[2]
        month = month_of(at, self.zone)
        after = next_month(month)
        start = datetime(month.year, month.month, 1, tzinfo=self.zone)
        end = datetime(after.year, after.month, 1, tzinfo=self.zone)
        # kept only where local midnight of the first exists and starts the month
        if month_of(start, self.zone) == month and month_of(end - _TICK, self.zone) == month:
            # in the events' own zone: datetimes of one tzinfo compare field by field
            self._span = (start.astimezone(at.tzinfo), end.astimezone(at.tzinfo), month)
        return month

    @property
    def last_month(self) -> date | None:
        """The month of the log's latest event (commitments are kept up to it)."""
        return None if self._last_at is None else month_of(self._last_at, self.zone)

    # -- one event ----------------------------------------------------------------

    def _matched(self, e: ev.RequestMatched, lookup: Lookup) -> None:
        need = self._needs.get(e.request_id.int)
        if need is not None and not need.matched:
            need.matched = True
            hours = (e.at - need.posted_at).total_seconds() / 3600
            cell = need.cell
            cell.waits.append(hours)
            if hours <= WITHIN_HOURS[2]:
                within = cell.within
                within[2] += 1
                if hours <= WITHIN_HOURS[1]:
                    within[1] += 1
                    if hours <= WITHIN_HOURS[0]:
                        within[0] += 1

    def _fulfilled(self, e: ev.RequestFulfilled, lookup: Lookup) -> None:
        need = self._needs.get(e.request_id.int)
        if need is not None and not need.fulfilled:
            need.fulfilled = True
            need.cell.met += 1

    def _ended(self, e: ev.CommitmentEnded, lookup: Lookup) -> None:
        promise = self._promises.get(e.commitment_id)
        if promise is not None and promise.end is None:
            promise.end = self.month(e.at)

    def _actor(self, e: ev.ActorRegistered | ev.ActorUpdated, lookup: Lookup) -> None:
        self._read_consent(e.actor_id, lookup)

    def _erased_person(self, e: ev.PersonErased, lookup: Lookup) -> None:
        # the consent as it was stays: erasure changes no count
        self._erased.add(e.actor_id)

    def _read_consent(self, person: uuid.UUID, lookup: Lookup) -> uuid.UUID | None:
        """Read the person's consent (unless erased here) and home place; the home."""
        actor = None if person in self._erased else lookup.actor(person)
        if actor is None:
            home = self._people.get(person.int)
        else:
            home = actor.home_place_id
            if not actor.erased:
                self.consent[person] = actor.consent.statistics
        self._people[person.int] = home
        return home

    def _home(self, person: uuid.UUID, lookup: Lookup) -> uuid.UUID | None:
        """The person's home place, their consent read on first sight."""
        people = self._people
        key = person.int
        return people[key] if key in people else self._read_consent(person, lookup)

    def _posted(self, e: ev.RequestPosted, lookup: Lookup) -> None:
        request = lookup.request(e.request_id)
        if request is None:
            return
        posted_at = request.posted_at
        span = self._span
        key: Key = (
            span[2]
            if span is not None and span[0] <= posted_at < span[1]
            else self.month(posted_at),
            request.place_id,
            request.organisation_id,
            request.category,
        )
        cell = self.cells[key]
        cell.posted += 1
        self._needs[e.request_id.int] = _Need(cell, posted_at)

    def _confirmed(self, e: ev.ExchangeConfirmed | ev.ExchangeResolved, lookup: Lookup) -> None:
        exchange = lookup.exchange(e.exchange_id)
        if exchange is None:
            return
        minutes, helper, counted_id, at = e.minutes, e.helper_id, e.exchange_id.int, e.at
        span = self._span
        month = span[2] if span is not None and span[0] <= at < span[1] else self.month(at)
        place, organisation, category = (
            exchange.place_id,
            exchange.organisation_id,
            exchange.category,
        )
        key: Key = (month, place, organisation, category)
        home = self._home(e.recipient_id, lookup)
        # the hours received count at the recipient's home (the exchange's place if none)
        received: Key = (
            key if home is None or home == place else (month, home, organisation, category)
        )
        cells = self.cells
        cell = cells[key]
        given = self._given[helper.int]
        before = self._counted.get(counted_id)
        if before is not None:
            # a resolution after a confirmation: the hours as resolved replace those confirmed
            old_key, old_received, old_minutes = before
            cells[old_key].minutes_given -= old_minutes
            cells[old_received].minutes_received -= old_minutes
            given[old_key[0]] -= old_minutes
        else:
            cell.exchanges += 1
            cell.helpers.add(helper)
            if organisation is not None:
                cell.organisations.add(organisation)
            first_help = self._first_help
            if helper.int not in first_help:
                first_help.add(helper.int)
                cell.new_helpers.add(helper)
            self._home(helper, lookup)
        self._counted[counted_id] = (key, received, minutes)
        cell.minutes_given += minutes
        if received is key:
            cell.minutes_received += minutes
        else:
            cells[received].minutes_received += minutes
        given[month] += minutes

    def _committed(self, e: ev.CommitmentMade, lookup: Lookup) -> None:
        commitment = lookup.commitment(e.commitment_id)
        if commitment is None:
            return
        place = self._home(e.actor_id, lookup)
        month = self.month(e.at)
        factor = WEEKS_PER_MONTH if commitment.period is Period.WEEK else 1
        self._promises[e.commitment_id] = _Promise(
            e.actor_id, place, month, commitment.minutes_per_period * factor
        )
        self.cells[(month, place, None, None)].made[e.commitment_id] = e.actor_id

    # -- the cells as read ------------------------------------------------------------

    def snapshot(self) -> dict[Key, Cell]:
        """The cells, with the commitments kept up to the last month of the log."""
        with paused_gc():
            return self._snapshot()

    def _snapshot(self) -> dict[Key, Cell]:
        out = {key: cell.copy() for key, cell in self.cells.items()}
        last = self.last_month
        if last is None:
            return out
        for cid, promise in self._promises.items():
            month = promise.start
            end = promise.end or next_month(last)
            given = self._given.get(promise.person.int, {})
            while month < end:
                if given.get(month, 0) >= promise.monthly_minutes:
                    kept_key: Key = (month, promise.place, None, None)
                    out.setdefault(kept_key, Cell()).kept[cid] = promise.person
                month = next_month(month)
        return out
