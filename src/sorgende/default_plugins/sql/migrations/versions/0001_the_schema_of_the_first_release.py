"""the schema of the first release

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 02:59:19.567751
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actors",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("id"),
    )
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actors_community_id"), ["community_id"], unique=False)

    op.create_table(
        "categories",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=100), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )
    with op.batch_alter_table("categories", schema=None) as batch_op:
        batch_op.create_index("ix_categories_community_code", ["community_id", "code"], unique=True)

    op.create_table(
        "commitments",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=False),
        sa.Column("made_at", sa.BigInteger(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("id"),
    )
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.create_index("ix_commitments_actor", ["community_id", "actor_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_commitments_community_id"), ["community_id"], unique=False
        )

    op.create_table(
        "communities",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("id"),
    )
    with op.batch_alter_table("communities", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_communities_community_id"), ["community_id"], unique=False
        )

    op.create_table(
        "exchanges",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=True),
        sa.Column("offer_id", sa.Uuid(), nullable=True),
        sa.Column("helper_id", sa.Uuid(), nullable=False),
        sa.Column("recipient_id", sa.Uuid(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("scheduled", sa.BigInteger(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("id"),
    )
    with op.batch_alter_table("exchanges", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_exchanges_community_id"), ["community_id"], unique=False
        )
        batch_op.create_index(
            "ix_exchanges_helper", ["community_id", "helper_id", "state"], unique=False
        )
        batch_op.create_index("ix_exchanges_offer", ["community_id", "offer_id"], unique=False)
        batch_op.create_index(
            "ix_exchanges_recipient", ["community_id", "recipient_id"], unique=False
        )
        batch_op.create_index("ix_exchanges_request", ["community_id", "request_id"], unique=False)

    op.create_table(
        "offers",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("category", sa.String(length=100), nullable=False),
        sa.Column("helper_id", sa.Uuid(), nullable=False),
        sa.Column("posted_at", sa.BigInteger(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("id"),
    )
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.create_index(
            "ix_offers_board", ["community_id", "status", "category"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_offers_community_id"), ["community_id"], unique=False)
        batch_op.create_index("ix_offers_helper", ["community_id", "helper_id"], unique=False)

    op.create_table(
        "places",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("id"),
    )
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_places_community_id"), ["community_id"], unique=False)

    op.create_table(
        "postings",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.BigInteger(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("id"),
    )
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_postings_community_id"), ["community_id"], unique=False
        )

    op.create_table(
        "recognitions",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=False),
        sa.Column("awarded_at", sa.BigInteger(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("id"),
    )
    with op.batch_alter_table("recognitions", schema=None) as batch_op:
        batch_op.create_index("ix_recognitions_actor", ["community_id", "actor_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_recognitions_community_id"), ["community_id"], unique=False
        )

    op.create_table(
        "requests",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("place_id", sa.Uuid(), nullable=False),
        sa.Column("category", sa.String(length=100), nullable=False),
        sa.Column("recipient_id", sa.Uuid(), nullable=False),
        sa.Column("posted_by", sa.Uuid(), nullable=False),
        sa.Column("posted_at", sa.BigInteger(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("id"),
    )
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_requests_board", ["community_id", "status", "place_id", "category"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_requests_community_id"), ["community_id"], unique=False
        )
        batch_op.create_index("ix_requests_poster", ["community_id", "posted_by"], unique=False)
        batch_op.create_index(
            "ix_requests_recipient", ["community_id", "recipient_id"], unique=False
        )

    op.create_table(
        "entries",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("posting_id", sa.Uuid(), nullable=False),
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("account", sa.Uuid(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["posting_id"],
            ["postings.id"],
        ),
        sa.PrimaryKeyConstraint("seq"),
    )
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.create_index("ix_entries_account", ["community_id", "account"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.drop_index("ix_entries_account")

    op.drop_table("entries")
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_index("ix_requests_recipient")
        batch_op.drop_index("ix_requests_poster")
        batch_op.drop_index(batch_op.f("ix_requests_community_id"))
        batch_op.drop_index("ix_requests_board")

    op.drop_table("requests")
    with op.batch_alter_table("recognitions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recognitions_community_id"))
        batch_op.drop_index("ix_recognitions_actor")

    op.drop_table("recognitions")
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_postings_community_id"))

    op.drop_table("postings")
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_places_community_id"))

    op.drop_table("places")
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.drop_index("ix_offers_helper")
        batch_op.drop_index(batch_op.f("ix_offers_community_id"))
        batch_op.drop_index("ix_offers_board")

    op.drop_table("offers")
    with op.batch_alter_table("exchanges", schema=None) as batch_op:
        batch_op.drop_index("ix_exchanges_request")
        batch_op.drop_index("ix_exchanges_recipient")
        batch_op.drop_index("ix_exchanges_offer")
        batch_op.drop_index("ix_exchanges_helper")
        batch_op.drop_index(batch_op.f("ix_exchanges_community_id"))

    op.drop_table("exchanges")
    with op.batch_alter_table("communities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_communities_community_id"))

    op.drop_table("communities")
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitments_community_id"))
        batch_op.drop_index("ix_commitments_actor")

    op.drop_table("commitments")
    with op.batch_alter_table("categories", schema=None) as batch_op:
        batch_op.drop_index("ix_categories_community_code")

    op.drop_table("categories")
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actors_community_id"))

    op.drop_table("actors")
