"""The rules of the model, each allowed and refused, on the memory and the SQLite storage.

The ``platform`` fixture of ``tests/conftest.py`` is replaced here by one that runs each
test twice: on ``memory://`` and on a SQLite file of its own. The small community
(``world``) is built on it as everywhere else.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import sorgende
from sorgende import Platform
from tests.conftest import Clock


@pytest.fixture(params=["memory", "sqlite"])
def storage_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "memory":
        return "memory://"
    return f"sqlite:///{tmp_path / 'rules.db'}"


@pytest.fixture
def platform(storage_url: str, clock: Clock) -> Iterator[Platform]:
    with sorgende.open(storage_url, clock=clock, load_entrypoints=False) as p:
        yield p
