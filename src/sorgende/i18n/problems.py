"""The core's texts for refusals: validation problems, actions and reasons.


Plain data, registered by :mod:`sorgende.i18n`. Keys name the area (``problem.<module>.*``
for what is wrong with an input, ``action.<module>.*`` for what someone may not do); the
values are :meth:`str.format` templates with the same placeholders in both languages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {
    "error.unknown_hook": {
        "de": "Plugin {plugin}: {hook} ist kein Hook von sorgende oder eines installierten Plugins",
        "en": "plugin {plugin}: {hook} is not a hook of sorgende or of an installed plugin",
    },
    "error.unknown_hook.closest": {
        "de": "Plugin {plugin}: {hook} ist kein Hook von sorgende oder eines installierten Plugins "
        "(gemeint ist wohl {closest})",
        "en": "plugin {plugin}: {hook} is not a hook of sorgende or of an installed plugin "
        "(did you mean {closest}?)",
    },
    "action.actors.add_category": {
        "de": "eine Kategorie hinzufügen",
        "en": "add a category",
    },
    "action.actors.add_membership": {
        "de": "eine Mitgliedschaft eintragen",
        "en": "add a membership",
    },
    "action.actors.add_place": {
        "de": "einen Ort hinzufügen",
        "en": "add a place",
    },
    "action.actors.change_consent_another_person": {
        "de": "die Einwilligung einer anderen Person ändern",
        "en": "change the consent of another person",
    },
    "action.actors.change_solidarity_policy": {
        "de": "die Solidaritätsregel ändern",
        "en": "change the solidarity policy",
    },
    "action.actors.change_solidarity_support": {
        "de": "Solidaritätshilfe ändern",
        "en": "change solidarity support",
    },
    "action.actors.name_trusted_person": {
        "de": "eine Vertrauensperson eintragen",
        "en": "name a trusted person",
    },
    "action.actors.record_qualification": {
        "de": "einen Nachweis eintragen",
        "en": "record a qualification",
    },
    "action.exchanges.propose_exchange": {
        "de": "diesen Einsatz vorschlagen",
        "en": "propose this exchange",
    },
    "action.ledger.adjust_hours": {
        "de": "Stunden umbuchen",
        "en": "adjust hours",
    },
    "action.personal_data.erase_person": {
        "de": "eine Person löschen",
        "en": "erase a person",
    },
    "action.personal_data.export_person_s_data": {
        "de": "Daten einer Person abrufen",
        "en": "export a person's data",
    },
    "problem.actors.consent_given_by_person": {
        "de": "einwilligen kann nur die Person selbst",
        "en": "consent is given by the person themselves",
    },
    "problem.actors.email_address": {
        "de": "{email!r} ist keine E-Mail-Adresse",
        "en": "{email!r} is not an email address",
    },
    "problem.actors.latitude": {
        "de": "{lat} ist keine Breite",
        "en": "{lat} is not a latitude",
    },
    "problem.actors.longitude": {
        "de": "{lon} ist keine Länge",
        "en": "{lon} is not a longitude",
    },
    "problem.actors.negative": {
        "de": "darf nicht negativ sein",
        "en": "must not be negative",
    },
    "problem.actors.only_person_can_member": {
        "de": "nur Personen können Mitglied einer Organisation sein",
        "en": "only a person can be a member of an organisation",
    },
    "problem.actors.plausible": {
        "de": "{birth_year} ist nicht plausibel",
        "en": "{birth_year} is not plausible",
    },
    "problem.base.only_coordinator": {
        "de": "das dürfen nur Koordinierende der Gemeinschaft",
        "en": "only a coordinator of the community may do that",
    },
    "problem.calendar.address_containing": {
        "de": "{url!r} muss eine Adresse mit {{token}} sein",
        "en": "{url!r} must be an address containing {{token}}",
    },
    "problem.calendar.calendar_feeds": {
        "de": "Kalender-Abos",
        "en": "calendar feeds",
    },
    "problem.calendar.entry_ends_before": {
        "de": "endet vor seinem Beginn",
        "en": "ends before it starts",
    },
    "problem.calendar.entry_naive_time": {
        "de": "eine Zeit im Kalender braucht ihre Zeitzone",
        "en": "a time in a calendar needs its time zone",
    },
    "problem.calendar.entry_uid": {
        "de": "die UID eines Kalendereintrags hat die Form art-id@domain, ohne Leerzeichen",
        "en": "a calendar entry's UID has the form kind-id@domain, without spaces",
    },
    "problem.calendar.list_strings": {
        "de": "muss eine Liste von Zeichenketten sein",
        "en": "must be a list of strings",
    },
    "problem.calendar.no_secret_for_calendar": {
        "de": "kein Geheimnis für Kalenderadressen eingestellt (z. B. SORGENDE_CALENDAR_SECRET, "
        "mindestens 32 zufällige Zeichen)",
        "en": "no secret for calendar addresses is set (e.g. SORGENDE_CALENDAR_SECRET, at least "
        "32 random characters)",
    },
    "problem.calendar.previous_secrets_set_but": {
        "de": "previous_secrets sind gesetzt, aber kein aktuelles secret",
        "en": "previous_secrets are set but no current secret",
    },
    "problem.calendar.string_at_least_characters": {
        "de": "muss eine Zeichenkette mit mindestens {min_secret_length} Zeichen sein (python -c "
        "'import secrets; print(secrets.token_urlsafe(32))')",
        "en": "must be a string of at least {min_secret_length} characters (python -c 'import "
        "secrets; print(secrets.token_urlsafe(32))')",
    },
    "problem.calendar.time_zone_name_such": {
        "de": "{zone!r} ist kein Zeitzonenname wie Europe/Berlin",
        "en": "{zone!r} is not a time zone name such as Europe/Berlin",
    },
    "problem.calendar.unknown_keys_known": {
        "de": "unbekannte Schlüssel {unknown}; bekannt sind: {_keys}",
        "en": "unknown keys {unknown}; known: {_keys}",
    },
    "problem.calendar.whole_number_days_from": {
        "de": "{value!r} ist keine ganze Zahl von Tagen zwischen 1 und 3650",
        "en": "{value!r} is not a whole number of days from 1 to 3650",
    },
    "problem.commitments.before": {
        "de": "der {valid_until} liegt vor dem Beginn am {start}",
        "en": "{valid_until} is before the start on {start}",
    },
    "problem.commitments.hours_per_between_one": {
        "de": "{hours!r} Stunden pro {period} liegt nicht zwischen einer Minute und {max_hours} "
        "Stunden",
        "en": "{hours!r} hours per {period} is not between one minute and {max_hours}",
    },
    "problem.config.conflict_retries": {
        "de": "conflict_attempts muss mindestens 1 sein (ist {attempts}) und "
        "0 <= conflict_backoff_ms <= conflict_backoff_max_ms gelten (ist {backoff}, {most})",
        "en": "conflict_attempts must be at least 1 (is {attempts}) and "
        "0 <= conflict_backoff_ms <= conflict_backoff_max_ms (is {backoff}, {most})",
    },
    "problem.config.whole_number": {
        "de": "{value!r} ist keine ganze Zahl ab 0",
        "en": "{value!r} is not a whole number of 0 or more",
    },
    "problem.config.file_found": {
        "de": "Datei nicht gefunden",
        "en": "file not found",
    },
    "problem.config.language_one_de_en": {
        "de": "Sprache {language!r} ist weder de noch en",
        "en": "language {language!r} is not one of de, en",
    },
    "problem.config.plugins_table": {
        "de": "[plugins.{name}] muss eine Tabelle sein",
        "en": "[plugins.{name}] must be a table",
    },
    "problem.config.table": {
        "de": "[{name}] muss eine Tabelle sein",
        "en": "[{name}] must be a table",
    },
    "problem.config.valid_toml": {
        "de": "kein gültiges TOML: {exc}",
        "en": "not valid TOML: {exc}",
    },
    "problem.demo.between": {
        "de": "{weeks} liegt nicht zwischen 1 und {max_weeks}",
        "en": "{weeks} is not between 1 and {max_weeks}",
    },
    "problem.dispatcher.name_audience": {
        "de": "braucht einen Namen und die Zielgruppe people oder events, nicht {audience!r}",
        "en": "needs a name and an audience of people or events, not {audience!r}",
    },
    "problem.dispatcher.two_channels_have_name": {
        "de": "zwei Kanäle haben diesen Namen",
        "en": "two channels have this name",
    },
    "problem.exchanges.give_exactly_one_request": {
        "de": "genau eins von Hilfegesuch und Hilfsangebot angeben",
        "en": "give exactly one of request_id and offer_id",
    },
    "problem.exchanges.needs_reason": {
        "de": "{name} geht nur mit einer Begründung",
        "en": "{name} needs a reason",
    },
    "problem.exchanges.occurrence_request": {
        "de": "{scheduled} ist kein Termin dieses Hilfegesuchs",
        "en": "{scheduled} is not an occurrence of this request",
    },
    "problem.exchanges.offer_does_cover_place": {
        "de": "das Hilfsangebot gilt nicht für {place}",
        "en": "the offer does not cover {place}",
    },
    "problem.exchanges.only_helper_recipient_trusted": {
        "de": "das dürfen nur Helfende, Empfangende (oder Vertrauenspersonen) und Koordinierende",
        "en": "only the helper, the recipient (or a trusted person) or a coordinator may",
    },
    "problem.exchanges.only_parties": {
        "de": "das dürfen nur {parties}",
        "en": "only {parties} may do that",
    },
    "problem.exchanges.other_side_answers": {
        "de": "der Vorschlag kam von dieser Seite ({party}); antworten muss die andere",
        "en": "{party} proposed it; the other side answers",
    },
    "action.exchanges.transition": {
        "de": "{exchange} {transition}",
        "en": "{transition} {exchange}",
    },
    "problem.exchanges.outside_times_offer": {
        "de": "{when} liegt außerhalb der Zeiten dieses Hilfsangebots",
        "en": "{when} is outside the times of this offer",
    },
    "problem.exchanges.say_where_help_happens": {
        "de": "bitte den Ort angeben: der Wohnort gehört nicht zu den Orten des Angebots",
        "en": "say where the help happens: the recipient's home is not among the offer's places",
    },
    "problem.exchanges.they_neither_helper_recipient": {
        "de": "weder helfend, empfangend, Vertrauensperson noch koordinierend",
        "en": "they are neither helper, recipient, trusted person nor coordinator",
    },
    "problem.help.between": {
        "de": "muss zwischen 1 und {max_page} liegen",
        "en": "must be between 1 and {max_page}",
    },
    "problem.help.between_2": {
        "de": "{value} liegt nicht zwischen 1 und {max_helpers}",
        "en": "{value} is not between 1 and {max_helpers}",
    },
    "problem.help.minutes_between": {
        "de": "{value} Minuten liegt nicht zwischen 1 und {max_minutes_per_act}",
        "en": "{value} minutes is not between 1 and {max_minutes_per_act}",
    },
    "problem.ledger.accounts_differ": {
        "de": "die Konten müssen verschieden sein",
        "en": "the accounts must differ",
    },
    "problem.ledger.adjustment_needs_reason": {
        "de": "eine Korrektur braucht eine Begründung",
        "en": "an adjustment needs a reason",
    },
    "problem.ledger.activity_needs_reason": {
        "de": "Stunden für eine Tätigkeit brauchen eine Angabe, wofür",
        "en": "hours for an activity need a reason",
    },
    "problem.ledger.activity_minutes": {
        "de": "{value} Minuten liegt nicht zwischen 1 und {most}",
        "en": "{value} minutes is not between 1 and {most}",
    },
    "problem.notifications.channel_sends_no_digests": {
        "de": "Kanal {channel!r} verschickt keine Zusammenfassungen",
        "en": "channel {channel!r} sends no digests",
    },
    "problem.notifications.give_list_event_type": {
        "de": "bitte eine Liste von Ereignisnamen angeben, nicht eine Zeichenkette",
        "en": "give a list of event type names, not one string",
    },
    "problem.notifications.no_notification_channel_called": {
        "de": "kein Benachrichtigungskanal heißt {channel!r}; eingerichtet: {names}",
        "en": "no notification channel is called {channel!r}; configured: {names}",
    },
    "problem.notifications.not_one_of": {
        "de": "{language!r} ist keine von {languages}",
        "en": "{language!r} is not one of {languages}",
    },
    "problem.notifications.span_like": {
        "de": "{value!r} ist keine Zeitspanne wie 21:00-07:00",
        "en": "{value!r} is not a span like 21:00-07:00",
    },
    "problem.notifications.unknown_kinds_events": {
        "de": "unbekannte Ereignisarten: {unknown}",
        "en": "unknown kinds of events: {unknown}",
    },
    "problem.personal_data.only_persons_erased": {
        "de": "nur Personen werden gelöscht",
        "en": "only persons are erased",
    },
    "problem.policy.unknown_setting_s_known": {
        "de": "unbekannte Einstellung(en); bekannt sind: {known}",
        "en": "unknown setting(s); known: {known}",
    },
    "problem.policy.valid": {
        "de": "{value!r} ist ungültig: {exc}",
        "en": "{value!r} is not valid: {exc}",
    },
    "problem.state_final": {
        "de": "nichts mehr, der Zustand ist endgültig",
        "en": "nothing, it is final",
    },
    "problem.ui.colour_like_f_e": {
        "de": "{name}: {colour!r} ist keine Farbe wie #1f4e79",
        "en": "{name}: {colour!r} is not a colour like #1f4e79",
    },
    "problem.ui.not_one_of": {
        "de": "{role!r} ist keine von {web_roles}",
        "en": "{role!r} is not one of {web_roles}",
    },
    "problem.ui.path_site_start_with": {
        "de": "{value!r} ist kein Pfad dieser Seite (er muss mit einem '/' beginnen)",
        "en": "{value!r} is not a path of this site (it must start with one '/')",
    },
    "problem.ui.unknown_colour_known": {
        "de": "unbekannte Farbe {name!r}; bekannt sind: {theme_colours}",
        "en": "unknown colour {name!r}; known: {theme_colours}",
    },
    "problem.validation.empty": {
        "de": "darf nicht leer sein",
        "en": "must not be empty",
    },
    "problem.validation.longer_than_characters": {
        "de": "ist länger als {max_name} Zeichen",
        "en": "is longer than {max_name} characters",
    },
    "problem.values.between": {
        "de": "{interval} liegt nicht zwischen 1 und 52",
        "en": "{interval} is not between 1 and 52",
    },
    "word.or": {
        "de": "oder",
        "en": "or",
    },
    "action.commitments.make_commitment": {
        "de": "eine Selbstverpflichtung eingehen",
        "en": "make a commitment",
    },
    "action.help.offer_help": {
        "de": "Hilfe anbieten",
        "en": "offer help",
    },
    "action.help.post_request": {
        "de": "ein Hilfegesuch stellen",
        "en": "post a request",
    },
    "action.help.withdraw_offer": {
        "de": "das Hilfsangebot zurückziehen",
        "en": "withdraw the offer",
    },
    "action.help.withdraw_request": {
        "de": "das Hilfegesuch zurückziehen",
        "en": "withdraw the request",
    },
    "action.notifications.change_notification_preferences": {
        "de": "Benachrichtigungseinstellungen ändern",
        "en": "change notification preferences",
    },
    "action.commitments.change_commitment": {
        "de": "die Selbstverpflichtung ändern ({change})",
        "en": "{change} the commitment",
    },
    "problem.plugins.no_hookspecs": {
        "de": "gibt keine Hook-Spezifikationen an",
        "en": "declares no hook specifications",
    },
    "problem.plugins.specified_already": {
        "de": "{owner} spezifiziert ihn schon",
        "en": "{owner} specifies it already",
    },
    "problem.plugins.hook_failed": {
        "de": "{hook} ist fehlgeschlagen: {error}",
        "en": "{hook} failed: {error}",
    },
    "problem.plugins.load_failed": {
        "de": "konnte nicht geladen werden: {error}",
        "en": "failed to load: {error}",
    },
    "problem.plugins.not_a_list": {
        "de": "{hook} lieferte {found}, keine Liste",
        "en": "{hook} gave {found}, not a list",
    },
    "problem.serialization.not_an_event": {
        "de": "sorgende_event_types lieferte {cls}, keine attrs-Unterklasse von "
        "sorgende.DomainEvent",
        "en": "sorgende_event_types gave {cls}, not an attrs subclass of sorgende.DomainEvent",
    },
}
