"""The iCalendar feed: parsed back with icalendar, its events, time zone and updates."""

from __future__ import annotations

import io
import sys
import uuid
from datetime import UTC, date, datetime, time, timedelta

import icalendar
import pytest
from dateutil.rrule import rrulestr
from dateutil.tz import tzical

import sorgende
from sorgende import OPERATOR, Consent, Platform, TimeWindow
from sorgende.calendar import (
    CONTENT_TYPE,
    calendar_response,
    feed_token,
    person_feed,
)
from sorgende.domain.actors import Actor
from sorgende.errors import MissingDependency
from tests.calendar.conftest import SECRET
from tests.conftest import World

BERLIN = "Europe/Berlin"


def feed(world: World, actor: Actor, language: str | None = None) -> icalendar.Calendar:
    platform = world.c._platform
    token = feed_token(SECRET, world.c.community_id, actor.id)
    body = calendar_response(platform, token, language=language)
    return icalendar.Calendar.from_ical(body)


def events(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def the_event(world: World, actor: Actor, uid: str) -> icalendar.Event:
    found = events(feed(world, actor))
    assert uid in found, sorted(found)
    return found[uid]


# --- the calendar itself ----------------------------------------------------------------


def test_the_feed_is_an_rfc5545_calendar_with_the_berlin_time_zone(world: World) -> None:
    world.accepted()
    calendar = feed(world, world.ben)
    assert calendar.name == "VCALENDAR"
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"]) == "-//sorgende//calendar feed//DE"
    assert str(calendar["x-wr-calname"]) == "Verbandsgemeinde Daun – Einsätze von Ben"
    assert str(calendar["x-wr-timezone"]) == BERLIN
    assert calendar.to_ical().count(b"REFRESH-INTERVAL;VALUE=DURATION:PT1H") == 1
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == BERLIN
    # the VTIMEZONE itself gives Berlin's offsets: winter +1, summer +2
    tz = zone.to_tz()
    assert datetime(2026, 1, 15, 12, tzinfo=tz).utcoffset() == timedelta(hours=1)
    assert datetime(2026, 7, 15, 12, tzinfo=tz).utcoffset() == timedelta(hours=2)
    assert datetime(2030, 7, 15, 12, tzinfo=tz).utcoffset() == timedelta(hours=2)
    # and so does a second, independent parser of VTIMEZONE (dateutil's), at the changes
    other = tzical(io.StringIO(zone.to_ical().decode())).get()
    assert datetime(2026, 3, 29, 1, 30, tzinfo=other).utcoffset() == timedelta(hours=1)
    assert datetime(2026, 3, 29, 3, 30, tzinfo=other).utcoffset() == timedelta(hours=2)
    assert datetime(2026, 10, 25, 3, 30, tzinfo=other).utcoffset() == timedelta(hours=1)
    assert CONTENT_TYPE == "text/calendar; charset=utf-8"


def test_an_accepted_exchange_is_an_event_at_the_time_of_the_need(world: World) -> None:
    exchange = world.accepted()
    event = the_event(world, world.ben, f"exchange-{exchange.id}@sorgende")
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert event["dtstart"].params["TZID"] == BERLIN
    # the request's window: tomorrow 08:00 to 10:00 UTC, in Berlin 09:00 to 11:00
    assert start == datetime(2026, 3, 3, 8, tzinfo=UTC)
    assert (start.hour, start.utcoffset()) == (9, timedelta(hours=1))
    assert end - start == timedelta(hours=2)
    assert str(event["summary"]) == "Einsatz: Einkaufen für Anna"
    assert str(event["location"]) == "Daun"
    assert str(event["status"]) == "CONFIRMED"
    assert "Stand: zugesagt" in str(event["description"])
    assert "Zeit fürs Zeitkonto: 1,5 Std." in str(event["description"])
    assert event.decoded("dtstamp") == event.decoded("last-modified") == world.clock.now


def test_summer_time_is_kept_in_local_time(world: World, platform: Platform) -> None:
    start = datetime(2026, 7, 7, 7, 30, tzinfo=UTC)
    request = world.c.post_request(
        world.anna.id, "shopping", world.daun.id, TimeWindow(start, start + timedelta(hours=1)), 1
    )
    exchange = world.c.propose(request_id=request.id, by=world.ben.id)
    world.c.accept(exchange.id, by=world.anna.id)
    event = the_event(world, world.ben, f"exchange-{exchange.id}@sorgende")
    local = event.decoded("dtstart")
    assert (local.hour, local.minute, local.utcoffset()) == (9, 30, timedelta(hours=2))
    assert b"DTSTART;TZID=Europe/Berlin:20260707T093000" in calendar_response(
        platform, feed_token(SECRET, world.c.community_id, world.ben.id)
    )


def test_a_proposal_is_not_in_the_calendar_until_it_is_accepted(world: World) -> None:
    request = world.request()
    proposed = world.c.propose(request_id=request.id, by=world.ben.id)
    assert events(feed(world, world.ben)) == {}
    assert events(feed(world, world.anna)) == {}
    world.c.accept(proposed.id, by=world.anna.id)
    assert list(events(feed(world, world.ben))) == [f"exchange-{proposed.id}@sorgende"]
    assert len(events(feed(world, world.anna))) == 1


def test_a_cancelled_exchange_stays_as_cancelled_with_a_higher_sequence(world: World) -> None:
    exchange = world.accepted()
    uid = f"exchange-{exchange.id}@sorgende"
    before = the_event(world, world.ben, uid)
    world.clock.advance(hours=3)
    world.c.cancel(exchange.id, by=world.ben.id, reason="Auto in der Werkstatt")
    after = the_event(world, world.ben, uid)
    assert str(before["status"]) == "CONFIRMED"
    assert str(after["status"]) == "CANCELLED"
    assert int(after["sequence"]) > int(before["sequence"])
    assert after.decoded("last-modified") == world.clock.now > before.decoded("last-modified")
    assert after.decoded("dtstart") == before.decoded("dtstart")
    assert "Grund der Absage: Auto in der Werkstatt" in str(after["description"])
    # the recipient's calendar shows it cancelled too
    [anna_event] = events(feed(world, world.anna)).values()
    assert str(anna_event["status"]) == "CANCELLED"


def test_a_no_show_is_cancelled(world: World) -> None:
    exchange = world.begun(world.accepted())
    world.c.no_show(exchange.id, by=world.anna.id, reason="niemand kam")
    event = the_event(world, world.ben, f"exchange-{exchange.id}@sorgende")
    assert str(event["status"]) == "CANCELLED"
    assert "Stand: nicht zustande gekommen" in str(event["description"])


def test_every_later_step_raises_the_sequence(world: World) -> None:
    exchange = world.accepted()
    uid = f"exchange-{exchange.id}@sorgende"
    sequences = [int(the_event(world, world.ben, uid)["sequence"])]
    world.begun(exchange)
    world.c.complete(exchange.id, by=world.ben.id)
    sequences.append(int(the_event(world, world.ben, uid)["sequence"]))
    world.c.confirm(exchange.id, by=world.anna.id)
    confirmed = the_event(world, world.ben, uid)
    sequences.append(int(confirmed["sequence"]))
    assert sequences == sorted(set(sequences))
    assert str(confirmed["status"]) == "CONFIRMED"
    assert "Stand: bestätigt" in str(confirmed["description"])


def test_a_shift_with_several_helpers_is_one_event_for_the_recipient(world: World) -> None:
    request = world.request(helpers_needed=2, title="Seniorennachmittag")
    ben = world.c.propose(request_id=request.id, by=world.ben.id)
    dora = world.c.propose(request_id=request.id, by=world.dora.id)
    world.c.accept(ben.id, by=world.anna.id)
    world.c.accept(dora.id, by=world.anna.id)
    [(uid, event)] = events(feed(world, world.anna)).items()
    assert uid.startswith(f"request-{request.id}-20260303T080000Z")
    assert str(event["summary"]) == "Hilfe: Seniorennachmittag mit Ben, Dora"
    first_sequence = int(event["sequence"])

    world.c.cancel(dora.id, by=world.dora.id, reason="krank")
    event = events(feed(world, world.anna))[uid]
    assert str(event["status"]) == "CONFIRMED"
    assert str(event["summary"]) == "Hilfe: Seniorennachmittag mit Ben"
    assert "Helfende: Ben (zugesagt), Dora (abgesagt)" in str(event["description"])
    second_sequence = int(event["sequence"])

    world.c.cancel(ben.id, by=world.anna.id, reason="fällt aus")
    event = events(feed(world, world.anna))[uid]
    assert str(event["status"]) == "CANCELLED"
    assert str(event["summary"]) == "Hilfe: Seniorennachmittag"
    assert first_sequence < second_sequence < int(event["sequence"])
    # each helper has their own event of the same shift
    assert str(events(feed(world, world.dora))[f"exchange-{dora.id}@sorgende"]["status"]) == (
        "CANCELLED"
    )


def test_a_person_sees_only_their_own_events(world: World) -> None:
    with_ben = world.accepted()
    request = world.request(category="garden")
    with_dora = world.c.propose(request_id=request.id, by=world.dora.id)
    world.c.accept(with_dora.id, by=world.anna.id)
    world.c.make_commitment(world.dora.id, 2)

    ben = events(feed(world, world.ben))
    dora = events(feed(world, world.dora))
    assert list(ben) == [f"exchange-{with_ben.id}@sorgende"]
    assert f"exchange-{with_dora.id}@sorgende" in dora
    assert f"exchange-{with_ben.id}@sorgende" not in dora
    assert len(events(feed(world, world.anna))) == 2
    assert events(feed(world, world.stranger)) == {}
    assert b"Dora" not in calendar_response(
        world.c._platform, feed_token(SECRET, world.c.community_id, world.ben.id)
    )


def test_contact_details_only_with_consent(world: World) -> None:
    community = world.c
    ben = community.register_actor(
        sorgende.ActorKind.PERSON, "Benno", phone="06592 123", email="benno@example.org"
    )
    exchange = community.propose(request_id=world.request().id, by=ben.id)
    community.accept(exchange.id, by=world.anna.id)
    assert "Kontakt" not in str(next(iter(events(feed(world, world.anna)).values()))["description"])
    community.set_consent(ben.id, Consent(contact=True, share_contact_details=True), by=ben.id)
    description = str(next(iter(events(feed(world, world.anna)).values()))["description"])
    assert "Kontakt Benno: 06592 123, benno@example.org" in description


def test_contact_details_as_the_policy_says(world: World) -> None:
    """The feed asks the core's policy, as the web's pages do: the counterpart's details
    while the exchange is accepted (until it is settled) and if they agreed to share them;
    a community coordinator's feed shows those of whom they coordinate."""
    community = world.c
    share = Consent(contact=True, share_contact_details=True)
    olga = community.register_actor(
        sorgende.ActorKind.PERSON, "Olga", phone="06592 111", consent=share
    )
    quirin = community.register_actor(sorgende.ActorKind.PERSON, "Quirin", phone="06592 222")

    def needs(person: Actor, helper: Actor) -> sorgende.Exchange:
        request = community.post_request(
            person.id, "shopping", window=world.window(), hours=1, place_id=world.daun.id
        )
        proposed = community.propose(request_id=request.id, by=helper.id)
        return community.accept(proposed.id, by=person.id)

    def description(owner: Actor, exchange: sorgende.Exchange) -> str:
        return str(the_event(world, owner, f"exchange-{exchange.id}@sorgende")["description"])

    with_olga = needs(olga, world.ben)
    assert "Kontakt Olga: 06592 111" in description(world.ben, with_olga)
    with_quirin = needs(quirin, world.dora)
    assert "06592 222" not in description(world.dora, with_quirin)
    # Carla coordinates the community (through the association): she sees Quirin's
    for_carla = needs(quirin, world.carla)
    assert "Kontakt Quirin: 06592 222" in description(world.carla, for_carla)
    # settled: the helper no longer needs Olga's details
    world.begun(with_olga)
    community.complete(with_olga.id, by=world.ben.id)
    assert "Kontakt Olga" in description(world.ben, with_olga)
    community.confirm(with_olga.id, by=olga.id)
    assert "Kontakt Olga" not in description(world.ben, with_olga)


def test_english_texts(world: World) -> None:
    exchange = world.accepted()
    calendar = feed(world, world.ben, language="en")
    assert str(calendar["prodid"]).endswith("//EN")
    assert str(calendar["x-wr-calname"]) == "Verbandsgemeinde Daun – Ben"
    event = events(calendar)[f"exchange-{exchange.id}@sorgende"]
    assert str(event["summary"]) == "Helping Anna: Shopping"
    assert "Status: accepted" in str(event["description"])
    assert "Time-bank hours: 1.5 h" in str(event["description"])
    [anna_event] = events(feed(world, world.anna, language="en")).values()
    assert str(anna_event["summary"]) == "Help: Shopping with Ben"


def test_the_same_data_gives_the_same_bytes(world: World) -> None:
    world.accepted()
    world.c.make_commitment(world.ben.id, 1)
    token = feed_token(SECRET, world.c.community_id, world.ben.id)
    first = calendar_response(world.c._platform, token)
    world.clock.advance(minutes=5)
    assert calendar_response(world.c._platform, token) == first


def test_old_exchanges_drop_out_after_the_configured_days(world: World) -> None:
    exchange = world.accepted()
    uid = f"exchange-{exchange.id}@sorgende"
    assert uid in events(feed(world, world.ben))
    world.clock.advance(days=367)
    assert uid not in events(feed(world, world.ben))


# --- self-commitments -------------------------------------------------------------------


def occurrences(event: icalendar.Event, until: date) -> list[date]:
    """The event's dates up to ``until``: its RRULE from DTSTART, without its EXDATEs."""
    start = datetime.combine(event.decoded("dtstart"), time())
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=start)
    exdates = event.get("exdate", [])
    excluded = {d.dt for exdate in (exdates if isinstance(exdates, list) else [exdates])
                for d in exdate.dts}  # fmt: skip
    found = rule.between(start, datetime.combine(until, time()), inc=True)
    return [d.date() for d in found if d.date() not in excluded]


def test_a_weekly_commitment_repeats_weekly_without_its_paused_weeks(world: World) -> None:
    commitment = world.c.make_commitment(world.ben.id, 2, categories=["shopping"])
    uid = f"commitment-{commitment.id}@sorgende"
    event = the_event(world, world.ben, uid)
    assert event.decoded("dtstart") == date(2026, 3, 2)  # the Monday of its first week
    assert event["rrule"]["FREQ"] == ["WEEKLY"]
    assert "UNTIL" not in event["rrule"]
    assert str(event["summary"]) == "Selbstverpflichtung: 2,0 Std. pro Woche"
    assert "Bereiche: Einkaufen" in str(event["description"])
    assert str(event["transp"]) == "TRANSPARENT"
    first_sequence = int(event["sequence"])

    world.clock.advance(days=8)  # Tuesday of the second week
    world.c.pause_commitment(commitment.id, by=world.ben.id)
    paused = the_event(world, world.ben, uid)
    assert paused["rrule"]["UNTIL"] == [date(2026, 3, 9)]  # no period starts while paused
    world.clock.advance(days=7)  # Tuesday of the third week: that week stays paused
    world.c.resume_commitment(commitment.id, by=world.ben.id)
    resumed = the_event(world, world.ben, uid)
    assert first_sequence < int(paused["sequence"]) < int(resumed["sequence"])
    today = world.clock.now.date() + timedelta(days=14)
    dates = occurrences(resumed, today)
    assert dates == [date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 23), date(2026, 3, 30)]
    # the same weeks the domain counts as due
    fulfilment = world.c.fulfilment(commitment.id, today=today)
    assert dates == [p.start for p in fulfilment.periods if p.target_minutes > 0]


def test_an_ended_commitment_stops_repeating(world: World) -> None:
    commitment = world.c.make_commitment(world.ben.id, 4, sorgende.Period.MONTH)
    event = the_event(world, world.ben, f"commitment-{commitment.id}@sorgende")
    assert event.decoded("dtstart") == date(2026, 3, 1)
    assert event["rrule"]["FREQ"] == ["MONTHLY"]
    assert str(event["summary"]) == "Selbstverpflichtung: 4,0 Std. im Monat"
    world.clock.advance(days=45)  # 16 April
    world.c.end_commitment(commitment.id, by=world.ben.id)
    ended = the_event(world, world.ben, f"commitment-{commitment.id}@sorgende")
    assert occurrences(ended, date(2027, 1, 1)) == [date(2026, 3, 1), date(2026, 4, 1)]
    assert str(ended["status"]) == "CONFIRMED"


def test_a_commitment_ended_before_its_first_period_is_cancelled(world: World) -> None:
    commitment = world.c.make_commitment(world.ben.id, 1)  # Monday: its week starts today
    world.c.end_commitment(commitment.id, by=world.ben.id)
    event = the_event(world, world.ben, f"commitment-{commitment.id}@sorgende")
    assert str(event["status"]) == "CANCELLED"
    assert "rrule" not in event


# --- what is refused --------------------------------------------------------------------


def test_an_erased_person_has_no_feed(world: World) -> None:
    from sorgende.errors import UnknownFeedToken

    world.accepted()
    token = feed_token(SECRET, world.c.community_id, world.ben.id)
    world.c.erase_person(world.ben.id, by=OPERATOR)
    with pytest.raises(UnknownFeedToken):
        calendar_response(world.c._platform, token)


def test_person_feed_needs_no_secret(world: World) -> None:
    exchange = world.accepted()
    platform = sorgende.open(
        "memory://", settings=sorgende.Settings(load_entrypoints=False), clock=world.clock
    )
    platform.import_community(world.c._platform.export_community(world.c.community_id))
    body = person_feed(platform, world.c.community_id, world.ben.id)
    assert f"exchange-{exchange.id}@sorgende" in events(icalendar.Calendar.from_ical(body))
    with pytest.raises(sorgende.NotFound):
        person_feed(platform, world.c.community_id, uuid.uuid4())


def test_without_icalendar_the_error_names_the_extra(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.accepted()
    monkeypatch.setitem(sys.modules, "icalendar", None)  # import icalendar now fails
    with pytest.raises(MissingDependency) as missing:
        person_feed(world.c._platform, world.c.community_id, world.ben.id)
    assert "pip install sorgende[calendar]" in missing.value.message("de")
    assert missing.value.message("de").startswith("Kalender-Abos braucht das Paket icalendar")
    assert str(missing.value).startswith("calendar feeds needs the package icalendar")
