"""Fixtures of the web platform's tests: a small world on a temporary SQLite database."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
import sorgende_web
from litestar.testing import TestClient
from sorgende_web import create_app
from sorgende_web.accounts import accounts_for
from sorgende_web.testing import World, build_world, cheap_hasher, sign_in

import sorgende
from sorgende.testing.databases import postgresql_database, postgresql_server


def _open(path: Path) -> Any:
    settings = sorgende.load_settings(environ={})
    # the web plugin itself (its hooks), without whatever else is installed
    return sorgende.open(
        f"sqlite:///{path}", plugins=[sorgende_web], load_entrypoints=False, settings=settings
    )


@pytest.fixture
def postgresql_url() -> Iterator[str]:
    """A database of its own on the test server (``SORGENDE_TEST_POSTGRESQL_URL``), dropped
    afterwards; the test is skipped without a server."""
    server = postgresql_server()
    if server is None:
        pytest.skip("no PostgreSQL: set SORGENDE_TEST_POSTGRESQL_URL (bash .ci/run does)")
    with postgresql_database(server, "web") as database:
        yield database


@pytest.fixture(scope="session")
def world_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    """The world built once; each test gets a copy of its database file."""
    path = tmp_path_factory.mktemp("template") / "web.db"
    platform = _open(path)
    built = build_world(platform)
    accounts_for(platform).close()
    platform.close()
    return path, built


@pytest.fixture
def world(world_template: tuple[Path, World], tmp_path: Path) -> Iterator[World]:
    source, template = world_template
    for suffix in ("", "-wal"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", tmp_path / f"web.db{suffix}")
    platform = _open(tmp_path / "web.db")
    accounts_for(platform, hasher=cheap_hasher())
    yield attrs.evolve(
        template,
        platform=platform,
        community=platform.community(template.community.community_id),
        other=platform.community(template.other.community_id),
    )
    accounts_for(platform).close()
    platform.close()


@pytest.fixture
def app(world: World) -> Any:
    return create_app(world.platform)


@pytest.fixture
def client(app: Any) -> Iterator[TestClient[Any]]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def as_(app: Any) -> Iterator[Callable[[str], TestClient[Any]]]:
    """``as_("anna")``: a client signed in as Anna (one client per login)."""
    clients: dict[str, TestClient[Any]] = {}

    def make(login: str) -> TestClient[Any]:
        if login not in clients:
            # no lifespan of its own: the app's start-up runs once, in ``client``
            test_client = TestClient(app)
            sign_in(test_client, login)
            clients[login] = test_client
        return clients[login]

    yield make
