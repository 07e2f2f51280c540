"""GDPR: export every record about a person; erase personal data, keep the ledger whole."""

from __future__ import annotations

import json

import attrs
import pytest

from sorgende import OPERATOR, Actor, ActorKind, CommunityRole, Consent, HelpRequest
from sorgende.domain.exchanges import Exchange, TransitionRecord
from sorgende.domain.personal import PERSONAL, personal_fields
from sorgende.errors import InvalidValue, PermissionDenied
from tests.conftest import World


def test_personal_fields_are_marked_where_declared() -> None:
    assert {"name", "email", "phone", "birth_year", "consent", "trusted_persons"} <= set(
        personal_fields(Actor)
    )
    assert {"title", "description"} <= set(personal_fields(HelpRequest))
    assert personal_fields(Exchange) == ("note",)
    assert personal_fields(TransitionRecord) == ("reason",)
    assert all(PERSONAL not in f.metadata for f in attrs.fields(Actor) if f.name == "id")


def _story(world: World) -> None:
    world.c.trust(world.anna.id, world.dora.id, by=world.anna.id)
    x = world.completed()
    world.c.dispute(x.id, by=world.anna.id, reason="Ben kam zu spät, Anna war beim Arzt")
    world.c.resolve(x.id, by=world.carla.id, hours=1, reason="agreed")
    world.c.make_commitment(world.ben.id, 2)


def test_export_contains_every_record_about_the_person(world: World) -> None:
    _story(world)
    data = world.c.export_person(world.anna.id, by=OPERATOR)
    json.dumps(data)  # machine-readable
    assert data["actor"]["name"] == "Anna" and data["actor"]["birth_year"] == 1938
    records = data["records"]
    assert len(records["request"]) == 1 and len(records["exchange"]) == 1
    assert records["exchange"][0]["history"][-2]["reason"].startswith("Ben kam")
    assert len(records["posting"]) == 1
    helper = world.c.export_person(world.ben.id, by=OPERATOR)
    assert len(helper["records"]["commitment"]) == 1
    assert len(helper["records"]["recognition"]) == 1


def test_erase_blanks_personal_data_and_keeps_balances(world: World) -> None:
    _story(world)
    before = {a: world.c.balance(a).minutes for a in (world.anna.id, world.ben.id)}
    world.c.erase_person(world.anna.id, by=OPERATOR)
    anna = world.c.actor(world.anna.id)
    assert anna.erased and anna.name == "—" and anna.birth_year is None
    assert anna.home_place_id is None and anna.trusted_persons == frozenset()
    assert anna.consent == Consent() and anna.memberships == ()
    (request,) = world.c.requests(actor_id=world.anna.id)
    assert request.title == "" and request.description == ""
    (exchange,) = world.c.exchanges(actor_id=world.anna.id)
    assert all(r.reason == "" for r in exchange.history)
    assert {a: world.c.balance(a).minutes for a in before} == before
    total = sum(e.minutes for p in world.c.postings() for e in p.entries)
    assert total == 0
    text = json.dumps(world.c.export_person(world.anna.id, by=OPERATOR))
    assert "Anna" not in text and "Arzt" not in text and "1938" not in text


def test_erased_person_is_no_longer_trusted_by_others(world: World) -> None:
    world.c.trust(world.anna.id, world.dora.id, by=world.anna.id)
    world.c.erase_person(world.dora.id, by=OPERATOR)
    assert world.c.actor(world.anna.id).trusted_persons == frozenset()


def test_export_rights(world: World) -> None:
    with pytest.raises(PermissionDenied):
        world.c.export_person(world.anna.id, by=world.ben.id)
    # a coordinator arranges help: a person's data is the data protection officer's
    with pytest.raises(PermissionDenied):
        world.c.export_person(world.anna.id, by=world.carla.id)
    world.c.grant_role(world.dora.id, CommunityRole.DATA_PROTECTION, by=OPERATOR)
    assert world.c.export_person(world.anna.id, by=world.dora.id)["actor"]["name"] == "Anna"
    assert world.c.export_person(world.anna.id, by=world.anna.id)["actor"]["name"] == "Anna"


def test_erasure_rights(world: World) -> None:
    with pytest.raises(PermissionDenied):
        world.c.erase_person(world.anna.id, by=world.ben.id)
    with pytest.raises(PermissionDenied):
        world.c.erase_person(world.anna.id, by=world.carla.id)
    with pytest.raises(InvalidValue):
        world.c.erase_person(world.verein.id, by=OPERATOR)
    assert world.c.actor(world.anna.id).name == "Anna"


def test_erased_coordinator_loses_the_role(world: World) -> None:
    assert world.c.is_coordinator(world.carla.id)
    world.c.erase_person(world.carla.id, by=OPERATOR)
    assert not world.c.is_coordinator(world.carla.id)


def test_consent_is_given_by_the_person_only(world: World) -> None:
    with pytest.raises(PermissionDenied):
        world.c.set_consent(world.anna.id, Consent(contact=True), by=world.carla.id)
    assert world.c.set_consent(
        world.anna.id, Consent(contact=True), by=world.anna.id
    ).consent.contact


def test_register_actor_checks_input(world: World) -> None:
    with pytest.raises(InvalidValue, match="email"):
        world.c.register_actor(ActorKind.PERSON, "X", email="not-an-address")
    with pytest.raises(InvalidValue, match="name"):
        world.c.register_actor(ActorKind.PERSON, "  ")
    with pytest.raises(InvalidValue, match="year of birth"):
        world.c.register_actor(ActorKind.PERSON, "X", birth_year=1700)
