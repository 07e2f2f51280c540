"""The crisis plugin's records: crises, helpers' intake, tasks and dispatches.

Revision ID: crisis_0001
"""

from __future__ import annotations

from alembic import op

from sorgende.migrations import create_kind_table

revision = "crisis_0001"
down_revision = None
branch_labels = ("sorgende_crisis",)
depends_on = None

TABLES = ("k_crisis_crisis", "k_crisis_helper", "k_crisis_task", "k_crisis_dispatch")


def upgrade() -> None:
    create_kind_table(
        op, "crisis.crisis", columns={"active": "bool", "opened_at": "datetime"}, order="opened_at"
    )
    create_kind_table(
        op,
        "crisis.helper",
        columns={
            "crisis_id": "uuid",
            "state": "str",
            "registered_at": "datetime",
            "member_id": "uuid",
        },
        order="registered_at",
    )
    create_kind_table(
        op,
        "crisis.task",
        columns={"crisis_id": "uuid", "open": "bool", "priority": "int", "created_at": "datetime"},
        order="created_at",
    )
    create_kind_table(
        op,
        "crisis.dispatch",
        columns={
            "crisis_id": "uuid",
            "task_id": "uuid",
            "helper_id": "uuid",
            "state": "str",
            "dispatched_at": "datetime",
        },
        order="dispatched_at",
    )


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
