"""The SQL storage's repository for any registered record kind (``uow.of(kind)``).

Each kind has a table of its own (``k_<name>``), created by the migration its plugin
ships (:func:`sorgende.migrations.create_kind_table`), laid out like the core's tables:
the record whole in ``data`` and, as indexed columns, exactly what queries filter on
(its owner, key, version and one ``i_<field>`` column per queried field). A table per
kind rather than one shared table: each kind's queries use an index of its own that
the database can plan for, a large kind does not slow the others, and the rows of a
plugin that is removed can be dropped with its table (``docs/architecture.md``).
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import (
    JSON,
    Column,
    Engine,
    Integer,
    MetaData,
    Table,
    bindparam,
    delete,
    func,
    inspect,
    literal,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError, OperationalError

from sorgende.default_plugins.sql import bulk, damaged
from sorgende.default_plugins.sql.encoding import encoded
from sorgende.errors import ConflictError, InvalidQuery, NotFound, SchemaOutdated, WrongCommunity
from sorgende.migrations import column_type
from sorgende.records import RecordKind, db_value

T = TypeVar("T")


def type_name(t: Any) -> str:
    """The column type (one of :data:`sorgende.migrations.COLUMN_TYPES`) of a field type."""
    if isinstance(t, type):
        if issubclass(t, uuid.UUID):
            return "uuid"
        if issubclass(t, bool):
            return "bool"
        if issubclass(t, enum.Enum | str):
            return "str"
        if issubclass(t, int):
            return "int"
        if issubclass(t, datetime):
            return "datetime"
        if issubclass(t, date):
            return "date"
    return "str"


def kind_table(kind: RecordKind[Any], metadata: MetaData) -> Table:
    """The table of ``kind`` as the repository queries it (the migration creates it)."""
    columns: list[Any] = [
        Column("seq", Integer, primary_key=True, autoincrement=True),
        Column("key", column_type(type_name(kind.field_type(kind.key)))),
        Column("community_id", column_type("uuid")),
    ]
    if kind.version is not None:
        columns.append(Column("version", Integer))
    columns.extend(
        Column(f"i_{name}", column_type(type_name(kind.field_type(name))))
        for name in kind.queryable
    )
    columns.append(Column("data", JSON))
    return Table(kind.table, metadata, *columns)


def check_tables(engine: Engine, url: str, tables: Mapping[str, Table]) -> None:
    """Refuse to open when a registered kind's table or one of its columns is missing."""
    found = inspect(engine)
    names = set(found.get_table_names())
    for kind_name, table in tables.items():
        if table.name not in names:
            raise SchemaOutdated(
                url=url,
                stored=f"no table {table.name} for the record kind {kind_name}",
                latest="the plugin's migrations (sorgende_migrations) applied",
            )
        present = {c["name"] for c in found.get_columns(table.name)}
        missing = [c.name for c in table.columns if c.name not in present]
        if missing:
            raise SchemaOutdated(
                url=url,
                stored=f"table {table.name} lacks {', '.join(missing)}",
                latest=f"the columns the record kind {kind_name} queries",
            )


class SQLKindRepo(Generic[T]):
    """Records of one registered kind in a SQL unit of work."""

    def __init__(self, uow: Any, kind: RecordKind[T], table: Table) -> None:
        self.uow = uow
        self.kind = kind
        self.table = table
        self._queryable = frozenset(kind.queryable)
        # built once per table, not per unit of work: building them costs more than a query
        built = table.info.get("sorgende.statements")
        if built is None:
            c = table.c
            matches = [c.key == bindparam("b_key"), c.community_id == bindparam("b_cid")]
            if kind.version is not None:
                matches.append(c.version == bindparam("b_expected"))
            built = table.info["sorgende.statements"] = (
                select(c.data).where(c.community_id == bindparam("cid"), c.key == bindparam("key")),
                update(table).where(*matches),
                delete(table).where(*matches),
            )
        self._find: Any = built[0]
        self._update: Any = built[1]
        self._delete: Any = built[2]

    # -- reading ----------------------------------------------------------------------

    def _load(self, statement: Any, params: Mapping[str, Any] | None = None) -> list[T]:
        # a row that cannot be read (it breaks a rule of the model) is left out
        rows = self.uow.conn.scalars(statement, params)
        return damaged.readable(rows, self.kind.cls, self.table.name)

    def find(self, key: Any) -> T | None:
        rows = list(self.uow.conn.scalars(self._find, {"cid": self.uow.community_id, "key": key}))
        if not rows:
            return None
        return damaged.structure_one(rows[0], self.kind.cls, self.table.name, self.kind.name, key)  # type: ignore[no-any-return]

    def get(self, key: Any) -> T:
        entity = self.find(key)
        if entity is None:
            raise NotFound(self.kind.name, key)
        return entity

    def find_many(self, keys: Iterable[Any]) -> dict[Any, T]:
        wanted = list(dict.fromkeys(keys))
        c = self.table.c
        found: dict[Any, T] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            statement = select(c.data).where(
                c.community_id == self.uow.community_id, c.key.in_(chunk)
            )
            for entity in self._load(statement):
                found[self.kind.key_of(entity)] = entity
        return found

    def _shape(self, where: Mapping[str, Any] | None) -> tuple[tuple[Any, ...], dict[str, Any]]:
        """What a query compares (each field, and how: equal, null, in a set) and the
        values to bind: queries of one shape share one statement, built once."""
        shape: list[tuple[str, str]] = []
        params: dict[str, Any] = {"cid": self.uow.community_id}
        for name, value in (where or {}).items():
            if name not in self._queryable:
                raise InvalidQuery(self.kind.name, name, sorted(self._queryable))
            if isinstance(value, set | frozenset | list | tuple):
                values = [db_value(v) for v in value]
                if None in values:
                    shape.append((name, "in_or_null"))
                    params[f"w_{name}"] = [v for v in values if v is not None]
                else:
                    shape.append((name, "in"))
                    params[f"w_{name}"] = values
            elif value is None:
                shape.append((name, "null"))
            else:
                shape.append((name, "eq"))
                params[f"w_{name}"] = db_value(value)
        return tuple(shape), params

    def _where(self, statement: Any, shape: tuple[Any, ...]) -> Any:
        c = self.table.c
        statement = statement.where(c.community_id == bindparam("cid"))
        for name, how in shape:
            column = c[f"i_{name}"]
            value: Any = bindparam(f"w_{name}", expanding=how.startswith("in"))
            if how == "eq":
                statement = statement.where(column == value)
            elif how == "null":
                statement = statement.where(column.is_(None))
            elif how == "in":
                statement = statement.where(column.in_(value))
            else:
                statement = statement.where(column.is_(None) | column.in_(value))
        return statement

    def _statement(self, key: tuple[Any, ...], build: Any) -> Any:
        # built once per table and shape, like find's: building a statement and its
        # cache key cost more than the query (an API token's lookup, 0.2 ms a call)
        built: dict[tuple[Any, ...], Any] = self.table.info.setdefault("sorgende.queries", {})
        statement = built.get(key)
        if statement is None:
            statement = built[key] = build()
        return statement

    def list(
        self,
        *,
        where: Mapping[str, Any] | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> Sequence[T]:
        shape, params = self._shape(where)

        def build() -> Any:
            c = self.table.c
            statement = self._where(select(c.data), shape)
            if self.kind.order is not None:
                statement = statement.order_by(c[f"i_{self.kind.order}"].nulls_first(), c.seq)
            else:
                statement = statement.order_by(c.seq)
            if offset:
                statement = statement.offset(bindparam("offset"))
            if limit is not None:
                statement = statement.limit(bindparam("limit"))
            return statement

        if offset:
            params["offset"] = offset
        if limit is not None:
            params["limit"] = limit
        statement = self._statement(("list", shape, bool(offset), limit is not None), build)
        return self._load(statement, params)

    def count(self, *, where: Mapping[str, Any] | None = None, limit: int | None = None) -> int:
        shape, params = self._shape(where)

        def build() -> Any:
            if limit is None:
                return self._where(select(func.count()).select_from(self.table), shape)
            # read at most ``limit`` index entries (count(*) reads every match)
            rows = self._where(select(literal(1)).select_from(self.table), shape)
            return select(func.count()).select_from(rows.limit(bindparam("limit")).subquery())

        if limit is not None:
            params["limit"] = limit
        statement = self._statement(("count", shape, limit is not None), build)
        return int(self.uow.conn.scalar(statement, params) or 0)

    # -- writing ----------------------------------------------------------------------

    def _row(self, entity: T) -> dict[str, Any]:
        kind = self.kind
        row: dict[str, Any] = {
            "key": kind.key_of(entity),
            "community_id": self.uow.community_id,
            "data": encoded(entity),
        }
        if kind.version is not None:
            row["version"] = kind.version_of(entity)
        for name in kind.queryable:
            row[f"i_{name}"] = db_value(getattr(entity, name))
        return row

    def _scope(self, entity: T) -> None:
        owner = self.kind.owner_of(entity)
        if owner is not None and owner != self.uow.community_id:
            raise WrongCommunity(record=owner, unit=self.uow.community_id)
        if self.uow._conflict is not None:
            raise self.uow._conflict

    def add(self, entity: T) -> None:
        self.add_all([entity])

    def add_all(self, entities: Sequence[T]) -> None:
        if not entities:
            return
        for entity in entities:
            self._scope(entity)
        rows = [self._row(e) for e in entities]
        first = self.kind.key_of(entities[0])
        try:
            bulk.insert_rows(self.uow.conn, self.table, rows)
        except OperationalError as error:
            raise self.uow._failed(self._lost(first)) from error
        except IntegrityError as error:
            raise self.uow._failed(
                ConflictError(kind=self.kind.name, id=first, expected="new")
            ) from error

    def update(self, entity: T) -> None:
        self._scope(entity)
        kind = self.kind
        key = kind.key_of(entity)
        if kind.version is None:
            # append-only records have no version to compare and set
            raise NotFound(kind.name, key)
        row = self._row(entity)
        del row["key"], row["community_id"]
        expected = kind.version_of(entity) - 1
        row.update({"b_key": key, "b_cid": self.uow.community_id, "b_expected": expected})
        self._write(self._update, row, key, expected)

    def delete(self, entity: T) -> None:
        self._scope(entity)
        kind = self.kind
        key = kind.key_of(entity)
        expected = kind.version_of(entity)
        params = {"b_key": key, "b_cid": self.uow.community_id, "b_expected": expected}
        self._write(self._delete, params, key, expected)

    def _write(self, statement: Any, params: dict[str, Any], key: Any, expected: int) -> None:
        try:
            result = self.uow.conn.execute(statement, params)
        except OperationalError as error:
            raise self.uow._failed(self._lost(key)) from error
        if result.rowcount != 1:
            if self.find(key) is None:
                raise NotFound(self.kind.name, key)
            raise self.uow._failed(ConflictError(kind=self.kind.name, id=key, expected=expected))

    def _lost(self, key: Any) -> ConflictError:
        return ConflictError(kind=self.kind.name, id=key, expected="an unchanged snapshot")
