"""The weeks of the demo: a queue of timed actions on the simulated clock.

:func:`play` lets weeks pass through the real use cases only: requests and offers are
posted, helpers found with ``candidates_for``, exchanges proposed, accepted, completed
and confirmed; some are declined, cancelled (and refilled by a coordinator) or do not
take place; one is disputed and resolved by a coordinator. Everything depends only on
the random generator passed in, so a seed gives the same weeks every time.
:func:`run_demo` does it all on a fresh platform (the ``sorgende demo`` command).
"""

from __future__ import annotations

import heapq
import random
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime, time, timedelta
from functools import partial

import attrs

from sorgende.clock import SimClock
from sorgende.config import Settings
from sorgende.data import (
    COMMUNITY_NAME,
    START,
    TZ,
)
from sorgende.demo.cast import _CANCEL_REASONS, DEFAULT_SEED, Cast, _places_near, build_daun
from sorgende.demo.summary import DemoSummary, DisputeReport, Story, summarise
from sorgende.domain.actors import (
    Actor,
)
from sorgende.domain.commitments import Period
from sorgende.domain.exchanges import Exchange
from sorgende.domain.help import HelpOffer, HelpRequest, RequestStatus
from sorgende.domain.values import Frequency, Recurrence, TimeWindow
from sorgende.errors import InvalidValue, Message
from sorgende.i18n import format_number
from sorgende.services.community import CommunityService

DEFAULT_WEEKS = 4
MAX_WEEKS = 52


# --- the weeks ----------------------------------------------------------------------

_PICK_WEIGHTS = (0.5, 0.22, 0.13, 0.09, 0.06)


class _Simulation:
    """Weeks of a community, as a queue of timed actions on the simulated clock."""

    def __init__(
        self,
        service: CommunityService,
        cast: Cast,
        rng: random.Random,
        clock: SimClock,
        weeks: int,
    ) -> None:
        self.c = service
        self.cast = cast
        self.rng = rng
        self.clock = clock
        self.weeks = weeks
        self.start = clock.now
        self.queue: list[tuple[datetime, int, Callable[[], None]]] = []
        self.seq = 0
        self.helper_ids = {h.id for h in cast.helpers}
        self.away: set[uuid.UUID] = set()
        self.offers: list[HelpOffer] = []
        self.story = Story(dispute_week=min(1, weeks - 1))
        self.pause_week = weeks // 2 if weeks >= 3 else None

    # -- the queue ------------------------------------------------------------------

    def at(self, when: datetime, action: Callable[[], None]) -> None:
        self.seq += 1
        heapq.heappush(self.queue, (when, self.seq, action))

    def run_until(self, limit: datetime | None) -> None:
        while self.queue and (limit is None or self.queue[0][0] < limit):
            when, _, action = heapq.heappop(self.queue)
            self.clock.advance_to(when)
            action()

    def run(self) -> None:
        for week in range(self.weeks):
            monday = self.start + timedelta(weeks=week)
            self.at(monday, partial(self.week_setup, week))
            self.at(monday + timedelta(hours=1), partial(self.use_offers, week))
            for i in range(self.rng.randint(9, 13)):
                self.at(monday + timedelta(hours=2, minutes=15 * i), self.post)
            self.at(monday + timedelta(days=6, hours=15), self.expire)
            self.run_until(monday + timedelta(weeks=1))
        self.run_until(None)
        self.clock.advance_to(self.start + timedelta(weeks=self.weeks, hours=1))
        self.c.expire_requests()

    # -- the actions ----------------------------------------------------------------

    def week_setup(self, week: int) -> None:
        cast, c = self.cast, self.c
        monday = self.clock.now
        if week == 0:
            self.make_commitments()
            self.post_offers(monday)
            first = datetime.combine(monday.date() + timedelta(days=1), time(10), TZ)
            last_day = (self.start + timedelta(weeks=self.weeks, days=-1)).date()
            self.story.recurring = c.post_request(
                cast.senior.id,
                "shopping",
                cast.places["Mehren"].id,
                TimeWindow(first, first + timedelta(hours=1, minutes=30)),
                1.5,
                by=cast.coordinator.id,
                title="Wocheneinkauf",
                recurrence=Recurrence(Frequency.WEEKLY, until=last_day),
            )
            self.story.on_behalf += 1
        if week == self.story.dispute_week:
            self.post_event(monday)
        commitment = self.story.commitment
        if commitment is not None and week == self.pause_week:
            c.pause_commitment(commitment.id, by=cast.regular_helper.id)
            self.away.add(cast.regular_helper.id)
            self.story.paused_helper = cast.regular_helper.name
        elif commitment is not None and self.pause_week is not None and week == self.pause_week + 1:
            c.resume_commitment(commitment.id, by=cast.regular_helper.id)
            self.away.discard(cast.regular_helper.id)
        self.recurring_occurrence(week)

    def make_commitments(self) -> None:
        cast, c = self.cast, self.c
        near = _places_near(cast, cast.places["Mehren"], 5)
        self.story.commitment = c.make_commitment(
            cast.regular_helper.id,
            2,
            Period.WEEK,
            categories=("shopping", "rides"),
            place_ids=near,
        )
        for helper in self.rng.sample(cast.helpers[1:], 7):
            home = next(p for p in cast.places.values() if p.id == helper.home_place_id)
            near = _places_near(cast, home, 8)
            c.make_commitment(
                helper.id,
                self.rng.choice((1, 1.5, 2, 3)),
                Period.WEEK,
                categories=sorted(helper.skills),
                place_ids=near,
            )

    def post_offers(self, monday: datetime) -> None:
        cast, c = self.cast, self.c
        plans = (
            ("tech_help", ("Daun",), 1, 14, 2, "Smartphone-Sprechstunde im Bürgerbüro"),
            (
                "rides",
                ("Gillenfeld", "Strohn", "Mückeln", "Saxler"),
                3,
                9,
                2,
                "Fahrten zum Arzt nach Daun",
            ),
            ("garden", ("Üdersdorf", "Wallenborn", "Niederstadtfeld"), 5, 10, 2, "Gartenhilfe"),
        )
        used: set[uuid.UUID] = {cast.regular_helper.id}
        for category, where, day, hour, hours, title in plans:
            helper = self._helper_for_offer(category, used)
            if helper is None:
                continue
            used.add(helper.id)
            start = datetime.combine(monday.date() + timedelta(days=day), time(hour), TZ)
            self.offers.append(
                c.offer_help(
                    helper.id,
                    category,
                    [cast.places[p].id for p in where],
                    TimeWindow(start, start + timedelta(hours=hours)),
                    hours,
                    recurrence=Recurrence(Frequency.WEEKLY),
                    title=title,
                )
            )

    def _helper_for_offer(self, category: str, used: set[uuid.UUID]) -> Actor | None:
        # the offer is only posted by someone who holds the category's qualifications
        required = {c.code: c.required_qualifications for c in self.c.categories()}.get(
            category, frozenset()
        )
        fitting = [
            h
            for h in self.cast.helpers
            if h.id not in used
            and not h.qualified_for(required, self.clock.now.date())
            and category in h.skills
        ]
        return self.rng.choice(fitting) if fitting else None

    def use_offers(self, week: int) -> None:
        cast = self.cast
        people = [*cast.recipients, cast.newcomer, *cast.helpers]
        for offer in self.offers:
            # people from the offer's places use it (the exchange happens at their home)
            nearby = [
                p for p in people if p.home_place_id in offer.place_ids and p.id != offer.helper_id
            ]
            if not nearby or self.rng.random() >= 0.7:
                continue
            recipient = self.rng.choice(nearby)
            scheduled = offer.window.start + timedelta(weeks=week)
            proposed = self.c.propose(offer_id=offer.id, by=recipient.id, scheduled=scheduled)
            accepted = self.c.accept(proposed.id, by=offer.helper_id)
            self.plan(accepted, may_fail=True)

    def recurring_occurrence(self, week: int) -> None:
        cast, c = self.cast, self.c
        request = self.story.recurring
        if request is None:
            return
        occurrence = request.window.start + timedelta(weeks=week)
        self.story.recurring_occurrences += 1
        helper = cast.regular_helper
        if helper.id in self.away:
            replacement = self.candidates(request)
            if not replacement:
                return
            self.story.pause_replacement = replacement[0].name
            proposed = c.propose(
                request_id=request.id,
                by=cast.coordinator.id,
                helper_id=replacement[0].id,
                scheduled=occurrence,
            )
            accepted = c.accept(proposed.id, by=replacement[0].id)
        else:
            proposed = c.propose(request_id=request.id, by=helper.id, scheduled=occurrence)
            accepted = c.accept(proposed.id, by=cast.coordinator.id)  # for Gertrud
        self.plan(accepted, may_fail=False)

    def post_event(self, monday: datetime) -> None:
        cast, c = self.cast, self.c
        start = datetime.combine(monday.date() + timedelta(days=5), time(14), TZ)
        event = c.post_request(
            cast.association.id,
            "events",
            cast.places["Mehren"].id,
            TimeWindow(start, start + timedelta(hours=3)),
            3,
            helpers_needed=3,
            by=cast.coordinator.id,
            title="Seniorennachmittag im Bürgerhaus Mehren",
        )
        self.story.event = event
        for helper in self.candidates(event)[:3]:
            proposed = c.propose(request_id=event.id, by=helper.id)
            accepted = c.accept(proposed.id, by=cast.coordinator.id)
            self.story.event_filled += 1
            self.plan(accepted, may_fail=False)

    def post(self) -> None:
        cast, c, rng = self.cast, self.c, self.rng
        draw = rng.random()
        if draw < 0.62:
            recipient = rng.choice(cast.recipients)
        elif draw < 0.82:
            recipient = rng.choice(cast.helpers)
        elif draw < 0.92:
            recipient = cast.newcomer
        else:
            recipient = cast.senior
        category = rng.choice(cast.needs[recipient.id])
        day = self.clock.now.date() + timedelta(days=rng.randint(1, 6))
        start = datetime.combine(day, time(rng.choice((9, 10, 11, 14, 15, 16, 17))), TZ)
        hours = rng.choice((1, 1, 1.5, 1.5, 2, 2.5, 3))
        on_behalf = recipient.id == cast.senior.id
        by = cast.coordinator.id if on_behalf else recipient.id
        assert recipient.home_place_id is not None
        request = c.post_request(
            recipient.id,
            category,
            recipient.home_place_id,
            TimeWindow(start, start + timedelta(hours=hours)),
            hours,
            by=by,
            urgent=rng.random() < 0.1,
        )
        self.story.on_behalf += int(on_behalf)
        if rng.random() < 0.03:
            self.at(
                self.clock.now + timedelta(hours=2),
                lambda: self._withdraw(request.id, by),
            )
            return
        self.match(request, by_coordinator=on_behalf or rng.random() < 0.15)

    def _withdraw(self, request_id: uuid.UUID, by: uuid.UUID) -> None:
        self.c.withdraw_request(request_id, by=by, reason="hat sich erledigt")

    def match(self, request: HelpRequest, *, by_coordinator: bool) -> None:
        c, rng = self.c, self.rng
        candidates = self.candidates(request)
        if not candidates or rng.random() < 0.06:
            return  # nobody found: the request stays open and expires
        if by_coordinator:
            coordinator = (
                self.cast.coordinator
                if request.recipient_id == self.cast.senior.id
                else rng.choice((self.cast.coordinator, self.cast.staff))
            )
            for helper in candidates[:3]:
                proposed = c.propose(request_id=request.id, by=coordinator.id, helper_id=helper.id)
                if rng.random() < 0.2:
                    c.decline(proposed.id, by=helper.id, reason="keine Zeit")
                    continue
                self.plan(c.accept(proposed.id, by=helper.id), may_fail=True)
                return
            return
        helper = rng.choices(candidates, weights=_PICK_WEIGHTS[: len(candidates)])[0]
        proposed = c.propose(request_id=request.id, by=helper.id)
        self.plan(c.accept(proposed.id, by=request.recipient_id), may_fail=True)

    def candidates(self, request: HelpRequest, limit: int = 5) -> list[Actor]:
        """The best volunteers for ``request`` by ``candidates_for``, minus those away."""
        available = self.helper_ids - self.away
        found = self.c.candidates_for(request.id, limit=20)
        return [x.actor for x in found if x.actor.id in available][:limit]

    def confirmer(self, exchange: Exchange) -> uuid.UUID:
        """Who confirms for the recipient: a coordinator for the senior and the association."""
        if exchange.recipient_id in (self.cast.senior.id, self.cast.association.id):
            return self.cast.coordinator.id
        return exchange.recipient_id

    def plan(self, exchange: Exchange, *, may_fail: bool) -> None:
        """Decide what becomes of an accepted exchange and put it in the queue."""
        rng = self.rng
        end = exchange.scheduled + timedelta(minutes=exchange.minutes)
        story = self.story
        regular = exchange.recipient_id in {r.id for r in self.cast.recipients}
        week = (exchange.scheduled - self.start).days // 7
        if (
            not story.dispute_planned
            and may_fail
            and regular
            and exchange.request_id is not None
            and week >= story.dispute_week
        ):
            story.dispute_planned = True
            self.at(end, lambda: self._disputed(exchange))
            return
        draw = rng.random() if may_fail else 1.0
        if draw < 0.05:
            when = max(
                self.clock.now + timedelta(minutes=5), exchange.scheduled - timedelta(hours=10)
            )
            self.at(when, lambda: self._cancelled(exchange))
        elif draw < 0.08:
            self.at(exchange.scheduled + timedelta(minutes=30), lambda: self._no_show(exchange))
        else:
            hours = None
            if rng.random() < 0.2:
                hours = max(0.5, exchange.minutes / 60 + rng.choice((-0.5, 0.5, 1.0)))
            self.at(end, lambda: self._completed(exchange, hours))

    def _completed(self, exchange: Exchange, hours: float | None) -> None:
        self.c.complete(exchange.id, by=exchange.helper_id, hours=hours)
        later = self.clock.now + timedelta(hours=self.rng.randint(1, 20))
        self.at(later, lambda: self._confirmed(exchange))

    def _confirmed(self, exchange: Exchange) -> None:
        self.c.confirm(exchange.id, by=self.confirmer(exchange))

    def _no_show(self, exchange: Exchange) -> None:
        if self.rng.random() < 0.5:
            self.c.no_show(exchange.id, by=exchange.helper_id, reason="niemand hat geöffnet")
        else:
            self.c.no_show(exchange.id, by=self.confirmer(exchange), reason="niemand kam")

    def _cancelled(self, exchange: Exchange) -> None:
        c = self.c
        c.cancel(exchange.id, by=exchange.helper_id, reason=self.rng.choice(_CANCEL_REASONS))
        self.story.cancelled += 1
        if exchange.request_id is None:
            return
        request = c.request(exchange.request_id)
        if request.status is not RequestStatus.OPEN:
            return
        candidates = [a for a in self.candidates(request) if a.id != exchange.helper_id]
        if not candidates:
            return
        proposed = c.propose(
            request_id=request.id,
            by=self.cast.staff.id,
            helper_id=candidates[0].id,
            scheduled=exchange.scheduled,
        )
        self.story.replaced += 1
        self.plan(c.accept(proposed.id, by=candidates[0].id), may_fail=False)

    def _disputed(self, exchange: Exchange) -> None:
        c, cast = self.c, self.cast
        planned = exchange.minutes / 60
        claimed = planned + 1.5
        c.complete(exchange.id, by=exchange.helper_id, hours=claimed)
        planned_text = format_number(planned, "de", 1)

        def dispute() -> None:
            c.dispute(
                exchange.id,
                by=exchange.recipient_id,
                reason=f"Es waren nur {planned_text} Stunden",
            )
            self.at(self.clock.now + timedelta(days=1), resolve)

        def resolve() -> None:
            resolved = c.resolve(
                exchange.id,
                by=cast.coordinator.id,
                hours=planned,
                reason=f"Nach Rücksprache mit beiden: {planned_text} Stunden",
            )
            self.story.dispute = DisputeReport(
                helper=c.actor(exchange.helper_id).name,
                recipient=c.actor(exchange.recipient_id).name,
                coordinator=cast.coordinator.name,
                claimed_minutes=round(claimed * 60),
                resolved_minutes=resolved.minutes,
            )

        self.at(self.clock.now + timedelta(hours=20), dispute)

    def expire(self) -> None:
        self.c.expire_requests()

    def summary(self) -> DemoSummary:
        return summarise(self.c, self.cast, self.story, self.start, self.weeks)


def play(
    service: CommunityService,
    weeks: int,
    rng: random.Random,
    clock: SimClock,
    cast: Cast | None = None,
) -> DemoSummary:
    """Play ``weeks`` weeks in the community ``cast`` (built by :func:`build_daun` if None).

    ``clock`` must be the clock the platform of ``service`` was opened with; it is
    moved on as the weeks pass, starting from its current time (a Monday morning, best).
    """
    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidValue(
            "weeks",
            Message("problem.demo.between", weeks=weeks, max_weeks=MAX_WEEKS),
        )
    if cast is None:
        cast = build_daun(service, rng)
    simulation = _Simulation(service, cast, rng, clock, weeks)
    simulation.run()
    return simulation.summary()


def run_demo(
    weeks: int = DEFAULT_WEEKS,
    seed: int = DEFAULT_SEED,
    storage: str = "memory://",
    *,
    plugins: Iterable[object] = (),
    settings: Settings | None = None,
) -> DemoSummary:
    """Open a platform on ``storage``, build VG Daun and play ``weeks`` weeks of it."""
    import sorgende

    rng = random.Random(seed)
    clock = SimClock(START)
    with sorgende.open(storage, plugins=plugins, clock=clock, settings=settings) as platform:
        service = platform.create_community(COMMUNITY_NAME)
        cast = build_daun(service, rng)
        summary = play(service, weeks, rng, clock, cast)
    return attrs.evolve(summary, seed=seed)
