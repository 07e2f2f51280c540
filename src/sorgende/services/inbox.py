"""The inbox: what needs a person now, and the coordination's queue.

One place decides what an item is and who sees it; the web (and any other adapter) only
renders the items. A person's items come from the exchanges they may act on as the
policy says (:func:`sorgende.domain.policy.exchange_actions`): their own and those of the
persons who named them their trusted person. A coordinator's queue holds the
community's open requests nobody offered help for yet (urgent first, then the oldest),
disputes, and adjustments of the time bank waiting for a second ledger keeper. The queue
shows at most :data:`QUEUE_LIMIT` open requests and says whether more wait
(:attr:`Queue.unmatched`): the storage finds them from an index
(``RequestRepository.unmatched``), so the queue and the menu's count cost the same at
1,000 and at 100,000 open requests.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable, Iterator

import attrs

from sorgende.domain import policy
from sorgende.domain.actors import Actor, CommunityRole
from sorgende.domain.exchanges import Exchange, ExchangeState, Party
from sorgende.domain.help import HelpRequest
from sorgende.domain.ledger import AdjustmentState
from sorgende.domain.principals import Acting, Principal
from sorgende.ports import UnitOfWork
from sorgende.records import ADJUSTMENTS
from sorgende.services.base import UseCases, acting
from sorgende.services.conversation_records import MESSAGE
from sorgende.services.conversations import unread_by_conversation
from sorgende.services.coordination import Count


class ItemKind(enum.StrEnum):
    #: a proposal to accept or decline
    ANSWER = "answer"
    #: help that took place: report it done
    REPORT = "report"
    #: completed help: confirm it
    CONFIRM = "confirm"
    #: unread messages in an exchange's conversation
    MESSAGES = "messages"
    #: the queue: an open request nobody offered help for
    UNMATCHED = "unmatched"
    #: the queue: a disputed exchange to resolve
    DISPUTE = "dispute"
    #: the queue: an adjustment waiting for a second ledger keeper
    ADJUSTMENT = "adjustment"


@attrs.frozen
class InboxItem:
    """One thing that needs someone; ``exchange``, ``request`` or ``adjustment_id`` says
    where it is acted on."""

    kind: ItemKind
    exchange: Exchange | None = None
    request: HelpRequest | None = None
    adjustment_id: uuid.UUID | None = None
    #: the person acted for (the reader is their trusted person), if any
    for_person: uuid.UUID | None = None
    #: unread messages (``MESSAGES``)
    count: int = 1
    #: proposed by the coordination (an ask), for ``ANSWER``
    asked_by_coordination: bool = False


#: the open requests the queue shows at most (the urgent, then the longest waiting)
QUEUE_LIMIT = 50
_NONE = Count(0, False)


class Queue(list[InboxItem]):
    """The coordination's queue: its items (a list, as it always was), and ``unmatched``,
    how many open requests nobody offered help for, counted up to :data:`QUEUE_LIMIT`
    (``Count(number, more)``: ``more`` when more wait than the queue shows)."""

    def __init__(self, items: Iterable[InboxItem] = (), unmatched: Count = _NONE):
        super().__init__(items)
        self.unmatched = unmatched


_OPEN = (ExchangeState.PROPOSED, ExchangeState.ACCEPTED, ExchangeState.COMPLETED)
_ACTION_KINDS = (("accept", ItemKind.ANSWER), ("confirm", ItemKind.CONFIRM),
                 ("complete", ItemKind.REPORT))  # fmt: skip


def _exchanges_of(uow: UnitOfWork, me: Actor) -> Iterator[tuple[Exchange, uuid.UUID | None]]:
    """The exchanges of ``me`` and of those who trust ``me`` (with whom it is for)."""
    seen: set[uuid.UUID] = set()
    for exchange in uow.exchanges.list(actor_id=me.id):
        seen.add(exchange.id)
        yield exchange, None
    # who named me their trusted person (asked of the storage: no scan of the community)
    for person in uow.actors.trusting(me.id):
        if person.id != me.id:
            for exchange in uow.exchanges.list(actor_id=person.id):
                if exchange.recipient_id == person.id and exchange.id not in seen:
                    seen.add(exchange.id)
                    yield exchange, person.id


class InboxUseCases(UseCases):
    """The inbox of a community's persons and the queue of its coordination."""

    def inbox(self, *, by: uuid.UUID | Principal) -> list[InboxItem]:
        """What needs ``by`` now: proposals to answer, help to report or confirm, unread
        messages; oldest first."""
        with self._read() as uow:
            who = acting(uow, by)
            return self._inbox(uow, who)

    def queue(self, *, by: uuid.UUID | Principal) -> Queue:
        """The coordination's queue (empty for whoever does not coordinate the community):
        at most :data:`QUEUE_LIMIT` open requests nobody offered help for (urgent first,
        then the longest waiting; ``unmatched.more`` when more wait), the disputes, and
        the adjustments waiting for a second ledger keeper."""
        with self._read() as uow:
            who = acting(uow, by)
            return self._queue(uow, who)

    def inbox_count(self, *, by: uuid.UUID | Principal) -> Count:
        """How many things wait for ``by`` (the inbox's items and, for a coordinator, the
        queue's), unread messages counted once per conversation: ``Count(number, more)``,
        ``more`` when more open requests wait than the queue shows (the number then
        counts :data:`QUEUE_LIMIT` of them)."""
        with self._read() as uow:
            who = acting(uow, by)
            queue = self._queue(uow, who)
            return Count(len(self._inbox(uow, who)) + len(queue), queue.unmatched.more)

    def _inbox(self, uow: UnitOfWork, who: Acting) -> list[InboxItem]:
        me = who.actor
        if me is None or not me.active:
            return []
        now = self._platform.clock()
        items: list[InboxItem] = []
        participated: list[uuid.UUID] = []
        for exchange, for_person in _exchanges_of(uow, me):
            participated.append(exchange.id)
            if exchange.state not in _OPEN:
                continue
            recipient = uow.actors.find(exchange.recipient_id)
            actions = policy.exchange_actions(who, exchange, recipient, now)
            for action, kind in _ACTION_KINDS:
                if action in actions:
                    items.append(
                        InboxItem(
                            kind,
                            exchange=exchange,
                            for_person=for_person,
                            asked_by_coordination=exchange.proposed_by is Party.COORDINATOR,
                        )
                    )
                    break
        # conversations a coordinator wrote in count for them too
        written = {m.exchange_id for m in uow.of(MESSAGE).list(where={"author_id": me.id})} - set(
            participated
        )
        conversations = [*participated, *written]
        # every conversation the person ever took part in: asked in one go, not one by one
        unread_counts = unread_by_conversation(uow, conversations, me.id)
        for exchange_id in conversations:
            unread = unread_counts.get(exchange_id, 0)
            if unread:
                talked = uow.exchanges.find(exchange_id)
                items.append(InboxItem(ItemKind.MESSAGES, exchange=talked, count=unread))
        return items

    def _queue(self, uow: UnitOfWork, who: Acting) -> Queue:
        if who.actor is None or not who.actor.active:
            return Queue()
        items = Queue()
        if who.has(CommunityRole.COORDINATOR):
            # from the storage's index, in the queue's order (sorgende.domain.queue): one more
            # than shown counted, to know whether more wait
            unmatched, count = uow.requests.unmatched(
                limit=QUEUE_LIMIT, count_limit=QUEUE_LIMIT + 1
            )
            items.unmatched = Count(min(count, QUEUE_LIMIT), count > QUEUE_LIMIT)
            items.extend(InboxItem(ItemKind.UNMATCHED, request=r) for r in unmatched)
            items.extend(
                InboxItem(ItemKind.DISPUTE, exchange=e)
                for e in uow.exchanges.list(states=(ExchangeState.DISPUTED,))
            )
        if who.has(CommunityRole.LEDGER_KEEPER):
            items.extend(
                InboxItem(ItemKind.ADJUSTMENT, adjustment_id=a.id)
                for a in uow.of(ADJUSTMENTS).list(where={"state": AdjustmentState.PENDING})
                # the one who asked cannot approve it: not theirs to act on
                if a.asked_by != who.actor.id
            )
        return items
