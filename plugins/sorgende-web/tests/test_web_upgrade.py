"""A database made by sorgende-web 0.1.0 keeps its accounts after the upgrade.

0.1.0 kept accounts, sessions, API tokens and addresses in tables of its own
(``web_*``); the plugin's migration ``web_0001`` copies them into its record kinds and
drops those tables. The tables are made here as 0.1.0 made them (a frozen copy).
"""

from __future__ import annotations

import hashlib
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import sorgende_web
from click.testing import CliRunner
from sorgende_web.accounts import accounts_for
from sorgende_web.records import KINDS
from sorgende_web.testing import cheap_hasher
from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    create_engine,
    insert,
    inspect,
)

import sorgende
from sorgende import OPERATOR
from sorgende.cli import make_cli
from sorgende.config import Settings
from sorgende.domain.actors import ActorKind

PASSWORD = "richtig-geheim"


def _old_tables() -> MetaData:
    """The tables of sorgende-web 0.1.0, as its ``accounts.py`` declared them."""
    metadata = MetaData()
    Table(
        "web_accounts",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("login", String(64), nullable=False, unique=True),
        Column("password_hash", String(200), nullable=False),
        Column("community_id", Uuid, nullable=False),
        Column("actor_id", Uuid, nullable=False),
        Column("role", String(20), nullable=False),
        Column("created_at", BigInteger, nullable=False),
        Index("ix_web_accounts_actor", "community_id", "actor_id"),
    )
    Table(
        "web_sessions",
        metadata,
        Column("token_hash", String(64), primary_key=True),
        Column("account_id", Integer, ForeignKey("web_accounts.id"), nullable=False, index=True),
        Column("created_at", BigInteger, nullable=False),
        Column("expires_at", BigInteger, nullable=False),
    )
    Table(
        "web_api_tokens",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("token_hash", String(64), nullable=False, unique=True),
        Column("account_id", Integer, ForeignKey("web_accounts.id"), nullable=False, index=True),
        Column("community_id", Uuid, nullable=False),
        Column("name", String(100), nullable=False),
        Column("created_at", BigInteger, nullable=False),
    )
    Table(
        "web_login_attempts",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("login", String(64), nullable=False),
        Column("address", String(64), nullable=False),
        Column("at", BigInteger, nullable=False),
    )
    Table(
        "web_addresses",
        metadata,
        Column("community_id", Uuid, primary_key=True),
        Column("actor_id", Uuid, primary_key=True),
        Column("street", String(200), nullable=False),
    )
    Table(
        "web_meta",
        metadata,
        Column("key", String(50), primary_key=True),
        Column("value", Text, nullable=False),
    )
    return metadata


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _landed_database(url: str) -> dict[str, Any]:
    """A database as sorgende-web 0.1.0 left it: the core's schema and the web tables."""
    settings = sorgende.load_settings(environ={})
    with sorgende.open(url, load_entrypoints=False, settings=settings) as p:
        community = p.create_community("Testdorf")
        anna = community.register_actor(ActorKind.PERSON, "Anna Alt")
        ben = community.register_actor(ActorKind.PERSON, "Ben Berg")
    facts: dict[str, Any] = {
        "community": community.community_id,
        "anna": anna.id,
        "ben": ben.id,
        "session": "alte-sitzung-" + uuid.uuid4().hex,
        "token": "sgd_" + uuid.uuid4().hex,
        "foreign_token": "sgd_" + uuid.uuid4().hex,
    }
    now = int(time.time())
    metadata = _old_tables()
    t = metadata.tables
    engine = create_engine(url)
    metadata.create_all(engine)
    with engine.begin() as conn:
        hashed = cheap_hasher().hash(PASSWORD)
        for login, actor, role in (("anna", anna.id, "resident"), ("ben", ben.id, "helper")):
            conn.execute(
                insert(t["web_accounts"]).values(
                    login=login,
                    password_hash=hashed,
                    community_id=community.community_id,
                    actor_id=actor,
                    role=role,
                    created_at=now - 86400,
                )
            )
        conn.execute(
            insert(t["web_sessions"]).values(
                token_hash=_sha(facts["session"]),
                account_id=1,
                created_at=now,
                expires_at=now + 3600,
            )
        )
        conn.execute(
            insert(t["web_api_tokens"]).values(
                token_hash=_sha(facts["token"]),
                account_id=1,
                community_id=community.community_id,
                name="Kalender",
                created_at=now,
            )
        )
        # a token whose community was not its account's: 0.1.0 did not honour it
        conn.execute(
            insert(t["web_api_tokens"]).values(
                token_hash=_sha(facts["foreign_token"]),
                account_id=2,
                community_id=uuid.uuid4(),
                name="fremd",
                created_at=now,
            )
        )
        conn.execute(
            insert(t["web_addresses"]).values(
                community_id=community.community_id, actor_id=anna.id, street="Lindenweg 3"
            )
        )
        conn.execute(insert(t["web_meta"]).values(key="secret", value="the-old-csrf-key"))
    engine.dispose()
    return facts


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'web.db'}"
    return str(request.getfixturevalue("postgresql_url"))


def test_an_upgraded_database_keeps_accounts_sign_ins_tokens_and_streets(
    url: str, tmp_path: Path
) -> None:
    facts = _landed_database(url)
    if url.startswith("postgresql"):
        # a server's database is upgraded by its operator, not when it is opened
        cli = make_cli(plugins=[sorgende_web], settings=Settings(load_entrypoints=False))
        done = CliRunner().invoke(cli, ["db", "upgrade", "--storage", url])
        assert done.exit_code == 0, done.output
    platform = sorgende.open(
        url,
        plugins=[sorgende_web],
        load_entrypoints=False,
        settings=sorgende.load_settings(environ={}),
    )
    try:
        store = accounts_for(platform, hasher=cheap_hasher())
        anna = store.authenticate("anna", PASSWORD, "127.0.0.1")
        assert (anna.community_id, anna.actor_id) == (facts["community"], facts["anna"])
        # the web role of 0.1 is kept, granting nothing (``sorgende web upgrade-roles``)
        assert store.authenticate("ben", PASSWORD, "127.0.0.1").legacy_role == "helper"
        # a browser signed in before the upgrade stays signed in, a script's token works
        assert store.session_account(facts["session"]) == anna
        assert store.token_account(facts["token"]) == anna
        assert store.token_account(facts["foreign_token"]) is None
        assert [t.name for t in store.tokens(anna.id)] == ["Kalender"]
        assert store.street(facts["community"], facts["anna"]) == "Lindenweg 3"
        assert store.secret() == "the-old-csrf-key"
        # the old tables are gone: nothing personal is left where erasure does not reach
        tables = set(inspect(platform.storage.engine).get_table_names())
        assert not tables & {"web_accounts", "web_sessions", "web_api_tokens", "web_addresses"}
        assert {"web_sign_in_throttle", "web_meta"} <= tables
        # the attempts of sorgende-web 0.1 (who typed what from where) are gone too
        assert "web_login_attempts" not in tables
        # and the copied records are erased like any others
        platform.community(facts["community"]).erase_person(facts["anna"], by=OPERATOR)
        with platform.read(facts["community"]) as uow:
            left = {k.name: uow.of(k).count(where={"actor_id": facts["anna"]}) for k in KINDS}
        assert set(left.values()) == {0}
        assert store.token_account(facts["token"]) is None
        assert store.street(facts["community"], facts["anna"]) == ""
    finally:
        accounts_for(platform).close()
        platform.close()
    if url.startswith("sqlite"):
        # the backup the upgrade made keeps the old rows: it is the operator's to delete
        assert list(tmp_path.glob("web.db.*.bak"))
