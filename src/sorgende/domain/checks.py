"""What in stored records breaks the model's rules: the findings of ``sorgende db check``.

Records written before a rule existed (or under a wider grace or horizon than the
community sets now) may break it. The use cases refuse to make such records; these
functions find the ones already stored, each finding naming the record, the field and
what is wrong, so the operator can repair or withdraw them. They read records that
could be loaded; rows a storage cannot load at all are its own to report.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import attrs

from sorgende.domain.actors import Actor
from sorgende.domain.exchanges import Exchange, ExchangeState
from sorgende.domain.help import HelpOffer, HelpRequest, OfferStatus, RequestStatus
from sorgende.domain.values import representable
from sorgende.domain.windows import WindowRules
from sorgende.errors import Message, Text
from sorgende.i18n import LocalDateTime


@attrs.frozen
class Finding:
    """One rule a stored record breaks."""

    #: ``request``, ``offer`` or ``exchange``
    kind: str
    id: uuid.UUID
    field: str
    problem: Text


def request_findings(request: HelpRequest, rules: WindowRules) -> list[Finding]:
    """A request's window against the time rules, judged from when it was posted."""
    problem = rules.problem(request.window, request.recurrence, request.posted_at)
    return [] if problem is None else [Finding("request", request.id, *problem)]


def offer_findings(offer: HelpOffer, rules: WindowRules) -> list[Finding]:
    """An offer's window against the time rules, judged from when it was posted."""
    problem = rules.problem(offer.window, offer.recurrence, offer.posted_at)
    return [] if problem is None else [Finding("offer", offer.id, *problem)]


def exchange_findings(exchange: Exchange, time_zone: str) -> list[Finding]:
    """An exchange's time, and a completion or no-show reported before the help began."""
    if not representable(exchange.scheduled):
        return [
            Finding(
                "exchange",
                exchange.id,
                "scheduled",
                Message("check.unrepresentable", value=LocalDateTime(exchange.scheduled)),
            )
        ]
    found = []
    for record in exchange.history:
        if record.transition in ("complete", "no_show") and record.at < exchange.scheduled:
            found.append(
                Finding(
                    "exchange",
                    exchange.id,
                    "history",
                    Message(
                        "check.before_start",
                        change=Message(f"rules.change.{record.transition}"),
                        at=LocalDateTime(record.at, time_zone),
                        scheduled=LocalDateTime(exchange.scheduled, time_zone),
                    ),
                )
            )
    return found


def double_bookings(exchanges: Iterable[Exchange], time_zone: str) -> list[Finding]:
    """Accepted exchanges of one helper whose times overlap (each pair once)."""
    by_helper: dict[uuid.UUID, list[Exchange]] = defaultdict(list)
    for exchange in exchanges:
        if exchange.state is ExchangeState.ACCEPTED and representable(exchange.scheduled):
            by_helper[exchange.helper_id].append(exchange)
    found = []
    for held in by_helper.values():
        held.sort(key=lambda e: e.scheduled)
        for i, exchange in enumerate(held):
            # sorted by start: only the following ones that start before this one ends
            for other in held[i + 1 :]:
                if other.scheduled >= exchange.ends:
                    break
                found.append(
                    Finding(
                        "exchange",
                        other.id,
                        "scheduled",
                        Message(
                            "check.double_booked",
                            other=exchange.id,
                            when=LocalDateTime(exchange.scheduled, time_zone),
                        ),
                    )
                )
    return found


def inactive_findings(
    requests: Sequence[HelpRequest],
    offers: Sequence[HelpOffer],
    exchanges: Sequence[Exchange],
    actors: Mapping[uuid.UUID, Actor],
) -> list[Finding]:
    """Open requests, offers and exchanges of persons who no longer take part."""

    def gone(actor_id: uuid.UUID) -> bool:
        actor = actors.get(actor_id)
        return actor is not None and not actor.active

    found = [
        Finding("request", r.id, "recipient_id", Message("check.inactive"))
        for r in requests
        if r.status in (RequestStatus.OPEN, RequestStatus.MATCHED) and gone(r.recipient_id)
    ]
    found += [
        Finding("offer", o.id, "helper_id", Message("check.inactive"))
        for o in offers
        if o.status is OfferStatus.OPEN and gone(o.helper_id)
    ]
    found += [
        Finding("exchange", e.id, field, Message("check.inactive"))
        for e in exchanges
        if e.state in (ExchangeState.PROPOSED, ExchangeState.ACCEPTED)
        for field, person in (("helper_id", e.helper_id), ("recipient_id", e.recipient_id))
        if gone(person)
    ]
    return found
