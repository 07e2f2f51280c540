"""The example theme's texts: the town hall page, its footer link and menu entry.

A theme's texts are registered like any plugin's part of sorgende's message catalogue,
under the theme's own prefix; its templates ask for them by key (``_("theme_example.…")``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from sorgende.i18n import register_messages

MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {
    "theme_example.town_hall": {"de": "Rathaus", "en": "Town hall"},
    "theme_example.heading": {"de": "Ihr Rathaus hilft mit", "en": "Your town hall helps"},
    "theme_example.lead": {
        "de": "Die Verbandsgemeindeverwaltung Daun unterstützt die Sorgende Gemeinschaft: "
        "wer kein Smartphone hat, ruft an, und wir stellen das Hilfegesuch ein.",
        "en": "The administration of Verbandsgemeinde Daun supports the caring community: "
        "if you have no smartphone, call us and we post the request for you.",
    },
    "theme_example.phone": {"de": "Telefon", "en": "Phone"},
    "theme_example.hours": {"de": "Sprechzeiten", "en": "Office hours"},
    "theme_example.hours_value": {
        "de": "Montag bis Freitag, 8:30 bis 12 Uhr; Donnerstag auch 14 bis 18 Uhr",
        "en": "Monday to Friday, 8:30 to 12; Thursday also 14 to 18",
    },
    "theme_example.address": {"de": "Adresse", "en": "Address"},
    "theme_example.contact": {
        "de": "Telefon und Sprechzeiten",
        "en": "Phone and office hours",
    },
}

register_messages(__name__, MESSAGES)
