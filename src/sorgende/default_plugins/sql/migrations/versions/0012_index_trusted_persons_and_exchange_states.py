"""index who trusts whom, and the exchanges by state

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 12:45:00.000000

The inbox (the menu's count, on every page) asked for whom a person acts as trusted
person by reading every actor of the community, and the coordination's queue read the
disputes by scanning every exchange. One row per (person, trusted person) in
``actor_trust`` and an index of the exchanges by state answer both without reading the
community.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actor_trust",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("trusted_id", sa.Uuid(), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )
    op.create_index(
        "ix_actor_trust_trusted", "actor_trust", ["community_id", "trusted_id"], unique=False
    )
    op.create_index(
        "ix_actor_trust_actor", "actor_trust", ["community_id", "actor_id"], unique=False
    )
    op.create_index("ix_exchanges_state", "exchanges", ["community_id", "state"], unique=False)
    # existing actors: the rows come from the stored record itself (frozen here: a
    # migration must keep doing what it did, whatever live code later changes to)
    bind = op.get_bind()
    actors = sa.table("actors", sa.column("community_id", sa.Uuid()), sa.column("data", sa.JSON()))
    trust = sa.table(
        "actor_trust",
        sa.column("community_id", sa.Uuid()),
        sa.column("trusted_id", sa.Uuid()),
        sa.column("actor_id", sa.Uuid()),
    )
    rows = []
    for community_id, data in bind.execute(sa.select(actors.c.community_id, actors.c.data)):
        for trusted in sorted(str(t) for t in data.get("trusted_persons") or ()):
            rows.append(
                {
                    "community_id": community_id,
                    "trusted_id": _uuid(trusted),
                    "actor_id": _uuid(data["id"]),
                }
            )
    if rows:
        bind.execute(trust.insert(), rows)


def _uuid(value: object) -> object:
    import uuid

    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def downgrade() -> None:
    op.drop_index("ix_exchanges_state", table_name="exchanges")
    op.drop_index("ix_actor_trust_actor", table_name="actor_trust")
    op.drop_index("ix_actor_trust_trusted", table_name="actor_trust")
    op.drop_table("actor_trust")
