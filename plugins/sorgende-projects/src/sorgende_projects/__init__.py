"""sorgende-projects: projects and working groups of a community's organisations, and
events with shifts, waitlists and check-in — a capability built as a plugin, on
sorgende's public API and hooks only.

Use it through the facade :class:`Projects` (one community)::

    import sorgende, sorgende_projects

    platform = sorgende.open("memory://", plugins=[sorgende_projects])
    projects = sorgende_projects.Projects(platform, community_id)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

import sorgende
from sorgende.domain.events import DomainEvent
from sorgende.records import RecordKind
from sorgende_projects import messages as _messages  # registers the texts
from sorgende_projects.events import EVENT_TYPES
from sorgende_projects.kinds import KINDS
from sorgende_projects.model import (
    ACTIVE,
    Event,
    EventTemplate,
    HoursTo,
    Meeting,
    Need,
    Project,
    ProjectKind,
    ProjectMember,
    ProjectRole,
    ProjectSettings,
    Shift,
    ShiftTemplate,
    SignUp,
    SignUpState,
    Task,
    WorklogEntry,
)
from sorgende_projects.offered import (
    sorgende_projects_plan_event,
    sorgende_projects_progress,
    sorgende_projects_sign_up,
    sorgende_projects_start_project,
)
from sorgende_projects.queries import BoardPage, BoardShift
from sorgende_projects.reminders import projects_command
from sorgende_projects.service import Projects

del _messages


@sorgende.hookimpl
def sorgende_addhooks(pluginmanager: Any) -> None:
    # the hooks this plugin offers other plugins (they call them by name)
    from sorgende_projects import hookspecs

    pluginmanager.add_hookspecs(hookspecs)


@sorgende.hookimpl
def sorgende_record_kinds() -> Sequence[RecordKind[Any]]:
    return KINDS


@sorgende.hookimpl
def sorgende_event_types() -> Sequence[type[DomainEvent]]:
    return EVENT_TYPES


@sorgende.hookimpl
def sorgende_migrations() -> list[str]:
    return [str(Path(__file__).parent / "migrations")]


@sorgende.hookimpl
def sorgende_register_commands(cli: click.Group) -> None:
    cli.add_command(projects_command)


__all__ = [
    "ACTIVE",
    "BoardPage",
    "BoardShift",
    "Event",
    "EventTemplate",
    "HoursTo",
    "Meeting",
    "Need",
    "Project",
    "ProjectKind",
    "ProjectMember",
    "ProjectRole",
    "ProjectSettings",
    "Projects",
    "Shift",
    "ShiftTemplate",
    "SignUp",
    "SignUpState",
    "Task",
    "WorklogEntry",
    "sorgende_projects_plan_event",
    "sorgende_projects_progress",
    "sorgende_projects_sign_up",
    "sorgende_projects_start_project",
]
