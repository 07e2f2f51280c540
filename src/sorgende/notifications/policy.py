"""When notifications go out: retries with backoff, quiet hours, the daily digest's time.

The settings come from the ``[plugins.notifications]`` table of ``sorgende.toml`` and
``SORGENDE_NOTIFICATIONS_<KEY>`` environment variables (see ``docs/notifications.md``).
Everything here is a pure function of its arguments and the time it is given, so tests
drive it with the platform's clock.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from sorgende.config import Settings
from sorgende.errors import ConfigError, Message, Text
from sorgende.notifications.records import NO_QUIET_HOURS, QuietHours

#: the settings table the outbox reads: ``[plugins.notifications]``
SETTINGS_NAME = "notifications"


@attrs.frozen
class NotificationSettings:
    """How the outbox retries, batches and times deliveries."""

    #: attempts before a delivery becomes a dead letter
    max_attempts: int = 8
    #: the first retry waits up to this long; each further one up to twice as long
    backoff_base: timedelta = timedelta(seconds=30)
    #: no retry waits longer than this
    backoff_cap: timedelta = timedelta(hours=6)
    #: how long a dispatcher holds claimed deliveries; after a crash they are due again
    lease: timedelta = timedelta(minutes=5)
    #: deliveries claimed (and outbox entries fanned out) per transaction
    batch: int = 200
    #: seconds ``sorgende notify run`` waits when nothing was due
    poll_interval: float = 5.0
    #: the local time zone of quiet hours and of the digest time
    time_zone: ZoneInfo = ZoneInfo("Europe/Berlin")
    #: the platform's default quiet hours (a person may set their own); none by default
    quiet_hours: QuietHours = NO_QUIET_HOURS
    #: kinds of events that are not held by quiet hours or a digest
    urgent_kinds: frozenset[str] = frozenset({"ExchangeCancelled"})
    #: the local time of day a digest covers up to (run ``sorgende notify digest`` then)
    digest_time: time = time(7, 0)

    @classmethod
    def from_settings(cls, settings: Settings) -> NotificationSettings:
        """Read ``[plugins.notifications]``; a bad value raises :class:`ConfigError`."""
        return cls.from_mapping(settings.plugin(SETTINGS_NAME))

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> NotificationSettings:
        known = {f.name for f in attrs.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise _bad(
                ", ".join(unknown),
                Message("problem.policy.unknown_setting_s_known", known=", ".join(sorted(known))),
            )
        parsed: dict[str, Any] = {}
        for name, value in values.items():
            parser = _PARSERS[name]
            try:
                parsed[name] = parser(value)
            except (ValueError, TypeError, ZoneInfoNotFoundError) as exc:
                raise _bad(name, Message("problem.policy.valid", value=value, exc=exc)) from exc
        return cls(**parsed)


def _bad(name: str, problem: Text) -> ConfigError:
    return ConfigError(source=f"[plugins.{SETTINGS_NAME}] {name}", problem=problem)


def _positive_int(value: Any) -> int:
    number = int(value)
    if isinstance(value, bool) or number < 1 or (isinstance(value, float) and value != number):
        raise ValueError("give a whole number of at least 1")
    return number


def _seconds(value: Any) -> timedelta:
    if isinstance(value, timedelta):
        return value
    if isinstance(value, bool):
        raise TypeError("give seconds as a number")
    seconds = float(value)
    if seconds < 0:
        raise ValueError("give a number of seconds of at least 0")
    return timedelta(seconds=seconds)


def _positive_seconds(value: Any) -> float:
    seconds = _seconds(value).total_seconds()
    if seconds <= 0:
        raise ValueError("give a number of seconds greater than 0")
    return seconds


def _zone(value: Any) -> ZoneInfo:
    if isinstance(value, ZoneInfo):
        return value
    return ZoneInfo(str(value))


def _quiet(value: Any) -> QuietHours:
    if isinstance(value, QuietHours):
        return value
    text = str(value).strip()
    return NO_QUIET_HOURS if text in ("", "none", "off") else QuietHours.parse(text)


def _kinds(value: Any) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset(k.strip() for k in value.split(",") if k.strip())
    if isinstance(value, list | tuple | set | frozenset):
        return frozenset(str(k) for k in value)
    raise TypeError("give a list of event type names")


def _time(value: Any) -> time:
    return value if isinstance(value, time) else time.fromisoformat(str(value))


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "max_attempts": _positive_int,
    "backoff_base": _seconds,
    "backoff_cap": _seconds,
    "lease": _seconds,
    "batch": _positive_int,
    "poll_interval": _positive_seconds,
    "time_zone": _zone,
    "quiet_hours": _quiet,
    "urgent_kinds": _kinds,
    "digest_time": _time,
}

#: no retry comes sooner than this, so that one pass of the dispatcher ends
MIN_DELAY = timedelta(seconds=1)


def backoff(settings: NotificationSettings, key: str, attempts: int) -> timedelta:
    """The wait before the next attempt after ``attempts`` failed ones: full jitter.

    Uniform between 0 and ``min(cap, base * 2 ** (attempts - 1))`` (at least a second).
    The random draw is seeded with the key and the attempt, so the same delivery waits
    the same time in every run and process, while different deliveries spread out.
    """
    ceiling = min(settings.backoff_cap, settings.backoff_base * 2 ** max(attempts - 1, 0))
    fraction = random.Random(f"{key}#{attempts}").random()
    delay: timedelta = ceiling * fraction
    return max(delay, MIN_DELAY)


def release_time(now: datetime, quiet: QuietHours, zone: ZoneInfo) -> datetime:
    """``now``, or the end of the quiet hours when ``now`` falls within them."""
    if quiet.empty:
        return now
    local = now.astimezone(zone)
    if not quiet.contains(local.time().replace(tzinfo=None)):
        return now
    day = local.date()
    if local.time().replace(tzinfo=None) >= quiet.end:
        day += timedelta(days=1)
    return datetime.combine(day, quiet.end, tzinfo=zone).astimezone(now.tzinfo)


def digest_cutoff(now: datetime, settings: NotificationSettings) -> datetime:
    """The latest digest time at or before ``now``: a digest covers what was held before it."""
    zone = settings.time_zone
    local = now.astimezone(zone)
    cutoff = datetime.combine(local.date(), settings.digest_time, tzinfo=zone)
    if cutoff > local:
        cutoff = datetime.combine(
            local.date() - timedelta(days=1), settings.digest_time, tzinfo=zone
        )
    return cutoff.astimezone(now.tzinfo)
