"""The memory storage's answer to ``RequestRepository.unmatched``: the open requests
nobody offered help for, in the coordination's queue's order.

Reading every open request and each one's exchanges cost what the community holds (the
queue and the menu's count on every page of a coordinator). The index of open requests
by posting time (:class:`~sorgende.default_plugins.memory_timeline.WaitingIndex`, which
keeps the urgent ones also in a list of their own) gives them in the queue's order; each
one's exchanges come from the unit of work's index of exchanges by request (a dict
lookup, with the unit's pending writes), checked by the rule of
:func:`sorgende.domain.queue.is_unmatched`. The walk stops when it has ``limit``
requests and its count reached ``count_limit``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

from sorgende.domain.help import HelpRequest, RequestStatus
from sorgende.domain.queue import is_unmatched, queue_order


def unmatched(repo: Any, limit: int, count_limit: int | None) -> tuple[list[HelpRequest], int]:
    """``RequestRepository.unmatched`` on a memory unit of work (``repo.uow``)."""
    uow = repo.uow
    exchanges = uow.exchanges
    if uow._writes.get(repo.kind):
        # this unit changed requests: the committed index may be stale for them (as page)
        opened: list[HelpRequest] = repo.list(statuses=(RequestStatus.OPEN,))
        return _walk(sorted(opened, key=queue_order), exchanges, limit, count_limit)
    tables = uow._tables
    # the storage's lock is re-entrant: the exchanges' lookups take it too
    with uow.storage._lock:
        rows = tables.rows[repo.kind]
        tables.waiting.ready(rows)

        def urgent_of(key: Hashable) -> bool:
            return bool(rows[key].urgent)

        ordered = (rows[key] for key in tables.waiting.queue(urgent_of))
        return _walk(ordered, exchanges, limit, count_limit)


def _walk(
    ordered: Iterable[HelpRequest], exchanges: Any, limit: int, count_limit: int | None
) -> tuple[list[HelpRequest], int]:
    """The first ``limit`` unmatched of ``ordered`` and how many there are, counted up to
    ``count_limit`` (``None``: all)."""
    found: list[HelpRequest] = []
    count = 0
    for request in ordered:
        if count_limit is not None and count >= count_limit and len(found) >= limit:
            break  # enough of both: what follows costs nothing
        if is_unmatched(request, exchanges.list(request_id=request.id)):
            count += 1
            if len(found) < limit:
                found.append(request)
    return found, count if count_limit is None else min(count, count_limit)
