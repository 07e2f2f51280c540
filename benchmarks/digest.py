"""Daily digests at scale: 40,000 recipients composed and handed to a no-op channel on SQLite.

(A peer platform's digest job floods its queue at about 40,000 users and most digests go
unsent: Decidim issue 16129.)

Setup (not timed): a SQLite file with one community of 40,000 persons (consented to
contact, with an e-mail address), and 120,000 notifications held for their digests —
three per person, made by the outbox's own fan-out from 60,000 ``ExchangeAccepted``
events of the day before. Timed: ``platform.notifications.digest()`` as ``sorgende
notify digest`` runs it the next morning: find who has held notifications, compose one
digest per person (500 people per transaction), then one dispatcher pass that claims
the digests, loads each recipient and calls the channel's ``send_digest``. A progress
bar (rich) shows both phases on the terminal.

Target (issue): within 60 seconds.

Run: ``.venv/bin/python benchmarks/digest.py`` (``--quick``: 2,000 recipients;
``--recipients N`` for another size).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from datetime import timedelta

import _common as c
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

import sorgende
from sorgende import ActorKind, Consent
from sorgende.domain.events import ExchangeAccepted
from sorgende.notifications.records import (
    Delivery,
    DeliveryStatus,
    OutboxEntry,
    delivery_key,
    event_id,
)

TARGET_S = 60.0
PER_PERSON = 3
CHANNEL = "noop"


class NoOpDigests:
    name = CHANNEL

    def __init__(self) -> None:
        self.digests = 0
        self.notifications = 0

    def send(self, notification):
        self.notifications += 1

    def send_digest(self, digest):
        self.digests += 1
        self.notifications += len(digest.notifications)


class Channel:
    def __init__(self, channel: NoOpDigests) -> None:
        self.channel = channel

    @sorgende.hookimpl
    def sorgende_notification_channels(self, settings):
        return [self.channel]


def held(entries: Sequence[OutboxEntry]) -> list[Delivery]:
    """The fan-out of people who chose a daily digest: every notification is held.

    (What the planner makes for such people, without reading 40,000 preferences here.)
    """
    deliveries = []
    for entry in entries:
        for index, event in enumerate(entry.events):
            for person in (event.helper_id, event.recipient_id):
                deliveries.append(
                    Delivery(
                        id=uuid.uuid4(),
                        key=delivery_key(event_id(entry.id, index), person, CHANNEL),
                        community_id=entry.community_id,
                        channel=CHANNEL,
                        kind="ExchangeAccepted",
                        recipient_id=person,
                        language="de",
                        status=DeliveryStatus.HELD,
                        attempts=0,
                        next_attempt_at=entry.created_at,
                        created_at=entry.created_at,
                        event=event,
                    )
                )
    return deliveries


def setup(url: str, recipients: int, console: Console) -> None:
    yesterday = c.NOW - timedelta(days=1)
    with sorgende.open(
        url,
        plugins=[Channel(NoOpDigests())],
        load_entrypoints=False,
        clock=lambda: yesterday,
        settings=sorgende.Settings(load_entrypoints=False),
    ) as platform:
        community = platform.create_community("Benchmark-Gemeinde")
        cid = community.community_id
        people = [
            sorgende.Actor(
                cid,
                ActorKind.PERSON,
                f"Person {k}",
                email=f"person{k}@example.org",
                consent=Consent(contact=True),
            )
            for k in range(recipients)
        ]
        with platform.storage.unit_of_work(cid) as uow:
            uow.actors.add_all(people)  # type: ignore[attr-defined]
            uow.commit()
        ids = [p.id for p in people]
        events = recipients * PER_PERSON // 2
        for start in range(0, events, 5_000):
            with platform.storage.unit_of_work(cid) as uow:
                for n in range(start, min(start + 5_000, events)):
                    event = ExchangeAccepted(
                        cid,
                        yesterday,
                        None,
                        uuid.uuid4(),
                        ids[n % recipients],
                        ids[(n * 7 + 1) % recipients],
                    )
                    uow.outbox.add(OutboxEntry(uuid.uuid4(), cid, yesterday, (event,)))
                uow.commit()
        store = platform.storage.outbox()
        while store.fan_out(2_000, held):
            pass
        counts = store.counts()
        console.print(f"  setup: {recipients:,} people, {counts['held']:,} held notifications")


def main() -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 recipients (smoke test)")
    parser.add_argument("--recipients", type=int, default=None)
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args()
    recipients = args.recipients or (2_000 if args.quick else 40_000)
    console = Console(stderr=True)
    console.print(f"digest: daily digests for {recipients:,} recipients on SQLite")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{os.path.join(tmp, 'digest.db')}"
        started = time.perf_counter()
        setup(url, recipients, console)
        setup_s = time.perf_counter() - started
        channel = NoOpDigests()
        with sorgende.open(
            url,
            plugins=[Channel(channel)],
            load_entrypoints=False,
            clock=c.fixed_clock,  # the next morning, after the digest time
            settings=sorgende.Settings(load_entrypoints=False),
        ) as platform:
            progress = Progress(
                "[bold]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
            )
            with progress:
                compose = progress.add_task("compose", total=None)
                deliver = progress.add_task("deliver", total=None)

                def composed(done: int, total: int) -> None:
                    progress.update(compose, completed=done, total=total)
                    progress.update(deliver, total=total)

                def delivered(count: int) -> None:
                    progress.advance(deliver, count)

                start, cpu = time.perf_counter(), time.process_time()
                report = platform.notifications.digest(composed, delivered)
                elapsed = time.perf_counter() - start
                cpu = time.process_time() - cpu
                phases = {
                    name: progress.tasks[task].finished_time or 0.0
                    for name, task in (("compose", compose), ("deliver", deliver))
                }
            counts = platform.notifications.counts()
    if report.composed != recipients or channel.digests != recipients:
        raise SystemExit(
            f"composed {report.composed}, delivered {channel.digests}, expected {recipients}"
        )
    if channel.notifications != recipients * PER_PERSON or counts["held"] != 0:
        raise SystemExit(f"{channel.notifications} notifications in digests; {counts}")
    result = {
        "benchmark": "digest",
        "machine": c.machine(),
        "recipients": recipients,
        "notifications": channel.notifications,
        "setup_s": setup_s,
        "elapsed_s": elapsed,
        "cpu_s": cpu,
        "wall_over_cpu": elapsed / cpu,
        "compose_s": phases["compose"],
        "digests_per_s": recipients / elapsed,
        "sent": report.delivery.sent,
        "target_s": TARGET_S,
        "target_met": elapsed <= TARGET_S,
    }
    print(
        f"digest: {recipients:,} digests ({channel.notifications:,} notifications) composed and"
        f" delivered in {elapsed:.1f} s ({recipients / elapsed:,.0f} digests/s);"
        f" setup {setup_s:.1f} s"
    )
    print(
        f"  composing took {phases['compose']:.1f} s; CPU time {cpu:.1f} s"
        f" (wall/CPU {elapsed / cpu:.2f}: above 1 the process waited for a core or the disk)"
    )
    verdict = "MET" if result["target_met"] else "NOT MET"
    print(f"  target <= {TARGET_S:.0f} s: {verdict}")
    c.write_json(args.json, result)
    return result


if __name__ == "__main__":
    sys.exit(main() and 0)
