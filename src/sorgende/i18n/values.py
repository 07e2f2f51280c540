"""Values of a message that are put into words per language: names, labels, local dates.

A refusal names what it is about the way a person knows it: a person by name
(:class:`Named`), a category by its label in the reader's language (:class:`Labelled`),
a code of the model (a qualification, a transition, a state) by its text in the catalogue
(:class:`Term`), a day or a time in the community's time zone (:class:`LocalDate`,
:class:`LocalDateTime`: "Dienstag, 18. März, 9:00"), several of them as a list
(:class:`Listing`: "a, b und c"). Each is a :class:`~sorgende.i18n.Localised`, rendered
by :func:`~sorgende.i18n.translate` when the message is put into words; what a
developer needs (an id, a code) stays on the value.

Times without a time zone of their own are shown in the zone of the rendering context
(:func:`rendering`, by default :data:`DEFAULT_TIME_ZONE`); a day of the current year is
shown without its year.
"""

from __future__ import annotations

import unicodedata
import zoneinfo
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, tzinfo
from typing import Final

from sorgende.i18n import (
    DEFAULT_LANGUAGE,
    Localised,
    Message,
    is_registered,
    localise,
    translate,
)

__all__ = [
    "DEFAULT_TIME_ZONE",
    "Capitalised",
    "Labelled",
    "Listing",
    "LocalDate",
    "LocalDateTime",
    "Named",
    "Quoted",
    "Term",
    "humanise",
    "rendering",
    "rendering_time_zone",
    "zone_of",
]

#: the time zone of a community that names none (sorgende's communities are German)
DEFAULT_TIME_ZONE: Final = "Europe/Berlin"

_ZONE: ContextVar[str] = ContextVar("sorgende_rendering_zone", default=DEFAULT_TIME_ZONE)
_TODAY: ContextVar[date | None] = ContextVar("sorgende_rendering_today", default=None)

Resolve = Callable[[object], object]


@contextmanager
def rendering(*, time_zone: str | None = None, today: date | None = None) -> Iterator[None]:
    """Render times in ``time_zone`` and take ``today`` as the current day, inside the block.

    For a page or a command that shows messages of one community; values that carry their
    own zone or day keep them.
    """
    tokens = (
        _ZONE.set(time_zone) if time_zone is not None else None,
        _TODAY.set(today) if today is not None else None,
    )
    try:
        yield
    finally:
        if tokens[1] is not None:
            _TODAY.reset(tokens[1])
        if tokens[0] is not None:
            _ZONE.reset(tokens[0])


def rendering_time_zone() -> str:
    """The time zone times are shown in when they carry none (see :func:`rendering`)."""
    return _ZONE.get()


def zone_of(name: str | None) -> tzinfo:
    """The time zone called ``name`` (the rendering zone for ``None``, Berlin if unknown)."""
    for candidate in (name or _ZONE.get(), DEFAULT_TIME_ZONE):
        try:
            return zoneinfo.ZoneInfo(candidate)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            continue
    raise AssertionError("the default time zone is unknown")  # pragma: no cover


def humanise(code: str) -> str:
    """A code without a text in the catalogue, readable: ``tech_help`` -> ``tech help``."""
    return " ".join(code.replace("_", " ").replace(".", " ").split()) or "?"


def _same(a: object, b: object) -> bool:
    return type(a) is type(b) and repr(a) == repr(b)


def _collation(word: str) -> str:
    """A key that sorts words as a dictionary does: Ä with A, ß with ss."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class Named(Localised):
    """Something that has a name of its own: a person, a place, a community.

    ``name`` may itself be a text (an erased person: "eine gelöschte Person"); ``id`` is
    for developers; ``pronoun`` (``"she"``, ``"he"``) lets a message say "ihr"/"her"
    instead of the neutral article when it is known.
    """

    __slots__ = ("id", "name", "pronoun")

    def __init__(
        self, name: str | Localised, id: object = None, pronoun: str | None = None
    ) -> None:
        self.name = name
        self.id = id
        self.pronoun = pronoun

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return str(localise(self.name, lang))

    def resolved(self, resolve: Resolve) -> Localised:
        name = resolve(self.name)
        return Named(name, self.id, self.pronoun) if isinstance(name, str | Localised) else self

    def __repr__(self) -> str:
        return f"Named({self.name!r}, id={self.id!r})"

    def __eq__(self, other: object) -> bool:
        return _same(self, other)

    def __hash__(self) -> int:
        return hash(repr(self))


class Labelled(Localised):
    """Something with a label per language, such as a category: ``{"de": ..., "en": ...}``.

    Shows the label in the reader's language, else the German one, else any; ``code``
    (for developers) only made readable when there is no label at all.
    """

    __slots__ = ("code", "labels")

    def __init__(self, labels: Mapping[str, str], code: str = "") -> None:
        self.labels = dict(labels)
        self.code = code

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        for candidate in (self.labels.get(lang), self.labels.get(DEFAULT_LANGUAGE)):
            if candidate and candidate.strip():
                return candidate
        for candidate in self.labels.values():
            if candidate and candidate.strip():
                return candidate
        return humanise(self.code)

    def __repr__(self) -> str:
        return f"Labelled({self.labels!r}, code={self.code!r})"

    def __eq__(self, other: object) -> bool:
        return _same(self, other)

    def __hash__(self) -> int:
        return hash(repr(self))


class Term(Localised):
    """A code of the model named by its text in the catalogue, key ``prefix.code``.

    ``Term("transition", "no_show")`` reads "als nicht zustande gekommen melden" / "report
    as a no-show". A code without a text (a plugin's) is made readable (``humanise``).
    """

    __slots__ = ("code", "prefix")

    def __init__(self, prefix: str, code: str) -> None:
        self.prefix = prefix
        self.code = str(code)

    @property
    def key(self) -> str:
        return f"{self.prefix}.{self.code}"

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        if is_registered(self.key):
            return translate(self.key, lang)
        return humanise(self.code)

    def __repr__(self) -> str:
        return f"Term({self.prefix!r}, {self.code!r})"

    def __eq__(self, other: object) -> bool:
        return _same(self, other)

    def __hash__(self) -> int:
        return hash(repr(self))


class Quoted(Localised):
    """A name in the quotation marks of the language: „Einkaufen“ / “Shopping”."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return translate("text.quoted", lang, text=self.value)

    def resolved(self, resolve: Resolve) -> Localised:
        return Quoted(resolve(self.value))

    def __repr__(self) -> str:
        return f"Quoted({self.value!r})"


class Capitalised(Localised):
    """A text that begins a sentence: its first letter upper case (a name stays as it is)."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        text = str(localise(self.value, lang))
        if isinstance(self.value, Named) and isinstance(self.value.name, str):
            return text  # a name is written as its bearer writes it
        return text[:1].upper() + text[1:]

    def resolved(self, resolve: Resolve) -> Localised:
        return Capitalised(resolve(self.value))

    def __repr__(self) -> str:
        return f"Capitalised({self.value!r})"


class Listing(Localised):
    """Several values as a list in words: "a", "a und b", "a, b und c" (or "oder").

    ``sort`` orders them alphabetically in the reader's language.
    """

    __slots__ = ("conjunction", "items", "sort")

    def __init__(
        self, items: Iterable[object], conjunction: str = "and", *, sort: bool = False
    ) -> None:
        self.items = tuple(items)
        self.conjunction = conjunction
        self.sort = sort

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        words = [str(localise(item, lang)) for item in self.items]
        if self.sort:
            words.sort(key=_collation)
        if len(words) <= 1:
            return "".join(words)
        last = translate(f"word.{self.conjunction}", lang)
        return f"{', '.join(words[:-1])} {last} {words[-1]}"

    def resolved(self, resolve: Resolve) -> Localised:
        return Listing([resolve(item) for item in self.items], self.conjunction, sort=self.sort)

    def __repr__(self) -> str:
        return f"Listing({list(self.items)!r}, {self.conjunction!r})"

    def __eq__(self, other: object) -> bool:
        return _same(self, other)

    def __hash__(self) -> int:
        return hash(repr(self))


class _Dated(Localised):
    """A day or a time shown in a time zone (``zone`` ``None``: the rendering zone)."""

    __slots__ = ("today", "value", "weekday", "zone")

    def __init__(
        self,
        value: date | datetime,
        zone: str | None = None,
        *,
        weekday: bool = True,
        today: date | None = None,
    ) -> None:
        self.value = value
        self.zone = zone
        self.weekday = weekday
        self.today = today

    def local(self) -> date | datetime:
        """The value in its time zone (a day, or a time without a zone, as given)."""
        value = self.value
        if not isinstance(value, datetime) or value.utcoffset() is None:
            return value
        try:
            return value.astimezone(zone_of(self.zone))
        except (OverflowError, ValueError):  # year 1 or 9999 shown in another zone
            return value

    def with_context(self, zone: str | None, today: date | None) -> _Dated:
        """The same value, its missing zone and current day filled in."""
        return type(self)(
            self.value,
            self.zone or zone,
            weekday=self.weekday,
            today=self.today or today,
        )

    def _day(self, day: date, lang: str) -> str:
        today = self.today or _TODAY.get()
        if today is None:
            today = datetime.now(zone_of(self.zone)).date()
        month = Message(f"date.month.{day.month}")
        if day.year == today.year:
            text = translate("date.day", lang, day=day.day, month=month)
        else:
            text = translate("date.day_year", lang, day=day.day, month=month, year=day.year)
        if not self.weekday:
            return text
        weekday = Message(f"date.weekday.{day.weekday()}")
        return translate("date.weekday_day", lang, weekday=weekday, date=text)

    def __eq__(self, other: object) -> bool:
        return (
            type(self) is type(other)
            and isinstance(other, _Dated)
            and (self.value, self.zone, self.weekday) == (other.value, other.zone, other.weekday)
        )

    def __hash__(self) -> int:
        return hash((type(self), self.value, self.zone))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.value!r}, zone={self.zone!r})"


class LocalDate(_Dated):
    """A day for a person: "Dienstag, 18. März" / "Tuesday, 18 March" (the year if not this).

    ``value`` may be a time: its day in the time zone counts. ``weekday=False`` leaves the
    weekday out ("15. März").
    """

    __slots__ = ()

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        local = self.local()
        return self._day(local.date() if isinstance(local, datetime) else local, lang)


class LocalDateTime(_Dated):
    """A time for a person: "Dienstag, 18. März, 9:00", in the community's time zone."""

    __slots__ = ()

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        local = self.local()
        if not isinstance(local, datetime):
            return self._day(local, lang)
        time = f"{local.hour}:{local.minute:02d}"
        return translate("date.at", lang, date=self._day(local.date(), lang), time=time)
