"""Strategies for the ledger, recognitions, domain events and any entity."""

from __future__ import annotations

import typing
import uuid
from datetime import datetime
from typing import Any

import attrs
from hypothesis import strategies as st

from sorgende.domain.events import DomainEvent
from sorgende.domain.ledger import Entry, Posting, PostingKind
from sorgende.domain.recognition import Recognition
from sorgende.domain.values import MAX_MINUTES_PER_ACT
from sorgende.testing.strategies.basics import (
    EVENT_CLASSES,
    Entity,
    IdArg,
    _ids,
    _reasons,
    _texts,
    _titles,
    aware_datetimes,
    category_codes,
)
from sorgende.testing.strategies.help import (
    commitments,
    exchanges,
    help_offers,
    help_requests,
    status_changes,
    transition_records,
)
from sorgende.testing.strategies.people import (
    actors,
    categories,
    communities,
    consents,
    memberships,
    places,
    qualifications,
    recurrences,
    time_windows,
)

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
        reason=draw(_reasons())
        if kind in (PostingKind.ADJUSTMENT, PostingKind.ACTIVITY)
        else draw(_texts()),
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
    if type_ is bool:
        return st.booleans()
    if type_ is int:
        return st.integers(0, MAX_MINUTES_PER_ACT)
    if type_ is str:
        return category_codes() if name == "code" else _texts()
    if type_ == tuple[str, ...]:
        return st.lists(_texts(), max_size=3).map(tuple)
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
