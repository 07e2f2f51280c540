"""Hypothesis strategies for the records of any registered kind, derived from its declaration.

:func:`records_of` builds records of a :class:`~sorgende.records.RecordKind` from the
types of its class's fields: its owner is the community given, its version 1, every
other field drawn from its type (UUIDs, text, numbers, aware datetimes across time
zones and daylight-saving switches, dates, enums, optional values, sets, tuples,
mappings and nested attrs classes). A plugin's new kind needs no strategy of its own;
one whose fields need more than their types say (a validator, a relation between
fields) passes ``overrides``.
"""

from __future__ import annotations

import enum
import typing
import uuid
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, TypeVar, get_args, get_origin

import attrs
from hypothesis import strategies as st

from sorgende.records import RecordKind
from sorgende.testing.strategies import aware_datetimes, dates

T = TypeVar("T")

#: the values a queried field takes in generated records are drawn from few choices, so
#: that queries by a value find several records
_FEW = 4


def records_of(
    kind: RecordKind[T],
    *,
    community_id: uuid.UUID,
    overrides: Mapping[str, st.SearchStrategy[Any]] | None = None,
    pools: Mapping[str, list[Any]] | None = None,
) -> st.SearchStrategy[T]:
    """Records of ``kind`` owned by ``community_id``.

    :param overrides: strategies for single fields, by name.
    :param pools: values the queried fields are drawn from (so that records share
        them); by default each queried field draws from its own small pool.
    """
    cls: Any = kind.cls
    hints = typing.get_type_hints(cls)
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for field in attrs.fields(cls):
        name = field.name
        if overrides and name in overrides:
            fields[name] = overrides[name]
        elif name == kind.owner:
            fields[name] = st.just(community_id)
        elif name == kind.version:
            fields[name] = st.just(1)
        elif name == kind.key:
            fields[name] = st.uuids() if hints[name] is uuid.UUID else _text(24, min_size=1)
        elif pools and name in pools:
            fields[name] = st.sampled_from(pools[name])
        else:
            fields[name] = for_type(hints[name], what=f"{kind.name}.{name}")
    return st.builds(cls, **fields)


def pools_for(kind: RecordKind[Any], draw: st.DrawFn) -> dict[str, list[Any]]:
    """A few values for each queried field of ``kind``, for records to share."""
    cls: Any = kind.cls
    hints = typing.get_type_hints(cls)
    return {
        name: draw(
            st.lists(for_type(hints[name], what=f"{kind.name}.{name}"), min_size=1, max_size=_FEW)
        )
        for name in kind.queryable
        if name not in (kind.key, kind.owner)
    }


def _text(max_size: int, min_size: int = 0) -> st.SearchStrategy[str]:
    # letters, digits, spaces and umlauts: what people type, and what every database stores
    alphabet = st.characters(categories=("L", "N", "Zs"), exclude_characters="\x00")
    return st.text(alphabet, min_size=min_size, max_size=max_size)


def for_type(t: Any, *, what: str = "a field") -> st.SearchStrategy[Any]:
    """A strategy for values of the type ``t`` (as declared on an attrs field)."""
    origin, args = get_origin(t), get_args(t)
    if origin is typing.Union or (origin is not None and type(None) in args):
        inner = [a for a in args if a is not type(None)]
        options = st.one_of(*(for_type(a, what=what) for a in inner))
        return st.none() | options if type(None) in args else options
    if origin in (frozenset, set):
        return st.frozensets(for_type(args[0], what=what), max_size=3)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return st.lists(for_type(args[0], what=what), max_size=3).map(tuple)
        return st.tuples(*(for_type(a, what=what) for a in args))
    if origin in (list,):
        return st.lists(for_type(args[0], what=what), max_size=3)
    if origin in (dict, Mapping) or (origin is not None and _is_mapping(origin)):
        key, value = args or (str, str)
        return st.dictionaries(for_type(key, what=what), for_type(value, what=what), max_size=3)
    if t is typing.Any:
        return _text(12)
    if isinstance(t, type):
        if issubclass(t, bool):
            return st.booleans()
        if issubclass(t, enum.Enum):
            return st.sampled_from(list(t))
        if issubclass(t, uuid.UUID):
            return st.uuids()
        if issubclass(t, str):
            return _text(40)
        if issubclass(t, int):
            return st.integers(min_value=-(2**31), max_value=2**31)
        if issubclass(t, float):
            return st.floats(allow_nan=False, allow_infinity=False, width=32)
        if issubclass(t, datetime):
            return aware_datetimes()
        if issubclass(t, date):
            return dates()
        if attrs.has(t):
            hints = typing.get_type_hints(t)
            return st.builds(
                t,
                **{
                    f.name: for_type(hints[f.name], what=f"{what}.{f.name}")
                    for f in attrs.fields(t)
                },
            )
    raise TypeError(f"no strategy for {what} of type {t!r}: pass one in overrides")


def _is_mapping(origin: Any) -> bool:
    try:
        return issubclass(origin, Mapping)
    except TypeError:
        return False
