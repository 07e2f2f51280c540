"""The plugin's words for people, German (the default) and English."""

# ruff: noqa: E501  (texts are easier to read on one line each)

from __future__ import annotations

from datetime import date

from sorgende.i18n import register_messages

TEXTS: dict[str, dict[str, str]] = {
    "report.title": {"de": "Wirkungsbericht", "en": "Impact report"},
    "report.period": {"de": "Zeitraum", "en": "Period"},
    "report.place": {"de": "Ort", "en": "Place"},
    "report.all_places": {"de": "alle Orte", "en": "all places"},
    "report.summary": {"de": "Kennzahlen", "en": "Indicators"},
    "report.indicator": {"de": "Kennzahl", "en": "Indicator"},
    "report.value": {"de": "Wert", "en": "Value"},
    "report.by_place": {"de": "Nach Ort", "en": "By place"},
    "report.by_organisation": {"de": "Nach Organisation", "en": "By organisation"},
    "report.organisation": {"de": "Organisation", "en": "Organisation"},
    "report.no_organisation": {"de": "ohne Organisation", "en": "no organisation"},
    "report.goals": {"de": "Gemeinsame Ziele", "en": "Common agenda"},
    "report.goal": {"de": "Ziel", "en": "Goal"},
    "report.target": {"de": "Zielwert", "en": "Target"},
    "report.progress": {"de": "Stand", "en": "Progress"},
    "report.reached": {"de": "erreicht", "en": "reached"},
    "report.not_reached": {"de": "noch nicht erreicht", "en": "not reached yet"},
    "report.places_reached": {
        "de": "{n} von {total} Orten erreicht",
        "en": "{n} of {total} places reached",
    },
    "report.suppressed": {
        "de": "„·“: weniger als {n} Fälle, zum Schutz der Personen nicht veröffentlicht.",
        "en": "“·”: fewer than {n} cases, not published to protect the persons.",
    },
    "report.consent": {
        "de": "Personenbezogene Kennzahlen zählen nur Personen, die der Statistik zugestimmt haben.",
        "en": "Person-level indicators count only persons who consented to statistics.",
    },
    "report.definitions": {"de": "Definitionen", "en": "Definitions"},
    "chart.needs": {"de": "Bedarfe je Monat", "en": "Needs per month"},
    "chart.hours": {"de": "Geleistete Stunden je Monat", "en": "Hours given per month"},
    "chart.month": {"de": "Monat", "en": "Month"},
    "chart.count": {"de": "Anzahl Gesuche", "en": "Number of requests"},
    "chart.hours_axis": {"de": "Stunden (h)", "en": "Hours (h)"},
    "unit.hours": {"de": "Std.", "en": "h"},
    "cert.title": {"de": "Ehrenamtsnachweis", "en": "Certificate of volunteering"},
    "cert.intro": {
        "de": "{name} hat im Zeitraum {period} in der Sorgenden Gemeinschaft {community} "
        "ehrenamtlich {hours} Stunden geleistet.",
        "en": "{name} gave {hours} hours of voluntary help in the caring community "
        "{community} in the period {period}.",
    },
    "cert.category": {"de": "Bereich", "en": "Area"},
    "cert.hours": {"de": "Stunden", "en": "Hours"},
    "cert.total": {"de": "Summe", "en": "Total"},
    "cert.eligible": {"de": "Hinweise", "en": "Notes"},
    "cert.signed": {
        "de": "Bestätigt von {name} am {day}.",
        "en": "Confirmed by {name} on {day}.",
    },
    "cert.code": {"de": "Prüfcode", "en": "Verification code"},
    "cert.check": {
        "de": "Die Echtheit lässt sich auf der Plattform unter „Nachweis prüfen“ mit dem Prüfcode bestätigen.",
        "en": "Anyone can check it on the platform under “Verify a certificate” with the code.",
    },
    "cert.valid": {
        "de": "Echt: Nachweis für {name}, {period}, {hours} Stunden, bestätigt von {signer}.",
        "en": "Genuine: certificate for {name}, {period}, {hours} hours, confirmed by {signer}.",
    },
    "cert.invalid": {
        "de": "Kein gültiger Nachweis zu diesem Prüfcode.",
        "en": "No valid certificate has this verification code.",
    },
}

MONTHS = {
    "de": (
        "Jan.",
        "Feb.",
        "März",
        "Apr.",
        "Mai",
        "Juni",
        "Juli",
        "Aug.",
        "Sept.",
        "Okt.",
        "Nov.",
        "Dez.",
    ),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}

LONG_MONTHS = {
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def t(key: str, language: str, **params: object) -> str:
    entry = TEXTS[key]
    text = entry.get(language, entry["en"])
    return text.format(**params) if params else text


def month_label(month: date, language: str) -> str:
    return f"{MONTHS.get(language, MONTHS['en'])[month.month - 1]} {month.year}"


def day_label(day: date, language: str) -> str:
    names = LONG_MONTHS.get(language, LONG_MONTHS["en"])
    if language == "de":
        return f"{day.day}. {names[day.month - 1]} {day.year}"
    return f"{day.day} {names[day.month - 1]} {day.year}"


def number(value: float, language: str, digits: int = 1) -> str:
    text = f"{value:,.{digits}f}" if digits else f"{value:,.0f}"
    if language == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


# the pages' words (the web platform's templates ask the catalogue by key)
TEXTS.update(
    {
        "web.menu.report": {"de": "Wirkung", "en": "Impact"},
        "web.report.heading": {"de": "Wirkungsbericht", "en": "Impact report"},
        "web.report.from": {"de": "Von (Monat)", "en": "From (month)"},
        "web.report.to": {"de": "Bis (Monat)", "en": "To (month)"},
        "web.report.place": {"de": "Ort", "en": "Place"},
        "web.report.all": {"de": "alle Orte", "en": "all places"},
        "web.report.show": {"de": "Anzeigen", "en": "Show"},
        "web.report.pdf": {"de": "Als PDF herunterladen", "en": "Download as PDF"},
        "web.report.csv": {"de": "Alle Kennzahlen als CSV", "en": "Every indicator as CSV"},
        "web.verify.heading": {"de": "Nachweis prüfen", "en": "Verify a certificate"},
        "web.verify.code": {"de": "Prüfcode", "en": "Verification code"},
        "web.verify.check": {"de": "Prüfen", "en": "Check"},
    }
)

register_messages(__name__, {f"impact.{key}": value for key, value in TEXTS.items()})
