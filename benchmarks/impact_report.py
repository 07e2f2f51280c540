"""A year's report of a community of 100,000 residents: the indicators and the report.

A synthetic year is fed to the indicator engine (``sorgende.indicators.Engine.apply``)
as the event log would give it: 100 places of 1,000 residents, 20 organisations, 8
categories; 60,000 requests posted (0.6 a resident), 80% matched (waits drawn from
0.5 h to 10 days), 75% of them confirmed (1 to 3 hours), 10,000 helpers (half of them
with the statistics consent), 2,000 self-commitments. The records the events name are
served by a dictionary (the :class:`~sorgende.indicators.Lookup` protocol), so the figure
is the engine's and the report's, not a storage's.

Timed, each once per repeat (median of 3, best beside it):

* ``engine``: applying the year's events (about 280,000) to a fresh engine;
* ``report``: ``compose_report`` (every breakdown of every indicator, the agenda's goals
  per place), then the HTML, the PDF (charts included) and the CSV/Parquet/metadata
  files: what ``sorgende report`` does once the engine is current.

Target (issue 17): the report renders in under 10 s. The load average is printed before
and after (the machine may be shared).

Run: ``.venv/bin/python benchmarks/impact_report.py`` (``--quick``: a tenth of the
community; ``--json PATH`` keeps the figures).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import _common as c
import attrs
import sorgende_impact
from sorgende_impact.pdf import report_pdf
from sorgende_impact.report import compose_report, to_html, write_data

from sorgende.domain import events as ev
from sorgende.domain.actors import Actor, ActorKind, Consent
from sorgende.domain.commitments import Commitment, Period
from sorgende.domain.community import Place
from sorgende.indicators import Engine

TARGET_S = 10.0
CATEGORIES = ("shopping", "rides", "visits", "garden", "repairs", "paperwork", "meals", "pets")


@attrs.frozen
class _Request:
    place_id: uuid.UUID
    organisation_id: uuid.UUID | None
    category: str
    posted_at: datetime


@attrs.frozen
class _Exchange:
    place_id: uuid.UUID
    organisation_id: uuid.UUID | None
    category: str


class DictLookup:
    def __init__(self) -> None:
        self.requests: dict[uuid.UUID, _Request] = {}
        self.exchanges: dict[uuid.UUID, _Exchange] = {}
        self.actors: dict[uuid.UUID, Actor] = {}
        self.commitments: dict[uuid.UUID, Commitment] = {}

    def request(self, i):  # type: ignore[no-untyped-def]
        return self.requests.get(i)

    def exchange(self, i):  # type: ignore[no-untyped-def]
        return self.exchanges.get(i)

    def actor(self, i):  # type: ignore[no-untyped-def]
        return self.actors.get(i)

    def commitment(self, i):  # type: ignore[no-untyped-def]
        return self.commitments.get(i)


def year(scale: float, rng: random.Random):  # type: ignore[no-untyped-def]
    cid = uuid.uuid4()
    places = [
        Place(cid, f"Ort {k:03d}", id=uuid.uuid4(), population=int(1000 * scale) or 1)
        for k in range(100)
    ]
    orgs = {uuid.uuid4(): f"Verein {k:02d}" for k in range(20)}
    org_ids = [*orgs, None, None, None, None, None]
    look = DictLookup()
    residents = int(100_000 * scale)
    helpers = []
    for k in range(residents):
        home = places[k % 100].id
        a = Actor(cid, ActorKind.PERSON, f"P{k}", id=uuid.uuid4(), home_place_id=home,
                  consent=Consent(statistics=k % 2 == 0))  # fmt: skip
        look.actors[a.id] = a
        if k % 10 == 0:
            helpers.append(a.id)
    people = list(look.actors)
    start = datetime(2026, 1, 1, 8, tzinfo=UTC)
    out: list[ev.DomainEvent] = [ev.ActorRegistered(cid, start, None, p) for p in people]
    for k in range(int(2000 * scale)):
        who = helpers[k % len(helpers)]
        cm = Commitment(cid, who, 120, Period.WEEK, date(2026, 1, 1), start, id=uuid.uuid4())
        look.commitments[cm.id] = cm
        out.append(ev.CommitmentMade(cid, start + timedelta(days=k % 300), who, cm.id, who))
    for _ in range(int(60_000 * scale)):
        at = start + timedelta(minutes=rng.randrange(365 * 24 * 60))
        rid, recipient = uuid.uuid4(), rng.choice(people)
        place, org, cat = rng.choice(places).id, rng.choice(org_ids), rng.choice(CATEGORIES)
        look.requests[rid] = _Request(place, org, cat, at)
        out.append(ev.RequestPosted(cid, at, recipient, rid, recipient))
        if rng.random() < 0.8:
            matched = at + timedelta(hours=rng.uniform(0.5, 240))
            out.append(ev.RequestMatched(cid, matched, None, rid))
            if rng.random() < 0.75:
                xid, helper = uuid.uuid4(), rng.choice(helpers)
                look.exchanges[xid] = _Exchange(place, org, cat)
                done = matched + timedelta(days=1)
                minutes = rng.choice((60, 90, 120, 180))
                out.append(
                    ev.ExchangeConfirmed(cid, done, recipient, xid, helper, recipient, minutes)
                )
                out.append(ev.RequestFulfilled(cid, done, None, rid))
    out.sort(key=lambda e: e.at)
    logged = [ev.LoggedEvent.of(i + 1, e) for i, e in enumerate(out)]
    return cid, places, orgs, look, logged


def main() -> None:
    args = c.parse_args(__doc__.splitlines()[0])
    scale = 0.1 if args.quick else 1.0
    repeats = 3
    cid, places, orgs, look, logged = year(scale, random.Random(1))
    zone = ZoneInfo("Europe/Berlin")
    engine_s, report_s = [], []
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(repeats):
            engine = Engine(cid, zone)
            t0 = time.perf_counter()
            engine.apply(logged, look)
            t1 = time.perf_counter()
            report = compose_report(
                engine.snapshot(), dict(engine.consent), community="Großgemeinde",
                place=None, places=places, chosen=None, organisations=orgs,
                categories={k: k for k in CATEGORIES}, first=date(2026, 1, 1),
                after=date(2027, 1, 1), language="de", threshold=5,
                scope=sorgende_impact.report.EVERY_ORGANISATION,
                goals=sorgende_impact.DAUN_AGENDA,
            )  # fmt: skip
            (Path(tmp) / "report.html").write_text(to_html(report), encoding="utf-8")
            (Path(tmp) / "report.pdf").write_bytes(report_pdf(report))
            write_data(report, Path(tmp))
            t2 = time.perf_counter()
            engine_s.append(t1 - t0)
            report_s.append(t2 - t1)
        rows = sum(1 for _ in (Path(tmp) / "indicators.csv").open()) - 1
    load_after = os.getloadavg()
    (posted,) = [f for f in report.totals if f.indicator == "needs_posted"]
    print(f"{int(100_000 * scale):,} residents, {len(logged):,} events, {rows:,} data rows, "
          f"{posted.value:,.0f} needs posted")  # fmt: skip
    per_event = statistics.median(engine_s) / len(logged) * 1e6
    print(f"  engine (the year's events): {statistics.median(engine_s):.2f} s "
          f"(best {min(engine_s):.2f} s), {per_event:.1f} µs/event")  # fmt: skip
    print(f"  report (HTML, PDF, CSV, Parquet): {statistics.median(report_s):.2f} s "
          f"(best {min(report_s):.2f} s); target < {TARGET_S:.0f} s")  # fmt: skip
    print("  load average before / after: "
          + ", ".join(f"{x:.2f}" for x in load_before) + " / "
          + ", ".join(f"{x:.2f}" for x in load_after))  # fmt: skip
    c.write_json(
        args.json,
        {"machine": c.machine(), "residents": int(100_000 * scale), "events": len(logged),
         "engine_s": engine_s, "report_s": report_s,
         "load": {"before": load_before, "after": load_after}},
    )  # fmt: skip
    if statistics.median(report_s) > TARGET_S and not args.quick:
        sys.exit(1)


if __name__ == "__main__":
    main()
