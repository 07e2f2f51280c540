"""The core's texts for the command line, the demo, calendar feeds, statuses and units.

Plain data, registered by :mod:`sorgende.i18n` as one part of the catalogue.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {
    # -- sorgende plugins --------------------------------------------------------------
    "cli.export.which": {
        "de": "Welche Gemeinschaft? Bitte mit --community angeben: {names}",
        "en": "Which community? Name it with --community: {names}",
    },
    "cli.db.not_sql": {
        "de": "{url} ist keine SQL-Datenbank (sqlite:///... oder postgresql+psycopg://...)",
        "en": "{url} is no SQL database (sqlite:///... or postgresql+psycopg://...)",
    },
    "cli.db.current": {
        "de": "Schemastand der Datenbank: {stored}; der Code braucht: {latest}",
        "en": "database schema version: {stored}; the code needs: {latest}",
    },
    "cli.db.removed": {
        "de": "Die Tabellen von {branch} sind entfernt; Schemastand jetzt {stored}.",
        "en": "The tables of {branch} are removed; schema version now {stored}.",
    },
    "cli.db.remove_confirm": {
        "de": "Das löscht die Tabellen von {branch} mit allen ihren Einträgen: "
        "mit --yes bestätigen (vorher exportieren, was bleiben soll)",
        "en": "This deletes the tables of {branch} with all their records: "
        "confirm with --yes (export first what is to stay)",
    },
    "cli.db.no_branch": {
        "de": "{label} ist kein Zweig der Migrationen eines installierten Plugins "
        "(vorhanden: {labels})",
        "en": "{label} is not a migration branch of an installed plugin (there are: {labels})",
    },
    "cli.db.upgraded": {
        "de": "Datenbank auf Schemastand {latest} gebracht.",
        "en": "Database upgraded to schema version {latest}.",
    },
    "cli.import.done": {
        "de": "Gemeinschaft {name!r} eingelesen.",
        "en": "Community {name!r} imported.",
    },
    # -- sorgende notify ----------------------------------------------------------------
    "cli.notify.report": {
        "de": "{sent} zugestellt, {retried} später erneut, {dead} unzustellbar, "
        "{skipped} übersprungen ({fanned} neue Vorgänge verteilt)",
        "en": "{sent} delivered, {retried} to retry later, {dead} dead, {skipped} skipped "
        "({fanned} new entries fanned out)",
    },
    "cli.notify.running": {
        "de": "Benachrichtigungen werden zugestellt (Abfrage alle {poll} s); "
        "Strg+C beendet die Zustellung.",
        "en": "Delivering notifications (polling every {poll} s); Ctrl+C stops.",
    },
    "cli.notify.stopped": {
        "de": "Zustellung beendet: {report}",
        "en": "Delivery stopped: {report}",
    },
    "cli.notify.composing": {"de": "Zusammenfassungen erstellen", "en": "Composing digests"},
    "cli.notify.delivering": {"de": "Zustellen", "en": "Delivering"},
    "cli.notify.digested": {
        "de": "{composed} Zusammenfassungen für {due} Empfänger erstellt; {report}",
        "en": "{composed} digests composed for {due} recipients; {report}",
    },
    "cli.notify.no_dead": {
        "de": "Keine unzustellbaren Benachrichtigungen.",
        "en": "No dead letters.",
    },
    "cli.notify.dead_line": {
        "de": "{id}  {created}  Kanal {channel}  {kind}  an {recipient}  "
        "{attempts} Versuche  Fehler: {error}",
        "en": "{id}  {created}  channel {channel}  {kind}  to {recipient}  "
        "{attempts} attempts  error: {error}",
    },
    "cli.notify.dead_count.one": {
        "de": "{count} unzustellbare Benachrichtigung.",
        "en": "{count} dead letter.",
    },
    "cli.notify.dead_count.other": {
        "de": "{count} unzustellbare Benachrichtigungen.",
        "en": "{count} dead letters.",
    },
    "cli.notify.retry_what": {
        "de": "Bitte entweder IDs oder --all angeben.",
        "en": "Give either IDs or --all.",
    },
    "cli.notify.bad_id": {
        "de": "{value!r} ist keine gültige ID",
        "en": "{value!r} is not a valid ID",
    },
    "cli.notify.retried.one": {
        "de": "{count} Benachrichtigung wird erneut zugestellt.",
        "en": "{count} notification queued again.",
    },
    "cli.notify.retried.other": {
        "de": "{count} Benachrichtigungen werden erneut zugestellt.",
        "en": "{count} notifications queued again.",
    },
    "cli.notify.purged.one": {
        "de": "{count} erledigte Zustellung gelöscht.",
        "en": "{count} finished delivery deleted.",
    },
    "cli.notify.purged.other": {
        "de": "{count} erledigte Zustellungen gelöscht.",
        "en": "{count} finished deliveries deleted.",
    },
    "notify.status.pending": {"de": "wartend", "en": "pending"},
    "notify.status.sent": {"de": "zugestellt", "en": "sent"},
    "notify.status.dead": {"de": "unzustellbar", "en": "dead"},
    "notify.status.held": {"de": "für Zusammenfassung gesammelt", "en": "held for a digest"},
    "notify.status.digested": {"de": "in Zusammenfassung verschickt", "en": "sent in a digest"},
    "notify.status.skipped": {"de": "übersprungen", "en": "skipped"},
    "notify.status.outbox": {"de": "noch nicht verteilt", "en": "not fanned out yet"},
    "plugins.name": {"de": "Plugin", "en": "Plugin"},
    "plugins.origin": {"de": "Herkunft", "en": "Origin"},
    "plugins.hooks": {"de": "Hooks", "en": "Hooks"},
    "plugins.builtin": {"de": "eingebaut", "en": "built-in"},
    "plugins.registered": {"de": "im Code registriert", "en": "registered in code"},
    "plugins.none": {"de": "Keine Plugins geladen.", "en": "No plugins loaded."},
    "plugins.count.one": {"de": "{count} Plugin geladen.", "en": "{count} plugin loaded."},
    "plugins.count.other": {"de": "{count} Plugins geladen.", "en": "{count} plugins loaded."},
    # -- sorgende demo: header and overview ---------------------------------------------
    "demo.title.one": {
        "de": "Demo: {community} - {count} Woche ab {start} (Startwert {seed})",
        "en": "Demo: {community} - {count} week from {start} (seed {seed})",
    },
    "demo.title.other": {
        "de": "Demo: {community} - {count} Wochen ab {start} (Startwert {seed})",
        "en": "Demo: {community} - {count} weeks from {start} (seed {seed})",
    },
    "demo.overview": {"de": "Überblick", "en": "Overview"},
    "demo.places": {"de": "Orte", "en": "Places"},
    "demo.places_value": {
        "de": "{places} ({towns} Stadt, {villages} Ortsgemeinden), "
        "{population} Einwohner*innen (31.12.2021)",
        "en": "{places} ({towns} town, {villages} villages), "
        "{population} inhabitants (31 Dec 2021)",
    },
    "demo.people": {"de": "Beteiligte", "en": "Participants"},
    "demo.people_value": {
        "de": "{people} Personen ({helpers} Helfende, {coordinators} Koordinierende), "
        "{organisations} Organisationen",
        "en": "{people} persons ({helpers} helpers, {coordinators} coordinators), "
        "{organisations} organisations",
    },
    "demo.requests": {"de": "Hilfegesuche", "en": "Requests"},
    "demo.offers": {"de": "Hilfsangebote", "en": "Offers"},
    "demo.offers_value.one": {
        "de": "{offers}, daraus {count} Einsatz",
        "en": "{offers}, used for {count} exchange",
    },
    "demo.offers_value.other": {
        "de": "{offers}, daraus {count} Einsätze",
        "en": "{offers}, used for {count} exchanges",
    },
    "demo.exchanges": {"de": "Einsätze", "en": "Exchanges"},
    "demo.total_by": {"de": "{total}: {parts}", "en": "{total}: {parts}"},
    "demo.count_label": {"de": "{label} {count}", "en": "{label} {count}"},
    "demo.hours_given": {"de": "Geschenkte Zeit", "en": "Time given"},
    "demo.hours_given_value.one": {
        "de": "{hours} in {count} bestätigten Einsatz",
        "en": "{hours} in {count} confirmed exchange",
    },
    "demo.hours_given_value.other": {
        "de": "{hours} in {count} bestätigten Einsätzen",
        "en": "{hours} in {count} confirmed exchanges",
    },
    # -- sorgende demo: balances --------------------------------------------------------
    "demo.balances": {
        "de": "Zeitkonten - die aktivsten Helfenden",
        "en": "Time accounts - the most active helpers",
    },
    "demo.col.name": {"de": "Name", "en": "Name"},
    "demo.col.place": {"de": "Ort", "en": "Place"},
    "demo.col.balance": {"de": "Saldo", "en": "Balance"},
    "demo.solidarity": {"de": "Solidaritätskonto", "en": "Solidarity account"},
    "demo.solidarity_note": {
        "de": "getragen für {names}",
        "en": "carried for {names}",
    },
    "demo.checksum": {
        "de": "Summe aller Konten: {hours} (jede Buchung ist ausgeglichen)",
        "en": "Sum of all accounts: {hours} (every posting balances)",
    },
    # -- sorgende demo: commitments -----------------------------------------------------
    "demo.commitments": {
        "de": "Selbstverpflichtungen - Soll und Ist",
        "en": "Self-commitments - target and given",
    },
    "demo.col.per_week": {"de": "pro Woche", "en": "per week"},
    "demo.col.target": {"de": "Soll", "en": "Target"},
    "demo.col.given": {"de": "Ist", "en": "Given"},
    "demo.col.kept": {"de": "Wochen eingehalten", "en": "Weeks kept"},
    "demo.kept_value": {"de": "{kept} von {periods}", "en": "{kept} of {periods}"},
    "demo.kept_paused": {
        "de": "{kept} von {periods} ({paused} pausiert)",
        "en": "{kept} of {periods} ({paused} paused)",
    },
    "demo.no_commitments": {
        "de": "Keine Selbstverpflichtungen.",
        "en": "No self-commitments.",
    },
    # -- sorgende demo: stories ---------------------------------------------------------
    "demo.stories": {"de": "Besondere Fälle", "en": "Particular cases"},
    "demo.on_behalf.one": {
        "de": "{senior} (ohne Smartphone): {count} Hilfegesuch hat {coordinator} "
        "(Koordination) für sie eingestellt",
        "en": "{senior} (no smartphone): {count} request posted for her by "
        "{coordinator} (coordinator)",
    },
    "demo.on_behalf.other": {
        "de": "{senior} (ohne Smartphone): {count} Hilfegesuche hat {coordinator} "
        "(Koordination) für sie eingestellt",
        "en": "{senior} (no smartphone): {count} requests posted for her by "
        "{coordinator} (coordinator)",
    },
    "demo.recurring": {
        "de": "Wöchentlicher Einkauf für {senior}: {confirmed} von {occurrences} Terminen "
        "bestätigt, Gesuch {status}",
        "en": "Weekly shopping for {senior}: {confirmed} of {occurrences} occurrences "
        "confirmed, request {status}",
    },
    "demo.paused": {
        "de": "{helper} hat die Selbstverpflichtung eine Woche pausiert (Urlaub); "
        "{replacement} ist eingesprungen",
        "en": "{helper} paused the self-commitment for a week (holiday); {replacement} stepped in",
    },
    "demo.paused_nobody": {
        "de": "{helper} hat die Selbstverpflichtung eine Woche pausiert (Urlaub)",
        "en": "{helper} paused the self-commitment for a week (holiday)",
    },
    "demo.solidarity_story": {
        "de": "{name} erhielt {hours} Hilfe, bezahlt vom Solidaritätskonto",
        "en": "{name} received {hours} of help, paid by the solidarity account",
    },
    "demo.dispute": {
        "de": "Streitfall: {helper} meldete {claimed} bei {recipient}; "
        "{coordinator} hat ihn mit {resolved} geklärt",
        "en": "Dispute: {helper} reported {claimed} with {recipient}; "
        "{coordinator} resolved it with {resolved}",
    },
    "demo.event_title": {
        "de": "Seniorennachmittag im Bürgerhaus Mehren",
        "en": "Senior citizens' afternoon at the Mehren village hall",
    },
    "demo.event": {
        "de": "{title}: {filled} von {needed} Helfenden, Gesuch {status}",
        "en": "{title}: {filled} of {needed} helpers, request {status}",
    },
    "demo.replacements.one": {
        "de": "{count} Einsatz abgesagt, {replaced} davon von der Koordination neu besetzt",
        "en": "{count} exchange cancelled, {replaced} of them refilled by a coordinator",
    },
    "demo.replacements.other": {
        "de": "{count} Einsätze abgesagt, {replaced} davon von der Koordination neu besetzt",
        "en": "{count} exchanges cancelled, {replaced} of them refilled by a coordinator",
    },
    "demo.recognitions": {"de": "Anerkennungen: {parts}", "en": "Recognitions: {parts}"},
    "demo.recognition_part": {"de": "{count} x „{title}“", "en": "{count} x “{title}”"},
    "demo.none": {"de": "keine", "en": "none"},
    # -- calendar feeds (sorgende.calendar) ---------------------------------------------
    "calendar.name": {"de": "{community} – Einsätze von {person}", "en": "{community} – {person}"},
    "calendar.description": {
        "de": "Zugesagte Einsätze und Selbstverpflichtungen von {person}",
        "en": "Accepted exchanges and self-commitments of {person}",
    },
    "calendar.helping": {
        "de": "Einsatz: {what} für {recipient}",
        "en": "Helping {recipient}: {what}",
    },
    "calendar.receiving": {
        "de": "Hilfe: {what} mit {helpers}",
        "en": "Help: {what} with {helpers}",
    },
    "calendar.receiving_nobody": {"de": "Hilfe: {what}", "en": "Help: {what}"},
    "calendar.commitment.week": {
        "de": "Selbstverpflichtung: {hours} pro Woche",
        "en": "Self-commitment: {hours} a week",
    },
    "calendar.commitment.month": {
        "de": "Selbstverpflichtung: {hours} im Monat",
        "en": "Self-commitment: {hours} a month",
    },
    "calendar.line.state": {"de": "Stand: {state}", "en": "Status: {state}"},
    "calendar.line.hours": {"de": "Zeit fürs Zeitkonto: {hours}", "en": "Time-bank hours: {hours}"},
    "calendar.line.helpers": {"de": "Helfende: {names}", "en": "Helpers: {names}"},
    "calendar.line.helper_state": {"de": "{name} ({state})", "en": "{name} ({state})"},
    "calendar.line.contact": {"de": "Kontakt {name}: {contact}", "en": "Contact {name}: {contact}"},
    "calendar.line.note": {"de": "Notiz: {note}", "en": "Note: {note}"},
    "calendar.line.reason": {"de": "Grund der Absage: {reason}", "en": "Why cancelled: {reason}"},
    "calendar.line.categories": {"de": "Bereiche: {names}", "en": "Kinds of help: {names}"},
    "calendar.line.places": {"de": "Orte: {names}", "en": "Places: {names}"},
    "calendar.any": {"de": "alle", "en": "any"},
    "cli.calendar.no_url": {
        "de": "Keine Adressvorlage eingestellt ([plugins.calendar] url, mit {{token}}); "
        "hier das Kürzel für die Adresse:",
        "en": "No address template set ([plugins.calendar] url, with {{token}}); "
        "the token for the address:",
    },
    # -- statuses -----------------------------------------------------------------------
    "request.open": {"de": "offen", "en": "open"},
    "request.matched": {"de": "vergeben", "en": "matched"},
    "request.fulfilled": {"de": "erledigt", "en": "fulfilled"},
    "request.expired": {"de": "abgelaufen", "en": "expired"},
    "request.withdrawn": {"de": "zurückgezogen", "en": "withdrawn"},
    "offer.open": {"de": "offen", "en": "open"},
    "offer.closed": {"de": "geschlossen", "en": "closed"},
    "offer.withdrawn": {"de": "zurückgezogen", "en": "withdrawn"},
    # names of record kinds, for "... not found"
    "kind.community": {"de": "Gemeinschaft", "en": "community"},
    "kind.place": {"de": "Ort", "en": "place"},
    "kind.actor": {"de": "Akteur", "en": "actor"},
    "kind.request": {"de": "Hilfegesuch", "en": "request"},
    "kind.offer": {"de": "Hilfsangebot", "en": "offer"},
    "kind.exchange": {"de": "Einsatz", "en": "exchange"},
    "kind.commitment": {"de": "Selbstverpflichtung", "en": "commitment"},
    "kind.category": {"de": "Kategorie", "en": "category"},
    "kind.posting": {"de": "Buchung", "en": "posting"},
    "kind.storage": {"de": "Speicher", "en": "storage"},
    "kind.dead letter": {"de": "Unzustellbare Benachrichtigung", "en": "dead letter"},
    "kind.notification_preference": {
        "de": "Benachrichtigungseinstellung",
        "en": "notification_preference",
    },
    "exchange.proposed": {"de": "vorgeschlagen", "en": "proposed"},
    "exchange.accepted": {"de": "zugesagt", "en": "accepted"},
    "exchange.completed": {"de": "erledigt gemeldet", "en": "completed"},
    "exchange.confirmed": {"de": "bestätigt", "en": "confirmed"},
    "exchange.declined": {"de": "abgelehnt", "en": "declined"},
    "exchange.cancelled": {"de": "abgesagt", "en": "cancelled"},
    "exchange.no_show": {"de": "nicht zustande gekommen", "en": "no-show"},
    "exchange.disputed": {"de": "strittig", "en": "disputed"},
    "exchange.resolved": {"de": "geklärt", "en": "resolved"},
    # -- dates (format_long_date, format_when) --------------------------------------------
    "date.long": {
        "de": "{weekday}, {day}. {month} {year}",
        "en": "{weekday}, {day} {month} {year}",
    },
    "date.when": {"de": "{date}, {time} Uhr", "en": "{date}, {time}"},
    "date.weekday.0": {"de": "Montag", "en": "Monday"},
    "date.weekday.1": {"de": "Dienstag", "en": "Tuesday"},
    "date.weekday.2": {"de": "Mittwoch", "en": "Wednesday"},
    "date.weekday.3": {"de": "Donnerstag", "en": "Thursday"},
    "date.weekday.4": {"de": "Freitag", "en": "Friday"},
    "date.weekday.5": {"de": "Samstag", "en": "Saturday"},
    "date.weekday.6": {"de": "Sonntag", "en": "Sunday"},
    "date.month.1": {"de": "Januar", "en": "January"},
    "date.month.2": {"de": "Februar", "en": "February"},
    "date.month.3": {"de": "März", "en": "March"},
    "date.month.4": {"de": "April", "en": "April"},
    "date.month.5": {"de": "Mai", "en": "May"},
    "date.month.6": {"de": "Juni", "en": "June"},
    "date.month.7": {"de": "Juli", "en": "July"},
    "date.month.8": {"de": "August", "en": "August"},
    "date.month.9": {"de": "September", "en": "September"},
    "date.month.10": {"de": "Oktober", "en": "October"},
    "date.month.11": {"de": "November", "en": "November"},
    "date.month.12": {"de": "Dezember", "en": "December"},
    # -- units --------------------------------------------------------------------------
    "unit.hours": {"de": "{value} Std.", "en": "{value} h"},
}
