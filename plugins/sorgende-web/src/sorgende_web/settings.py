"""The web platform's settings: the ``[plugins.web]`` table of ``sorgende.toml``.

Every key can also come from the environment as ``SORGENDE_WEB_KEY`` (for instance
``SORGENDE_WEB_SECURE_COOKIES=true`` behind an HTTPS proxy).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from sorgende.errors import ConfigError, Message
from sorgende_web import messages as _messages  # noqa: F401  (registers the texts)

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
    #: failed sign-ins per login name within ``login_window_minutes`` before refusing
    login_attempts_per_login: int = 5
    #: failed sign-ins per client address within ``login_window_minutes``
    login_attempts_per_address: int = 20
    login_window_minutes: int = 15

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
        ):
            if getattr(self, name) < 1:
                raise ConfigError(
                    source="[plugins.web]",
                    problem=Message("web.problem.settings.at_least", name=name),
                )

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
