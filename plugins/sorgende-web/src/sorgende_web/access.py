"""Who may see and do what: the core's policy, asked for every page and endpoint.

The web keeps no rule of its own. What a person may see comes from the core's queries,
asked as the viewer (``by=``): a record the policy does not let them see answers
:class:`NotFound`, exactly like one that does not exist, so that ids cannot be probed
(a record of another community is not found either: a :class:`CommunityService` is
bound to the viewer's community). As which party they act, which transitions of an
exchange they are offered and whose contact details they see are the policy's answers
(:mod:`sorgende.domain.policy`), the same the use cases give when the action is taken.
A person's powers are the domain's roles (the community roles granted to them or to an
organisation they coordinate, and their organisation roles); an account holds none.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from functools import cached_property
from typing import Any, Final

from sorgende import CommunityService
from sorgende.domain import policy
from sorgende.domain.actors import Actor, CommunityRole
from sorgende.domain.exchanges import Exchange, Party
from sorgende.domain.help import HelpOffer, HelpRequest
from sorgende.domain.policy import Acting, Action
from sorgende.errors import Message, PermissionDenied
from sorgende.i18n import Join, translate
from sorgende_web import messages as _messages  # noqa: F401  (registers the texts)
from sorgende_web.accounts import Account

#: the roles of :data:`sorgende.ui.WEB_ROLES` (what a plugin's menu entry or route names
#: as the least it needs) as the needs below
WEB_ROLE_NEEDS: Final[Mapping[str, str]] = {
    "resident": "person",
    "helper": "person",
    "coordinator": "coordination",
    "admin": "administration",
}


class Viewer:
    """A signed-in person looking at their community: their account, the powers the
    domain gives them, and the community's use cases asked as them."""

    def __init__(self, platform: Any, account: Account) -> None:
        self.account = account
        self.platform = platform
        self.service = CommunityService(platform, account.community_id)

    @property
    def actor_id(self) -> uuid.UUID:
        return self.account.actor_id

    @cached_property
    def acting(self) -> Acting:
        """The viewer's powers now (read once per request)."""
        return self.service.acting(self.actor_id)

    @property
    def actor(self) -> Actor:
        """The viewer's own record."""
        actor = self.acting.actor
        assert actor is not None
        return actor

    @property
    def active(self) -> bool:
        """Whether the person still takes part (neither deactivated nor erased)."""
        return self.actor.active

    # -- powers ---------------------------------------------------------------------

    @property
    def coordinator(self) -> bool:
        """A coordinator of the whole community (the role granted to them or to an
        organisation they coordinate)."""
        return self.active and self.acting.has(CommunityRole.COORDINATOR)

    @property
    def coordinates(self) -> bool:
        """Whether the viewer coordinates anything: the whole community, or the work of
        an organisation they are coordinator or staff of."""
        return self.active and (self.coordinator or bool(self.acting.coordinates))

    def coordinates_org(self, organisation_id: uuid.UUID | None) -> bool:
        """Coordinator of what ``organisation_id`` organises (``None``: nothing but the
        community's own work, which community coordinators coordinate)."""
        return self.active and self.acting.coordinates_org(organisation_id)

    def may(
        self,
        action: Action,
        *,
        subject: Actor | None = None,
        organisation_id: uuid.UUID | None = None,
    ) -> bool:
        """What the policy says about ``action`` (:func:`sorgende.domain.policy.may`)."""
        return policy.may(self.acting, action, subject=subject, organisation_id=organisation_id)

    def may_act_for(self, person_id: uuid.UUID, organisation_id: uuid.UUID | None = None) -> bool:
        """Whether the viewer may act for ``person_id`` (themselves, as their trusted
        person, as a coordinator in whose scope it is), as the use cases decide."""
        return self.may_act_for_actor(
            self.service.actor(person_id, by=self.actor_id), organisation_id
        )

    def may_act_for_actor(self, person: Actor, organisation_id: uuid.UUID | None = None) -> bool:
        """:meth:`may_act_for` on a record the viewer read (as the viewer: a person who
        named them their trusted person is seen whole)."""
        try:
            policy.acting_for(self.acting, person, organisation_id)
        except PermissionDenied:
            return False
        return True

    def allows(self, need: str) -> bool:
        """Whether the viewer has what a route or menu entry names (:data:`NEEDS`, or a
        role of :data:`sorgende.ui.WEB_ROLES`)."""
        check = NEEDS.get(WEB_ROLE_NEEDS.get(need, need))
        if check is None:
            # a name nobody knows grants nothing (default deny)
            return False
        return check(self)

    def require(self, need: str) -> None:
        """Refuse (403, in the person's language) unless :meth:`allows` ``need``."""
        if not self.allows(need):
            raise self.refusal(WEB_ROLE_NEEDS.get(need, need))

    def require_coordinates(self, organisation_id: uuid.UUID | None) -> None:
        """Refuse unless the viewer coordinates what ``organisation_id`` organises."""
        if not self.coordinates_org(organisation_id):
            raise self.refusal("coordination")

    def refusal(self, need: str) -> PermissionDenied:
        """The policy's refusal of what ``need`` stands for, naming who holds it."""
        holders = NEED_HOLDERS.get(need, ())
        reason = (
            Message("policy.reason.inactive")
            if not self.active
            else Message(
                "policy.reason.needs",
                roles=Join([Message(f"policy.role.{h}") for h in holders], ", "),
            )
        )
        action = Message(f"web.need.{need}" if need in NEEDS else "web.need.unknown")
        return policy.deny(self.acting, action, reason)

    def role_labels(self, lang: str) -> list[str]:
        """The viewer's roles as the domain names them, in ``lang``."""
        return role_labels(self.acting, lang)

    # -- requests and offers --------------------------------------------------------

    def request(self, request_id: uuid.UUID) -> HelpRequest:
        """A request the viewer may see (open ones, or ones they have a part in)."""
        return self.service.request(request_id, by=self.actor_id)

    def owns_request(self, request: HelpRequest) -> bool:
        """Whether the viewer may act for the request's recipient (withdraw it, see its
        exchanges): the recipient, their trusted person, its coordinators."""
        return self.may_act_for(request.recipient_id, request.organisation_id)

    def offer(self, offer_id: uuid.UUID) -> HelpOffer:
        return self.service.offer(offer_id, by=self.actor_id)

    def owns_offer(self, offer: HelpOffer) -> bool:
        return self.may_act_for(offer.helper_id, offer.organisation_id)

    # -- exchanges ------------------------------------------------------------------

    def exchange(self, exchange_id: uuid.UUID) -> Exchange:
        """An exchange the viewer takes part in (or coordinates); otherwise not found."""
        return self.service.exchange(exchange_id, by=self.actor_id)

    def party(self, exchange: Exchange) -> Party | None:
        """As which party the viewer acts on ``exchange``: the policy's one order (own
        part, then the recipient's trusted person, then coordinator)."""
        recipient = self.service.actor(exchange.recipient_id, by=self.actor_id)
        found = policy.party_or_none(self.acting, exchange, recipient)
        return found[0] if found is not None else None

    def actions(self, exchange: Exchange) -> list[str]:
        """The transitions the viewer may make now: exactly what the core allows."""
        return self.service.actions(exchange.id, by=self.actor_id)

    def contact(self, person_id: uuid.UUID) -> Actor | None:
        """``person_id``'s record with contact details if the policy lets the viewer see
        them (:func:`sorgende.domain.policy.may_see_contact`), else ``None``."""
        return self.service.contact(person_id, by=self.actor_id)


def _settings(viewer: Viewer) -> bool:
    return any(
        viewer.may(a) for a in (Action.ADD_PLACE, Action.ADD_CATEGORY, Action.CHANGE_SETTINGS)
    )


#: what a route (``opt={"needs": ...}``) or a menu entry may need, each asked of the
#: policy. ``person``: any person of the community who still takes part.
NEEDS: Final[Mapping[str, Callable[[Viewer], bool]]] = {
    "person": lambda v: v.active,
    "coordination": lambda v: v.coordinates,
    "settings": _settings,
    "add_place": lambda v: v.may(Action.ADD_PLACE),
    "add_category": lambda v: v.may(Action.ADD_CATEGORY),
    "change_settings": lambda v: v.may(Action.CHANGE_SETTINGS),
    "administration": lambda v: v.active and v.acting.has(CommunityRole.ADMINISTRATOR),
    "audit": lambda v: v.may(Action.READ_AUDIT),
    # the people administration: whoever manages accounts, grants roles, reactivates, or
    # coordinates an organisation (its members' accounts)
    "people": lambda v: (
        v.active
        and (
            bool(v.acting.coordinates)
            or any(
                v.may(a)
                for a in (Action.MANAGE_ACCOUNT, Action.GRANT_ROLE, Action.REACTIVATE_PERSON)
            )
        )
    ),
    "manage_accounts": lambda v: v.may(Action.MANAGE_ACCOUNT),
    "data_protection": lambda v: v.active and v.acting.has(CommunityRole.DATA_PROTECTION),
}

_ORG: Final = policy.ORGANISATION_COORDINATOR
#: who holds a need, for the refusal's message (the policy's role names)
NEED_HOLDERS: Final[Mapping[str, tuple[str, ...]]] = {
    "person": (),
    "coordination": (CommunityRole.COORDINATOR.value, _ORG),
    "settings": tuple(
        sorted(
            {
                who
                for a in (Action.ADD_PLACE, Action.ADD_CATEGORY, Action.CHANGE_SETTINGS)
                for who in policy.ACTIONS[a]
            }
        )
    ),
    "add_place": tuple(policy.ACTIONS[Action.ADD_PLACE]),
    "add_category": tuple(policy.ACTIONS[Action.ADD_CATEGORY]),
    "change_settings": tuple(policy.ACTIONS[Action.CHANGE_SETTINGS]),
    "administration": (CommunityRole.ADMINISTRATOR.value,),
    "audit": tuple(policy.ACTIONS[Action.READ_AUDIT]),
    "people": tuple(
        sorted(
            {
                who
                for a in (Action.MANAGE_ACCOUNT, Action.GRANT_ROLE, Action.REACTIVATE_PERSON)
                for who in policy.ACTIONS[a]
            }
        )
    ),
    "manage_accounts": tuple(policy.ACTIONS[Action.MANAGE_ACCOUNT]),
    "data_protection": (CommunityRole.DATA_PROTECTION.value,),
}


def role_labels(acting: Acting, lang: str) -> list[str]:
    """The roles ``acting`` holds, as the policy names them (``policy.role.*``)."""
    names = [r.value for r in CommunityRole if r in acting.roles]
    if acting.coordinates and CommunityRole.COORDINATOR not in acting.roles:
        names.append(_ORG)
    return [translate(f"policy.role.{name}", lang) for name in names]
