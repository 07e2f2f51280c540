"""The web platform's text in German (default) and English, from sorgende's one catalogue.

The page texts are :mod:`sorgende_web.texts` and the refusals :mod:`sorgende_web.messages`,
both registered parts of :mod:`sorgende.i18n`. Templates and code name a page text by its
English wording (``_("Sign in")``), looked up as the key ``web:<wording>``. A test checks
that every wording used in templates and code is in the catalogue in both languages.
Dates, times, hours and numbers are written by the core's ``format_*`` helpers, as on
the command line and in e-mails.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from sorgende.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    format_date,
    format_hours,
    format_number,
    format_when,
    is_registered,
    translate,
)
from sorgende_web import form_texts as _form_texts  # noqa: F401  (the forms' texts)
from sorgende_web import inbox_texts as _inbox_texts  # noqa: F401  (inbox, conversations)
from sorgende_web import messages as _messages  # noqa: F401  (registers the refusals)
from sorgende_web import texts as _texts  # noqa: F401  (registers the page texts)

#: the prefix of the web platform's page texts in the catalogue
PREFIX = "web:"

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "N_", "Translator", "key_of", "negotiate"]


def N_(message: str) -> str:
    """Mark ``message`` as a page text that is translated later (at use)."""
    return message


def key_of(wording: str) -> str:
    """The catalogue key of the page text with this English wording."""
    return PREFIX + wording


class Translator:
    """``gettext`` and ``ngettext`` for one language over the catalogue's ``web:`` texts.

    The names are gettext's, so Jinja2's i18n extension and the templates' ``_()`` work
    unchanged; a wording that is not in the catalogue is shown as it is (the test of the
    catalogue fails for it).
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE

    def gettext(self, message: str, **params: Any) -> str:
        """The page text with this English wording, or the catalogue's text with this key.

        The second lets a plugin's template name its own texts by their keys
        (the key ``theme_example.town_hall`` given to ``_``), registered under its own prefix.
        """
        key = key_of(message)
        if is_registered(key):
            return translate(key, self.lang, **params)
        if is_registered(message):
            return translate(message, self.lang, **params)
        return message % params if params else message

    def ngettext(self, singular: str, plural: str, n: int, **params: Any) -> str:
        key = key_of(singular) + (".one" if n == 1 else ".other")
        if is_registered(key):
            return translate(key, self.lang, num=n, **params)
        return (singular if n == 1 else plural) % {"num": n, **params}

    # -- formats: the core's, as on the command line and in e-mails --------------------

    def format_date(self, value: date) -> str:
        return format_date(value, self.lang)

    def weekday_datetime(self, value: datetime, zone: ZoneInfo) -> str:
        return format_when(value.astimezone(zone), self.lang)

    def hours(self, minutes: int, *, signed: bool = False) -> str:
        return format_hours(minutes, self.lang, signed=signed)

    def number(self, value: float, decimals: int = 0) -> str:
        return format_number(value, self.lang, decimals)


@cache
def translator(lang: str) -> Translator:
    return Translator(lang)


def negotiate(chosen: str | None, accept_language: str | None, default: str) -> str:
    """The language for a request: the visitor's choice, then their browser's, then ``default``."""
    if chosen is not None and chosen in LANGUAGES:
        return chosen
    if accept_language:
        weighted: list[tuple[float, str]] = []
        for part in accept_language.split(",")[:20]:
            piece = part.strip()
            if not piece:
                continue
            tag, _, params = piece.partition(";")
            quality = 1.0
            if params.strip().startswith("q="):
                try:
                    quality = float(params.strip()[2:])
                except ValueError:
                    quality = 0.0
            weighted.append((quality, tag.strip().lower()[:2]))
        for quality, tag in sorted(weighted, key=lambda w: -w[0]):
            if quality > 0 and tag in LANGUAGES:
                return tag
    return default
