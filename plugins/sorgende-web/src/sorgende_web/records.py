"""The web platform's records about people, declared as record kinds of the storage.

Accounts, sign-in sessions, API tokens and a person's street address are records of
the platform's storage like the core's own (:mod:`sorgende.records`), declared by this
plugin through ``sorgende_record_kinds`` whenever it is installed, not only when the
web application is built. So they are in a person's export (``export_person``, under
``records`` by kind name), go with ``erase_person`` from any Python process, and travel
with a community's export and import (``sorgende export`` / ``import``). On SQL their
tables come from the plugin's own migrations (:mod:`sorgende_web.migrations`).

Erasure deletes all four: an account without its person is of no use, and a session or
token must not outlive the account it signs in.

The records hold nothing a copy of the database could sign in with: passwords as argon2
hashes, session and API tokens only as their SHA-256. The community's export holds the
same hashes (a transferred community keeps its sign-ins) and is to be kept as safely as
the database. This module imports neither the web framework nor argon2: the command
line and the storage load it without them.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import attrs

from sorgende.domain.personal import personal
from sorgende.records import Erasure, RecordKind


@attrs.frozen
class AccountRecord:
    """A login to the web platform for one person of one community.

    Kept under its login name, so the storage itself keeps a login unique in its
    community (the key is unique); :func:`sorgende_web.accounts.create_account` also
    checks the platform's other communities, as sign-in names no community.
    """

    community_id: uuid.UUID
    actor_id: uuid.UUID
    #: the web role of sorgende-web 0.1 (resident, helper, coordinator, admin), empty for
    #: accounts made since: it grants nothing (the domain's roles do), and
    #: ``sorgende web upgrade-roles`` replaces it by the domain's roles
    role: str
    created_at: datetime
    login: str = personal(erased="")
    password_hash: str = personal(erased="")
    #: what sessions and tokens name: a login given again later never inherits them
    id: uuid.UUID = attrs.field(factory=uuid.uuid4)
    version: int = 1


@attrs.frozen
class SessionRecord:
    """A sign-in of a browser: the SHA-256 of the cookie's token, until it expires."""

    community_id: uuid.UUID
    token_hash: str
    account_id: uuid.UUID
    #: the account's login: the account is found by its key, without a scan
    login: str
    actor_id: uuid.UUID
    created_at: datetime
    expires_at: datetime


@attrs.frozen
class ApiTokenRecord:
    """A bearer token for the REST API: its SHA-256 and the name its owner gave it."""

    community_id: uuid.UUID
    token_hash: str
    account_id: uuid.UUID
    login: str
    actor_id: uuid.UUID
    name: str
    created_at: datetime
    id: uuid.UUID = attrs.field(factory=uuid.uuid4)


@attrs.frozen
class AddressRecord:
    """A person's street and house number, shown to the helper of an exchange."""

    community_id: uuid.UUID
    actor_id: uuid.UUID
    street: str = personal(erased="")
    version: int = 1


ACCOUNT: RecordKind[AccountRecord] = RecordKind(
    name="web.account",
    cls=AccountRecord,
    key="login",
    indexes=("id",),
    persons=("actor_id",),
    erasure=Erasure.DELETE,
    # a person's export may be asked for by a coordinator: the hash stays out of it
    confidential=("password_hash",),
    after=("actor",),
)
SESSION: RecordKind[SessionRecord] = RecordKind(
    name="web.session",
    cls=SessionRecord,
    key="token_hash",
    indexes=("account_id",),
    persons=("actor_id",),
    erasure=Erasure.DELETE,
    version=None,
    after=("web.account",),
)
API_TOKEN: RecordKind[ApiTokenRecord] = RecordKind(
    name="web.api_token",
    cls=ApiTokenRecord,
    indexes=("token_hash", "account_id"),
    persons=("actor_id",),
    erasure=Erasure.DELETE,
    version=None,
    after=("web.account",),
)
ADDRESS: RecordKind[AddressRecord] = RecordKind(
    name="web.address",
    cls=AddressRecord,
    key="actor_id",
    persons=("actor_id",),
    erasure=Erasure.DELETE,
    after=("actor",),
)

#: the web plugin's kinds, in the order an import adds them
KINDS: tuple[RecordKind[object], ...] = (ACCOUNT, SESSION, API_TOKEN, ADDRESS)  # type: ignore[assignment]
