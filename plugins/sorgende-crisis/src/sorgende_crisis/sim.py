"""The crisis plugin as the flood's responder in ``sorgende.sim`` (``flood.responder``).

With ``flood.responder = "crisis"`` (or ``"crisis_first_come"``) the simulated flood's
spontaneous helpers register through this plugin's intake (the public form's use case),
each resident's call for flood relief becomes a task the crisis staff post, and every
crisis day the staff dispatch in batches by the responder's strategy
(:data:`sorgende_crisis.rules.STRATEGIES`); the helpers sent to a task of the day
confirm, check in at its start and check out at its end, which records their hours.
The same rules as on a deployed platform decide: who fits which task, how a batch
never goes over a task's places, who is free again after a check-out.

Assumptions (illustrative, not measured): a quarter of the calls are for a flooded
cellar (``pump_share``), which takes one helper with a pump besides those who clear
out; one spontaneous helper in ten brings a pump (``pump_helpers``); every helper sent
comes. The model is typed ``Any`` here: a plugin sees only
``sorgende.sim``'s public API.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, ClassVar

import attrs

from sorgende.domain.actors import ActorKind, Role
from sorgende.i18n import translate
from sorgende_crisis.model import DispatchState
from sorgende_crisis.rules import strategy as _strategy
from sorgende_crisis.service import CrisisResponse

#: titles of the two responders per strategy
TITLES: Mapping[str, Mapping[str, str]] = {
    "triage": {"de": "Krisenstab (Triage)", "en": "crisis staff (triage)"},
    "first_come": {
        "de": "Krisenstab (wer zuerst kommt)",
        "en": "crisis staff (first come, first served)",
    },
}


@attrs.define
class _Run:
    """What the responder keeps of one model's crisis."""

    crisis: CrisisResponse
    crisis_id: uuid.UUID
    staff: uuid.UUID
    places: frozenset[int]
    #: per crisis day, the helpers still there who did not work that day, summed
    idle_days: int = 0


class FloodResponse:
    """The crisis staff's intake, triage and dispatch as the flood's responder.

    :param name: the name ``flood.responder`` chooses it by.
    :param strategy: ``triage`` or ``first_come`` (see :data:`rules.STRATEGIES`).
    :param batch_size: helpers per batch (the staff send groups of this size).
    :param pump_share: the share of calls for relief that need a pump.
    :param pump_helpers: the share of spontaneous helpers who bring a pump.
    """

    equipment: ClassVar[str] = "pumpe"

    def __init__(
        self,
        name: str = "crisis",
        strategy: str = "triage",
        *,
        batch_size: int = 20,
        pump_share: float = 0.25,
        pump_helpers: float = 0.1,
    ) -> None:
        self.name = name
        self.strategy = _strategy(strategy)
        self.titles = TITLES[self.strategy]
        self.batch_size = batch_size
        self.pump_share = pump_share
        self.pump_helpers = pump_helpers

    def _run(self, model: Any) -> _Run:
        run: _Run = model.scenario_state[f"responder:{self.name}"]
        return run

    def start(self, model: Any, places: Sequence[int]) -> None:
        service = model.service
        home = model.place_ids[places[0]]
        # the municipality's crisis staff: a coordinator of the municipality
        person = service.register_actor(ActorKind.PERSON, "Krisenstab", home_place_id=home)
        service.add_membership(person.id, model.municipality.id, Role.COORDINATOR)
        crisis = CrisisResponse(model.platform, model.community.id)
        opened = crisis.open_crisis(
            "Hochwasser", [model.place_ids[i] for i in places], by=person.id
        )
        model.scenario_state[f"responder:{self.name}"] = _Run(
            crisis, opened.id, person.id, frozenset(places)
        )

    def volunteer(self, model: Any, resident: Any, until_day: int) -> None:
        run = self._run(model)
        rng = model.stream("crisis")
        pump = rng.random() < self.pump_helpers
        until = model.at(model.config.start + timedelta(days=until_day), 23)
        run.crisis.register(
            run.crisis_id,
            {
                "name": resident.name,
                # a number of the resident's own (the simulation has none)
                "phone": f"+49 6592 {resident.unique_id:07d}",
                "equipment": [self.equipment] if pump else [],
                "comes_from": model.places[resident.place].name,
                "place_id": (
                    model.place_ids[resident.place] if resident.place in run.places else None
                ),
                "available_until": until,
                "adult": resident.age >= 18,
                "guardian_consent": resident.age < 18,
                "consent_contact": True,
            },
            notify=False,
        )

    def need(self, model: Any, resident: Any, need: Any, start: datetime) -> None:
        """A call for relief: a task to clear out for ``need.helpers`` helpers, or, when
        the cellar is flooded, one helper with a pump and the rest to clear out."""
        run = self._run(model)
        pump = model.stream("crisis").random() < self.pump_share
        parts = [("Keller auspumpen", 1, [self.equipment])] if pump else []
        if need.helpers > len(parts):
            parts.append(("Schlamm und Möbel räumen", need.helpers - len(parts), []))
        for title, capacity, equipment in parts:
            run.crisis.add_task(
                run.crisis_id,
                by=run.staff,
                title=title,
                place_id=model.place_ids[resident.place],
                starts_at=start,
                ends_at=start + timedelta(hours=need.hours),
                capacity=capacity,
                equipment=equipment,
                priority=1 if need.urgent else 2,
            )

    def day(self, model: Any) -> None:
        """Dispatch (08:00), then the day's work: check-in at each task's start and
        check-out at its end, in the order of time (the model's clock moves on)."""
        run = self._run(model)
        crisis, staff = run.crisis, run.staff
        crisis.dispatch_all(
            run.crisis_id,
            by=staff,
            batch_size=self.batch_size,
            notify=False,
            strategy=self.strategy,
        )
        today = {t.id: t for t in crisis.tasks(run.crisis_id) if t.starts_at.date() == model.date}
        moments: list[tuple[datetime, int, uuid.UUID]] = []
        for d in crisis.dispatches():
            task = today.get(d.task_id)
            if task is not None and d.state is DispatchState.SENT:
                crisis.confirm(d.id, by=staff)
                moments.append((task.starts_at, 0, d.id))
                moments.append((task.ends_at, 1, d.id))
        for when, step, dispatch_id in sorted(moments):
            model.advance(when)
            if step == 0:
                crisis.check_in(dispatch_id, by=staff)
            else:
                crisis.check_out(dispatch_id, by=staff)
        evening = model.at(model.date, 23)
        there = sum(
            1
            for h in crisis.helpers(run.crisis_id)
            if h.available_until is None or h.available_until >= evening
        )
        run.idle_days += there - len(moments) // 2

    def stop(self, model: Any) -> None:
        run = self._run(model)
        run.crisis.close_crisis(run.crisis_id, by=run.staff)

    def summary(self, model: Any) -> Mapping[str, Any]:
        """Tasks staffed, places filled, pumps where they were needed, helpers idle, hours."""
        run = self._run(model) if f"responder:{self.name}" in model.scenario_state else None
        if run is None:
            return {}
        crisis = run.crisis
        tasks = crisis.tasks(run.crisis_id)
        helpers = {h.id: h for h in crisis.helpers(run.crisis_id)}
        needs_pump = {t.id for t in tasks if self.equipment in t.equipment}
        pumps_elsewhere = sum(
            1
            for d in crisis.dispatches()
            if d.task_id not in needs_pump
            and d.helper_id in helpers
            and self.equipment in helpers[d.helper_id].equipment
        )
        return {
            "crisis_strategy": self.strategy,
            "crisis_tasks": len(tasks),
            "crisis_tasks_staffed": sum(1 for t in tasks if not t.free),
            "crisis_places": sum(t.capacity for t in tasks),
            "crisis_places_filled": sum(t.dispatched for t in tasks),
            "crisis_pump_tasks": len(needs_pump),
            "crisis_pump_tasks_staffed": sum(1 for t in tasks if t.id in needs_pump and not t.free),
            "crisis_pumps_elsewhere": pumps_elsewhere,
            "crisis_helpers": len(helpers),
            "crisis_helpers_idle": sum(1 for h in helpers.values() if not h.minutes),
            "crisis_helper_days_idle": run.idle_days,
            "crisis_hours": round(sum(t.minutes for t in tasks) / 60, 1),
        }

    def report(self, model: Any, language: str) -> list[str]:
        """The figures in words, for ``sorgende simulate``."""
        figures = self.summary(model)
        if not figures:
            return []
        return [
            translate(
                "crisis.sim.report",
                language,
                title=self.titles.get(language, self.titles["en"]),
                **{k.removeprefix("crisis_"): v for k, v in figures.items()},
            )
        ]


def responders() -> list[FloodResponse]:
    """The plugin's two responders: ``crisis`` (triage) and ``crisis_first_come``."""
    return [FloodResponse("crisis", "triage"), FloodResponse("crisis_first_come", "first_come")]
