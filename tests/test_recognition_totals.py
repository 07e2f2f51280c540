"""Recognition from running totals: the same records as counting the history afresh."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sorgende
from sorgende import OPERATOR, ActorKind, CommunityRole, Role, TimeWindow
from sorgende.domain.exchanges import ExchangeState
from sorgende.domain.recognition import HelperRecord, HelperTotals
from sorgende.ports import UnitOfWork
from sorgende.records import HELPER_TOTALS
from sorgende.serialization import converter
from sorgende.services.recognition import helper_record

YEAR = timedelta(days=365)
T0 = datetime(2025, 1, 6, 9, tzinfo=UTC)


def reference(uow: UnitOfWork, helper_id: uuid.UUID, now: datetime) -> HelperRecord:
    """The record as it was computed before the totals: from the whole history."""
    confirmed = uow.exchanges.list(
        helper_id=helper_id, states=(ExchangeState.CONFIRMED, ExchangeState.RESOLVED)
    )
    counted = [e for e in confirmed if e.minutes > 0]
    since = now - YEAR
    helper = uow.actors.find(helper_id)
    return HelperRecord(
        actor_id=helper_id,
        exchanges_confirmed=len(counted),
        minutes_given=sum(e.minutes for e in counted),
        minutes_last_year=sum(e.minutes for e in counted if e.scheduled >= since),
        first_help=min((e.scheduled for e in counted), default=None),
        at=now,
        birth_year=None if helper is None else helper.birth_year,
    )


def pairs_reference(helps: Sequence[tuple[datetime, int]], now: datetime) -> tuple[int, int, int]:
    since = now - YEAR
    return (
        len(helps),
        sum(m for _, m in helps),
        sum(m for s, m in helps if s >= since),
    )


# the clock moves on by minutes to months; help is scheduled up to a day around it
steps = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=60 * 24 * 120),  # minutes the clock moves on
        st.integers(min_value=-60 * 24, max_value=60 * 24),  # scheduled relative to now
        st.integers(min_value=1, max_value=600),  # minutes of help
    ),
    max_size=60,
)


@given(steps, st.lists(st.integers(min_value=-60 * 24 * 3, max_value=60 * 24 * 800), max_size=8))
def test_totals_answer_as_the_history_does(
    history: list[tuple[int, int, int]], reads: list[int]
) -> None:
    totals = HelperTotals(uuid.uuid4(), uuid.uuid4())
    helps: list[tuple[datetime, int]] = []
    now = T0
    for moved, offset, minutes in history:
        now += timedelta(minutes=moved)
        scheduled = now + timedelta(minutes=offset)
        totals = totals.counted(scheduled, minutes, now)
        helps.append((scheduled, minutes))
        # at the confirmation and at later (or slightly earlier) reads without a write
        for at in (now, *(now + timedelta(minutes=r) for r in reads)):
            record = totals.record(at, None)
            if record is None:
                continue  # the caller counts the history then (tested below)
            assert (
                record.exchanges_confirmed,
                record.minutes_given,
                record.minutes_last_year,
            ) == pairs_reference(helps, at)
            assert record.first_help == min(s for s, _ in helps)
    # the totals stay small however long the history: a year of days and a little more
    assert len(totals.day_numbers) <= 366 + 2 + 2
    rebuilt = HelperTotals.of_history(totals.community_id, totals.actor_id, helps)
    assert (rebuilt.exchanges, rebuilt.minutes, rebuilt.first_help) == (
        totals.exchanges,
        totals.minutes,
        totals.first_help,
    )
    assert converter.structure(converter.unstructure(totals), HelperTotals) == totals


def test_a_boundary_inside_a_day_of_help_asks_for_the_history() -> None:
    morning, evening = T0, T0 + timedelta(hours=8)
    totals = HelperTotals.of_history(uuid.uuid4(), uuid.uuid4(), [(morning, 60), (evening, 30)])
    assert totals.minutes_since(morning) == 90
    assert totals.minutes_since(morning + timedelta(hours=1)) is None
    assert totals.minutes_since(evening + timedelta(seconds=1)) == 0
    assert totals.minutes_since(morning - timedelta(days=3)) == 90


@attrs.define
class Town:
    platform: sorgende.Platform
    c: sorgende.CommunityService
    anna: uuid.UUID
    ben: uuid.UUID
    carla: uuid.UUID
    place: uuid.UUID
    now: list[datetime]

    def help(
        self, offset_hours: float, hours: float, disputed: bool, resolved_hours: float
    ) -> None:
        start = self.now[0] + timedelta(hours=offset_hours)
        window = TimeWindow(start, start + timedelta(hours=1))
        r = self.c.post_request(self.anna, "shopping", self.place, window, hours)
        x = self.c.propose(request_id=r.id, by=self.ben)
        self.c.accept(x.id, by=self.anna)
        self.now[0] = max(self.now[0], start)  # reported once the help began
        self.c.complete(x.id, by=self.ben)
        if disputed:
            self.c.dispute(x.id, by=self.anna, reason="took longer")
            self.c.resolve(x.id, by=self.carla, hours=resolved_hours, reason="agreed")
        else:
            self.c.confirm(x.id, by=self.anna)

    def check(self, at: datetime) -> None:
        with self.platform.storage.unit_of_work(self.c.community_id) as uow:
            assert helper_record(uow, self.ben, at) == reference(uow, self.ben, at)


def town(url: str = "memory://") -> Town:
    now = [T0]
    platform = sorgende.open(url, load_entrypoints=False, clock=lambda: now[0])
    c = platform.create_community("Daun")
    place = c.add_place("Daun").id
    anna = c.register_actor(ActorKind.PERSON, "Anna", home_place_id=place).id
    ben = c.register_actor(ActorKind.PERSON, "Ben", birth_year=1990).id
    verein = c.register_actor(ActorKind.ASSOCIATION, "Verein").id
    carla = c.register_actor(ActorKind.PERSON, "Carla").id
    c.add_membership(carla, verein, Role.COORDINATOR)
    c.grant_role(verein, CommunityRole.COORDINATOR, by=OPERATOR)
    return Town(platform, c, anna, ben, carla, place, now)


exchanges = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=24 * 100),  # hours the clock moves on
        st.sampled_from([0.5, 2.0, 5.0, 20.0]),  # hours of help
        st.floats(min_value=0.5, max_value=30),  # scheduled this many hours ahead
        st.booleans(),  # disputed and resolved by a coordinator
        st.sampled_from([0.0, 1.0, 3.5]),  # hours a resolution posts
    ),
    min_size=1,
    max_size=15,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exchanges)
def test_confirmations_keep_the_totals_the_rules_read(
    history: list[tuple[int, float, float, bool, float]],
) -> None:
    t = town()
    with t.platform:
        for moved, hours, ahead, disputed, resolved in history:
            t.now[0] += timedelta(hours=moved)
            t.help(ahead, hours, disputed, resolved)
            t.check(t.now[0])
            t.check(t.now[0] + timedelta(days=300))
            t.check(t.now[0] + timedelta(days=365, hours=ahead))


def test_totals_missing_after_an_import_are_rebuilt_by_the_next_confirmation() -> None:
    t = town()
    with t.platform:
        for week in range(3):
            t.now[0] = T0 + timedelta(weeks=week)
            t.help(1, 2, False, 0)
        with t.platform.storage.unit_of_work(t.c.community_id, writing=True) as uow:
            repo = uow.of(HELPER_TOTALS)
            repo.delete(repo.get(t.ben))
            uow.commit()
        t.check(t.now[0])  # read without totals: counted from the history
        t.now[0] += timedelta(days=1)
        t.help(1, 1, False, 0)
        with t.platform.storage.unit_of_work(t.c.community_id) as uow:
            totals = uow.of(HELPER_TOTALS).get(t.ben)
        assert (totals.exchanges, totals.minutes) == (4, 7 * 60)
        t.check(t.now[0])


def test_the_totals_travel_with_an_export_and_go_with_an_erasure() -> None:
    t = town()
    with t.platform:
        t.help(1, 2, False, 0)
        lines = list(t.platform.export_community(t.c.community_id))
        assert any('"helper_totals"' in line for line in lines)
        with sorgende.open("memory://", load_entrypoints=False) as other:
            moved = other.import_community(lines)
            with other.storage.unit_of_work(moved.community_id) as uow:
                assert uow.of(HELPER_TOTALS).get(t.ben).minutes == 120
        t.c.erase_person(t.ben, by=OPERATOR)
        with t.platform.storage.unit_of_work(t.c.community_id) as uow:
            assert uow.of(HELPER_TOTALS).find(t.ben) is None


def test_the_migration_fills_the_totals_from_the_exchanges(tmp_path: Path) -> None:
    from alembic import command

    from sorgende.default_plugins.sql import schema

    url = f"sqlite:///{tmp_path / 'r.db'}"
    t = town(url)
    with t.platform:
        for day in range(5):
            t.now[0] = T0 + timedelta(days=day * 40)
            t.help(day, 1.5 + day, False, 0)
            t.help(day + 3, 1, False, 0)  # two on some days, at different times
        with t.platform.storage.unit_of_work(t.c.community_id) as uow:
            kept = uow.of(HELPER_TOTALS).get(t.ben)
        engine = t.platform.storage.engine  # type: ignore[attr-defined]
        config = schema.alembic_config(engine)
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0006")
        schema.upgrade(engine)
        with t.platform.storage.unit_of_work(t.c.community_id) as uow:
            filled = uow.of(HELPER_TOTALS).get(t.ben)
            expected = HelperTotals.of_history(
                t.c.community_id,
                t.ben,
                [
                    (e.scheduled, e.minutes)
                    for e in uow.exchanges.list(helper_id=t.ben, states=[ExchangeState.CONFIRMED])
                ],
            )
        assert filled == expected
        assert (filled.exchanges, filled.minutes, filled.first_help) == (
            kept.exchanges,
            kept.minutes,
            kept.first_help,
        )
        t.check(t.now[0])
        t.now[0] += timedelta(days=1)
        t.help(1, 1, False, 0)
        t.check(t.now[0])
