"""Outbox dispatch throughput: notifications handed to a no-op channel per second.

Each repeat builds a fresh database with one community of 200 persons (all consented
to contact) and an outbox of 1,000 entries of 5 ``ExchangeAccepted`` events each, as
1,000 use cases would have written them; every event concerns two persons, so one pass
of the dispatcher makes and delivers 10,000 notifications. Timed: one
``Dispatcher.run_once()`` — the fan-out (entries → deliveries, with the persons and
their preferences read from the storage) and the delivery (claim in batches of 200,
load the recipients, call the channel, record the outcomes) — reported as a whole and
per phase.

Storages: SQLite (a file) and PostgreSQL when ``SORGENDE_BENCH_POSTGRESQL_URL`` (or
``SORGENDE_TEST_POSTGRESQL_URL``) names a throwaway server (its tables are dropped); the
memory storage for reference. No target; figures go to docs/performance.md.

Run: ``.venv/bin/python benchmarks/outbox_dispatch.py`` (``--quick`` for a smoke test).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid

import _common as c

import sorgende
from sorgende import ActorKind, Consent
from sorgende.domain.events import ExchangeAccepted
from sorgende.notifications.dispatcher import Dispatcher
from sorgende.notifications.records import OutboxEntry

PERSONS = 200
EVENTS_PER_ENTRY = 5


class NoOpChannel:
    name = "noop"

    def __init__(self) -> None:
        self.count = 0

    def send(self, notification):
        self.count += 1


class Channel:
    def __init__(self, channel: NoOpChannel) -> None:
        self.channel = channel

    @sorgende.hookimpl
    def sorgende_notification_channels(self, settings):
        return [self.channel]


def fresh_postgresql(url: str) -> None:
    from sorgende.default_plugins.sql import tables
    from sorgende.default_plugins.sql.storage import make_engine

    engine = make_engine(url)
    tables.metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    engine.dispose()


def prepared(url: str, entries: int) -> tuple[sorgende.Platform, NoOpChannel]:
    channel = NoOpChannel()
    platform = sorgende.open(
        url,
        plugins=[Channel(channel)],
        load_entrypoints=False,
        clock=c.fixed_clock,
        settings=sorgende.Settings(load_entrypoints=False),
    )
    community = platform.create_community("Benchmark-Gemeinde")
    people = []
    with platform.storage.unit_of_work(community.community_id) as uow:
        for k in range(PERSONS):
            actor = sorgende.Actor(
                community.community_id,
                ActorKind.PERSON,
                f"Person {k}",
                consent=Consent(contact=True),
            )
            uow.actors.add(actor)
            people.append(actor.id)
        uow.commit()
    cid = community.community_id
    for start in range(0, entries, 250):
        with platform.storage.unit_of_work(cid) as uow:
            for n in range(start, min(start + 250, entries)):
                events = tuple(
                    ExchangeAccepted(
                        cid,
                        c.NOW,
                        None,
                        uuid.uuid4(),
                        people[(n + k) % PERSONS],
                        people[(n + k + 1) % PERSONS],
                    )
                    for k in range(EVENTS_PER_ENTRY)
                )
                uow.outbox.add(OutboxEntry(uuid.uuid4(), cid, c.NOW, events))
            uow.commit()
    return platform, channel


def measure(name: str, url_of, entries: int, repeats: int) -> dict:
    total, fan, deliver = [], [], []
    expected = entries * EVENTS_PER_ENTRY * 2
    for _ in range(repeats):
        platform, channel = prepared(url_of(), entries)
        try:
            dispatcher = Dispatcher(platform)
            start = time.perf_counter()
            fanned = dispatcher.fan_out()
            middle = time.perf_counter()
            report = dispatcher.run_once()
            end = time.perf_counter()
        finally:
            platform.close()
        if fanned != entries or report.sent != expected or channel.count != expected:
            raise SystemExit(
                f"{name}: fanned out {fanned}, sent {report.sent}, channel got "
                f"{channel.count}; expected {entries} entries and {expected} notifications"
            )
        total.append(end - start)
        fan.append(middle - start)
        deliver.append(end - middle)
    median = statistics.median(total)
    return {
        "storage": name,
        "notifications": expected,
        "repeats_s": total,
        "median_s": median,
        "best_s": min(total),
        "per_s_median": expected / median,
        "per_s_best": expected / min(total),
        "fan_out_median_s": statistics.median(fan),
        "deliver_median_s": statistics.median(deliver),
    }


def main() -> dict:
    args = c.parse_args(__doc__.splitlines()[0])
    repeats = 1 if args.quick else 3
    entries = 100 if args.quick else 1_000
    pg = os.environ.get("SORGENDE_BENCH_POSTGRESQL_URL") or os.environ.get(
        "SORGENDE_TEST_POSTGRESQL_URL"
    )
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        made = [0]

        def sqlite_url() -> str:
            made[0] += 1
            return f"sqlite:///{os.path.join(tmp, f'dispatch-{made[0]}.db')}"

        runs.append(measure("memory", lambda: "memory://", entries, repeats))
        runs.append(measure("sqlite", sqlite_url, entries, repeats))
        if pg:

            def pg_url() -> str:
                fresh_postgresql(pg)
                return pg

            runs.append(measure("postgresql", pg_url, entries, repeats))
    result = {"benchmark": "outbox_dispatch", "machine": c.machine(), "runs": runs}
    print("outbox_dispatch: one dispatcher pass, no-op channel")
    for r in runs:
        print(
            f"  {r['storage']:10}: {r['notifications']:,} notifications in"
            f" {r['median_s']:.2f} s median ({r['per_s_median']:,.0f}/s; best"
            f" {r['per_s_best']:,.0f}/s); fan-out {r['fan_out_median_s']:.2f} s,"
            f" delivery {r['deliver_median_s']:.2f} s"
        )
    if not pg:
        print("  (postgresql: set SORGENDE_BENCH_POSTGRESQL_URL to a throwaway server)")
    c.write_json(args.json, result)
    return result


if __name__ == "__main__":
    sys.exit(main() and 0)
