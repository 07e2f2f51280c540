"""Projects and working groups: run by several organisations, members with roles, leads
who organise, meetings with agenda, minutes and decisions, tasks, and the host of a
recurring meet-up in a fair rotation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sorgende_projects import ProjectKind, ProjectRole
from sorgende_projects.errors import ProjectRefused
from sorgende_projects.testing import Clock, World

import sorgende
from sorgende.errors import PermissionDenied


def test_a_working_group_of_several_organisations(world: World, clock: Clock):
    projects = world.projects
    heimat, sport, _, town, _ = world.organisations
    lead = world.helpers[5]
    group = projects.create_project(
        "Vereinsstammtisch",
        organisations=[heimat, sport, town],
        kind=ProjectKind.WORKING_GROUP,
        leads=[lead],
        by=world.coordinators[0],
    )
    assert group.organisation_ids == (heimat, sport, town)
    with pytest.raises(PermissionDenied):  # the church's coordinator runs none of them
        projects.create_project("Anderes", organisations=[heimat], by=world.coordinators[4])
    member = world.helpers[6]
    with pytest.raises(PermissionDenied):
        projects.set_member(group.id, member, by=member)
    projects.set_member(group.id, member, by=lead)  # a lead manages the members
    roles = {m.person_id: m.role for m in projects.members(group.id)}
    assert roles == {lead: ProjectRole.LEAD, member: ProjectRole.MEMBER}
    projects.remove_member(group.id, member, by=member)  # one leaves oneself
    assert [m.person_id for m in projects.members(group.id)] == [lead]
    assert [p.id for p in projects.projects(organisation_id=town)] == [group.id]

    # the host goes round the organisations, each in turn
    hosts = []
    for week in range(4):
        meeting = projects.schedule_meeting(
            group.id,
            "Stammtisch",
            clock.now + timedelta(weeks=week + 1),
            agenda=["Rückblick", "Ferienkalender"],
            by=lead,
        )
        hosts.append(meeting.host_id)
    assert hosts == [heimat, sport, town, heimat]
    assert projects.next_host(group.id) == sport

    meeting = projects.meetings(group.id)[0]
    noted = projects.record_minutes(
        meeting.id, "Alle Vereine dabei.", decisions=["Ferienwoche im Juli"], by=lead
    )
    assert noted.decisions == ("Ferienwoche im Juli",) and noted.agenda[0] == "Rückblick"
    task = projects.add_task(
        group.id,
        "Plakate drucken",
        assignee_id=world.helpers[2],
        due=date(2026, 7, 10),
        meeting_id=meeting.id,
        by=lead,
    )
    assert projects.tasks(group.id, open_only=True) == [task]
    projects.complete_task(task.id, by=world.helpers[2])
    assert projects.tasks(group.id, open_only=True) == []
    with pytest.raises(ProjectRefused, match="already done"):
        projects.complete_task(task.id, by=lead)


def test_a_projects_lead_organises_its_events(world: World, clock: Clock):
    projects = world.projects
    lead = world.helpers[5]
    week = projects.create_project(
        "Ferienwoche",
        organisations=[world.organisations[0], world.organisations[3]],
        leads=[lead],
        by=world.coordinators[3],
    )
    starts = clock.now + timedelta(days=10)
    event = projects.plan_event(
        "Aktionstag",
        organisations=[world.organisations[0]],
        project_id=week.id,
        starts_at=starts,
        ends_at=starts + timedelta(hours=5),
        by=lead,
    )
    shift = projects.add_shift(
        event.id,
        "Grill",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        capacity=2,
        by=lead,
    )
    assert projects.may_organise(event.id, by=lead)
    assert not projects.may_organise(event.id, by=world.helpers[2])
    assert projects.sign_up(shift.id, world.helpers[2], by=lead).signed_up_by == lead
    with pytest.raises(PermissionDenied):
        projects.plan_event(
            "Ohne Projekt",
            organisations=[world.organisations[0]],
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
            by=lead,
        )
    cancelled = projects.cancel_event(event.id, by=lead)
    assert cancelled.cancelled
    assert projects.shift(shift.id).cancelled
    assert projects.events(start=event.day, end=event.day) == []
    assert projects.events(start=event.day, end=event.day, include_cancelled=True) == [cancelled]


def test_messages_of_the_plugin_are_complete():
    import sorgende_projects  # noqa: F401  (registers its texts)

    from sorgende.i18n import check_messages

    assert check_messages() == []


def test_an_organisers_privileged_acts_are_in_the_audit_trail(world: World, clock: Clock):
    projects = world.projects
    group = projects.create_project(
        "Gartengruppe", organisations=[world.organisations[2]], by=world.coordinators[2]
    )
    projects.set_member(group.id, world.helpers[0], by=world.coordinators[2])
    texts = [e.text("en") for e in world.community.audit_trail(by=sorgende.OPERATOR)]
    assert any(t.endswith("set the project membership of Helferin 1") for t in texts), texts
