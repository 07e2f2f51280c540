"""The shift plan's texts (German and English), under the prefix ``projects.sim.``."""

from __future__ import annotations

from sorgende.i18n import register_messages

MESSAGES = {
    "projects.sim.report.title": {
        "de": "Schichtplan: {pool} Ehrenamtliche für {events} Termine mit {shifts} Schichten "
        "und {places} Plätzen",
        "en": "Shift plan: {pool} volunteers for {events} events with {shifts} shifts "
        "and {places} places",
    },
    "projects.sim.report.total": {
        "de": "Unterbesetzt: {understaffed} Schichten ({share}), {missing} Plätze leer; "
        "nicht erschienen {no_shows}, nachgerückt {promoted}; geleistet {hours}",
        "en": "Understaffed: {understaffed} shifts ({share}), {missing} places empty; "
        "no-shows {no_shows}, promoted {promoted}; worked {hours}",
    },
    "projects.sim.report.week": {
        "de": "Woche ab {week}: {shifts} Schichten, {places} Plätze, {filled} besetzt, "
        "{attended} da, {understaffed} unterbesetzt, {no_shows} nicht erschienen, {hours}",
        "en": "Week of {week}: {shifts} shifts, {places} places, {filled} filled, "
        "{attended} came, {understaffed} understaffed, {no_shows} no-shows, {hours}",
    },
    "projects.sim.share": {
        "de": "{value} ist kein Anteil zwischen 0 und 1",
        "en": "{value} is not a share between 0 and 1",
    },
    "projects.sim.at_least_one": {
        "de": "{value} ist weniger als 1",
        "en": "{value} is less than 1",
    },
    "projects.sim.members_first": {
        "de": "{value} Tage nur für Mitglieder liegen nicht zwischen 0 und den {opens} Tagen, "
        "die die Anmeldung offen ist",
        "en": "{value} days for members only are not between 0 and the {opens} days "
        "sign-up is open",
    },
    "projects.sim.weekdays": {
        "de": "die Wochentage sind eine nicht leere Liste von Zahlen von 0 (Montag) bis "
        "6 (Sonntag)",
        "en": "the weekdays are a non-empty list of numbers from 0 (Monday) to 6 (Sunday)",
    },
    "projects.sim.hours_to": {
        "de": "{value!r} ist weder worklog noch timebank",
        "en": "{value!r} is neither worklog nor timebank",
    },
    "projects.sim.no_shifts": {
        "de": "ein Termin braucht mindestens eine Schicht",
        "en": "an event needs at least one shift",
    },
    "projects.sim.not_a_table": {
        "de": "ist keine Tabelle von Einstellungen",
        "en": "is not a table of settings",
    },
    "projects.sim.unknown_keys": {
        "de": "unbekannte Einstellungen: {keys}",
        "en": "unknown settings: {keys}",
    },
    "projects.sim.shift_keys": {
        "de": "eine Schicht hat title, start, end, capacity und, wenn nötig, needs",
        "en": "a shift has title, start, end, capacity and, if needed, needs",
    },
    "projects.sim.bad_value": {
        "de": "ungültiger Wert: {problem}",
        "en": "invalid value: {problem}",
    },
}
register_messages(__name__, MESSAGES)
