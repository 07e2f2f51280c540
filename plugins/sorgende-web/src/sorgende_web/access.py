"""Who may see and do what: the object-level rules every page and endpoint applies.

The rules deny by default. A record of another community is not found (a
:class:`CommunityService` is bound to the viewer's community), and a record of this
community that the viewer has no part in answers :class:`NotFound` as well, so that ids
cannot be probed. Coordinators in the web must be coordinators in the domain too; a
web role alone grants nothing the core would refuse.
"""

from __future__ import annotations

import uuid
from functools import cached_property
from typing import Any

from sorgende import CommunityService
from sorgende.domain.actors import Actor
from sorgende.domain.exchanges import TRANSITIONS, Exchange, ExchangeState, Party
from sorgende.domain.help import HelpOffer, HelpRequest, OfferStatus, RequestStatus
from sorgende.errors import Message, NotFound, SorgendeError
from sorgende_web import messages as _messages  # noqa: F401  (registers the texts)
from sorgende_web.accounts import Account, WebRole
from sorgende_web.errors import RoleRequired

#: states in which the accepted helper sees the recipient's address and phone
CONTACT_STATES = frozenset(
    {ExchangeState.ACCEPTED, ExchangeState.COMPLETED, ExchangeState.DISPUTED}
)
#: the transitions a page offers, in the order of its buttons
ACTIONS = ("accept", "decline", "complete", "confirm", "dispute", "no_show", "cancel", "resolve")


class Viewer:
    """A signed-in person looking at their community: their account and its use cases."""

    def __init__(self, platform: Any, account: Account) -> None:
        self.account = account
        self.platform = platform
        self.service = CommunityService(platform, account.community_id)

    @property
    def actor_id(self) -> uuid.UUID:
        return self.account.actor_id

    @property
    def role(self) -> WebRole:
        return self.account.role

    @cached_property
    def actor(self) -> Actor:
        return self.service.actor(self.actor_id)

    @cached_property
    def coordinator(self) -> bool:
        """A coordinator in the web and in the domain (both must agree)."""
        return self.role.includes(WebRole.COORDINATOR) and self.service.is_coordinator(
            self.actor_id
        )

    @property
    def admin(self) -> bool:
        return self.role is WebRole.ADMIN and self.coordinator

    def has(self, role: WebRole) -> bool:
        if role.includes(WebRole.COORDINATOR):
            return self.coordinator and self.role.includes(role)
        return self.role.includes(role)

    def require(self, role: WebRole) -> None:
        if not self.has(role):
            raise RoleRequired(
                role=Message(f"web.role.{role.value}"),
                current=Message(f"web.role.{self.role.value}"),
            )

    # -- requests and offers --------------------------------------------------------

    def request(self, request_id: uuid.UUID) -> HelpRequest:
        """A request the viewer may see: open ones, or ones they take part in."""
        request = self.service.request(request_id)
        if request.status is RequestStatus.OPEN or self.coordinator:
            return request
        if self.actor_id in (request.recipient_id, request.posted_by):
            return request
        if any(e.helper_id == self.actor_id for e in self.service.exchanges(request_id=request.id)):
            return request
        raise NotFound("request", request_id)

    def owns_request(self, request: HelpRequest) -> bool:
        return self.actor_id in (request.recipient_id, request.posted_by) or self.coordinator

    def offer(self, offer_id: uuid.UUID) -> HelpOffer:
        offer = self.service.offer(offer_id)
        if offer.status is OfferStatus.OPEN or self.coordinator:
            return offer
        if self.actor_id in (offer.helper_id, offer.posted_by):
            return offer
        if any(e.recipient_id == self.actor_id for e in self.service.exchanges(offer_id=offer.id)):
            return offer
        raise NotFound("offer", offer_id)

    # -- exchanges ------------------------------------------------------------------

    def party(self, exchange: Exchange) -> Party | None:
        """The viewer's capacity in the exchange, or ``None`` if they have no part in it."""
        own = exchange.party_of(self.actor_id)
        if own is not None:
            return own
        if self.coordinator:
            return Party.COORDINATOR
        recipient = self.service.actor(exchange.recipient_id)
        if self.actor_id in recipient.trusted_persons:
            return Party.RECIPIENT
        return None

    def exchange(self, exchange_id: uuid.UUID) -> Exchange:
        """An exchange the viewer takes part in (or coordinates); otherwise not found."""
        exchange = self.service.exchange(exchange_id)
        if self.party(exchange) is None:
            raise NotFound("exchange", exchange_id)
        return exchange

    def actions(self, exchange: Exchange) -> list[str]:
        """The transitions the viewer may make now, as the domain's state machine says."""
        party = self.party(exchange)
        if party is None:
            return []
        if party is Party.COORDINATOR and not self.coordinator:
            return []
        found = []
        for name in ACTIONS:
            transition = TRANSITIONS[name]
            if exchange.state not in transition.sources:
                continue
            try:
                exchange.check(name, party, self.actor_id, reason="-")
            except SorgendeError:
                continue
            found.append(name)
        return found

    def sees_contact(self, exchange: Exchange) -> bool:
        """Whether the viewer may see the recipient's address and phone.

        Coordinators may; the helper only once the exchange is accepted, and only if
        the recipient agreed to share contact details with the counterpart.
        """
        if self.coordinator:
            return True
        if exchange.helper_id != self.actor_id or exchange.state not in CONTACT_STATES:
            return False
        recipient = self.service.actor(exchange.recipient_id)
        return recipient.consent.share_contact_details
