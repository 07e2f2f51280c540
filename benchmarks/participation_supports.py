"""Supports of one idea by many processes at once on PostgreSQL, at full scale.

The CI test (``test_participation_concurrency.py``) races 8 processes once per case;
this runs the same use cases at scale: ``--processes`` forked workers (default 8), each
with ``--persons`` residents of its own (default 50), released together by a barrier:

* **baseline** (same run): every person posts an idea (``Participation.post_idea``: one
  insert and its event), no two on the same record;
* **one idea**: every person supports the same idea (``Participation.support``): one
  insert each under a key of (idea, person), into one idea's index;
* **twice each**: every person supports a second idea from two processes at the same
  moment: half the attempts lose the race on the key, are run again from their reads
  and answer "supported already".

After each case the idea's count is checked against the distinct supporters. Prints
supports per second and the ratio to the baseline's ideas per second.

Run: ``SORGENDE_TEST_POSTGRESQL_URL=postgresql+psycopg://postgres@127.0.0.1:54329/postgres
.venv/bin/python benchmarks/participation_supports.py [--processes 8] [--persons 50]``
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import sys
import time
import uuid
from typing import Any

import sorgende
from sorgende.testing.databases import postgresql_database

SETTINGS = sorgende.Settings(load_entrypoints=False)


def open_platform(url: str) -> sorgende.Platform:
    import sorgende_participation

    return sorgende.open(url, plugins=[sorgende_participation], settings=SETTINGS)


def worker(url: str, community_id: uuid.UUID, jobs: Any, barrier: Any, results: Any) -> None:
    from sorgende_participation import Participation

    with open_platform(url) as platform:
        part = Participation(platform, community_id)
        while (job := jobs.get()) is not None:
            what, idea_id, persons = job
            barrier.wait(timeout=300)
            start = time.perf_counter()
            refused = 0
            for person in persons:
                try:
                    if what == "post":
                        part.post_idea("Idee", "", by=person)
                    else:
                        part.support(idea_id, by=person)
                except sorgende.SorgendeError:
                    refused += 1
            results.put((time.perf_counter() - start, refused))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--persons", type=int, default=50)
    args = parser.parse_args()
    server = os.environ.get("SORGENDE_TEST_POSTGRESQL_URL")
    if not server:
        sys.exit("set SORGENDE_TEST_POSTGRESQL_URL")
    from sorgende_participation import Participation
    from sorgende_participation.testing import build_world

    n, per = args.processes, args.persons
    with postgresql_database(server, "bench_participation") as url:
        with open_platform(url) as platform:
            world = build_world(platform, residents=n * per + 1)
            part = Participation(platform, world.community_id)
            author, *people = world.mehren
            ideas = [part.post_idea(t, "", by=author.id) for t in ("Bank", "Schrank")]
        ctx = mp.get_context("fork")
        barrier = ctx.Barrier(n)
        results = ctx.Queue()
        queues = [ctx.Queue() for _ in range(n)]
        workers = [
            ctx.Process(target=worker, args=(url, world.community_id, queues[i], barrier, results))
            for i in range(n)
        ]
        for w in workers:
            w.start()
        own = [[p.id for p in people[i * per : (i + 1) * per]] for i in range(n)]

        def run(
            what: str, idea: uuid.UUID | None, shares: list[list[uuid.UUID]]
        ) -> tuple[float, int]:
            for q, share in zip(queues, shares, strict=True):
                q.put((what, idea, share))
            got = [results.get(timeout=600) for _ in shares]
            return max(t for t, _ in got), sum(r for _, r in got)

        try:
            t_base, _ = run("post", None, own)
            t_one, refused_one = run("support", ideas[0].id, own)
            # every person from two processes at once: processes 2k and 2k+1 both take
            # the persons of both (in opposite orders, so that they meet on each key)
            pairs = [
                own[i - i % 2] + own[i - i % 2 + 1] if i % 2 == 0 else own[i] + own[i - 1]
                for i in range(n)
            ]
            t_twice, refused_twice = run("support", ideas[1].id, pairs)
        finally:
            for q in queues:
                q.put(None)
            for w in workers:
                w.join(timeout=60)
        with open_platform(url) as platform:
            part = Participation(platform, world.community_id)
            total = n * per
            assert refused_one == 0 and part.supporters(ideas[0].id) == total
            assert part.supporters(ideas[1].id) == total and refused_twice == total
    base_rate = total / t_base
    print(f"PostgreSQL, {n} processes x {per} persons ({total} per case)")
    print(f"baseline post_idea:        {base_rate:7.1f} ideas/s")
    print(
        f"one idea, all at once:     {total / t_one:7.1f} supports/s  "
        f"ratio {total / t_one / base_rate:.2f}"
    )
    print(
        f"each person twice at once: {2 * total / t_twice:7.1f} attempts/s ratio "
        f"{2 * total / t_twice / base_rate:.2f} ({refused_twice} refused as supported already)"
    )


if __name__ == "__main__":
    main()
