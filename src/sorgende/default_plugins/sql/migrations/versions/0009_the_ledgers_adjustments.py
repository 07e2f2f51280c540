"""the ledger's adjustments: four eyes above the community's threshold

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 02:30:00.000000

Every adjustment of the ledger is kept with its reasons, who asked and who decided
(``sorgende.records.ADJUSTMENTS``, laid out as every kind's table); one above the
community's threshold waits, pending, for a second ledger keeper. Adjustments made
before this change are their postings alone: there is nothing to fill in.
"""

from __future__ import annotations

from alembic import op

from sorgende.migrations import create_kind_table

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TABLE = "k_adjustment"


def upgrade() -> None:
    # the columns as they were when this migration was written (history, not the live
    # declaration)
    create_kind_table(
        op,
        "adjustment",
        columns={
            "state": "str",
            "asked_at": "datetime",
            "posting_id": "uuid",
            "from_account": "uuid",
            "to_account": "uuid",
            "asked_by": "uuid",
            "decided_by": "uuid",
        },
        order="asked_at",
    )


def downgrade() -> None:
    for field in (
        "state",
        "asked_at",
        "posting_id",
        "from_account",
        "to_account",
        "asked_by",
        "decided_by",
    ):
        op.drop_index(f"ix_{TABLE}_{field}", table_name=TABLE)
    op.drop_index(f"ux_{TABLE}_key", table_name=TABLE)
    op.drop_table(TABLE)
