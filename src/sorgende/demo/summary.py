"""What the demo reports: the summary of its weeks, equal for equal seeds."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date, datetime, timedelta

import attrs

from sorgende.data import load_places
from sorgende.demo.cast import Cast
from sorgende.domain.actors import ActorKind
from sorgende.domain.commitments import Commitment
from sorgende.domain.community import PlaceKind
from sorgende.domain.exchanges import ExchangeState
from sorgende.domain.help import HelpRequest, RequestStatus
from sorgende.services.community import CommunityService

# --- the summary --------------------------------------------------------------------


@attrs.frozen
class HelperBalance:
    name: str
    place: str
    minutes: int


@attrs.frozen
class CommitmentReport:
    """How far one helper kept their self-commitment."""

    name: str
    place: str
    minutes_per_period: int
    target_minutes: int
    given_minutes: int
    periods: int
    periods_kept: int
    periods_paused: int


@attrs.frozen
class DisputeReport:
    helper: str
    recipient: str
    coordinator: str
    claimed_minutes: int
    resolved_minutes: int


@attrs.frozen
class DemoSummary:
    """What happened in the demo, without ids: equal for equal seeds."""

    community: str
    start: date
    weeks: int
    places: int
    towns: int
    villages: int
    population: int
    people: int
    helpers: int
    coordinators: int
    organisations: int
    #: request status value -> count, in the order of :class:`RequestStatus`
    requests_by_status: Mapping[str, int]
    #: exchange state value -> count, in the order of :class:`ExchangeState`
    exchanges_by_state: Mapping[str, int]
    offers: int
    offer_exchanges: int
    confirmed_exchanges: int
    given_minutes: int
    top_helpers: tuple[HelperBalance, ...]
    solidarity_minutes: int
    solidarity_recipients: tuple[str, ...]
    newcomer: str
    newcomer_received_minutes: int
    balance_checksum: int
    commitments: tuple[CommitmentReport, ...]
    senior: str
    coordinator: str
    on_behalf_requests: int
    recurring_occurrences: int
    recurring_confirmed: int
    recurring_status: str
    paused_helper: str | None
    pause_replacement: str | None
    dispute: DisputeReport | None
    event_needed: int
    event_filled: int
    event_status: str | None
    cancelled: int
    replaced: int
    #: (titles by language, count) per kind of recognition, most frequent first
    recognitions: tuple[tuple[Mapping[str, str], int], ...]
    seed: int | None = None


@attrs.define
class Story:
    """What the simulation remembers for the summary."""

    on_behalf: int = 0
    recurring: HelpRequest | None = None
    recurring_occurrences: int = 0
    commitment: Commitment | None = None
    paused_helper: str | None = None
    pause_replacement: str | None = None
    dispute_week: int = 0
    dispute_planned: bool = False
    dispute: DisputeReport | None = None
    event: HelpRequest | None = None
    event_filled: int = 0
    cancelled: int = 0
    replaced: int = 0


def summarise(
    c: CommunityService, cast: Cast, story: Story, start: datetime, weeks: int
) -> DemoSummary:
    """What the weeks from ``start`` did to the community ``c`` with its ``cast``."""
    last_day = (start + timedelta(weeks=weeks, days=-1)).date()
    info = c.info()
    records = load_places()
    actors = c.actors()
    persons = [a for a in actors if a.kind is ActorKind.PERSON]
    requests = c.requests()
    exchanges = c.exchanges()
    request_counts = Counter(r.status for r in requests)
    state_counts = Counter(e.state for e in exchanges)
    counted = [
        e
        for e in exchanges
        if e.state in (ExchangeState.CONFIRMED, ExchangeState.RESOLVED) and e.minutes > 0
    ]
    balances = {a.id: c.balance(a.id).minutes for a in actors}
    solidarity = c.balance(info.solidarity_account).minutes
    top = sorted(
        (
            HelperBalance(h.name, cast.place_name(h.home_place_id), balances[h.id])
            for h in cast.helpers
        ),
        key=lambda b: (-b.minutes, b.name),
    )[:5]
    reports = []
    for commitment in c.commitments():
        actor = c.actor(commitment.actor_id)
        kept = c.fulfilment(commitment.id, today=last_day)
        reports.append(
            CommitmentReport(
                name=actor.name,
                place=cast.place_name(actor.home_place_id),
                minutes_per_period=commitment.minutes_per_period,
                target_minutes=kept.target_minutes,
                given_minutes=kept.given_minutes,
                periods=len(kept.periods),
                periods_kept=kept.periods_kept,
                periods_paused=sum(1 for p in kept.periods if p.target_minutes == 0),
            )
        )
    recurring = story.recurring
    recurring_confirmed = 0
    recurring_status = "-"
    if recurring is not None:
        recurring_confirmed = sum(
            1
            for e in c.exchanges(request_id=recurring.id)
            if e.state in (ExchangeState.CONFIRMED, ExchangeState.RESOLVED)
        )
        recurring_status = c.request(recurring.id).status.value
    event = story.event
    recognitions: dict[str, tuple[Mapping[str, str], int]] = {}
    for recognition in c.recognitions():
        titles, count = recognitions.get(recognition.code, (recognition.titles, 0))
        recognitions[recognition.code] = (titles, count + 1)
    newcomer_received = sum(e.minutes for e in counted if e.recipient_id == cast.newcomer.id)
    return DemoSummary(
        community=info.name,
        start=start.date(),
        weeks=weeks,
        places=len(c.places()),
        towns=sum(1 for r in records if r.kind is PlaceKind.TOWN),
        villages=sum(1 for r in records if r.kind is PlaceKind.VILLAGE),
        population=sum(r.population for r in records),
        people=len(persons),
        helpers=len(cast.helpers),
        coordinators=sum(1 for p in persons if c.is_coordinator(p.id)),
        organisations=len(actors) - len(persons),
        requests_by_status={s.value: request_counts[s] for s in RequestStatus if request_counts[s]},
        exchanges_by_state={s.value: state_counts[s] for s in ExchangeState if state_counts[s]},
        offers=len(c.offers(statuses=None)),
        offer_exchanges=sum(1 for e in exchanges if e.offer_id is not None),
        confirmed_exchanges=len(counted),
        given_minutes=sum(e.minutes for e in counted),
        top_helpers=tuple(top),
        solidarity_minutes=solidarity,
        solidarity_recipients=tuple(sorted(a.name for a in persons if a.receives_solidarity)),
        newcomer=cast.newcomer.name,
        newcomer_received_minutes=newcomer_received,
        balance_checksum=sum(balances.values()) + solidarity,
        commitments=tuple(sorted(reports, key=lambda r: r.name)),
        senior=cast.senior.name,
        coordinator=cast.coordinator.name,
        on_behalf_requests=story.on_behalf,
        recurring_occurrences=story.recurring_occurrences,
        recurring_confirmed=recurring_confirmed,
        recurring_status=recurring_status,
        paused_helper=story.paused_helper,
        pause_replacement=story.pause_replacement,
        dispute=story.dispute,
        event_needed=event.helpers_needed if event is not None else 0,
        event_filled=story.event_filled,
        event_status=c.request(event.id).status.value if event is not None else None,
        cancelled=story.cancelled,
        replaced=story.replaced,
        recognitions=tuple(
            recognitions[code]
            for code in sorted(recognitions, key=lambda k: (-recognitions[k][1], k))
        ),
    )
