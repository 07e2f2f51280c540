"""Read models of the pages: the board, a person's lists, the coordinator dashboard.

They read through the community's use cases only (no storage of their own), so every
storage plugin serves them, and as the viewer: a coordinator's dashboard counts what
the policy lets them coordinate (the whole community, or their organisations' work).
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, TypeVar
from zoneinfo import ZoneInfo

import attrs

from sorgende import CommunityService, Page, indicators
from sorgende.domain.exchanges import Exchange, ExchangeState
from sorgende.domain.help import HelpOffer, HelpRequest, OfferStatus, RequestStatus

if TYPE_CHECKING:
    from sorgende_web.access import Viewer

T = TypeVar("T")

#: exchanges that still need something of someone
ACTIVE_STATES = (
    ExchangeState.PROPOSED,
    ExchangeState.ACCEPTED,
    ExchangeState.COMPLETED,
    ExchangeState.DISPUTED,
)
DONE_STATES = (ExchangeState.CONFIRMED, ExchangeState.RESOLVED)


def cut(items: Sequence[T], offset: int, limit: int) -> Page[T]:
    """A page of a list read whole (lists that stay short; the board pages in storage)."""
    return Page(items[offset : offset + limit], len(items), offset, limit)


def board_requests(
    service: CommunityService,
    *,
    place_id: uuid.UUID | None,
    category: str | None,
    offset: int,
    limit: int,
) -> Page[HelpRequest]:
    """Open requests, urgent ones first, then by when help is needed.

    The storage pages them from an index (``CommunityService.board``): loading every open
    request for one page of twenty made the board of a large community take seconds.
    """
    return service.board(place_id=place_id, category=category, offset=offset, limit=limit)


def board_offers(
    service: CommunityService,
    *,
    place_id: uuid.UUID | None,
    category: str | None,
    offset: int,
    limit: int,
) -> Page[HelpOffer]:
    """Open offers that cover the place (an offer without places covers every place)."""
    found = service.offers(statuses=(OfferStatus.OPEN,), category=category)
    if place_id is not None:
        found = [o for o in found if not o.place_ids or place_id in o.place_ids]
    ordered = sorted(found, key=lambda o: (o.window.start, str(o.id)))
    return cut(ordered, offset, limit)


def my_exchanges(service: CommunityService, actor_id: uuid.UUID) -> list[Exchange]:
    found = service.exchanges(actor_id=actor_id, by=actor_id)
    return sorted(found, key=lambda e: (e.state.is_final, e.scheduled), reverse=False)


def coordinated_exchanges(viewer: Viewer) -> list[Exchange]:
    """The unfinished exchanges the viewer coordinates, by when they are scheduled."""
    found = [
        e
        for e in viewer.service.exchanges(states=ACTIVE_STATES, by=viewer.actor_id)
        if viewer.coordinates_org(e.organisation_id)
    ]
    found.sort(key=lambda e: e.scheduled)
    return found


# -- the coordinator dashboard --------------------------------------------------------


@attrs.frozen
class Waiting:
    request: HelpRequest
    age_days: int


@attrs.frozen
class PlaceNeeds:
    place_id: uuid.UUID
    requests: int
    met: int

    @property
    def share(self) -> float:
        return self.met / self.requests if self.requests else 0.0


@attrs.frozen
class ActiveHelper:
    actor_id: uuid.UUID
    exchanges: int
    minutes: int


@attrs.frozen
class MonthHours:
    month: date
    minutes: int
    exchanges: int


@attrs.frozen
class Dashboard:
    waiting: Sequence[Waiting]
    #: open requests by age: under a day, 1-3 days, 3-7 days, longer
    age_buckets: Sequence[tuple[str, int]]
    needs: Sequence[PlaceNeeds]
    helpers: Sequence[ActiveHelper]
    months: Sequence[MonthHours]
    since: date


AGE_BUCKETS = (("0-1", 1), ("1-3", 3), ("3-7", 7), ("7+", None))


def dashboard(
    viewer: Viewer, now: datetime, zone: ZoneInfo, *, days: int = 90, months: int = 12
) -> Dashboard:
    """What a coordinator looks at: who waits longest, which places get help, who helps;
    of the requests and exchanges the viewer coordinates."""
    service, by = viewer.service, viewer.actor_id
    mine = viewer.coordinates_org
    # the open requests only (the storage's board index), not the community's history
    waiting = [
        Waiting(r, max(0, (now - r.posted_at).days))
        for r in service.requests(statuses=(RequestStatus.OPEN,), by=by)
        if mine(r.organisation_id)
    ]
    waiting.sort(key=lambda w: (-w.age_days, w.request.posted_at))
    buckets: Counter[str] = Counter()
    for w in waiting:
        for label, limit in AGE_BUCKETS:
            if limit is None or w.age_days < limit:
                buckets[label] += 1
                break
    # needs per place and hours per month are the shared indicators (sorgende.indicators):
    # one definition for this dashboard, the impact reports and the simulation; an
    # organisation's coordinators see their organisation's, the backbone the community's
    local = now.astimezone(zone).date()
    since = _month_start(local, max(0, days // 30 - 1))
    first_month = _month_start(local, months - 1)
    scope = indicators.scope_of(viewer.acting)
    engine = indicators.engine(viewer.platform, viewer.service.community_id)
    cells, consent = engine.snapshot(), engine.consent
    per_place: dict[uuid.UUID, list[int]] = defaultdict(lambda: [0, 0])
    for f in indicators.figures(
        cells, consent, by=("place",), start=since, within=scope, threshold=1,
        indicators=("needs_posted", "needs_met"),
    ):  # fmt: skip
        if f.place is not None:
            per_place[f.place][0 if f.indicator == "needs_posted" else 1] = int(f.value or 0)
    needs = sorted(
        (PlaceNeeds(p, c[0], c[1]) for p, c in per_place.items() if c[0]),
        key=lambda n: (n.share, -n.requests),
    )
    by_month: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for f in indicators.figures(
        cells, consent, by=("month",), start=first_month, within=scope, threshold=1,
        indicators=("hours_given", "exchanges"),
    ):  # fmt: skip
        if f.month is not None and f.value is not None:
            if f.indicator == "hours_given":
                by_month[f.month][0] = round(f.value * 60)
            else:
                by_month[f.month][1] = int(f.value)
    recent = now - timedelta(days=30)
    helped: dict[uuid.UUID, list[int]] = defaultdict(lambda: [0, 0])
    # the states that count, filtered by the storage (not proposed, declined, cancelled)
    for e in service.exchanges(states=(*ACTIVE_STATES[1:], *DONE_STATES), by=by):
        if not mine(e.organisation_id):
            continue
        if e.scheduled >= recent:
            entry = helped[e.helper_id]
            entry[0] += 1
            entry[1] += e.minutes if e.state in DONE_STATES else 0
    helpers = sorted(
        (ActiveHelper(a, c[0], c[1]) for a, c in helped.items()),
        key=lambda h: (-h.exchanges, -h.minutes, str(h.actor_id)),
    )
    month_list = []
    month = first_month
    for _ in range(months):
        minutes, count = by_month.get(month, [0, 0])
        month_list.append(MonthHours(month, minutes, count))
        month = _next_month(month)
    return Dashboard(
        waiting=waiting,
        age_buckets=[(label, buckets[label]) for label, _ in AGE_BUCKETS],
        needs=needs,
        helpers=helpers,
        months=month_list,
        since=since,
    )


def _month_start(day: date, back: int) -> date:
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)
