"""The request owns its helper places per occurrence; status changes are named transitions."""

from __future__ import annotations

import uuid
from datetime import timedelta

import attrs
import pytest

from sorgende import ExchangeState, Frequency, Platform, Recurrence, RequestStatus, TimeWindow
from sorgende.domain import events as ev
from sorgende.domain.exchanges import Exchange, Party, TransitionRecord
from sorgende.domain.help import HelpRequest
from sorgende.errors import IllegalStatusChange, RequestClosed, RequestFull
from tests.conftest import START, World

WHEN = START + timedelta(days=1)


def _request(**changes: object) -> HelpRequest:
    request = HelpRequest(
        community_id=uuid.uuid4(),
        recipient_id=uuid.uuid4(),
        posted_by=uuid.uuid4(),
        category="shopping",
        place_id=uuid.uuid4(),
        window=TimeWindow(WHEN, WHEN + timedelta(hours=2)),
        minutes=60,
        posted_at=START,
        helpers_needed=2,
    )
    return attrs.evolve(request, **changes)


# -- the domain: claim and release --------------------------------------------------------


def test_claiming_the_last_place_of_a_one_off_request_matches_it() -> None:
    request = _request()
    first, events = request.claim_place(WHEN, 0, at=START, by=None)
    assert first.status is RequestStatus.OPEN and events == []
    assert first.version == request.version + 1  # every claim is a compare-and-set
    last, events = first.claim_place(WHEN, 1, at=START, by=None)
    assert last.status is RequestStatus.MATCHED
    assert [type(e) for e in events] == [ev.RequestMatched]
    assert events[0].request_id == request.id


def test_a_full_occurrence_takes_no_claim() -> None:
    request = _request()
    with pytest.raises(RequestFull):
        request.claim_place(WHEN, 2, at=START, by=None)
    assert request.places_left(2) == 0 and request.places_left(1) == 1


def test_a_recurring_request_has_places_per_occurrence_and_stays_open() -> None:
    request = _request(recurrence=Recurrence(Frequency.WEEKLY), helpers_needed=1)
    claimed, events = request.claim_place(WHEN, 0, at=START, by=None)
    assert claimed.status is RequestStatus.OPEN and events == []
    with pytest.raises(RequestFull):
        claimed.claim_place(WHEN, 1, at=START, by=None)
    claimed.claim_place(WHEN + timedelta(weeks=1), 0, at=START, by=None)


def test_releasing_a_place_reopens_a_matched_request() -> None:
    matched, _ = _request(helpers_needed=1).claim_place(WHEN, 0, at=START, by=None)
    reopened, events = matched.release_place(WHEN, at=START, by=None)
    assert reopened.status is RequestStatus.OPEN
    assert [type(e) for e in events] == [ev.RequestReopened]
    same, events = reopened.release_place(WHEN, at=START, by=None)
    assert same is reopened and events == []


def test_a_matched_request_is_fulfilled_when_every_place_is_settled() -> None:
    matched, _ = _request(helpers_needed=2).claim_place(WHEN, 1, at=START, by=None)
    assert matched.settle([True, False], at=START, by=None) == (matched, [])
    assert matched.settle([True], at=START, by=None) == (matched, [])
    fulfilled, events = matched.settle([True, True], at=START, by=None)
    assert fulfilled.status is RequestStatus.FULFILLED
    assert [type(e) for e in events] == [ev.RequestFulfilled]


def test_a_closed_request_takes_no_claim() -> None:
    with pytest.raises(RequestClosed):
        _request(status=RequestStatus.WITHDRAWN).claim_place(WHEN, 0, at=START, by=None)
    with pytest.raises(RequestFull):
        _request(status=RequestStatus.MATCHED).check_open()


# -- the domain: named transitions ---------------------------------------------------------

ALLOWED = {
    "match": {RequestStatus.OPEN},
    "reopen": {RequestStatus.MATCHED},
    "fulfil": {RequestStatus.OPEN, RequestStatus.MATCHED},
    "expire": {RequestStatus.OPEN, RequestStatus.MATCHED},
    "withdraw": {RequestStatus.OPEN, RequestStatus.MATCHED},
}
TARGET = {
    "match": RequestStatus.MATCHED,
    "reopen": RequestStatus.OPEN,
    "fulfil": RequestStatus.FULFILLED,
    "expire": RequestStatus.EXPIRED,
    "withdraw": RequestStatus.WITHDRAWN,
}


@pytest.mark.parametrize("status", list(RequestStatus))
@pytest.mark.parametrize("change", sorted(ALLOWED))
def test_each_status_change_checks_where_it_comes_from(change: str, status: RequestStatus) -> None:
    request = _request(status=status)
    if status in ALLOWED[change]:
        changed = getattr(request, change)()
        assert changed.status is TARGET[change] and changed.version == request.version + 1
        assert attrs.evolve(changed, status=status, version=request.version) == request
    else:
        with pytest.raises(IllegalStatusChange):
            getattr(request, change)()


def test_no_status_is_set_unchecked() -> None:
    assert not hasattr(HelpRequest, "with_status")


def test_a_transition_keeps_every_field_it_does_not_change() -> None:
    """Evolved by field name: a field added with a default is kept, not reset."""
    organisation = uuid.uuid4()
    helper, recipient = uuid.uuid4(), uuid.uuid4()
    proposed = Exchange(
        community_id=uuid.uuid4(),
        helper_id=helper,
        recipient_id=recipient,
        category="shopping",
        place_id=uuid.uuid4(),
        scheduled=WHEN,
        minutes=60,
        proposed_by=Party.HELPER,
        history=(TransitionRecord("propose", ExchangeState.PROPOSED, helper, Party.HELPER, START),),
        request_id=uuid.uuid4(),
        note="bitte klingeln",
        organisation_id=organisation,
    )
    accepted = proposed.apply("accept", party=Party.RECIPIENT, by=recipient, at=START)
    done = accepted.apply("complete", party=Party.HELPER, by=helper, at=WHEN, minutes=90)
    changed = {"state", "history", "version", "minutes"}
    for field in attrs.fields(Exchange):
        if field.name not in changed:
            assert getattr(done, field.name) == getattr(proposed, field.name), field.name
    assert (done.state, done.version, done.minutes) == (ExchangeState.COMPLETED, 3, 90)
    assert done.organisation_id == organisation


def test_a_subclass_with_a_field_of_its_own_keeps_it() -> None:
    @attrs.frozen
    class Tagged(Exchange):
        tag: str = "x"

    helper = uuid.uuid4()
    tagged = Tagged(
        community_id=uuid.uuid4(),
        helper_id=helper,
        recipient_id=uuid.uuid4(),
        category="shopping",
        place_id=uuid.uuid4(),
        scheduled=WHEN,
        minutes=60,
        proposed_by=Party.RECIPIENT,
        history=(),
        tag="kept",
    )
    moved = tagged.apply("accept", party=Party.HELPER, by=helper, at=START)
    assert isinstance(moved, Tagged) and moved.tag == "kept"


# -- through the use cases -----------------------------------------------------------------


def test_acceptances_take_places_until_the_request_is_full(
    platform: Platform, world: World
) -> None:
    request = world.request(helpers_needed=2)
    ben = world.c.propose(request_id=request.id, by=world.ben.id)
    dora = world.c.propose(request_id=request.id, by=world.dora.id)
    carla = world.c.propose(request_id=request.id, by=world.carla.id)
    world.c.accept(ben.id, by=world.anna.id)
    assert world.c.request(request.id).status is RequestStatus.OPEN
    world.c.accept(dora.id, by=world.anna.id)
    assert world.c.request(request.id).status is RequestStatus.MATCHED
    with pytest.raises(RequestFull):
        world.c.accept(carla.id, by=world.anna.id)
    # a cancellation frees a place: the request is open again and takes the third
    world.c.cancel(dora.id, by=world.dora.id, reason="krank")
    assert world.c.request(request.id).status is RequestStatus.OPEN
    world.c.accept(carla.id, by=world.anna.id)
    assert world.c.request(request.id).status is RequestStatus.MATCHED
    types = [logged.type for logged in platform.storage.event_log().read(world.c.community_id)]
    assert types.count("RequestMatched") == 2 and types.count("RequestReopened") == 1
