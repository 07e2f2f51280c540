"""Strategies for requests, offers, exchanges and self-commitments."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import Final

import attrs
from hypothesis import strategies as st

from sorgende.domain.commitments import Commitment, CommitmentStatus, Period, StatusChange
from sorgende.domain.exchanges import (
    TRANSITIONS,
    Exchange,
    ExchangeState,
    Party,
    TransitionRecord,
    allowed_transitions,
)
from sorgende.domain.help import MAX_HELPERS, HelpOffer, HelpRequest, OfferStatus, RequestStatus
from sorgende.domain.values import MAX_MINUTES_PER_ACT
from sorgende.testing.strategies.basics import (
    MAX_COMMITMENT_MINUTES,
    MAX_DAY,
    IdArg,
    StrArg,
    _ids,
    _later,
    _pinned,
    _reasons,
    _texts,
    aware_datetimes,
    category_codes,
    dates,
    minutes,
)
from sorgende.testing.strategies.people import (
    recurrences,
    time_windows,
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
        if transition.after_start and at < exchange.scheduled:
            at = exchange.scheduled  # what happened is told once the help began
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
    proposal), at a time no earlier than the step before (and, for a completion or a
    no-show, than the scheduled start); ``version`` counts the
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
