"""The pages of projects and working groups: who runs them, their members and roles,
their meetings (agenda, minutes, decisions, the host in turn) and tasks (who does what
by when), and their events. What is offered is what the use cases allow."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Annotated, Any

import attrs
from litestar import Request, Response
from litestar.params import FromPath, FromQuery, Parameter
from sorgende_web.extend import Form, done, forms, page_get, page_post, render

from sorgende_projects import rules
from sorgende_projects.model import Meeting, Project, ProjectKind, ProjectRole, Task
from sorgende_projects.web.common import Context

DONE = {"task_done": "projects.web.done.task_done"}


@attrs.frozen
class ProjectRow:
    project: Project
    kind: str
    organisations: str
    members: int


@page_get("/projects/groups", name="projects_list")
def projects_list(
    request: Request[Any, Any, Any],
    kind: Annotated[str | None, Parameter(max_length=20)] = None,
) -> Response[Any]:
    ctx = Context(request)
    wanted = forms.choice(kind, "kind", [k.value for k in ProjectKind]) if kind else None
    rows = [
        ProjectRow(
            project=p,
            kind=ctx.t(f"projects.web.project_kind.{p.kind.value}"),
            organisations=ctx.names(p.organisation_ids),
            members=len(ctx.projects.members(p.id)),
        )
        for p in ctx.projects.projects()
        if wanted is None or p.kind.value == wanted
    ]
    rows.sort(key=lambda r: (r.project.kind.value, r.project.name))
    return render(
        "projects_list.html",
        ctx=ctx,
        rows=rows,
        kind=wanted,
        kinds=[(k.value, ctx.t(f"projects.web.project_kind.{k.value}")) for k in ProjectKind],
    )


@attrs.frozen
class MeetingView:
    meeting: Meeting
    when: str
    host: str
    where: str


@attrs.frozen
class TaskView:
    task: Task
    assignee: str
    due: str
    may_complete: bool


@page_get("/projects/groups/{project_id:uuid}", name="projects_detail")
def project_detail(
    request: Request[Any, Any, Any],
    project_id: FromPath[uuid.UUID],
    done: FromQuery[str | None] = None,
) -> Response[Any]:
    ctx = Context(request)
    project = ctx.projects.project(project_id)
    members = ctx.projects.members(project_id)
    places = ctx.places()
    meetings = [
        MeetingView(
            meeting=m,
            when=ctx.span(m.starts_at, m.ends_at) if m.ends_at else ctx.when(m.starts_at),
            host=ctx.name(m.host_id) if m.host_id else "",
            where=", ".join(
                x for x in (m.location, places.get(m.place_id, "") if m.place_id else "") if x
            ),
        )
        for m in sorted(ctx.projects.meetings(project_id), key=lambda m: m.starts_at)
    ]
    leads = {m.person_id for m in members if m.role is ProjectRole.LEAD}
    # the plugin's rule of who organises; an assignee completes her own task
    organiser = rules.may_organise(ctx.viewer.acting, project.organisation_ids, leads)
    tasks = [
        TaskView(
            task=t,
            assignee=ctx.name(t.assignee_id),
            due=ctx.day(t.due) if t.due else "",
            may_complete=not t.done and (t.assignee_id == ctx.me or organiser),
        )
        for t in ctx.projects.tasks(project_id)
    ]
    today = ctx.local(ctx.page.app.platform.clock()).date()
    events = ctx.projects.events(
        start=today - timedelta(days=31), end=today + timedelta(days=366), project_id=project_id
    )
    return render(
        "projects_detail.html",
        ctx=ctx,
        project=project,
        kind=ctx.t(f"projects.web.project_kind.{project.kind.value}"),
        organisations=ctx.names(project.organisation_ids),
        members=sorted(
            ((ctx.name(m.person_id), ctx.t(f"projects.web.role.{m.role.value}")) for m in members),
        ),
        meetings=meetings,
        next_host=ctx.name(ctx.projects.next_host(project_id)) if project.organisation_ids else "",
        tasks=tasks,
        events=[(e, ctx.span(e.starts_at, e.ends_at)) for e in events],
        done=DONE.get(done or ""),
    )


@page_post("/projects/tasks/{task_id:uuid}/done", name="projects_task_done")
def task_done(request: Request[Any, Any, Any], task_id: FromPath[uuid.UUID], data: Form) -> Any:
    ctx = Context(request)
    task = ctx.projects.complete_task(task_id, by=ctx.me)
    return done(f"/projects/groups/{task.project_id}", "task_done", anchor="tasks")


ROUTES = [projects_list, project_detail, task_done]
