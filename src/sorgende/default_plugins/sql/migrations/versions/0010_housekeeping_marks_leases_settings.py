"""The housekeeping jobs' marks of what they did, their leases and a community's choices.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

from alembic import op

from sorgende.migrations import create_kind_table

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLES = ("k_housekeeping_mark", "k_housekeeping_lease", "k_housekeeping_settings")


def upgrade() -> None:
    # the columns as they were when this migration was written (history, not the live
    # declaration)
    create_kind_table(
        op,
        "housekeeping.mark",
        columns={"job": "str", "done_at": "datetime"},
        key="str",
        versioned=False,
        order="done_at",
    )
    create_kind_table(op, "housekeeping.lease", key="str")
    create_kind_table(op, "housekeeping.settings", key="uuid")


def downgrade() -> None:
    for table in TABLES:
        op.drop_table(table)
