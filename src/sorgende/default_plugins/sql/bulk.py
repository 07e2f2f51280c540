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

import sqlite3
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, insert

#: below this many rows the ordinary ``execute`` is as fast and needs no compiling
THRESHOLD = 64
#: a SQLite connection's page cache while an import fills its tables, in KiB. The default
#: (2 MiB) holds a few thousand pages: records come in the order of their random ids, so
#: most inserts into an index of ids need a page that is no longer cached
IMPORT_CACHE_KIB = 65_536

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


def enlarge_cache(conn: Connection) -> Callable[[], None] | None:
    """Give a SQLite connection the import's page cache; returns how to restore its own.

    A connection's setting, not the transaction's: the unit of work restores it before the
    connection goes back to the pool. ``None`` on other databases (PostgreSQL's buffers
    are the server's)."""
    if conn.dialect.name != "sqlite":
        return None
    # on the driver's connection: through SQLAlchemy, a statement after the commit would
    # begin a transaction again
    driver = conn.connection.driver_connection
    assert driver is not None
    before = int(driver.execute("PRAGMA cache_size").fetchone()[0])
    driver.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")

    def restore() -> None:
        try:
            driver.execute(f"PRAGMA cache_size = {before}")
        except sqlite3.Error:
            # the setting could not be undone: the pool does not hand this connection out again
            conn.invalidate()

    return restore


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
