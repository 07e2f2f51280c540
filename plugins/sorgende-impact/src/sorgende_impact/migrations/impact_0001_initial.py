"""The impact plugin's records: issued certificates of volunteering.

Revision ID: impact_0001
"""

from __future__ import annotations

from alembic import op

from sorgende.migrations import create_kind_table

revision = "impact_0001"
down_revision = None
branch_labels = ("sorgende_impact",)
depends_on = None


def upgrade() -> None:
    create_kind_table(
        op,
        "impact.certificate",
        columns={"issued": "date", "helper_id": "uuid", "signed_by": "uuid"},
        key="str",
        versioned=False,
        order="issued",
    )


def downgrade() -> None:
    op.drop_table("k_impact_certificate")
