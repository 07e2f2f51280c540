"""What the plugin shows: the shift board, the shared calendar, sign-ups for organisers,
a person's shifts and worklog, and the rules' answers for the buttons of a page.

The board and the calendar answer from the kinds' indexes: the days of the range (a
set of indexed days), openness, organiser and place are conditions of the storage's
query, paged by the storage; only a qualification (a shift may keep places for
several) is filtered among the shifts those indexed conditions found.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, timedelta

import attrs

from sorgende.domain import policy
from sorgende.domain.policy import Action
from sorgende.domain.principals import Acting
from sorgende.errors import InvalidValue, Message, SorgendeError
from sorgende.i18n import Text
from sorgende.ports import UnitOfWork
from sorgende_projects import rules
from sorgende_projects.cases import (
    By,
    Cases,
    event_of,
    leads,
    members_of,
    signups_of_shift,
    zone_of,
)
from sorgende_projects.kinds import EVENT, SHIFT, SIGNUP, WORKLOG
from sorgende_projects.model import ACTIVE, Event, Shift, SignUp, SignUpState, WorklogEntry

#: the longest range the board and the calendar answer at once
MAX_DAYS = 400
MAX_PAGE = 500


@attrs.frozen
class BoardShift:
    """A shift on the board with its event and free places (open and kept ones)."""

    shift: Shift
    event: Event
    free: int
    free_by_need: dict[str, int]


@attrs.frozen
class BoardPage:
    items: list[BoardShift]
    #: how many match; with ``more``, how many were counted (there are more)
    total: int
    offset: int
    limit: int
    #: the count stopped :data:`COUNT_AHEAD` beyond ``offset``
    more: bool = False


#: how far beyond a page's start the board counts (as the core's board of requests): the
#: cost of a page then stops growing with the shifts of the range
COUNT_AHEAD = 1000
#: shifts read at a time while looking for those that keep places for a qualification
_BATCH = 200


def _items(shifts: list[Shift], events: Mapping[uuid.UUID, Event]) -> list[BoardShift]:
    return [
        BoardShift(s, events[s.event_id], s.free, rules.free_by_need(s))
        for s in shifts
        if s.event_id in events
    ]


def days(start: date, end: date) -> frozenset[date]:
    if not isinstance(start, date) or not isinstance(end, date):
        raise InvalidValue("start", Message("projects.problem.date"))
    if end < start:
        raise InvalidValue("end", Message("projects.problem.ends_before"))
    count = (end - start).days + 1
    if count > MAX_DAYS:
        raise InvalidValue("end", Message("projects.problem.range", most=MAX_DAYS))
    return frozenset(start + timedelta(days=i) for i in range(count))


class QueryCases(Cases):
    """Reads (part of :class:`sorgende_projects.Projects`)."""

    def event(self, event_id: uuid.UUID) -> Event:
        return self._read(lambda uow: event_of(uow, event_id))

    def shift(self, shift_id: uuid.UUID) -> Shift:
        return self._read(lambda uow: uow.of(SHIFT).get(shift_id))

    def shifts(self, event_id: uuid.UUID) -> list[Shift]:
        return self._read(lambda uow: list(uow.of(SHIFT).list(where={"event_id": event_id})))

    def events(
        self,
        *,
        start: date,
        end: date,
        organisation_id: uuid.UUID | None = None,
        project_id: uuid.UUID | None = None,
        include_cancelled: bool = False,
    ) -> list[Event]:
        """The shared calendar: events beginning on the days ``start`` to ``end``, in order
        of their start (those of one organisation: it is among their organisers)."""
        wanted = days(start, end)

        def run(uow: UnitOfWork) -> list[Event]:
            where: dict[str, object] = {"day": wanted}
            if not include_cancelled:
                where["cancelled"] = False
            if project_id is not None:
                where["project_id"] = project_id
            found = list(uow.of(EVENT).list(where=where))
            if organisation_id is not None:
                found = [e for e in found if organisation_id in e.organisation_ids]
            return found

        return self._read(run)

    def board(
        self,
        *,
        start: date,
        end: date,
        organisation_id: uuid.UUID | None = None,
        place_id: uuid.UUID | None = None,
        qualification: str | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> BoardPage:
        """Open shifts (with a free place) on the days ``start`` to ``end``, in order of
        their start, ``limit`` from ``offset``; with ``organisation_id``, ``place_id`` or
        ``qualification`` only the shifts of that organiser, at that place, or keeping
        places for that qualification."""
        wanted = days(start, end)
        if offset < 0 or not 1 <= limit <= MAX_PAGE:
            raise InvalidValue("limit", Message("projects.problem.between", low=1, high=MAX_PAGE))

        def run(uow: UnitOfWork) -> BoardPage:
            repo = uow.of(SHIFT)
            where: dict[str, object] = {"open_day": wanted}
            if organisation_id is not None:
                where["organisation_id"] = organisation_id
            if place_id is not None:
                where["place_id"] = place_id
            enough = offset + COUNT_AHEAD + 1
            if qualification is None:
                total = repo.count(where=where, limit=enough)
                shifts = list(repo.list(where=where, offset=offset, limit=limit))
            else:
                # a shift keeps places for several qualifications: no index says which
                # have one free, so the open shifts are read in order, a batch at a time,
                # until the page is full and one more is known (the count goes no
                # further ahead here: each one counted costs reading the shifts between)
                enough = offset + limit + 1
                keeping: list[Shift] = []
                read = 0
                while len(keeping) < enough:
                    batch = list(repo.list(where=where, offset=read, limit=_BATCH))
                    read += len(batch)
                    keeping.extend(
                        s
                        for s in batch
                        if qualification in s.qualifications
                        and rules.free_by_need(s).get(qualification, 0) > 0
                    )
                    if len(batch) < _BATCH:
                        break
                shifts = keeping[offset : offset + limit]
                more = len(keeping) >= enough
                total = offset + len(shifts) if more else len(keeping)
                events = uow.of(EVENT).find_many({s.event_id for s in shifts})
                return BoardPage(_items(shifts, events), total, offset, limit, more)
            more = total > offset + COUNT_AHEAD
            if more:
                total = offset + COUNT_AHEAD
            events = uow.of(EVENT).find_many({s.event_id for s in shifts})
            return BoardPage(_items(shifts, events), total, offset, limit, more)

        return self._read(run)

    def waitlist(self, shift_id: uuid.UUID) -> list[SignUp]:
        """The shift's waitlist in its order."""
        return self._read(
            lambda uow: [
                s for s in signups_of_shift(uow, shift_id) if s.state is SignUpState.WAITING
            ]
        )

    def sign_ups(self, shift_id: uuid.UUID, *, by: By) -> list[SignUp]:
        """Every sign-up of the shift in order, also cancelled ones and no-shows: the
        organisers' view."""

        def run(uow: UnitOfWork) -> list[SignUp]:
            shift = uow.of(SHIFT).get(shift_id)
            self._require_organiser(uow, event_of(uow, shift.event_id), by, "see_signups")
            return list(signups_of_shift(uow, shift.id))

        return self._read(run)

    def no_shows(self, *, event_id: uuid.UUID, by: By) -> list[SignUp]:
        """The no-shows of an event's shifts, for its organisers."""

        def run(uow: UnitOfWork) -> list[SignUp]:
            self._require_organiser(uow, event_of(uow, event_id), by, "see_signups")
            return list(
                uow.of(SIGNUP).list(where={"event_id": event_id, "state": SignUpState.NO_SHOW})
            )

        return self._read(run)

    def my_sign_ups(
        self, person_id: uuid.UUID, *, by: By, active_only: bool = True
    ) -> list[SignUp]:
        """A person's sign-ups (her own, or for whom may act for her), in order of sign-up."""

        def run(uow: UnitOfWork) -> list[SignUp]:
            self._require_for(uow, person_id, by)
            where: dict[str, object] = {"person_id": person_id}
            if active_only:
                where["state"] = set(ACTIVE)
            return sorted(
                uow.of(SIGNUP).list(where=where), key=lambda s: (s.signed_up_at, s.position)
            )

        return self._read(run)

    def worklog(self, person_id: uuid.UUID, *, by: By) -> list[WorklogEntry]:
        def run(uow: UnitOfWork) -> list[WorklogEntry]:
            self._require_for(uow, person_id, by)
            return list(uow.of(WORKLOG).list(where={"person_id": person_id}))

        return self._read(run)

    def why_not_sign_up(self, shift_id: uuid.UUID, person_id: uuid.UUID, *, by: By) -> Text | None:
        """Why ``by`` may not sign ``person_id`` up for the shift now, ``None`` if she may
        (a full shift: she may, onto the waitlist). For a page's button."""

        def run(uow: UnitOfWork) -> Text | None:
            shift = uow.of(SHIFT).get(shift_id)
            event = event_of(uow, shift.event_id)
            someone = uow.actors.get(person_id)
            who = self._acting(uow, by)
            members = members_of(uow, event.project_id)
            project_leads = leads(members)
            try:
                acted_for = rules.acting_for(who, someone, event.organisation_ids, project_leads)
            except SorgendeError as refused:  # may not act for her; she takes no part
                return refused.as_message()
            own = uow.of(SIGNUP).list(where={"person_id": person_id, "state": set(ACTIVE)})
            return rules.sign_up_refusal(
                shift=shift,
                event=event,
                person=someone,
                now=self.platform.clock(),
                own=own,
                own_shifts=uow.of(SHIFT).find_many({s.shift_id for s in own}),
                member=rules.is_member(someone, event, (m.person_id for m in members)),
                organiser=acted_for is not None
                and rules.may_organise(who, event.organisation_ids, project_leads),
                zone=zone_of(uow),
            )

        return self._read(run)

    def may_organise(self, event_id: uuid.UUID, *, by: By) -> bool:
        def run(uow: UnitOfWork) -> bool:
            event = event_of(uow, event_id)
            return rules.may_organise(
                self._acting(uow, by),
                event.organisation_ids,
                leads(members_of(uow, event.project_id)),
            )

        return self._read(run)

    def _require_organiser(self, uow: UnitOfWork, event: Event, by: By, action: str) -> Acting:
        who = self._acting(uow, by)
        rules.require_organiser(
            who, event.organisation_ids, leads(members_of(uow, event.project_id)), action
        )
        return who

    def _require_for(self, uow: UnitOfWork, person_id: uuid.UUID, by: By) -> None:
        """Her own data: the person, whoever may see her details (the core's policy)."""
        who = self._acting(uow, by)
        subject = uow.actors.get(person_id)
        policy.require(who, Action.SEE_DETAILS, subject=subject)
