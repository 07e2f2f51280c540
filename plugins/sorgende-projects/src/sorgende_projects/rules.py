"""Who may do what with projects, events and shifts, and the rules of a sign-up: one place.

Pure functions of the records they are given; they read nothing. The plugin's use
cases (:mod:`sorgende_projects.service`), its web pages and the simulation ask them,
and decide nothing of their own. They build on the core's policy
(:mod:`sorgende.domain.policy`) rather than beside it:

* an **organiser** of an event or a project is a coordinator or staff member of one of
  its running organisations, a community coordinator (both: the core's
  ``Acting.coordinates_org``), a lead of its project, or the operator;
* a person signs up **herself**, or someone signs her up who may act for her in the
  core's policy (a trusted person she named, a coordinator of an organising
  organisation, a community coordinator: ``policy.acting_for``), or an organiser;
* nobody signs up a person who no longer takes part, and a kept place needs the
  qualification valid on the shift's day (the core's
  :func:`~sorgende.domain.participation.require_taking_part` and
  :meth:`~sorgende.Actor.qualified_for`).

Why the plugin's own module and not new actions in the core's table: the core's
``ACTIONS`` grant by community and organisation roles, while a project's leads are
the plugin's records; a grant "lead of this project" would need the core to know
projects. The plugin asks the core's policy for everything it knows (acting for
someone, coordinating an organisation) and adds only the project's leads here.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from sorgende.domain import policy
from sorgende.domain.actors import Actor
from sorgende.domain.participation import require_taking_part
from sorgende.domain.principals import Acting
from sorgende.errors import Message, PermissionDenied
from sorgende.i18n import LocalDateTime, Quoted
from sorgende_projects.errors import shift_named
from sorgende_projects.model import Event, Meeting, Shift, SignUp, SignUpState

#: the key of the open places (not kept for a qualification) in counts by need
OPEN = ""


# -- organisers ----------------------------------------------------------------------


def may_organise(
    acting: Acting, organisation_ids: Iterable[uuid.UUID], leads: Iterable[uuid.UUID] = ()
) -> bool:
    """Whether ``acting`` organises what ``organisation_ids`` run (with ``leads``, the
    leads of its project): see the module's documentation."""
    if acting.is_operator:
        return True
    me = acting.actor
    if me is None or not me.active:
        return False
    if me.id in set(leads):
        return True
    return any(acting.coordinates_org(org) for org in organisation_ids)


def require_organiser(
    acting: Acting,
    organisation_ids: Iterable[uuid.UUID],
    leads: Iterable[uuid.UUID],
    action: str,
) -> None:
    """Raise :class:`PermissionDenied` unless ``acting`` organises it; ``action`` names
    the act (``projects.action.<action>``)."""
    if not may_organise(acting, organisation_ids, leads):
        me = acting.actor
        reason = (
            Message("policy.reason.only_persons")
            if me is None
            else Message("policy.reason.inactive")
            if not me.active
            else Message("projects.reason.not_organiser")
        )
        raise policy.deny(acting, Message(f"projects.action.{action}"), reason)


def acting_for(
    acting: Acting,
    person: Actor,
    organisation_ids: Sequence[uuid.UUID],
    leads: Iterable[uuid.UUID] = (),
) -> uuid.UUID | None:
    """Check that ``acting`` may sign ``person`` up (or cancel, check in for her): the
    person acted for, ``None`` when she acts herself. Raises :class:`PermissionDenied`."""
    require_taking_part(person, "helper")
    if acting.id == person.id:
        return None
    if may_organise(acting, organisation_ids, leads):
        return person.id
    refused: PermissionDenied | None = None
    for org in organisation_ids or (None,):
        try:
            return policy.acting_for(acting, person, org, role_helper=True)
        except PermissionDenied as error:
            refused = refused or error
    assert refused is not None
    raise refused


# -- the sign-up window --------------------------------------------------------------


def is_member(person: Actor, event: Event, project_members: Iterable[uuid.UUID] = ()) -> bool:
    """A member of the event's project, or of one of its organising organisations."""
    if person.id in set(project_members):
        return True
    return any(m.organisation_id in event.organisation_ids for m in person.memberships)


def window_refusal(
    event: Event, now: datetime, member: bool, zone: str | None = None
) -> Message | None:
    """Why sign-up for ``event`` is not open to a person now (``member``: she is one of
    its members), or ``None``."""
    if event.signup_opens_at is not None and now < event.signup_opens_at:
        return Message(
            "projects.reason.not_open_yet", when=LocalDateTime(event.signup_opens_at, zone)
        )
    if event.members_first_until is not None and now < event.members_first_until and not member:
        return Message(
            "projects.reason.members_first",
            when=LocalDateTime(event.members_first_until, zone),
        )
    return None


def signup_open(event: Event, now: datetime, member: bool) -> bool:
    return window_refusal(event, now, member) is None


# -- places --------------------------------------------------------------------------


def taken(signups: Iterable[SignUp]) -> dict[str, int]:
    """Confirmed sign-ups by the place they hold (:data:`OPEN` or a qualification)."""
    counts: dict[str, int] = {}
    for signup in signups:
        if signup.state is SignUpState.CONFIRMED:
            counts[signup.need] = counts.get(signup.need, 0) + 1
    return counts


def free_by_need(shift: Shift, held: Mapping[str, int] | None = None) -> dict[str, int]:
    """Free places by kind: the open ones (:data:`OPEN`) and those kept per qualification
    (``held``: the confirmed sign-ups by place, by default as the shift counts them)."""
    if held is None:
        held = shift.held_by_need()
    free = {OPEN: shift.capacity - shift.reserved - held.get(OPEN, 0)}
    for need in shift.needs:
        free[need.qualification] = need.count - held.get(need.qualification, 0)
    return free


def free_places(shift: Shift, held: Mapping[str, int] | None = None) -> int:
    return sum(max(0, n) for n in free_by_need(shift, held).values())


def place_for(shift: Shift, person: Actor, held: Mapping[str, int]) -> str | None:
    """The place ``person`` would take now: a kept place of a qualification she holds
    on the shift's day (so that the open places stay for others), else an open place;
    ``None`` when none she may take is free (she goes on the waitlist)."""
    free = free_by_need(shift, held)
    for need in shift.needs:
        if free[need.qualification] > 0 and not person.qualified_for(
            (need.qualification,), shift.day
        ):
            return need.qualification
    if free[OPEN] > 0:
        return OPEN
    return None


def promotion(
    shift: Shift,
    waiting: Sequence[SignUp],
    held: Mapping[str, int],
    persons: Mapping[uuid.UUID, Actor],
) -> tuple[SignUp, str] | None:
    """The first sign-up of the waitlist (in order) whose person can take a free place
    now, and that place; ``None`` if nobody fits. Persons who no longer take part are
    passed over."""
    for signup in sorted(waiting, key=lambda s: s.position):
        if signup.state is not SignUpState.WAITING:
            continue
        person = persons.get(signup.person_id)
        if person is None or not person.active:
            continue
        place = place_for(shift, person, held)
        if place is not None:
            return signup, place
    return None


# -- sign-up rules -------------------------------------------------------------------


def overlap(a: Shift, b: Shift) -> bool:
    return a.starts_at < b.ends_at and b.starts_at < a.ends_at


def sign_up_refusal(
    *,
    shift: Shift,
    event: Event,
    person: Actor,
    now: datetime,
    own: Sequence[SignUp],
    own_shifts: Mapping[uuid.UUID, Shift],
    member: bool,
    organiser: bool,
    zone: str | None = None,
) -> Message | None:
    """Why ``person`` may not sign up for ``shift`` now, or ``None``.

    ``own`` are her active sign-ups (confirmed or waiting, any event) and
    ``own_shifts`` their shifts; ``member`` whether she is a member of the event;
    ``organiser`` whether an organiser signs her up (the window does not bind them).
    A full shift is no refusal: the sign-up goes on the waitlist.
    """
    if event.cancelled or shift.cancelled:
        return Message("projects.reason.cancelled")
    if now >= shift.starts_at:
        return Message("projects.reason.begun")
    if any(s.shift_id == shift.id for s in own):
        return Message("projects.reason.already")
    if not organiser:
        closed = window_refusal(event, now, member, zone)
        if closed is not None:
            return closed
    if event.max_shifts_per_person is not None:
        in_event = [s for s in own if s.event_id == event.id]
        if len(in_event) >= event.max_shifts_per_person:
            return Message(
                "projects.reason.max_per_event",
                count=event.max_shifts_per_person,
                event=Quoted(event.title),
            )
    for signup in own:
        other = own_shifts.get(signup.shift_id)
        if other is not None and other.id != shift.id and overlap(other, shift):
            return Message("projects.reason.overlaps", other=shift_named(other, zone))
    return None


def cancel_refusal(shift: Shift, signup: SignUp | None, now: datetime) -> Message | None:
    """Why a person's sign-up cannot be cancelled now (a no-show is recorded instead)."""
    if signup is None or not signup.active:
        return Message("projects.reason.not_signed_up")
    if now >= shift.starts_at:
        return Message("projects.reason.begun")
    return None


def no_show_refusal(shift: Shift, signup: SignUp | None, now: datetime) -> Message | None:
    if signup is None or signup.state is not SignUpState.CONFIRMED:
        return Message("projects.reason.not_confirmed")
    if now < shift.starts_at:
        return Message("projects.reason.not_begun")
    if signup.checked_in_at is not None:
        return Message("projects.reason.checked_in")
    return None


#: how early before its start a shift can be checked in for
CHECK_IN_EARLY_MINUTES = 60


def check_in_refusal(shift: Shift, signup: SignUp | None, now: datetime) -> Message | None:
    if signup is None or signup.state is not SignUpState.CONFIRMED:
        return Message("projects.reason.not_confirmed")
    if signup.checked_in_at is not None:
        return Message("projects.reason.checked_in")
    if (shift.starts_at - now).total_seconds() > CHECK_IN_EARLY_MINUTES * 60:
        return Message("projects.reason.too_early", minutes=CHECK_IN_EARLY_MINUTES)
    if shift.cancelled:
        return Message("projects.reason.cancelled")
    return None


def check_out_refusal(signup: SignUp | None) -> Message | None:
    if signup is None or signup.state is not SignUpState.CONFIRMED:
        return Message("projects.reason.not_confirmed")
    if signup.checked_in_at is None:
        return Message("projects.reason.not_checked_in")
    if signup.checked_out_at is not None:
        return Message("projects.reason.checked_out")
    return None


def worked_minutes(signup: SignUp, until: datetime) -> int:
    """Whole minutes from check-in to ``until`` (never below zero)."""
    assert signup.checked_in_at is not None
    return max(0, int((until - signup.checked_in_at).total_seconds() // 60))


# -- meet-ups ------------------------------------------------------------------------


def next_host(
    organisation_ids: Sequence[uuid.UUID], meetings: Iterable[Meeting]
) -> uuid.UUID | None:
    """The next host of a recurring meet-up, in a fair rotation.

    The running organisation that hosted fewest meetings so far; of those, the one
    whose last hosting lies furthest back (never hosted comes first); then the order
    of the project's organisations. A rotation thus goes round the organisations in
    their order, and one that joins later hosts next until it has caught up.
    """
    if not organisation_ids:
        return None
    hosted: dict[uuid.UUID, int] = dict.fromkeys(organisation_ids, 0)
    last: dict[uuid.UUID, datetime] = {}
    for meeting in meetings:
        if meeting.host_id in hosted:
            hosted[meeting.host_id] += 1
            seen = last.get(meeting.host_id)
            if seen is None or meeting.starts_at > seen:
                last[meeting.host_id] = meeting.starts_at
    order = {org: i for i, org in enumerate(organisation_ids)}

    def rank(org: uuid.UUID) -> tuple[int, int, datetime | None, int]:
        when = last.get(org)
        return (hosted[org], 0 if when is None else 1, when, order[org])

    return min(organisation_ids, key=rank)
