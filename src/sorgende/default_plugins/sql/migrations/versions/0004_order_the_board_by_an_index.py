"""order the board by an index

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 05:20:00.000000

The board pages open requests urgent first, then by when help is needed. Without columns
for that order every page loaded and sorted every open request; with them one index
answers a page.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _micros(value: datetime) -> int:
    # the column encoding as it was when this migration was written, frozen here: a
    # migration must keep doing what it did, whatever live code later changes to
    return (value - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1)


def upgrade() -> None:
    from sorgende.domain.help import HelpRequest
    from sorgende.serialization import converter

    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("priority", sa.SmallInteger(), nullable=True))
        batch_op.add_column(sa.Column("needed_from", sa.BigInteger(), nullable=True))
    bind = op.get_bind()
    requests = sa.table(
        "requests",
        sa.column("seq", sa.Integer()),
        sa.column("data", sa.JSON()),
        sa.column("priority", sa.SmallInteger()),
        sa.column("needed_from", sa.BigInteger()),
    )
    # existing rows: the order comes from the stored record itself
    rows = bind.execute(sa.select(requests.c.seq, requests.c.data)).all()
    for seq, data in rows:
        request = converter.structure(data, HelpRequest)
        bind.execute(
            requests.update()
            .where(requests.c.seq == seq)
            .values(
                priority=0 if request.urgent else 1,
                needed_from=_micros(request.window.start),
            )
        )
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.alter_column("priority", existing_type=sa.SmallInteger(), nullable=False)
        batch_op.alter_column("needed_from", existing_type=sa.BigInteger(), nullable=False)
        batch_op.create_index(
            "ix_requests_board_order",
            ["community_id", "status", "priority", "needed_from", "id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_index("ix_requests_board_order")
        batch_op.drop_column("needed_from")
        batch_op.drop_column("priority")
