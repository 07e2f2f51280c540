"""The calendar plugin's settings (``[plugins.calendar]``) and the feeds' constants."""

from __future__ import annotations

from datetime import timedelta
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from sorgende.config import Settings
from sorgende.errors import ConfigError

#: the plugin settings table: ``[plugins.calendar]``
PLUGIN: Final = "calendar"
#: the media type a web front end answers a feed with
CONTENT_TYPE: Final = "text/calendar; charset=utf-8"
DEFAULT_TIMEZONE: Final = "Europe/Berlin"
#: how far back a feed reaches (exchanges before that drop out of subscribed calendars)
DEFAULT_PAST_DAYS: Final = 365
#: how often calendar apps should fetch the feed again
REFRESH: Final = timedelta(hours=1)
#: shortest secret accepted: 32 characters, e.g. ``secrets.token_urlsafe(32)`` gives 43
MIN_SECRET_LENGTH: Final = 32

_KEYS: Final = frozenset({"secret", "previous_secrets", "timezone", "url", "past_days"})


# --- settings -------------------------------------------------------------------------


@attrs.frozen
class CalendarSettings:
    """The ``[plugins.calendar]`` settings, checked."""

    #: the secrets tokens may be made with: the current one first, then previous ones
    secrets: tuple[str, ...] = ()
    #: the time zone of the feed's events
    timezone: str = DEFAULT_TIMEZONE
    #: the feed's public address with ``{token}`` in it, as the web front end serves it
    url: str | None = None
    past_days: int = DEFAULT_PAST_DAYS

    def require_secrets(self) -> tuple[str, ...]:
        if not self.secrets:
            raise ConfigError(
                source=f"[plugins.{PLUGIN}] secret",
                problem="no secret for calendar addresses is set "
                "(e.g. SORGENDE_CALENDAR_SECRET, at least 32 random characters)",
                problem_de="kein Geheimnis für Kalenderadressen eingestellt "
                "(z. B. SORGENDE_CALENDAR_SECRET, mindestens 32 zufällige Zeichen)",
            )
        return self.secrets


def calendar_settings(settings: Settings) -> CalendarSettings:
    """The checked ``[plugins.calendar]`` settings; a bad value raises :class:`ConfigError`."""
    raw = settings.plugin(PLUGIN)
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise ConfigError(
            source=f"[plugins.{PLUGIN}]",
            problem=f"unknown keys {', '.join(unknown)}; known: {', '.join(sorted(_KEYS))}",
            problem_de=f"unbekannte Schlüssel {', '.join(unknown)}; bekannt sind: "
            f"{', '.join(sorted(_KEYS))}",
        )
    secrets: list[str] = []
    if "secret" in raw:
        secrets.append(_secret(raw["secret"], "secret"))
    for i, value in enumerate(_string_list(raw.get("previous_secrets", ()), "previous_secrets")):
        secrets.append(_secret(value, f"previous_secrets[{i}]"))
    if secrets and "secret" not in raw:
        raise ConfigError(
            source=f"[plugins.{PLUGIN}] secret",
            problem="previous_secrets are set but no current secret",
            problem_de="previous_secrets sind gesetzt, aber kein aktuelles secret",
        )
    zone = raw.get("timezone", DEFAULT_TIMEZONE)
    if not isinstance(zone, str) or not _is_zone(zone):
        raise ConfigError(
            source=f"[plugins.{PLUGIN}] timezone",
            problem=f"{zone!r} is not a time zone name such as Europe/Berlin",
            problem_de=f"{zone!r} ist kein Zeitzonenname wie Europe/Berlin",
        )
    url = raw.get("url")
    if url is not None and (not isinstance(url, str) or "{token}" not in url):
        raise ConfigError(
            source=f"[plugins.{PLUGIN}] url",
            problem=f"{url!r} must be an address containing {{token}}",
            problem_de=f"{url!r} muss eine Adresse mit {{token}} sein",
        )
    return CalendarSettings(
        secrets=tuple(secrets),
        timezone=zone,
        url=url,
        past_days=_past_days(raw.get("past_days", DEFAULT_PAST_DAYS)),
    )


def _secret(value: object, key: str) -> str:
    if not isinstance(value, str) or len(value) < MIN_SECRET_LENGTH:
        raise ConfigError(
            source=f"[plugins.{PLUGIN}] {key}",
            problem=f"must be a string of at least {MIN_SECRET_LENGTH} characters "
            "(python -c 'import secrets; print(secrets.token_urlsafe(32))')",
            problem_de=f"muss eine Zeichenkette mit mindestens {MIN_SECRET_LENGTH} Zeichen sein "
            "(python -c 'import secrets; print(secrets.token_urlsafe(32))')",
        )
    return value


def _string_list(value: object, key: str) -> list[str]:
    """A list of strings; from the environment, one string separated by commas or spaces."""
    if isinstance(value, str):
        return [part for part in value.replace(",", " ").split() if part]
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ConfigError(
        source=f"[plugins.{PLUGIN}] {key}",
        problem="must be a list of strings",
        problem_de="muss eine Liste von Zeichenketten sein",
    )


def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _past_days(value: object) -> int:
    days = -1
    if isinstance(value, int) and not isinstance(value, bool):
        days = value
    elif isinstance(value, str) and value.strip().isdigit():  # from the environment
        days = int(value)
    if not 1 <= days <= 3650:
        raise ConfigError(
            source=f"[plugins.{PLUGIN}] past_days",
            problem=f"{value!r} is not a whole number of days from 1 to 3650",
            problem_de=f"{value!r} ist keine ganze Zahl von Tagen zwischen 1 und 3650",
        )
    return days
