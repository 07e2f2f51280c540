"""The model's codes and records in words: qualifications, transitions, parties, fields.

Plain data, registered by :mod:`sorgende.i18n`. A code of the model is named through
``prefix.code`` (:class:`sorgende.i18n.Term`); a record a refusal is about (a request,
an exchange) through the ``subject.*`` texts (:mod:`sorgende.errors.naming`), so that a
person reads "das Hilfegesuch „Einkaufen“ für Dienstag, 18. März, 9:00", never an id.

A plugin that adds a qualification kind registers ``qualification.<kind>`` (its label)
and, for nicer sentences, ``qualification.<kind>.the`` / ``.her`` / ``.his``; without
them a sentence says "der Nachweis „<label>“".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

#: qualification kind -> language -> (label, "the ...", "her ...", "his ...")
QUALIFICATIONS: Final[Mapping[str, Mapping[str, tuple[str, str, str, str]]]] = {
    "police_certificate_extended": {
        "de": (
            "erweitertes Führungszeugnis",
            "das erweiterte Führungszeugnis",
            "ihr erweitertes Führungszeugnis",
            "sein erweitertes Führungszeugnis",
        ),
        "en": (
            "extended police certificate",
            "the extended police certificate",
            "her extended police certificate",
            "his extended police certificate",
        ),
    },
    "first_aid": {
        "de": (
            "Erste-Hilfe-Nachweis",
            "der Erste-Hilfe-Nachweis",
            "ihr Erste-Hilfe-Nachweis",
            "sein Erste-Hilfe-Nachweis",
        ),
        "en": (
            "first aid certificate",
            "the first aid certificate",
            "her first aid certificate",
            "his first aid certificate",
        ),
    },
    "driving_licence": {
        "de": ("Führerschein", "der Führerschein", "ihr Führerschein", "sein Führerschein"),
        "en": (
            "driving licence",
            "the driving licence",
            "her driving licence",
            "his driving licence",
        ),
    },
}

#: the forms of a qualification in a sentence, by what is known of its holder
FORMS: Final = ("the", "her", "his")


def _qualifications() -> dict[str, dict[str, str]]:
    texts: dict[str, dict[str, str]] = {}
    for kind, by_language in QUALIFICATIONS.items():
        for index, form in enumerate(("", *(f".{f}" for f in FORMS))):
            texts[f"qualification.{kind}{form}"] = {
                lang: forms[index] for lang, forms in by_language.items()
            }
    return texts


MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {
    **_qualifications(),
    # a kind without texts of its own (a plugin's): "der Nachweis „Jugendleitercard“"
    "qualification.other.the": {"de": "der Nachweis „{label}“", "en": "the proof “{label}”"},
    "qualification.other.her": {"de": "ihr Nachweis „{label}“", "en": "her proof “{label}”"},
    "qualification.other.his": {"de": "sein Nachweis „{label}“", "en": "his proof “{label}”"},
    # why a qualification does not count on a day
    "qualification.expired": {
        "de": "{proof} ist seit dem {since} abgelaufen",
        "en": "{proof} expired on {since}",
    },
    "qualification.not_yet_valid": {
        "de": "{proof} gilt erst ab dem {since}",
        "en": "{proof} is valid only from {since}",
    },
    "qualification.missing": {
        "de": "es fehlt {proof}",
        "en": "{proof} is missing",
    },
    # -- transitions of an exchange (what someone tried to do) --------------------------
    "transition.propose": {"de": "vorschlagen", "en": "propose"},
    "transition.accept": {"de": "zusagen", "en": "accept"},
    "transition.decline": {"de": "ablehnen", "en": "decline"},
    "transition.cancel": {"de": "absagen", "en": "cancel"},
    "transition.complete": {"de": "als erledigt melden", "en": "report as done"},
    "transition.no_show": {
        "de": "als nicht zustande gekommen melden",
        "en": "report as a no-show",
    },
    "transition.confirm": {"de": "bestätigen", "en": "confirm"},
    "transition.dispute": {"de": "beanstanden", "en": "dispute"},
    "transition.resolve": {"de": "klären", "en": "resolve"},
    # -- what a plugin vetoed (sorgende_veto's actions) ------------------------------------
    "veto.propose": {"de": "der Vorschlag des Einsatzes", "en": "proposing the exchange"},
    "veto.accept": {"de": "die Zusage", "en": "accepting the exchange"},
    "veto.decline": {"de": "die Ablehnung", "en": "declining the exchange"},
    "veto.cancel": {"de": "die Absage", "en": "cancelling the exchange"},
    "veto.complete": {"de": "die Meldung als erledigt", "en": "reporting the help as done"},
    "veto.no_show": {
        "de": "die Meldung als nicht zustande gekommen",
        "en": "reporting a no-show",
    },
    "veto.confirm": {"de": "die Bestätigung", "en": "confirming the exchange"},
    "veto.dispute": {"de": "die Beanstandung", "en": "disputing the exchange"},
    "veto.resolve": {"de": "die Klärung", "en": "resolving the dispute"},
    "veto.adjust_hours": {"de": "die Umbuchung der Stunden", "en": "adjusting the hours"},
    "veto.register_actor": {"de": "die Anmeldung", "en": "registering"},
    "veto.post_request": {"de": "das Hilfegesuch", "en": "posting the request"},
    "veto.offer_help": {"de": "das Hilfsangebot", "en": "offering help"},
    "veto.make_commitment": {"de": "die Selbstverpflichtung", "en": "making the commitment"},
    # -- the parties of an exchange ------------------------------------------------------
    "party.helper": {"de": "die helfende Person", "en": "the helper"},
    "party.recipient": {"de": "die Person, der geholfen wird", "en": "the recipient"},
    "party.coordinator": {"de": "Koordinierende", "en": "a coordinator"},
    # -- status changes of requests, offers and commitments ------------------------------
    "change.withdraw": {"de": "Zurückziehen", "en": "withdrawn"},
    "change.active": {"de": "Fortsetzen", "en": "resumed"},
    "change.paused": {"de": "Pausieren", "en": "paused"},
    "change.ended": {"de": "Beenden", "en": "ended"},
    "period.week": {"de": "Woche", "en": "week"},
    "period.month": {"de": "Monat", "en": "month"},
    "commitment.active": {"de": "aktiv", "en": "active"},
    "commitment.paused": {"de": "pausiert", "en": "paused"},
    "commitment.ended": {"de": "beendet", "en": "ended"},
    # -- the fields of the use cases' input ----------------------------------------------
    "field.hours": {"de": "Stunden", "en": "hours"},
    "field.minutes": {"de": "Dauer", "en": "duration"},
    "field.reason": {"de": "Begründung", "en": "reason"},
    "field.scheduled": {"de": "Termin", "en": "date and time"},
    "field.place_id": {"de": "Ort", "en": "place"},
    "field.place_ids": {"de": "Orte", "en": "places"},
    "field.window": {"de": "Zeitraum", "en": "time"},
    "field.window.start": {"de": "Beginn", "en": "start"},
    "field.window.end": {"de": "Ende", "en": "end"},
    "field.recurrence.interval": {"de": "Wiederholung", "en": "repetition"},
    "field.recurrence.until": {"de": "Wiederholung bis", "en": "repeat until"},
    "field.helpers_needed": {"de": "Zahl der Helfenden", "en": "number of helpers"},
    "field.name": {"de": "Name", "en": "name"},
    "field.title": {"de": "Titel", "en": "title"},
    "field.email": {"de": "E-Mail", "en": "email"},
    "field.lat": {"de": "Breite", "en": "latitude"},
    "field.lon": {"de": "Länge", "en": "longitude"},
    "field.population": {"de": "Einwohnerzahl", "en": "population"},
    "field.birth_year": {"de": "Geburtsjahr", "en": "year of birth"},
    "field.to_account": {"de": "Zielkonto", "en": "account"},
    "field.actor": {"de": "Person", "en": "person"},
    "field.request_id/offer_id": {
        "de": "Hilfegesuch oder Hilfsangebot",
        "en": "request or offer",
    },
    "field.valid_until": {"de": "gültig bis", "en": "valid until"},
    "field.quiet_hours": {"de": "Ruhezeit", "en": "quiet hours"},
    "field.language": {"de": "Sprache", "en": "language"},
    "field.digest": {"de": "Zusammenfassung", "en": "digest"},
    "field.trusted_id": {"de": "Vertrauensperson", "en": "trusted person"},
    "field.membership": {"de": "Mitgliedschaft", "en": "membership"},
    "field.actor_id": {"de": "Person", "en": "person"},
    "field.adjustment_id": {"de": "Umbuchung", "en": "adjustment"},
    "field.offset": {"de": "Seite", "en": "page"},
    "field.limit": {"de": "Seitengröße", "en": "page size"},
    # -- kinds of records not named in sorgende.i18n.texts -------------------------------
    "kind.named": {"de": "{kind} {name}", "en": "{kind} {name}"},
    "kind.record": {"de": "Datensatz", "en": "record"},
    "kind.transaction": {"de": "Vorgang", "en": "transaction"},
    "kind.event log": {"de": "Ereignisprotokoll", "en": "event log"},
    "kind.event cursor": {"de": "Lesestand des Ereignisprotokolls", "en": "event log cursor"},
    # -- who or what a refusal is about ---------------------------------------------------
    "name.someone": {"de": "diese Person", "en": "this person"},
    "name.erased": {"de": "eine gelöschte Person", "en": "an erased person"},
    "name.place": {"de": "dieser Ort", "en": "this place"},
    "name.category": {"de": "diese Kategorie", "en": "this category"},
    "subject.request": {"de": "das Hilfegesuch", "en": "the request"},
    "subject.request.labelled": {
        "de": "das Hilfegesuch {label}",
        "en": "the request {label}",
    },
    "subject.request.dated": {
        "de": "das Hilfegesuch für {when}",
        "en": "the request for {when}",
    },
    "subject.request.labelled_dated": {
        "de": "das Hilfegesuch {label} für {when}",
        "en": "the request {label} for {when}",
    },
    "subject.offer": {"de": "das Hilfsangebot", "en": "the offer"},
    "subject.offer.labelled": {
        "de": "das Hilfsangebot {label}",
        "en": "the offer {label}",
    },
    "subject.exchange.plain.nom": {"de": "der Einsatz", "en": "the exchange"},
    "subject.exchange.plain.acc": {"de": "den Einsatz", "en": "the exchange"},
    "subject.exchange.nom": {"de": "der Einsatz am {when}", "en": "the exchange on {when}"},
    "subject.exchange.acc": {"de": "den Einsatz am {when}", "en": "the exchange on {when}"},
    "subject.exchange.labelled.nom": {
        "de": "der Einsatz {label} am {when}",
        "en": "the exchange {label} on {when}",
    },
    "subject.exchange.labelled.acc": {
        "de": "den Einsatz {label} am {when}",
        "en": "the exchange {label} on {when}",
    },
    "subject.commitment": {"de": "die Selbstverpflichtung", "en": "the commitment"},
    # -- words and forms of dates ----------------------------------------------------------
    "text.quoted": {"de": "„{text}“", "en": "“{text}”"},
    "word.and": {"de": "und", "en": "and"},
    "date.day": {"de": "{day}. {month}", "en": "{day} {month}"},
    "date.day_year": {"de": "{day}. {month} {year}", "en": "{day} {month} {year}"},
    "date.weekday_day": {"de": "{weekday}, {date}", "en": "{weekday}, {date}"},
    "date.at": {"de": "{date}, {time}", "en": "{date}, {time}"},
}
