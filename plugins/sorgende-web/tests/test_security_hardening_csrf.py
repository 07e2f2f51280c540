"""Page forms: CSRF tokens bound to the session, and forms from other sites refused.

Before (issue 13): the token was Litestar's double-submit cookie, the same before and
after signing in and across sign-ins, good with any cookie that carried it, and the
``Origin`` was not looked at. Each test failed on that code and passes now.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from litestar.testing import TestClient
from sorgende_web import create_app
from sorgende_web.accounts import accounts_for
from sorgende_web.csrf import CSRF_COOKIE
from sorgende_web.settings import WebSettings
from sorgende_web.testing import CSRF_FIELD, PASSWORD, World, csrf_token, form, sign_in

SITE = "http://testserver.local"


def _page_token(client: TestClient[Any], path: str = "/profile") -> str:
    """The token in the first form of a page, as a browser reads it."""
    found = re.search(rf'name="{CSRF_FIELD}" value="([^"]+)"', client.get(path).text)
    assert found, f"no form on {path}"
    return found.group(1)


def _street(world: World) -> str:
    store = accounts_for(world.platform)
    return store.street(world.community.community_id, world.people["anna"].id)


def _post_street(client: TestClient[Any], token: str, street: str, **headers: str) -> Any:
    return client.post(
        "/profile/address",
        data={CSRF_FIELD: token, "street": street},
        headers=headers,
        follow_redirects=False,
    )


# -- bound to the session ------------------------------------------------------------------


def test_a_token_is_good_for_its_own_sign_in_only(app: Any, world: World) -> None:
    browser = TestClient(app)
    before = csrf_token(browser)
    sign_in(browser, "anna")
    first = _page_token(browser)
    assert first != before
    # the token from before the sign-in does not fit the session
    assert _post_street(browser, before, "Vorher 1").status_code == 403
    assert _post_street(browser, first, "Erste 1").status_code == 303
    form(browser, "/logout")
    sign_in(browser, "anna")
    # a form of the earlier sign-in is void now
    assert _post_street(browser, first, "Alte 1").status_code == 403
    assert _street(world) == "Erste 1"
    assert _post_street(browser, _page_token(browser), "Neue 1").status_code == 303
    assert _street(world) == "Neue 1"


def test_a_planted_csrf_cookie_and_its_token_do_not_pass_for_a_signed_in_browser(
    app: Any, world: World
) -> None:
    """Double-submit's weakness: whoever can set a cookie for the site (a neighbouring
    subdomain, a network on the way without HTTPS) plants a cookie whose token they
    know. Bound to the victim's session, the token does not fit."""
    attacker = TestClient(app)
    planted = csrf_token(attacker)
    cookie = attacker.cookies[CSRF_COOKIE]
    victim = TestClient(app)
    sign_in(victim, "anna")
    victim.cookies.set(CSRF_COOKIE, cookie, domain="testserver.local")
    assert _post_street(victim, planted, "Evil 1").status_code == 403
    assert _post_street(victim, cookie, "Evil 2").status_code == 403
    assert _street(world) == "Lindenweg 3"


def test_another_persons_token_does_not_pass(app: Any, world: World) -> None:
    ben = TestClient(app)
    sign_in(ben, "ben")
    anna = TestClient(app)
    sign_in(anna, "anna")
    assert _post_street(anna, _page_token(ben), "Evil 3").status_code == 403
    assert _street(world) == "Lindenweg 3"


def test_the_sign_in_form_needs_its_browsers_token(app: Any) -> None:
    browser = TestClient(app)
    # no page seen yet: no cookie, so no token fits (login CSRF needs the cookie)
    answer = browser.post(
        "/login",
        data={"login": "anna", "password": PASSWORD, CSRF_FIELD: "0" * 64},
        follow_redirects=False,
    )
    assert answer.status_code == 403
    assert form(browser, "/login", {"login": "anna", "password": PASSWORD}).status_code == 303


# -- the origin of unsafe requests -----------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("origin", "https://attacker.example"),
        ("origin", "null"),
        ("origin", "http://testserver.local.attacker.example"),
        # another scheme or port is another origin
        ("origin", "https://testserver.local"),
        ("origin", "http://testserver.local:8080"),
        ("referer", "https://attacker.example/formular.html"),
    ],
)
def test_a_form_from_another_origin_is_refused(
    app: Any, world: World, header: str, value: str
) -> None:
    browser = TestClient(app)
    sign_in(browser, "anna")
    answer = _post_street(browser, _page_token(browser), "Fremd 1", **{header: value})
    assert answer.status_code == 403
    assert "Das Formular kam von einer anderen Website" in answer.text
    assert _street(world) == "Lindenweg 3"


def test_a_form_from_the_site_itself_passes(app: Any, world: World) -> None:
    browser = TestClient(app)
    sign_in(browser, "anna")
    token = _page_token(browser)
    assert _post_street(browser, token, "Origin 1", origin=SITE).status_code == 303
    assert _post_street(browser, token, "Referer 1", referer=f"{SITE}/profile").status_code == 303
    # neither header (an old browser, a script): the token decides
    assert _post_street(browser, token, "Ohne 1").status_code == 303
    assert _street(world) == "Ohne 1"


def test_with_a_base_url_only_its_origin_passes(world: World) -> None:
    app = create_app(world.platform, WebSettings(base_url="https://hilfe.testdorf.example/"))
    browser = TestClient(app)
    sign_in(browser, "anna")
    token = _page_token(browser)
    # the request's own Host no longer decides: the configured address does
    refused = _post_street(browser, token, "Host 1", origin=SITE)
    assert refused.status_code == 403
    good = _post_street(browser, token, "Basis 1", origin="https://hilfe.testdorf.example")
    assert good.status_code == 303
    assert _street(world) == "Basis 1"


def test_the_refusal_names_the_origin_in_the_persons_language(app: Any) -> None:
    browser = TestClient(app)
    sign_in(browser, "anna")
    form(browser, "/language", {"lang": "en", "next": "/profile"})
    answer = _post_street(browser, _page_token(browser), "x", origin="https://attacker.example")
    assert answer.status_code == 403
    assert "The form came from another site (https://attacker.example)" in answer.text


def test_the_api_is_judged_by_its_bearer_token_alone(app: Any, world: World) -> None:
    """The API takes no cookies, so neither a form token nor an origin matters there."""
    from sorgende_web.testing import api_token, bearer

    client = TestClient(app)
    token = api_token(world.platform, "anna")
    answer = client.get("/api/me", headers={**bearer(token), "origin": "https://app.example"})
    assert answer.status_code == 200
