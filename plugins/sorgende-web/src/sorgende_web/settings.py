"""The web platform's settings: the ``[plugins.web]`` table of ``sorgende.toml``.

Every key can also come from the environment as ``SORGENDE_WEB_KEY`` (for instance
``SORGENDE_WEB_SECURE_COOKIES=true`` behind an HTTPS proxy).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from sorgende.errors import ConfigError, Message
from sorgende_web import messages as _messages  # noqa: F401  (registers the texts)
from sorgende_web import safety_messages as _safety  # noqa: F401  (registers the texts)

#: the name of the plugin's table in ``sorgende.toml`` (``[plugins.web]``)
SETTINGS_NAME = "web"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


@attrs.frozen
class WebSettings:
    """How the web platform behaves; every value has a safe default."""

    #: mark cookies ``Secure``: set this when the platform is served over HTTPS
    secure_cookies: bool = False
    #: run a notification dispatcher in a background thread while the app serves
    #: (only when a notification channel is configured); switch it off when
    #: ``sorgende notify run`` workers deliver instead
    dispatch_notifications: bool = True
    #: run the housekeeping jobs (expiry, reminders, confirmations, qualification
    #: warnings: ``sorgende housekeeping run``) every this many seconds while the app
    #: serves, the first time one interval after it started; 0: never (a cron job or
    #: systemd timer runs them instead). Several workers may all run them: a lease lets
    #: one at a time work on a community
    housekeeping_seconds: int = 900
    #: how long a sign-in lasts, in hours
    session_hours: int = 12
    #: the time zone in which people enter and read times
    timezone: str = "Europe/Berlin"
    #: the language of a visitor who chose none and whose browser asks for neither
    language: str = "de"
    #: entries per page on the board and in lists
    page_size: int = 20
    #: the largest page the API hands out (``limit``)
    max_page_size: int = 100
    #: failed sign-ins of one login name from one client address before each further
    #: attempt of that pair waits a growing delay (``login_delay_seconds``, then twice
    #: that, ... up to ``login_max_delay_seconds``); the login itself is never locked
    login_attempts_per_login: int = 5
    #: failed sign-ins from one client address (any login) before attempts from there
    #: wait a growing delay too; a browser that signed in to the login before is exempt
    login_attempts_per_address: int = 20
    #: failures are forgotten after this many minutes without a new one
    login_window_minutes: int = 15
    #: the first wait after the free failures, in seconds (doubling with each further one)
    login_delay_seconds: int = 30
    #: the longest delay a throttled sign-in waits, in seconds
    login_max_delay_seconds: int = 900
    #: the platform's public address (``https://hilfe.daun.example``): every absolute
    #: address the platform shows or sends is built from it, and pages accept forms only
    #: from its origin; empty: the request's own origin (fine for a local server)
    base_url: str = ""
    #: trust ``X-Forwarded-For`` and ``X-Forwarded-Proto`` from ``forwarded_allow_ips``
    #: (the reverse proxy); ``sorgende serve --proxy-headers`` sets it too
    proxy_headers: bool = False
    #: the addresses whose forwarded headers are trusted (comma-separated, ``*``: any)
    forwarded_allow_ips: str = "127.0.0.1"

    def __attrs_post_init__(self) -> None:
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ConfigError(
                source="[plugins.web]",
                problem=Message(
                    "web.problem.settings.timezone_known_time_zone", timezone=self.timezone
                ),
            ) from exc
        if self.language not in ("de", "en"):
            raise ConfigError(
                source="[plugins.web]",
                problem=Message("web.problem.settings.language_one_de_en", language=self.language),
            )
        for name in (
            "session_hours",
            "page_size",
            "max_page_size",
            "login_attempts_per_login",
            "login_attempts_per_address",
            "login_window_minutes",
            "login_delay_seconds",
            "login_max_delay_seconds",
        ):
            if getattr(self, name) < 1:
                raise ConfigError(
                    source="[plugins.web]",
                    problem=Message("web.problem.settings.at_least", name=name),
                )

        if self.base_url:
            check_base_url(self.base_url)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> WebSettings:
        """Settings from a table whose values may be strings (from the environment)."""
        fields = {f.name: f for f in attrs.fields(cls)}
        unknown = sorted(set(values) - set(fields))
        if unknown:
            raise ConfigError(
                source="[plugins.web]",
                problem=Message("web.problem.settings.unknown_keys", unknown=", ".join(unknown)),
            )
        converted: dict[str, Any] = {}
        for key, value in values.items():
            default = fields[key].default
            converted[key] = _convert(key, value, type(default))
        return cls(**converted)

    @classmethod
    def from_platform(cls, platform: Any) -> WebSettings:
        """The settings in the platform's configuration (``[plugins.web]``)."""
        settings = getattr(platform, "settings", None)
        if settings is None or not hasattr(settings, "plugin"):
            return cls()
        return cls.from_mapping(settings.plugin(SETTINGS_NAME))


def check_base_url(url: str) -> None:
    """Refuse a base URL that is not ``http(s)://host[:port][/path]`` without query."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ConfigError(
            source="[plugins.web] base_url",
            problem=Message("web.problem.settings.base_url", url=url),
        )


def _convert(key: str, value: Any, kind: type) -> Any:
    if kind is bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    elif kind is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().isdigit():
            return int(value)
    elif kind is str and isinstance(value, str):
        return value
    raise ConfigError(
        source="[plugins.web]",
        problem=Message(
            "web.problem.settings.wrong_type", key=key, value=value, kind=kind.__name__
        ),
    )
