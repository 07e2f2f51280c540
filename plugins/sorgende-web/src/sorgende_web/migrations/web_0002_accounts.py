"""The records of getting and keeping an account: links sent by e-mail, sign-ins,
consents, initial passwords to be changed, requests for erasure (the kinds of
:mod:`sorgende_web.account_records`).

Revision ID: web_0002
"""

from __future__ import annotations

from alembic import op

from sorgende.migrations import create_kind_table

revision = "web_0002"
down_revision = "web_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_kind_table(
        op,
        "web.link",
        columns={"purpose": "str", "account_id": "uuid", "actor_id": "uuid", "by": "uuid"},
        key="str",
        versioned=False,
    )
    create_kind_table(
        op, "web.sign_in", columns={"account_id": "uuid", "actor_id": "uuid"}, versioned=False
    )
    create_kind_table(op, "web.consent", columns={"actor_id": "uuid"}, versioned=False)
    create_kind_table(
        op,
        "web.initial_password",
        columns={"actor_id": "uuid", "by": "uuid"},
        versioned=False,
    )
    create_kind_table(op, "web.erasure_request", columns={"actor_id": "uuid"})


def downgrade() -> None:
    for name in (
        "k_web_erasure_request",
        "k_web_initial_password",
        "k_web_consent",
        "k_web_sign_in",
        "k_web_link",
    ):
        op.drop_table(name)
