"""The e-mail channel's settings: the ``[plugins.email]`` table and ``SORGENDE_EMAIL_*``."""

from __future__ import annotations

from collections.abc import Mapping
from email.headerregistry import Address
from email.utils import parseaddr
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from sorgende.errors import ConfigError

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
                f"unknown setting(s); known: {', '.join(sorted(known))}",
                f"unbekannte Einstellung(en); bekannt sind: {', '.join(sorted(known))}",
            )
        data = dict(values)
        security = str(data.get("security", "starttls")).lower()
        if security not in SECURITY:
            raise _bad(
                "security",
                f"{security!r} is not one of {', '.join(SECURITY)}",
                f"{security!r} ist keins von {', '.join(SECURITY)}",
            )
        data["security"] = security
        sender = str(data.get("sender") or "")
        if "@" not in parseaddr(sender)[1]:
            raise _bad(
                "sender",
                f'{sender!r} is no e-mail address (give sender = "Name <address>")',
                f'{sender!r} ist keine E-Mail-Adresse (bitte sender = "Name <Adresse>")',
            )
        try:
            Address(addr_spec=parseaddr(sender)[1])
        except (ValueError, IndexError) as exc:
            raise _bad("sender", f"{sender!r}: {exc}", f"{sender!r}: {exc}") from exc
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
                    f"unknown time zone {data['time_zone']!r}",
                    f"unbekannte Zeitzone {data['time_zone']!r}",
                ) from exc
        for directory in data["templates"]:
            if not Path(directory).is_dir():
                raise _bad(
                    "templates",
                    f"{directory!r} is no directory",
                    f"{directory!r} ist kein Verzeichnis",
                )
        if bool(data.get("username")) != bool(data.get("password")):
            raise _bad(
                "username, password",
                "give both or neither",
                "bitte beide oder keins angeben",
            )
        return cls(**data)


def _bad(name: str, problem: str, problem_de: str) -> ConfigError:
    return ConfigError(source=f"[plugins.email] {name}", problem=problem, problem_de=problem_de)


def _int(value: Any, name: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise _bad(name, f"{value!r} is no number", f"{value!r} ist keine Zahl") from exc
    if not 0 < number < 65536:
        raise _bad(name, f"{value!r} is no port", f"{value!r} ist kein Port")
    return number


def _float(value: Any, name: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise _bad(name, f"{value!r} is no number", f"{value!r} ist keine Zahl") from exc
    if number <= 0:
        raise _bad(name, "must be more than 0", "muss größer als 0 sein")
    return number


def _paths(value: Any, name: str) -> tuple[str, ...]:
    if isinstance(value, str):
        # from the environment: comma-separated
        return tuple(p.strip() for p in value.split(",") if p.strip())
    if isinstance(value, list | tuple):
        return tuple(str(p) for p in value)
    raise _bad(name, "give a list of names", "bitte eine Liste angeben")
