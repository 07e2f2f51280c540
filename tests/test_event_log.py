"""The durable event log: what is logged, numbering, cursors, erasure, plugins' event types."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from datetime import timedelta
from pathlib import Path

import attrs
import pytest

import sorgende
from sorgende import OPERATOR, ActorKind, Platform, TimeWindow
from sorgende.domain import events as ev
from sorgende.domain.events import DomainEvent, LoggedEvent
from sorgende.errors import ConflictError, DuplicateEventType, UnknownEventType, Vetoed
from sorgende.ports import UnitOfWork
from sorgende.serialization import converter, event_type, event_types, from_json, to_json
from sorgende.services.events import read_all, read_batch
from tests.conftest import START, Clock

SETTINGS = sorgende.Settings(load_entrypoints=False)


@attrs.frozen
class ShiftStaffed(DomainEvent):
    """A plugin's own event type (as a shifts plugin would record it)."""

    shift_id: uuid.UUID
    helper_ids: frozenset[uuid.UUID] = frozenset()
    note: str = ""


class ShiftsPlugin:
    @sorgende.hookimpl
    def sorgende_event_types(self) -> list[type[DomainEvent]]:
        return [ShiftStaffed]


class Veto:
    @sorgende.hookimpl
    def sorgende_veto(self, action: str, subject: object) -> str | None:
        return (
            "no" if action == "post_request" and getattr(subject, "title", "") == "veto" else None
        )


@pytest.fixture(params=["memory", "sqlite"])
def platform(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Platform]:
    url = "memory://" if request.param == "memory" else f"sqlite:///{tmp_path / 'log.db'}"
    with sorgende.open(
        url, clock=Clock(START), plugins=[ShiftsPlugin(), Veto()], settings=SETTINGS
    ) as p:
        yield p


def window(days: int = 1) -> TimeWindow:
    start = START + timedelta(days=days)
    return TimeWindow(start, start + timedelta(hours=1))


def logged(platform: Platform, community_id: uuid.UUID) -> list[LoggedEvent]:
    return list(platform.storage.event_log().read(community_id))


def test_every_committed_event_is_logged_in_order_with_gapless_numbers(platform: Platform) -> None:
    c = platform.create_community("Daun")
    place = c.add_place("Daun")
    anna = c.register_actor(ActorKind.PERSON, "Anna", home_place_id=place.id)
    ben = c.register_actor(ActorKind.PERSON, "Ben", home_place_id=place.id)
    request = c.post_request(anna.id, "shopping", place.id, window(), 1)
    exchange = c.propose(request_id=request.id, by=ben.id)
    c.accept(exchange.id, by=anna.id)
    entries = logged(platform, c.community_id)
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert [e.type for e in entries] == [
        "CommunityCreated",
        "PlaceAdded",
        "ActorRegistered",
        "ActorRegistered",
        "RequestPosted",
        "ExchangeProposed",
        "ExchangeAccepted",
        "RequestMatched",
    ]
    accepted = entries[6]
    assert accepted.actor == anna.id and accepted.acted_for is None
    assert accepted.at == START and accepted.community_id == c.community_id
    assert isinstance(accepted.event, ev.ExchangeAccepted)
    assert accepted.event.exchange_id == exchange.id
    assert platform.storage.event_log().head(c.community_id) == len(entries)
    # reading from a sequence number, with a limit
    assert [e.seq for e in platform.storage.event_log().read(c.community_id, 5, 2)] == [6, 7]


def test_each_community_is_numbered_on_its_own(platform: Platform) -> None:
    a = platform.create_community("A")
    b = platform.create_community("B")
    a.add_place("Daun")
    b.add_place("Mehren")
    a.add_place("Gerolstein")
    assert [e.seq for e in logged(platform, a.community_id)] == [1, 2, 3]
    assert [e.seq for e in logged(platform, b.community_id)] == [1, 2]
    assert {e.community_id for e in logged(platform, b.community_id)} == {b.community_id}


def test_the_person_acted_for_is_logged(platform: Platform) -> None:
    c = platform.create_community("Daun")
    place = c.add_place("Daun")
    anna = c.register_actor(ActorKind.PERSON, "Anna", home_place_id=place.id)
    daughter = c.register_actor(ActorKind.PERSON, "Tochter")
    c.trust(anna.id, daughter.id, by=anna.id)
    c.post_request(anna.id, "shopping", place.id, window(), 1, by=daughter.id)
    c.post_request(anna.id, "shopping", place.id, window(2), 1)
    posted = [e for e in logged(platform, c.community_id) if e.type == "RequestPosted"]
    assert (posted[0].actor, posted[0].acted_for) == (daughter.id, anna.id)
    assert posted[0].event.acted_for == anna.id
    assert (posted[1].actor, posted[1].acted_for) == (anna.id, None)


def test_a_failed_or_vetoed_use_case_logs_nothing(platform: Platform) -> None:
    c = platform.create_community("Daun")
    place = c.add_place("Daun")
    anna = c.register_actor(ActorKind.PERSON, "Anna", home_place_id=place.id)
    before = logged(platform, c.community_id)
    with pytest.raises(Vetoed):
        c.post_request(anna.id, "shopping", place.id, window(), 1, title="veto")
    with pytest.raises(sorgende.SorgendeError):
        c.post_request(anna.id, "no-such-category", place.id, window(), 1)
    assert logged(platform, c.community_id) == before
    # a unit of work left without commit, or failing inside, logs nothing either
    with platform.storage.unit_of_work(c.community_id) as uow:
        uow.event_log.append([ev.PlaceAdded(c.community_id, START, None, uuid.uuid4())])
    with pytest.raises(RuntimeError), platform.storage.unit_of_work(c.community_id) as uow:
        uow.event_log.append([ev.PlaceAdded(c.community_id, START, None, uuid.uuid4())])
        raise RuntimeError("inside the unit of work")
    assert logged(platform, c.community_id) == before
    c.add_place("Mehren")
    assert [e.seq for e in logged(platform, c.community_id)] == list(range(1, len(before) + 2))


def test_a_lost_race_logs_nothing(platform: Platform) -> None:
    c = platform.create_community("Daun")
    anna = c.register_actor(ActorKind.PERSON, "Anna")
    storage = platform.storage
    first, second = storage.unit_of_work(c.community_id), storage.unit_of_work(c.community_id)
    with first, second:
        # both read the same version before either writes
        read = [uow.actors.get(anna.id) for uow in (first, second)]
        for uow, actor in zip((first, second), read, strict=True):
            uow.event_log.append([ev.ActorUpdated(c.community_id, START, None, anna.id)])
            if uow is first:
                uow.actors.update(attrs.evolve(actor, name="X", version=actor.version + 1))
                uow.commit()
            else:
                with pytest.raises(ConflictError):
                    uow.actors.update(attrs.evolve(actor, name="Y", version=actor.version + 1))
                    uow.commit()
    assert [e.type for e in logged(platform, c.community_id)][-1] == "ActorUpdated"
    assert len([e for e in logged(platform, c.community_id) if e.type == "ActorUpdated"]) == 1


def test_a_unit_of_work_cannot_log_another_communitys_events(platform: Platform) -> None:
    a = platform.create_community("A")
    b = platform.create_community("B")
    with (
        pytest.raises(sorgende.SorgendeError),
        platform.storage.unit_of_work(a.community_id) as uow,
    ):
        uow.event_log.append([ev.PlaceAdded(b.community_id, START, None, uuid.uuid4())])


# --- readers and cursors ---------------------------------------------------------------


def test_a_reader_commits_its_work_with_its_cursor(platform: Platform) -> None:
    c = platform.create_community("Daun")
    for name in ("Daun", "Mehren", "Gerolstein"):
        c.add_place(name)
    seen: list[int] = []

    def count(uow: UnitOfWork, batch: Sequence[LoggedEvent]) -> None:
        seen.extend(e.seq for e in batch)

    assert read_batch(platform.storage, "counter", c.community_id, count, limit=2) == 2
    assert platform.storage.event_log().cursor("counter", c.community_id) == 2
    assert read_all(platform.storage, "counter", c.community_id, count, limit=2) == 2
    assert seen == [1, 2, 3, 4]
    assert read_batch(platform.storage, "counter", c.community_id, count) == 0

    def fail(uow: UnitOfWork, batch: Sequence[LoggedEvent]) -> None:
        raise RuntimeError("the reader broke")

    c.add_place("Hillesheim")
    with pytest.raises(RuntimeError):
        read_batch(platform.storage, "counter", c.community_id, fail)
    assert platform.storage.event_log().cursor("counter", c.community_id) == 4
    # another reader has its own cursor
    assert platform.storage.event_log().cursor("audit", c.community_id) == 0


def test_two_instances_of_one_reader_cannot_both_take_a_batch(platform: Platform) -> None:
    c = platform.create_community("Daun")
    c.add_place("Daun")
    storage = platform.storage
    first, second = storage.unit_of_work(c.community_id), storage.unit_of_work(c.community_id)
    with first, second:
        # both instances look at the cursor before either moves it
        looks = [
            (uow.event_log.cursor("indicator"), uow.event_log.read(0)) for uow in (first, second)
        ]
        for uow, (start, batch) in zip((first, second), looks, strict=True):
            if uow is first:
                uow.event_log.advance("indicator", start, batch[-1].seq)
                uow.commit()
            else:
                with pytest.raises(ConflictError):
                    uow.event_log.advance("indicator", start, batch[-1].seq)
                    uow.commit()
    assert storage.event_log().cursor("indicator", c.community_id) == 2
    with storage.unit_of_work(c.community_id) as uow, pytest.raises(ConflictError):
        uow.event_log.advance("indicator", 0, 1)  # not where the cursor is
        uow.commit()


# --- erasure ----------------------------------------------------------------------------


def test_erasure_pseudonymises_the_person_in_the_log(platform: Platform) -> None:
    c = platform.create_community("Daun")
    place = c.add_place("Daun")
    anna = c.register_actor(ActorKind.PERSON, "Anna", home_place_id=place.id)
    ben = c.register_actor(ActorKind.PERSON, "Ben", home_place_id=place.id)
    daughter = c.register_actor(ActorKind.PERSON, "Tochter")
    c.trust(anna.id, daughter.id, by=anna.id)
    for days in (1, 2):
        request = c.post_request(anna.id, "shopping", place.id, window(days), 1, by=daughter.id)
        exchange = c.propose(request_id=request.id, by=ben.id)
        c.accept(exchange.id, by=anna.id)
    with platform.storage.unit_of_work(c.community_id) as uow:
        uow.event_log.append(
            [ShiftStaffed(c.community_id, START, None, uuid.uuid4(), frozenset({anna.id, ben.id}))]
        )
        uow.commit()
    before = logged(platform, c.community_id)
    c.erase_person(anna.id, by=OPERATOR)
    after = logged(platform, c.community_id)
    # the events stay, with their numbers; the new one is the erasure itself
    assert [e.seq for e in after[:-1]] == [e.seq for e in before]
    assert after[-1].type == "PersonErased"
    names_anna = [
        e for e in before if anna.id in (e.actor, e.acted_for) or str(anna.id) in to_json(e.event)
    ]
    assert len(names_anna) >= 7
    for entry in after[:-1]:
        assert anna.id not in (entry.actor, entry.acted_for)
        assert str(anna.id) not in to_json(entry.event)
    # one pseudonym for all of them, not the id, and the others untouched
    changed = [a for a, b in zip(after, before, strict=False) if a != b]
    assert len(changed) == len(names_anna)
    pseudonyms = set()
    for old, new in zip(before, after, strict=False):
        if old == new:
            continue
        for field in attrs.fields(type(old.event)):
            was, now = getattr(old.event, field.name), getattr(new.event, field.name)
            if was == anna.id:
                pseudonyms.add(now)
            elif isinstance(was, frozenset) and anna.id in was:
                assert ben.id in now and anna.id not in now
                pseudonyms |= now - {ben.id}
            else:
                assert was == now
    assert len(pseudonyms) == 1 and anna.id not in pseudonyms
    # per-person counts stay right: the same number of requests by someone for one person
    by_for = [e.acted_for for e in after if e.type == "RequestPosted"]
    assert len(set(by_for)) == 1 and len(by_for) == 2
    assert all(e.actor == daughter.id for e in after if e.type == "RequestPosted")


# --- plugins' event types and the converter ---------------------------------------------


def test_a_plugins_event_type_is_registered_logged_and_read_back(platform: Platform) -> None:
    assert event_type("ShiftStaffed") is ShiftStaffed
    assert event_types()["ShiftStaffed"] is ShiftStaffed
    c = platform.create_community("Daun")
    helper = uuid.uuid4()
    staffed = ShiftStaffed(
        c.community_id, START, helper, uuid.uuid4(), frozenset({helper}), note="Frühschicht"
    )
    with platform.storage.unit_of_work(c.community_id) as uow:
        uow.event_log.append([staffed])
        uow.commit()
    last = logged(platform, c.community_id)[-1]
    assert last.type == "ShiftStaffed" and last.event == staffed and last.actor == helper


def test_two_plugins_with_one_event_type_name_fail_naming_both() -> None:
    @attrs.frozen
    class ShiftStaffed(DomainEvent):  # the same name, another class
        other: int = 0

    class Copycat:
        @sorgende.hookimpl
        def sorgende_event_types(self) -> list[type[DomainEvent]]:
            return [ShiftStaffed]

    with pytest.raises(DuplicateEventType) as info:
        sorgende.open("memory://", plugins=[ShiftsPlugin(), Copycat()], settings=SETTINGS)
    message = info.value.message("en")
    assert "'ShiftStaffed'" in message
    # both classes by their place: the one registered first and the newcomer
    assert "(tests.test_event_log.ShiftStaffed)" in message
    assert "test_two_plugins_with_one_event_type_name_fail_naming_both.<locals>" in message

    # a core type's name cannot be taken either
    class RequestPosted(DomainEvent):
        pass

    class Taker:
        @sorgende.hookimpl
        def sorgende_event_types(self) -> list[type[DomainEvent]]:
            return [attrs.frozen(RequestPosted)]

    with pytest.raises(DuplicateEventType) as info:
        sorgende.open("memory://", plugins=[Taker()], settings=SETTINGS)
    assert "Plugin sorgende (sorgende.domain.events.RequestPosted)" in info.value.message("de")


def test_an_unknown_event_type_is_an_error_of_the_family() -> None:
    with pytest.raises(UnknownEventType) as info:
        event_type("NoSuchEvent")
    assert "NoSuchEvent" in info.value.message("de")


def test_events_round_trip_through_the_converter_with_and_without_acted_for() -> None:
    cid, someone = uuid.uuid4(), uuid.uuid4()
    samples: list[DomainEvent] = [
        ev.RequestPosted(cid, START, someone, uuid.uuid4(), uuid.uuid4(), acted_for=someone),
        ev.ExchangeCancelled(cid, START, None, uuid.uuid4(), uuid.uuid4(), someone, reason="x"),
        ShiftStaffed(cid, START, someone, uuid.uuid4(), frozenset({someone, uuid.uuid4()})),
    ]
    for event in samples:
        data = converter.unstructure(event)
        assert data["type"] == type(event).__name__
        assert ("acted_for" in data) == (event.acted_for is not None)
        assert converter.structure(data, DomainEvent) == event  # type: ignore[type-abstract]
        assert from_json(to_json(event), DomainEvent) == event  # type: ignore[type-abstract]
    # events stored before the field existed still read
    old = {"type": "PlaceAdded", "community_id": str(cid), "at": START.isoformat(),
           "by": None, "place_id": str(someone)}  # fmt: skip
    assert converter.structure(old, DomainEvent).acted_for is None  # type: ignore[type-abstract]


def test_exchanges_and_commitments_log_the_person_acted_for(platform: Platform) -> None:
    c = platform.create_community("Daun")
    place = c.add_place("Daun")
    anna = c.register_actor(ActorKind.PERSON, "Anna", home_place_id=place.id)
    ben = c.register_actor(ActorKind.PERSON, "Ben", home_place_id=place.id)
    daughter = c.register_actor(ActorKind.PERSON, "Tochter")
    c.trust(anna.id, daughter.id, by=anna.id)
    c.trust(ben.id, daughter.id, by=ben.id)
    request = c.post_request(anna.id, "shopping", place.id, window(), 1)
    exchange = c.propose(request_id=request.id, by=ben.id)
    c.accept(exchange.id, by=daughter.id)  # for Anna, the recipient
    c.make_commitment(ben.id, 2, categories=["shopping"], by=daughter.id)
    entries = {e.type: e for e in logged(platform, c.community_id)}
    assert (entries["ExchangeProposed"].actor, entries["ExchangeProposed"].acted_for) == (
        ben.id,
        None,
    )
    assert (entries["ExchangeAccepted"].actor, entries["ExchangeAccepted"].acted_for) == (
        daughter.id,
        anna.id,
    )
    assert (entries["CommitmentMade"].actor, entries["CommitmentMade"].acted_for) == (
        daughter.id,
        ben.id,
    )


def test_a_reader_keeps_up_with_writers_on_sqlite(tmp_path: Path) -> None:
    """Use cases commit while the reader reads: lost batches are read again, none twice."""
    import threading

    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    url = f"sqlite:///{tmp_path / 'busy.db'}"
    with sorgende.open(url, settings=SETTINGS) as platform:
        c = platform.create_community("Daun")
        engine = platform.storage.engine  # type: ignore[attr-defined]
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE seen (seq INTEGER PRIMARY KEY)"))
        done = threading.Event()

        def write() -> None:
            for i in range(60):
                c.add_place(f"Ort {i}")
            done.set()

        def handle(uow: UnitOfWork, batch: Sequence[LoggedEvent]) -> None:
            # in the batch's transaction: a lost batch leaves no row, a second sighting fails;
            # a lost race becomes a ConflictError, as the storage's repositories make it
            try:
                for entry in batch:
                    uow.conn.execute(  # type: ignore[attr-defined]
                        text("INSERT INTO seen VALUES (:s)"), {"s": entry.seq}
                    )
            except OperationalError as error:
                raise ConflictError(kind="seen", id=entry.seq, expected="the lock") from error

        writer = threading.Thread(target=write)
        writer.start()
        while not done.is_set():
            read_all(platform.storage, "busy", c.community_id, handle, limit=3, retries=100)
        writer.join()
        read_all(platform.storage, "busy", c.community_id, handle, limit=3)
        with engine.connect() as conn:
            seen = [row[0] for row in conn.execute(text("SELECT seq FROM seen ORDER BY seq"))]
        assert seen == list(range(1, 62))
        assert platform.storage.event_log().cursor("busy", c.community_id) == 61


def test_a_plugin_giving_no_event_class_fails_start_up() -> None:
    class Wrong:
        @sorgende.hookimpl
        def sorgende_event_types(self) -> list[object]:
            return [int]

    with pytest.raises(sorgende.PluginError) as info:
        sorgende.open("memory://", plugins=[Wrong()], settings=SETTINGS)
    assert "int" in info.value.message("en") and "DomainEvent" in info.value.message("en")
