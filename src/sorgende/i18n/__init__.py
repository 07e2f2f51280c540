"""Text for people, in German (the default) and English: one catalogue, one lookup.

Every text sorgende shows to a person has a key in the one message catalogue, with a
template per language written with :meth:`str.format` placeholders::

    translate("cli.import.done", "en", name="VG Daun")     # "Community 'VG Daun' imported."

The catalogue is assembled from parts: the core's texts (:mod:`sorgende.i18n.texts`,
:mod:`sorgende.i18n.problems`), the error classes' templates (each class of
:mod:`sorgende.errors` registers its own), the simulation's (:mod:`sorgende.sim.texts`)
and every plugin's. A part is added with :func:`register_messages`; a key that another
part already owns is refused, so two plugins cannot silently overwrite each other's
texts. :func:`check_messages` finds texts missing in a language and placeholders that
differ between languages; the test suite runs it over every registered part.

A text that is decided in one place but shown later (an error's reason, a validation
problem) travels as a :class:`Message` — its key and values — and is put into words
only when a person's language is known. Numbers, hours and dates are formatted per
language by the ``format_*`` helpers (``9,5 Std.`` and ``22.919`` in German,
``9.5 h`` and ``22,919`` in English).

This module imports nothing else of sorgende, so that :mod:`sorgende.errors` can build
on it; a refused key raises the error :mod:`sorgende.errors` installs with
:func:`set_conflict_error` (a :class:`sorgende.errors.DuplicateMessage`).
"""

from __future__ import annotations

import string
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import Final

DEFAULT_LANGUAGE: Final = "de"
LANGUAGES: Final = ("de", "en")

#: a part of the catalogue: key -> language -> template
Messages = Mapping[str, Mapping[str, str]]

_texts: dict[str, Mapping[str, str]] = {}
_owners: dict[str, str] = {}
_lock = threading.Lock()


def _default_conflict(key: str, owner: str, other: str) -> Exception:
    return ValueError(f"message key {key!r} of {owner} is already registered by {other}")


#: the factory of the error for a refused key (a slot, so errors.py can install its own)
_conflict: list[Callable[[str, str, str], Exception]] = [_default_conflict]


def set_conflict_error(factory: Callable[[str, str, str], Exception]) -> None:
    """Install the error raised for a refused key: ``factory(key, owner, other_owner)``.

    :mod:`sorgende.errors` installs its own on import, so callers see an error of the
    project's family without this module depending on it.
    """
    _conflict[0] = factory


class Localised(ABC):
    """A value put into words only when the reader's language is known.

    :class:`Message` and :class:`Join` are, and the values of :mod:`sorgende.i18n.values`
    (a person's name, a category's label, a local date); :func:`translate` renders every
    value of a message that is one. ``str()`` gives the English text.
    """

    __slots__ = ()

    @abstractmethod
    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The value in words, in ``lang``."""

    def resolved(self, resolve: Callable[[object], object]) -> Localised:
        """This value with ``resolve`` applied to the values it holds (for a container).

        What a refusal names only by an id is named once the records are at hand: the
        services pass a ``resolve`` that looks the ids up (see ``sorgende.errors.naming``).
        """
        return self

    def __str__(self) -> str:
        return self.text("en")


class Message(Localised):
    """A text not yet put into words: a catalogue key and the values for its placeholders.

    Values may themselves be messages (``Message("error.reason", status=Message(...))``)
    or other :class:`Localised` values; they are put into words in the same language.
    ``str()`` gives the English text, for logs and developers.
    """

    __slots__ = ("key", "values")

    def __init__(self, key: str, /, **values: object) -> None:
        self.key = key
        self.values = values

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return translate(self.key, lang, **self.values)

    def resolved(self, resolve: Callable[[object], object]) -> Localised:
        return Message(self.key, **{name: resolve(value) for name, value in self.values.items()})

    def __repr__(self) -> str:
        return f"Message({self.key!r}, **{self.values!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and other.key == self.key and other.values == self.values

    def __hash__(self) -> int:
        return hash(self.key)


class Join(Localised):
    """Several texts joined by ``separator``, each translated: a list of problems."""

    __slots__ = ("items", "separator")

    def __init__(self, items: Iterable[Localised | str], separator: str = "; ") -> None:
        self.items = tuple(items)
        self.separator = separator

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.separator.join(str(localise(item, lang)) for item in self.items)

    def resolved(self, resolve: Callable[[object], object]) -> Localised:
        items = [resolve(item) for item in self.items]
        return Join([i if isinstance(i, Localised) else str(i) for i in items], self.separator)


#: a text for a person: already words (a name, a plugin's free text) or a value put into
#: words per language (a message, a name, a label, a local date)
Text = str | Localised


def localise(value: object, lang: str = DEFAULT_LANGUAGE) -> object:
    """``value`` put into words in ``lang`` if it is :class:`Localised`, else as it is."""
    return value.text(lang) if isinstance(value, Localised) else value


def register_messages(owner: str, messages: Messages) -> None:
    """Add ``messages`` (key -> language -> template) to the catalogue, owned by ``owner``.

    ``owner`` names the part, usually the registering module (``__name__``). Registering
    the same owner again replaces its texts (a reloaded module); a key owned by another
    part is refused with :class:`sorgende.errors.DuplicateMessage` and nothing of
    ``messages`` is added. Every text needs at least the German template, the fallback.
    """
    with _lock:
        for key, texts in messages.items():
            other = _owners.get(key)
            if other is not None and other != owner:
                raise _conflict[0](key, owner, other)
            if DEFAULT_LANGUAGE not in texts:
                raise _conflict[0](key, owner, f"nobody: {owner} gives no German text")
        for key, texts in messages.items():
            _texts[key] = dict(texts)
            _owners[key] = owner


def unregister_messages(owner: str) -> None:
    """Remove every text ``owner`` registered (a plugin unloaded, a test cleaning up)."""
    with _lock:
        for key in [key for key, by in _owners.items() if by == owner]:
            del _texts[key], _owners[key]


def registered() -> Iterator[tuple[str, str, Mapping[str, str]]]:
    """Every registered text as ``(key, owner, texts by language)``, sorted by key."""
    with _lock:
        items = sorted((key, _owners[key], texts) for key, texts in _texts.items())
    yield from items


def is_registered(key: str) -> bool:
    return key in _texts


def translate(key: str, lang: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """The text ``key`` in ``lang`` (German if ``lang`` or its text is missing), filled in.

    Values that are :class:`Message` objects are translated into ``lang`` first. An
    unknown ``key`` raises :class:`KeyError`: every text must be in the catalogue.
    """
    texts = _texts[key]
    template = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    if not values:
        return template.format()
    return template.format(**{name: localise(value, lang) for name, value in values.items()})


def translate_count(key: str, count: int, lang: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """The text ``key.one`` (``count`` is 1) or ``key.other``, with ``count`` filled in.

    German and English both have just these two plural forms.
    """
    form = "one" if count == 1 else "other"
    return translate(f"{key}.{form}", lang, count=count, **values)


def placeholders(template: str) -> set[str]:
    """The names a template fills in (``{name!r}`` and ``{name:>5}`` count as ``name``)."""
    names = set()
    for _, field, _, _ in string.Formatter().parse(template):
        if field is not None:
            names.add(field.split(".")[0].split("[")[0])
    return names


def check_messages() -> list[str]:
    """Every problem of the registered catalogue, one line each; empty when it is complete.

    A problem is a language without a text, an empty text, a template that does not
    parse, placeholders that differ between the languages, or a plural ``key.one``
    without its ``key.other`` (or the other way round).
    """
    problems: list[str] = []
    keys = set()
    for key, owner, texts in registered():
        keys.add(key)
        missing = [lang for lang in LANGUAGES if not (texts.get(lang) or "").strip()]
        if missing:
            problems.append(f"{key} ({owner}): no text in {', '.join(missing)}")
            continue
        try:
            found = {lang: placeholders(texts[lang]) for lang in LANGUAGES}
        except ValueError as exc:
            problems.append(f"{key} ({owner}): template does not parse: {exc}")
            continue
        if len({frozenset(names) for names in found.values()}) > 1:
            listing = "; ".join(f"{lang}: {sorted(names)}" for lang, names in found.items())
            problems.append(f"{key} ({owner}): placeholders differ ({listing})")
    for key in sorted(keys):
        stem, _, form = key.rpartition(".")
        pair = {"one": "other", "other": "one"}.get(form)
        if pair is not None and f"{stem}.{pair}" not in keys:
            problems.append(f"{key}: plural without its {stem}.{pair}")
    return problems


def format_number(value: float, lang: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """``value`` with thousands separators and ``decimals`` places, as ``lang`` writes it."""
    text = f"{value:,.{decimals}f}"
    if lang == "de":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_hours(minutes: int, lang: str = DEFAULT_LANGUAGE, *, signed: bool = False) -> str:
    """Minutes as hours: ``9,5 Std.`` / ``9.5 h``, ``0,75 Std.`` (``+9,5`` if ``signed``).

    One decimal, two where a quarter hour needs them, so 45 minutes are not shown as 0,8.
    """
    decimals = 1 if (minutes * 10) % 60 == 0 else 2
    value = format_number(minutes / 60, lang, decimals)
    if signed and minutes > 0:
        value = "+" + value
    return translate("unit.hours", lang, value=value)


def format_date(day: date, lang: str = DEFAULT_LANGUAGE) -> str:
    """``02.03.2026`` in German, ``2026-03-02`` in English."""
    return day.strftime("%d.%m.%Y") if lang == "de" else day.isoformat()


def format_datetime(moment: datetime, lang: str = DEFAULT_LANGUAGE) -> str:
    """``02.03.2026 14:30`` in German, ``2026-03-02 14:30`` in English (local time as given)."""
    return moment.strftime("%d.%m.%Y %H:%M" if lang == "de" else "%Y-%m-%d %H:%M")


def format_long_date(day: date, lang: str = DEFAULT_LANGUAGE) -> str:
    """``Montag, 2. März 2026`` / ``Monday, 2 March 2026``."""
    return translate(
        "date.long",
        lang,
        weekday=Message(f"date.weekday.{day.weekday()}"),
        day=day.day,
        month=Message(f"date.month.{day.month}"),
        year=day.year,
    )


def format_when(moment: datetime, lang: str = DEFAULT_LANGUAGE) -> str:
    """``Montag, 2. März 2026, 14:30 Uhr`` / ``Monday, 2 March 2026, 14:30`` (time as given)."""
    return translate(
        "date.when", lang, date=format_long_date(moment, lang), time=moment.strftime("%H:%M")
    )


# The core's own parts: plain data modules, registered like any plugin's part.
from sorgende.i18n import labels as _labels  # noqa: E402
from sorgende.i18n import problems as _problems  # noqa: E402
from sorgende.i18n import texts as _core_texts  # noqa: E402

for _part in (_core_texts, _problems, _labels):
    register_messages(_part.__name__, _part.MESSAGES)

# The values put into words per language (they build on the above).
from sorgende.i18n.values import (  # noqa: E402
    DEFAULT_TIME_ZONE,
    Capitalised,
    Labelled,
    Listing,
    LocalDate,
    LocalDateTime,
    Named,
    Quoted,
    Term,
    rendering,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "DEFAULT_TIME_ZONE",
    "LANGUAGES",
    "Capitalised",
    "Join",
    "Labelled",
    "Listing",
    "LocalDate",
    "LocalDateTime",
    "Localised",
    "Message",
    "Messages",
    "Named",
    "Quoted",
    "Term",
    "Text",
    "check_messages",
    "format_date",
    "format_datetime",
    "format_hours",
    "format_long_date",
    "format_number",
    "format_when",
    "is_registered",
    "localise",
    "placeholders",
    "register_messages",
    "registered",
    "rendering",
    "set_conflict_error",
    "translate",
    "translate_count",
    "unregister_messages",
]
