"""Stored rows that cannot be read any more: left out of lists, named by ``find``, listed
for ``sorgende db check``.

A row written before a rule of the model existed may break it: a request dated in year
1 (before sorgende refused it) cannot be read back as a record, because its time cannot
be shown in the community's time zone or lies outside the times the model represents.
Before, such a row took every list of its community down with it. Now a list leaves it
out (and logs it once per process), ``find`` raises
:class:`~sorgende.errors.DamagedRecord` naming it, and :func:`damaged_rows` lists every
such row of a community with what is wrong, for the operator to repair.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Iterator
from typing import Any, Final

import attrs
from cattrs.errors import BaseValidationError
from sqlalchemy import Table, select

from sorgende.errors import DamagedRecord, SorgendeError
from sorgende.serialization import converter

_log = logging.getLogger("sorgende.storage")

#: what structuring a stored record raises when the record breaks the model's rules
UNREADABLE: Final = (ValueError, OverflowError, TypeError, SorgendeError, BaseValidationError)

#: rows already logged in this process (a damaged row is read again on every list)
_logged: set[tuple[str, str]] = set()


@attrs.frozen
class DamagedRow:
    """A stored row that cannot be read: its table, its id, what is wrong."""

    table: str
    id: str
    problem: str


def problem_of(error: BaseException) -> str:
    """What is wrong, in one line: the innermost errors' messages."""
    if isinstance(error, BaseExceptionGroup):
        return "; ".join(problem_of(inner) for inner in error.exceptions)
    return str(error) or type(error).__name__


def row_id(data: Any) -> str:
    """The id stored in a record's data, or ``?`` when there is none to read."""
    value = data.get("id") if isinstance(data, dict) else None
    return str(value) if value is not None else "?"


def structure(data: Any, cls: type[Any], table: str) -> Any | None:
    """The record in ``data``, or ``None`` (logged) when it cannot be read."""
    try:
        return converter.structure(data, cls)
    except UNREADABLE as error:
        key = (table, row_id(data))
        if key not in _logged:
            _logged.add(key)
            _log.warning(
                "left out the stored %s %s: it cannot be read (%s); see `sorgende db check`",
                table,
                key[1],
                problem_of(error),
            )
        return None


def readable(rows: Iterable[Any], cls: type[Any], table: str) -> list[Any]:
    """The records of ``rows`` (stored data) that can be read, in their order.

    All at once first (the usual case costs what it did); record by record, leaving out
    and logging what cannot be read, only when that fails.
    """
    rows = list(rows)
    structure_ = converter.structure
    try:
        return [structure_(data, cls) for data in rows]
    except UNREADABLE:
        found = (structure(data, cls, table) for data in rows)
        return [entity for entity in found if entity is not None]


def structure_one(data: Any, cls: type[Any], table: str, kind: str, id: object) -> Any:
    """The record of ``find``: a row that cannot be read is named, not left out."""
    try:
        return converter.structure(data, cls)
    except UNREADABLE as error:
        raise DamagedRecord(kind, id, problem_of(error)) from error


def damaged_rows(
    conn: Any, community_id: uuid.UUID, tables: Iterable[tuple[Table, type[Any]]]
) -> Iterator[DamagedRow]:
    """Every row of the community in ``tables`` (each with its record class) that
    cannot be read, table by table in the order they were written."""
    for table, cls in tables:
        c = table.c
        statement = (
            select(c.data).where(c.community_id == community_id).order_by(c.seq)
            if "seq" in c
            else select(c.data).where(c.community_id == community_id)
        )
        for data in conn.scalars(statement):
            try:
                converter.structure(data, cls)
            except UNREADABLE as error:
                yield DamagedRow(table.name, row_id(data), problem_of(error))
