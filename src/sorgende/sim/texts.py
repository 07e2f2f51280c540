"""The simulation's texts for people (command line and plots), in German and English.

Kept apart from :mod:`sorgende.i18n` so the core's catalogue stays the core's; the
lookup works the same way (German when a language is unknown).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from sorgende.i18n import DEFAULT_LANGUAGE

TEXTS: Final[Mapping[str, Mapping[str, str]]] = {
    "run.title": {
        "de": "Simulation: {community}, Szenario {scenario}, {days} Tage ab {start} "
        "(Startwert {seed})",
        "en": "Simulation: {community}, scenario {scenario}, {days} days from {start} "
        "(seed {seed})",
    },
    "run.people": {
        "de": "Einwohner*innen {residents}, Helfende {helpers}, registriert {registered}",
        "en": "Residents {residents}, helpers {helpers}, registered {registered}",
    },
    "run.requests": {
        "de": "Hilfegesuche {posted} (davon über Hilfsangebote {offers}): erfüllt {met}, "
        "unerfüllt {unmet}, offen {pending} (erfüllt: {share})",
        "en": "Requests {posted} (through offers {offers}): met {met}, unmet {unmet}, "
        "pending {pending} (met: {share})",
    },
    "run.time": {
        "de": "Zeit bis zur Hilfe: Median {median}, 90 % in {p90}",
        "en": "Time to help: median {median}, 90 % within {p90}",
    },
    "run.hours": {
        "de": "Geschenkte Zeit {hours}; Lastverteilung (Gini) {gini}",
        "en": "Time given {hours}; load (Gini) {gini}",
    },
    "run.commitments": {
        "de": "Selbstverpflichtungen {made}: {kept} von {due} Wochen eingehalten; "
        "ausgestiegen {dropped} Helfende",
        "en": "Self-commitments {made}: {kept} of {due} weeks kept; {dropped} helpers dropped out",
    },
    "run.checked": {
        "de": "Zeitbank geprüft: {postings} Buchungen, jede ausgeglichen, Salden stimmen "
        "({use_cases} Anwendungsfälle in {seconds} s)",
        "en": "Time bank checked: {postings} postings, each balanced, balances agree "
        "({use_cases} use cases in {seconds} s)",
    },
    "run.written": {"de": "Geschrieben: {paths}", "en": "Written: {paths}"},
    "sweep.title": {
        "de": "Parameterstudie: {runs} Läufe ({scenarios} Szenarien x {points} Punkte x "
        "{replications} Wiederholungen)",
        "en": "Sweep: {runs} runs ({scenarios} scenarios x {points} points x "
        "{replications} replications)",
    },
    "sweep.row": {
        "de": "{scenario}{params}: erfüllt {share} (Spanne {low} bis {high}), "
        "ausgestiegen {dropped}",
        "en": "{scenario}{params}: met {share} (range {low} to {high}), dropped out {dropped}",
    },
    "unit.hours_short": {"de": "{value} Std.", "en": "{value} h"},
    "none": {"de": "-", "en": "-"},
    # -- plots --------------------------------------------------------------------------
    "plot.needs_met.title": {
        "de": "Erfüllte Hilfegesuche ({window}-Tage-Mittel)",
        "en": "Needs met ({window}-day window)",
    },
    "plot.needs_met.y": {"de": "Anteil erfüllt", "en": "Share met"},
    "plot.day": {"de": "Tag", "en": "Day"},
    "plot.load.title": {
        "de": "Lastverteilung der Helfenden (Lorenzkurve)",
        "en": "Helpers' load (Lorenz curve)",
    },
    "plot.load.x": {
        "de": "Anteil der Helfenden (nach geleisteten Stunden)",
        "en": "Share of helpers (by hours given)",
    },
    "plot.load.y": {"de": "Anteil der Stunden", "en": "Share of hours"},
    "plot.load.equal": {"de": "Gleichverteilung", "en": "Equal load"},
    "plot.balances.title": {
        "de": "Zeitkonten am Ende (registrierte Einwohner*innen)",
        "en": "Time-bank balances at the end (registered residents)",
    },
    "plot.balances.x": {"de": "Saldo (Stunden)", "en": "Balance (hours)"},
    "plot.balances.y": {"de": "Personen", "en": "Persons"},
}


def text(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The text ``key`` in ``lang`` (German if unknown), filled with ``params``."""
    texts = TEXTS[key]
    return (texts.get(lang) or texts[DEFAULT_LANGUAGE]).format(**params)
