"""The crisis from intake to retention: registration (merged by phone), tasks, batch
dispatch within capacity, confirmation, check-in and -out, the situation picture,
certificate, conversion with hours, and erasure after the retention period."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from crisis_town import START, Clock, Town, form
from sorgende_crisis import DispatchRefused, NotCrisisStaff, Throttle, Throttled
from sorgende_crisis.model import DispatchState, HelperState

from sorgende.errors import InvalidValue


def task(town: Town, capacity: int = 3, **extra: object):  # type: ignore[no-untyped-def]
    values: dict[str, object] = {
        "title": "Keller ausräumen",
        "place_id": town.places[0],
        "starts_at": START + timedelta(hours=2),
        "ends_at": START + timedelta(hours=6),
        "capacity": capacity,
        "meeting_point": "Feuerwehrhaus Altenahr",
    }
    values.update(extra)
    return town.crisis.add_task(town.crisis_id, by=town.staff, **values)  # type: ignore[arg-type]


def test_same_phone_is_merged(town: Town) -> None:
    first = town.crisis.register(town.crisis_id, form("0171 2345678", skills="tragen"))
    again = town.crisis.register(
        town.crisis_id, form("+49 171 2345678", skills="pumpen", equipment="Pumpe")
    )
    assert first.id == again.id
    helpers = town.crisis.helpers(town.crisis_id)
    assert len(helpers) == 1
    assert helpers[0].registrations == 2
    assert set(helpers[0].skills) == {"tragen", "pumpen"}
    assert helpers[0].equipment == ("pumpe",)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (form(phone=""), "phone"),
        (form(phone="call me"), "phone"),
        (form(phone="12"), "phone"),
        (form(name="<script>alert(1)</script>"), "name"),
        (form(comes_from="x" * 10_000), "comes_from"),
        (form(skills="a" * 10_000), "skills"),
        (form(adult=""), "adult"),
        (form(consent_contact=""), "consent_contact"),
        (form(channel="email"), "email"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(town: Town, data: dict, field: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        town.crisis.register(town.crisis_id, data, source="10.0.0.1")
    assert refused.value.params["field_name"] == field
    assert refused.value.message("de")  # a message for a person
    assert "script" not in refused.value.message("de")  # what was typed is not echoed
    assert town.crisis.helpers(town.crisis_id) == []


def test_guardian_consent_lets_a_minor_register(town: Town) -> None:
    helper = town.crisis.register(town.crisis_id, form(adult="", guardian_consent="on"))
    assert not helper.adult and helper.guardian_consent


def test_a_flood_from_one_address_is_throttled(town: Town) -> None:
    now = [0.0]
    crisis = town.crisis
    crisis.throttle = Throttle(limit=3, window=600, clock=lambda: now[0])
    for i in range(3):
        crisis.register(town.crisis_id, form(f"0171 100000{i}"), source="10.0.0.9")
    with pytest.raises(Throttled) as refused:
        crisis.register(town.crisis_id, form("0171 1000009"), source="10.0.0.9")
    assert "Minuten" in refused.value.message("de")
    crisis.register(town.crisis_id, form("0171 1000008"), source="10.0.0.10")
    now[0] = 601.0
    crisis.register(town.crisis_id, form("0171 1000007"), source="10.0.0.9")
    assert len(crisis.helpers(town.crisis_id)) == 5


def test_only_crisis_staff_dispatch(town: Town) -> None:
    with pytest.raises(NotCrisisStaff):
        town.crisis.add_task(
            town.crisis_id,
            by=town.resident,
            title="x",
            place_id=town.places[0],
            starts_at=START,
            ends_at=START + timedelta(hours=1),
            capacity=1,
        )


def test_matching_by_skill_equipment_place_and_time(town: Town) -> None:
    pump = task(town, capacity=5, equipment="pumpe", title="Keller auspumpen")
    town.crisis.register(town.crisis_id, form("0171 2000001", equipment="Pumpe"))
    town.crisis.register(town.crisis_id, form("0171 2000002"))
    late = START + timedelta(hours=3)
    town.crisis.register(
        town.crisis_id, form("0171 2000003", equipment="Pumpe", available_from=late)
    )
    sent = town.crisis.dispatch(pump.id, by=town.staff)
    assert len(sent) == 1
    helper = town.crisis.helper(sent[0].helper_id)
    assert helper.phone == "+491712000001"
    assert helper.state is HelperState.DISPATCHED


def test_whole_journey_hours_certificate_conversion_and_retention(town: Town, clock: Clock) -> None:
    crisis = town.crisis
    t = task(town, capacity=2)
    a = crisis.register(town.crisis_id, form("0171 3000001", consent_retention="on", name="Ayla"))
    b = crisis.register(town.crisis_id, form("0171 3000002", name="Ben"))
    crisis.register(town.crisis_id, form("0171 3000003", name="Cem"))
    sent = crisis.dispatch(t.id, by=town.staff)
    assert len(sent) == 2
    assert crisis.dispatch(t.id, by=town.staff) == []  # full: never over capacity
    by_helper = {d.helper_id: d for d in sent}
    assert set(by_helper) == {a.id, b.id}  # the earliest registered first
    with pytest.raises(DispatchRefused):
        crisis.confirm(by_helper[a.id].id, code="wrong")
    crisis.confirm(by_helper[a.id].id, code=a.token)
    for helper in (a, b):
        crisis.check_in(by_helper[helper.id].id, code=helper.token)
    picture = crisis.situation(town.crisis_id, by=town.staff)
    assert (picture.registered, picture.dispatched, picture.on_site) == (3, 2, 2)
    clock.advance(hours=3)
    out = crisis.check_out(by_helper[a.id].id, code=a.token)
    assert out.state is DispatchState.CHECKED_OUT and out.minutes == 180
    crisis.check_out(by_helper[b.id].id, by=town.staff)
    picture = crisis.situation(town.crisis_id, by=town.staff)
    assert picture.on_site == 0 and picture.minutes == 360
    certificate = crisis.certificate(a.id, code=a.token)
    assert "Ayla" in certificate and "Hochwasser Ahr" in certificate, certificate

    with pytest.raises(DispatchRefused):
        crisis.convert(b.id, by=town.staff)  # no consent
    member = crisis.convert(a.id, by=town.staff)
    community = town.platform.community(town.community_id)
    assert community.balance(member).minutes == 180

    crisis.close_crisis(town.crisis_id, by=town.staff)
    clock.advance(days=29)
    assert crisis.run_retention(by=town.staff) == 0
    clock.advance(days=2)
    assert crisis.run_retention(by=town.staff) == 3
    assert crisis.helpers(town.crisis_id) == []
    assert crisis.dispatches(task_id=t.id) == []
    picture = crisis.situation(town.crisis_id, by=town.staff)
    assert picture.minutes == 360  # the hours given stay, without names


def test_a_reported_need_keeps_its_task_and_loses_its_reporter(town: Town, clock: Clock) -> None:
    crisis = town.crisis
    report = {
        "what": "Möbel aus dem Erdgeschoss tragen",
        "place_id": town.places[0],
        "address": "Am Ufer 2",
        "helpers": "4",
        "name": "Anwohnerin Schmitz",
        "phone": "0171 9998887",
        "consent_contact": "on",
    }
    task = crisis.report_need(town.crisis_id, report, source="10.0.0.9")
    assert task.reported and not task.open and task.priority == 2
    with pytest.raises(InvalidValue) as refused:
        crisis.report_need(town.crisis_id, {**report, "place_id": uuid.uuid4()})
    assert refused.value.params["field_name"] == "place_id"
    assert len(crisis.tasks(town.crisis_id)) == 1
    crisis.close_crisis(town.crisis_id, by=town.staff)
    clock.advance(days=31)
    crisis.run_retention(by=town.staff)
    kept = crisis.task(task.id)
    assert (kept.title, kept.capacity) == ("Möbel aus dem Erdgeschoss tragen", 4)
    assert (kept.reporter_name, kept.reporter_phone, kept.address) == ("", "", "")
