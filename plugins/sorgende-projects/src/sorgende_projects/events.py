"""The plugin's domain events (hook ``sorgende_event_types``).

Events marked with :func:`sorgende.notifies` reach the persons their fields name
through the core's notification outbox (promotion from the waitlist, a shift changed or
cancelled, the reminder the day before); :func:`sorgende.audited` puts the organisers'
privileged acts (a no-show recorded, hours credited) into the audit trail.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import attrs

import sorgende
from sorgende.domain.events import DomainEvent
from sorgende_projects import summaries


@attrs.frozen
class ProjectCreated(DomainEvent):
    project_id: uuid.UUID
    name: str


@sorgende.audited("person_id")
@attrs.frozen
class ProjectMemberSet(DomainEvent):
    project_id: uuid.UUID
    person_id: uuid.UUID
    #: the role, or ``""`` when the person left the project
    role: str


@attrs.frozen
class MeetingScheduled(DomainEvent):
    project_id: uuid.UUID
    meeting_id: uuid.UUID
    host_id: uuid.UUID | None
    starts_at: datetime


@attrs.frozen
class MinutesRecorded(DomainEvent):
    project_id: uuid.UUID
    meeting_id: uuid.UUID


@sorgende.notifies("assignee_id", summary=summaries.task_assigned)
@attrs.frozen
class TaskAssigned(DomainEvent):
    project_id: uuid.UUID
    task_id: uuid.UUID
    assignee_id: uuid.UUID


@attrs.frozen
class TaskDone(DomainEvent):
    project_id: uuid.UUID
    task_id: uuid.UUID


@attrs.frozen
class EventPlanned(DomainEvent):
    event_id: uuid.UUID
    title: str
    starts_at: datetime


@sorgende.notifies("persons", summary=summaries.event_cancelled)
@attrs.frozen
class EventCancelled(DomainEvent):
    event_id: uuid.UUID
    #: the persons signed up for one of its shifts
    persons: tuple[uuid.UUID, ...] = ()


@attrs.frozen
class ShiftAdded(DomainEvent):
    event_id: uuid.UUID
    shift_id: uuid.UUID
    starts_at: datetime
    capacity: int


@sorgende.notifies("persons", summary=summaries.shift_changed)
@attrs.frozen
class ShiftChanged(DomainEvent):
    shift_id: uuid.UUID
    #: the fields that changed
    changes: tuple[str, ...]
    persons: tuple[uuid.UUID, ...] = ()


@sorgende.notifies("persons", summary=summaries.shift_cancelled)
@attrs.frozen
class ShiftCancelled(DomainEvent):
    shift_id: uuid.UUID
    persons: tuple[uuid.UUID, ...] = ()


@sorgende.notifies("person_id", summary=summaries.signed_up)
@attrs.frozen
class SignedUp(DomainEvent):
    """A sign-up: confirmed, or on the waitlist (``waiting``). The person hears of it
    when someone else signed her up."""

    shift_id: uuid.UUID
    signup_id: uuid.UUID
    person_id: uuid.UUID
    waiting: bool
    need: str = ""


@attrs.frozen
class SignUpCancelled(DomainEvent):
    shift_id: uuid.UUID
    signup_id: uuid.UUID
    person_id: uuid.UUID


@sorgende.notifies("person_id", summary=summaries.promoted)
@attrs.frozen
class PromotedFromWaitlist(DomainEvent):
    """The first fitting person of the waitlist got the freed place."""

    shift_id: uuid.UUID
    signup_id: uuid.UUID
    person_id: uuid.UUID
    need: str = ""


@sorgende.audited("person_id")
@attrs.frozen
class NoShowRecorded(DomainEvent):
    shift_id: uuid.UUID
    signup_id: uuid.UUID
    person_id: uuid.UUID


@attrs.frozen
class CheckedIn(DomainEvent):
    shift_id: uuid.UUID
    signup_id: uuid.UUID
    person_id: uuid.UUID


@attrs.frozen
class CheckedOut(DomainEvent):
    shift_id: uuid.UUID
    signup_id: uuid.UUID
    person_id: uuid.UUID
    minutes: int
    #: where the hours went: ``worklog`` or ``timebank``
    hours_to: str


@sorgende.notifies("person_id", summary=summaries.reminder)
@attrs.frozen
class ShiftReminder(DomainEvent):
    """The reminder the day before a shift (``sorgende projects remind``)."""

    shift_id: uuid.UUID
    signup_id: uuid.UUID
    person_id: uuid.UUID
    starts_at: datetime


@sorgende.audited()
@attrs.frozen
class ProjectSettingsChanged(DomainEvent):
    hours_to: str


EVENT_TYPES: tuple[type[DomainEvent], ...] = (
    ProjectCreated,
    ProjectMemberSet,
    MeetingScheduled,
    MinutesRecorded,
    TaskAssigned,
    TaskDone,
    EventPlanned,
    EventCancelled,
    ShiftAdded,
    ShiftChanged,
    ShiftCancelled,
    SignedUp,
    SignUpCancelled,
    PromotedFromWaitlist,
    NoShowRecorded,
    CheckedIn,
    CheckedOut,
    ShiftReminder,
    ProjectSettingsChanged,
)
