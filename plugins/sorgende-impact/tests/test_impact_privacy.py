"""Privacy by design: consent, suppression of small cells, erasure, and who sees which
organisation's figures."""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import pytest
from impact_world import START, Clock, World, build, open_platform

import sorgende
from sorgende import indicators as measure
from sorgende.domain.actors import ActorKind, Consent, Membership, Role
from sorgende.domain.principals import Acting
from sorgende.indicators import BY_CODE, DIMENSIONS, Scope, figures, scope_of


@pytest.fixture
def world() -> Iterator[World]:
    clock = Clock(START)
    with open_platform(clock) as platform:
        # helpers 0-3 consent to statistics, 4 and 5 do not
        yield build(platform, clock, consenting=4)


def _figures(world: World, **kw: object) -> list[sorgende.indicators.Figure]:
    e = measure.engine(world.platform, world.community_id)
    return figures(e.snapshot(), e.consent, **kw)  # type: ignore[arg-type]


def test_a_person_without_the_statistics_consent_is_in_no_person_level_count(world: World) -> None:
    for helper in range(6):
        assert world.cycle(helper, helper, 0, 0, 5, 0.5)
        world.service.make_commitment(world.helpers[helper], 1.0)
    for by in ((), ("month",), ("place",), DIMENSIONS):
        for f in _figures(world, by=by, threshold=1):
            if f.indicator in ("active_helpers", "new_helpers", "commitments_made"):
                # the four consenting helpers at most, never the two others
                assert f.value is None or f.value <= 4
    (total,) = _figures(world, by=(), threshold=1, indicators=["active_helpers"])
    assert total.value == 4
    (exchanges,) = _figures(world, by=(), threshold=1, indicators=["exchanges"])
    assert exchanges.value == 6  # the help itself counts, it names no one
    # withdrawing the consent takes a person out of the counts
    who = world.helpers[0]
    world.service.set_consent(who, Consent(statistics=False), by=who)
    (total,) = _figures(world, by=(), threshold=1, indicators=["active_helpers"])
    assert total.value == 3


def test_no_published_cell_rests_on_fewer_records_than_the_threshold(world: World) -> None:
    for i in range(14):
        assert world.cycle(i, i, i % 3, i % 2, 5 if i % 3 else 2, 0.5 + 20 * (i % 4))
    published = 0
    for threshold in (5, 3):
        for by in ((), ("month",), ("place",), ("place", "category"), DIMENSIONS):
            for f in _figures(world, by=by, threshold=threshold):
                if f.suppressed:
                    assert f.value is None and 0 < f.base < threshold
                else:
                    assert f.base == 0 or f.base >= threshold
                    published += f.value is not None
    assert published > 10  # the test saw figures published, not only suppressed ones
    # the finest cells are small here: suppression did hide some
    assert any(f.suppressed for f in _figures(world, by=DIMENSIONS, threshold=5))


def test_erasure_does_not_change_the_counts(world: World) -> None:
    for helper in range(4):
        assert world.cycle(helper, helper, helper, 0, 5, 0.5)
    before = _figures(world, by=DIMENSIONS, threshold=1)
    world.service.erase_person(world.helpers[1], by=sorgende.OPERATOR)
    world.service.erase_person(world.recipients[2], by=sorgende.OPERATOR)
    assert _figures(world, by=DIMENSIONS, threshold=1) == before


def test_an_organisation_sees_its_own_figures_and_the_community_s(world: World) -> None:
    s = world.service
    other = s.register_actor(ActorKind.ASSOCIATION, "Sportverein").id
    for helper in range(3):
        assert world.cycle(helper, helper, 1, 0, 5, 0.5)  # place 1: Bürger für Bürger's
        assert world.cycle(helper, helper, 0, 0, 5, 0.5)  # place 0: no organisation
    # a coordinator of the sports club only (no community role)
    club = s.actor(other)
    person = attrs.evolve(
        s.actor(world.helpers[5]), memberships=(Membership(other, Role.COORDINATOR),)
    )
    acting = Acting.of(person, [club])
    scope = scope_of(acting)
    assert scope == Scope(frozenset({other}))
    by_org = _figures(world, by=("organisation",), scope=scope, threshold=1)
    assert {f.organisation for f in by_org} <= {other}
    # the community's totals stay whole for everyone
    (mine,) = _figures(world, by=(), scope=scope, threshold=1, indicators=["exchanges"])
    assert mine.value == 6
    # the backbone (the community's coordinators) and the operator see every organisation
    backbone = Acting.of(s.actor(world.coordinator), [])
    assert scope_of(backbone) == Scope(None)
    seen = {
        f.organisation
        for f in _figures(world, by=("organisation",), scope=scope_of(backbone), threshold=1)
    }
    assert world.organisation in seen
    assert BY_CODE["active_helpers"].person_level
