"""Requests for help (Hilfegesuch) and offers of help (Hilfsangebot)."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

import attrs

from sorgende.domain import events as ev
from sorgende.domain.evolve import evolver
from sorgende.domain.personal import personal
from sorgende.domain.values import (
    MAX_MINUTES_PER_ACT,
    Recurrence,
    TimeWindow,
    new_id,
    require_aware,
)
from sorgende.domain.windows import WindowRules
from sorgende.errors import (
    IllegalStatusChange,
    InvalidValue,
    Message,
    RequestClosed,
    RequestFull,
    naming,
)


class RequestStatus(enum.StrEnum):
    OPEN = "open"
    MATCHED = "matched"
    FULFILLED = "fulfilled"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"

    @property
    def is_final(self) -> bool:
        return self in _FINAL_REQUEST


_FINAL_REQUEST = frozenset(
    {RequestStatus.FULFILLED, RequestStatus.EXPIRED, RequestStatus.WITHDRAWN}
)

MAX_HELPERS = 50
_EPSILON = timedelta(microseconds=1)


def _check_minutes(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not 1 <= value <= MAX_MINUTES_PER_ACT:
        raise InvalidValue(
            attribute.name,
            Message(
                "problem.help.minutes_between", value=value, max_minutes_per_act=MAX_MINUTES_PER_ACT
            ),
        )


def _check_helpers(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not 1 <= value <= MAX_HELPERS:
        raise InvalidValue(
            "helpers_needed",
            Message("problem.help.between_2", value=value, max_helpers=MAX_HELPERS),
        )


@attrs.frozen
class HelpRequest:
    """Someone needs help: a ride to the doctor, shopping every Tuesday, ...

    ``posted_by`` differs from ``recipient_id`` when someone acted on the recipient's
    behalf (a coordinator, or a trusted person), so the record shows who acted for whom.
    """

    community_id: uuid.UUID
    recipient_id: uuid.UUID
    posted_by: uuid.UUID
    category: str
    place_id: uuid.UUID
    window: TimeWindow
    minutes: int = attrs.field(validator=_check_minutes)
    posted_at: datetime = attrs.field()
    id: uuid.UUID = attrs.field(factory=new_id)
    title: str = personal(default="", erased="")
    description: str = personal(default="", erased="")
    helpers_needed: int = attrs.field(default=1, validator=_check_helpers)
    recurrence: Recurrence | None = None
    urgent: bool = False
    status: RequestStatus = RequestStatus.OPEN
    #: the organisation that organises the request (its coordinators coordinate it):
    #: the recipient itself when an organisation asks for help
    organisation_id: uuid.UUID | None = None
    version: int = 1

    @property
    def on_behalf(self) -> bool:
        return self.posted_by != self.recipient_id

    def occurrences(self, start: datetime, end: datetime) -> list[datetime]:
        """Starts of the occurrences in [start, end): one for a one-off request."""
        if self.recurrence is None:
            return [self.window.start] if start <= self.window.start < end else []
        return self.recurrence.occurrences(self.window.start, start, end)

    def is_occurrence(self, when: datetime) -> bool:
        if self.recurrence is None:
            return when == self.window.start
        return bool(self.recurrence.occurrences(self.window.start, when, when + _EPSILON))

    def checked(self, rules: WindowRules) -> HelpRequest:
        """This request, if its window keeps the community's time rules (judged from when
        it is posted); raises :class:`~sorgende.errors.WindowOutOfRange` otherwise. A time
        the clocks skip is put as the instant it stands for (:meth:`TimeWindow.existing`)."""
        rules.check(self.window, self.recurrence, self.posted_at)
        window = self.window.existing()
        return self if window is self.window else attrs.evolve(self, window=window)

    # -- the helper places of each occurrence ----------------------------------------

    def occurrence(self, scheduled: datetime | None = None) -> datetime:
        """The occurrence an exchange serves: ``scheduled`` if it is one (default: the first)."""
        if scheduled is None:
            return self.window.start
        require_aware(scheduled, "scheduled")
        if not self.is_occurrence(scheduled):
            raise InvalidValue(
                "scheduled",
                Message("problem.exchanges.occurrence_request", scheduled=naming.moment(scheduled)),
            )
        return scheduled

    def check_open(self) -> None:
        """Refuse a new helper unless the request is open (a matched one is full)."""
        if self.status is RequestStatus.OPEN:
            return
        if self.status is RequestStatus.MATCHED:
            raise RequestFull(self, self.helpers_needed, self.window.start)
        raise RequestClosed(self, self.status.value)

    def places_left(self, taken: int) -> int:
        """Helper places still free at an occurrence of which ``taken`` are held."""
        return max(0, self.helpers_needed - taken)

    def check_place(self, occurrence: datetime, taken: int) -> None:
        """Refuse a helper for ``occurrence`` when the request is closed or its
        ``helpers_needed`` places there are all ``taken`` (held by accepted exchanges)."""
        self.check_open()
        if self.places_left(taken) == 0:
            raise RequestFull(self, self.helpers_needed, occurrence)

    def claim_place(
        self, occurrence: datetime, taken: int, *, at: datetime, by: uuid.UUID | None
    ) -> tuple[HelpRequest, list[ev.DomainEvent]]:
        """The request after a helper took a place at ``occurrence`` (``taken`` were held
        before), and its events: a one-off request whose last place went is matched.

        Every claim gives the request a new version: the compare-and-set that stops two
        acceptances of the last place from both succeeding.
        """
        self.check_place(occurrence, taken)
        if self.recurrence is None and taken + 1 >= self.helpers_needed:
            return self.match(), [ev.RequestMatched(self.community_id, at, by, self.id)]
        return self.touched(), []

    def release_place(
        self, occurrence: datetime, *, at: datetime, by: uuid.UUID | None
    ) -> tuple[HelpRequest, list[ev.DomainEvent]]:
        """The request after a helper's place at ``occurrence`` was freed (a cancelled or
        no-show exchange), and its events: a matched one-off request opens again."""
        if self.recurrence is None and self.status is RequestStatus.MATCHED:
            return self.reopen(), [ev.RequestReopened(self.community_id, at, by, self.id)]
        return self, []

    def settle(
        self, holding: Iterable[bool], *, at: datetime, by: uuid.UUID | None
    ) -> tuple[HelpRequest, list[ev.DomainEvent]]:
        """The request after one of its exchanges was closed, and its events.

        ``holding`` tells, for each exchange that holds a place, whether it is settled
        (final). A matched one-off request whose places are all held by settled
        exchanges is fulfilled.
        """
        if self.recurrence is not None or self.status is not RequestStatus.MATCHED:
            return self, []
        settled = list(holding)
        if len(settled) >= self.helpers_needed and all(settled):
            return self.fulfil(), [ev.RequestFulfilled(self.community_id, at, by, self.id)]
        return self, []

    # -- expiry ------------------------------------------------------------------------

    def due_to_close(self, now: datetime) -> bool:
        """Whether the daily expiry closes the request at ``now`` (see :func:`expiry_due`)."""
        if self.recurrence is None:
            return self.status is RequestStatus.OPEN and self.window.end <= now
        until = self.recurrence.until
        if until is None or self.status not in (RequestStatus.OPEN, RequestStatus.MATCHED):
            return False
        return now.date() > until

    def closed(self, now: datetime, *, helped: bool) -> tuple[HelpRequest, list[ev.DomainEvent]]:
        """The request closed by the expiry at ``now``: fulfilled when some of its
        exchanges were confirmed (``helped``: it was fulfilled, if partly), else expired."""
        if helped:
            return self.fulfil(), [ev.RequestFulfilled(self.community_id, now, None, self.id)]
        return self.expire(), [ev.RequestExpired(self.community_id, now, None, self.id)]

    # -- the named status changes --------------------------------------------------------

    def match(self) -> HelpRequest:
        """Open to matched: every helper place of a one-off request is taken."""
        return self._changed("match", _OPEN_ONLY, RequestStatus.MATCHED)

    def reopen(self) -> HelpRequest:
        """Matched to open: a helper's place was freed."""
        return self._changed("reopen", _MATCHED_ONLY, RequestStatus.OPEN)

    def fulfil(self) -> HelpRequest:
        """Open or matched to fulfilled: the help was given (by some of its helpers)."""
        return self._changed("fulfil", _LIVE, RequestStatus.FULFILLED)

    def expire(self) -> HelpRequest:
        """Open or matched to expired: its time passed without help."""
        return self._changed("expire", _LIVE, RequestStatus.EXPIRED)

    def withdraw(self) -> HelpRequest:
        """Open or matched to withdrawn: the recipient's side no longer needs the help."""
        return self._changed("withdraw", _LIVE, RequestStatus.WITHDRAWN)

    def _changed(
        self, change: str, sources: frozenset[RequestStatus], target: RequestStatus
    ) -> HelpRequest:
        if self.status not in sources:
            raise IllegalStatusChange(self, status=self.status.value, change=change)
        return _evolve_request(self, status=target, version=self.version + 1)

    def touched(self) -> HelpRequest:
        """The same request with a new version: claims a slot under optimistic locking."""
        return _evolve_request(self, version=self.version + 1)


#: every acceptance and most closings evolve a request (see :func:`evolver`)
_evolve_request = evolver(HelpRequest)


_OPEN_ONLY = frozenset({RequestStatus.OPEN})
_MATCHED_ONLY = frozenset({RequestStatus.MATCHED})
_LIVE = frozenset({RequestStatus.OPEN, RequestStatus.MATCHED})


class OfferStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


@attrs.frozen
class HelpOffer:
    """Someone offers help in a category, in some places, in a time window."""

    community_id: uuid.UUID
    helper_id: uuid.UUID
    posted_by: uuid.UUID
    category: str
    place_ids: frozenset[uuid.UUID]
    window: TimeWindow
    minutes: int = attrs.field(validator=_check_minutes)
    posted_at: datetime = attrs.field()
    id: uuid.UUID = attrs.field(factory=new_id)
    title: str = personal(default="", erased="")
    description: str = personal(default="", erased="")
    recurrence: Recurrence | None = None
    status: OfferStatus = OfferStatus.OPEN
    #: the organisation the offer is made through (its coordinators coordinate it)
    organisation_id: uuid.UUID | None = None
    version: int = 1

    def covers(self, when: datetime) -> bool:
        """Whether help at ``when`` falls within the offer's (first or recurring) window."""
        length = self.window.duration
        if self.recurrence is None:
            return self.window.start <= when <= self.window.end
        starts = self.recurrence.occurrences(self.window.start, when - length, when + _EPSILON)
        return any(start <= when <= start + length for start in starts)

    def checked(self, rules: WindowRules) -> HelpOffer:
        """This offer, if its window keeps the community's time rules (judged from when
        it is posted); raises :class:`~sorgende.errors.WindowOutOfRange` otherwise. A time
        the clocks skip is put as the instant it stands for (:meth:`TimeWindow.existing`)."""
        rules.check(self.window, self.recurrence, self.posted_at)
        window = self.window.existing()
        return self if window is self.window else attrs.evolve(self, window=window)

    def withdraw(self) -> HelpOffer:
        """Open to withdrawn."""
        if self.status is not OfferStatus.OPEN:
            raise IllegalStatusChange(self, status=self.status.value, change="withdraw")
        return attrs.evolve(self, status=OfferStatus.WITHDRAWN, version=self.version + 1)

    def touched(self) -> HelpOffer:
        return attrs.evolve(self, version=self.version + 1)


def board_order(request: HelpRequest) -> tuple[bool, datetime, str]:
    """The order of the board: urgent requests first, then by when help is needed.

    Storages that page requests (``RequestRepository.page``) sort by this key.
    """
    return (not request.urgent, request.window.start, str(request.id))


#: the earliest offset from UTC of any time zone (UTC+14): a date has begun somewhere then
_EARLIEST_OFFSET = timedelta(hours=14)
_LAST_DAY = date.max - timedelta(days=1)


def expiry_due(request: HelpRequest) -> datetime | None:
    """From when the daily expiry must look at ``request`` in its present status.

    ``None`` when expiry never closes it as it is now. A one-off request expires (or is
    fulfilled) when it is still open at the end of its window; a recurring one, open or
    matched, once the date passed its ``until`` (one without ``until`` never expires).
    That date is the clock's own date, in whatever time zone it tells, so the recurring
    request is due from the first instant at which the day after ``until`` has begun in
    some time zone; the expiry itself decides exactly. Storages index requests by this
    value (``RequestRepository.expiring``), so a run touches only what it closes.
    """
    if request.recurrence is None:
        return request.window.end if request.status is RequestStatus.OPEN else None
    until = request.recurrence.until
    if until is None or request.status not in (RequestStatus.OPEN, RequestStatus.MATCHED):
        return None
    if until >= _LAST_DAY:
        return None  # no date passes it
    return datetime.combine(until + timedelta(days=1), time(), UTC) - _EARLIEST_OFFSET
