"""The record kinds and events of the exchanges' conversations, and their words.

A message is its author's personal data: exported with it, deleted when the author is
erased. A read mark is the reader's. A contact consent names the recipient (theirs) and
who gave it. The events carry no message text: the event log outlives an erasure.
"""

from __future__ import annotations

import uuid
from typing import Any

import attrs

from sorgende.domain.conversations import ContactConsent, ExchangeMessage, ReadMark
from sorgende.domain.events import DomainEvent
from sorgende.domain.notices import notifies
from sorgende.errors import Message, naming
from sorgende.i18n import register_messages
from sorgende.records import Erasure, RecordKind

MESSAGE: RecordKind[ExchangeMessage] = RecordKind(
    name="conversation.message",
    cls=ExchangeMessage,
    indexes=("exchange_id", "sent_at"),
    persons=("author_id",),
    mentions=("written_for",),
    erasure=Erasure.DELETE,
    version=None,
    order="sent_at",
    after=("actor", "exchange"),
)

READ: RecordKind[ReadMark] = RecordKind(
    name="conversation.read",
    cls=ReadMark,
    key="key",
    indexes=("exchange_id",),
    persons=("person_id",),
    erasure=Erasure.DELETE,
    after=("actor", "exchange"),
)

CONTACT_CONSENT: RecordKind[ContactConsent] = RecordKind(
    name="conversation.contact_consent",
    cls=ContactConsent,
    key="exchange_id",
    persons=("recipient_id",),
    mentions=("given_by",),
    erasure=Erasure.DELETE,
    version=None,
    after=("actor", "exchange"),
)

KINDS: tuple[RecordKind[Any], ...] = (MESSAGE, READ, CONTACT_CONSENT)


def _posted(uow: Any, event: Any, language: str) -> str:
    author = uow.actors.find(event.author_id)
    exchange = uow.exchanges.find(event.exchange_id)
    what = ""
    if exchange is not None:
        category = uow.categories.find(exchange.category)
        what = naming.category(category if category is not None else exchange.category).text(
            language
        )
    return Message(
        "conversation.notice.posted",
        person=naming.person(author if author is not None else "—"),
        what=what,
    ).text(language)


@notifies("told", summary=_posted)
@attrs.frozen
class MessagePosted(DomainEvent):
    """A message in an exchange's conversation (its text stays in the record)."""

    exchange_id: uuid.UUID
    message_id: uuid.UUID
    author_id: uuid.UUID
    told: frozenset[uuid.UUID]


@attrs.frozen
class ContactShared(DomainEvent):
    """The recipient's contact details are shared with the exchange's helper."""

    exchange_id: uuid.UUID
    recipient_id: uuid.UUID
    by_phone: bool


EVENT_TYPES: tuple[type[DomainEvent], ...] = (MessagePosted, ContactShared)

register_messages(
    __name__,
    {
        "kind.conversation.message": {"de": "Nachricht", "en": "message"},
        "kind.conversation.read": {"de": "Lesevermerk", "en": "read mark"},
        "kind.conversation.contact_consent": {
            "de": "Zustimmung zum Teilen der Kontaktdaten",
            "en": "consent to share contact details",
        },
        "conversation.notice.posted": {
            "de": "{person} hat Ihnen zu {what} geschrieben.",
            "en": "{person} wrote to you about {what}.",
        },
        "conversation.problem.empty": {
            "de": "Bitte schreiben Sie eine Nachricht.",
            "en": "Please write a message.",
        },
        "conversation.problem.too_long": {
            "de": "Eine Nachricht hat höchstens {most} Zeichen.",
            "en": "A message has at most {most} characters.",
        },
        "conversation.action.take_part": {
            "de": "an diesem Gespräch teilnehmen",
            "en": "take part in this conversation",
        },
        "conversation.action.share_contact": {
            "de": "die Kontaktdaten freigeben",
            "en": "share the contact details",
        },
        "conversation.reason.not_party": {
            "de": "nur die Beteiligten dieses Einsatzes, die Vertrauenspersonen und die "
            "Koordination",
            "en": "only the parties of this exchange, the trusted persons and the coordination",
        },
        "conversation.reason.recipient_side": {
            "de": "nur die Person, der geholfen wird, ihre Vertrauenspersonen oder die "
            "Koordination",
            "en": "only the person helped, their trusted persons or the coordination",
        },
    },
)
