"""The shift plan: a recurring event that needs volunteers, and a pool that may or may not suffice.

An association (*Tafel Daun e.V.*) runs a project with a series of events (by default a
food distribution every Saturday with three shifts: setting up, handing out, clearing
up; one of the six places of handing out is kept for a holder of a first-aid
certificate). A pool of volunteers, some of them members of the project, signs up through
the plugin's use cases (``Projects.sign_up``): the same sign-up window, members-first
period, places kept per qualification, overlap rule and maximum per person as on the web.
Some cancel before the day (``cancel_sign_up``: the platform promotes the first fitting
person of the waitlist), some do not come (the organiser records it with
``mark_no_show``, which promotes too, and a stand-in promoted on the day may still come);
the others check in at the start and out at the end (``check_in``, ``check_out``: hours
to the worklog or the time bank, as the community's setting says).

After each event the scenario reads the shifts and sign-ups back from the platform
(``Projects.shifts`` and ``Projects.sign_ups``) and counts per shift: places, filled at
the start, attended, understaffed (fewer attended than places, or a qualification's kept
places not covered), cancellations, promotions, no-shows and hours. ``summary`` adds the
run's totals to the simulation's summary, ``tables`` gives the table per shift and per
week, ``report`` the lines ``sorgende simulate`` prints.

Times: the event's day is processed after the helpers' round of answers (the model's
``after_matching``), so on an event day the simulated clock passes the shifts' times
before the day's exchanges of neighbourly help are carried out; those happen, and are
counted, as on any other day, only later on the clock.
"""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any, ClassVar

import attrs

from sorgende.domain.actors import ActorKind, Qualification, QualificationKind, Role
from sorgende.domain.policy import OPERATOR
from sorgende.errors import SorgendeError
from sorgende.sim.api import ScenarioBase
from sorgende_projects.model import EventTemplate, HoursTo, ShiftTemplate, SignUpState
from sorgende_projects.service import Projects
from sorgende_projects.sim.params import ShiftPlanParams, params_from
from sorgende_projects.sim.report import report_lines, shift_row, summary_of, week_rows

FIRST_AID = QualificationKind.FIRST_AID.value
#: sign-ups happen in the morning, after the event's window opened at 07:00
SIGN_UP_HOUR = 7
#: how late after a shift's start the organiser records who did not come
NO_SHOW_AFTER = timedelta(minutes=15)


@attrs.define
class Volunteer:
    """A volunteer of the pool: the actor, whether a member, a first-aider, how available."""

    actor_id: uuid.UUID
    member: bool
    first_aid: bool
    availability: float


@attrs.define
class PlanState:
    """The scenario's state in one run (scenario objects are shared by runs)."""

    params: ShiftPlanParams
    projects: Projects
    organiser: uuid.UUID
    project_id: uuid.UUID
    pool: list[Volunteer]
    #: the association: it pays the hours when they go to the time bank
    organisation: uuid.UUID
    #: the events by their local day
    events: dict[date, uuid.UUID] = attrs.field(factory=dict)
    #: each event's local day, by event id
    days: dict[uuid.UUID, date] = attrs.field(factory=dict)
    #: what to do on a day: (kind, shift id, person id), kinds "sign_up" and "cancel"
    agenda: dict[date, list[tuple[str, uuid.UUID | None, uuid.UUID]]] = attrs.field(
        factory=lambda: defaultdict(list)
    )
    #: places filled at each shift's start, by shift id
    filled_at_start: dict[uuid.UUID, int] = attrs.field(factory=dict)
    rows: list[dict[str, Any]] = attrs.field(factory=list)
    refused: int = 0


class ShiftPlan(ScenarioBase):
    name: ClassVar[str] = "shifts"
    titles: ClassVar[Mapping[str, str]] = {
        "de": "Schichtplan einer Tafel",
        "en": "Shift plan of a food bank",
    }

    # -- setup -------------------------------------------------------------------------

    def setup(self, model: Any) -> None:
        params = params_from(model.config.extra)
        service = model.service
        rng = model.stream(self.name)
        home = model.association.home_place_id
        tafel = model._call(
            service.register_actor, ActorKind.ASSOCIATION, "Tafel Daun e.V.", home_place_id=home
        )
        lead = model._call(
            service.register_actor, ActorKind.PERSON, "Leitung der Tafel", home_place_id=home
        )
        model._call(service.add_membership, lead.id, tafel.id, Role.COORDINATOR)
        projects = Projects(model.platform, service.community_id)
        project = model._call(
            projects.create_project,
            params.title,
            organisations=[tafel.id],
            leads=[lead.id],
            by=OPERATOR,
        )
        start, days = model.config.start, model.config.days
        certificate = [
            Qualification(
                FIRST_AID, start - timedelta(days=365), start + timedelta(days=days + 730)
            )
        ]
        pool = []
        for i in range(params.pool):
            member = rng.random() < params.members_share
            first_aid = rng.random() < params.first_aid_share
            actor = model._call(
                service.register_actor,
                ActorKind.PERSON,
                f"Ehrenamtliche {i + 1}",
                home_place_id=home,
                qualifications=certificate if first_aid else (),
            )
            if member:
                model._call(projects.set_member, project.id, actor.id, by=lead.id)
            availability = min(1.0, params.availability * rng.uniform(0.5, 1.5))
            pool.append(Volunteer(actor.id, member, first_aid, availability))
        if params.hours_to == "timebank":
            model._call(projects.set_hours_to, HoursTo.TIMEBANK, by=OPERATOR)
        state = PlanState(params, projects, lead.id, project.id, pool, tafel.id)
        model.scenario_state[self.name] = state
        self._plan(model, state, tafel.id)

    def _plan(self, model: Any, state: PlanState, organisation: uuid.UUID) -> None:
        """The series of events from a template, and each volunteer's sign-up day."""
        params = state.params
        first = model.config.start
        until = first + timedelta(days=model.config.days - 1)
        template = EventTemplate(
            title=params.title,
            organisation_ids=(organisation,),
            start=params.start,
            end=params.end,
            shifts=tuple(
                ShiftTemplate(s.title, s.start, s.end, s.capacity, dict(s.needs))
                for s in params.shifts
            ),
            project_id=state.project_id,
            place_id=model.association.home_place_id,
            max_shifts_per_person=params.max_per_person,
        )
        rng = model.stream(self.name)
        day = first
        while day <= until:
            if day.weekday() not in params.weekdays:
                day += timedelta(days=1)
                continue
            opens = day - timedelta(days=params.opens_days_before)
            everyone = opens + timedelta(days=params.members_first_days)
            # one event per call: the window opens a fixed time before each event
            (event,) = model._call(
                state.projects.plan_series,
                template,
                first=day,
                until=day,
                weekdays=(day.weekday(),),
                by=state.organiser,
                signup_opens_at=model.at(opens, SIGN_UP_HOUR),
                members_first_until=model.at(everyone, SIGN_UP_HOUR),
            )
            state.events[day] = event.id
            state.days[event.id] = day
            for volunteer in state.pool:
                if rng.random() >= volunteer.availability:
                    continue
                # members sign up as soon as they may, the others some day before the event
                if volunteer.member:
                    when = max(opens, first)
                else:
                    low = max(everyone, first)
                    when = low + timedelta(days=rng.randrange(max(1, (day - low).days)))
                if when <= day:
                    state.agenda[when].append(("sign_up", event.id, volunteer.actor_id))
            day += timedelta(days=1)

    # -- every day ---------------------------------------------------------------------

    def before_day(self, model: Any) -> None:
        state: PlanState = model.scenario_state[self.name]
        model.advance(model.at(model.date, SIGN_UP_HOUR))
        rng = model.stream(self.name)
        for kind, target, person in state.agenda.pop(model.date, []):
            if kind == "sign_up":
                assert target is not None
                self._sign_up(model, state, target, person, rng)
            else:
                assert target is not None
                self._cancel(model, state, target, person)

    def _sign_up(
        self,
        model: Any,
        state: PlanState,
        event_id: uuid.UUID,
        person: uuid.UUID,
        rng: random.Random,
    ) -> None:
        """A volunteer looks at the event's shifts and signs up for one (or two)."""
        params = state.params
        shifts = sorted(model._call(state.projects.shifts, event_id), key=lambda s: s.starts_at)
        wanted = 2 if rng.random() < params.second_shift_share else 1
        free = [s for s in shifts if s.free > 0]
        rng.shuffle(free)
        choices = free[:wanted]
        if len(choices) < wanted and rng.random() < params.waitlist_share:
            full = [s for s in shifts if s.free <= 0 and s not in choices]
            if full:
                choices.append(rng.choice(full))
        day = model.date
        event_day = state.days[event_id]
        for shift in choices:
            try:
                model._call(state.projects.sign_up, shift.id, person, by=person)
            except SorgendeError:
                # the rules refused (overlap, the most per person): counted, nothing left over
                state.refused += 1
                model.refusals += 1
                continue
            if rng.random() < params.cancel_share:
                cancel_day = day + timedelta(days=rng.randrange((event_day - day).days + 1))
                state.agenda[cancel_day].append(("cancel", shift.id, person))

    def _cancel(self, model: Any, state: PlanState, shift_id: uuid.UUID, person: uuid.UUID) -> None:
        try:
            model._call(state.projects.cancel_sign_up, shift_id, person, by=person)
        except SorgendeError:
            state.refused += 1
            model.refusals += 1

    def after_matching(self, model: Any) -> None:
        state: PlanState = model.scenario_state[self.name]
        event_id = state.events.get(model.date)
        if event_id is None:
            return
        rng = model.stream(self.name)
        projects = state.projects
        holders = {FIRST_AID: {v.actor_id for v in state.pool if v.first_aid}}
        shifts = sorted(model._call(projects.shifts, event_id), key=lambda s: s.starts_at)
        for shift in shifts:
            self._run_shift(model, state, shift, rng)
        event = model._call(projects.event, event_id)
        for shift in shifts:
            signups = model._call(projects.sign_ups, shift.id, by=state.organiser)
            state.rows.append(
                shift_row(event, shift, signups, state.filled_at_start[shift.id], holders)
            )

    def _run_shift(self, model: Any, state: PlanState, shift: Any, rng: random.Random) -> None:
        """The shift's time: who comes checks in, who does not is recorded, stand-ins come."""
        projects, params, organiser = state.projects, state.params, state.organiser
        model.advance(shift.starts_at)
        current = model._call(projects.shift, shift.id)
        state.filled_at_start[shift.id] = current.filled
        confirmed = [
            s
            for s in model._call(projects.sign_ups, shift.id, by=organiser)
            if s.state is SignUpState.CONFIRMED
        ]
        absent = []
        for signup in confirmed:
            if rng.random() < params.no_show_share:
                absent.append(signup)
            else:
                model._call(projects.check_in, shift.id, signup.person_id, by=signup.person_id)
        if absent:
            model.advance(shift.starts_at + NO_SHOW_AFTER)
            before = {s.person_id for s in confirmed}
            for signup in absent:
                model._call(projects.mark_no_show, shift.id, signup.person_id, by=organiser)
            # who the platform promoted in their place is called and may still come
            for signup in model._call(projects.sign_ups, shift.id, by=organiser):
                if (
                    signup.state is SignUpState.CONFIRMED
                    and signup.person_id not in before
                    and rng.random() < params.stand_in_share
                ):
                    model._call(projects.check_in, shift.id, signup.person_id, by=signup.person_id)
        model.advance(shift.ends_at)
        for signup in model._call(projects.sign_ups, shift.id, by=organiser):
            if signup.checked_in_at is not None and signup.checked_out_at is None:
                out = model._call(
                    projects.check_out, shift.id, signup.person_id, by=signup.person_id
                )
                if params.hours_to == "timebank":
                    # the model counts every balance it checks against the platform's
                    model.balances[signup.person_id] += out.minutes
                    model.balances[state.organisation] -= out.minutes

    # -- results -----------------------------------------------------------------------

    def summary(self, model: Any) -> Mapping[str, Any]:
        state: PlanState = model.scenario_state[self.name]
        return summary_of(state.rows, len(state.pool), state.refused)

    def tables(self, model: Any) -> Mapping[str, Sequence[Mapping[str, Any]]]:
        state: PlanState = model.scenario_state[self.name]
        return {"shifts": list(state.rows), "shift_weeks": week_rows(state.rows)}

    def report(self, model: Any, language: str) -> Sequence[str]:
        state: PlanState = model.scenario_state[self.name]
        return report_lines(state.rows, len(state.pool), language)
