"""The page texts of the inbox and the conversations (German and English): one part of
sorgende's catalogue, registered on import like :mod:`sorgende_web.texts`."""



from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from sorgende.i18n import register_messages

MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {
    "web:Inbox": {"de": "Eingang", "en": "Inbox"},
    "web:What needs me now": {"de": "Was jetzt auf mich wartet", "en": "What needs me now"},
    "web:Nothing waits for you.": {"de": "Nichts wartet auf Sie.", "en": "Nothing waits for you."},
    "web:The community's queue": {"de": "Aufgaben der Koordination", "en": "The community's queue"},
    "web:The coordination asks: please answer": {
        "de": "Die Koordination fragt an: bitte antworten",
        "en": "The coordination asks: please answer",
    },
    "web:A proposal to answer": {
        "de": "Ein Vorschlag wartet auf Antwort",
        "en": "A proposal to answer",
    },
    "web:Help that took place: please report it done": {
        "de": "Die Hilfe hat stattgefunden: bitte als erledigt melden",
        "en": "Help that took place: please report it done",
    },
    "web:Please confirm the help": {
        "de": "Bitte bestätigen Sie die Hilfe",
        "en": "Please confirm the help",
    },
    "web:%(num)s new message.one": {"de": "{num} neue Nachricht", "en": "{num} new message"},
    "web:%(num)s new message.other": {"de": "{num} neue Nachrichten", "en": "{num} new messages"},
    "web:Nobody has offered help yet": {
        "de": "Noch niemand hat Hilfe angeboten",
        "en": "Nobody has offered help yet",
    },
    "web:A dispute to resolve": {
        "de": "Ein Streitfall wartet auf Klärung",
        "en": "A dispute to resolve",
    },
    "web:An adjustment of hours waits for approval": {
        "de": "Eine Stundenkorrektur wartet auf Freigabe",
        "en": "An adjustment of hours waits for approval",
    },
    "web:Waiting since %(day)s": {"de": "Wartet seit {day}", "en": "Waiting since {day}"},
    # the menu's count when more open requests wait than the queue counts
    "web:%(num)s+": {"de": "{num}+", "en": "{num}+"},
    "web:More than %(num)s requests wait for an offer; the first %(num)s are shown.": {
        "de": "Mehr als {num} Anfragen warten auf ein Hilfsangebot; die ersten {num} "
        "stehen hier (dringende zuerst, dann die am längsten wartenden).",
        "en": "More than {num} requests wait for an offer; the first {num} are shown "
        "(urgent ones first, then those waiting longest).",
    },
    "web:For %(name)s": {"de": "Für {name}", "en": "For {name}"},
    "web:Conversation": {"de": "Gespräch", "en": "Conversation"},
    "web:Back to the exchange": {"de": "Zurück zum Einsatz", "en": "Back to the exchange"},
    "web:for %(name)s": {"de": "für {name}", "en": "for {name}"},
    "web:No messages yet.": {"de": "Noch keine Nachrichten.", "en": "No messages yet."},
    "web:Your message": {"de": "Ihre Nachricht", "en": "Your message"},
    "web:Send": {"de": "Senden", "en": "Send"},
    "web:Share the contact details of %(name)s with the helper of this exchange?": {
        "de": "Die Kontaktdaten von {name} mit der helfenden Person dieses Einsatzes teilen?",
        "en": "Share the contact details of {name} with the helper of this exchange?",
    },
    "web:Agreed on the phone": {"de": "Am Telefon zugestimmt", "en": "Agreed on the phone"},
    "web:Share contact details": {"de": "Kontaktdaten teilen", "en": "Share contact details"},
    "web:The contact details are shared with the helper.": {
        "de": "Die Kontaktdaten sind für die helfende Person freigegeben.",
        "en": "The contact details are shared with the helper.",
    },
    "web:Write in the conversation": {
        "de": "Im Gespräch schreiben",
        "en": "Write in the conversation",
    },
}

register_messages(__name__, MESSAGES)
