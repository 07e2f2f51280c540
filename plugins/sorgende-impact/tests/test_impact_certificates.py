"""Certificates of volunteering: issued by a coordinator, verified by code on the platform;
a changed code or a changed certificate fails."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import attrs
import pytest
import sorgende_ehrenamtskarte
from click.testing import CliRunner
from impact_world import START, Clock, World, build, open_platform
from pypdf import PdfReader
from sorgende_impact import CERTIFICATE, certificate_pdf, issue, verify
from sorgende_impact.cli import certificate_command

import sorgende
from sorgende.errors import ConfigError, PermissionDenied

FROM, TO = date(2026, 1, 1), date(2026, 12, 31)


@pytest.fixture
def world() -> Iterator[World]:
    clock = Clock(START)
    # the Ehrenamtskarte's rules come in through the core's recognition hook
    with open_platform(clock, sorgende_ehrenamtskarte) as platform:
        w = build(platform, clock)
        for i in range(3):
            assert w.cycle(0, i, i, i, 5, 0.5)
        yield w


def _tamper(code: str) -> str:
    last = code[-1]
    return code[:-1] + ("A" if last != "A" else "B")


def test_a_certificate_lists_the_hours_and_its_code_verifies(world: World, tmp_path: Path) -> None:
    cert = issue(
        world.platform, world.community_id, world.helpers[0], FROM, TO, by=world.coordinator
    )
    assert cert.total_minutes == 3 * 120
    assert {line.category for line in cert.lines} == {"Einkaufen", "Garten", "Kleine Reparaturen"}
    assert {line.organisation for line in cert.lines} == {"Bürger für Bürger e.V.", "Testdorf"}
    path = tmp_path / "nachweis.pdf"
    path.write_bytes(certificate_pdf(cert))
    text = PdfReader(path).pages[0].extract_text()
    assert "Ehrenamtsnachweis" in text and "Helfer 0" in text and "6,0 Stunden" in text
    assert "Bestätigt von Clara Koordinatorin" in text
    assert cert.code in text
    verdict = verify(world.platform, world.community_id, cert.code.lower().replace("-", " "))
    assert verdict.valid
    assert "Echt: Nachweis für Helfer 0" in verdict.text("de")
    assert "6,0 Stunden" in verdict.text("de")


def test_a_tampered_code_or_certificate_fails(world: World) -> None:
    cert = issue(
        world.platform, world.community_id, world.helpers[0], FROM, TO, by=world.coordinator
    )
    assert not verify(world.platform, world.community_id, _tamper(cert.code)).valid
    assert not verify(world.platform, world.community_id, "").valid
    assert "Kein gültiger Nachweis" in verify(
        world.platform, world.community_id, _tamper(cert.code)
    ).text("de")
    # a certificate written into the storage by someone without the secret (more hours,
    # a code of the right form) does not verify: its code is not the HMAC of what it says
    with world.platform.open_for_writing(world.community_id) as uow:
        stored = uow.of(CERTIFICATE).get(cert.code)
        forged = attrs.evolve(
            stored, total_minutes=stored.total_minutes + 600, code=_tamper(cert.code)
        )
        uow.of(CERTIFICATE).add(forged)
        uow.commit()
    assert not verify(world.platform, world.community_id, forged.code).valid
    assert verify(world.platform, world.community_id, cert.code).valid


def test_only_a_coordinator_signs_and_a_secret_is_needed(world: World) -> None:
    with pytest.raises(PermissionDenied):
        issue(world.platform, world.community_id, world.helpers[0], FROM, TO, by=world.helpers[1])
    clock = Clock(START)
    with sorgende.open(
        "memory://",
        plugins=[__import__("sorgende_impact")],
        clock=clock,
        settings=sorgende.Settings(load_entrypoints=False),
    ) as bare:
        w = build(bare, clock)
        with pytest.raises(ConfigError, match="secret"):
            issue(bare, w.community_id, w.helpers[0], FROM, TO, by=w.coordinator)


def test_the_volunteer_card_rules_mark_eligibility(world: World) -> None:
    # 250 hours in a year, engaged for a year: the Ehrenamtskarte RLP
    for _ in range(150):
        assert world.cycle(1, 0, 0, 0, 5, 0.5)  # 2 hours each, over 375 days
        world.clock.advance(days=2.5)
    cert = issue(
        world.platform,
        world.community_id,
        world.helpers[1],
        date(2026, 1, 1),
        world.clock.now.date(),
        by=world.coordinator,
    )
    assert "Berechtigt zur Ehrenamtskarte Rheinland-Pfalz" in cert.notes
    plain = issue(
        world.platform, world.community_id, world.helpers[0], FROM, TO, by=world.coordinator
    )
    assert "Berechtigt zur Ehrenamtskarte Rheinland-Pfalz" not in plain.notes


def test_the_command_verifies_a_code(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    cert = issue(
        world.platform, world.community_id, world.helpers[0], FROM, TO, by=world.coordinator
    )

    class Borrowed:
        def __enter__(self) -> sorgende.Platform:
            return world.platform

        def __exit__(self, *exc: object) -> None:
            return None

    monkeypatch.setattr("sorgende_impact.cli._open", lambda storage: Borrowed())
    ok = CliRunner().invoke(certificate_command, ["verify", "--community", "Testdorf", cert.code])
    assert ok.exit_code == 0 and "Echt" in ok.output
    bad = CliRunner().invoke(
        certificate_command, ["verify", "--community", "Testdorf", _tamper(cert.code)]
    )
    assert bad.exit_code == 1 and "Kein gültiger Nachweis" in bad.output


def test_certificates_on_sqlite_and_erased_with_the_helper(tmp_path: Path) -> None:
    import sorgende_impact
    from impact_world import SECRET

    clock = Clock(START)
    settings = sorgende.Settings(load_entrypoints=False, plugins={"impact": {"secret": SECRET}})
    url = f"sqlite:///{tmp_path}/impact.db"
    with sorgende.open(url, plugins=[sorgende_impact], clock=clock, settings=settings) as p:
        w = build(p, clock)
        assert w.cycle(0, 0, 0, 0, 5, 0.5)
        cert = issue(p, w.community_id, w.helpers[0], FROM, TO, by=w.coordinator)
    with sorgende.open(url, plugins=[sorgende_impact], clock=clock, settings=settings) as p:
        assert verify(p, w.community_id, cert.code).valid  # kept in the database
        p.community(w.community_id).erase_person(w.helpers[0], by=sorgende.OPERATOR)
        # the certificate is the helper's: erased with them, no longer verifiable
        assert not verify(p, w.community_id, cert.code).valid
