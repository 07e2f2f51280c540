"""A paid coordinator ("Hauptamt stärkt Ehrenamt") who matches what volunteers left open.

The municipality employs a coordinator (staff of the municipality, to which the
community grants the coordinator role: so a coordinator of the whole community). On
working days, after the helpers have looked at the board, the coordinator takes up to
``matches_per_day`` of the requests still waiting for helpers whose help is due within
``due_within_days`` (urgent ones first, then the earliest), asks the platform for
candidates (``candidates_for``: the real matching with the installed score terms) and
asks the best of them in person; a helper who agrees is proposed by the coordinator and
accepts.
"""

from __future__ import annotations

import random
import uuid
import warnings
from collections.abc import Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar

from sorgende.domain.actors import ActorKind, CommunityRole, Role
from sorgende.domain.policy import OPERATOR
from sorgende.hookspecs import hookimpl
from sorgende.sim.api import ScenarioBase

if TYPE_CHECKING:
    from sorgende.sim.agents import SimRequest
    from sorgende.sim.model import CareModel

#: candidates fetched per asked candidate (many candidates are not helpers)
FETCH_FACTOR = 4


class PaidCoordinator(ScenarioBase):
    name: ClassVar[str] = "coordinator"
    titles: ClassVar[Mapping[str, str]] = {
        "de": "Hauptamtliche Koordination",
        "en": "Paid coordinator",
    }

    def setup(self, model: CareModel) -> None:
        service = model.service
        staff = model._call(
            service.register_actor,
            ActorKind.PERSON,
            "Koordination Hauptamt",
            home_place_id=model.municipality.home_place_id,
        )
        staff = model._call(service.add_membership, staff.id, model.municipality.id, Role.STAFF)
        model._call(
            service.grant_role, model.municipality.id, CommunityRole.COORDINATOR, by=OPERATOR
        )
        model.scenario_state[self.name] = staff
        cfg, scale = model.config.coordinator, model.config.population.scale
        if cfg.staff_hours_per_week <= 0 and cfg.matches_per_day and scale != 1:
            warnings.warn(
                f"coordinator.matches_per_day={cfg.matches_per_day} is a count in the "
                f"simulated community, not scaled by population.scale={scale}: its effect "
                "depends on the scale; set coordinator.staff_hours_per_week instead",
                stacklevel=2,
            )

    def capacity(self, model: CareModel) -> int:
        """Requests the coordinator works on today.

        With ``staff_hours_per_week`` set: hours x requests per hour, spread over the
        working days and scaled by ``population.scale``; the fraction left over is
        carried to the next working day, so a week's total is right at any scale.
        """
        cfg = model.config.coordinator
        if cfg.staff_hours_per_week <= 0:
            return cfg.matches_per_day
        per_day = (
            cfg.staff_hours_per_week
            * cfg.requests_per_staff_hour
            * model.config.population.scale
            / max(1, len(cfg.working_days))
        )
        carried = model.scenario_state.get(f"{self.name}.carried", 0.0) + per_day
        whole = int(carried)
        model.scenario_state[f"{self.name}.carried"] = carried - whole
        return whole

    def after_matching(self, model: CareModel) -> None:
        cfg = model.config.coordinator
        if model.date.weekday() not in cfg.working_days:
            return
        capacity = self.capacity(model)
        if capacity == 0:
            return
        staff = model.scenario_state[self.name]
        rng = model.stream(self.name)
        now = model.clock.now
        due = now + timedelta(days=cfg.due_within_days)
        waiting = sorted(
            (r for r in model.open_requests() if now < r.start <= due),
            key=lambda r: (not r.urgent, r.start, r.posted_at),
        )
        for request in waiting[:capacity]:
            self._find_helpers(model, request, staff.id, rng)

    def _find_helpers(
        self, model: CareModel, request: SimRequest, staff_id: uuid.UUID, rng: random.Random
    ) -> None:
        cfg = model.config.coordinator
        candidates = model._call(
            model.service.candidates_for,
            request.id,
            limit=cfg.ask_candidates * FETCH_FACTOR,
            by=staff_id,
        )
        asked = 0
        for candidate in candidates:
            if request.accepted >= request.needed or asked >= cfg.ask_candidates:
                return
            helper = model.resident_of(candidate.actor.id)
            if helper is None or helper.helper is None or not model.can_take(helper, request):
                continue
            asked += 1
            h = helper.helper
            free = model.free_for(helper, request)
            p = cfg.accept_when_asked * h.motivation * free / h.capacity_minutes
            if rng.random() < p:
                model.match(request, helper, by=staff_id)


@hookimpl
def sorgende_sim_scenarios() -> list[object]:
    return [PaidCoordinator()]
