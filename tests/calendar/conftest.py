"""The calendar tests' platform: the shared world, with a calendar secret configured."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import sorgende
from sorgende import Platform
from sorgende.config import Settings
from tests.conftest import Clock

SECRET = "kalender-geheimnis-fuer-die-tests-0123456789"
OLD_SECRET = "ein-frueheres-geheimnis-fuer-die-tests-98765"


@pytest.fixture
def platform(clock: Clock) -> Iterator[Platform]:
    settings = Settings(load_entrypoints=False, plugins={"calendar": {"secret": SECRET}})
    with sorgende.open("memory://", clock=clock, settings=settings) as p:
        yield p
