"""The model: a caring community simulated day by day through the real use cases.

:class:`CareModel` reads like a Mesa model (``step()``, ``agents``, ``running``,
``datacollector``) but runs on the platform itself: it opens ``sorgende.open
("memory://")`` with a simulated clock, creates the community with its places, and
every registration, request, proposal, acceptance, completion, confirmation,
cancellation, self-commitment and its end goes through
:class:`~sorgende.CommunityService`. The domain's rules, the installed plugins'
vetoes and recognition rules and the time bank are the ones a deployed platform has.

The course of a day is :meth:`World.step <sorgende.sim.world.World.step>`. Most
residents do nothing on most days, so the model does not visit each of them:
residents with the same daily rate in the same place are drawn from together, by
skipping ahead geometrically (:func:`~sorgende.sim.world.draw`), which costs one random
number per resident who acts (plus one per group), not one per resident.
"""

from __future__ import annotations

import contextlib
import time as _time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

import pluggy

import sorgende
from sorgende.clock import SimClock
from sorgende.config import Settings, load_settings
from sorgende.domain.actors import (
    Actor,
    ActorKind,
    CommunityRole,
    Qualification,
    QualificationKind,
    Role,
)
from sorgende.domain.commitments import Commitment, Period
from sorgende.domain.events import (
    DomainEvent,
    ExchangeAccepted,
    ExchangeCancelled,
    ExchangeConfirmed,
    ExchangeDeclined,
    ExchangeEvent,
    ExchangeNoShow,
    ExchangeProposed,
    RecognitionAwarded,
)
from sorgende.domain.exchanges import ExchangeState
from sorgende.domain.help import RequestStatus
from sorgende.domain.policy import OPERATOR
from sorgende.domain.values import Frequency, Recurrence, TimeWindow
from sorgende.errors import InvalidValue, Message, SorgendeError
from sorgende.hookspecs import hookimpl
from sorgende.services.community import CommunityService
from sorgende.sim import hookspecs as sim_hookspecs
from sorgende.sim.agents import Need, Resident, SimEvent, SimExchange, SimRequest
from sorgende.sim.config import SimConfig
from sorgende.sim.errors import LedgerMismatch, RecordsMismatch
from sorgende.sim.hooks import SimHooks
from sorgende.sim.population import sim_places
from sorgende.sim.registry import builtin_plugins, collect
from sorgende.sim.world import World, draw

__all__ = ["CareModel", "draw", "run"]

#: the clock starts before the first morning
SETUP_HOUR = 6
#: standing offers of help hold from 9 to 18 o'clock every day
OFFER_HOURS = (9, 18)

Reporter = Callable[[Any], Any]
#: the exchanges' events handed to ``sorgende_sim_events``, by their kind
EVENT_KINDS: Mapping[type[DomainEvent], str] = {
    ExchangeProposed: "proposed",
    ExchangeAccepted: "accepted",
    ExchangeDeclined: "declined",
    ExchangeCancelled: "cancelled",
    ExchangeNoShow: "no_show",
    ExchangeConfirmed: "confirmed",
}


class _Observer:
    """Hands the platform's recognitions to the model (a plugin of the model's platform)."""

    __name__ = "sorgende.sim.observer"

    def __init__(self, model: CareModel) -> None:
        self.model = model

    @hookimpl
    def sorgende_addhooks(self, pluginmanager: pluggy.PluginManager) -> None:
        # the model's hooks are there even when sorgende.sim.commands is disabled
        pluginmanager.add_hookspecs(sim_hookspecs)

    @hookimpl
    def sorgende_events_committed(self, events: Sequence[DomainEvent]) -> None:
        model = self.model
        for event in events:
            if isinstance(event, RecognitionAwarded):
                model.recognised(event.actor_id, event.code)
            elif model.listening:
                kind = EVENT_KINDS.get(type(event))
                if kind is not None:
                    assert isinstance(event, ExchangeEvent)
                    model.pending_events.append(
                        SimEvent(
                            kind,
                            model.day,
                            event.exchange_id,
                            model.resident_of(event.helper_id),
                            model.resident_of(event.recipient_id),
                        )
                    )


class CareModel(World):
    """A caring community on the real platform, one simulated day per :meth:`step`.

    :param config: the parameters (default: VG Daun, baseline, one year, seed 1).
    :param plugins: plugin objects or modules registered on the model's platform in
        addition to the installed ones: behaviours, scenarios, vetoes, rules.
    :param settings: platform settings (default: read like ``sorgende.open`` does);
        their disabled plugins apply to the simulation's own plugins too.
    :param reporters: extra columns for the community rows of the table, Mesa's
        ``model_reporters``: name to a function of the model.
    """

    def __init__(
        self,
        config: SimConfig | None = None,
        *,
        plugins: Iterable[object] = (),
        settings: Settings | None = None,
        reporters: Mapping[str, Reporter] | None = None,
    ) -> None:
        from sorgende.sim.collector import DataCollector

        cfg = config if config is not None else SimConfig()
        #: days simulated so far (Mesa's ``steps``)
        self.steps = 0
        #: use cases called so far
        self.use_cases = 0
        #: the day's exchange events, kept only when a plugin listens for them
        self.pending_events: list[SimEvent] = []
        self.listening = False
        settings = settings if settings is not None else load_settings()
        load_entrypoints = (
            settings.load_entrypoints if cfg.load_entrypoints is None else cfg.load_entrypoints
        )
        self.clock = SimClock(self.at(cfg.start, SETUP_HOUR))
        self.platform = sorgende.open(
            "memory://",
            plugins=[*builtin_plugins(settings.disabled_plugins), _Observer(self), *plugins],
            clock=self.clock,
            load_entrypoints=load_entrypoints,
            settings=settings,
        )
        # plugins are asked once, here; afterwards their objects are called directly
        self.registry = collect(self.platform.plugins)
        choice = cfg.behaviours
        behaviours = (
            self.registry.behaviour("needs", choice.needs),
            self.registry.behaviour("helping", choice.helping),
            self.registry.behaviour("commitments", choice.commitments),
        )
        self.scenarios = [self.registry.scenario(name) for name in cfg.scenario_names]
        self.service: CommunityService = self.platform.create_community(cfg.community)
        places = sim_places(cfg.population)
        requirements = {
            c.code: frozenset(c.required_qualifications) for c in self.service.categories()
        }
        self._init_world(cfg, places, requirements, behaviours)
        self._check_categories()
        self.place_ids = [
            self._call(
                self.service.add_place,
                p.name,
                p.record.kind,
                population=p.residents,
                area_km2=p.record.area_km2,
                lat=p.record.lat,
                lon=p.record.lon,
            ).id
            for p in self.places
        ]
        self._setup_organisations()
        #: Mesa's name for the agents
        self.agents = self.residents
        self._by_actor: dict[uuid.UUID, Resident] = {}
        hooks = SimHooks(self.platform.plugins)
        self.listening = hooks.listens_to_events()
        self._events_hook = hooks.sim_events
        self._registered_by_place: list[list[Resident]] = [[] for _ in self.places]
        for resident in self.residents:
            if resident.helper is not None:
                self.register_helper(resident)
        for scenario in self.scenarios:
            scenario.setup(self)
        self.make_commitments()
        self._need_groups = self.group_needs()
        self.datacollector = DataCollector(self, reporters or {})

    # -- setup -----------------------------------------------------------------------

    def _setup_organisations(self) -> None:
        service = self.service
        largest = max(range(len(self.places)), key=lambda i: self.places[i].residents)
        home = self.place_ids[largest]
        self.municipality: Actor = self._call(
            service.register_actor, ActorKind.MUNICIPALITY, "Verwaltung", home_place_id=home
        )
        self.association: Actor = self._call(
            service.register_actor,
            ActorKind.ASSOCIATION,
            "Bürger für Bürger e.V.",
            home_place_id=home,
        )
        coordinator = self._call(
            service.register_actor, ActorKind.PERSON, "Koordination Verein", home_place_id=home
        )
        # the backbone association coordinates the whole community
        self.association = self._call(
            service.grant_role, self.association.id, CommunityRole.COORDINATOR, by=OPERATOR
        )
        #: the association's (volunteer) coordinator: marks solidarity recipients
        self.coordinator: Actor = self._call(
            service.add_membership, coordinator.id, self.association.id, Role.COORDINATOR
        )
        self.community = service.info()

    def _check_categories(self) -> None:
        needs = self.config.needs
        asked = {*needs.care_categories, *needs.family_categories, *needs.other_categories}
        unknown = sorted(asked - set(self.requirements))
        if unknown:
            raise InvalidValue(
                "needs",
                Message(
                    "sim.problem.model.categories_community_does_have", unknown=", ".join(unknown)
                ),
            )

    def _qualifications(self, kinds: Iterable[str]) -> list[Qualification]:
        start, days = self.config.start, self.config.days
        found = []
        for kind in sorted(kinds):
            if kind == QualificationKind.DRIVING_LICENCE.value:
                found.append(Qualification(kind, start - timedelta(days=365 * 20)))
            else:
                # a certificate valid through the whole run
                found.append(
                    Qualification(
                        kind, start - timedelta(days=365), start + timedelta(days=days + 365)
                    )
                )
        return found

    # -- the engine: the platform's use cases ----------------------------------------

    def _call(self, use_case: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        self.use_cases += 1
        return use_case(*args, **kwargs)

    def now(self) -> datetime:
        return self.clock.now

    def advance(self, when: datetime) -> None:
        self.clock.advance_to(when)

    def register(self, resident: Resident, skills: Sequence[str] = ()) -> None:
        h = resident.helper
        actor: Actor = self._call(
            self.service.register_actor,
            ActorKind.PERSON,
            resident.name,
            home_place_id=self.place_ids[resident.place],
            birth_year=self.config.start.year - resident.age,
            skills=skills,
            qualifications=self._qualifications(h.qualifications if h is not None else ()),
        )
        if resident.solidarity:
            actor = self._call(
                self.service.set_receives_solidarity, actor.id, True, by=self.coordinator.id
            )
        resident.actor = actor
        self._by_actor[actor.id] = resident
        self._registered_by_place[resident.place].append(resident)

    def post(self, resident: Resident, need: Need, start: datetime) -> tuple[uuid.UUID, int]:
        posted = self._call(
            self.service.post_request,
            resident.actor_id,
            need.category,
            self.place_ids[resident.place],
            TimeWindow(start, start + timedelta(hours=need.hours)),
            need.hours,
            helpers_needed=need.helpers,
            urgent=need.urgent,
        )
        return posted.id, posted.minutes

    def propose_and_accept(
        self, request: SimRequest, helper: Resident, by: Any
    ) -> tuple[uuid.UUID, datetime] | None:
        """Propose and accept through the use cases; a refusal is counted, nothing left over."""
        service = self.service
        recipient = request.resident
        try:
            if request.via_offer:
                h = helper.helper
                assert h is not None
                proposer, acceptor = recipient.actor_id, helper.actor_id
                proposed = self._call(
                    service.propose,
                    offer_id=h.offer,
                    by=proposer,
                    scheduled=request.start,
                    hours=request.minutes / 60,
                    place_id=self.place_ids[recipient.place],
                )
            else:
                proposer = helper.actor_id if by is None else by
                acceptor = recipient.actor_id if by is None else helper.actor_id
                proposed = self._call(
                    service.propose, request_id=request.id, by=proposer, helper_id=helper.actor_id
                )
        except SorgendeError:
            self.refusals += 1
            return None
        try:
            accepted = self._call(service.accept, proposed.id, by=acceptor)
        except SorgendeError:
            self.refusals += 1
            with contextlib.suppress(SorgendeError):
                self._call(service.decline, proposed.id, by=acceptor, reason="refused")
            return None
        return accepted.id, accepted.history[-1].at

    def cancel(self, exchange: SimExchange) -> None:
        self._call(
            self.service.cancel,
            exchange.id,
            by=exchange.helper.actor_id,
            reason="kurzfristig verhindert",
        )

    def no_show(self, exchange: SimExchange) -> None:
        self._call(self.service.no_show, exchange.id, by=exchange.request.resident.actor_id)

    def complete_and_confirm(self, exchange: SimExchange) -> int:
        self._call(self.service.complete, exchange.id, by=exchange.helper.actor_id)
        confirmed = self._call(
            self.service.confirm, exchange.id, by=exchange.request.resident.actor_id
        )
        minutes: int = confirmed.minutes
        return minutes

    def offer_help(self, resident: Resident, category: str, places: Sequence[int]) -> uuid.UUID:
        cfg = self.config
        h = resident.helper
        assert h is not None
        first = self.at(cfg.start, OFFER_HOURS[0])
        offer = self._call(
            self.service.offer_help,
            resident.actor_id,
            category,
            [self.place_ids[j] for j in places],
            TimeWindow(first, self.at(cfg.start, OFFER_HOURS[1])),
            min(cfg.commitments.hours_per_week, h.capacity_minutes / 60),
            recurrence=Recurrence(Frequency.DAILY, until=cfg.start + timedelta(days=cfg.days)),
        )
        offer_id: uuid.UUID = offer.id
        return offer_id

    def make_commitment(
        self, resident: Resident, hours: float, categories: Sequence[str], places: Sequence[int]
    ) -> Commitment:
        commitment: Commitment = self._call(
            self.service.make_commitment,
            resident.actor_id,
            hours,
            Period.WEEK,
            categories=categories,
            place_ids=[self.place_ids[j] for j in places],
            valid_from=self.config.start,
        )
        return commitment

    def end_commitment(self, resident: Resident, commitment: Commitment) -> Commitment:
        ended: Commitment = self._call(
            self.service.end_commitment, commitment.id, by=resident.actor_id
        )
        return ended

    def expire(self) -> None:
        for changed in self._call(self.service.expire_requests):
            request = self.request_of(changed.id)
            if request is not None:
                met = changed.status is RequestStatus.FULFILLED
                self.close(request, "met" if met else "unmet")

    def draw_needs(self) -> None:
        needs, rng = self.needs, self.stream("needs")
        season = needs.season(self, self.date)
        multiplier = self.need_multiplier
        for rate, place, members in self._need_groups:
            for resident in draw(members, rate * season * multiplier[place], rng):
                if resident.group == "none":
                    continue  # would have asked, but does not use the platform
                # what is asked comes from the resident's own stream (common random numbers)
                need = needs.need(self, resident, self.stream(f"needs/{resident.unique_id}"))
                if need is not None:
                    self.post_need(resident, need)

    def collect(self) -> None:
        self.datacollector.collect(self)

    def deliver_events(self) -> None:
        """The day's exchange events to ``sorgende_sim_events`` (end of day: a safe point)."""
        if self.pending_events:
            events, self.pending_events = self.pending_events, []
            self._events_hook(model=self, events=events)

    def step(self) -> None:
        """Simulate one day (see :meth:`World.step <sorgende.sim.world.World.step>`)."""
        if self.running:
            super().step()
            self.steps += 1

    def resident_of(self, actor_id: uuid.UUID) -> Resident | None:
        return self._by_actor.get(actor_id)

    def recognised(self, actor_id: uuid.UUID, code: str) -> None:
        """The platform's rules recognised ``actor_id`` with ``code`` (seen after commit)."""
        resident = self._by_actor.get(actor_id)
        if resident is not None:
            self.recognise(resident, code)

    # -- running and checking --------------------------------------------------------

    def run(self, days: int | None = None, *, progress: Any = None) -> Any:
        """Step until ``days`` more days are done (default: to the configured end).

        Then checks the ledger and the model's records against the platform and
        returns the :class:`~sorgende.sim.results.SimResult`. ``progress`` is called
        with the number of days done after each day (a progress bar's update).
        """
        started = _time.perf_counter()
        remaining = self.config.days - self.day if days is None else days
        for _ in range(remaining):
            if not self.running:
                break
            self.step()
            if progress is not None:
                progress(self.day)
        return self.result(seconds=_time.perf_counter() - started)

    def result(self, seconds: float = 0.0) -> Any:
        """The checked result of the days simulated so far."""
        from sorgende.sim.results import SimResult

        checks = self.check()
        # what scenarios measure themselves (optional methods: see sorgende.sim.api)
        added: dict[str, Any] = {}
        tables: dict[str, list[dict[str, Any]]] = {}
        for scenario in self.scenarios:
            if hasattr(scenario, "summary"):
                added.update(scenario.summary(self))
            if hasattr(scenario, "tables"):
                tables.update((k, list(v)) for k, v in scenario.tables(self).items())
        from sorgende.sim.config import config_to_dict
        from sorgende.sim.store import environment, loaded_plugins

        provenance = {
            **environment(),
            "seed": self.config.seed,
            "config": config_to_dict(self.config),
            "loaded_plugins": loaded_plugins(self.platform.plugins),
        }
        return SimResult(
            provenance=provenance,
            config=self.config,
            scenario=self.scenario_title("en"),
            steps=self.datacollector.rows,
            agents=self.datacollector.agent_rows(self),
            summary={**self.datacollector.summary(self), **checks, **added},
            seconds=seconds,
            tables=tables,
        )

    def scenario_title(self, language: str = "de") -> str:
        return " + ".join(
            s.titles.get(language) or s.titles.get("en") or s.name for s in self.scenarios
        )

    def check(self) -> dict[str, Any]:
        """Check the time bank and the model's records against the platform.

        * every posting sums to zero; each account's balance (the storage's) equals the
          sum of its entries; all balances together are zero;
        * the balances the model counted equal the platform's;
        * every request the model closed has the matching status on the platform (and
          every need asked through an offer, its exchange);
        * every commitment's weeks kept, as the model counted them, equal the domain's
          fulfilment of it (whole weeks).

        Raises :class:`LedgerMismatch` or :class:`RecordsMismatch`; returns counts.
        """
        service = self.service
        postings = service.postings()
        totals: dict[uuid.UUID, int] = defaultdict(int)
        for posting in postings:
            posted = sum(entry.minutes for entry in posting.entries)
            if posted != 0:
                raise LedgerMismatch(problem=f"posting {posting.id} sums to {posted}, not 0")
            for entry in posting.entries:
                totals[entry.account] += entry.minutes
        accounts = {a.id for a in service.actors()} | {self.community.solidarity_account}
        for account in sorted(accounts | set(totals), key=str):
            stored = service.balance(account).minutes
            if stored != totals.get(account, 0):
                raise LedgerMismatch(
                    problem=f"account {account}: balance {stored}, entries {totals[account]}"
                )
            if stored != self.balances.get(account, 0):
                raise LedgerMismatch(
                    problem=f"account {account}: balance {stored}, the model counted "
                    f"{self.balances.get(account, 0)}"
                )
        if sum(totals.values()) != 0:
            raise LedgerMismatch(problem=f"all balances sum to {sum(totals.values())}, not 0")
        statuses: dict[uuid.UUID, str] = {r.id: r.status.value for r in service.requests()}
        statuses.update((e.id, e.state.value) for e in service.exchanges() if e.offer_id)
        expected = {
            ("met", False): {RequestStatus.FULFILLED.value},
            ("unmet", False): {RequestStatus.EXPIRED.value},
            ("met", True): {ExchangeState.CONFIRMED.value},
            ("unmet", True): {ExchangeState.CANCELLED.value, ExchangeState.NO_SHOW.value},
        }
        for request in self.closed:
            if statuses[request.id] not in expected[(request.outcome or "", request.via_offer)]:
                raise RecordsMismatch(
                    problem=f"need {request.id}: the model says {request.outcome}, "
                    f"the platform {statuses[request.id]}"
                )
        # whole weeks only: the model counts a week on its Sunday evening
        last = self.date - timedelta(days=1)
        last -= timedelta(days=(last.weekday() + 1) % 7)
        commitments = 0
        for resident in self.helpers:
            h = resident.helper
            assert h is not None
            if h.commitment is None:
                continue
            commitments += 1
            kept = service.fulfilment(h.commitment.id, today=last).periods_kept
            if kept != h.weeks_kept:
                raise RecordsMismatch(
                    problem=f"commitment {h.commitment.id}: {kept} weeks kept on the platform, "
                    f"{h.weeks_kept} in the model"
                )
        return {
            "ledger_checked": True,
            "postings": len(postings),
            "accounts": len(accounts),
            "commitments_checked": commitments,
        }


def run(config: SimConfig | None = None, **kwargs: Any) -> Any:
    """Build a :class:`CareModel` for ``config`` and run it to the end; its result."""
    progress = kwargs.pop("progress", None)
    return CareModel(config, **kwargs).run(progress=progress)
