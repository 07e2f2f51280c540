"""The web platform's text in German (default) and English, from Babel message catalogues.

The catalogues are the ``.po`` files under ``locale/<lang>/LC_MESSAGES/messages.po``,
read at start-up with :mod:`babel.messages.pofile`, so no build step compiles them.
Message ids are the English text; the German catalogue translates every one of them
(a test checks that none is missing). Dates, times and numbers are formatted with
Babel's locale data.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.dates import format_time as babel_format_time
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"
DOMAIN = "messages"


def N_(message: str) -> str:
    """Mark ``message`` for the catalogues where it is translated later (at use)."""
    return message


@cache
def catalogue(lang: str) -> Mapping[Any, str]:
    """msgid (or ``(singular, plural)``) → translation(s) of the language's catalogue."""
    path = resources.files("sorgende_web") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        parsed = read_po(handle, locale=lang, domain=DOMAIN)
    table: dict[Any, Any] = {}
    for message in parsed:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple | list):
            strings = tuple(message.string or ())
            if all(strings):
                table[tuple(message.id)] = strings
        elif message.string:
            table[message.id] = message.string
    return table


class Translator:
    """``gettext`` and ``ngettext`` for one language; placeholders as ``%(name)s``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self._table = catalogue(self.lang)

    def gettext(self, message: str, **params: Any) -> str:
        text = self._table.get(message, message)
        return text % params if params else text

    def ngettext(self, singular: str, plural: str, n: int, **params: Any) -> str:
        forms: Any = self._table.get((singular, plural))
        one, other = (forms[0], forms[-1]) if forms else (singular, plural)
        text = one if n == 1 else other
        return text % {"num": n, **params}

    # -- formats ------------------------------------------------------------------

    @property
    def locale(self) -> Locale:
        return _locale(self.lang)

    def format_datetime(self, value: datetime, zone: ZoneInfo) -> str:
        return babel_format_datetime(value.astimezone(zone), "medium", locale=self.locale)

    def format_date(self, value: date) -> str:
        return babel_format_date(value, "medium", locale=self.locale)

    def weekday_datetime(self, value: datetime, zone: ZoneInfo) -> str:
        local = value.astimezone(zone)
        day = babel_format_date(
            local, "EEEE, d. MMMM y" if self.lang == "de" else "EEEE, d MMMM y", locale=self.locale
        )
        return f"{day}, {babel_format_time(local, 'short', locale=self.locale)}"

    def hours(self, minutes: int, *, signed: bool = False) -> str:
        value = format_decimal(minutes / 60, "#,##0.0#", locale=self.locale)
        if signed and minutes > 0:
            value = "+" + value
        return self.gettext("%(hours)s h", hours=value)

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


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
