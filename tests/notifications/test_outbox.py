"""The outbox: written with the use case, fanned out by preferences, delivered by dispatchers."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import sorgende
from sorgende import ActorKind, Consent, ExchangeState
from sorgende.config import Settings
from sorgende.default_plugins.memory_storage import MemoryStorage
from sorgende.errors import (
    ConfigError,
    InvalidChannel,
    InvalidValue,
    NotFound,
    OutboxUnsupported,
    PermissionDenied,
    SelfHelp,
    Vetoed,
)
from sorgende.notifications import Notification
from sorgende.notifications.dispatcher import Dispatcher
from sorgende.notifications.policy import NotificationSettings, backoff, digest_cutoff
from sorgende.notifications.records import DeliveryStatus, QuietHours
from tests.conftest import START, Clock
from tests.notifications.helpers import (
    Channels,
    Down,
    Recorder,
    SingleOnly,
    Town,
    open_platform,
    settle,
)

ROOT = Path(__file__).parent.parent.parent


@pytest.fixture(params=["memory", "sqlite"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return "memory://" if request.param == "memory" else f"sqlite:///{tmp_path / 'o.db'}"


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def inbox() -> Recorder:
    return Recorder()


@pytest.fixture
def platform(url: str, clock: Clock, inbox: Recorder) -> Iterator[sorgende.Platform]:
    with open_platform(url, inbox, clock=clock) as p:
        yield p


@pytest.fixture
def town(platform: sorgende.Platform) -> Town:
    return settle(platform)


def propose(town: Town, clock: Clock, by_helper: bool = True) -> sorgende.Exchange:
    request = town.c.post_request(town.anna.id, "shopping", town.daun.id, town.window(clock.now), 1)
    return town.c.propose(request_id=request.id, by=town.ben.id)


# --- written with the use case ------------------------------------------------------


def test_without_a_channel_nothing_is_written(clock: Clock) -> None:
    with open_platform("memory://", clock=clock) as platform:
        assert not platform.outbox_enabled
        town = settle(platform)
        propose(town, clock)
        assert platform.notifications.counts()["outbox"] == 0
        assert platform.notifications.flush().busy is False


def test_the_outbox_entry_is_part_of_the_use_cases_transaction(
    platform: sorgende.Platform, town: Town, clock: Clock, inbox: Recorder
) -> None:
    counts = platform.notifications.counts
    assert counts()["outbox"] == 0  # registering people and places concerns nobody
    exchange = propose(town, clock)
    assert counts()["outbox"] == 1  # post_request concerns nobody, propose does
    assert inbox.got == []  # nothing is sent from inside the use case
    # a use case that fails writes nothing, its notifications neither
    with pytest.raises(SelfHelp):
        request = town.c.post_request(
            town.anna.id, "shopping", town.daun.id, town.window(clock.now), 1
        )
        town.c.propose(request_id=request.id, by=town.anna.id)
    assert counts()["outbox"] == 1

    class Refuse:
        @sorgende.hookimpl
        def sorgende_veto(self, action: str) -> str | None:
            return "not today" if action == "accept" else None

    platform.plugins.register(Refuse(), name="refuse")
    with pytest.raises(Vetoed):
        town.c.accept(exchange.id, by=town.anna.id)
    platform.plugins.unregister(name="refuse")
    assert counts()["outbox"] == 1
    assert town.c.exchange(exchange.id).state is ExchangeState.PROPOSED
    report = platform.notifications.flush()
    assert (report.fanned_out, report.sent) == (1, 1)
    assert inbox.told() == [(town.anna.id, "ExchangeProposed")]
    assert counts()["outbox"] == 0


def test_a_process_that_dies_after_the_commit_loses_no_notification(tmp_path: Path) -> None:
    """The use case commits in a process that ends before any dispatcher ran."""
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    script = f"""
import os, sorgende
from datetime import UTC, datetime, timedelta
from sorgende import ActorKind, Consent
from tests.notifications.helpers import Recorder, open_platform

platform = open_platform({url!r}, Recorder(), clock=lambda: datetime(2026, 3, 2, 8, tzinfo=UTC))
c = platform.create_community("Daun")
place = c.add_place("Daun")
anna = c.register_actor(ActorKind.PERSON, "Anna", consent=Consent(contact=True))
ben = c.register_actor(ActorKind.PERSON, "Ben", consent=Consent(contact=True))
start = datetime(2026, 3, 3, 9, tzinfo=UTC)
request = c.post_request(anna.id, "shopping", place.id, sorgende.TimeWindow(start, start), 1)
c.propose(request_id=request.id, by=ben.id)
print(anna.id, flush=True)
os._exit(0)  # no clean shutdown, no dispatcher
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    anna = uuid.UUID(done.stdout.strip())
    inbox = Recorder()
    with open_platform(url, inbox, clock=Clock(START)) as platform:
        assert platform.notifications.counts()["outbox"] == 1
        platform.notifications.flush()
    assert inbox.told() == [(anna, "ExchangeProposed")]


# --- who is told what ---------------------------------------------------------------


def test_the_concerned_people_who_consented_are_told_not_who_acted(
    platform: sorgende.Platform, town: Town, clock: Clock, inbox: Recorder
) -> None:
    c = town.c
    exchange = propose(town, clock)
    c.accept(exchange.id, by=town.carla.id)  # a coordinator, for Anna: both are told
    request = c.post_request(town.anna.id, "shopping", town.daun.id, town.window(clock.now, 2), 1)
    other = c.propose(request_id=request.id, by=town.dora.id)  # Dora did not consent
    c.accept(other.id, by=town.anna.id)  # Anna acted: only Dora would be told
    platform.notifications.flush()
    assert inbox.told() == [
        (town.anna.id, "ExchangeProposed"),
        (town.ben.id, "ExchangeAccepted"),
        (town.anna.id, "ExchangeAccepted"),
        (town.anna.id, "ExchangeProposed"),
    ]
    first = inbox.got[0]
    assert first.language == "de"
    assert first.attempt == 1
    assert first.recipient is not None and first.recipient.email == "anna@example.org"
    assert first.key.endswith(f":{town.anna.id}:inbox")
    assert len(set(inbox.keys())) == 4
    details = first.details
    assert details["counterpart"] == "Ben"
    assert details["role"] == "recipient"
    assert details["category"] == "Einkaufen"
    assert details["place"] == "Daun"
    assert details["minutes"] == 60
    assert details["scheduled"] == clock.now + timedelta(days=1)
    assert details["community"] == "Verbandsgemeinde Daun"


def test_preferences_choose_kinds_and_language_per_person(
    platform: sorgende.Platform, town: Town, clock: Clock, inbox: Recorder
) -> None:
    c = town.c
    prefs = c.set_notification_preferences(
        town.anna.id, by=town.anna.id, kinds={"inbox": ["ExchangeCompleted"]}, language="en"
    )
    assert prefs.version == 1 and prefs.wants("inbox", "ExchangeCompleted")
    assert not prefs.wants("inbox", "ExchangeProposed")
    exchange = propose(town, clock)
    c.accept(exchange.id, by=town.anna.id)
    clock.now = exchange.scheduled  # reported once the help began
    c.complete(exchange.id, by=town.ben.id)
    platform.notifications.flush()
    # Anna wants completions only (in English); Ben, with the defaults, in German
    assert inbox.told() == [(town.ben.id, "ExchangeAccepted"), (town.anna.id, "ExchangeCompleted")]
    assert [n.language for n in inbox.got] == ["de", "en"]
    assert inbox.got[1].details["category"] == "Shopping"
    # the channel switched off, then the defaults back
    c.set_notification_preferences(town.anna.id, by=town.anna.id, kinds={"inbox": []})
    c.confirm(exchange.id, by=town.anna.id)  # Ben is told (confirmation, recognition)
    platform.notifications.flush()
    assert [kind for _, kind in inbox.told()[2:]] == ["ExchangeConfirmed", "RecognitionAwarded"]
    again = c.set_notification_preferences(town.anna.id, by=town.anna.id, kinds={"inbox": None})
    assert again.kinds == {} and again.version == 3 and again.language == "en"
    assert c.notification_preferences(town.anna.id) == again
    assert c.notification_preferences(town.ben.id).version == 1  # the defaults


def test_setting_preferences_is_checked(
    platform: sorgende.Platform, town: Town, clock: Clock
) -> None:
    c = town.c
    with pytest.raises(PermissionDenied):
        c.set_notification_preferences(town.anna.id, by=town.ben.id, language="en")
    c.set_notification_preferences(town.anna.id, by=town.carla.id, language="en")  # coordinator
    with pytest.raises(InvalidValue) as info:
        c.set_notification_preferences(town.anna.id, by=town.anna.id, kinds={"sms": []})
    assert "sms" in info.value.message("de") and "inbox" in info.value.message("de")
    with pytest.raises(InvalidValue, match="ExchangeAcepted"):
        c.set_notification_preferences(
            town.anna.id, by=town.anna.id, kinds={"inbox": ["ExchangeAcepted"]}
        )
    with pytest.raises(InvalidValue):
        c.set_notification_preferences(
            town.anna.id,
            by=town.anna.id,
            kinds={"inbox": "ExchangeAccepted"},  # type: ignore[dict-item]
        )
    with pytest.raises(InvalidValue) as bad:
        c.set_notification_preferences(town.anna.id, by=town.anna.id, quiet_hours="nachts")
    assert bad.value.message("de").startswith("Ruhezeit: 'nachts' ist keine Zeitspanne")
    with pytest.raises(InvalidValue):
        c.set_notification_preferences(town.anna.id, by=town.anna.id, language="fr")
    with pytest.raises(NotFound):
        c.set_notification_preferences(uuid.uuid4(), by=town.anna.id, language="en")
    assert c.notification_preferences(town.anna.id).language == "en"


def test_a_channel_that_cannot_reach_a_person_gets_no_delivery(clock: Clock) -> None:
    class Letters(Recorder):
        def reaches(self, actor: sorgende.Actor) -> bool:
            return actor.name != "Anna"

    letters = Letters("letters")
    with open_platform("memory://", letters, clock=clock) as platform:
        town = settle(platform)
        exchange = propose(town, clock)
        town.c.accept(exchange.id, by=town.anna.id)
        platform.notifications.flush()
    assert letters.told() == [(town.ben.id, "ExchangeAccepted")]


def test_channels_of_the_events_audience_get_every_event_once(clock: Clock, url: str) -> None:
    hook, inbox = Recorder("hook", audience="events"), Recorder()
    with open_platform(url, hook, inbox, clock=clock) as platform:
        town = settle(platform)
        exchange = propose(town, clock)
        town.c.accept(exchange.id, by=town.anna.id)
        platform.notifications.flush()
    kinds = [n.kind for n in hook.got]
    assert kinds[:3] == ["CommunityCreated", "PlaceAdded", "ActorRegistered"]
    assert kinds[-4:] == ["RequestPosted", "ExchangeProposed", "ExchangeAccepted", "RequestMatched"]
    assert all(n.actor_id is None and n.recipient is None for n in hook.got)
    assert all(n.key.endswith(":-:hook") for n in hook.got)
    assert len({n.key for n in hook.got}) == len(hook.got)
    assert inbox.told() == [(town.anna.id, "ExchangeProposed"), (town.ben.id, "ExchangeAccepted")]


def test_channel_names_must_be_unique_and_audiences_known(clock: Clock) -> None:
    with pytest.raises(InvalidChannel) as info:
        open_platform("memory://", Recorder("mail"), Recorder("mail"), clock=clock)
    assert "mail" in info.value.message("de")
    with pytest.raises(InvalidChannel):
        open_platform("memory://", Recorder("x", audience="everyone"), clock=clock)


def test_a_storage_without_an_outbox_is_refused_when_channels_are_configured(
    clock: Clock,
) -> None:
    class Bare:
        """A storage that keeps records but no outbox."""

        def __init__(self) -> None:
            self.inner = MemoryStorage()
            self.url = "bare://"

        def unit_of_work(self, community_id: uuid.UUID) -> object:
            return self.inner.unit_of_work(community_id)

        def community_ids(self) -> object:
            return self.inner.community_ids()

        def close(self) -> None:
            pass

    class BarePlugin:
        @sorgende.hookimpl
        def sorgende_open_storage(self, url: str) -> object:
            return Bare() if url == "bare://" else None

    settings = Settings(load_entrypoints=False)
    with pytest.raises(OutboxUnsupported) as info:
        sorgende.open("bare://", plugins=[BarePlugin(), Channels(Recorder())], settings=settings)
    assert "bare://" in info.value.message("de") and "inbox" in info.value.message("en")
    # without channels the same storage is fine
    sorgende.open("bare://", plugins=[BarePlugin()], settings=settings).close()


# --- quiet hours and digests --------------------------------------------------------


def test_quiet_hours_hold_notifications_until_they_end_except_urgent_ones(url: str) -> None:
    evening = Clock(datetime(2026, 3, 2, 21, 30, tzinfo=UTC))  # 22:30 in Berlin
    inbox = Recorder()
    settings = {"quiet_hours": "21:00-07:00", "time_zone": "Europe/Berlin"}
    with open_platform(url, inbox, clock=evening, notifications=settings) as platform:
        town = settle(platform)
        exchange = propose(town, evening)
        platform.notifications.flush()
        assert inbox.got == []
        (held,) = platform.notifications.deliveries(status=DeliveryStatus.PENDING)
        assert held.next_attempt_at == datetime(2026, 3, 3, 6, 0, tzinfo=UTC)  # 07:00 local
        # a cancellation is urgent: it goes at once, at night too
        town.c.cancel(exchange.id, by=town.ben.id, reason="krank")
        platform.notifications.flush()
        assert inbox.told() == [(town.anna.id, "ExchangeCancelled")]
        # Ben wants no quiet hours at all
        town.c.set_notification_preferences(town.ben.id, by=town.ben.id, quiet_hours="none")
        request = town.c.post_request(
            town.anna.id, "shopping", town.daun.id, town.window(evening.now), 1
        )
        second = town.c.propose(request_id=request.id, by=town.ben.id)
        town.c.decline(second.id, by=town.anna.id)
        platform.notifications.flush()
        assert inbox.told()[-1] == (town.ben.id, "ExchangeDeclined")
        evening.now = datetime(2026, 3, 3, 5, 59, tzinfo=UTC)
        assert platform.notifications.flush().sent == 0
        evening.now = datetime(2026, 3, 3, 6, 0, tzinfo=UTC)
        assert platform.notifications.flush().sent == 2
    assert [kind for _, kind in inbox.told()[2:]] == ["ExchangeProposed", "ExchangeProposed"]


def test_a_daily_digest_collects_a_persons_notifications(url: str, clock: Clock) -> None:
    inbox, single = Recorder(), SingleOnly()
    with open_platform(url, inbox, single, clock=clock) as platform:
        town = settle(platform)
        c = town.c
        with pytest.raises(InvalidValue):
            c.set_notification_preferences(town.anna.id, by=town.anna.id, digest=["single"])
        c.set_notification_preferences(town.anna.id, by=town.anna.id, digest=["inbox"])
        first = propose(town, clock)  # Monday 09:00 Berlin
        clock.advance(hours=3)
        request = c.post_request(town.anna.id, "shopping", town.daun.id, town.window(clock.now), 1)
        second = c.propose(request_id=request.id, by=town.ben.id)
        c.cancel(first.id, by=town.ben.id, reason="krank")  # urgent: not held
        platform.notifications.flush()
        assert inbox.told() == [(town.anna.id, "ExchangeCancelled")]
        assert len(single.got) == 3  # the channel without digests sends them singly
        assert platform.notifications.counts()["held"] == 2
        # before Tuesday 07:00 (Berlin) nothing is due
        report = platform.notifications.digest()
        assert (report.due, report.composed) == (0, 0)
        clock.now = datetime(2026, 3, 3, 6, 30, tzinfo=UTC)  # Tuesday 07:30 Berlin
        c.decline(second.id, by=town.anna.id)  # Ben is told now; he has no digest
        progress: list[tuple[int, int]] = []
        report = platform.notifications.digest(lambda done, total: progress.append((done, total)))
        # the digest, and the decline to Ben on both channels
        assert (report.due, report.composed, report.delivery.sent) == (1, 1, 3)
        assert progress == [(0, 1), (1, 1)]
        (digest,) = inbox.digests
        assert digest.actor_id == town.anna.id
        assert digest.until == datetime(2026, 3, 3, 6, 0, tzinfo=UTC)
        assert [n.kind for n in digest.notifications] == ["ExchangeProposed", "ExchangeProposed"]
        assert [n.event.exchange_id for n in digest.notifications] == [first.id, second.id]  # type: ignore[attr-defined]
        assert digest.recipient is not None and digest.recipient.name == "Anna"
        assert digest.key.startswith("digest-") and digest.key.endswith(":inbox")
        assert digest.notifications[0].details["counterpart"] == "Ben"
        assert inbox.told()[-1] == (town.ben.id, "ExchangeDeclined")
        again = platform.notifications.digest()
        assert (again.due, again.composed) == (0, 0)
        assert len(inbox.digests) == 1


def test_digest_cutoff_is_the_last_digest_time_in_local_time() -> None:
    settings = NotificationSettings()  # 07:00 Europe/Berlin
    summer = datetime(2026, 7, 1, 4, 59, tzinfo=UTC)  # 06:59 CEST
    assert digest_cutoff(summer, settings) == datetime(2026, 6, 30, 5, 0, tzinfo=UTC)
    assert digest_cutoff(summer + timedelta(minutes=1), settings) == summer + timedelta(minutes=1)
    winter = datetime(2026, 1, 10, 12, tzinfo=UTC)
    assert digest_cutoff(winter, settings) == datetime(2026, 1, 10, 6, 0, tzinfo=UTC)


# --- failures, retries, dead letters ------------------------------------------------


def test_a_failing_channel_is_retried_with_backoff_then_dead_lettered(
    url: str, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    down, inbox = Down(), Recorder()
    settings = {"max_attempts": 4, "backoff_base": 60, "backoff_cap": 600}
    with open_platform(url, down, inbox, clock=clock, notifications=settings) as platform:
        town = settle(platform)
        exchange = propose(town, clock)
        assert town.c.exchange(exchange.id).state is ExchangeState.PROPOSED  # committed
        with caplog.at_level(logging.WARNING, logger="sorgende.notifications"):
            first = platform.notifications.flush()
        assert (first.sent, first.retried) == (1, 1)
        assert inbox.told() == [(town.anna.id, "ExchangeProposed")]  # not held up by "down"
        assert "channel 'down' (plugin" in caplog.text
        assert "ConnectionRefusedError" in caplog.text
        key = down.attempts[0][0]
        policy = platform.notification_settings
        for attempt in range(1, 4):
            (pending,) = platform.notifications.deliveries(status=DeliveryStatus.PENDING)
            wait = backoff(policy, key, attempt)
            assert (
                timedelta(seconds=1)
                <= wait
                <= min(policy.backoff_cap, 60 * 2 ** (attempt - 1) * timedelta(seconds=1))
            )
            assert pending.next_attempt_at == clock.now + wait
            assert pending.last_error == "ConnectionRefusedError: down: connection refused"
            clock.now = pending.next_attempt_at - timedelta(microseconds=1)
            assert platform.notifications.flush().busy is False  # not due yet
            clock.now = pending.next_attempt_at
            report = platform.notifications.flush()
            assert (report.retried, report.dead) == ((1, 0) if attempt < 3 else (0, 1))
        assert down.attempts == [(key, 1), (key, 2), (key, 3), (key, 4)]
        (dead,) = platform.notifications.dead()
        assert (dead.key, dead.attempts, dead.status) == (key, 4, DeliveryStatus.DEAD)
        assert "dead letter" in caplog.text
        clock.advance(days=30)
        assert platform.notifications.flush().busy is False
        # the other channel and the use case were never affected
        town.c.accept(exchange.id, by=town.anna.id)
        platform.notifications.flush()
        assert inbox.told()[-1] == (town.ben.id, "ExchangeAccepted")
        # the server is back; a coordinator queues the dead letter again
        down.up = True
        with pytest.raises(NotFound):
            platform.notifications.retry([uuid.uuid4()])
        assert platform.notifications.retry([dead.id]) == 1
        platform.notifications.flush()
        assert [n.key for n in down.got] == [key, *[n.key for n in down.got[1:]]]
        assert down.got[0].attempt == 1  # a retried dead letter counts afresh
        assert platform.notifications.dead() == []


def test_backoff_is_deterministic_per_key_and_bounded() -> None:
    policy = NotificationSettings(
        backoff_base=timedelta(seconds=30), backoff_cap=timedelta(hours=1)
    )
    waits = [backoff(policy, f"key-{i}", 3) for i in range(200)]
    assert waits == [backoff(policy, f"key-{i}", 3) for i in range(200)]
    assert all(timedelta(seconds=1) <= w <= timedelta(seconds=120) for w in waits)
    assert len(set(waits)) > 150  # spread out (full jitter)
    late = [backoff(policy, f"key-{i}", 20) for i in range(200)]
    assert max(late) <= timedelta(hours=1) and max(late) > timedelta(minutes=30)


def test_a_dispatcher_that_dies_mid_delivery_is_taken_over_with_the_same_key(
    platform: sorgende.Platform, town: Town, clock: Clock, inbox: Recorder
) -> None:
    propose(town, clock)
    dispatcher = Dispatcher(platform)
    dispatcher.fan_out()
    store = platform.storage.outbox()
    (claimed,) = store.claim(clock.now, clock.now + dispatcher.settings.lease, 10)
    # ... the dispatcher sent it and died before recording the outcome
    assert platform.notifications.flush().sent == 0  # leased: nobody else takes it
    clock.advance(minutes=5)
    platform.notifications.flush()
    (redelivered,) = inbox.got
    assert (redelivered.key, redelivered.attempt) == (claimed.key, 2)


def test_a_person_who_withdrew_consent_before_delivery_is_skipped(
    platform: sorgende.Platform, town: Town, clock: Clock, inbox: Recorder
) -> None:
    propose(town, clock)
    platform.notifications.dispatcher.fan_out()
    town.c.set_consent(town.anna.id, Consent(), by=town.anna.id)
    report = platform.notifications.flush()
    assert (report.sent, report.skipped) == (0, 1)
    assert inbox.got == []
    assert platform.notifications.counts()["skipped"] == 1


def test_a_delivery_whose_channel_is_gone_becomes_a_dead_letter(tmp_path: Path) -> None:
    url, clock = f"sqlite:///{tmp_path / 'gone.db'}", Clock(START)
    with open_platform(url, Recorder("old"), clock=clock) as platform:
        town = settle(platform)
        propose(town, clock)
        platform.notifications.dispatcher.fan_out()  # a delivery on "old", not sent yet
    with open_platform(url, Recorder(), clock=clock, notifications={"max_attempts": 1}) as again:
        report = again.notifications.flush()
        assert report.dead == 1
        (dead,) = again.notifications.dead()
        assert dead.last_error == "channel 'old' is not configured"


def test_the_worker_loop_stops_when_asked(
    platform: sorgende.Platform, town: Town, clock: Clock, inbox: Recorder
) -> None:
    propose(town, clock)
    stop = threading.Event()
    results = []
    worker = threading.Thread(target=lambda: results.append(platform.notifications.run(stop, 0.05)))
    worker.start()
    for _ in range(200):
        if inbox.got:
            break
        threading.Event().wait(0.02)
    stop.set()
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert results[0].sent == 1 and len(inbox.got) == 1


def test_purge_deletes_old_finished_deliveries(
    platform: sorgende.Platform, town: Town, clock: Clock
) -> None:
    propose(town, clock)
    platform.notifications.flush()
    assert platform.notifications.purge(timedelta(days=30)) == 0
    clock.advance(days=31)
    assert platform.notifications.purge(timedelta(days=30)) == 1
    assert platform.notifications.counts()["sent"] == 0


# --- settings -----------------------------------------------------------------------


def test_bad_notification_settings_are_refused_in_both_languages(clock: Clock) -> None:
    with pytest.raises(ConfigError) as info:
        open_platform("memory://", clock=clock, notifications={"max_attempts": 0})
    assert "[plugins.notifications] max_attempts" in info.value.message("de")
    assert "ist ungültig" in info.value.message("de")
    assert "is not valid" in info.value.message("en")
    with pytest.raises(ConfigError, match="unknown setting"):
        open_platform("memory://", clock=clock, notifications={"retries": 3})
    with pytest.raises(ConfigError):
        open_platform("memory://", clock=clock, notifications={"time_zone": "Mars/Olympus"})
    with pytest.raises(ConfigError):
        open_platform("memory://", clock=clock, notifications={"quiet_hours": "late"})
    environ = {
        "SORGENDE_NOTIFICATIONS_MAX_ATTEMPTS": "3",
        "SORGENDE_NOTIFICATIONS_QUIET_HOURS": "22:00-06:00",
    }
    read = NotificationSettings.from_settings(Settings(environ=environ))
    assert read.max_attempts == 3
    assert read.quiet_hours == QuietHours.parse("22:00–06:00")


def test_a_hand_made_notification_still_has_a_key_and_a_kind() -> None:
    from sorgende.domain.events import ExchangeAccepted

    cid, helper, recipient = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    event = ExchangeAccepted(cid, START, None, uuid.uuid4(), helper, recipient)
    notification = Notification(cid, recipient, event)
    assert notification.kind == "ExchangeAccepted"
    assert notification.key.endswith(f":{recipient}") and notification.attempt == 1
    assert Notification(cid, recipient, event, key="k").key == "k"
    assert ActorKind.PERSON  # the model is importable next to it


def test_unreadable_rows_do_not_block_the_outbox(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An entry or delivery no version can read (an event type removed since) is set aside."""
    from sqlalchemy import insert, update

    from sorgende.default_plugins.sql import tables

    url, clock, inbox = f"sqlite:///{tmp_path / 'poison.db'}", Clock(START), Recorder()
    with open_platform(url, inbox, clock=clock) as platform:
        town = settle(platform)
        engine = platform.storage.engine  # type: ignore[attr-defined]
        with engine.begin() as conn:
            conn.execute(
                insert(tables.outbox),
                {
                    "id": uuid.uuid4(),
                    "community_id": town.c.community_id,
                    "created_at": 0,
                    "data": [{"type": "ExchangeTeleported", "community_id": "x"}],
                },
            )
        first = propose(town, clock)
        with caplog.at_level(logging.ERROR, logger="sorgende.notifications"):
            report = platform.notifications.flush()
        assert (report.sent, platform.notifications.counts()["outbox"]) == (1, 1)
        assert "cannot be read; it stays in the outbox" in caplog.text
        # a delivery whose event cannot be read becomes a dead letter at once
        town.c.accept(first.id, by=town.anna.id)
        platform.notifications.dispatcher.fan_out()
        with engine.begin() as conn:
            conn.execute(
                update(tables.deliveries)
                .where(tables.deliveries.c.status == "pending")
                .values(data={"type": "ExchangeTeleported"})
            )
        report = platform.notifications.flush()
        assert report.sent == 0
        (dead,) = platform.notifications.dead()
        assert dead.kind == "ExchangeAccepted" and (dead.last_error or "").startswith("unreadable")
        assert platform.notifications.flush().busy is False
