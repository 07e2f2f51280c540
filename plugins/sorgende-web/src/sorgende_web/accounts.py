"""Accounts, sign-in sessions, API tokens, a person's street, and the sign-in throttle.

Accounts, sessions, API tokens and addresses are records of the platform's storage,
kinds this plugin declares (:mod:`sorgende_web.records`): they live wherever the
platform's records live (memory, SQLite, PostgreSQL), are in a person's export, are
deleted by ``erase_person`` from any Python process, and travel with a community's
export and import. Only the sign-in throttle's counters and the CSRF key stay in tables of the
plugin's own (:mod:`sorgende_web.local_tables`, which says why).

Passwords are stored as argon2 hashes; session and API tokens only as their SHA-256,
so a copy of the database (or of a community's export) does not let anyone sign in.

A login is unique in the platform (the account's key in its community; :meth:`AccountStore.add`
checks the others), and sign-in, which names no community, looks it up in each community
(one or a few): a login index would be one more copy of it for erasure to reach. A session
or API token carries its community before its secret (``<community>.<secret>``,
``sgd_<community>.<secret>``): one lookup there; those of sorgende-web 0.1.0 carry none
and are looked for in every community. See ``docs/web.md``.

An account links a login name to a person of one community, and grants nothing: what
the person may do and see are the domain's roles (community roles granted to them or to
an organisation they coordinate, their organisation roles), which the core's policy
answers for the web as for every caller (:mod:`sorgende_web.access`). An account made by
sorgende-web 0.1 still carries the web role it had (``legacy_role``); it is ignored, and
``sorgende web upgrade-roles`` grants the domain's roles in its place
(:mod:`sorgende_web.roles`).

Tests and scripts create accounts with :func:`create_account`, granting roles through
the core::

    from sorgende import CommunityRole
    from sorgende_web.accounts import create_account

    create_account(platform, community_id=c.community_id, actor_id=anna.id,
                   login="anna", password="correct horse")
    create_account(platform, community_id=c.community_id, actor_id=markus.id,
                   login="markus", password="another horse",
                   roles=[CommunityRole.ADMINISTRATOR])
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import time
import uuid
import weakref
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Engine

from sorgende.domain.actors import ActorKind, CommunityRole, Role
from sorgende.domain.policy import OPERATOR, Principal
from sorgende.errors import ConflictError, InvalidRecordKind, Message, NotFound
from sorgende_web import messages as _messages  # noqa: F401  (registers the texts)
from sorgende_web import passwords
from sorgende_web.errors import InvalidAccount, LoginFailed, LoginTaken, TooManyAttempts
from sorgende_web.local_tables import Limit, LocalTables, Throttled, make_engine
from sorgende_web.records import (
    ACCOUNT,
    ADDRESS,
    API_TOKEN,
    SESSION,
    AccountRecord,
    AddressRecord,
    ApiTokenRecord,
    SessionRecord,
)

LOGIN_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._@-]{2,63}$")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
TOKEN_PREFIX = "sgd_"
#: longer tokens are refused unread (ours have 76 characters, with the prefix 80)
MAX_TOKEN = 100


@attrs.frozen
class Account:
    id: uuid.UUID
    login: str
    community_id: uuid.UUID
    actor_id: uuid.UUID
    #: the web role an account of sorgende-web 0.1 had ("" for the others): grants
    #: nothing, kept until ``sorgende web upgrade-roles`` grants the domain's roles
    legacy_role: str = ""


@attrs.frozen
class ApiToken:
    id: uuid.UUID
    name: str
    #: seconds since 1970
    created_at: int


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _missing(account_id: uuid.UUID) -> InvalidAccount:
    return InvalidAccount(str(account_id), Message("web.problem.accounts.no_such_account"))


def _account(record: AccountRecord) -> Account:
    return Account(
        id=record.id,
        login=record.login,
        community_id=record.community_id,
        actor_id=record.actor_id,
        legacy_role=record.role,
    )


class AccountStore:
    """The accounts of one platform, on its storage (see the module's documentation)."""

    def __init__(
        self,
        platform: Any,
        *,
        engine: Engine | None = None,
        hasher: PasswordHasher | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.platform = platform
        self.local = LocalTables(engine or make_engine(platform.storage.url))
        #: the engine of the plugin's own tables (rate limits, CSRF key)
        self.engine = self.local.engine
        self.hasher = hasher or PasswordHasher()
        #: seconds since 1970: the time of sign-ins, expiry and rate limits
        self.clock = clock
        # verifying against this keeps an unknown login as slow as a wrong password
        self._dummy_hash = self.hasher.hash(secrets.token_urlsafe(16))
        # communities are never removed and an account never changes community: both
        # may be remembered (an account that is gone is simply not found there)
        self._communities: frozenset[uuid.UUID] = frozenset()
        self._community_of: dict[uuid.UUID, uuid.UUID] = {}
        self._secret: str | None = None

    def _now(self) -> int:
        return int(self.clock())

    def _time(self) -> datetime:
        return datetime.fromtimestamp(self.clock(), UTC)

    def close(self) -> None:
        self.local.close()

    # -- where records are -----------------------------------------------------------

    def _all_communities(self) -> Sequence[uuid.UUID]:
        found = list(self.platform.storage.community_ids())
        self._communities = frozenset(found)
        return found

    def _known(self, community_id: uuid.UUID) -> bool:
        """Whether the community exists (a token's community is what a client sent)."""
        return community_id in self._communities or community_id in self._all_communities()

    def _find_by_id(self, uow: Any, account_id: uuid.UUID) -> AccountRecord | None:
        found = uow.of(ACCOUNT).list(where={"id": account_id}, limit=1)
        return found[0] if found else None

    def _locate(self, account_id: uuid.UUID) -> tuple[uuid.UUID, AccountRecord] | None:
        """The community and record of an account, or ``None``."""
        remembered = self._community_of.get(account_id)
        candidates = [remembered] if remembered is not None else self._all_communities()
        for community_id in candidates:
            with self.platform.read(community_id) as uow:
                record = self._find_by_id(uow, account_id)
            if record is not None:
                self._community_of[account_id] = community_id
                return community_id, record
        return None

    def _by_login(self, login: str) -> list[AccountRecord]:
        found = []
        for community_id in self._all_communities():
            with self.platform.read(community_id) as uow:
                record = uow.of(ACCOUNT).find(login)
            if record is not None:
                found.append(record)
        return found

    def _required(self, account_id: uuid.UUID) -> tuple[uuid.UUID, AccountRecord]:
        located = self._locate(account_id)
        if located is None:
            raise _missing(account_id)
        return located

    # -- accounts ---------------------------------------------------------------------

    def add(
        self,
        *,
        login: str,
        password: str,
        community_id: uuid.UUID,
        actor_id: uuid.UUID,
    ) -> Account:
        """Insert an account (the caller has checked the actor)."""
        login = self.check_new(login, password)
        record = AccountRecord(
            community_id=community_id,
            login=login,
            actor_id=actor_id,
            role="",
            password_hash=self.hasher.hash(password),
            created_at=self._time(),
        )
        try:
            with self.platform.use_case(community_id) as w:
                w.uow.of(ACCOUNT).add(record)
        except ConflictError as exc:
            # the login is the key: a concurrent account of the same login won
            raise LoginTaken(login) from exc
        self._community_of[record.id] = community_id
        return _account(record)

    def check_new(self, login: str, password: str) -> str:
        """The normalised ``login`` of a new account; refuses a taken login, a bad
        login name or password."""
        login = normalise_login(login)
        check_password(login, password)
        if self._by_login(login):
            raise LoginTaken(login)
        return login

    def account(self, account_id: uuid.UUID) -> Account | None:
        located = self._locate(account_id)
        return _account(located[1]) if located is not None else None

    def by_login(self, login: str) -> Account | None:
        found = self._by_login(login.strip().lower())
        return _account(found[0]) if found else None

    def accounts(self, community_id: uuid.UUID) -> list[Account]:
        with self.platform.read(community_id) as uow:
            records = uow.of(ACCOUNT).list()
        return sorted((_account(r) for r in records), key=lambda a: a.login)

    def accounts_of(self, community_id: uuid.UUID, actor_id: uuid.UUID) -> list[Account]:
        with self.platform.read(community_id) as uow:
            records = uow.of(ACCOUNT).list(where={"actor_id": actor_id})
        return [_account(r) for r in records]

    def forget_legacy_role(self, account_id: uuid.UUID) -> None:
        """Clear the web role of sorgende-web 0.1 (once the domain's roles replace it)."""
        community_id, _ = self._required(account_id)
        with self.platform.use_case(community_id) as w:
            record = self._find_by_id(w.uow, account_id)
            if record is None:
                raise _missing(account_id)
            if record.role:
                w.uow.of(ACCOUNT).update(ACCOUNT.bumped(record, role=""))

    def set_password(self, account_id: uuid.UUID, password: str) -> None:
        community_id, record = self._required(account_id)
        check_password(record.login, password)
        hashed = self.hasher.hash(password)
        with self.platform.use_case(community_id) as w:
            current = self._find_by_id(w.uow, account_id)
            if current is None:
                raise _missing(account_id)
            w.uow.of(ACCOUNT).update(ACCOUNT.bumped(current, password_hash=hashed))
            # a new password ends every sign-in made with the old one
            sessions = w.uow.of(SESSION)
            for session in sessions.list(where={"account_id": account_id}):
                sessions.delete(session)

    # -- signing in -------------------------------------------------------------------

    def authenticate(
        self,
        login: str,
        password: str,
        address: str,
        *,
        per_login: int = 5,
        per_address: int = 20,
        window_minutes: int = 15,
        first_delay: int = 30,
        max_delay: int = 900,
        trusted: bool = False,
    ) -> Account:
        """The account for ``login`` and ``password``, or :class:`LoginFailed`.

        Throttled, never locked (see docs/web.md): ``per_login`` free failures of the
        login from this ``address``, then waits of ``first_delay`` seconds, doubling up
        to ``max_delay``; likewise ``per_address`` for the address, unless the browser
        is ``trusted`` (:func:`sorgende_web.signin.device_proof`). A waiting attempt is
        refused (:class:`TooManyAttempts`) unchecked; each is counted before its
        password check in one transaction (:meth:`LocalTables.reserve`), and a success
        takes its count back and clears the pair.
        """
        login = login.strip().lower()[:64]
        address = address[:64]
        now = self._now()
        pair = Limit(f"p:{login}|{address}", per_login, base=first_delay, cap=max_delay)
        limits = [pair]
        if not trusted:
            limits.append(Limit(f"a:{address}", per_address, base=first_delay, cap=max_delay))
        try:
            counted = self.local.reserve(limits, now, now - window_minutes * 60)
        except Throttled as waiting:
            raise TooManyAttempts(waiting.seconds) from None
        # a login is unique in the platform; should two communities ever both have it
        # (made at the same moment), the one whose password matches signs in
        candidates = self._by_login(login) if LOGIN_PATTERN.match(login) else []
        matched: AccountRecord | None = None
        if not candidates:
            self._verify(self._dummy_hash, password)
        for record in candidates:
            if self._verify(record.password_hash, password):
                matched = record
                break
        if matched is None:
            raise LoginFailed()
        self.local.forgive(counted, reset=[pair.key])
        if self.hasher.check_needs_rehash(matched.password_hash):
            self._rehash(matched, password)
        self._community_of[matched.id] = matched.community_id
        return _account(matched)

    def _verify(self, stored: str, password: str) -> bool:
        if len(password) > MAX_PASSWORD:
            return False
        try:
            return self.hasher.verify(stored, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def _rehash(self, record: AccountRecord, password: str) -> None:
        # changed meanwhile (a new password): the next sign-in rehashes
        with suppress(ConflictError), self.platform.use_case(record.community_id) as w:
            w.uow.of(ACCOUNT).update(
                ACCOUNT.bumped(record, password_hash=self.hasher.hash(password))
            )

    def start_session(self, account_id: uuid.UUID, hours: int) -> str:
        """A new session token (only its hash is stored)."""
        community_id, record = self._required(account_id)
        token = f"{community_id.hex}.{secrets.token_urlsafe(32)}"
        now = self._time()
        with self.platform.use_case(community_id) as w:
            sessions = w.uow.of(SESSION)
            expired = [
                old
                for old in sessions.list(where={"account_id": account_id})
                if old.expires_at <= now
            ]
            sessions.add(
                SessionRecord(
                    community_id,
                    token_hash(token),
                    account_id,
                    record.login,
                    record.actor_id,
                    now,
                    now + timedelta(hours=hours),
                )
            )
        if expired:
            self._forget(community_id, expired)
        return token

    def _forget(self, community_id: uuid.UUID, expired: Sequence[SessionRecord]) -> None:
        """Delete an account's expired sessions when it signs in again; apart from the
        sign-in, which must not fail because another one removed them first."""
        # gone meanwhile: the next sign-in takes what is left
        with suppress(ConflictError, NotFound), self.platform.use_case(community_id) as w:
            sessions = w.uow.of(SESSION)
            for old in expired:
                sessions.delete(old)

    def _token_communities(self, secret: str) -> Iterable[uuid.UUID]:
        """The communities to look a token up in: the one it names, or (0.1.0) all."""
        named, dot, _ = secret.partition(".")
        if not dot:
            return self._all_communities()
        if len(named) != 32:
            return ()
        try:
            community_id = uuid.UUID(hex=named)
        except ValueError:
            return ()
        return (community_id,) if self._known(community_id) else ()

    def _holder(self, uow: Any, record: SessionRecord | ApiTokenRecord) -> Account | None:
        account = uow.of(ACCOUNT).find(record.login)
        # the same login made anew (after an erasure) is another account
        if account is None or account.id != record.account_id:
            return None
        return _account(account)

    def _session(self, token: str) -> tuple[uuid.UUID, SessionRecord] | None:
        if not token or len(token) > MAX_TOKEN:
            return None
        key = token_hash(token)
        for community_id in self._token_communities(token):
            with self.platform.read(community_id) as uow:
                session = uow.of(SESSION).find(key)
            if session is not None:
                return community_id, session
        return None

    def session_account(self, token: str) -> Account | None:
        """The account a session token belongs to, if the session is still valid."""
        found = self._session(token)
        if found is None or found[1].expires_at <= self._time():
            return None
        community_id, session = found
        with self.platform.read(community_id) as uow:
            return self._holder(uow, session)

    def end_session(self, token: str) -> None:
        found = self._session(token)
        if found is None:
            return
        community_id, session = found
        # ended meanwhile (signed out elsewhere, or the person was erased)
        with suppress(ConflictError, NotFound), self.platform.use_case(community_id) as w:
            w.uow.of(SESSION).delete(session)

    # -- API tokens -------------------------------------------------------------------

    def create_token(self, account_id: uuid.UUID, name: str) -> str:
        """A new API token for the account's community; shown once, stored as a hash."""
        community_id, record = self._required(account_id)
        name = name.strip()[:100] or "API"
        token = f"{TOKEN_PREFIX}{community_id.hex}.{secrets.token_urlsafe(32)}"
        with self.platform.use_case(community_id) as w:
            w.uow.of(API_TOKEN).add(
                ApiTokenRecord(
                    community_id,
                    token_hash(token),
                    account_id,
                    record.login,
                    record.actor_id,
                    name,
                    self._time(),
                )
            )
        return token

    def token_account(self, token: str) -> Account | None:
        """The account of an API token, looked up in the community the token names."""
        if not token.startswith(TOKEN_PREFIX) or len(token) > MAX_TOKEN:
            return None
        key = token_hash(token)
        for community_id in self._token_communities(token[len(TOKEN_PREFIX) :]):
            with self.platform.read(community_id) as uow:
                found = uow.of(API_TOKEN).list(where={"token_hash": key}, limit=1)
                if found:
                    return self._holder(uow, found[0])
        return None

    def tokens(self, account_id: uuid.UUID) -> list[ApiToken]:
        located = self._locate(account_id)
        if located is None:
            return []
        with self.platform.read(located[0]) as uow:
            records = uow.of(API_TOKEN).list(where={"account_id": account_id})
        return [ApiToken(r.id, r.name, int(r.created_at.timestamp())) for r in records]

    def revoke_token(self, account_id: uuid.UUID, token_id: uuid.UUID) -> bool:
        """Delete one of the account's own tokens; ``False`` if it has no such token."""
        located = self._locate(account_id)
        if located is None:
            return False
        with self.platform.use_case(located[0]) as w:
            tokens = w.uow.of(API_TOKEN)
            record = tokens.find(token_id)
            if record is None or record.account_id != account_id:
                return False
            tokens.delete(record)
        return True

    # -- addresses (a person's street, shown to their helper) --------------------------

    def set_street(self, community_id: uuid.UUID, actor_id: uuid.UUID, street: str) -> None:
        street = street.strip()[:200]
        with self.platform.use_case(community_id) as w:
            addresses = w.uow.of(ADDRESS)
            current = addresses.find(actor_id)
            if current is None:
                if street:
                    addresses.add(AddressRecord(community_id, actor_id, street))
            elif not street:
                addresses.delete(current)
            elif street != current.street:
                addresses.update(ADDRESS.bumped(current, street=street))

    def street(self, community_id: uuid.UUID, actor_id: uuid.UUID) -> str:
        if not self._known(community_id):
            return ""
        with self.platform.read(community_id) as uow:
            found = uow.of(ADDRESS).find(actor_id)
        return found.street if found is not None else ""

    # -- settings kept in the database ------------------------------------------------

    def secret(self) -> str:
        """The key that signs CSRF tokens and device proofs: made once, kept so restarts
        do not void forms."""
        if self._secret is None:
            self._secret = self.local.secret()
        return self._secret


def normalise_login(login: str) -> str:
    value = login.strip().lower()
    if not LOGIN_PATTERN.match(value):
        raise InvalidAccount(login, Message("web.problem.accounts.login_name_has_characters"))
    return value


def check_password(login: str, password: str) -> None:
    """The password policy (:mod:`sorgende_web.passwords`) at its least length; a form
    asks it with the community's own length first, to show the problem at the field."""
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InvalidAccount(
            login,
            Message("web.problem.accounts.password_needs_at_least", min_password=MIN_PASSWORD),
        )
    refused = passwords.problem(password, login=login, min_length=MIN_PASSWORD)
    if refused is not None:
        raise InvalidAccount(login, refused)


# -- one store per platform -----------------------------------------------------------

_stores: weakref.WeakKeyDictionary[Any, AccountStore] = weakref.WeakKeyDictionary()
_stores_lock = threading.Lock()


def accounts_for(platform: Any, *, hasher: PasswordHasher | None = None) -> AccountStore:
    """The account store of ``platform`` (made on first use).

    The platform must know the plugin's record kinds: it was opened with the installed
    plugins loaded, or with ``plugins=[sorgende_web]``.
    """
    with _stores_lock:
        store = _stores.get(platform)
        if store is None:
            if ACCOUNT.name not in platform.registry:
                raise InvalidRecordKind(
                    kind=ACCOUNT.name,
                    problems=[
                        "the platform was opened without the sorgende-web plugin that "
                        "declares it; open it with the installed plugins or with "
                        "plugins=[sorgende_web]"
                    ],
                )
            store = AccountStore(platform, hasher=hasher)
            _stores[platform] = store
        return store


def create_account(
    platform: Any,
    *,
    community_id: uuid.UUID,
    actor_id: uuid.UUID,
    login: str,
    password: str,
    roles: Iterable[CommunityRole] = (),
    coordinator_of: uuid.UUID | None = None,
    by: uuid.UUID | Principal = OPERATOR,
) -> Account:
    """Create an account for a person of a community who takes part.

    The account grants nothing itself. ``roles`` are community roles granted to the
    person through the core (``grant_role``, by ``by``: the operator, or an
    administrator), ``coordinator_of`` an organisation the person is made coordinator
    of (``add_membership``); both are the domain's, in the audit trail like any grant.
    """
    service = platform.community(community_id)
    actor = service.actor(actor_id)
    if actor.kind is not ActorKind.PERSON or not actor.active:
        raise InvalidAccount(login, Message("web.problem.accounts.only_person_erased_can"))
    store = accounts_for(platform)
    login = store.check_new(login, password)
    if coordinator_of is not None:
        service.add_membership(actor_id, coordinator_of, Role.COORDINATOR, by=by)
    for role in roles:
        service.grant_role(actor_id, CommunityRole(role), by=by)
    return store.add(login=login, password=password, community_id=community_id, actor_id=actor_id)


def accounts_in(platform: Any, community_id: uuid.UUID) -> Sequence[Account]:
    return accounts_for(platform).accounts(community_id)
