"""The audit trail of privileged acts: the rabbit breeders' scenario of issue 11, who may
read the trail, a plugin's audited event type, ``sorgende audit`` and docs/audit.md."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

import sorgende
from sorgende import OPERATOR, ActorKind, CommunityRole, Platform, Role
from sorgende.cli import make_cli
from sorgende.config import Settings
from sorgende.domain.actors import Actor
from sorgende.domain.audit import AuditEntry, audit_mark, audited
from sorgende.errors import InvalidValue, PermissionDenied
from sorgende.i18n import register_messages
from tests.conftest import Clock, World

ROOT = Path(__file__).parent.parent
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{8}")
SETTINGS = Settings(load_entrypoints=False)
NO_ENV = {"SORGENDE_CONFIG": None, "SORGENDE_LANGUAGE": None, "SORGENDE_STORAGE": None,
          "SORGENDE_DISABLE_PLUGINS": None}  # fmt: skip


@pytest.fixture(params=["memory", "sqlite"])
def platform(request: pytest.FixtureRequest, clock: Clock, tmp_path: Path) -> Iterator[Platform]:
    url = "memory://" if request.param == "memory" else f"sqlite:///{tmp_path / 'audit.db'}"
    with sorgende.open(url, clock=clock, load_entrypoints=False) as p:
        yield p


@attrs.frozen
class Cast:
    """The rabbit breeders' coordinator and the holders of the community's powers."""

    rudi: Actor  # coordinator of the rabbit breeders' association (no community role)
    breeders: Actor
    ulla: Actor  # administrator
    dora: Actor  # data protection officer
    kira: Actor  # ledger keeper
    lena: Actor  # ledger keeper


@pytest.fixture
def cast(world: World) -> Cast:
    c = world.c
    breeders = c.register_actor(ActorKind.ASSOCIATION, "Kaninchenzüchterverein Daun")
    rudi = c.register_actor(ActorKind.PERSON, "Rudi", home_place_id=world.daun.id)
    rudi = c.add_membership(rudi.id, breeders.id, Role.COORDINATOR, by=OPERATOR)
    ulla = c.register_actor(ActorKind.PERSON, "Ulla", home_place_id=world.daun.id)
    kira = c.register_actor(ActorKind.PERSON, "Kira", home_place_id=world.daun.id)
    lena = c.register_actor(ActorKind.PERSON, "Lena", home_place_id=world.mehren.id)
    ulla = c.grant_role(ulla.id, CommunityRole.ADMINISTRATOR, by=OPERATOR)
    return Cast(rudi, breeders, ulla, world.dora, kira, lena)


def _refusal(error: pytest.ExceptionInfo[PermissionDenied]) -> tuple[str, str]:
    return error.value.params["action"].key, error.value.params["reason"].key


def test_the_rabbit_breeders_coordinator_is_refused_at_each_step(
    world: World, cast: Cast, platform: Platform
) -> None:
    c, rudi, anna = world.c, cast.rudi, world.anna
    solidarity = c.info().solidarity_account
    head = platform.storage.event_log().head(c.community_id)

    with pytest.raises(PermissionDenied) as export:
        c.export_person(anna.id, by=rudi.id)
    assert _refusal(export) == ("policy.action.export_person", "policy.reason.needs")
    assert "Rudi darf nicht die Daten dieser Person exportieren" in export.value.message("de")
    assert "data protection officer" in export.value.message("en")

    with pytest.raises(PermissionDenied) as credit:
        c.adjust_hours(solidarity, rudi.id, 24, by=rudi.id, reason="mir selbst")
    assert _refusal(credit) == ("policy.action.adjust_hours", "policy.reason.not_oneself")
    # crediting someone else is refused as well: he keeps no ledger
    with pytest.raises(PermissionDenied) as other:
        c.adjust_hours(solidarity, world.ben.id, 24, by=rudi.id, reason="für Ben")
    assert _refusal(other) == ("policy.action.adjust_hours", "policy.reason.needs")

    with pytest.raises(PermissionDenied) as erase:
        c.erase_person(anna.id, by=rudi.id)
    assert _refusal(erase) == ("policy.action.erase_person", "policy.reason.needs")

    with pytest.raises(PermissionDenied) as read:
        c.audit_trail(by=rudi.id)
    assert _refusal(read) == ("policy.action.read_audit", "policy.reason.needs")

    # nothing happened: the resident is there, the ledger untouched, nothing logged
    assert c.actor(anna.id).name == "Anna" and not c.actor(anna.id).erased
    assert c.balance(solidarity).minutes == 0 and c.balance(rudi.id).minutes == 0
    assert c.adjustments() == [] and c.postings() == []
    assert platform.storage.event_log().head(c.community_id) == head


def _by_type(entries: list[AuditEntry], type_name: str) -> list[AuditEntry]:
    return [e for e in entries if e.type == type_name]


def test_the_allowed_privileged_acts_are_in_the_audit_trail(
    world: World, cast: Cast, clock: Clock
) -> None:
    c, anna, ben = world.c, world.anna, world.ben
    solidarity = c.info().solidarity_account
    ulla, dora, kira, lena = cast.ulla.id, cast.dora.id, cast.kira.id, cast.lena.id
    # the administrator grants the community's powers
    c.grant_role(dora, CommunityRole.DATA_PROTECTION, by=ulla)
    c.grant_role(kira, CommunityRole.LEDGER_KEEPER, by=ulla)
    c.grant_role(lena, CommunityRole.LEDGER_KEEPER, by=ulla)
    c.grant_role(world.stranger.id, CommunityRole.COORDINATOR, by=ulla)
    c.revoke_role(world.stranger.id, CommunityRole.COORDINATOR, by=ulla)
    c.change_settings(adjustment_threshold_minutes=180, by=ulla)
    clock.advance(hours=1)
    # the data protection officer exports the resident's data
    c.export_person(anna.id, by=dora)
    # a ledger keeper asks for 24 hours for Ben; a second one approves
    asked = c.adjust_hours(solidarity, ben.id, 24, by=kira, reason="Fahrdienst 2025 nachgetragen")
    clock.advance(hours=2)
    c.approve_adjustment(asked.adjustment.id, by=lena, reason="Fahrtenbuch geprüft")
    c.adjust_hours(anna.id, ben.id, 1, by=kira, reason="Einkauf vergessen")
    # the community coordinator sets a membership and acts for Anna
    c.add_membership(ben.id, world.verein.id, Role.MEMBER, by=world.carla.id)
    c.post_request(anna.id, "shopping", world.daun.id, world.window(), 1, by=world.carla.id)
    c.set_receives_solidarity(anna.id, by=world.carla.id)
    c.set_receives_solidarity(anna.id, False, by=kira)
    c.deactivate_person(world.stranger.id, by=dora)

    entries = c.audit_trail(by=ulla)
    assert entries == c.audit_trail(by=dora) == c.audit_trail(by=OPERATOR)
    assert [e.seq for e in entries] == sorted(e.seq for e in entries)
    types = [e.type for e in entries]
    for expected in (
        "RoleGranted",
        "RoleRevoked",
        "SettingsChanged",
        "PersonExported",
        "AdjustmentRequested",
        "AdjustmentApproved",
        "HoursAdjusted",
        "MembershipChanged",
        "RequestPosted",
        "PersonDeactivated",
    ):
        assert expected in types, expected
    # the posting an approval made is said by the approval: one entry, not two
    assert len(_by_type(entries, "HoursAdjusted")) == 1

    (export,) = _by_type(entries, "PersonExported")
    assert export.by == dora and export.subjects == (anna.id,) and export.acted_for is None
    assert export.at == clock.now - timedelta(hours=2)
    # 09:00 UTC is 10:00 in Berlin (the community's time zone)
    assert export.text("de") == (
        "Montag, 2. März 2026, 10:00 Uhr: Dora hat die Daten von Anna exportiert"
    )
    assert export.text("en") == "Monday, 2 March 2026, 10:00: Dora exported the data of Anna"

    (request,) = _by_type(entries, "AdjustmentRequested")
    assert request.by == kira and request.subjects == (solidarity, ben.id)
    assert "Kira hat beantragt, 24,0 Std. umzubuchen (Solidaritätskonto → Ben)" in request.text()
    assert "„Fahrdienst 2025 nachgetragen“" in request.text()
    (approval,) = _by_type(entries, "AdjustmentApproved")
    assert approval.by == lena
    assert (
        "Lena approved the adjustment of 24.0 h (solidarity account → Ben) asked for by Kira"
        in (approval.text("en"))
    )
    assert "“Fahrtenbuch geprüft”" in approval.text("en")
    (adjusted,) = _by_type(entries, "HoursAdjusted")
    assert "Kira hat 1,0 Std. umgebucht (Anna → Ben): „Einkauf vergessen“" in adjusted.text()

    granted = _by_type(entries, "RoleGranted")
    assert [e.subjects for e in granted][-1] == (world.stranger.id,)
    assert "Ulla hat Dora die Rolle „Datenschutzbeauftragte“ gegeben" in granted[-4].text()
    (settings,) = _by_type(entries, "SettingsChanged")
    assert "Ulla changed the settings: threshold for approving adjustments (minutes): 180" in (
        settings.text("en")
    )
    (on_behalf,) = _by_type(entries, "RequestPosted")
    assert on_behalf.by == world.carla.id and on_behalf.acted_for == anna.id
    assert "Carla für Anna hat gehandelt: Hilfegesuch gestellt" in on_behalf.text("de")
    membership = _by_type(entries, "MembershipChanged")[-1]
    assert "Carla made Ben a member of Bürger für Bürger e.V." in membership.text("en")

    marked, ended = _by_type(entries, "SolidarityMarked")
    assert marked.by == world.carla.id and marked.subjects == (anna.id,)
    assert "Carla hat Anna für die Unterstützung durch das Solidaritätskonto vorgemerkt" in (
        marked.text()
    )
    assert "Kira ended the support of Anna from the solidarity account" in ended.text("en")

    # people read names, never ids
    for entry in entries:
        for lang in ("de", "en"):
            assert UUID.search(entry.text(lang)) is None, entry.text(lang)

    # the latest few, and those since a time
    assert c.audit_trail(by=ulla, limit=2) == entries[-2:]
    since = c.audit_trail(by=ulla, since=clock.now)
    assert since and all(e.at >= clock.now for e in since)
    with pytest.raises(InvalidValue):
        c.audit_trail(by=ulla, limit=0)


def test_the_audit_trail_is_for_administrators_and_the_dpo(world: World, cast: Cast) -> None:
    c = world.c
    c.grant_role(cast.dora.id, CommunityRole.DATA_PROTECTION, by=OPERATOR)
    c.grant_role(cast.kira.id, CommunityRole.LEDGER_KEEPER, by=OPERATOR)
    for by in (world.carla.id, cast.kira.id, world.anna.id, cast.rudi.id):
        with pytest.raises(PermissionDenied):
            c.audit_trail(by=by)
    assert c.audit_trail(by=cast.ulla.id)
    assert c.audit_trail(by=cast.dora.id)
    # a role granted to an organisation passes to its coordinators
    c.grant_role(cast.breeders.id, CommunityRole.ADMINISTRATOR, by=OPERATOR)
    assert c.audit_trail(by=cast.rudi.id)


def test_an_erased_person_is_named_without_their_name(world: World, cast: Cast) -> None:
    c = world.c
    c.grant_role(cast.dora.id, CommunityRole.DATA_PROTECTION, by=OPERATOR)
    c.export_person(world.stranger.id, by=cast.dora.id)
    c.erase_person(world.stranger.id, by=cast.dora.id)
    lines = [e.text("en") for e in c.audit_trail(by=cast.dora.id)]
    assert lines[-2].endswith("Dora exported the data of (erased person)")
    assert lines[-1].endswith("Dora erased (erased person)")
    assert not any("Stefan" in line for line in lines)


def test_the_operators_acts_are_in_the_trail(world: World, cast: Cast) -> None:
    c = world.c
    c.adjust_hours(world.anna.id, world.ben.id, 30, by=OPERATOR, reason="Übernahme")
    last = c.audit_trail(by=cast.ulla.id)[-1]
    assert last.by is None and last.type == "HoursAdjusted"
    assert last.text("de").endswith("Der Betrieb hat 30,0 Std. umgebucht (Anna → Ben): „Übernahme“")


@audited("member_id")
@attrs.frozen
class ShowJudgeNamed(sorgende.DomainEvent):
    """A plugin's privileged act: a coordinator names the judge of a show."""

    member_id: uuid.UUID
    show: str


class BreedersPlugin:
    @sorgende.hookimpl
    def sorgende_event_types(self) -> list[type[sorgende.DomainEvent]]:
        return [ShowJudgeNamed]


register_messages(
    __name__,
    {
        "audit.what.ShowJudgeNamed": {
            "de": "hat {member_id} zum Preisrichter der Schau {show} bestimmt",
            "en": "made {member_id} the judge of show {show}",
        }
    },
)


def test_a_plugin_marks_its_own_privileged_events(clock: Clock) -> None:
    assert audit_mark(ShowJudgeNamed) is not None
    with pytest.raises(TypeError):
        audited("no_such_field")(ShowJudgeNamed)
    with sorgende.open(
        "memory://", clock=clock, plugins=[BreedersPlugin()], load_entrypoints=False
    ) as platform:
        c = platform.create_community("Daun")
        anna = c.register_actor(ActorKind.PERSON, "Anna")
        with platform.use_case(c.community_id) as w:
            w.events.append(ShowJudgeNamed(c.community_id, w.now, None, anna.id, "Frühjahrsschau"))
        (entry,) = c.audit_trail(by=OPERATOR)
        assert entry.subjects == (anna.id,)
        assert entry.text("en").endswith("The operator made Anna the judge of show Frühjahrsschau")


def test_sorgende_audit_prints_names_not_ids(tmp_path: Path, clock: Clock) -> None:
    url = f"sqlite:///{tmp_path / 'audit.db'}"
    with sorgende.open(url, clock=clock, settings=SETTINGS) as platform:
        c = platform.create_community("Verbandsgemeinde Daun")
        platform.create_community("Ulmen")
        anna = c.register_actor(ActorKind.PERSON, "Anna")
        dora = c.register_actor(ActorKind.PERSON, "Dora")
        c.grant_role(dora.id, CommunityRole.DATA_PROTECTION, by=OPERATOR)
        clock.advance(days=1)
        c.export_person(anna.id, by=dora.id)
    runner = CliRunner(env={**NO_ENV, "TZ": "UTC"})
    cli = make_cli(settings=SETTINGS)
    args = ["audit", "--storage", url, "--community", "Verbandsgemeinde Daun"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Montag, 2. März 2026, 09:00 Uhr: Der Betrieb hat Dora die Rolle "
        "„Datenschutzbeauftragte“ gegeben",
        "Dienstag, 3. März 2026, 09:00 Uhr: Dora hat die Daten von Anna exportiert",
    ]
    assert UUID.search(result.output) is None
    english = runner.invoke(make_cli(settings=SETTINGS), [*args, "--lang", "en", "--limit", "1"])
    assert english.output == "Tuesday, 3 March 2026, 09:00: Dora exported the data of Anna\n"
    since = runner.invoke(make_cli(settings=SETTINGS), [*args, "--since", "2026-03-03"])
    assert len(since.output.splitlines()) == 1
    # two communities: which one?
    which = runner.invoke(make_cli(settings=SETTINGS), ["audit", "--storage", url])
    assert which.exit_code == 2 and "--community" in which.output
    empty = runner.invoke(
        make_cli(settings=SETTINGS), ["audit", "--storage", url, "--community", "Ulmen"]
    )
    assert empty.exit_code == 0 and "Keine Einträge" in empty.output


FENCE = re.compile(r"^```python\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("page", ["audit.md", "ledger.md"])
def test_the_examples_of_the_docs_run(page: str, capsys: pytest.CaptureFixture[str]) -> None:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    blocks = FENCE.findall(text)
    assert blocks, f"docs/{page} has no example"
    namespace: dict[str, object] = {"__name__": f"__docs_{page}__"}
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"docs/{page} (block {number})", "exec"), namespace)
