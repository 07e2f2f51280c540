"""index open requests in the coordination's queue's order

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 19:10:00.000000

The coordination's queue (and the menu's count on every page of a coordinator) read
every open request of the community and each one's exchanges to find those nobody
offered help for. An index of the open requests urgent first, then by posting time,
lets one statement read them in the queue's order and stop after the first ones.
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_requests_queue",
            ["community_id", "status", "priority", "posted_at", "id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_index("ix_requests_queue")
