"""The menu's pending count of a person as their own history grows.

Every page of the web asks ``CommunityService.inbox_count`` for the signed-in person.
The inbox counts unread messages in every conversation the person ever took part in,
so a helper with years of exchanges behind them asks for each of those conversations.

One community of 40 persons on memory and on a SQLite file; one helper goes through
full cycles (post, propose, accept, complete, confirm) with the others until they have
10, 100 and 400 confirmed exchanges behind them; at each count ``inbox_count`` for the
helper is called 20 times (after one call not timed). The figure is the CPU time per call
in ms (``time.process_time``).

Run: ``.venv/bin/python benchmarks/inbox_history.py`` (``--quick``: 10 and 40 exchanges).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import _common as c

import sorgende
from sorgende import ActorKind

CALLS = 20


def measure(url: str, counts: list[int]) -> dict[int, float]:
    platform = sorgende.open(
        url,
        load_entrypoints=False,
        clock=c.fixed_clock,
        settings=sorgende.Settings(load_entrypoints=False),
    )
    try:
        community = platform.create_community("Benchmark-Gemeinde")
        place = community.add_place("Musterdorf")
        helper, *others = (
            community.register_actor(ActorKind.PERSON, f"Person {k}", home_place_id=place.id).id
            for k in range(40)
        )
        figures: dict[int, float] = {}
        done = 0
        for target in counts:
            while done < target:
                recipient = others[done % len(others)]
                request = community.post_request(recipient, "shopping", place.id, c.WINDOW, 1.0)
                exchange = community.propose(by=helper, request_id=request.id)
                community.accept(exchange.id, by=recipient)
                community.complete(exchange.id, by=helper)
                community.confirm(exchange.id, by=recipient)
                done += 1
            community.inbox_count(by=helper)
            started = time.process_time()
            for _ in range(CALLS):
                community.inbox_count(by=helper)
            figures[target] = (time.process_time() - started) / CALLS * 1000
        return figures
    finally:
        platform.close()


def main() -> dict:
    args = c.parse_args(__doc__.split("\n")[0])
    counts = [10, 40] if args.quick else [10, 100, 400]
    result: dict = {"machine": c.machine(), "counts": counts, "ms": {}}
    with tempfile.TemporaryDirectory(prefix="sorgende-inbox-history-") as tmp:
        for name, url in (("memory", "memory://"), ("sqlite", f"sqlite:///{Path(tmp) / 'h.db'}")):
            figures = measure(url, counts)
            result["ms"][name] = figures
            cells = ", ".join(f"{n}: {ms:.3f}" for n, ms in figures.items())
            ratio = figures[counts[-1]] / figures[counts[0]]
            print(f"{name:7s} inbox_count CPU ms by past exchanges {cells} (x{ratio:.1f})")
    c.write_json(args.json, result)
    return result


if __name__ == "__main__":
    main()
