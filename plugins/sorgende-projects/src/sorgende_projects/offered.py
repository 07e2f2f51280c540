"""The projects plugin's own implementations of the hooks it offers other plugins
(:mod:`sorgende_projects.hookspecs`): each is one use case of :class:`Projects`, with
its rules, as the caller's ``by``."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import sorgende
from sorgende_projects.kinds import EVENT
from sorgende_projects.service import Projects


@sorgende.hookimpl
def sorgende_projects_start_project(
    platform: sorgende.Platform,
    community_id: uuid.UUID,
    name: str,
    organisation_ids: Sequence[uuid.UUID],
    description: str,
    by: Any,
) -> uuid.UUID:
    projects = Projects(platform, community_id)
    return projects.create_project(
        name, organisations=organisation_ids, description=description, by=by
    ).id


@sorgende.hookimpl
def sorgende_projects_progress(
    platform: sorgende.Platform, community_id: uuid.UUID, project_id: uuid.UUID
) -> Mapping[str, Any]:
    projects = Projects(platform, community_id)
    project = projects.project(project_id)
    tasks = projects.tasks(project_id)
    now = platform.clock()
    with platform.read(community_id) as uow:
        events = list(uow.of(EVENT).list(where={"project_id": project_id}))
    coming = sorted(
        (e for e in events if e.starts_at >= now and not e.cancelled), key=lambda e: e.starts_at
    )
    return {
        "name": project.name,
        "archived": project.archived,
        "tasks": len(tasks),
        "tasks_done": sum(1 for t in tasks if t.done),
        "events": len(events),
        "next_event": coming[0].starts_at if coming else None,
        "next_event_title": coming[0].title if coming else "",
    }


@sorgende.hookimpl
def sorgende_projects_plan_event(
    platform: sorgende.Platform,
    community_id: uuid.UUID,
    title: str,
    organisation_ids: Sequence[uuid.UUID],
    starts_at: datetime,
    ends_at: datetime,
    capacity: int,
    place_id: uuid.UUID | None,
    description: str,
    by: Any,
) -> Mapping[str, uuid.UUID]:
    projects = Projects(platform, community_id)
    event = projects.plan_event(
        title,
        organisations=organisation_ids,
        starts_at=starts_at,
        ends_at=ends_at,
        place_id=place_id,
        description=description,
        by=by,
    )
    shift = projects.add_shift(
        event.id, title, starts_at=starts_at, ends_at=ends_at, capacity=capacity, by=by
    )
    return {"event_id": event.id, "shift_id": shift.id}


@sorgende.hookimpl
def sorgende_projects_sign_up(
    platform: sorgende.Platform,
    community_id: uuid.UUID,
    shift_id: uuid.UUID,
    person_id: uuid.UUID,
    by: Any,
) -> str:
    return Projects(platform, community_id).sign_up(shift_id, person_id, by=by).state.value
