"""Who and what a refusal is about, in words: from the model's records to named values.

An error is given what its raiser has at hand: the records themselves (an actor, a
category, a request, an exchange) or only their ids and codes. The functions here turn
either into :class:`~sorgende.i18n.Localised` values — a person by name, a category by
its label, a request as "das Hilfegesuch „Einkaufen“ für Dienstag, 18. März, 9:00". An
id stays a :class:`Ref` until the services look it up (:func:`resolve`, called when a
refusal leaves a use case); a ``Ref`` never looked up reads "diese Person", "der
Einsatz": never the id.

The errors are beneath the model (they import nothing of it), so records are read by
their attributes (``name``, ``names``, ``window``, ``scheduled``...), not by their type.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime

from sorgende.i18n import (
    DEFAULT_LANGUAGE,
    Labelled,
    Listing,
    LocalDate,
    LocalDateTime,
    Localised,
    Message,
    Named,
    Quoted,
    Term,
    is_registered,
)
from sorgende.i18n.values import _Dated

#: looks a record up: ``find(kind, key)`` -> the record, or ``None``; kinds are
#: ``person``, ``place``, ``category``, ``request``, ``offer`` and ``exchange``
Find = Callable[[str, object], object | None]

_FALLBACK = {
    "person": "name.someone",
    "place": "name.place",
    "category": "name.category",
    "request": "subject.request",
    "offer": "subject.offer",
}


class Ref(Localised):
    """A record known only by its key (an id, a code) until :func:`resolve` names it.

    ``form`` is the grammatical case an exchange is named in (``nom``, ``acc``).
    """

    __slots__ = ("form", "key", "kind")

    def __init__(self, kind: str, key: object, form: str = "nom") -> None:
        self.kind = kind
        self.key = key
        self.form = form

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        if self.kind == "exchange":
            return Message(f"subject.exchange.plain.{self.form}").text(lang)
        key = _FALLBACK.get(self.kind)
        return Message(key).text(lang) if key else Term("kind", self.kind).text(lang)

    def __repr__(self) -> str:
        return f"Ref({self.kind!r}, {self.key!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Ref) and (other.kind, other.key) == (self.kind, self.key)

    def __hash__(self) -> int:
        return hash((self.kind, self.key))


def _known(value: object) -> Localised | None:
    return value if isinstance(value, Localised) else None


def person(value: object) -> Localised:
    """A person or organisation by name (an erased one as "eine gelöschte Person")."""
    if isinstance(value, Localised):
        return value
    if isinstance(value, str):
        return Named(value)
    name = getattr(value, "name", None)
    if isinstance(name, str):
        key = getattr(value, "id", None)
        if getattr(value, "erased", False) or not name.strip() or name == "—":
            return Named(Message("name.erased"), key)
        return Named(name, key, getattr(value, "pronoun", None))
    return Ref("person", value)


def place(value: object) -> Localised:
    """A place by name."""
    if isinstance(value, Localised):
        return value
    name = getattr(value, "name", None)
    if isinstance(name, str) and name.strip():
        return Named(name, getattr(value, "id", None))
    return Ref("place", value)


def category(value: object) -> Localised:
    """A category by its label in the reader's language (a code: looked up later)."""
    if isinstance(value, Localised):
        return value
    names = getattr(value, "names", None)
    if isinstance(names, Mapping):
        return Labelled(names, str(getattr(value, "code", "")))
    return Ref("category", value)


def categories(values: Iterable[object]) -> Localised:
    """Several categories: "Einkaufen, Fahrdienste und Besuche"."""
    return Listing((category(v) for v in values), sort=True)


def qualification(kind: str, form: str = "") -> Localised:
    """A qualification kind by its label, or in a sentence's ``form`` (the/her/his)."""
    if not form:
        return Term("qualification", kind)
    key = f"qualification.{kind}.{form}"
    if is_registered(key):
        return Message(key)
    return Message(f"qualification.other.{form}", label=Term("qualification", kind))


def moment(value: object, zone: str | None = None) -> Localised:
    """A time (or a day) in the community's time zone: "Dienstag, 18. März, 9:00"."""
    if isinstance(value, Localised):
        return value
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return Named(str(value))
    if isinstance(value, datetime):
        return LocalDateTime(value, zone)
    if isinstance(value, date):
        return LocalDate(value, zone)
    return Named(str(value))


def day(value: object, zone: str | None = None, *, weekday: bool = True) -> Localised:
    """A day ("Dienstag, 18. März"); a time counts by its day in the time zone."""
    if isinstance(value, Localised):
        return value
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
        except ValueError:
            return Named(str(value))
    if isinstance(value, date):
        return LocalDate(value, zone, weekday=weekday)
    return Named(str(value))


def local_day(value: object, zone: str | None = None) -> date | None:
    """The calendar day of ``value`` (a day, or a time in the time zone)."""
    shown = day(value, zone)
    if isinstance(shown, _Dated):
        local = shown.local()
        return local.date() if isinstance(local, datetime) else local
    return None


def _label(record: object, of: object) -> Localised | None:
    """A request's or an offer's label: its title, else its category's label."""
    title = getattr(record, "title", "")
    if isinstance(title, str) and title.strip():
        return Quoted(title.strip())
    if of is not None:
        return Quoted(category(of))
    code = getattr(record, "category", None)
    return Quoted(Ref("category", code)) if isinstance(code, str) else None


class Subject(Localised):
    """A record a refusal is about, in words, by what is known of it.

    ``kind`` picks the texts ``subject.<kind>[.labelled][_dated]``; a label still to be
    looked up (a category known by code) is left out until it is.
    """

    __slots__ = ("extra", "kind", "label", "when")

    def __init__(
        self,
        kind: str,
        label: Localised | None = None,
        when: Localised | None = None,
        **extra: object,
    ) -> None:
        self.kind = kind
        self.label = label
        self.when = when
        self.extra = extra

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        label = self.label
        if isinstance(label, Quoted) and isinstance(label.value, Ref):
            label = None
        values: dict[str, object] = {k: v for k, v in self.extra.items() if k != "form"}
        if label is not None:
            values["label"] = label
        if self.when is not None:
            values["when"] = self.when
        if self.kind == "exchange":
            form = str(self.extra.get("form", "nom"))
            if self.when is None:
                key = f"subject.exchange.plain.{form}"
            else:
                key = f"subject.exchange{'.labelled' if label is not None else ''}.{form}"
        elif self.kind == "request" and self.when is not None:
            key = "subject.request." + ("labelled_dated" if label is not None else "dated")
        else:
            key = f"subject.{self.kind}" + (".labelled" if label is not None else "")
        return Message(key, **values).text(lang)

    def resolved(self, resolve: Callable[[object], object]) -> Localised:
        label = resolve(self.label) if self.label is not None else None
        when = resolve(self.when) if self.when is not None else None
        return Subject(self.kind, _known(label), _known(when), **self.extra)

    def __repr__(self) -> str:
        return f"Subject({self.kind!r}, {self.label!r}, {self.when!r})"


def request(value: object, of: object = None, *, dated: bool = True) -> Localised:
    """A request: "das Hilfegesuch „Einkaufen“ für Dienstag, 18. März, 9:00".

    ``of`` is its category (a record or a code), when the request has no title;
    ``dated=False`` leaves the time out (the message names an occurrence itself).
    """
    if isinstance(value, Localised):
        return value
    window = getattr(value, "window", None)
    if window is None:
        return Ref("request", value)
    when = LocalDateTime(window.start) if dated else None
    return Subject("request", _label(value, of), when)


def offer(value: object, of: object = None) -> Localised:
    """An offer: "das Hilfsangebot „Einkaufen“"."""
    if isinstance(value, Localised):
        return value
    if getattr(value, "window", None) is None:
        return Ref("offer", value)
    return Subject("offer", _label(value, of))


def exchange(value: object, of: object = None, *, form: str = "nom") -> Localised:
    """An exchange: "der Einsatz „Vorlesestunde“ am Dienstag, 18. März, 9:00".

    ``form`` is the case: ``nom`` (der Einsatz) or ``acc`` (den Einsatz).
    """
    if isinstance(value, Localised):
        return value
    scheduled = getattr(value, "scheduled", None)
    if not isinstance(scheduled, datetime):
        return Ref("exchange", value, form)
    label: Localised | None = None
    if of is not None:
        label = Quoted(category(of))
    elif isinstance(getattr(value, "category", None), str):
        label = Quoted(Ref("category", value.category))  # type: ignore[attr-defined]
    return Subject("exchange", label, LocalDateTime(scheduled), form=form)


def key_of(value: object) -> object:
    """The id (or code) of a record or a key, for the machine-readable params."""
    if isinstance(value, uuid.UUID | str | int) or value is None:
        return value
    if isinstance(value, Named | Ref):
        return value.id if isinstance(value, Named) else value.key
    for attribute in ("id", "code"):
        key = getattr(value, attribute, None)
        if key is not None:
            return key
    return None


# -- naming what was known only by its key ------------------------------------------------


def _named(kind: str, record: object, form: str) -> Localised:
    if kind == "person":
        return person(record)
    if kind == "place":
        return place(record)
    if kind == "category":
        return category(record)
    if kind == "request":
        return request(record)
    if kind == "offer":
        return offer(record)
    if kind == "exchange":
        return exchange(record, form=form)
    return Term("kind", kind)


def resolve(
    value: object,
    find: Find | None,
    *,
    time_zone: str | None = None,
    today: date | None = None,
) -> object:
    """``value`` with every :class:`Ref` in it named by ``find``, times put in the zone.

    Times that carry no zone get ``time_zone`` (the community's) and ``today`` (the day of
    the use case's clock, which decides whether a date shows its year). A ``find`` that
    fails leaves the reference as it is: naming never hides the refusal itself.
    """
    return resolver(find, time_zone=time_zone, today=today)(value)


def resolver(
    find: Find | None, *, time_zone: str | None = None, today: date | None = None
) -> Callable[[object], object]:
    """:func:`resolve` for several values: each record is looked up once."""
    named: dict[tuple[str, object, str], object] = {}

    def walk(item: object) -> object:
        if isinstance(item, Ref):
            key = (item.kind, item.key, item.form)
            if find is None:
                return item
            if key in named:  # looked up already (or being named: a record naming itself)
                return named[key]
            named[key] = item
            try:
                record = find(item.kind, item.key)
            except Exception:  # a refusal is shown even when a lookup fails
                record = None
            if record is not None:
                named[key] = walk(_named(item.kind, record, item.form))
            return named[key]
        if isinstance(item, _Dated):
            return item.with_context(time_zone, today)
        if isinstance(item, Localised):
            return item.resolved(walk)
        return item

    return walk
