"""The e-mail plugin's texts for people, in German and English.

One part of sorgende's message catalogue (:mod:`sorgende.i18n`), registered on import
like every plugin's texts; the keys carry the plugin's prefix so they cannot collide.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from sorgende.i18n import register_messages

MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {
    "email.problem.config.give_both_neither": {
        "de": "bitte beide oder keins angeben",
        "en": "give both or neither",
    },
    "email.problem.config.give_list_names": {
        "de": "bitte eine Liste angeben",
        "en": "give a list of names",
    },
    "email.problem.config.more_than": {
        "de": "muss größer als 0 sein",
        "en": "must be more than 0",
    },
    "email.problem.config.no_directory": {
        "de": "{directory!r} ist kein Verzeichnis",
        "en": "{directory!r} is no directory",
    },
    "email.problem.config.no_e_mail_address": {
        "de": '{sender!r} ist keine E-Mail-Adresse (bitte sender = "Name <Adresse>")',
        "en": '{sender!r} is no e-mail address (give sender = "Name <address>")',
    },
    "email.problem.config.no_number": {
        "de": "{value!r} ist keine Zahl",
        "en": "{value!r} is no number",
    },
    "email.problem.config.no_port": {
        "de": "{value!r} ist kein Port",
        "en": "{value!r} is no port",
    },
    "email.problem.config.not_one_of": {
        "de": "{security!r} ist keins von {security2}",
        "en": "{security!r} is not one of {security2}",
    },
    "email.problem.config.text": {
        "de": "{sender!r}: {exc}",
        "en": "{sender!r}: {exc}",
    },
    "email.problem.config.unknown_setting_s_known": {
        "de": "unbekannte Einstellung(en); bekannt sind: {known}",
        "en": "unknown setting(s); known: {known}",
    },
    "email.problem.config.unknown_time_zone": {
        "de": "unbekannte Zeitzone {data!r}",
        "en": "unknown time zone {data!r}",
    },
}

register_messages(__name__, MESSAGES)
