"""Every exchange transition, allowed and refused, and its effects."""

from __future__ import annotations

import pytest

from sorgende import ExchangeState, RequestStatus
from sorgende.domain.exchanges import FINAL_STATES, TRANSITIONS, Party
from sorgende.errors import IllegalTransition, InvalidValue, PermissionDenied
from tests.conftest import World


def test_full_cycle_posts_hours_from_recipient_to_helper(world: World) -> None:
    c = world.c
    request = world.request(hours=1.5)
    x = c.propose(request_id=request.id, by=world.ben.id)
    assert x.state is ExchangeState.PROPOSED and x.proposed_by is Party.HELPER
    x = world.begun(c.accept(x.id, by=world.anna.id))
    assert c.request(request.id).status is RequestStatus.MATCHED
    x = c.complete(x.id, by=world.ben.id)
    x = c.confirm(x.id, by=world.anna.id)
    assert x.state is ExchangeState.CONFIRMED
    assert [r.transition for r in x.history] == ["propose", "accept", "complete", "confirm"]
    assert c.balance(world.ben.id).minutes == 90
    assert c.balance(world.anna.id).minutes == -90
    assert c.request(request.id).status is RequestStatus.FULFILLED


def test_accept_by_the_proposing_side_is_refused(world: World) -> None:
    request = world.request()
    x = world.c.propose(request_id=request.id, by=world.ben.id)
    with pytest.raises(PermissionDenied, match="proposed it"):
        world.c.accept(x.id, by=world.ben.id)
    assert world.c.exchange(x.id).state is ExchangeState.PROPOSED


def test_recipient_may_ask_a_helper_who_then_accepts(world: World) -> None:
    request = world.request()
    x = world.c.propose(request_id=request.id, helper_id=world.dora.id, by=world.anna.id)
    assert x.proposed_by is Party.RECIPIENT
    with pytest.raises(PermissionDenied):
        world.c.accept(x.id, by=world.anna.id)
    assert world.c.accept(x.id, by=world.dora.id).state is ExchangeState.ACCEPTED


def test_coordinator_may_propose_and_accept(world: World) -> None:
    request = world.request()
    x = world.c.propose(request_id=request.id, helper_id=world.dora.id, by=world.carla.id)
    assert x.proposed_by is Party.COORDINATOR
    x = world.c.accept(x.id, by=world.carla.id)
    assert x.history[-1].party is Party.COORDINATOR


def test_stranger_may_not_act_on_an_exchange(world: World) -> None:
    request = world.request()
    x = world.c.propose(request_id=request.id, by=world.ben.id)
    for action in (world.c.accept, world.c.decline, world.c.confirm, world.c.no_show):
        with pytest.raises(PermissionDenied):
            action(x.id, by=world.stranger.id)
    with pytest.raises(PermissionDenied):
        world.c.cancel(x.id, by=world.stranger.id, reason="no")


def test_stranger_may_not_propose_someone_else(world: World) -> None:
    request = world.request()
    with pytest.raises(PermissionDenied):
        world.c.propose(request_id=request.id, helper_id=world.dora.id, by=world.stranger.id)


def test_decline(world: World) -> None:
    request = world.request()
    x = world.c.propose(request_id=request.id, by=world.ben.id)
    x = world.c.decline(x.id, by=world.anna.id, reason="already found someone")
    assert x.state is ExchangeState.DECLINED
    assert x.history[-1].reason == "already found someone"
    assert world.c.request(request.id).status is RequestStatus.OPEN


def test_decline_after_accept_is_illegal(world: World) -> None:
    x = world.accepted()
    with pytest.raises(IllegalTransition) as info:
        world.c.decline(x.id, by=world.anna.id)
    message = str(info.value)
    assert info.value.params["exchange_id"] == x.id and str(x.id) not in message
    assert message.startswith("The exchange “Shopping” on Tuesday, 3 March, 9:00")
    assert "“accepted”" in message and "“decline”" in message
    assert "report as done" in message  # names what is possible instead


def test_cancel_needs_a_reason(world: World) -> None:
    x = world.accepted()
    with pytest.raises(InvalidValue, match="reason"):
        world.c.cancel(x.id, by=world.ben.id, reason="  ")
    assert world.c.exchange(x.id).state is ExchangeState.ACCEPTED


def test_cancel_accepted_frees_the_place(world: World) -> None:
    x = world.accepted()
    assert x.request_id is not None
    assert world.c.request(x.request_id).status is RequestStatus.MATCHED
    cancelled = world.c.cancel(x.id, by=world.ben.id, reason="ill")
    assert cancelled.state is ExchangeState.CANCELLED
    assert world.c.request(x.request_id).status is RequestStatus.OPEN
    again = world.c.propose(request_id=x.request_id, by=world.dora.id)
    assert world.c.accept(again.id, by=world.anna.id).state is ExchangeState.ACCEPTED


def test_cancel_proposed_by_proposer(world: World) -> None:
    request = world.request()
    x = world.c.propose(request_id=request.id, by=world.ben.id)
    assert world.c.cancel(x.id, by=world.ben.id, reason="mistake").state is ExchangeState.CANCELLED


def test_cancel_completed_is_illegal(world: World) -> None:
    x = world.completed()
    with pytest.raises(IllegalTransition):
        world.c.cancel(x.id, by=world.ben.id, reason="late")


def test_complete_only_by_helper_or_coordinator(world: World) -> None:
    x = world.begun(world.accepted())
    with pytest.raises(PermissionDenied):
        world.c.complete(x.id, by=world.anna.id)
    x = world.c.complete(x.id, by=world.ben.id, hours=2)
    assert x.state is ExchangeState.COMPLETED and x.minutes == 120


def test_complete_before_accept_is_illegal(world: World) -> None:
    request = world.request()
    x = world.c.propose(request_id=request.id, by=world.ben.id)
    with pytest.raises(IllegalTransition):
        world.c.complete(x.id, by=world.ben.id)


def test_coordinator_completes_for_helper(world: World) -> None:
    x = world.begun(world.accepted())
    assert world.c.complete(x.id, by=world.carla.id).state is ExchangeState.COMPLETED


def test_confirm_only_by_recipient_side(world: World) -> None:
    x = world.completed()
    with pytest.raises(PermissionDenied):
        world.c.confirm(x.id, by=world.ben.id)
    assert world.c.balance(world.ben.id).minutes == 0
    assert world.c.confirm(x.id, by=world.carla.id).state is ExchangeState.CONFIRMED
    assert world.c.balance(world.ben.id).minutes == 90


def test_confirm_by_trusted_person_records_on_whose_behalf(world: World) -> None:
    world.c.trust(world.anna.id, world.dora.id, by=world.anna.id)
    x = world.completed()
    x = world.c.confirm(x.id, by=world.dora.id)
    assert x.history[-1].by == world.dora.id
    assert x.history[-1].on_behalf_of == world.anna.id
    assert x.history[-1].party is Party.RECIPIENT


def test_confirm_before_complete_is_illegal(world: World) -> None:
    x = world.accepted()
    with pytest.raises(IllegalTransition):
        world.c.confirm(x.id, by=world.anna.id)
    assert world.c.postings() == []


def test_no_show_frees_the_place_and_posts_nothing(world: World) -> None:
    x = world.begun(world.accepted())
    assert x.request_id is not None
    x = world.c.no_show(x.id, by=world.anna.id)
    assert x.state is ExchangeState.NO_SHOW
    assert world.c.request(x.request_id).status is RequestStatus.OPEN
    assert world.c.postings() == []


def test_no_show_from_proposed_is_illegal(world: World) -> None:
    request = world.request()
    x = world.c.propose(request_id=request.id, by=world.ben.id)
    with pytest.raises(IllegalTransition):
        world.c.no_show(x.id, by=world.anna.id)


def test_dispute_and_resolve(world: World) -> None:
    x = world.completed()
    with pytest.raises(InvalidValue):
        world.c.dispute(x.id, by=world.anna.id, reason="")
    with pytest.raises(PermissionDenied):
        world.c.dispute(x.id, by=world.carla.id, reason="coordinators resolve, not dispute")
    x = world.c.dispute(x.id, by=world.anna.id, reason="only one hour, not 1.5")
    assert x.state is ExchangeState.DISPUTED
    with pytest.raises(PermissionDenied):
        world.c.resolve(x.id, by=world.anna.id, hours=1, reason="me")
    x = world.c.resolve(x.id, by=world.carla.id, hours=1, reason="agreed on one hour")
    assert x.state is ExchangeState.RESOLVED
    assert world.c.balance(world.ben.id).minutes == 60
    assert world.c.balance(world.anna.id).minutes == -60


def test_resolve_with_no_hours_posts_nothing(world: World) -> None:
    x = world.completed()
    x = world.c.dispute(x.id, by=world.ben.id, reason="she was not home")
    world.c.resolve(x.id, by=world.carla.id, hours=0, reason="nothing happened")
    assert world.c.postings() == []


def test_resolve_before_dispute_is_illegal(world: World) -> None:
    x = world.completed()
    with pytest.raises(IllegalTransition):
        world.c.resolve(x.id, by=world.carla.id, hours=1, reason="x")


@pytest.mark.parametrize("final", sorted(FINAL_STATES))
@pytest.mark.parametrize("name", sorted(TRANSITIONS))
def test_nothing_leaves_a_final_state(world: World, final: ExchangeState, name: str) -> None:
    """Drive an exchange into each final state, then try every transition from there."""
    c = world.c
    request = world.request()
    x = c.propose(request_id=request.id, by=world.ben.id)
    if final is ExchangeState.DECLINED:
        x = c.decline(x.id, by=world.anna.id)
    elif final is ExchangeState.CANCELLED:
        x = c.cancel(x.id, by=world.ben.id, reason="r")
    else:
        x = world.begun(c.accept(x.id, by=world.anna.id))
        if final is ExchangeState.NO_SHOW:
            x = c.no_show(x.id, by=world.anna.id)
        else:
            x = c.complete(x.id, by=world.ben.id)
            if final is ExchangeState.CONFIRMED:
                x = c.confirm(x.id, by=world.anna.id)
            else:
                x = c.dispute(x.id, by=world.anna.id, reason="r")
                x = c.resolve(x.id, by=world.carla.id, hours=1, reason="r")
    assert x.state is final
    postings_before = len(c.postings())
    with pytest.raises(IllegalTransition) as info:
        if name == "resolve":
            c.resolve(x.id, by=world.carla.id, hours=1, reason="again")
        elif name in ("cancel", "dispute"):
            getattr(c, name)(x.id, by=world.carla.id, reason="again")
        else:
            getattr(c, name)(x.id, by=world.carla.id)
    assert info.value.params["state_code"] == final.value
    assert c.exchange(x.id).state is final
    assert len(c.postings()) == postings_before


def test_illegal_transition_message_in_german(world: World) -> None:
    x = world.completed()
    x = world.c.confirm(x.id, by=world.anna.id)
    with pytest.raises(IllegalTransition) as info:
        world.c.cancel(x.id, by=world.anna.id, reason="zu spät")
    german = info.value.message("de")
    assert "Einsatz" in german and "endgültig" in german
