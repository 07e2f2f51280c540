"""index open requests by posting time and exchanges by schedule, with their organisation

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 14:30:00.000000

The coordinator dashboard read every open request for its waiting list and counts by
age, and every counted exchange for the active helpers of 30 days: its cost grew with the
community. Indexes of the open requests by posting time and of the exchanges by schedule,
each also per organisation (a new column ``organisation_id``, filled from the stored
records), answer it from the oldest requests and the exchanges of the 30 days.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

#: rows updated per statement while filling the new column
_BATCH = 1000


def upgrade() -> None:
    for name in ("requests", "exchanges"):
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.add_column(sa.Column("organisation_id", sa.Uuid(), nullable=True))
        _fill_organisations(name)
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_requests_waiting", ["community_id", "status", "posted_at", "id"], unique=False
        )
        batch_op.create_index(
            "ix_requests_waiting_org",
            ["community_id", "organisation_id", "status", "posted_at", "id"],
            unique=False,
        )
    with op.batch_alter_table("exchanges", schema=None) as batch_op:
        batch_op.create_index(
            "ix_exchanges_scheduled", ["community_id", "scheduled", "id"], unique=False
        )
        batch_op.create_index(
            "ix_exchanges_scheduled_org",
            ["community_id", "organisation_id", "scheduled", "id"],
            unique=False,
        )


def _fill_organisations(name: str) -> None:
    # existing rows: the organisation comes from the stored record itself (read here as
    # the JSON it was written as, frozen: a migration must keep doing what it did,
    # whatever live code later changes to); most rows have none and stay NULL
    bind = op.get_bind()
    table = sa.table(
        name,
        sa.column("seq", sa.Integer()),
        sa.column("data", sa.JSON()),
        sa.column("organisation_id", sa.Uuid()),
    )
    rows = []
    for seq, data in bind.execute(sa.select(table.c.seq, table.c.data)):
        organisation = (data or {}).get("organisation_id")
        if organisation is not None:
            rows.append({"b_seq": seq, "organisation_id": uuid.UUID(str(organisation))})
    statement = (
        table.update()
        .where(table.c.seq == sa.bindparam("b_seq"))
        .values(organisation_id=sa.bindparam("organisation_id"))
    )
    for start in range(0, len(rows), _BATCH):
        bind.execute(statement, rows[start : start + _BATCH])


def downgrade() -> None:
    with op.batch_alter_table("exchanges", schema=None) as batch_op:
        batch_op.drop_index("ix_exchanges_scheduled_org")
        batch_op.drop_index("ix_exchanges_scheduled")
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_index("ix_requests_waiting_org")
        batch_op.drop_index("ix_requests_waiting")
    for name in ("exchanges", "requests"):
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_column("organisation_id")
