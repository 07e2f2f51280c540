"""Use cases for exchanges: propose, accept, decline, cancel, complete, confirm, ..."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime

from sorgende.domain import events as ev
from sorgende.domain import policy
from sorgende.domain.actors import Actor
from sorgende.domain.categories import Category
from sorgende.domain.exchanges import (
    FINAL_STATES,
    PLACE_HOLDING_STATES,
    Exchange,
    ExchangeState,
    Party,
    TransitionRecord,
    first_clash,
)
from sorgende.domain.help import HelpOffer, HelpRequest, OfferStatus, RequestStatus
from sorgende.domain.ledger import exchange_posting
from sorgende.domain.participation import require_taking_part
from sorgende.domain.policy import OPERATOR, Principal
from sorgende.domain.recognition import HelperTotals, Recognition
from sorgende.domain.values import minutes_from_hours, require_aware
from sorgende.domain.windows import local
from sorgende.errors import (
    DoubleBooked,
    InvalidValue,
    Message,
    NotFound,
    OfferClosed,
    SelfHelp,
    naming,
)
from sorgende.i18n import LocalDateTime
from sorgende.ports import UnitOfWork
from sorgende.services.base import UseCases, Work, acting, get_person, retry_conflicts
from sorgende.services.recognition import count_help, helper_record
from sorgende.services.validation import known_category, known_place, qualified


class ExchangeUseCases(UseCases):
    @retry_conflicts
    def propose(
        self,
        *,
        by: uuid.UUID | Principal,
        request_id: uuid.UUID | None = None,
        offer_id: uuid.UUID | None = None,
        helper_id: uuid.UUID | None = None,
        recipient_id: uuid.UUID | None = None,
        scheduled: datetime | None = None,
        hours: float | None = None,
        note: str = "",
        place_id: uuid.UUID | None = None,
    ) -> Exchange:
        """Propose an exchange for a request or an offer.

        For a request: a helper volunteers (``helper_id`` defaults to ``by``), or the
        recipient's side or a coordinator asks a helper. For an offer: the recipient
        (default ``by``) asks to use it, or a coordinator does on their behalf; the help
        happens at ``place_id`` (default: the recipient's home, if the offer covers it, or
        the offer's only place), at ``scheduled`` within the offer's times. For a
        recurring request ``scheduled`` picks the occurrence (default: the first).
        """
        if (request_id is None) == (offer_id is None):
            raise InvalidValue(
                "request_id/offer_id",
                Message("problem.exchanges.give_exactly_one_request"),
            )
        with self._work() as w:
            if request_id is not None:
                exchange = self._propose_for_request(
                    w, by, request_id, helper_id or _person(by), scheduled, hours, note
                )
            else:
                assert offer_id is not None
                exchange = self._propose_for_offer(
                    w, by, offer_id, recipient_id or _person(by), scheduled, hours, note, place_id
                )
            self._veto(w, "propose", by, exchange)
            w.uow.exchanges.add(exchange)
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
        return exchange

    def _propose_for_request(
        self,
        w: Work,
        by: uuid.UUID | Principal,
        request_id: uuid.UUID,
        helper_id: uuid.UUID,
        scheduled: datetime | None,
        hours: float | None,
        note: str,
    ) -> Exchange:
        uow = w.uow
        request = uow.requests.get(request_id)
        request.check_open()
        helper = get_person(uow, helper_id)
        if helper_id == request.recipient_id:
            raise SelfHelp(helper)
        recipient = get_person(uow, request.recipient_id)
        # who takes part and who may propose: the policy (it asks the model for the first)
        who = acting(uow, by)
        party, on_behalf = policy.proposer(who, helper, recipient, request.organisation_id)
        assert who.id is not None
        occurrence = request.occurrence(scheduled)
        # the helper's qualifications on the day of the occurrence chosen, not the first
        _qualified_on(uow, helper, known_category(uow, request.category), occurrence)
        request.check_place(occurrence, _taken(uow, request, occurrence))
        exchange = Exchange(
            community_id=self.community_id,
            helper_id=helper.id,
            recipient_id=request.recipient_id,
            category=request.category,
            place_id=request.place_id,
            scheduled=occurrence,
            minutes=request.minutes if hours is None else minutes_from_hours(hours),
            proposed_by=party,
            history=(
                TransitionRecord(
                    "propose", ExchangeState.PROPOSED, who.id, party, w.now, on_behalf
                ),
            ),
            request_id=request.id,
            note=note,
            organisation_id=request.organisation_id,
        )
        # a helper already accepted at that time could not accept this one either
        _require_free(uow, exchange, helper)
        return exchange

    def _propose_for_offer(
        self,
        w: Work,
        by: uuid.UUID | Principal,
        offer_id: uuid.UUID,
        recipient_id: uuid.UUID,
        scheduled: datetime | None,
        hours: float | None,
        note: str,
        place_id: uuid.UUID | None,
    ) -> Exchange:
        uow = w.uow
        offer = uow.offers.get(offer_id)
        if offer.status is not OfferStatus.OPEN:
            raise OfferClosed(offer, offer.status.value)
        if recipient_id == offer.helper_id:
            raise SelfHelp(uow.actors.find(recipient_id) or recipient_id)
        recipient = get_person(uow, recipient_id)
        helper = get_person(uow, offer.helper_id)
        who = acting(uow, by)
        party, on_behalf = policy.proposer(who, helper, recipient, offer.organisation_id)
        assert who.id is not None
        when = offer.window.start if scheduled is None else require_aware(scheduled, "scheduled")
        if not offer.covers(when):
            raise InvalidValue(
                "scheduled",
                Message("problem.exchanges.outside_times_offer", when=naming.moment(when)),
            )
        _qualified_on(uow, helper, known_category(uow, offer.category), when)
        place = _offer_place(uow, offer, recipient, place_id)
        exchange = Exchange(
            community_id=self.community_id,
            helper_id=helper.id,
            recipient_id=recipient.id,
            category=offer.category,
            place_id=place,
            scheduled=when,
            minutes=offer.minutes if hours is None else minutes_from_hours(hours),
            proposed_by=party,
            history=(
                TransitionRecord(
                    "propose", ExchangeState.PROPOSED, who.id, party, w.now, on_behalf
                ),
            ),
            offer_id=offer.id,
            note=note,
            organisation_id=offer.organisation_id,
        )
        _require_free(uow, exchange, helper)
        return exchange

    # -- transitions --------------------------------------------------------------

    @retry_conflicts
    def accept(self, exchange_id: uuid.UUID, *, by: uuid.UUID | Principal) -> Exchange:
        """Accept a proposed exchange (the side that did not propose, or a coordinator).

        For a request this takes one of its helper places; when two helpers accept the
        last place at once, the storage's version check lets exactly one win.
        """
        with self._work() as w:
            uow = w.uow
            exchange = uow.exchanges.get(exchange_id)
            by, party, on_behalf, helper, recipient = _parties(uow, exchange, by)
            moved = exchange.apply("accept", party=party, by=by, at=w.now, on_behalf_of=on_behalf)
            require_taking_part(helper, "helper")
            require_taking_part(recipient, "recipient")
            claimed = None
            if exchange.request_id is not None:
                request = uow.requests.get(exchange.request_id)
                code = request.category
                taken = _taken(uow, request, exchange.scheduled)
                claimed = request.claim_place(exchange.scheduled, taken, at=w.now, by=by)
            else:
                assert exchange.offer_id is not None
                offer = uow.offers.get(exchange.offer_id)
                if offer.status is not OfferStatus.OPEN:
                    raise OfferClosed(offer, offer.status.value)
                code = offer.category
            # again at acceptance: a qualification may have expired since the proposal
            _qualified_on(uow, helper, known_category(uow, code), exchange.scheduled)
            _require_free(uow, moved, helper)
            self._record(w, "accept", exchange, moved, by)
            if claimed is not None:
                # every acceptance gives the request a new version: the compare-and-set
                # that stops two acceptances of the last place from both succeeding
                uow.requests.update(claimed[0])
                w.events.extend(claimed[1])
        return moved

    def decline(
        self, exchange_id: uuid.UUID, *, by: uuid.UUID | Principal, reason: str = ""
    ) -> Exchange:
        return self._simple(exchange_id, "decline", by, reason=reason)

    def cancel(self, exchange_id: uuid.UUID, *, by: uuid.UUID | Principal, reason: str) -> Exchange:
        """Cancel a proposed or accepted exchange, with a reason; frees its place."""
        return self._simple(exchange_id, "cancel", by, reason=reason)

    def no_show(
        self, exchange_id: uuid.UUID, *, by: uuid.UUID | Principal, reason: str = ""
    ) -> Exchange:
        """Record that the exchange did not take place because someone did not come."""
        return self._simple(exchange_id, "no_show", by, reason=reason)

    def complete(
        self, exchange_id: uuid.UUID, *, by: uuid.UUID | Principal, hours: float | None = None
    ) -> Exchange:
        """The helper reports the help as given, with the actual hours if they differ."""
        minutes = None if hours is None else minutes_from_hours(hours)
        return self._simple(exchange_id, "complete", by, minutes=minutes)

    def dispute(
        self, exchange_id: uuid.UUID, *, by: uuid.UUID | Principal, reason: str
    ) -> Exchange:
        return self._simple(exchange_id, "dispute", by, reason=reason)

    def confirm(self, exchange_id: uuid.UUID, *, by: uuid.UUID | Principal) -> Exchange:
        """The recipient's side confirms; the hours are posted to the time bank."""
        return self._simple(exchange_id, "confirm", by)

    def resolve(
        self, exchange_id: uuid.UUID, *, by: uuid.UUID | Principal, hours: float, reason: str
    ) -> Exchange:
        """A coordinator settles a dispute; ``hours`` (0 for none) are posted."""
        minutes = 0 if hours == 0 else minutes_from_hours(hours)
        return self._simple(exchange_id, "resolve", by, reason=reason, minutes=minutes)

    @retry_conflicts
    def _simple(
        self,
        exchange_id: uuid.UUID,
        name: str,
        by: uuid.UUID | Principal,
        *,
        reason: str = "",
        minutes: int | None = None,
    ) -> Exchange:
        with self._work() as w:
            uow = w.uow
            exchange = uow.exchanges.get(exchange_id)
            by, party, on_behalf = _party(uow, exchange, by)
            moved = exchange.apply(
                name,
                party=party,
                by=by,
                at=w.now,
                on_behalf_of=on_behalf,
                reason=reason,
                minutes=minutes,
            )
            self._record(w, name, exchange, moved, by)
        return moved

    def _record(self, w: Work, name: str, before: Exchange, after: Exchange, by: uuid.UUID) -> None:
        """Veto, store, and the consequences of a transition for request and ledger."""
        uow = w.uow
        self._veto(w, name, by, after)
        uow.exchanges.update(after)
        # the transition's own event first: what follows from it comes after it
        event_type = ev.EXCHANGE_EVENTS[name]
        args = (self.community_id, w.now, by, after.id, after.helper_id, after.recipient_id)
        on_behalf = after.history[-1].on_behalf_of
        if event_type in (ev.ExchangeCancelled, ev.ExchangeDisputed):
            w.events.append(event_type(*args, reason=after.history[-1].reason, acted_for=on_behalf))
        elif event_type in (ev.ExchangeConfirmed, ev.ExchangeResolved):
            w.events.append(event_type(*args, minutes=after.minutes, acted_for=on_behalf))
        else:
            w.events.append(event_type(*args, acted_for=on_behalf))
        state = after.state
        if state in (ExchangeState.CONFIRMED, ExchangeState.RESOLVED) and after.minutes > 0:
            community = uow.community.get()
            recipient = get_person(uow, after.recipient_id)
            uow.postings.add(exchange_posting(after, community, recipient, by))
            # the helper's running totals change with the posting, in the same unit of work
            totals = count_help(uow, self.community_id, after, w.now)
            self._recognise(w, after.helper_id, totals)
        if after.request_id is not None:
            _follow_request(self, w, before, after, by)

    def _recognise(self, w: Work, helper_id: uuid.UUID, totals: HelperTotals) -> None:
        rules = self._platform.recognition_rules
        if not rules:
            return
        uow = w.uow
        have = {r.code for r in uow.recognitions.list(actor_id=helper_id)}
        pending = [rule for rule in rules if rule.code not in have]
        if not pending:
            return
        record = helper_record(uow, helper_id, w.now, totals)
        for rule in pending:
            if rule.applies(record):
                recognition = Recognition(
                    community_id=self.community_id,
                    actor_id=helper_id,
                    code=rule.code,
                    titles=rule.titles,
                    awarded_at=w.now,
                )
                uow.recognitions.add(recognition)
                w.events.append(
                    ev.RecognitionAwarded(
                        self.community_id, w.now, None, recognition.id, helper_id, rule.code
                    )
                )

    # -- queries ------------------------------------------------------------------

    def exchange(self, exchange_id: uuid.UUID, *, by: uuid.UUID | Principal = OPERATOR) -> Exchange:
        """An exchange ``by`` may see (:func:`sorgende.domain.policy.may_see_exchange`)."""
        with self._read() as uow:
            exchange = uow.exchanges.get(exchange_id)
            who = acting(uow, by)
            if not policy.may_see_exchange(who, exchange, uow.actors.find(exchange.recipient_id)):
                raise NotFound("exchange", exchange_id)
            return exchange

    def exchanges(
        self,
        *,
        request_id: uuid.UUID | None = None,
        offer_id: uuid.UUID | None = None,
        actor_id: uuid.UUID | None = None,
        states: Iterable[ExchangeState] | None = None,
        by: uuid.UUID | Principal = OPERATOR,
    ) -> Sequence[Exchange]:
        with self._read() as uow:
            found = uow.exchanges.list(
                request_id=request_id, offer_id=offer_id, actor_id=actor_id, states=states
            )
            who = acting(uow, by)
            if who.is_operator:
                return found
            return [
                e for e in found if policy.may_see_exchange(who, e, uow.actors.find(e.recipient_id))
            ]

    def actions(self, exchange_id: uuid.UUID, *, by: uuid.UUID | Principal) -> list[str]:
        """The transitions ``by`` may make on the exchange now, in the order of a page's
        buttons (:func:`sorgende.domain.policy.exchange_actions`)."""
        with self._read() as uow:
            exchange = uow.exchanges.get(exchange_id)
            who = acting(uow, by)
            recipient = uow.actors.find(exchange.recipient_id)
            if not policy.may_see_exchange(who, exchange, recipient):
                raise NotFound("exchange", exchange_id)
            return policy.exchange_actions(who, exchange, recipient, self._platform.clock())


def _offer_place(
    uow: UnitOfWork, offer: HelpOffer, recipient: Actor, place_id: uuid.UUID | None
) -> uuid.UUID:
    """Where help through ``offer`` happens; refuses a place the offer does not cover."""
    if place_id is not None:
        place = known_place(uow, place_id)
        if offer.place_ids and place_id not in offer.place_ids:
            raise InvalidValue(
                "place_id",
                Message("problem.exchanges.offer_does_cover_place", place=naming.place(place)),
            )
        return place_id
    home = recipient.home_place_id
    if home is not None and (not offer.place_ids or home in offer.place_ids):
        return home
    if len(offer.place_ids) == 1:
        return next(iter(offer.place_ids))
    raise InvalidValue(
        "place_id",
        Message("problem.exchanges.say_where_help_happens"),
    )


def _qualified_on(uow: UnitOfWork, helper: Actor, category: Category, when: datetime) -> None:
    """Refuse ``helper`` unless they hold ``category``'s qualifications on the day of
    ``when`` in the community's time zone (read only when the category asks for any)."""
    if category.required_qualifications:
        qualified(helper, category, local(when, uow.community.get().time_zone))


def _taken(uow: UnitOfWork, request: HelpRequest, occurrence: datetime) -> int:
    """How many helper places of ``occurrence`` accepted exchanges hold (the request
    decides from it whether one is left: :meth:`HelpRequest.check_place`)."""
    return sum(
        1
        for e in uow.exchanges.list(request_id=request.id)
        if e.state in PLACE_HOLDING_STATES and e.scheduled == occurrence
    )


def _require_free(uow: UnitOfWork, exchange: Exchange, helper: Actor) -> None:
    """Refuse ``exchange`` if its helper already holds an accepted one at that time.

    Reads the helper's accepted exchanges from the storage's index of exchanges by
    helper and state (no scan); the domain decides (:func:`first_clash`).
    """
    held = uow.exchanges.list(helper_id=exchange.helper_id, states=(ExchangeState.ACCEPTED,))
    clash = first_clash(exchange, held)
    if clash is not None:
        other = uow.categories.find(clash.category) or clash.category
        raise DoubleBooked(
            helper=naming.person(helper),
            other=naming.exchange(clash, other, form="acc"),
            when=LocalDateTime(clash.scheduled),
            exchange_id=clash.id,
        )


def _person(by: uuid.UUID | Principal) -> uuid.UUID:
    """The person acting (an exchange's own side is a person)."""
    actor_id = policy.event_actor(by)
    if actor_id is None:
        raise policy.deny(
            policy.Acting(policy.principal(by)),
            Message("policy.action.propose"),
            Message("policy.reason.only_persons"),
        )
    return actor_id


def _parties(
    uow: UnitOfWork, exchange: Exchange, by: uuid.UUID | Principal
) -> tuple[uuid.UUID, Party, uuid.UUID | None, Actor, Actor]:
    """As :func:`_party`, and the exchange's helper and recipient (each read once)."""
    who = acting(uow, by)
    # the person acting is mostly one of the two (ids compared by their ints: a UUID's
    # ``==`` and hash are Python code)
    me = who.actor
    recipient_id, helper_id = exchange.recipient_id, exchange.helper_id
    if me is not None and me.id.int == recipient_id.int:
        recipient = me
    else:
        recipient = get_person(uow, recipient_id)
    helper = me if me is not None and me.id.int == helper_id.int else get_person(uow, helper_id)
    party, on_behalf = policy.party(who, exchange, recipient)
    assert who.id is not None
    return who.id, party, on_behalf, helper, recipient


def _party(
    uow: UnitOfWork, exchange: Exchange, by: uuid.UUID | Principal
) -> tuple[uuid.UUID, Party, uuid.UUID | None]:
    """The person acting, as which party, and for whom (:func:`sorgende.domain.policy.party`)."""
    who = acting(uow, by)
    recipient = uow.actors.find(exchange.recipient_id)
    party, on_behalf = policy.party(who, exchange, recipient)
    assert who.id is not None
    return who.id, party, on_behalf


def _follow_request(
    cases: UseCases, w: Work, before: Exchange, after: Exchange, by: uuid.UUID
) -> None:
    """Keep a one-off request's status in step with its exchanges."""
    assert after.request_id is not None
    # the states' sets asked directly (``holds_place``, ``is_final``: a call each), as in
    # ``_taken``: every transition of a request's exchange passes here
    freed = before.state in PLACE_HOLDING_STATES and after.state not in PLACE_HOLDING_STATES
    if not freed and after.state not in FINAL_STATES:
        return
    uow = w.uow
    request = uow.requests.get(after.request_id)
    if request.recurrence is not None or request.status is not RequestStatus.MATCHED:
        return  # only a matched one-off request follows its exchanges
    if freed:
        updated, events = request.release_place(before.scheduled, at=w.now, by=by)
    else:
        holding = uow.exchanges.list(request_id=request.id)
        settled = (e.state in FINAL_STATES for e in holding if e.state in PLACE_HOLDING_STATES)
        updated, events = request.settle(settled, at=w.now, by=by)
    if updated is not request:
        uow.requests.update(updated)
        w.events.extend(events)


def cancel_for_closed(
    cases: UseCases, w: Work, request: HelpRequest, by: uuid.UUID | Principal, reason: str
) -> None:
    """Cancel the open exchanges of a request that is being closed."""
    uow = w.uow
    for exchange in uow.exchanges.list(
        request_id=request.id, states=(ExchangeState.PROPOSED, ExchangeState.ACCEPTED)
    ):
        person, party, on_behalf = _party(uow, exchange, by)
        moved = exchange.apply(
            "cancel", party=party, by=person, at=w.now, on_behalf_of=on_behalf, reason=reason
        )
        uow.exchanges.update(moved)
        w.events.append(
            ev.ExchangeCancelled(
                cases.community_id,
                w.now,
                person,
                moved.id,
                moved.helper_id,
                moved.recipient_id,
                reason=reason,
            )
        )
