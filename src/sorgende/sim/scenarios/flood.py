"""A flood: a week of urgent needs in some places, and spontaneous helpers.

On the crisis days (``flood.start_day`` for ``flood.days`` days) residents of the
affected places ask for flood relief (``Hochwasserhilfe``, a category the scenario
adds to the community): urgent requests for today or tomorrow that need several
helpers for some hours. Their everyday needs become more frequent too. On the first
crisis day a share of the residents aged 15 to 74 register as spontaneous helpers
(*Spontanhelfende*) who help with flood relief only and stop a few days after the
crisis; the regular helpers may take flood relief too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

import attrs

from sorgende.domain.categories import Category
from sorgende.errors import InvalidValue, Message
from sorgende.hookspecs import hookimpl
from sorgende.sim.agents import HelperState, Need, Resident
from sorgende.sim.api import ScenarioBase
from sorgende.sim.hooks import SimHooks

if TYPE_CHECKING:
    from sorgende.sim.model import CareModel

FLOOD_RELIEF = Category(
    "flood_relief",
    {"de": "Hochwasserhilfe", "en": "Flood relief"},
    description="Clearing mud, carrying furniture, pumping cellars after a flood",
)
#: spontaneous helpers' ages
HELPER_AGES = range(15, 75)
#: hours a spontaneous helper gives in a crisis week (assumption: a working week)
SPONTANEOUS_WEEKLY_HOURS = 40
#: flood relief starts between these hours
FIRST_HOUR, LAST_HOUR = 9, 14


@runtime_checkable
class Responder(Protocol):
    """Who organises the flood's spontaneous helpers and relief (``flood.responder``).

    Given by a plugin through ``sorgende_sim_responders``; the flood calls it at fixed
    points and the responder acts on ``model.platform`` (its own use cases). The
    simulated day's clock is ``model.clock``; ``model.advance(when)`` moves it on.
    """

    name: str
    #: the responder's title per language
    titles: Mapping[str, str]

    def start(self, model: CareModel, places: Sequence[int]) -> None:
        """The crisis begins (the flood's first morning) in ``places`` (indices)."""
        ...

    def volunteer(self, model: CareModel, resident: Resident, until_day: int) -> None:
        """``resident`` comes forward as a spontaneous helper, until ``until_day``."""
        ...

    def need(self, model: CareModel, resident: Resident, need: Need, start: datetime) -> None:
        """``resident`` needs flood relief from ``start`` (``need.helpers`` helpers)."""
        ...

    def day(self, model: CareModel) -> None:
        """Each crisis day after the platform's matching: triage, dispatch, the work."""
        ...

    def stop(self, model: CareModel) -> None:
        """The crisis ends (the evening after the last day of flood relief)."""
        ...

    def summary(self, model: CareModel) -> Mapping[str, Any]:
        """Figures for the run's summary (named so they cannot clash with the model's)."""
        ...


@attrs.define
class FloodState:
    places: list[int]
    residents: list[Resident]
    responder: Responder | None = None


class Flood(ScenarioBase):
    name: ClassVar[str] = "flood"
    titles: ClassVar[Mapping[str, str]] = {"de": "Hochwasser", "en": "Flood"}

    def setup(self, model: CareModel) -> None:
        cfg = model.config.flood
        names = [p.name for p in model.places]
        unknown = [name for name in cfg.places if name not in names]
        if unknown:
            raise InvalidValue(
                "flood.places",
                Message("sim.problem.flood.places_simulation", unknown=", ".join(unknown)),
            )
        if cfg.helpers_max < cfg.helpers_min:
            raise InvalidValue(
                "flood.helpers_max",
                Message(
                    "sim.problem.flood.less_than_helpers_min",
                    helpers_max=cfg.helpers_max,
                    helpers_min=cfg.helpers_min,
                ),
            )
        if FLOOD_RELIEF.code not in model.requirements:
            model.service.add_category(FLOOD_RELIEF)
            model.requirements[FLOOD_RELIEF.code] = FLOOD_RELIEF.required_qualifications
        places = [names.index(name) for name in cfg.places]
        wanted = set(places)
        model.scenario_state[self.name] = FloodState(
            places=places,
            residents=[r for r in model.residents if r.place in wanted],
            responder=_responder(model, cfg.responder) if cfg.responder else None,
        )

    def before_day(self, model: CareModel) -> None:
        cfg = model.config.flood
        state: FloodState = model.scenario_state[self.name]
        end = cfg.start_day + cfg.days
        if model.day == cfg.start_day:
            if state.responder is not None:
                state.responder.start(model, state.places)
            self._call_for_helpers(model)
            for place in state.places:
                model.need_multiplier[place] *= cfg.need_multiplier
        if model.day == end and cfg.need_multiplier:
            for place in state.places:
                model.need_multiplier[place] /= cfg.need_multiplier
        if cfg.start_day <= model.day < end:
            rng = model.stream(self.name)
            for resident in _draw(model, state.residents, cfg.affected_share / cfg.days):
                need = Need(
                    FLOOD_RELIEF.code,
                    cfg.hours,
                    lead_days=rng.randint(0, 1),
                    hour=rng.randint(FIRST_HOUR, LAST_HOUR),
                    urgent=True,
                    helpers=rng.randint(cfg.helpers_min, cfg.helpers_max),
                )
                if state.responder is None:
                    model.post_need(resident, need)
                else:
                    day = model.date + timedelta(days=need.lead_days)
                    state.responder.need(model, resident, need, model.at(day, need.hour))

    def after_matching(self, model: CareModel) -> None:
        cfg = model.config.flood
        state: FloodState = model.scenario_state[self.name]
        # relief is asked for today or tomorrow: the last is done on the day after
        if state.responder is not None and cfg.start_day <= model.day <= cfg.start_day + cfg.days:
            state.responder.day(model)

    def end_of_day(self, model: CareModel) -> None:
        cfg = model.config.flood
        state: FloodState = model.scenario_state[self.name]
        if state.responder is not None and model.day == cfg.start_day + cfg.days:
            state.responder.stop(model)

    def summary(self, model: CareModel) -> Mapping[str, Any]:
        state: FloodState | None = model.scenario_state.get(self.name)
        if state is None or state.responder is None:
            return {}
        return state.responder.summary(model)

    def report(self, model: CareModel, language: str) -> Sequence[str]:
        """The responder's lines for ``sorgende simulate`` (its optional ``report``)."""
        state: FloodState | None = model.scenario_state.get(self.name)
        responder: Any = state.responder if state is not None else None
        if responder is None or not hasattr(responder, "report"):
            return []
        lines: Sequence[str] = responder.report(model, language)
        return lines

    def _call_for_helpers(self, model: CareModel) -> None:
        cfg = model.config.flood
        state: FloodState = model.scenario_state[self.name]
        until = cfg.start_day + cfg.days + cfg.stay_days
        if state.responder is not None:
            # they come forward to the crisis staff, not to the platform
            for resident in _draw(model, _candidates(model), cfg.spontaneous_share):
                state.responder.volunteer(model, resident, until)
            return
        # the regular helpers may shovel mud too, within their reach
        for helper in model.helpers:
            if helper.helper is not None and helper.helper.active:
                model.make_eligible(helper, [FLOOD_RELIEF.code])
        pop = model.config.population
        for resident in _draw(model, _candidates(model), cfg.spontaneous_share):
            model.add_helper(
                resident,
                HelperState(
                    capacity_minutes=SPONTANEOUS_WEEKLY_HOURS * 60,
                    skills=(FLOOD_RELIEF.code,),
                    qualifications=frozenset(),
                    radius_km=pop.radius_km_car,
                    base_accept=cfg.spontaneous_accept,
                    spontaneous=True,
                    until_day=until,
                ),
            )


def _candidates(model: CareModel) -> list[Resident]:
    return [
        r for r in model.residents if r.age in HELPER_AGES and not r.needs_care and r.actor is None
    ]


def _responder(model: CareModel, name: str) -> Responder:
    """The responder named ``name`` among the plugins' (the one registered later wins)."""
    found: dict[str, Any] = {}
    # call order is last-registered first: reversed, a later plugin overwrites
    for _plugin, items in reversed(list(SimHooks(model.platform.plugins).sim_responders())):
        for item in items or ():
            found[getattr(item, "name", "")] = item
    if name not in found:
        raise InvalidValue(
            "flood.responder",
            Message(
                "sim.problem.flood.responder",
                responder=name,
                known=", ".join(sorted(found)) or "-",
            ),
        )
    responder: Responder = found[name]
    return responder


def _draw(model: CareModel, members: list[Resident], p: float) -> list[Resident]:
    from sorgende.sim.world import draw

    return draw(members, p, model.stream("flood"))


@hookimpl
def sorgende_sim_scenarios() -> list[object]:
    return [Flood()]
