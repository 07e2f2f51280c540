"""running totals of each helper's confirmed help, read by the recognition rules

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 23:30:00.000000

Confirming an exchange re-read the helper's whole confirmed history to check the
recognition rules: its cost grew with the help given. The table of the core kind
``helper_totals`` (``sorgende.records.HELPER_TOTALS``, laid out as every kind's table)
keeps per helper the count, the minutes, the first help and the minutes per day of the
help; this migration fills it from the exchanges confirmed or resolved so far.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLE = "k_helper_totals"
_DAY = 86_400_000_000  # microseconds
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("key", sa.Uuid(), nullable=False),
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("i_actor_id", sa.Uuid(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
    )
    op.create_index(f"ux_{TABLE}_key", TABLE, ["community_id", "key"], unique=True)
    op.create_index(f"ix_{TABLE}_actor_id", TABLE, ["community_id", "i_actor_id"])
    bind = op.get_bind()
    exchanges = sa.table(
        "exchanges",
        sa.column("seq", sa.Integer()),
        sa.column("community_id", sa.Uuid()),
        sa.column("helper_id", sa.Uuid()),
        sa.column("state", sa.String()),
        sa.column("data", sa.JSON()),
    )
    rows = bind.execute(
        sa.select(exchanges.c.community_id, exchanges.c.helper_id, exchanges.c.data)
        .where(exchanges.c.state.in_(["confirmed", "resolved"]))
        .order_by(exchanges.c.seq)
    )
    found: dict[tuple[uuid.UUID, uuid.UUID], list[tuple[datetime, str, int]]] = {}
    for community_id, helper_id, data in rows:
        minutes = int(data["minutes"])
        if minutes > 0:
            text = data["scheduled"]
            found.setdefault((community_id, helper_id), []).append((_parse(text), text, minutes))
    totals = sa.table(
        TABLE,
        sa.column("key", sa.Uuid()),
        sa.column("community_id", sa.Uuid()),
        sa.column("version", sa.Integer()),
        sa.column("i_actor_id", sa.Uuid()),
        sa.column("data", sa.JSON()),
    )
    batch = [
        {
            "key": helper_id,
            "community_id": community_id,
            "version": 1,
            "i_actor_id": helper_id,
            "data": _totals(community_id, helper_id, helps),
        }
        for (community_id, helper_id), helps in found.items()
    ]
    if batch:
        bind.execute(sa.insert(totals), batch)


def _parse(text: str) -> datetime:
    # an aware ISO 8601 time as the converter writes it (a zone name in brackets after
    # the offset, when it had one, is only a label: the offset fixes the instant)
    return datetime.fromisoformat(text.split("[", 1)[0])


def _totals(
    community_id: uuid.UUID, helper_id: uuid.UUID, helps: Iterable[tuple[datetime, str, int]]
) -> dict[str, Any]:
    # HelperTotals as the converter wrote it when this migration was written, every day
    # kept (the next confirmation drops those out of the year's reach): frozen here
    days: dict[int, list[int]] = {}
    count = total = 0
    first: tuple[datetime, str] | None = None
    for at, text, minutes in helps:
        micros = (at - _EPOCH) // timedelta(microseconds=1)
        day = micros // _DAY
        old = days.get(day)
        days[day] = (
            [day, minutes, micros, micros]
            if old is None
            else [day, old[1] + minutes, min(old[2], micros), max(old[3], micros)]
        )
        count += 1
        total += minutes
        if first is None or at < first[0]:
            first = (at, text)
    order = sorted(days)
    return {
        "community_id": str(community_id),
        "actor_id": str(helper_id),
        "exchanges": count,
        "minutes": total,
        "first_help": None if first is None else first[1],
        "day_numbers": order,
        "day_minutes": [days[d][1] for d in order],
        "day_earliest": [days[d][2] for d in order],
        "day_latest": [days[d][3] for d in order],
        "kept_from": -(2**62),
        "version": 1,
    }


def downgrade() -> None:
    op.drop_index(f"ix_{TABLE}_actor_id", table_name=TABLE)
    op.drop_index(f"ux_{TABLE}_key", table_name=TABLE)
    op.drop_table(TABLE)
