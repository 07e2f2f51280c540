"""The organisers' use cases: events (one-off or a series from a template), their shifts,
changes and cancellations, and the plugin's setting of the community."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta

import attrs

from sorgende.domain import policy
from sorgende.domain.policy import Action
from sorgende.errors import InvalidValue, Message
from sorgende_projects import rules
from sorgende_projects.cases import (
    By,
    Cases,
    Work,
    aware,
    checked,
    event_actor,
    event_of,
    leads,
    local_day,
    local_time,
    members_of,
    organisations,
    period,
    project_of,
    settings_of,
    signups_of_shift,
    text,
    title,
    zone_of,
)
from sorgende_projects.errors import ProjectRefused, event_named, shift_named
from sorgende_projects.events import (
    EventCancelled,
    EventPlanned,
    ProjectSettingsChanged,
    ShiftAdded,
    ShiftCancelled,
    ShiftChanged,
)
from sorgende_projects.kinds import EVENT, SETTINGS, SHIFT, SIGNUP
from sorgende_projects.model import (
    Event,
    EventTemplate,
    HoursTo,
    Need,
    ProjectSettings,
    Shift,
    SignUpState,
)
from sorgende_projects.shifts import fill_from_waitlist, recount, store_shift

MAX_CAPACITY = 1000
#: the most events one series makes (a year of days)
MAX_SERIES = 366


def needs_of(needs: Mapping[str, int], capacity: int) -> tuple[Need, ...]:
    found = []
    for qualification, count in needs.items():
        if not isinstance(qualification, str) or not qualification.strip():
            raise InvalidValue("needs", Message("projects.problem.qualification"))
        found.append(Need(qualification.strip(), checked(count, "needs", 1, capacity)))
    if sum(n.count for n in found) > capacity:
        raise InvalidValue("needs", Message("projects.problem.needs_exceed", capacity=capacity))
    return tuple(found)


def series_days(first: date, until: date, weekdays: Iterable[int], every_weeks: int) -> list[date]:
    """The days from ``first`` to ``until`` on ``weekdays`` (0 = Monday), in every
    ``every_weeks``-th week counted from ``first``'s week."""
    days = frozenset(weekdays)
    if not days or not days <= frozenset(range(7)):
        raise InvalidValue("weekdays", Message("projects.problem.weekdays"))
    checked(every_weeks, "every_weeks", 1, 52)
    if until < first:
        raise InvalidValue("until", Message("projects.problem.ends_before"))
    monday = first - timedelta(days=first.weekday())
    found = []
    day = first
    while day <= until:
        week = (day - monday).days // 7
        if day.weekday() in days and week % every_weeks == 0:
            found.append(day)
        day += timedelta(days=1)
    if not found:
        raise InvalidValue("weekdays", Message("projects.problem.no_days"))
    if len(found) > MAX_SERIES:
        raise InvalidValue("until", Message("projects.problem.series_long", most=MAX_SERIES))
    return found


class PlanningCases(Cases):
    """Events and shifts (part of :class:`sorgende_projects.Projects`)."""

    def plan_event(
        self,
        title_: str,
        *,
        organisations: Sequence[uuid.UUID],
        starts_at: datetime,
        ends_at: datetime,
        by: By,
        project_id: uuid.UUID | None = None,
        place_id: uuid.UUID | None = None,
        location: str = "",
        description: str = "",
        signup_opens_at: datetime | None = None,
        members_first_until: datetime | None = None,
        max_shifts_per_person: int | None = None,
        series_id: uuid.UUID | None = None,
    ) -> Event:
        """An event of ``organisations`` (an organiser of one of them, or a lead of
        ``project_id``, plans it); its shifts are added with :meth:`add_shift`."""

        def run(w: Work) -> Event:
            event = self._new_event(
                w,
                title_,
                organisations,
                starts_at,
                ends_at,
                by,
                project_id=project_id,
                place_id=place_id,
                location=location,
                description=description,
                signup_opens_at=signup_opens_at,
                members_first_until=members_first_until,
                max_shifts_per_person=max_shifts_per_person,
                series_id=series_id,
            )
            return event

        return self._write(run)

    def _new_event(
        self,
        w: Work,
        title_: str,
        orgs: Sequence[uuid.UUID],
        starts_at: datetime,
        ends_at: datetime,
        by: By,
        **fields: object,
    ) -> Event:
        uow = w.uow
        starts_at, ends_at = period(starts_at, ends_at)
        org_ids = organisations(uow, orgs, "organisations")
        project_id = fields.pop("project_id")
        project_leads: frozenset[uuid.UUID] = frozenset()
        if isinstance(project_id, uuid.UUID):
            project_of(uow, project_id)
            project_leads = leads(members_of(uow, project_id))
        rules.require_organiser(self._acting(uow, by), org_ids, project_leads, "plan_event")
        place_id = fields.pop("place_id")
        if isinstance(place_id, uuid.UUID):
            uow.places.get(place_id)
        opens = fields.pop("signup_opens_at")
        first = fields.pop("members_first_until")
        for name, value in (("signup_opens_at", opens), ("members_first_until", first)):
            if value is not None:
                aware(value, name)  # type: ignore[arg-type]
        most = fields.pop("max_shifts_per_person")
        if most is not None:
            checked(most, "max_shifts_per_person", 1, 100)
        event = Event(
            community_id=self.community_id,
            title=title(title_),
            organisation_ids=org_ids,
            starts_at=starts_at,
            ends_at=ends_at,
            created_at=w.now,
            organisation_id=org_ids[0],
            day=local_day(starts_at, zone_of(uow)),
            project_id=project_id,  # type: ignore[arg-type]
            series_id=fields.pop("series_id"),  # type: ignore[arg-type]
            description=text(str(fields.pop("description")), "description"),
            place_id=place_id,  # type: ignore[arg-type]
            location=text(str(fields.pop("location")), "location"),
            signup_opens_at=opens,  # type: ignore[arg-type]
            members_first_until=first,  # type: ignore[arg-type]
            max_shifts_per_person=most,  # type: ignore[arg-type]
        )
        uow.of(EVENT).add(event)
        w.events.append(
            EventPlanned(
                self.community_id, w.now, event_actor(by), event.id, event.title, starts_at
            )
        )
        return event

    def plan_series(
        self,
        template: EventTemplate,
        *,
        first: date,
        until: date,
        weekdays: Iterable[int],
        by: By,
        every_weeks: int = 1,
        signup_opens_at: datetime | None = None,
        members_first_until: datetime | None = None,
    ) -> list[Event]:
        """Events from ``template`` on the days of the rule ("every Saturday in the holiday
        week": ``first`` and ``until`` the week's Monday and Sunday, ``weekdays={5}``),
        each with the template's shifts; all in one unit of work, with one series id."""
        days = series_days(first, until, weekdays, every_weeks)
        series_id = uuid.uuid4()

        def run(w: Work) -> list[Event]:
            zone = zone_of(w.uow)
            made = []
            for day in days:
                event = self._new_event(
                    w,
                    template.title,
                    template.organisation_ids,
                    local_time(day, template.start, zone, "start"),
                    local_time(day, template.end, zone, "end"),
                    by,
                    project_id=template.project_id,
                    place_id=template.place_id,
                    location=template.location,
                    description=template.description,
                    signup_opens_at=signup_opens_at,
                    members_first_until=members_first_until,
                    max_shifts_per_person=template.max_shifts_per_person,
                    series_id=series_id,
                )
                for shift in template.shifts:
                    self._new_shift(
                        w,
                        event,
                        shift.title,
                        local_time(day, shift.start, zone, "shifts.start"),
                        local_time(day, shift.end, zone, "shifts.end"),
                        shift.capacity,
                        shift.needs,
                        template.place_id,
                        shift.location or template.location,
                        by,
                    )
                made.append(event)
            return made

        return self._write(run)

    def add_shift(
        self,
        event_id: uuid.UUID,
        title_: str,
        *,
        starts_at: datetime,
        ends_at: datetime,
        capacity: int,
        by: By,
        needs: Mapping[str, int] | None = None,
        place_id: uuid.UUID | None = None,
        location: str = "",
    ) -> Shift:
        """A shift of the event with ``capacity`` places, ``needs`` of them kept for holders
        of a qualification (``{"first_aid": 2}``)."""

        def run(w: Work) -> Shift:
            event = event_of(w.uow, event_id)
            self._organise_event(w, event, by, "add_shift")
            return self._new_shift(
                w,
                event,
                title_,
                starts_at,
                ends_at,
                capacity,
                needs or {},
                place_id if place_id is not None else event.place_id,
                location or event.location,
                by,
            )

        return self._write(run)

    def _new_shift(
        self,
        w: Work,
        event: Event,
        title_: str,
        starts_at: datetime,
        ends_at: datetime,
        capacity: int,
        needs: Mapping[str, int],
        place_id: uuid.UUID | None,
        location: str,
        by: By,
    ) -> Shift:
        if event.cancelled:
            raise ProjectRefused(event_named(event), Message("projects.reason.cancelled"))
        starts_at, ends_at = period(starts_at, ends_at)
        capacity = checked(capacity, "capacity", 1, MAX_CAPACITY)
        if place_id is not None:
            w.uow.places.get(place_id)
        shift = Shift(
            community_id=self.community_id,
            event_id=event.id,
            title=title(title_),
            starts_at=starts_at,
            ends_at=ends_at,
            day=local_day(starts_at, zone_of(w.uow)),
            capacity=capacity,
            needs=needs_of(needs, capacity),
            organisation_id=event.organisation_id,
            place_id=place_id,
            location=text(location, "location"),
        )
        shift = recount(shift, ())
        w.uow.of(SHIFT).add(shift)
        w.events.append(
            ShiftAdded(
                self.community_id, w.now, event_actor(by), event.id, shift.id, starts_at, capacity
            )
        )
        if shift.starts_at < event.starts_at or shift.ends_at > event.ends_at:
            widened = EVENT.bumped(
                event,
                starts_at=min(event.starts_at, shift.starts_at),
                ends_at=max(event.ends_at, shift.ends_at),
            )
            w.uow.of(EVENT).update(widened)
        return shift

    def change_shift(
        self,
        shift_id: uuid.UUID,
        *,
        by: By,
        title: str | None = None,
        starts_at: datetime | None = None,
        ends_at: datetime | None = None,
        capacity: int | None = None,
        location: str | None = None,
        place_id: uuid.UUID | None = None,
    ) -> Shift:
        """Change a shift; the persons signed up are told. More places fill from the
        waitlist; fewer than the confirmed sign-ups are refused."""
        changes = {
            "title": title,
            "starts_at": starts_at,
            "ends_at": ends_at,
            "capacity": capacity,
            "location": location,
            "place_id": place_id,
        }
        given = {k: v for k, v in changes.items() if v is not None}

        def run(w: Work) -> Shift:
            return self._change(w, shift_id, by, given)

        return self._write(run)

    def _change(self, w: Work, shift_id: uuid.UUID, by: By, given: Mapping[str, object]) -> Shift:
        uow = w.uow
        shift = uow.of(SHIFT).get(shift_id)
        event = event_of(uow, shift.event_id)
        self._organise_event(w, event, by, "change_shift")
        zone = zone_of(uow)
        if shift.cancelled:
            raise ProjectRefused(shift_named(shift, zone), Message("projects.reason.cancelled"))
        new: dict[str, object] = {}
        if "title" in given:
            new["title"] = title(str(given["title"]))
        if "location" in given:
            new["location"] = text(str(given["location"]), "location")
        if "place_id" in given:
            new["place_id"] = uow.places.get(given["place_id"]).id  # type: ignore[arg-type]
        starts = given.get("starts_at", shift.starts_at)
        ends = given.get("ends_at", shift.ends_at)
        if "starts_at" in given or "ends_at" in given:
            starts, ends = period(starts, ends)  # type: ignore[arg-type]
            new.update(starts_at=starts, ends_at=ends, day=local_day(starts, zone))
        signups = list(signups_of_shift(uow, shift.id))
        if "capacity" in given:
            new["capacity"] = checked(given["capacity"], "capacity", 1, MAX_CAPACITY)
        changed = attrs.evolve(shift, **new)  # type: ignore[arg-type]
        held = rules.taken(signups)
        if min(rules.free_by_need(changed, held).values()) < 0:
            # fewer places than the kept ones and the open places taken
            raise ProjectRefused(
                shift_named(shift, zone),
                Message(
                    "projects.reason.capacity_below",
                    count=changed.reserved + held.get(rules.OPEN, 0),
                ),
            )
        names = tuple(k for k in new if getattr(shift, k) != getattr(changed, k))
        fill_from_waitlist(w, changed, signups, event_actor(by))
        store_shift(w, shift, recount(changed, signups))
        stored = uow.of(SHIFT).get(shift.id)
        persons = tuple(s.person_id for s in signups if s.active)
        if names:
            w.events.append(
                ShiftChanged(self.community_id, w.now, event_actor(by), shift.id, names, persons)
            )
        return stored

    def cancel_shift(self, shift_id: uuid.UUID, *, by: By) -> Shift:
        """Cancel a shift: its sign-ups end, and the persons signed up are told."""

        def run(w: Work) -> Shift:
            shift = w.uow.of(SHIFT).get(shift_id)
            event = event_of(w.uow, shift.event_id)
            self._organise_event(w, event, by, "change_shift")
            persons = self._end_signups(w, shift)
            stored = self._cancelled(w, shift)
            w.events.append(
                ShiftCancelled(self.community_id, w.now, event_actor(by), shift.id, persons)
            )
            return stored

        return self._write(run)

    def cancel_event(self, event_id: uuid.UUID, *, by: By) -> Event:
        """Cancel an event with all its shifts; everyone signed up is told once."""

        def run(w: Work) -> Event:
            event = event_of(w.uow, event_id)
            self._organise_event(w, event, by, "plan_event")
            persons: dict[uuid.UUID, None] = {}
            for shift in w.uow.of(SHIFT).list(where={"event_id": event.id}):
                if not shift.cancelled:
                    persons.update(dict.fromkeys(self._end_signups(w, shift)))
                    self._cancelled(w, shift)
            cancelled = EVENT.bumped(event, cancelled=True)
            w.uow.of(EVENT).update(cancelled)
            w.events.append(
                EventCancelled(self.community_id, w.now, event_actor(by), event.id, tuple(persons))
            )
            return cancelled

        return self._write(run)

    def _end_signups(self, w: Work, shift: Shift) -> tuple[uuid.UUID, ...]:
        persons = []
        for signup in signups_of_shift(w.uow, shift.id):
            if signup.active:
                persons.append(signup.person_id)
                w.uow.of(SIGNUP).update(
                    SIGNUP.bumped(signup, state=SignUpState.CANCELLED, cancelled_at=w.now)
                )
        return tuple(persons)

    def _cancelled(self, w: Work, shift: Shift) -> Shift:
        ended = attrs.evolve(shift, cancelled=True)
        return store_shift(w, shift, recount(ended, list(signups_of_shift(w.uow, shift.id))))

    def _organise_event(self, w: Work, event: Event, by: By, action: str) -> None:
        project_leads = leads(members_of(w.uow, event.project_id))
        rules.require_organiser(
            self._acting(w.uow, by), event.organisation_ids, project_leads, action
        )

    # -- the plugin's setting of the community ---------------------------------------

    def settings(self) -> ProjectSettings:
        return self._read(lambda uow: settings_of(uow, self.community_id))

    def set_hours_to(self, hours_to: HoursTo, *, by: By) -> ProjectSettings:
        """Where the hours of shifts go: the worklog or the time bank. The community's
        administrators decide (the core's ``change_settings``)."""
        target = HoursTo(hours_to)

        def run(w: Work) -> ProjectSettings:
            policy.require(self._acting(w.uow, by), Action.CHANGE_SETTINGS)
            repo = w.uow.of(SETTINGS)
            current = repo.find(self.community_id)
            if current is None:
                new = ProjectSettings(self.community_id, target)
                repo.add(new)
            else:
                new = SETTINGS.bumped(current, hours_to=target)
                repo.update(new)
            w.events.append(
                ProjectSettingsChanged(self.community_id, w.now, event_actor(by), target.value)
            )
            return new

        return self._write(run)
