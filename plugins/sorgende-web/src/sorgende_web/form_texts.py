"""The page texts of the request and offer forms, their dates and their errors (German
and English): one part of sorgende's catalogue, registered on import like
:mod:`sorgende_web.texts`."""

# ruff: noqa: E501  (a key is a text's English wording, which may be a long line)

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from sorgende.i18n import register_messages

MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {
    "web:My requests": {"de": "Meine Anfragen", "en": "My requests"},
    "web:Confirming help automatically": {
        "de": "Hilfe automatisch bestätigen",
        "en": "Confirming help automatically",
    },
    "web:When help was reported as done and nobody confirms it, it counts as confirmed after this many days and its hours are booked. Leave the field empty for never (the default). At most %(most)s days.": {
        "de": "Wenn Hilfe als erledigt gemeldet ist und niemand sie bestätigt, gilt sie nach so vielen Tagen als bestätigt und ihre Stunden werden gebucht. Lassen Sie das Feld leer für nie (die Voreinstellung). Höchstens {most} Tage.",
        "en": "When help was reported as done and nobody confirms it, it counts as confirmed after this many days and its hours are booked. Leave the field empty for never (the default). At most {most} days.",
    },
    "web:Days until help counts as confirmed": {
        "de": "Tage, bis Hilfe als bestätigt gilt",
        "en": "Days until help counts as confirmed",
    },
    "web:Save the choice": {"de": "Auswahl speichern", "en": "Save the choice"},
    "web:Back to the previous page": {
        "de": "Zurück zur vorigen Seite",
        "en": "Back to the previous page",
    },
    "web:To the board": {"de": "Zum Schwarzen Brett", "en": "To the board"},
    "web:End this commitment? It cannot be resumed afterwards.": {
        "de": "Diese Zusage beenden? Sie kann danach nicht wieder aufgenommen werden.",
        "en": "End this commitment? It cannot be resumed afterwards.",
    },
    "web:Yes, end it": {"de": "Ja, beenden", "en": "Yes, end it"},
    "web:You have given %(hours)s more help than you received. You can use this time whenever you need help yourself.": {
        "de": "Sie haben {hours} mehr geholfen, als Sie Hilfe bekommen haben. Diese Zeit können Sie nutzen, wann immer Sie selbst Hilfe brauchen.",
        "en": "You have given {hours} more help than you received. You can use this time whenever you need help yourself.",
    },
    "web:You have received %(hours)s more help than you gave. That is fine: the time bank lives from giving and receiving, and nobody has to pay anything back.": {
        "de": "Sie haben {hours} mehr Hilfe bekommen, als Sie gegeben haben. Das ist in Ordnung: Die Zeitbank lebt vom Geben und Nehmen, und niemand muss etwas zurückzahlen.",
        "en": "You have received {hours} more help than you gave. That is fine: the time bank lives from giving and receiving, and nobody has to pay anything back.",
    },
    "web:Help given and received are even.": {
        "de": "Gegebene und erhaltene Hilfe sind ausgeglichen.",
        "en": "Help given and received are even.",
    },
    "web:waiting": {"de": "warten auf Sie", "en": "waiting"},
    "web:Please check the marked fields.": {
        "de": "Bitte prüfen Sie die markierten Felder.",
        "en": "Please check the marked fields.",
    },
    "web:Every two weeks": {"de": "Alle zwei Wochen", "en": "Every two weeks"},
    "web:Every month": {"de": "Jeden Monat", "en": "Every month"},
    "web:Repeating": {"de": "Wiederholt", "en": "Repeating"},
    "web:Find the person (name or place)": {
        "de": "Person suchen (Name oder Ort)",
        "en": "Find the person (name or place)",
    },
    "web:Search": {"de": "Suchen", "en": "Search"},
    "web:%(shown)s of %(total)s persons match the search.": {
        "de": "{shown} von {total} Personen passen zur Suche.",
        "en": "{shown} of {total} persons match the search.",
    },
    "web:The first, if it repeats.": {
        "de": "Der erste, wenn es sich wiederholt.",
        "en": "The first, if it repeats.",
    },
    "web:On which day of the week": {
        "de": "An welchem Wochentag",
        "en": "On which day of the week",
    },
    "web:The day chosen above": {"de": "Der oben gewählte Tag", "en": "The day chosen above"},
    "web:Monday": {"de": "Montag", "en": "Monday"},
    "web:Tuesday": {"de": "Dienstag", "en": "Tuesday"},
    "web:Wednesday": {"de": "Mittwoch", "en": "Wednesday"},
    "web:Thursday": {"de": "Donnerstag", "en": "Thursday"},
    "web:Friday": {"de": "Freitag", "en": "Friday"},
    "web:Saturday": {"de": "Samstag", "en": "Saturday"},
    "web:Sunday": {"de": "Sonntag", "en": "Sunday"},
    "web:Every week or every two weeks: the first date is the first such day from the day chosen.": {
        "de": "Jede Woche oder alle zwei Wochen: der erste Termin ist der erste solche Tag ab dem gewählten Tag.",
        "en": "Every week or every two weeks: the first date is the first such day from the day chosen.",
    },
    "web:Repeat until (optional)": {
        "de": "Wiederholen bis (freiwillig)",
        "en": "Repeat until (optional)",
    },
    "web:Leave empty if it goes on.": {
        "de": "Leer lassen, wenn es kein Ende hat.",
        "en": "Leave empty if it goes on.",
    },
    "web:from %(day)s": {"de": "ab {day}", "en": "from {day}"},
    "web:until %(day)s": {"de": "bis {day}", "en": "until {day}"},
    "web:Next date": {"de": "Nächster Termin", "en": "Next date"},
    "web:Every coming date has its helpers.": {
        "de": "Jeder kommende Termin hat seine Helfenden.",
        "en": "Every coming date has its helpers.",
    },
    "web:No more dates.": {"de": "Keine weiteren Termine.", "en": "No more dates."},
    "web:The next dates": {"de": "Die nächsten Termine", "en": "The next dates"},
    "web:You help": {"de": "Sie helfen", "en": "You help"},
    "web:Places free: %(n)s": {"de": "Freie Plätze: {n}", "en": "Places free: {n}"},
    "web:Help on this date": {"de": "An diesem Termin helfen", "en": "Help on this date"},
    "web:Help at every coming date": {
        "de": "An jedem kommenden Termin helfen",
        "en": "Help at every coming date",
    },
    "web:Helpers offered several dates": {
        "de": "Helfende haben mehrere Termine angeboten",
        "en": "Helpers offered several dates",
    },
    "web:Agree to all %(n)s dates of %(name)s": {
        "de": "Allen {n} Terminen von {name} zustimmen",
        "en": "Agree to all {n} dates of {name}",
    },
    "web:Which date": {"de": "Welcher Termin", "en": "Which date"},
    "web:Every coming date": {"de": "Jeder kommende Termin", "en": "Every coming date"},
    "web:Your help is offered for every coming date.": {
        "de": "Ihre Hilfe ist für jeden kommenden Termin angeboten.",
        "en": "Your help is offered for every coming date.",
    },
    "web:All dates of this helper are agreed.": {
        "de": "Alle Termine dieser Person sind vereinbart.",
        "en": "All dates of this helper are agreed.",
    },
    "web:When would you like it?": {
        "de": "Wann möchten Sie die Hilfe?",
        "en": "When would you like it?",
    },
    "web:This offer has no coming dates.": {
        "de": "Dieses Angebot hat keine kommenden Termine.",
        "en": "This offer has no coming dates.",
    },
    "web:Next date without a helper: %(when)s": {
        "de": "Nächster Termin ohne Helfende: {when}",
        "en": "Next date without a helper: {when}",
    },
    "web:You have no open requests.": {
        "de": "Sie haben keine offenen Anfragen.",
        "en": "You have no open requests.",
    },
    "web:Earlier requests": {"de": "Frühere Anfragen", "en": "Earlier requests"},
    "web.problem.forms.date_local": {
        "de": "{value!r} ist kein Datum (zum Beispiel 31.03.2027)",
        "en": "{value!r} is not a date (for example 2027-03-31)",
    },
    "web.problem.forms.slot": {
        "de": "ist keiner der angebotenen Termine",
        "en": "is not one of the dates offered",
    },
}

register_messages(__name__, MESSAGES)
