"""Access control, as peer platforms' advisories found it broken: a matrix over every route.

Every route of the app (read from ``app.routes``, so a new route without an entry here
fails :func:`test_every_route_is_in_the_matrix`) is called by each role (anonymous,
resident, helper, coordinator, admin) on a record of their own, on another person's
record of their community, and on a record of the other community, and the answer's
status is compared with the one the matrix names. Further classes of flaw:

- IDOR: another community's or another person's id answers exactly like an id that
  does not exist (404), so ids cannot be probed;
- an API token works in its own community only;
- state-changing routes refuse GET, and pages refuse a missing or forged CSRF token;
- the API ignores the session cookie (so it needs no CSRF token).

Input handling (mass assignment, filters, escaping, outbound fetches, cookies, rate
limits, contact details) is in ``test_security_input.py``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sorgende_web
from litestar.testing import TestClient
from sorgende_web import create_app
from sorgende_web.accounts import accounts_for
from sorgende_web.testing import (
    CSRF_FIELD,
    PASSWORD,
    World,
    api_token,
    bearer,
    build_world,
    csrf_token,
    form,
    sign_in,
)

import sorgende
from sorgende.domain.actors import ActorKind, Consent
from sorgende.domain.commitments import Period
from sorgende.domain.values import TimeWindow

#: the people who call: resident (Anna) and helper (Ben) hold no role of the domain (every
#: person may ask for and offer help); the coordinator (Petra) coordinates the
#: association, a community coordinator; the admin (Markus) is the community's
#: administrator and staff of the municipality, a community coordinator too
ROLES = ("anonymous", "resident", "helper", "coordinator", "admin")
LOGIN = {"resident": "anna", "helper": "ben", "coordinator": "petra", "admin": "markus"}
SCOPES = ("own", "other", "foreign")
#: the person whose records are "another person's" (a resident and a helper), and the
#: other community's people
OTHER, OTHER_HELPER = "carl", "dora"
FOREIGN, FOREIGN_HELPER = "eve", "finn"
#: methods Litestar adds to every path by itself
AUTOMATIC = frozenset({"OPTIONS", "HEAD"})


# -- the world the matrix runs in ----------------------------------------------------------


class Ctx:
    """One world and app for the module; every cell makes its own fresh records."""

    def __init__(self, world: World, app: Any) -> None:
        self.world = world
        self.app = app
        self.platform = world.platform
        self._clients: dict[str, TestClient[Any]] = {}
        self.tokens = {role: api_token(self.platform, login) for role, login in LOGIN.items()}
        share = Consent(contact=True, share_contact_details=True)
        # recipients who share their contact details and have no account of their own
        self.olga = world.community.register_actor(
            ActorKind.PERSON,
            "Olga Ohm",
            home_place_id=world.places["Mehren"].id,
            phone="06592 9999",
            consent=share,
        )
        self.association = next(
            a.id for a in world.community.actors() if a.kind is ActorKind.ASSOCIATION
        )
        self.otto = world.other.register_actor(
            ActorKind.PERSON,
            "Otto Ott",
            home_place_id=world.other_people["eve"].home_place_id,
            phone="0123 4567",
            consent=share,
        )

    # clients: signed in once per role; TestClients are not entered, so that no two
    # lifespans of the one app run at the same time
    def client(self, role: str, *, fresh: bool = False) -> TestClient[Any]:
        if fresh or role not in self._clients:
            made = TestClient(self.app)
            if role != "anonymous":
                sign_in(made, LOGIN[role])
            if fresh:
                return made
            self._clients[role] = made
        return self._clients[role]

    def person(self, login: str) -> Any:
        if login == "olga":
            return self.olga
        if login == "otto":
            return self.otto
        return self.world.actor(login)

    def service(self, login: str) -> Any:
        foreign = login in self.world.other_people or login == "otto"
        return self.world.other if foreign else self.world.community

    def place(self, login: str) -> uuid.UUID:
        return self.person(login).home_place_id  # type: ignore[no-any-return]

    # records, each made fresh through the core's use cases
    def window(self, days: int = 3) -> TimeWindow:
        # each record at an hour of its own: a helper is never booked twice at once
        self._hours = getattr(self, "_hours", 0) + 2
        start = (datetime.now(UTC) + timedelta(days=days, hours=self._hours)).replace(
            microsecond=0, second=0
        )
        return TimeWindow(start, start + timedelta(hours=1))

    def request(self, owner: str) -> Any:
        person = self.person(owner)
        return self.service(owner).post_request(
            person.id, "shopping", self.place(owner), self.window(), 1, title="Einkauf"
        )

    def exchange(self, recipient: str, helper: str, *, accepted: bool = False) -> Any:
        service = self.service(recipient)
        request = self.request(recipient)
        made = service.propose(request_id=request.id, by=self.person(helper).id)
        if accepted:
            made = service.accept(made.id, by=self.person(recipient).id)
        return made

    def matched_request(self, owner: str, helper: str) -> uuid.UUID:
        """A request that is no longer open: only its parties and coordinators see it."""
        return self.exchange(owner, helper, accepted=True).request_id  # type: ignore[no-any-return]

    def offer(self, owner: str, *, withdrawn: bool = False) -> Any:
        service, person = self.service(owner), self.person(owner)
        made = service.offer_help(person.id, "shopping", [], self.window(), 2, by=person.id)
        if withdrawn:
            made = service.withdraw_offer(made.id, by=person.id)
        return made

    def commitment(self, owner: str) -> Any:
        person = self.person(owner)
        return self.service(owner).make_commitment(person.id, 2, Period.WEEK, by=person.id)

    def token_id(self, owner: str) -> uuid.UUID:
        store = accounts_for(self.platform)
        account = store.by_login(owner)
        assert account is not None
        store.create_token(account.id, "cell")
        return store.tokens(account.id)[-1].id


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ctx]:
    path: Path = tmp_path_factory.mktemp("security") / "web.db"
    platform = sorgende.open(
        f"sqlite:///{path}",
        plugins=[sorgende_web],
        load_entrypoints=False,
        settings=sorgende.load_settings(environ={}),
    )
    world = build_world(platform)
    yield Ctx(world, create_app(platform))
    platform.close()


# -- one call of a cell -------------------------------------------------------------------


@dataclass
class Call:
    method: str
    path: str
    form: dict[str, Any] | None = None
    json: dict[str, Any] | None = None
    query: dict[str, str] = field(default_factory=dict)
    #: the call ends or replaces the session: use a client of its own
    fresh: bool = False


def perform(ctx: Ctx, role: str, call: Call) -> Any:
    if call.path.startswith("/api"):
        headers = bearer(ctx.tokens[role]) if role != "anonymous" else {}
        client = ctx.client("anonymous")
        if call.method == "GET":
            return client.get(call.path, params=call.query, headers=headers)
        return client.post(call.path, json=call.json or {}, headers=headers)
    client = ctx.client(role, fresh=call.fresh)
    if call.method == "GET":
        return client.get(call.path, params=call.query, follow_redirects=False)
    return form(client, call.path, call.form or {})


#: who the owner of a record is, per role and scope (a helper-only record needs a helper)
def owner(role: str, scope: str, *, helper: bool = False) -> str:
    if scope == "own":
        return LOGIN.get(role, OTHER)
    if scope == "other":
        return OTHER_HELPER if helper else OTHER
    return FOREIGN_HELPER if helper else FOREIGN


Make = Callable[[Ctx, str, str], Call]
#: expected status per role: one status for every scope, or one per scope (own, other, foreign)
Expect = dict[str, int | tuple[int, int, int]]


@dataclass
class Entry:
    make: Make
    expect: Expect
    scopes: tuple[str, ...] = ("own",)

    def status(self, role: str, scope: str) -> int:
        value = self.expect[role]
        return value[SCOPES.index(scope)] if isinstance(value, tuple) else value


def grid(anonymous: Any, resident: Any, helper: Any, coordinator: Any, admin: Any) -> Expect:
    return dict(zip(ROLES, (anonymous, resident, helper, coordinator, admin), strict=True))


def day() -> dict[str, str]:
    start = datetime.now(UTC) + timedelta(days=4)
    return {"date": start.date().isoformat(), "time": "10:00"}


def iso(days: int = 4) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).replace(microsecond=0).isoformat()


# -- page cells ---------------------------------------------------------------------------


def request_form(c: Ctx, role: str, scope: str) -> Call:
    data = {"category": "shopping", "hours": "1", "title": "Einkauf", **day()}
    who = LOGIN.get(role, OTHER)
    data["place_id"] = str(c.place(who if who in c.world.people else OTHER))
    if scope == "other":
        data["recipient_id"] = str(c.person(OTHER).id)  # on someone's behalf
    if scope == "foreign":
        data["place_id"] = str(c.place(FOREIGN))
    return Call("POST", "/requests", form=data)


def offer_form(c: Ctx, role: str, scope: str) -> Call:
    data = {"category": "shopping", "hours": "2", **day()}
    if scope == "foreign":
        data["place_ids"] = str(c.place(FOREIGN))
    return Call("POST", "/offers", form=data)


def commitment_form(c: Ctx, role: str, scope: str) -> Call:
    data = {"hours": "2", "period": "week"}
    if scope == "foreign":
        data["place_ids"] = str(c.place(FOREIGN))
    return Call("POST", "/commitments", form=data)


def request_page(c: Ctx, role: str, scope: str) -> Call:
    if scope == "own":
        return Call("GET", f"/requests/{c.request(owner(role, scope)).id}")
    helper = OTHER_HELPER if scope == "other" else FOREIGN_HELPER
    return Call("GET", f"/requests/{c.matched_request(owner(role, scope), helper)}")


def propose_page(c: Ctx, role: str, scope: str) -> Call:
    return Call("POST", f"/requests/{c.request(owner(role, scope)).id}/propose", form={})


def accept_all_page(c: Ctx, role: str, scope: str) -> Call:
    # without a helper named: refused as input wherever the request is seen
    return Call("POST", f"/requests/{c.request(owner(role, scope)).id}/accept-all", form={})


def withdraw_request_page(c: Ctx, role: str, scope: str) -> Call:
    return Call("POST", f"/requests/{c.request(owner(role, scope)).id}/withdraw", form={})


def offer_page(c: Ctx, role: str, scope: str) -> Call:
    made = c.offer(owner(role, scope, helper=True), withdrawn=scope == "other")
    return Call("GET", f"/offers/{made.id}")


def offer_use_page(c: Ctx, role: str, scope: str) -> Call:
    made = c.offer(owner(role, scope, helper=True))
    start = made.window.start.astimezone(ZoneInfo("Europe/Berlin"))
    when = {"date": start.date().isoformat(), "time": start.strftime("%H:%M")}
    return Call("POST", f"/offers/{made.id}/use", form=when)


def offer_withdraw_page(c: Ctx, role: str, scope: str) -> Call:
    made = c.offer(owner(role, scope, helper=True))
    return Call("POST", f"/offers/{made.id}/withdraw", form={})


def exchange_of(c: Ctx, role: str, scope: str) -> Any:
    """A proposed exchange: the viewer is its recipient (own), or no party of it."""
    if scope == "own":
        return c.exchange(owner(role, scope), OTHER_HELPER)
    if scope == "other":
        return c.exchange(OTHER, OTHER_HELPER)
    return c.exchange(FOREIGN, FOREIGN_HELPER)


def contact_exchange(c: Ctx, role: str, scope: str) -> Any:
    """An accepted exchange with a recipient who shares contact details: the viewer helps
    (own), or takes no part in it."""
    if scope == "own":
        return c.exchange("olga", owner(role, scope), accepted=True)
    if scope == "other":
        return c.exchange("olga", OTHER_HELPER, accepted=True)
    return c.exchange("otto", FOREIGN_HELPER, accepted=True)


def commitment_change_page(c: Ctx, role: str, scope: str) -> Call:
    made = c.commitment(owner(role, scope, helper=True))
    return Call("POST", f"/commitments/{made.id}/pause", form={})


def token_revoke_page(c: Ctx, role: str, scope: str) -> Call:
    return Call("POST", f"/profile/tokens/{c.token_id(owner(role, scope))}/revoke", form={})


def fixed(call: Call) -> Make:
    return lambda c, role, scope: call


def pages_of_scope(path: str) -> Make:
    def make(c: Ctx, role: str, scope: str) -> Call:
        query = {"scope": "all"} if scope == "other" else {}
        if scope == "foreign":
            query = {"place": str(c.place(FOREIGN))}
        return Call("GET", path, query=query)

    return make


# -- the people administration's cells ---------------------------------------------------


def fresh_person(c: Ctx, *, email: str | None = None, account: bool = False) -> Any:
    """A person of the community made for one cell, so that an act on them (deactivation,
    a new password) changes no one another cell relies on."""
    tag = uuid.uuid4().hex[:8]
    person = c.world.community.register_actor(ActorKind.PERSON, f"Frieda {tag}", email=email)
    if account:
        from sorgende_web.accounts import create_account

        create_account(
            c.platform,
            community_id=c.world.community.community_id,
            actor_id=person.id,
            login=f"frieda-{tag}",
            password=PASSWORD,
        )
    return person


def person_page(suffix: str = "", method: str = "GET", **data: Any) -> Make:
    """A person's page (or a form on it): own, another person, another community's."""

    def make(c: Ctx, role: str, scope: str) -> Call:
        person = c.person(owner(role, scope))
        return Call(method, f"/people/{person.id}{suffix}", form=dict(data))

    return make


def fresh_person_form(
    suffix: str,
    *,
    deactivated: bool = False,
    email: bool = False,
    account: bool = False,
    login: bool = False,
) -> Make:
    """A form on a person made for the cell ("other"), or another community's ("foreign")."""

    def make(c: Ctx, role: str, scope: str) -> Call:
        if scope == "foreign":
            person = c.person(FOREIGN)
        else:
            person = fresh_person(c, email="frieda@example.org" if email else None, account=account)
            if deactivated:
                c.world.community.deactivate_person(person.id, by=sorgende.OPERATOR)
        data = {"login": f"neu-{uuid.uuid4().hex[:8]}"} if login else {}
        return Call("POST", f"/people/{person.id}{suffix}", form=data)

    return make


def new_person_form(c: Ctx, role: str, scope: str) -> Call:
    return Call("POST", "/people", form={"name": f"Neu {uuid.uuid4().hex[:6]}"})


def erasure_form(c: Ctx, role: str, scope: str) -> Call:
    return Call("POST", "/erasures", form={"person_id": str(c.person(OTHER).id)})


# -- API cells ----------------------------------------------------------------------------


def api_request_body(c: Ctx, role: str, scope: str) -> Call:
    who = LOGIN.get(role, OTHER)
    body: dict[str, Any] = {
        "category": "shopping",
        "place_id": str(c.place(who)),
        "start": iso(),
        "hours": 1,
    }
    if scope == "other":
        body["recipient_id"] = str(c.person(OTHER).id)
    if scope == "foreign":
        body["place_id"] = str(c.place(FOREIGN))
    return Call("POST", "/api/requests", json=body)


def api_offer_body(c: Ctx, role: str, scope: str) -> Call:
    body: dict[str, Any] = {"category": "shopping", "start": iso(), "hours": 2}
    if scope == "foreign":
        body["place_ids"] = [str(c.place(FOREIGN))]
    return Call("POST", "/api/offers", json=body)


def api_commitment_body(c: Ctx, role: str, scope: str) -> Call:
    body: dict[str, Any] = {"hours": 2}
    if scope == "foreign":
        body["place_ids"] = [str(c.place(FOREIGN))]
    return Call("POST", "/api/commitments", json=body)


def api_propose(c: Ctx, role: str, scope: str) -> Call:
    """Propose to help with a request of the viewer's own (own), of another person
    (other), or of the other community (foreign)."""
    request = c.request(owner(role, scope))
    return Call("POST", "/api/exchanges", json={"request_id": str(request.id)})


def api_list(path: str) -> Make:
    def make(c: Ctx, role: str, scope: str) -> Call:
        return Call(
            "GET", path, query={"place_id": str(c.place(FOREIGN))} if scope == "foreign" else {}
        )

    return make


def api_of(page: Make, *, method: str | None = None, suffix: str = "", body: bool = True) -> Make:
    """The API twin of a page cell: the same records under ``/api``."""

    def make(c: Ctx, role: str, scope: str) -> Call:
        call = page(c, role, scope)
        path = "/api" + call.path.removesuffix("/use") + suffix
        return Call(method or call.method, path, json={} if body else None)

    return make


def exchange_call(
    method: str, suffix: str = "", *, contact: bool = False, api: bool = False
) -> Make:
    def make(c: Ctx, role: str, scope: str) -> Call:
        made = (contact_exchange if contact else exchange_of)(c, role, scope)
        prefix = "/api" if api else ""
        return Call(method, f"{prefix}/exchanges/{made.id}{suffix}", form={}, json={})

    return make


def conversation_call(method: str, suffix: str = "", **form: str) -> Make:
    def make(c: Ctx, role: str, scope: str) -> Call:
        made = exchange_of(c, role, scope)
        return Call(method, f"/conversations/{made.id}{suffix}", form=dict(form))

    return make


def candidates_call(c: Ctx, role: str, scope: str) -> Call:
    return Call("GET", f"/api/requests/{c.request(owner(role, scope)).id}/candidates")


# -- the matrix ---------------------------------------------------------------------------

ALL_SCOPES = SCOPES
OWN_FOREIGN = ("own", "foreign")

MATRIX: dict[tuple[str, str], Entry] = {
    # public pages: the front page, the sign-in and the language switch
    ("GET", "/"): Entry(fixed(Call("GET", "/")), grid(200, 303, 303, 303, 303)),
    # the ways to an account: public; the world's community offers no registration, and
    # sends no links (no base_url, no e-mail channel)
    ("GET", "/register"): Entry(fixed(Call("GET", "/register")), grid(200, 200, 200, 200, 200)),
    ("POST", "/register"): Entry(
        fixed(Call("POST", "/register", form={"name": "X", "email": "x@example.org"})),
        grid(404, 404, 404, 404, 404),
    ),
    ("GET", "/register/confirm/{token:str}"): Entry(
        fixed(Call("GET", "/register/confirm/not-a-link")), grid(404, 404, 404, 404, 404)
    ),
    ("POST", "/register/confirm/{token:str}"): Entry(
        fixed(Call("POST", "/register/confirm/not-a-link", form={"login": "xyz"})),
        grid(404, 404, 404, 404, 404),
    ),
    ("GET", "/invitation/{token:str}"): Entry(
        fixed(Call("GET", "/invitation/not-a-link")), grid(404, 404, 404, 404, 404)
    ),
    ("POST", "/invitation/{token:str}"): Entry(
        fixed(Call("POST", "/invitation/not-a-link", form={"login": "xyz"})),
        grid(404, 404, 404, 404, 404),
    ),
    ("GET", "/password/forgot"): Entry(
        fixed(Call("GET", "/password/forgot")), grid(200, 200, 200, 200, 200)
    ),
    # Carl has no e-mail address: nothing is sent, the answer reads the same
    ("POST", "/password/forgot"): Entry(
        fixed(Call("POST", "/password/forgot", form={"login": OTHER})),
        grid(303, 303, 303, 303, 303),
    ),
    ("GET", "/password/reset/{token:str}"): Entry(
        fixed(Call("GET", "/password/reset/not-a-link")), grid(404, 404, 404, 404, 404)
    ),
    ("POST", "/password/reset/{token:str}"): Entry(
        fixed(Call("POST", "/password/reset/not-a-link", form={})),
        grid(404, 404, 404, 404, 404),
    ),
    ("GET", "/erased"): Entry(fixed(Call("GET", "/erased")), grid(200, 200, 200, 200, 200)),
    # one's own password: the current one is wrong here
    ("GET", "/password"): Entry(fixed(Call("GET", "/password")), grid(303, 200, 200, 200, 200)),
    ("POST", "/password"): Entry(
        fixed(Call("POST", "/password", form={"current": "falsch"})),
        grid(401, 422, 422, 422, 422),
    ),
    # the people administration: who manages accounts or grants roles (the policy's)
    ("GET", "/people"): Entry(fixed(Call("GET", "/people")), grid(303, 403, 403, 200, 200)),
    ("GET", "/people/new"): Entry(fixed(Call("GET", "/people/new")), grid(303, 403, 403, 200, 200)),
    ("POST", "/people"): Entry(new_person_form, grid(401, 403, 403, 303, 303)),
    ("GET", "/people/{person_id:uuid}"): Entry(
        person_page(),
        grid(303, 403, 403, (200, 200, 404), (200, 200, 404)),
        ALL_SCOPES,
    ),
    # revoking a role nobody holds changes nothing; never on oneself, administrators only
    ("POST", "/people/{person_id:uuid}/roles"): Entry(
        person_page("/roles", "POST", role="ledger_keeper", change="revoke"),
        grid(401, 403, 403, (403, 403, 404), (403, 303, 404)),
        ALL_SCOPES,
    ),
    ("POST", "/people/{person_id:uuid}/membership"): Entry(
        lambda c, role, scope: Call(
            "POST",
            f"/people/{c.person(owner(role, scope)).id}/membership",
            form={"organisation_id": str(c.association), "role": "member"},
        ),
        grid(401, 403, 403, (403, 303, 404), (403, 303, 404)),
        ALL_SCOPES,
    ),
    ("POST", "/people/{person_id:uuid}/deactivate"): Entry(
        fresh_person_form("/deactivate"),
        grid(401, 403, 403, (0, 403, 404), (0, 303, 404)),
        ("other", "foreign"),
    ),
    ("POST", "/people/{person_id:uuid}/reactivate"): Entry(
        fresh_person_form("/reactivate", deactivated=True),
        grid(401, 403, 403, (0, 403, 404), (0, 303, 404)),
        ("other", "foreign"),
    ),
    # no base_url and no e-mail channel here: the page says no link can be sent
    ("POST", "/people/{person_id:uuid}/invite"): Entry(
        fresh_person_form("/invite", email=True),
        grid(401, 403, 403, (0, 503, 404), (0, 503, 404)),
        ("other", "foreign"),
    ),
    ("POST", "/people/{person_id:uuid}/account"): Entry(
        fresh_person_form("/account", login=True),
        grid(401, 403, 403, (0, 200, 404), (0, 200, 404)),
        ("other", "foreign"),
    ),
    ("POST", "/people/{person_id:uuid}/initial-password"): Entry(
        fresh_person_form("/initial-password", account=True),
        grid(401, 403, 403, (0, 200, 404), (0, 200, 404)),
        ("other", "foreign"),
    ),
    # a person's own data
    ("GET", "/my-data"): Entry(fixed(Call("GET", "/my-data")), grid(303, 200, 200, 200, 200)),
    ("GET", "/my-data/export"): Entry(
        fixed(Call("GET", "/my-data/export")), grid(303, 200, 200, 200, 200)
    ),
    ("GET", "/my-data/export.json"): Entry(
        fixed(Call("GET", "/my-data/export.json")), grid(303, 200, 200, 200, 200)
    ),
    # without "sure" nothing is asked for
    ("POST", "/my-data/erase"): Entry(
        fixed(Call("POST", "/my-data/erase", form={})), grid(401, 422, 422, 422, 422)
    ),
    # the data protection officer's: nobody of the world holds the role
    ("GET", "/erasures"): Entry(fixed(Call("GET", "/erasures")), grid(303, 403, 403, 403, 403)),
    ("POST", "/erasures"): Entry(erasure_form, grid(401, 403, 403, 403, 403)),
    ("GET", "/login"): Entry(fixed(Call("GET", "/login")), grid(200, 303, 303, 303, 303)),
    ("POST", "/login"): Entry(
        fixed(Call("POST", "/login", form={"login": OTHER, "password": PASSWORD}, fresh=True)),
        grid(303, 303, 303, 303, 303),
    ),
    ("POST", "/logout"): Entry(
        fixed(Call("POST", "/logout", fresh=True)), grid(401, 303, 303, 303, 303)
    ),
    ("POST", "/language"): Entry(
        fixed(Call("POST", "/language", form={"lang": "en"}, fresh=True)),
        grid(303, 303, 303, 303, 303),
    ),
    # calendar feeds: the token is the secret; without a calendar secret there are none
    ("GET", "/calendar/{token:str}"): Entry(
        fixed(Call("GET", "/calendar/not-a-token")), grid(404, 404, 404, 404, 404)
    ),
    # the board; foreign: filtered by the other community's place
    ("GET", "/board"): Entry(
        pages_of_scope("/board"),
        grid(303, (200, 200, 422), (200, 200, 422), (200, 200, 422), (200, 200, 422)),
        OWN_FOREIGN,
    ),
    # requests; other: on someone else's behalf; foreign: in another community's place
    ("GET", "/requests/new"): Entry(
        fixed(Call("GET", "/requests/new")), grid(303, 200, 200, 200, 200)
    ),
    ("POST", "/requests"): Entry(
        request_form,
        grid(401, (303, 403, 422), (303, 403, 422), (303, 303, 422), (303, 303, 422)),
        ALL_SCOPES,
    ),
    ("GET", "/requests/{request_id:uuid}"): Entry(
        request_page,
        grid(303, (200, 404, 404), (200, 404, 404), (200, 200, 404), (200, 200, 404)),
        ALL_SCOPES,
    ),
    ("POST", "/requests/{request_id:uuid}/propose"): Entry(
        propose_page,
        grid(401, (422, 303, 404), (422, 303, 404), (422, 303, 404), (422, 303, 404)),
        ALL_SCOPES,
    ),
    ("GET", "/requests/mine"): Entry(
        fixed(Call("GET", "/requests/mine")), grid(303, 200, 200, 200, 200)
    ),
    ("POST", "/requests/{request_id:uuid}/accept-all"): Entry(
        accept_all_page,
        grid(401, (422, 422, 404), (422, 422, 404), (422, 422, 404), (422, 422, 404)),
        ALL_SCOPES,
    ),
    # other: an open request is seen by all, withdrawn only by who may act for its recipient
    ("POST", "/requests/{request_id:uuid}/withdraw"): Entry(
        withdraw_request_page,
        grid(401, (303, 403, 404), (303, 403, 404), (303, 303, 404), (303, 303, 404)),
        ALL_SCOPES,
    ),
    # offers; other: someone else's (withdrawn, so not on the board)
    ("GET", "/offers/new"): Entry(fixed(Call("GET", "/offers/new")), grid(303, 200, 200, 200, 200)),
    ("POST", "/offers"): Entry(
        offer_form,
        grid(401, (303, 0, 422), (303, 0, 422), (303, 0, 422), (303, 0, 422)),
        OWN_FOREIGN,
    ),
    ("GET", "/offers/{offer_id:uuid}"): Entry(
        offer_page,
        grid(303, (200, 404, 404), (200, 404, 404), (200, 200, 404), (200, 200, 404)),
        ALL_SCOPES,
    ),
    ("POST", "/offers/{offer_id:uuid}/use"): Entry(
        offer_use_page,
        grid(401, (422, 303, 404), (422, 303, 404), (422, 303, 404), (422, 303, 404)),
        ALL_SCOPES,
    ),
    ("POST", "/offers/{offer_id:uuid}/withdraw"): Entry(
        offer_withdraw_page,
        grid(401, (303, 403, 404), (303, 403, 404), (303, 303, 404), (303, 303, 404)),
        ALL_SCOPES,
    ),
    # exchanges; other: the coordination's list of everybody's exchanges
    ("GET", "/exchanges"): Entry(
        pages_of_scope("/exchanges"),
        grid(303, (200, 403, 0), (200, 403, 0), (200, 200, 0), (200, 200, 0)),
        ("own", "other"),
    ),
    ("GET", "/exchanges/{exchange_id:uuid}"): Entry(
        exchange_call("GET"),
        grid(303, (200, 404, 404), (200, 404, 404), (200, 200, 404), (200, 200, 404)),
        ALL_SCOPES,
    ),
    ("POST", "/exchanges/{exchange_id:uuid}/{action:str}"): Entry(
        exchange_call("POST", "/accept"),
        grid(401, (303, 404, 404), (303, 404, 404), (303, 303, 404), (303, 303, 404)),
        ALL_SCOPES,
    ),
    # the inbox; an exchange's conversation: seen (and written, and the contact shared
    # from the recipient's side) by whoever may see the exchange
    ("GET", "/inbox"): Entry(fixed(Call("GET", "/inbox")), grid(303, 200, 200, 200, 200)),
    ("GET", "/conversations/{exchange_id:uuid}"): Entry(
        conversation_call("GET"),
        grid(303, (200, 404, 404), (200, 404, 404), (200, 200, 404), (200, 200, 404)),
        ALL_SCOPES,
    ),
    ("POST", "/conversations/{exchange_id:uuid}"): Entry(
        conversation_call("POST", body="Hallo"),
        grid(401, (303, 404, 404), (303, 404, 404), (303, 303, 404), (303, 303, 404)),
        ALL_SCOPES,
    ),
    ("POST", "/conversations/{exchange_id:uuid}/contact"): Entry(
        conversation_call("POST", "/contact"),
        grid(401, (303, 404, 404), (303, 404, 404), (303, 303, 404), (303, 303, 404)),
        ALL_SCOPES,
    ),
    # commitments
    ("GET", "/commitments"): Entry(
        fixed(Call("GET", "/commitments")), grid(303, 200, 200, 200, 200)
    ),
    ("POST", "/commitments"): Entry(
        commitment_form,
        grid(401, (303, 0, 422), (303, 0, 422), (303, 0, 422), (303, 0, 422)),
        OWN_FOREIGN,
    ),
    ("POST", "/commitments/{commitment_id:uuid}/{change:str}"): Entry(
        commitment_change_page,
        grid(401, (303, 404, 404), (303, 404, 404), (303, 303, 404), (303, 303, 404)),
        ALL_SCOPES,
    ),
    # the time account, the coordination, the settings, the profile
    ("GET", "/account"): Entry(fixed(Call("GET", "/account")), grid(303, 200, 200, 200, 200)),
    ("GET", "/dashboard"): Entry(fixed(Call("GET", "/dashboard")), grid(303, 403, 403, 200, 200)),
    # places and categories: community coordinators and administrators (the policy)
    ("GET", "/settings"): Entry(fixed(Call("GET", "/settings")), grid(303, 403, 403, 200, 200)),
    ("POST", "/settings/places"): Entry(
        fixed(Call("POST", "/settings/places", form={"name": "Neuort", "kind": "village"})),
        grid(401, 403, 403, 303, 303),
    ),
    # who changes the community's settings (the policy: administrators)
    ("POST", "/settings/auto-confirm"): Entry(
        fixed(Call("POST", "/settings/auto-confirm", form={"auto_confirm_days": "7"})),
        grid(401, 403, 403, 403, 303),
    ),
    ("POST", "/settings/categories"): Entry(
        lambda c, role, scope: Call(
            "POST",
            "/settings/categories",
            form={"code": f"c{uuid.uuid4().hex[:8]}", "name_de": "Neu"},
        ),
        grid(401, 403, 403, 303, 303),
    ),
    # the audit trail: administrators and the data protection officer
    ("GET", "/audit"): Entry(fixed(Call("GET", "/audit")), grid(303, 403, 403, 403, 200)),
    ("GET", "/profile"): Entry(fixed(Call("GET", "/profile")), grid(303, 200, 200, 200, 200)),
    ("POST", "/profile/address"): Entry(
        fixed(Call("POST", "/profile/address", form={"street": "Am Markt 1"})),
        grid(401, 303, 303, 303, 303),
    ),
    ("POST", "/profile/tokens"): Entry(
        fixed(Call("POST", "/profile/tokens", form={"name": "t"})), grid(401, 201, 201, 201, 201)
    ),
    ("POST", "/profile/tokens/{token_id:uuid}/revoke"): Entry(
        token_revoke_page,
        grid(401, (303, 404, 404), (303, 404, 404), (303, 404, 404), (303, 404, 404)),
        ALL_SCOPES,
    ),
    # the API
    ("GET", "/api/me"): Entry(fixed(Call("GET", "/api/me")), grid(401, 200, 200, 200, 200)),
    ("GET", "/api/places"): Entry(fixed(Call("GET", "/api/places")), grid(401, 200, 200, 200, 200)),
    ("POST", "/api/places"): Entry(
        fixed(Call("POST", "/api/places", json={"name": "Neuort"})), grid(401, 403, 403, 201, 201)
    ),
    ("GET", "/api/categories"): Entry(
        fixed(Call("GET", "/api/categories")), grid(401, 200, 200, 200, 200)
    ),
    ("POST", "/api/categories"): Entry(
        lambda c, role, scope: Call(
            "POST", "/api/categories", json={"code": f"c{uuid.uuid4().hex[:8]}", "name_de": "Neu"}
        ),
        grid(401, 403, 403, 201, 201),
    ),
    ("GET", "/api/requests"): Entry(
        api_list("/api/requests"),
        grid(401, (200, 0, 422), (200, 0, 422), (200, 0, 422), (200, 0, 422)),
        OWN_FOREIGN,
    ),
    ("POST", "/api/requests"): Entry(
        api_request_body,
        grid(401, (201, 403, 422), (201, 403, 422), (201, 201, 422), (201, 201, 422)),
        ALL_SCOPES,
    ),
    ("GET", "/api/requests/{request_id:uuid}"): Entry(
        api_of(request_page, body=False),
        grid(401, (200, 404, 404), (200, 404, 404), (200, 200, 404), (200, 200, 404)),
        ALL_SCOPES,
    ),
    ("POST", "/api/requests/{request_id:uuid}/withdraw"): Entry(
        api_of(withdraw_request_page),
        grid(401, (200, 403, 404), (200, 403, 404), (200, 200, 404), (200, 200, 404)),
        ALL_SCOPES,
    ),
    ("GET", "/api/requests/{request_id:uuid}/candidates"): Entry(
        candidates_call, grid(401, 403, 403, (200, 200, 404), (200, 200, 404)), ALL_SCOPES
    ),
    ("GET", "/api/offers"): Entry(
        api_list("/api/offers"),
        grid(401, (200, 0, 422), (200, 0, 422), (200, 0, 422), (200, 0, 422)),
        OWN_FOREIGN,
    ),
    ("POST", "/api/offers"): Entry(
        api_offer_body,
        grid(401, (201, 0, 422), (201, 0, 422), (201, 0, 422), (201, 0, 422)),
        OWN_FOREIGN,
    ),
    ("GET", "/api/offers/{offer_id:uuid}"): Entry(
        api_of(offer_page, body=False),
        grid(401, (200, 404, 404), (200, 404, 404), (200, 200, 404), (200, 200, 404)),
        ALL_SCOPES,
    ),
    ("POST", "/api/offers/{offer_id:uuid}/withdraw"): Entry(
        api_of(offer_withdraw_page),
        grid(401, (200, 403, 404), (200, 403, 404), (200, 200, 404), (200, 200, 404)),
        ALL_SCOPES,
    ),
    ("GET", "/api/exchanges"): Entry(
        fixed(Call("GET", "/api/exchanges")), grid(401, 200, 200, 200, 200)
    ),
    ("POST", "/api/exchanges"): Entry(
        api_propose,
        grid(401, (422, 201, 404), (422, 201, 404), (422, 201, 404), (422, 201, 404)),
        ALL_SCOPES,
    ),
    ("GET", "/api/exchanges/{exchange_id:uuid}"): Entry(
        exchange_call("GET", api=True),
        grid(401, (200, 404, 404), (200, 404, 404), (200, 200, 404), (200, 200, 404)),
        ALL_SCOPES,
    ),
    ("GET", "/api/exchanges/{exchange_id:uuid}/contact"): Entry(
        exchange_call("GET", "/contact", contact=True, api=True),
        grid(401, (200, 404, 404), (200, 404, 404), (200, 200, 404), (200, 200, 404)),
        ALL_SCOPES,
    ),
    ("POST", "/api/exchanges/{exchange_id:uuid}/{transition:str}"): Entry(
        exchange_call("POST", "/accept", api=True),
        grid(401, (200, 404, 404), (200, 404, 404), (200, 200, 404), (200, 200, 404)),
        ALL_SCOPES,
    ),
    ("GET", "/api/commitments"): Entry(
        fixed(Call("GET", "/api/commitments")), grid(401, 200, 200, 200, 200)
    ),
    ("POST", "/api/commitments"): Entry(
        api_commitment_body,
        grid(401, (201, 0, 422), (201, 0, 422), (201, 0, 422), (201, 0, 422)),
        OWN_FOREIGN,
    ),
    ("GET", "/api/account"): Entry(
        fixed(Call("GET", "/api/account")), grid(401, 200, 200, 200, 200)
    ),
    ("GET", "/api/dashboard"): Entry(
        fixed(Call("GET", "/api/dashboard")), grid(401, 403, 403, 200, 200)
    ),
    # public: the API's documentation, the theme, the static files
    ("GET", "/api/openapi.json"): Entry(
        fixed(Call("GET", "/api/openapi.json")), grid(200, 200, 200, 200, 200)
    ),
    ("GET", "/api/schema"): Entry(fixed(Call("GET", "/api/schema")), grid(200, 200, 200, 200, 200)),
    ("GET", "/api/schema/openapi.json"): Entry(
        fixed(Call("GET", "/api/schema/openapi.json")), grid(200, 200, 200, 200, 200)
    ),
    ("GET", "/api/schema/{path:str}"): Entry(
        fixed(Call("GET", "/api/schema/swagger")), grid(404, 404, 404, 404, 404)
    ),
    ("GET", "/theme.css"): Entry(fixed(Call("GET", "/theme.css")), grid(200, 200, 200, 200, 200)),
    ("GET", "/theme/logo"): Entry(fixed(Call("GET", "/theme/logo")), grid(404, 404, 404, 404, 404)),
    ("GET", "/static/{file_path:path}"): Entry(
        fixed(Call("GET", "/static/sorgende.css")), grid(200, 200, 200, 200, 200)
    ),
}


#: the routes open to people who are not signed in (the OpenAPI document under
#: /api/schema is public through the guard's path rule, which the matrix checks)
PUBLIC = {
    ("GET", "/"),
    ("GET", "/register"),
    ("POST", "/register"),
    ("GET", "/register/confirm/{token:str}"),
    ("POST", "/register/confirm/{token:str}"),
    ("GET", "/invitation/{token:str}"),
    ("POST", "/invitation/{token:str}"),
    ("GET", "/password/forgot"),
    ("POST", "/password/forgot"),
    ("GET", "/password/reset/{token:str}"),
    ("POST", "/password/reset/{token:str}"),
    ("GET", "/erased"),
    ("GET", "/login"),
    ("POST", "/login"),
    ("POST", "/language"),
    ("GET", "/calendar/{token:str}"),
    ("GET", "/api/openapi.json"),
    ("GET", "/theme.css"),
    ("GET", "/theme/logo"),
    ("GET", "/static/{file_path:path}"),
}


def app_routes(app: Any) -> set[tuple[str, str]]:
    """Every (method, path) the app answers, as its router knows them."""
    return {
        (method, route.path)
        for route in app.routes
        for handler in route.route_handlers
        for method in handler.http_methods
        if method not in AUTOMATIC
    }


def test_every_route_is_in_the_matrix(ctx: Ctx) -> None:
    # default deny for the tests too: a route nobody thought about fails here
    routes = app_routes(ctx.app)
    assert routes - set(MATRIX) == set(), "routes without an entry in the access matrix"
    assert set(MATRIX) - routes == set(), "matrix entries for routes that do not exist"


def test_only_the_public_routes_are_public(ctx: Ctx) -> None:
    # the routes marked public are exactly the ones the matrix lets anonymous people use
    public = {
        (method, route.path)
        for route in ctx.app.routes
        for handler in route.route_handlers
        for method in handler.http_methods
        if method not in AUTOMATIC and handler.opt.get("public")
    }
    assert public == PUBLIC


@pytest.mark.parametrize("route", sorted(MATRIX), ids=lambda r: f"{r[0]} {r[1]}")
def test_access_matrix(ctx: Ctx, route: tuple[str, str]) -> None:
    entry = MATRIX[route]
    wrong = []
    for role in ROLES:
        for scope in entry.scopes:
            expected = entry.status(role, scope)
            call = entry.make(ctx, role, scope)
            answer = perform(ctx, role, call)
            if answer.status_code != expected:
                wrong.append(
                    f"{role}/{scope}: {call.method} {call.path} {call.query or ''} "
                    f"answered {answer.status_code}, expected {expected}: "
                    f"{answer.text[:160]!r}"
                )
                continue
            if role == "anonymous" and expected == 303 and route not in PUBLIC:
                # a page someone not signed in may not see sends them to the sign-in
                assert answer.headers["location"].startswith("/login?next="), call.path
            if (
                route[1].startswith("/api/")
                and answer.status_code >= 400
                and not route[1].startswith("/api/schema")
            ):
                assert answer.headers["content-type"].startswith("application/problem+json")
                assert answer.json()["status"] == answer.status_code
    assert not wrong, "\n".join(wrong)


# -- IDOR: ids of others answer like ids that do not exist ----------------------------------


def _id_routes() -> list[tuple[str, str]]:
    return [r for r in sorted(MATRIX) if "_id:" in r[1]]


def _probe(ctx: Ctx, path: str) -> Callable[[str], Any]:
    """The page or API call on ``path`` (with ``{id}``) as the resident Anna."""

    def call(record_id: str) -> Any:
        concrete = path.replace("{id}", record_id)
        if concrete.startswith("/api"):
            if concrete.endswith(("withdraw", "accept")) or concrete == "/api/exchanges":
                return ctx.client("anonymous").post(
                    concrete, json={}, headers=bearer(ctx.tokens["helper"])
                )
            return ctx.client("anonymous").get(concrete, headers=bearer(ctx.tokens["coordinator"]))
        client = ctx.client("coordinator")
        if concrete.endswith(
            (
                "propose",
                "withdraw",
                "accept",
                "use",
                "pause",
                "roles",
                "membership",
                "deactivate",
                "reactivate",
                "invite",
                "account",
                "initial-password",
            )
        ):
            return form(client, concrete, day())
        return client.get(concrete, follow_redirects=False)

    return call


IDOR_PATHS = {
    "request": [
        "/requests/{id}",
        "/requests/{id}/propose",
        "/requests/{id}/withdraw",
        "/api/requests/{id}",
        "/api/requests/{id}/withdraw",
        "/api/requests/{id}/candidates",
    ],
    "offer": [
        "/offers/{id}",
        "/offers/{id}/use",
        "/offers/{id}/withdraw",
        "/api/offers/{id}",
        "/api/offers/{id}/withdraw",
    ],
    "exchange": [
        "/exchanges/{id}",
        "/exchanges/{id}/accept",
        "/api/exchanges/{id}",
        "/api/exchanges/{id}/contact",
        "/api/exchanges/{id}/accept",
        "/conversations/{id}",
    ],
    "commitment": ["/commitments/{id}/pause"],
    "person": [
        "/people/{id}",
        "/people/{id}/roles",
        "/people/{id}/membership",
        "/people/{id}/deactivate",
        "/people/{id}/reactivate",
        "/people/{id}/invite",
        "/people/{id}/account",
        "/people/{id}/initial-password",
    ],
}


def test_idor_paths_cover_every_id_route(ctx: Ctx) -> None:
    covered = {p.split("{id}")[0] for paths in IDOR_PATHS.values() for p in paths}
    for _method, path in _id_routes():
        if "token_id" in path:
            continue  # tokens: see test_tokens_of_others_cannot_be_revoked
        assert path.split("{")[0] in covered, path


@pytest.mark.parametrize("kind", sorted(IDOR_PATHS))
def test_foreign_ids_answer_like_missing_ids(ctx: Ctx, kind: str) -> None:
    """The other community's records, even to its coordinators' peers, are not found;
    the answer cannot tell an existing foreign id from one that never existed."""
    make = {
        "request": lambda: ctx.request(FOREIGN).id,
        "offer": lambda: ctx.offer(FOREIGN_HELPER).id,
        "exchange": lambda: ctx.exchange(FOREIGN, FOREIGN_HELPER).id,
        "commitment": lambda: ctx.commitment(FOREIGN_HELPER).id,
        "person": lambda: ctx.person(FOREIGN).id,
    }[kind]
    for path in IDOR_PATHS[kind]:
        call = _probe(ctx, path)
        foreign, missing = str(make()), str(uuid.uuid4())
        seen, unseen = call(foreign), call(missing)
        assert seen.status_code == unseen.status_code == 404, (path, seen.text[:200])
        assert seen.text.replace(foreign, "ID") == unseen.text.replace(missing, "ID"), path


def test_other_persons_records_answer_like_missing_ids(ctx: Ctx) -> None:
    """Within the community: Carl's matched request and his exchange with Dora are not
    found for Anna (a resident) and Ben (a helper), by page and by API."""
    request_id = str(ctx.matched_request(OTHER, OTHER_HELPER))
    exchange_id = str(ctx.exchange(OTHER, OTHER_HELPER).id)
    for role in ("resident", "helper"):
        page, api = ctx.client(role), ctx.client("anonymous")
        for record, path in ((request_id, "/requests/"), (exchange_id, "/exchanges/")):
            missing = str(uuid.uuid4())
            seen = page.get(path + record)
            unseen = page.get(path + missing)
            assert seen.status_code == unseen.status_code == 404
            assert seen.text.replace(record, "ID") == unseen.text.replace(missing, "ID")
            seen = api.get("/api" + path + record, headers=bearer(ctx.tokens[role]))
            unseen = api.get("/api" + path + missing, headers=bearer(ctx.tokens[role]))
            assert seen.status_code == unseen.status_code == 404
            assert seen.json()["title"] == unseen.json()["title"]
            assert seen.json()["detail"].replace(record, "ID") == unseen.json()["detail"].replace(
                missing, "ID"
            )
        # the open request of another person is on the board, hence visible
        open_one = ctx.request(OTHER)
        assert page.get(f"/requests/{open_one.id}").status_code == 200


def test_foreign_place_ids_answer_like_unknown_ones(ctx: Ctx) -> None:
    """A place of the other community, in a filter or a body, is refused exactly like a
    place id that never existed."""
    foreign, missing = str(ctx.place(FOREIGN)), str(uuid.uuid4())
    api, token = ctx.client("anonymous"), bearer(ctx.tokens["coordinator"])
    body = {"category": "shopping", "start": iso(), "hours": 1}
    calls = [
        lambda place: api.get("/api/requests", params={"place_id": place}, headers=token),
        lambda place: api.get("/api/offers", params={"place_id": place}, headers=token),
        lambda place: api.post("/api/requests", json={**body, "place_id": place}, headers=token),
        lambda place: api.post("/api/offers", json={**body, "place_ids": [place]}, headers=token),
        lambda place: api.post(
            "/api/commitments", json={"hours": 2, "place_ids": [place]}, headers=token
        ),
        lambda place: ctx.client("coordinator").get("/board", params={"place": place}),
    ]
    for call in calls:
        seen, unseen = call(foreign), call(missing)
        assert seen.status_code == unseen.status_code == 422
        assert seen.text.replace(foreign, "ID") == unseen.text.replace(missing, "ID")


def test_tokens_of_others_cannot_be_revoked(ctx: Ctx) -> None:
    store = accounts_for(ctx.platform)
    for owner_login in (OTHER, FOREIGN):
        token_id = ctx.token_id(owner_login)
        answer = form(ctx.client("coordinator"), f"/profile/tokens/{token_id}/revoke")
        assert answer.status_code == 404
        account = store.by_login(owner_login)
        assert account is not None
        assert token_id in [t.id for t in store.tokens(account.id)]


# -- API tokens and communities -----------------------------------------------------------


def test_api_token_of_one_community_is_refused_by_another(ctx: Ctx) -> None:
    api = ctx.client("anonymous")
    eve = bearer(api_token(ctx.platform, FOREIGN))
    me = api.get("/api/me", headers=eve).json()
    assert me["community"]["id"] == str(ctx.world.other.community_id)
    # every record of Testdorf is out of reach for Eve's token
    request = ctx.request("anna")
    exchange = ctx.exchange("anna", OTHER_HELPER)
    offer = ctx.offer(OTHER_HELPER)
    for path in (
        f"/api/requests/{request.id}",
        f"/api/exchanges/{exchange.id}",
        f"/api/offers/{offer.id}",
        f"/api/exchanges/{exchange.id}/contact",
    ):
        assert api.get(path, headers=eve).status_code == 404, path
    assert api.post(f"/api/exchanges/{exchange.id}/accept", json={}, headers=eve).status_code == 404
    # and nothing of Testdorf shows up in Eve's lists
    for path in ("/api/requests", "/api/offers", "/api/places", "/api/exchanges"):
        text = api.get(path, headers=eve).text
        assert str(request.id) not in text and "Mehren" not in text, path
    # a token whose record names another community than its account is not honoured
    store = accounts_for(ctx.platform)
    token = api_token(ctx.platform, "anna")
    assert api.get("/api/me", headers=bearer(token)).status_code == 200
    from datetime import UTC, datetime

    from sorgende_web.accounts import TOKEN_PREFIX, token_hash
    from sorgende_web.records import API_TOKEN, ApiTokenRecord

    other = ctx.world.other.community_id
    anna = store.by_login("anna")
    assert anna is not None
    # the same secret under the other community's name is another token
    moved = f"{TOKEN_PREFIX}{other.hex}{token[len(TOKEN_PREFIX) + 32 :]}"
    assert api.get("/api/me", headers=bearer(moved)).status_code == 401
    # and a token record in the other community naming Anna's account signs nobody in
    with ctx.platform.use_case(other) as w:
        w.uow.of(API_TOKEN).add(
            ApiTokenRecord(
                other, token_hash(moved), anna.id, "anna", anna.actor_id, "x", datetime.now(UTC)
            )
        )
    assert api.get("/api/me", headers=bearer(moved)).status_code == 401


def test_session_cookie_does_not_authorise_the_api(ctx: Ctx) -> None:
    anna = ctx.client("resident")
    assert anna.get("/board").status_code == 200
    assert anna.get("/api/me").status_code == 401
    place = str(ctx.place("anna"))
    answer = anna.post(
        "/api/requests",
        json={"category": "shopping", "place_id": place, "start": iso(), "hours": 1},
    )
    assert answer.status_code == 401
    # nor does a bearer token sign in a page
    anonymous = TestClient(ctx.app)
    page = anonymous.get("/board", headers=bearer(ctx.tokens["resident"]), follow_redirects=False)
    assert page.status_code == 303


# -- state-changing routes: no GET, no missing or forged CSRF token ---------------------------


def _concrete(path: str) -> str:
    """A path of a route template with some values in its parameters."""
    values = {"uuid": str(uuid.uuid4()), "int": "1", "str": "accept", "path": "x"}
    out = []
    for part in path.split("/"):
        if part.startswith("{"):
            out.append(values[part.strip("{}").split(":")[1]])
        else:
            out.append(part)
    return "/".join(out)


def state_changing(app: Any) -> list[str]:
    return sorted({path for method, path in app_routes(app) if method == "POST"})


def test_state_changing_routes_refuse_get(ctx: Ctx) -> None:
    readable = {path for method, path in app_routes(ctx.app) if method == "GET"}
    changing = [p for p in state_changing(ctx.app) if p not in readable]
    assert len(changing) >= 15
    for role in ROLES:
        client = ctx.client(role)
        for path in changing:
            concrete = _concrete(path)
            headers = (
                bearer(ctx.tokens[role]) if role != "anonymous" and path.startswith("/api") else {}
            )
            answer = client.get(concrete, headers=headers, follow_redirects=False)
            assert answer.status_code == 405, (role, concrete, answer.status_code)
    # where a path has a GET and a POST, the GET must be a read: the POST's effect does
    # not happen (e.g. GET /commitments lists, it does not make a commitment)
    before = len(ctx.world.community.commitments(actor_id=ctx.person("ben").id))
    ctx.client("helper").get("/commitments", params={"hours": "3", "period": "week"})
    assert len(ctx.world.community.commitments(actor_id=ctx.person("ben").id)) == before


def test_page_forms_refuse_a_missing_or_forged_csrf_token(ctx: Ctx) -> None:
    pages = [p for p in state_changing(ctx.app) if not p.startswith("/api")]
    assert "/requests" in pages and "/login" in pages
    for role in ROLES:
        client = ctx.client(role)
        real = csrf_token(client)
        for path in pages:
            concrete = _concrete(path)
            for token in (None, "", "0" * len(real), real[:-4] + "abcd"):
                data = {"title": "x"} if token is None else {CSRF_FIELD: token, "title": "x"}
                answer = client.post(concrete, data=data, follow_redirects=False)
                assert answer.status_code == 403, (role, concrete, token, answer.status_code)
            # the header form of the token is checked the same way
            forged = client.post(
                concrete,
                data={"title": "x"},
                headers={"x-csrftoken": "0" * len(real)},
                follow_redirects=False,
            )
            assert forged.status_code == 403, (role, concrete)


def test_csrf_token_of_another_browser_is_refused(ctx: Ctx) -> None:
    # the token is bound to the browser's own cookie: a token copied from the
    # attacker's session does not fit the victim's cookie
    attacker = TestClient(ctx.app)
    stolen = csrf_token(attacker)
    victim = ctx.client("resident", fresh=True)
    csrf_token(victim)
    answer = victim.post(
        "/profile/address", data={CSRF_FIELD: stolen, "street": "Evil 1"}, follow_redirects=False
    )
    assert answer.status_code == 403
    assert (
        accounts_for(ctx.platform).street(ctx.world.community.community_id, ctx.person("anna").id)
        != "Evil 1"
    )


def test_refused_forms_change_nothing(ctx: Ctx) -> None:
    anna = ctx.client("resident")
    csrf_token(anna)
    before = len(ctx.world.community.requests(actor_id=ctx.person("anna").id))
    data = {"category": "shopping", "hours": "1", "place_id": str(ctx.place("anna")), **day()}
    assert anna.post("/requests", data=data, follow_redirects=False).status_code == 403
    assert len(ctx.world.community.requests(actor_id=ctx.person("anna").id)) == before
    assert form(anna, "/requests", data).status_code == 303
    assert len(ctx.world.community.requests(actor_id=ctx.person("anna").id)) == before + 1
