"""The simulation's behaviours as a plain Mesa model: the baseline of ``sim_year.py``.

What a researcher would write in Mesa for the same question, without sorgende's
rules engine: every resident is a ``mesa.Agent`` whose ``step`` draws whether they
need help today, activated in random order each day (``model.agents.shuffle_do``,
Mesa 3's replacement for ``RandomActivation``); requests, exchanges, commitments and
balances are plain Python records; a ``mesa.DataCollector`` takes the community's
figures every day.

To compare engines and not models, the baseline uses the same world as sorgende
(:class:`sorgende.sim.world.World`: places, population, reach, the course of a day)
and the very same behaviour objects (``sorgende.sim.behaviours``): the same needs, the
same answers of helpers, the same motivation, and the platform's default recognition
milestones (checked in plain code on each confirmation). What differs is only how acts
are carried out: here a request is a record in a dict and a confirmation adds to two
numbers; in sorgende each is a use case of the platform, with its checks, its unit of
work, its events and its double-entry posting.

Mesa is an optional dependency (``pip install 'sorgende[bench]'`` or ``'sorgende[mesa]'``);
in ``src/`` only the adapter ``sorgende.sim.mesa`` (``CareModel`` as a ``mesa.Model``)
imports it. Run on its own: ``.venv/bin/python benchmarks/mesa_baseline.py``.
"""

from __future__ import annotations

import argparse
import itertools
import time
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import mesa

from sorgende.default_plugins.categories import DEFAULT_CATEGORIES
from sorgende.default_plugins.recognition import MILESTONES
from sorgende.domain.actors import Actor, ActorKind
from sorgende.domain.commitments import Commitment, CommitmentStatus, Period
from sorgende.domain.community import Community
from sorgende.domain.recognition import HelperRecord
from sorgende.sim.agents import Resident, SimExchange, SimRequest
from sorgende.sim.api import Need
from sorgende.sim.behaviours import DefaultCommitments, DefaultHelping, DefaultNeeds
from sorgende.sim.collector import STEP_COLUMNS
from sorgende.sim.config import PopulationConfig, SimConfig
from sorgende.sim.metrics import gini, median, quantile, share
from sorgende.sim.population import sim_places
from sorgende.sim.world import World

#: the figures the DataCollector takes each day: the community row of sorgende's table,
#: without what only the scenarios or the platform's accounts give
REPORTED = tuple(
    column
    for column in STEP_COLUMNS[STEP_COLUMNS.index("requests_posted") :]
    if column not in {"spontaneous_helpers", "recognitions", "solidarity_balance_h"}
)


class ResidentAgent(mesa.Agent):
    """A resident as a Mesa agent: each day, do I need help today?"""

    def __init__(self, model: MesaCareModel, resident: Resident) -> None:
        super().__init__(model)
        self.resident = resident
        self.rate = model.needs.daily_rate(model, resident)

    def step(self) -> None:
        rate = self.rate
        if not rate:
            return
        model = self.model
        resident = self.resident
        if model.random.random() < rate * model.season * model.need_multiplier[resident.place]:
            need = model.needs.need(model, resident, model.random)
            if need is not None:
                model.post_need(resident, need)


class MesaCareModel(mesa.Model, World):
    """The baseline scenario with sorgende's behaviours, in Mesa, without the platform."""

    def __init__(self, config: SimConfig) -> None:
        mesa.Model.__init__(self, seed=config.seed)
        self.scenarios = []
        self._now = World.at(config.start, 6)
        self._ids = itertools.count(1)
        self.community = Community(config.community)
        requirements = {c.code: frozenset(c.required_qualifications) for c in DEFAULT_CATEGORIES}
        behaviours = (DefaultNeeds(), DefaultHelping(), DefaultCommitments())
        self._init_world(config, sim_places(config.population), requirements, behaviours)
        self.registered: list[Resident] = []
        #: milestone codes awarded, by resident
        self.awarded: dict[int, set[str]] = {}
        for resident in self.residents:
            ResidentAgent(self, resident)
        for resident in self.residents:
            if resident.helper is not None:
                self.register_helper(resident)
        self.make_commitments()
        self.season = 1.0
        self.snapshot: dict[str, Any] = {}
        self.datacollector = mesa.DataCollector(
            model_reporters={name: _reporter(name) for name in REPORTED}
        )

    # -- the engine: plain records ---------------------------------------------------

    def _id(self) -> uuid.UUID:
        return uuid.UUID(int=next(self._ids))

    def now(self) -> datetime:
        return self._now

    def advance(self, when: datetime) -> None:
        self._now = max(self._now, when)

    def register(self, resident: Resident, skills: Sequence[str] = ()) -> None:
        resident.actor = Actor(
            community_id=self.community.id,
            kind=ActorKind.PERSON,
            name=resident.name,
            id=self._id(),
            skills=frozenset(skills),
            receives_solidarity=resident.solidarity,
        )
        self.registered.append(resident)

    def post(self, resident: Resident, need: Need, start: datetime) -> tuple[uuid.UUID, int]:
        return self._id(), round(need.hours * 60)

    def propose_and_accept(
        self, request: SimRequest, helper: Resident, by: Any
    ) -> tuple[uuid.UUID, datetime]:
        return self._id(), self._now

    def cancel(self, exchange: SimExchange) -> None:
        return None

    def no_show(self, exchange: SimExchange) -> None:
        return None

    def complete_and_confirm(self, exchange: SimExchange) -> int:
        # the platform's default milestones (first help, 10, 50, 100 hours), checked on
        # confirmation as its recognition rules are; a run is at most a year here, so
        # the hours of the last year are all hours
        minutes = exchange.request.minutes
        helper = exchange.helper
        h = helper.helper
        assert h is not None
        given = h.given_minutes + minutes
        record = HelperRecord(
            actor_id=helper.actor_id,
            exchanges_confirmed=h.exchanges + 1,
            minutes_given=given,
            minutes_last_year=given,
            first_help=None,
            at=self._now,
        )
        awarded = self.awarded.setdefault(helper.unique_id, set())
        for rule in MILESTONES:
            if rule.code not in awarded and rule.applies(record):
                awarded.add(rule.code)
                self.recognise(helper, rule.code)
        return minutes

    def offer_help(self, resident: Resident, category: str, places: Sequence[int]) -> uuid.UUID:
        return self._id()

    def make_commitment(
        self, resident: Resident, hours: float, categories: Sequence[str], places: Sequence[int]
    ) -> Commitment:
        return Commitment(
            community_id=self.community.id,
            actor_id=resident.actor_id,
            minutes_per_period=round(hours * 60),
            period=Period.WEEK,
            valid_from=self.config.start,
            made_at=self._now,
            categories=frozenset(categories),
        )

    def end_commitment(self, resident: Resident, commitment: Commitment) -> Commitment:
        return commitment.ended(self.date)

    def expire(self) -> None:
        today = self.date
        for request in [r for r in self._requests.values() if r.start.date() <= today]:
            self.close(request, "met" if request.confirmed else "unmet")

    def draw_needs(self) -> None:
        self.season = self.needs.season(self, self.date)
        self.agents.shuffle_do("step")

    def collect(self) -> None:
        self.snapshot = self._figures()
        self.datacollector.collect(self)

    def _figures(self) -> dict[str, Any]:
        today = self.today
        met, unmet = sum(today.met), sum(today.unmet)
        tth = sorted(x for values in today.time_to_help for x in values)
        ttm = sorted(x for values in today.time_to_match for x in values)
        loads, active, committed = [], 0, 0
        for resident in self.helpers:
            h = resident.helper
            assert h is not None
            loads.append(h.given_minutes)
            if h.active:
                active += 1
                if h.commitment is not None and h.commitment.status is CommitmentStatus.ACTIVE:
                    committed += 1
        held = sorted(r.balance for r in self.registered)
        due, kept = sum(self.weeks_due_by_place), sum(self.weeks_kept_by_place)
        return {
            "requests_posted": sum(today.posted),
            "offers_used": sum(today.offers_used),
            "requests_met": met,
            "requests_unmet": unmet,
            "share_met": share(met, met + unmet),
            "open_requests": len(self._open),
            "hours_given": sum(today.given) / 60.0,
            "hours_received": sum(today.received) / 60.0,
            "time_to_help_median_h": median(tth),
            "time_to_help_p90_h": quantile(tth, 0.9),
            "time_to_match_median_h": median(ttm),
            "time_to_match_p90_h": quantile(ttm, 0.9),
            "helpers_active": active,
            "helpers_dropped_out": sum(self.dropped_by_place),
            "load_gini": gini(loads),
            "commitments_active": committed,
            "commitment_weeks_due": due,
            "commitment_weeks_kept": kept,
            "commitments_kept_share": share(kept, due),
            "balance_min_h": held[0] / 60.0 if held else None,
            "balance_p10_h": _hours(quantile(held, 0.1)),
            "balance_median_h": _hours(median(held)),
            "balance_p90_h": _hours(quantile(held, 0.9)),
            "balance_max_h": held[-1] / 60.0 if held else None,
        }

    def step(self) -> None:
        World.step(self)

    def totals(self) -> dict[str, Any]:
        """The run in a few figures, to compare with sorgende's summary."""
        met = sum(1 for r in self.closed if r.outcome == "met")
        return {
            "residents": len(self.residents),
            "helpers": len(self.helpers),
            "registered": len(self.registered),
            "requests_posted": sum(r.requests for r in self.residents),
            "requests_met": met,
            "requests_unmet": len(self.closed) - met,
            "share_met": share(met, len(self.closed)),
            "exchanges_confirmed": self.confirmed,
            "hours_given": sum(h.helper.given_minutes for h in self.helpers if h.helper) / 60.0,
            "helpers_dropped_out": sum(self.dropped_by_place),
            "commitment_weeks_kept": sum(self.weeks_kept_by_place),
        }


def _hours(minutes: float | None) -> float | None:
    return None if minutes is None else minutes / 60.0


def _reporter(name: str) -> Any:
    def report(model: MesaCareModel) -> Any:
        return model.snapshot[name]

    return report


def run(config: SimConfig) -> tuple[MesaCareModel, float]:
    """Build and run the baseline for ``config.days`` days; the model and the seconds stepping."""
    model = MesaCareModel(config)
    start = time.perf_counter()
    for _ in range(config.days):
        model.step()
    return model, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    config = SimConfig(
        days=args.days, seed=args.seed, population=PopulationConfig(scale=args.scale)
    )
    model, seconds = run(config)
    print(f"Mesa {mesa.__version__}: {args.days} days, {len(model.residents):,} agents")
    print(f"  {seconds:.2f} s stepping")
    for key, value in model.totals().items():
        print(f"  {key}: {value}")


if __name__ == "__main__":
    main()
