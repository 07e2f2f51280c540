"""The conversation of an exchange: write, read, and share the recipient's contact details.

Who takes part and who may share is the domain's rule (:mod:`sorgende.domain.conversations`);
a message is stored with its :class:`~.conversation_records.MessagePosted` event, which the
notification outbox turns into messages to the other participants through their channels.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

import attrs

from sorgende.domain import policy
from sorgende.domain.actors import Actor
from sorgende.domain.conversations import (
    ContactConsent,
    ExchangeMessage,
    ReadMark,
    checked_body,
    may_give_contact_consent,
    read_key,
    sees_recipient_contact,
    takes_part,
    told_of_message,
)
from sorgende.domain.exchanges import Exchange
from sorgende.domain.principals import Acting, Principal
from sorgende.errors import Message, NotFound
from sorgende.ports import UnitOfWork
from sorgende.services.base import UseCases, acting, retry_conflicts
from sorgende.services.conversation_records import (
    CONTACT_CONSENT,
    MESSAGE,
    READ,
    ContactShared,
    MessagePosted,
)


@attrs.frozen
class Conversation:
    """What one participant sees of an exchange's conversation."""

    exchange: Exchange
    messages: Sequence[ExchangeMessage]
    #: the authors of the messages, by id (as the reader may see them)
    authors: dict[uuid.UUID, Actor]
    #: the recipient with contact details, when the reader may see them; else ``None``
    recipient_contact: Actor | None
    #: the helper with contact details, when the reader may see them; else ``None``
    helper_contact: Actor | None
    consent: ContactConsent | None
    may_share_contact: bool
    #: messages the reader had not read before this look
    unread: int


def _participant(
    uow: UnitOfWork, exchange_id: uuid.UUID, by: uuid.UUID | Principal
) -> tuple[Acting, Exchange, Actor]:
    exchange = uow.exchanges.get(exchange_id)
    recipient = uow.actors.get(exchange.recipient_id)
    who = acting(uow, by)
    if not takes_part(who, exchange, recipient):
        # as for the exchange itself: whoever may not see it does not learn it exists
        raise NotFound("exchange", exchange_id)
    return who, exchange, recipient


class ConversationUseCases(UseCases):
    """The conversations of a community's exchanges."""

    @retry_conflicts
    def post_message(
        self, exchange_id: uuid.UUID, body: str, *, by: uuid.UUID | Principal
    ) -> ExchangeMessage:
        """Write ``body`` in the exchange's conversation; the others are told."""
        text = checked_body(body)
        with self._work() as w:
            who, exchange, recipient = _participant(w.uow, exchange_id, by)
            assert who.id is not None  # a participant is a person
            found = policy.party_or_none(who, exchange, recipient)
            written_for = found[1] if found is not None else None
            message = ExchangeMessage(
                self.community_id, exchange.id, who.id, w.now, text, written_for=written_for
            )
            repo = w.uow.of(MESSAGE)
            writers = {m.author_id for m in repo.list(where={"exchange_id": exchange.id})}
            repo.add(message)
            self._mark_read(w.uow, exchange.id, who.id, w.now)
            told = told_of_message(exchange, recipient, writers, who.id)
            w.events.append(
                MessagePosted(
                    self.community_id,
                    w.now,
                    who.id,
                    exchange.id,
                    message.id,
                    who.id,
                    told,
                    acted_for=written_for,
                )
            )
        return message

    @retry_conflicts
    def read_conversation(
        self, exchange_id: uuid.UUID, *, by: uuid.UUID | Principal
    ) -> Conversation:
        """The conversation as ``by`` sees it; what they had not read counts as read now."""
        with self._work() as w:
            uow = w.uow
            who, exchange, recipient = _participant(uow, exchange_id, by)
            messages = list(uow.of(MESSAGE).list(where={"exchange_id": exchange.id}))
            consent = uow.of(CONTACT_CONSENT).find(exchange.id)
            helper = uow.actors.get(exchange.helper_id)
            unread = 0
            if who.id is not None:
                mark = uow.of(READ).find(read_key(exchange.id, who.id))
                since = mark.read_at if mark is not None else None
                unread = sum(
                    1
                    for m in messages
                    if m.author_id != who.id and (since is None or m.sent_at > since)
                )
                if unread:
                    self._mark_read(uow, exchange.id, who.id, w.now)
            authors = {}
            for author_id in {m.author_id for m in messages}:
                found = uow.actors.find(author_id)
                if found is not None:
                    authors[author_id] = policy.redacted(found)
            return Conversation(
                exchange=exchange,
                messages=messages,
                authors=authors,
                recipient_contact=(
                    recipient if sees_recipient_contact(who, exchange, recipient, consent) else None
                ),
                helper_contact=(
                    helper if policy.may_see_contact(who, helper, [exchange]) else None
                ),
                consent=consent,
                may_share_contact=consent is None
                and may_give_contact_consent(who, exchange, recipient),
                unread=unread,
            )

    @retry_conflicts
    def share_contact(
        self, exchange_id: uuid.UUID, *, by: uuid.UUID | Principal, by_phone: bool = False
    ) -> ContactConsent:
        """Record that the recipient agreed that this exchange's helper sees their
        contact details: given by the recipient, a trusted person, or a coordinator who
        heard it on the phone (``by_phone``)."""
        with self._work() as w:
            uow = w.uow
            who, exchange, recipient = _participant(uow, exchange_id, by)
            if not may_give_contact_consent(who, exchange, recipient) or who.id is None:
                raise policy.deny(
                    who,
                    Message("conversation.action.share_contact"),
                    Message("conversation.reason.recipient_side"),
                )
            repo = uow.of(CONTACT_CONSENT)
            found = repo.find(exchange.id)
            if found is not None:
                return found
            consent = ContactConsent(
                exchange.id, self.community_id, recipient.id, who.id, w.now, by_phone
            )
            repo.add(consent)
            acted_for = recipient.id if who.id != recipient.id else None
            w.events.append(
                ContactShared(
                    self.community_id,
                    w.now,
                    who.id,
                    exchange.id,
                    recipient.id,
                    by_phone,
                    acted_for=acted_for,
                )
            )
        return consent

    def unread_messages(self, exchange_ids: Sequence[uuid.UUID], person_id: uuid.UUID) -> int:
        """How many messages of these exchanges' conversations ``person_id`` did not read."""
        with self._read() as uow:
            return unread_in(uow, exchange_ids, person_id)

    @staticmethod
    def _mark_read(
        uow: UnitOfWork, exchange_id: uuid.UUID, person_id: uuid.UUID, now: datetime
    ) -> None:
        repo = uow.of(READ)
        key = read_key(exchange_id, person_id)
        found = repo.find(key)
        if found is None:
            repo.add(ReadMark(key, uow.community_id, exchange_id, person_id, now))
        else:
            repo.update(READ.bumped(found, read_at=now))


def unread_in(uow: UnitOfWork, exchange_ids: Sequence[uuid.UUID], person_id: uuid.UUID) -> int:
    """Messages in these conversations, not by ``person_id``, sent after they last read."""
    return sum(unread_by_conversation(uow, exchange_ids, person_id).values())


#: conversations asked for in one query (the database's limit of bound values is far above)
_CHUNK = 500


def unread_by_conversation(
    uow: UnitOfWork, exchange_ids: Sequence[uuid.UUID], person_id: uuid.UUID
) -> dict[uuid.UUID, int]:
    """For each of these conversations with unread messages, how many ``person_id`` did
    not read (as :func:`unread_in`): two queries per 500 conversations, not two per
    conversation (an inbox asks it for every exchange a person ever had)."""
    counts: dict[uuid.UUID, int] = {}
    wanted = list(dict.fromkeys(exchange_ids))
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = uow.of(READ).find_many(read_key(e, person_id) for e in chunk)
        for message in uow.of(MESSAGE).list(where={"exchange_id": chunk}):
            if message.author_id == person_id:
                continue
            mark = marks.get(read_key(message.exchange_id, person_id))
            if mark is None or message.sent_at > mark.read_at:
                counts[message.exchange_id] = counts.get(message.exchange_id, 0) + 1
    return counts
