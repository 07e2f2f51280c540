"""index requests by when expiry must look at them

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 23:10:00.000000

The daily expiry loaded every open and matched request to find the few whose time had
passed: its cost grew with the community. A column for when each request is due
(``sorgende.domain.help.expiry_due``) and a partial index of the due ones answer it
with what it closes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _micros(value: datetime) -> int:
    # the column encoding as it was when this migration was written, frozen here: a
    # migration must keep doing what it did, whatever live code later changes to
    return (value - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1)


def _due(status: str, window_end: datetime, recurrence: Any, until: date | None) -> int | None:
    # the rule of expiry_due as it was when this migration was written (frozen too)
    if recurrence is None:
        return _micros(window_end) if status == "open" else None
    if until is None or status not in ("open", "matched") or until >= date.max - timedelta(days=1):
        return None
    first_instant = datetime.combine(until + timedelta(days=1), time(), UTC) - timedelta(hours=14)
    return _micros(first_instant)


def upgrade() -> None:
    from sorgende.domain.help import HelpRequest
    from sorgende.serialization import converter

    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expiry_due", sa.BigInteger(), nullable=True))
    bind = op.get_bind()
    requests = sa.table(
        "requests",
        sa.column("seq", sa.Integer()),
        sa.column("status", sa.String()),
        sa.column("data", sa.JSON()),
        sa.column("expiry_due", sa.BigInteger()),
    )
    # existing rows: only open and matched requests can be due; the rest stay NULL
    rows = bind.execute(
        sa.select(requests.c.seq, requests.c.data).where(requests.c.status.in_(["open", "matched"]))
    ).all()
    for seq, data in rows:
        request = converter.structure(data, HelpRequest)
        recurrence = request.recurrence
        due = _due(
            request.status.value,
            request.window.end,
            recurrence,
            None if recurrence is None else recurrence.until,
        )
        if due is not None:
            bind.execute(requests.update().where(requests.c.seq == seq).values(expiry_due=due))
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_requests_expiry",
            ["community_id", "expiry_due"],
            unique=False,
            sqlite_where=sa.text("expiry_due IS NOT NULL"),
            postgresql_where=sa.text("expiry_due IS NOT NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_index("ix_requests_expiry")
        batch_op.drop_column("expiry_due")
