"""A person's feed: their accepted exchanges and self-commitments as iCalendar events.

Whose phone and mail a feed shows is the core's policy's answer
(:func:`sorgende.domain.policy.may_see_contact`), the same the web's pages give: the
counterpart's, while an exchange between the two is accepted, completed or disputed and
if they agreed to share them; every person in scope for the feed's owner if the owner
coordinates them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Final
from zoneinfo import ZoneInfo

import attrs

from sorgende.calendar.ical import add_timezone, icalendar_module, new_calendar, vevent
from sorgende.calendar.settings import calendar_settings
from sorgende.calendar.tokens import person_for_token
from sorgende.domain import policy
from sorgende.domain.actors import Actor
from sorgende.domain.categories import Category
from sorgende.domain.commitments import Commitment, CommitmentStatus, Period
from sorgende.domain.community import Community, Place
from sorgende.domain.exchanges import Exchange, ExchangeState
from sorgende.domain.help import HelpOffer, HelpRequest
from sorgende.errors import NotFound, UnknownFeedToken
from sorgende.i18n import LANGUAGES, format_hours, translate

if TYPE_CHECKING:
    import icalendar

    from sorgende.ports import UnitOfWork
    from sorgende.services.platform import Platform


_CANCELLED_STATES: Final = frozenset({ExchangeState.CANCELLED, ExchangeState.NO_SHOW})


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
    #: the people whose contact details the owner may see (the policy's answer)
    contacts: frozenset[uuid.UUID] = frozenset()


def _read(
    platform: Platform, community_id: uuid.UUID, actor_id: uuid.UUID, since: datetime
) -> FeedData:
    with platform.storage.unit_of_work(community_id) as uow:
        community = uow.community.get()
        actor = uow.actors.get(actor_id)
        if actor.erased:
            raise NotFound("actor", actor_id)
        mine = uow.exchanges.list(actor_id=actor_id)
        exchanges = tuple(e for e in mine if e.scheduled >= since and _accepted(e))
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
            contacts=contacts_seen(uow, actor_id, actors.values(), mine),
        )


def contacts_seen(
    uow: UnitOfWork,
    actor_id: uuid.UUID,
    people: Iterable[Actor],
    exchanges: Sequence[Exchange],
) -> frozenset[uuid.UUID]:
    """Of ``people``, those whose contact details ``actor_id`` may see, judged on their
    exchanges as :meth:`~sorgende.CommunityService.contact` judges them."""
    from sorgende.services.base import acting

    who = acting(uow, actor_id)
    return frozenset(
        p.id for p in people if p.id != actor_id and policy.may_see_contact(who, p, exchanges)
    )


def _accepted(exchange: Exchange) -> bool:
    """Whether the exchange was ever agreed (a proposal alone is no date in a calendar)."""
    return any(record.transition == "accept" for record in exchange.history)


def build_feed(data: FeedData, language: str, zone: ZoneInfo, now: datetime) -> bytes:
    """The feed of ``data`` as iCalendar bytes (``now`` only caps future change dates)."""
    ical = icalendar_module()
    person = data.actor
    calendar = new_calendar(
        ical,
        product="calendar feed",
        name=translate(
            "calendar.name", language, community=data.community.name, person=person.name
        ),
        description=translate("calendar.description", language, person=person.name),
        zone=zone,
        language=language,
    )

    events = [
        *_exchange_events(ical, data, language, zone),
        *(_commitment_event(ical, data, c, language, now) for c in data.commitments),
    ]
    years = [_start_day(e).year for e in events] or [data.since.year]
    first_year = min(*years, data.since.year)
    last_year = max(*years, now.year)
    add_timezone(ical, calendar, zone, first_year, last_year)
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
        *_contact_lines(data, counterpart_id, language),
        *_exchange_lines(exchange, language),
    ]
    event = vevent(
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
        lines.extend(_contact_lines(data, exchange.helper_id, language))
    for exchange in group:
        lines.extend(_exchange_lines(exchange, language))
    when = scheduled.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    event = vevent(
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


def _contact_lines(data: FeedData, counterpart_id: uuid.UUID, language: str) -> list[str]:
    """The counterpart's phone and mail, if the policy lets the feed's owner see them."""
    counterpart = data.actors.get(counterpart_id)
    if counterpart is None or counterpart_id not in data.contacts:
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
    event = vevent(
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
