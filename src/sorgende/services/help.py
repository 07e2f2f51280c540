"""Use cases for requests and offers of help."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Generic, TypeVar

import attrs

from sorgende.domain import events as ev
from sorgende.domain import policy
from sorgende.domain.exchanges import ExchangeState
from sorgende.domain.help import HelpOffer, HelpRequest, OfferStatus, RequestStatus
from sorgende.domain.policy import OPERATOR, Principal, event_actor
from sorgende.domain.values import Recurrence, TimeWindow, minutes_from_hours
from sorgende.domain.windows import WindowRules, local
from sorgende.errors import InvalidValue, Message, NotFound
from sorgende.ports import UnitOfWork
from sorgende.services.base import UseCases, acting, acting_for, get_person, retry_conflicts
from sorgende.services.validation import known_category, known_place, known_places, qualified

OPEN_REQUEST = (RequestStatus.OPEN, RequestStatus.MATCHED)
#: the states of an exchange in which help was given (and counted)
_HELPED = (ExchangeState.CONFIRMED, ExchangeState.RESOLVED)
#: the most requests one page may hold
MAX_PAGE = 500
#: how far beyond a page's start the board counts (a page of the board then costs the
#: same in a village and in a city; beyond it the board says "more than")
COUNT_AHEAD = 1000

T = TypeVar("T")


@attrs.frozen
class Page(Generic[T]):
    """One page of a longer list: its items, how many there are in all, where it starts."""

    items: Sequence[T]
    #: how many there are in all; with ``more``, how many were counted (there are more)
    total: int
    offset: int
    limit: int
    #: the count stopped at ``total``: "more than" it (the board counts at most
    #: :data:`COUNT_AHEAD` beyond the page's start)
    more: bool = False

    @property
    def page(self) -> int:
        """The page's number, counted from 1."""
        return self.offset // self.limit + 1

    @property
    def pages(self) -> int:
        """How many pages the whole list fills (at least one)."""
        return max(1, -(-self.total // self.limit))


class HelpUseCases(UseCases):
    @retry_conflicts
    def post_request(
        self,
        recipient_id: uuid.UUID,
        category: str,
        place_id: uuid.UUID,
        window: TimeWindow,
        hours: float,
        *,
        by: uuid.UUID | Principal | None = None,
        helpers_needed: int = 1,
        recurrence: Recurrence | None = None,
        title: str = "",
        description: str = "",
        urgent: bool = False,
        organisation_id: uuid.UUID | None = None,
    ) -> HelpRequest:
        """Post a request for ``recipient_id``, by the recipient (``by`` left out) or by
        ``by`` on their behalf: a trusted person, a coordinator in whose scope it is.

        ``organisation_id`` names the organisation that organises it (its coordinators
        coordinate the request); a request of an organisation is its own.
        """
        minutes = minutes_from_hours(hours)
        by = recipient_id if by is None else by
        with self._work() as w:
            uow = w.uow
            recipient = get_person(uow, recipient_id)
            if organisation_id is not None:
                get_person(uow, organisation_id)
            who = acting(uow, by)
            organisation_id = policy.organiser(who, recipient, organisation_id)
            on_behalf = policy.acting_for(who, recipient, organisation_id)
            poster = event_actor(by)
            known_category(uow, category)
            known_place(uow, place_id)
            rules = WindowRules.of(uow.community.get())
            request = HelpRequest(
                community_id=self.community_id,
                recipient_id=recipient_id,
                posted_by=recipient_id if poster is None else poster,
                category=category,
                place_id=place_id,
                window=window,
                minutes=minutes,
                posted_at=w.now,
                helpers_needed=helpers_needed,
                recurrence=recurrence,
                title=title,
                description=description,
                urgent=urgent,
                organisation_id=organisation_id,
            ).checked(rules)
            self._veto(w, "post_request", by, request)
            uow.requests.add(request)
            w.events.append(
                ev.RequestPosted(
                    self.community_id, w.now, poster, request.id, recipient_id, acted_for=on_behalf
                )
            )
        return request

    @retry_conflicts
    def withdraw_request(
        self, request_id: uuid.UUID, *, by: uuid.UUID | Principal, reason: str = ""
    ) -> HelpRequest:
        """Withdraw a request; its pending and accepted exchanges are cancelled."""
        from sorgende.services.exchanges import cancel_for_closed

        with self._work() as w:
            uow = w.uow
            request = uow.requests.get(request_id)
            recipient = get_person(uow, request.recipient_id)
            on_behalf = acting_for(uow, by, recipient, request.organisation_id)
            withdrawn = request.withdraw()
            uow.requests.update(withdrawn)
            cancel_for_closed(self, w, request, by, reason or "request withdrawn")
            w.events.append(
                ev.RequestWithdrawn(
                    self.community_id, w.now, event_actor(by), request_id, acted_for=on_behalf
                )
            )
        return withdrawn

    @retry_conflicts
    def expire_requests(self, now: datetime | None = None) -> list[HelpRequest]:
        """Close requests whose time has passed.

        A one-off request still open after its window ends expires, or is fulfilled
        if some of its helpers' exchanges were confirmed. A recurring request
        past its ``until`` date is fulfilled if any of its exchanges was confirmed,
        otherwise it expires. The storage finds them from an index of when each is due
        (:func:`~sorgende.domain.help.expiry_due`): a run costs what it closes.
        """
        changed: list[HelpRequest] = []
        with self._work() as w:
            now = now or w.now
            uow = w.uow
            for request in uow.requests.expiring(now):
                if not request.due_to_close(now):
                    continue
                # some of the helpers it needed did come: it was fulfilled, if partly
                helped = bool(uow.exchanges.list(request_id=request.id, states=_HELPED))
                updated, events = request.closed(now, helped=helped)
                uow.requests.update(updated)
                changed.append(updated)
                w.events.extend(events)
        return changed

    @retry_conflicts
    def offer_help(
        self,
        helper_id: uuid.UUID,
        category: str,
        place_ids: Iterable[uuid.UUID],
        window: TimeWindow,
        hours: float,
        *,
        by: uuid.UUID | Principal | None = None,
        recurrence: Recurrence | None = None,
        title: str = "",
        description: str = "",
        organisation_id: uuid.UUID | None = None,
    ) -> HelpOffer:
        """Offer help in a category, in some places (none given: anywhere); through
        ``organisation_id``, if the organisation's coordinators coordinate it."""
        minutes = minutes_from_hours(hours)
        by = helper_id if by is None else by
        with self._work() as w:
            uow = w.uow
            helper = get_person(uow, helper_id)
            if organisation_id is not None:
                get_person(uow, organisation_id)
            who = acting(uow, by)
            organisation_id = policy.organiser(who, helper, organisation_id)
            on_behalf = policy.acting_for(who, helper, organisation_id, role_helper=True)
            poster = event_actor(by)
            community = uow.community.get()
            qualified(
                helper, known_category(uow, category), local(window.start, community.time_zone)
            )
            offer = HelpOffer(
                community_id=self.community_id,
                helper_id=helper_id,
                posted_by=helper_id if poster is None else poster,
                category=category,
                place_ids=known_places(uow, place_ids),
                window=window,
                minutes=minutes,
                posted_at=w.now,
                recurrence=recurrence,
                title=title,
                description=description,
                organisation_id=organisation_id,
            ).checked(WindowRules.of(community))
            self._veto(w, "offer_help", by, offer)
            uow.offers.add(offer)
            w.events.append(
                ev.OfferPosted(
                    self.community_id, w.now, poster, offer.id, helper_id, acted_for=on_behalf
                )
            )
        return offer

    @retry_conflicts
    def withdraw_offer(self, offer_id: uuid.UUID, *, by: uuid.UUID | Principal) -> HelpOffer:
        with self._work() as w:
            uow = w.uow
            offer = uow.offers.get(offer_id)
            on_behalf = policy.acting_for(
                acting(uow, by),
                get_person(uow, offer.helper_id),
                offer.organisation_id,
                role_helper=True,
            )
            withdrawn = offer.withdraw()
            uow.offers.update(withdrawn)
            w.events.append(
                ev.OfferWithdrawn(
                    self.community_id, w.now, event_actor(by), offer_id, acted_for=on_behalf
                )
            )
        return withdrawn

    # -- queries ------------------------------------------------------------------
    # Each query takes the principal it answers (the operator, left out): a record the
    # policy does not let ``by`` see is not found, and lists leave it out.

    def request(
        self, request_id: uuid.UUID, *, by: uuid.UUID | Principal = OPERATOR
    ) -> HelpRequest:
        with self._read() as uow:
            request = uow.requests.get(request_id)
            if not _sees_request(uow, acting(uow, by), request):
                raise NotFound("request", request_id)
            return request

    def offer(self, offer_id: uuid.UUID, *, by: uuid.UUID | Principal = OPERATOR) -> HelpOffer:
        with self._read() as uow:
            offer = uow.offers.get(offer_id)
            if not _sees_offer(uow, acting(uow, by), offer):
                raise NotFound("offer", offer_id)
            return offer

    def requests(
        self,
        *,
        statuses: Iterable[RequestStatus] | None = None,
        place_id: uuid.UUID | None = None,
        category: str | None = None,
        actor_id: uuid.UUID | None = None,
        by: uuid.UUID | Principal = OPERATOR,
    ) -> Sequence[HelpRequest]:
        with self._read() as uow:
            found = uow.requests.list(
                statuses=statuses, place_id=place_id, category=category, actor_id=actor_id
            )
            who = acting(uow, by)
            if who.is_operator:
                return found
            return [r for r in found if _sees_request(uow, who, r)]

    def open_requests(
        self,
        *,
        place_id: uuid.UUID | None = None,
        category: str | None = None,
        by: uuid.UUID | Principal = OPERATOR,
    ) -> Sequence[HelpRequest]:
        """The board: requests still looking for helpers."""
        return self.requests(
            statuses=[RequestStatus.OPEN], place_id=place_id, category=category, by=by
        )

    def board(
        self,
        *,
        place_id: uuid.UUID | None = None,
        category: str | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> Page[HelpRequest]:
        """One page of the board: open requests, urgent first, then by when help is needed.

        The storage answers from an index, so a page costs the same on a board of ten
        requests and of a hundred thousand. ``limit`` is at most :data:`MAX_PAGE`. The
        total is counted up to :data:`COUNT_AHEAD` requests beyond ``offset``; when there
        are more, the page's ``more`` is true and ``total`` is ``offset + COUNT_AHEAD``.
        """
        if offset < 0:
            raise InvalidValue("offset", Message("problem.actors.negative"))
        if not 1 <= limit <= MAX_PAGE:
            raise InvalidValue(
                "limit",
                Message("problem.help.between", max_page=MAX_PAGE),
            )
        with self._read() as uow:
            items, total = uow.requests.page(
                statuses=[RequestStatus.OPEN],
                place_id=place_id,
                category=category,
                offset=offset,
                limit=limit,
                count_limit=offset + COUNT_AHEAD + 1,
            )
        if total > offset + COUNT_AHEAD:
            return Page(items, offset + COUNT_AHEAD, offset, limit, more=True)
        return Page(items, total, offset, limit)

    def offers(
        self,
        *,
        statuses: Iterable[OfferStatus] | None = (OfferStatus.OPEN,),
        category: str | None = None,
        helper_id: uuid.UUID | None = None,
        by: uuid.UUID | Principal = OPERATOR,
    ) -> Sequence[HelpOffer]:
        with self._read() as uow:
            found = uow.offers.list(statuses=statuses, category=category, helper_id=helper_id)
            who = acting(uow, by)
            if who.is_operator:
                return found
            return [o for o in found if _sees_offer(uow, who, o)]


def _sees_request(uow: UnitOfWork, who: policy.Acting, request: HelpRequest) -> bool:
    return policy.may_see_request(
        who,
        request,
        uow.actors.find(request.recipient_id),
        lambda: (e.helper_id for e in uow.exchanges.list(request_id=request.id)),
    )


def _sees_offer(uow: UnitOfWork, who: policy.Acting, offer: HelpOffer) -> bool:
    return policy.may_see_offer(
        who, offer, lambda: (e.recipient_id for e in uow.exchanges.list(offer_id=offer.id))
    )
