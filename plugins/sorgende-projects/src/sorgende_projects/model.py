"""The plugin's records: projects and working groups, meetings, tasks, events, shifts,
sign-ups and the worklog. Frozen attrs classes, stored through the record kinds of
:mod:`sorgende_projects.kinds`; the rules on them are in :mod:`sorgende_projects.rules`.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Mapping
from datetime import date, datetime

import attrs

from sorgende.domain.personal import personal


def _new_id() -> uuid.UUID:
    return uuid.uuid4()


class ProjectKind(enum.StrEnum):
    #: a project with an end (the holiday week, the market of good deals)
    PROJECT = "project"
    #: a standing working group (community garden, youth participation, steering group)
    WORKING_GROUP = "working_group"


class ProjectRole(enum.StrEnum):
    LEAD = "lead"
    MEMBER = "member"


@attrs.frozen
class Project:
    """A project or working group, run by one or several organisations of the community."""

    community_id: uuid.UUID
    name: str
    #: the running organisations, in the order of the host rotation
    organisation_ids: tuple[uuid.UUID, ...]
    created_at: datetime
    kind: ProjectKind = ProjectKind.PROJECT
    description: str = ""
    #: the first running organisation (indexed: a query of an organisation's projects)
    organisation_id: uuid.UUID | None = None
    archived: bool = False
    id: uuid.UUID = attrs.field(factory=_new_id)
    version: int = 1


@attrs.frozen
class ProjectMember:
    """A person's role in a project (their record: exported, deleted on erasure)."""

    community_id: uuid.UUID
    project_id: uuid.UUID
    person_id: uuid.UUID
    role: ProjectRole
    joined_at: datetime
    id: uuid.UUID = attrs.field(factory=_new_id)
    version: int = 1


@attrs.frozen
class Meeting:
    """A meeting of a project: its agenda, minutes and decisions; hosted by one of the
    running organisations (:func:`sorgende_projects.rules.next_host`)."""

    community_id: uuid.UUID
    project_id: uuid.UUID
    title: str
    starts_at: datetime
    host_id: uuid.UUID | None = None
    ends_at: datetime | None = None
    place_id: uuid.UUID | None = None
    location: str = ""
    agenda: tuple[str, ...] = ()
    minutes: str = ""
    decisions: tuple[str, ...] = ()
    id: uuid.UUID = attrs.field(factory=_new_id)
    version: int = 1


@attrs.frozen
class Task:
    """Who does what by when, decided in a project (or one of its meetings)."""

    community_id: uuid.UUID
    project_id: uuid.UUID
    title: str
    assignee_id: uuid.UUID
    created_at: datetime
    due: date | None = None
    meeting_id: uuid.UUID | None = None
    done: bool = False
    done_at: datetime | None = None
    id: uuid.UUID = attrs.field(factory=_new_id)
    version: int = 1


@attrs.frozen
class Need:
    """``count`` of a shift's places are kept for holders of ``qualification``."""

    qualification: str
    count: int


@attrs.frozen
class Event:
    """An event of one or several organisations; its shifts say who is needed when."""

    community_id: uuid.UUID
    title: str
    organisation_ids: tuple[uuid.UUID, ...]
    starts_at: datetime
    ends_at: datetime
    created_at: datetime
    #: the first organiser (indexed: the calendar of one organisation)
    organisation_id: uuid.UUID | None = None
    #: the event's first local day (indexed: the calendar of a time range)
    day: date | None = None
    project_id: uuid.UUID | None = None
    #: the events made from one template share it
    series_id: uuid.UUID | None = None
    description: str = ""
    place_id: uuid.UUID | None = None
    location: str = ""
    #: sign-up opens then (``None``: at once)
    signup_opens_at: datetime | None = None
    #: until then only members sign up (of the project and the organisers); ``None``: all
    members_first_until: datetime | None = None
    #: the most shifts of this event one person may take (``None``: no limit)
    max_shifts_per_person: int | None = None
    cancelled: bool = False
    id: uuid.UUID = attrs.field(factory=_new_id)
    version: int = 1


@attrs.frozen
class Shift:
    """A shift of an event: its time, place, places and the places kept per qualification.

    Every sign-up, cancellation and promotion writes the shift (its counts and version):
    two writers of one shift meet on its compare-and-set, so the places are never
    given twice (see :mod:`sorgende_projects.shifts`).
    """

    community_id: uuid.UUID
    event_id: uuid.UUID
    title: str
    starts_at: datetime
    ends_at: datetime
    #: the shift's local day (indexed: the shift board of a time range)
    day: date
    capacity: int
    needs: tuple[Need, ...] = ()
    organisation_id: uuid.UUID | None = None
    place_id: uuid.UUID | None = None
    location: str = ""
    #: confirmed sign-ups by the place they hold (qualification ``""``: the open places)
    held: tuple[Need, ...] = ()
    #: confirmed sign-ups
    filled: int = 0
    #: sign-ups on the waitlist
    waiting: int = 0
    #: the position the next sign-up gets (the waitlist's order, never reused)
    next_position: int = 1
    #: places free (indexed: the board lists shifts with free places)
    free: int = 0
    #: not cancelled and with a free place
    open: bool = True
    #: the local day while the shift is open, else ``None`` (indexed: the board asks one
    #: index for the open shifts of a range of days, not two that a database must join)
    open_day: date | None = None
    cancelled: bool = False
    id: uuid.UUID = attrs.field(factory=_new_id)
    version: int = 1

    @property
    def reserved(self) -> int:
        return sum(n.count for n in self.needs)

    def need_of(self, qualification: str) -> int:
        return sum(n.count for n in self.needs if n.qualification == qualification)

    @property
    def qualifications(self) -> tuple[str, ...]:
        return tuple(n.qualification for n in self.needs)

    def held_by_need(self) -> dict[str, int]:
        return {n.qualification: n.count for n in self.held}


class SignUpState(enum.StrEnum):
    """A sign-up's state (after ephios: confirmed, waiting list, cancelled)."""

    CONFIRMED = "confirmed"
    WAITING = "waiting"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


#: states that hold a place or a place on the waitlist
ACTIVE: frozenset[SignUpState] = frozenset({SignUpState.CONFIRMED, SignUpState.WAITING})


@attrs.frozen
class SignUp:
    """A person's sign-up for a shift (their record: exported; erased by blanking)."""

    community_id: uuid.UUID
    shift_id: uuid.UUID
    event_id: uuid.UUID
    person_id: uuid.UUID
    state: SignUpState
    #: the order of sign-up within the shift (the waitlist's order)
    position: int
    signed_up_at: datetime
    #: who signed up (the person, a trusted person or a coordinator)
    signed_up_by: uuid.UUID | None = None
    #: the qualification whose kept place this sign-up holds (``""``: an open place)
    need: str = ""
    promoted_at: datetime | None = None
    cancelled_at: datetime | None = None
    no_show_at: datetime | None = None
    checked_in_at: datetime | None = personal(default=None, erased=None)
    checked_out_at: datetime | None = personal(default=None, erased=None)
    #: minutes worked (from check-in to check-out), once checked out
    minutes: int = 0
    #: the reminder the day before was sent
    reminded: bool = False
    note: str = personal(default="", erased="")
    id: uuid.UUID = attrs.field(factory=_new_id)
    version: int = 1

    @property
    def active(self) -> bool:
        return self.state in ACTIVE


@attrs.frozen
class WorklogEntry:
    """Hours a person worked on a shift, when the community keeps them here rather than
    in the time bank (:class:`HoursTo`)."""

    community_id: uuid.UUID
    person_id: uuid.UUID
    shift_id: uuid.UUID
    event_id: uuid.UUID
    minutes: int
    at: datetime
    logged_by: uuid.UUID | None = None
    comment: str = personal(default="", erased="")
    id: uuid.UUID = attrs.field(factory=_new_id)
    version: int = 1


class HoursTo(enum.StrEnum):
    """Where the hours of a shift go (a setting of the plugin per community)."""

    #: the plugin's worklog: counted and shown, not money of the time bank
    WORKLOG = "worklog"
    #: the community's time bank: credited to the person's account
    TIMEBANK = "timebank"


@attrs.frozen
class ProjectSettings:
    """The plugin's settings of one community (one record, keyed by the community)."""

    community_id: uuid.UUID
    hours_to: HoursTo = HoursTo.WORKLOG
    version: int = 1


@attrs.frozen
class ShiftTemplate:
    """A shift of an event template: its time relative to the event's day."""

    title: str
    #: local start and end on the event's day, as ``"HH:MM"``
    start: str
    end: str
    capacity: int
    needs: Mapping[str, int] = attrs.field(factory=dict)
    location: str = ""


@attrs.frozen
class EventTemplate:
    """What every event of a series has: its title, times and shifts."""

    title: str
    organisation_ids: tuple[uuid.UUID, ...]
    #: local start and end of each event, ``"HH:MM"``
    start: str
    end: str
    shifts: tuple[ShiftTemplate, ...] = ()
    project_id: uuid.UUID | None = None
    description: str = ""
    place_id: uuid.UUID | None = None
    location: str = ""
    max_shifts_per_person: int | None = None
