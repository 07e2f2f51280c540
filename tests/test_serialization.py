"""JSON round trips of every record, and readable refusals of malformed JSON."""

from __future__ import annotations

import json
import re
import typing
import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from types import NoneType, UnionType
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sorgende.domain.actors import Actor, ActorKind
from sorgende.domain.categories import Category
from sorgende.domain.commitments import Commitment
from sorgende.domain.community import Community, Place
from sorgende.domain.events import DomainEvent, ExchangeAccepted
from sorgende.domain.exchanges import Exchange, ExchangeState, Party, TransitionRecord
from sorgende.domain.help import HelpOffer, HelpRequest
from sorgende.domain.ledger import Entry, Posting, PostingKind
from sorgende.domain.recognition import Recognition
from sorgende.domain.values import Frequency, Recurrence, TimeWindow
from sorgende.errors import MalformedData, PermissionDenied
from sorgende.serialization import EVENT_TYPES, converter, from_json, to_json
from sorgende.testing import differences
from sorgende.testing import strategies as s


def _target(entity: object) -> type[Any]:
    """What to structure ``entity``'s JSON as: events as the ``DomainEvent`` base class."""
    return DomainEvent if isinstance(entity, DomainEvent) else type(entity)


# --- round trips ----------------------------------------------------------------------


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(s.entities())
def test_every_entity_round_trips_through_json(entity: s.Entity) -> None:
    text = to_json(entity)
    restored = from_json(text, _target(entity))
    # same types all the way down (an enum stays an enum, an event its own subclass)
    assert differences(restored, entity) == []
    assert to_json(restored) == text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(s.entities())
def test_fast_json_writes_what_the_converter_says(entity: s.Entity) -> None:
    """to_json lets orjson write ids and times; the text must be the converter's own."""
    assert json.loads(to_json(entity)) == converter.unstructure(entity)


def test_the_strategies_cover_every_event_type() -> None:
    # the core's own types; plugins' types, registered as their platforms open, are drawn
    # from their declarations by sorgende.testing.kind_strategies instead
    core = {cls for cls in EVENT_TYPES.values() if cls.__module__ == DomainEvent.__module__}
    assert set(s.EVENT_CLASSES) == core
    assert len(s.EVENT_CLASSES) >= 30


@pytest.mark.parametrize("cls", s.EVENT_CLASSES, ids=lambda cls: cls.__name__)
@settings(max_examples=5, deadline=None)
@given(data=st.data())
def test_every_event_type_comes_back_as_itself(cls: type[DomainEvent], data: st.DataObject) -> None:
    event = data.draw(s.domain_events(types=(cls,)))
    text = to_json(event)
    assert json.loads(text)["type"] == cls.__name__
    restored = from_json(text, DomainEvent)
    assert type(restored) is cls
    assert differences(restored, event) == []


def test_enums_come_back_as_enums() -> None:
    """A loaded exchange is usable: its state and parties are enum members, not strings."""
    helper, recipient = uuid.uuid4(), uuid.uuid4()
    at = datetime.fromisoformat("2026-03-02T10:00:00+01:00")
    exchange = Exchange(
        community_id=uuid.uuid4(),
        helper_id=helper,
        recipient_id=recipient,
        category="shopping",
        place_id=uuid.uuid4(),
        scheduled=at,
        minutes=60,
        proposed_by=Party.HELPER,
        history=(TransitionRecord("propose", ExchangeState.PROPOSED, helper, Party.HELPER, at),),
        request_id=uuid.uuid4(),
    )
    restored = from_json(to_json(exchange), Exchange)
    assert restored.state is ExchangeState.PROPOSED
    assert restored.proposed_by is Party.HELPER
    assert restored.closed_at is None
    # the helper proposed, so only the recipient's side may accept
    with pytest.raises(PermissionDenied, match="proposed it"):
        restored.apply("accept", party=Party.HELPER, by=helper, at=at)
    actor = Actor(community_id=uuid.uuid4(), kind=ActorKind.PERSON, name="Anna")
    assert from_json(to_json(actor), Actor).kind is ActorKind.PERSON
    posting = Posting(
        community_id=uuid.uuid4(),
        kind=PostingKind.ADJUSTMENT,
        entries=(Entry(uuid.uuid4(), -30), Entry(uuid.uuid4(), 30)),
        at=at,
        made_by=uuid.uuid4(),
        reason="correction",
    )
    assert from_json(to_json(posting), Posting).kind is PostingKind.ADJUSTMENT


def test_monthly_recurrence_works_after_a_round_trip() -> None:
    start = datetime.fromisoformat("2026-01-31T09:00:00+01:00")
    request = HelpRequest(
        community_id=uuid.uuid4(),
        recipient_id=uuid.uuid4(),
        posted_by=uuid.uuid4(),
        category="paperwork",
        place_id=uuid.uuid4(),
        window=TimeWindow(start, start + timedelta(hours=1)),
        minutes=60,
        posted_at=start,
        recurrence=Recurrence(Frequency.MONTHLY),
    )
    restored = from_json(to_json(request), HelpRequest)
    until = start + timedelta(days=100)
    assert restored.occurrences(start, until) == request.occurrences(start, until)


# --- time zones -----------------------------------------------------------------------


def test_a_time_in_the_ambiguous_autumn_hour_round_trips_equal() -> None:
    """02:30 on the night clocks go back happens twice in Berlin; both must survive."""
    for fold in (0, 1):
        local = datetime(2025, 10, 26, 2, 30, tzinfo=s.BERLIN, fold=fold)
        window = TimeWindow(local, local + timedelta(hours=2))
        restored = from_json(to_json(window), TimeWindow)
        assert restored.start.utcoffset() == local.utcoffset()
        assert restored == window


def test_a_weekly_request_keeps_its_local_time_across_daylight_saving() -> None:
    """Every Tuesday at 10:00 in Daun stays 10:00 after the clocks change, stored or not."""
    start = datetime(2026, 3, 17, 10, 0, tzinfo=s.BERLIN)  # a Tuesday, winter time
    request = HelpRequest(
        community_id=uuid.uuid4(),
        recipient_id=uuid.uuid4(),
        posted_by=uuid.uuid4(),
        category="shopping",
        place_id=uuid.uuid4(),
        window=TimeWindow(start, start + timedelta(hours=1)),
        minutes=60,
        posted_at=start,
        recurrence=Recurrence(Frequency.WEEKLY),
    )
    until = start + timedelta(weeks=4)
    before = request.occurrences(start, until)
    assert [t.astimezone(s.BERLIN).hour for t in before] == [10, 10, 10, 10]
    restored = from_json(to_json(request), HelpRequest)
    after = restored.occurrences(start, until)
    assert [t.astimezone(s.BERLIN).hour for t in after] == [10, 10, 10, 10]
    assert after == before


# --- malformed JSON -------------------------------------------------------------------

RECORDS: list[tuple[type[Any], st.SearchStrategy[Any]]] = [
    (Community, s.communities()),
    (Place, s.places()),
    (Actor, s.actors()),
    (Category, s.categories()),
    (TimeWindow, s.time_windows()),
    (HelpRequest, s.help_requests()),
    (HelpOffer, s.help_offers()),
    (Exchange, s.exchanges()),
    (Commitment, s.commitments()),
    (Posting, s.postings()),
    (Recognition, s.recognitions()),
    (DomainEvent, s.domain_events()),
]


def _plain(value: Any) -> Any:
    """JSON data of an event's field, written out by hand (independent of the converter)."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):  # a JSON array
        return [_plain(item) for item in value]
    return value


def _data(entity: Any) -> dict[str, Any]:
    """The JSON object of ``entity`` as the wire format defines it."""
    if isinstance(entity, DomainEvent):
        fields = attrs.fields(type(entity))
        return {"type": type(entity).__name__} | {
            f.name: _plain(getattr(entity, f.name)) for f in fields
        }
    data = json.loads(to_json(entity))
    assert isinstance(data, dict)
    return data


def _leaves(tp: Any, value: Any, path: str) -> Iterator[tuple[str, Any, Any]]:
    """(path, type, JSON value) of every scalar in ``value``, read as type ``tp``."""
    if attrs.has(tp):
        hints = typing.get_type_hints(tp)
        for f in attrs.fields(tp):
            yield from _leaves(hints[f.name], value[f.name], f"{path}.{f.name}")
        return
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (tuple, frozenset, list):
        for i, item in enumerate(value):
            yield from _leaves(args[0], item, f"{path}[{i}]")
        return
    if (origin is UnionType or origin is typing.Union) and value is not None:
        (inner,) = [a for a in args if a is not NoneType]
        yield from _leaves(inner, value, path)
        return
    yield path, tp, value


_NAIVE_PART = re.compile(r"\d{4}-\d\d-\d\dT[0-9:.]+")


def _wrong_type(value: Any) -> Any:
    if isinstance(value, str):
        return 12345
    if isinstance(value, bool):
        return "yes"
    if isinstance(value, int | float):
        return "12345"
    if value is None:
        return [1]
    return 12345  # a list or an object


@st.composite
def _corrupted(draw: st.DrawFn, entity: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """``entity``'s JSON data with a few problems, and the expected path -> problem kind."""
    data = _data(entity)
    concrete = type(entity)
    # candidate corruptions by top-level field, so that two never touch the same value
    by_field: dict[str, list[tuple[str, str, Any]]] = {
        f.name: [(f"$.{f.name}", "wrong type", _wrong_type(data[f.name]))]
        for f in attrs.fields(concrete)
    }
    for path, tp, value in _leaves(concrete, data, "$"):
        options = by_field[path[2:].split(".")[0].split("[")[0]]
        options.append((path, "wrong type", _wrong_type(value)))
        if tp is datetime:
            match = _NAIVE_PART.match(value)
            assert match is not None, value
            options.append((path, "naive datetime", match.group(0)))  # no offset, no zone
        if tp is uuid.UUID:
            options.append((path, "bad UUID", "not-a-uuid"))
    for f in attrs.fields(concrete):
        if f.default is attrs.NOTHING:
            by_field[f.name].append((f"$.{f.name}", "missing", None))
    chosen = draw(st.lists(st.sampled_from(sorted(by_field)), min_size=1, max_size=3, unique=True))
    expected: dict[str, str] = {}
    for top in chosen:
        path, kind, bad = draw(st.sampled_from(by_field[top]))
        _replace(data, path, kind, bad)
        expected[path] = kind
    if draw(st.booleans()):
        data["unexpected"] = 1
        expected["$"] = "extra key"
    return data, expected


def _replace(data: dict[str, Any], path: str, kind: str, bad: Any) -> None:
    keys: list[str | int] = []
    for part in path[2:].replace("]", "").replace("[", ".").split("."):
        keys.append(int(part) if part.isdigit() else part)
    target: Any = data
    for key in keys[:-1]:
        target = target[key]
    if kind == "missing":
        del target[keys[-1]]
    else:
        target[keys[-1]] = bad


def _paths(problems: list[str]) -> list[str]:
    assert all(" @ $" in p for p in problems), problems
    return [p.rsplit(" @ ", 1)[1] for p in problems]


@pytest.mark.parametrize(("cls", "strategy"), RECORDS, ids=lambda v: getattr(v, "__name__", ""))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_malformed_data_names_every_problem_with_its_path(
    cls: type[Any], strategy: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    entity = data.draw(strategy)
    bad, expected = data.draw(_corrupted(entity))
    with pytest.raises(MalformedData) as caught:
        from_json(json.dumps(bad), cls)
    problems = caught.value.problems
    assert sorted(_paths(problems)) == sorted(expected), problems
    for problem in problems:
        path = problem.rsplit(" @ ", 1)[1]
        if expected[path] == "missing":
            assert problem.startswith("required field missing"), problem
        elif expected[path] == "extra key":
            assert "unexpected" in problem, problem
        assert problem in str(caught.value)


def test_the_message_is_readable() -> None:
    request = _request()
    data = json.loads(to_json(request))
    data["minutes"] = "ninety"
    data["id"] = "not-a-uuid"
    del data["category"]
    with pytest.raises(MalformedData) as caught:
        from_json(json.dumps(data), HelpRequest)
    error = caught.value
    assert str(error) == "malformed HelpRequest: " + "; ".join(error.problems)
    assert error.message("de").startswith("Fehlerhafte Daten für HelpRequest: ")
    assert any(p.endswith("@ $.minutes") and "int" in p for p in error.problems)
    assert any(p.endswith("@ $.id") and "UUID" in p for p in error.problems)
    assert "required field missing @ $.category" in error.problems
    assert len(error.problems) == 3


def test_a_naive_datetime_is_refused_saying_why() -> None:
    data = json.loads(to_json(_request()))
    data["posted_at"] = "2026-03-02T10:00:00"
    data["window"]["start"] = "2026-03-02T10:00:00"
    with pytest.raises(MalformedData) as caught:
        from_json(json.dumps(data), HelpRequest)
    problems = caught.value.problems
    assert sorted(_paths(problems)) == ["$.posted_at", "$.window.start"]
    assert all("time zone" in p for p in problems), problems


@pytest.mark.parametrize(
    "text",
    ["", "{", "{nope}", "[1, 2", "not json at all", b"\xff\xfe\x00"],
    ids=["empty", "open-brace", "bare-word-key", "open-list", "prose", "bad-utf8"],
)
@pytest.mark.parametrize("cls", [cls for cls, _ in RECORDS], ids=lambda c: c.__name__)
def test_text_that_is_not_json_is_refused(text: str | bytes, cls: type[Any]) -> None:
    with pytest.raises(MalformedData) as caught:
        from_json(text, cls)
    (problem,) = caught.value.problems
    assert problem.startswith("not valid JSON")
    assert str(caught.value).startswith(f"malformed {cls.__name__}: not valid JSON")


@pytest.mark.parametrize("text", ["null", "42", '"a string"', "[]", "true"])
@pytest.mark.parametrize("cls", [cls for cls, _ in RECORDS], ids=lambda c: c.__name__)
def test_json_that_is_not_an_object_is_refused(text: str, cls: type[Any]) -> None:
    with pytest.raises(MalformedData) as caught:
        from_json(text, cls)
    assert _paths(caught.value.problems) == ["$"]


def test_rules_of_the_domain_are_named_in_the_problems() -> None:
    data = json.loads(to_json(_request()))
    data["helpers_needed"] = 0
    with pytest.raises(MalformedData) as caught:
        from_json(json.dumps(data), HelpRequest)
    assert "helpers_needed" in str(caught.value)
    assert "between 1 and 50" in str(caught.value)

    data = json.loads(to_json(_request()))
    data["window"]["end"] = "2026-03-01T10:00:00+00:00"
    with pytest.raises(MalformedData) as caught:
        from_json(json.dumps(data), HelpRequest)
    assert _paths(caught.value.problems) == ["$.window"]
    assert "ends" in caught.value.problems[0]

    data = json.loads(to_json(_request()))
    data["recurrence"] = {"frequency": "weekly", "interval": 53, "until": None}
    with pytest.raises(MalformedData) as caught:
        from_json(json.dumps(data), HelpRequest)
    assert _paths(caught.value.problems) == ["$.recurrence"]
    assert "recurrence.interval" in caught.value.problems[0]


def test_an_unbalanced_posting_is_refused() -> None:
    posting = Posting(
        community_id=uuid.uuid4(),
        kind=PostingKind.ADJUSTMENT,
        entries=(Entry(uuid.uuid4(), -30), Entry(uuid.uuid4(), 30)),
        at=datetime.fromisoformat("2026-03-02T10:00:00+00:00"),
        made_by=uuid.uuid4(),
        reason="correction",
    )
    data = json.loads(to_json(posting))
    data["entries"][1]["minutes"] = 31
    with pytest.raises(MalformedData, match="sum to zero"):
        from_json(json.dumps(data), Posting)
    data["entries"] = data["entries"][:1]
    with pytest.raises(MalformedData, match="two entries"):
        from_json(json.dumps(data), Posting)


@pytest.mark.parametrize(
    ("cls", "field", "value"),
    [(Exchange, "state", "flying"), (Actor, "kind", "robot"), (Posting, "kind", "gift")],
)
def test_unknown_enum_values_are_refused(cls: type[Any], field: str, value: str) -> None:
    strategy = dict(RECORDS)[cls]
    entity = _example(strategy)
    data = _data(entity)
    data[field] = value
    with pytest.raises(MalformedData) as caught:
        from_json(json.dumps(data), cls)
    assert _paths(caught.value.problems) == [f"$.{field}"]


@pytest.mark.parametrize(
    ("cls", "field"),
    [(Category, "required_qualifications"), (Actor, "skills")],
)
def test_a_string_is_not_taken_for_a_set_of_strings(cls: type[Any], field: str) -> None:
    data = _data(_example(dict(RECORDS)[cls]))
    data[field] = "abc"
    with pytest.raises(MalformedData) as caught:
        from_json(json.dumps(data), cls)
    assert _paths(caught.value.problems) == [f"$.{field}"]


@pytest.mark.parametrize("cls", [HelpRequest, HelpOffer], ids=lambda c: c.__name__)
def test_minutes_out_of_range_are_refused(cls: type[Any]) -> None:
    """Hours are more than 0 and at most 24 (1 to 1440 minutes), also when loaded."""
    data = _data(_example(dict(RECORDS)[cls]))
    for minutes in (0, -60, 24 * 60 + 1):
        data["minutes"] = minutes
        with pytest.raises(MalformedData) as caught:
            from_json(json.dumps(data), cls)
        assert "minutes" in str(caught.value)


def test_an_event_with_malformed_fields_names_them() -> None:
    event = ExchangeAccepted(
        uuid.uuid4(),
        datetime.fromisoformat("2026-03-02T10:00:00+01:00"),
        None,
        uuid.uuid4(),
        uuid.uuid4(),
        uuid.uuid4(),
    )
    data = _data(event)
    data["exchange_id"] = "not-a-uuid"
    data["at"] = "2026-03-02T10:00:00"
    with pytest.raises(MalformedData) as caught:
        from_json(json.dumps(data), DomainEvent)
    assert sorted(_paths(caught.value.problems)) == ["$.at", "$.exchange_id"]

    data = _data(event) | {"type": "ExchangeTeleported"}
    with pytest.raises(MalformedData, match="ExchangeTeleported"):
        from_json(json.dumps(data), DomainEvent)


def _example(strategy: st.SearchStrategy[Any]) -> Any:
    """One value of ``strategy``, drawn reproducibly."""
    found: list[Any] = []

    @settings(max_examples=1, database=None, derandomize=True)
    @given(strategy)
    def draw(value: Any) -> None:
        found.append(value)

    draw()
    return found[0]


def _request() -> HelpRequest:
    start = datetime.fromisoformat("2026-03-02T10:00:00+01:00")
    return HelpRequest(
        community_id=uuid.uuid4(),
        recipient_id=uuid.uuid4(),
        posted_by=uuid.uuid4(),
        category="shopping",
        place_id=uuid.uuid4(),
        window=TimeWindow(start, start + timedelta(hours=2)),
        minutes=90,
        posted_at=start,
        recurrence=Recurrence(Frequency.WEEKLY, until=date(2026, 6, 30)),
    )


def test_json_works_without_orjson() -> None:
    """orjson is optional: without it the standard library writes the same data."""
    import subprocess
    import sys

    script = (
        "import sys; sys.modules['orjson'] = None\n"
        "import uuid, json\n"
        "from datetime import datetime\n"
        "from zoneinfo import ZoneInfo\n"
        "from sorgende import serialization as s\n"
        "from sorgende.domain.community import Place\n"
        "assert not s.NATIVE_JSON\n"
        "p = Place(uuid.uuid4(), 'Daun', lat=50.2, lon=6.83)\n"
        "assert s.from_json(s.to_json(p), Place) == p\n"
        "t = datetime(2026, 3, 29, 10, tzinfo=ZoneInfo('Europe/Berlin'))\n"
        "assert s.from_json(s.to_json(t), datetime) == t\n"
        "print(s.to_json(t))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == '"2026-03-29T10:00:00+02:00[Europe/Berlin]"'
