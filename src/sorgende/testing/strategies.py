"""Hypothesis strategies for every entity, value object and event of the sorgende model.

Every strategy builds valid instances (the domain's validators hold) whose
datetimes are time-zone aware: UTC, Europe/Berlin (including the ambiguous and
skipped hours around the daylight-saving switches) and fixed offsets.

Strategies that build records of a community take keyword arguments to pin
references, so that generated records fit together or hit a filter::

    cid = uuid.uuid4()
    places = [uuid.uuid4() for _ in range(3)]
    help_requests(community_id=cid, place_id=st.sampled_from(places))

Each such argument is a value, a strategy, or ``None`` (anything).
"""

from __future__ import annotations

import functools
import operator
import typing
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any, Final, TypeAlias, TypeVar
from zoneinfo import ZoneInfo

import attrs
from hypothesis import strategies as st

from sorgende.domain import events as events_module
from sorgende.domain.actors import (
    Actor,
    ActorKind,
    Consent,
    Membership,
    Qualification,
    QualificationKind,
    Role,
)
from sorgende.domain.categories import Category
from sorgende.domain.commitments import Commitment, CommitmentStatus, Period, StatusChange
from sorgende.domain.community import Community, Place, PlaceKind, SolidarityPolicy
from sorgende.domain.events import DomainEvent
from sorgende.domain.exchanges import (
    TRANSITIONS,
    Exchange,
    ExchangeState,
    Party,
    TransitionRecord,
    allowed_transitions,
)
from sorgende.domain.help import MAX_HELPERS, HelpOffer, HelpRequest, OfferStatus, RequestStatus
from sorgende.domain.ledger import Entry, Posting, PostingKind
from sorgende.domain.personal import erase_personal
from sorgende.domain.recognition import Recognition
from sorgende.domain.values import MAX_MINUTES_PER_ACT, Frequency, Recurrence, TimeWindow

__all__ = [
    "BERLIN",
    "EVENT_CLASSES",
    "Entity",
    "IdArg",
    "actors",
    "aware_datetimes",
    "categories",
    "category_codes",
    "commitments",
    "communities",
    "consents",
    "dates",
    "domain_events",
    "entities",
    "entries",
    "exchanges",
    "help_offers",
    "help_requests",
    "memberships",
    "minutes",
    "places",
    "postings",
    "qualifications",
    "recognitions",
    "recurrences",
    "status_changes",
    "time_windows",
    "time_zones",
    "transition_records",
]

T = TypeVar("T")

BERLIN: Final = ZoneInfo("Europe/Berlin")

#: a pinned reference: a value, a strategy for values, or ``None`` for anything
IdArg: TypeAlias = uuid.UUID | st.SearchStrategy[uuid.UUID] | None
StrArg: TypeAlias = str | st.SearchStrategy[str] | None

MIN_DAY: Final = date(2000, 1, 1)
MAX_DAY: Final = date(2060, 12, 31)
#: the largest commitment a service accepts: 31 days of 24 hours
MAX_COMMITMENT_MINUTES: Final = 31 * 24 * 60

EVENT_CLASSES: Final[tuple[type[DomainEvent], ...]] = tuple(
    sorted(
        (
            cls
            for cls in vars(events_module).values()
            if isinstance(cls, type) and issubclass(cls, DomainEvent) and cls is not DomainEvent
        ),
        key=lambda cls: cls.__name__,
    )
)

Entity: TypeAlias = (
    Community
    | Place
    | Qualification
    | Membership
    | Consent
    | Actor
    | Category
    | TimeWindow
    | Recurrence
    | HelpRequest
    | HelpOffer
    | TransitionRecord
    | Exchange
    | StatusChange
    | Commitment
    | Entry
    | Posting
    | Recognition
    | DomainEvent
)


def _pinned(
    value: T | st.SearchStrategy[T] | None, default: st.SearchStrategy[T]
) -> st.SearchStrategy[T]:
    if value is None:
        return default
    if isinstance(value, st.SearchStrategy):
        return value
    return st.just(value)


def _ids(value: IdArg) -> st.SearchStrategy[uuid.UUID]:
    return _pinned(value, st.uuids())


# --- building blocks ----------------------------------------------------------------


@functools.cache
def time_zones() -> st.SearchStrategy[tzinfo]:
    """UTC, Europe/Berlin, or a fixed offset in whole minutes (-14:00 to +14:00)."""
    fixed = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
    return st.one_of(st.sampled_from([UTC, BERLIN]), fixed)


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


@st.composite
def _dst_switch_datetimes(draw: st.DrawFn) -> datetime:
    """Europe/Berlin times around a daylight-saving switch, ambiguous ones included."""
    year = draw(st.integers(MIN_DAY.year, MAX_DAY.year - 1))
    day = _last_sunday(year, draw(st.sampled_from([3, 10])))
    minute = draw(st.integers(60, 4 * 60 - 1))  # 01:00 to 03:59 local time
    naive = datetime(day.year, day.month, day.day, minute // 60, minute % 60)
    local = naive.replace(tzinfo=BERLIN, fold=draw(st.integers(0, 1)))
    # a time in the skipped hour does not exist: take the instant it stands for
    return local.astimezone(UTC).astimezone(BERLIN)


@functools.cache
def aware_datetimes() -> st.SearchStrategy[datetime]:
    """Time-zone aware datetimes between 2000 and 2060 (no times that do not exist)."""
    general = st.datetimes(
        min_value=datetime(MIN_DAY.year, 1, 2),
        max_value=datetime(MAX_DAY.year, 12, 30),
        timezones=time_zones(),
        allow_imaginary=False,
    )
    return st.one_of(general, general, general, _dst_switch_datetimes())


@functools.cache
def dates() -> st.SearchStrategy[date]:
    return st.dates(min_value=MIN_DAY, max_value=MAX_DAY)


@functools.cache
def minutes() -> st.SearchStrategy[int]:
    """Minutes of one act of help: 1 to 1440 (more than 0 and at most 24 hours)."""
    return st.integers(1, MAX_MINUTES_PER_ACT)


def _later(draw: st.DrawFn, after: datetime, most: timedelta) -> datetime:
    """An instant at or after ``after`` (by at most ``most``), in any time zone."""
    delta = draw(st.timedeltas(min_value=timedelta(0), max_value=most))
    return (after.astimezone(UTC) + delta).astimezone(draw(time_zones()))


@functools.cache
def _texts(max_size: int = 40) -> st.SearchStrategy[str]:
    return st.text(max_size=max_size)


@functools.cache
def _names() -> st.SearchStrategy[str]:
    return st.text(min_size=1, max_size=60).filter(lambda s: bool(s.strip()))


@functools.cache
def _reasons() -> st.SearchStrategy[str]:
    return st.text(min_size=1, max_size=60).filter(lambda s: bool(s.strip()))


@functools.cache
def category_codes() -> st.SearchStrategy[str]:
    """Codes like the default categories' or made up (``[a-z][a-z0-9_]*``)."""
    known = st.sampled_from(
        ["shopping", "rides", "visits", "garden", "repairs", "tech_help", "childcare"]
    )
    return st.one_of(known, _CODES)


_LOWER: Final = "abcdefghijklmnopqrstuvwxyz"
_CODES: Final = st.builds(
    operator.add,
    st.sampled_from(_LOWER),
    st.text(alphabet=_LOWER + "0123456789_", max_size=19),
)
_EMAILS: Final = st.builds(
    "{}@{}".format,
    st.text(alphabet=_LOWER + "0123456789._-", min_size=1, max_size=12),
    st.sampled_from(["example.org", "vg-daun.de", "buerger-fuer-buerger.de", "t-online.de"]),
)
_PHONES: Final = st.builds(
    "+49 {} {}".format, st.integers(100, 99_999), st.integers(1000, 99_999_999)
)


_LANGUAGES: Final = ("de", "en", "fr", "tr", "ar", "uk", "ru")


@functools.cache
def _titles() -> st.SearchStrategy[dict[str, str]]:
    return st.dictionaries(st.sampled_from(_LANGUAGES), _names(), max_size=4)


# --- community, places, actors ------------------------------------------------------


def communities(*, id: IdArg = None) -> st.SearchStrategy[Community]:
    return st.builds(
        Community,
        name=_names(),
        id=_ids(id),
        solidarity_policy=st.sampled_from(SolidarityPolicy),
        solidarity_account=st.uuids(),
        version=st.integers(1, 1000),
    )


def places(*, community_id: IdArg = None, id: IdArg = None) -> st.SearchStrategy[Place]:
    return st.builds(
        Place,
        community_id=_ids(community_id),
        name=_names(),
        kind=st.sampled_from(PlaceKind),
        id=_ids(id),
        population=st.none() | st.integers(0, 10_000_000),
        area_km2=st.none() | st.floats(0, 10_000, allow_nan=False, allow_infinity=False),
        lat=st.none() | st.floats(-90, 90, allow_nan=False),
        lon=st.none() | st.floats(-180, 180, allow_nan=False),
    )


@st.composite
def _qualifications(draw: st.DrawFn) -> Qualification:
    """A qualification valid from one day until a later day (or without end)."""
    kind = draw(st.sampled_from([k.value for k in QualificationKind]) | category_codes())
    valid_from = draw(dates())
    valid_until = draw(st.none() | st.dates(min_value=valid_from, max_value=MAX_DAY))
    return Qualification(kind, valid_from, valid_until)


@functools.cache
def qualifications() -> st.SearchStrategy[Qualification]:
    """A qualification valid from one day until a later day (or without end)."""
    return _qualifications()


def memberships(*, organisation_id: IdArg = None) -> st.SearchStrategy[Membership]:
    return st.builds(Membership, organisation_id=_ids(organisation_id), role=st.sampled_from(Role))


@functools.cache
def consents() -> st.SearchStrategy[Consent]:
    return st.builds(
        Consent,
        contact=st.booleans(),
        share_contact_details=st.booleans(),
        statistics=st.booleans(),
    )


@st.composite
def actors(
    draw: st.DrawFn,
    *,
    community_id: IdArg = None,
    id: IdArg = None,
    kind: ActorKind | st.SearchStrategy[ActorKind] | None = None,
    home_place_id: IdArg = None,
) -> Actor:
    """A person or organisation; an erased actor has its personal data erased."""
    actor = Actor(
        community_id=draw(_ids(community_id)),
        kind=draw(_pinned(kind, st.sampled_from(ActorKind))),
        name=draw(_names()),
        id=draw(_ids(id)),
        home_place_id=draw(st.none() | _ids(home_place_id)),
        email=draw(st.none() | _EMAILS),
        phone=draw(st.none() | _PHONES),
        birth_year=draw(st.none() | st.integers(1900, 2100)),
        skills=draw(st.frozensets(_names(), max_size=4)),
        qualifications=tuple(draw(st.lists(qualifications(), max_size=3))),
        memberships=tuple(draw(st.lists(memberships(), max_size=3))),
        consent=draw(consents()),
        trusted_persons=draw(st.frozensets(st.uuids(), max_size=3)),
        receives_solidarity=draw(st.booleans()),
        version=draw(st.integers(1, 1000)),
    )
    if draw(st.integers(0, 9)) == 0:
        actor = attrs.evolve(erase_personal(actor), erased=True)
    return actor


def categories(*, code: StrArg = None) -> st.SearchStrategy[Category]:
    return st.builds(
        Category,
        code=_pinned(code, category_codes()),
        names=_titles(),
        required_qualifications=st.frozensets(
            st.sampled_from([k.value for k in QualificationKind]), max_size=2
        ),
        description=_texts(),
    )


# --- time ---------------------------------------------------------------------------


@st.composite
def time_windows(draw: st.DrawFn, *, max_duration: timedelta = timedelta(days=30)) -> TimeWindow:
    """A window whose end is at or after its start (possibly in another time zone)."""
    start = draw(aware_datetimes())
    return TimeWindow(start, _later(draw, start, max_duration))


@functools.cache
def recurrences() -> st.SearchStrategy[Recurrence]:
    return st.builds(
        Recurrence,
        frequency=st.sampled_from(Frequency),
        interval=st.integers(1, 52),
        until=st.none() | dates(),
    )


# --- requests and offers ------------------------------------------------------------


def help_requests(
    *,
    community_id: IdArg = None,
    id: IdArg = None,
    recipient_id: IdArg = None,
    posted_by: IdArg = None,
    place_id: IdArg = None,
    category: StrArg = None,
    status: RequestStatus | st.SearchStrategy[RequestStatus] | None = None,
) -> st.SearchStrategy[HelpRequest]:
    """A request; ``posted_by`` is the recipient or (in a third of cases) someone else."""
    return _help_requests(
        community_id=_ids(community_id),
        id=_ids(id),
        recipient_id=_ids(recipient_id),
        posted_by=None if posted_by is None else _ids(posted_by),
        place_id=_ids(place_id),
        category=_pinned(category, category_codes()),
        status=_pinned(status, st.sampled_from(RequestStatus)),
    )


@st.composite
def _help_requests(
    draw: st.DrawFn,
    *,
    community_id: st.SearchStrategy[uuid.UUID],
    id: st.SearchStrategy[uuid.UUID],
    recipient_id: st.SearchStrategy[uuid.UUID],
    posted_by: st.SearchStrategy[uuid.UUID] | None,
    place_id: st.SearchStrategy[uuid.UUID],
    category: st.SearchStrategy[str],
    status: st.SearchStrategy[RequestStatus],
) -> HelpRequest:
    recipient = draw(recipient_id)
    if posted_by is None:
        poster = recipient if draw(st.integers(0, 2)) else draw(st.uuids())
    else:
        poster = draw(posted_by)
    return HelpRequest(
        community_id=draw(community_id),
        recipient_id=recipient,
        posted_by=poster,
        category=draw(category),
        place_id=draw(place_id),
        window=draw(time_windows()),
        minutes=draw(minutes()),
        posted_at=draw(aware_datetimes()),
        id=draw(id),
        title=draw(_texts()),
        description=draw(_texts(200)),
        helpers_needed=draw(st.integers(1, MAX_HELPERS)),
        recurrence=draw(st.none() | recurrences()),
        urgent=draw(st.booleans()),
        status=draw(status),
        version=draw(st.integers(1, 1000)),
    )


def help_offers(
    *,
    community_id: IdArg = None,
    id: IdArg = None,
    helper_id: IdArg = None,
    place_ids: IdArg = None,
    category: StrArg = None,
    status: OfferStatus | st.SearchStrategy[OfferStatus] | None = None,
) -> st.SearchStrategy[HelpOffer]:
    """An offer; ``place_ids`` is the strategy for each of its places (none: anywhere)."""
    return st.builds(
        HelpOffer,
        community_id=_ids(community_id),
        helper_id=_ids(helper_id),
        posted_by=st.uuids(),
        category=_pinned(category, category_codes()),
        place_ids=st.frozensets(_ids(place_ids), max_size=4),
        window=time_windows(),
        minutes=minutes(),
        posted_at=aware_datetimes(),
        id=_ids(id),
        title=_texts(),
        description=_texts(200),
        recurrence=st.none() | recurrences(),
        status=_pinned(status, st.sampled_from(OfferStatus)),
        version=st.integers(1, 1000),
    ).map(_posted_by_helper)


def _posted_by_helper(offer: HelpOffer) -> HelpOffer:
    """Most offers are posted by the helper; the rest on the helper's behalf."""
    if offer.posted_by.int % 3:
        return attrs.evolve(offer, posted_by=offer.helper_id)
    return offer


# --- exchanges ----------------------------------------------------------------------


@functools.cache
def transition_records() -> st.SearchStrategy[TransitionRecord]:
    """A single record, as found in an exchange's history."""

    def build(name: str) -> st.SearchStrategy[TransitionRecord]:
        transition = TRANSITIONS[name]
        return st.builds(
            TransitionRecord,
            transition=st.just(name),
            state=st.just(transition.target),
            by=st.uuids(),
            party=st.sampled_from(sorted(transition.parties)),
            at=aware_datetimes(),
            on_behalf_of=st.none() | st.uuids(),
            reason=_reasons() if transition.needs_reason else _texts(),
        )

    propose = st.builds(
        TransitionRecord,
        transition=st.just("propose"),
        state=st.just(ExchangeState.PROPOSED),
        by=st.uuids(),
        party=st.sampled_from(Party),
        at=aware_datetimes(),
        on_behalf_of=st.none() | st.uuids(),
    )
    return st.one_of(propose, st.sampled_from(sorted(TRANSITIONS)).flatmap(build))


#: the transitions towards a settled exchange, taken more often than the others
_FORWARD: Final[dict[ExchangeState, list[str]]] = {
    ExchangeState.PROPOSED: ["accept"],
    ExchangeState.ACCEPTED: ["complete"],
    ExchangeState.COMPLETED: ["confirm", "dispute"],
    ExchangeState.DISPUTED: ["resolve"],
}


def _acting(
    draw: st.DrawFn, party: Party, helper: uuid.UUID, recipient: uuid.UUID
) -> tuple[uuid.UUID, uuid.UUID | None]:
    """Who acts in ``party``'s capacity, and for whom (a trusted person for the recipient)."""
    if party is Party.HELPER:
        return helper, None
    if party is Party.RECIPIENT:
        if draw(st.integers(0, 3)) == 0:
            return draw(st.uuids()), recipient
        return recipient, None
    return draw(st.uuids()), None


@st.composite
def _exchanges(
    draw: st.DrawFn,
    *,
    community_id: st.SearchStrategy[uuid.UUID],
    id: st.SearchStrategy[uuid.UUID],
    helper_id: st.SearchStrategy[uuid.UUID],
    recipient_id: st.SearchStrategy[uuid.UUID],
    place_id: st.SearchStrategy[uuid.UUID],
    category: st.SearchStrategy[str],
    request_id: st.SearchStrategy[uuid.UUID] | None,
    offer_id: st.SearchStrategy[uuid.UUID] | None,
    max_steps: int,
) -> Exchange:
    helper = draw(helper_id)
    recipient = draw(recipient_id.filter(lambda r: r != helper))
    if request_id is not None and offer_id is not None:
        for_request = draw(st.booleans())
    else:
        for_request = offer_id is None
    proposer = draw(st.sampled_from(Party))
    by, on_behalf = _acting(draw, proposer, helper, recipient)
    at = draw(aware_datetimes())
    exchange = Exchange(
        community_id=draw(community_id),
        helper_id=helper,
        recipient_id=recipient,
        category=draw(category),
        place_id=draw(place_id),
        scheduled=draw(aware_datetimes()),
        minutes=draw(minutes()),
        proposed_by=proposer,
        history=(TransitionRecord("propose", ExchangeState.PROPOSED, by, proposer, at, on_behalf),),
        id=draw(id),
        request_id=draw(request_id if request_id is not None else st.uuids())
        if for_request
        else None,
        offer_id=None if for_request else draw(offer_id if offer_id is not None else st.uuids()),
        note=draw(_texts()),
    )
    # walk the state machine; the domain's own rules check every step
    for _ in range(draw(st.integers(0, max_steps))):
        names = allowed_transitions(exchange.state)
        if not names:
            break
        forward = _FORWARD.get(exchange.state)
        if forward is not None and draw(st.integers(0, 2)):
            name = draw(st.sampled_from(forward))
        else:
            name = draw(st.sampled_from(names))
        transition = TRANSITIONS[name]
        parties = sorted(
            p
            for p in transition.parties
            if not (
                transition.counterpart_only
                and p is exchange.proposed_by
                and p is not Party.COORDINATOR
            )
        )
        party = draw(st.sampled_from(parties))
        by, on_behalf = _acting(draw, party, helper, recipient)
        at = _later(draw, at, timedelta(days=60))
        new_minutes: int | None = None
        if name == "complete":
            new_minutes = draw(st.none() | minutes())
        elif name == "resolve":
            new_minutes = draw(st.integers(0, MAX_MINUTES_PER_ACT))
        exchange = exchange.apply(
            name,
            party=party,
            by=by,
            at=at,
            on_behalf_of=on_behalf,
            reason=draw(_reasons()) if transition.needs_reason else draw(_texts()),
            minutes=new_minutes,
        )
    return exchange


def exchanges(
    *,
    community_id: IdArg = None,
    id: IdArg = None,
    helper_id: IdArg = None,
    recipient_id: IdArg = None,
    place_id: IdArg = None,
    category: StrArg = None,
    request_id: IdArg = None,
    offer_id: IdArg = None,
    states: frozenset[ExchangeState] | None = None,
    max_steps: int = 4,
) -> st.SearchStrategy[Exchange]:
    """An exchange with a consistent history: a proposal, then legal transitions.

    Each step is made by a party allowed to make it (the other side answers a
    proposal), at a time no earlier than the step before; ``version`` counts the
    steps and ``state`` is the last step's. Helper and recipient differ. Pinning
    ``request_id`` (or ``offer_id``) makes every exchange serve a request (an offer);
    ``states`` keeps only exchanges that end in one of them.
    """
    strategy = _exchanges(
        community_id=_ids(community_id),
        id=_ids(id),
        helper_id=_ids(helper_id),
        recipient_id=_ids(recipient_id),
        place_id=_ids(place_id),
        category=_pinned(category, category_codes()),
        request_id=None if request_id is None else _ids(request_id),
        offer_id=None if offer_id is None else _ids(offer_id),
        max_steps=max_steps,
    )
    if states is None:
        return strategy
    wanted = frozenset(states)
    return strategy.filter(lambda e: e.state in wanted)


# --- commitments --------------------------------------------------------------------


@functools.cache
def status_changes() -> st.SearchStrategy[StatusChange]:
    return st.builds(StatusChange, status=st.sampled_from(CommitmentStatus), on=dates())


@st.composite
def commitments(
    draw: st.DrawFn,
    *,
    community_id: IdArg = None,
    id: IdArg = None,
    actor_id: IdArg = None,
    place_ids: IdArg = None,
) -> Commitment:
    """A commitment whose pauses, resumptions and end were made through its own methods."""
    period = draw(st.sampled_from(Period))
    limit = 7 * 24 * 60 if period is Period.WEEK else MAX_COMMITMENT_MINUTES
    valid_from = draw(dates())
    commitment = Commitment(
        community_id=draw(_ids(community_id)),
        actor_id=draw(_ids(actor_id)),
        minutes_per_period=draw(st.integers(1, limit)),
        period=period,
        valid_from=valid_from,
        made_at=draw(aware_datetimes()),
        id=draw(_ids(id)),
        categories=draw(st.frozensets(category_codes(), max_size=3)),
        place_ids=draw(st.frozensets(_ids(place_ids), max_size=3)),
        valid_until=draw(st.none() | st.dates(min_value=valid_from, max_value=MAX_DAY)),
    )
    day = valid_from
    for _ in range(draw(st.integers(0, 4))):
        if commitment.status is CommitmentStatus.ENDED:
            break
        day = min(day + timedelta(days=draw(st.integers(0, 120))), MAX_DAY)
        change: Callable[[date], Commitment]
        if draw(st.integers(0, 3)) == 0:
            change = commitment.ended
        elif commitment.status is CommitmentStatus.ACTIVE:
            change = commitment.paused
        else:
            change = commitment.resumed
        commitment = change(day)
    return commitment


# --- ledger and recognition ---------------------------------------------------------


def entries(*, account: IdArg = None) -> st.SearchStrategy[Entry]:
    return st.builds(Entry, account=_ids(account), minutes=st.integers(-100_000, 100_000))


@st.composite
def postings(
    draw: st.DrawFn,
    *,
    community_id: IdArg = None,
    id: IdArg = None,
    account: IdArg = None,
    kind: PostingKind | None = None,
) -> Posting:
    """A balanced posting: at least two entries that sum to zero.

    ``account`` is the strategy for each entry's account (pass ``st.sampled_from``
    of a few accounts to have postings share them).
    """
    accounts = _ids(account)
    amounts = draw(st.lists(st.integers(-50_000, 50_000).filter(bool), min_size=1, max_size=4))
    amounts.append(-sum(amounts))
    chosen = draw(st.permutations(amounts))
    kind = kind or draw(st.sampled_from(PostingKind))
    return Posting(
        community_id=draw(_ids(community_id)),
        kind=kind,
        entries=tuple(Entry(draw(accounts), amount) for amount in chosen),
        at=draw(aware_datetimes()),
        made_by=draw(st.uuids()),
        id=draw(_ids(id)),
        exchange_id=draw(st.uuids())
        if kind is PostingKind.EXCHANGE
        else draw(st.none() | st.uuids()),
        reason=draw(_reasons()) if kind is PostingKind.ADJUSTMENT else draw(_texts()),
    )


def recognitions(
    *, community_id: IdArg = None, id: IdArg = None, actor_id: IdArg = None
) -> st.SearchStrategy[Recognition]:
    return st.builds(
        Recognition,
        community_id=_ids(community_id),
        actor_id=_ids(actor_id),
        code=category_codes(),
        titles=_titles(),
        awarded_at=aware_datetimes(),
        id=_ids(id),
    )


# --- events -------------------------------------------------------------------------


def _for_field(name: str, type_: Any, community_id: IdArg) -> st.SearchStrategy[Any]:
    if name == "community_id":
        return _ids(community_id)
    if type_ is uuid.UUID:
        return st.uuids()
    if type_ == uuid.UUID | None:
        return st.none() | st.uuids()
    if type_ is datetime:
        return aware_datetimes()
    if type_ is int:
        return st.integers(0, MAX_MINUTES_PER_ACT)
    if type_ is str:
        return category_codes() if name == "code" else _texts()
    # a new kind of event field needs a line above
    raise TypeError(f"no strategy for event field {name}: {type_!r}")


def _event_strategy(cls: type[DomainEvent], community_id: IdArg) -> st.SearchStrategy[DomainEvent]:
    hints = typing.get_type_hints(cls)
    fields = {f.name: _for_field(f.name, hints[f.name], community_id) for f in attrs.fields(cls)}
    return st.builds(cls, **fields)


def domain_events(
    *,
    community_id: IdArg = None,
    types: tuple[type[DomainEvent], ...] = EVENT_CLASSES,
) -> st.SearchStrategy[DomainEvent]:
    """An event of any of ``types`` (default: every subclass of ``DomainEvent``)."""
    return st.one_of([_event_strategy(cls, community_id) for cls in types])


# --- everything ---------------------------------------------------------------------


def entities() -> st.SearchStrategy[Entity]:
    """Any entity, value object or event of the model."""
    choices: list[st.SearchStrategy[Entity]] = [
        communities(),
        places(),
        qualifications(),
        memberships(),
        consents(),
        actors(),
        categories(),
        time_windows(),
        recurrences(),
        help_requests(),
        help_offers(),
        transition_records(),
        exchanges(),
        status_changes(),
        commitments(),
        entries(),
        postings(),
        recognitions(),
        domain_events(),
    ]
    return st.one_of(choices)
