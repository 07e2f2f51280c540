"""A stateful test of a shift's places: sign-up, cancellation, no-show, promotion and
check-in in any order keep the shift within its places (also the kept ones), the
waitlist in order with nobody waiting who fits a free place, and every promoted person
notified exactly once through the notification outbox."""

from __future__ import annotations

import contextlib
import uuid
from datetime import UTC, datetime, timedelta

import attrs
import sorgende_projects
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sorgende_projects import SignUpState, rules
from sorgende_projects.events import PromotedFromWaitlist
from sorgende_projects.testing import Clock, build_world

import sorgende
from sorgende.errors import SorgendeError


@attrs.define
class Inbox:
    """A notification channel that keeps what it was given."""

    name: str = "inbox"
    received: list[object] = attrs.field(factory=list)

    def send(self, notification: object) -> None:
        self.received.append(notification)


class Collector:
    """The plugin that gives the inbox and sees every committed event."""

    def __init__(self) -> None:
        self.inbox = Inbox()
        self.promoted: list[PromotedFromWaitlist] = []

    @sorgende.hookimpl
    def sorgende_notification_channels(self) -> list[Inbox]:
        return [self.inbox]

    @sorgende.hookimpl
    def sorgende_events_committed(self, events: list[object]) -> None:
        self.promoted += [e for e in events if isinstance(e, PromotedFromWaitlist)]


HELPERS = 7


class ShiftMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = Clock(datetime(2026, 7, 1, 8, tzinfo=UTC))
        self.collector = Collector()
        self.platform = sorgende.open(
            "memory://",
            plugins=[sorgende_projects, self.collector],
            clock=self.clock,
            settings=sorgende.Settings(load_entrypoints=False),
        )
        self.world = build_world(self.platform, helpers=HELPERS, first_aiders=3)
        self.projects = self.world.projects
        self.organiser = self.world.coordinators[0]
        starts = self.clock.now + timedelta(days=2)
        event = self.projects.plan_event(
            "Aktionstag",
            organisations=[self.world.organisations[0]],
            starts_at=starts,
            ends_at=starts + timedelta(hours=4),
            by=self.organiser,
        )
        self.shift = self.projects.add_shift(
            event.id,
            "Ausschank",
            starts_at=starts,
            ends_at=starts + timedelta(hours=4),
            capacity=3,
            needs={"first_aid": 1},
            by=self.organiser,
        )
        self.begun = False

    def teardown(self) -> None:
        self.platform.close()

    helpers = st.integers(0, HELPERS - 1)

    def _try(self, fn, *args, **kwargs) -> None:
        # refusals are the rules' answer; the invariants judge the records
        with contextlib.suppress(SorgendeError):
            fn(*args, **kwargs)

    @precondition(lambda self: not self.begun)
    @rule(i=helpers)
    def sign_up(self, i: int) -> None:
        person = self.world.helpers[i]
        self._try(self.projects.sign_up, self.shift.id, person, by=person)

    @precondition(lambda self: not self.begun)
    @rule(i=helpers)
    def cancel(self, i: int) -> None:
        person = self.world.helpers[i]
        self._try(self.projects.cancel_sign_up, self.shift.id, person, by=person)

    @precondition(lambda self: not self.begun)
    @rule(places=st.integers(1, 6))
    def resize(self, places: int) -> None:
        self._try(self.projects.change_shift, self.shift.id, capacity=places, by=self.organiser)

    @precondition(lambda self: not self.begun)
    @rule()
    def begin(self) -> None:
        self.clock.set(self.shift.starts_at + timedelta(minutes=10))
        self.begun = True

    @precondition(lambda self: self.begun)
    @rule(i=helpers)
    def no_show(self, i: int) -> None:
        self._try(
            self.projects.mark_no_show, self.shift.id, self.world.helpers[i], by=self.organiser
        )

    @precondition(lambda self: self.begun)
    @rule(i=helpers)
    def check_in(self, i: int) -> None:
        person = self.world.helpers[i]
        self._try(self.projects.check_in, self.shift.id, person, by=person)

    def _signups(self):
        return self.projects.sign_ups(self.shift.id, by=self.organiser)

    @invariant()
    def within_places_and_counted(self) -> None:
        shift = self.projects.shift(self.shift.id)
        signups = self._signups()
        confirmed = [s for s in signups if s.state is SignUpState.CONFIRMED]
        assert len(confirmed) <= shift.capacity
        kept = [s for s in confirmed if s.need == "first_aid"]
        assert len(kept) <= shift.need_of("first_aid")
        assert all(s.person_id in self.world.helpers[:3] for s in kept)
        assert len(confirmed) - len(kept) <= shift.capacity - shift.reserved
        assert shift.filled == len(confirmed)
        assert shift.waiting == sum(1 for s in signups if s.state is SignUpState.WAITING)
        active = [s.person_id for s in signups if s.active]
        assert len(active) == len(set(active))  # one active sign-up per person

    @invariant()
    def waitlist_in_order_and_nobody_waits_for_a_free_place(self) -> None:
        shift = self.projects.shift(self.shift.id)
        waiting = self.projects.waitlist(self.shift.id)
        positions = [s.position for s in waiting]
        assert positions == sorted(positions)
        if self.begun and self.clock.now >= shift.ends_at:
            return
        community = self.world.community
        for signup in waiting:
            person = community.actor(signup.person_id)
            assert rules.place_for(shift, person, shift.held_by_need()) is None

    @invariant()
    def every_promoted_person_notified_once(self) -> None:
        self.platform.notifications.flush()
        told: dict[tuple[uuid.UUID, uuid.UUID], int] = {}
        for n in self.collector.inbox.received:
            if n.kind == "PromotedFromWaitlist":
                key = (n.actor_id, n.event.signup_id)
                told[key] = told.get(key, 0) + 1
        expected = {(e.person_id, e.signup_id) for e in self.collector.promoted}
        assert set(told) == expected
        assert all(count == 1 for count in told.values())


ShiftMachine.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_shift_places = ShiftMachine.TestCase
