"""The SQL planner's statistics: gathered after migrations and after an import."""

from __future__ import annotations

import random
from pathlib import Path

import sorgende
from sorgende.default_plugins.memory_storage import MemoryStorage
from sorgende.default_plugins.sql.storage import make_engine
from sorgende.demo import SimClock, build_daun, play
from sorgende.serialization import converter


def _stat_tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            if not conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'"
            ).all():
                return set()
            return {row[0] for row in conn.exec_driver_sql("SELECT tbl FROM sqlite_stat1")}
    finally:
        engine.dispose()


def _exported() -> list[str]:
    """Two weeks of the demo community, exported."""
    clock = SimClock()
    with sorgende.open("memory://", clock=clock, load_entrypoints=False) as platform:
        service = platform.create_community("Verbandsgemeinde Daun")
        rng = random.Random(7)
        play(service, 2, rng, clock, build_daun(service, rng))
        return list(platform.export_community(service.community_id))


def test_an_import_gathers_the_statistics_of_the_rows_it_added(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    with sorgende.open(url, load_entrypoints=False) as platform:
        # a new schema is analysed after its migrations, while its tables are still empty
        assert "requests" not in _stat_tables(url)
        platform.import_community(_exported())
    # the planner now knows how many rows each index narrows to
    assert {"requests", "exchanges", "actors"} <= _stat_tables(url)


class _Counting(MemoryStorage):
    optimized = 0

    def optimize(self) -> None:
        self.optimized += 1


def test_an_import_optimizes_a_storage_that_can_and_not_one_that_cannot() -> None:
    lines = _exported()
    storage = _Counting()
    platform = sorgende.Platform(
        storage, sorgende.plugins.make_plugin_manager(load_entrypoints=False), converter=converter
    )
    platform.import_community(lines)
    assert storage.optimized == 1
    with sorgende.open("memory://", load_entrypoints=False) as plain:
        plain.import_community(lines)  # no optimize(): nothing to call, nothing fails
