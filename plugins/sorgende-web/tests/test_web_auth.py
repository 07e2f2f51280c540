"""Signing in and out, sessions, CSRF, rate limits, security headers, accounts."""

from __future__ import annotations

import time
from typing import Any

import pytest
from litestar.testing import TestClient
from sorgende_web import create_app
from sorgende_web.accounts import accounts_for, create_account
from sorgende_web.errors import InvalidAccount, LoginTaken
from sorgende_web.settings import WebSettings
from sorgende_web.testing import (
    PASSWORD,
    World,
    bearer,
    csrf_token,
    form,
    set_legacy_role,
    sign_in,
)

from sorgende.domain.actors import ActorKind, CommunityRole
from sorgende.errors import PermissionDenied


def test_pages_need_sign_in(client: TestClient[Any]) -> None:
    for path in (
        "/board",
        "/requests/new",
        "/exchanges",
        "/account",
        "/dashboard",
        "/settings",
        "/profile",
        "/commitments",
        "/offers/new",
    ):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 303, path
        assert answer.headers["location"] == f"/login?next={path}"


def test_sign_in_and_out(client: TestClient[Any]) -> None:
    answer = sign_in(client, "anna")
    assert answer.headers["location"] == "/board"
    board = client.get("/board")
    assert board.status_code == 200
    assert "Anna Alt" in board.text
    assert form(client, "/logout").status_code == 303
    assert client.get("/board", follow_redirects=False).status_code == 303


def test_session_cookie_flags(client: TestClient[Any]) -> None:
    answer = sign_in(client, "anna")
    cookie = answer.headers["set-cookie"]
    assert "sorgende_session=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie or "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_session_cookie_secure_behind_https(world: World) -> None:
    app = create_app(world.platform, WebSettings(secure_cookies=True))
    with TestClient(app, base_url="https://testserver.local") as client:
        answer = sign_in(client, "anna")
        assert "Secure" in answer.headers["set-cookie"]
        assert answer.headers["strict-transport-security"].startswith("max-age=")


def test_wrong_password_is_refused_without_saying_which(client: TestClient[Any]) -> None:
    wrong = form(client, "/login", {"login": "anna", "password": "falsch-falsch"})
    unknown = form(client, "/login", {"login": "nobody", "password": "falsch-falsch"})
    assert wrong.status_code == unknown.status_code == 401
    assert "Anmeldename oder Passwort ist falsch" in wrong.text
    assert "sorgende_session" not in wrong.headers.get("set-cookie", "")


def _frozen(world: World) -> Any:
    """The account store's clock stands still: the throttle's waits do not run out."""
    now = time.time()
    accounts_for(world.platform).clock = lambda: now
    return now


def test_sign_in_is_throttled_per_login_and_address(world: World) -> None:
    _frozen(world)
    with TestClient(create_app(world.platform)) as client:
        for _ in range(5):
            answer = form(client, "/login", {"login": "anna", "password": "falsch-falsch"})
            assert answer.status_code == 401
        # even the right password waits now: the throttle comes before the check
        blocked = form(client, "/login", {"login": "anna", "password": PASSWORD})
        assert blocked.status_code == 429
        assert "Zu viele fehlgeschlagene Anmeldungen" in blocked.text
        # another person is not slowed by Anna's failures
        assert form(client, "/login", {"login": "ben", "password": PASSWORD}).status_code == 303


def test_sign_in_is_throttled_per_address(world: World) -> None:
    _frozen(world)
    settings = WebSettings(login_attempts_per_address=3)
    with TestClient(create_app(world.platform, settings)) as client:
        for login in ("anna", "ben", "carl"):
            assert (
                form(client, "/login", {"login": login, "password": "xxxxxxxx"}).status_code == 401
            )
        assert form(client, "/login", {"login": "dora", "password": PASSWORD}).status_code == 429


def test_login_redirect_stays_on_the_site(client: TestClient[Any]) -> None:
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        answer = form(client, "/login", {"login": "anna", "password": PASSWORD, "next": target})
        assert answer.headers["location"] == "/board", target
        form(client, "/logout")
    answer = form(client, "/login", {"login": "anna", "password": PASSWORD, "next": "/account"})
    assert answer.headers["location"] == "/account"


def test_forms_need_the_csrf_token(client: TestClient[Any], as_: Any, world: World) -> None:
    csrf_token(client)
    no_token = client.post(
        "/login", data={"login": "anna", "password": PASSWORD}, follow_redirects=False
    )
    assert no_token.status_code == 403
    anna = as_("anna")
    for path in ("/requests", "/logout", "/language", "/profile/tokens", "/profile/address"):
        assert anna.post(path, data={"title": "x"}).status_code == 403, path
    forged = anna.post("/logout", data={"_csrf_token": "0" * 128})
    assert forged.status_code == 403
    # the API takes no cookies, so it needs no token: the cookie does not sign in there
    assert anna.get("/api/me").status_code == 401


def test_state_changing_routes_refuse_get(as_: Any, world: World) -> None:
    anna = as_("anna")
    request = world.post_request("anna")
    for path in (
        "/logout",
        "/language",
        "/requests",
        f"/requests/{request.id}/withdraw",
        f"/requests/{request.id}/propose",
        "/offers",
        "/commitments/x/pause",
        "/profile/tokens",
        "/profile/address",
        "/settings/places",
    ):
        answer = anna.get(path, follow_redirects=False)
        assert answer.status_code in (404, 405), path
    assert anna.get("/logout").status_code == 405
    assert anna.get(f"/requests/{request.id}/withdraw").status_code == 405
    assert anna.get("/profile/tokens").status_code == 405


def test_security_headers_on_every_answer(client: TestClient[Any], as_: Any) -> None:
    anna = as_("anna")
    for answer in (
        client.get("/login"),
        client.get("/nowhere"),
        anna.get("/board"),
        client.get("/api/me"),
        client.get("/static/sorgende.css"),
        client.post("/logout"),
    ):
        csp = answer.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["referrer-policy"] == "same-origin"
    assert anna.get("/board").headers["cache-control"] == "no-store"


def test_no_inline_script_or_style_in_pages(as_: Any, world: World) -> None:
    world.post_request("anna")
    for login, path in (
        ("anna", "/board"),
        ("petra", "/dashboard"),
        ("ben", "/commitments"),
        ("markus", "/settings"),
        ("anna", "/account"),
    ):
        text = as_(login).get(path).text
        assert "<script" not in text and "style=" not in text and "<style" not in text, path


def test_language_switch(client: TestClient[Any]) -> None:
    assert 'lang="de"' in client.get("/login").text
    answer = form(client, "/language", {"lang": "en", "next": "/login"})
    assert answer.headers["location"] == "/login"
    page = client.get("/login")
    assert 'lang="en"' in page.text and "Sign in" in page.text
    assert form(client, "/language", {"lang": "fr"}).status_code == 422


def test_accept_language(world: World) -> None:
    with TestClient(create_app(world.platform)) as client:
        english = client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.9,de;q=0.5"})
        assert 'lang="en"' in english.text
        german = client.get("/login", headers={"Accept-Language": "fr, de;q=0.8"})
        assert 'lang="de"' in german.text
        assert "Anmelden" in german.text


def test_create_account_checks_the_domain(world: World) -> None:
    carl = world.people["carl"]
    with pytest.raises(PermissionDenied):
        # roles are the domain's: granted through the core, which refuses whoever may
        # not grant them (here Carl himself), and nothing of the account is made
        create_account(
            world.platform,
            community_id=world.community.community_id,
            actor_id=carl.id,
            login="carl2",
            password=PASSWORD,
            roles=[CommunityRole.COORDINATOR],
            by=carl.id,
        )
    assert accounts_for(world.platform).by_login("carl2") is None
    with pytest.raises(LoginTaken):
        create_account(
            world.platform,
            community_id=world.community.community_id,
            actor_id=carl.id,
            login="Anna",
            password=PASSWORD,
        )
    with pytest.raises(InvalidAccount):
        create_account(
            world.platform,
            community_id=world.community.community_id,
            actor_id=carl.id,
            login="carl3",
            password="short",
        )
    with pytest.raises(InvalidAccount):
        create_account(
            world.platform,
            community_id=world.community.community_id,
            actor_id=carl.id,
            login="<script>",
            password=PASSWORD,
        )
    club = world.community.register_actor(ActorKind.ASSOCIATION, "Club")
    with pytest.raises(InvalidAccount):
        create_account(
            world.platform,
            community_id=world.community.community_id,
            actor_id=club.id,
            login="club",
            password=PASSWORD,
        )


def test_a_stored_web_role_gets_no_coordination(world: World, as_: Any) -> None:
    # the web role sorgende-web 0.1 stored does not make a coordinator: only the domain
    set_legacy_role(world.platform, "ben", "admin")
    assert as_("ben").get("/dashboard").status_code == 403
    assert as_("ben").get("/settings").status_code == 403


def test_passwords_and_tokens_are_stored_hashed(world: World) -> None:
    store = accounts_for(world.platform)
    account = store.by_login("anna")
    assert account is not None
    token = store.create_token(account.id, "x")
    session = store.start_session(account.id, 1)
    with world.platform.storage.engine.connect() as conn:
        dump = "\n".join(
            " ".join(map(str, row))  # not str(row): SQLAlchemy shortens long values
            for table in ("k_web_account", "k_web_api_token", "k_web_session")
            for row in conn.exec_driver_sql(f"SELECT * FROM {table}")
        )
    secrets = [token, session, token.rpartition(".")[2], session.rpartition(".")[2]]
    assert PASSWORD not in dump and not any(secret in dump for secret in secrets)
    assert "$argon2" in dump


def test_api_needs_a_token(client: TestClient[Any], world: World) -> None:
    answer = client.get("/api/me")
    assert answer.status_code == 401
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.headers["www-authenticate"].startswith("Bearer")
    body = answer.json()
    assert body["status"] == 401 and body["detail"]
    assert client.get("/api/me", headers=bearer("sgd_not-a-token")).status_code == 401
    assert client.get("/api/me", headers={"Authorization": "Basic YW5uYTp4"}).status_code == 401


def test_revoked_token_is_refused(world: World, as_: Any, client: TestClient[Any]) -> None:
    anna = as_("anna")
    made = form(anna, "/profile/tokens", {"name": "Kalender"})
    assert made.status_code == 201
    token = made.text.split('data-testid="new-token">')[1].split("<")[0]
    assert client.get("/api/me", headers=bearer(token)).json()["login"] == "anna"
    store = accounts_for(world.platform)
    account = store.by_login("anna")
    assert account is not None
    (listed,) = store.tokens(account.id)
    assert form(as_("ben"), f"/profile/tokens/{listed.id}/revoke").status_code == 404
    assert form(anna, f"/profile/tokens/{listed.id}/revoke").status_code == 303
    assert client.get("/api/me", headers=bearer(token)).status_code == 401


def test_logout_ends_the_session_on_the_server(client: TestClient[Any]) -> None:
    sign_in(client, "anna")
    session = client.cookies.get("sorgende_session")
    form(client, "/logout")
    client.cookies.set("sorgende_session", session)
    assert client.get("/board", follow_redirects=False).status_code == 303
