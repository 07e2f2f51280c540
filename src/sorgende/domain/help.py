"""Requests for help (Hilfegesuch) and offers of help (Hilfsangebot)."""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, date, datetime, time, timedelta

import attrs

from sorgende.domain.personal import personal
from sorgende.domain.values import MAX_MINUTES_PER_ACT, Recurrence, TimeWindow, new_id
from sorgende.errors import IllegalStatusChange, InvalidValue, Message


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

    def with_status(self, status: RequestStatus) -> HelpRequest:
        return attrs.evolve(self, status=status, version=self.version + 1)

    def withdrawn(self) -> HelpRequest:
        if self.status.is_final:
            raise IllegalStatusChange(
                kind="request", id=self.id, status=self.status.value, change="withdraw"
            )
        return self.with_status(RequestStatus.WITHDRAWN)

    def touched(self) -> HelpRequest:
        """The same request with a new version: claims a slot under optimistic locking."""
        return attrs.evolve(self, version=self.version + 1)


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

    def withdrawn(self) -> HelpOffer:
        if self.status is not OfferStatus.OPEN:
            raise IllegalStatusChange(
                kind="offer", id=self.id, status=self.status.value, change="withdraw"
            )
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
