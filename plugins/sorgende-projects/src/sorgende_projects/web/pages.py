"""The pages of projects and working groups: who runs them, their members and roles,
their meetings (agenda, minutes, decisions, the host in turn) and tasks (who does what
by when), and their events. What is offered is what the use cases allow."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import timedelta
from typing import Annotated, Any

import attrs
from litestar import Request, Response
from litestar.params import FromPath, FromQuery, Parameter
from sorgende_web.extend import (
    Form,
    done,
    field_of,
    forms,
    page_get,
    page_of,
    page_post,
    render,
    status_of,
)

from sorgende.errors import NotFound, SorgendeError
from sorgende_projects import rules
from sorgende_projects.model import Meeting, Project, ProjectKind, ProjectRole, Task
from sorgende_projects.web.common import Context

DONE = {
    "task_done": "projects.web.done.task_done",
    "task_added": "projects.web.done.task_added",
    "meeting_scheduled": "projects.web.done.meeting_scheduled",
    "minutes_recorded": "projects.web.done.minutes_recorded",
}


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


@attrs.frozen
class FormState:
    """A form posted back with a refusal: which form, the field it is about, its values."""

    name: str
    message: str
    field: str | None
    values: Mapping[str, Any]
    #: the meeting a minutes form is about
    meeting_id: uuid.UUID | None = None


def _detail(
    request: Request[Any, Any, Any],
    project_id: uuid.UUID,
    *,
    done_flag: str | None = None,
    failed: FormState | None = None,
    status: int = 200,
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
        status=status,
        ctx=ctx,
        project=project,
        organiser=organiser,
        failed=failed,
        member_people=sorted(
            ((m.person_id, ctx.name(m.person_id)) for m in members), key=lambda m: m[1]
        ),
        kind=ctx.t(f"projects.web.project_kind.{project.kind.value}"),
        organisations=ctx.names(project.organisation_ids),
        members=sorted(
            ((ctx.name(m.person_id), ctx.t(f"projects.web.role.{m.role.value}")) for m in members),
        ),
        meetings=meetings,
        next_host=ctx.name(ctx.projects.next_host(project_id)) if project.organisation_ids else "",
        tasks=tasks,
        events=[(e, ctx.span(e.starts_at, e.ends_at)) for e in events],
        done=DONE.get(done_flag or ""),
    )


@page_get("/projects/groups/{project_id:uuid}", name="projects_detail")
def project_detail(
    request: Request[Any, Any, Any],
    project_id: FromPath[uuid.UUID],
    done: FromQuery[str | None] = None,
) -> Response[Any]:
    return _detail(request, project_id, done_flag=done)


def _lines(data: Mapping[str, Any], field: str) -> list[str]:
    """A text area's lines, one item each (an agenda, decisions)."""
    return [line.strip() for line in forms.text(data, field).splitlines() if line.strip()]


def _refused(
    request: Request[Any, Any, Any],
    project_id: uuid.UUID,
    name: str,
    refused: SorgendeError,
    data: Mapping[str, Any],
    meeting_id: uuid.UUID | None = None,
) -> Response[Any]:
    if isinstance(refused, NotFound) and refused.params.get("kind") != "actor":
        raise refused
    lang = page_of(request).lang
    state = FormState(name, refused.message(lang), field_of(refused), dict(data), meeting_id)
    return _detail(request, project_id, failed=state, status=status_of(refused))


@page_post("/projects/groups/{project_id:uuid}/meetings", name="projects_meeting_new")
def meeting_new(
    request: Request[Any, Any, Any], project_id: FromPath[uuid.UUID], data: Form
) -> Response[Any]:
    """An organiser schedules a meeting; the host is the next in turn."""
    ctx = Context(request)
    try:
        day = forms.a_date(forms.text(data, "date", required=True), "date")
        starts = forms.local(
            day, forms.a_time(forms.text(data, "time", required=True), "time"), ctx.zone
        )
        hours = forms.text(data, "hours", limit=10)
        ctx.projects.schedule_meeting(
            project_id,
            forms.text(data, "title", required=True, limit=200),
            starts,
            by=ctx.me,
            ends_at=starts + timedelta(hours=forms.hours(hours)) if hours else None,
            location=forms.text(data, "location", limit=200),
            agenda=_lines(data, "agenda"),
        )
    except SorgendeError as refused:
        return _refused(request, project_id, "meeting", refused, data)
    return done(f"/projects/groups/{project_id}", "meeting_scheduled", anchor="meetings")


@page_post(
    "/projects/groups/{project_id:uuid}/meetings/{meeting_id:uuid}/minutes",
    name="projects_minutes",
)
def minutes(
    request: Request[Any, Any, Any],
    project_id: FromPath[uuid.UUID],
    meeting_id: FromPath[uuid.UUID],
    data: Form,
) -> Response[Any]:
    """An organiser records a meeting's minutes and decisions."""
    ctx = Context(request)
    try:
        ctx.projects.record_minutes(
            meeting_id,
            forms.text(data, "minutes", required=True),
            by=ctx.me,
            decisions=_lines(data, "decisions"),
        )
    except SorgendeError as refused:
        return _refused(request, project_id, "minutes", refused, data, meeting_id)
    return done(
        f"/projects/groups/{project_id}", "minutes_recorded", anchor=f"meeting-{meeting_id}"
    )


@page_post("/projects/groups/{project_id:uuid}/tasks", name="projects_task_new")
def task_new(
    request: Request[Any, Any, Any], project_id: FromPath[uuid.UUID], data: Form
) -> Response[Any]:
    """An organiser gives a member a task: who does what by when."""
    ctx = Context(request)
    try:
        due = forms.text(data, "due", limit=20)
        ctx.projects.add_task(
            project_id,
            forms.text(data, "title", required=True, limit=200),
            assignee_id=forms.an_id(forms.text(data, "assignee_id", required=True), "assignee_id"),
            by=ctx.me,
            due=forms.a_date(due, "due") if due else None,
        )
    except SorgendeError as refused:
        return _refused(request, project_id, "task", refused, data)
    return done(f"/projects/groups/{project_id}", "task_added", anchor="tasks")


@page_post("/projects/tasks/{task_id:uuid}/done", name="projects_task_done")
def task_done(request: Request[Any, Any, Any], task_id: FromPath[uuid.UUID], data: Form) -> Any:
    ctx = Context(request)
    task = ctx.projects.complete_task(task_id, by=ctx.me)
    return done(f"/projects/groups/{task.project_id}", "task_done", anchor="tasks")


ROUTES = [projects_list, project_detail, meeting_new, minutes, task_new, task_done]
