"""How people get an account, per community: the ``[plugins.accounts]`` table.

Every key holds for every community of the platform; a community's own table under
``communities`` (by the community's name) changes any of them for that community::

    [plugins.accounts]
    self_registration = false
    phone = "06592 939-0"

    [plugins.accounts.communities."Verbandsgemeinde Daun"]
    self_registration = true
    erasure = "direct"

Keys may also come from the environment as ``SORGENDE_ACCOUNTS_<KEY>`` (for every
community). The table is the web platform's, named apart from ``[plugins.web]`` so that
its keys and variables do not mix with the server's. See ``docs/web.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from sorgende.domain.actors import Consent
from sorgende.errors import ConfigError, Message
from sorgende_web import messages as _messages  # noqa: F401  (registers the texts)

#: the name of the table in ``sorgende.toml`` (``[plugins.accounts]``)
SETTINGS_NAME = "accounts"
#: the consents a registration may ask for: the fields of the core's Consent
CONSENTS = tuple(f.name for f in attrs.fields(Consent))
ERASURE = ("confirmed", "direct")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


@attrs.frozen
class CommunityAccounts:
    """The paths to an account one community offers, and what goes with them."""

    #: coordinators send invitations by e-mail
    invitations: bool = True
    #: people register themselves and confirm their e-mail address
    self_registration: bool = False
    #: coordinators make accounts for residents without e-mail, with a sign-in sheet
    assisted_accounts: bool = True
    #: a forgotten password is reset through a link sent by e-mail
    password_reset: bool = True
    #: ``confirmed``: the data protection officer carries out a request for erasure;
    #: ``direct``: the person's own request erases them at once
    erasure: str = "confirmed"
    #: the consents a registration asks for (fields of :class:`sorgende.Consent`)
    consents: tuple[str, ...] = CONSENTS
    #: the version of the privacy statement and consent texts, recorded with each consent
    consent_version: str = "1"
    #: where the privacy statement is (a link on the registration form), if anywhere
    privacy_url: str = ""
    #: the coordination's phone number and e-mail address, on the front page
    phone: str = ""
    email: str = ""
    #: the shortest password accepted
    min_password_length: int = 10
    #: how long links stay valid
    invitation_days: int = 14
    registration_hours: int = 48
    reset_hours: int = 2

    def __attrs_post_init__(self) -> None:
        if self.erasure not in ERASURE:
            raise _bad("erasure", Message("web.problem.accounts.one_of", known=", ".join(ERASURE)))
        unknown = sorted(set(self.consents) - set(CONSENTS))
        if unknown:
            raise _bad(
                "consents", Message("web.problem.accounts.one_of", known=", ".join(CONSENTS))
            )
        if not 8 <= self.min_password_length <= 128:
            raise _bad("min_password_length", Message("web.problem.accounts.between_8_128"))
        for name in ("invitation_days", "registration_hours", "reset_hours"):
            if not 1 <= getattr(self, name) <= 10_000:
                raise _bad(name, Message("web.problem.settings.at_least", name=name))


@attrs.frozen
class AccountSettings:
    """The settings for every community, and the communities' own."""

    default: CommunityAccounts = CommunityAccounts()
    #: by the community's name
    communities: Mapping[str, CommunityAccounts] = attrs.field(factory=dict)

    def of(self, community_name: str) -> CommunityAccounts:
        return self.communities.get(community_name, self.default)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> AccountSettings:
        values = dict(values)
        own = values.pop("communities", {}) or {}
        if not isinstance(own, Mapping):
            raise _bad("communities", Message("web.problem.accounts.table"))
        base = _parse(values, {})
        communities = {}
        for name, table in own.items():
            if not isinstance(table, Mapping):
                raise _bad(f"communities.{name}", Message("web.problem.accounts.table"))
            communities[str(name)] = _parse(table, attrs.asdict(base, recurse=False))
        return cls(base, communities)

    @classmethod
    def from_platform(cls, platform: Any) -> AccountSettings:
        settings = getattr(platform, "settings", None)
        if settings is None or not hasattr(settings, "plugin"):
            return cls()
        return cls.from_mapping(settings.plugin(SETTINGS_NAME))


def _parse(values: Mapping[str, Any], base: Mapping[str, Any]) -> CommunityAccounts:
    fields = {f.name: f for f in attrs.fields(CommunityAccounts)}
    unknown = sorted(set(values) - set(fields))
    if unknown:
        raise _bad(
            ", ".join(unknown),
            Message("web.problem.settings.unknown_keys", unknown=", ".join(unknown)),
        )
    converted = dict(base)
    for key, value in values.items():
        converted[key] = _convert(key, value, type(fields[key].default))
    return CommunityAccounts(**converted)


def _convert(key: str, value: Any, kind: type) -> Any:
    text = str(value).strip()
    if kind is bool:
        if isinstance(value, bool):
            return value
        if text.lower() in _TRUE | _FALSE:
            return text.lower() in _TRUE
    elif kind is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if text.isdigit():
            return int(text)
    elif kind is tuple:
        items = value if isinstance(value, list | tuple) else text.split(",")
        return tuple(str(i).strip() for i in items if str(i).strip())
    elif kind is str and isinstance(value, str):
        return value.strip()
    raise _bad(
        key,
        Message("web.problem.settings.wrong_type", key=key, value=value, kind=kind.__name__),
    )


def _bad(key: str, problem: Message) -> ConfigError:
    return ConfigError(source=f"[plugins.{SETTINGS_NAME}] {key}", problem=problem)
