"""The exchanges' conversations: messages, read marks, consents to share contact details.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

from alembic import op

from sorgende.migrations import create_kind_table

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TABLES = ("k_conversation_message", "k_conversation_read", "k_conversation_contact_consent")


def upgrade() -> None:
    # the columns as they were when this migration was written (history, not the live
    # declaration)
    create_kind_table(
        op,
        "conversation.message",
        columns={
            "exchange_id": "uuid",
            "sent_at": "datetime",
            "author_id": "uuid",
            "written_for": "uuid",
        },
        versioned=False,
        order="sent_at",
    )
    create_kind_table(
        op,
        "conversation.read",
        columns={"exchange_id": "uuid", "person_id": "uuid"},
        key="str",
    )
    create_kind_table(
        op,
        "conversation.contact_consent",
        columns={"recipient_id": "uuid", "given_by": "uuid"},
        versioned=False,
    )


def downgrade() -> None:
    for table in TABLES:
        op.drop_table(table)
