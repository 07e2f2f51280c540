"""Fixtures of the crisis plugin's tests: a platform on a clock the test moves and the
town of :mod:`crisis_town`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sorgende_crisis
from crisis_town import START, Clock, Town, build_town

import sorgende


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def platform(clock: Clock) -> Iterator[sorgende.Platform]:
    with sorgende.open(
        "memory://",
        plugins=[sorgende_crisis],
        clock=clock,
        settings=sorgende.Settings(load_entrypoints=False),
    ) as opened:
        yield opened


@pytest.fixture
def town(platform: sorgende.Platform) -> Town:
    return build_town(platform)
