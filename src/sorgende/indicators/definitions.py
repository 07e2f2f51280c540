"""The indicators of shared measurement: one definition each, read by the web dashboard,
the impact plugin's reports and the simulation's collector alike.

Each :class:`Indicator` names its unit, whether it counts persons (*person-level*: only
persons who gave the statistics consent count) and what its cell's *base* is: the number
of records behind a published figure, which suppression compares with the threshold.
The texts are German and English; ``docs/impact.md`` repeats every definition.
"""

from __future__ import annotations

import enum
from typing import Final

import attrs


class Unit(enum.StrEnum):
    COUNT = "count"
    SHARE = "share"
    HOURS = "hours"


@attrs.frozen
class Indicator:
    code: str
    unit: Unit
    person_level: bool
    label: dict[str, str]
    definition: dict[str, str]

    def text(self, language: str) -> str:
        return self.label.get(language, self.label["en"])

    def explained(self, language: str) -> str:
        return self.definition.get(language, self.definition["en"])


def _i(
    code: str, unit: Unit, person: bool, de: str, en: str, def_de: str, def_en: str
) -> Indicator:
    return Indicator(code, unit, person, {"de": de, "en": en}, {"de": def_de, "en": def_en})


C, S, H = Unit.COUNT, Unit.SHARE, Unit.HOURS

INDICATORS: Final[tuple[Indicator, ...]] = (
    _i(
        "needs_posted",
        C,
        False,
        "Gemeldete Bedarfe",
        "Needs posted",
        "Hilfegesuche, die im Monat gestellt wurden (Ort, Kategorie und Organisation des Gesuchs).",
        "Requests for help posted in the month (the request's place, category and organisation).",
    ),
    _i(
        "needs_met",
        C,
        False,
        "Erfüllte Bedarfe",
        "Needs met",
        "Im Monat gestellte Gesuche, die inzwischen erfüllt sind (Hilfe bestätigt).",
        "Requests posted in the month that have since been fulfilled (help confirmed).",
    ),
    _i(
        "met_within_1d",
        S,
        False,
        "Anteil vermittelt in 1 Tag",
        "Share matched within 1 day",
        "Anteil der im Monat gestellten Gesuche, für die binnen 24 Stunden nach dem Einstellen "
        "eine helfende Person zusagte (Basis: gestellte Gesuche).",
        "Share of the requests posted in the month that a helper accepted within 24 hours of "
        "posting (base: requests posted).",
    ),
    _i(
        "met_within_3d",
        S,
        False,
        "Anteil vermittelt in 3 Tagen",
        "Share matched within 3 days",
        "Wie oben, binnen 72 Stunden.",
        "As above, within 72 hours.",
    ),
    _i(
        "met_within_7d",
        S,
        False,
        "Anteil vermittelt in 7 Tagen",
        "Share matched within 7 days",
        "Wie oben, binnen 7 Tagen.",
        "As above, within 7 days.",
    ),
    _i(
        "time_to_help_h",
        H,
        False,
        "Zeit bis zur Hilfe (Median)",
        "Time to help (median)",
        "Median der Stunden vom Einstellen eines Gesuchs bis zur ersten Zusage, über die im "
        "Monat gestellten Gesuche mit Zusage.",
        "Median hours from posting a request to the first helper's acceptance, over the "
        "requests posted in the month that found one.",
    ),
    _i(
        "hours_given",
        H,
        False,
        "Geleistete Stunden",
        "Hours given",
        "Stunden bestätigter (oder geklärter) Einsätze, im Monat der Bestätigung, am Ort und in "
        "der Kategorie des Einsatzes.",
        "Hours of confirmed (or resolved) exchanges, in the month of confirmation, at the "
        "exchange's place and in its category.",
    ),
    _i(
        "hours_received",
        H,
        False,
        "Empfangene Stunden",
        "Hours received",
        "Dieselben Stunden, am Wohnort der empfangenden Person gezählt.",
        "The same hours, counted at the receiving person's home place.",
    ),
    _i(
        "exchanges",
        C,
        False,
        "Einsätze",
        "Exchanges",
        "Bestätigte (oder geklärte) Einsätze im Monat, je Organisation, die sie vermittelte.",
        "Confirmed (or resolved) exchanges in the month, per organisation that arranged them.",
    ),
    _i(
        "active_helpers",
        C,
        True,
        "Aktive Helfende",
        "Active helpers",
        "Verschiedene Personen mit mindestens einem bestätigten Einsatz im Monat "
        "(nur mit Einwilligung in die Statistik).",
        "Distinct persons with at least one confirmed exchange in the month (only with the "
        "statistics consent).",
    ),
    _i(
        "new_helpers",
        C,
        True,
        "Neue Helfende",
        "New helpers",
        "Personen, deren erster bestätigter Einsatz überhaupt in den Monat fällt "
        "(nur mit Einwilligung).",
        "Persons whose first confirmed exchange ever falls in the month (only with consent).",
    ),
    _i(
        "commitments_made",
        C,
        True,
        "Eingegangene Selbstverpflichtungen",
        "Commitments made",
        "Im Monat eingegangene Selbstverpflichtungen, am Wohnort der Person "
        "(nur mit Einwilligung).",
        "Self-commitments made in the month, at the person's home place (only with consent).",
    ),
    _i(
        "commitments_kept",
        C,
        True,
        "Eingehaltene Selbstverpflichtungen",
        "Commitments kept",
        "Im Monat gültige Selbstverpflichtungen, deren Person im Monat mindestens die "
        "zugesagten Stunden gab (wöchentlich: 4 Wochen je Monat; nur mit Einwilligung).",
        "Self-commitments in force in the month whose person gave at least the promised hours "
        "in it (weekly: 4 weeks a month; only with consent).",
    ),
    _i(
        "organisations_active",
        C,
        False,
        "Aktive Organisationen",
        "Organisations active",
        "Verschiedene Organisationen mit mindestens einem bestätigten Einsatz im Monat am Ort.",
        "Distinct organisations with at least one confirmed exchange in the month at the place.",
    ),
)

BY_CODE: Final[dict[str, Indicator]] = {i.code: i for i in INDICATORS}

#: cells counting fewer records than this are not published (a default; settings may raise it)
DEFAULT_THRESHOLD: Final = 5
