"""The texts of apprise messages, in German and English.

A message names what happened and the ids involved, never names or free texts of people:
it leaves the platform for a chat service the municipality does not run. The texts are
this plugin's part of sorgende's message catalogue (:mod:`sorgende.i18n`): the title of
an event under ``apprise.kind.<event type>``, the label of a field under
``apprise.field.<name>``, the configuration's refusals under ``apprise.problem.*``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Final
from zoneinfo import ZoneInfo

import attrs

from sorgende.domain.events import DomainEvent
from sorgende.i18n import (
    format_datetime,
    format_number,
    is_registered,
    register_messages,
    translate,
)

MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {
    "apprise.field.actor_id": {
        "de": "Person",
        "en": "Person",
    },
    "apprise.field.at": {
        "de": "Zeit",
        "en": "Time",
    },
    "apprise.field.by": {
        "de": "Ausgelöst von",
        "en": "By",
    },
    "apprise.field.code": {
        "de": "Art",
        "en": "Kind",
    },
    "apprise.field.commitment_id": {
        "de": "Selbstverpflichtung",
        "en": "Self-commitment",
    },
    "apprise.field.community_id": {
        "de": "Gemeinschaft",
        "en": "Community",
    },
    "apprise.field.exchange_id": {
        "de": "Einsatz",
        "en": "Exchange",
    },
    "apprise.field.helper_id": {
        "de": "Helfende Person",
        "en": "Helper",
    },
    "apprise.field.minutes": {
        "de": "Stunden",
        "en": "Hours",
    },
    "apprise.field.offer_id": {
        "de": "Hilfsangebot",
        "en": "Offer",
    },
    "apprise.field.place_id": {
        "de": "Ort",
        "en": "Place",
    },
    "apprise.field.posting_id": {
        "de": "Buchung",
        "en": "Posting",
    },
    "apprise.field.recipient_id": {
        "de": "Empfangende Person",
        "en": "Recipient",
    },
    "apprise.field.recognition_id": {
        "de": "Anerkennung",
        "en": "Recognition",
    },
    "apprise.field.request_id": {
        "de": "Hilfegesuch",
        "en": "Request",
    },
    "apprise.kind.ActorRegistered": {
        "de": "Neu registriert",
        "en": "Newly registered",
    },
    "apprise.kind.ActorUpdated": {
        "de": "Angaben geändert",
        "en": "Details changed",
    },
    "apprise.kind.CategoryAdded": {
        "de": "Hilfebereich hinzugefügt",
        "en": "Kind of help added",
    },
    "apprise.kind.CommitmentEnded": {
        "de": "Selbstverpflichtung beendet",
        "en": "Self-commitment ended",
    },
    "apprise.kind.CommitmentMade": {
        "de": "Neue Selbstverpflichtung",
        "en": "New self-commitment",
    },
    "apprise.kind.CommitmentPaused": {
        "de": "Selbstverpflichtung pausiert",
        "en": "Self-commitment paused",
    },
    "apprise.kind.CommitmentResumed": {
        "de": "Selbstverpflichtung fortgesetzt",
        "en": "Self-commitment resumed",
    },
    "apprise.kind.CommunityCreated": {
        "de": "Gemeinschaft angelegt",
        "en": "Community created",
    },
    "apprise.kind.ExchangeAccepted": {
        "de": "Einsatz zugesagt",
        "en": "Exchange accepted",
    },
    "apprise.kind.ExchangeCancelled": {
        "de": "Einsatz abgesagt",
        "en": "Exchange cancelled",
    },
    "apprise.kind.ExchangeCompleted": {
        "de": "Einsatz als erledigt gemeldet",
        "en": "Exchange completed",
    },
    "apprise.kind.ExchangeConfirmed": {
        "de": "Einsatz bestätigt",
        "en": "Exchange confirmed",
    },
    "apprise.kind.ExchangeDeclined": {
        "de": "Einsatz abgelehnt",
        "en": "Exchange declined",
    },
    "apprise.kind.ExchangeDisputed": {
        "de": "Einsatz strittig",
        "en": "Exchange disputed",
    },
    "apprise.kind.ExchangeEvent": {
        "de": "Einsatz geändert",
        "en": "Exchange changed",
    },
    "apprise.kind.ExchangeNoShow": {
        "de": "Einsatz nicht zustande gekommen",
        "en": "Exchange: no-show",
    },
    "apprise.kind.ExchangeProposed": {
        "de": "Einsatz vorgeschlagen",
        "en": "Exchange proposed",
    },
    "apprise.kind.ExchangeResolved": {
        "de": "Streitfall geklärt",
        "en": "Dispute resolved",
    },
    "apprise.kind.HoursAdjusted": {
        "de": "Stunden umgebucht",
        "en": "Hours adjusted",
    },
    "apprise.kind.OfferPosted": {
        "de": "Neues Hilfsangebot",
        "en": "New offer of help",
    },
    "apprise.kind.OfferWithdrawn": {
        "de": "Hilfsangebot zurückgezogen",
        "en": "Offer withdrawn",
    },
    "apprise.kind.PersonErased": {
        "de": "Personendaten gelöscht",
        "en": "Personal data erased",
    },
    "apprise.kind.PlaceAdded": {
        "de": "Ort hinzugefügt",
        "en": "Place added",
    },
    "apprise.kind.RecognitionAwarded": {
        "de": "Anerkennung verliehen",
        "en": "Recognition awarded",
    },
    "apprise.kind.RequestExpired": {
        "de": "Hilfegesuch abgelaufen",
        "en": "Request expired",
    },
    "apprise.kind.RequestFulfilled": {
        "de": "Hilfegesuch erledigt",
        "en": "Request fulfilled",
    },
    "apprise.kind.RequestMatched": {
        "de": "Hilfegesuch vergeben",
        "en": "Request matched",
    },
    "apprise.kind.RequestPosted": {
        "de": "Neues Hilfegesuch",
        "en": "New request for help",
    },
    "apprise.kind.RequestReopened": {
        "de": "Hilfegesuch wieder offen",
        "en": "Request open again",
    },
    "apprise.kind.RequestWithdrawn": {
        "de": "Hilfegesuch zurückgezogen",
        "en": "Request withdrawn",
    },
    "apprise.line": {
        "de": "{label}: {value}",
        "en": "{label}: {value}",
    },
    "apprise.problem.apprise_knows_no_service": {
        "de": "apprise kennt keinen Dienst für diese {scheme}://-URL, oder ihr fehlt ein Teil",
        "en": "apprise knows no service for this {scheme}:// URL, or it lacks a part",
    },
    "apprise.problem.de_en": {
        "de": "{value!r} ist weder de noch en",
        "en": "{value!r} is not de or en",
    },
    "apprise.problem.empty_nothing_would_sent": {
        "de": "ist leer: nichts würde gesendet; ohne den Schlüssel geht jede Art",
        "en": "is empty: nothing would be sent; leave it out for every kind",
    },
    "apprise.problem.letters_digits": {
        "de": "muss aus 1 bis 63 Buchstaben, Ziffern, '.', '-' oder '_' bestehen",
        "en": "must be 1 to 63 letters, digits, '.', '-' or '_'",
    },
    "apprise.problem.list_urls_tables_with": {
        "de": "muss eine Liste von URLs oder von Tabellen mit url und tags sein",
        "en": "must be a list of URLs or of tables with url and tags",
    },
    "apprise.problem.names_no_tag": {
        "de": "nennt kein Tag",
        "en": "names no tag",
    },
    "apprise.problem.needs_url": {
        "de": "braucht eine url",
        "en": "needs a url",
    },
    "apprise.problem.no_kind_event_known": {
        "de": "{value!r} ist keine Ereignisart; bekannt sind: {event_types}",
        "en": "{value!r} is no kind of event; known: {event_types}",
    },
    "apprise.problem.no_tag_letters_digits": {
        "de": "{tag!r} ist kein Tag: 1 bis 63 Buchstaben, Ziffern, '.', '-' oder '_'",
        "en": "{tag!r} is no tag: 1 to 63 letters, digits, '.', '-' or '_'",
    },
    "apprise.problem.string_list_strings": {
        "de": "muss Text oder eine Textliste sein",
        "en": "must be a string or a list of strings",
    },
    "apprise.problem.table_event_kinds_their": {
        "de": "muss eine Tabelle aus Ereignisarten und ihren Tags sein",
        "en": "must be a table of event kinds and their tags",
    },
    "apprise.problem.time_zone_name_such": {
        "de": "{value!r} ist kein Zeitzonenname wie Europe/Berlin",
        "en": "{value!r} is not a time zone name such as Europe/Berlin",
    },
    "apprise.problem.two_urls_named": {
        "de": "zwei URLs heißen {target_name!r}",
        "en": "two URLs are named {target_name!r}",
    },
    "apprise.problem.unknown_keys_known": {
        "de": "unbekannte Schlüssel {unknown}; bekannt sind: {_keys}",
        "en": "unknown keys {unknown}; known: {_keys}",
    },
    "apprise.problem.unknown_keys_known_url": {
        "de": "unbekannte Schlüssel {extra}; bekannt sind: url, tags, name",
        "en": "unknown keys {extra}; known: url, tags, name",
    },
    "apprise.problem.url_apprise_knows": {
        "de": "{shown} ist keine URL, die apprise kennt",
        "en": "{shown} is not a URL apprise knows",
    },
    "apprise.time": {
        "de": "{time} ({zone})",
        "en": "{time} ({zone})",
    },
    "apprise.kind.AdjustmentApproved": {
        "de": "Umbuchung freigegeben",
        "en": "Adjustment approved",
    },
    "apprise.kind.AdjustmentRejected": {
        "de": "Umbuchung abgelehnt",
        "en": "Adjustment rejected",
    },
    "apprise.kind.AdjustmentRequested": {
        "de": "Umbuchung zur Freigabe",
        "en": "Adjustment awaiting approval",
    },
    "apprise.kind.MembershipChanged": {
        "de": "Mitgliedschaft geändert",
        "en": "Membership changed",
    },
    "apprise.kind.PersonDeactivated": {
        "de": "Person abgemeldet",
        "en": "Person deactivated",
    },
    "apprise.kind.PersonReactivated": {
        "de": "Person wieder angemeldet",
        "en": "Person reactivated",
    },
    "apprise.kind.PersonExported": {
        "de": "Personendaten exportiert",
        "en": "Personal data exported",
    },
    "apprise.kind.RoleGranted": {
        "de": "Rolle vergeben",
        "en": "Role granted",
    },
    "apprise.kind.RoleRevoked": {
        "de": "Rolle entzogen",
        "en": "Role revoked",
    },
    "apprise.kind.SettingsChanged": {
        "de": "Einstellungen geändert",
        "en": "Settings changed",
    },
    "apprise.kind.SolidarityMarked": {
        "de": "Solidaritätskonto: Unterstützung geändert",
        "en": "Solidarity support changed",
    },
}

register_messages(__name__, MESSAGES)

#: the event fields a message shows; other fields (free texts) are left out
FIELDS: Final = frozenset(
    {
        "community_id",
        "at",
        "by",
        "request_id",
        "offer_id",
        "exchange_id",
        "helper_id",
        "recipient_id",
        "actor_id",
        "place_id",
        "posting_id",
        "commitment_id",
        "recognition_id",
        "code",
        "minutes",
    }
)

#: how a chat shows the message: a warning for what needs a coordinator's eye
WARNINGS: Final = frozenset(
    {"ExchangeCancelled", "ExchangeNoShow", "ExchangeDisputed", "RequestExpired"}
)
SUCCESSES: Final = frozenset(
    {"ExchangeConfirmed", "RequestFulfilled", "RecognitionAwarded", "ExchangeResolved"}
)


def title(kind: str, language: str) -> str:
    key = f"apprise.kind.{kind}"
    return translate(key, language) if is_registered(key) else kind


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
        value = getattr(event, field.name)
        if field.name not in FIELDS or value is None:
            continue
        if field.name == "minutes":
            text = format_number(value / 60, language, 1)
        elif isinstance(value, datetime):
            text = translate(
                "apprise.time",
                language,
                time=format_datetime(value.astimezone(zone), language),
                zone=zone.key,
            )
        else:
            text = str(value)
        label = translate(f"apprise.field.{field.name}", language)
        lines.append(translate("apprise.line", language, label=label, value=text))
    return "\n".join(lines)
