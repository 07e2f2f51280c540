"""The memory storage's chunked sorted list answers as one sorted Python list does."""

from __future__ import annotations

import bisect

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sorgende.default_plugins import memory_sorted
from sorgende.default_plugins.memory_sorted import SortedList

#: an operation: ("add", x), ("remove", x), or a question at x / at positions
operations = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(0, 40)),
        st.tuples(st.just("remove"), st.integers(0, 40)),
        st.tuples(st.just("ask"), st.integers(-1, 41)),
        st.tuples(st.just("slice"), st.tuples(st.integers(0, 60), st.integers(0, 60))),
    ),
    max_size=300,
)


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    # chunks of 2 to 4 entries: every test run splits and empties chunks
    monkeypatch.setattr(memory_sorted, "LOAD", 2)


# the fixture only sets a constant: it holds for every example alike
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(initial=st.lists(st.integers(0, 40), max_size=30), ops=operations)
def test_it_answers_as_a_sorted_list(
    small_chunks: None, initial: list[int], ops: list[tuple[str, object]]
) -> None:
    ours = SortedList(initial)
    plain = sorted(initial)
    for op, arg in ops:
        if op == "add":
            assert isinstance(arg, int)
            ours.add(arg)
            bisect.insort(plain, arg)
        elif op == "remove":
            assert isinstance(arg, int)
            if arg in plain:
                ours.remove(arg)
                plain.remove(arg)
            else:
                with pytest.raises(ValueError, match="not in the list"):
                    ours.remove(arg)
        elif op == "ask":
            assert ours.bisect_left(arg) == bisect.bisect_left(plain, arg)
            assert ours.bisect_right(arg) == bisect.bisect_right(plain, arg)
        else:
            assert isinstance(arg, tuple)
            start, stop = arg
            assert ours.slice(start, stop) == plain[start:stop]
        assert list(ours) == plain
        assert len(ours) == len(plain)
        assert bool(ours) == bool(plain)


def test_bisection_by_a_key_of_the_entries(small_chunks: None) -> None:
    entries = SortedList((hour, f"request {hour}") for hour in (5, 1, 9, 3, 7, 3))
    hour = lambda entry: entry[0]  # noqa: E731
    assert entries.bisect_left(3, key=hour) == 1
    assert entries.bisect_right(3, key=hour) == 3
    assert entries.bisect_right(100, key=hour) == 6
    assert entries.slice(entries.bisect_left(7, key=hour), 6) == [
        (7, "request 7"),
        (9, "request 9"),
    ]


def test_negative_positions_are_refused() -> None:
    with pytest.raises(ValueError, match="not negative"):
        SortedList([1, 2]).slice(-1, 2)


def test_an_insert_does_not_move_the_whole_list() -> None:
    # the point of the chunks: at 100,000 entries no chunk is longer than 2 * LOAD
    entries = SortedList(range(0, 200_000, 2))
    for value in range(1, 20_001, 2):
        entries.add(value)
    assert max(len(chunk) for chunk in entries._chunks) <= 2 * memory_sorted.LOAD
    assert entries.slice(0, 5) == [0, 1, 2, 3, 4]
    assert entries.slice(110_000 - 3, 200_000) == [199_994, 199_996, 199_998]
