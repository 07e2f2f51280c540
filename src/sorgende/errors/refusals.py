"""Refusals of help: the wrong hours, time, category or place; a closed request; a
missing qualification; a step an exchange or a request cannot take from where it is.

Each names what it is about as a person knows it (:mod:`sorgende.errors.naming`): the
constructors take the records (an actor, a category, a request, an exchange) or, where
the raiser has only those, their ids and codes. The ids and codes stay in ``params``
for developers (``actor_id``, ``request_id``, ``category_code``...).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import ClassVar

from sorgende.errors import naming
from sorgende.errors.base import PermissionDenied, SorgendeError, ValidationError, field_label
from sorgende.i18n import (
    Capitalised,
    Listing,
    LocalDate,
    Localised,
    Message,
    Quoted,
    Term,
)

__all__ = [
    "IllegalStatusChange",
    "IllegalTransition",
    "InvalidAdjustment",
    "InvalidHours",
    "InvalidTimeWindow",
    "MissingQualification",
    "NaiveDatetime",
    "OfferClosed",
    "RequestClosed",
    "RequestFull",
    "SelfHelp",
    "UnknownCategory",
    "UnknownPlace",
    "Vetoed",
]


class InvalidHours(ValidationError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "{field}: {hours} hours is not allowed; hours must be more than 0 and at most 24",
        "de": "{field}: {hours} Stunden sind nicht möglich; erlaubt sind mehr als 0 und "
        "höchstens 24 Stunden",
    }

    def __init__(self, hours: object, field: str = "hours") -> None:
        super().__init__(hours=hours, field=field_label(field), field_name=field)


class InvalidAdjustment(ValidationError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "hours: {hours} hours cannot be adjusted; give at least one minute and at most "
        "{most} hours",
        "de": "Stunden: {hours} Stunden können nicht umgebucht werden; erlaubt sind eine "
        "Minute bis {most} Stunden",
    }


class InvalidTimeWindow(ValidationError):
    """A window that ends before it starts; ``start`` and ``end`` are times (or ISO text)."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "The time ends ({end}) before it starts ({start})",
        "de": "Der Zeitraum endet ({end}) vor seinem Beginn ({start})",
    }

    def __init__(self, start: object, end: object, zone: str | None = None) -> None:
        super().__init__(start=naming.moment(start, zone), end=naming.moment(end, zone))


class NaiveDatetime(ValidationError):
    """A time without a time zone (``value``: the time, shown as given)."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{field}: the time {value} has no time zone; give an aware datetime",
        "de": "{field}: Die Zeitangabe {value} hat keine Zeitzone",
    }

    def __init__(self, field: str, value: object) -> None:
        super().__init__(field=field_label(field), value=naming.moment(value), field_name=field)


class UnknownCategory(ValidationError):
    """``category`` (the code asked for) is none of the community's ``known`` categories."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "There is no category {category} in this community; there are: {known}",
        "de": "Eine Kategorie {category} gibt es in dieser Gemeinschaft nicht; es gibt: {known}",
    }

    def __init__(self, category: str, known: Iterable[object]) -> None:
        listed = list(known)
        super().__init__(
            category=Quoted(category),
            known=naming.categories(listed) if listed else "-",
            category_code=category,
            known_codes=tuple(sorted(str(naming.key_of(k)) for k in listed)),
        )


class UnknownPlace(ValidationError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "Unknown place: it is not a place of this community",
        "de": "Unbekannter Ort: er gehört nicht zu dieser Gemeinschaft",
    }

    def __init__(self, place: object) -> None:
        super().__init__(place=place, place_id=naming.key_of(place))


class SelfHelp(ValidationError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "{actor} cannot help themselves: helper and recipient must differ",
        "de": "{actor} kann sich nicht selbst helfen: Helfende und Empfangende müssen "
        "verschiedene Personen sein",
    }

    def __init__(self, actor: object) -> None:
        super().__init__(actor=Capitalised(naming.person(actor)), actor_id=naming.key_of(actor))


class RequestClosed(ValidationError):
    """``request`` (the record or its id) is ``status``; ``category`` names it if untitled."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{request} is {status}; it takes no more helpers",
        "de": "{request} ist {status}; es nimmt keine Helfenden mehr an",
    }

    def __init__(self, request: object, status: str, category: object = None) -> None:
        super().__init__(
            request=Capitalised(naming.request(request, category)),
            status=Message(f"request.{status}"),
            request_id=naming.key_of(request),
        )


class RequestFull(ValidationError):
    """``request`` has its ``needed`` helpers for ``occurrence`` (a time)."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{request} already has the helpers it needs for {occurrence} ({needed})",
        "de": "{request} hat für {occurrence} schon genug Helfende ({needed})",
    }

    def __init__(
        self, request: object, needed: int, occurrence: object, category: object = None
    ) -> None:
        super().__init__(
            request=Capitalised(naming.request(request, category, dated=False)),
            needed=needed,
            occurrence=naming.moment(occurrence),
            request_id=naming.key_of(request),
        )


class OfferClosed(ValidationError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "{offer} is {status}; it cannot be used any more",
        "de": "{offer} ist {status} und kann nicht mehr genutzt werden",
    }

    def __init__(self, offer: object, status: str, category: object = None) -> None:
        super().__init__(
            offer=Capitalised(naming.offer(offer, category)),
            status=Message(f"offer.{status}"),
            offer_id=naming.key_of(offer),
        )


class MissingQualification(ValidationError):
    """``actor`` lacks the ``missing`` qualification kinds ``category`` requires on ``day``.

    Given the actor's record, the message says for each kind whether the proof expired
    (and since when), is not valid yet, or is missing: "Marie Schmitz kann bei
    „Vorlesestunde in der Kita“ am Dienstag, 18. März nicht helfen: das erweiterte
    Führungszeugnis ist seit dem 15. März abgelaufen." ``day`` may be the occurrence's
    time (its day in the community's time zone counts).
    """

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{actor} cannot help with {category} on {day}: {reasons}.",
        "de": "{actor} kann bei {category} am {day} nicht helfen: {reasons}.",
    }

    def __init__(
        self,
        actor: object,
        category: object,
        day: object,
        missing: Iterable[str] | str,
        zone: str | None = None,
    ) -> None:
        kinds = sorted(
            {k.strip() for k in missing.split(",")} if isinstance(missing, str) else set(missing)
        )
        named = naming.person(actor)
        on = naming.local_day(day, zone)
        super().__init__(
            actor=Capitalised(named),
            category=Quoted(naming.category(category)),
            day=naming.day(day, zone),
            reasons=Listing(_why(actor, kind, on, _form(named)) for kind in kinds),
            actor_id=naming.key_of(actor),
            category_code=naming.key_of(category),
            missing=tuple(kinds),
        )


def _form(named: Localised) -> str:
    pronoun = getattr(named, "pronoun", None)
    return {"she": "her", "he": "his"}.get(pronoun or "", "the")


def _why(actor: object, kind: str, on: date | None, form: str) -> Message:
    """Why ``actor``'s proof of ``kind`` does not count on ``on``."""
    held = [q for q in getattr(actor, "qualifications", ()) if getattr(q, "kind", None) == kind]
    if on is not None:
        proof = naming.qualification(kind, form)
        later = [q.valid_from for q in held if q.valid_from > on]
        if later:
            since = LocalDate(min(later), weekday=False)
            return Message("qualification.not_yet_valid", proof=proof, since=since)
        ended = [q.valid_until for q in held if q.valid_until is not None and q.valid_until < on]
        if ended:
            since = LocalDate(max(ended), weekday=False)
            return Message("qualification.expired", proof=proof, since=since)
    return Message("qualification.missing", proof=naming.qualification(kind, "the"))


# --- state machines -----------------------------------------------------------------


class IllegalTransition(SorgendeError):
    """``transition`` was tried on ``exchange`` from a state that does not allow it.

    ``exchange`` is the record (or its id); ``state`` defaults to its state, ``allowed``
    lists the transitions possible from there; ``category`` names it by its label.
    """

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{exchange} has the status {state}: {transition} is not possible from there "
        "(possible: {allowed})",
        "de": "{exchange} hat den Status {state}: {transition} ist von dort nicht möglich "
        "(möglich: {allowed})",
    }

    def __init__(
        self,
        exchange: object,
        state: object = None,
        transition: str = "",
        allowed: Sequence[str] = (),
        category: object = None,
    ) -> None:
        code = str(state if state is not None else getattr(exchange, "state", ""))
        super().__init__(
            exchange=Capitalised(naming.exchange(exchange, category)),
            state=Quoted(Term("exchange", code)),
            transition=Quoted(Term("transition", transition)),
            allowed=Listing((Term("transition", a) for a in allowed), "or")
            if allowed
            else Message("problem.state_final"),
            exchange_id=naming.key_of(exchange),
            state_code=code,
            transition_code=transition,
        )


class IllegalStatusChange(SorgendeError):
    """A request, an offer or a commitment cannot ``change`` from its ``status``.

    Give the record as ``subject`` (or its ``kind`` and ``id``); ``change`` is the step
    (``withdraw``) or the status it would go to (``paused``).
    """

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{subject} has the status {status}: it cannot be {change}",
        "de": "{subject} hat den Status {status}: {change} ist nicht möglich",
    }

    def __init__(
        self,
        subject: object = None,
        *,
        status: str,
        change: str,
        kind: str | None = None,
        id: object = None,
        category: object = None,
    ) -> None:
        kind = kind or _kind_of(subject)
        record = subject if subject is not None else id
        if kind == "request":
            named: Localised = naming.request(record, category)
        elif kind == "offer":
            named = naming.offer(record, category)
        else:
            named = Message("subject.commitment") if kind == "commitment" else Term("kind", kind)
        super().__init__(
            subject=Capitalised(named),
            status=Quoted(Term(kind, status)),
            change=Term("change", change),
            kind=kind,
            id=naming.key_of(record),
        )


def _kind_of(subject: object) -> str:
    if hasattr(subject, "minutes_per_period"):
        return "commitment"
    if hasattr(subject, "place_ids"):
        return "offer"
    return "request"


class Vetoed(PermissionDenied):
    """A plugin refused the action through the ``sorgende_veto`` hook."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{action} was refused by plugin {plugin}: {reason}",
        "de": "{action} wurde vom Plugin {plugin} abgelehnt: {reason}",
    }

    def __init__(self, action: str, plugin: str, reason: str) -> None:
        SorgendeError.__init__(
            self,
            action=Capitalised(Term("veto", action)),
            plugin=plugin,
            reason=reason,
            action_code=action,
        )
