"""The texts of apprise messages, in German and English.

A message names what happened and the ids involved, never names or free texts of people:
it leaves the platform for a chat service the municipality does not run.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Final
from zoneinfo import ZoneInfo

import attrs

from sorgende.domain.events import DomainEvent

#: what happened, by the event's type name
KINDS: Final[Mapping[str, Mapping[str, str]]] = {
    "CommunityCreated": {"de": "Gemeinschaft angelegt", "en": "Community created"},
    "PlaceAdded": {"de": "Ort hinzugefügt", "en": "Place added"},
    "CategoryAdded": {"de": "Hilfebereich hinzugefügt", "en": "Kind of help added"},
    "ActorRegistered": {"de": "Neu registriert", "en": "Newly registered"},
    "ActorUpdated": {"de": "Angaben geändert", "en": "Details changed"},
    "RequestPosted": {"de": "Neues Hilfegesuch", "en": "New request for help"},
    "RequestMatched": {"de": "Hilfegesuch vergeben", "en": "Request matched"},
    "RequestReopened": {"de": "Hilfegesuch wieder offen", "en": "Request open again"},
    "RequestFulfilled": {"de": "Hilfegesuch erledigt", "en": "Request fulfilled"},
    "RequestWithdrawn": {"de": "Hilfegesuch zurückgezogen", "en": "Request withdrawn"},
    "RequestExpired": {"de": "Hilfegesuch abgelaufen", "en": "Request expired"},
    "OfferPosted": {"de": "Neues Hilfsangebot", "en": "New offer of help"},
    "OfferWithdrawn": {"de": "Hilfsangebot zurückgezogen", "en": "Offer withdrawn"},
    "ExchangeEvent": {"de": "Einsatz geändert", "en": "Exchange changed"},
    "ExchangeProposed": {"de": "Einsatz vorgeschlagen", "en": "Exchange proposed"},
    "ExchangeAccepted": {"de": "Einsatz zugesagt", "en": "Exchange accepted"},
    "ExchangeDeclined": {"de": "Einsatz abgelehnt", "en": "Exchange declined"},
    "ExchangeCancelled": {"de": "Einsatz abgesagt", "en": "Exchange cancelled"},
    "ExchangeCompleted": {"de": "Einsatz als erledigt gemeldet", "en": "Exchange completed"},
    "ExchangeConfirmed": {"de": "Einsatz bestätigt", "en": "Exchange confirmed"},
    "ExchangeNoShow": {"de": "Einsatz nicht zustande gekommen", "en": "Exchange: no-show"},
    "ExchangeDisputed": {"de": "Einsatz strittig", "en": "Exchange disputed"},
    "ExchangeResolved": {"de": "Streitfall geklärt", "en": "Dispute resolved"},
    "HoursAdjusted": {"de": "Stunden umgebucht", "en": "Hours adjusted"},
    "CommitmentMade": {"de": "Neue Selbstverpflichtung", "en": "New self-commitment"},
    "CommitmentPaused": {"de": "Selbstverpflichtung pausiert", "en": "Self-commitment paused"},
    "CommitmentResumed": {
        "de": "Selbstverpflichtung fortgesetzt",
        "en": "Self-commitment resumed",
    },
    "CommitmentEnded": {"de": "Selbstverpflichtung beendet", "en": "Self-commitment ended"},
    "RecognitionAwarded": {"de": "Anerkennung verliehen", "en": "Recognition awarded"},
    "PersonErased": {"de": "Personendaten gelöscht", "en": "Personal data erased"},
}

#: how a chat shows the message: a warning for what needs a coordinator's eye
WARNINGS: Final = frozenset(
    {"ExchangeCancelled", "ExchangeNoShow", "ExchangeDisputed", "RequestExpired"}
)
SUCCESSES: Final = frozenset(
    {"ExchangeConfirmed", "RequestFulfilled", "RecognitionAwarded", "ExchangeResolved"}
)

#: labels of the event fields a message shows; other fields (free texts) are left out
FIELDS: Final[Mapping[str, Mapping[str, str]]] = {
    "community_id": {"de": "Gemeinschaft", "en": "Community"},
    "at": {"de": "Zeit", "en": "Time"},
    "by": {"de": "Ausgelöst von", "en": "By"},
    "request_id": {"de": "Hilfegesuch", "en": "Request"},
    "offer_id": {"de": "Hilfsangebot", "en": "Offer"},
    "exchange_id": {"de": "Einsatz", "en": "Exchange"},
    "helper_id": {"de": "Helfende Person", "en": "Helper"},
    "recipient_id": {"de": "Empfangende Person", "en": "Recipient"},
    "actor_id": {"de": "Person", "en": "Person"},
    "place_id": {"de": "Ort", "en": "Place"},
    "posting_id": {"de": "Buchung", "en": "Posting"},
    "commitment_id": {"de": "Selbstverpflichtung", "en": "Self-commitment"},
    "recognition_id": {"de": "Anerkennung", "en": "Recognition"},
    "code": {"de": "Art", "en": "Kind"},
    "minutes": {"de": "Stunden", "en": "Hours"},
}


def title(kind: str, language: str) -> str:
    labels = KINDS.get(kind)
    return (labels.get(language) or labels["en"]) if labels else kind


def notify_type(kind: str) -> str:
    if kind in WARNINGS:
        return "warning"
    if kind in SUCCESSES:
        return "success"
    return "info"


def body(event: DomainEvent, language: str, zone: ZoneInfo) -> str:
    """One line per shown field of ``event``: ``Einsatz: 9b0c…``."""
    lines = []
    for field in attrs.fields(type(event)):
        labels = FIELDS.get(field.name)
        value = getattr(event, field.name)
        if labels is None or value is None:
            continue
        if field.name == "minutes":
            text = f"{value / 60:.1f}"
            text = text.replace(".", ",") if language == "de" else text
        elif isinstance(value, datetime):
            pattern = "%d.%m.%Y %H:%M" if language == "de" else "%Y-%m-%d %H:%M"
            text = f"{value.astimezone(zone).strftime(pattern)} ({zone.key})"
        else:
            text = str(value)
        lines.append(f"{labels.get(language) or labels['en']}: {text}")
    return "\n".join(lines)
