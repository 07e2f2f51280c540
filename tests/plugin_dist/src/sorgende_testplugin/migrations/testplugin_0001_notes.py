"""The test plugin's notes (its first migration: the base of its own branch).

Revision ID: testplugin_0001
"""

from __future__ import annotations

from alembic import op

from sorgende.migrations import create_kind_table

revision = "testplugin_0001"
down_revision = None
branch_labels = ("sorgende_testplugin",)
depends_on = None


def upgrade() -> None:
    create_kind_table(
        op,
        "testplugin.note",
        columns={"topic": "str", "written_at": "datetime", "author_id": "uuid"},
        order="written_at",
    )


def downgrade() -> None:
    op.drop_table("k_testplugin_note")
