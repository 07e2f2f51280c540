"""The web plugin's accounts, sessions, API tokens and addresses as record kinds.

Creates the tables of the kinds ``web.account``, ``web.session``, ``web.api_token`` and
``web.address`` (the base of the plugin's own branch). A database made by sorgende-web
0.1.0 kept them in tables of its own (``web_accounts``, ``web_sessions``,
``web_api_tokens``, ``web_addresses``, made outside the migrations); their rows are
copied into the new tables and the old tables dropped, so accounts, passwords, API
tokens and sign-ins still work after the upgrade and no personal data stays where
erasure would not reach it. The rate-limit table ``web_login_attempts`` and ``web_meta``
(the CSRF key) stay as they are.

Each record is written as the converter's JSON of the kind's class as it is declared
now, spelt out here: a migration is history and must not follow later changes of
the live declarations.

Revision ID: web_0001
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

from sorgende.migrations import create_kind_table

revision = "web_0001"
down_revision = None
branch_labels = ("sorgende_web",)
depends_on = None

_OLD = ("web_sessions", "web_api_tokens", "web_accounts", "web_addresses")


def upgrade() -> None:
    create_kind_table(op, "web.account", columns={"id": "uuid", "actor_id": "uuid"}, key="str")
    create_kind_table(
        op,
        "web.session",
        columns={"account_id": "uuid", "actor_id": "uuid"},
        key="str",
        versioned=False,
    )
    create_kind_table(
        op,
        "web.api_token",
        columns={"token_hash": "str", "account_id": "uuid", "actor_id": "uuid"},
        versioned=False,
    )
    create_kind_table(op, "web.address", columns={"actor_id": "uuid"})
    bind = op.get_bind()
    present = set(sa.inspect(bind).get_table_names())
    if "web_accounts" in present:
        _copy(bind, present)
    for name in _OLD:
        if name in present:
            op.drop_table(name)


def downgrade() -> None:
    # the rows go with the tables: sorgende-web 0.1.0 made its own tables afresh
    for name in ("k_web_address", "k_web_api_token", "k_web_session", "k_web_account"):
        op.drop_table(name)


def _time(seconds: int) -> str:
    """Seconds since 1970 as the converter writes a datetime (ISO 8601, UTC)."""
    return datetime.fromtimestamp(int(seconds), UTC).isoformat()


def _table(name: str, *columns: tuple[str, Any]) -> Any:
    return sa.table(name, *(sa.column(n, t) for n, t in columns))


def _copy(bind: Any, present: set[str]) -> None:
    accounts = _table(
        "k_web_account",
        ("key", sa.String()),
        ("community_id", sa.Uuid()),
        ("version", sa.Integer()),
        ("i_id", sa.Uuid()),
        ("i_actor_id", sa.Uuid()),
        ("data", sa.JSON()),
    )
    sessions = _table(
        "k_web_session",
        ("key", sa.String()),
        ("community_id", sa.Uuid()),
        ("i_account_id", sa.Uuid()),
        ("i_actor_id", sa.Uuid()),
        ("data", sa.JSON()),
    )
    tokens = _table(
        "k_web_api_token",
        ("key", sa.Uuid()),
        ("community_id", sa.Uuid()),
        ("i_token_hash", sa.String()),
        ("i_account_id", sa.Uuid()),
        ("i_actor_id", sa.Uuid()),
        ("data", sa.JSON()),
    )
    addresses = _table(
        "k_web_address",
        ("key", sa.Uuid()),
        ("community_id", sa.Uuid()),
        ("version", sa.Integer()),
        ("i_actor_id", sa.Uuid()),
        ("data", sa.JSON()),
    )
    # the old integer ids become UUIDs; sessions and tokens follow their account
    moved: dict[int, tuple[uuid.UUID, Any]] = {}
    rows = []
    for row in bind.execute(sa.text("SELECT * FROM web_accounts ORDER BY id")).mappings():
        new_id = uuid.uuid4()
        community, actor = _uuid(row["community_id"]), _uuid(row["actor_id"])
        moved[int(row["id"])] = (new_id, row)
        rows.append(
            {
                "key": row["login"],
                "community_id": community,
                "version": 1,
                "i_id": new_id,
                "i_actor_id": actor,
                "data": {
                    "community_id": str(community),
                    "login": row["login"],
                    "actor_id": str(actor),
                    "role": row["role"],
                    "password_hash": row["password_hash"],
                    "created_at": _time(row["created_at"]),
                    "id": str(new_id),
                    "version": 1,
                },
            }
        )
    if rows:
        op.bulk_insert(accounts, rows)
    if "web_sessions" in present:
        found = bind.execute(sa.text("SELECT * FROM web_sessions")).mappings()
        rows = [
            _session(row, moved[int(row["account_id"])])
            for row in found
            if int(row["account_id"]) in moved
        ]
        if rows:
            op.bulk_insert(sessions, rows)
    if "web_api_tokens" in present:
        found = bind.execute(sa.text("SELECT * FROM web_api_tokens ORDER BY id")).mappings()
        rows = []
        for row in found:
            account = moved.get(int(row["account_id"]))
            # 0.1.0 honoured a token only in its account's community
            if account is None or _uuid(row["community_id"]) != _uuid(account[1]["community_id"]):
                continue
            rows.append(_token(row, account))
        if rows:
            op.bulk_insert(tokens, rows)
    if "web_addresses" in present:
        found = bind.execute(sa.text("SELECT * FROM web_addresses")).mappings()
        rows = []
        for row in found:
            community, actor = _uuid(row["community_id"]), _uuid(row["actor_id"])
            rows.append(
                {
                    "key": actor,
                    "community_id": community,
                    "version": 1,
                    "i_actor_id": actor,
                    "data": {
                        "community_id": str(community),
                        "actor_id": str(actor),
                        "street": row["street"],
                        "version": 1,
                    },
                }
            )
        if rows:
            op.bulk_insert(addresses, rows)


def _session(row: Any, account: tuple[uuid.UUID, Any]) -> dict[str, Any]:
    new_id, owner = account
    community, actor = _uuid(owner["community_id"]), _uuid(owner["actor_id"])
    return {
        "key": row["token_hash"],
        "community_id": community,
        "i_account_id": new_id,
        "i_actor_id": actor,
        "data": {
            "community_id": str(community),
            "token_hash": row["token_hash"],
            "account_id": str(new_id),
            "login": owner["login"],
            "actor_id": str(actor),
            "created_at": _time(row["created_at"]),
            "expires_at": _time(row["expires_at"]),
        },
    }


def _token(row: Any, account: tuple[uuid.UUID, Any]) -> dict[str, Any]:
    new_id, owner = account
    community, actor = _uuid(owner["community_id"]), _uuid(owner["actor_id"])
    token_id = uuid.uuid4()
    return {
        "key": token_id,
        "community_id": community,
        "i_token_hash": row["token_hash"],
        "i_account_id": new_id,
        "i_actor_id": actor,
        "data": {
            "community_id": str(community),
            "token_hash": row["token_hash"],
            "account_id": str(new_id),
            "login": owner["login"],
            "actor_id": str(actor),
            "name": row["name"],
            "created_at": _time(row["created_at"]),
            "id": str(token_id),
        },
    }


def _uuid(value: Any) -> uuid.UUID:
    """A UUID column read through plain SQL: a UUID, or its text (SQLite stores 32 hex digits)."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
