"""The web platform's refusals and what its pages need, in German and English.

One part of sorgende's message catalogue (:mod:`sorgende.i18n`), registered on import
like every plugin's texts; the keys carry the plugin's prefix so they cannot collide.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from sorgende.i18n import register_messages

MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {
    "web.problem.accounts.login_name_has_characters": {
        "de": "ein Anmeldename hat 3 bis 64 Zeichen: Buchstaben a-z, Ziffern, '.', '_', '@', '-'",
        "en": "a login name has 3 to 64 characters: letters a-z, digits, '.', '_', '@', '-'",
    },
    "web.problem.workers_need_sql": {
        "de": "mehrere Worker brauchen eine gemeinsame SQL-Datenbank (PostgreSQL), nicht {storage}",
        "en": "several workers need a shared SQL database (PostgreSQL), not {storage}",
    },
    "web.problem.accounts.no_such_account": {
        "de": "diesen Zugang gibt es nicht",
        "en": "no such account",
    },
    "web.problem.accounts.only_person_erased_can": {
        "de": "nur eine Person, die teilnimmt (weder gelöscht noch abgemeldet), kann einen "
        "Zugang haben",
        "en": "only a person who takes part (neither erased nor deactivated) can have an account",
    },
    "web.problem.accounts.password_needs_at_least": {
        "de": "ein Passwort braucht mindestens {min_password} Zeichen",
        "en": "a password needs at least {min_password} characters",
    },
    "web.problem.api.category_community": {
        "de": "ist keine Kategorie dieser Gemeinschaft",
        "en": "is not a category of this community",
    },
    "web.problem.api.give_exactly_one_them": {
        "de": "genau eins von beiden angeben",
        "en": "give exactly one of them",
    },
    "web.problem.api.needs_time_zone": {
        "de": "braucht eine Zeitzone",
        "en": "needs a time zone",
    },
    "web.problem.api.place_community": {
        "de": "ist kein Ort dieser Gemeinschaft",
        "en": "is not a place of this community",
    },
    "web.problem.forms.date_yyyy_mm_dd": {
        "de": "{value!r} ist kein Datum (JJJJ-MM-TT)",
        "en": "{value!r} is not a date (YYYY-MM-DD)",
    },
    "web.problem.forms.empty": {
        "de": "darf nicht leer sein",
        "en": "must not be empty",
    },
    "web.problem.forms.id": {
        "de": "{value!r} ist keine Kennung",
        "en": "{value!r} is not an id",
    },
    "web.problem.forms.longer_than_characters": {
        "de": "ist länger als {limit} Zeichen",
        "en": "is longer than {limit} characters",
    },
    "web.problem.forms.not_one_of": {
        "de": "{value!r} ist keiner der Werte {options}",
        "en": "{value!r} is not one of {options}",
    },
    "web.problem.forms.number_hours": {
        "de": "{value!r} ist keine Stundenzahl",
        "en": "{value!r} is not a number of hours",
    },
    "web.problem.forms.time_hh_mm": {
        "de": "{value!r} ist keine Uhrzeit (HH:MM)",
        "en": "{value!r} is not a time (HH:MM)",
    },
    "web.problem.forms.whole_number_from": {
        "de": "{value!r} ist keine ganze Zahl von {low} bis {high}",
        "en": "{value!r} is not a whole number from {low} to {high}",
    },
    "web.problem.pages.use_letters_z_digits": {
        "de": "bitte nur Buchstaben a-z, Ziffern und '_' verwenden",
        "en": "use letters a-z, digits and '_' only",
    },
    "web.problem.settings.at_least": {
        "de": "{name} muss mindestens 1 sein",
        "en": "{name} must be at least 1",
    },
    "web.problem.settings.language_one_de_en": {
        "de": "language {language!r} ist weder de noch en",
        "en": "language {language!r} is not one of de, en",
    },
    "web.problem.settings.timezone_known_time_zone": {
        "de": "timezone {timezone!r} ist keine bekannte Zeitzone",
        "en": "timezone {timezone!r} is not a known time zone",
    },
    "web.problem.settings.unknown_keys": {
        "de": "unbekannte Schlüssel: {unknown}",
        "en": "unknown keys: {unknown}",
    },
    "web.problem.settings.wrong_type": {
        "de": "{key}: {value!r} ist kein Wert vom Typ {kind}",
        "en": "{key}: {value!r} is not a {kind}",
    },
    # what a page needs, as refused ("Anna darf nicht {action}: {reason}")
    "web.need.person": {"de": "hier handeln", "en": "act here"},
    "web.need.coordination": {
        "de": "die Koordination öffnen",
        "en": "open the coordination",
    },
    "web.need.settings": {
        "de": "die Einstellungen der Gemeinschaft öffnen",
        "en": "open the community's settings",
    },
    "web.need.add_place": {"de": "Orte anlegen", "en": "add places"},
    "web.need.add_category": {"de": "Hilfearten anlegen", "en": "add categories of help"},
    "web.need.change_settings": {
        "de": "die Einstellungen der Gemeinschaft ändern",
        "en": "change the community's settings",
    },
    "web.need.administration": {
        "de": "die Verwaltung der Gemeinschaft öffnen",
        "en": "open the community's administration",
    },
    "web.need.audit": {
        "de": "das Protokoll der Befugnisse lesen",
        "en": "read the audit trail",
    },
    "web.need.unknown": {"de": "diese Seite öffnen", "en": "open this page"},
    # the demo's people, where they hold no role of the domain
    "web.demo.resident": {"de": "Bewohner*in", "en": "resident"},
    "web.demo.helper": {"de": "Helfer*in", "en": "helper"},
}

register_messages(__name__, MESSAGES)
