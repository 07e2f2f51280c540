"""Conflicts that are not conflicts never reach a caller; real races end in the domain's answer.

Threads share one platform, as a web server's request threads do. On SQLite every write
use case begins ``IMMEDIATE`` (it holds the write lock from its first read), so disjoint
work never meets a stale snapshot, not even with retries switched off. A use case that
loses a real race (the last helper place) is run again from its reads and finds the
request full. A storage double that always conflicts shows the bound on the runs, and a
counting one that other errors are never retried.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest

import sorgende
from sorgende import ActorKind, ExchangeState, Platform, TimeWindow
from sorgende.config import Settings, load_settings
from sorgende.default_plugins.memory_storage import MemoryStorage
from sorgende.domain.categories import Category
from sorgende.errors import (
    ConfigError,
    ConflictError,
    NotFound,
    PermissionDenied,
    RequestFull,
    ValidationError,
    Vetoed,
)

#: these platforms run on the real clock: requests are for tomorrow on (within the horizon)
START = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
THREADS = 8


def _settings(**values: Any) -> Settings:
    return Settings(load_entrypoints=False, **values)


def _window(day: int) -> TimeWindow:
    when = START + timedelta(days=day)
    return TimeWindow(when, when + timedelta(hours=1))


def _begun(minute: int) -> TimeWindow:
    """Help that began a while ago (within the grace): it can be reported done at once."""
    when = datetime.now(UTC) - timedelta(hours=2) + timedelta(minutes=minute)
    return TimeWindow(when, when + timedelta(hours=1))


def _in_threads(work: Callable[[int], None], threads: int = THREADS) -> list[BaseException]:
    """Run ``work(i)`` in ``threads`` threads at once; what escaped them."""
    escaped: list[BaseException] = []
    barrier = threading.Barrier(threads)

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            work(i)
        except BaseException as error:  # collected: the test names what escaped
            escaped.append(error)

    started = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in started)
    return escaped


def _postgresql_url() -> str:
    url = os.environ.get("SORGENDE_TEST_POSTGRESQL_URL")
    if url is None and os.environ.get("CI") != "true":
        pytest.skip("no PostgreSQL: set SORGENDE_TEST_POSTGRESQL_URL (bash .ci/run does)")
    assert url is not None, "CI=true needs SORGENDE_TEST_POSTGRESQL_URL"
    return url


# -- disjoint work -------------------------------------------------------------------


@pytest.mark.parametrize("attempts", [1, 5], ids=["no-retries", "retries"])
def test_disjoint_cycles_on_one_sqlite_file_meet_no_conflict(tmp_path: Path, attempts: int) -> None:
    """Eight threads each post, propose, accept, complete and confirm their own exchanges.

    With one attempt (no retries) this shows that ``BEGIN IMMEDIATE`` alone keeps
    disjoint work free of conflicts; with the default the retries hide nothing either.
    """
    url = f"sqlite:///{tmp_path / 'disjoint.db'}"
    rounds = 12
    with sorgende.open(url, settings=_settings(conflict_attempts=attempts)) as platform:
        c = platform.create_community("Daun")
        place = c.add_place("Daun")
        pairs = [
            (
                c.register_actor(ActorKind.PERSON, f"R{i}").id,
                c.register_actor(ActorKind.PERSON, f"H{i}").id,
            )
            for i in range(THREADS)
        ]

        def cycles(i: int) -> None:
            recipient, helper = pairs[i]
            for n in range(rounds):
                request = c.post_request(recipient, "shopping", place.id, _begun(n), 1)
                proposal = c.propose(request_id=request.id, by=helper)
                c.accept(proposal.id, by=recipient)
                c.complete(proposal.id, by=helper)
                c.confirm(proposal.id, by=recipient)

        assert _in_threads(cycles) == []
        assert len(c.postings()) == THREADS * rounds
        for recipient, helper in pairs:
            assert c.balance(recipient).minutes == -60 * rounds
            assert c.balance(helper).minutes == 60 * rounds


# -- the last helper place -----------------------------------------------------------


def _race_for_the_last_place(platform: Platform, rounds: int) -> None:
    """Every round all threads accept their proposal for one place: one wins, all others
    get ``RequestFull``, and nothing else escapes."""
    c = platform.create_community(f"Race {uuid.uuid4()}")
    place = c.add_place("Daun")
    anna = c.register_actor(ActorKind.PERSON, "Anna")
    helpers = [c.register_actor(ActorKind.PERSON, f"H{i}").id for i in range(THREADS)]
    for n in range(rounds):
        request = c.post_request(anna.id, "shopping", place.id, _window(n), 1)
        proposals = [c.propose(request_id=request.id, by=h).id for h in helpers]
        outcomes: Counter[str] = Counter()
        lock = threading.Lock()

        def accept(
            i: int,
            proposals: list[uuid.UUID] = proposals,
            outcomes: Counter[str] = outcomes,
            lock: threading.Lock = lock,
        ) -> None:
            try:
                c.accept(proposals[i], by=anna.id)
                outcome = "accepted"
            except RequestFull:
                outcome = "full"
            with lock:
                outcomes[outcome] += 1

        assert _in_threads(accept) == [], n
        assert outcomes == {"accepted": 1, "full": THREADS - 1}, (n, outcomes)
        accepted = c.exchanges(request_id=request.id, states=[ExchangeState.ACCEPTED])
        assert len(accepted) == 1, n


def test_threads_racing_for_the_last_place_on_sqlite(tmp_path: Path) -> None:
    with sorgende.open(f"sqlite:///{tmp_path / 'race.db'}", settings=_settings()) as platform:
        _race_for_the_last_place(platform, rounds=15)


def test_threads_racing_for_the_last_place_on_postgresql() -> None:
    with sorgende.open(_postgresql_url(), settings=_settings()) as platform:
        _race_for_the_last_place(platform, rounds=15)


def test_threads_racing_for_the_last_place_on_memory() -> None:
    with sorgende.open("memory://", settings=_settings()) as platform:
        _race_for_the_last_place(platform, rounds=15)


# -- storage doubles: the bound, and what is not retried -----------------------------


class _AlwaysConflicting:
    """A unit of work whose commit always loses (a storage whose conflict persists)."""

    def __init__(self, uow: Any) -> None:
        self._uow = uow

    def __getattr__(self, name: str) -> Any:
        return getattr(self._uow, name)

    def __enter__(self) -> _AlwaysConflicting:
        self._uow.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._uow.__exit__(*exc)

    def commit(self) -> None:
        raise ConflictError(kind="request", id="double", expected="an unchanged snapshot")


class CountingStorage(MemoryStorage):
    """Memory storage that counts the units opened for writing, and may make them lose."""

    def __init__(self, url: str, registry: Any) -> None:
        super().__init__(url, registry)
        self.writing_units = 0
        self.conflicting = False

    def unit_of_work(self, community_id: uuid.UUID, *, writing: bool = False) -> Any:
        uow = super().unit_of_work(community_id, writing=writing)
        if not writing:
            return uow
        self.writing_units += 1
        return _AlwaysConflicting(uow) if self.conflicting else uow


class CountingPlugin:
    def __init__(self) -> None:
        self.storage: CountingStorage | None = None

    @sorgende.hookimpl(tryfirst=True)
    def sorgende_open_storage(self, url: str, registry: Any) -> CountingStorage | None:
        if url != "counting://":
            return None
        self.storage = CountingStorage(url, registry)
        return self.storage

    @sorgende.hookimpl
    def sorgende_veto(self, action: str, community_id: Any, actor_id: Any, subject: Any) -> Any:
        if action == "post_request" and getattr(subject, "title", "") == "refused":
            return "no titles of that kind"
        return None


@pytest.fixture
def counted() -> Iterator[tuple[Platform, CountingStorage]]:
    plugin = CountingPlugin()
    settings = _settings(conflict_attempts=4, conflict_backoff_ms=0.1, conflict_backoff_max_ms=1)
    with sorgende.open("counting://", plugins=[plugin], settings=settings) as platform:
        assert plugin.storage is not None
        yield platform, plugin.storage


def test_a_persisting_conflict_reaches_the_caller_after_the_configured_attempts(
    counted: tuple[Platform, CountingStorage],
) -> None:
    platform, storage = counted
    c = platform.create_community("Daun")
    place = c.add_place("Daun")
    anna = c.register_actor(ActorKind.PERSON, "Anna")
    storage.conflicting = True
    storage.writing_units = 0
    with pytest.raises(ConflictError):
        c.post_request(anna.id, "shopping", place.id, _window(0), 1)
    assert storage.writing_units == 4
    storage.conflicting = False
    assert c.requests() == []  # nothing of the lost runs was written


def test_platform_retrying_runs_a_plugins_use_case_again_and_owns_nested_retries(
    counted: tuple[Platform, CountingStorage],
) -> None:
    platform, storage = counted
    c = platform.create_community("Daun")
    place = c.add_place("Daun")
    anna = c.register_actor(ActorKind.PERSON, "Anna")
    runs: list[int] = []

    def flaky(cid: uuid.UUID) -> str:
        runs.append(1)
        with platform.use_case(cid) as w:
            w.uow.community.get()
            if len(runs) < 3:
                raise ConflictError(kind="record", id="k1", expected=1)
        return "done"

    assert platform.retrying(flaky)(c.community_id) == "done"
    assert len(runs) == 3

    # a retrying call around the core's use cases: the runs do not multiply
    storage.conflicting = True
    storage.writing_units = 0
    outer: list[int] = []

    def post() -> None:
        outer.append(1)
        c.post_request(anna.id, "shopping", place.id, _window(0), 1)

    with pytest.raises(ConflictError):
        platform.retrying(post)()
    assert len(outer) == 4 and storage.writing_units == 4


def test_errors_that_are_not_storage_conflicts_are_not_retried(
    counted: tuple[Platform, CountingStorage],
) -> None:
    platform, storage = counted
    c = platform.create_community("Daun")
    place = c.add_place("Daun")
    anna = c.register_actor(ActorKind.PERSON, "Anna")
    berta = c.register_actor(ActorKind.PERSON, "Berta")
    refusals: list[tuple[Callable[[], object], type[Exception]]] = [
        (lambda: c.post_request(anna.id, "no-such", place.id, _window(0), 1), ValidationError),
        (lambda: c.post_request(uuid.uuid4(), "shopping", place.id, _window(0), 1), NotFound),
        (
            lambda: c.post_request(anna.id, "shopping", place.id, _window(0), 1, by=berta.id),
            PermissionDenied,
        ),
        (
            lambda: c.post_request(anna.id, "shopping", place.id, _window(0), 1, title="refused"),
            Vetoed,
        ),
        # the category exists: the use case decided that from what it read; not retried
        (lambda: c.add_category(Category("shopping", {"de": "Einkauf"})), ConflictError),
    ]
    for call, error in refusals:
        storage.writing_units = 0
        with pytest.raises(error):
            call()
        assert storage.writing_units == 1, error


def test_settings_bound_the_retries(tmp_path: Path) -> None:
    toml = tmp_path / "sorgende.toml"
    toml.write_text("[sorgende]\nconflict_attempts = 3\nconflict_backoff_max_ms = 20\n")
    settings = load_settings(toml, environ={})
    assert (settings.conflict_attempts, settings.conflict_backoff_max_ms) == (3, 20)
    with sorgende.open(
        "memory://", settings=attrs.evolve(settings, load_entrypoints=False)
    ) as platform:
        assert platform.conflict_retries.attempts == 3
    toml.write_text("[sorgende]\nconflict_attempts = 0\n")
    with pytest.raises(ConfigError, match="conflict_attempts"):
        load_settings(toml, environ={})
