"""``candidates_for`` at 1k, 10k and 100k persons, on memory and SQLite storage.

A Verbandsgemeinde-like community: 38 villages within about 15 km, persons spread over
them (a few without a home), skills and qualifications as they come, and activity in
proportion to the size: 1 % of persons in an accepted exchange, 0.2 % with a commitment,
0.5 % with an open offer. Rides need a driving licence (60 % hold one), visits a
police certificate (5 %). Records are stored in bulk (``add_all`` where the storage has
it), not through use cases. Each call asks for the best 10 helpers for one of 40 open
requests (places and categories in turn).

Two variants per storage and size, interleaved in the same process:

* ``search``: the default score terms, which bound their groups, so ``candidates_for``
  reads only the persons who may reach the best 10;
* ``scan``: the same terms wrapped without their bounds, which makes it score every
  eligible person (the computation before the search, with the same answers; it also
  checks that both variants give the same candidates).

Prints CPU ms per call and the ratio 100k/1k of the search (target: at most 2).

    .venv/bin/python benchmarks/candidates_scale.py            # 1k, 10k, 100k
    .venv/bin/python benchmarks/candidates_scale.py --quick    # 1k, 10k
    .venv/bin/python benchmarks/candidates_scale.py --fixed-activity  # activity of 1k
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import _common
import attrs

import sorgende
from sorgende.domain.actors import Actor, ActorKind, Qualification, QualificationKind
from sorgende.domain.commitments import Commitment, Period
from sorgende.domain.community import Place, PlaceKind
from sorgende.domain.exchanges import Exchange, ExchangeState, Party
from sorgende.domain.help import HelpOffer, HelpRequest
from sorgende.domain.matching import MatchContext, ScoreTerm
from sorgende.domain.values import TimeWindow

NOW, WINDOW = _common.NOW, _common.WINDOW
FIRST = ["Anna", "Ben", "Carla", "Dora", "Emil", "Frieda", "Gerd", "Hanna", "Ingo", "Jana"]
LAST = ["Müller", "Schmitt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker"]
CATEGORIES = ["shopping", "rides", "garden", "visits", "tech_help"]
REQUESTS = 40
LIMIT = 10
STORAGES = ("memory", "sqlite")


@attrs.frozen
class Unbounded:
    """A score term as it was before groups had bounds: forces the complete scan."""

    term: Any
    name: str
    weight: float

    def score(self, context: MatchContext, actor: Actor) -> float:
        result: float = self.term.score(context, actor)
        return result


def build(
    url: str, persons: int, seed: int = 12, activity: int | None = None
) -> tuple[sorgende.Platform, Any, list[uuid.UUID]]:
    rnd = random.Random(seed)
    active = persons if activity is None else activity
    platform = sorgende.open(url, load_entrypoints=False, clock=_common.fixed_clock)
    service = platform.create_community("Verbandsgemeinde")
    cid = service.community_id
    places = [
        Place(
            cid,
            f"Ort {i}",
            PlaceKind.VILLAGE,
            lat=50.1 + rnd.random() * 0.14,
            lon=6.7 + rnd.random() * 0.2,
        )
        for i in range(38)
    ]
    day = NOW.date()
    actors = []
    for i in range(persons):
        quals = []
        if rnd.random() < 0.6:
            quals.append(
                Qualification(QualificationKind.DRIVING_LICENCE, day - timedelta(days=4000))
            )
        if rnd.random() < 0.05:
            quals.append(
                Qualification(
                    QualificationKind.POLICE_CERTIFICATE_EXTENDED, day - timedelta(days=100)
                )
            )
        if rnd.random() < 0.2:
            quals.append(
                Qualification(
                    QualificationKind.FIRST_AID,
                    day - timedelta(days=300),
                    day + timedelta(days=400),
                )
            )
        actors.append(
            Actor(
                community_id=cid,
                kind=ActorKind.PERSON,
                name=f"{rnd.choice(FIRST)} {rnd.choice(LAST)} {i}",
                home_place_id=None if rnd.random() < 0.02 else rnd.choice(places).id,
                skills=frozenset(c for c in CATEGORIES if rnd.random() < 0.15),
                qualifications=tuple(quals),
            )
        )
    ids = [a.id for a in actors]
    requests = [
        HelpRequest(
            community_id=cid,
            recipient_id=ids[i],
            posted_by=ids[i],
            category=CATEGORIES[i % len(CATEGORIES)],
            place_id=places[i % len(places)].id,
            window=WINDOW,
            minutes=60,
            posted_at=NOW,
        )
        for i in range(REQUESTS)
    ]
    helpers = rnd.sample(ids, active // 100)
    exchanges = [
        Exchange(
            community_id=cid,
            helper_id=h,
            recipient_id=ids[0],
            category="shopping",
            place_id=places[0].id,
            scheduled=WINDOW.start + timedelta(hours=rnd.choice([-3, 0, 1, 5, 24])),
            minutes=60,
            proposed_by=Party.HELPER,
            history=(),
            state=ExchangeState.ACCEPTED,
        )
        for h in helpers
    ]
    commitments = [
        Commitment(
            community_id=cid,
            actor_id=a,
            minutes_per_period=120,
            period=Period.WEEK,
            valid_from=day - timedelta(days=30),
            made_at=NOW,
            categories=frozenset(rnd.sample(CATEGORIES, 2)),
        )
        for a in rnd.sample(ids, max(1, active // 500))
    ]
    offers = [
        HelpOffer(
            community_id=cid,
            helper_id=a,
            posted_by=a,
            category=rnd.choice(CATEGORIES),
            place_ids=frozenset(),
            window=TimeWindow(NOW, NOW + timedelta(days=30)),
            minutes=60,
            posted_at=NOW,
        )
        for a in rnd.sample(ids, max(1, active // 200))
    ]
    with platform.storage.unit_of_work(cid) as uow:
        for name, records in (
            ("places", places),
            ("actors", actors),
            ("requests", requests),
            ("exchanges", exchanges),
            ("commitments", commitments),
            ("offers", offers),
        ):
            repo = getattr(uow, name)
            bulk = getattr(repo, "add_all", None)
            if bulk is not None:
                for start in range(0, len(records), 5000):
                    bulk(records[start : start + 5000])
            else:
                for record in records:
                    repo.add(record)
        uow.commit()
    optimize = getattr(platform.storage, "optimize", None)
    if optimize is not None:
        optimize()
    return platform, service, [r.id for r in requests]


def measure(
    url: str, persons: int, calls: int, repeats: int, activity: int | None = None
) -> dict[str, Any]:
    platform, service, requests = build(url, persons, activity=activity)
    bounded: list[ScoreTerm] = list(platform.score_terms)
    unbounded: list[ScoreTerm] = [Unbounded(t, t.name, t.weight) for t in bounded]
    try:
        for rid in requests:  # same answers either way
            platform.score_terms[:] = bounded
            a = service.candidates_for(rid, limit=LIMIT)
            platform.score_terms[:] = unbounded
            b = service.candidates_for(rid, limit=LIMIT)
            assert [(c.actor.id, c.score) for c in a] == [(c.actor.id, c.score) for c in b]
        figures: dict[str, list[float]] = {"search": [], "scan": []}
        scan_calls = max(1, calls // max(1, persons // 1000))
        for _ in range(repeats):
            for name, terms, n in (("search", bounded, calls), ("scan", unbounded, scan_calls)):
                platform.score_terms[:] = terms

                def run(n: int = n) -> None:
                    for i in range(n):
                        service.candidates_for(requests[i % len(requests)], limit=LIMIT)

                _, cpu = _common.time_block_cpu(run, n)
                figures[name].append(cpu * 1000)
    finally:
        platform.score_terms[:] = bounded
        platform.close()
    return {name: statistics.median(values) for name, values in figures.items()} | {
        f"{name}_best": min(values) for name, values in figures.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1k and 10k persons only")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    parser.add_argument(
        "--fixed-activity",
        action="store_true",
        help="as many exchanges, commitments and offers at every size as at 1k persons",
    )
    parser.add_argument("--storage", choices=STORAGES, action="append", help="only these")
    args = parser.parse_args()
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    repeats = 3 if args.quick else 5
    activity = 1_000 if args.fixed_activity else None
    results: dict[str, dict[int, dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as directory:
        for storage in args.storage or STORAGES:
            results[storage] = {}
            for persons in sizes:
                url = (
                    "memory://"
                    if storage == "memory"
                    else f"sqlite:///{Path(directory) / f'c{persons}.db'}"
                )
                started = time.perf_counter()
                figures = measure(
                    url,
                    persons,
                    calls=200 if storage == "memory" else 100,
                    repeats=repeats,
                    activity=activity,
                )
                results[storage][persons] = figures
                print(
                    f"{storage:7} {persons:>7,} persons: search {figures['search']:8.3f} ms"
                    f" (best {figures['search_best']:.3f}), scan {figures['scan']:9.3f} ms"
                    f"  [{time.perf_counter() - started:.0f} s]",
                    flush=True,
                )
    print()
    print("CPU ms per candidates_for call (median of repeats; ratio = largest / 1k)")
    print(f"{'storage':8} {'variant':7} " + " ".join(f"{n:>10,}" for n in sizes) + "   ratio")
    for storage, by_size in results.items():
        for variant in ("search", "scan"):
            row = [by_size[n][variant] for n in sizes]
            print(
                f"{storage:8} {variant:7} "
                + " ".join(f"{v:10.3f}" for v in row)
                + f"   {row[-1] / row[0]:5.2f}"
            )
    _common.write_json(args.json, {"machine": _common.machine(), "results": results})
    sys.stdout.flush()


if __name__ == "__main__":
    main()
