"""Record kinds of getting an account and of keeping it: links sent by e-mail, recent
sign-ins, consents given with the text they were given to, an initial password to be
changed, and a person's request to be erased.

Like the accounts themselves (:mod:`sorgende_web.records`) they are records of the
platform's storage, declared through ``sorgende_record_kinds``: in a person's export,
deleted by ``erase_person`` from any process, carried by a community's export and
import. Their SQL tables come from the migration ``web_0002``.

A link's secret is stored only as its SHA-256 (the key), so a copy of the database
signs nobody in; a link is deleted when it is used, and is worth nothing after it
expires. A registration not yet confirmed names no person (there is none until the
address is confirmed): its name and address sit in the link, deleted when it is used
and swept once it has expired.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import attrs

from sorgende.domain.personal import personal
from sorgende.records import Erasure, RecordKind


@attrs.frozen
class LinkRecord:
    """A single-use link sent by e-mail: an invitation, the confirmation of a
    registration, a password reset."""

    community_id: uuid.UUID
    #: SHA-256 of the link's secret
    token_hash: str
    #: ``invite``, ``register`` or ``reset``
    purpose: str
    created_at: datetime
    expires_at: datetime
    #: the person it is for (``None`` for a registration not yet confirmed)
    actor_id: uuid.UUID | None = None
    #: the account a reset is for
    account_id: uuid.UUID | None = None
    #: who sent it (a coordinator's invitation)
    by: uuid.UUID | None = None
    email: str = personal(default="", erased="")
    #: a registration's answers until it is confirmed: name, place, language, and the
    #: consents with the time they were given and the version of their text
    details: dict[str, str] = personal(factory=dict, erased={})


@attrs.frozen
class SignInRecord:
    """One successful sign-in: when, and from which address (the person and the
    administration see the latest; older ones are deleted)."""

    community_id: uuid.UUID
    account_id: uuid.UUID
    actor_id: uuid.UUID
    at: datetime
    address: str = personal(default="", erased="")
    id: uuid.UUID = attrs.field(factory=uuid.uuid4)


@attrs.frozen
class ConsentRecord:
    """A consent given or refused: which, when, and to which version of its text.

    The person's :class:`sorgende.Consent` says what holds now; these records say when
    and to what wording it was given (GDPR Art. 7(1): the consent can be shown)."""

    community_id: uuid.UUID
    actor_id: uuid.UUID
    #: ``privacy`` (the privacy statement) or a field of :class:`sorgende.Consent`
    name: str
    given: bool
    #: the version of the text the person read (``[plugins.accounts] consent_version``)
    version: str
    at: datetime
    id: uuid.UUID = attrs.field(factory=uuid.uuid4)


@attrs.frozen
class InitialPasswordRecord:
    """The account signs in with a password somebody else chose (a sign-in sheet): the
    first sign-in must change it."""

    community_id: uuid.UUID
    account_id: uuid.UUID
    actor_id: uuid.UUID
    created_at: datetime
    by: uuid.UUID | None = None


@attrs.frozen
class ErasureRequestRecord:
    """A person asked to be erased; the data protection officer confirms it."""

    community_id: uuid.UUID
    actor_id: uuid.UUID
    asked_at: datetime
    #: where the confirmation goes (the person's address when they asked)
    email: str = personal(default="", erased="")
    language: str = "de"
    version: int = 1


LINK: RecordKind[LinkRecord] = RecordKind(
    name="web.link",
    cls=LinkRecord,
    key="token_hash",
    indexes=("purpose", "account_id"),
    persons=("actor_id",),
    mentions=("by",),
    erasure=Erasure.DELETE,
    version=None,
    after=("actor",),
)
SIGN_IN: RecordKind[SignInRecord] = RecordKind(
    name="web.sign_in",
    cls=SignInRecord,
    indexes=("account_id",),
    persons=("actor_id",),
    erasure=Erasure.DELETE,
    version=None,
    after=("web.account",),
)
CONSENT: RecordKind[ConsentRecord] = RecordKind(
    name="web.consent",
    cls=ConsentRecord,
    persons=("actor_id",),
    erasure=Erasure.DELETE,
    version=None,
    after=("actor",),
)
INITIAL_PASSWORD: RecordKind[InitialPasswordRecord] = RecordKind(
    name="web.initial_password",
    cls=InitialPasswordRecord,
    key="account_id",
    persons=("actor_id",),
    mentions=("by",),
    erasure=Erasure.DELETE,
    version=None,
    after=("web.account",),
)
ERASURE_REQUEST: RecordKind[ErasureRequestRecord] = RecordKind(
    name="web.erasure_request",
    cls=ErasureRequestRecord,
    key="actor_id",
    persons=("actor_id",),
    erasure=Erasure.DELETE,
    after=("actor",),
)

#: the kinds of this module, in the order an import adds them
KINDS: tuple[RecordKind[object], ...] = (  # type: ignore[assignment]
    LINK,
    SIGN_IN,
    CONSENT,
    INITIAL_PASSWORD,
    ERASURE_REQUEST,
)
