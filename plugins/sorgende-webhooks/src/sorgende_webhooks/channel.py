"""The webhook channel: one per configured endpoint, POSTing signed JSON of domain events."""

from __future__ import annotations

import hashlib
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar, Final

import attrs

from sorgende import event_types
from sorgende.config import Settings
from sorgende.errors import ConfigError, Message, SorgendeError, Text
from sorgende.notifications import Notification
from sorgende.serialization import unstructure
from sorgende_webhooks import messages as _messages  # noqa: F401  (registers the texts)
from sorgende_webhooks.signatures import (
    MAX_KEY_BYTES,
    MIN_KEY_BYTES,
    SECRET_PREFIX,
    signed_headers,
    signing_key,
)

#: the settings table: ``[plugins.webhooks]``
PLUGIN: Final = "webhooks"
DEFAULT_TIMEOUT: Final = 10.0
MAX_TIMEOUT: Final = 120.0
USER_AGENT: Final = "sorgende-webhooks/0.1"

_ENDPOINT_KEYS: Final = frozenset({"url", "secret", "events", "name", "timeout"})
_TOP_KEYS: Final = _ENDPOINT_KEYS | {"endpoints"}
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")


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


class WebhookDeliveryFailed(SorgendeError):
    """An endpoint did not take a webhook; the outbox tries again later."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "webhook {endpoint}: not delivered: {problem}",
        "de": "Webhook {endpoint}: nicht zugestellt: {problem}",
    }

    def __init__(self, endpoint: str, problem: Text) -> None:
        super().__init__(endpoint=endpoint, problem=problem)


@attrs.frozen
class Endpoint:
    """One receiver of webhooks, as the operator configured it."""

    name: str
    url: str
    #: the secrets to sign with (``whsec_...``); several while one is being rotated
    secrets: tuple[str, ...] = attrs.field(repr=False)
    #: the event kinds (type names) it receives; ``None``: every kind
    events: frozenset[str] | None = None
    timeout: float = DEFAULT_TIMEOUT


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect would lose the body or carry it elsewhere: it counts as a failure."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class WebhookChannel:
    """Delivers every domain event (audience ``events``) to one endpoint.

    The body is JSON: ``id`` (the delivery's idempotency key, also in ``webhook-id``),
    ``type`` (the event's type name), ``community_id``, ``timestamp`` (when the event
    happened) and ``data`` (the event as the core's converter writes it). Anything but a
    2xx answer, a redirect included, raises :class:`WebhookDeliveryFailed`, and the
    outbox tries again with the same ``webhook-id`` and body.
    """

    audience: Final = "events"

    def __init__(self, endpoint: Endpoint, *, clock: Callable[[], float] = time.time) -> None:
        self.endpoint = endpoint
        self.name = f"{PLUGIN}:{endpoint.name}"
        self._clock = clock
        self._opener = urllib.request.build_opener(_RefuseRedirects)

    def __repr__(self) -> str:
        return f"WebhookChannel({self.name!r}, {self.endpoint.url!r})"

    def wants(self, kind: str) -> bool:
        """Whether the endpoint receives events of ``kind`` (its ``events`` setting)."""
        return self.endpoint.events is None or kind in self.endpoint.events

    def body(self, notification: Notification) -> bytes:
        data = unstructure(notification.event)
        document = {
            "id": notification.key,
            "type": notification.kind,
            "community_id": str(notification.community_id),
            "timestamp": data["at"],
            "data": data,
        }
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def send(self, notification: Notification) -> None:
        if not self.wants(notification.kind):
            return
        body = self.body(notification)
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            **signed_headers(self.endpoint.secrets, notification.key, int(self._clock()), body),
        }
        request = urllib.request.Request(
            self.endpoint.url, data=body, headers=headers, method="POST"
        )
        try:
            with self._opener.open(request, timeout=self.endpoint.timeout) as response:
                # read the answer so that the connection ends cleanly; its content is not used
                response.read(65536)
        except urllib.error.HTTPError as exc:
            exc.close()
            raise WebhookDeliveryFailed(
                self.endpoint.name,
                Message("webhooks.problem.channel.endpoint_answered_http", exc_code=exc.code),
            ) from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise WebhookDeliveryFailed(
                self.endpoint.name,
                Message("webhooks.problem.channel.endpoint_could_reached", reason=reason),
            ) from exc


# --- settings ---------------------------------------------------------------------------


def endpoints(settings: Settings) -> list[Endpoint]:
    """The endpoints of ``[plugins.webhooks]``; none when it is not configured.

    Either a list ``endpoints`` of tables, or a single endpoint given by the keys
    ``url``, ``secret``, ... at the top (handy from the environment:
    ``SORGENDE_WEBHOOKS_URL``, ``SORGENDE_WEBHOOKS_SECRET``).
    """
    raw = settings.plugin(PLUGIN)
    if not raw:
        return []
    _no_unknown_keys(raw, _TOP_KEYS, "")
    default_timeout = _timeout(raw.get("timeout", DEFAULT_TIMEOUT), "timeout")
    tables = raw.get("endpoints", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise _error("endpoints", Message("webhooks.problem.channel.list_tables"))
    entries = [(f"endpoints[{i}].", table) for i, table in enumerate(tables)]
    single = {key: raw[key] for key in _ENDPOINT_KEYS if key in raw and key != "timeout"}
    if single:
        if "url" not in single:
            raise _error("url", Message("webhooks.problem.channel.missing"))
        entries.append(("", single))
    found: list[Endpoint] = []
    for prefix, table in entries:
        _no_unknown_keys(table, _ENDPOINT_KEYS, prefix)
        endpoint = _endpoint(table, prefix, default_timeout)
        if any(e.name == endpoint.name for e in found):
            raise _error(
                f"{prefix}name",
                Message(
                    "webhooks.problem.channel.two_endpoints_named", endpoint_name=endpoint.name
                ),
            )
        found.append(endpoint)
    return found


def _endpoint(table: Mapping[str, Any], prefix: str, default_timeout: float) -> Endpoint:
    url = table.get("url")
    parts = urllib.parse.urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise _error(
            f"{prefix}url",
            Message("webhooks.problem.channel.http_https_address"),
        )
    assert isinstance(url, str)
    if "secret" not in table:
        raise _error(
            f"{prefix}secret",
            Message("webhooks.problem.channel.missing_make_one_with"),
        )
    secrets = tuple(_strings(table["secret"], f"{prefix}secret"))
    for i, secret in enumerate(secrets):
        _check_secret(secret, f"{prefix}secret" + (f"[{i}]" if len(secrets) > 1 else ""))
    events = None
    if "events" in table:
        events = frozenset(
            _kind(k, f"{prefix}events") for k in _strings(table["events"], f"{prefix}events")
        )
        if not events:
            raise _error(
                f"{prefix}events",
                Message("webhooks.problem.channel.empty_endpoint_would_receive"),
            )
    name = table.get("name")
    if name is None:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:8]
        name = f"{parts.hostname}-{digest}"
    elif not isinstance(name, str) or not _NAME.match(name):
        raise _error(
            f"{prefix}name",
            Message("webhooks.problem.channel.letters_digits"),
        )
    timeout = _timeout(table["timeout"], f"{prefix}timeout") if "timeout" in table else None
    return Endpoint(
        name=name,
        url=url,
        secrets=secrets,
        events=events,
        timeout=timeout if timeout is not None else default_timeout,
    )


def _check_secret(secret: str, key: str) -> None:
    try:
        length = len(signing_key(secret)) if secret.startswith(SECRET_PREFIX) else 0
    except ConfigError:
        length = 0
    if not MIN_KEY_BYTES <= length <= MAX_KEY_BYTES:
        # the secret itself is never repeated in a message
        raise _error(
            key,
            Message(
                "webhooks.problem.channel.bytes_in_base_make",
                secret_prefix=SECRET_PREFIX,
                min_key_bytes=MIN_KEY_BYTES,
                max_key_bytes=MAX_KEY_BYTES,
            ),
        )


def _kind(value: str, key: str) -> str:
    kind = _kinds().get(value)
    if kind is None:
        raise _error(
            key,
            Message(
                "webhooks.problem.channel.no_kind_event_known",
                value=value,
                event_types=", ".join(sorted(event_types())),
            ),
        )
    return kind


def _strings(value: object, key: str) -> list[str]:
    """A list of strings; one string (from the environment) is split at commas and spaces."""
    if isinstance(value, str):
        return [part for part in value.replace(",", " ").split() if part]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value]
    raise _error(key, Message("webhooks.problem.channel.string_list_strings"))


def _timeout(value: object, key: str) -> float:
    seconds = -1.0
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
    elif isinstance(value, str):
        try:
            seconds = float(value)
        except ValueError:
            seconds = -1.0
    if not 0 < seconds <= MAX_TIMEOUT:
        raise _error(
            key,
            Message(
                "webhooks.problem.channel.number_seconds_above_at",
                value=value,
                max_timeout=MAX_TIMEOUT,
            ),
        )
    return seconds


def _no_unknown_keys(table: Mapping[str, Any], known: Iterable[str], prefix: str) -> None:
    unknown = sorted(set(table) - set(known))
    if unknown:
        names = ", ".join(prefix + key for key in unknown)
        raise _error(
            "",
            Message(
                "webhooks.problem.channel.unknown_keys_known",
                names=names,
                known=", ".join(sorted(known)),
            ),
        )


def _error(key: str, problem: Text) -> ConfigError:
    source = f"[plugins.{PLUGIN}] {key}".rstrip()
    return ConfigError(source=source, problem=problem)
