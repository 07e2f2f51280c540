"""The board's statements in the SQL storage: a page of requests in the board's order
(``ix_requests_board_order``) and its total, built once per shape (which filters a
query has, whether its count is capped) with every value a bound parameter. Building a
statement and its cache key in SQLAlchemy cost more than the board's page and capped
count take to read from the index (0.66 against 0.08 ms at 100,000 open requests).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, func, literal, select
from sqlalchemy.sql import Select

from sorgende.default_plugins.sql import tables as t

#: the board's page and count statements, by which filters they have and whether the
#: count is capped
_BUILT: dict[tuple[tuple[bool, bool, bool], bool], tuple[Select[Any], Select[Any]]] = {}


def _build(
    statuses: bool, place: bool, category: bool, *, capped: bool
) -> tuple[Select[Any], Select[Any]]:
    """A page of requests in the board's order and its total, with the filters asked for
    as bound parameters (``cid``, ``statuses``, ``place_id``, ``category``, ``offset``,
    ``limit``, ``count_limit``)."""
    c = t.requests.c

    def filtered(statement: Select[Any]) -> Select[Any]:
        statement = statement.where(c.community_id == bindparam("cid"))
        if statuses:
            statement = statement.where(c.status.in_(bindparam("statuses", expanding=True)))
        if place:
            statement = statement.where(c.place_id == bindparam("place_id"))
        if category:
            statement = statement.where(c.category == bindparam("category"))
        return statement

    page = (
        filtered(select(c.data))
        .order_by(c.priority, c.needed_from, c.id)
        .offset(bindparam("offset"))
        .limit(bindparam("limit"))
    )
    if not capped:
        return page, filtered(select(func.count()))
    # count at most count_limit index entries: the cost of the board's total stops
    # growing with the community (count(*) read all 100,000 at 10 ms)
    rows = filtered(select(literal(1))).limit(bindparam("count_limit")).subquery()
    return page, select(func.count()).select_from(rows)


def statements(
    statuses: bool, place: bool, category: bool, *, capped: bool
) -> tuple[Select[Any], Select[Any]]:
    """The page's and the total's statements for a query with these filters."""
    key = ((statuses, place, category), capped)
    built = _BUILT.get(key)
    if built is None:
        built = _BUILT[key] = _build(statuses, place, category, capped=capped)
    return built
