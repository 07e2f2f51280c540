"""Projects and working groups: members and their roles, meetings with agenda, minutes and
decisions, tasks (who does what by when), and the rotating host of meet-ups."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sorgende.domain.actors import Actor
from sorgende.domain.participation import require_taking_part
from sorgende.errors import InvalidValue, Message
from sorgende.i18n import Quoted
from sorgende.ports import UnitOfWork
from sorgende_projects import rules
from sorgende_projects.cases import (
    By,
    Cases,
    Work,
    aware,
    event_actor,
    leads,
    members_of,
    organisations,
    person,
    project_of,
    text,
    texts,
    title,
)
from sorgende_projects.errors import ProjectRefused
from sorgende_projects.events import (
    MeetingScheduled,
    MinutesRecorded,
    ProjectCreated,
    ProjectMemberSet,
    TaskAssigned,
    TaskDone,
)
from sorgende_projects.kinds import MEETING, MEMBER, PROJECT, TASK
from sorgende_projects.model import (
    Meeting,
    Project,
    ProjectKind,
    ProjectMember,
    ProjectRole,
    Task,
)


class GroupCases(Cases):
    """Projects, members, meetings and tasks (part of :class:`sorgende_projects.Projects`)."""

    def create_project(
        self,
        name: str,
        *,
        organisations: Sequence[uuid.UUID],
        by: By,
        kind: ProjectKind = ProjectKind.PROJECT,
        description: str = "",
        leads: Iterable[uuid.UUID] = (),
    ) -> Project:
        """A project or working group of ``organisations`` (in the order of their turns to
        host); a coordinator of one of them creates it, naming its first ``leads``."""

        def run(w: Work) -> Project:
            uow = w.uow
            org_ids = organisations_of(uow, organisations)
            rules.require_organiser(self._acting(uow, by), org_ids, (), "create_project")
            project = Project(
                community_id=self.community_id,
                name=title(name, "name"),
                organisation_ids=org_ids,
                created_at=w.now,
                kind=ProjectKind(kind),
                description=text(description, "description"),
                organisation_id=org_ids[0],
            )
            uow.of(PROJECT).add(project)
            w.events.append(
                ProjectCreated(self.community_id, w.now, event_actor(by), project.id, project.name)
            )
            for lead in dict.fromkeys(leads):
                self._set_member(w, project, person(uow, lead), ProjectRole.LEAD, by)
            return project

        return self._write(run)

    def set_member(
        self,
        project_id: uuid.UUID,
        person_id: uuid.UUID,
        role: ProjectRole = ProjectRole.MEMBER,
        *,
        by: By,
    ) -> ProjectMember:
        """Add a person to the project, or change her role (an organiser of the project)."""

        def run(w: Work) -> ProjectMember:
            project = project_of(w.uow, project_id)
            self._organise_project(w, project, by, "set_member")
            return self._set_member(w, project, person(w.uow, person_id), ProjectRole(role), by)

        return self._write(run)

    def _set_member(
        self, w: Work, project: Project, someone: Actor, role: ProjectRole, by: By
    ) -> ProjectMember:
        actor = require_taking_part(someone, "helper")
        repo = w.uow.of(MEMBER)
        current = next((m for m in members_of(w.uow, project.id) if m.person_id == actor.id), None)
        if current is None:
            member = ProjectMember(self.community_id, project.id, actor.id, role, w.now)
            repo.add(member)
        else:
            member = MEMBER.bumped(current, role=role)
            repo.update(member)
        w.events.append(
            ProjectMemberSet(
                self.community_id, w.now, event_actor(by), project.id, actor.id, role.value
            )
        )
        return member

    def remove_member(self, project_id: uuid.UUID, person_id: uuid.UUID, *, by: By) -> None:
        """A person leaves the project (herself, or an organiser removes her)."""

        def run(w: Work) -> None:
            project = project_of(w.uow, project_id)
            if event_actor(by) != person_id:
                self._organise_project(w, project, by, "set_member")
            current = next(
                (m for m in members_of(w.uow, project.id) if m.person_id == person_id), None
            )
            if current is None:
                raise ProjectRefused(Quoted(project.name), Message("projects.reason.not_member"))
            w.uow.of(MEMBER).delete(current)
            w.events.append(
                ProjectMemberSet(
                    self.community_id, w.now, event_actor(by), project.id, person_id, ""
                )
            )

        self._write(run)

    def project(self, project_id: uuid.UUID) -> Project:
        return self._read(lambda uow: project_of(uow, project_id))

    def projects(
        self, *, organisation_id: uuid.UUID | None = None, include_archived: bool = False
    ) -> list[Project]:
        """The community's projects (those an organisation runs, with ``organisation_id``)."""

        def run(uow: UnitOfWork) -> list[Project]:
            repo = uow.of(PROJECT)
            where: dict[str, object] = {} if include_archived else {"archived": False}
            found = list(repo.list(where=where))
            if organisation_id is not None:
                found = [p for p in found if organisation_id in p.organisation_ids]
            return found

        return self._read(run)

    def members(self, project_id: uuid.UUID) -> list[ProjectMember]:
        return self._read(lambda uow: list(members_of(uow, project_id)))

    # -- meetings --------------------------------------------------------------------

    def next_host(self, project_id: uuid.UUID) -> uuid.UUID | None:
        """The organisation whose turn it is to host the next meeting."""

        def run(uow: UnitOfWork) -> uuid.UUID | None:
            project = project_of(uow, project_id)
            meetings = uow.of(MEETING).list(where={"project_id": project.id})
            return rules.next_host(project.organisation_ids, meetings)

        return self._read(run)

    def schedule_meeting(
        self,
        project_id: uuid.UUID,
        title_: str,
        starts_at: datetime,
        *,
        by: By,
        ends_at: datetime | None = None,
        place_id: uuid.UUID | None = None,
        location: str = "",
        agenda: Iterable[str] = (),
        host_id: uuid.UUID | None = None,
    ) -> Meeting:
        """A meeting of the project; without ``host_id`` the organisation whose turn it is
        hosts it (:func:`sorgende_projects.rules.next_host`)."""

        def run(w: Work) -> Meeting:
            uow = w.uow
            project = project_of(uow, project_id)
            self._organise_project(w, project, by, "schedule_meeting")
            aware(starts_at, "starts_at")
            if ends_at is not None and aware(ends_at, "ends_at") <= starts_at:
                raise InvalidValue("ends_at", Message("projects.problem.ends_before"))
            if place_id is not None:
                uow.places.get(place_id)
            meetings = uow.of(MEETING).list(where={"project_id": project.id})
            host = (
                host_id
                if host_id is not None
                else rules.next_host(project.organisation_ids, meetings)
            )
            if host is not None and host not in project.organisation_ids:
                raise InvalidValue("host_id", Message("projects.problem.host"))
            meeting = Meeting(
                community_id=self.community_id,
                project_id=project.id,
                title=title(title_),
                starts_at=starts_at,
                host_id=host,
                ends_at=ends_at,
                place_id=place_id,
                location=text(location, "location"),
                agenda=texts(agenda, "agenda"),
            )
            uow.of(MEETING).add(meeting)
            w.events.append(
                MeetingScheduled(
                    self.community_id,
                    w.now,
                    event_actor(by),
                    project.id,
                    meeting.id,
                    host,
                    starts_at,
                )
            )
            return meeting

        return self._write(run)

    def record_minutes(
        self, meeting_id: uuid.UUID, minutes: str, *, by: By, decisions: Iterable[str] = ()
    ) -> Meeting:
        """The minutes and decisions of a meeting (an organiser of the project)."""

        def run(w: Work) -> Meeting:
            meeting = w.uow.of(MEETING).get(meeting_id)
            project = project_of(w.uow, meeting.project_id)
            self._organise_project(w, project, by, "record_minutes")
            changed = MEETING.bumped(
                meeting,
                minutes=text(minutes, "minutes"),
                decisions=texts(decisions, "decisions"),
            )
            w.uow.of(MEETING).update(changed)
            w.events.append(
                MinutesRecorded(self.community_id, w.now, event_actor(by), project.id, meeting.id)
            )
            return changed

        return self._write(run)

    def meetings(self, project_id: uuid.UUID) -> list[Meeting]:
        return self._read(lambda uow: list(uow.of(MEETING).list(where={"project_id": project_id})))

    # -- tasks -----------------------------------------------------------------------

    def add_task(
        self,
        project_id: uuid.UUID,
        title_: str,
        *,
        assignee_id: uuid.UUID,
        by: By,
        due: date | None = None,
        meeting_id: uuid.UUID | None = None,
    ) -> Task:
        """Who does what by when (an organiser of the project); the assignee is told."""

        def run(w: Work) -> Task:
            uow = w.uow
            project = project_of(uow, project_id)
            self._organise_project(w, project, by, "add_task")
            assignee = person(uow, assignee_id)
            if meeting_id is not None and uow.of(MEETING).get(meeting_id).project_id != project.id:
                raise InvalidValue("meeting_id", Message("projects.problem.other_project"))
            if due is not None and not isinstance(due, date):
                raise InvalidValue("due", Message("projects.problem.date"))
            task = Task(
                community_id=self.community_id,
                project_id=project.id,
                title=title(title_),
                assignee_id=assignee.id,
                created_at=w.now,
                due=due,
                meeting_id=meeting_id,
            )
            uow.of(TASK).add(task)
            w.events.append(
                TaskAssigned(
                    self.community_id, w.now, event_actor(by), project.id, task.id, assignee.id
                )
            )
            return task

        return self._write(run)

    def complete_task(self, task_id: uuid.UUID, *, by: By) -> Task:
        """The task is done (its assignee or an organiser of the project says so)."""

        def run(w: Work) -> Task:
            task = w.uow.of(TASK).get(task_id)
            project = project_of(w.uow, task.project_id)
            if event_actor(by) != task.assignee_id:
                self._organise_project(w, project, by, "add_task")
            if task.done:
                raise ProjectRefused(Quoted(task.title), Message("projects.reason.task_done"))
            done = TASK.bumped(task, done=True, done_at=w.now)
            w.uow.of(TASK).update(done)
            w.events.append(
                TaskDone(self.community_id, w.now, event_actor(by), project.id, task.id)
            )
            return done

        return self._write(run)

    def tasks(self, project_id: uuid.UUID, *, open_only: bool = False) -> list[Task]:
        def run(uow: UnitOfWork) -> list[Task]:
            where: dict[str, object] = {"project_id": project_id}
            if open_only:
                where["done"] = False
            return list(uow.of(TASK).list(where=where))

        return self._read(run)

    def _organise_project(self, w: Work, project: Project, by: By, action: str) -> None:
        rules.require_organiser(
            self._acting(w.uow, by),
            project.organisation_ids,
            leads(members_of(w.uow, project.id)),
            action,
        )


def organisations_of(uow: UnitOfWork, ids: Sequence[uuid.UUID]) -> tuple[uuid.UUID, ...]:
    return organisations(uow, ids, "organisations")
