"""Conflicts under load: disjoint exchange cycles and the race for the last helper place.

N clients (threads) work at once on one database: SQLite (8 clients) and, when
``SORGENDE_TEST_POSTGRESQL_URL`` is set, PostgreSQL (16 clients). Each client owns a
recipient and a helper and, for ``--seconds``, runs full cycles of its own: post a request,
propose, accept, complete, confirm. Nothing any two clients do conflicts, so every call must
succeed: the figures are cycles per second, the conflicts that reached a client (a
``ConflictError``, over HTTP a 409) and the other errors (over HTTP a 5xx); both must be 0.
Then the race: in every round one recipient's single-helper request gets a proposal from
each client's helper, and all clients accept their proposal at once (a barrier releases
them): exactly one acceptance per round, every other client must get ``RequestFull``
(over HTTP a 422 of type ``request-full``), never a conflict.

The clients call the use cases of one shared platform (as a web server's request threads
do) or, with ``--http``, also the web plugin's JSON API of ``sorgende serve`` on 127.0.0.1
(one keep-alive connection per client, an API token per person).

Loopback only and bounded in time. The PostgreSQL database is emptied first (its tables are
dropped): point the variable at a database for tests.

Run: ``.venv/bin/python benchmarks/conflicts_load.py`` (``--seconds 20`` per run,
``--race-rounds 20`` within ``--race-seconds 60``, ``--http`` for the API as well,
``--json PATH`` keeps the figures).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sorgende
from sorgende import ActorKind, TimeWindow
from sorgende.errors import ConflictError, RequestFull

HERE = Path(__file__).resolve().parent
PASSWORD = "benchmark-passwort"
# Windows are taken relative to the real clock: a request's window must begin after now
# minus the community's grace (a day), and help can be reported done only once it began.
_NOW = datetime.now(UTC).replace(second=0, microsecond=0)
#: the disjoint cycles' help began 20 hours ago (within the grace, so it can be completed)
PAST = _NOW - timedelta(hours=20)
#: the races' requests lie ahead (never completed, so their accepted helpers keep them)
AHEAD = _NOW.replace(minute=0) + timedelta(days=2)


def cycle_window(slot: int) -> TimeWindow:
    """Cycle ``slot`` of a client: an hour from :data:`PAST` plus ``slot`` minutes (a
    client's cycle ends confirmed before its next one, so its helper is free again)."""
    when = PAST + timedelta(minutes=slot % 900)
    return TimeWindow(when, when + timedelta(hours=1))


def race_window(round_: int) -> TimeWindow:
    """The hour of race round ``round_`` (unique across runs on one database: its winner
    keeps the accepted place)."""
    when = AHEAD + timedelta(hours=round_)
    return TimeWindow(when, when + timedelta(hours=1))


# -- outcomes -----------------------------------------------------------------------------


class Refused(Exception):
    """A call a client counts: ``kind`` is conflict, full or error."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


@dataclass
class Tally:
    cycles: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, kind: str, detail: str = "") -> None:
        with self.lock:
            self.outcomes[kind] += 1
            if detail and len(self.examples) < 5:
                self.examples.append(detail)


# -- the two ways in ----------------------------------------------------------------------


@dataclass
class Person:
    id: uuid.UUID
    token: str = ""


class UseCaseClient:
    """Calls the use cases of the shared platform."""

    def __init__(self, service: Any, place: uuid.UUID) -> None:
        self.service = service
        self.place = place

    def post(self, recipient: Person, span: TimeWindow) -> uuid.UUID:
        return _guard(
            lambda: self.service.post_request(recipient.id, "shopping", self.place, span, 1)
        ).id

    def propose(self, helper: Person, request_id: uuid.UUID) -> uuid.UUID:
        return _guard(lambda: self.service.propose(request_id=request_id, by=helper.id)).id

    def move(self, who: Person, exchange_id: uuid.UUID, transition: str) -> None:
        _guard(lambda: getattr(self.service, transition)(exchange_id, by=who.id))

    def close(self) -> None:
        pass


def _guard(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except RequestFull as error:
        raise Refused("full", str(error)) from error
    except ConflictError as error:
        raise Refused("conflict", str(error)) from error
    except Exception as error:  # counted, and the first few shown
        raise Refused("error", repr(error)) from error


class HttpClient:
    """Calls ``sorgende serve``'s JSON API over one keep-alive connection."""

    def __init__(self, base: str, place: uuid.UUID) -> None:
        import httpx

        self.http = httpx.Client(base_url=base, timeout=60)
        self.place = place

    def _call(self, who: Person, path: str, body: dict[str, Any]) -> dict[str, Any]:
        answer = self.http.post(path, json=body, headers={"Authorization": f"Bearer {who.token}"})
        if answer.status_code < 300:
            result: dict[str, Any] = answer.json()
            return result
        detail = f"{answer.status_code} {path}: {answer.text[:200]}"
        if answer.status_code == 409:
            raise Refused("conflict", detail)
        if answer.status_code == 422 and answer.json().get("type", "").endswith("/request-full"):
            raise Refused("full", detail)
        raise Refused("5xx" if answer.status_code >= 500 else "error", detail)

    def post(self, recipient: Person, span: TimeWindow) -> uuid.UUID:
        body = {
            "category": "shopping",
            "place_id": str(self.place),
            "start": span.start.isoformat(),
            "end": span.end.isoformat(),
            "hours": 1,
        }
        return uuid.UUID(self._call(recipient, "/api/requests", body)["id"])

    def propose(self, helper: Person, request_id: uuid.UUID) -> uuid.UUID:
        answer = self._call(helper, "/api/exchanges", {"request_id": str(request_id)})
        return uuid.UUID(answer["id"])

    def move(self, who: Person, exchange_id: uuid.UUID, transition: str) -> None:
        self._call(who, f"/api/exchanges/{exchange_id}/{transition}", {})

    def close(self) -> None:
        self.http.close()


# -- the world ----------------------------------------------------------------------------


@dataclass
class World:
    url: str
    community_id: uuid.UUID
    place: uuid.UUID
    pairs: list[tuple[Person, Person]]
    anna: Person


def fresh_postgresql(url: str) -> None:
    """Drop every table of the test database (a schema made by an older tree included)."""
    from sqlalchemy import MetaData, create_engine

    engine = create_engine(url)
    metadata = MetaData()
    metadata.reflect(engine)
    metadata.drop_all(engine)
    engine.dispose()


def open_platform(url: str, web: bool) -> Any:
    """A platform of our own settings (no sorgende.toml). For ``web`` with the installed
    plugins, as ``sorgende serve`` loads them (the web plugin among them): the schema then
    holds every plugin's tables the server expects."""
    settings = sorgende.load_settings(environ={}, load_entrypoints=web)
    return sorgende.open(url, settings=settings)


def seed(url: str, clients: int, web: bool) -> World:
    """A community with a recipient and a helper per client, and Anna for the race."""
    with open_platform(url, web) as platform:
        c = platform.create_community(f"Last {uuid.uuid4().hex[:8]}")
        place = c.add_place("Daun").id

        # every person may ask for and offer help: the accounts need no role
        def person(name: str) -> Person:
            actor = c.register_actor(ActorKind.PERSON, name).id
            if not web:
                return Person(actor)
            from sorgende_web.accounts import accounts_for, create_account

            login = f"{name.lower()}-{actor.hex[:6]}"
            create_account(
                platform,
                community_id=c.community_id,
                actor_id=actor,
                login=login,
                password=PASSWORD,
            )
            store = accounts_for(platform)
            account = store.by_login(login)
            assert account is not None
            return Person(actor, store.create_token(account.id, "load"))

        pairs = [(person(f"R{i}"), person(f"H{i}")) for i in range(clients)]
        return World(url, c.community_id, place, pairs, person("Anna"))


# -- the two workloads --------------------------------------------------------------------


def in_threads(count: int, work: Callable[[int], None]) -> None:
    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def disjoint(world: World, clients: list[Any], seconds: float) -> tuple[Tally, float]:
    """Every client runs its own full cycles until ``seconds`` have passed."""
    tally = Tally()
    barrier = threading.Barrier(len(clients))
    deadline = [0.0]

    def work(i: int) -> None:
        client = clients[i]
        recipient, helper = world.pairs[i]
        barrier.wait()
        if i == 0:
            deadline[0] = time.perf_counter() + seconds
        barrier.wait()
        slot = 0
        while time.perf_counter() < deadline[0]:
            slot += 1
            try:
                request = client.post(recipient, cycle_window(slot))
                exchange = client.propose(helper, request)
                client.move(recipient, exchange, "accept")
                client.move(helper, exchange, "complete")
                client.move(recipient, exchange, "confirm")
            except Refused as refused:
                tally.count(refused.kind, str(refused))
                continue
            with tally.lock:
                tally.cycles += 1

    started = time.perf_counter()
    in_threads(len(clients), work)
    return tally, time.perf_counter() - started


def race(
    world: World, clients: list[Any], rounds: int, seconds: float, first_round: int = 0
) -> Tally:
    """All clients accept their proposal for the one place of a request at once (rounds
    numbered from ``first_round``: each run on the database takes hours of its own)."""
    tally = Tally()
    lead = clients[0]
    deadline = time.perf_counter() + seconds
    for n in range(rounds):
        if time.perf_counter() > deadline:
            break
        request = lead.post(world.anna, race_window(first_round + n))
        proposals = [lead.propose(helper, request) for _, helper in world.pairs]
        barrier = threading.Barrier(len(clients))
        round_outcomes: Counter[str] = Counter()
        lock = threading.Lock()

        def accept(
            i: int,
            proposals: list[uuid.UUID] = proposals,
            barrier: threading.Barrier = barrier,
            round_outcomes: Counter[str] = round_outcomes,
            lock: threading.Lock = lock,
        ) -> None:
            barrier.wait()
            try:
                clients[i].move(world.anna, proposals[i], "accept")
                kind = "accepted"
            except Refused as refused:
                kind = refused.kind
                if kind != "full":
                    tally.count("unexpected", str(refused))
            with lock:
                round_outcomes[kind] += 1

        in_threads(len(clients), accept)
        tally.cycles += 1
        tally.outcomes.update(round_outcomes)
        if round_outcomes["accepted"] != 1:
            tally.count("rounds without exactly one acceptance", str(dict(round_outcomes)))
    return tally


# -- runs ---------------------------------------------------------------------------------


def start_server(world: World, folder: Path) -> Any:
    sys.path.insert(0, str(HERE))
    from web_throughput import Process, free_port

    port = free_port()
    command = [str(Path(sys.executable).parent / "sorgende"), "serve", "--db", world.url]
    command += ["--host", "127.0.0.1", "--port", str(port), "--no-demo"]
    return Process(command, port, folder)


def run(name: str, url: str, clients: int, args: argparse.Namespace, folder: Path) -> list[dict]:
    print(f"{name}: seeding {clients} clients ...", flush=True)
    world = seed(url, clients, args.http)
    results = []
    ways = ["use cases"] + (["http"] if args.http else [])
    for number, way in enumerate(ways):
        server = None
        platform = None
        try:
            if way == "http":
                server = start_server(world, folder)
                made = [HttpClient(server.url, world.place) for _ in range(clients)]
            else:
                platform = open_platform(url, args.http)
                service = platform.community(world.community_id)
                made = [UseCaseClient(service, world.place) for _ in range(clients)]
            tally, wall = disjoint(world, made, args.seconds)
            raced = race(
                world, made, args.race_rounds, args.race_seconds, number * args.race_rounds
            )
            for client in made:
                client.close()
        finally:
            if platform is not None:
                platform.close()
            if server is not None:
                server.stop()
        result = {
            "storage": name,
            "via": way,
            "clients": clients,
            "seconds": wall,
            "cycles": tally.cycles,
            "cycles_per_s": tally.cycles / wall,
            "conflicts": tally.outcomes["conflict"],
            "errors": tally.outcomes["error"],
            "5xx": tally.outcomes["5xx"],
            "examples": tally.examples,
            "race_rounds": raced.cycles,
            "race_accepted": raced.outcomes["accepted"],
            "race_full": raced.outcomes["full"],
            "race_unexpected": raced.outcomes["unexpected"],
            "race_bad_rounds": raced.outcomes["rounds without exactly one acceptance"],
            "race_examples": raced.examples,
        }
        print(
            f"  {way}: {tally.cycles} cycles in {wall:.1f} s = {result['cycles_per_s']:.1f}/s; "
            f"conflicts {result['conflicts']}, 5xx {result['5xx']}, other errors "
            f"{result['errors']}; race {raced.cycles} rounds: accepted {result['race_accepted']}, "
            f"RequestFull {result['race_full']}, unexpected {result['race_unexpected']}",
            flush=True,
        )
        for example in tally.examples + raced.examples:
            print("    e.g.", example)
        results.append(result)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="per disjoint run")
    parser.add_argument("--race-rounds", type=int, default=20)
    parser.add_argument("--race-seconds", type=float, default=60.0, help="at most, per race")
    parser.add_argument("--sqlite-clients", type=int, default=8)
    parser.add_argument("--postgresql-clients", type=int, default=16)
    parser.add_argument("--http", action="store_true", help="also through sorgende serve")
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from _common import machine

    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="sorgende-conflicts-") as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'load.db'}"
        results += run("SQLite", url, args.sqlite_clients, args, folder)
        pg = os.environ.get("SORGENDE_TEST_POSTGRESQL_URL")
        if pg:
            fresh_postgresql(pg)
            results += run("PostgreSQL", pg, args.postgresql_clients, args, folder)
        else:
            print("PostgreSQL: skipped (set SORGENDE_TEST_POSTGRESQL_URL)")
    print()
    print(
        "| Storage | Via | Clients | Cycles/s | Conflicts (409) | 5xx | Race rounds | "
        "Accepted | RequestFull | Other |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['storage']} | {r['via']} | {r['clients']} | {r['cycles_per_s']:.1f} | "
            f"{r['conflicts']} | {r['5xx']} | {r['race_rounds']} | {r['race_accepted']} | "
            f"{r['race_full']} | {r['race_unexpected'] + r['errors']} |"
        )
    ok = all(
        r["conflicts"] == 0
        and r["5xx"] == 0
        and r["errors"] == 0
        and r["race_unexpected"] == 0
        and r["race_bad_rounds"] == 0
        and r["race_accepted"] == r["race_rounds"]
        for r in results
    )
    print("all clear" if ok else "NOT clear: see the figures above")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump({"machine": machine(), "results": results}, handle, indent=2, default=str)
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
