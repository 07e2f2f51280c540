"""The projects plugin's records: projects, members, meetings, tasks, events, shifts,
sign-ups, the worklog and the plugin's settings of a community.

Revision ID: projects_0001
"""

from __future__ import annotations

from alembic import op

from sorgende.migrations import create_kind_table

revision = "projects_0001"
down_revision = None
branch_labels = ("sorgende_projects",)
depends_on = None

TABLES = (
    "k_projects_project",
    "k_projects_member",
    "k_projects_meeting",
    "k_projects_task",
    "k_projects_event",
    "k_projects_shift",
    "k_projects_signup",
    "k_projects_worklog",
    "k_projects_settings",
)


def upgrade() -> None:
    create_kind_table(
        op,
        "projects.project",
        columns={"organisation_id": "uuid", "archived": "bool", "created_at": "datetime"},
        order="created_at",
    )
    create_kind_table(
        op,
        "projects.member",
        columns={"project_id": "uuid", "joined_at": "datetime", "person_id": "uuid"},
        order="joined_at",
    )
    create_kind_table(
        op,
        "projects.meeting",
        columns={"project_id": "uuid", "starts_at": "datetime"},
        order="starts_at",
    )
    create_kind_table(
        op,
        "projects.task",
        columns={
            "project_id": "uuid",
            "done": "bool",
            "created_at": "datetime",
            "assignee_id": "uuid",
        },
        order="created_at",
    )
    create_kind_table(
        op,
        "projects.event",
        columns={
            "organisation_id": "uuid",
            "project_id": "uuid",
            "series_id": "uuid",
            "day": "date",
            "cancelled": "bool",
            "starts_at": "datetime",
        },
        order="starts_at",
    )
    create_kind_table(
        op,
        "projects.shift",
        columns={
            "event_id": "uuid",
            "day": "date",
            "open": "bool",
            "open_day": "date",
            "organisation_id": "uuid",
            "place_id": "uuid",
            "starts_at": "datetime",
        },
        order="starts_at",
    )
    create_kind_table(
        op,
        "projects.signup",
        columns={
            "shift_id": "uuid",
            "event_id": "uuid",
            "state": "str",
            "reminded": "bool",
            "position": "int",
            "person_id": "uuid",
            "signed_up_by": "uuid",
        },
        order="position",
    )
    create_kind_table(
        op,
        "projects.worklog",
        columns={
            "shift_id": "uuid",
            "event_id": "uuid",
            "at": "datetime",
            "person_id": "uuid",
            "logged_by": "uuid",
        },
        order="at",
    )
    create_kind_table(op, "projects.settings", columns={})


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
