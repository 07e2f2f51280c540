"""index persons for matching by home, skill and name

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 23:30:00.000000

Finding candidate helpers read and scored every person of the community. One row per
person and home, and one per skill, in name order (``actor_match``), let it read the
persons of the nearest homes first, a page at a time, and stop when no one further can
reach the best.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actor_match",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=False),
        sa.Column("home_place_id", sa.Uuid(), nullable=True),
        sa.Column("skill", sa.LargeBinary(), nullable=False),
        sa.Column("name_key", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )
    op.create_index(
        "ix_actor_match_page",
        "actor_match",
        ["community_id", "home_place_id", "skill", "name_key", "actor_id"],
        unique=False,
    )
    op.create_index(
        "ix_actor_match_actor", "actor_match", ["community_id", "actor_id"], unique=False
    )
    # existing persons: the rows come from the stored record itself (frozen here: a
    # migration must keep doing what it did, whatever live code later changes to)
    bind = op.get_bind()
    actors = sa.table(
        "actors",
        sa.column("community_id", sa.Uuid()),
        sa.column("kind", sa.String()),
        sa.column("data", sa.JSON()),
    )
    match = sa.table(
        "actor_match",
        sa.column("community_id", sa.Uuid()),
        sa.column("actor_id", sa.Uuid()),
        sa.column("home_place_id", sa.Uuid()),
        sa.column("skill", sa.LargeBinary()),
        sa.column("name_key", sa.LargeBinary()),
    )
    rows = []
    query = sa.select(actors.c.community_id, actors.c.data).where(actors.c.kind == "person")
    for community_id, data in bind.execute(query):
        if data.get("erased"):
            continue
        home = data.get("home_place_id")
        base = {
            "community_id": community_id,
            "actor_id": _uuid(data["id"]),
            "home_place_id": None if home is None else _uuid(home),
            "name_key": str(data["name"]).encode(),
        }
        for skill in ("", *sorted(data.get("skills") or ())):
            rows.append({**base, "skill": str(skill).encode()})
    if rows:
        bind.execute(match.insert(), rows)


def _uuid(value: object) -> object:
    import uuid

    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def downgrade() -> None:
    op.drop_index("ix_actor_match_actor", table_name="actor_match")
    op.drop_index("ix_actor_match_page", table_name="actor_match")
    op.drop_table("actor_match")
