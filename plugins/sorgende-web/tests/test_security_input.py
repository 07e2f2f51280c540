"""What people send, as peer platforms' advisories found it mishandled.

- mass assignment: extra fields (``status``, ``role``, ``community_id``, ``id``, ...) in
  an API body are refused, and in a form they change nothing;
- filters and paging are allow-listed: an injection string answers 4xx (never 500),
  never reaches a SQL statement as text, and unknown sort parameters change nothing;
- HTML and script in every text a person can enter is escaped on every page that shows
  it (payloads from Hypothesis), and every answer carries a strict Content-Security-Policy;
- a URL in a text stays text: the server never connects to it;
- cookies are HttpOnly and SameSite (and Secure behind HTTPS), sign-in is rate-limited,
  and a recipient's address and phone reach only the accepted helper and coordinators.
"""

from __future__ import annotations

import html.parser
import re
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import markupsafe
import pytest
import sorgende_web
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar import get
from litestar.testing import TestClient
from sorgende_web import create_app
from sorgende_web.accounts import accounts_for
from sorgende_web.settings import WebSettings
from sorgende_web.testing import (
    PASSWORD,
    World,
    api_token,
    bearer,
    build_world,
    form,
    set_legacy_role,
    sign_in,
)
from sqlalchemy import event

import sorgende
from sorgende.domain.actors import ActorKind, Consent
from sorgende.domain.help import RequestStatus
from sorgende.domain.values import TimeWindow
from sorgende.hookspecs import hookimpl

ZONE = ZoneInfo("Europe/Berlin")
LOGINS = ("anna", "ben", "petra", "markus")
SHARE = Consent(contact=True, share_contact_details=True)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[World, Any]]:
    """One world and app for the tests that only add records (Hypothesis runs many)."""
    path: Path = tmp_path_factory.mktemp("input") / "web.db"
    platform = sorgende.open(
        f"sqlite:///{path}",
        plugins=[sorgende_web],
        load_entrypoints=False,
        settings=sorgende.load_settings(environ={}),
    )
    world = build_world(platform)
    yield world, create_app(platform)
    platform.close()


class Clients:
    """A signed-in page client per login, and a bearer token per login.

    The clients are not entered (no lifespan): several lifespans of one app at the same
    time do not shut down cleanly in Litestar's test client.
    """

    def __init__(self, world: World, app: Any) -> None:
        self.world, self.app = world, app
        self._pages: dict[str, TestClient[Any]] = {}
        self._tokens: dict[str, str] = {}
        self.api = TestClient(app)

    def page(self, login: str) -> TestClient[Any]:
        if login not in self._pages:
            client = TestClient(self.app)
            sign_in(client, login)
            self._pages[login] = client
        return self._pages[login]

    def token(self, login: str) -> dict[str, str]:
        if login not in self._tokens:
            self._tokens[login] = api_token(self.world.platform, login)
        return bearer(self._tokens[login])


@pytest.fixture(scope="module")
def clients(shared: tuple[World, Any]) -> Clients:
    return Clients(*shared)


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[World]:
    """A world of its own, for tests that count sign-ins or change settings."""
    platform = sorgende.open(
        f"sqlite:///{tmp_path / 'web.db'}",
        plugins=[sorgende_web],
        load_entrypoints=False,
        settings=sorgende.load_settings(environ={}),
    )
    yield build_world(platform)
    platform.close()


def later(days: int = 3) -> datetime:
    return (datetime.now(UTC) + timedelta(days=days)).replace(microsecond=0, second=0)


def local_fields(days: int = 3) -> dict[str, str]:
    start = later(days).astimezone(ZONE)
    return {"date": start.date().isoformat(), "time": start.strftime("%H:%M")}


def window(days: int = 3) -> TimeWindow:
    start = later(days)
    return TimeWindow(start, start + timedelta(hours=1))


def app_routes(app: Any) -> set[tuple[str, str]]:
    return {
        (method, route.path)
        for route in app.routes
        for handler in route.route_handlers
        for method in handler.http_methods
        if method not in ("OPTIONS", "HEAD")
    }


# -- mass assignment ----------------------------------------------------------------------

#: fields no client may set: the server decides them
FORBIDDEN = (
    "status",
    "role",
    "community_id",
    "id",
    "version",
    "posted_by",
    "posted_at",
    "state",
    "history",
    "balance",
    "is_admin",
)


def valid_bodies(clients: Clients) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """For every API POST route: (login, concrete path, a body the route accepts)."""
    world = clients.world
    c = world.community
    mehren = str(world.places["Mehren"].id)
    request = world.post_request("carl")
    own = world.post_request("anna")
    exchange = c.propose(request_id=world.post_request("anna").id, by=world.people["dora"].id)
    offer = c.offer_help(world.people["ben"].id, "shopping", [], window(), 2)
    return {
        "/api/places": ("markus", "/api/places", {"name": "Neuort"}),
        "/api/categories": (
            "markus",
            "/api/categories",
            {"code": f"c{uuid.uuid4().hex[:6]}", "name_de": "Neu"},
        ),
        "/api/requests": (
            "anna",
            "/api/requests",
            {"category": "shopping", "place_id": mehren, "start": later().isoformat(), "hours": 1},
        ),
        "/api/requests/{request_id:uuid}/withdraw": (
            "anna",
            f"/api/requests/{own.id}/withdraw",
            {"reason": "erledigt"},
        ),
        "/api/offers": (
            "ben",
            "/api/offers",
            {"category": "shopping", "start": later().isoformat(), "hours": 2},
        ),
        "/api/offers/{offer_id:uuid}/withdraw": ("ben", f"/api/offers/{offer.id}/withdraw", {}),
        "/api/exchanges": ("ben", "/api/exchanges", {"request_id": str(request.id)}),
        "/api/exchanges/{exchange_id:uuid}/{transition:str}": (
            "anna",
            f"/api/exchanges/{exchange.id}/accept",
            {},
        ),
        "/api/commitments": ("ben", "/api/commitments", {"hours": 2}),
    }


def test_api_bodies_refuse_fields_the_server_decides(clients: Clients) -> None:
    posts = {
        path
        for method, path in app_routes(clients.app)
        if method == "POST" and path.startswith("/api")
    }
    bodies = valid_bodies(clients)
    assert posts == set(bodies), "every API POST route needs a body in this test"
    document = clients.api.get("/api/openapi.json").json()
    for route, (login, path, body) in bodies.items():
        accepted = _body_fields(document, route)
        for name in FORBIDDEN:
            if name in accepted:
                continue
            value: Any = "fulfilled" if name == "status" else str(uuid.uuid4())
            if name == "role":
                value = "admin"
            if name == "community_id":
                value = str(clients.world.other.community_id)
            answer = clients.api.post(
                path, json={**body, name: value}, headers=clients.token(login)
            )
            if route == "/api/offers/{offer_id:uuid}/withdraw":
                # this route takes no body at all: nothing in it can be assigned
                assert accepted == set()
                continue
            assert answer.status_code == 400, (route, name, answer.status_code, answer.text)
            problem = answer.json()
            assert answer.headers["content-type"].startswith("application/problem+json")
            assert name in problem["detail"], problem
    # the refused bodies made nothing: Anna's requests are the one from the world's set-up
    mine = clients.api.get(
        "/api/requests", params={"mine": "true"}, headers=clients.token("anna")
    ).json()
    assert all(r["status"] in ("open", "withdrawn") for r in mine["items"])
    assert all(
        r["community_id"] == str(clients.world.community.community_id) for r in mine["items"]
    )


def _body_fields(document: dict[str, Any], route: str) -> set[str]:
    """The properties the OpenAPI document allows in the body of ``POST route``."""
    path = re.sub(r"\{(\w+):\w+\}", r"{\1}", route)
    operation = document["paths"][path]["post"]
    body = operation.get("requestBody")
    if body is None:
        return set()
    schema = body["content"]["application/json"]["schema"]
    if "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return set(schema.get("properties", {}))


def test_forms_do_not_assign_fields_the_server_decides(clients: Clients) -> None:
    world = clients.world
    anna = clients.page("anna")
    forged = dict.fromkeys(FORBIDDEN, "x")
    forged.update(
        {
            "status": "fulfilled",
            "community_id": str(world.other.community_id),
            "id": str(uuid.uuid4()),
            "posted_by": str(world.people["petra"].id),
            "role": "admin",
            "urgent_override": "on",
        }
    )
    answer = form(
        anna,
        "/requests",
        {
            **forged,
            "category": "shopping",
            "hours": "1",
            "title": "Massenzuweisung",
            "place_id": str(world.places["Mehren"].id),
            **local_fields(),
        },
    )
    assert answer.status_code == 303
    made = world.community.request(
        uuid.UUID(answer.headers["location"].split("/")[2].split("?")[0])
    )
    assert made.status is RequestStatus.OPEN
    assert str(made.id) != forged["id"]
    assert made.posted_by == made.recipient_id == world.people["anna"].id
    assert made.community_id == world.community.community_id
    # a token made with role=admin in the form is an ordinary token of Anna's account
    made_token = form(
        anna, "/profile/tokens", {"name": "kalender", "role": "admin", "account_id": "1"}
    )
    assert made_token.status_code == 201
    token = made_token.text.split('data-testid="new-token">')[1].split("<")[0]
    me = clients.api.get("/api/me", headers=bearer(token)).json()
    assert me["login"] == "anna" and me["roles"] == [] and me["coordinates"] == []
    assert clients.api.get("/api/dashboard", headers=bearer(token)).status_code == 403
    # signing in with role=admin in the form signs in as what the account is
    browser = TestClient(clients.app)
    assert (
        form(
            browser, "/login", {"login": "anna", "password": PASSWORD, "role": "admin"}
        ).status_code
        == 303
    )
    assert browser.get("/settings").status_code == 403
    # an admin adding a place cannot put it into another community
    markus = clients.page("markus")
    assert (
        form(
            markus,
            "/settings/places",
            {"name": "Fremdort", "community_id": str(world.other.community_id)},
        ).status_code
        == 303
    )
    assert "Fremdort" in [p.name for p in world.community.places()]
    assert "Fremdort" not in [p.name for p in world.other.places()]


# -- filters and paging: allow-listed -----------------------------------------------------

INJECTIONS = (
    "' OR '1'='1",
    "shopping' --",
    "shopping; DROP TABLE requests; --",
    "1 OR 1=1",
    'shopping" OR ""="',
    "%27%20OR%201%3D1",
    "${7*7}",
    "{{7*7}}",
    "../../etc/passwd",
    "shopping\x00",
    "(SELECT 1)",
    "id DESC",
    "posted_at; DELETE FROM web_accounts",
    "-1",
    "99999999999999999999",
    "1e9",
    "NaN",
    "[]",
    "{}",
    "\u202eshopping",
)


@contextmanager
def recorded_sql(world: World) -> Iterator[list[str]]:
    """Every SQL statement the platform's and the accounts' engines send."""
    statements: list[str] = []
    engines = [world.platform.storage.engine, accounts_for(world.platform).engine]

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    for engine in engines:
        event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", record)


def _query_cases(world: World) -> list[tuple[str, str, str, str]]:
    """(path, parameter, kind of client, what makes a value valid)."""
    return [
        ("/api/requests", "category", "api", "category"),
        ("/api/requests", "place_id", "api", "place"),
        ("/api/requests", "limit", "api", "limit"),
        ("/api/requests", "offset", "api", "offset"),
        ("/api/requests", "mine", "api", "bool"),
        ("/api/offers", "category", "api", "category"),
        ("/api/offers", "place_id", "api", "place"),
        ("/api/exchanges", "active", "api", "bool"),
        ("/api/exchanges", "limit", "api", "limit"),
        ("/api/account", "since", "api", "time"),
        ("/board", "kind", "page", "kind"),
        ("/board", "place", "page", "place"),
        ("/board", "category", "page", "category"),
        ("/board", "page", "page", "page"),
        ("/exchanges", "scope", "page", "scope"),
    ]


def _get(clients: Clients, kind: str, path: str, params: dict[str, str]) -> Any:
    if kind == "api":
        return clients.api.get(path, params=params, headers=clients.token("petra"))
    return clients.page("petra").get(path, params=params, follow_redirects=False)


def test_injection_strings_in_filters_are_refused(clients: Clients) -> None:
    world = clients.world
    with recorded_sql(world) as statements:
        for path, name, kind, valid in _query_cases(world):
            for value in INJECTIONS:
                if valid == "time" and _is_number(value):
                    continue  # a number is a valid Unix time, not an injection
                answer = _get(clients, kind, path, {name: value})
                assert answer.status_code in (400, 422), (path, name, value, answer.status_code)
                if kind == "api":
                    assert answer.json()["status"] == answer.status_code
                else:
                    # the page names the field that was wrong
                    notice = answer.text.split('data-testid="error">')[1].split("<")[0]
                    assert notice.startswith(f"{name}:"), (value, notice)
    # no refused value ever became part of a statement: values travel as parameters
    text = "\n".join(statements)
    for value in INJECTIONS:
        if len(value) > 4:
            assert value not in text, value


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    value=st.text(st.characters(blacklist_categories=("Cs",)), max_size=40), case=st.integers(0, 14)
)
def test_filters_accept_only_their_allow_list(clients: Clients, value: str, case: int) -> None:
    world = clients.world
    path, name, kind, valid = _query_cases(world)[case]
    # the board's "all places" and "all kinds" send an empty value
    empty = {""} if kind == "page" else set()
    allowed = {
        "category": {c.code for c in world.community.categories()} | empty,
        "place": {str(p.id) for p in world.community.places()} | empty,
        "kind": {"requests", "offers"},
        "scope": {"mine", "all"},
    }
    marker = f"zq{uuid.uuid4().hex[:10]}"
    with recorded_sql(world) as statements:
        answer = _get(clients, kind, path, {name: value})
        tagged = _get(clients, kind, path, {name: marker + value})
    assert answer.status_code != 500 and tagged.status_code != 500
    assert answer.status_code in (200, 400, 422), answer.status_code
    if valid in allowed and value not in allowed[valid]:
        assert answer.status_code in (400, 422), (path, name, value)
    assert tagged.status_code in (400, 422) or valid in ("bool", "time"), (path, name)
    assert marker not in "\n".join(statements)


def test_unknown_sort_and_filter_parameters_change_nothing(clients: Clients) -> None:
    headers = clients.token("anna")
    plain = clients.api.get("/api/requests", headers=headers)
    assert plain.status_code == 200
    for extra in (
        {"sort": "id; DROP TABLE requests"},
        {"order_by": "recipient_id"},
        {"status": "withdrawn"},
        {"community_id": str(clients.world.other.community_id)},
        {"where": "1=1"},
        {"fields": "phone,email"},
    ):
        answer = clients.api.get("/api/requests", params=extra, headers=headers)
        assert answer.status_code == 200, extra
        assert answer.json() == plain.json(), extra


def test_paging_is_bounded(clients: Clients) -> None:
    headers = clients.token("anna")
    for params in (
        {"limit": "0"},
        {"limit": "101"},
        {"limit": "-1"},
        {"offset": "-1"},
        {"offset": "1000001"},
        {"limit": "1.5"},
    ):
        answer = clients.api.get("/api/requests", params=params, headers=headers)
        assert answer.status_code == 400, params
    page = clients.api.get("/api/requests", params={"limit": "100"}, headers=headers).json()
    assert page["limit"] == 100 and len(page["items"]) <= 100


# -- escaping: every text a person enters, on every page that shows it --------------------

KNOWN_PAYLOADS = (
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)' x='",
    "</textarea><script>alert(2)</script>",
    "</title><svg onload=alert(3)>",
    "javascript:alert(4)",
    '<a href="javascript:alert(5)">klick</a>',
    "{{ 7*7 }}{% raw %}",
    "&lt;script&gt;already escaped&lt;/script&gt;",
    "<iframe src=//evil.example>",
)
DANGER = re.compile(r"[<>\"'&]")


class Inspector(html.parser.HTMLParser):
    """Records what a page would run: scripts, event handlers, script URLs, frames."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "svg", "base"):
            self.found.append(f"<{tag}>")
        if tag == "img" and dict(attrs).get("src") not in ("/theme/logo",):
            self.found.append(f"<img src={dict(attrs).get('src')}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if (
                name in ("href", "src", "action", "formaction")
                and value
                and value.strip().lower().startswith(("javascript:", "data:", "//"))
            ):
                self.found.append(f"{tag} {name}={value}")


def assert_inert(page: str, payloads: list[str], where: str) -> None:
    inspector = Inspector()
    inspector.feed(page)
    assert inspector.found == [], f"{where}: {inspector.found}"
    for payload in payloads:
        shown = payload.strip()
        if DANGER.search(shown) and len(shown) > 1:
            # its escaped form may contain it ("::&" in "::&amp;"): look beside that
            rest = page.replace(str(markupsafe.escape(shown)), "")
            assert shown not in rest, f"{where}: unescaped {shown!r}"


def plant(clients: Clients, text: str) -> dict[str, str]:
    """Put ``text`` into every field a person can fill in, through forms and the API;
    the pages that show them."""
    world = clients.world
    c = world.community
    anna, ben, petra, markus = (clients.page(x) for x in LOGINS)
    mehren = str(world.places["Mehren"].id)
    short, note = text[:200], text[:500]
    pages: dict[str, str] = {}
    # a request through the form, and one through the API
    posted = form(
        anna,
        "/requests",
        {
            "category": "shopping",
            "hours": "1",
            "place_id": mehren,
            "title": short,
            "description": text,
            **local_fields(),
        },
    )
    assert posted.status_code == 303, posted.text[:300]
    request_id = posted.headers["location"].split("/")[2].split("?")[0]
    via_api = clients.api.post(
        "/api/requests",
        headers=clients.token("anna"),
        json={
            "category": "shopping",
            "place_id": mehren,
            "start": later(4).isoformat(),
            "hours": 1,
            "title": short,
            "description": text,
        },
    )
    assert via_api.status_code == 201, via_api.text
    pages["request"] = f"/requests/{request_id}"
    pages["api-request"] = f"/requests/{via_api.json()['id']}"
    # Ben offers to help with a note; Anna declines with a reason
    proposed = form(ben, f"/requests/{request_id}/propose", {"note": note})
    assert proposed.status_code == 303, proposed.text[:300]
    exchange_id = proposed.headers["location"].split("/")[2].split("?")[0]
    assert form(anna, f"/exchanges/{exchange_id}/decline", {"reason": note}).status_code == 303
    pages["exchange"] = f"/exchanges/{exchange_id}"
    # an offer through the form
    offered = form(
        ben,
        "/offers",
        {
            "category": "shopping",
            "hours": "2",
            "title": short,
            "description": text,
            **local_fields(5),
        },
    )
    assert offered.status_code == 303, offered.text[:300]
    pages["offer"] = offered.headers["location"].split("?")[0]
    # a place and a category of the admin's, Anna's address, a token's name
    assert form(markus, "/settings/places", {"name": short, "kind": "village"}).status_code in (
        303,
        422,
    )
    code = f"x{uuid.uuid4().hex[:8]}"
    assert (
        form(
            markus,
            "/settings/categories",
            {"code": code, "name_de": text[:100], "name_en": text[:100]},
        ).status_code
        == 303
    )
    assert form(anna, "/profile/address", {"street": short}).status_code == 303
    assert form(anna, "/profile/tokens", {"name": text[:100]}).status_code == 201
    # a request in the new category, whose name is the payload
    assert (
        form(
            anna,
            "/requests",
            {"category": code, "hours": "1", "place_id": mehren, **local_fields(6)},
        ).status_code
        == 303
    )
    # a person whose name is the payload (names come from imports and registrations)
    stranger = c.register_actor(
        ActorKind.PERSON, short or "x", home_place_id=world.places["Mehren"].id
    )
    asked = c.post_request(stranger.id, "shopping", world.places["Mehren"].id, window(2), 1)
    pages["stranger"] = f"/requests/{asked.id}"
    del petra
    return pages


GENERAL_PAGES = (
    "/board",
    "/board?kind=offers",
    "/exchanges",
    "/exchanges?scope=all",
    "/account",
    "/dashboard",
    "/settings",
    "/profile",
    "/commitments",
    "/requests/new",
    "/offers/new",
)


def sweep(clients: Clients, pages: dict[str, str], payloads: list[str]) -> int:
    """Fetch every page as every role; the number of pages checked."""
    checked = 0
    for login in LOGINS:
        client = clients.page(login)
        for path in (*GENERAL_PAGES, *pages.values()):
            answer = client.get(path, follow_redirects=False)
            if answer.status_code in (403, 404):
                continue
            assert answer.status_code == 200, (login, path, answer.status_code)
            assert "text/html" in answer.headers["content-type"]
            assert_inert(answer.text, payloads, f"{login} {path}")
            checked += 1
    return checked


def test_known_payloads_are_escaped_everywhere(clients: Clients) -> None:
    pages: dict[str, str] = {}
    for index, payload in enumerate(KNOWN_PAYLOADS):
        planted = plant(clients, payload)
        pages.update({f"{k}{index}": v for k, v in planted.items()})
    checked = sweep(clients, pages, list(KNOWN_PAYLOADS))
    assert checked > 100
    # the payload is shown as the text it is (escaped), not dropped
    board = clients.page("petra").get("/board").text
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in board


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    payload=st.one_of(
        st.sampled_from(KNOWN_PAYLOADS),
        st.builds(
            lambda a, b, tag: f"{a}<{tag} onload=alert(1)>{b}</{tag}>",
            st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20),
            st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20),
            st.sampled_from(("script", "img", "svg", "iframe", "body", "a", "style")),
        ),
        st.text(
            st.sampled_from(list("<>\"'&=/ ;:()`abcijlnoprstvx{}%")), min_size=3, max_size=60
        ).filter(lambda s: DANGER.search(s.strip()) is not None),
    )
)
def test_generated_payloads_are_escaped_everywhere(clients: Clients, payload: str) -> None:
    pages = plant(clients, payload)
    sweep(clients, pages, [payload])


def test_reflected_input_is_escaped(clients: Clients) -> None:
    """What comes back from the address or a refused form: query, login name, errors."""
    payload = '"><script>alert(1)</script>'
    petra = clients.page("petra")
    for path, params in (
        ("/board", {"x": payload}),
        ("/board", {"page": payload}),
        ("/board", {"category": payload}),
        ("/exchanges", {"scope": payload}),
        ("/login", {"next": "/" + payload}),
        ("/nowhere/" + payload, {}),
    ):
        answer = petra.get(path, params=params, follow_redirects=False)
        assert answer.status_code in (200, 303, 404, 422), (path, answer.status_code)
        assert_inert(answer.text, [payload], path)
    anonymous = TestClient(clients.app)
    refused = form(anonymous, "/login", {"login": payload, "password": "x" * 9, "next": payload})
    assert refused.status_code == 401
    assert_inert(refused.text, [payload], "login")
    wrong = form(
        clients.page("anna"),
        "/requests",
        {"category": payload, "hours": payload, "title": payload, "description": payload},
    )
    assert wrong.status_code == 422
    assert_inert(wrong.text, [payload], "request form")
    # the API answers JSON, which a browser does not render as a page
    answer = clients.api.get(
        "/api/requests", params={"category": payload}, headers=clients.token("anna")
    )
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.headers["x-content-type-options"] == "nosniff"


# -- the Content-Security-Policy on every answer --------------------------------------------


class Exploding:
    """A plugin route that fails, to see what an unexpected error answers."""

    @hookimpl
    def sorgende_web_routes(self) -> list[Any]:
        @get("/boom", sync_to_thread=False, opt={"public": True})
        def boom() -> str:
            raise RuntimeError("secret-internal-detail")

        @get("/api/boom", sync_to_thread=False, opt={"public": True})
        def api_boom() -> str:
            raise RuntimeError("secret-internal-detail")

        return [boom, api_boom]


def check_csp(answer: Any, where: str) -> None:
    csp = answer.headers.get("content-security-policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}
    assert directives.get("default-src") == ["'self'"], where
    assert directives.get("script-src") == ["'self'"], where
    assert directives.get("object-src") == ["'none'"], where
    assert directives.get("frame-ancestors") == ["'none'"], where
    assert directives.get("base-uri") == ["'none'"], where
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, where
    assert answer.headers.get("x-content-type-options") == "nosniff", where


def test_every_answer_has_a_content_security_policy(fresh: World) -> None:
    fresh.platform.plugins.register(Exploding(), name="exploding")
    app = create_app(fresh.platform)
    values = {"uuid": str(uuid.uuid4()), "int": "1", "str": "accept", "path": "sorgende.css"}
    anonymous, markus = TestClient(app), TestClient(app)
    sign_in(markus, "markus")
    token = bearer(api_token(fresh.platform, "markus"))
    seen = 0
    for method, route in sorted(app_routes(app)):
        path = re.sub(r"\{\w+:(\w+)\}", lambda m: values[m.group(1)], route)
        for client in (anonymous, markus):
            headers = token if path.startswith("/api") and client is markus else {}
            if method == "GET":
                answer = client.get(path, headers=headers, follow_redirects=False)
            else:
                answer = client.post(path, headers=headers, follow_redirects=False)
            check_csp(answer, f"{method} {path} -> {answer.status_code}")
            seen += 1
    assert seen > 100
    for path in ("/nowhere", "/api/nowhere", "/static/none.css", "/boom", "/api/boom"):
        answer = anonymous.get(path)
        check_csp(answer, path)
    # an unexpected error tells nothing of the inside, as a page and as a problem
    for path in ("/boom", "/api/boom"):
        answer = anonymous.get(path)
        assert answer.status_code == 500
        assert "secret-internal-detail" not in answer.text and "Traceback" not in answer.text
    assert anonymous.get("/api/boom").headers["content-type"].startswith("application/problem+json")


# -- URLs in texts stay text: the server fetches nothing -----------------------------------


class Listener:
    """A loopback TCP server that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections: list[Any] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, peer = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(peer)
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


def test_urls_in_texts_are_never_fetched(clients: Clients) -> None:
    listener = Listener()
    try:
        base = f"127.0.0.1:{listener.port}"
        urls = [
            f"http://{base}/bild.png",
            f"https://{base}/",
            f"//{base}/x",
            f"http://localhost:{listener.port}/a",
            f"![bild](http://{base}/md.png)",
        ]
        text = " ".join(urls)
        pages = plant(clients, text)
        anonymous = TestClient(clients.app)
        for target in urls[:3]:
            form(anonymous, "/login", {"login": "anna", "password": PASSWORD, "next": target})
            form(anonymous, "/logout")
            form(anonymous, "/language", {"lang": "de", "next": target})
        shown = []
        for login in LOGINS:
            client = clients.page(login)
            for path in (*GENERAL_PAGES, *pages.values()):
                answer = client.get(
                    path, headers={"Referer": urls[0], "Origin": urls[1], "X-Forwarded-Host": base}
                )
                shown.append(answer.text)
            for path in ("/api/requests", "/api/offers", "/api/exchanges", "/api/me"):
                clients.api.get(path, headers={**clients.token(login), "Referer": urls[0]})
        time.sleep(0.5)
        assert listener.connections == [], "the server connected to a URL from a text"
        everything = "\n".join(shown)
        # the URLs are shown as text, never as a link or an image
        assert f"http://{base}/bild.png" in everything
        for attribute in ("href", "src", "action", "srcset", "poster"):
            assert f'{attribute}="http://{base}' not in everything
            assert f'{attribute}="//{base}' not in everything
    finally:
        listener.close()


# -- cookies ---------------------------------------------------------------------------


def _set_cookies(answer: Any) -> list[str]:
    return answer.headers.get_list("set-cookie")


@pytest.mark.parametrize("secure", [False, True])
def test_every_cookie_is_httponly_and_samesite(fresh: World, secure: bool) -> None:
    app = create_app(fresh.platform, WebSettings(secure_cookies=secure))
    base = "https://testserver.local" if secure else "http://testserver.local"
    client = TestClient(app, base_url=base)
    cookies = _set_cookies(client.get("/login"))
    cookies += _set_cookies(sign_in(client, "anna"))
    cookies += _set_cookies(form(client, "/language", {"lang": "en", "next": "/board"}))
    cookies += _set_cookies(form(client, "/logout"))
    names = {c.split("=", 1)[0] for c in cookies}
    assert {"sorgende_csrf", "sorgende_session", "sorgende_lang"} <= names
    for cookie in cookies:
        if "Max-Age=0" in cookie:
            # a deletion: it carries no value any more
            assert cookie.split(";")[0].split("=", 1)[1] in ("", '""'), cookie
            continue
        flags = {part.strip().split("=")[0].lower(): part for part in cookie.split(";")[1:]}
        assert "httponly" in flags, cookie
        assert flags.get("samesite", "").strip().lower() in ("samesite=lax", "samesite=strict"), (
            cookie
        )
        assert ("secure" in flags) is secure, cookie
        assert flags.get("path", "").strip() == "Path=/", cookie


def test_a_session_id_set_before_sign_in_is_not_adopted(fresh: World) -> None:
    """Session fixation: the sign-in makes a new session, whatever cookie came with it."""
    app = create_app(fresh.platform)
    victim = TestClient(app)
    planted = "attacker-chosen-session-value-1234567890"
    victim.cookies.set("sorgende_session", planted, domain="testserver.local")
    sign_in(victim, "anna")
    assert victim.cookies.get("sorgende_session") != planted
    attacker = TestClient(app)
    attacker.cookies.set("sorgende_session", planted, domain="testserver.local")
    assert attacker.get("/board", follow_redirects=False).status_code == 303


# -- sign-in throttle (the cases of issue 13 are in test_security_hardening_throttle) ------


@contextmanager
def frozen_clock(world: World) -> Iterator[list[float]]:
    """The account store's clock stands still (``[now]``, moved by the test): the
    throttle's waits do not run out while a test sends its requests."""
    store = accounts_for(world.platform)
    now = [time.time()]
    store.clock = lambda: now[0]
    try:
        yield now
    finally:
        store.clock = time.time


def test_sign_in_limit_counts_spellings_of_one_login_together(fresh: World) -> None:
    client = TestClient(create_app(fresh.platform))
    with frozen_clock(fresh):
        for login in ("anna", "ANNA", " anna", "Anna ", "aNNa"):
            answer = form(client, "/login", {"login": login, "password": "falsch-falsch"})
            assert answer.status_code == 401, login
        refused = form(client, "/login", {"login": "anna", "password": PASSWORD})
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0
    assert "sorgende_session" not in refused.headers.get("set-cookie", "")


def test_sign_in_limit_is_the_same_for_unknown_logins(fresh: World) -> None:
    # the limit does not tell which login names exist
    client = TestClient(create_app(fresh.platform))
    with frozen_clock(fresh):
        known = [
            form(client, "/login", {"login": "carl", "password": "falsch-falsch"}).status_code
            for _ in range(6)
        ]
        unknown = [
            form(client, "/login", {"login": "niemand", "password": "falsch-falsch"}).status_code
            for _ in range(6)
        ]
    assert known == unknown == [401] * 5 + [429]


def test_sign_in_wait_ends_after_its_delay(fresh: World) -> None:
    """No lockout for the window: the wait after the free failures is half a minute."""
    client = TestClient(create_app(fresh.platform, WebSettings(login_window_minutes=15)))
    with frozen_clock(fresh) as now:
        for _ in range(5):
            form(client, "/login", {"login": "anna", "password": "falsch-falsch"})
        refused = form(client, "/login", {"login": "anna", "password": PASSWORD})
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "30"
        now[0] += 30
        assert form(client, "/login", {"login": "anna", "password": PASSWORD}).status_code == 303


def test_sign_in_limit_per_address_covers_many_logins(fresh: World) -> None:
    client = TestClient(create_app(fresh.platform, WebSettings(login_attempts_per_address=4)))
    with frozen_clock(fresh):
        for login in ("anna", "ben", "carl", "dora"):
            answer = form(client, "/login", {"login": login, "password": "falsch-falsch"})
            assert answer.status_code == 401
        # the fifth login name, with its right password, waits at this address (a
        # browser that signed in to it here before would not: the device proof)
        assert form(client, "/login", {"login": "petra", "password": PASSWORD}).status_code == 429


def test_overlong_passwords_are_refused_cheaply(fresh: World) -> None:
    client = TestClient(create_app(fresh.platform))
    started = time.perf_counter()
    answer = form(client, "/login", {"login": "anna", "password": "x" * 100_000})
    assert answer.status_code == 401
    assert time.perf_counter() - started < 5


# -- a recipient's address and phone ----------------------------------------------------


def _contact_world(world: World) -> tuple[Any, Any]:
    c = world.community
    olga = c.register_actor(
        ActorKind.PERSON,
        "Olga Ohm",
        home_place_id=world.places["Mehren"].id,
        phone="06592 777888",
        consent=SHARE,
    )
    quiet = c.register_actor(
        ActorKind.PERSON,
        "Quirin Still",
        home_place_id=world.places["Mehren"].id,
        phone="06592 555444",
        consent=Consent(contact=True, share_contact_details=False),
    )
    store = accounts_for(world.platform)
    store.set_street(c.community_id, olga.id, "Kirchgasse 7")
    store.set_street(c.community_id, quiet.id, "Stiller Weg 2")
    return olga, quiet


def _everything(clients: Clients, login: str, ids: list[str]) -> str:
    """Every page and API answer ``login`` can fetch that might show a person."""
    page, token = clients.page(login), clients.token(login)
    texts = []
    for path in (
        *GENERAL_PAGES,
        *(f"/requests/{i}" for i in ids),
        *(f"/exchanges/{i}" for i in ids),
    ):
        texts.append(page.get(path, follow_redirects=False).text)
    for path in (
        "/api/requests",
        "/api/exchanges",
        "/api/me",
        "/api/dashboard",
        *(f"/api/requests/{i}" for i in ids),
        *(f"/api/exchanges/{i}" for i in ids),
        *(f"/api/exchanges/{i}/contact" for i in ids),
        *(f"/api/requests/{i}/candidates" for i in ids),
    ):
        texts.append(clients.api.get(path, headers=token).text)
    return "\n".join(texts)


def test_contact_details_only_for_the_accepted_helper_and_coordinators(
    fresh: World,
) -> None:
    world = fresh
    olga, quiet = _contact_world(world)
    clients = Clients(world, create_app(world.platform))
    c = world.community
    request = c.post_request(olga.id, "shopping", world.places["Mehren"].id, window(), 1)
    exchange = c.propose(request_id=request.id, by=world.people["ben"].id)
    ids = [str(request.id), str(exchange.id)]
    secrets = ("06592 777888", "Kirchgasse 7")

    def sees(login: str) -> bool:
        text = _everything(clients, login, ids)
        found = [s in text for s in secrets]
        assert found in ([True, True], [False, False]), (login, found)
        return all(found)

    # proposed: not even the helper who offered
    assert [sees(x) for x in ("anna", "ben", "carl", "dora")] == [False] * 4
    assert sees("petra") and sees("markus")
    assert (
        clients.api.get(
            f"/api/exchanges/{exchange.id}/contact", headers=clients.token("ben")
        ).status_code
        == 404
    )
    # accepted: the helper sees them, nobody else but the coordination
    c.accept(exchange.id, by=olga.id)
    assert sees("ben")
    contact = clients.api.get(
        f"/api/exchanges/{exchange.id}/contact", headers=clients.token("ben")
    ).json()
    assert contact == {
        "name": "Olga Ohm",
        "phone": "06592 777888",
        "email": None,
        "street": "Kirchgasse 7",
    }
    page = clients.page("ben").get(f"/exchanges/{exchange.id}").text
    assert 'data-testid="contact-street">Kirchgasse 7<' in page
    assert [sees(x) for x in ("anna", "carl", "dora")] == [False] * 3
    # cancelled: the helper no longer needs them
    c.cancel(exchange.id, by=olga.id, reason="geht doch nicht")
    assert not sees("ben")
    assert sees("petra")
    # a recipient who did not agree to share: not even the accepted helper
    other = c.post_request(quiet.id, "shopping", world.places["Mehren"].id, window(), 1)
    agreed = c.accept(c.propose(request_id=other.id, by=world.people["ben"].id).id, by=quiet.id)
    text = _everything(clients, "ben", [str(other.id), str(agreed.id)])
    assert "06592 555444" not in text and "Stiller Weg 2" not in text
    assert "06592 555444" in _everything(clients, "petra", [str(other.id), str(agreed.id)])


def test_a_stored_web_role_alone_does_not_show_contacts(fresh: World) -> None:
    """A web role of coordinator as sorgende-web 0.1 stored it grants nothing: no
    contact without the domain's coordination."""
    world = fresh
    olga, _quiet = _contact_world(world)
    set_legacy_role(world.platform, "dora", "coordinator")
    clients = Clients(world, create_app(world.platform))
    c = world.community
    request = c.post_request(olga.id, "shopping", world.places["Mehren"].id, window(), 1)
    exchange = c.accept(c.propose(request_id=request.id, by=world.people["ben"].id).id, by=olga.id)
    text = _everything(clients, "dora", [str(request.id), str(exchange.id)])
    assert "06592 777888" not in text and "Kirchgasse 7" not in text
