"""``candidates_for`` reads only the persons who may reach the best k, with the answer a
full sort of every eligible person gives: same candidates, scores, order and ties.

The reference below is the brute-force computation as it was before the search: every
person read, checked, scored and sorted. Random small worlds (few names, so that ties
are common; homes with and without coordinates; qualifications around the day; accepted
exchanges overlapping the window or not; commitments and offers) run on memory and
SQLite storage.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sorgende
from sorgende import Platform
from sorgende.domain.actors import Actor, ActorKind, Qualification, QualificationKind
from sorgende.domain.categories import Category
from sorgende.domain.commitments import CommitmentStatus
from sorgende.domain.community import Place, PlaceKind
from sorgende.domain.exchanges import ExchangeState
from sorgende.domain.help import OfferStatus, RequestStatus
from sorgende.domain.matching import MatchContext, ScoreTerm
from sorgende.domain.values import TimeWindow
from sorgende.ports import UnitOfWork
from sorgende.testing import strategies as s

DAY = datetime(2026, 6, 10, 9, 0, tzinfo=UTC)
NAMES = ["Anna", "Ben", "Ärne", "anna", "Zoë"]
CODES = ["shopping", "driving", "garden"]


def reference(
    uow: UnitOfWork, request_id: uuid.UUID, terms: Sequence[ScoreTerm], limit: int
) -> list[tuple[Any, ...]]:
    """The candidates as every person read and sorted gives them."""
    request = uow.requests.get(request_id)
    category = uow.categories.find(request.category)
    assert category is not None
    occurrence = request.window.start
    involved = {
        e.helper_id
        for e in uow.exchanges.list(request_id=request_id)
        if e.scheduled == occurrence and (not e.state.is_final or e.state.holds_place)
    }
    busy_by: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for e in uow.exchanges.list(states=(ExchangeState.ACCEPTED,)):
        busy_by[e.helper_id].append(e)

    def busy(actor: Actor) -> bool:
        w = request.window
        return any(
            e.scheduled.timestamp() < w.end.timestamp()
            and w.start.timestamp() < e.scheduled.timestamp() + e.minutes * 60
            for e in busy_by.get(actor.id, [])
        )

    day = request.window.start.date()
    people = [
        a
        for a in uow.actors.list()
        if a.kind is ActorKind.PERSON
        and not a.erased
        and a.id != request.recipient_id
        and a.id not in involved
        and not busy(a)
        and all(
            any(q.kind == k and q.valid_on(day) for q in a.qualifications)
            for k in category.required_qualifications
        )
    ]
    commitments: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for c in uow.commitments.list():
        if c.status is CommitmentStatus.ACTIVE:
            commitments[c.actor_id].append(c)
    offers: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for o in uow.offers.list(statuses=(OfferStatus.OPEN,)):
        offers[o.helper_id].append(o)
    context = MatchContext(
        request=request,
        category=category,
        places={p.id: p for p in uow.places.list()},
        commitments=commitments,
        offers=offers,
        load={h: len(x) for h, x in busy_by.items()},
    )
    rows = []
    for a in people:
        scored = [(t, t.score(context, a)) for t in terms]
        total = sum(t.weight * v for t, v in scored)
        rows.append((a.id, total, {t.name: v for t, v in scored}, a.name))
    rows.sort(key=lambda r: (-r[1], r[3], str(r[0])))
    return [r[:3] for r in rows[:limit]]


@attrs.frozen
class Age:
    """A term without a group bound: the search must fall back to the complete scan."""

    name: str = "age"
    weight: float = 0.7

    def score(self, context: MatchContext, actor: Actor) -> float:
        return 0.5 if actor.birth_year is None else (actor.birth_year % 7) / 6


@st.composite
def worlds(draw: st.DrawFn, cid: uuid.UUID) -> dict[str, list[Any]]:
    coordinates = st.none() | st.tuples(st.floats(50.0, 50.3), st.floats(6.6, 7.0))
    places = []
    for i in range(draw(st.integers(1, 4))):
        at = draw(coordinates)
        places.append(Place(cid, f"Ort {i}", PlaceKind.VILLAGE, lat=at and at[0], lon=at and at[1]))
    place_ids = st.sampled_from([p.id for p in places])
    categories = [
        Category(
            code,
            {"de": code},
            required_qualifications=draw(
                st.frozensets(st.sampled_from([k.value for k in QualificationKind]), max_size=2)
            ),
        )
        for code in CODES
    ]
    qualification = st.builds(
        lambda kind, start, length: Qualification(
            kind,
            DAY.date() + timedelta(days=start),
            None if length is None else DAY.date() + timedelta(days=start + length),
        ),
        st.sampled_from([k.value for k in QualificationKind]),
        st.integers(-3, 1),
        st.none() | st.integers(0, 3),
    )
    actors = []
    for _ in range(draw(st.integers(1, 14))):
        actor = Actor(
            community_id=cid,
            kind=draw(st.sampled_from([ActorKind.PERSON] * 5 + [ActorKind.ASSOCIATION])),
            name=draw(st.sampled_from(NAMES)),
            home_place_id=draw(st.none() | place_ids),
            birth_year=draw(st.none() | st.integers(1930, 2000)),
            skills=draw(st.frozensets(st.sampled_from(CODES), max_size=2)),
            qualifications=tuple(draw(st.lists(qualification, max_size=3))),
            erased=draw(st.integers(0, 9)) == 0,
        )
        actors.append(actor)
    if all(a.erased for a in actors):
        actors[0] = attrs.evolve(actors[0], erased=False)
    actor_ids = st.sampled_from([a.id for a in actors])
    codes = st.sampled_from(CODES)
    start = DAY + timedelta(days=1)
    request = draw(
        s.help_requests(
            community_id=cid,
            # no one is acted for who no longer takes part: the recipient is not erased
            recipient_id=st.sampled_from([a.id for a in actors if not a.erased]),
            posted_by=actor_ids,
            place_id=place_ids,
            category=codes,
        )
    )
    request = attrs.evolve(
        request,
        window=TimeWindow(start, start + timedelta(hours=2)),
        recurrence=None,
        status=RequestStatus.OPEN,
    )
    exchanges = []
    for _ in range(draw(st.integers(0, 6))):
        e = draw(
            s.exchanges(
                community_id=cid,
                helper_id=actor_ids,
                recipient_id=actor_ids,
                place_id=place_ids,
                category=codes,
                request_id=st.just(request.id) | st.just(uuid.uuid4()),
            )
        )
        exchanges.append(
            attrs.evolve(
                e,
                scheduled=start
                + timedelta(minutes=draw(st.sampled_from([-240, -60, 0, 60, 120, 300]))),
                minutes=draw(st.sampled_from([30, 60, 90])),
                state=draw(st.sampled_from(ExchangeState)),
            )
        )
    commitments = [
        attrs.evolve(
            draw(s.commitments(community_id=cid, actor_id=actor_ids, place_ids=place_ids)),
            categories=draw(st.frozensets(codes, max_size=2)),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    offers = [
        draw(
            s.help_offers(
                community_id=cid, helper_id=actor_ids, place_ids=place_ids, category=codes
            )
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    return {
        "places": places,
        "categories": categories,
        "actors": actors,
        "requests": [request],
        "exchanges": exchanges,
        "commitments": commitments,
        "offers": offers,
    }


@pytest.fixture(params=["memory", "sqlite"])
def opened(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], Platform]:
    """Opens a platform on a new, empty storage (ids drawn again must not meet old rows)."""

    def open_platform() -> Platform:
        if request.param == "memory":
            return sorgende.open("memory://", load_entrypoints=False)
        return sorgende.open(
            f"sqlite:///{tmp_path / f'{uuid.uuid4().hex}.db'}", load_entrypoints=False
        )

    return open_platform


def _check(opened: Callable[[], Platform], data: st.DataObject, extra: Sequence[ScoreTerm]) -> None:
    with opened() as platform:
        _check_on(platform, data, extra)


def _check_on(platform: Platform, data: st.DataObject, extra: Sequence[ScoreTerm]) -> None:
    cid = uuid.uuid4()
    world = data.draw(worlds(cid), label="world")
    service = platform.create_community("Prüfgemeinde", id=cid)
    with platform.storage.unit_of_work(cid) as uow:
        for category in world["categories"]:
            if uow.categories.find(category.code) is None:
                uow.categories.add(category)
        for place in world["places"]:
            uow.places.add(place)
        for name in ("actors", "requests", "exchanges", "commitments", "offers"):
            repo = getattr(uow, name)
            for record in world[name]:
                repo.add(record)
        uow.commit()
    terms = [*platform.score_terms, *extra]
    platform.score_terms[:] = terms
    request = world["requests"][0]
    limit = data.draw(st.integers(1, 8), label="limit")
    got = [
        (c.actor.id, c.score, dict(c.terms))
        for c in service.candidates_for(request.id, limit=limit)
    ]
    with platform.storage.unit_of_work(cid) as uow:
        expected = reference(uow, request.id, terms, limit)
    assert got == expected


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_the_search_gives_what_a_full_sort_gives(
    opened: Callable[[], Platform], data: st.DataObject
) -> None:
    _check(opened, data, [])


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_term_without_bounds_gets_the_complete_scan(
    opened: Callable[[], Platform], data: st.DataObject
) -> None:
    _check(opened, data, [Age()])


def test_the_migration_indexes_the_persons_already_stored(tmp_path: Path) -> None:
    """0008 fills ``actor_match`` from the actors a database already holds."""
    from alembic import command

    from sorgende.default_plugins.sql import schema
    from sorgende.default_plugins.sql.storage import SQLStorage

    url = f"sqlite:///{tmp_path / 'old.db'}"
    storage = SQLStorage(url)
    cid = uuid.uuid4()
    place = Place(cid, "Daun", PlaceKind.TOWN, lat=50.2, lon=6.83)
    licence = Qualification(QualificationKind.DRIVING_LICENCE, date(2000, 1, 1))
    persons = [
        Actor(cid, ActorKind.PERSON, "Zoë", home_place_id=place.id, skills=frozenset({"rides"})),
        Actor(cid, ActorKind.PERSON, "Anna", home_place_id=place.id, qualifications=(licence,)),
        Actor(cid, ActorKind.PERSON, "Ben"),
        Actor(cid, ActorKind.PERSON, "—", home_place_id=place.id, erased=True),
        Actor(cid, ActorKind.ASSOCIATION, "Verein", home_place_id=place.id),
    ]
    with storage.unit_of_work(cid) as uow:
        uow.places.add(place)
        uow.actors.add_all(persons)  # type: ignore[attr-defined]
        uow.commit()
    config = schema.alembic_config(storage.engine)
    with storage.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0007")
    assert "actor_match" not in inspect_tables(storage)
    schema.upgrade(storage.engine)
    with storage.unit_of_work(cid) as uow:
        at_home = uow.actors.persons_by_name(home=place.id)
        assert [a.name for a in at_home] == ["Anna", "Zoë"]
        assert [a.name for a in uow.actors.persons_by_name(home=place.id, skill="rides")] == ["Zoë"]
        assert [a.name for a in uow.actors.persons_by_name(home=None)] == ["Ben"]
    storage.close()


def inspect_tables(storage: Any) -> set[str]:
    from sqlalchemy import inspect

    return set(inspect(storage.engine).get_table_names())
