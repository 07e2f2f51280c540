"""The core's record kinds, declared as a plugin's would be (``sorgende_record_kinds``).

Each core kind has a typed repository of its own on the unit of work (``uow.actors``,
``uow.requests``, ...), tuned for the queries of the use cases; its declaration's
:class:`~sorgende.records.KindAccess` tells transfer, export and erasure how to reach
it. What a person's erasure does to each kind is decided here, in one place:

* an actor is blanked and marked erased; others lose the person as trusted person;
* a request is blanked where the person is its recipient (a coordinator who posted it
  for someone else is only mentioned);
* offers and exchanges are blanked, an exchange's history with them;
* notification preferences are deleted, and a helper's running totals (derived from
  the exchanges, rebuilt if missing);
* postings stay: they name an account, and every balance must still add up;
* adjustments stay with their postings; their free-text reasons are blanked.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from sorgende.domain.actors import Actor
from sorgende.domain.categories import Category
from sorgende.domain.commitments import Commitment
from sorgende.domain.community import Place
from sorgende.domain.exchanges import Exchange
from sorgende.domain.help import HelpOffer, HelpRequest
from sorgende.domain.ledger import Posting
from sorgende.domain.personal import erase_personal
from sorgende.domain.recognition import Recognition
from sorgende.hookspecs import hookimpl
from sorgende.notifications.records import NotificationPreferences
from sorgende.records import (
    ADJUSTMENTS,
    HELPER_TOTALS,
    Erasure,
    KindAccess,
    RecordKind,
    Registry,
)


class _Typed(KindAccess[Any]):
    """A core kind reached through its typed repository ``uow.<repository>``."""

    def __init__(self, kind: RecordKind[Any], repository: str) -> None:
        super().__init__(kind)
        self.repository = repository

    def repo(self, uow: Any) -> Any:
        return getattr(uow, self.repository)

    def scan(self, uow: Any) -> Iterable[Any]:
        return self.repo(uow).list()  # type: ignore[no-any-return]

    def add_all(self, uow: Any, records: Sequence[Any]) -> None:
        repo = self.repo(uow)
        add_all = getattr(repo, "add_all", None)  # optional in the port: bulk insert
        if add_all is not None:
            add_all(records)
        else:
            for record in records:
                repo.add(record)

    def about(self, uow: Any, person: uuid.UUID) -> Sequence[Any]:
        return []

    def erase(self, uow: Any, person: uuid.UUID) -> int:
        return 0


class _Actors(_Typed):
    def about(self, uow: Any, person: uuid.UUID) -> Sequence[Any]:
        actor = uow.actors.find(person)
        return [] if actor is None else [actor]

    def erase(self, uow: Any, person: uuid.UUID) -> int:
        changed = 0
        actor = uow.actors.get(person)
        uow.actors.update(
            attrs.evolve(erase_personal(actor), erased=True, version=actor.version + 1)
        )
        # others who named this person as trusted lose that link
        for other in uow.actors.list():
            if person in other.trusted_persons:
                uow.actors.update(
                    attrs.evolve(
                        other,
                        trusted_persons=other.trusted_persons - {person},
                        version=other.version + 1,
                    )
                )
                changed += 1
        return changed + 1


class _Requests(_Typed):
    def about(self, uow: Any, person: uuid.UUID) -> Sequence[Any]:
        return list(uow.requests.list(actor_id=person))

    def erase(self, uow: Any, person: uuid.UUID) -> int:
        changed = 0
        for request in uow.requests.list(actor_id=person):
            if request.recipient_id == person:
                uow.requests.update(
                    attrs.evolve(erase_personal(request), version=request.version + 1)
                )
                changed += 1
        return changed


class _Offers(_Typed):
    def scan(self, uow: Any) -> Iterable[Any]:
        return uow.offers.list(statuses=None)  # type: ignore[no-any-return]

    def about(self, uow: Any, person: uuid.UUID) -> Sequence[Any]:
        return list(uow.offers.list(helper_id=person, statuses=None))

    def erase(self, uow: Any, person: uuid.UUID) -> int:
        offers = uow.offers.list(helper_id=person, statuses=None)
        for offer in offers:
            uow.offers.update(attrs.evolve(erase_personal(offer), version=offer.version + 1))
        return len(offers)


class _Exchanges(_Typed):
    def about(self, uow: Any, person: uuid.UUID) -> Sequence[Any]:
        return list(uow.exchanges.list(actor_id=person))

    def erase(self, uow: Any, person: uuid.UUID) -> int:
        exchanges = uow.exchanges.list(actor_id=person)
        for exchange in exchanges:
            history = tuple(erase_personal(r) for r in exchange.history)
            uow.exchanges.update(
                attrs.evolve(
                    erase_personal(exchange), history=history, version=exchange.version + 1
                )
            )
        return len(exchanges)


class _Commitments(_Typed):
    def about(self, uow: Any, person: uuid.UUID) -> Sequence[Any]:
        return list(uow.commitments.list(actor_id=person))


class _Postings(_Typed):
    def about(self, uow: Any, person: uuid.UUID) -> Sequence[Any]:
        return list(uow.postings.list(account=person))


class _Recognitions(_Typed):
    def about(self, uow: Any, person: uuid.UUID) -> Sequence[Any]:
        return list(uow.recognitions.list(actor_id=person))


class _Preferences(_Typed):
    """One record per person, kept under the person's id; scanned through the actors."""

    def scan(self, uow: Any) -> Iterable[Any]:
        found = (uow.notification_preferences.find(a.id) for a in uow.actors.list())
        return [p for p in found if p is not None]

    def about(self, uow: Any, person: uuid.UUID) -> Sequence[Any]:
        found = uow.notification_preferences.find(person)
        return [] if found is None else [found]

    def erase(self, uow: Any, person: uuid.UUID) -> int:
        found = uow.notification_preferences.find(person)
        if found is None:
            return 0
        uow.notification_preferences.delete(found)
        return 1


def _kind(access: type[_Typed], repository: str, **declaration: Any) -> RecordKind[Any]:
    kind: RecordKind[Any] = RecordKind(**declaration)
    return attrs.evolve(kind, access=access(kind, repository))


#: the core's kinds, in the order an import adds them (places before the actors who
#: live there, postings after the exchanges they book)
CORE_KINDS: tuple[RecordKind[Any], ...] = (
    _kind(
        _Typed, "categories", name="category", cls=Category, key="code", owner=None, version=None
    ),
    _kind(_Typed, "places", name="place", cls=Place, indexes=("name",), version=None),
    _kind(
        _Actors,
        "actors",
        name="actor",
        cls=Actor,
        indexes=("kind",),
        persons=("id",),
        after=("place",),
    ),
    _kind(
        _Requests,
        "requests",
        name="request",
        cls=HelpRequest,
        indexes=("status", "place_id", "category"),
        persons=("recipient_id",),
        mentions=("posted_by",),
        after=("actor", "category"),
    ),
    _kind(
        _Offers,
        "offers",
        name="offer",
        cls=HelpOffer,
        indexes=("status", "category"),
        persons=("helper_id",),
        after=("actor", "category"),
    ),
    _kind(
        _Exchanges,
        "exchanges",
        name="exchange",
        cls=Exchange,
        indexes=("request_id", "offer_id", "state"),
        persons=("helper_id", "recipient_id"),
        after=("request", "offer"),
    ),
    _kind(
        _Commitments,
        "commitments",
        name="commitment",
        cls=Commitment,
        persons=("actor_id",),
        erasure=Erasure.KEEP,
        after=("actor",),
    ),
    _kind(
        _Postings,
        "postings",
        name="posting",
        cls=Posting,
        mentions=("made_by",),
        erasure=Erasure.KEEP,
        version=None,
        after=("exchange",),
    ),
    _kind(
        _Recognitions,
        "recognitions",
        name="recognition",
        cls=Recognition,
        persons=("actor_id",),
        erasure=Erasure.KEEP,
        version=None,
        after=("actor",),
    ),
    _kind(
        _Preferences,
        "notification_preferences",
        name="notification_preferences",
        cls=NotificationPreferences,
        key="actor_id",
        persons=("actor_id",),
        erasure=Erasure.DELETE,
        after=("actor",),
    ),
    # reached through uow.of(): no typed repository (see sorgende.records.HELPER_TOTALS)
    HELPER_TOTALS,
    ADJUSTMENTS,
)


@hookimpl
def sorgende_record_kinds() -> Sequence[RecordKind[Any]]:
    return CORE_KINDS


@functools.cache
def core_registry() -> Registry:
    """The core's kinds alone: what a storage opened without a registry holds (tests,
    benchmarks, scripts that open a storage directly)."""
    return Registry.of([("sorgende.default_plugins.records", CORE_KINDS)])
