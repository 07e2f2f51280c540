"""Matching helpers to requests: who may help, and how well each fits."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Protocol, runtime_checkable

import attrs

from sorgende.domain.actors import Actor, ActorKind
from sorgende.domain.categories import Category
from sorgende.domain.commitments import Commitment, CommitmentStatus
from sorgende.domain.community import Place
from sorgende.domain.exchanges import Exchange
from sorgende.domain.help import HelpOffer, HelpRequest


@attrs.frozen
class MatchContext:
    """Everything score terms may look at for one request."""

    request: HelpRequest
    category: Category
    places: Mapping[uuid.UUID, Place]
    #: active commitments by actor
    commitments: Mapping[uuid.UUID, Sequence[Commitment]]
    #: open offers by helper
    offers: Mapping[uuid.UUID, Sequence[HelpOffer]]
    #: number of accepted, not yet completed exchanges by helper (for the persons scored)
    load: Mapping[uuid.UUID, int]

    @property
    def place(self) -> Place:
        return self.places[self.request.place_id]


class ScoreTerm(Protocol):
    """A term plugins provide through ``sorgende_score_terms``."""

    #: a short name, shown with each candidate's score
    name: str
    #: how much the term counts relative to others
    weight: float

    def score(self, context: MatchContext, actor: Actor) -> float:
        """How well ``actor`` fits, from 0 (not at all) to 1 (perfectly)."""
        ...


@runtime_checkable
class BoundedScoreTerm(ScoreTerm, Protocol):
    """A score term that also says how high it can score a whole group of persons.

    With every term bounded (and no negative weight) ``candidates_for`` reads persons
    group by group, best bound first, and stops once no group can reach the k-th best,
    instead of scoring every person of the community (:mod:`sorgende.services.candidates`).
    The search fills ``context.load`` for the persons it scores, and ``context.offers``
    holds the open offers in the request's category only.
    """

    def bound(self, context: MatchContext, home: Place | None, skilled: bool) -> float:
        """The highest ``score`` of any person whose home is ``home`` (``None``: no home)
        and who does (``skilled``) or does not list the request's category among their
        skills, except the actors :meth:`notable` names."""
        ...

    def notable(self, context: MatchContext) -> Mapping[uuid.UUID, float]:
        """Actors this term may score above their group's bound, each with the highest
        score it may give them (from the context alone: a commitment, an offer)."""
        ...


@attrs.frozen
class Candidate:
    actor: Actor
    score: float
    terms: Mapping[str, float]


def eligible(actor: Actor, request: HelpRequest, category: Category, busy: bool) -> bool:
    """Whether ``actor`` may be proposed as a helper for ``request`` at all."""
    return (
        actor.kind is ActorKind.PERSON
        and not actor.erased
        and actor.id != request.recipient_id
        and not busy
        and not actor.qualified_for(category.required_qualifications, request.window.start.date())
    )


def is_busy(exchanges: Sequence[Exchange], request: HelpRequest) -> bool:
    """Whether accepted exchanges overlap the request's first window."""
    window = request.window
    for exchange in exchanges:
        end = exchange.scheduled.timestamp() + exchange.minutes * 60
        if exchange.scheduled.timestamp() < window.end.timestamp() and (
            window.start.timestamp() < end
        ):
            return True
    return False


def rank(
    context: MatchContext, actors: Sequence[Actor], terms: Sequence[ScoreTerm]
) -> list[Candidate]:
    candidates = []
    for actor in actors:
        scored = [(term, term.score(context, actor)) for term in terms]
        total = sum(term.weight * score for term, score in scored)
        parts = {term.name: score for term, score in scored}
        candidates.append(Candidate(actor=actor, score=total, terms=parts))
    candidates.sort(key=lambda c: candidate_key(c.score, c.actor))
    return candidates


def candidate_key(score: float, actor: Actor) -> tuple[float, str, str]:
    """The order of candidates: best score first, then by name and id (ties fully broken)."""
    return (-score, actor.name, str(actor.id))


def active_commitments(commitments: Sequence[Commitment]) -> list[Commitment]:
    return [c for c in commitments if c.status is CommitmentStatus.ACTIVE]
