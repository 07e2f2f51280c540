"""Getting an account and keeping it: invitations, registration with a confirmed
address, accounts made for residents without e-mail, password reset and change, and
the record of sign-ins.

Every link sent by e-mail is single-use and expires: its secret is random, carries its
community before it (``<community>.<secret>``, as sessions do), and only its SHA-256 is
stored (:data:`sorgende_web.account_records.LINK`); using it deletes it. Who may invite,
make an account for someone or give them a new initial password is the core's policy
(``Action.MANAGE_ACCOUNT``; naming a trusted person ``Action.NAME_TRUSTED_PERSON``, in
the core's ``trust``): this module asks, it decides nothing. Which paths a community
offers is its ``[plugins.accounts]`` settings (:mod:`sorgende_web.account_settings`).
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from typing import Any

from sorgende import CommunityService
from sorgende.domain import policy
from sorgende.domain.actors import Actor, ActorKind, Consent
from sorgende.domain.policy import Action
from sorgende.errors import ConflictError, Message, NotFound
from sorgende.i18n import translate
from sorgende_web import account_texts as _texts  # noqa: F401  (registers the texts)
from sorgende_web import links, mail, passwords
from sorgende_web.account_errors import FieldProblem, LinkInvalid, PathClosed
from sorgende_web.account_records import (
    CONSENT,
    INITIAL_PASSWORD,
    LINK,
    SIGN_IN,
    ConsentRecord,
    InitialPasswordRecord,
    LinkRecord,
    SignInRecord,
)
from sorgende_web.account_settings import AccountSettings, CommunityAccounts
from sorgende_web.accounts import Account, AccountStore, normalise_login
from sorgende_web.errors import InvalidAccount, LoginFailed, LoginTaken

#: how many sign-ins of an account are kept (older ones are deleted)
SIGN_INS_KEPT = 20
#: letters of an initial password: none that look alike on paper (0/O, 1/l/I)
_SHEET_LETTERS = "abcdefghjkmnpqrstuvwxyz23456789"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def initial_password() -> str:
    """A password to print: four groups of four letters and digits (about 79 bits)."""
    return "-".join("".join(secrets.choice(_SHEET_LETTERS) for _ in range(4)) for _ in range(4))


class AccountService:
    """The ways to an account, on the platform's storage and its e-mail channel."""

    def __init__(self, platform: Any, store: AccountStore, web_settings: Any) -> None:
        self.platform = platform
        self.store = store
        self.web_settings = web_settings
        self.settings = AccountSettings.from_platform(platform)

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self.store.clock(), UTC)

    def community(self, community_id: uuid.UUID) -> CommunityService:
        return CommunityService(self.platform, community_id)

    def settings_of(self, community_id: uuid.UUID) -> CommunityAccounts:
        return self.settings.of(self.community(community_id).info().name)

    def open_path(self, community_id: uuid.UUID, path: str) -> CommunityAccounts:
        """The community's settings if it offers ``path``, else :class:`PathClosed`."""
        found = self.settings_of(community_id)
        if not getattr(found, path):
            raise PathClosed(self.community(community_id).info().name)
        return found

    # -- links ------------------------------------------------------------------------

    def _new_link(
        self,
        community_id: uuid.UUID,
        purpose: str,
        hours: int,
        *,
        actor_id: uuid.UUID | None = None,
        account_id: uuid.UUID | None = None,
        by: uuid.UUID | None = None,
        email: str = "",
        details: Mapping[str, str] | None = None,
    ) -> str:
        token = f"{community_id.hex}.{secrets.token_urlsafe(32)}"
        now = self._now()
        with self.platform.use_case(community_id) as w:
            found = w.uow.of(LINK)
            # an expired link is of no use: swept whenever a new one is made
            for old in found.list(where={"purpose": purpose}):
                if old.expires_at <= now:
                    found.delete(old)
            found.add(
                LinkRecord(
                    community_id=community_id,
                    token_hash=_hash(token),
                    purpose=purpose,
                    created_at=now,
                    expires_at=now + timedelta(hours=hours),
                    actor_id=actor_id,
                    account_id=account_id,
                    by=by,
                    email=email,
                    details=dict(details or {}),
                )
            )
        return token

    def link(self, token: str, purpose: str) -> LinkRecord:
        """The valid link of ``token`` for ``purpose``, or :class:`LinkInvalid`."""
        named, dot, _ = token.partition(".")
        if not dot or len(token) > 200 or len(named) != 32:
            raise LinkInvalid()
        try:
            community_id = uuid.UUID(hex=named)
        except ValueError:
            raise LinkInvalid() from None
        if community_id not in self.platform.storage.community_ids():
            raise LinkInvalid()
        with self.platform.read(community_id) as uow:
            record = uow.of(LINK).find(_hash(token))
        if record is None or record.purpose != purpose or record.expires_at <= self._now():
            raise LinkInvalid()
        found: LinkRecord = record
        return found

    def _use(self, record: LinkRecord) -> None:
        """Delete a link being used; a second use of it at the same moment loses."""
        try:
            with self.platform.use_case(record.community_id) as w:
                w.uow.of(LINK).delete(record)
        except (ConflictError, NotFound):
            raise LinkInvalid() from None

    def send(
        self,
        community_id: uuid.UUID,
        *,
        name: str,
        address: str,
        kind: str,
        lang: str,
        **values: Any,
    ) -> None:
        community = self.community(community_id).info().name
        mail.send(
            self.platform,
            community_id=community_id,
            name=name,
            address=address,
            subject=translate(f"web.mail.{kind}.subject", lang, community=community),
            text=translate(f"web.mail.{kind}.text", lang, community=community, **values),
            language=lang,
            kind=f"web.{kind}",
        )

    # -- invitations ------------------------------------------------------------------

    def invite(self, viewer: Any, person: Actor, lang: str) -> None:
        """Send ``person`` (who has an e-mail address, no account) an invitation link."""
        community_id = viewer.account.community_id
        found = self.open_path(community_id, "invitations")
        policy.require(viewer.acting, Action.MANAGE_ACCOUNT, subject=person)
        if not person.email:
            raise FieldProblem("email", Message("web.problem.accounts.email_needed"))
        # refused before a link is made: without the platform's address none can be sent
        links.absolute(self.web_settings, "/")
        token = self._new_link(
            community_id,
            "invite",
            found.invitation_days * 24,
            actor_id=person.id,
            by=viewer.actor_id,
            email=person.email,
        )
        self.send(
            community_id,
            name=person.name,
            address=person.email,
            kind="invitation",
            lang=lang,
            by=viewer.actor.name,
            url=links.absolute(self.web_settings, "/invitation", token),
            days=found.invitation_days,
        )

    # -- registration -----------------------------------------------------------------

    def register(
        self,
        community_id: uuid.UUID,
        *,
        name: str,
        email: str,
        place_id: uuid.UUID | None,
        consents: Mapping[str, bool],
        privacy: bool,
        lang: str,
    ) -> None:
        """Send the link that confirms a registration's address; nobody is registered
        until it is followed."""
        found = self.open_path(community_id, "self_registration")
        if not privacy:
            raise FieldProblem("privacy", Message("web.problem.accounts.privacy_needed"))
        if "@" not in email or len(email) > 254 or any(c.isspace() for c in email):
            raise FieldProblem("email", Message("web.problem.accounts.email_invalid"))
        if not name.strip():
            raise FieldProblem("name", Message("web.problem.accounts.name_needed"))
        if place_id is not None and place_id not in {
            p.id for p in self.community(community_id).places()
        }:
            raise FieldProblem("place_id", Message("web.problem.api.place_community"))
        links.absolute(self.web_settings, "/")
        at = self._now().isoformat()
        details = {
            "name": name.strip()[:200],
            "place_id": str(place_id or ""),
            "lang": lang,
            "consent_version": found.consent_version,
            "consented_at": at,
            **{f"consent.{n}": "yes" if consents.get(n) else "no" for n in found.consents},
        }
        token = self._new_link(
            community_id, "register", found.registration_hours, email=email, details=details
        )
        self.send(
            community_id,
            name=details["name"],
            address=email,
            kind="registration",
            lang=lang,
            url=links.absolute(self.web_settings, "/register/confirm", token),
            hours=found.registration_hours,
        )

    # -- completing an invitation or a registration -----------------------------------

    def complete(self, token: str, purpose: str, login: str, password: str) -> Account:
        """The account chosen through an invitation (``invite``) or a confirmed
        registration (``register``): login and password; the link is used up."""
        record = self.link(token, purpose)
        community_id = record.community_id
        found = self.settings_of(community_id)
        service = self.community(community_id)
        name = record.details.get("name", "")
        if record.actor_id is not None:
            name = service.actor(record.actor_id).name
        login = self.check_login(login)
        self.check_new_password(password, login=login, name=name, settings=found)
        self._use(record)
        if purpose == "register":
            person = self._register_person(service, record, found)
        else:
            assert record.actor_id is not None
            person = service.actor(record.actor_id)
        return self.store.add(
            login=login, password=password, community_id=community_id, actor_id=person.id
        )

    def _register_person(
        self, service: CommunityService, record: LinkRecord, found: CommunityAccounts
    ) -> Actor:
        details = record.details
        place = details.get("place_id") or None
        consent = Consent(**{n: details.get(f"consent.{n}") == "yes" for n in found.consents})
        # signing up oneself: ``by`` left out, as the core's register_actor has it
        person = service.register_actor(
            ActorKind.PERSON,
            details.get("name", ""),
            email=record.email,
            home_place_id=uuid.UUID(place) if place else None,
            consent=consent,
        )
        at = datetime.fromisoformat(details.get("consented_at") or self._now().isoformat())
        version = details.get("consent_version", found.consent_version)
        given = [("privacy", True), *((n, getattr(consent, n)) for n in found.consents)]
        with self.platform.use_case(record.community_id) as w:
            kept = w.uow.of(CONSENT)
            for name, yes in given:
                kept.add(ConsentRecord(record.community_id, person.id, name, yes, version, at))
        return person

    def consents(self, community_id: uuid.UUID, actor_id: uuid.UUID) -> list[ConsentRecord]:
        with self.platform.read(community_id) as uow:
            found = uow.of(CONSENT).list(where={"actor_id": actor_id})
        return sorted(found, key=lambda r: r.at)

    # -- checks -----------------------------------------------------------------------

    def check_login(self, login: str) -> str:
        try:
            login = normalise_login(login)
        except InvalidAccount as refused:
            raise FieldProblem("login", refused.params["problem"]) from None
        if self.store.by_login(login) is not None:
            raise FieldProblem("login", Message("web.problem.accounts.login_taken"))
        return login

    def check_new_password(
        self, password: str, *, login: str, name: str, settings: CommunityAccounts
    ) -> None:
        refused = passwords.problem(
            password, login=login, name=name, min_length=settings.min_password_length
        )
        if refused is not None:
            raise FieldProblem("password", refused)

    # -- accounts made for a resident without e-mail ----------------------------------

    def assisted(
        self, viewer: Any, person: Actor, login: str, trusted_id: uuid.UUID | None
    ) -> tuple[Account, str]:
        """An account for ``person`` with an initial password (to print, changed at the
        first sign-in), and ``trusted_id`` named their trusted person at once."""
        community_id = viewer.account.community_id
        self.open_path(community_id, "assisted_accounts")
        policy.require(viewer.acting, Action.MANAGE_ACCOUNT, subject=person)
        login = self.check_login(login)
        service = viewer.service
        if trusted_id is not None:
            # the core's rule: the person, or a community coordinator, names them
            service.trust(person.id, trusted_id, by=viewer.actor_id)
        password = initial_password()
        try:
            account = self.store.add(
                login=login, password=password, community_id=community_id, actor_id=person.id
            )
        except LoginTaken:
            raise FieldProblem("login", Message("web.problem.accounts.login_taken")) from None
        self._initial(account, viewer.actor_id)
        return account, password

    def new_initial_password(self, viewer: Any, person: Actor) -> tuple[Account, str]:
        """A new initial password for ``person``'s account (a lost sheet, a forgotten
        password without e-mail): every sign-in of the old one ends."""
        policy.require(viewer.acting, Action.MANAGE_ACCOUNT, subject=person)
        found = self.store.accounts_of(viewer.account.community_id, person.id)
        if not found:
            raise NotFound("account", person.name)
        account = found[0]
        password = initial_password()
        self.store.set_password(account.id, password)
        self._initial(account, viewer.actor_id)
        return account, password

    def _initial(self, account: Account, by: uuid.UUID | None) -> None:
        with self.platform.use_case(account.community_id) as w:
            marks = w.uow.of(INITIAL_PASSWORD)
            if marks.find(account.id) is None:
                marks.add(
                    InitialPasswordRecord(
                        account.community_id, account.id, account.actor_id, self._now(), by
                    )
                )

    def must_change(self, account: Account) -> bool:
        with self.platform.read(account.community_id) as uow:
            return uow.of(INITIAL_PASSWORD).find(account.id) is not None

    def _changed(self, account: Account) -> None:
        with suppress(ConflictError, NotFound), self.platform.use_case(account.community_id) as w:
            marks = w.uow.of(INITIAL_PASSWORD)
            mark = marks.find(account.id)
            if mark is not None:
                marks.delete(mark)

    # -- passwords --------------------------------------------------------------------

    def change_password(
        self,
        account: Account,
        current: str,
        new: str,
        name: str,
        *,
        verify: Callable[[str, str], object],
    ) -> None:
        """A signed-in person's new password; every sign-in ends (also this one).

        ``verify(login, password)`` checks the current password as a sign-in does, through
        the sign-in throttle (``signin.attempt``): a stolen session cannot try passwords
        here faster than at the sign-in form."""
        try:
            verify(account.login, current)
        except LoginFailed:
            raise FieldProblem("current", Message("web.problem.accounts.current_wrong")) from None
        if new == current:
            raise FieldProblem("password", Message("web.problem.accounts.password_same"))
        found = self.settings_of(account.community_id)
        self.check_new_password(new, login=account.login, name=name, settings=found)
        self.store.set_password(account.id, new)
        self._changed(account)

    def request_reset(self, name_or_email: str, lang: str) -> None:
        """Send a reset link to the person whose login or address this is; says nothing
        about whether there is one (the page reads the same either way)."""
        value = name_or_email.strip().lower()[:254]
        for account, person in self._accounts_named(value):
            found = self.settings_of(account.community_id)
            if not found.password_reset or not person.email or not person.active:
                continue
            links.absolute(self.web_settings, "/")
            token = self._new_link(
                account.community_id,
                "reset",
                found.reset_hours,
                actor_id=person.id,
                account_id=account.id,
                email=person.email,
            )
            self.send(
                account.community_id,
                name=person.name,
                address=person.email,
                kind="reset",
                lang=lang,
                url=links.absolute(self.web_settings, "/password/reset", token),
                hours=found.reset_hours,
                login=account.login,
            )

    def _accounts_named(self, value: str) -> Sequence[tuple[Account, Actor]]:
        if "@" in value:
            found: list[tuple[Account, Actor]] = []
            for community_id in self.platform.storage.community_ids():
                service = self.community(community_id)
                for person in service.actors(ActorKind.PERSON):
                    if (person.email or "").lower() == value:
                        found.extend(
                            (a, person) for a in self.store.accounts_of(community_id, person.id)
                        )
            return found
        account = self.store.by_login(value)
        if account is None:
            return []
        return [(account, self.community(account.community_id).actor(account.actor_id))]

    def reset(self, token: str, password: str) -> Account:
        """Set the password a reset link was sent for; the link (and every other reset
        link of the account) is used up, every sign-in of the account ends."""
        record = self.link(token, "reset")
        account = self.store.account(record.account_id) if record.account_id else None
        if account is None:
            raise LinkInvalid()
        person = self.community(account.community_id).actor(account.actor_id)
        self.check_new_password(
            password,
            login=account.login,
            name=person.name,
            settings=self.settings_of(account.community_id),
        )
        self._use(record)
        with suppress(ConflictError, NotFound), self.platform.use_case(account.community_id) as w:
            found = w.uow.of(LINK)
            for other in found.list(where={"account_id": account.id}):
                found.delete(other)
        self.store.set_password(account.id, password)
        self._changed(account)
        return account

    # -- sign-ins ---------------------------------------------------------------------

    def record_sign_in(self, account: Account, address: str) -> None:
        """Keep this sign-in (time and address) and the latest before it."""
        with self.platform.use_case(account.community_id) as w:
            kept = w.uow.of(SIGN_IN)
            older = sorted(kept.list(where={"account_id": account.id}), key=lambda r: r.at)
            for old in older[: max(0, len(older) - SIGN_INS_KEPT + 1)]:
                kept.delete(old)
            kept.add(
                SignInRecord(
                    account.community_id, account.id, account.actor_id, self._now(), address[:64]
                )
            )

    def sign_ins(self, community_id: uuid.UUID, account_id: uuid.UUID) -> list[SignInRecord]:
        """An account's latest sign-ins, newest first."""
        with self.platform.read(community_id) as uow:
            found = uow.of(SIGN_IN).list(where={"account_id": account_id})
        return sorted(found, key=lambda r: r.at, reverse=True)


def service_of(web: Any) -> AccountService:
    """The account service of an application (a few attributes: made per request)."""
    return AccountService(web.platform, web.accounts, web.settings)
