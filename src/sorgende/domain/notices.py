"""Which persons an event is news for: the mark :func:`notifies`.

The core knows whom its own events concern (the helper and the recipient of an
exchange, the recognised actor). A plugin's event type says it with the decorator,
naming the fields that hold the persons concerned (a person's id, or a tuple or
frozenset of ids); its events then go through the notification outbox to those
persons, as the core's do (consent, preferences, quiet hours, digest)::

    @notifies("person_id")
    @attrs.frozen
    class PromotedFromWaitlist(sorgende.DomainEvent):
        person_id: uuid.UUID

The person who acted (``by``) is never told: they know already.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, Final, TypeVar

import attrs

from sorgende.domain.events import DomainEvent

E = TypeVar("E", bound=type[DomainEvent])

#: the class attribute :func:`notifies` sets
MARK: Final = "__sorgende_notifies__"


#: what a marked type's events say to a person, for a channel that writes text (an
#: e-mail): ``summary(uow, event, language) -> str``, asked with a read-only unit of
#: work of the event's community when a channel reads ``notification.details``
Summary = Callable[[Any, Any, str], str]


@attrs.frozen
class NoticeMark:
    """The fields of an event type that name the persons it concerns, and how its events
    are put into words (``summary``, optional)."""

    persons: tuple[str, ...]
    summary: Summary | None = None


def notifies(*persons: str, summary: Summary | None = None) -> Callable[[E], E]:
    """Mark an event type as news for the persons its fields ``persons`` name.

    Subclasses of a marked type are marked too. A field may hold one id (or ``None``)
    or a tuple or frozenset of ids. ``summary(uow, event, language)`` puts an event into
    words for a person (names, local times; never ids): it is the ``summary`` of the
    notification's details.
    """
    if not persons:
        raise TypeError("notifies() takes the names of the fields that hold persons")
    for name in persons:
        if not isinstance(name, str) or not name.isidentifier():
            raise TypeError(f"notifies() takes the names of fields, not {name!r}")

    def mark(cls: E) -> E:
        fields = {f.name for f in attrs.fields(cls)}
        unknown = [name for name in persons if name not in fields]
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {', '.join(unknown)}")
        setattr(cls, MARK, NoticeMark(tuple(persons), summary))
        return cls

    return mark


def notice_mark(event_type: type[DomainEvent]) -> NoticeMark | None:
    """The mark of ``event_type`` (or of a type it derives from), ``None`` if unmarked."""
    found = getattr(event_type, MARK, None)
    return found if isinstance(found, NoticeMark) else None


def noticed(event: DomainEvent) -> list[uuid.UUID]:
    """The persons a marked event names, in the order of its fields, each once."""
    mark = notice_mark(type(event))
    if mark is None:
        return []
    found: dict[uuid.UUID, None] = {}
    for name in mark.persons:
        value = getattr(event, name)
        if isinstance(value, uuid.UUID):
            found[value] = None
        elif isinstance(value, tuple | frozenset | list | set):
            found.update((v, None) for v in value if isinstance(v, uuid.UUID))
    return list(found)
