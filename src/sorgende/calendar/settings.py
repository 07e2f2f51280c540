"""The calendar plugin's settings (``[plugins.calendar]``) and the feeds' constants."""

from __future__ import annotations

from datetime import timedelta
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from sorgende.config import Settings
from sorgende.errors import ConfigError, Message

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
                problem=Message("problem.calendar.no_secret_for_calendar"),
            )
        return self.secrets


def calendar_settings(settings: Settings) -> CalendarSettings:
    """The checked ``[plugins.calendar]`` settings; a bad value raises :class:`ConfigError`."""
    raw = settings.plugin(PLUGIN)
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise ConfigError(
            source=f"[plugins.{PLUGIN}]",
            problem=Message(
                "problem.calendar.unknown_keys_known",
                unknown=", ".join(unknown),
                _keys=", ".join(sorted(_KEYS)),
            ),
        )
    secrets: list[str] = []
    if "secret" in raw:
        secrets.append(_secret(raw["secret"], "secret"))
    for i, value in enumerate(_string_list(raw.get("previous_secrets", ()), "previous_secrets")):
        secrets.append(_secret(value, f"previous_secrets[{i}]"))
    if secrets and "secret" not in raw:
        raise ConfigError(
            source=f"[plugins.{PLUGIN}] secret",
            problem=Message("problem.calendar.previous_secrets_set_but"),
        )
    zone = raw.get("timezone", DEFAULT_TIMEZONE)
    if not isinstance(zone, str) or not _is_zone(zone):
        raise ConfigError(
            source=f"[plugins.{PLUGIN}] timezone",
            problem=Message("problem.calendar.time_zone_name_such", zone=zone),
        )
    url = raw.get("url")
    if url is not None and (not isinstance(url, str) or "{token}" not in url):
        raise ConfigError(
            source=f"[plugins.{PLUGIN}] url",
            problem=Message("problem.calendar.address_containing", url=url),
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
            problem=Message(
                "problem.calendar.string_at_least_characters", min_secret_length=MIN_SECRET_LENGTH
            ),
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
        problem=Message("problem.calendar.list_strings"),
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
            problem=Message("problem.calendar.whole_number_days_from", value=value),
        )
    return days
