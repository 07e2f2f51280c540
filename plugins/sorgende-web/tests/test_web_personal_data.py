"""The web plugin's accounts and addresses as record kinds: exported, erased, transferred.

Every test runs on memory, SQLite and (with ``SORGENDE_TEST_POSTGRESQL_URL``) PostgreSQL,
on a platform opened with :func:`sorgende.open` and no web application built: the
records must follow the person whether or not a web server ever ran in the process.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sorgende_web
from sorgende_web.accounts import AccountStore, accounts_for, create_account
from sorgende_web.errors import LoginFailed, LoginTaken
from sorgende_web.records import KINDS
from sorgende_web.testing import cheap_hasher

import sorgende
from sorgende import OPERATOR
from sorgende.domain.actors import ActorKind
from sorgende.errors import InvalidRecordKind

PASSWORD = "richtig-geheim"
STREET = "Lindenweg 3"


def _open(url: str) -> Any:
    return sorgende.open(
        url,
        plugins=[sorgende_web],
        load_entrypoints=False,
        settings=sorgende.load_settings(environ={}),
    )


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "memory":
        return "memory://"
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'web.db'}"
    return str(request.getfixturevalue("postgresql_url"))


class Village:
    """A community with Anna (account, street, session, API token) and Ben (account)."""

    def __init__(self, platform: Any) -> None:
        self.platform = platform
        self.store: AccountStore = accounts_for(platform, hasher=cheap_hasher())
        self.community = platform.create_community("Testdorf")
        place = self.community.add_place("Mehren")
        self.anna = self.community.register_actor(
            ActorKind.PERSON, "Anna Alt", home_place_id=place.id
        )
        self.ben = self.community.register_actor(
            ActorKind.PERSON, "Ben Berg", home_place_id=place.id
        )
        cid = self.community.community_id
        self.account = create_account(
            platform, community_id=cid, actor_id=self.anna.id, login="anna", password=PASSWORD
        )
        create_account(
            platform,
            community_id=cid,
            actor_id=self.ben.id,
            login="ben",
            password=PASSWORD,
        )
        self.store.set_street(cid, self.anna.id, STREET)
        self.session = self.store.start_session(self.account.id, hours=2)
        self.token = self.store.create_token(self.account.id, "Kalender")


@pytest.fixture
def village(url: str) -> Iterator[Village]:
    platform = _open(url)
    yield Village(platform)
    accounts_for(platform).close()
    platform.close()


def _kinds_about(platform: Any, community_id: uuid.UUID, person: uuid.UUID) -> dict[str, int]:
    with platform.read(community_id) as uow:
        return {kind.name: uow.of(kind).count(where={"actor_id": person}) for kind in KINDS}


def test_the_kinds_are_declared_by_the_installed_plugin() -> None:
    platform = _open("memory://")
    for kind in KINDS:
        assert platform.registry.get(kind.name).plugin  # declared, by the web plugin
    # without the web application: nothing of sorgende_web.app was needed
    platform.close()


def test_a_platform_without_the_plugin_is_refused_clearly() -> None:
    platform = sorgende.open(
        "memory://", load_entrypoints=False, settings=sorgende.load_settings(environ={})
    )
    with pytest.raises(InvalidRecordKind, match="sorgende-web"):
        accounts_for(platform)
    platform.close()


def test_account_street_session_and_token_are_in_the_persons_export(village: Village) -> None:
    exported = village.community.export_person(village.anna.id, by=OPERATOR)
    records = exported["records"]
    (account,) = records["web.account"]
    # an account holds no role (the domain's roles are the person's)
    assert account["login"] == "anna" and account["role"] == ""
    assert account["actor_id"] == str(village.anna.id)
    # the password hash is confidential: a coordinator asking for the export must not be
    # able to try passwords against it
    assert "password_hash" not in account
    assert "argon2" not in repr(exported)
    assert [a["street"] for a in records["web.address"]] == [STREET]
    assert [t["name"] for t in records["web.api_token"]] == ["Kalender"]
    assert len(records["web.session"]) == 1
    # tokens only as their hashes, never the secret itself
    text = repr(exported)
    assert village.token not in text and village.session not in text
    assert hashlib.sha256(village.token.encode()).hexdigest() in text
    # Ben's account is his, not Anna's
    assert all(a["login"] != "ben" for a in records["web.account"])
    # nothing left for the plugin's own export hook
    assert "sorgende_web.accounts" not in exported["plugins"]


def test_erasure_from_plain_python_removes_account_street_session_and_token(
    village: Village,
) -> None:
    store, cid, anna = village.store, village.community.community_id, village.anna.id
    assert _kinds_about(village.platform, cid, anna) == dict.fromkeys((k.name for k in KINDS), 1)
    village.community.erase_person(anna, by=OPERATOR)
    assert _kinds_about(village.platform, cid, anna) == dict.fromkeys((k.name for k in KINDS), 0)
    assert store.street(cid, anna) == ""
    assert store.by_login("anna") is None
    assert store.session_account(village.session) is None
    assert store.token_account(village.token) is None
    with pytest.raises(LoginFailed):
        store.authenticate("anna", PASSWORD, "127.0.0.1")
    exported = village.community.export_person(anna, by=OPERATOR)
    assert exported["records"].keys().isdisjoint(k.name for k in KINDS)
    # Ben keeps his account
    assert store.authenticate("ben", PASSWORD, "127.0.0.1").actor_id == village.ben.id
    # the login is free again, and a new account of it does not inherit old sign-ins
    carl = village.community.register_actor(ActorKind.PERSON, "Carl Clemens")
    create_account(
        village.platform, community_id=cid, actor_id=carl.id, login="anna", password=PASSWORD
    )
    assert store.session_account(village.session) is None


def test_erasure_leaves_no_street_in_the_sqlite_database(tmp_path: Path) -> None:
    path = tmp_path / "web.db"
    platform = _open(f"sqlite:///{path}")
    village = Village(platform)
    village.community.erase_person(village.anna.id, by=OPERATOR)
    accounts_for(platform).close()
    platform.close()
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                assert STREET not in " ".join(map(str, row)), table


def test_erasure_in_another_process_that_never_built_the_app(tmp_path: Path) -> None:
    """``erase_person`` from a script: the installed plugins are loaded from their entry
    points, the web application is never imported, and the street still goes."""
    path = tmp_path / "web.db"
    platform = _open(f"sqlite:///{path}")
    village = Village(platform)
    cid, anna = village.community.community_id, village.anna.id
    accounts_for(platform).close()
    platform.close()
    script = textwrap.dedent(
        f"""
        import sys, uuid, sorgende
        platform = sorgende.open("sqlite:///{path}", settings=sorgende.load_settings(environ={{}}))
        community = platform.community(uuid.UUID("{cid}"))
        community.erase_person(uuid.UUID("{anna}"), by=sorgende.OPERATOR)
        platform.close()
        assert "sorgende_web.app" not in sys.modules, "the web app was imported"
        """
    )
    environ = {k: v for k, v in os.environ.items() if not k.startswith("SORGENDE_")}
    done = subprocess.run(
        [sys.executable, "-c", script],
        check=False,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    # opened again as the script did (with every installed plugin: their migrations ran)
    platform = sorgende.open(f"sqlite:///{path}", settings=sorgende.load_settings(environ={}))
    assert _kinds_about(platform, cid, anna) == dict.fromkeys((k.name for k in KINDS), 0)
    assert accounts_for(platform).street(cid, anna) == ""
    assert accounts_for(platform).by_login("ben") is not None
    accounts_for(platform).close()
    platform.close()


def test_accounts_survive_export_and_import_into_a_fresh_storage(
    village: Village, url: str, tmp_path: Path
) -> None:
    cid = village.community.community_id
    lines = list(village.platform.export_community(cid))
    kinds = {line.split('"kind":"')[1].split('"')[0] for line in lines[1:] if '"kind":"' in line}
    assert {k.name for k in KINDS} <= kinds
    target = _open("memory://" if url == "memory://" else f"sqlite:///{tmp_path / 'copy.db'}")
    try:
        target.import_community(lines)
        store = accounts_for(target, hasher=cheap_hasher())
        account = store.authenticate("anna", PASSWORD, "127.0.0.1")
        assert (account.id, account.community_id, account.legacy_role) == (
            village.account.id,
            cid,
            "",
        )
        assert store.street(cid, village.anna.id) == STREET
        # sign-ins and tokens travel with the community: they are only hashes
        assert store.session_account(village.session) == account
        assert store.token_account(village.token) == account
        assert [t.name for t in store.tokens(account.id)] == ["Kalender"]
        # and the copy is one platform's: its logins stay unique
        with pytest.raises(LoginTaken):
            create_account(
                target, community_id=cid, actor_id=village.ben.id, login="anna", password=PASSWORD
            )
        # the export of the copy is the export of the original
        assert list(target.export_community(cid)) == lines
    finally:
        accounts_for(target).close()
        target.close()


def test_a_login_is_unique_across_communities(village: Village) -> None:
    other = village.platform.create_community("Nachbarort")
    eve = other.register_actor(ActorKind.PERSON, "Eve Ems")
    with pytest.raises(LoginTaken):
        create_account(
            village.platform,
            community_id=other.community_id,
            actor_id=eve.id,
            login="Anna",
            password=PASSWORD,
        )
    made = create_account(
        village.platform,
        community_id=other.community_id,
        actor_id=eve.id,
        login="eve",
        password=PASSWORD,
    )
    # sign-in names no community: each login is found in its own
    assert village.store.authenticate("eve", PASSWORD, "x").community_id == other.community_id
    assert village.store.authenticate("anna", PASSWORD, "x").community_id == (
        village.community.community_id
    )
    # a session names its community; under another community's name it is nobody's
    session = village.store.start_session(made.id, hours=1)
    assert village.store.session_account(session) == made
    secret = session.partition(".")[2]
    assert village.store.session_account(f"{village.community.community_id.hex}.{secret}") is None
    assert village.store.session_account(f"{uuid.uuid4().hex}.{secret}") is None
    assert village.store.session_account(f"nonsense.{secret}") is None


def test_sessions_expire_and_a_new_password_ends_them(village: Village) -> None:
    store = village.store
    assert store.session_account(village.session) == village.account
    now = store.clock()
    store.clock = lambda: now + 3 * 3600
    try:
        assert store.session_account(village.session) is None
        # signing in again clears the expired session away
        store.start_session(village.account.id, hours=2)
        with village.platform.read(village.community.community_id) as uow:
            from sorgende_web.records import SESSION

            assert uow.of(SESSION).count(where={"account_id": village.account.id}) == 1
    finally:
        store.clock = lambda: now
    fresh = store.start_session(village.account.id, hours=2)
    store.set_password(village.account.id, "ganz-neu-geheim")
    assert store.session_account(fresh) is None
    assert store.authenticate("anna", "ganz-neu-geheim", "x") == village.account


def test_sorgende_export_and_import_carry_the_accounts(tmp_path: Path) -> None:
    """The command line, as an operator moves a community to another database."""
    from click.testing import CliRunner

    from sorgende.cli import make_cli
    from sorgende.config import Settings

    source, target = f"sqlite:///{tmp_path / 'from.db'}", f"sqlite:///{tmp_path / 'to.db'}"
    platform = _open(source)
    village = Village(platform)
    accounts_for(platform).close()
    platform.close()
    cli = make_cli(plugins=[sorgende_web], settings=Settings(load_entrypoints=False))
    runner = CliRunner()
    dump = tmp_path / "testdorf.jsonl"
    done = runner.invoke(cli, ["export", "--storage", source, "--out", str(dump)])
    assert done.exit_code == 0, done.output
    assert '"kind":"web.account"' in dump.read_text(encoding="utf-8")
    done = runner.invoke(cli, ["import", str(dump), "--storage", target])
    assert done.exit_code == 0, done.output
    moved = _open(target)
    try:
        store = accounts_for(moved, hasher=cheap_hasher())
        assert store.authenticate("anna", PASSWORD, "127.0.0.1").id == village.account.id
        assert store.street(village.community.community_id, village.anna.id) == STREET
    finally:
        store.close()
        moved.close()


def test_one_login_made_twice_at_once_gives_one_account(village: Village) -> None:
    """The login is the account's key: of two accounts made at the same moment under one
    login, the storage keeps exactly one and the other is told the login is taken."""
    import threading

    cid = village.community.community_id
    people = [village.community.register_actor(ActorKind.PERSON, f"Zwilling {i}") for i in (1, 2)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def make(actor_id: uuid.UUID) -> None:
        barrier.wait()
        try:
            create_account(
                village.platform,
                community_id=cid,
                actor_id=actor_id,
                login="zwilling",
                password=PASSWORD,
            )
            outcomes.append("made")
        except LoginTaken:
            outcomes.append("taken")

    threads = [threading.Thread(target=make, args=(p.id,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["made", "taken"]
    assert [a.login for a in village.store.accounts(cid)].count("zwilling") == 1
    # however close together: the storage itself refuses a second record of one login
    from datetime import UTC, datetime

    from sorgende_web.records import ACCOUNT, AccountRecord

    from sorgende.errors import ConflictError

    twin = AccountRecord(
        community_id=cid,
        actor_id=people[0].id,
        role="resident",
        created_at=datetime.now(UTC),
        login="zwilling",
        password_hash="-",
    )
    with pytest.raises(ConflictError), village.platform.use_case(cid) as w:
        w.uow.of(ACCOUNT).add(twin)
