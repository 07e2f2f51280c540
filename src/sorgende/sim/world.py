"""The simulated world apart from any engine: places, residents, reach, and the day's course.

:class:`World` holds what a simulation of a caring community needs whatever carries
out the acts: the places and their distances, the residents, which helpers can take
which requests (skills, qualifications, reach), their weekly hours, the requests and
exchanges in flight, and the order of a day. The acts themselves (posting a request,
proposing and accepting, completing and confirming, ending a commitment) are left to
the engine: :class:`sorgende.sim.model.CareModel` does them through the platform's use
cases; the Mesa baseline in ``benchmarks/mesa_baseline.py`` does them in plain Python.
Both follow the same behaviours, so the benchmark compares engines, not models.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sorgende.domain.commitments import CommitmentStatus
from sorgende.domain.ledger import paying_account
from sorgende.errors import InvalidValue, Message, SorgendeError
from sorgende.sim.agents import HelperState, Need, Resident, SimExchange, SimRequest
from sorgende.sim.base import (
    EVENING,
    MATCHING,
    MIN_NOTICE,
    MORNING,
    SUNDAY,
    DayCounters,
    WorldBase,
    draw,
)

__all__ = ["DayCounters", "World", "WorldBase", "draw"]


class World(WorldBase):
    """The world and the course of a day; an engine subclass carries out the acts."""

    # -- helpers: who can take what --------------------------------------------------

    def register_helper(self, resident: Resident) -> None:
        h = resident.helper
        assert h is not None
        try:
            self.register(resident, h.skills)
        except SorgendeError:
            # refused (a plugin's veto): this resident does not help through the platform
            self.refusals += 1
            resident.helper = None
            return
        (self.spontaneous if h.spontaneous else self.helpers).append(resident)
        if not h.spontaneous:
            self._helpers_by_place[resident.place].append(resident)
        self.make_eligible(resident, h.skills)

    def add_helper(self, resident: Resident, helper: HelperState) -> None:
        """Make ``resident`` a helper (a scenario's spontaneous helper, say) and register them."""
        if resident.helper is not None or resident.actor is not None:
            raise InvalidValue(
                "resident",
                Message("sim.problem.world.already_registered", resident_name=resident.name),
            )
        resident.helper = helper
        self.register_helper(resident)

    def make_eligible(self, resident: Resident, categories: Iterable[str]) -> None:
        """Let ``resident`` (a helper) see requests of ``categories`` within their reach."""
        h = resident.helper
        assert h is not None
        reach = self.within(resident.place, h.radius_km)
        for category in categories:
            if not self.requirements.get(category, frozenset()) <= h.qualifications:
                continue
            for j in reach:
                self._eligible[(category, j)].append(resident)

    def eligible(self, category: str, place: int) -> Sequence[Resident]:
        """The helpers who can help with ``category`` in ``place`` (skills, papers, reach)."""
        return self._eligible.get((category, place), ())

    def committed(self, category: str, place: int) -> Sequence[Resident]:
        """The helpers whose self-commitment covers ``category`` in ``place``."""
        return self._committed.get((category, place), ())

    def make_commitments(self) -> None:
        """Each helper decides (the commitments behaviour) whether to commit, and to what.

        Of the committed helpers, a share (``offers.share``) also post a standing offer
        for one of their commitment's categories in its places.
        """
        # one stream per helper: a helper's decision does not move with how many came before
        radius = self.config.commitments.radius_km
        offer_share = self.config.offers.share
        for resident in self.helpers:
            h = resident.helper
            assert h is not None
            rng = self.stream(f"commitments/{resident.unique_id}")
            hours = self.commitments.start(self, resident, rng)
            if hours <= 0:
                continue
            places = self.within(resident.place, radius)
            categories = [c for c in h.skills if self.requirements[c] <= h.qualifications]
            try:
                h.commitment = self.make_commitment(resident, hours, categories, places)
            except SorgendeError:
                self.refusals += 1
                continue
            h.commitment_places = frozenset(places)
            for category in categories:
                for j in places:
                    self._committed[(category, j)].append(resident)
            if categories and rng.random() < offer_share:
                category = categories[rng.randrange(len(categories))]
                try:
                    h.offer = self.offer_help(resident, category, places)
                except SorgendeError:
                    self.refusals += 1
                    continue
                for j in places:
                    self._offers[(category, j)].append(resident)

    def free_minutes(self, helper: Resident, day: date) -> int:
        """Minutes ``helper`` still has in the week of ``day``."""
        h = helper.helper
        assert h is not None
        return h.capacity_minutes - h.week_minutes.get(self.week_of(day), 0)

    def free_for(self, helper: Resident, request: SimRequest) -> int:
        """Minutes ``helper`` still has in the week of ``request``'s help."""
        h = helper.helper
        assert h is not None
        return h.capacity_minutes - h.week_minutes.get(request.week, 0)

    def can_take(self, helper: Resident, request: SimRequest) -> bool:
        """Whether ``helper`` is free to take a place of ``request``."""
        h = helper.helper
        if h is None or not h.active or helper is request.resident or helper in request.helpers:
            return False
        if h.day_count.get(request.day, 0) >= self.config.helping.max_exchanges_per_day:
            return False
        return h.capacity_minutes - h.week_minutes.get(request.week, 0) >= request.minutes

    def covered(self, helper: Resident, request: SimRequest) -> bool:
        """Whether the helper's active self-commitment covers ``request``."""
        h = helper.helper
        c = h.commitment if h is not None else None
        if h is None or c is None or c.status is not CommitmentStatus.ACTIVE:
            return False
        return (not c.categories or request.category in c.categories) and (
            request.place in h.commitment_places
        )

    def group_needs(self) -> list[tuple[float, int, list[Resident]]]:
        """Residents who would ask, grouped by their daily rate and place.

        The rate is the one of a resident's :attr:`~Resident.latent_group`, whether or
        not they use the platform: the days someone needs help are drawn for everybody
        who could ask, and only those who use the platform post it (see
        :meth:`~sorgende.sim.model.CareModel.draw_needs`). So the needs of the platform's
        users stay the same when a platform share changes (common random numbers).
        """
        groups: dict[tuple[float, int], list[Resident]] = {}
        for resident in self.residents:
            actual = resident.group
            resident.group = resident.latent_group
            try:
                rate = self.needs.daily_rate(self, resident)
            finally:
                resident.group = actual
            if rate > 0:
                groups.setdefault((rate, resident.place), []).append(resident)
        return [(rate, place, members) for (rate, place), members in groups.items()]

    # -- requests and exchanges ------------------------------------------------------

    def post_need(self, resident: Resident, need: Need) -> SimRequest | None:
        """Ask for ``need``: through a fitting offer if one is free, else as a request.

        Registers ``resident`` on their first need. ``None`` if the platform refused
        (a plugin's veto on the registration or the request: the need goes unasked).
        """
        try:
            if resident.actor is None:
                self.register(resident)
            day = self.date + timedelta(days=need.lead_days)
            start = max(self.at(day, need.hour), self.now() + MIN_NOTICE)
            offered = self._through_offer(resident, need, start) if need.helpers == 1 else None
            if offered is not None:
                return offered
            request_id, minutes = self.post(resident, need, start)
        except SorgendeError:
            self.refusals += 1
            return None
        resident.requests += 1
        self.today.posted[resident.place] += 1
        request = self._need(request_id, resident, need, start, minutes)
        self._requests[request_id] = request
        self._open[request_id] = request
        return request

    def _need(
        self,
        need_id: uuid.UUID,
        resident: Resident,
        need: Need,
        start: datetime,
        minutes: int,
        via_offer: bool = False,
    ) -> SimRequest:
        return SimRequest(
            id=need_id,
            resident=resident,
            place=resident.place,
            category=need.category,
            minutes=minutes,
            needed=need.helpers,
            posted_day=self.day,
            posted_at=self.now(),
            start=start,
            urgent=need.urgent,
            via_offer=via_offer,
        )

    def _through_offer(self, resident: Resident, need: Need, start: datetime) -> SimRequest | None:
        helpers = self._offers.get((need.category, resident.place))
        if not helpers:
            return None
        rng = self.stream(f"offers/{resident.unique_id}")
        if rng.random() >= self.config.offers.use_probability:
            return None
        # the exchange's id replaces this placeholder once a helper accepted
        request = self._need(
            uuid.UUID(int=0), resident, need, start, round(need.hours * 60), via_offer=True
        )
        for helper in rng.sample(helpers, len(helpers)):
            if self.can_take(helper, request) and self.match(request, helper):
                self._requests[request.id] = request
                self._offer_needs[request.day].append(request)
                resident.requests += 1
                self.today.posted[resident.place] += 1
                self.today.offers_used[resident.place] += 1
                return request
        return None

    def open_requests(self) -> list[SimRequest]:
        """Requests still looking for helpers, in the order they were posted."""
        return list(self._open.values())

    def match(self, request: SimRequest, helper: Resident, *, by: Any = None) -> bool:
        """``helper`` takes a place of ``request``.

        Without ``by`` the helper proposes and the recipient accepts; with ``by`` (a
        coordinator) ``by`` proposes and the helper accepts.
        """
        taken = self.propose_and_accept(request, helper, by)
        if taken is None:
            return False
        exchange_id, at = taken
        if request.via_offer:
            request.id = exchange_id
        h = helper.helper
        assert h is not None
        day, week = request.day, request.week
        h.week_minutes[week] = h.week_minutes.get(week, 0) + request.minutes
        h.day_count[day] = h.day_count.get(day, 0) + 1
        request.accepted += 1
        request.helpers.append(helper)
        if request.matched_at is None:
            request.matched_at = at
        if request.accepted >= request.needed:
            self._open.pop(request.id, None)
        self._agenda[day].append(SimExchange(exchange_id, request, helper, request.start))
        return True

    def close(self, request: SimRequest, outcome: str) -> None:
        """``request`` was met or is closed unmet: count it."""
        request.outcome = outcome
        del self._requests[request.id]
        self._open.pop(request.id, None)
        self.closed.append(request)
        place, today = request.place, self.today
        if outcome == "met":
            today.met[place] += 1
            assert request.helped_at is not None and request.matched_at is not None
            today.time_to_help[place].append(
                (request.helped_at - request.posted_at).total_seconds() / 3600.0
            )
            today.time_to_match[place].append(
                (request.matched_at - request.posted_at).total_seconds() / 3600.0
            )
        else:
            today.unmet[place] += 1

    def request_of(self, request_id: uuid.UUID) -> SimRequest | None:
        """A request still in flight (not met, not expired), by id."""
        return self._requests.get(request_id)

    # -- a day -----------------------------------------------------------------------

    def step(self) -> None:
        """Simulate one day.

        1. 07:00 scenarios' ``before_day``; needs are drawn and posted as requests;
        2. 08:00 each open request is seen by a few helpers (the ``helping``
           behaviour); the first who says yes takes a place; then scenarios'
           ``after_matching`` (a coordinator matches what is left). (A need that a
           helper's standing offer covers may have been taken at once in step 1.)
        3. the day's exchanges happen at their times: cancelled, not taken place, or
           completed and confirmed (which posts the hours);
        4. 23:00 requests whose time has passed are closed; on Sundays motivation is
           updated and helpers may drop out; scenarios' ``end_of_day``; the day's
           figures are collected.
        """
        if not self.running:
            return
        today = self.date
        self.today = DayCounters(len(self.places))
        self.advance(self.at(today, MORNING))
        for scenario in self.scenarios:
            scenario.before_day(self)
        self.draw_needs()
        self.advance(self.at(today, MATCHING))
        self.match_round()
        for scenario in self.scenarios:
            scenario.after_matching(self)
        self.carry_out(today)
        self.advance(self.at(today, EVENING))
        self.expire()
        for request in self._offer_needs.pop(today, []):
            if request.outcome is None:  # cancelled or did not take place
                self.close(request, "unmet")
        self.retire_spontaneous()
        if today.weekday() == SUNDAY:
            self.end_of_week(today)
        for scenario in self.scenarios:
            scenario.end_of_day(self)
        self.deliver_events()
        self.collect()
        self.day += 1
        self.date = today + timedelta(days=1)
        if self.day >= self.config.days:
            self.running = False

    def match_round(self) -> None:
        helping, now = self.helping, self.now()
        for request in list(self._open.values()):
            if request.start <= now:
                # too late to find someone: the request expires when its window ends
                del self._open[request.id]
                continue
            # each request has its own stream each day (common random numbers: who sees
            # and takes it depends neither on how many requests were drawn for before it
            # nor on what happened to it on earlier days)
            rng = random.Random(
                f"sorgende.sim/{self.seed}/matching/{request.resident.unique_id}/"
                f"{request.posted_day}/{request.start.isoformat()}/{request.category}/{self.day}"
            )
            for helper in helping.viewers(self, request, rng):
                if request.accepted >= request.needed:
                    break
                if not self.can_take(helper, request):
                    # the draw a free helper's answer takes (the default behaviour's one),
                    # so a helper busy in one arm of a comparison does not shift the
                    # answers of the viewers after them (common random numbers)
                    rng.random()
                    continue
                if helping.accepts(self, helper, request, rng):
                    self.match(request, helper)

    def carry_out(self, today: date) -> None:
        """The day's exchanges, in the order of their times."""
        due = self._agenda.pop(today, [])
        if not due:
            return
        cfg = self.config.helping
        cancel, no_show = cfg.cancel_probability, cfg.cancel_probability + cfg.no_show_probability
        due.sort(key=lambda e: e.scheduled)
        for exchange in due:
            self.advance(exchange.scheduled)
            # a stream of this helper and this need: whether they come depends neither on
            # the others nor on how many exchanges the helper had before
            request = exchange.request
            u = random.Random(
                f"sorgende.sim/{self.seed}/carry_out/{exchange.helper.unique_id}/"
                f"{request.resident.unique_id}/{request.posted_day}/{request.start.isoformat()}"
            ).random()
            # a refused act (a plugin's veto) leaves the exchange where it was: a refused
            # cancellation means the helper comes after all; a refused confirmation leaves
            # the need open (pending) and its hours unposted
            try:
                if u < cancel:
                    self.cancel(exchange)
                    self.cancelled += 1
                    self._freed(exchange)
                    continue
                if u < no_show:
                    self.no_show(exchange)
                    self.no_shows += 1
                    self._freed(exchange)
                    continue
            except SorgendeError:
                self.refusals += 1
            self.advance(exchange.scheduled + timedelta(minutes=exchange.request.minutes))
            try:
                minutes = self.complete_and_confirm(exchange)
            except SorgendeError:
                self.refusals += 1
                continue
            self._confirmed(exchange, minutes)

    def _freed(self, exchange: SimExchange) -> None:
        request, h = exchange.request, exchange.helper.helper
        assert h is not None
        request.accepted -= 1
        h.week_minutes[request.week] -= request.minutes

    def _confirmed(self, exchange: SimExchange, minutes: int) -> None:
        request, helper = exchange.request, exchange.helper
        recipient = request.resident
        h = helper.helper
        assert h is not None
        self.confirmed += 1
        h.given_minutes += minutes
        h.exchanges += 1
        recipient.received_minutes += minutes
        assert recipient.actor is not None
        self.balances[helper.actor_id] += minutes
        helper.balance += minutes
        payer = paying_account(self.community, recipient.actor)
        self.balances[payer] -= minutes
        if payer == recipient.actor.id:
            recipient.balance -= minutes
        self.today.given[helper.place] += minutes
        self.today.received[request.place] += minutes
        if self.covered(helper, request):
            h.week_given[request.week] = h.week_given.get(request.week, 0) + minutes
        request.confirmed += 1
        if request.helped_at is None:
            request.helped_at = exchange.scheduled
        if request.confirmed >= request.needed:
            self.close(request, "met")
        self.commitments.thanked(self, helper)

    def retire_spontaneous(self) -> None:
        for resident in self.spontaneous:
            h = resident.helper
            assert h is not None
            if h.active and h.until_day is not None and self.day >= h.until_day:
                h.active = False

    def end_of_week(self, today: date) -> None:
        """Count the week of each commitment; motivation changes; some drop out."""
        week = self.week_of(today)
        recognitions = 0
        for resident in self.helpers:
            h = resident.helper
            assert h is not None
            if not h.active:
                continue
            c = h.commitment
            if c is not None and c.status is CommitmentStatus.ACTIVE:
                h.weeks_due += 1
                self.weeks_due_by_place[resident.place] += 1
                if h.week_given.get(week, 0) >= c.minutes_per_period:
                    h.weeks_kept += 1
                    self.weeks_kept_by_place[resident.place] += 1
            rng = self.stream(f"motivation/{resident.unique_id}")
            # the behaviour decides even for a leaver, so the helper's stream stays aligned
            if self.commitments.end_of_week(self, resident, rng) or h.leaving:
                self.drop_out(resident)
            recognitions += h.recognitions_this_week
            h.recognitions_this_week = 0
        self.recruit(recognitions)

    def recruit(self, recognitions: int) -> None:
        """Volunteers not on the platform join it (``recruitment``), once a week.

        The weekly probability is ``per_year / 52`` times ``1 + need_weight · (share of
        the week's closed needs that went unmet) + recognition_weight · (the week's
        recognitions per active helper)``. Each volunteer draws from their own stream.
        """
        cfg = self.config.recruitment
        if cfg.per_year <= 0:
            return
        closed = self.closed[self._week_closed :]
        self._week_closed = len(self.closed)
        unmet_share = sum(r.outcome == "unmet" for r in closed) / len(closed) if closed else 0.0
        active = sum(1 for r in self.helpers if r.helper is not None and r.helper.active)
        p = (cfg.per_year / 52.0) * (
            1.0
            + cfg.need_weight * unmet_share
            + cfg.recognition_weight * recognitions / max(1, active)
        )
        for resident in self.residents:
            reserve = resident.reserve
            if reserve is None or resident.actor is not None:
                continue
            if self.stream(f"recruit/{resident.unique_id}").random() < p:
                resident.reserve = None
                self.add_helper(resident, reserve)
                if resident.helper is not None:
                    self.recruited += 1

    def leave(self, resident: Resident) -> None:
        """``resident`` stops helping at the end of this week (a safe point).

        The week is counted first, then the helper drops out as if the commitments
        behaviour had said so: their commitment ends on the platform and the model's
        records stay in step with it. Safe to call from any event handler.
        """
        if resident.helper is not None:
            resident.helper.leaving = True

    def deliver_events(self) -> None:
        """Hand the day's platform events to the plugins (the engine's part; none here)."""
        return None

    def drop_out(self, resident: Resident) -> None:
        h = resident.helper
        assert h is not None
        h.active = False
        h.dropped_day = self.day
        self.dropped_by_place[resident.place] += 1
        self.today.dropouts[resident.place] += 1
        c = h.commitment
        if c is not None and c.status is not CommitmentStatus.ENDED:
            try:
                h.commitment = self.end_commitment(resident, c)
            except SorgendeError:
                self.refusals += 1

    def recognise(self, resident: Resident, code: str) -> None:
        """A recognition of ``resident``: counted, and handed to the commitments behaviour."""
        if resident.helper is None:
            return
        self.count_recognition(resident)
        self.commitments.recognised(self, resident, code)

    def count_recognition(self, resident: Resident) -> None:
        """Count a recognition of ``resident`` (a helper) in the day's figures."""
        h = resident.helper
        assert h is not None
        h.recognitions += 1
        h.recognitions_this_week += 1
        self.today.recognitions[resident.place] += 1
