"""The default score terms for candidate helpers."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

import attrs

from sorgende.domain.actors import Actor
from sorgende.domain.community import Place
from sorgende.domain.matching import MatchContext, active_commitments
from sorgende.hookspecs import hookimpl

#: distance at which the distance term falls to one half
HALF_SCORE_KM = 5.0


@attrs.frozen
class Distance:
    """Nearer helpers score higher: 1 / (1 + km / 5); 0.5 when a place is unknown."""

    name: str = "distance"
    weight: float = 1.0

    def score(self, context: MatchContext, actor: Actor) -> float:
        home = context.places.get(actor.home_place_id) if actor.home_place_id else None
        if home is None:
            return 0.5
        return self.bound(context, home, False)

    def notable(self, context: MatchContext) -> Mapping[uuid.UUID, float]:
        return {}

    def bound(self, context: MatchContext, home: Place | None, skilled: bool) -> float:
        # exact for everyone of the group: the score depends on the home alone
        km = None if home is None else home.distance_km(context.place)
        return 0.5 if km is None else 1.0 / (1.0 + km / HALF_SCORE_KM)


@attrs.frozen
class CommitmentFit:
    """1 when an active commitment covers category and place, 0.5 for the category only."""

    name: str = "commitment"
    weight: float = 1.0

    def score(self, context: MatchContext, actor: Actor) -> float:
        return self.fit(context, actor.id)

    def fit(self, context: MatchContext, actor_id: uuid.UUID) -> float:
        best = 0.0
        request = context.request
        for c in active_commitments(context.commitments.get(actor_id, ())):
            category_ok = not c.categories or request.category in c.categories
            place_ok = not c.place_ids or request.place_id in c.place_ids
            if category_ok and place_ok:
                return 1.0
            if category_ok:
                best = 0.5
        return best

    def bound(self, context: MatchContext, home: Place | None, skilled: bool) -> float:
        return 0.0  # only active commitments score: their actors are notable

    def notable(self, context: MatchContext) -> Mapping[uuid.UUID, float]:
        found = {}
        for actor_id in context.commitments:
            best = self.fit(context, actor_id)
            if best > 0:
                found[actor_id] = best
        return found


@attrs.frozen
class OfferFit:
    """1 when the actor has an open offer in the category covering the place."""

    name: str = "offer"
    weight: float = 1.0

    def score(self, context: MatchContext, actor: Actor) -> float:
        return self.fit(context, actor.id)

    def fit(self, context: MatchContext, actor_id: uuid.UUID) -> float:
        request = context.request
        for offer in context.offers.get(actor_id, ()):
            if offer.category == request.category and (
                not offer.place_ids or request.place_id in offer.place_ids
            ):
                return 1.0
        return 0.0

    def bound(self, context: MatchContext, home: Place | None, skilled: bool) -> float:
        return 0.0  # only open offers score: their helpers are notable

    def notable(self, context: MatchContext) -> Mapping[uuid.UUID, float]:
        found = {}
        for helper_id in context.offers:
            best = self.fit(context, helper_id)
            if best > 0:
                found[helper_id] = best
        return found


@attrs.frozen
class Load:
    """Spread the work: 1 / (1 + accepted exchanges not yet completed)."""

    name: str = "load"
    weight: float = 0.5

    def score(self, context: MatchContext, actor: Actor) -> float:
        return 1.0 / (1.0 + context.load.get(actor.id, 0))

    def bound(self, context: MatchContext, home: Place | None, skilled: bool) -> float:
        return 1.0  # no accepted exchange yet

    def notable(self, context: MatchContext) -> Mapping[uuid.UUID, float]:
        return {}


@attrs.frozen
class Skill:
    """1 when the actor lists the category's code among their skills."""

    name: str = "skill"
    weight: float = 0.5

    def score(self, context: MatchContext, actor: Actor) -> float:
        return 1.0 if context.request.category in actor.skills else 0.0

    def bound(self, context: MatchContext, home: Place | None, skilled: bool) -> float:
        return 1.0 if skilled else 0.0

    def notable(self, context: MatchContext) -> Mapping[uuid.UUID, float]:
        return {}


@hookimpl
def sorgende_score_terms() -> list[object]:
    return [Distance(), CommitmentFit(), OfferFit(), Load(), Skill()]
