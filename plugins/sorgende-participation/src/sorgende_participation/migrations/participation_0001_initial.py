"""The participation plugin's records: ideas, supports, comments, surveys, ballots,
responses, forums, guardians' consents and the plugin's settings of a community.

Revision ID: participation_0001
"""

from __future__ import annotations

from alembic import op

from sorgende.migrations import create_kind_table

revision = "participation_0001"
down_revision = None
branch_labels = ("sorgende_participation",)
depends_on = None

TABLES = (
    "k_participation_idea",
    "k_participation_support",
    "k_participation_comment",
    "k_participation_survey",
    "k_participation_ballot",
    "k_participation_response",
    "k_participation_forum",
    "k_participation_consent",
    "k_participation_settings",
)


def upgrade() -> None:
    create_kind_table(
        op,
        "participation.idea",
        columns={
            "place_id": "uuid",
            "state": "str",
            "forum_id": "uuid",
            "created_at": "datetime",
            "author_id": "uuid",
            "answered_by": "uuid",
        },
        order="created_at",
    )
    create_kind_table(
        op,
        "participation.support",
        columns={"idea_id": "uuid", "withdrawn": "bool", "at": "datetime", "person_id": "uuid"},
        order="at",
    )
    create_kind_table(
        op,
        "participation.comment",
        columns={
            "idea_id": "uuid",
            "hidden": "bool",
            "at": "datetime",
            "author_id": "uuid",
            "hidden_by": "uuid",
        },
        order="at",
    )
    create_kind_table(
        op,
        "participation.survey",
        columns={"place_id": "uuid", "opens_at": "datetime"},
        order="opens_at",
    )
    create_kind_table(
        op, "participation.ballot", columns={"survey_id": "uuid", "person_id": "uuid"}
    )
    create_kind_table(op, "participation.response", columns={"survey_id": "uuid"})
    create_kind_table(
        op,
        "participation.forum",
        columns={"reminded": "bool", "starts_at": "datetime"},
        order="starts_at",
    )
    create_kind_table(
        op,
        "participation.consent",
        columns={"person_id": "uuid", "recorded_by": "uuid"},
    )
    create_kind_table(op, "participation.settings", columns={})


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
