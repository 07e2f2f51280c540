"""The texts of the web platform's hardening: sign-in delays, forms from other sites,
request bodies that do not fit, the base URL (German and English).

One part of sorgende's message catalogue (:mod:`sorgende.i18n`), registered on import;
the keys carry the plugin's prefix so they cannot collide.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from sorgende.i18n import register_messages

MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {
    "web.problem.settings.base_url": {
        "de": "base_url {url!r} ist keine Adresse der Form https://name[:port][/pfad] "
        "(ohne ? und #)",
        "en": "base_url {url!r} is not an address of the form https://name[:port][/path] "
        "(without ? and #)",
    },
    "web.problem.throttle.seconds": {
        "de": "{seconds} Sekunden",
        "en": "{seconds} seconds",
    },
    "web.problem.throttle.minutes": {
        "de": "{minutes} Minuten",
        "en": "{minutes} minutes",
    },
    "web.problem.csrf.token": {
        "de": "Das Formular ist abgelaufen oder gehört zu einer anderen Anmeldung. Bitte "
        "laden Sie die Seite neu und senden Sie es noch einmal.",
        "en": "The form has expired or belongs to another sign-in. Please load the page "
        "again and send it once more.",
    },
    "web.problem.csrf.origin": {
        "de": "Das Formular kam von einer anderen Website ({origin}) und wird nicht angenommen.",
        "en": "The form came from another site ({origin}) and is not accepted.",
    },
    "web.problem.body.media_type": {
        "de": "der Inhalt muss JSON sein (Content-Type: application/json), nicht {given!r}",
        "en": "the body must be JSON (Content-Type: application/json), not {given!r}",
    },
    "web.problem.body.too_deep": {
        "de": "das JSON ist tiefer als {limit} Ebenen verschachtelt",
        "en": "the JSON is nested deeper than {limit} levels",
    },
    "web.problem.body.too_large": {
        "de": "der Inhalt ist größer als {limit} Bytes",
        "en": "the body is larger than {limit} bytes",
    },
    "web.problem.body.not_json": {
        "de": "der Inhalt ist kein gültiges JSON",
        "en": "the body is not valid JSON",
    },
    "web.problem.body.missing": {
        "de": "fehlt",
        "en": "is missing",
    },
    "web.problem.body.unknown": {
        "de": "ist kein Feld dieser Anfrage",
        "en": "is not a field of this request",
    },
    "web.problem.body.type": {
        "de": "muss vom Typ {want} sein, nicht {got}",
        "en": "must be of type {want}, not {got}",
    },
    "web.problem.body.length": {
        "de": "muss {op} {n} Zeichen lang sein",
        "en": "must be {op} {n} characters long",
    },
    "web.problem.body.items": {
        "de": "muss {op} {n} Einträge haben",
        "en": "must have {op} {n} entries",
    },
    "web.problem.body.bound": {
        "de": "muss {op} {n} sein",
        "en": "must be {op} {n}",
    },
    "web.problem.body.pattern": {
        "de": "hat nicht die verlangte Form",
        "en": "does not have the required form",
    },
    "web.problem.body.choice": {
        "de": "ist keiner der erlaubten Werte",
        "en": "is not one of the allowed values",
    },
    "web.problem.body.uuid": {
        "de": "ist keine Kennung (UUID)",
        "en": "is not an id (UUID)",
    },
    "web.problem.body.datetime": {
        "de": "ist keine Zeitangabe mit Zeitzone (RFC 3339)",
        "en": "is not a time with a time zone (RFC 3339)",
    },
    "web.problem.body.unreadable": {
        "de": "passt nicht zum Schema ({problem})",
        "en": "does not fit the schema ({problem})",
    },
    "web.problem.body.datetime_range": {
        "de": "das Jahr {year} liegt außerhalb der Zeiten, die die Plattform verarbeitet "
        "({low} bis {high})",
        "en": "the year {year} is outside the times the platform handles ({low} to {high})",
    },
}

register_messages(__name__, MESSAGES)
