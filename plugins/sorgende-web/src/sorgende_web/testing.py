"""Helpers for tests of the web platform and of plugins that extend it.

:func:`build_world` makes a small community (and a second one, to test that
communities stay apart) with residents, helpers, a coordinator and an administrator,
their roles granted in the domain, and an account each, on a platform; :func:`sign_in`
signs a Litestar ``TestClient`` in; :func:`form` posts a form with its CSRF token; and
:func:`api_token` makes an API token::

    platform = sorgende.open(
        f"sqlite:///{tmp_path}/t.db", plugins=[sorgende_web], load_entrypoints=False
    )
    world = build_world(platform)
    with TestClient(create_app(world.platform)) as client:
        sign_in(client, "anna")
        form(client, "/requests", {...})

Every account of the world has the password :data:`PASSWORD`.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
from argon2 import PasswordHasher

from sorgende.domain.actors import (
    Actor,
    ActorKind,
    CommunityRole,
    Consent,
    Qualification,
    QualificationKind,
    Role,
)
from sorgende.domain.community import Place
from sorgende.domain.help import HelpRequest
from sorgende.domain.policy import OPERATOR
from sorgende.domain.values import TimeWindow
from sorgende_web.accounts import accounts_for, create_account

PASSWORD = "richtig-geheim"
CSRF_COOKIE = "sorgende_csrf"
CSRF_FIELD = "_csrf_token"


def cheap_hasher() -> PasswordHasher:
    """An argon2 hasher with the least work: tests need many accounts, not strong hashes."""
    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@attrs.define
class World:
    """A small community with an account per person, and another community beside it."""

    platform: Any
    community: Any
    places: dict[str, Place]
    people: dict[str, Actor]
    #: the second community: its own places, people and accounts
    other: Any
    other_people: dict[str, Actor]

    def actor(self, login: str) -> Actor:
        return self.people.get(login) or self.other_people[login]

    def post_request(self, login: str = "anna", *, days: float = 2, **kwargs: Any) -> HelpRequest:
        """A request of ``login`` (in the main community) ``days`` ahead (a little less
        than none, such as ``-0.05``: help that has begun, to be reported as done)."""
        person = self.people[login]
        start = (datetime.now(UTC) + timedelta(days=days)).replace(microsecond=0)
        kwargs.setdefault("title", "Einkauf")
        return self.community.post_request(  # type: ignore[no-any-return]
            person.id,
            kwargs.pop("category", "shopping"),
            kwargs.pop("place_id", self.places["Mehren"].id),
            TimeWindow(start, start + timedelta(hours=1)),
            kwargs.pop("hours", 1),
            **kwargs,
        )


def build_world(platform: Any, *, hasher: PasswordHasher | None = None) -> World:
    """Two communities on ``platform``; logins (all with :data:`PASSWORD`):

    ``anna`` and ``carl`` (residents; Anna shares her contact details, has a phone and an
    address), ``ben`` and ``dora`` (helpers, Ben with a driving licence), ``petra``
    (coordinator of the association), ``markus`` (staff of the municipality, and the
    community's administrator); in the other community ``eve`` (resident), ``finn``
    (helper) and ``gina`` (coordinator of the club). The association, the municipality
    and the club coordinate their whole community (the community role coordinator,
    granted by the operator), so their coordinators and staff do.
    """
    accounts_for(platform, hasher=hasher or cheap_hasher())
    today = datetime.now(UTC).date()
    licence = Qualification(QualificationKind.DRIVING_LICENCE, today - timedelta(days=3650))
    share = Consent(contact=True, share_contact_details=True, statistics=False)

    c = platform.create_community("Testdorf")
    places = {name: c.add_place(name) for name in ("Mehren", "Daun", "Schalkenmehren")}
    association = c.register_actor(ActorKind.ASSOCIATION, "Bürger für Bürger e.V.")
    municipality = c.register_actor(ActorKind.MUNICIPALITY, "Verwaltung")
    mehren = places["Mehren"].id
    people = {
        "anna": c.register_actor(
            ActorKind.PERSON,
            "Anna Alt",
            home_place_id=mehren,
            phone="06592 1234",
            email="anna@example.org",
            consent=share,
        ),
        "carl": c.register_actor(ActorKind.PERSON, "Carl Clemens", home_place_id=mehren),
        "ben": c.register_actor(
            ActorKind.PERSON,
            "Ben Berg",
            home_place_id=mehren,
            qualifications=[licence],
            skills=["shopping", "rides"],
        ),
        "dora": c.register_actor(ActorKind.PERSON, "Dora Dahm", home_place_id=places["Daun"].id),
        "petra": c.register_actor(ActorKind.PERSON, "Petra Schmitz", home_place_id=mehren),
        "markus": c.register_actor(ActorKind.PERSON, "Markus Thelen", home_place_id=mehren),
    }
    c.add_membership(people["markus"].id, municipality.id, Role.STAFF, by=OPERATOR)
    for organisation in (association, municipality):
        c.grant_role(organisation.id, CommunityRole.COORDINATOR, by=OPERATOR)
    for login, person in people.items():
        create_account(
            platform,
            community_id=c.community_id,
            actor_id=person.id,
            login=login,
            password=PASSWORD,
            roles=(CommunityRole.ADMINISTRATOR,) if login == "markus" else (),
            coordinator_of=association.id if login == "petra" else None,
        )
    people = {login: c.actor(person.id) for login, person in people.items()}
    accounts_for(platform).set_street(c.community_id, people["anna"].id, "Lindenweg 3")

    o = platform.create_community("Nachbarort")
    village = o.add_place("Nachbarort")
    club = o.register_actor(ActorKind.ASSOCIATION, "Nachbarschaftshilfe")
    other = {
        "eve": o.register_actor(ActorKind.PERSON, "Eve Ems", home_place_id=village.id),
        "finn": o.register_actor(ActorKind.PERSON, "Finn Fuchs", home_place_id=village.id),
        "gina": o.register_actor(ActorKind.PERSON, "Gina Gross", home_place_id=village.id),
    }
    o.grant_role(club.id, CommunityRole.COORDINATOR, by=OPERATOR)
    for login, person in other.items():
        create_account(
            platform,
            community_id=o.community_id,
            actor_id=person.id,
            login=login,
            password=PASSWORD,
            coordinator_of=club.id if login == "gina" else None,
        )
    other = {login: o.actor(person.id) for login, person in other.items()}
    return World(platform, c, places, people, o, other)


def csrf_token(client: Any) -> str:
    """The CSRF token a page would put into a form for this client, as a browser would
    read it: bound to its session when signed in, else to its ``sorgende_csrf`` cookie
    (a page is fetched first if it has none yet). A Litestar ``TestClient`` gets it from
    the app; another client (``httpx`` on a served platform) from the sign-in page."""
    from sorgende_web.csrf import client_token

    app = getattr(client, "app", None)
    if app is not None and hasattr(app, "state"):
        token = client_token(app, client.cookies)
        if token is None:
            client.get("/login")
            token = client_token(app, client.cookies)
    else:
        page = client.get("/login", follow_redirects=True).text
        marker = f'name="{CSRF_FIELD}" value="'
        start = page.find(marker) + len(marker)
        token = page[start : page.find('"', start)] if start >= len(marker) else None
    assert token, "the platform gave no CSRF token"
    return str(token)


def form(client: Any, path: str, data: Mapping[str, Any] | None = None, **kwargs: Any) -> Any:
    """POST a form as a browser would: with the CSRF token, without following redirects."""
    payload = dict(data or {})
    payload[CSRF_FIELD] = csrf_token(client)
    kwargs.setdefault("follow_redirects", False)
    return client.post(path, data=payload, **kwargs)


def sign_in(client: Any, login: str, password: str = PASSWORD) -> Any:
    """Sign ``client`` in through the sign-in form; the answer of the form."""
    answer = form(client, "/login", {"login": login, "password": password, "next": "/board"})
    assert answer.status_code == 303, f"sign-in of {login} failed: {answer.status_code}"
    return answer


def api_token(platform: Any, login: str, name: str = "test") -> str:
    """A new API token of the account ``login``."""
    store = accounts_for(platform)
    account = store.by_login(login)
    assert account is not None, f"no account {login}"
    return store.create_token(account.id, name)


def set_legacy_role(platform: Any, login: str, role: str) -> None:
    """Give the account ``login`` a stored web role as sorgende-web 0.1 wrote it (for
    tests of old data: it grants nothing; ``sorgende web upgrade-roles`` replaces it)."""
    from sorgende_web.records import ACCOUNT

    account = accounts_for(platform).by_login(login)
    assert account is not None, f"no account {login}"
    with platform.use_case(account.community_id) as w:
        record = w.uow.of(ACCOUNT).find(account.login)
        w.uow.of(ACCOUNT).update(ACCOUNT.bumped(record, role=role))


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def random_id() -> uuid.UUID:
    return uuid.uuid4()


# -- browser tests: Debian's Chromium through Playwright, axe-core, the page's width ----------

#: Debian's Chromium (the browser tests use the system's, not Playwright's download)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
#: axe-core impacts that fail :func:`assert_accessible` unless told otherwise
BLOCKING = ("serious", "critical")
#: a phone's screen, as the browser tests open pages on one
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def need_chromium() -> Any:
    """Playwright's ``sync_playwright``, or a skip when Chromium or Playwright is missing
    (a failure on CI, which installs both: there the browser tests must run)."""
    import os
    from pathlib import Path

    import pytest

    reason = None
    if not Path(CHROMIUM).exists():
        reason = f"Chromium is not installed at {CHROMIUM}"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "playwright is not installed"
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI installs it, so the browser test must run there")
        pytest.skip(reason)
    return sync_playwright


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium, headless, launched by ``playwright`` (close it when done)."""
    return playwright.chromium.launch(
        executable_path=CHROMIUM, args=list(CHROMIUM_ARGS), headless=True
    )


def chromium() -> Any:
    """A context manager giving a launched Chromium (skips as :func:`need_chromium`).

    As a pytest fixture::

        @pytest.fixture(scope="module")
        def browser() -> Iterator[Any]:
            with chromium() as launched:
                yield launched
    """
    from contextlib import contextmanager

    sync_playwright = need_chromium()

    @contextmanager
    def launched() -> Any:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                yield browser
            finally:
                browser.close()

    return launched()


def assert_accessible(page: Any, where: str, impacts: tuple[str, ...] | None = BLOCKING) -> None:
    """axe-core finds no violation of ``impacts`` (``None``: of any impact) on ``page``."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.response["testEngine"]["name"] == "axe-core", where
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} - "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in results.response["violations"]
        if impacts is None or v.get("impact") in impacts
    ]
    assert blocking == [], f"{where}: accessibility violations:\n" + "\n".join(blocking)


def assert_fits(page: Any, where: str) -> int:
    """The page is no wider than its viewport (``scrollWidth``); its width."""
    wide = int(page.evaluate("document.documentElement.scrollWidth"))
    screen = page.viewport_size["width"]
    assert wide <= screen, f"{where}: {wide} px wide on a screen of {screen} px"
    return wide


def free_port() -> int:
    """A free TCP port on loopback (for a server a browser test starts)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
