"""The plugin's record kinds keep the storage contract on memory, SQLite and PostgreSQL;
a person's sign-ups, check-ins and worklog are in her export and erased with her; the
daily reminder reaches everyone of tomorrow's shifts once."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import sorgende_projects
from click.testing import CliRunner
from sorgende_projects.testing import Clock, World, build_world

import sorgende
from sorgende.default_plugins.memory_storage import MemoryStorage
from sorgende.testing.kinds import KindContract, PostgreSQLKindContract, SQLiteKindContract


class ProjectKinds:
    """The plugin's own kinds (the core tests its own), with fewer examples per kind:
    the contract runs every property for each of the nine kinds."""

    plugins = (sorgende_projects,)
    max_examples = 4

    def kinds(self):
        return [k for k in super().kinds() if k.name.startswith("projects.")]  # type: ignore[misc]


class TestProjectKindsOnMemory(ProjectKinds, KindContract):
    def make_storage(self, registry):
        return MemoryStorage(registry=registry)


# each example migrates a fresh database: fewer of them on SQL
class TestProjectKindsOnSQLite(ProjectKinds, SQLiteKindContract):
    max_examples = 2


class TestProjectKindsOnPostgreSQL(ProjectKinds, PostgreSQLKindContract):
    max_examples = 2


def _worked_shift(world: World, clock: Clock):
    projects = world.projects
    starts = clock.now + timedelta(days=1, hours=2)
    event = projects.plan_event(
        "Flohmarkt",
        organisations=[world.organisations[1]],
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        by=world.coordinators[1],
    )
    shift = projects.add_shift(
        event.id,
        "Kuchenstand",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        capacity=2,
        by=world.coordinators[1],
    )
    return event, shift


def test_a_persons_sign_ups_are_exported_and_erased(world: World, clock: Clock):
    projects = world.projects
    _, shift = _worked_shift(world, clock)
    anna = world.helpers[2]
    projects.sign_up(shift.id, anna, by=anna)
    clock.set(shift.starts_at)
    projects.check_in(shift.id, anna, by=anna)
    clock.advance(hours=2)
    projects.check_out(shift.id, anna, by=anna)
    community = world.community
    exported = community.export_person(anna, by=anna)
    (signup,) = exported["records"]["projects.signup"]
    assert signup["checked_in_at"] is not None and signup["minutes"] == 120
    assert [e["minutes"] for e in exported["records"]["projects.worklog"]] == [120]

    community.erase_person(anna, by=sorgende.OPERATOR)
    (kept,) = projects.sign_ups(shift.id, by=world.coordinators[1])
    assert kept.checked_in_at is None and kept.checked_out_at is None
    assert projects.shift(shift.id).filled == 1  # the place stays taken: the counts hold
    with world.platform.read(world.community_id) as uow:
        assert uow.of(sorgende_projects.kinds.WORKLOG).count() == 0


def test_remind_tells_tomorrows_helpers_once(tmp_path: Path, clock: Clock):
    url = f"sqlite:///{tmp_path / 'remind.db'}"
    settings = sorgende.Settings(load_entrypoints=False)
    with sorgende.open(url, plugins=[sorgende_projects], clock=clock, settings=settings) as p:
        world = build_world(p, helpers=3)
        _, shift = _worked_shift(world, clock)
        for h in world.helpers[:2]:
            world.projects.sign_up(shift.id, h, by=h)
        assert world.projects.remind() == 2
        assert world.projects.remind() == 0  # idempotent
        third = world.helpers[2]
        world.projects.sign_up(shift.id, third, by=third)
    from sorgende.cli import make_cli

    result = CliRunner().invoke(
        make_cli(
            plugins=[sorgende_projects],
            settings=sorgende.Settings(load_entrypoints=False, language="en"),
        ),
        ["projects", "remind", "--storage", url],
    )
    assert result.exit_code == 0, result.output
    assert "Ballenstedt:" in result.output
