"""The e-mail channel's settings: the ``[plugins.email]`` table and ``SORGENDE_EMAIL_*``."""

from __future__ import annotations

from collections.abc import Mapping
from email.headerregistry import Address
from email.utils import parseaddr
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from sorgende.errors import ConfigError, Message, Text
from sorgende_email import messages as _messages  # noqa: F401  (registers the texts)

SECURITY = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


@attrs.frozen
class EmailConfig:
    """How to reach the SMTP server and what the messages say about their sender."""

    host: str
    #: ``"Sorgende Gemeinschaft Daun <hallo@daun.example>"`` or a bare address
    sender: str
    port: int = 587
    #: ``starttls`` (default), ``ssl`` (implicit TLS) or ``none`` (only for a local relay)
    security: str = "starttls"
    username: str | None = None
    password: str | None = attrs.field(default=None, repr=False)
    #: seconds to wait for the server
    timeout: float = 30.0
    #: a PEM file of the certificate authorities to trust instead of the system's
    ca_file: str | None = None
    #: where a person unsubscribes; may use ``{community}``, ``{actor}``, ``{channel}``
    #: (without any, they are appended as query parameters)
    unsubscribe_url: str | None = None
    #: ``mailto:`` address for unsubscribing, offered next to the URL
    unsubscribe_mailto: str | None = None
    #: a link to the platform, shown in every message
    site_url: str | None = None
    #: the time zone dates in messages are shown in
    time_zone: ZoneInfo = ZoneInfo("Europe/Berlin")
    #: directories searched for templates before the built-in ones (a theme)
    templates: tuple[str, ...] = ()
    #: Python packages whose ``email_templates`` folder is searched before the built-in
    #: templates (a theme plugin), in this order, after ``templates``
    themes: tuple[str, ...] = ()
    #: the domain of Message-IDs (default: the sender's)
    message_id_domain: str | None = None

    @property
    def sender_address(self) -> str:
        return parseaddr(self.sender)[1]

    @property
    def id_domain(self) -> str:
        return self.message_id_domain or self.sender_address.rpartition("@")[2] or "sorgende"

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> EmailConfig | None:
        """The configuration, or ``None`` when e-mail is not configured (no host)."""
        if not values.get("host"):
            return None
        known = {f.name for f in attrs.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise _bad(
                ", ".join(unknown),
                Message(
                    "email.problem.config.unknown_setting_s_known", known=", ".join(sorted(known))
                ),
            )
        data = dict(values)
        security = str(data.get("security", "starttls")).lower()
        if security not in SECURITY:
            raise _bad(
                "security",
                Message(
                    "email.problem.config.not_one_of",
                    security=security,
                    security2=", ".join(SECURITY),
                ),
            )
        data["security"] = security
        sender = str(data.get("sender") or "")
        if "@" not in parseaddr(sender)[1]:
            raise _bad(
                "sender",
                Message("email.problem.config.no_e_mail_address", sender=sender),
            )
        try:
            Address(addr_spec=parseaddr(sender)[1])
        except (ValueError, IndexError) as exc:
            raise _bad(
                "sender", Message("email.problem.config.text", sender=sender, exc=exc)
            ) from exc
        data["port"] = _int(data.get("port", DEFAULT_PORTS[security]), "port")
        data["timeout"] = _float(data.get("timeout", 30), "timeout")
        for name in ("templates", "themes"):
            data[name] = _paths(data.get(name, ()), name)
        if "time_zone" in data:
            try:
                data["time_zone"] = ZoneInfo(str(data["time_zone"]))
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise _bad(
                    "time_zone",
                    Message("email.problem.config.unknown_time_zone", data=data["time_zone"]),
                ) from exc
        for directory in data["templates"]:
            if not Path(directory).is_dir():
                raise _bad(
                    "templates",
                    Message("email.problem.config.no_directory", directory=directory),
                )
        if bool(data.get("username")) != bool(data.get("password")):
            raise _bad(
                "username, password",
                Message("email.problem.config.give_both_neither"),
            )
        return cls(**data)


def _bad(name: str, problem: Text) -> ConfigError:
    return ConfigError(source=f"[plugins.email] {name}", problem=problem)


def _int(value: Any, name: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise _bad(name, Message("email.problem.config.no_number", value=value)) from exc
    if not 0 < number < 65536:
        raise _bad(name, Message("email.problem.config.no_port", value=value))
    return number


def _float(value: Any, name: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise _bad(name, Message("email.problem.config.no_number", value=value)) from exc
    if number <= 0:
        raise _bad(name, Message("email.problem.config.more_than"))
    return number


def _paths(value: Any, name: str) -> tuple[str, ...]:
    if isinstance(value, str):
        # from the environment: comma-separated
        return tuple(p.strip() for p in value.split(",") if p.strip())
    if isinstance(value, list | tuple):
        return tuple(str(p) for p in value)
    raise _bad(name, Message("email.problem.config.give_list_names"))
