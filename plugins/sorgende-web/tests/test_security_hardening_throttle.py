"""The sign-in throttle, as the security probe of issue 13 found it broken.

Before: five failed sign-ins locked any known login (also ``admin``) for 15 minutes, even
for the right password from elsewhere; twenty failures from one address locked everyone
there; and the failure count was read before the password check and written after it,
so a parallel burst of 10 attempts got 10 password checks (limit 5) and the tenth,
correct, one signed in. Each test here failed on that code and passes now:

- the limit is keyed by (login, address): the right password from a new address signs
  in while the attacker's address waits;
- the waits double (1 s, 2 s, 4 s, ...) up to a cap instead of a 15-minute lockout;
- the address's limit slows the address, not the people behind it who signed in there
  before (their browser's device proof);
- a parallel burst against a real server gets at most the free failures of password
  checks, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sorgende_web
from argon2 import PasswordHasher
from hardening_server import login_form, serving
from litestar.testing import TestClient
from sorgende_web import create_app
from sorgende_web.accounts import accounts_for
from sorgende_web.errors import LoginFailed, TooManyAttempts
from sorgende_web.settings import WebSettings
from sorgende_web.signin import DEVICE_COOKIE
from sorgende_web.testing import PASSWORD, World, build_world, form

import sorgende

WRONG = "falsch-falsch"


class CountingHasher(PasswordHasher):
    """argon2 as the platform uses it, counting the password checks it makes."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.checks = 0
        self._lock = threading.Lock()

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        with self._lock:
            self.checks += 1
        return super().verify(hash, password)


class Clock:
    """The store's clock, moved by the test (seconds since 1970)."""

    def __init__(self, now: float = 2_000_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _platform(url: str) -> Any:
    return sorgende.open(
        url,
        plugins=[sorgende_web],
        load_entrypoints=False,
        settings=sorgende.load_settings(environ={}),
    )


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    platform = _platform(f"sqlite:///{tmp_path / 'web.db'}")
    built = build_world(platform)
    yield built
    accounts_for(platform).close()
    platform.close()


@pytest.fixture
def clock(world: World) -> Clock:
    made = Clock()
    accounts_for(world.platform).clock = made
    return made


def _try(world: World, login: str, password: str, address: str, **kwargs: Any) -> str:
    """``ok``, ``wrong`` or ``wait <seconds>``: how the store answered."""
    try:
        accounts_for(world.platform).authenticate(login, password, address, **kwargs)
    except LoginFailed:
        return "wrong"
    except TooManyAttempts as waiting:
        return f"wait {waiting.params['seconds']}"
    return "ok"


# -- keyed by (login, address), growing delays, no lockout ------------------------------------


def test_the_right_password_from_a_new_address_signs_in_while_the_attacker_waits(
    world: World, clock: Clock
) -> None:
    attacker, admin_at_home = "203.0.113.9", "198.51.100.7"
    answers = [_try(world, "markus", WRONG, attacker) for _ in range(5)]
    assert answers == ["wrong"] * 5
    # the attacker's address waits, even with the right password (it is not checked)
    assert _try(world, "markus", PASSWORD, attacker) == "wait 30"
    # the administrator from another address is not locked out
    assert _try(world, "markus", PASSWORD, admin_at_home) == "ok"
    # and it was no lockout of 15 minutes: half a minute later the pair may try again
    clock.now += 30
    assert _try(world, "markus", WRONG, attacker) == "wrong"
    assert _try(world, "markus", PASSWORD, attacker) == "wait 60"


def test_the_delays_double_up_to_the_cap(world: World, clock: Clock) -> None:
    quick = {"first_delay": 1, "max_delay": 60}
    waits = []
    for _ in range(5):
        assert _try(world, "anna", WRONG, "203.0.113.9", **quick) == "wrong"
    for _ in range(10):
        answer = _try(world, "anna", WRONG, "203.0.113.9", **quick)
        assert answer.startswith("wait "), answer
        seconds = int(answer.split()[1])
        waits.append(seconds)
        clock.now += seconds
        # the wait is over: this attempt is checked (and fails), the next waits longer
        assert _try(world, "anna", WRONG, "203.0.113.9", **quick) == "wrong"
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60, 60, 60]


def test_failures_are_forgotten_after_the_window(world: World, clock: Clock) -> None:
    for _ in range(5):
        _try(world, "anna", WRONG, "203.0.113.9")
    clock.now += 15 * 60 + 1
    # counted anew: five more free failures, no wait carried over
    assert [_try(world, "anna", WRONG, "203.0.113.9") for _ in range(5)] == ["wrong"] * 5


def test_a_success_clears_the_pair(world: World, clock: Clock) -> None:
    for _ in range(4):
        _try(world, "anna", WRONG, "203.0.113.9")
    assert _try(world, "anna", PASSWORD, "203.0.113.9") == "ok"
    # the four failures are gone: five free ones again
    assert [_try(world, "anna", WRONG, "203.0.113.9") for _ in range(5)] == ["wrong"] * 5
    store = accounts_for(world.platform)
    # the success took back its own count at the address too: five failures there
    assert store.local.failures("a:203.0.113.9") == 9


# -- the address's limit ---------------------------------------------------------------------


def test_the_address_limit_slows_the_address_not_those_who_signed_in_there_before(
    world: World, clock: Clock
) -> None:
    """A shared address (a care home's network): someone sprays logins, one failure each;
    after the address's free failures its new attempts wait, but Anna, whose browser
    signed in there before, signs in at once; other addresses are not slowed."""
    app = create_app(world.platform, WebSettings(login_attempts_per_address=4))
    anna = TestClient(app)
    assert form(anna, "/login", {"login": "anna", "password": PASSWORD}).status_code == 303
    assert anna.cookies.get(DEVICE_COOKIE)
    form(anna, "/logout")
    sprayer = TestClient(app)
    for login in ("ben", "carl", "dora", "petra"):
        assert form(sprayer, "/login", {"login": login, "password": WRONG}).status_code == 401
    refused = form(sprayer, "/login", {"login": "markus", "password": PASSWORD})
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "30"
    assert "Zu viele fehlgeschlagene Anmeldungen; bitte in 30 Sekunden erneut" in refused.text
    # Anna's browser, behind the same address, is exempt from the address's wait
    assert form(anna, "/login", {"login": "anna", "password": PASSWORD}).status_code == 303
    # a device proof counts for its own login only
    thief = TestClient(app)
    thief.cookies.set(DEVICE_COOKIE, anna.cookies[DEVICE_COOKIE], domain="testserver.local")
    assert form(thief, "/login", {"login": "markus", "password": PASSWORD}).status_code == 429
    # and a made-up proof for nothing
    thief.cookies.set(DEVICE_COOKIE, "abc.def", domain="testserver.local")
    assert form(thief, "/login", {"login": "anna", "password": PASSWORD}).status_code == 429
    # another address is not slowed by this one's failures
    assert _try(world, "markus", PASSWORD, "198.51.100.7") == "ok"


def test_unknown_logins_are_throttled_like_known_ones(world: World, clock: Clock) -> None:
    # the throttle does not tell which login names exist
    known = [_try(world, "carl", WRONG, "203.0.113.9") for _ in range(7)]
    unknown = [_try(world, "niemand", WRONG, "203.0.113.9") for _ in range(7)]
    assert known == unknown == ["wrong"] * 5 + ["wait 30"] * 2


def test_spellings_of_one_login_count_together(world: World, clock: Clock) -> None:
    for login in ("anna", "ANNA", " anna", "Anna ", "aNNa"):
        assert _try(world, login, WRONG, "203.0.113.9") == "wrong"
    assert _try(world, "anna", PASSWORD, "203.0.113.9") == "wait 30"


# -- the parallel burst, against a real server ------------------------------------------------


ATTACKER = {"X-Forwarded-For": "203.0.113.9"}
AT_HOME = {"X-Forwarded-For": "198.51.100.7"}


def _attempt(base: str, password: str, headers: dict[str, str]) -> int:
    client, token = login_form(base)
    try:
        answer = client.post(
            "/login",
            data={"login": "anna", "password": password, "_csrf_token": token},
            headers=headers,
        )
    finally:
        client.close()
    return answer.status_code


def _burst(platform: Any, *, proxy_headers: bool, attempts: int = 10) -> dict[str, Any]:
    """``attempts`` wrong sign-ins of Anna at once, each from a browser of its own, from the
    attacker's address; then her right password from there and from her home."""
    hasher = CountingHasher(time_cost=2, memory_cost=8192, parallelism=1)
    build_world(platform, hasher=hasher)
    # the real clock: the first wait (30 s) outlasts the burst by far
    app = create_app(platform)
    with serving(app, proxy_headers=proxy_headers, forwarded_allow_ips="127.0.0.1") as base:
        browsers = [login_form(base) for _ in range(attempts)]
        hasher.checks = 0
        start = threading.Barrier(attempts)
        statuses: list[int] = [0] * attempts

        def sign_in(i: int) -> None:
            client, token = browsers[i]
            start.wait()
            answer = client.post(
                "/login",
                data={"login": "anna", "password": f"{WRONG}-{i}", "_csrf_token": token},
                headers=ATTACKER,
            )
            statuses[i] = answer.status_code

        threads = [threading.Thread(target=sign_in, args=(i,)) for i in range(attempts)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        for client, _ in browsers:
            client.close()
        checks = hasher.checks
        return {
            "checks": checks,
            "statuses": statuses,
            "right_from_there": _attempt(base, PASSWORD, ATTACKER),
            "right_from_home": _attempt(base, PASSWORD, AT_HOME),
        }


def _check_burst(found: dict[str, Any]) -> None:
    checks, statuses = found["checks"], found["statuses"]
    assert checks <= 5, f"{checks} password checks for a limit of 5"
    assert sorted(set(statuses)) <= [401, 429], statuses
    assert statuses.count(401) == checks
    assert statuses.count(429) == 10 - checks
    # the attacker's eleventh guess, the right password, is not even checked
    assert found["right_from_there"] == 429


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_parallel_burst_gets_at_most_the_limit_of_checks(
    database: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Behind a reverse proxy (``--proxy-headers``): the attacker's address is the one
    the proxy names; Anna at home signs in while it waits."""
    if database == "postgresql":
        url = str(request.getfixturevalue("postgresql_url"))
    else:
        url = f"sqlite:///{tmp_path / 'burst.db'}"
    platform = _platform(url)
    try:
        found = _burst(platform, proxy_headers=True)
        _check_burst(found)
        assert found["right_from_home"] == 303
    finally:
        accounts_for(platform).close()
        platform.close()


def test_without_proxy_headers_a_forwarded_address_is_not_believed(tmp_path: Path) -> None:
    """Served without ``--proxy-headers``, ``X-Forwarded-For`` is a header like any other:
    a client cannot leave its address's wait by naming another one."""
    platform = _platform(f"sqlite:///{tmp_path / 'burst.db'}")
    try:
        found = _burst(platform, proxy_headers=False)
        _check_burst(found)
        assert found["right_from_home"] == 429
    finally:
        accounts_for(platform).close()
        platform.close()


def test_parallel_attempts_through_the_store_count_each_once(tmp_path: Path) -> None:
    """Thirty threads on one address and login: the count is exact (no lost update)."""
    platform = _platform(f"sqlite:///{tmp_path / 'count.db'}")
    try:
        build_world(platform)
        store = accounts_for(platform)
        answers: list[str] = []
        lock = threading.Lock()

        def attempt() -> None:
            try:
                store.authenticate("anna", WRONG, "203.0.113.9", per_login=100, per_address=100)
            except LoginFailed:
                with lock:
                    answers.append("wrong")

        threads = [threading.Thread(target=attempt) for _ in range(30)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert answers == ["wrong"] * 30
        assert store.local.failures("p:anna|203.0.113.9") == 30
        assert store.local.failures("a:203.0.113.9") == 30
    finally:
        accounts_for(platform).close()
        platform.close()
