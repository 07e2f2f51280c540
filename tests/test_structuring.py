"""The converter's fast path reads every record as cattrs' own functions do.

The functions of :mod:`sorgende.structuring` must give equal values of the same types
for data that fits, and, for data that does not, the very answer of cattrs' generated
function (they hand it the input). Both are compared here on every record the
strategies make, and on each record's data broken one field at a time.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from sorgende.domain.events import DomainEvent
from sorgende.domain.exchanges import Exchange
from sorgende.serialization import make_converter
from sorgende.testing import differences
from sorgende.testing import strategies as s

fast = make_converter()
reference = make_converter(fast=False)

#: values of the wrong kind for some field of nearly every record
WRONG: list[Any] = [
    None,
    0,
    1,
    True,
    1.5,
    "",
    "x",
    "offen",
    "open",
    str(uuid.UUID(int=7)),
    "2025-03-04T09:30:00",  # a datetime without a zone
    "2025-03-04T09:30:00+01:00",
    "2025-03-04T09:30:00+01:00[Europe/Berlin]",
    "2025-03-04",
    [],
    ["x"],
    {},
    uuid.UUID(int=7),
    datetime(2025, 3, 4, tzinfo=UTC),
]


def outcome(conv: Any, data: Any, cls: type) -> tuple[str, Any]:
    try:
        value = conv.structure(data, cls)
    except Exception as exc:
        return ("refused", type(exc))
    return ("read", value)


def same(a: tuple[str, Any], b: tuple[str, Any]) -> bool:
    if a[0] != b[0]:
        return False
    if a[0] == "refused":
        return bool(a[1] is b[1])
    return differences(a[1], b[1]) == []


records = s.entities().filter(lambda e: not isinstance(e, DomainEvent))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records)
def test_every_record_reads_as_cattrs_reads_it(entity: Any) -> None:
    data = reference.unstructure(entity)
    mine, theirs = outcome(fast, data, type(entity)), outcome(reference, data, type(entity))
    assert mine[0] == "read"
    assert same(mine, theirs)
    assert differences(mine[1], entity) == []


def breakages(good: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """Every field missing, doubled under another key, and set to each wrong value."""
    out = []
    for key in sorted(good):
        missing = dict(good)
        del missing[key]
        out.append((key, "missing", missing))
        out.append((key, "extra", {**good, key + "_extra": good[key]}))
        out.extend((key, "wrong", {**good, key: value}) for value in WRONG)
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records)
def test_broken_data_gets_the_answer_cattrs_gives(entity: Any) -> None:
    cls = type(entity)
    for key, how, broken in breakages(reference.unstructure(entity)):
        mine, theirs = outcome(fast, broken, cls), outcome(reference, broken, cls)
        if how == "missing" and mine[0] == theirs[0] == "read":
            # a default from a factory (a fresh id) differs between any two reads
            name = next(f.name for f in attrs.fields(cls) if f.name == key)
            theirs = ("read", attrs.evolve(theirs[1], **{name: getattr(mine[1], name)}))
        assert same(mine, theirs), (cls.__name__, key, how, broken.get(key))


@pytest.mark.parametrize("value", [["not", "a", "mapping"], "text", None, 3])
def test_what_is_no_mapping_gets_the_answer_cattrs_gives(value: Any) -> None:
    assert same(outcome(fast, value, Exchange), outcome(reference, value, Exchange))


def test_the_fast_path_is_the_one_that_reads() -> None:
    """Not only equal answers: the records do take the generated functions."""
    hook = fast.get_structure_hook(Exchange)
    assert hook.__code__.co_filename == "<sorgende fast structure Exchange>"
    assert reference.get_structure_hook(Exchange).__code__.co_filename != (
        "<sorgende fast structure Exchange>"
    )


@attrs.frozen
class Node:
    name: str
    children: tuple[Node, ...] = ()


def test_a_record_that_contains_itself_is_read() -> None:
    conv = make_converter()
    tree = Node("a", (Node("b", (Node("c"),)),))
    assert conv.structure(conv.unstructure(tree), Node) == tree
