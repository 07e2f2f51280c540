"""The board from an index: the same pages as sorting every open request, on every storage.

The memory storage keeps the open requests in board order per filter (``memory_board``);
SQL pages with ``ORDER BY`` over an index and counts at most ``COUNT_AHEAD`` beyond the
page's start. Both must give what the rule says: the open requests sorted by
:func:`~sorgende.domain.help.board_order`, filtered, sliced.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sorgende
from sorgende import ActorKind, RequestStatus, TimeWindow
from sorgende.domain.help import board_order
from sorgende.services import help as help_service
from tests.conftest import Clock

CATEGORIES = ("shopping", "garden")

#: one step: post (days ahead, place, category, urgent), withdraw or match the i-th posted
steps = st.lists(
    st.one_of(
        st.tuples(
            st.just("post"),
            st.integers(1, 20),
            st.integers(0, 1),
            st.sampled_from(CATEGORIES),
            st.booleans(),
        ),
        st.tuples(st.just("withdraw"), st.integers(0, 30)),
        st.tuples(st.just("match"), st.integers(0, 30)),
    ),
    max_size=25,
)


@pytest.fixture(params=["memory://", "sqlite"])
def opened(request: pytest.FixtureRequest, tmp_path: Path, clock: Clock) -> Iterator[object]:
    url = f"sqlite:///{tmp_path / 'board.db'}" if request.param == "sqlite" else request.param
    with sorgende.open(url, clock=clock, load_entrypoints=False) as platform:
        yield platform


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(script=steps)
def test_board_pages_are_the_open_requests_in_board_order(
    opened: sorgende.Platform, clock: Clock, script: list[tuple[object, ...]]
) -> None:
    c = opened.create_community(f"Daun {uuid.uuid4().hex[:6]}")
    places = [c.add_place("Daun").id, c.add_place("Mehren").id]
    anna = c.register_actor(ActorKind.PERSON, "Anna", home_place_id=places[0])
    posted: list[uuid.UUID] = []
    for step in script:
        if step[0] == "post":
            _, days, place, category, urgent = step
            start = clock.now + timedelta(days=int(str(days)))
            window = TimeWindow(start, start + timedelta(hours=1))
            request = c.post_request(
                anna.id, str(category), places[int(str(place))], window, 1, urgent=bool(urgent)
            )
            posted.append(request.id)
        elif posted:
            target = posted[int(str(step[1])) % len(posted)]
            if c.request(target).status is not RequestStatus.OPEN:
                continue
            if step[0] == "withdraw":
                c.withdraw_request(target, by=anna.id)
            else:  # matched: it leaves the board (a helper free at that time)
                helper = c.register_actor(ActorKind.PERSON, "Ben", home_place_id=places[0])
                proposal = c.propose(request_id=target, by=helper.id)
                c.accept(proposal.id, by=anna.id)
    open_now = sorted(c.requests(statuses=[RequestStatus.OPEN]), key=board_order)
    for place_id in (None, *places):
        for category in (None, *CATEGORIES):
            wanted = [
                r.id
                for r in open_now
                if (place_id is None or r.place_id == place_id)
                and (category is None or r.category == category)
            ]
            for offset, limit in ((0, 3), (2, 2), (0, 50)):
                page = c.board(place_id=place_id, category=category, offset=offset, limit=limit)
                assert [r.id for r in page.items] == wanted[offset : offset + limit]
                assert (page.total, page.more) == (len(wanted), False)


def test_the_board_counts_only_so_far_ahead(
    opened: sorgende.Platform, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beyond COUNT_AHEAD the board says "more than": its total stops costing more."""
    monkeypatch.setattr(help_service, "COUNT_AHEAD", 3)
    c = opened.create_community("Daun")
    daun = c.add_place("Daun")
    anna = c.register_actor(ActorKind.PERSON, "Anna", home_place_id=daun.id)
    for days in range(1, 8):
        start = clock.now + timedelta(days=days)
        c.post_request(
            anna.id, "shopping", daun.id, TimeWindow(start, start + timedelta(hours=1)), 1
        )
    first = c.board(limit=2)
    assert (len(first.items), first.total, first.more, first.pages) == (2, 3, True, 2)
    # the count is ahead of the page's start, so paging on keeps finding more
    later = c.board(offset=4, limit=2)
    assert (len(later.items), later.total, later.more) == (2, 7, False)
    ahead = c.board(offset=2, limit=2)
    assert (ahead.total, ahead.more) == (5, True)
    exact = c.board(offset=4, limit=10)
    assert (len(exact.items), exact.total, exact.more) == (3, 7, False)
