"""Finding candidate helpers for a request."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime

import attrs

from sorgende.domain import policy
from sorgende.domain.actors import ActorKind
from sorgende.domain.commitments import Commitment
from sorgende.domain.exchanges import Exchange, ExchangeState
from sorgende.domain.help import HelpOffer, OfferStatus
from sorgende.domain.matching import (
    Candidate,
    MatchContext,
    active_commitments,
    eligible,
    is_busy,
)
from sorgende.domain.policy import OPERATOR, Principal
from sorgende.services.base import UseCases, acting, get_person
from sorgende.services.candidates import admission, scan, search, searchable
from sorgende.services.validation import known_category


class MatchingUseCases(UseCases):
    def candidates_for(
        self,
        request_id: uuid.UUID,
        *,
        scheduled: datetime | None = None,
        limit: int = 10,
        by: uuid.UUID | Principal = OPERATOR,
    ) -> list[Candidate]:
        """Persons who may help with a request, best first.

        Eligible are persons other than the recipient, with the category's required
        qualifications valid on the day, not busy with an accepted exchange at that
        time, and not already in an open or accepted exchange for the same occurrence.
        For a recurring request ``scheduled`` picks the occurrence (default: the first).
        Each is scored by the terms plugins give through ``sorgende_score_terms``; when
        all of them bound their scores by group (:class:`~sorgende.domain.matching.
        BoundedScoreTerm`) only the persons who may reach the best ``limit`` are read
        (see :mod:`sorgende.services.candidates`), with the same answer as a full sort.

        Asked by whoever may act for the recipient on the request (the recipient, their
        trusted persons, the request's coordinators): the list names persons.
        """
        with self._read() as uow:
            request = uow.requests.get(request_id)
            recipient = get_person(uow, request.recipient_id)
            policy.acting_for(acting(uow, by), recipient, request.organisation_id)
            category = known_category(uow, request.category)
            occurrence = request.window.start if scheduled is None else scheduled
            if occurrence != request.window.start:
                request = attrs.evolve(
                    request, window=request.window.shifted(occurrence - request.window.start)
                )
            involved = {
                e.helper_id
                for e in uow.exchanges.list(request_id=request_id)
                if e.scheduled == occurrence and (not e.state.is_final or e.state.holds_place)
            }
            terms = self._platform.score_terms
            commitments: dict[uuid.UUID, list[Commitment]] = defaultdict(list)
            for c in active_commitments(uow.commitments.list()):
                commitments[c.actor_id].append(c)
            places = {p.id: p for p in uow.places.list()}
            if searchable(terms):
                # only the category's open offers can score; load is read per person read
                offers: dict[uuid.UUID, list[HelpOffer]] = defaultdict(list)
                for o in uow.offers.list(statuses=(OfferStatus.OPEN,), category=category.code):
                    offers[o.helper_id].append(o)
                load: dict[uuid.UUID, int] = {}
                context = MatchContext(
                    request=request,
                    category=category,
                    places=places,
                    commitments=commitments,
                    offers=offers,
                    load=load,
                )
                admissible = admission(uow, request, category, involved, load)
                return search(uow, context, terms, limit, admissible)
            accepted = uow.exchanges.list(states=(ExchangeState.ACCEPTED,))
            busy_by: dict[uuid.UUID, list[Exchange]] = defaultdict(list)
            for e in accepted:
                busy_by[e.helper_id].append(e)
            people = [
                a
                for a in uow.actors.list(ActorKind.PERSON)
                if a.id not in involved
                and eligible(a, request, category, is_busy(busy_by.get(a.id, []), request))
            ]
            offers = defaultdict(list)
            for o in uow.offers.list(statuses=(OfferStatus.OPEN,)):
                offers[o.helper_id].append(o)
            context = MatchContext(
                request=request,
                category=category,
                places=places,
                commitments=commitments,
                offers=offers,
                load={helper: len(items) for helper, items in busy_by.items()},
            )
        return scan(context, people, terms, limit)
