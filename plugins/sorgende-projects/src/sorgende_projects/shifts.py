"""The use cases of a shift's places: sign-up, cancellation, no-show, promotion, check-in.

Never more sign-ups than places, also under concurrent processes: every use case that
changes a shift's sign-ups also writes the shift itself (its counts, and so its
version). Two writers of one shift read the same version; the storage lets only one
compare-and-set win, the other's unit of work fails with a retryable conflict and runs
again from its reads (``platform.retrying``), now seeing the winner's sign-up. The
waitlist is promoted in the same unit of work as the cancellation that frees a place:
two racing cancellations promote the first and the second waiting person, never one
twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import attrs

from sorgende.domain.actors import Actor
from sorgende.domain.events import DomainEvent
from sorgende.domain.principals import Acting
from sorgende.errors import NotFound
from sorgende_projects import rules
from sorgende_projects.cases import (
    By,
    Cases,
    Work,
    event_actor,
    event_of,
    leads,
    members_of,
    person,
    settings_of,
    signups_of_shift,
    zone_of,
)
from sorgende_projects.errors import ShiftRefused, SignUpRefused
from sorgende_projects.events import (
    CheckedIn,
    CheckedOut,
    NoShowRecorded,
    PromotedFromWaitlist,
    SignedUp,
    SignUpCancelled,
)
from sorgende_projects.kinds import SHIFT, SIGNUP, WORKLOG
from sorgende_projects.model import (
    ACTIVE,
    Event,
    HoursTo,
    Need,
    Shift,
    SignUp,
    SignUpState,
    WorklogEntry,
)
from sorgende_projects.timebank import credit_hours


def recount(shift: Shift, signups: Sequence[SignUp]) -> Shift:
    """``shift`` with its counts made of ``signups`` (all of the shift's, as changed)."""
    held = rules.taken(signups)
    waiting = sum(1 for s in signups if s.state is SignUpState.WAITING)
    counted = attrs.evolve(
        shift,
        held=tuple(Need(q, n) for q, n in sorted(held.items()) if n),
        filled=sum(held.values()),
        waiting=waiting,
    )
    free = rules.free_places(counted)
    is_open = free > 0 and not shift.cancelled
    return attrs.evolve(counted, free=free, open=is_open, open_day=counted.day if is_open else None)


def store_shift(w: Work, before: Shift, after: Shift) -> Shift:
    """Write the shift: always, so that racing writers of its places meet on its version."""
    bumped = SHIFT.bumped(after)
    w.uow.of(SHIFT).update(bumped)
    assert bumped.version == before.version + 1
    return bumped


def fill_from_waitlist(
    w: Work, shift: Shift, signups: list[SignUp], by: uuid.UUID | None
) -> list[SignUp]:
    """Promote waiting sign-ups, in order, while one fits a free place; the sign-ups as
    changed (``signups`` is updated in place)."""
    repo = w.uow.of(SIGNUP)
    persons: dict[uuid.UUID, Actor] = {}
    for signup in signups:
        if signup.state is SignUpState.WAITING and signup.person_id not in persons:
            found = w.uow.actors.find(signup.person_id)
            if found is not None:
                persons[found.id] = found
    _move_to_kept_places(w, shift, signups)
    promoted: list[SignUp] = []
    while True:
        held = rules.taken(signups)
        found_one = rules.promotion(shift, signups, held, persons)
        if found_one is None:
            return promoted
        waiting, place = found_one
        confirmed = SIGNUP.bumped(
            waiting, state=SignUpState.CONFIRMED, need=place, promoted_at=w.now
        )
        repo.update(confirmed)
        signups[signups.index(waiting)] = confirmed
        promoted.append(confirmed)
        w.events.append(
            PromotedFromWaitlist(
                shift.community_id, w.now, by, shift.id, confirmed.id, confirmed.person_id, place
            )
        )


def _move_to_kept_places(w: Work, shift: Shift, signups: list[SignUp]) -> None:
    """A kept place that became free goes first to a qualified person holding an open
    place (in order of sign-up): her open place is then free for anyone waiting."""
    if not shift.needs:
        return
    repo = w.uow.of(SIGNUP)
    for need in shift.needs:
        for signup in sorted(signups, key=lambda s: s.position):
            free = rules.free_by_need(shift, rules.taken(signups))
            if free[need.qualification] <= 0:
                break
            if signup.state is not SignUpState.CONFIRMED or signup.need != rules.OPEN:
                continue
            holder = w.uow.actors.find(signup.person_id)
            if holder is None or holder.qualified_for((need.qualification,), shift.day):
                continue
            moved = SIGNUP.bumped(signup, need=need.qualification)
            repo.update(moved)
            signups[signups.index(signup)] = moved


class ShiftCases(Cases):
    """Sign-ups and what follows from them (part of :class:`sorgende_projects.Projects`)."""

    def sign_up(self, shift_id: uuid.UUID, person_id: uuid.UUID, *, by: By) -> SignUp:
        """Sign ``person_id`` up for the shift: a confirmed place if one she may take is
        free, else a place on the waitlist. Refused (:class:`SignUpRefused`) when the
        rules say so (:func:`sorgende_projects.rules.sign_up_refusal`)."""
        return self._write(lambda w: self._sign_up(w, shift_id, person_id, by), contended=True)

    def _sign_up(self, w: Work, shift_id: uuid.UUID, person_id: uuid.UUID, by: By) -> SignUp:
        uow = w.uow
        shift = uow.of(SHIFT).get(shift_id)
        event = event_of(uow, shift.event_id)
        who = self._acting(uow, by)
        someone = person(uow, person_id)
        members = members_of(uow, event.project_id)
        project_leads = leads(members)
        acted_for = rules.acting_for(who, someone, event.organisation_ids, project_leads)
        organiser = acted_for is not None and rules.may_organise(
            who, event.organisation_ids, project_leads
        )
        own = uow.of(SIGNUP).list(where={"person_id": person_id, "state": set(ACTIVE)})
        own_shifts = uow.of(SHIFT).find_many({s.shift_id for s in own})
        zone = zone_of(uow)
        refusal = rules.sign_up_refusal(
            shift=shift,
            event=event,
            person=someone,
            now=w.now,
            own=own,
            own_shifts=own_shifts,
            member=rules.is_member(someone, event, (m.person_id for m in members)),
            organiser=organiser,
            zone=zone,
        )
        if refusal is not None:
            raise SignUpRefused(someone.name, shift, refusal, zone)
        signups = list(signups_of_shift(uow, shift.id))
        place = rules.place_for(shift, someone, rules.taken(signups))
        signup = SignUp(
            community_id=self.community_id,
            shift_id=shift.id,
            event_id=event.id,
            person_id=someone.id,
            state=SignUpState.WAITING if place is None else SignUpState.CONFIRMED,
            position=shift.next_position,
            signed_up_at=w.now,
            signed_up_by=event_actor(by),
            need=place or rules.OPEN,
        )
        uow.of(SIGNUP).add(signup)
        signups.append(signup)
        changed = attrs.evolve(recount(shift, signups), next_position=shift.next_position + 1)
        store_shift(w, shift, changed)
        w.events.append(
            SignedUp(
                self.community_id,
                w.now,
                event_actor(by),
                shift.id,
                signup.id,
                someone.id,
                place is None,
                signup.need,
                acted_for=acted_for,
            )
        )
        return signup

    def cancel_sign_up(self, shift_id: uuid.UUID, person_id: uuid.UUID, *, by: By) -> SignUp:
        """Cancel a person's sign-up before the shift begins; a freed place goes to the
        first fitting person of the waitlist."""
        return self._write(lambda w: self._cancel(w, shift_id, person_id, by), contended=True)

    def _cancel(self, w: Work, shift_id: uuid.UUID, person_id: uuid.UUID, by: By) -> SignUp:
        uow = w.uow
        shift = uow.of(SHIFT).get(shift_id)
        event = event_of(uow, shift.event_id)
        who = self._acting(uow, by)
        someone = uow.actors.get(person_id)
        acted_for = _acting_for_listed(
            who, someone, event, leads(members_of(uow, event.project_id))
        )
        signups = list(signups_of_shift(uow, shift.id))
        mine = _active_of(signups, person_id)
        refusal = rules.cancel_refusal(shift, mine, w.now)
        if refusal is not None:
            raise ShiftRefused("cancel", shift, refusal, zone_of(uow))
        assert mine is not None
        cancelled = SIGNUP.bumped(mine, state=SignUpState.CANCELLED, cancelled_at=w.now)
        uow.of(SIGNUP).update(cancelled)
        signups[signups.index(mine)] = cancelled
        w.events.append(
            SignUpCancelled(
                self.community_id,
                w.now,
                event_actor(by),
                shift.id,
                mine.id,
                person_id,
                acted_for=acted_for,
            )
        )
        fill_from_waitlist(w, shift, signups, event_actor(by))
        store_shift(w, shift, recount(shift, signups))
        return cancelled

    def mark_no_show(self, shift_id: uuid.UUID, person_id: uuid.UUID, *, by: By) -> SignUp:
        """An organiser records that a confirmed person did not come (after the start);
        while the shift lasts, her place goes to the waitlist's first fitting person."""
        return self._write(lambda w: self._no_show(w, shift_id, person_id, by), contended=True)

    def _no_show(self, w: Work, shift_id: uuid.UUID, person_id: uuid.UUID, by: By) -> SignUp:
        uow = w.uow
        shift = uow.of(SHIFT).get(shift_id)
        event = event_of(uow, shift.event_id)
        who = self._acting(uow, by)
        rules.require_organiser(
            who, event.organisation_ids, leads(members_of(uow, event.project_id)), "no_show"
        )
        signups = list(signups_of_shift(uow, shift.id))
        mine = _active_of(signups, person_id)
        refusal = rules.no_show_refusal(shift, mine, w.now)
        if refusal is not None:
            raise ShiftRefused("no_show", shift, refusal, zone_of(uow))
        assert mine is not None
        missed = SIGNUP.bumped(mine, state=SignUpState.NO_SHOW, no_show_at=w.now)
        uow.of(SIGNUP).update(missed)
        signups[signups.index(mine)] = missed
        w.events.append(
            NoShowRecorded(self.community_id, w.now, event_actor(by), shift.id, mine.id, person_id)
        )
        if w.now < shift.ends_at:
            fill_from_waitlist(w, shift, signups, event_actor(by))
        store_shift(w, shift, recount(shift, signups))
        return missed

    def check_in(self, shift_id: uuid.UUID, person_id: uuid.UUID, *, by: By) -> SignUp:
        """The person arrived (herself, or an organiser or someone acting for her says so)."""
        return self._write(lambda w: self._check(w, shift_id, person_id, by, out=False))

    def check_out(self, shift_id: uuid.UUID, person_id: uuid.UUID, *, by: By) -> SignUp:
        """The person leaves: the minutes from check-in go to the worklog or the time
        bank, as the community's setting of the plugin says (:class:`HoursTo`)."""
        return self._write(lambda w: self._check(w, shift_id, person_id, by, out=True))

    def _check(
        self, w: Work, shift_id: uuid.UUID, person_id: uuid.UUID, by: By, *, out: bool
    ) -> SignUp:
        uow = w.uow
        shift = uow.of(SHIFT).get(shift_id)
        event = event_of(uow, shift.event_id)
        who = self._acting(uow, by)
        someone = uow.actors.get(person_id)
        acted_for = _acting_for_listed(
            who, someone, event, leads(members_of(uow, event.project_id))
        )
        signups = list(signups_of_shift(uow, shift.id))
        mine = _active_of(signups, person_id)
        refusal = (
            rules.check_out_refusal(mine) if out else rules.check_in_refusal(shift, mine, w.now)
        )
        if refusal is not None:
            raise ShiftRefused("check_out" if out else "check_in", shift, refusal, zone_of(uow))
        assert mine is not None
        actor = event_actor(by)
        event_done: DomainEvent
        if not out:
            changed = SIGNUP.bumped(mine, checked_in_at=w.now)
            event_done = CheckedIn(
                self.community_id, w.now, actor, shift.id, mine.id, person_id, acted_for=acted_for
            )
        else:
            minutes = rules.worked_minutes(mine, w.now)
            changed = SIGNUP.bumped(mine, checked_out_at=w.now, minutes=minutes)
            hours_to = settings_of(uow, self.community_id).hours_to
            if minutes > 0:
                if hours_to is HoursTo.TIMEBANK:
                    credit_hours(w, self.platform, shift, event, someone, minutes, actor)
                else:
                    uow.of(WORKLOG).add(
                        WorklogEntry(
                            self.community_id,
                            person_id,
                            shift.id,
                            event.id,
                            minutes,
                            w.now,
                            logged_by=actor,
                        )
                    )
            event_done = CheckedOut(
                self.community_id,
                w.now,
                actor,
                shift.id,
                mine.id,
                person_id,
                minutes,
                hours_to.value,
                acted_for=acted_for,
            )
        uow.of(SIGNUP).update(changed)
        w.events.append(event_done)
        return changed


def _active_of(signups: Sequence[SignUp], person_id: uuid.UUID) -> SignUp | None:
    return next((s for s in signups if s.person_id == person_id and s.active), None)


def _acting_for_listed(
    who: Acting, someone: Actor, event: Event, project_leads: frozenset[uuid.UUID]
) -> uuid.UUID | None:
    if someone.kind.is_organisation:
        raise NotFound("actor", someone.id)
    return rules.acting_for(who, someone, event.organisation_ids, project_leads)
