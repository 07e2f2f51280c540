"""the event log: committed domain events per community, heads and readers' cursors

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 22:00:00.000000

Events committed before this revision were not logged: a community's log starts with
the first use case after the upgrade, at sequence number 1.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_log",
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.BigInteger(), nullable=False),
        sa.Column("actor", sa.Uuid(), nullable=True),
        sa.Column("acted_for", sa.Uuid(), nullable=True),
        sa.Column("type", sa.String(length=200), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("community_id", "seq"),
    )
    op.create_table(
        "event_log_heads",
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("head", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("community_id"),
    )
    op.create_table(
        "event_cursors",
        sa.Column("reader", sa.String(length=200), nullable=False),
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("reader", "community_id"),
    )


def downgrade() -> None:
    op.drop_table("event_cursors")
    op.drop_table("event_log_heads")
    op.drop_table("event_log")
