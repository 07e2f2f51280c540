"""The plugin system: discovery, disabling, isolation of best-effort hooks, vetoes."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

import sorgende
from sorgende import OPERATOR, ActorKind, ExchangeState, RequestStatus
from sorgende.domain.events import DomainEvent, ExchangeAccepted, RequestPosted
from sorgende.errors import PluginError, UnknownStorage, Vetoed
from sorgende.notifications import Notification
from sorgende.plugins import DEFAULT_PLUGINS, make_plugin_manager, plugin_summary
from tests.conftest import Clock, World

testplugin = pytest.importorskip(
    "sorgende_testplugin",
    reason="install the test plugin distribution: pip install -e tests/plugin_dist",
)


@pytest.fixture(autouse=True)
def _clear_recorded() -> Iterator[None]:
    testplugin.RECORDED.clear()
    yield
    testplugin.RECORDED.clear()


class Recorder:
    def __init__(self) -> None:
        self.events: list[DomainEvent] = []

    @sorgende.hookimpl
    def sorgende_events_committed(self, events: Sequence[DomainEvent]) -> None:
        self.events.extend(events)


class Exploding:
    @sorgende.hookimpl
    def sorgende_events_committed(self, events: Sequence[DomainEvent]) -> None:
        raise RuntimeError("observer is broken")


def test_installed_plugin_is_discovered_through_the_entry_point_group() -> None:
    with sorgende.open("memory://") as platform:
        assert "testplugin" in platform.plugins.plugin_names()
        c = platform.create_community("Daun")
        assert "dog_walking" in {cat.code for cat in c.categories()}
        c.add_place("Daun")
        assert any(type(e).__name__ == "PlaceAdded" for e in testplugin.RECORDED)
    summary = {row["name"]: row for row in plugin_summary(platform.plugins)}
    assert summary["testplugin"]["distribution"] == "sorgende-testplugin"
    assert "sorgende_events_committed" in summary["testplugin"]["hooks"]


def test_disabled_plugin_is_not_called() -> None:
    with sorgende.open("memory://", disabled_plugins=["testplugin"]) as platform:
        assert "testplugin" not in platform.plugins.plugin_names()
        c = platform.create_community("Daun")
        c.add_place("Daun")
        assert "dog_walking" not in {cat.code for cat in c.categories()}
    assert testplugin.RECORDED == []


def test_disabled_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SORGENDE_DISABLE_PLUGINS", "testplugin, matching")
    with sorgende.open("memory://") as platform:
        names = platform.plugins.plugin_names()
    assert "testplugin" not in names
    assert "sorgende.default_plugins.matching" not in names
    assert platform.score_terms == []


def test_default_plugins_can_be_disabled_by_short_name() -> None:
    pm = make_plugin_manager(disabled=["categories"], load_entrypoints=False)
    assert "sorgende.default_plugins.categories" not in pm.plugin_names()
    assert len(pm.plugin_names()) == len(DEFAULT_PLUGINS) - 1


def test_raising_observer_loses_no_data_and_others_still_run(
    world: World, caplog: pytest.LogCaptureFixture, clock: Clock
) -> None:
    recorder = Recorder()
    platform = sorgende.open(
        "memory://", plugins=[Exploding(), recorder], load_entrypoints=False, clock=clock
    )
    platform.plugins.register(Exploding(), name="second-exploder")
    c = platform.create_community("Daun")
    place = c.add_place("Daun")
    anna = c.register_actor(ActorKind.PERSON, "Anna", home_place_id=place.id)
    ben = c.register_actor(ActorKind.PERSON, "Ben")
    with caplog.at_level(logging.ERROR, logger="sorgende.plugins"):
        r = c.post_request(anna.id, "shopping", place.id, world.window(), 1)
        x = c.propose(request_id=r.id, by=ben.id)
        x = c.accept(x.id, by=anna.id)
    assert c.request(r.id).status is RequestStatus.MATCHED
    assert c.exchange(x.id).state is ExchangeState.ACCEPTED
    assert any(isinstance(e, RequestPosted) for e in recorder.events)
    assert any(isinstance(e, ExchangeAccepted) for e in recorder.events)
    failures = [
        r for r in caplog.records if "failed in sorgende_events_committed" in r.getMessage()
    ]
    assert any("second-exploder" in r.getMessage() for r in failures)
    assert len(failures) >= 2 * 3  # both exploders, for each of the three use cases


def test_events_arrive_after_commit_in_order(platform: sorgende.Platform, world: World) -> None:
    seen: list[tuple[str, ExchangeState]] = []

    class Checker:
        @sorgende.hookimpl
        def sorgende_events_committed(self, events: Sequence[DomainEvent]) -> None:
            for event in events:
                if isinstance(event, ExchangeAccepted):
                    # the change is visible to a fresh read: it was committed before
                    seen.append((event.name, world.c.exchange(event.exchange_id).state))

    platform.plugins.register(Checker())
    world.accepted()
    assert seen == [("exchange_accepted", ExchangeState.ACCEPTED)]


class Veto:
    @sorgende.hookimpl
    def sorgende_veto(self, action: str, subject: Any) -> str | None:
        if action == "post_request" and subject.category == "garden":
            return "gardening is paused in winter"
        return None


def test_veto_refuses_and_writes_nothing(platform: sorgende.Platform, world: World) -> None:
    platform.plugins.register(Veto(), name="winter-rules")
    with pytest.raises(Vetoed) as info:
        world.request(category="garden")
    assert "winter-rules" in str(info.value) and "winter" in str(info.value)
    assert world.c.requests() == []
    assert world.request(category="shopping")


def test_a_deciding_hook_that_crashes_names_the_plugin(
    platform: sorgende.Platform, world: World
) -> None:
    class Broken:
        @sorgende.hookimpl
        def sorgende_veto(self, action: str) -> str | None:
            raise KeyError("oops")

    platform.plugins.register(Broken(), name="broken-veto")
    with pytest.raises(PluginError, match="broken-veto"):
        world.request()
    assert world.c.requests() == []


def test_score_terms_from_a_plugin_change_the_ranking(
    platform: sorgende.Platform, world: World
) -> None:
    r = world.request()
    default = [cand.actor.name for cand in world.c.candidates_for(r.id)]
    assert "Anna" not in default  # the recipient never helps herself
    assert default[0] in {"Ben", "Carla"}  # both live in Daun, next to the request

    class PreferDora:
        name = "prefer_dora"
        weight = 100.0

        def score(self, context: object, actor: sorgende.Actor) -> float:
            return 1.0 if actor.name == "Dora" else 0.0

    platform.score_terms.append(PreferDora())
    ranked = world.c.candidates_for(r.id)
    assert ranked[0].actor.name == "Dora"
    assert ranked[0].terms["prefer_dora"] == 1.0


def test_candidates_respect_qualification_and_availability(world: World) -> None:
    r = world.request(category="rides")
    assert [cand.actor.name for cand in world.c.candidates_for(r.id)] == ["Ben"]
    # Ben is busy at that time with another accepted exchange
    other = world.request(category="shopping")
    x = world.c.propose(request_id=other.id, by=world.ben.id)
    world.c.accept(x.id, by=world.anna.id)
    assert world.c.candidates_for(r.id) == []


def test_unimplemented_hook_is_skipped_and_cache_follows_registration(
    platform: sorgende.Platform,
) -> None:
    pm = platform.plugins
    assert pm.implementations("sorgende_veto") == ()
    pm.register(Veto(), name="v")
    assert [i.plugin_name for i in pm.implementations("sorgende_veto")] == ["v"]
    pm.unregister(name="v")
    assert pm.implementations("sorgende_veto") == ()


def test_notification_channels_get_consenting_people_only(
    clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    sent: list[Notification] = []

    class Inbox:
        name = "inbox"

        def send(self, notification: Notification) -> None:
            sent.append(notification)

    class Down:
        name = "down"

        def send(self, notification: Notification) -> None:
            raise ConnectionError("SMTP server unreachable")

    class Channels:
        @sorgende.hookimpl
        def sorgende_notification_channels(self) -> list[object]:
            return [Down(), Inbox()]  # (the hook may omit its settings argument)

    platform = sorgende.open("memory://", plugins=[Channels()], load_entrypoints=False, clock=clock)
    c = platform.create_community("Daun")
    place = c.add_place("Daun")
    anna = c.register_actor(
        ActorKind.PERSON, "Anna", home_place_id=place.id, consent=sorgende.Consent(contact=True)
    )
    ben = c.register_actor(ActorKind.PERSON, "Ben")
    from datetime import timedelta

    start = clock.now + timedelta(days=1)
    r = c.post_request(anna.id, "shopping", place.id, sorgende.TimeWindow(start, start), 1)
    x = c.propose(request_id=r.id, by=ben.id)
    assert c.exchange(x.id).state is ExchangeState.PROPOSED
    assert sent == []  # written to the outbox with the use case; the dispatcher delivers
    with caplog.at_level(logging.WARNING):
        platform.notifications.flush()
    assert [(n.actor_id, n.event.name) for n in sent] == [(anna.id, "exchange_proposed")]
    assert "channel 'down' (plugin" in caplog.text
    c.accept(x.id, by=anna.id)  # Ben did not consent to contact, Anna acted herself
    platform.notifications.flush()
    assert len(sent) == 1


def test_unknown_storage_url_names_the_schemes() -> None:
    with pytest.raises(UnknownStorage) as info:
        sorgende.open("nosuch://x", load_entrypoints=False)
    assert "memory" in str(info.value)


def test_plugin_export_and_erase_hooks(platform: sorgende.Platform, world: World) -> None:
    held: dict[uuid.UUID, str] = {world.anna.id: "newsletter subscriber"}

    class Newsletter:
        @sorgende.hookimpl
        def sorgende_export_person(self, actor_id: uuid.UUID) -> dict[str, str] | None:
            return {"status": held[actor_id]} if actor_id in held else None

        @sorgende.hookimpl
        def sorgende_erase_person(self, actor_id: uuid.UUID) -> None:
            held.pop(actor_id, None)

    platform.plugins.register(Newsletter(), name="newsletter")
    assert world.c.export_person(world.anna.id, by=OPERATOR)["plugins"] == {
        "newsletter": {"status": "newsletter subscriber"}
    }
    world.c.erase_person(world.anna.id, by=OPERATOR)
    assert held == {}
    assert world.c.export_person(world.anna.id, by=OPERATOR)["plugins"] == {}


def test_failing_plugin_erasure_erases_nothing(platform: sorgende.Platform, world: World) -> None:
    class Stuck:
        @sorgende.hookimpl
        def sorgende_erase_person(self, actor_id: uuid.UUID) -> None:
            raise OSError("archive offline")

    platform.plugins.register(Stuck(), name="archive")
    with pytest.raises(PluginError, match="archive"):
        world.c.erase_person(world.anna.id, by=OPERATOR)
    assert world.c.actor(world.anna.id).name == "Anna"
