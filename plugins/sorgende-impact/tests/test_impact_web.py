"""The report page (coordinators: HTML, PDF, CSV) and the public verification page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import sorgende_impact
import sorgende_impact.web
import sorgende_web
from argon2 import PasswordHasher
from impact_world import SECRET, START, Clock, World, build
from litestar.testing import TestClient
from pypdf import PdfReader
from sorgende_impact import issue
from sorgende_web import create_app
from sorgende_web.accounts import accounts_for, create_account
from sorgende_web.testing import form

import sorgende

PASSWORD = "wirkung-passwort-1234"


@pytest.fixture
def world() -> Iterator[World]:
    clock = Clock(START)
    settings = sorgende.Settings(load_entrypoints=False, plugins={"impact": {"secret": SECRET}})
    with sorgende.open(
        "memory://",
        plugins=[sorgende_web, sorgende_impact, sorgende_impact.web],
        clock=clock,
        settings=settings,
    ) as platform:
        accounts_for(platform, hasher=PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        w = build(platform, clock)
        for i in range(6):
            assert w.cycle(i, i, i, i, 5, 0.5)
        for login, person in (("clara", w.coordinator), ("helfer", w.helpers[0])):
            create_account(
                platform,
                community_id=w.community_id,
                actor_id=person,
                login=login,
                password=PASSWORD,
            )
        yield w


def _client(world: World, login: str | None) -> TestClient[Any]:
    client = TestClient(create_app(world.platform))
    if login is not None:
        answer = form(client, "/login", {"login": login, "password": PASSWORD, "next": "/"})
        assert answer.status_code == 303, answer.text
    return client


def test_a_coordinator_reads_the_report_and_downloads_it(world: World) -> None:
    with _client(world, "clara") as clara:
        page = clara.get("/impact/report?start=2026-03&end=2026-03")
        assert page.status_code == 200, page.text
        assert "Gemeldete Bedarfe" in page.text and "Bedarfe je Monat" in page.text
        assert 'data-testid="impact-report"' in page.text
        pdf = clara.get("/impact/report?start=2026-03&end=2026-03&format=pdf")
        assert pdf.headers["content-type"] == "application/pdf"
        import io

        assert "Wirkungsbericht" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
        data = clara.get("/impact/report?start=2026-03&end=2026-03&format=csv")
        assert data.text.startswith("breakdown,indicator,label")
        wrong = clara.get("/impact/report?start=2026-13")
        assert wrong.status_code == 422 and "2026-13" in wrong.text
    with _client(world, "helfer") as helper:
        assert helper.get("/impact/report").status_code == 403


def test_anyone_verifies_a_certificate(world: World) -> None:
    cert = issue(
        world.platform,
        world.community_id,
        world.helpers[0],
        date(2026, 1, 1),
        date(2026, 12, 31),
        by=world.coordinator,
    )
    with _client(world, None) as anyone:
        page = anyone.get(f"/impact/verify?code={cert.code}")
        assert page.status_code == 200
        assert "Echt: Nachweis für Helfer 0" in page.text
        forged = cert.code[:-1] + ("A" if cert.code[-1] != "A" else "B")
        bad = anyone.get(f"/impact/verify?code={forged}")
        assert "Kein gültiger Nachweis" in bad.text
        assert anyone.get("/impact/verify").status_code == 200
