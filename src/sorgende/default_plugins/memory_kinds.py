"""The memory storage's repository for any registered record kind (``uow.of(kind)``).

A kind's records live in the unit of work's tables under the kind's name, like the
core's own, with one secondary index per queryable field (its declared indexes and
person fields). Unlike the core's references, a plugin's indexed fields may change in
an update (a sign-up's state), so the tables re-index a record whose keys changed.
"""

from __future__ import annotations

import heapq
import uuid
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from operator import attrgetter
from typing import Any, Generic, TypeVar

from sorgende.errors import InvalidQuery, NotFound, WrongCommunity
from sorgende.records import RecordKind

T = TypeVar("T")

#: index name -> the keys a record has in it, as the tables key them (:func:`index_key`)
IndexSpec = dict[str, Callable[[Any], Iterable[Hashable]]]

_MISSING = object()


def index_key(value: Any) -> Hashable:
    """The key of a value in an index: UUIDs by their ``int`` (hashed in C)."""
    return value.int if isinstance(value, uuid.UUID) else value


def field_indexes(kind: RecordKind[Any]) -> IndexSpec:
    """One index per queryable field of ``kind``, named after the field."""
    return {name: _keys_of(name) for name in kind.queryable}


def _keys_of(name: str) -> Callable[[Any], Iterable[Hashable]]:
    def keys(record: Any) -> tuple[Hashable, ...]:
        return (index_key(getattr(record, name)),)

    return keys


def _wanted(value: Any) -> frozenset[Any]:
    if isinstance(value, set | frozenset | list | tuple):
        return frozenset(value)
    return frozenset((value,))


class KindRepo(Generic[T]):
    """Records of one registered kind in a memory unit of work."""

    def __init__(self, uow: Any, kind: RecordKind[T]) -> None:
        self.uow = uow
        self.kind = kind
        self.name = kind.name
        self._key = kind.key
        # the owner read without a call of the kind's method per record
        self._owner = attrgetter(kind.owner) if kind.owner else None
        self._community_id = uow.community_id

    # keys are UUIDs here (kept by their int, hashed in C); TextKeyRepo below keys by
    # text. Two classes rather than a test per call: a lookup is a few hundred ns
    def _key_of(self, entity: T) -> Hashable:
        key: uuid.UUID = getattr(entity, self._key)
        return key.int

    def _check_scope(self, entity: T) -> None:
        if self._owner is not None:
            owner = self._owner(entity)
            if owner is not self._community_id and owner != self._community_id:
                raise WrongCommunity(record=owner, unit=self._community_id)

    def find(self, key: Any) -> T | None:
        return self.uow._get(self.name, key.int)  # type: ignore[no-any-return]

    def get(self, key: Any) -> T:
        entity = self.find(key)
        if entity is None:
            raise NotFound(self.name, key)
        return entity

    def find_many(self, keys: Iterable[Any]) -> dict[Any, T]:
        found: dict[Any, T] = {}
        for key in keys:
            entity = self.find(key)
            if entity is not None:
                found[key] = entity
        return found

    def add(self, entity: T) -> None:
        self._check_scope(entity)
        self.uow._add(self.name, self._key_of(entity), entity)

    def add_all(self, entities: Sequence[T]) -> None:
        for entity in entities:
            self.add(entity)

    def update(self, entity: T) -> None:
        self._check_scope(entity)
        if self.kind.version is None:
            raise NotFound(self.name, getattr(entity, self._key))
        self.uow._update(self.name, self._key_of(entity), entity)

    def delete(self, entity: T) -> None:
        self._check_scope(entity)
        self.uow._delete(self.name, self._key_of(entity), entity)

    def _matching(self, where: Mapping[str, Any] | None, first: int | None = None) -> list[T]:
        """The matching records in the kind's order; with ``first``, only that many of them
        (the smallest by the order, found without sorting all)."""
        rows = self._unordered(where)
        # in the kind's order, then in the order records were added (pending ones last)
        added = self.uow._tables.added[self.name]
        key = self._key
        late = 1 << 62
        order = self.kind.order
        if order is None and not where:
            return rows if first is None else rows[:first]

        def position(record: Any) -> int:
            return added.get(index_key(getattr(record, key)), late)  # type: ignore[no-any-return]

        if order is None:
            sort_key: Any = position
        else:

            def sort_key(record: Any) -> tuple[bool, Any, int]:
                value = getattr(record, order)
                if value is None:  # first, as SQL's NULLS FIRST does on SQLite
                    return (False, 0, position(record))
                return (True, getattr(value, "value", value), position(record))

        if first is not None and first * 8 < len(rows):
            # a page of a long list: a heap of the first ones, not a sort of all
            return heapq.nsmallest(first, rows, key=sort_key)
        rows.sort(key=sort_key)
        return rows if first is None else rows[:first]

    def _unordered(self, where: Mapping[str, Any] | None) -> list[T]:
        """The matching records, in no particular order."""
        if not where:
            rows: list[T] = self.uow._all(self.name)
        else:
            # asked here, not when the repository is made: most units of work only
            # find and update (a confirmation, the helper's totals)
            queryable = self.kind.queryable
            for name in where:
                if name not in queryable:
                    raise InvalidQuery(self.name, name, sorted(queryable))
            # the first condition from its index, the others checked on the records
            items = list(where.items())
            first, value = items[0]
            wanted = _wanted(value)
            rows = []
            for one in wanted:
                rows.extend(self.uow._by_index(self.name, first, one))
            if len(wanted) > 1:  # a record is in one key of a single-valued index
                rows = list({index_key(getattr(r, self._key)): r for r in rows}.values())
            for name, value in items[1:]:
                allowed = _wanted(value)
                rows = [r for r in rows if getattr(r, name) in allowed]
        return rows

    def list(
        self,
        *,
        where: Mapping[str, Any] | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> Sequence[T]:
        if limit is None:
            return self._matching(where)[offset:]
        return self._matching(where, first=offset + limit)[offset:]

    def count(self, *, where: Mapping[str, Any] | None = None, limit: int | None = None) -> int:
        found = len(self._unordered(where))  # a count needs no order
        return found if limit is None else min(found, limit)


class TextKeyRepo(KindRepo[T]):
    """Records of a registered kind keyed by a text (a login, a code) instead of a UUID."""

    def _key_of(self, entity: T) -> Hashable:
        key: Hashable = getattr(entity, self._key)
        return key

    def find(self, key: Any) -> T | None:
        return self.uow._get(self.name, key)  # type: ignore[no-any-return]


#: whether a kind's key is a UUID, by class and key field: asking the class (attrs'
#: resolve_types) costs more than a use case's whole write, and a unit of work asks anew
_UUID_KEYS: dict[tuple[type, str], bool] = {}


def repository(uow: Any, kind: RecordKind[T]) -> KindRepo[T]:
    """The repository class that fits the kind's key."""
    uuid_key = _UUID_KEYS.get((kind.cls, kind.key))
    if uuid_key is None:
        uuid_key = _UUID_KEYS[(kind.cls, kind.key)] = kind.field_type(kind.key) is uuid.UUID
    if uuid_key:
        return KindRepo(uow, kind)
    return TextKeyRepo(uow, kind)
