"""The coordinator's reads (``CommunityService.waiting``, ``count_waiting``,
``exchanges_since``): the scope of what the asking person coordinates, counts that stop
at their limit, the latest exchanges first; on memory, SQLite and PostgreSQL. And
migration 0013, which gives the requests and exchanges already stored their organisation.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest

import sorgende
from sorgende import ActorKind, CommunityRole, Role, TimeWindow
from sorgende.domain.exchanges import Exchange, ExchangeState, Party
from sorgende.domain.help import HelpRequest, RequestStatus
from sorgende.domain.policy import OPERATOR
from sorgende.errors import InvalidValue
from sorgende.testing.databases import PostgreSQLDatabases, postgresql_server

NOW = datetime(2026, 5, 4, 9, 30, tzinfo=UTC)


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "memory":
        yield "memory://"
    elif request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'coordination.db'}"
    else:
        server = postgresql_server()
        if server is None:
            pytest.skip("no PostgreSQL: set SORGENDE_TEST_POSTGRESQL_URL")
        databases = PostgreSQLDatabases(server, prefix="coordination")
        try:
            yield databases.new()
        finally:
            databases.drop_all()


@attrs.define
class Town:
    platform: Any
    c: Any
    petra: uuid.UUID  # community coordinator
    sven: uuid.UUID  # coordinator of the sports club
    anna: uuid.UUID  # a resident
    club: uuid.UUID
    place: uuid.UUID


def _town(url: str) -> Town:
    platform = sorgende.open(url, clock=lambda: NOW, load_entrypoints=False)
    c = platform.create_community("Testdorf")
    place = c.add_place("Mehren").id
    petra = c.register_actor(ActorKind.PERSON, "Petra", home_place_id=place).id
    c.grant_role(petra, CommunityRole.COORDINATOR, by=OPERATOR)
    sven = c.register_actor(ActorKind.PERSON, "Sven", home_place_id=place).id
    anna = c.register_actor(ActorKind.PERSON, "Anna", home_place_id=place).id
    club = c.register_actor(ActorKind.ASSOCIATION, "Sportverein").id
    c.add_membership(sven, club, Role.COORDINATOR, by=OPERATOR)
    return Town(platform, c, petra, sven, anna, club, place)


def _request(town: Town, hours_ago: float, organisation: uuid.UUID | None) -> HelpRequest:
    start = NOW + timedelta(days=2)
    return HelpRequest(
        community_id=town.c.community_id,
        recipient_id=town.anna,
        posted_by=town.anna,
        category="shopping",
        place_id=town.place,
        window=TimeWindow(start, start + timedelta(hours=1)),
        minutes=60,
        posted_at=NOW - timedelta(hours=hours_ago),
        organisation_id=organisation,
    )


def _exchange(
    town: Town, days_ago: float, organisation: uuid.UUID | None, state: ExchangeState
) -> Exchange:
    return Exchange(
        town.c.community_id,
        town.sven,
        town.anna,
        "shopping",
        town.place,
        NOW - timedelta(days=days_ago),
        45,
        Party.HELPER,
        (),
        state=state,
        organisation_id=organisation,
    )


def _add(town: Town, repository: str, records: list[Any]) -> None:
    with town.platform.storage.unit_of_work(town.c.community_id, writing=True) as uow:
        repo = getattr(uow, repository)
        for record in records:
            repo.add(record)
        uow.commit()


def test_the_waiting_list_and_its_counts_in_each_scope(url: str) -> None:
    town = _town(url)
    c = town.c
    # hours ago: 1, 2, ..., 7 of the community's own; 30, 50 of the club's; one matched
    own = [_request(town, h, None) for h in range(1, 8)]
    clubs = [_request(town, h, town.club) for h in (30, 50)]
    matched = attrs.evolve(_request(town, 100, town.club), status=RequestStatus.MATCHED)
    _add(town, "requests", [*own, *clubs, matched])

    oldest = c.waiting(limit=3, by=town.petra)
    assert [r.id for r in oldest] == [clubs[1].id, clubs[0].id, own[-1].id]
    assert [r.id for r in c.waiting(by=town.sven)] == [clubs[1].id, clubs[0].id]
    assert c.waiting(by=town.anna) == []  # she coordinates nothing
    assert len(c.waiting(limit=25)) == 9  # the operator: the whole community

    # counted up to the limit: more is said when there are more
    assert c.count_waiting(by=town.petra) == (9, False)
    assert c.count_waiting(count_limit=9, by=town.petra) == (9, False)
    assert c.count_waiting(count_limit=8, by=town.petra) == (8, True)
    assert c.count_waiting(count_limit=1, by=town.sven) == (1, True)
    # by posting time: after (exclusive) and until (inclusive)
    day = NOW - timedelta(days=1)
    assert c.count_waiting(posted_after=day, by=town.petra) == (7, False)
    assert c.count_waiting(posted_until=day, by=town.petra) == (2, False)
    assert c.count_waiting(posted_until=NOW - timedelta(hours=30), by=town.sven) == (2, False)
    assert c.count_waiting(posted_after=NOW - timedelta(hours=30), by=town.sven) == (0, False)
    assert c.count_waiting(by=town.anna) == (0, False)
    with pytest.raises(InvalidValue):
        c.waiting(limit=0, by=town.petra)
    town.platform.close()


def test_the_exchanges_since_a_date_latest_first(url: str) -> None:
    town = _town(url)
    c = town.c
    confirmed, proposed = ExchangeState.CONFIRMED, ExchangeState.PROPOSED
    own = [_exchange(town, d, None, confirmed) for d in (1, 2, 3, 40)]
    clubs = [_exchange(town, d, town.club, confirmed) for d in (0.5, 5)]
    offered = _exchange(town, 0.2, None, proposed)
    _add(town, "exchanges", [*own, *clubs, offered])
    since = NOW - timedelta(days=30)

    found = c.exchanges_since(since, by=town.petra)
    assert [e.id for e in found.items] == [
        offered.id,
        clubs[0].id,
        own[0].id,
        own[1].id,
        own[2].id,
        clubs[1].id,
    ]
    assert not found.more
    counted = c.exchanges_since(since, states=[confirmed], limit=2, by=town.petra)
    assert [e.id for e in counted.items] == [clubs[0].id, own[0].id] and counted.more
    theirs = c.exchanges_since(since, states=[confirmed], by=town.sven)
    assert [e.id for e in theirs.items] == [clubs[0].id, clubs[1].id]
    assert c.exchanges_since(since, by=town.anna).items == []
    # at or after: an exchange scheduled exactly then is in
    exact = c.exchanges_since(NOW - timedelta(days=40), states=[confirmed], by=town.petra)
    assert exact.items[-1].id == own[3].id
    town.platform.close()


def test_the_migration_gives_stored_records_their_organisation(tmp_path: Path) -> None:
    """0013 fills the new ``organisation_id`` columns from the records already stored."""
    from alembic import command

    from sorgende.default_plugins.sql import schema

    town = _town(f"sqlite:///{tmp_path / 'old.db'}")
    theirs = _request(town, 2, town.club)
    own = _request(town, 3, None)
    helped = _exchange(town, 1, town.club, ExchangeState.CONFIRMED)
    _add(town, "requests", [theirs, own])
    _add(town, "exchanges", [helped])
    engine = town.platform.storage.engine
    config = schema.alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0012")
    schema.upgrade(engine)
    c = town.c
    assert [r.id for r in c.waiting(by=town.sven)] == [theirs.id]
    assert [r.id for r in c.waiting(by=town.petra)] == [own.id, theirs.id]
    assert [e.id for e in c.exchanges_since(NOW - timedelta(days=2), by=town.sven).items] == [
        helped.id
    ]
    town.platform.close()


def test_the_indexes_follow_writes_after_the_first_question(url: str) -> None:
    """The memory storage builds its indexes by time at the first question; every write
    after it moves them (here: a request posted, then withdrawn, an exchange proposed)."""
    town = _town(url)
    c = town.c
    _add(town, "requests", [_request(town, 5, None)])
    assert len(c.waiting(by=town.petra)) == 1
    start = NOW + timedelta(days=1)
    posted = c.post_request(
        town.anna, "shopping", town.place, TimeWindow(start, start + timedelta(hours=1)), 1
    )
    assert [r.id for r in c.waiting(by=town.petra)][-1] == posted.id
    assert c.count_waiting(posted_after=NOW - timedelta(hours=1), by=town.petra) == (1, False)
    proposed = c.propose(request_id=posted.id, by=town.sven)
    since = c.exchanges_since(NOW - timedelta(days=1), by=town.petra)
    assert [e.id for e in since.items] == [proposed.id]
    c.withdraw_request(posted.id, by=town.anna)
    assert posted.id not in [r.id for r in c.waiting(by=town.petra)]
    assert c.count_waiting(posted_after=NOW - timedelta(hours=1), by=town.petra) == (0, False)
    town.platform.close()
