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

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

import attrs

from sorgende.domain.categories import Category
from sorgende.errors import InvalidValue, Message
from sorgende.hookspecs import hookimpl
from sorgende.sim.agents import HelperState, Need, Resident
from sorgende.sim.api import ScenarioBase

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


@attrs.define
class FloodState:
    places: list[int]
    residents: list[Resident]


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
            places=places, residents=[r for r in model.residents if r.place in wanted]
        )

    def before_day(self, model: CareModel) -> None:
        cfg = model.config.flood
        state: FloodState = model.scenario_state[self.name]
        end = cfg.start_day + cfg.days
        if model.day == cfg.start_day:
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
                model.post_need(resident, need)

    def _call_for_helpers(self, model: CareModel) -> None:
        cfg = model.config.flood
        # the regular helpers may shovel mud too, within their reach
        for helper in model.helpers:
            if helper.helper is not None and helper.helper.active:
                model.make_eligible(helper, [FLOOD_RELIEF.code])
        candidates = [
            r
            for r in model.residents
            if r.age in HELPER_AGES and not r.needs_care and r.actor is None
        ]
        until = cfg.start_day + cfg.days + cfg.stay_days
        pop = model.config.population
        for resident in _draw(model, candidates, cfg.spontaneous_share):
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


def _draw(model: CareModel, members: list[Resident], p: float) -> list[Resident]:
    from sorgende.sim.world import draw

    return draw(members, p, model.stream("flood"))


@hookimpl
def sorgende_sim_scenarios() -> list[object]:
    return [Flood()]
