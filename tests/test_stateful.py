"""Random sequences of use cases, with the ledger and lifecycle invariants checked after each."""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
)

import sorgende
from sorgende import ActorKind, ExchangeState, Role, TimeWindow
from sorgende.domain.checks import double_bookings
from sorgende.errors import SorgendeError
from tests.conftest import Clock

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
PEOPLE = 5


class CommunityMachine(RuleBasedStateMachine):
    """Five people and a coordinator doing random things to requests and exchanges.

    Refusals (any SorgendeError) are part of the game: the invariants must hold after
    each step whether the step succeeded or was refused. Now and then a person is erased
    or deactivated: from then on nothing is done by them, for them or with them.
    """

    request_ids = Bundle("requests")
    exchange_ids = Bundle("exchanges")

    def __init__(self) -> None:
        super().__init__()
        self.clock = Clock(START)
        self.platform = sorgende.open(self.storage_url(), clock=self.clock, load_entrypoints=False)
        self.c = self.platform.create_community("Daun")
        #: the first final state each exchange reached, and each request's final status
        self.final_exchange: dict[uuid.UUID, ExchangeState] = {}
        self.final_request: dict[uuid.UUID, sorgende.RequestStatus] = {}
        #: persons who no longer take part (erased or deactivated)
        self.gone: set[uuid.UUID] = set()
        #: how many steps of its history each exchange had at the last check, the
        #: requests seen then: what a step added is what goes beyond them
        self.seen_history: dict[uuid.UUID, int] = {}
        self.seen_requests: set[uuid.UUID] = set()

    @initialize()
    def setup(self) -> None:
        self.place = self.c.add_place("Daun", lat=50.2, lon=6.83)
        verein = self.c.register_actor(ActorKind.ASSOCIATION, "Verein")
        self.people = [
            self.c.register_actor(ActorKind.PERSON, f"P{i}", home_place_id=self.place.id).id
            for i in range(PEOPLE)
        ]
        coordinator = self.c.register_actor(ActorKind.PERSON, "Koordination")
        self.c.add_membership(coordinator.id, verein.id, Role.COORDINATOR)
        self.c.grant_role(verein.id, sorgende.CommunityRole.COORDINATOR, by=sorgende.OPERATOR)
        self.coordinator = coordinator.id
        self.c.set_receives_solidarity(self.people[0], by=self.coordinator)

    def actor(self, i: int) -> uuid.UUID:
        return self.coordinator if i == PEOPLE else self.people[i]

    def attempt(self, action: object, *args: object, **kwargs: object) -> object:
        try:
            return action(*args, **kwargs)  # type: ignore[operator]
        except SorgendeError as refused:
            event(f"refused: {type(refused).__name__}")
            return None

    @rule(
        target=request_ids,
        who=st.integers(0, PEOPLE - 1),
        helpers=st.integers(1, 3),
        hours=st.sampled_from([0.5, 1, 2.5, 8]),
        days=st.integers(0, 5),
        hour=st.integers(1, 12),
        weekly=st.booleans(),
    )
    def post(
        self, who: int, helpers: int, hours: float, days: int, hour: int, weekly: bool
    ) -> object:
        # at different hours, so that a helper is not always busy at the one time
        start = self.clock.now + timedelta(days=days, hours=hour)
        recurrence = (
            sorgende.Recurrence(
                sorgende.Frequency.WEEKLY, until=(start + timedelta(weeks=3)).date()
            )
            if weekly
            else None
        )
        request = self.attempt(
            self.c.post_request,
            self.people[who],
            "shopping",
            self.place.id,
            TimeWindow(start, start + timedelta(hours=2)),
            hours,
            helpers_needed=helpers,
            recurrence=recurrence,
        )
        if request is None:
            assert self.people[who] in self.gone  # only a person who left is refused
            return multiple()
        return request.id  # type: ignore[attr-defined]

    @rule(
        target=exchange_ids,
        request_id=request_ids,
        who=st.sampled_from(["helper", "recipient", "coordinator", "anyone"]),
        anyone=st.integers(0, PEOPLE - 1),
        helper=st.integers(0, PEOPLE - 1),
        week=st.integers(0, 4),
    )
    def propose(
        self, request_id: uuid.UUID, who: str, anyone: int, helper: int, week: int
    ) -> uuid.UUID | None:
        request = self.c.request(request_id)
        by = {
            "helper": self.people[helper],
            "recipient": request.recipient_id,
            "coordinator": self.coordinator,
            "anyone": self.people[anyone],
        }[who]
        scheduled = request.window.start + timedelta(weeks=week) if request.recurrence else None
        exchange = self.attempt(
            self.c.propose,
            request_id=request.id,
            helper_id=self.people[helper],
            by=by,
            scheduled=scheduled,
        )
        return None if exchange is None else exchange.id  # type: ignore[attr-defined]

    def transition(
        self, exchange_id: uuid.UUID, who: str, anyone: int, action: str, hours: float = 1
    ) -> None:
        exchange = self.c.exchange(exchange_id)
        by = {
            "helper": exchange.helper_id,
            "recipient": exchange.recipient_id,
            "coordinator": self.coordinator,
            "anyone": self.people[anyone],
        }[who]
        method = getattr(self.c, action)
        if action == "resolve":
            self.attempt(method, exchange_id, by=by, hours=hours, reason="settled")
        elif action in ("cancel", "dispute"):
            self.attempt(method, exchange_id, by=by, reason="because")
        else:
            self.attempt(method, exchange_id, by=by)

    # one rule per transition, so that transitions make up most of the steps
    _exchange = exchange_ids.filter(bool)
    _who = st.sampled_from(["helper", "recipient", "coordinator", "anyone"])
    _anyone = st.integers(0, PEOPLE - 1)

    @rule(exchange_id=_exchange, who=_who, anyone=_anyone)
    def accept(self, exchange_id: uuid.UUID, who: str, anyone: int) -> None:
        self.transition(exchange_id, who, anyone, "accept")

    @rule(exchange_id=_exchange, who=_who, anyone=_anyone)
    def decline(self, exchange_id: uuid.UUID, who: str, anyone: int) -> None:
        self.transition(exchange_id, who, anyone, "decline")

    @rule(exchange_id=_exchange, who=_who, anyone=_anyone)
    def cancel(self, exchange_id: uuid.UUID, who: str, anyone: int) -> None:
        self.transition(exchange_id, who, anyone, "cancel")

    @rule(exchange_id=_exchange, who=_who, anyone=_anyone)
    def complete(self, exchange_id: uuid.UUID, who: str, anyone: int) -> None:
        self.transition(exchange_id, who, anyone, "complete")

    @rule(exchange_id=_exchange, who=_who, anyone=_anyone)
    def no_show(self, exchange_id: uuid.UUID, who: str, anyone: int) -> None:
        self.transition(exchange_id, who, anyone, "no_show")

    @rule(exchange_id=_exchange, who=_who, anyone=_anyone)
    def confirm(self, exchange_id: uuid.UUID, who: str, anyone: int) -> None:
        self.transition(exchange_id, who, anyone, "confirm")

    @rule(exchange_id=_exchange, who=_who, anyone=_anyone)
    def dispute(self, exchange_id: uuid.UUID, who: str, anyone: int) -> None:
        self.transition(exchange_id, who, anyone, "dispute")

    @rule(exchange_id=_exchange, who=_who, anyone=_anyone, hours=st.sampled_from([0, 1, 3]))
    def resolve(self, exchange_id: uuid.UUID, who: str, anyone: int, hours: float) -> None:
        self.transition(exchange_id, who, anyone, "resolve", hours)

    @rule(
        exchange_id=_exchange,
        ending=st.sampled_from(["complete", "confirm", "dispute", "resolve"]),
    )
    def carry_through(self, exchange_id: uuid.UUID, ending: str) -> None:
        """The usual path, so that random runs reach the ledger often: accepted, and
        reported once the help began."""
        exchange = self.c.exchange(exchange_id)
        counterpart = "helper" if exchange.proposed_by.value != "helper" else "recipient"
        self.transition(exchange_id, counterpart, 0, "accept")
        self.clock.now = max(self.clock.now, exchange.scheduled)
        self.transition(exchange_id, "helper", 0, "complete")
        if ending == "confirm":
            self.transition(exchange_id, "recipient", 0, "confirm")
        elif ending in ("dispute", "resolve"):
            self.transition(exchange_id, "recipient", 0, "dispute")
            if ending == "resolve":
                self.transition(exchange_id, "coordinator", 0, "resolve", 2)

    # withdrawals, adjustments and time passing close things down: make them rarer
    _rarely = st.integers(0, 3).map(lambda n: n == 0)

    @rule(request_id=request_ids, who=st.integers(0, PEOPLE), now=_rarely)
    def withdraw(self, request_id: uuid.UUID, who: int, now: bool) -> None:
        if now:
            self.attempt(self.c.withdraw_request, request_id, by=self.actor(who))

    @rule(
        a=st.integers(0, PEOPLE - 1),
        b=st.integers(0, PEOPLE - 1),
        who=st.integers(0, PEOPLE),
        now=_rarely,
    )
    def adjust(self, a: int, b: int, who: int, now: bool) -> None:
        if now:
            self.attempt(
                self.c.adjust_hours,
                self.people[a],
                self.people[b],
                1,
                by=self.actor(who),
                reason="fix",
            )

    @rule(days=st.integers(1, 3), now=_rarely)
    def time_passes(self, days: int, now: bool) -> None:
        if now:
            self.clock.advance(days=days)
            self.c.expire_requests()

    @rule(
        who=st.integers(1, PEOPLE - 1),
        erase=st.booleans(),
        now=st.integers(0, 7).map(lambda n: n == 0),
    )
    def leaves(self, who: int, erase: bool, now: bool) -> None:
        """A person is erased (GDPR Art. 17) or deactivated (moved away)."""
        person = self.people[who]
        if not now or person in self.gone:
            return
        if erase:
            self.c.erase_person(person, by=sorgende.OPERATOR)
        else:
            self.c.deactivate_person(person, by=sorgende.OPERATOR)
        self.gone.add(person)
        self._seen()  # what leaving did itself is not an action of theirs

    def storage_url(self) -> str:
        return "memory://"

    def teardown(self) -> None:
        # shown by --hypothesis-show-statistics: how far the random runs got
        states = Counter(e.state.value for e in self.c.exchanges())
        event(f"exchanges: {min(sum(states.values()), 5)}+")
        for state in states:
            event(f"reached {state}")
        event(f"postings: {min(len(self.c.postings()), 5)}+")

    # -- invariants ---------------------------------------------------------------

    def _seen(self) -> None:
        self.seen_history = {e.id: len(e.history) for e in self.c.exchanges()}
        self.seen_requests = {r.id for r in self.c.requests()}

    @invariant()
    def no_one_who_left_acts_or_is_acted_for(self) -> None:
        gone = self.gone
        for exchange in self.c.exchanges():
            seen = self.seen_history.get(exchange.id)
            if seen is None:  # proposed in this step
                assert not {exchange.helper_id, exchange.recipient_id} & gone
                seen = 0
            for record in exchange.history[seen:]:
                assert record.by not in gone and record.on_behalf_of not in gone
                if record.transition == "accept":
                    assert not {exchange.helper_id, exchange.recipient_id} & gone
        for request in self.c.requests():
            if request.id not in self.seen_requests:
                assert request.recipient_id not in gone and request.posted_by not in gone
        self._seen()

    @invariant()
    def no_helper_is_booked_twice(self) -> None:
        assert double_bookings(self.c.exchanges(), "Europe/Berlin") == []

    @invariant()
    def postings_sum_to_zero(self) -> None:
        for posting in self.c.postings():
            assert sum(e.minutes for e in posting.entries) == 0

    @invariant()
    def balances_equal_their_entries(self) -> None:
        totals: Counter[uuid.UUID] = Counter()
        for posting in self.c.postings():
            for entry in posting.entries:
                totals[entry.account] += entry.minutes
        accounts = [*self.people, self.c.info().solidarity_account]
        for account in accounts:
            assert self.c.balance(account).minutes == totals[account]
        assert sum(self.c.balance(a).minutes for a in accounts) == 0

    @invariant()
    def every_posting_has_a_cause(self) -> None:
        exchanges = {e.id: e for e in self.c.exchanges()}
        for posting in self.c.postings():
            if posting.exchange_id is not None:
                exchange = exchanges[posting.exchange_id]
                assert exchange.state in (ExchangeState.CONFIRMED, ExchangeState.RESOLVED)
            else:
                assert posting.reason and self.c.is_coordinator(posting.made_by)
        posted = Counter(p.exchange_id for p in self.c.postings() if p.exchange_id)
        assert all(n == 1 for n in posted.values())

    @invariant()
    def no_request_has_more_helpers_than_needed(self) -> None:
        for request in self.c.requests():
            per_occurrence = Counter(
                e.scheduled for e in self.c.exchanges(request_id=request.id) if e.state.holds_place
            )
            assert all(n <= request.helpers_needed for n in per_occurrence.values())

    @invariant()
    def nothing_leaves_a_terminal_state(self) -> None:
        for exchange in self.c.exchanges():
            if exchange.id in self.final_exchange:
                assert exchange.state is self.final_exchange[exchange.id]
            elif exchange.state.is_final:
                self.final_exchange[exchange.id] = exchange.state
        for request in self.c.requests():
            if request.id in self.final_request:
                assert request.status is self.final_request[request.id]
            elif request.status.is_final:
                self.final_request[request.id] = request.status


CommunityMachine.TestCase.settings = settings(
    max_examples=100, stateful_step_count=50, deadline=None
)
TestCommunity = CommunityMachine.TestCase


class SQLiteCommunityMachine(CommunityMachine):
    """The same game on the SQL storage, in a SQLite file per run."""

    def storage_url(self) -> str:
        self.directory = tempfile.mkdtemp(prefix="sorgende-stateful-")
        return f"sqlite:///{self.directory}/sorgende.db"

    def teardown(self) -> None:
        super().teardown()
        self.platform.close()
        shutil.rmtree(self.directory, ignore_errors=True)


SQLiteCommunityMachine.TestCase.settings = settings(
    max_examples=30, stateful_step_count=40, deadline=None
)
TestCommunityOnSQLite = SQLiteCommunityMachine.TestCase
