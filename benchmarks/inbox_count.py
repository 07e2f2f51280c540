"""The menu's pending count (``CommunityService.inbox_count``) as the community grows.

Every page of the web asks it for the signed-in person (the number beside "Eingang").
For a coordinator it also counts the community's queue (open requests nobody offered
help for, disputes).

Each size N builds one community with N persons and N finished exchanges (each person
once helped, each a confirmed exchange of a fulfilled request): that is what grows with
the community. What waits is the same at every size: 40 open requests, 20 of them with
a proposal; one person named the coordinator their trusted person and has a proposal to
answer; the resident has a proposal to answer too. Records are stored in bulk through the
storage (``add_all`` where it has one), so seeding measures nothing of the use cases.

Then ``inbox_count`` is called for the coordinator and for the resident, interleaved
(A B A B ...), each call timed on its own; the figure is the median in ms (the best
beside it), and the ratio of the largest size's median to that at 1,000.

Run: ``.venv/bin/python benchmarks/inbox_count.py`` (1,000 and 10,000 persons on memory
and SQLite); ``--sizes 1000 10000 100000``; ``--storage memory|sqlite``; ``--rounds N``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sorgende
from sorgende import OPERATOR, ActorKind, CommunityRole, TimeWindow
from sorgende.domain.actors import Actor
from sorgende.domain.exchanges import Exchange, ExchangeState, Party
from sorgende.domain.help import HelpRequest, RequestStatus

OPEN_REQUESTS = 40
BATCH = 5_000


def _add(uow: Any, repo: Any, rows: Sequence[Any]) -> None:
    for start in range(0, len(rows), BATCH):
        part = rows[start : start + BATCH]
        if hasattr(repo, "add_all"):
            repo.add_all(part)
        else:
            for row in part:
                repo.add(row)


def build(url: str, size: int) -> tuple[Any, uuid.UUID, uuid.UUID, uuid.UUID]:
    """A platform with one community of ``size`` persons; (platform, community id,
    coordinator id, resident id)."""
    platform = sorgende.open(url, settings=sorgende.load_settings(environ={}))
    community = platform.create_community("Benchmark-Gemeinde")
    cid = community.community_id
    place = community.add_place("Musterdorf")
    category = community.categories()[0].code
    petra = community.register_actor(ActorKind.PERSON, "Petra Koordination")
    community.grant_role(petra.id, CommunityRole.COORDINATOR, by=OPERATOR)
    rita = community.register_actor(ActorKind.PERSON, "Rita Rat", home_place_id=place.id)
    now = datetime.now(UTC).replace(microsecond=0)
    persons = [
        Actor(
            cid,
            ActorKind.PERSON,
            f"Person {i}",
            home_place_id=place.id,
            trusted_persons=frozenset({petra.id}) if i == 0 else frozenset(),
        )
        for i in range(size)
    ]

    def request(who: uuid.UUID, start: datetime, status: RequestStatus, n: int) -> HelpRequest:
        return HelpRequest(
            community_id=cid,
            recipient_id=who,
            posted_by=who,
            category=category,
            place_id=place.id,
            window=TimeWindow(start, start + timedelta(hours=1)),
            minutes=60,
            posted_at=start - timedelta(days=3),
            title=f"Hilfe Nr. {n}",
            status=status,
        )

    def exchange(req: HelpRequest, helper: uuid.UUID, state: ExchangeState) -> Exchange:
        return Exchange(
            community_id=cid,
            helper_id=helper,
            recipient_id=req.recipient_id,
            category=category,
            place_id=place.id,
            scheduled=req.window.start,
            minutes=60,
            proposed_by=Party.HELPER,
            history=(),
            request_id=req.id,
            state=state,
        )

    # what grows: persons, and a finished exchange of each
    past = [
        request(p.id, now - timedelta(days=10 + i % 300), RequestStatus.FULFILLED, i)
        for i, p in enumerate(persons)
    ]
    done = [
        exchange(r, persons[(i + 1) % size].id, ExchangeState.CONFIRMED) for i, r in enumerate(past)
    ]
    # what waits: the same at every size
    waiting = [
        request(persons[i % size].id, now + timedelta(days=1 + i), RequestStatus.OPEN, size + i)
        for i in range(OPEN_REQUESTS)
    ]
    waiting[0] = request(persons[0].id, now + timedelta(days=2), RequestStatus.OPEN, -1)
    waiting[1] = request(rita.id, now + timedelta(days=2), RequestStatus.OPEN, -2)
    proposed = [
        exchange(r, persons[(i + 7) % size].id, ExchangeState.PROPOSED)
        for i, r in enumerate(waiting[: OPEN_REQUESTS // 2])
    ]
    with platform.storage.unit_of_work(cid, writing=True) as uow:
        _add(uow, uow.actors, persons)
        _add(uow, uow.requests, past + waiting)
        _add(uow, uow.exchanges, done + proposed)
        uow.commit()
    return platform, cid, petra.id, rita.id


def measure(calls: dict[str, Callable[[], int]], rounds: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in calls}
    for call in calls.values():
        call()  # warm up
    for _ in range(rounds):
        for name, call in calls.items():
            started = time.perf_counter()
            call()
            times[name].append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--storage", choices=["memory", "sqlite"], action="append")
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    storages = args.storage or ["memory", "sqlite"]
    print(f"inbox_count: ms per call (median, best), {args.rounds} calls each")
    print(f"{'storage':8} {'persons':>8} {'coordinator':>18} {'resident':>18}  counts")
    medians: dict[tuple[str, str, int], float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for storage in storages:
            for size in args.sizes:
                url = (
                    "memory://"
                    if storage == "memory"
                    else f"sqlite:///{Path(folder) / f'{size}.db'}"
                )
                platform, cid, petra, rita = build(url, size)
                service = platform.community(cid)
                counts = (service.inbox_count(by=petra), service.inbox_count(by=rita))
                times = measure(
                    {
                        "coordinator": lambda s=service, p=petra: s.inbox_count(by=p),
                        "resident": lambda s=service, r=rita: s.inbox_count(by=r),
                    },
                    args.rounds,
                )
                cells = []
                for who in ("coordinator", "resident"):
                    median = statistics.median(times[who])
                    medians[(storage, who, size)] = median
                    cells.append(f"{median:9.2f} ({min(times[who]):6.2f})")
                print(f"{storage:8} {size:>8,} {cells[0]:>18} {cells[1]:>18}  {counts}")
                platform.close()
    first, last = min(args.sizes), max(args.sizes)
    for storage in storages:
        for who in ("coordinator", "resident"):
            ratio = medians[(storage, who, last)] / medians[(storage, who, first)]
            print(f"ratio {last:,}/{first:,} persons, {storage}, {who}: {ratio:.2f}")


if __name__ == "__main__":
    main()
