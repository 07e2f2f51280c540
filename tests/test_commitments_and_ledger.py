"""Commitments and their fulfilment; the time bank: balances, solidarity, statements."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sorgende import (
    OPERATOR,
    CommitmentStatus,
    CommunityRole,
    Period,
    PostingKind,
    SolidarityPolicy,
)
from sorgende.domain.ledger import Entry, Posting
from sorgende.errors import (
    IllegalStatusChange,
    InvalidAdjustment,
    InvalidValue,
    LedgerError,
    NotFound,
    PermissionDenied,
    UnknownCategory,
)
from tests.conftest import START, World


def _help(world: World, days: float, hours: float = 1, category: str = "shopping") -> None:
    start = world.clock.now + timedelta(days=days)
    from sorgende import TimeWindow

    r = world.c.post_request(
        world.anna.id, category, world.daun.id, TimeWindow(start, start + timedelta(hours=1)), hours
    )
    x = world.c.propose(request_id=r.id, by=world.ben.id)
    world.c.accept(x.id, by=world.anna.id)
    # reported once the help began; then back to the test's time for the next request
    now, world.clock.now = world.clock.now, start
    world.c.complete(x.id, by=world.ben.id)
    world.c.confirm(x.id, by=world.anna.id)
    world.clock.now = now


def test_commitment_fulfilment_counts_confirmed_help_per_week(world: World) -> None:
    commitment = world.c.make_commitment(
        world.ben.id, 2, Period.WEEK, categories=["shopping"], place_ids=[world.daun.id]
    )
    assert commitment.minutes_per_period == 120 and commitment.valid_from == START.date()
    _help(world, days=1, hours=1.5)
    _help(world, days=2, hours=1)  # week 1: 2.5 h
    _help(world, days=8, hours=1)  # week 2: 1 h
    _help(world, days=9, hours=3, category="garden")  # not covered
    f = world.c.fulfilment(commitment.id, today=START.date() + timedelta(days=13))
    assert [(p.target_minutes, p.given_minutes) for p in f.periods] == [(120, 150), (120, 60)]
    assert f.periods_kept == 1 and f.given_minutes == 210 and f.ratio == pytest.approx(210 / 240)


def test_paused_periods_have_no_target(world: World) -> None:
    commitment = world.c.make_commitment(world.ben.id, 1, Period.WEEK)
    world.clock.advance(days=7)
    paused = world.c.pause_commitment(commitment.id, by=world.ben.id)
    assert paused.status is CommitmentStatus.PAUSED
    world.clock.advance(days=7)
    world.c.resume_commitment(commitment.id, by=world.ben.id)
    f = world.c.fulfilment(commitment.id, today=START.date() + timedelta(days=20))
    assert [p.target_minutes for p in f.periods] == [60, 0, 60]
    assert f.periods_due == 2 and f.periods_kept == 0  # a paused week is not "kept"
    ended = world.c.end_commitment(commitment.id, by=world.carla.id)
    assert ended.status is CommitmentStatus.ENDED and ended.valid_until == world.clock.now.date()
    with pytest.raises(IllegalStatusChange):
        world.c.resume_commitment(commitment.id, by=world.ben.id)


def test_monthly_commitment(world: World) -> None:
    c = world.c.make_commitment(world.ben.id, 10, Period.MONTH, valid_from=date(2026, 1, 15))
    f = world.c.fulfilment(c.id, today=date(2026, 3, 31))
    assert [p.start for p in f.periods] == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]


@pytest.mark.parametrize("hours", [0, -2, 24 * 7 + 1])
def test_commitment_hours_are_checked(world: World, hours: float) -> None:
    with pytest.raises(InvalidValue, match="hours"):
        world.c.make_commitment(world.ben.id, hours)
    assert world.c.commitments() == []


def test_commitment_checks_categories_and_rights(world: World) -> None:
    with pytest.raises(UnknownCategory):
        world.c.make_commitment(world.ben.id, 2, categories=["juggling"])
    with pytest.raises(PermissionDenied):
        world.c.make_commitment(world.ben.id, 2, by=world.stranger.id)
    with pytest.raises(InvalidValue):
        world.c.make_commitment(world.ben.id, 2, valid_until=START.date() - timedelta(days=1))


def test_solidarity_account_pays_for_marked_recipients(world: World) -> None:
    world.c.set_receives_solidarity(world.anna.id, by=world.carla.id)
    _help(world, days=1, hours=2)
    solidarity = world.c.info().solidarity_account
    assert world.c.balance(world.anna.id).minutes == 0
    assert world.c.balance(solidarity).minutes == -120
    assert world.c.balance(world.ben.id).minutes == 120
    with pytest.raises(PermissionDenied):
        world.c.set_receives_solidarity(world.dora.id, by=world.ben.id)


def test_solidarity_policy_none_and_all(world: World) -> None:
    world.c.set_receives_solidarity(world.anna.id, by=world.carla.id)
    world.c.set_solidarity_policy(SolidarityPolicy.NONE, by=OPERATOR)
    _help(world, days=1)
    assert world.c.balance(world.anna.id).minutes == -60
    # a setting: the administrators' (a coordinator is not one)
    with pytest.raises(PermissionDenied):
        world.c.set_solidarity_policy(SolidarityPolicy.ALL, by=world.carla.id)
    world.c.grant_role(world.dora.id, CommunityRole.ADMINISTRATOR, by=OPERATOR)
    world.c.set_solidarity_policy(SolidarityPolicy.ALL, by=world.dora.id)
    _help(world, days=2)
    assert world.c.balance(world.c.info().solidarity_account).minutes == -60


def test_statement_has_running_balance(world: World) -> None:
    _help(world, days=1, hours=1)  # confirmed a day from now, when the help began
    world.clock.advance(days=2)
    since = world.clock.now
    _help(world, days=1, hours=2)
    s = world.c.statement(world.ben.id)
    assert [(line.minutes, line.balance) for line in s.lines] == [(60, 60), (120, 180)]
    partial = world.c.statement(world.ben.id, since=since)
    assert partial.opening_balance == 60 and partial.closing_balance == 180
    assert len(partial.lines) == 1


def test_adjustment_needs_a_ledger_keeper_and_a_reason(world: World) -> None:
    # a community coordinator is no ledger keeper, and no one adjusts their own account
    with pytest.raises(PermissionDenied):
        world.c.adjust_hours(world.anna.id, world.ben.id, 1, by=world.carla.id, reason="gift")
    world.c.grant_role(world.dora.id, CommunityRole.LEDGER_KEEPER, by=OPERATOR)
    with pytest.raises(PermissionDenied):
        world.c.adjust_hours(world.anna.id, world.dora.id, 1, by=world.dora.id, reason="gift")
    keeper = world.dora.id
    with pytest.raises(InvalidValue):
        world.c.adjust_hours(world.anna.id, world.ben.id, 1, by=keeper, reason=" ")
    for hours in (-1, 0, 1001):
        with pytest.raises(InvalidAdjustment):
            world.c.adjust_hours(world.anna.id, world.ben.id, hours, by=keeper, reason="x")
    with pytest.raises(NotFound):
        world.c.adjust_hours(world.anna.id, world.c.community_id, 1, by=keeper, reason="x")
    done = world.c.adjust_hours(world.anna.id, world.ben.id, 0.5, by=keeper, reason="trip")
    p = done.posting
    assert p is not None and p.kind is PostingKind.ADJUSTMENT and p.made_by == keeper
    assert world.c.balance(world.ben.id).minutes == 30
    # a correction may be larger than one day's help: the operator books it at once
    world.c.adjust_hours(world.anna.id, world.ben.id, 40, by=OPERATOR, reason="import")
    assert world.c.balance(world.ben.id).minutes == 30 + 40 * 60


def test_postings_must_balance_and_have_a_cause(world: World) -> None:
    a, b = world.anna.id, world.ben.id
    common = {"community_id": world.c.community_id, "at": START, "made_by": b}
    with pytest.raises(LedgerError, match="sum to zero"):
        Posting(
            kind=PostingKind.ADJUSTMENT, entries=(Entry(a, -1), Entry(b, 2)), reason="x", **common
        )  # type: ignore[arg-type]
    with pytest.raises(LedgerError, match="no exchange"):
        Posting(kind=PostingKind.EXCHANGE, entries=(Entry(a, -1), Entry(b, 1)), **common)  # type: ignore[arg-type]
    with pytest.raises(LedgerError, match="no reason"):
        Posting(kind=PostingKind.ADJUSTMENT, entries=(Entry(a, -1), Entry(b, 1)), **common)  # type: ignore[arg-type]


def test_recognition_milestones(world: World) -> None:
    _help(world, days=1, hours=6)
    assert {r.code for r in world.c.recognitions(actor_id=world.ben.id)} == {"first_help"}
    _help(world, days=2, hours=5)
    codes = [r.code for r in world.c.recognitions(actor_id=world.ben.id)]
    assert codes == ["first_help", "hours_10"]  # each awarded once
    assert world.c.recognitions(actor_id=world.ben.id)[1].title("de") == "10 Stunden geschenkt"
