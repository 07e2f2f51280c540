"""The conversation of an exchange: its messages, who reads them, and the recipient's
consent to share contact details with the helper of that exchange.

Who takes part is who may act on the exchange (:func:`sorgende.domain.policy.
may_see_exchange`): the helper, the recipient, the recipient's trusted persons and the
coordination. Contact details of the recipient reach the helper when the recipient
agreed in general (``Consent.share_contact_details``) or for this exchange: a
:class:`ContactConsent`, given by the recipient, a trusted person, or a coordinator who
records that the recipient agreed on the phone.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import attrs

from sorgende.domain import policy
from sorgende.domain.actors import Actor
from sorgende.domain.exchanges import Exchange, Party
from sorgende.domain.personal import personal
from sorgende.domain.principals import Acting
from sorgende.domain.values import new_id
from sorgende.errors import InvalidValue, Message

#: the longest message
MAX_MESSAGE = 4000


@attrs.frozen
class ExchangeMessage:
    """One message of an exchange's conversation (the author's personal data)."""

    community_id: uuid.UUID
    exchange_id: uuid.UUID
    author_id: uuid.UUID
    sent_at: datetime
    body: str = personal(erased="")
    id: uuid.UUID = attrs.field(factory=new_id)
    #: the person the author wrote for (a trusted person or coordinator for a recipient)
    written_for: uuid.UUID | None = None


@attrs.frozen
class ReadMark:
    """Until when a person read an exchange's conversation (key: exchange and person)."""

    key: str
    community_id: uuid.UUID
    exchange_id: uuid.UUID
    person_id: uuid.UUID
    read_at: datetime
    version: int = 1


@attrs.frozen
class ContactConsent:
    """The recipient agreed that the helper of this exchange sees their contact details."""

    exchange_id: uuid.UUID
    community_id: uuid.UUID
    recipient_id: uuid.UUID
    given_by: uuid.UUID
    given_at: datetime
    #: a coordinator recorded what the recipient said on the phone
    by_phone: bool = False


def read_key(exchange_id: uuid.UUID, person_id: uuid.UUID) -> str:
    return f"{exchange_id}:{person_id}"


def checked_body(text: object) -> str:
    """A message's text, stripped; refuses an empty or too long one."""
    body = text.strip() if isinstance(text, str) else ""
    if not body:
        raise InvalidValue("body", Message("conversation.problem.empty"))
    if len(body) > MAX_MESSAGE:
        raise InvalidValue("body", Message("conversation.problem.too_long", most=MAX_MESSAGE))
    return body


def takes_part(acting: Acting, exchange: Exchange, recipient: Actor | None) -> bool:
    """Whether ``acting`` reads and writes the exchange's conversation."""
    return policy.may_see_exchange(acting, exchange, recipient)


def may_give_contact_consent(acting: Acting, exchange: Exchange, recipient: Actor | None) -> bool:
    """The recipient's side may: the recipient, a trusted person, or the coordination
    (which records the recipient's consent given by phone)."""
    found = policy.party_or_none(acting, exchange, recipient)
    return found is not None and found[0] in (Party.RECIPIENT, Party.COORDINATOR)


def sees_recipient_contact(
    acting: Acting,
    exchange: Exchange,
    recipient: Actor,
    consent: ContactConsent | None,
) -> bool:
    """Whether ``acting`` sees the recipient's contact details on this exchange: as the
    policy says in general, or as its helper once the recipient agreed for it while the
    help is arranged."""
    if policy.may_see_contact(acting, recipient, [exchange]):
        return True
    me = acting.actor
    return (
        consent is not None
        and me is not None
        and me.active
        and recipient.active
        and me.id == exchange.helper_id
        and exchange.state in policy.CONTACT_STATES
    )


def told_of_message(
    exchange: Exchange, recipient: Actor | None, writers: set[uuid.UUID], author: uuid.UUID
) -> frozenset[uuid.UUID]:
    """Who hears of a new message: the helper, the recipient, the recipient's trusted
    persons and whoever wrote in the conversation before (a coordinator), but the author."""
    people = {exchange.helper_id, exchange.recipient_id, *writers}
    if recipient is not None:
        people |= set(recipient.trusted_persons)
    people.discard(author)
    return frozenset(people)
