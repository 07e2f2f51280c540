"""Read models of the pages: the board, a person's lists, the coordinator dashboard.

They read through the community's use cases only (no storage of their own), so every
storage plugin serves them, and as the viewer: a coordinator's dashboard counts what
the policy lets them coordinate (the whole community, or their organisations' work).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, TypeVar
from zoneinfo import ZoneInfo

import attrs

from sorgende import CommunityService, Page, indicators
from sorgende.domain.exchanges import Exchange, ExchangeState
from sorgende.domain.help import HelpOffer, HelpRequest, OfferStatus

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
class AgeBucket:
    """How many open requests have waited this long (``more``: more than ``count``)."""

    label: str
    count: int
    more: bool = False


@attrs.frozen
class Dashboard:
    #: the open requests that have waited longest (at most :data:`WAITING_SHOWN`)
    waiting: Sequence[Waiting]
    #: open requests by age: under a day, 1-3 days, 3-7 days, longer
    age_buckets: Sequence[AgeBucket]
    needs: Sequence[PlaceNeeds]
    helpers: Sequence[ActiveHelper]
    months: Sequence[MonthHours]
    since: date
    #: the active helpers are those of the latest :data:`HELPED_READ` exchanges: there
    #: were more in the 30 days (a large community's dashboard reads no further)
    helpers_more: bool = False
    #: how many exchanges the active helpers were counted from
    helped_exchanges: int = 0

    @property
    def waiting_total(self) -> int:
        """How many open requests wait (counted per age; see :attr:`waiting_more`)."""
        return sum(b.count for b in self.age_buckets)

    @property
    def waiting_more(self) -> bool:
        """A count by age stopped at its limit: more than :attr:`waiting_total` wait."""
        return any(b.more for b in self.age_buckets)


#: (label, upper bound in days): under a day, 1-3 days, 3-7 days, longer
AGE_BUCKETS = (("0-1", 1), ("1-3", 3), ("3-7", 7), ("7+", None))
#: how many of the longest-waiting requests the dashboard lists
WAITING_SHOWN = 25
#: how many of the latest exchanges of the 30 days the active helpers are counted from
HELPED_READ = 1000


def dashboard(
    viewer: Viewer, now: datetime, zone: ZoneInfo, *, days: int = 90, months: int = 12
) -> Dashboard:
    """What a coordinator looks at: who waits longest, which places get help, who helps;
    of the requests and exchanges the viewer coordinates."""
    service, by = viewer.service, viewer.actor_id
    # the storage's indexes by time answer these in the viewer's scope (what they
    # coordinate), each stopping at a limit: the cost does not grow with the community
    waiting = [
        Waiting(r, max(0, (now - r.posted_at).days))
        for r in service.waiting(limit=WAITING_SHOWN, by=by)
    ]
    buckets = []
    until: datetime | None = None
    for label, limit in AGE_BUCKETS:
        # under ``limit`` days old: posted after now - limit days (and at or before the
        # start of the younger bucket)
        after = None if limit is None else now - timedelta(days=limit)
        counted = service.count_waiting(posted_after=after, posted_until=until, by=by)
        buckets.append(AgeBucket(label, counted.number, counted.more))
        until = after
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
    helped: dict[uuid.UUID, list[int]] = defaultdict(lambda: [0, 0])
    # the exchanges of the 30 days in the states that count (not proposed, declined,
    # cancelled), latest first, of what the viewer coordinates
    recent = service.exchanges_since(
        now - timedelta(days=30),
        states=(*ACTIVE_STATES[1:], *DONE_STATES),
        limit=HELPED_READ,
        by=by,
    )
    for e in recent.items:
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
        age_buckets=buckets,
        needs=needs,
        helpers=helpers,
        months=month_list,
        since=since,
        helpers_more=recent.more,
        helped_exchanges=len(recent.items),
    )


def _month_start(day: date, back: int) -> date:
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)
