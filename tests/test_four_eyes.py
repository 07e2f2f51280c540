"""Four eyes on the ledger: ledger keepers adjust, never their own account; above the
community's threshold a second ledger keeper approves before the hours move.

On memory and on an SQLite file (the module's ``platform`` replaces conftest's, so every
test here runs on both).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import sorgende
from sorgende import OPERATOR, ActorKind, CommunityRole, Platform, Role
from sorgende.domain import events as ev
from sorgende.domain.actors import Actor
from sorgende.domain.ledger import AdjustmentState, PostingKind
from sorgende.errors import InvalidValue, NotFound, PermissionDenied
from tests.conftest import Clock, World


@pytest.fixture(params=["memory", "sqlite"])
def platform(request: pytest.FixtureRequest, clock: Clock, tmp_path: Path) -> Iterator[Platform]:
    url = "memory://" if request.param == "memory" else f"sqlite:///{tmp_path / 'ledger.db'}"
    with sorgende.open(url, clock=clock, load_entrypoints=False) as p:
        yield p


@attrs.frozen
class Keepers:
    kira: Actor
    lena: Actor
    max: Actor


@pytest.fixture
def keepers(world: World) -> Keepers:
    """Three ledger keepers; Max is staff of the Verein (whose account he may not move)."""
    c = world.c
    kira = c.register_actor(ActorKind.PERSON, "Kira", home_place_id=world.daun.id)
    lena = c.register_actor(ActorKind.PERSON, "Lena", home_place_id=world.daun.id)
    max_ = c.register_actor(ActorKind.PERSON, "Max", home_place_id=world.daun.id)
    max_ = c.add_membership(max_.id, world.verein.id, Role.STAFF, by=OPERATOR)
    for person in (kira, lena, max_):
        c.grant_role(person.id, CommunityRole.LEDGER_KEEPER, by=OPERATOR)
    return Keepers(kira, lena, max_)


def _reason(error: pytest.ExceptionInfo[PermissionDenied]) -> str:
    return str(error.value.params["reason"].key)


def _balances(world: World) -> dict[uuid.UUID, int]:
    solidarity = world.c.info().solidarity_account
    return {a: world.c.balance(a).minutes for a in (world.anna.id, world.ben.id, solidarity)}


def test_no_one_adjusts_their_own_account(world: World, keepers: Keepers) -> None:
    c = world.c
    for source, target in ((keepers.kira.id, world.ben.id), (world.ben.id, keepers.kira.id)):
        with pytest.raises(PermissionDenied) as refused:
            c.adjust_hours(source, target, 1, by=keepers.kira.id, reason="mir selbst")
        assert _reason(refused) == "policy.reason.not_oneself"
    # nor the account of an organisation one coordinates
    with pytest.raises(PermissionDenied) as refused:
        c.adjust_hours(world.anna.id, world.verein.id, 1, by=keepers.max.id, reason="für uns")
    assert _reason(refused) == "policy.reason.own_organisation_account"
    assert c.adjustments() == [] and c.postings() == []


def test_only_ledger_keepers_and_the_operator_adjust(world: World, keepers: Keepers) -> None:
    c = world.c
    # Carla coordinates the community (through the Verein), but keeps no ledger
    for by in (world.carla.id, world.ben.id, world.stranger.id):
        with pytest.raises(PermissionDenied) as refused:
            c.adjust_hours(world.anna.id, world.dora.id, 1, by=by, reason="Korrektur")
        assert _reason(refused) == "policy.reason.needs"
        assert "ledger keeper" in refused.value.message("en")
    assert c.postings() == []


def test_within_the_threshold_an_adjustment_takes_effect_at_once(
    world: World, keepers: Keepers
) -> None:
    c = world.c
    assert c.info().adjustment_threshold_minutes == 120
    outcome = c.adjust_hours(world.anna.id, world.ben.id, 2, by=keepers.kira.id, reason="Fahrt")
    assert not outcome.pending and outcome.took_effect
    posting = outcome.posting
    assert posting is not None and posting.kind is PostingKind.ADJUSTMENT
    assert posting.made_by == keepers.kira.id and posting.reason == "Fahrt"
    kept = outcome.adjustment
    assert kept.state is AdjustmentState.IMMEDIATE and kept.posting_id == posting.id
    assert c.adjustments(by=keepers.lena.id) == [kept]
    assert c.balance(world.ben.id).minutes == 120 and c.balance(world.anna.id).minutes == -120
    assert c.pending_adjustments(by=keepers.lena.id) == []


def test_above_the_threshold_a_second_keeper_approves(world: World, keepers: Keepers) -> None:
    c = world.c
    before = _balances(world)
    solidarity = c.info().solidarity_account
    asked = c.adjust_hours(solidarity, world.ben.id, 3, by=keepers.kira.id, reason="Nachtrag März")
    assert asked.pending and asked.posting is None
    pending = asked.adjustment
    assert pending.state is AdjustmentState.PENDING and pending.minutes == 180
    assert pending.asked_by == keepers.kira.id and pending.reason == "Nachtrag März"
    assert _balances(world) == before  # nothing moves yet
    assert c.pending_adjustments(by=keepers.lena.id) == [pending]
    # the one who asked cannot approve it
    with pytest.raises(PermissionDenied) as refused:
        c.approve_adjustment(pending.id, by=keepers.kira.id, reason="passt")
    assert _reason(refused) == "policy.reason.own_adjustment"
    # nor can a coordinator, nor the person whose account it credits
    with pytest.raises(PermissionDenied):
        c.approve_adjustment(pending.id, by=world.carla.id, reason="passt")
    c.grant_role(world.ben.id, CommunityRole.LEDGER_KEEPER, by=OPERATOR)
    with pytest.raises(PermissionDenied) as refused:
        c.approve_adjustment(pending.id, by=world.ben.id, reason="passt")
    assert _reason(refused) == "policy.reason.not_oneself"
    with pytest.raises(InvalidValue):
        c.approve_adjustment(pending.id, by=keepers.lena.id, reason="  ")
    assert _balances(world) == before

    world.clock.advance(hours=3)
    approved = c.approve_adjustment(pending.id, by=keepers.lena.id, reason="Belege geprüft")
    assert approved.took_effect and not approved.pending
    decided = approved.adjustment
    assert decided.state is AdjustmentState.APPROVED and decided.decided_by == keepers.lena.id
    assert decided.decision_reason == "Belege geprüft" and decided.reason == "Nachtrag März"
    assert decided.decided_at == world.clock.now
    assert approved.posting is not None and decided.posting_id == approved.posting.id
    assert approved.posting.made_by == keepers.kira.id  # the one who asked made it
    assert c.balance(world.ben.id).minutes == before[world.ben.id] + 180
    assert c.balance(solidarity).minutes == before[solidarity] - 180
    assert c.pending_adjustments(by=keepers.lena.id) == []
    # decided once: a second approval or a rejection is refused, nothing is booked twice
    with pytest.raises(InvalidValue, match="decided already"):
        c.approve_adjustment(pending.id, by=keepers.max.id, reason="auch")
    with pytest.raises(InvalidValue):
        c.reject_adjustment(pending.id, by=keepers.max.id, reason="doch nicht")
    assert len(c.postings()) == 1


def test_a_rejection_keeps_the_balances_and_its_reason(world: World, keepers: Keepers) -> None:
    c = world.c
    before = _balances(world)
    pending = c.adjust_hours(
        world.anna.id, world.ben.id, 24, by=keepers.kira.id, reason="alte Stunden"
    ).adjustment
    with pytest.raises(InvalidValue):
        c.reject_adjustment(pending.id, by=keepers.lena.id, reason="")
    with pytest.raises(PermissionDenied):
        c.reject_adjustment(pending.id, by=world.carla.id, reason="nein")
    rejected = c.reject_adjustment(pending.id, by=keepers.lena.id, reason="keine Belege")
    assert not rejected.pending and rejected.posting is None
    assert rejected.adjustment.state is AdjustmentState.REJECTED
    assert rejected.adjustment.decision_reason == "keine Belege"
    assert _balances(world) == before and c.postings() == []
    assert c.adjustments(state=AdjustmentState.REJECTED) == [rejected.adjustment]
    # the one who asked may withdraw their own request
    other = c.adjust_hours(world.anna.id, world.ben.id, 5, by=keepers.kira.id, reason="x")
    withdrawn = c.reject_adjustment(other.adjustment.id, by=keepers.kira.id, reason="vertan")
    assert withdrawn.adjustment.state is AdjustmentState.REJECTED


def test_reasons_are_required(world: World, keepers: Keepers) -> None:
    for reason in ("", "   "):
        with pytest.raises(InvalidValue, match="reason"):
            world.c.adjust_hours(world.anna.id, world.ben.id, 1, by=keepers.kira.id, reason=reason)
    assert world.c.adjustments() == []


def test_the_operator_adjusts_at_once_and_is_in_the_events(
    world: World, keepers: Keepers, platform: Platform
) -> None:
    c = world.c
    outcome = c.adjust_hours(world.anna.id, world.ben.id, 30, by=OPERATOR, reason="Übernahme")
    assert outcome.took_effect and outcome.adjustment.state is AdjustmentState.IMMEDIATE
    assert outcome.adjustment.asked_by is None
    assert c.balance(world.ben.id).minutes == 30 * 60
    logged = platform.storage.event_log().read(c.community_id)
    adjusted = [e for e in logged if isinstance(e.event, ev.HoursAdjusted)]
    assert len(adjusted) == 1 and adjusted[0].actor is None  # the operator
    # and the operator may decide a pending one
    pending = c.adjust_hours(world.anna.id, world.ben.id, 3, by=keepers.kira.id, reason="x")
    c.approve_adjustment(pending.adjustment.id, by=OPERATOR, reason="geprüft")
    assert c.balance(world.ben.id).minutes == 33 * 60


def test_the_threshold_is_the_communitys_setting(world: World, keepers: Keepers) -> None:
    c = world.c
    c.change_settings(adjustment_threshold_minutes=30, by=OPERATOR)
    assert c.adjust_hours(world.anna.id, world.ben.id, 1, by=keepers.kira.id, reason="a").pending
    assert not c.adjust_hours(
        world.anna.id, world.ben.id, 0.5, by=keepers.kira.id, reason="b"
    ).pending
    c.change_settings(adjustment_threshold_minutes=0, by=OPERATOR)  # every one needs four eyes
    assert c.adjust_hours(world.anna.id, world.ben.id, 0.25, by=keepers.kira.id, reason="c").pending
    with pytest.raises(PermissionDenied):
        c.change_settings(adjustment_threshold_minutes=600, by=keepers.kira.id)
    c.change_settings(adjustment_threshold_minutes=600, by=OPERATOR)
    assert not c.adjust_hours(
        world.anna.id, world.ben.id, 10, by=keepers.kira.id, reason="d"
    ).pending
    assert len(c.pending_adjustments()) == 2


def test_who_sees_the_adjustments_and_the_accounts(world: World, keepers: Keepers) -> None:
    c = world.c
    c.adjust_hours(world.anna.id, world.ben.id, 3, by=keepers.kira.id, reason="x")
    for by in (world.carla.id, world.ben.id):
        with pytest.raises(PermissionDenied):
            c.pending_adjustments(by=by)
    c.grant_role(world.dora.id, CommunityRole.ADMINISTRATOR, by=OPERATOR)
    assert len(c.pending_adjustments(by=world.dora.id)) == 1
    with pytest.raises(NotFound):
        c.adjustment(uuid.uuid4(), by=keepers.kira.id)
    # an account: its holder, their trusted persons, ledger keepers
    assert c.balance(world.ben.id, by=world.ben.id).minutes == 0
    assert c.statement(world.ben.id, by=keepers.lena.id).lines == ()
    with pytest.raises(PermissionDenied):
        c.balance(world.ben.id, by=world.anna.id)
    with pytest.raises(PermissionDenied):
        c.statement(world.ben.id, by=world.carla.id)
    c.trust(world.ben.id, world.anna.id, by=world.ben.id)
    assert c.balance(world.ben.id, by=world.anna.id).minutes == 0
    # the solidarity account: ledger keepers, community coordinators, administrators
    solidarity = c.info().solidarity_account
    for by in (keepers.kira.id, world.carla.id, world.dora.id):
        assert c.balance(solidarity, by=by).minutes == 0
    with pytest.raises(PermissionDenied):
        c.balance(solidarity, by=world.ben.id)


def test_two_approvals_at_once_book_once(
    world: World, keepers: Keepers, platform: Platform
) -> None:
    c = world.c
    pending = c.adjust_hours(world.anna.id, world.ben.id, 4, by=keepers.kira.id, reason="x")
    start = threading.Barrier(2)
    results: list[object] = []

    def approve(by: uuid.UUID) -> None:
        service = platform.community(c.community_id)
        start.wait()
        try:
            results.append(service.approve_adjustment(pending.adjustment.id, by=by, reason="ok"))
        except InvalidValue as refused:
            results.append(refused)

    threads = [threading.Thread(target=approve, args=(k.id,)) for k in (keepers.lena, keepers.max)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(type(r).__name__ for r in results) == ["AdjustmentOutcome", "InvalidValue"]
    assert len(c.postings()) == 1
    assert c.balance(world.ben.id).minutes == 240
    logged = platform.storage.event_log().read(c.community_id)
    assert sum(isinstance(e.event, ev.AdjustmentApproved) for e in logged) == 1
