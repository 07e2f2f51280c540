"""``sorgende serve`` runs the core's housekeeping jobs on a schedule (a thread per app)."""

from __future__ import annotations

import time
from pathlib import Path

import sorgende_web
from litestar.testing import TestClient
from sorgende_web import create_app
from sorgende_web.testing import build_world

import sorgende
from sorgende.config import Settings


def test_the_app_runs_the_housekeeping_on_its_schedule(tmp_path: Path) -> None:
    settings = Settings(load_entrypoints=False, plugins={"web": {"housekeeping_seconds": 1}})
    platform = sorgende.open(
        f"sqlite:///{tmp_path / 'web.db'}", plugins=[sorgende_web], settings=settings
    )
    try:
        world = build_world(platform)
        past = world.post_request("anna", days=-0.1)  # its hour ended over an hour ago
        assert world.community.request(past.id).status is sorgende.RequestStatus.OPEN
        with TestClient(create_app(platform)):
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                if world.community.request(past.id).status is sorgende.RequestStatus.EXPIRED:
                    break
                time.sleep(0.2)
        assert world.community.request(past.id).status is sorgende.RequestStatus.EXPIRED
    finally:
        platform.close()


def test_no_housekeeping_when_switched_off(tmp_path: Path) -> None:
    settings = Settings(load_entrypoints=False, plugins={"web": {"housekeeping_seconds": 0}})
    platform = sorgende.open(
        f"sqlite:///{tmp_path / 'web.db'}", plugins=[sorgende_web], settings=settings
    )
    try:
        world = build_world(platform)
        past = world.post_request("anna", days=-0.1)
        with TestClient(create_app(platform)):
            time.sleep(1.5)
        assert world.community.request(past.id).status is sorgende.RequestStatus.OPEN
    finally:
        platform.close()
