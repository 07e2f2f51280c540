"""Accounts, sign-in sessions, API tokens and sign-in rate limits.

They live in the plugin's own tables (prefixed ``web_``, with their own SQLAlchemy
``MetaData``) in the same database as the platform's storage, so one SQLite file holds
everything; a platform on ``memory://`` gets an in-memory SQLite database for them.
Passwords are stored as argon2 hashes; session and API tokens only as their SHA-256,
so a copy of the database does not let anyone sign in.

An account links a login name to an actor of one community and gives it a web role
(resident, helper, coordinator, admin). Coordinators and admins must be coordinators in
the domain too (:func:`sorgende.services.base.is_coordinator`), so that the core's own
permission checks agree with the web's.

Tests and scripts create accounts with :func:`create_account`::

    from sorgende_web.accounts import WebRole, create_account

    create_account(platform, community_id=c.community_id, actor_id=anna.id,
                   login="anna", password="correct horse", role=WebRole.RESIDENT)
"""

from __future__ import annotations

import enum
import hashlib
import re
import secrets
import threading
import time
import uuid
import weakref
from collections.abc import Callable, Sequence
from typing import Any

import attrs
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import (
    BigInteger,
    Column,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import StaticPool

from sorgende.domain.actors import ActorKind, Role
from sorgende.hookspecs import hookimpl
from sorgende_web.errors import InvalidAccount, LoginFailed, LoginTaken, TooManyAttempts


class WebRole(enum.StrEnum):
    """What a person may do in the web platform; each role includes the ones before."""

    RESIDENT = "resident"
    HELPER = "helper"
    COORDINATOR = "coordinator"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def includes(self, other: WebRole) -> bool:
        return self.rank >= other.rank

    def label(self, lang: str) -> str:
        return _LABELS[self][0 if lang == "de" else 1]


_RANK = {WebRole.RESIDENT: 0, WebRole.HELPER: 1, WebRole.COORDINATOR: 2, WebRole.ADMIN: 3}
_LABELS = {
    WebRole.RESIDENT: ("Bewohner*in", "resident"),
    WebRole.HELPER: ("Helfer*in", "helper"),
    WebRole.COORDINATOR: ("Koordination", "coordinator"),
    WebRole.ADMIN: ("Verwaltung", "admin"),
}

LOGIN_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._@-]{2,63}$")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
TOKEN_PREFIX = "sgd_"

metadata = MetaData()

accounts_table = Table(
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
sessions_table = Table(
    "web_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("account_id", Integer, ForeignKey("web_accounts.id"), nullable=False, index=True),
    Column("created_at", BigInteger, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
)
tokens_table = Table(
    "web_api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("account_id", Integer, ForeignKey("web_accounts.id"), nullable=False, index=True),
    Column("community_id", Uuid, nullable=False),
    Column("name", String(100), nullable=False),
    Column("created_at", BigInteger, nullable=False),
)
attempts_table = Table(
    "web_login_attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("login", String(64), nullable=False),
    Column("address", String(64), nullable=False),
    Column("at", BigInteger, nullable=False),
    Index("ix_web_login_attempts_login", "login", "at"),
    Index("ix_web_login_attempts_address", "address", "at"),
)
addresses_table = Table(
    "web_addresses",
    metadata,
    Column("community_id", Uuid, primary_key=True),
    Column("actor_id", Uuid, primary_key=True),
    Column("street", String(200), nullable=False),
)
meta_table = Table(
    "web_meta",
    metadata,
    Column("key", String(50), primary_key=True),
    Column("value", Text, nullable=False),
)


@attrs.frozen
class Account:
    id: int
    login: str
    community_id: uuid.UUID
    actor_id: uuid.UUID
    role: WebRole


@attrs.frozen
class ApiToken:
    id: int
    name: str
    created_at: int


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def make_engine(url: str) -> Engine:
    """An engine for the account tables on the storage's database URL."""
    if url.startswith("memory"):
        # one connection shared by every thread: the database lives as long as the engine
        return create_engine(
            "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def on_connect(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


class AccountStore:
    """The account tables of one database."""

    def __init__(
        self,
        engine: Engine,
        *,
        hasher: PasswordHasher | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.engine = engine
        self.hasher = hasher or PasswordHasher()
        self.clock = clock
        metadata.create_all(engine)
        # verifying against this keeps an unknown login as slow as a wrong password
        self._dummy_hash = self.hasher.hash(secrets.token_urlsafe(16))

    def _now(self) -> int:
        return int(self.clock())

    def close(self) -> None:
        self.engine.dispose()

    # -- accounts -----------------------------------------------------------------

    def add(
        self,
        *,
        login: str,
        password: str,
        community_id: uuid.UUID,
        actor_id: uuid.UUID,
        role: WebRole,
    ) -> Account:
        """Insert an account (the caller has checked the actor and the role)."""
        login = normalise_login(login)
        check_password(login, password)
        role = WebRole(role)
        try:
            with self.engine.begin() as conn:
                inserted = conn.execute(
                    insert(accounts_table).values(
                        login=login,
                        password_hash=self.hasher.hash(password),
                        community_id=community_id,
                        actor_id=actor_id,
                        role=role.value,
                        created_at=self._now(),
                    )
                ).inserted_primary_key
                assert inserted is not None
                new_id = inserted[0]
        except IntegrityError as exc:
            raise LoginTaken(login) from exc
        return Account(int(new_id), login, community_id, actor_id, role)

    def account(self, account_id: int) -> Account | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(accounts_table).where(accounts_table.c.id == account_id)
            ).first()
        return _account(row) if row is not None else None

    def by_login(self, login: str) -> Account | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(accounts_table).where(accounts_table.c.login == login.strip().lower())
            ).first()
        return _account(row) if row is not None else None

    def accounts(self, community_id: uuid.UUID) -> list[Account]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(accounts_table)
                .where(accounts_table.c.community_id == community_id)
                .order_by(accounts_table.c.login)
            ).all()
        return [_account(r) for r in rows]

    def accounts_of(self, community_id: uuid.UUID, actor_id: uuid.UUID) -> list[Account]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(accounts_table).where(
                    accounts_table.c.community_id == community_id,
                    accounts_table.c.actor_id == actor_id,
                )
            ).all()
        return [_account(r) for r in rows]

    def set_role(self, account_id: int, role: WebRole) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(accounts_table)
                .where(accounts_table.c.id == account_id)
                .values(role=WebRole(role).value)
            )

    def set_password(self, account_id: int, password: str) -> None:
        account = self.account(account_id)
        if account is None:
            raise InvalidAccount(str(account_id), "no such account", "diesen Zugang gibt es nicht")
        check_password(account.login, password)
        with self.engine.begin() as conn:
            conn.execute(
                update(accounts_table)
                .where(accounts_table.c.id == account_id)
                .values(password_hash=self.hasher.hash(password))
            )
            # a new password ends every sign-in made with the old one
            conn.execute(delete(sessions_table).where(sessions_table.c.account_id == account_id))

    # -- signing in ---------------------------------------------------------------

    def authenticate(
        self,
        login: str,
        password: str,
        address: str,
        *,
        per_login: int = 5,
        per_address: int = 20,
        window_minutes: int = 15,
    ) -> Account:
        """The account for ``login`` and ``password``, or :class:`LoginFailed`.

        Refuses with :class:`TooManyAttempts` once ``per_login`` failures for the login
        or ``per_address`` failures from the client address fall within the window,
        before the password is even checked.
        """
        login = login.strip().lower()[:64]
        address = address[:64]
        now = self._now()
        since = now - window_minutes * 60
        with self.engine.connect() as conn:
            by_login = conn.scalar(
                select(func.count())
                .select_from(attempts_table)
                .where(attempts_table.c.login == login, attempts_table.c.at >= since)
            )
            by_address = conn.scalar(
                select(func.count())
                .select_from(attempts_table)
                .where(attempts_table.c.address == address, attempts_table.c.at >= since)
            )
            row = conn.execute(
                select(accounts_table).where(accounts_table.c.login == login)
            ).first()
        if (by_login or 0) >= per_login or (by_address or 0) >= per_address:
            raise TooManyAttempts(window_minutes)
        stored = row.password_hash if row is not None else self._dummy_hash
        ok = False
        if len(password) <= MAX_PASSWORD:
            try:
                ok = self.hasher.verify(stored, password)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                ok = False
        if row is None or not ok:
            with self.engine.begin() as conn:
                conn.execute(insert(attempts_table).values(login=login, address=address, at=now))
                # old attempts are of no use: keep the table small
                conn.execute(delete(attempts_table).where(attempts_table.c.at < since))
            raise LoginFailed()
        if self.hasher.check_needs_rehash(stored):
            with self.engine.begin() as conn:
                conn.execute(
                    update(accounts_table)
                    .where(accounts_table.c.id == row.id)
                    .values(password_hash=self.hasher.hash(password))
                )
        return _account(row)

    def start_session(self, account_id: int, hours: int) -> str:
        """A new session token (only its hash is stored)."""
        token = secrets.token_urlsafe(32)
        now = self._now()
        with self.engine.begin() as conn:
            conn.execute(
                insert(sessions_table).values(
                    token_hash=token_hash(token),
                    account_id=account_id,
                    created_at=now,
                    expires_at=now + hours * 3600,
                )
            )
            conn.execute(delete(sessions_table).where(sessions_table.c.expires_at < now))
        return token

    def session_account(self, token: str) -> Account | None:
        """The account a session token belongs to, if the session is still valid."""
        if not token or len(token) > 100:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(
                select(accounts_table)
                .join(sessions_table, sessions_table.c.account_id == accounts_table.c.id)
                .where(
                    sessions_table.c.token_hash == token_hash(token),
                    sessions_table.c.expires_at > self._now(),
                )
            ).first()
        return _account(row) if row is not None else None

    def end_session(self, token: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                delete(sessions_table).where(sessions_table.c.token_hash == token_hash(token))
            )

    # -- API tokens ---------------------------------------------------------------

    def create_token(self, account_id: int, name: str) -> str:
        """A new API token for the account's community; shown once, stored as a hash."""
        account = self.account(account_id)
        if account is None:
            raise InvalidAccount(str(account_id), "no such account", "diesen Zugang gibt es nicht")
        name = name.strip()[:100] or "API"
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            conn.execute(
                insert(tokens_table).values(
                    token_hash=token_hash(token),
                    account_id=account_id,
                    community_id=account.community_id,
                    name=name,
                    created_at=self._now(),
                )
            )
        return token

    def token_account(self, token: str) -> Account | None:
        """The account of an API token; the token's community must be the account's."""
        if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(
                select(accounts_table)
                .join(tokens_table, tokens_table.c.account_id == accounts_table.c.id)
                .where(
                    tokens_table.c.token_hash == token_hash(token),
                    tokens_table.c.community_id == accounts_table.c.community_id,
                )
            ).first()
        return _account(row) if row is not None else None

    def tokens(self, account_id: int) -> list[ApiToken]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(tokens_table.c.id, tokens_table.c.name, tokens_table.c.created_at)
                .where(tokens_table.c.account_id == account_id)
                .order_by(tokens_table.c.id)
            ).all()
        return [ApiToken(r.id, r.name, r.created_at) for r in rows]

    def revoke_token(self, account_id: int, token_id: int) -> bool:
        """Delete one of the account's own tokens; ``False`` if it has no such token."""
        with self.engine.begin() as conn:
            result = conn.execute(
                delete(tokens_table).where(
                    tokens_table.c.id == token_id, tokens_table.c.account_id == account_id
                )
            )
        return bool(result.rowcount)

    # -- addresses (personal data kept by this plugin) ------------------------------

    def set_street(self, community_id: uuid.UUID, actor_id: uuid.UUID, street: str) -> None:
        street = street.strip()[:200]
        with self.engine.begin() as conn:
            conn.execute(
                delete(addresses_table).where(
                    addresses_table.c.community_id == community_id,
                    addresses_table.c.actor_id == actor_id,
                )
            )
            if street:
                conn.execute(
                    insert(addresses_table).values(
                        community_id=community_id, actor_id=actor_id, street=street
                    )
                )

    def street(self, community_id: uuid.UUID, actor_id: uuid.UUID) -> str:
        with self.engine.connect() as conn:
            value = conn.scalar(
                select(addresses_table.c.street).where(
                    addresses_table.c.community_id == community_id,
                    addresses_table.c.actor_id == actor_id,
                )
            )
        return value or ""

    # -- settings kept in the database --------------------------------------------

    def secret(self) -> str:
        """The key that signs CSRF tokens: made once, kept so restarts do not void forms."""
        with self.engine.begin() as conn:
            value = conn.scalar(select(meta_table.c.value).where(meta_table.c.key == "secret"))
            if value is None:
                value = secrets.token_hex(32)
                try:
                    with conn.begin_nested():
                        conn.execute(insert(meta_table).values(key="secret", value=value))
                except IntegrityError:
                    value = conn.scalar(
                        select(meta_table.c.value).where(meta_table.c.key == "secret")
                    )
        return str(value)

    # -- GDPR ---------------------------------------------------------------------

    def export_person(self, community_id: uuid.UUID, actor_id: uuid.UUID) -> dict[str, Any] | None:
        accounts = self.accounts_of(community_id, actor_id)
        street = self.street(community_id, actor_id)
        if not accounts and not street:
            return None
        return {
            "accounts": [
                {
                    "login": a.login,
                    "role": a.role.value,
                    "api_tokens": [t.name for t in self.tokens(a.id)],
                }
                for a in accounts
            ],
            "street": street,
        }

    def erase_person(self, community_id: uuid.UUID, actor_id: uuid.UUID) -> None:
        ids = [a.id for a in self.accounts_of(community_id, actor_id)]
        with self.engine.begin() as conn:
            if ids:
                conn.execute(delete(sessions_table).where(sessions_table.c.account_id.in_(ids)))
                conn.execute(delete(tokens_table).where(tokens_table.c.account_id.in_(ids)))
                conn.execute(delete(accounts_table).where(accounts_table.c.id.in_(ids)))
            conn.execute(
                delete(addresses_table).where(
                    addresses_table.c.community_id == community_id,
                    addresses_table.c.actor_id == actor_id,
                )
            )


class PersonalDataPlugin:
    """Registered on the platform: export and erase what the account tables hold."""

    def __init__(self, store: AccountStore) -> None:
        self.store = store

    @hookimpl
    def sorgende_export_person(
        self, community_id: uuid.UUID, actor_id: uuid.UUID
    ) -> dict[str, Any] | None:
        return self.store.export_person(community_id, actor_id)

    @hookimpl
    def sorgende_erase_person(self, community_id: uuid.UUID, actor_id: uuid.UUID) -> None:
        self.store.erase_person(community_id, actor_id)


def _account(row: Any) -> Account:
    return Account(
        id=int(row.id),
        login=row.login,
        community_id=row.community_id,
        actor_id=row.actor_id,
        role=WebRole(row.role),
    )


def normalise_login(login: str) -> str:
    value = login.strip().lower()
    if not LOGIN_PATTERN.match(value):
        raise InvalidAccount(
            login,
            "a login name has 3 to 64 characters: letters a-z, digits, '.', '_', '@', '-'",
            "ein Anmeldename hat 3 bis 64 Zeichen: Buchstaben a-z, Ziffern, '.', '_', '@', '-'",
        )
    return value


def check_password(login: str, password: str) -> None:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InvalidAccount(
            login,
            f"a password needs at least {MIN_PASSWORD} characters",
            f"ein Passwort braucht mindestens {MIN_PASSWORD} Zeichen",
        )


# -- one store per platform -----------------------------------------------------------

_stores: weakref.WeakKeyDictionary[Any, AccountStore] = weakref.WeakKeyDictionary()
_stores_lock = threading.Lock()


def accounts_for(platform: Any, *, hasher: PasswordHasher | None = None) -> AccountStore:
    """The account store in the database of ``platform``'s storage (made on first use)."""
    with _stores_lock:
        store = _stores.get(platform)
        if store is None:
            store = AccountStore(make_engine(platform.storage.url), hasher=hasher)
            _stores[platform] = store
            platform.plugins.register(PersonalDataPlugin(store), name="sorgende_web.accounts")
        return store


def create_account(
    platform: Any,
    *,
    community_id: uuid.UUID,
    actor_id: uuid.UUID,
    login: str,
    password: str,
    role: WebRole | str = WebRole.RESIDENT,
    organisation_id: uuid.UUID | None = None,
) -> Account:
    """Create an account for a person of a community.

    A coordinator or admin account needs a coordinator in the domain: a person who is
    already one, or one made coordinator of ``organisation_id`` here. Otherwise the
    core would refuse what the web offers them.
    """
    role = WebRole(role)
    service = platform.community(community_id)
    actor = service.actor(actor_id)
    if actor.kind is not ActorKind.PERSON or actor.erased:
        raise InvalidAccount(
            login,
            "only a person (not erased) can have an account",
            "nur eine (nicht gelöschte) Person kann einen Zugang haben",
        )
    if role.includes(WebRole.COORDINATOR) and not service.is_coordinator(actor_id):
        if organisation_id is None:
            raise InvalidAccount(
                login,
                f"the role {role} needs a coordinator of the community; "
                "name the organisation to make them coordinator of",
                f"die Rolle {role.label('de')} braucht eine Koordinationsrolle in der "
                "Gemeinschaft; bitte die Organisation angeben",
            )
        service.add_membership(actor_id, organisation_id, Role.COORDINATOR)
    return accounts_for(platform).add(
        login=login, password=password, community_id=community_id, actor_id=actor_id, role=role
    )


def accounts_in(platform: Any, community_id: uuid.UUID) -> Sequence[Account]:
    return accounts_for(platform).accounts(community_id)
