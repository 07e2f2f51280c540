"""Helpers for the Alembic migrations that plugins ship for their record kinds' tables.

A plugin that declares a :class:`~sorgende.records.RecordKind` ships, for the SQL
storage, a directory of Alembic migrations (returned by its ``sorgende_migrations``
hook) whose first revision creates the kind's table with :func:`create_kind_table`::

    revision = "testplugin_0001"
    down_revision = None
    branch_labels = ("sorgende_testplugin",)

    def upgrade() -> None:
        create_kind_table(op, "testplugin.note", columns={"author_id": "uuid", "topic": "str"})

The call states the columns explicitly, as they were when the migration was written:
a migration is history and must not follow later changes of the live declaration. The
SQL storage checks at start-up that each registered kind's table has the columns its
declaration queries, and says which migration is missing otherwise.

The table layout (see ``docs/architecture.md``): ``seq`` (insertion order), ``key``,
``community_id``, ``version`` (when versioned), one column ``i_<field>`` per queried
field, and ``data``, the record as the converter's JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sorgende.errors import InvalidRecordKind

#: the column types a kind's queried fields map to (see :func:`column_type`)
COLUMN_TYPES = ("uuid", "str", "int", "bool", "datetime", "date")


def column_type(name: str) -> Any:
    """The SQLAlchemy type of a column of one of :data:`COLUMN_TYPES`.

    Times are stored as microseconds since 1970 (UTC) and dates as their ordinal, so
    SQLite and PostgreSQL compare and sort them alike; enums are stored by value.
    """
    from sqlalchemy import BigInteger, Boolean, Integer, String, Uuid

    types = {
        "uuid": Uuid(),
        "str": String(),
        "int": BigInteger(),
        "bool": Boolean(),
        "datetime": BigInteger(),
        "date": Integer(),
    }
    found = types.get(name)
    if found is None:
        raise InvalidRecordKind(
            kind="(migration)", problems=[f"no column type {name!r}; use one of {COLUMN_TYPES}"]
        )
    return found


def table_name(kind_name: str) -> str:
    """The table of a kind: ``k_`` and its name with ``.`` as ``_``."""
    return "k_" + kind_name.replace(".", "_")


def create_kind_table(
    op: Any,
    kind_name: str,
    *,
    columns: Mapping[str, str] | None = None,
    key: str = "uuid",
    versioned: bool = True,
    order: str | None = None,
) -> None:
    """Create the table of a record kind and its indexes, inside an Alembic migration.

    :param op: ``alembic.op``.
    :param kind_name: the kind's name (``RecordKind.name``).
    :param columns: each queried field (its indexes and person fields) and its type,
        one of :data:`COLUMN_TYPES` (enums are ``"str"``).
    :param key: the type of its key field (``"uuid"`` or ``"str"``).
    :param versioned: whether records have a version (compare-and-set updates).
    :param order: the queried field that lists are sorted by, if any.
    """
    from sqlalchemy import JSON, Column, Integer, Uuid

    name = table_name(kind_name)
    table_columns = [
        Column("seq", Integer, primary_key=True, autoincrement=True),
        Column("key", column_type(key), nullable=False),
        Column("community_id", Uuid, nullable=False),
    ]
    if versioned:
        table_columns.append(Column("version", Integer, nullable=False))
    table_columns.extend(
        Column(f"i_{field}", column_type(kind), nullable=True)
        for field, kind in (columns or {}).items()
    )
    table_columns.append(Column("data", JSON, nullable=False))
    op.create_table(name, *table_columns)
    op.create_index(f"ux_{name}_key", name, ["community_id", "key"], unique=True)
    for field in columns or {}:
        tail = ["seq"] if field == order else []
        op.create_index(f"ix_{name}_{field}", name, ["community_id", f"i_{field}", *tail])


def add_kind_column(op: Any, kind_name: str, field: str, kind: str) -> None:
    """Add a queried field to a kind's table (a later migration), with its index.

    Existing rows get ``NULL``; fill them in the same migration from ``data`` if the
    field had values before.
    """
    from sqlalchemy import Column

    name = table_name(kind_name)
    with op.batch_alter_table(name) as batch:
        batch.add_column(Column(f"i_{field}", column_type(kind), nullable=True))
    op.create_index(f"ix_{name}_{field}", name, ["community_id", f"i_{field}"])
