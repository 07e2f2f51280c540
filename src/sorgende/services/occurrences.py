"""Use cases of recurring help: the next occurrences of a request and their places, a
helper taking every occurrence of a series at once, the recipient's side agreeing to all
of a helper's proposals, and the slots of an offer to pick from.

Every occurrence stays an exchange of its own (helped, confirmed and booked on the time
account on its own); these use cases only save a person from doing it date by date.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime

from sorgende.domain import events as ev
from sorgende.domain.exchanges import Exchange, ExchangeState
from sorgende.domain.help import HelpRequest
from sorgende.domain.occurrences import (
    Occurrence,
    next_open,
    offer_slots,
    series_starts,
    upcoming,
)
from sorgende.domain.policy import OPERATOR, Principal
from sorgende.errors import InvalidValue, Message, NotFound, ValidationError
from sorgende.ports import UnitOfWork
from sorgende.services.base import acting, retry_conflicts
from sorgende.services.exchanges import ExchangeUseCases, _person
from sorgende.services.help import _sees_offer, _sees_request


def taken_places(uow: UnitOfWork, request: HelpRequest) -> Mapping[datetime, int]:
    """Helper places held at each occurrence of ``request`` (by accepted or later,
    place-holding exchanges): what :meth:`HelpRequest.check_place` is asked with."""
    return Counter(
        e.scheduled for e in uow.exchanges.list(request_id=request.id) if e.state.holds_place
    )


class OccurrenceUseCases(ExchangeUseCases):
    def occurrences(
        self, request_id: uuid.UUID, *, by: uuid.UUID | Principal = OPERATOR, limit: int = 8
    ) -> list[Occurrence]:
        """The request's next ``limit`` occurrences that are not over, with their places."""
        with self._read() as uow:
            request = self._visible(uow, request_id, by)
            return upcoming(request, self._platform.clock(), taken_places(uow, request), limit)

    def next_occurrences(
        self, requests: Iterable[HelpRequest]
    ) -> dict[uuid.UUID, Occurrence | None]:
        """For each request (already read as its viewer), its next occurrence that still
        needs a helper (``None``: none is left): what the board shows."""
        now = self._platform.clock()
        with self._read() as uow:
            return {r.id: next_open(r, now, taken_places(uow, r)) for r in requests}

    @retry_conflicts
    def take_series(
        self,
        request_id: uuid.UUID,
        *,
        by: uuid.UUID | Principal,
        helper_id: uuid.UUID | None = None,
        note: str = "",
    ) -> list[Exchange]:
        """A helper offers to help at every coming occurrence of a recurring request that
        still has a place and at which the helper is free (one proposal each, all or
        nothing in one unit of work); a one-off request gets its one proposal.

        Occurrences the helper already has a live exchange for are left out. Raises the
        refusal of the first occurrence when no occurrence can be taken at all.
        """
        with self._work() as w:
            request = w.uow.requests.get(request_id)
            helper = helper_id or _person(by)
            own = {
                e.scheduled
                for e in w.uow.exchanges.list(request_id=request.id)
                if e.helper_id == helper and not e.state.is_final
            }
            made: list[Exchange] = []
            first_refusal: ValidationError | None = None
            for start in series_starts(request, w.now):
                if start in own:
                    continue
                try:
                    exchange = self._propose_for_request(
                        w, by, request.id, helper, start, None, note
                    )
                except ValidationError as refused:
                    # a full or double-booked date is skipped; the others are taken
                    first_refusal = first_refusal or refused
                    continue
                self._veto(w, "propose", by, exchange)
                w.uow.exchanges.add(exchange)
                made.append(exchange)
                w.events.append(
                    ev.ExchangeProposed(
                        self.community_id,
                        w.now,
                        exchange.history[-1].by,
                        exchange.id,
                        exchange.helper_id,
                        exchange.recipient_id,
                        acted_for=exchange.history[-1].on_behalf_of,
                    )
                )
            if not made:
                raise first_refusal or InvalidValue(
                    "scheduled", Message("problem.occurrences.none_left")
                )
        return made

    def accept_all(
        self, request_id: uuid.UUID, *, helper_id: uuid.UUID, by: uuid.UUID | Principal
    ) -> list[Exchange]:
        """Accept every open proposal of ``helper_id`` for the request, date by date (each
        acceptance is the use case :meth:`accept` with its checks; a date that cannot be
        agreed any more stops here, the ones before stay agreed)."""
        with self._read() as uow:
            proposed = [
                e
                for e in uow.exchanges.list(request_id=request_id)
                if e.helper_id == helper_id and e.state is ExchangeState.PROPOSED
            ]
        proposed.sort(key=lambda e: e.scheduled)
        return [self.accept(e.id, by=by) for e in proposed]

    def offer_slots(
        self, offer_id: uuid.UUID, *, by: uuid.UUID | Principal = OPERATOR, limit: int = 8
    ) -> list[datetime]:
        """The next starts of the offer's times that lie ahead: the slots to pick from."""
        with self._read() as uow:
            offer = uow.offers.get(offer_id)
            if not _sees_offer(uow, acting(uow, by), offer):
                raise NotFound("offer", offer_id)
            return offer_slots(offer, self._platform.clock(), limit)

    def _visible(
        self, uow: UnitOfWork, request_id: uuid.UUID, by: uuid.UUID | Principal
    ) -> HelpRequest:
        request = uow.requests.get(request_id)
        if not _sees_request(uow, acting(uow, by), request):
            raise NotFound("request", request_id)
        return request
