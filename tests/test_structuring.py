"""The converter's fast path reads every record as cattrs' own functions do.

The functions of :mod:`sorgende.structuring` must give equal values of the same types
for data that fits, and, for data that does not, the very answer of cattrs' generated
function (they hand it the input). Both are compared here on every record the
strategies make, and on each record's data broken one field at a time.
"""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sorgende.domain.events import DomainEvent
from sorgende.domain.exchanges import Exchange
from sorgende.plugins import Hooks, make_plugin_manager
from sorgende.records import RecordKind
from sorgende.serialization import converter, dumps, make_converter, to_json
from sorgende.structuring import UUIDCache
from sorgende.testing import differences
from sorgende.testing import strategies as s
from sorgende.testing.kind_strategies import records_of

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


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(s.domain_events())
def test_broken_events_get_the_answer_cattrs_gives(event: DomainEvent) -> None:
    """Events take the fast path too: read as DomainEvent (by their "type")."""
    good = reference.unstructure(event)
    assert same(outcome(fast, good, DomainEvent), outcome(reference, good, DomainEvent))
    for key, how, broken in breakages(good):
        mine, theirs = outcome(fast, broken, DomainEvent), outcome(reference, broken, DomainEvent)
        assert same(mine, theirs), (type(event).__name__, key, how, broken.get(key))


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


# --- writing ----------------------------------------------------------------------------

native_fast = make_converter(native_json=True)
native_reference = make_converter(native_json=True, fast=False)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(s.entities())
def test_every_record_and_event_writes_as_cattrs_writes_it(entity: Any) -> None:
    """The same data, of the same types, with the keys in the same order (the text of a
    stored record stays the same)."""
    for mine_conv, their_conv in ((fast, reference), (native_fast, native_reference)):
        mine, theirs = mine_conv.unstructure(entity), their_conv.unstructure(entity)
        assert mine == theirs
        assert dumps(mine) == dumps(theirs)
    # what the SQL storage stores is to_json's text: the converter's, written faster
    assert to_json(entity) == dumps(converter.unstructure(entity))


def test_the_fast_path_is_the_one_that_writes() -> None:
    hook = fast.get_unstructure_hook(Exchange)
    assert hook.__code__.co_filename == "<sorgende fast unstructure Exchange>"


@attrs.frozen
class Holder:
    tree: Node
    trees: tuple[Node, ...] = ()


def test_a_record_that_contains_itself_is_written() -> None:
    tree = Node("a", (Node("b", (Node("c"),)),))
    for first in (Node, Holder):  # whichever hook is made first
        conv, plain = make_converter(), make_converter(fast=False)
        conv.get_unstructure_hook(first)
        holder = Holder(tree, (tree, Node("d")))
        assert conv.unstructure(holder) == plain.unstructure(holder)
        assert conv.unstructure(tree) == plain.unstructure(tree)
        assert conv.structure(conv.unstructure(holder), Holder) == holder


# --- records made without their constructor, and those made with it ------------------


def _positive(_: Any, attribute: Any, value: int) -> None:
    if value <= 0:
        raise ValueError(f"{attribute.name} must be positive")


@attrs.frozen
class Checked:
    count: int = attrs.field(validator=_positive)


@attrs.frozen
class Normalised:
    name: str = attrs.field(converter=str.strip)


@attrs.frozen
class Counted:
    items: tuple[str, ...]
    size: int = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "size", len(self.items))


@attrs.frozen
class Fresh:
    name: str
    id: uuid.UUID = attrs.field(factory=uuid.uuid4)
    label: str = attrs.field(default=attrs.Factory(lambda self: self.name.upper(), takes_self=True))


@attrs.frozen
class Late:
    name: str
    shown: bool = attrs.field(init=False, default=True)


@attrs.frozen(kw_only=True)
class ByKeyword:
    name: str
    at: datetime


def test_a_record_with_rules_is_made_by_its_constructor() -> None:
    """Validators, converters and post-init hooks run; the others are stored directly."""
    conv = make_converter()
    assert conv.structure({"count": 3}, Checked) == Checked(3)
    with pytest.raises(ValueError, match="count must be positive"):
        conv.structure({"count": 0}, Checked)
    assert conv.structure({"name": "  Ann "}, Normalised).name == "Ann"
    assert conv.structure({"items": ["a", "b"]}, Counted).size == 2
    assert conv.structure({"name": "x"}, Late).shown is True
    for cls in (Checked, Normalised, Counted, Fresh, Late):
        assert "_new" not in conv.get_structure_hook(cls).__code__.co_names, cls
    assert "_new" in conv.get_structure_hook(Exchange).__code__.co_names


def test_defaults_from_factories_and_keyword_only_fields_are_read() -> None:
    conv = make_converter()
    a, b = conv.structure({"name": "x"}, Fresh), conv.structure({"name": "x"}, Fresh)
    assert a.id != b.id and a.label == "X"
    given_id = uuid.UUID(int=3)
    assert conv.structure({"name": "x", "id": str(given_id)}, Fresh).id == given_id
    at = datetime(2025, 3, 4, 9, 30, tzinfo=UTC)
    data = {"name": "n", "at": at.isoformat()}
    assert conv.structure(data, ByKeyword) == ByKeyword(name="n", at=at)
    assert reference.structure(data, ByKeyword) == conv.structure(data, ByKeyword)


@settings(max_examples=10, deadline=None)
@given(s.exchanges())
def test_threads_that_make_the_same_functions_at_once_all_read_and_write(
    exchange: Exchange,
) -> None:
    """A class another thread is making is no record that contains itself."""
    conv = make_converter()
    data = reference.unstructure(exchange)
    barrier = threading.Barrier(8)

    def work() -> bool:
        barrier.wait()
        return bool(
            conv.structure(data, Exchange) == exchange and conv.unstructure(exchange) == data
        )

    with ThreadPoolExecutor(8) as pool:
        assert all(pool.map(lambda _: work(), range(8)))


def test_the_uuid_cache_is_bounded_and_refuses_what_is_no_uuid() -> None:
    cache = UUIDCache(limit=2)
    ids = [uuid.UUID(int=k) for k in range(5)]
    assert [cache[str(i)] for i in ids] == ids
    assert len(cache) <= 2
    assert cache[str(ids[4])] is cache[str(ids[4])]
    with pytest.raises(ValueError):
        cache["not a uuid"]


# --- every registered record kind -------------------------------------------------------

#: the core's kinds whose validators need the strategies of sorgende.testing.strategies:
#: their records are among the entities above
_DRAWN_ABOVE = {"request", "offer", "posting"}
_KINDS = [
    kind
    for _, kinds in Hooks(make_plugin_manager()).record_kinds()
    for kind in kinds or ()
    if kind.name not in _DRAWN_ABOVE
]


@pytest.mark.parametrize("kind", _KINDS, ids=lambda kind: kind.name)
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_registered_kind_reads_and_writes_as_cattrs_does(
    kind: RecordKind[Any], data: st.DataObject
) -> None:
    record = data.draw(records_of(kind, community_id=uuid.UUID(int=1)))
    written = reference.unstructure(record)
    assert fast.unstructure(record) == written
    assert dumps(native_fast.unstructure(record)) == dumps(native_reference.unstructure(record))
    mine = fast.structure(written, kind.cls)
    assert differences(mine, reference.structure(written, kind.cls)) == []
    assert differences(mine, record) == []
    hook = fast.get_structure_hook(kind.cls)
    assert hook.__code__.co_filename.startswith("<sorgende fast structure")
