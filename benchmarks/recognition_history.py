"""Confirming an exchange after 0 / 100 / 1,000 / 5,000 earlier exchanges of its helper.

Recognition rules are checked on every confirmation while one is pending for the
helper (here the default milestones and the Ehrenamtskarte rule, which needs 250 hours
in a year: the earlier exchanges, one a day back from now, 10 minutes each, and the
timed ones, 15 minutes each, never reach it, so the check runs on every confirmation).
Two variants, interleaved block by block on the same platforms:

* ``totals``: the code as it is: the confirmation counts the exchange into the
  helper's running totals and the rules read them;
* ``history``: the code before the totals (kept here as the reference): no totals are
  written and the record is counted from the helper's whole confirmed history.

The earlier exchanges are stored in bulk (``add_all``), copies of one exchange that
went through the use cases, with their totals; the timed confirmations confirm
exchanges completed through the use cases before the block. Memory and SQLite.

Run: ``.venv/bin/python benchmarks/recognition_history.py [--quick] [--json PATH]``
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import _common as c
import attrs
import sorgende_ehrenamtskarte

import sorgende
from sorgende import ActorKind, TimeWindow
from sorgende.domain.exchanges import ExchangeState
from sorgende.domain.recognition import YEAR, HelperRecord, HelperTotals
from sorgende.records import HELPER_TOTALS
from sorgende.services import exchanges as exchange_cases
from sorgende.services import recognition

SIZES = (0, 100, 1_000, 5_000)


def history_record(
    uow: Any, helper_id: uuid.UUID, now: datetime, totals: Any = None
) -> HelperRecord:
    """``helper_record`` as it was before the running totals."""
    confirmed = uow.exchanges.list(
        helper_id=helper_id, states=(ExchangeState.CONFIRMED, ExchangeState.RESOLVED)
    )
    counted = [e for e in confirmed if e.minutes > 0]
    since = now - YEAR
    helper = uow.actors.find(helper_id)
    return HelperRecord(
        actor_id=helper_id,
        exchanges_confirmed=len(counted),
        minutes_given=sum(e.minutes for e in counted),
        minutes_last_year=sum(e.minutes for e in counted if e.scheduled >= since),
        first_help=min((e.scheduled for e in counted), default=None),
        at=now,
        birth_year=None if helper is None else helper.birth_year,
    )


VARIANTS = {
    "totals": (recognition.count_help, recognition.helper_record),
    "history": (lambda *args: None, history_record),
}


def use(variant: str) -> None:
    count, record = VARIANTS[variant]
    exchange_cases.count_help = count  # type: ignore[assignment]
    exchange_cases.helper_record = record  # type: ignore[assignment]


class Setup:
    """One community whose helper has ``earlier`` confirmed exchanges."""

    def __init__(self, url: str, earlier: int) -> None:
        self.platform = sorgende.open(
            url,
            plugins=[sorgende_ehrenamtskarte],
            load_entrypoints=False,
            clock=c.fixed_clock,
        )
        com = self.c = self.platform.create_community("Daun")
        self.place = com.add_place("Daun").id
        self.anna = com.register_actor(ActorKind.PERSON, "Anna", home_place_id=self.place).id
        self.ben = com.register_actor(ActorKind.PERSON, "Ben", birth_year=1980).id
        use("totals")
        template = self.completed(0.25)
        com.confirm(template.id, by=self.anna)
        confirmed = com.exchange(template.id)
        copies = [
            attrs.evolve(
                confirmed, id=uuid.uuid4(), scheduled=c.NOW - timedelta(days=1 + i), minutes=10
            )
            for i in range(earlier)
        ]
        with self.platform.storage.unit_of_work(com.community_id, writing=True) as uow:
            # the kind's bulk insert where the storage has one (SQL), one by one else
            self.platform.registry.get("exchange").accessor().add_all(uow, copies)
            helps = [(e.scheduled, e.minutes) for e in (confirmed, *copies)]
            repo = uow.of(HELPER_TOTALS)
            version = repo.get(self.ben).version
            totals = HelperTotals.of_history(com.community_id, self.ben, helps)
            repo.update(attrs.evolve(totals, version=version + 1))
            uow.commit()

    def completed(self, hours: float) -> Any:
        # begun an hour ago (within the grace): the help may be completed now
        start = c.NOW - timedelta(hours=1)
        window = TimeWindow(start, start + timedelta(hours=1))
        r = self.c.post_request(self.anna, "shopping", self.place, window, hours)
        x = self.c.propose(request_id=r.id, by=self.ben)
        self.c.accept(x.id, by=self.anna)
        return self.c.complete(x.id, by=self.ben)


def main() -> dict[str, Any]:
    args = c.parse_args(__doc__.splitlines()[0])
    repeats = 3 if args.quick else 7
    block = 5 if args.quick else 20
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        for storage in ("memory", "sqlite"):
            for earlier in SIZES:
                url = (
                    "memory://"
                    if storage == "memory"
                    else f"sqlite:///{Path(directory) / f'r{earlier}.db'}"
                )
                setup = Setup(url, earlier)
                times: dict[str, list[float]] = {"history": [], "totals": []}
                order = ["history", "totals"]
                for _ in range(repeats):
                    for variant in order:
                        use("totals")  # preparing is not timed; totals stay right
                        ready = [setup.completed(0.25) for _ in range(block)]
                        # the history variant writes no totals: count its block afresh after
                        use(variant)
                        seconds = c.time_block(
                            lambda ready=ready, s=setup: [
                                s.c.confirm(x.id, by=s.anna) for x in ready
                            ],
                            block,
                        )
                        times[variant].append(seconds)
                        if variant == "history":
                            _recount(setup)
                    order.reverse()
                use("totals")
                codes = {r.code for r in setup.c.recognitions(actor_id=setup.ben)}
                # otherwise no rule was pending and nothing was checked
                assert sorgende_ehrenamtskarte.CODE not in codes, codes
                setup.platform.close()
                row = {
                    "storage": storage,
                    "earlier": earlier,
                    **{f"{v}_ms": statistics.median(t) * 1e3 for v, t in times.items()},
                    **{f"{v}_best_ms": min(t) * 1e3 for v, t in times.items()},
                }
                rows.append(row)
                print(
                    f"{storage:7} {earlier:6,} earlier: history {row['history_ms']:7.2f} ms"
                    f"  totals {row['totals_ms']:6.2f} ms  (best {row['history_best_ms']:.2f}"
                    f" / {row['totals_best_ms']:.2f})",
                    flush=True,
                )
    ratios = {}
    for storage in ("memory", "sqlite"):
        mine = {r["earlier"]: r for r in rows if r["storage"] == storage}
        for v in ("history", "totals"):
            ratios[f"{storage}_{v}"] = mine[SIZES[-1]][f"{v}_ms"] / mine[0][f"{v}_ms"]
    for key, ratio in ratios.items():
        print(f"ratio {SIZES[-1]:,}/0 {key}: {ratio:.2f}")
    result = {
        "benchmark": "recognition_history",
        "machine": c.machine(),
        "params": {"repeats": repeats, "block": block, "sizes": SIZES},
        "rows": rows,
        "ratios": ratios,
    }
    c.write_json(args.json, result)
    return result


def _recount(setup: Setup) -> None:
    """Totals as the confirmations of the history variant would have left them."""
    com = setup.c
    with setup.platform.storage.unit_of_work(com.community_id, writing=True) as uow:
        repo = uow.of(HELPER_TOTALS)
        found = repo.get(setup.ben)
        fresh = recognition.totals_from_history(uow, com.community_id, setup.ben)
        repo.update(attrs.evolve(fresh, version=found.version + 1))
        uow.commit()


if __name__ == "__main__":
    main()
    sys.exit(0)
