"""The facts the package carries about Verbandsgemeinde Daun, and the demo built on them."""

from __future__ import annotations

import random

import pytest

from sorgende import PlaceKind, Platform
from sorgende.demo import (
    START,
    SimClock,
    build_daun,
    load_places,
    parse_places,
    play,
    run_demo,
)
from sorgende.errors import InvalidValue, MalformedData


def test_the_38_places_of_vg_daun() -> None:
    places = load_places()
    assert len(places) == 38
    assert len({p.name for p in places}) == 38
    towns = [p for p in places if p.kind is PlaceKind.TOWN]
    assert [t.name for t in towns] == ["Daun"]
    assert sum(1 for p in places if p.kind is PlaceKind.VILLAGE) == 37


def test_the_total_population_on_31_dec_2021_is_22919() -> None:
    assert sum(p.population for p in load_places()) == 22_919


def test_places_have_areas_and_coordinates_in_the_vulkaneifel() -> None:
    for place in load_places():
        assert place.area_km2 > 0, place
        assert 50.0 < place.lat < 50.3, place
        assert 6.6 < place.lon < 7.0, place
    daun = next(p for p in load_places() if p.name == "Daun")
    assert (daun.population, daun.area_km2) == (8059, 48.97)


def test_malformed_place_data_is_refused_with_the_line() -> None:
    header = "place,kind,area_km2,population,lat,lon\n"
    with pytest.raises(MalformedData) as info:
        parse_places(header + "Daun,Großstadt,48.97,8059,50.1986,6.8319\n")
    assert "line 2" in info.value.problems[0]
    with pytest.raises(MalformedData):
        parse_places("name,population\nDaun,8059\n")


def test_build_daun_adds_every_place_with_its_population(platform: Platform) -> None:
    service = platform.create_community("Verbandsgemeinde Daun")
    cast = build_daun(service, random.Random(1))
    places = service.places()
    assert len(places) == 38
    assert sum(p.population or 0 for p in places) == 22_919
    assert cast.places["Daun"].kind is PlaceKind.TOWN
    assert service.is_coordinator(cast.coordinator.id)
    assert service.is_coordinator(cast.staff.id)  # municipal staff coordinate too
    assert service.actor(cast.newcomer.id).receives_solidarity
    senior = service.actor(cast.senior.id)
    assert senior.email is None and senior.phone is None


def test_play_keeps_the_books_balanced_and_is_repeatable() -> None:
    first = run_demo(weeks=3, seed=11)
    assert first == run_demo(weeks=3, seed=11)
    assert first.seed == 11
    assert first.balance_checksum == 0
    assert first.population == 22_919
    assert first.confirmed_exchanges > 0
    assert first.given_minutes > 0
    assert first.solidarity_minutes == -first.newcomer_received_minutes
    assert first.recurring_confirmed == first.recurring_occurrences == 3
    assert first.recurring_status == "fulfilled"
    assert first.dispute is not None
    assert first.dispute.resolved_minutes < first.dispute.claimed_minutes
    assert first.on_behalf_requests >= 1
    assert len(first.commitments) == 8
    assert all(c.periods == 3 for c in first.commitments)
    assert first.paused_helper is not None
    assert "open" not in first.requests_by_status  # every open request expired at the end


def test_play_refuses_a_bad_number_of_weeks(platform: Platform) -> None:
    service = platform.create_community("Verbandsgemeinde Daun")
    with pytest.raises(InvalidValue):
        play(service, 0, random.Random(1), SimClock(START))


def test_the_simulated_clock_only_moves_forward() -> None:
    clock = SimClock(START)
    first, second = clock(), clock()
    assert first == START and second > first
    clock.advance_to(START)  # the past: no change
    assert clock() > second
