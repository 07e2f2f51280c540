"""The shared calendar as iCalendar feeds (RFC 5545): a community's, an organisation's,
a person's shifts.

* The **shared calendar** of a community (the associations' holiday calendar) holds every
  event of its organisations and each event's shifts: an event is one ``VEVENT``
  (``UID`` ``projects-event-<id>@sorgende``), each of its shifts another
  (``projects-shift-<id>@sorgende``) that is ``RELATED-TO`` its event and says how many
  places are free, and how many of them are kept for a qualification.
  An **organisation's** feed is the same for the events it runs.
* A **person's shifts** are her sign-ups (``projects-signup-<id>@sorgende``): confirmed
  ones, those on the waitlist with their position, and cancelled ones or no-shows as
  ``STATUS:CANCELLED``, so that a phone drops them.

The feeds are written with the core's one way of writing iCalendar
(:func:`sorgende.calendar.calendar_of`): ``DTSTAMP`` and ``LAST-MODIFIED`` from the
records (no clock: the same records give the same bytes), ``SEQUENCE`` from their
versions, times in the community's time zone. Their addresses carry the person's secret
calendar token of the core (:func:`sorgende.calendar.person_token`): one secret opens a
person's feeds, rotated with ``[plugins.calendar] secret`` like the core's own feed,
and what a feed shows is what that person may see.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any, Final
from zoneinfo import ZoneInfo

import attrs

from sorgende.calendar import Entry, calendar_of, calendar_settings, person_for_token
from sorgende.domain.actors import Actor
from sorgende.domain.community import Community, Place
from sorgende.errors import NotFound, UnknownFeedToken
from sorgende.i18n import LANGUAGES, format_number, is_registered, register_messages, translate
from sorgende_projects.model import Event, Shift, SignUp, SignUpState
from sorgende_projects.rules import free_by_need

DOMAIN: Final = "sorgende"
#: the feeds a token opens
COMMUNITY: Final = "community"
ORGANISATION: Final = "organisation"
SHIFTS: Final = "shifts"

MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {
    "projects.calendar.community.name": {
        "de": "Gemeinsamer Kalender – {community}",
        "en": "Shared calendar – {community}",
    },
    "projects.calendar.community.description": {
        "de": "Alle Veranstaltungen und Schichten der Organisationen in {community}",
        "en": "All events and shifts of the organisations in {community}",
    },
    "projects.calendar.organisation.name": {
        "de": "Veranstaltungen – {organisation}",
        "en": "Events – {organisation}",
    },
    "projects.calendar.organisation.description": {
        "de": "Die Veranstaltungen und Schichten von {organisation}",
        "en": "The events and shifts of {organisation}",
    },
    "projects.calendar.shifts.name": {
        "de": "Meine Schichten – {person}",
        "en": "My shifts – {person}",
    },
    "projects.calendar.shifts.description": {
        "de": "Die Schichten, für die {person} eingetragen ist",
        "en": "The shifts {person} signed up for",
    },
    "projects.calendar.category.event": {"de": "Veranstaltung", "en": "Event"},
    "projects.calendar.category.shift": {"de": "Schicht", "en": "Shift"},
    "projects.calendar.shift.summary": {
        "de": "Schicht „{shift}“ – {event}",
        "en": "Shift “{shift}” – {event}",
    },
    "projects.calendar.shift.waiting": {
        "de": "Warteliste (Platz {position}): „{shift}“ – {event}",
        "en": "Waitlist (place {position}): “{shift}” – {event}",
    },
    "projects.calendar.line.organisers": {
        "de": "Veranstaltet von {names}",
        "en": "Organised by {names}",
    },
    "projects.calendar.line.free.one": {
        "de": "{count} von {capacity} Plätzen frei",
        "en": "{count} of {capacity} places free",
    },
    "projects.calendar.line.free.other": {
        "de": "{count} von {capacity} Plätzen frei",
        "en": "{count} of {capacity} places free",
    },
    "projects.calendar.line.need": {
        "de": "{count} von {kept} Plätzen mit {qualification} frei",
        "en": "{count} of {kept} places with {qualification} free",
    },
    "projects.calendar.line.shifts": {
        "de": "Schichten: {count}",
        "en": "Shifts: {count}",
    },
    "projects.calendar.line.state": {"de": "Stand: {state}", "en": "State: {state}"},
    "projects.calendar.state.confirmed": {"de": "eingetragen", "en": "signed up"},
    "projects.calendar.state.waiting": {"de": "auf der Warteliste", "en": "on the waitlist"},
    "projects.calendar.state.cancelled": {"de": "abgesagt", "en": "cancelled"},
    "projects.calendar.state.no_show": {"de": "nicht erschienen", "en": "did not come"},
}
register_messages(__name__, MESSAGES)


@attrs.frozen
class CalendarData:
    """What the shared calendar is built from, read in one unit of work."""

    community: Community
    events: tuple[Event, ...]
    #: each event's shifts, in their order
    shifts: Mapping[uuid.UUID, tuple[Shift, ...]]
    organisations: Mapping[uuid.UUID, Actor]
    places: Mapping[uuid.UUID, Place]


#: the days one query of events covers (the plugin's queries answer at most 400)
QUERY_DAYS: Final = 365
#: how far ahead the feeds reach (events are planned months ahead, rarely years)
AHEAD_DAYS: Final = 730


def read_calendar(
    platform: Any,
    community_id: uuid.UUID,
    *,
    start: date,
    end: date,
    organisation_id: uuid.UUID | None = None,
    include_cancelled: bool = True,
) -> CalendarData:
    """The events beginning on the days ``start`` to ``end`` (and their shifts) of a
    community, as the plugin's queries give them; of ``organisation_id`` only if given."""
    from sorgende_projects import Projects

    projects = Projects(platform, community_id)
    events = []
    # the query answers a range of days at a time: the feed's reach in such pieces
    first = start
    while first <= end:
        last = min(end, first + timedelta(days=QUERY_DAYS - 1))
        events.extend(
            projects.events(
                start=first,
                end=last,
                organisation_id=organisation_id,
                include_cancelled=include_cancelled,
            )
        )
        first = last + timedelta(days=1)
    shifts = {e.id: tuple(projects.shifts(e.id)) for e in events}
    organisers = {org for e in events for org in e.organisation_ids}
    if organisation_id is not None:
        organisers.add(organisation_id)
    with platform.storage.unit_of_work(community_id) as uow:
        community = uow.community.get()
        organisations = {a.id: a for a in (uow.actors.find(i) for i in organisers) if a}
        places = {p.id: p for p in uow.places.list()}
    return CalendarData(
        community=community,
        events=tuple(events),
        shifts=shifts,
        organisations=organisations,
        places=places,
    )


def qualification_label(kind: str, language: str) -> str:
    """A qualification as people call it ("Erste Hilfe"), or its code for a kind the
    catalogue has no text of."""
    key = f"qualification.{kind}"
    return translate(key, language) if is_registered(key) else kind.replace("_", " ")


def event_uid(event_id: uuid.UUID) -> str:
    return f"projects-event-{event_id}@{DOMAIN}"


def shift_uid(shift_id: uuid.UUID) -> str:
    return f"projects-shift-{shift_id}@{DOMAIN}"


def signup_uid(signup_id: uuid.UUID) -> str:
    return f"projects-signup-{signup_id}@{DOMAIN}"


def where(record: Event | Shift, places: Mapping[uuid.UUID, Place]) -> str:
    """The place of an event or a shift: the community's place and the spot in it."""
    place = places.get(record.place_id) if record.place_id else None
    return ", ".join(part for part in (record.location, place.name if place else "") if part)


def free_lines(shift: Shift, language: str) -> list[str]:
    """How many places are free, in all and per qualification kept (as the shift counts
    its confirmed sign-ups)."""
    free = free_by_need(shift)
    count = sum(max(0, n) for n in free.values())
    form = "one" if count == 1 else "other"
    lines = [
        translate(
            f"projects.calendar.line.free.{form}",
            language,
            count=format_number(count, language),
            capacity=format_number(shift.capacity, language),
        )
    ]
    for need in shift.needs:
        lines.append(
            translate(
                "projects.calendar.line.need",
                language,
                count=format_number(max(0, free[need.qualification]), language),
                kept=format_number(need.count, language),
                qualification=qualification_label(need.qualification, language),
            )
        )
    return lines


def _organisers(event: Event, data: CalendarData) -> str:
    return ", ".join(
        data.organisations[o].name for o in event.organisation_ids if o in data.organisations
    )


def calendar_entries(data: CalendarData, language: str) -> list[Entry]:
    """Each event and each of its shifts as an entry of the shared calendar."""
    entries = []
    for event in data.events:
        shifts = data.shifts.get(event.id, ())
        category = translate("projects.calendar.category.event", language)
        entries.append(
            Entry(
                uid=event_uid(event.id),
                summary=event.title,
                start=event.starts_at,
                end=event.ends_at,
                modified=event.created_at,
                sequence=event.version,
                location=where(event, data.places),
                description=(
                    event.description,
                    translate(
                        "projects.calendar.line.organisers",
                        language,
                        names=_organisers(event, data),
                    ),
                    translate("projects.calendar.line.shifts", language, count=len(shifts)),
                ),
                categories=(category,),
                cancelled=event.cancelled,
            )
        )
        for shift in shifts:
            entries.append(
                Entry(
                    uid=shift_uid(shift.id),
                    summary=translate(
                        "projects.calendar.shift.summary",
                        language,
                        shift=shift.title,
                        event=event.title,
                    ),
                    start=shift.starts_at,
                    end=shift.ends_at,
                    # a shift has no time of its own: its event's; every sign-up bumps
                    # its version, so SEQUENCE tells apps that the free places changed
                    modified=event.created_at,
                    sequence=shift.version + event.version,
                    location=where(shift, data.places) or where(event, data.places),
                    description=tuple(free_lines(shift, language)),
                    categories=(translate("projects.calendar.category.shift", language),),
                    cancelled=shift.cancelled or event.cancelled,
                    related_to=event_uid(event.id),
                )
            )
    return entries


def signup_entries(
    signups: Iterable[SignUp],
    shifts: Mapping[uuid.UUID, Shift],
    events: Mapping[uuid.UUID, Event],
    places: Mapping[uuid.UUID, Place],
    language: str,
    waitlist: Mapping[uuid.UUID, int] | None = None,
) -> list[Entry]:
    """A person's sign-ups as entries of her calendar of shifts (``waitlist``: the place
    of each waiting sign-up on its shift's waitlist, 1 the next)."""
    entries = []
    for signup in signups:
        shift = shifts.get(signup.shift_id)
        event = events.get(signup.event_id)
        if shift is None or event is None:
            continue
        key = "waiting" if signup.state is SignUpState.WAITING else "summary"
        summary = translate(
            f"projects.calendar.shift.{key}",
            language,
            shift=shift.title,
            event=event.title,
            position=(waitlist or {}).get(signup.id, signup.position),
        )
        changes = [
            signup.signed_up_at,
            signup.promoted_at,
            signup.cancelled_at,
            signup.no_show_at,
        ]
        entries.append(
            Entry(
                uid=signup_uid(signup.id),
                summary=summary,
                start=shift.starts_at,
                end=shift.ends_at,
                modified=max(c for c in changes if c is not None),
                sequence=signup.version,
                location=where(shift, places) or where(event, places),
                description=(
                    translate(
                        "projects.calendar.line.state",
                        language,
                        state=translate(f"projects.calendar.state.{signup.state.value}", language),
                    ),
                ),
                categories=(translate("projects.calendar.category.shift", language),),
                cancelled=signup.state in (SignUpState.CANCELLED, SignUpState.NO_SHOW)
                or shift.cancelled
                or event.cancelled,
                related_to=event_uid(event.id),
            )
        )
    return entries


# -- the feeds behind the addresses ----------------------------------------------------------


def _language(platform: Any, language: str | None) -> str:
    return language if language in LANGUAGES else str(platform.language)


def community_feed(
    platform: Any,
    community_id: uuid.UUID,
    *,
    organisation_id: uuid.UUID | None = None,
    language: str | None = None,
) -> bytes:
    """The shared calendar of ``community_id`` (of ``organisation_id`` if given) since
    the feed's reach back (``[plugins.calendar] past_days``)."""
    lang = _language(platform, language)
    now = platform.clock()
    today = now.date()
    with platform.storage.unit_of_work(community_id) as uow:
        if organisation_id is not None:
            organisation = uow.actors.find(organisation_id)
            if organisation is None or not organisation.kind.is_organisation:
                raise NotFound("actor", organisation_id)
    past = calendar_settings(platform.settings).past_days
    data = read_calendar(
        platform,
        community_id,
        start=today - timedelta(days=past),
        end=today + timedelta(days=AHEAD_DAYS),
        organisation_id=organisation_id,
    )
    zone = ZoneInfo(data.community.time_zone)
    if organisation_id is None:
        which, names = COMMUNITY, {"community": data.community.name}
    else:
        which, names = ORGANISATION, {"organisation": data.organisations[organisation_id].name}
    return calendar_of(
        calendar_entries(data, lang),
        product=f"projects {which}",
        name=translate(f"projects.calendar.{which}.name", lang, **names),
        description=translate(f"projects.calendar.{which}.description", lang, **names),
        zone=zone,
        language=lang,
        today=now.astimezone(zone).date(),
    )


def shifts_feed(
    platform: Any, community_id: uuid.UUID, person_id: uuid.UUID, *, language: str | None = None
) -> bytes:
    """The shifts ``person_id`` signed up for (an unknown or erased person: NotFound)."""
    lang = _language(platform, language)
    now = platform.clock()
    since = now - timedelta(days=calendar_settings(platform.settings).past_days)
    from sorgende_projects import Projects

    with platform.storage.unit_of_work(community_id) as uow:
        community = uow.community.get()
        person = uow.actors.get(person_id)
        places = {p.id: p for p in uow.places.list()}
    if person.erased:
        raise NotFound("actor", person_id)
    projects = Projects(platform, community_id)
    # her own sign-ups, read as herself (the use case's own check)
    signups = projects.my_sign_ups(person_id, by=person_id, active_only=False)
    shifts = {i: projects.shift(i) for i in {s.shift_id for s in signups}}
    signups = [s for s in signups if shifts[s.shift_id].ends_at > since]
    events = {i: projects.event(i) for i in {s.event_id for s in signups}}
    waitlist: dict[uuid.UUID, int] = {}
    for shift_id in {s.shift_id for s in signups if s.state is SignUpState.WAITING}:
        for place, waiting in enumerate(projects.waitlist(shift_id), 1):
            waitlist[waiting.id] = place
    zone = ZoneInfo(community.time_zone)
    return calendar_of(
        signup_entries(signups, shifts, events, places, lang, waitlist),
        product="projects shifts",
        name=translate("projects.calendar.shifts.name", lang, person=person.name),
        description=translate("projects.calendar.shifts.description", lang, person=person.name),
        zone=zone,
        language=lang,
        today=now.astimezone(zone).date(),
    )


def feed_for_token(
    platform: Any,
    token: str,
    which: str,
    *,
    organisation_id: uuid.UUID | None = None,
    language: str | None = None,
) -> bytes:
    """The feed ``which`` (:data:`COMMUNITY`, :data:`ORGANISATION`, :data:`SHIFTS`) at a
    person's secret address; a wrong token, or one of a person who is gone, raises
    :class:`~sorgende.errors.UnknownFeedToken` (404)."""
    conf = calendar_settings(platform.settings)
    community_id, person_id = person_for_token(conf.require_secrets(), token)
    try:
        with platform.storage.unit_of_work(community_id) as uow:
            person = uow.actors.get(person_id)
        if not person.active:
            raise UnknownFeedToken()
        if which == SHIFTS:
            return shifts_feed(platform, community_id, person_id, language=language)
        return community_feed(
            platform,
            community_id,
            organisation_id=organisation_id if which == ORGANISATION else None,
            language=language,
        )
    except NotFound as exc:
        raise UnknownFeedToken() from exc
