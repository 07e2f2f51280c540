"""Readers of the event log against the paths the outbox and the observers take today.

Same workload as ``exchange_cycles.py`` (200 persons, full exchange cycles, fixed clock),
on memory (2,000 cycles a repeat) and on a SQLite file (150 cycles a repeat). Measured
in one run, the variants interleaved:

* **use case paths** — the cycle time with nothing extra, with one no-op
  ``sorgende_events_committed`` observer (called after every commit), and with one
  no-op notification channel (every use case that concerns someone also writes its
  outbox entry in its transaction). The differences are what the current paths cost
  per use case.
* **a reader of the log** — after the cycles, one reader with a no-op handler reads
  the whole log with :func:`sorgende.services.events.read_batch` (batches of 100: read,
  handle, advance the cursor, commit). Its time per event is what a reader costs, off
  the use case's path.

The comparison decides whether the outbox and the observers become readers of the log
(see docs/architecture.md, "The event log").

Run: ``.venv/bin/python benchmarks/event_log_readers.py`` (``--quick`` for a smoke test).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

import _common as c

import sorgende
from sorgende import ActorKind
from sorgende.services.events import read_all


class NoOpObserver:
    @sorgende.hookimpl
    def sorgende_events_committed(self, events):
        pass


class NoOpChannel:
    name = "noop"

    def send(self, notification):
        pass


class Channel:
    @sorgende.hookimpl
    def sorgende_notification_channels(self, settings):
        return [NoOpChannel()]


VARIANTS = {"plain": [], "observer": [NoOpObserver], "outbox": [Channel]}


def workload(url: str, variant: str, persons: int) -> c.Workload:
    platform = sorgende.open(
        url,
        plugins=[make() for make in VARIANTS[variant]],
        load_entrypoints=False,
        clock=c.fixed_clock,
        settings=sorgende.Settings(load_entrypoints=False),
    )
    community = platform.create_community("Benchmark-Gemeinde")
    place = community.add_place("Musterdorf")
    consent = sorgende.Consent(contact=True)
    ids = [
        community.register_actor(
            ActorKind.PERSON, f"Person {k}", home_place_id=place.id, consent=consent
        ).id
        for k in range(persons)
    ]
    return c.Workload(platform, community, place.id, ids)


def measure(storage: str, cycles: int, repeats: int, persons: int, tmp: str) -> dict:
    made = [0]

    def url() -> str:
        if storage == "memory":
            return "memory://"
        made[0] += 1
        return f"sqlite:///{os.path.join(tmp, f'readers-{made[0]}.db')}"

    platforms: list[sorgende.Platform] = []

    def prepare(variant: str):
        def build():
            for old in platforms:
                old.close()
            platforms.clear()
            w = workload(url(), variant, persons)
            platforms.append(w.platform)
            return lambda: w.cycles(0, cycles)

        return build

    t = c.interleaved([(name, prepare(name)) for name in VARIANTS], ops=cycles, repeats=repeats)
    for old in platforms:
        old.close()
    plain, observer, outbox = t["plain"], t["observer"], t["outbox"]

    # a reader of the whole log of such a platform: each repeat a new reader, from 0
    w = workload(url(), "plain", persons)
    storage_ = w.platform.storage
    community_id = w.community.community_id
    before = storage_.event_log().head(community_id)
    w.cycles(0, cycles)
    head = storage_.event_log().head(community_id)
    reader_per_event = []
    for k in range(repeats):
        start = time.perf_counter()
        done = read_all(storage_, f"bench-{k}", community_id, lambda uow, batch: None, limit=100)
        reader_per_event.append((time.perf_counter() - start) / done)
        assert done == head
    w.platform.close()
    reader = statistics.median(reader_per_event)
    events_per_cycle = (head - before) / cycles
    plain_cycle = plain.median
    return {
        "storage": storage,
        "cycles_per_repeat": cycles,
        "repeats": repeats,
        "plain_cycle_s": plain_cycle,
        "observer_cycle_s": observer.median,
        "outbox_cycle_s": outbox.median,
        "observer_per_use_case_s": (observer.median - plain_cycle) / 5,
        "outbox_per_use_case_s": (outbox.median - plain_cycle) / 5,
        "reader_per_event_s": reader,
        "reader_per_cycle_s": reader * events_per_cycle,
        "wall_over_cpu": plain.wall_over_cpu,
    }


def main() -> dict:
    args = c.parse_args(__doc__.splitlines()[0])
    repeats = 3 if args.quick else 5
    persons = 200
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        runs.append(measure("memory", 300 if args.quick else 2_000, repeats, persons, tmp))
        runs.append(measure("sqlite", 30 if args.quick else 150, repeats, persons, tmp))
    result = {"benchmark": "event_log_readers", "machine": c.machine(), "runs": runs}
    print("event_log_readers: the outbox and observer paths against a reader of the log")
    for r in runs:
        print(f"  {r['storage']:6}: {r['repeats']} repeats x {r['cycles_per_repeat']:,} cycles")
        print(f"    cycle, nothing extra      : {c.fmt_us(r['plain_cycle_s'])}")
        print(
            f"    one no-op observer        : +{c.fmt_us(r['observer_per_use_case_s'])}"
            " per use case"
        )
        print(
            f"    outbox (no-op channel)    : +{c.fmt_us(r['outbox_per_use_case_s'])} per use case"
        )
        print(
            f"    reader of the log         : {c.fmt_us(r['reader_per_event_s'])} per event"
            f" ({c.fmt_us(r['reader_per_cycle_s'])} per cycle, off the use case's path)"
        )
    c.write_json(args.json, result)
    return result


if __name__ == "__main__":
    sys.exit(main() and 0)
