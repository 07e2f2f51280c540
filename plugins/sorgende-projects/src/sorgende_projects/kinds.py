"""The record kinds of the plugin: what it stores, queries by, exports and erases.

Each kind's queried fields are the columns of its table in the plugin's migrations
(``migrations/``): a change here needs a new migration (``add_kind_column``).
"""

from __future__ import annotations

from typing import Any

from sorgende.records import Erasure, RecordKind
from sorgende_projects.model import (
    Event,
    Meeting,
    Project,
    ProjectMember,
    ProjectSettings,
    Shift,
    SignUp,
    Task,
    WorklogEntry,
)

PROJECT: RecordKind[Project] = RecordKind(
    name="projects.project",
    cls=Project,
    indexes=("organisation_id", "archived", "created_at"),
    erasure=Erasure.KEEP,
    order="created_at",
    after=("actor",),
)

#: a person's role in a project is theirs: deleted when they are erased
MEMBER: RecordKind[ProjectMember] = RecordKind(
    name="projects.member",
    cls=ProjectMember,
    indexes=("project_id", "joined_at"),
    persons=("person_id",),
    erasure=Erasure.DELETE,
    order="joined_at",
    after=("actor", "projects.project"),
)

MEETING: RecordKind[Meeting] = RecordKind(
    name="projects.meeting",
    cls=Meeting,
    indexes=("project_id", "starts_at"),
    erasure=Erasure.KEEP,
    order="starts_at",
    after=("actor", "projects.project"),
)

#: a task mentions its assignee (in their export); it stays the project's on erasure
TASK: RecordKind[Task] = RecordKind(
    name="projects.task",
    cls=Task,
    indexes=("project_id", "done", "created_at"),
    mentions=("assignee_id",),
    erasure=Erasure.KEEP,
    order="created_at",
    after=("actor", "projects.project"),
)

EVENT: RecordKind[Event] = RecordKind(
    name="projects.event",
    cls=Event,
    indexes=("organisation_id", "project_id", "series_id", "day", "cancelled", "starts_at"),
    erasure=Erasure.KEEP,
    order="starts_at",
    after=("actor", "projects.project"),
)

#: the shift board queries by day (a set of days: a time range), openness, organiser
#: and place; lists come in the order of their start
SHIFT: RecordKind[Shift] = RecordKind(
    name="projects.shift",
    cls=Shift,
    indexes=("event_id", "day", "open", "open_day", "organisation_id", "place_id", "starts_at"),
    erasure=Erasure.KEEP,
    order="starts_at",
    after=("projects.event",),
)

#: a sign-up is the person's: exported; erasure blanks the check-in times and the
#: note, the sign-up stays (the shift's counts are made of them)
SIGNUP: RecordKind[SignUp] = RecordKind(
    name="projects.signup",
    cls=SignUp,
    indexes=("shift_id", "event_id", "state", "reminded", "position"),
    persons=("person_id",),
    mentions=("signed_up_by",),
    erasure=Erasure.BLANK,
    order="position",
    after=("actor", "projects.shift"),
)

WORKLOG: RecordKind[WorklogEntry] = RecordKind(
    name="projects.worklog",
    cls=WorklogEntry,
    indexes=("shift_id", "event_id", "at"),
    persons=("person_id",),
    mentions=("logged_by",),
    erasure=Erasure.DELETE,
    order="at",
    after=("actor", "projects.shift"),
)

SETTINGS: RecordKind[ProjectSettings] = RecordKind(
    name="projects.settings",
    cls=ProjectSettings,
    key="community_id",
    erasure=Erasure.KEEP,
)

KINDS: tuple[RecordKind[Any], ...] = (
    PROJECT,
    MEMBER,
    MEETING,
    TASK,
    EVENT,
    SHIFT,
    SIGNUP,
    WORKLOG,
    SETTINGS,
)
