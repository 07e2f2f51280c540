"""Qualifications count on the day of the occurrence chosen, at proposal and at acceptance.

The issue's case: a helper whose extended police certificate expired on 15 March was
proposed and accepted for the 18 March occurrence of a weekly request, because only the
first occurrence (4 March) was checked.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest

from sorgende import (
    ExchangeState,
    Frequency,
    HelpRequest,
    Platform,
    Qualification,
    QualificationKind,
    Recurrence,
    TimeWindow,
)
from sorgende.errors import MissingQualification
from tests.conftest import World

BERLIN = ZoneInfo("Europe/Berlin")
FIRST = datetime(2026, 3, 4, 9, 0, tzinfo=BERLIN)  # a Wednesday
MARCH_11, MARCH_18 = FIRST + timedelta(weeks=1), FIRST + timedelta(weeks=2)
POLICE = QualificationKind.POLICE_CERTIFICATE_EXTENDED


def _weekly_childcare(world: World) -> HelpRequest:
    return world.c.post_request(
        world.anna.id,
        "childcare",
        world.daun.id,
        TimeWindow(FIRST, FIRST + timedelta(hours=2)),
        2,
        recurrence=Recurrence(Frequency.WEEKLY, until=date(2026, 4, 30)),
        title="Vorlesestunde in der Kita",
    )


def _certified(world: World, until: date) -> None:
    world.c.add_qualification(
        world.dora.id, Qualification(POLICE, date(2021, 3, 16), until), by=world.carla.id
    )


def test_a_certificate_expired_before_the_occurrence_is_refused_at_proposal(
    world: World,
) -> None:
    _certified(world, until=date(2026, 3, 15))
    request = _weekly_childcare(world)
    # the first and the second occurrence: the certificate is still valid
    for when in (FIRST, MARCH_11):
        world.c.propose(request_id=request.id, by=world.dora.id, scheduled=when)
    with pytest.raises(MissingQualification) as refused:
        world.c.propose(request_id=request.id, by=world.dora.id, scheduled=MARCH_18)
    assert refused.value.params["actor_id"] == world.dora.id
    # a coordinator asking on her behalf is refused the same way
    with pytest.raises(MissingQualification):
        world.c.propose(
            request_id=request.id,
            helper_id=world.dora.id,
            by=world.carla.id,
            scheduled=MARCH_18,
        )


def test_a_certificate_that_expired_since_the_proposal_is_refused_at_acceptance(
    platform: Platform, world: World
) -> None:
    _certified(world, until=date(2030, 1, 1))
    request = _weekly_childcare(world)
    on_18th = world.c.propose(request_id=request.id, by=world.dora.id, scheduled=MARCH_18)
    on_11th = world.c.propose(request_id=request.id, by=world.dora.id, scheduled=MARCH_11)
    # the office learns the certificate ran out on 15 March and corrects the record
    with platform.storage.unit_of_work(world.c.community_id) as uow:
        dora = uow.actors.get(world.dora.id)
        corrected = Qualification(POLICE, date(2021, 3, 16), date(2026, 3, 15))
        uow.actors.update(attrs.evolve(dora, qualifications=(corrected,), version=dora.version + 1))
        uow.commit()
    with pytest.raises(MissingQualification):
        world.c.accept(on_18th.id, by=world.anna.id)
    assert world.c.exchange(on_18th.id).state is ExchangeState.PROPOSED
    assert world.c.accept(on_11th.id, by=world.anna.id).state is ExchangeState.ACCEPTED


def test_the_day_counts_in_the_communitys_time_zone(world: World) -> None:
    """00:30 in Berlin on 16 March is still 15 March in UTC: the local day decides."""
    _certified(world, until=date(2026, 3, 15))
    late = datetime(2026, 3, 16, 0, 30, tzinfo=BERLIN)
    request = world.c.post_request(
        world.anna.id,
        "childcare",
        world.daun.id,
        TimeWindow(late.astimezone(ZoneInfo("UTC")), late + timedelta(hours=1)),
        1,
    )
    with pytest.raises(MissingQualification):
        world.c.propose(request_id=request.id, by=world.dora.id)


def test_an_offer_is_checked_on_the_time_asked_for(world: World) -> None:
    _certified(world, until=date(2026, 3, 15))
    offer = world.c.offer_help(
        world.dora.id,
        "childcare",
        [world.daun.id],
        TimeWindow(FIRST, FIRST + timedelta(hours=2)),
        2,
        recurrence=Recurrence(Frequency.WEEKLY, until=date(2026, 4, 30)),
    )
    assert world.c.propose(offer_id=offer.id, by=world.anna.id, scheduled=MARCH_11)
    with pytest.raises(MissingQualification):
        world.c.propose(offer_id=offer.id, by=world.anna.id, scheduled=MARCH_18)
