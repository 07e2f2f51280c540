"""Hand-made records of one community and the helpers that compare what a storage returns."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
import pytest

from sorgende.domain.actors import Actor, ActorKind
from sorgende.domain.categories import Category
from sorgende.domain.commitments import Commitment, Period
from sorgende.domain.community import Community, Place, PlaceKind
from sorgende.domain.exchanges import Exchange, ExchangeState, Party, TransitionRecord
from sorgende.domain.help import HelpOffer, HelpRequest
from sorgende.domain.ledger import Entry, Posting, PostingKind
from sorgende.domain.recognition import Recognition
from sorgende.domain.values import TimeWindow
from sorgende.ports import UnitOfWork
from sorgende.testing import differences

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # a Monday morning

#: repositories whose records have an id, a version and ``get``/``find``/``update``
VERSIONED = ("actors", "requests", "offers", "exchanges", "commitments")
#: every repository with ``add``, by its name on the unit of work
ADDABLE = ("places", "categories", *VERSIONED, "postings", "recognitions")


# --- hand-made records --------------------------------------------------------------


@attrs.frozen
class Seed:
    """One record of every kind, referring to each other as the use cases would."""

    community: Community
    place: Place
    category: Category
    anna: Actor  # a recipient
    ben: Actor  # a helper
    request: HelpRequest
    offer: HelpOffer
    exchange: Exchange
    commitment: Commitment
    posting: Posting
    recognition: Recognition

    def record(self, repository: str) -> Any:
        """The record this seed holds for ``repository`` (a name on the unit of work)."""
        return {
            "places": self.place,
            "categories": self.category,
            "actors": self.ben,
            "requests": self.request,
            "offers": self.offer,
            "exchanges": self.exchange,
            "commitments": self.commitment,
            "postings": self.posting,
            "recognitions": self.recognition,
        }[repository]


def make_seed(community_id: uuid.UUID | None = None, name: str = "Verbandsgemeinde Daun") -> Seed:
    """Records of a new community, not stored yet."""
    community = Community(name=name, id=community_id or uuid.uuid4())
    cid = community.id
    place = Place(cid, "Daun", PlaceKind.TOWN, population=8000, lat=50.1986, lon=6.8319)
    category = Category("shopping", {"de": "Einkaufen", "en": "Shopping"})
    anna = Actor(cid, ActorKind.PERSON, "Anna", home_place_id=place.id, birth_year=1938)
    ben = Actor(cid, ActorKind.PERSON, "Ben", home_place_id=place.id, skills=frozenset({"car"}))
    window = TimeWindow(T0 + timedelta(days=1), T0 + timedelta(days=1, hours=2))
    request = HelpRequest(
        cid, anna.id, anna.id, "shopping", place.id, window, 90, T0, title="Einkauf"
    )
    offer = HelpOffer(cid, ben.id, ben.id, "shopping", frozenset({place.id}), window, 120, T0)
    proposed = Exchange(
        community_id=cid,
        helper_id=ben.id,
        recipient_id=anna.id,
        category="shopping",
        place_id=place.id,
        scheduled=window.start,
        minutes=90,
        proposed_by=Party.HELPER,
        history=(TransitionRecord("propose", ExchangeState.PROPOSED, ben.id, Party.HELPER, T0),),
        request_id=request.id,
    )
    exchange = proposed.apply("accept", party=Party.RECIPIENT, by=anna.id, at=T0)
    commitment = Commitment(cid, ben.id, 120, Period.WEEK, T0.date(), T0)
    posting = Posting(
        cid,
        PostingKind.ADJUSTMENT,
        (Entry(anna.id, -30), Entry(ben.id, 30)),
        T0,
        made_by=ben.id,
        reason="correction",
    )
    recognition = Recognition(cid, ben.id, "first_help", {"de": "Erster Einsatz"}, T0)
    return Seed(
        community,
        place,
        category,
        anna,
        ben,
        request,
        offer,
        exchange,
        commitment,
        posting,
        recognition,
    )


def add_seed(uow: UnitOfWork, seed: Seed, *, community: bool = True) -> None:
    """Add every record of ``seed`` (referenced records first)."""
    if community:
        uow.community.add(seed.community)
    uow.places.add(seed.place)
    uow.categories.add(seed.category)
    uow.actors.add(seed.anna)
    uow.actors.add(seed.ben)
    uow.requests.add(seed.request)
    uow.offers.add(seed.offer)
    uow.exchanges.add(seed.exchange)
    uow.commitments.add(seed.commitment)
    uow.postings.add(seed.posting)
    uow.recognitions.add(seed.recognition)


def bumped(record: Any, **changes: Any) -> Any:
    """``record`` changed as a use case changes it: one version higher."""
    return attrs.evolve(record, version=record.version + 1, **changes)


def fresh(record: Any) -> Any:
    """A copy of ``record`` under a new id (or code), for a second record of its kind."""
    if isinstance(record, Category):
        return attrs.evolve(record, code=record.code + "_2")
    return attrs.evolve(record, id=uuid.uuid4())


def stored(uow: UnitOfWork, repository: str, record: Any) -> Any:
    """What ``uow`` holds for ``record``'s id (or code), or ``None``."""
    repo = getattr(uow, repository)
    if repository == "categories":
        return repo.find(record.code)
    if hasattr(repo, "find"):
        return repo.find(record.id)
    found = [r for r in repo.list() if r.id == record.id]
    assert len(found) <= 1, f"{repository}.list() returns {record.id} {len(found)} times"
    return found[0] if found else None


def assert_same(found: Any, expected: Any) -> None:
    """The storage gave back ``expected`` (see :func:`sorgende.testing.differences`)."""
    assert found is not None, f"{type(expected).__name__} {expected!r} was not found"
    problems = differences(found, expected)
    assert not problems, "the storage changed the record: " + "; ".join(problems)


def by_id(records: Iterable[Any]) -> dict[Any, Any]:
    """Records by id (categories by code); fails on a record listed twice."""
    result: dict[Any, Any] = {}
    for record in records:
        key = record.code if isinstance(record, Category) else record.id
        assert key not in result, f"{key} is listed twice"
        result[key] = record
    return result


def assert_same_records(found: Iterable[Any], expected: Iterable[Any], what: str) -> None:
    got, want = by_id(found), by_id(expected)
    assert sorted(map(str, got)) == sorted(map(str, want)), what
    for key, record in want.items():
        problems = differences(got[key], record)
        assert not problems, f"{what}: " + "; ".join(problems)


def raises_on_write_or_commit(
    uow: UnitOfWork, error: type[Exception], write: Callable[[], object]
) -> None:
    """``write`` (or the commit after it) raises ``error``: storages may detect it in either."""
    with pytest.raises(error):
        write()
        uow.commit()
