"""The texts of the model's rules (times, places, who may be helped), in German and English.

Plain data, registered with :mod:`sorgende.i18n` on import (by :mod:`sorgende.domain.values`,
which every model module imports).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from sorgende.i18n import register_messages

MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {
    "problem.windows.unrepresentable": {
        "de": "{value} liegt außerhalb der darstellbaren Zeit ({earliest} bis {latest})",
        "en": "{value} lies outside the times that can be represented ({earliest} to {latest})",
    },
    "problem.windows.before_grace": {
        "de": "{value} liegt zu weit zurück: Hilfe kann höchstens {hours} Stunden im "
        "Nachhinein eingetragen werden, also ab {earliest}",
        "en": "{value} lies too far in the past: help can be entered at most {hours} hours "
        "late, that is from {earliest}",
    },
    "problem.windows.beyond_horizon": {
        "de": "{value} liegt zu weit in der Zukunft: höchstens {days} Tage im Voraus, also "
        "bis {latest}",
        "en": "{value} lies too far ahead: at most {days} days in advance, that is until {latest}",
    },
    "problem.windows.until_beyond_horizon": {
        "de": "{value} liegt zu weit in der Zukunft: eine Wiederholung endet spätestens "
        "{days} Tage im Voraus ({latest}); ohne Enddatum läuft sie unbegrenzt",
        "en": "{value} lies too far ahead: a repetition ends at most {days} days ahead "
        "({latest}); without an end date it runs on without end",
    },
    "problem.windows.until_before_start": {
        "de": "{value} liegt vor dem ersten Termin ({start}): die Wiederholung hätte keinen Termin",
        "en": "{value} is before the first occurrence ({start}): the repetition would have "
        "no occurrence",
    },
    "rules.change.complete": {"de": "erledigt", "en": "reported as done"},
    "rules.change.no_show": {"de": "nicht erschienen", "en": "reported as a no-show"},
    "rules.inactive.erased": {"de": "ihre Daten wurden gelöscht", "en": "their data was erased"},
    "rules.inactive.deactivated": {"de": "abgemeldet", "en": "deactivated"},
    "rules.role.recipient": {"de": "Empfänger*in von Hilfe", "en": "the recipient of help"},
    "rules.role.helper": {"de": "Helfer*in", "en": "a helper"},
    # -- what `sorgende db check` finds in stored records --------------------------------
    "check.unrepresentable": {
        "de": "{value} liegt außerhalb der darstellbaren Zeit",
        "en": "{value} lies outside the times that can be represented",
    },
    "check.before_start": {
        "de": "am {at} als {change} gemeldet, vor dem Beginn am {scheduled}",
        "en": "{change} on {at}, before it began on {scheduled}",
    },
    "check.double_booked": {
        "de": "überschneidet sich mit dem zugesagten Einsatz {other} derselben Person am {when}",
        "en": "overlaps the same helper's accepted exchange {other} on {when}",
    },
    "check.inactive": {
        "de": "noch offen, aber die Person nimmt nicht mehr teil (gelöscht oder abgemeldet)",
        "en": "still open, but the person no longer takes part (erased or deactivated)",
    },
}

register_messages(__name__, MESSAGES)
