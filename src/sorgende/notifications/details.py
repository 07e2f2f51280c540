"""What a message about an event can say: names, the category, the time and place.

Events carry ids only. A channel that writes text for people (an e-mail) needs more:
who the other party is, what kind of help, when and where. :class:`Details` gives that
as a read-only mapping, read from the storage on first use — a channel that never looks
(a webhook sending the event's JSON) costs no query.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from sorgende.domain import events as ev
from sorgende.domain.events import DomainEvent
from sorgende.domain.notices import notice_mark
from sorgende.ports import Storage, UnitOfWork


class Details(Mapping[str, Any]):
    """A mapping computed on first access (then kept); safe to share between threads."""

    __slots__ = ("_data", "_load", "_lock")

    def __init__(self, load: Callable[[], Mapping[str, Any]]) -> None:
        self._load = load
        self._data: Mapping[str, Any] | None = None
        self._lock = threading.Lock()

    def _get(self) -> Mapping[str, Any]:
        if self._data is None:
            with self._lock:
                if self._data is None:
                    self._data = dict(self._load())
        return self._data

    def __getitem__(self, key: str) -> Any:
        return self._get()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __repr__(self) -> str:
        return "Details(loaded)" if self._data is not None else "Details(not loaded)"


#: details that describe nothing (a notification made by hand)
NO_DETAILS: Mapping[str, Any] = {}


def lazy_details(
    storage: Storage, event: DomainEvent, actor_id: uuid.UUID | None, language: str
) -> Details:
    def load() -> Mapping[str, Any]:
        with storage.unit_of_work(event.community_id) as uow:
            return describe(uow, event, actor_id, language)

    return Details(load)


def describe(
    uow: UnitOfWork, event: DomainEvent, actor_id: uuid.UUID | None, language: str
) -> dict[str, Any]:
    """What can be said about ``event`` to ``actor_id`` (``None``: to a system).

    Always: ``community`` (its name) and ``by`` (the name of who acted, or ``None``).
    For exchange events: ``helper``, ``recipient``, ``counterpart`` (the other party's
    name, seen from ``actor_id``), ``role`` (``helper``/``recipient``/``None``),
    ``category`` (its name in ``language``), ``category_code``, ``scheduled`` (an aware
    datetime), ``minutes``, ``place``, ``request_title``, ``state``, ``reason``.
    For recognitions: ``recognition`` (its title in ``language``). For a plugin's event
    type marked with :func:`sorgende.notifies` and a ``summary``: ``summary``, the event
    in words.
    """
    names: dict[uuid.UUID, str] = {}

    def name(person: uuid.UUID | None) -> str | None:
        if person is None:
            return None
        if person not in names:
            actor = uow.actors.find(person)
            names[person] = actor.name if actor is not None else "—"
        return names[person]

    found: dict[str, Any] = {"community": uow.community.get().name, "by": name(event.by)}
    if isinstance(event, ev.ExchangeEvent):
        role = (
            "helper"
            if actor_id == event.helper_id
            else "recipient"
            if actor_id == event.recipient_id
            else None
        )
        counterpart = event.recipient_id if role == "helper" else event.helper_id
        found.update(
            helper=name(event.helper_id),
            recipient=name(event.recipient_id),
            counterpart=name(counterpart),
            role=role,
            reason=getattr(event, "reason", "") or "",
        )
        exchange = uow.exchanges.find(event.exchange_id)
        if exchange is not None:
            category = uow.categories.find(exchange.category)
            place = uow.places.find(exchange.place_id)
            request = (
                uow.requests.find(exchange.request_id) if exchange.request_id is not None else None
            )
            found.update(
                category=category.name(language) if category is not None else exchange.category,
                category_code=exchange.category,
                scheduled=exchange.scheduled,
                minutes=exchange.minutes,
                place=place.name if place is not None else None,
                request_title=request.title if request is not None else "",
                state=exchange.state.value,
            )
    elif isinstance(event, ev.RecognitionAwarded):
        title = event.code
        for recognition in uow.recognitions.list(actor_id=event.actor_id):
            if recognition.id == event.recognition_id:
                title = recognition.title(language)
                break
        found["recognition"] = title
    else:
        mark = notice_mark(type(event))
        if mark is not None and mark.summary is not None:
            found["summary"] = mark.summary(uow, event, language)
    return found
