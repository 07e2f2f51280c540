"""A page of a plugin's kind from a long list: the first ones in the kind's order.

The memory storage finds a short page of a long list with a heap instead of sorting every
match, and counts without ordering; a count may stop at a limit. Whatever the storage,
the page is the slice of the ordered matches and the count their number (or the limit).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sorgende_testplugin
from sorgende_testplugin.notes import NOTE, Note

import sorgende
from sorgende import ActorKind


@pytest.fixture(params=["memory://", "sqlite"])
def opened(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sorgende.Platform]:
    url = f"sqlite:///{tmp_path / 'pages.db'}" if request.param == "sqlite" else request.param
    settings = sorgende.Settings(load_entrypoints=False)
    with sorgende.open(url, plugins=[sorgende_testplugin], settings=settings) as platform:
        yield platform


def test_a_short_page_of_a_long_list_is_the_slice_of_the_order(opened: sorgende.Platform) -> None:
    c = opened.create_community("Daun")
    anna = c.register_actor(ActorKind.PERSON, "Anna")
    rnd = random.Random(7)
    start = datetime(2026, 3, 1, tzinfo=UTC)
    notes = [
        Note(
            c.community_id,
            anna.id,
            rnd.choice(["a", "b"]),
            start + timedelta(hours=rnd.randrange(40)),
        )
        for _ in range(300)
    ]
    with opened.storage.unit_of_work(c.community_id) as uow:
        uow.of(NOTE).add_all(notes)
        uow.commit()
    # the kind's order: written_at, then the order of adding
    position = {n.id: i for i, n in enumerate(notes)}
    for where in (None, {"topic": "a"}, {"topic": ["a", "b"]}):
        expected = sorted(
            (n for n in notes if where is None or n.topic in where["topic"]),
            key=lambda n: (n.written_at, position[n.id]),
        )
        with opened.read(c.community_id) as uow:
            repo = uow.of(NOTE)
            for offset, limit in ((0, 5), (7, 10), (len(expected) - 3, 10)):
                page = list(repo.list(where=where, offset=offset, limit=limit))
                assert [n.id for n in page] == [n.id for n in expected[offset : offset + limit]]
            assert repo.count(where=where) == len(expected)
            assert repo.count(where=where, limit=20) == 20
            # a pending insert is on the page as the stored ones are (after them at a tie)
            early = Note(c.community_id, anna.id, "a", start - timedelta(days=1), id=uuid.uuid4())
            repo.add(early)
            first = list(repo.list(where=where, limit=3))
            assert first[0].id == early.id
            assert repo.count(where=where) == len(expected) + 1
