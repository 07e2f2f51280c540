"""Which open requests wait for an offer of help: the rule of the coordination's queue.

A request is unmatched while it is open and none of its exchanges offers help for it:
none holds one of its places (:attr:`~sorgende.domain.exchanges.ExchangeState.holds_place`)
and none is proposed (an offer waiting for an answer). A declined, cancelled or no-show
exchange leaves it unmatched. The storages answer ``RequestRepository.unmatched`` by this
rule: the memory storage by calling :func:`is_unmatched`, the SQL storage by the states of
:data:`OFFERING_STATES`; the storage contract checks both against :func:`is_unmatched`.
The use cases (``sorgende.services.inbox``) ask the storage; the rule is the domain's, so
that the storages and the use cases read the same one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sorgende.domain.exchanges import Exchange, ExchangeState
from sorgende.domain.help import HelpRequest, RequestStatus


def offers_help(state: ExchangeState) -> bool:
    """Whether an exchange in ``state`` means someone offered help for its request: it
    holds a place, or it is proposed and waits for an answer."""
    return state.holds_place or state is ExchangeState.PROPOSED


#: the states of :func:`offers_help`, for storages that ask for them by value
OFFERING_STATES = frozenset(s for s in ExchangeState if offers_help(s))


def is_unmatched(request: HelpRequest, exchanges: Iterable[Exchange]) -> bool:
    """Whether ``request`` (with its ``exchanges``) is open and nobody offered help for it."""
    return request.status is RequestStatus.OPEN and not any(offers_help(e.state) for e in exchanges)


def queue_order(request: HelpRequest) -> tuple[bool, datetime, int]:
    """The order of the coordination's queue: urgent first, then the longest waiting (by
    ``posted_at``, compared as instants), then by id (as the storages' indexes order it)."""
    return not request.urgent, request.posted_at.astimezone(UTC), request.id.int
