"""Generated worlds: Hypothesis draws a community's records and changes to them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from sorgende.domain.community import Community
from sorgende.domain.exchanges import ExchangeState
from sorgende.domain.help import OfferStatus, RequestStatus
from sorgende.domain.ledger import PostingKind
from sorgende.ports import UnitOfWork
from sorgende.testing import strategies as s
from sorgende.testing.contract.seed import (
    ADDABLE,
    bumped,
)

T = TypeVar("T")

# --- generated worlds ---------------------------------------------------------------


@attrs.define
class World:
    """A community's records as a list per repository, for brute-force expectations."""

    community: Community
    records: dict[str, list[Any]]

    def ids(self, repository: str) -> list[uuid.UUID]:
        return [r.id for r in self.records[repository]]

    def accounts(self) -> list[uuid.UUID]:
        return [*self.ids("actors"), self.community.solidarity_account]

    def replace(self, repository: str, record: Any) -> None:
        rows = self.records[repository]
        for i, old in enumerate(rows):
            if old.id == record.id:
                rows[i] = record
                return
        rows.append(record)


def _pool(values: Sequence[T]) -> st.SearchStrategy[T]:
    return st.sampled_from(list(values))


@st.composite
def worlds(draw: st.DrawFn, community_id: uuid.UUID) -> World:
    """A community whose records refer to each other (places, actors, requests, ...)."""
    community = draw(s.communities(id=community_id))
    cid = community.id
    places = draw(st.lists(s.places(community_id=cid), min_size=1, max_size=3, unique_by=_id))
    place_ids = _pool([p.id for p in places])
    categories = draw(st.lists(s.categories(), min_size=1, max_size=3, unique_by=lambda c: c.code))
    codes = _pool([c.code for c in categories])
    actors = draw(
        st.lists(
            s.actors(community_id=cid, home_place_id=place_ids),
            min_size=2,
            max_size=5,
            unique_by=_id,
        )
    )
    actor_ids = _pool([a.id for a in actors])
    requests = draw(
        st.lists(
            s.help_requests(
                community_id=cid,
                recipient_id=actor_ids,
                posted_by=actor_ids,
                place_id=place_ids,
                category=codes,
            ),
            min_size=1,
            max_size=6,
            unique_by=_id,
        )
    )
    offers = draw(
        st.lists(
            s.help_offers(
                community_id=cid, helper_id=actor_ids, place_ids=place_ids, category=codes
            ),
            max_size=4,
            unique_by=_id,
        )
    )
    for_requests = s.exchanges(
        community_id=cid,
        helper_id=actor_ids,
        recipient_id=actor_ids,
        place_id=place_ids,
        category=codes,
        request_id=_pool([r.id for r in requests]),
    )
    for_offers = (
        s.exchanges(
            community_id=cid,
            helper_id=actor_ids,
            recipient_id=actor_ids,
            place_id=place_ids,
            category=codes,
            offer_id=_pool([o.id for o in offers]),
        )
        if offers
        else for_requests
    )
    exchanges = draw(st.lists(for_requests | for_offers, max_size=6, unique_by=_id))
    # who organises them: the community itself or one of two organisations (the scopes
    # of the storage's queries by time, the coordinator dashboard's)
    organised = st.none() | _pool(draw(st.lists(st.uuids(), min_size=2, max_size=2, unique=True)))
    requests = [attrs.evolve(r, organisation_id=draw(organised)) for r in requests]
    exchanges = [attrs.evolve(e, organisation_id=draw(organised)) for e in exchanges]
    commitments = draw(
        st.lists(
            s.commitments(community_id=cid, actor_id=actor_ids, place_ids=place_ids),
            max_size=3,
            unique_by=_id,
        )
    )
    accounts = _pool([*(a.id for a in actors), community.solidarity_account])
    postings = draw(
        st.lists(
            s.postings(community_id=cid, account=accounts, kind=PostingKind.ADJUSTMENT),
            max_size=5,
            unique_by=_id,
        )
    )
    recognitions = draw(
        st.lists(s.recognitions(community_id=cid, actor_id=actor_ids), max_size=3, unique_by=_id)
    )
    return World(
        community,
        {
            "places": places,
            "categories": categories,
            "actors": actors,
            "requests": requests,
            "offers": offers,
            "exchanges": exchanges,
            "commitments": commitments,
            "postings": postings,
            "recognitions": recognitions,
        },
    )


def _id(record: Any) -> uuid.UUID:
    return record.id  # type: ignore[no-any-return]


def add_world(uow: UnitOfWork, world: World) -> None:
    uow.community.add(world.community)
    for repository in ADDABLE:
        repo = getattr(uow, repository)
        for record in world.records[repository]:
            repo.add(record)


@st.composite
def changes(draw: st.DrawFn, world: World) -> list[tuple[str, Any, bool]]:
    """Updates and additions a unit of work makes to ``world``: (repository, record, new)."""
    cid = world.community.id
    actor_ids = _pool(world.ids("actors"))
    found: list[tuple[str, Any, bool]] = []
    for request in draw(st.lists(_pool(world.records["requests"]), max_size=3, unique_by=_id)):
        changed = bumped(
            request,
            status=draw(st.sampled_from(RequestStatus)),
            place_id=draw(_pool([p.id for p in world.records["places"]])),
            category=draw(_pool([c.code for c in world.records["categories"]])),
        )
        if draw(st.booleans()):
            # a new window or recurrence moves the request in the storage's expiry index
            changed = attrs.evolve(
                changed,
                window=draw(s.time_windows()),
                recurrence=draw(st.none() | s.recurrences()),
            )
        found.append(("requests", changed, False))
    for offer in draw(st.lists(_pool(world.records["offers"] or [None]), max_size=2)):
        if offer is not None and all(r.id != offer.id for _, r, _ in found):
            found.append(
                ("offers", bumped(offer, status=draw(st.sampled_from(OfferStatus))), False)
            )
    for exchange in draw(st.lists(_pool(world.records["exchanges"] or [None]), max_size=3)):
        if exchange is not None and all(r.id != exchange.id for _, r, _ in found):
            changed = bumped(exchange, state=draw(st.sampled_from(ExchangeState)), note="changed")
            found.append(("exchanges", changed, False))
    new_requests = st.lists(
        s.help_requests(
            community_id=cid,
            recipient_id=actor_ids,
            posted_by=actor_ids,
            place_id=_pool([p.id for p in world.records["places"]]),
            category=_pool([c.code for c in world.records["categories"]]),
        ),
        max_size=2,
        unique_by=_id,
    )
    found.extend(("requests", r, True) for r in draw(new_requests))
    new_postings = st.lists(
        s.postings(community_id=cid, account=_pool(world.accounts()), kind=PostingKind.ADJUSTMENT),
        max_size=2,
        unique_by=_id,
    )
    found.extend(("postings", p, True) for p in draw(new_postings))
    return found
