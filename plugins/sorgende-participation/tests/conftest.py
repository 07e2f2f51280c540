"""Fixtures of the participation plugin's tests: a platform on a clock the test moves,
with the plugin (and the projects plugin, for the hooks it offers) given in code."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import sorgende_participation
import sorgende_projects
from sorgende_participation import Participation
from sorgende_participation.testing import Clock, World, build_world

import sorgende

START = datetime(2026, 9, 1, 8, tzinfo=UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def platform(clock: Clock) -> Iterator[sorgende.Platform]:
    with sorgende.open(
        "memory://",
        plugins=[sorgende_projects, sorgende_participation],
        clock=clock,
        settings=sorgende.Settings(load_entrypoints=False),
    ) as opened:
        yield opened


@pytest.fixture
def world(platform: sorgende.Platform) -> World:
    return build_world(platform)


@pytest.fixture
def part(platform: sorgende.Platform, world: World) -> Participation:
    return Participation(platform, world.community_id)
