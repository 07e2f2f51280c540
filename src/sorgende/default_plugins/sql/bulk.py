"""Many rows into one table with one ``executemany`` of the driver: the bulk import's path.

SQLAlchemy's ``connection.execute(insert(table), rows)`` prepares every row anew: it
matches the dictionary's keys to the statement's parameters and runs each column's bind
processor through a generic loop. For an import of 100,000 records that bookkeeping costs
more than the database's own work. Here the statement is compiled once per table, column
set and dialect, each column's bind processor is looked up once, and the rows go to the
driver as they are (``exec_driver_sql``), in the order the compiled statement names its
parameters. The values stored are the ones ``execute`` would store: the same statement,
the same types, the same processors.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, insert

#: below this many rows the ordinary ``execute`` is as fast and needs no compiling
THRESHOLD = 64

_Prepared = tuple[str, tuple[str, ...], tuple[Callable[[Any], Any] | None, ...], bool]
_INSERT: dict[Table, Any] = {}
#: by the table itself (two metadata may hold tables of one name), its keys and the dialect
_PREPARED: dict[tuple[Table, tuple[str, ...], str], _Prepared] = {}


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dictionaries with the same keys) into ``table``."""
    if len(rows) < THRESHOLD:
        statement = _INSERT.get(table)
        if statement is None:
            # built once per table: a new expression per call costs more than the insert
            statement = _INSERT[table] = insert(table)
        conn.execute(statement, list(rows) if len(rows) > 1 else rows[0])
        return
    sql, names, processors, positional = _prepare(conn, table, tuple(rows[0]))
    pick = itemgetter(*names)
    # the columns without a processor (most: integers, text) are passed as they are
    converting = [(i, process) for i, process in enumerate(processors) if process is not None]
    params: list[Any] = []
    for row in rows:
        values = list(pick(row)) if len(names) > 1 else [row[names[0]]]
        for i, process in converting:
            values[i] = process(values[i])
        params.append(tuple(values) if positional else dict(zip(names, values, strict=True)))
    conn.exec_driver_sql(sql, params)


def _prepare(conn: Connection, table: Table, keys: tuple[str, ...]) -> _Prepared:
    dialect = conn.dialect
    key = (table, keys, dialect.name)
    prepared = _PREPARED.get(key)
    if prepared is None:
        compiled = insert(table).compile(dialect=dialect, column_keys=list(keys))
        names = tuple(compiled.positiontup or compiled.bind_names.values())
        processors = tuple(
            table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
        )
        prepared = (compiled.string, names, processors, compiled.positiontup is not None)
        _PREPARED[key] = prepared
    return prepared
