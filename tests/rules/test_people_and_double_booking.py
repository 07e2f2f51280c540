"""No helper accepted twice at one time; no new help for a person who no longer takes part."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sorgende import OPERATOR, ExchangeState, HelpRequest, TimeWindow
from sorgende.domain.participation import require_taking_part
from sorgende.errors import (
    DoubleBooked,
    PermissionDenied,
    PersonInactive,
    SorgendeError,
    ValidationError,
)
from tests.conftest import World


def _at(world: World, hours_from_now: float, hours: float = 1, **kw: object) -> HelpRequest:
    start = world.clock.now + timedelta(hours=hours_from_now)
    return world.c.post_request(
        world.anna.id,
        str(kw.pop("category", "shopping")),
        world.daun.id,
        TimeWindow(start, start + timedelta(hours=2)),
        hours,
        **kw,  # type: ignore[arg-type]
    )


# -- double booking ------------------------------------------------------------------------


def test_a_helper_is_not_accepted_for_two_exchanges_at_one_time(world: World) -> None:
    shopping = _at(world, 24, hours=2, title="Wocheneinkauf")
    garden = _at(world, 25, category="garden")  # starts while the shopping goes on
    first = world.c.propose(request_id=shopping.id, by=world.ben.id)
    second = world.c.propose(request_id=garden.id, by=world.ben.id)  # both only proposed
    world.c.accept(first.id, by=world.anna.id)
    with pytest.raises(DoubleBooked) as refused:
        world.c.accept(second.id, by=world.anna.id)
    assert isinstance(refused.value, ValidationError)
    assert refused.value.params["exchange_id"] == first.id
    # the other exchange is named by its category and its local time, not its id
    german, english = refused.value.message("de"), refused.value.message("en")
    assert "Ben" in german and "Einkaufen" in german and "9:00" in german
    assert "Shopping" in english and str(first.id) not in german + english
    assert world.c.exchange(second.id).state is ExchangeState.PROPOSED


def test_a_helper_already_accepted_then_is_refused_at_proposal(world: World) -> None:
    first = world.c.propose(request_id=_at(world, 24).id, by=world.ben.id)
    world.c.accept(first.id, by=world.anna.id)
    overlapping = _at(world, 24.5)
    with pytest.raises(DoubleBooked):
        world.c.propose(request_id=overlapping.id, by=world.ben.id)
    with pytest.raises(DoubleBooked):  # asked by the recipient: the same answer
        world.c.propose(request_id=overlapping.id, helper_id=world.ben.id, by=world.anna.id)
    # someone else may help then
    assert world.c.propose(request_id=overlapping.id, by=world.dora.id)


def test_exchanges_one_after_the_other_are_fine(world: World) -> None:
    first = world.c.propose(request_id=_at(world, 24, hours=1).id, by=world.ben.id)
    world.c.accept(first.id, by=world.anna.id)
    # it ends at 10:00 (planned: one hour from 9:00); the next begins at 10:00
    then = world.c.propose(request_id=_at(world, 25).id, by=world.ben.id)
    assert world.c.accept(then.id, by=world.anna.id).state is ExchangeState.ACCEPTED


def test_a_cancelled_or_finished_exchange_no_longer_holds_the_time(world: World) -> None:
    first = world.c.propose(request_id=_at(world, 24).id, by=world.ben.id)
    world.c.accept(first.id, by=world.anna.id)
    world.c.cancel(first.id, by=world.ben.id, reason="verschoben")
    again = world.c.propose(request_id=_at(world, 24).id, by=world.ben.id)
    assert world.c.accept(again.id, by=world.anna.id).state is ExchangeState.ACCEPTED


def test_an_offer_is_checked_the_same_way(world: World) -> None:
    first = world.c.propose(request_id=_at(world, 24).id, by=world.ben.id)
    world.c.accept(first.id, by=world.anna.id)
    start = world.clock.now + timedelta(hours=24)
    offer = world.c.offer_help(
        world.ben.id, "garden", [world.daun.id], TimeWindow(start, start + timedelta(hours=4)), 1
    )
    with pytest.raises(DoubleBooked):
        world.c.propose(offer_id=offer.id, by=world.anna.id, scheduled=start)
    later = world.c.propose(
        offer_id=offer.id, by=world.anna.id, scheduled=start + timedelta(hours=2)
    )
    assert world.c.accept(later.id, by=world.ben.id).state is ExchangeState.ACCEPTED


# -- persons who no longer take part ------------------------------------------------------


def _gone(world: World, how: str, actor_id: object) -> None:
    if how == "erased":
        world.c.erase_person(actor_id, by=OPERATOR)  # type: ignore[arg-type]
    else:
        world.c.deactivate_person(actor_id, by=OPERATOR)  # type: ignore[arg-type]


@pytest.mark.parametrize("how", ["erased", "deactivated"])
def test_no_request_is_posted_for_a_person_who_no_longer_takes_part(world: World, how: str) -> None:
    _gone(world, how, world.anna.id)
    # neither by herself (the policy: she cannot act) nor by a coordinator for her
    for by in (world.anna.id, world.carla.id):
        with pytest.raises((PersonInactive, PermissionDenied)):
            world.c.post_request(world.anna.id, "shopping", world.daun.id, world.window(), 1, by=by)
    assert world.c.requests() == []


@pytest.mark.parametrize("how", ["erased", "deactivated"])
def test_no_offer_is_made_for_a_helper_who_no_longer_takes_part(world: World, how: str) -> None:
    _gone(world, how, world.ben.id)
    for by in (world.ben.id, world.carla.id):
        with pytest.raises((PersonInactive, PermissionDenied)):
            world.c.offer_help(world.ben.id, "shopping", [], world.window(), 1, by=by)
    assert world.c.offers() == []


@pytest.mark.parametrize("how", ["erased", "deactivated"])
def test_the_rule_is_the_models_own(world: World, how: str) -> None:
    """The domain refuses such a person as recipient or helper, whoever asks."""
    _gone(world, how, world.anna.id)
    anna = world.c.actor(world.anna.id)
    for part in ("recipient", "helper"):
        with pytest.raises(PersonInactive) as refused:
            require_taking_part(anna, part)  # type: ignore[arg-type]
        text = refused.value.message("de")
        assert ("Anna" in text) if how == "deactivated" else ("gelöschte Person" in text)
        assert str(anna.id) not in text
    assert require_taking_part(world.ben, "helper") is world.ben


@pytest.mark.parametrize("how", ["erased", "deactivated"])
def test_a_person_who_no_longer_takes_part_is_neither_proposed_nor_asked(
    world: World, how: str
) -> None:
    request = world.request()
    _gone(world, how, world.dora.id)
    with pytest.raises(PersonInactive):  # the recipient asks her
        world.c.propose(request_id=request.id, helper_id=world.dora.id, by=world.anna.id)
    with pytest.raises(PersonInactive):  # a coordinator proposes her
        world.c.propose(request_id=request.id, helper_id=world.dora.id, by=world.carla.id)
    assert world.c.propose(request_id=request.id, by=world.ben.id)


@pytest.mark.parametrize("how", ["erased", "deactivated"])
def test_a_proposal_to_someone_who_left_since_is_not_accepted(world: World, how: str) -> None:
    request = world.request()
    proposed = world.c.propose(request_id=request.id, helper_id=world.dora.id, by=world.carla.id)
    _gone(world, how, world.dora.id)
    with pytest.raises(SorgendeError):
        world.c.accept(proposed.id, by=world.carla.id)
    assert world.c.exchange(proposed.id).state is not ExchangeState.ACCEPTED


@pytest.mark.parametrize("how", ["erased", "deactivated"])
def test_a_recipient_who_left_receives_no_proposals(world: World, how: str) -> None:
    offer = world.c.offer_help(world.ben.id, "shopping", [world.daun.id], world.window(), 1)
    _gone(world, how, world.anna.id)
    with pytest.raises(PersonInactive):
        world.c.propose(offer_id=offer.id, recipient_id=world.anna.id, by=world.carla.id)
