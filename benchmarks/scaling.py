"""Per-call cost against community size: 1k, 10k and 100k persons and open requests.

Issue 12 asks that the calls of a person's day cost the same in a village and in a city:
within 2x from 1,000 to 100,000. This benchmark builds one community per size and
storage (memory and SQLite; records added in bulk with ``add_all``, as an import does,
then the SQL planner's statistics refreshed as an import does), and times each call:
CPU time per call (``time.process_time``), the median of several blocks, and the ratio
100k/1k (10k/1k with ``--quick``).

Each row is a small function ``row(community) -> (prepare, calls)``: ``prepare()`` (not
timed) readies one block and returns the callable to time, which makes ``calls`` calls.
Add a row by writing such a function and listing it in :data:`ROWS`.

Run: ``.venv/bin/python benchmarks/scaling.py`` (``--quick``: 1k and 10k only;
``--rows TEXT``, ``--storage memory|sqlite``, ``--sizes 1000,100000`` for a part).
"""

from __future__ import annotations

import gc
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import _common
from _common import NOW, WINDOW, fixed_clock

import sorgende
from sorgende import OPERATOR, ActorKind, CommunityRole, TimeWindow
from sorgende.domain.actors import Actor
from sorgende.domain.exchanges import Exchange, ExchangeState, Party
from sorgende.domain.help import HelpRequest
from sorgende.domain.ledger import Entry, Posting, PostingKind

#: the category every request is in (one of the default catalogue)
CATEGORY = "shopping"
#: requests that fall due before each expiry run (what one daily run closes)
DUE_PER_RUN = 20
#: records added per ``add_all``
BATCH = 5_000


@dataclass
class Community:
    """A built community and what the rows need of it."""

    platform: sorgende.Platform
    c: Any  # the CommunityService
    place_id: uuid.UUID
    persons: list[uuid.UUID]
    size: int

    def person(self, i: int) -> uuid.UUID:
        """The ``i``-th of a fixed sample of persons spread over the community."""
        return self.persons[(i * 7919) % len(self.persons)]

    def add(self, repository: str, records: Sequence[Any]) -> None:
        """Add records in bulk, in one unit of work (``add_all`` where the storage has it)."""
        with self.platform.storage.unit_of_work(self.c.community_id) as uow:
            repo = getattr(uow, repository)
            add_all = getattr(repo, "add_all", None)
            for start in range(0, len(records), BATCH):
                chunk = records[start : start + BATCH]
                if add_all is not None:
                    add_all(chunk)
                else:
                    for record in chunk:
                        repo.add(record)
            uow.commit()

    def request(self, recipient: uuid.UUID, window: TimeWindow) -> HelpRequest:
        return HelpRequest(
            community_id=self.c.community_id,
            recipient_id=recipient,
            posted_by=recipient,
            category=CATEGORY,
            place_id=self.place_id,
            window=window,
            minutes=60,
            posted_at=NOW - timedelta(days=1),
        )


def build(url: str, size: int) -> Community:
    """A community of ``size`` persons, ``size`` open requests, ``size // 2`` exchanges and
    postings: every person has about one of each."""
    platform = sorgende.open(url, clock=fixed_clock, load_entrypoints=False)
    c = platform.create_community(f"Town of {size:,}")
    place = c.add_place("Town")
    cid = c.community_id
    actors = [
        Actor(cid, ActorKind.PERSON, f"Person {i}", home_place_id=place.id) for i in range(size)
    ]
    community = Community(platform, c, place.id, [a.id for a in actors], size)
    community.add("actors", actors)
    # open requests whose windows end over the next 60 days: none falls due in the runs
    requests = [
        community.request(
            actors[(i * 31) % size].id,
            TimeWindow(
                NOW + timedelta(days=1, minutes=i % 86_400),
                NOW + timedelta(days=1, minutes=i % 86_400, hours=1),
            ),
        )
        for i in range(size)
    ]
    community.add("requests", requests)
    exchanges = []
    postings = []
    for i in range(size // 2):
        helper, recipient = actors[(i * 17) % size].id, actors[(i * 17 + 5) % size].id
        exchange = Exchange(
            cid,
            helper,
            recipient,
            CATEGORY,
            place.id,
            NOW - timedelta(days=2, minutes=i),
            60,
            Party.HELPER,
            (),
            request_id=requests[i].id,
            state=ExchangeState.CONFIRMED,
        )
        exchanges.append(exchange)
        postings.append(
            Posting(
                cid,
                PostingKind.EXCHANGE,
                (Entry(recipient, -60), Entry(helper, 60)),
                exchange.scheduled,
                helper,
                exchange_id=exchange.id,
            )
        )
    community.add("exchanges", exchanges)
    community.add("postings", postings)
    # as an import does: the SQL planner's statistics for the new rows
    optimize = getattr(platform.storage, "optimize", None)
    if callable(optimize):
        optimize()
    return community


# --- the rows: one small function each -------------------------------------------

Row = Callable[[Community], tuple[Callable[[], Callable[[], Any]], int]]


def expiry(k: Community) -> tuple[Callable[[], Callable[[], Any]], int]:
    """One daily ``expire_requests`` run that closes ``DUE_PER_RUN`` requests."""
    ended = TimeWindow(NOW - timedelta(hours=3), NOW - timedelta(hours=2))
    counter = iter(range(10**9))

    def prepare() -> Callable[[], Any]:
        n = next(counter)
        k.add(
            "requests",
            [k.request(k.person(n * DUE_PER_RUN + i), ended) for i in range(DUE_PER_RUN)],
        )

        def run() -> None:
            closed = k.c.expire_requests(NOW)
            assert len(closed) == DUE_PER_RUN, len(closed)

        return run

    return prepare, 1


def my_requests(k: Community) -> tuple[Callable[[], Callable[[], Any]], int]:
    """A person's requests (as recipient or poster)."""
    calls = 200

    def run() -> None:
        for i in range(calls):
            k.c.requests(actor_id=k.person(i))

    return lambda: run, calls


def my_exchanges(k: Community) -> tuple[Callable[[], Callable[[], Any]], int]:
    """A person's exchanges (as helper or recipient)."""
    calls = 200

    def run() -> None:
        for i in range(calls):
            k.c.exchanges(actor_id=k.person(i))

    return lambda: run, calls


def posting(k: Community) -> tuple[Callable[[], Callable[[], Any]], int]:
    """Posting a request."""
    calls = 50
    window = TimeWindow(NOW + timedelta(days=3), NOW + timedelta(days=3, hours=1))

    def run() -> None:
        for i in range(calls):
            k.c.post_request(k.person(i), CATEGORY, k.place_id, window, 1)

    return lambda: run, calls


def withdrawal(k: Community) -> tuple[Callable[[], Callable[[], Any]], int]:
    """One transition: withdrawing a request (its exchanges are looked up and cancelled)."""
    calls = 50
    window = TimeWindow(NOW + timedelta(days=4), NOW + timedelta(days=4, hours=1))

    def prepare() -> Callable[[], Any]:
        fresh = [k.request(k.person(i), window) for i in range(calls)]
        k.add("requests", fresh)

        def run() -> None:
            for r in fresh:
                k.c.withdraw_request(r.id, by=r.recipient_id)

        return run

    return prepare, calls


def balance(k: Community) -> tuple[Callable[[], Callable[[], Any]], int]:
    """A person's balance."""
    calls = 200

    def run() -> None:
        for i in range(calls):
            k.c.balance(k.person(i))

    return lambda: run, calls


def statement(k: Community) -> tuple[Callable[[], Callable[[], Any]], int]:
    """A person's account statement."""
    calls = 100

    def run() -> None:
        for i in range(calls):
            k.c.statement(k.person(i))

    return lambda: run, calls


def board(k: Community) -> tuple[Callable[[], Callable[[], Any]], int]:
    """The board's first page of 20, with its total (every open request is on it)."""
    calls = 100

    def run() -> None:
        for _ in range(calls):
            k.c.board(limit=20)

    return lambda: run, calls


def board_deep(k: Community) -> tuple[Callable[[], Callable[[], Any]], int]:
    """The board's fifth page of 20 in one place and category."""
    calls = 100

    def run() -> None:
        for _ in range(calls):
            k.c.board(place_id=k.place_id, category=CATEGORY, offset=80, limit=20)

    return lambda: run, calls


def dashboard(k: Community) -> tuple[Callable[[], Callable[[], Any]], int]:
    """The core calls of the coordinator dashboard (``sorgende_web.queries.dashboard``)
    besides the shared indicators: the 25 open requests that waited longest, the open
    requests counted per age (four ranges of posting time, each up to 1,000), and the
    latest 1,000 exchanges of the 30 days in the states its active helpers count."""
    calls = 20
    counted = (
        ExchangeState.ACCEPTED,
        ExchangeState.COMPLETED,
        ExchangeState.DISPUTED,
        ExchangeState.CONFIRMED,
        ExchangeState.RESOLVED,
    )
    # the age ranges of the dashboard: under a day, 1-3 days, 3-7 days, longer
    edges = [None, *(NOW - timedelta(days=d) for d in (1, 3, 7)), None]
    ranges = list(zip(edges[1:], edges[:-1], strict=True))

    def run() -> None:
        for _ in range(calls):
            k.c.waiting(limit=25)
            for after, until in ranges:
                k.c.count_waiting(posted_after=after, posted_until=until)
            k.c.exchanges_since(NOW - timedelta(days=30), states=counted, limit=1000)

    return lambda: run, calls


def full_cycle(k: Community) -> tuple[Callable[[], Callable[[], Any]], int]:
    """Posting and every transition of one exchange: post, propose, accept, complete and
    confirm (with the recognition check and the posting of the hours)."""
    calls = 20
    drawn = iter(range(10**9))

    def prepare() -> Callable[[], Any]:
        pairs = []
        for _ in range(calls):
            i = next(drawn)
            pairs.append((k.person(i), k.person(i + k.size // 2 + 1)))

        def run() -> None:
            c = k.c
            for recipient, helper in pairs:
                request = c.post_request(recipient, CATEGORY, k.place_id, WINDOW, 1)
                exchange = c.propose(by=helper, request_id=request.id)
                c.accept(exchange.id, by=recipient)
                c.complete(exchange.id, by=helper)
                c.confirm(exchange.id, by=recipient)

        return run

    return prepare, calls


def candidates(k: Community) -> tuple[Callable[[], Callable[[], Any]], int]:
    """The ten best candidates for a request (``candidates_for``): every person of the
    community may help with it."""
    calls = 20
    request = k.c.post_request(k.person(3), CATEGORY, k.place_id, WINDOW, 1)

    def run() -> None:
        for _ in range(calls):
            k.c.candidates_for(request.id, limit=10)

    return lambda: run, calls


def inbox_count(k: Community) -> tuple[Callable[[], Callable[[], Any]], int]:
    """The menu's pending count for a coordinator (``inbox_count``: their inbox and the
    coordination's queue), on every page: half the open requests have an exchange that
    holds a place, the other half wait for an offer of help."""
    calls = 20
    coordinator = k.person(11)
    k.c.grant_role(coordinator, CommunityRole.COORDINATOR, by=OPERATOR)

    def run() -> None:
        for _ in range(calls):
            k.c.inbox_count(by=coordinator)

    return lambda: run, calls


ROWS: dict[str, Row] = {
    "board, first page": board,
    "board, page 5 filtered": board_deep,
    "expire_requests (20 due)": expiry,
    "my requests": my_requests,
    "my exchanges": my_exchanges,
    "post a request": posting,
    "withdraw a request": withdrawal,
    "balance": balance,
    "statement": statement,
    "coordinator dashboard": dashboard,
    "full cycle (5 use cases)": full_cycle,
    "candidates_for (best 10)": candidates,
    "coordinator inbox count": inbox_count,
}


def measure(k: Community, row: Row, repeats: int) -> float:
    """Median CPU seconds per call of ``row`` over ``repeats`` blocks."""
    prepare, calls = row(k)
    # one full collection before the row, not before each block: a collection walks every
    # object of the community (1.5 million at 100k), which leaves the CPU's caches cold
    # for the block after it, a cost no server pays before each call; collections the
    # calls themselves cause are part of their cost and stay in the figures
    gc.collect()
    prepare()()  # warm up: caches, statements, the planner
    times = []
    for _ in range(repeats):
        run = prepare()
        cpu = time.process_time()
        run()
        times.append((time.process_time() - cpu) / calls)
    return statistics.median(times)


def main() -> None:
    def more(parser: Any) -> None:
        parser.add_argument("--rows", metavar="TEXT", help="only the rows whose name contains TEXT")
        parser.add_argument("--storage", choices=("memory", "sqlite"), help="only this storage")
        parser.add_argument("--sizes", metavar="N,N", help="community sizes, e.g. 1000,100000")

    args = _common.parse_args(__doc__.splitlines()[0], more)
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    if args.sizes:
        sizes = [int(n) for n in args.sizes.split(",")]
    rows = {n: r for n, r in ROWS.items() if not args.rows or args.rows in n}
    storages = (args.storage,) if args.storage else ("memory", "sqlite")
    repeats = 5 if args.quick else 9
    results: dict[str, dict[str, dict[int, float]]] = {}
    with tempfile.TemporaryDirectory() as directory:
        for storage in storages:
            for size in sizes:
                url = (
                    "memory://"
                    if storage == "memory"
                    else f"sqlite:///{Path(directory) / f's{size}.db'}"
                )
                start = time.perf_counter()
                k = build(url, size)
                built = time.perf_counter() - start
                print(f"{storage} {size:>7,}: built in {built:5.1f} s", file=sys.stderr)
                for name, row in rows.items():
                    results.setdefault(name, {}).setdefault(storage, {})[size] = measure(
                        k, row, repeats
                    )
                k.platform.close()
    first, last = sizes[0], sizes[-1]
    head = "".join(f"{f'{s // 1000}k':>10}" for s in sizes)
    print(f"CPU ms per call; ratio {last // 1000}k/{first // 1000}k (target <= 2)")
    print(f"{'call':<26}{'storage':<8}{head}{'ratio':>8}")
    for name, by_storage in results.items():
        for storage, by_size in by_storage.items():
            cells = "".join(f"{by_size[s] * 1000:10.3f}" for s in sizes)
            ratio = by_size[last] / by_size[first]
            flag = "" if ratio <= 2 else "  over 2"
            print(f"{name:<26}{storage:<8}{cells}{ratio:8.2f}{flag}")
    _common.write_json(
        args.json,
        {
            "machine": _common.machine(),
            "ms_per_call": {
                name: {st: {str(s): v * 1000 for s, v in by.items()} for st, by in rows.items()}
                for name, rows in results.items()
            },
        },
    )


if __name__ == "__main__":
    main()
