"""The SQL storage's answer to ``RequestRepository.unmatched``: the open requests nobody
offered help for, in the coordination's queue's order.

One statement walks ``ix_requests_queue`` (community, status, priority, posted_at, id;
migration 0014) in the queue's order, urgent first, and leaves out each request with an
exchange in one of :data:`sorgende.domain.queue.OFFERING_STATES` (``NOT EXISTS``
over ``ix_exchanges_request``); its ``LIMIT`` lets the database stop after the first
matches. The count is capped the same way (``count(*)`` over at most ``count_limit``
rows). Both statements are built once per shape (counted to a cap or not) with every
value bound, as the board's are (:mod:`sorgende.default_plugins.sql.board`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, exists, func, literal, literal_column, select
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnClause

from sorgende.default_plugins.sql import damaged
from sorgende.default_plugins.sql import tables as t
from sorgende.domain.help import HelpRequest, RequestStatus
from sorgende.domain.queue import OFFERING_STATES

#: the states that offer help, as SQL literals (the rule is sorgende.domain.queue's, asked
#: once; literals, not an expanding parameter rendered anew for each execution)
_OFFERING: list[ColumnClause[Any]] = [
    literal_column(f"'{s.value}'") for s in sorted(OFFERING_STATES)
]
#: the page's and the count's statements, by whether the count is capped
_BUILT: dict[bool, tuple[Select[Any], Select[Any]]] = {}


def _build(*, capped: bool) -> tuple[Select[Any], Select[Any]]:
    r, e = t.requests.c, t.exchanges.c
    offered = exists().where(
        e.community_id == r.community_id,
        e.request_id == r.id,
        e.state.in_(_OFFERING),
    )
    where = (r.community_id == bindparam("cid"), r.status == RequestStatus.OPEN.value, ~offered)
    page = (
        select(r.data)
        .where(*where)
        .order_by(r.priority, r.posted_at, r.id)
        .limit(bindparam("limit"))
    )
    if not capped:
        return page, select(func.count()).select_from(t.requests).where(*where)
    # in the index's order too: unordered, PostgreSQL read the table from its start, and
    # with the first requests matched it passed them all (12 ms at 20,000)
    rows = (
        select(literal(1))
        .where(*where)
        .order_by(r.priority, r.posted_at, r.id)
        .limit(bindparam("count_limit"))
        .subquery()
    )
    return page, select(func.count()).select_from(rows)


def statements(*, capped: bool) -> tuple[Select[Any], Select[Any]]:
    """The queue's page and count statements (bound: ``cid``, ``limit``, ``count_limit``)."""
    built = _BUILT.get(capped)
    if built is None:
        built = _BUILT[capped] = _build(capped=capped)
    return built


class UnmatchedRequests:
    """``RequestRepository.unmatched`` (a base of the SQL repository)."""

    uow: Any

    def unmatched(
        self, *, limit: int = 50, count_limit: int | None = None
    ) -> tuple[Sequence[HelpRequest], int]:
        page, counted = statements(capped=count_limit is not None)
        params = {
            "cid": self.uow.community_id,
            "limit": max(limit, 0),
            "count_limit": None if count_limit is None else max(count_limit, 0),
        }
        conn = self.uow.conn
        items = damaged.readable(conn.scalars(page, params), HelpRequest, "requests")
        return items, int(conn.scalar(counted, params) or 0)
