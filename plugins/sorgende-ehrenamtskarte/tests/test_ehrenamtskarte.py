from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sorgende_ehrenamtskarte

import sorgende
from sorgende import ActorKind, TimeWindow
from sorgende.domain.recognition import HelperRecord

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def record(hours: float, engaged_days: int, birth_year: int | None = 1980) -> HelperRecord:
    return HelperRecord(
        actor_id=sorgende.domain.values.new_id(),
        exchanges_confirmed=100,
        minutes_given=round(hours * 60),
        minutes_last_year=round(hours * 60),
        first_help=NOW - timedelta(days=engaged_days),
        at=NOW,
        birth_year=birth_year,
    )


def test_rule() -> None:
    rule = sorgende_ehrenamtskarte.EhrenamtskarteRLP()
    assert rule.applies(record(250, 400))
    assert not rule.applies(record(249.5, 400))
    assert not rule.applies(record(300, 200))  # not yet a year of engagement
    assert not rule.applies(record(300, 400, birth_year=2013))  # 13 years old
    assert rule.applies(record(300, 400, birth_year=None))


def test_awarded_through_the_platform_once() -> None:
    now = [datetime(2025, 1, 6, 9, tzinfo=UTC)]
    platform = sorgende.open(
        "memory://", plugins=[sorgende_ehrenamtskarte], load_entrypoints=False, clock=lambda: now[0]
    )
    c = platform.create_community("Daun")
    place = c.add_place("Daun")
    anna = c.register_actor(ActorKind.PERSON, "Anna")
    ben = c.register_actor(ActorKind.PERSON, "Ben", birth_year=1990)
    for week in range(60):  # 60 weeks, 5 hours each
        now[0] = datetime(2025, 1, 6, 9, tzinfo=UTC) + timedelta(weeks=week)
        window = TimeWindow(now[0], now[0] + timedelta(hours=5))
        r = c.post_request(anna.id, "shopping", place.id, window, 5)
        x = c.propose(request_id=r.id, by=ben.id)
        c.accept(x.id, by=anna.id)
        c.complete(x.id, by=ben.id)
        c.confirm(x.id, by=anna.id)
    codes = [r.code for r in c.recognitions(actor_id=ben.id)]
    assert codes.count("ehrenamtskarte_rlp") == 1
    awarded = next(r for r in c.recognitions(actor_id=ben.id) if r.code == "ehrenamtskarte_rlp")
    assert awarded.awarded_at >= datetime(2026, 1, 5, tzinfo=UTC)  # after a year, not before
