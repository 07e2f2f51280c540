"""The intake and dispatch load of ``benchmarks/crisis_intake.py``, small: registrations
through the public form served on loopback (SQLite file and PostgreSQL), none lost,
duplicates merged; batch dispatch without any task over capacity. The full scale and
its figures: docs/performance.md."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from crisis_site import open_site

from sorgende.testing.databases import postgresql_database, postgresql_server

BENCH = Path(__file__).resolve().parents[3] / "benchmarks" / "crisis_intake.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("crisis_intake_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _run(url: str) -> None:
    bench = _bench()
    site = open_site(url, form_limit=10**9)  # every client is 127.0.0.1
    try:
        with bench.served(site.platform) as base:
            load = bench.register_load(base, site.form_path, 120, workers=4, duplicate_every=10)
        assert load["statuses"] == {303: 120}
        helpers = site.crisis.helpers(site.crisis_id)
        assert len(helpers) == load["distinct_phones"] == 108  # none lost, 12 merged
        assert sum(h.registrations for h in helpers) == 120
        dispatch: dict[str, Any] = bench.dispatch_load(site, 200, 15)
        assert dispatch["over_capacity"] == []
        assert dispatch["helpers_sent_twice"] == 0
        assert dispatch["dispatched"] > 0
    finally:
        site.platform.close()


def test_intake_and_dispatch_load_on_sqlite(tmp_path: Path) -> None:
    _run(f"sqlite:///{tmp_path / 'load.db'}")


def test_intake_and_dispatch_load_on_postgresql() -> None:
    server = postgresql_server()
    if server is None:
        pytest.skip("no PostgreSQL: set SORGENDE_TEST_POSTGRESQL_URL (bash .ci/run does)")
    with postgresql_database(server, "crisis_load") as url:
        _run(url)
