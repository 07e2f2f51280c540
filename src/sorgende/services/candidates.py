"""The search behind ``candidates_for``: the best k helpers without scoring everyone.

When every score term is a :class:`~sorgende.domain.matching.BoundedScoreTerm` with a
weight of at least 0, persons fall into groups by home and by whether they list the
request's category among their skills, and every person of a group scores at most the
group's bound, except the few a term names as notable (a commitment, an open offer in
the category), who get a bound of their own. The search takes groups and notable
persons best bound first, reads each group in name order a page at a time (an index of
the storage: ``actors.persons_by_name``), stops a group once its bound with the name
reached cannot beat the k-th best, and stops altogether once nothing left can. So it
scores about k persons plus the notable ones that may still win, however large the
community. Terms that give no bound get the complete scan, with the same order.

Either way the order is :func:`~sorgende.domain.matching.candidate_key` (score, name,
id), so the answer is the one a full sort of every eligible person gives.
"""

from __future__ import annotations

import uuid
from bisect import insort
from collections.abc import Callable, Sequence
from typing import TypeGuard

from sorgende.domain.actors import Actor, ActorKind
from sorgende.domain.categories import Category
from sorgende.domain.community import Place
from sorgende.domain.exchanges import Exchange, ExchangeState
from sorgende.domain.help import HelpRequest
from sorgende.domain.matching import (
    BoundedScoreTerm,
    Candidate,
    MatchContext,
    ScoreTerm,
    candidate_key,
    eligible,
    is_busy,
)
from sorgende.ports import UnitOfWork

#: the first page read of a group; each further page is twice as long
FIRST_PAGE = 16

_Entry = tuple[tuple[float, str, str], Actor, dict[str, float]]


class TopK:
    """The best ``k`` scored persons so far, kept in candidate order."""

    def __init__(self, k: int) -> None:
        self.k = k
        self.entries: list[_Entry] = []

    @property
    def full(self) -> bool:
        return len(self.entries) >= self.k

    def worst(self) -> tuple[float, str, str]:
        return self.entries[-1][0]

    def offer(self, actor: Actor, total: float, parts: dict[str, float]) -> None:
        """Keep ``actor`` if it is among the best ``k`` so far."""
        key = candidate_key(total, actor)
        if self.full and key >= self.worst():
            return
        insort(self.entries, (key, actor, parts), key=lambda e: e[0])
        del self.entries[self.k :]

    def candidates(self) -> list[Candidate]:
        # a Candidate only for those that made it
        return [Candidate(actor=a, score=-key[0], terms=parts) for key, a, parts in self.entries]


def score(
    context: MatchContext, actor: Actor, terms: Sequence[ScoreTerm]
) -> tuple[float, dict[str, float]]:
    """The total and the parts, summed in the order of the terms (as :func:`rank` does)."""
    scored = [(term, term.score(context, actor)) for term in terms]
    return sum(term.weight * s for term, s in scored), {term.name: s for term, s in scored}


def searchable(terms: Sequence[ScoreTerm]) -> TypeGuard[Sequence[BoundedScoreTerm]]:
    """Whether every term bounds its groups, so that the search may stop early."""
    # attribute checks, not isinstance: a runtime Protocol check costs a millisecond a call
    return all(
        callable(getattr(t, "bound", None))
        and callable(getattr(t, "notable", None))
        and t.weight >= 0
        for t in terms
    )


def search(
    uow: UnitOfWork,
    context: MatchContext,
    terms: Sequence[BoundedScoreTerm],
    limit: int,
    admissible: Callable[[Actor], bool],
) -> list[Candidate]:
    """The best ``limit`` candidates, group by group (see the module's docstring).

    ``admissible`` is called for each person read before scoring; it fills
    ``context.load`` for that person (the mapping is the search's own, filled as it goes).
    """
    best = TopK(limit)
    if limit <= 0:
        return []
    category = context.request.category
    seen: set[uuid.UUID] = set()
    # (minus the bound, order, what): a group (home, skilled) or one notable actor
    work: list[tuple[float, int, Place | None, bool, Actor | None]] = []
    bounds: dict[tuple[uuid.UUID | None, bool], list[float]] = {}
    for home in (*context.places.values(), None):
        for skilled in (True, False):
            parts = [t.bound(context, home, skilled) for t in terms]
            bounds[(None if home is None else home.id, skilled)] = parts
            total = sum(t.weight * b for t, b in zip(terms, parts, strict=True))
            work.append((-total, len(work), home, skilled, None))
    notable = [t.notable(context) for t in terms]
    for actor in _actors(uow, {i for found in notable for i in found}):
        seen.add(actor.id)
        home = context.places.get(actor.home_place_id) if actor.home_place_id else None
        parts = bounds[(None if home is None else home.id, category in actor.skills)]
        total = sum(
            t.weight * found.get(actor.id, b)
            for t, found, b in zip(terms, notable, parts, strict=True)
        )
        work.append((-total, len(work), home, False, actor))
    work.sort(key=lambda w: w[:2])
    for negative_bound, _, home, skilled, single in work:
        if best.full and best.worst()[0] < negative_bound:
            break  # nobody left can reach the k-th best
        if single is not None:
            if admissible(single):
                best.offer(single, *score(context, single, terms))
            continue
        _read_group(uow, context, terms, best, admissible, seen, negative_bound, home, skilled)
    return best.candidates()


def _actors(uow: UnitOfWork, ids: set[uuid.UUID]) -> list[Actor]:
    """The notable actors that exist (a storage's ``find_many`` reads them at once)."""
    wanted = sorted(ids, key=lambda i: i.int)
    find_many = getattr(uow.actors, "find_many", None)
    if find_many is not None:
        found: dict[uuid.UUID, Actor] = find_many(wanted)
        return [found[i] for i in wanted if i in found]
    return [a for a in map(uow.actors.find, wanted) if a is not None]


def _read_group(
    uow: UnitOfWork,
    context: MatchContext,
    terms: Sequence[ScoreTerm],
    best: TopK,
    admissible: Callable[[Actor], bool],
    seen: set[uuid.UUID],
    negative_bound: float,
    home: Place | None,
    skilled: bool,
) -> None:
    """Offer the persons of one group, in name order, until none further can enter."""
    category = context.request.category
    after: tuple[str, uuid.UUID] | None = None
    size = FIRST_PAGE
    while True:
        page = uow.actors.persons_by_name(
            home=None if home is None else home.id,
            skill=category if skilled else None,
            after=after,
            limit=size,
        )
        for actor in page:
            if best.full and best.worst() < (negative_bound, actor.name, str(actor.id)):
                return  # everyone from here on sorts after the k-th best
            # the skilled of a home are a group of their own; the notable were offered
            if actor.id in seen or (not skilled and category in actor.skills):
                continue
            if admissible(actor):
                best.offer(actor, *score(context, actor, terms))
        if len(page) < size:
            return
        after = (page[-1].name, page[-1].id)
        size *= 2


def scan(
    context: MatchContext,
    people: Sequence[Actor],
    terms: Sequence[ScoreTerm],
    limit: int,
) -> list[Candidate]:
    """Every eligible person scored, the best ``limit`` kept: terms without bounds."""
    best = TopK(limit)
    if limit <= 0:
        return []
    for actor in people:
        total, parts = score(context, actor, terms)
        best.offer(actor, total, parts)
    return best.candidates()


def admission(
    uow: UnitOfWork,
    request: HelpRequest,
    category: Category,
    involved: set[uuid.UUID],
    load: dict[uuid.UUID, int],
) -> Callable[[Actor], bool]:
    """Eligibility of one person, reading only that person's accepted exchanges."""
    accepted = (ExchangeState.ACCEPTED,)

    def admissible(actor: Actor) -> bool:
        if actor.kind is not ActorKind.PERSON or actor.erased or actor.id in involved:
            return False
        if actor.id == request.recipient_id:
            return False
        if actor.qualified_for(category.required_qualifications, request.window.start.date()):
            return False
        busy: list[Exchange] = list(uow.exchanges.list(helper_id=actor.id, states=accepted))
        if busy:
            load[actor.id] = len(busy)
        return eligible(actor, request, category, is_busy(busy, request))

    return admissible
