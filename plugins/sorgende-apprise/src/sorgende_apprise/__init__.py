"""sorgende-apprise: domain events to Matrix, Signal, Telegram, e-mail and more, via apprise.

The operator lists apprise URLs in ``[plugins.apprise]`` (see the README); each becomes
a notification channel of the ``events`` audience named ``apprise:NAME``, fed by the
outbox. Targets come from the operator's configuration only, never from users: a URL
names a service account and a destination, and whoever may set one can send anything
anywhere in the platform's name.

apprise reports a failed target by returning a false result instead of raising; the
channel turns that into :class:`AppriseDeliveryFailed`, so that the outbox retries.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any, ClassVar, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

import sorgende
from sorgende import event_types
from sorgende.config import Settings
from sorgende.errors import ConfigError, Message, SorgendeError, Text
from sorgende.notifications import Notification
from sorgende_apprise import messages

#: the settings table: ``[plugins.apprise]``
PLUGIN: Final = "apprise"
DEFAULT_TIMEZONE: Final = "Europe/Berlin"
LANGUAGES: Final = ("de", "en")

_KEYS: Final = frozenset({"urls", "tags", "events", "language", "timezone"})
_URL_KEYS: Final = frozenset({"url", "tags", "name"})
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")
_TAG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")


def _kinds() -> dict[str, str]:
    """``exchange_accepted`` (an event's ``name``) or ``ExchangeAccepted`` -> the type name.

    Read when the settings are (the platform registered the plugins' event types then),
    so that another plugin's event types can be chosen too.
    """
    names = event_types()
    return {
        **{kind: kind for kind in names},
        **{
            "".join("_" + c.lower() if c.isupper() else c for c in kind).lstrip("_"): kind
            for kind in names
        },
    }


class AppriseDeliveryFailed(SorgendeError):
    """apprise could not deliver to the target; the outbox tries again later."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "apprise {channel}: not delivered to {target}; see the 'apprise' log for why",
        "de": "apprise {channel}: nicht zugestellt an {target}; den Grund nennt das "
        "Protokoll 'apprise'",
    }


@attrs.frozen
class Target:
    """One apprise URL as the operator configured it, with the tags that route to it."""

    name: str
    url: str = attrs.field(repr=False)
    #: the URL with passwords and tokens masked, for messages and logs
    shown: str
    tags: frozenset[str] = frozenset()


@attrs.frozen
class Routing:
    """Which kinds of event go to which targets (the same for every target)."""

    #: kind -> tags; a listed kind goes only to targets with one of its tags
    tags: Mapping[str, frozenset[str]] = attrs.Factory(dict)
    #: the kinds sent at all; ``None``: every kind
    events: frozenset[str] | None = None
    #: the language of messages; ``None``: the notification's
    language: str | None = None
    timezone: str = DEFAULT_TIMEZONE


class AppriseChannel:
    """Sends every domain event it is routed (audience ``events``) to one apprise URL."""

    audience: Final = "events"

    def __init__(self, target: Target, routing: Routing) -> None:
        self.target = target
        self.routing = routing
        self.name = f"{PLUGIN}:{target.name}"
        self._zone = ZoneInfo(routing.timezone)
        import apprise  # imported only when a target is configured: it takes a while

        self._apprise = apprise.Apprise()
        if not self._apprise.add(target.url):
            raise _error(
                "urls",
                Message("apprise.problem.url_apprise_knows", shown=target.shown),
            )

    def __repr__(self) -> str:
        return f"AppriseChannel({self.name!r}, {self.target.shown!r})"

    def wants(self, kind: str) -> bool:
        """Whether events of ``kind`` go to this target.

        A kind listed under ``tags`` goes to the targets with one of its tags; any other
        kind to the targets without tags. ``events`` limits the kinds sent at all.
        """
        routing = self.routing
        if routing.events is not None and kind not in routing.events:
            return False
        wanted = routing.tags.get(kind)
        if wanted is None:
            return not self.target.tags
        return bool(wanted & self.target.tags)

    def message(self, notification: Notification) -> tuple[str, str]:
        """The title and body of the message for ``notification``."""
        language = self.routing.language or notification.language
        if language not in LANGUAGES:
            language = "de"
        return (
            messages.title(notification.kind, language),
            messages.body(notification.event, language, self._zone),
        )

    def send(self, notification: Notification) -> None:
        if not self.wants(notification.kind):
            return
        title, body = self.message(notification)
        result = self._apprise.notify(
            body=body,
            title=title,
            notify_type=messages.notify_type(notification.kind),
            body_format="text",
        )
        if not result:
            raise AppriseDeliveryFailed(channel=self.name, target=self.target.shown)


@sorgende.hookimpl
def sorgende_notification_channels(settings: Settings) -> list[AppriseChannel]:
    targets, routing = configuration(settings)
    return [AppriseChannel(target, routing) for target in targets]


# --- settings ---------------------------------------------------------------------------


def configuration(settings: Settings) -> tuple[list[Target], Routing]:
    """The targets and routing of ``[plugins.apprise]``; no targets when not configured."""
    raw = settings.plugin(PLUGIN)
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise _error(
            "",
            Message(
                "apprise.problem.unknown_keys_known",
                unknown=", ".join(unknown),
                _keys=", ".join(sorted(_KEYS)),
            ),
        )
    targets: list[Target] = []
    for i, entry in enumerate(_entries(raw.get("urls", []))):
        target = _target(entry, f"urls[{i}]")
        if any(t.name == target.name for t in targets):
            raise _error(
                f"urls[{i}].name",
                Message("apprise.problem.two_urls_named", target_name=target.name),
            )
        targets.append(target)
    routing = Routing(
        tags=_tag_table(raw.get("tags", {})),
        events=_events(raw["events"]) if "events" in raw else None,
        language=_language(raw.get("language")),
        timezone=_timezone(raw.get("timezone", DEFAULT_TIMEZONE)),
    )
    return targets, routing


def _entries(value: object) -> list[object]:
    if isinstance(value, str):  # from the environment: URLs separated by spaces
        return list(value.split())
    if isinstance(value, list):
        return value
    raise _error(
        "urls",
        Message("apprise.problem.list_urls_tables_with"),
    )


def _target(entry: object, key: str) -> Target:
    table: Mapping[str, Any] = {"url": entry} if isinstance(entry, str) else {}
    if isinstance(entry, dict):
        table = entry
        extra = sorted(set(entry) - _URL_KEYS)
        if extra:
            raise _error(
                key,
                Message("apprise.problem.unknown_keys_known_url", extra=", ".join(extra)),
            )
    url = table.get("url")
    if not isinstance(url, str) or not url.strip():
        raise _error(key, Message("apprise.problem.needs_url"))
    import apprise  # imported only when a target is configured: it takes a while

    plugin = apprise.Apprise.instantiate(url.strip())
    if plugin is None:
        # the URL itself may hold a password: only its scheme is repeated
        scheme = url.split("://", 1)[0][:20] if "://" in url else "?"
        raise _error(
            key,
            Message("apprise.problem.apprise_knows_no_service", scheme=scheme),
        )
    tags = frozenset(_strings(table.get("tags", []), f"{key}.tags"))
    for tag in tags:
        _check_tag(tag, f"{key}.tags")
    name = table.get("name")
    if name is None:
        scheme = url.split("://", 1)[0].lower()
        name = f"{scheme}-{hashlib.sha256(url.strip().encode('utf-8')).hexdigest()[:8]}"
    elif not isinstance(name, str) or not _NAME.match(name):
        raise _error(
            f"{key}.name",
            Message("apprise.problem.letters_digits"),
        )
    shown = str(plugin.url(privacy=True))  # type: ignore[no-untyped-call]
    return Target(name=name, url=url.strip(), shown=shown, tags=tags)


def _tag_table(value: object) -> dict[str, frozenset[str]]:
    if not isinstance(value, dict):
        raise _error(
            "tags",
            Message("apprise.problem.table_event_kinds_their"),
        )
    table = {}
    for name, tags in value.items():
        kind = _kind(name, "tags")
        found = frozenset(_strings(tags, f"tags.{name}"))
        if not found:
            raise _error(f"tags.{name}", Message("apprise.problem.names_no_tag"))
        for tag in found:
            _check_tag(tag, f"tags.{name}")
        table[kind] = found
    return table


def _events(value: object) -> frozenset[str]:
    kinds = frozenset(_kind(k, "events") for k in _strings(value, "events"))
    if not kinds:
        raise _error(
            "events",
            Message("apprise.problem.empty_nothing_would_sent"),
        )
    return kinds


def _language(value: object) -> str | None:
    if value is None:
        return None
    if value not in LANGUAGES:
        raise _error("language", Message("apprise.problem.de_en", value=value))
    return str(value)


def _timezone(value: object) -> str:
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        raise _error(
            "timezone",
            Message("apprise.problem.time_zone_name_such", value=value),
        ) from None
    return str(value)


def _kind(value: str, key: str) -> str:
    kind = _kinds().get(value)
    if kind is None:
        raise _error(
            key,
            Message(
                "apprise.problem.no_kind_event_known",
                value=value,
                event_types=", ".join(sorted(event_types())),
            ),
        )
    return kind


def _check_tag(tag: str, key: str) -> None:
    if not _TAG.match(tag):
        raise _error(
            key,
            Message("apprise.problem.no_tag_letters_digits", tag=tag),
        )


def _strings(value: object, key: str) -> list[str]:
    """A list of strings; one string (from the environment) is split at commas and spaces."""
    if isinstance(value, str):
        return [part for part in value.replace(",", " ").split() if part]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    raise _error(key, Message("apprise.problem.string_list_strings"))


def _error(key: str, problem: Text) -> ConfigError:
    source = f"[plugins.{PLUGIN}] {key}".rstrip()
    return ConfigError(source=source, problem=problem)


__all__ = [
    "AppriseChannel",
    "AppriseDeliveryFailed",
    "Routing",
    "Target",
    "configuration",
]
