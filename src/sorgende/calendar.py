"""Calendar feeds (iCalendar, RFC 5545): a person's help and self-commitments for phones.

Each person gets a secret address that a calendar app subscribes to. The feed holds:

* every exchange (*Einsatz*) of the person that was accepted, at the time of the help
  need: the helper sees one event per exchange, the recipient one event per occurrence
  of a request with all its helpers (a shift with several helpers is one event);
* every self-commitment (*Selbstverpflichtung*) as an all-day event repeating each
  week or month (an ``RRULE``), without the periods in which it was paused.

Events keep their ``UID`` for ever; ``SEQUENCE`` and ``LAST-MODIFIED`` grow whenever the
exchange or commitment changes, and a cancelled exchange stays in the feed as
``STATUS:CANCELLED`` so that phones remove it rather than keep a stale copy. The feed is
built only from stored records (no clock in its ``DTSTAMP``), so the same data gives the
same bytes: a hash of them is a valid ``ETag``.

The address carries a token, :func:`feed_token`: the community's and the person's ids and
an HMAC-SHA256 over them with the operator's secret (``[plugins.calendar] secret``).
:func:`person_for_token` checks it in constant time. To rotate the secret, put the new one
in ``secret`` and the old one in ``previous_secrets``: old addresses keep working until the
old secret is removed, new addresses use the new one.

The ``icalendar`` package is optional (``pip install sorgende[calendar]``); it is imported
only when a feed is built.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from sorgende.config import Settings
from sorgende.domain.actors import Actor
from sorgende.domain.categories import Category
from sorgende.domain.commitments import Commitment, CommitmentStatus, Period
from sorgende.domain.community import Community, Place
from sorgende.domain.exchanges import Exchange, ExchangeState
from sorgende.domain.help import HelpOffer, HelpRequest
from sorgende.errors import ConfigError, MissingDependency, NotFound, UnknownFeedToken
from sorgende.i18n import LANGUAGES, format_hours, translate

if TYPE_CHECKING:
    import icalendar

    from sorgende.services.platform import Platform

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

_TOKEN_VERSION: Final = 1
_MAC_BYTES: Final = 16  # 128 bits: guessing stays hopeless, addresses stay short
_TOKEN_BYTES: Final = 1 + 16 + 16 + _MAC_BYTES
_MAC_CONTEXT: Final = b"sorgende calendar feed\x00"
_KEYS: Final = frozenset({"secret", "previous_secrets", "timezone", "url", "past_days"})
_CANCELLED_STATES: Final = frozenset({ExchangeState.CANCELLED, ExchangeState.NO_SHOW})


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


# --- tokens ---------------------------------------------------------------------------


def feed_token(secret: str, community_id: uuid.UUID, actor_id: uuid.UUID) -> str:
    """The secret, URL-safe token of ``actor_id``'s feed (66 characters).

    It holds the two ids and an HMAC-SHA256 over them, so it needs no storage and
    cannot be made without the secret.
    """
    payload = bytes([_TOKEN_VERSION]) + community_id.bytes + actor_id.bytes
    token = payload + _mac(secret, payload)
    return base64.urlsafe_b64encode(token).rstrip(b"=").decode("ascii")


def person_for_token(secrets: str | Sequence[str], token: str) -> tuple[uuid.UUID, uuid.UUID]:
    """``(community_id, actor_id)`` of a token made with one of ``secrets``.

    Raises :class:`~sorgende.errors.UnknownFeedToken` for anything else: a token made
    with another secret, changed, cut short, or not a token at all.
    """
    keys = (secrets,) if isinstance(secrets, str) else tuple(secrets)
    try:
        raw = base64.urlsafe_b64decode(token.encode("ascii") + b"=" * (-len(token) % 4))
    except (UnicodeEncodeError, binascii.Error, ValueError):
        raise UnknownFeedToken() from None
    if len(raw) != _TOKEN_BYTES or raw[0] != _TOKEN_VERSION:
        raise UnknownFeedToken()
    payload, mac = raw[:-_MAC_BYTES], raw[-_MAC_BYTES:]
    # every secret is tried, so the time taken does not tell which one matched
    matched = False
    for key in keys:
        matched |= hmac.compare_digest(_mac(key, payload), mac)
    if not matched:
        raise UnknownFeedToken()
    return uuid.UUID(bytes=payload[1:17]), uuid.UUID(bytes=payload[17:33])


def _mac(secret: str, payload: bytes) -> bytes:
    digest = hmac.new(secret.encode("utf-8"), _MAC_CONTEXT + payload, hashlib.sha256).digest()
    return digest[:_MAC_BYTES]


def person_token(settings: Settings, community_id: uuid.UUID, actor_id: uuid.UUID) -> str:
    """The token of a person's feed under the current secret (``ConfigError`` without one)."""
    return feed_token(calendar_settings(settings).require_secrets()[0], community_id, actor_id)


def feed_url(settings: Settings, community_id: uuid.UUID, actor_id: uuid.UUID) -> str:
    """The feed's address from the ``url`` template, or the bare token without one."""
    token = person_token(settings, community_id, actor_id)
    url = calendar_settings(settings).url
    return url.replace("{token}", token) if url else token


# --- the feed -------------------------------------------------------------------------


def calendar_response(platform: Platform, token: str, *, language: str | None = None) -> bytes:
    """The feed for a feed address's ``token``, as the bytes of a ``text/calendar`` answer.

    For web front ends: answer with :data:`CONTENT_TYPE`. An invalid token, or one of a
    person or community that no longer exists, raises
    :class:`~sorgende.errors.UnknownFeedToken` (a ``NotFound``: answer 404).
    """
    conf = calendar_settings(platform.settings)
    community_id, actor_id = person_for_token(conf.require_secrets(), token)
    try:
        return person_feed(platform, community_id, actor_id, language=language)
    except NotFound as exc:
        raise UnknownFeedToken() from exc


def person_feed(
    platform: Platform,
    community_id: uuid.UUID,
    actor_id: uuid.UUID,
    *,
    language: str | None = None,
) -> bytes:
    """The iCalendar feed of ``actor_id`` (no token needed: for a signed-in download).

    ``language`` (``de`` or ``en``) defaults to the platform's. An unknown or erased
    actor raises :class:`~sorgende.errors.NotFound`.
    """
    conf = calendar_settings(platform.settings)
    lang = language if language in LANGUAGES else platform.language
    now = platform.clock()
    snapshot = _read(platform, community_id, actor_id, now - timedelta(days=conf.past_days))
    return build_feed(snapshot, lang, ZoneInfo(conf.timezone), now)


@attrs.frozen
class FeedData:
    """What a person's feed is built from, read in one unit of work."""

    community: Community
    actor: Actor
    #: the person's exchanges that were accepted, scheduled since the feed's start
    exchanges: tuple[Exchange, ...]
    commitments: tuple[Commitment, ...]
    #: the first day the feed reaches back to
    since: date
    requests: Mapping[uuid.UUID, HelpRequest] = attrs.Factory(dict)
    offers: Mapping[uuid.UUID, HelpOffer] = attrs.Factory(dict)
    actors: Mapping[uuid.UUID, Actor] = attrs.Factory(dict)
    places: Mapping[uuid.UUID, Place] = attrs.Factory(dict)
    categories: Mapping[str, Category] = attrs.Factory(dict)


def _read(
    platform: Platform, community_id: uuid.UUID, actor_id: uuid.UUID, since: datetime
) -> FeedData:
    with platform.storage.unit_of_work(community_id) as uow:
        community = uow.community.get()
        actor = uow.actors.get(actor_id)
        if actor.erased:
            raise NotFound("actor", actor_id)
        exchanges = tuple(
            e
            for e in uow.exchanges.list(actor_id=actor_id)
            if e.scheduled >= since and _accepted(e)
        )
        requests = {rid: uow.requests.get(rid) for rid in {e.request_id for e in exchanges} if rid}
        offers = {oid: uow.offers.get(oid) for oid in {e.offer_id for e in exchanges} if oid}
        others = {e.helper_id for e in exchanges} | {e.recipient_id for e in exchanges}
        actors = {a.id: a for a in (uow.actors.find(i) for i in others) if a is not None}
        commitments = tuple(
            c
            for c in uow.commitments.list(actor_id=actor_id)
            if (bound := _last_period_start(c)) is None or bound >= since.date()
        )
        return FeedData(
            community=community,
            actor=actor,
            exchanges=exchanges,
            commitments=commitments,
            since=since.date(),
            requests=requests,
            offers=offers,
            actors=actors,
            places={p.id: p for p in uow.places.list()},
            categories={c.code: c for c in uow.categories.list()},
        )


def _accepted(exchange: Exchange) -> bool:
    """Whether the exchange was ever agreed (a proposal alone is no date in a calendar)."""
    return any(record.transition == "accept" for record in exchange.history)


def build_feed(data: FeedData, language: str, zone: ZoneInfo, now: datetime) -> bytes:
    """The feed of ``data`` as iCalendar bytes (``now`` only caps future change dates)."""
    ical = _icalendar()
    person = data.actor
    calendar = ical.Calendar()
    calendar.add("prodid", f"-//sorgende//calendar feed//{language.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add(
        "x-wr-calname",
        translate("calendar.name", language, community=data.community.name, person=person.name),
    )
    calendar.add("x-wr-caldesc", translate("calendar.description", language, person=person.name))
    calendar.add("x-wr-timezone", zone.key)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", ical.vDuration(REFRESH))

    events = [
        *_exchange_events(ical, data, language, zone),
        *(_commitment_event(ical, data, c, language, now) for c in data.commitments),
    ]
    years = [_start_day(e).year for e in events] or [data.since.year]
    first_year = min(*years, data.since.year)
    last_year = max(*years, now.year)
    calendar.add_component(
        ical.Timezone.from_tzid(
            zone.key, first_date=date(first_year, 1, 1), last_date=date(last_year + 5, 1, 1)
        )
    )
    for event in sorted(events, key=lambda e: (_start_day(e), str(e["uid"]))):
        calendar.add_component(event)
    return calendar.to_ical()  # type: ignore[no-any-return]


def _start_day(event: icalendar.Event) -> date:
    start = event.decoded("dtstart")
    return start.date() if isinstance(start, datetime) else start


def _exchange_events(
    ical: Any, data: FeedData, language: str, zone: ZoneInfo
) -> list[icalendar.Event]:
    person = data.actor.id
    events = []
    # the recipient sees one event per occurrence of a request, with all its helpers
    groups: dict[tuple[uuid.UUID, datetime], list[Exchange]] = {}
    for exchange in data.exchanges:
        if exchange.recipient_id == person and exchange.request_id is not None:
            groups.setdefault((exchange.request_id, exchange.scheduled), []).append(exchange)
        else:
            events.append(_single_event(ical, data, exchange, language, zone))
    for (request_id, scheduled), group in groups.items():
        events.append(_occurrence_event(ical, data, request_id, scheduled, group, language, zone))
    return events


def _single_event(
    ical: Any, data: FeedData, exchange: Exchange, language: str, zone: ZoneInfo
) -> icalendar.Event:
    """One exchange: the helper's view, or either side's of help through an offer."""
    helping = exchange.helper_id == data.actor.id
    counterpart_id = exchange.recipient_id if helping else exchange.helper_id
    counterpart = _name(data, counterpart_id)
    what = _what(data, exchange, language)
    if helping:
        summary = translate("calendar.helping", language, what=what, recipient=counterpart)
    else:
        summary = translate("calendar.receiving", language, what=what, helpers=counterpart)
    lines = [
        _text_of(data, exchange),
        translate("calendar.line.state", language, state=_state(exchange, language)),
        translate("calendar.line.hours", language, hours=format_hours(exchange.minutes, language)),
        *_contact_lines(data, [exchange], counterpart_id, language),
        *_exchange_lines(exchange, language),
    ]
    event = _event(
        ical,
        uid=f"exchange-{exchange.id}@sorgende",
        summary=summary,
        description=lines,
        modified=exchange.history[-1].at,
        sequence=exchange.version,
        cancelled=exchange.state in _CANCELLED_STATES,
    )
    start = exchange.scheduled.astimezone(zone)
    event.add("dtstart", start)
    event.add("dtend", start + _duration(data, exchange))
    _where_and_what(event, data, exchange, language)
    return event


def _occurrence_event(
    ical: Any,
    data: FeedData,
    request_id: uuid.UUID,
    scheduled: datetime,
    group: list[Exchange],
    language: str,
    zone: ZoneInfo,
) -> icalendar.Event:
    """One occurrence of a request as the recipient sees it: every helper in one event."""
    group = sorted(group, key=lambda e: (e.history[0].at, _name(data, e.helper_id), str(e.id)))
    first = group[0]
    active = [e for e in group if e.state.holds_place]
    what = _what(data, first, language)
    if active:
        helpers = ", ".join(_name(data, e.helper_id) for e in active)
        summary = translate("calendar.receiving", language, what=what, helpers=helpers)
    else:
        summary = translate("calendar.receiving_nobody", language, what=what)
    states = ", ".join(
        translate(
            "calendar.line.helper_state",
            language,
            name=_name(data, e.helper_id),
            state=_state(e, language),
        )
        for e in group
    )
    lines = [
        _text_of(data, first),
        translate("calendar.line.helpers", language, names=states),
        translate("calendar.line.hours", language, hours=format_hours(first.minutes, language)),
    ]
    for exchange in active:
        lines.extend(_contact_lines(data, [exchange], exchange.helper_id, language))
    for exchange in group:
        lines.extend(_exchange_lines(exchange, language))
    when = scheduled.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    event = _event(
        ical,
        uid=f"request-{request_id}-{when}@sorgende",
        summary=summary,
        description=lines,
        modified=max(e.history[-1].at for e in group),
        # versions only grow and exchanges are never deleted: the sum only grows
        sequence=sum(e.version for e in group),
        cancelled=not active,
    )
    start = scheduled.astimezone(zone)
    event.add("dtstart", start)
    event.add("dtend", start + _duration(data, first))
    _where_and_what(event, data, first, language)
    return event


def _event(
    ical: Any,
    *,
    uid: str,
    summary: str,
    description: Iterable[str],
    modified: datetime,
    sequence: int,
    cancelled: bool,
    transparent: bool = False,
) -> icalendar.Event:
    event: icalendar.Event = ical.Event()
    event.add("uid", uid)
    # without METHOD, DTSTAMP is when the information was last revised (RFC 5545 3.8.7.2)
    event.add("dtstamp", modified.astimezone(UTC))
    event.add("last-modified", modified.astimezone(UTC))
    event.add("sequence", sequence)
    event.add("summary", summary)
    text = "\n".join(line for line in description if line)
    if text:
        event.add("description", text)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if transparent or cancelled else "OPAQUE")
    return event


def _duration(data: FeedData, exchange: Exchange) -> timedelta:
    """A request's window per occurrence; otherwise the planned time of the help."""
    request = data.requests.get(exchange.request_id) if exchange.request_id else None
    if request is not None and request.window.duration > timedelta(0):
        return request.window.duration
    return timedelta(minutes=exchange.minutes)


def _what(data: FeedData, exchange: Exchange, language: str) -> str:
    record: HelpRequest | HelpOffer | None = None
    if exchange.request_id is not None:
        record = data.requests.get(exchange.request_id)
    elif exchange.offer_id is not None:
        record = data.offers.get(exchange.offer_id)
    if record is not None and record.title:
        return record.title
    return _category_name(data, exchange.category, language)


def _text_of(data: FeedData, exchange: Exchange) -> str:
    if exchange.request_id is not None and exchange.request_id in data.requests:
        return data.requests[exchange.request_id].description
    if exchange.offer_id is not None and exchange.offer_id in data.offers:
        return data.offers[exchange.offer_id].description
    return ""


def _category_name(data: FeedData, code: str, language: str) -> str:
    category = data.categories.get(code)
    return category.name(language) if category is not None else code


def _name(data: FeedData, actor_id: uuid.UUID) -> str:
    actor = data.actors.get(actor_id)
    return actor.name if actor is not None else "—"


def _state(exchange: Exchange, language: str) -> str:
    return translate(f"exchange.{exchange.state.value}", language)


def _contact_lines(
    data: FeedData, exchanges: Sequence[Exchange], counterpart_id: uuid.UUID, language: str
) -> list[str]:
    """The counterpart's phone and mail, only if they agreed to share them."""
    counterpart = data.actors.get(counterpart_id)
    if (
        counterpart is None
        or counterpart.erased
        or not counterpart.consent.share_contact_details
        or not any(e.state.holds_place for e in exchanges)
    ):
        return []
    contact = ", ".join(v for v in (counterpart.phone, counterpart.email) if v)
    if not contact:
        return []
    return [translate("calendar.line.contact", language, name=counterpart.name, contact=contact)]


def _exchange_lines(exchange: Exchange, language: str) -> list[str]:
    lines = []
    if exchange.note:
        lines.append(translate("calendar.line.note", language, note=exchange.note))
    last = exchange.history[-1]
    if exchange.state is ExchangeState.CANCELLED and last.reason:
        lines.append(translate("calendar.line.reason", language, reason=last.reason))
    return lines


def _where_and_what(event: Any, data: FeedData, exchange: Exchange, language: str) -> None:
    place = data.places.get(exchange.place_id)
    if place is not None:
        event.add("location", place.name)
    event.add("categories", [_category_name(data, exchange.category, language)])


# --- self-commitments -----------------------------------------------------------------


def _commitment_event(
    ical: Any, data: FeedData, commitment: Commitment, language: str, now: datetime
) -> icalendar.Event:
    """An all-day event on the first day of each week or month the commitment is kept."""
    hours = format_hours(commitment.minutes_per_period, language)
    key = "week" if commitment.period is Period.WEEK else "month"
    first = commitment.period.start_of(commitment.valid_from)
    last = _last_period_start(commitment)
    empty = last is not None and last < first
    any_ = translate("calendar.any", language)
    categories = ", ".join(
        sorted(_category_name(data, code, language) for code in commitment.categories)
    )
    places = ", ".join(
        sorted(data.places[p].name for p in commitment.place_ids if p in data.places)
    )
    modified = commitment.made_at
    if commitment.changes:
        changed = datetime.combine(commitment.changes[-1].on, time(), UTC)
        modified = max(modified, min(changed, now))
    event = _event(
        ical,
        uid=f"commitment-{commitment.id}@sorgende",
        summary=translate(f"calendar.commitment.{key}", language, hours=hours),
        description=[
            translate("calendar.line.categories", language, names=categories or any_),
            translate("calendar.line.places", language, names=places or any_),
        ],
        modified=modified,
        sequence=commitment.version,
        cancelled=empty,
        transparent=True,
    )
    event.add("dtstart", first)
    event.add("dtend", first + timedelta(days=1))
    if not empty:
        rule: dict[str, Any] = {"FREQ": "WEEKLY" if key == "week" else "MONTHLY"}
        if last is not None:
            rule["UNTIL"] = last
        event.add("rrule", rule)
        skipped = _paused_period_starts(commitment, first, last)
        if skipped:
            event.add("exdate", skipped)
    return event


def _last_period_start(commitment: Commitment) -> date | None:
    """The last day a kept period can start on, ``None`` while the commitment runs on.

    Mirrors :func:`sorgende.domain.commitments.fulfilment`: a period counts when the
    commitment is active on its first day; ending or pausing on a day takes that day.
    """
    bound = commitment.valid_until
    if commitment.status is CommitmentStatus.ENDED and bound is not None:
        bound -= timedelta(days=1)
    if commitment.status is CommitmentStatus.PAUSED and commitment.changes:
        paused = commitment.changes[-1].on - timedelta(days=1)
        bound = paused if bound is None else min(bound, paused)
    return bound


def _paused_period_starts(commitment: Commitment, first: date, last: date | None) -> list[date]:
    """Starts of the periods before ``last`` that were paused (finite: up to the last change)."""
    if not commitment.changes:
        return []
    end = max(change.on for change in commitment.changes)
    if last is not None:
        end = min(end, last)
    skipped = []
    start = first
    while start <= end:
        day = max(start, commitment.valid_from)
        if commitment.status_on(day) is not CommitmentStatus.ACTIVE:
            skipped.append(start)
        start = commitment.period.next_start(start)
    return skipped


def _icalendar() -> Any:
    try:
        import icalendar
    except ImportError as exc:
        raise MissingDependency(
            feature="calendar feeds",
            feature_de="Kalender-Abos",
            package="icalendar",
            extra="calendar",
        ) from exc
    return icalendar


__all__ = [
    "CONTENT_TYPE",
    "CalendarSettings",
    "FeedData",
    "build_feed",
    "calendar_response",
    "calendar_settings",
    "feed_token",
    "feed_url",
    "person_feed",
    "person_for_token",
]
