"""Fixtures of the projects plugin's tests: a platform on a clock the test moves, with
the plugin given in code (installed plugins are not loaded, for reproducible runs)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import sorgende_projects
from sorgende_projects.testing import Clock, World, build_world

import sorgende

START = datetime(2026, 7, 1, 8, tzinfo=UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def platform(clock: Clock) -> Iterator[sorgende.Platform]:
    with sorgende.open(
        "memory://",
        plugins=[sorgende_projects],
        clock=clock,
        settings=sorgende.Settings(load_entrypoints=False),
    ) as opened:
        yield opened


@pytest.fixture
def world(platform: sorgende.Platform) -> World:
    return build_world(platform, helpers=8, first_aiders=2)
