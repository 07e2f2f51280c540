"""Who may do what: the one policy every caller asks.

Pure: it decides from the records it is given (the acting person with the roles they
hold, the subject, the record) and reads nothing itself. The services ask it before
every use case and query; the web plugin, the calendar, the CLI and the simulation ask
it through the services or directly, and decide nothing of their own.

Who acts is a :class:`Principal`: a person of the community, the **operator** (the
platform's owner at the command line or in a script: it holds the database and may
do anything, but is named in the audit trail like anyone) or the **system** (scheduled
jobs such as expiry). A person acts with the powers of an :class:`Acting`: their
organisation roles (coordinator or staff of an organisation: scoped to what that
organisation organises) and the community roles granted to them or to an organisation
they coordinate (:class:`~sorgende.domain.actors.CommunityRole`). Everything not
granted below is refused (default deny); the table of role × action × scope is in
``docs/architecture.md`` and :data:`ACTIONS` is that table.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Final

import attrs

from sorgende.domain.actors import Actor, CommunityRole, Consent
from sorgende.domain.exchanges import TRANSITIONS, Exchange, ExchangeState, Party
from sorgende.domain.help import HelpOffer, HelpRequest, OfferStatus, RequestStatus
from sorgende.domain.participation import require_taking_part
from sorgende.domain.policy_texts import MESSAGES
from sorgende.domain.principals import (
    COORDINATING,
    OPERATOR,
    SYSTEM,
    Acting,
    Principal,
    PrincipalKind,
    event_actor,
    principal,
)
from sorgende.errors import Message, PermissionDenied
from sorgende.i18n import Join, register_messages

__all__ = [
    "ACTIONS",
    "COORDINATING",
    "OPERATOR",
    "SYSTEM",
    "Acting",
    "Action",
    "Principal",
    "PrincipalKind",
    "Scope",
    "event_actor",
    "principal",
]

register_messages(__name__, MESSAGES)


class Action(enum.StrEnum):
    """The acts the policy rules on beyond an exchange's transitions (see :data:`ACTIONS`)."""

    ADD_PLACE = "add_place"
    ADD_CATEGORY = "add_category"
    CHANGE_SETTINGS = "change_settings"
    GRANT_ROLE = "grant_role"
    SET_MEMBERSHIP = "set_membership"
    RECORD_QUALIFICATION = "record_qualification"
    MARK_SOLIDARITY = "mark_solidarity"
    NAME_TRUSTED_PERSON = "name_trusted_person"
    ACT_FOR = "act_for"
    ADJUST_HOURS = "adjust_hours"
    APPROVE_ADJUSTMENT = "approve_adjustment"
    READ_ACCOUNT = "read_account"
    READ_SOLIDARITY = "read_solidarity"
    READ_ADJUSTMENTS = "read_adjustments"
    EXPORT_PERSON = "export_person"
    ERASE_PERSON = "erase_person"
    DEACTIVATE_PERSON = "deactivate_person"
    REACTIVATE_PERSON = "reactivate_person"
    MANAGE_ACCOUNT = "manage_account"
    READ_AUDIT = "read_audit"
    SEE_DETAILS = "see_details"


class Scope(enum.StrEnum):
    """Over what a grant of :data:`ACTIONS` extends."""

    #: the whole community
    COMMUNITY = "community"
    #: what the principal's organisation organises, and its members
    ORGANISATION = "organisation"
    #: the principal themselves (their own data, their own account)
    SELF = "self"
    #: the persons who named the principal their trusted person
    TRUSTED = "trusted"


_C, _L, _D, _A = (
    CommunityRole.COORDINATOR,
    CommunityRole.LEDGER_KEEPER,
    CommunityRole.DATA_PROTECTION,
    CommunityRole.ADMINISTRATOR,
)
#: the holders of an organisation role (coordinator or staff of the organisation)
ORGANISATION_COORDINATOR: Final = "organisation_coordinator"
#: any person of the community
PERSON: Final = "person"
TRUSTED_PERSON: Final = "trusted_person"

#: action -> who -> scope: every grant there is; anything else is refused. The operator
#: may do everything. "who" is a community role, or ``organisation_coordinator``,
#: ``trusted_person`` or ``person``.
ACTIONS: Final[Mapping[Action, Mapping[str, Scope]]] = {
    Action.ADD_PLACE: {_C: Scope.COMMUNITY, _A: Scope.COMMUNITY},
    Action.ADD_CATEGORY: {_C: Scope.COMMUNITY, _A: Scope.COMMUNITY},
    Action.CHANGE_SETTINGS: {_A: Scope.COMMUNITY},
    # never to oneself: no one widens their own powers
    Action.GRANT_ROLE: {_A: Scope.COMMUNITY},
    Action.SET_MEMBERSHIP: {_C: Scope.COMMUNITY, ORGANISATION_COORDINATOR: Scope.ORGANISATION},
    Action.RECORD_QUALIFICATION: {
        _C: Scope.COMMUNITY,
        ORGANISATION_COORDINATOR: Scope.ORGANISATION,
    },
    # never for oneself: the mark makes the community pay for one's help
    Action.MARK_SOLIDARITY: {_C: Scope.COMMUNITY, _L: Scope.COMMUNITY},
    Action.NAME_TRUSTED_PERSON: {PERSON: Scope.SELF, _C: Scope.COMMUNITY},
    Action.ACT_FOR: {
        PERSON: Scope.SELF,
        TRUSTED_PERSON: Scope.TRUSTED,
        _C: Scope.COMMUNITY,
        ORGANISATION_COORDINATOR: Scope.ORGANISATION,
    },
    # never on one's own account; above the threshold a second keeper approves
    Action.ADJUST_HOURS: {_L: Scope.COMMUNITY},
    Action.APPROVE_ADJUSTMENT: {_L: Scope.COMMUNITY},
    Action.READ_ACCOUNT: {PERSON: Scope.SELF, TRUSTED_PERSON: Scope.TRUSTED, _L: Scope.COMMUNITY},
    Action.READ_SOLIDARITY: {_L: Scope.COMMUNITY, _C: Scope.COMMUNITY, _A: Scope.COMMUNITY},
    Action.READ_ADJUSTMENTS: {_L: Scope.COMMUNITY, _A: Scope.COMMUNITY},
    Action.EXPORT_PERSON: {PERSON: Scope.SELF, _D: Scope.COMMUNITY},
    Action.ERASE_PERSON: {PERSON: Scope.SELF, _D: Scope.COMMUNITY},
    Action.DEACTIVATE_PERSON: {PERSON: Scope.SELF, _D: Scope.COMMUNITY, _A: Scope.COMMUNITY},
    # a deactivated person cannot act, so never "self": who may deactivate others
    Action.REACTIVATE_PERSON: {_D: Scope.COMMUNITY, _A: Scope.COMMUNITY},
    # a front end's sign-in for a person (an invitation, an account made for them, a new
    # initial password): never one's own, so no one hands themselves a second way in
    Action.MANAGE_ACCOUNT: {
        _C: Scope.COMMUNITY,
        ORGANISATION_COORDINATOR: Scope.ORGANISATION,
        _A: Scope.COMMUNITY,
    },
    Action.READ_AUDIT: {_D: Scope.COMMUNITY, _A: Scope.COMMUNITY},
    Action.SEE_DETAILS: {
        PERSON: Scope.SELF,
        TRUSTED_PERSON: Scope.TRUSTED,
        _C: Scope.COMMUNITY,
        _D: Scope.COMMUNITY,
        ORGANISATION_COORDINATOR: Scope.ORGANISATION,
    },
}
#: actions no one may take on themselves (or their own account), whatever their roles
NOT_ON_ONESELF: Final = frozenset(
    {
        Action.GRANT_ROLE,
        Action.MARK_SOLIDARITY,
        Action.ADJUST_HOURS,
        Action.APPROVE_ADJUSTMENT,
        Action.RECORD_QUALIFICATION,
        Action.MANAGE_ACCOUNT,
    }
)


def deny(acting: Acting, action: Message, reason: Message) -> PermissionDenied:
    """The refusal of ``action`` to ``acting``, naming the person by name."""
    return PermissionDenied(actor=acting.label, action=action, reason=reason)


def _action_text(action: Action, subject: Actor | None = None) -> Message:
    if subject is not None:
        return Message(f"policy.action.{action.value}", person=subject.name)
    return Message(f"policy.action.{action.value}", person="")


def decide(
    acting: Acting,
    action: Action,
    *,
    subject: Actor | None = None,
    organisation_id: uuid.UUID | None = None,
    accounts: Iterable[uuid.UUID] = (),
) -> Message | None:
    """Why ``acting`` may not take ``action``, or ``None`` if it may.

    ``subject`` is the person acted on (their data, their account, their membership);
    ``organisation_id`` the organisation the act belongs to (a membership's
    organisation, a record's organiser); ``accounts`` the ledger accounts it moves.
    """
    if acting.is_operator:
        return None
    if acting.is_system or acting.actor is None:
        return Message("policy.reason.only_persons")
    me = acting.actor
    if not me.active:
        return Message("policy.reason.inactive")
    own = subject is not None and subject.id == me.id
    if action in NOT_ON_ONESELF and (own or me.id in accounts):
        return Message("policy.reason.not_oneself")
    grants = ACTIONS.get(action, {})
    for who, scope in grants.items():
        if _grant_applies(acting, who, scope, subject, organisation_id, own):
            return None
    return Message("policy.reason.needs", roles=_roles_text(grants))


def _grant_applies(
    acting: Acting,
    who: str,
    scope: Scope,
    subject: Actor | None,
    organisation_id: uuid.UUID | None,
    own: bool,
) -> bool:
    me = acting.actor
    assert me is not None
    if who == PERSON:
        return scope is Scope.SELF and own
    if who == TRUSTED_PERSON:
        return subject is not None and me.id in subject.trusted_persons
    if who == ORGANISATION_COORDINATOR:
        if organisation_id is not None:
            return organisation_id in acting.coordinates
        # without an organisation named: the members of one's organisations
        return subject is not None and any(
            m.organisation_id in acting.coordinates for m in subject.memberships
        )
    return CommunityRole(who) in acting.roles


def _roles_text(grants: Mapping[str, Scope]) -> Join:
    return Join([Message(f"policy.role.{who}") for who in grants if who != PERSON], ", ")


def require(
    acting: Acting,
    action: Action,
    *,
    subject: Actor | None = None,
    organisation_id: uuid.UUID | None = None,
    accounts: Iterable[uuid.UUID] = (),
) -> None:
    """Raise :class:`~sorgende.errors.PermissionDenied` unless ``acting`` may take ``action``."""
    accounts = tuple(accounts)
    reason = decide(
        acting, action, subject=subject, organisation_id=organisation_id, accounts=accounts
    )
    if reason is not None:
        raise deny(acting, _action_text(action, subject), reason)


def may(
    acting: Acting,
    action: Action,
    *,
    subject: Actor | None = None,
    organisation_id: uuid.UUID | None = None,
    accounts: Iterable[uuid.UUID] = (),
) -> bool:
    return (
        decide(acting, action, subject=subject, organisation_id=organisation_id, accounts=accounts)
        is None
    )


# -- acting for someone --------------------------------------------------------------


def acting_for(
    acting: Acting,
    person: Actor,
    organisation_id: uuid.UUID | None = None,
    *,
    role_helper: bool = False,
) -> uuid.UUID | None:
    """Check that ``acting`` may act for ``person``: the person acted for, ``None`` for
    oneself. Raises :class:`PermissionDenied`; nobody acts for a person who no longer
    takes part (:func:`sorgende.domain.participation.require_taking_part`; ``role_helper``
    names them as the helper of what is done, as for an offer).

    Allowed: the person themselves, a trusted person they named, a community
    coordinator, the coordinator of the organisation the act belongs to (or of the
    organisation that is ``person``), the operator.
    """
    require_taking_part(person, "helper" if role_helper else "recipient")
    scope = organisation_id if organisation_id is not None else _as_org(person)
    require(acting, Action.ACT_FOR, subject=person, organisation_id=scope)
    if acting.id == person.id:
        return None
    return person.id


def _as_org(person: Actor) -> uuid.UUID | None:
    return person.id if person.kind.is_organisation else None


def organiser(acting: Acting, person: Actor, organisation_id: uuid.UUID | None) -> uuid.UUID | None:
    """The organisation a new request or offer of ``person`` belongs to: the one named,
    else ``person`` itself when it is an organisation.

    Naming one gives its coordinators a say in the record: allowed when ``person``
    belongs to it or ``acting`` coordinates it; refused otherwise.
    """
    if organisation_id is None or organisation_id == person.id:
        return _as_org(person)
    member = any(m.organisation_id == organisation_id for m in person.memberships)
    if not (member or acting.is_operator or acting.coordinates_org(organisation_id)):
        raise deny(
            acting,
            Message("policy.action.act_for", person=person.name),
            Message("policy.reason.not_in_organisation", person=person.name),
        )
    return organisation_id


# -- exchanges -----------------------------------------------------------------------


def party(
    acting: Acting, exchange: Exchange, recipient: Actor | None
) -> tuple[Party, uuid.UUID | None]:
    """As which party ``acting`` acts on ``exchange``, and the person acted for.

    One order everywhere: one's own part (helper or recipient) first, then the
    recipient's trusted person (the recipient's side), then a coordinator of the
    exchange (a community coordinator, or a coordinator of its organisation). A
    coordinator who is on a side of an exchange acts as that side: no one settles a
    dispute they are part of. Raises :class:`PermissionDenied` if none applies.
    """
    found = party_or_none(acting, exchange, recipient)
    if found is None:
        raise deny(
            acting,
            Message("policy.action.act_on_exchange"),
            Message("policy.reason.no_part_in_exchange"),
        )
    return found


def party_or_none(
    acting: Acting, exchange: Exchange, recipient: Actor | None
) -> tuple[Party, uuid.UUID | None] | None:
    me = acting.actor
    if me is None or not me.active:
        # help is arranged between persons: the operator sets up, it does not act here
        return None
    own = exchange.party_of(me.id)
    if own is not None:
        return own, None
    if recipient is not None and me.id in recipient.trusted_persons:
        return Party.RECIPIENT, recipient.id
    if acting.coordinates_org(exchange.organisation_id):
        return Party.COORDINATOR, None
    return None


def proposer(
    acting: Acting, helper: Actor, recipient: Actor, organisation_id: uuid.UUID | None
) -> tuple[Party, uuid.UUID | None]:
    """As which party ``acting`` proposes an exchange between ``helper`` and ``recipient``."""
    require_taking_part(helper, "helper")
    require_taking_part(recipient, "recipient")
    me = acting.actor
    if me is not None and me.active:
        if me.id == helper.id:
            return Party.HELPER, None
        if me.id == recipient.id:
            return Party.RECIPIENT, None
        if me.id in recipient.trusted_persons:
            return Party.RECIPIENT, recipient.id
        if acting.coordinates_org(organisation_id):
            return Party.COORDINATOR, None
    raise deny(
        acting,
        Message("policy.action.propose"),
        Message("policy.reason.no_part_in_exchange")
        if me is not None and me.active
        else Message("policy.reason.only_persons" if me is None else "policy.reason.inactive"),
    )


#: the transitions offered to a person, in the order of a page's buttons
ACTION_ORDER: Final = (
    "accept",
    "decline",
    "complete",
    "confirm",
    "dispute",
    "no_show",
    "cancel",
    "resolve",
)


def exchange_actions(
    acting: Acting, exchange: Exchange, recipient: Actor | None, now: datetime | None = None
) -> list[str]:
    """The transitions ``acting`` may make on ``exchange`` now, as the state machine says;
    given ``now``, without those that wait for the help to begin (completion, no-show)."""
    found = party_or_none(acting, exchange, recipient)
    if found is None:
        return []
    capacity = found[0]
    names = []
    for name in ACTION_ORDER:
        transition = TRANSITIONS[name]
        if exchange.state not in transition.sources or capacity not in transition.parties:
            continue
        if now is not None and transition.after_start and now < exchange.scheduled:
            continue
        if (
            transition.counterpart_only
            and capacity is exchange.proposed_by
            and capacity is not Party.COORDINATOR
        ):
            continue
        names.append(name)
    return names


# -- what may be seen ----------------------------------------------------------------

#: states in which the counterparts of an exchange see each other's contact details
CONTACT_STATES: Final = frozenset(
    {ExchangeState.ACCEPTED, ExchangeState.COMPLETED, ExchangeState.DISPUTED}
)


def _privileged_viewer(acting: Acting) -> bool:
    return acting.is_operator or acting.is_system


def may_see_request(
    acting: Acting,
    request: HelpRequest,
    recipient: Actor | None,
    helpers: Callable[[], Iterable[uuid.UUID]],
) -> bool:
    """Open requests are on the board for everyone of the community; a closed or
    matched one is seen by its recipient, poster and helpers, the recipient's trusted
    persons and its coordinators. ``helpers`` gives the helpers of its exchanges (asked
    only when needed)."""
    if _privileged_viewer(acting):
        return True
    me = acting.actor
    if me is None or not me.active:
        return False
    if request.status is RequestStatus.OPEN:
        return True
    if me.id in (request.recipient_id, request.posted_by):
        return True
    if recipient is not None and me.id in recipient.trusted_persons:
        return True
    if acting.coordinates_org(request.organisation_id):
        return True
    return me.id in set(helpers())


def may_see_offer(
    acting: Acting, offer: HelpOffer, recipients: Callable[[], Iterable[uuid.UUID]]
) -> bool:
    """Open offers for everyone; others for their helper, poster, the recipients of
    their exchanges and their coordinators."""
    if _privileged_viewer(acting):
        return True
    me = acting.actor
    if me is None or not me.active:
        return False
    if offer.status is OfferStatus.OPEN or me.id in (offer.helper_id, offer.posted_by):
        return True
    if acting.coordinates_org(offer.organisation_id):
        return True
    return me.id in set(recipients())


def may_see_exchange(acting: Acting, exchange: Exchange, recipient: Actor | None) -> bool:
    """An exchange is seen by whoever may act on it (its parties, the recipient's
    trusted persons, its coordinators)."""
    return _privileged_viewer(acting) or party_or_none(acting, exchange, recipient) is not None


def may_see_contact(acting: Acting, person: Actor, exchanges: Iterable[Exchange] = ()) -> bool:
    """Whether ``acting`` may see ``person``'s contact details (address, phone, mail).

    The person themselves, their trusted persons, coordinators whose scope they are in
    (community coordinators; coordinators of an organisation they belong to) and the
    operator may. The counterpart of one of ``exchanges`` (those between the two) may
    while it is accepted, completed or disputed, if the person agreed to share their
    contact details with counterparts.
    """
    if acting.is_operator:
        return True
    me = acting.actor
    if me is None or not me.active or not person.active:
        return False
    if may(acting, Action.SEE_DETAILS, subject=person):
        return True
    if not person.consent.share_contact_details:
        return False
    for exchange in exchanges:
        if exchange.state not in CONTACT_STATES:
            continue
        sides = {exchange.helper_id, exchange.recipient_id}
        if person.id not in sides:
            continue
        if me.id in sides and me.id != person.id:
            return True
    return False


def redacted(actor: Actor) -> Actor:
    """``actor`` as someone sees it who may not see the person's details: name, kind,
    home place, skills and memberships, without contact details, birth year,
    qualifications' proofs, consents and trusted persons."""
    if actor.kind.is_organisation:
        return actor
    return attrs.evolve(
        actor,
        email=None,
        phone=None,
        birth_year=None,
        consent=Consent(),
        trusted_persons=frozenset(),
    )
