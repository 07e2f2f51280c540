"""The example theme through the web platform: look, page, menu entry, template override."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sorgende_theme_example
import sorgende_web
from litestar.testing import TestClient
from sorgende_web import create_app
from sorgende_web.testing import build_world, sign_in

import sorgende


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient[Any]]:
    platform = sorgende.open(
        f"sqlite:///{tmp_path / 'theme.db'}",
        plugins=[sorgende_web, sorgende_theme_example],
        load_entrypoints=False,
        settings=sorgende.load_settings(environ={}),
    )
    build_world(platform)
    with TestClient(create_app(platform)) as test_client:
        yield test_client
    platform.close()


def test_name_logo_and_colours(client: TestClient[Any]) -> None:
    page = client.get("/login")
    assert "Sorgende Gemeinschaft VG Daun" in page.text
    assert 'src="/theme/logo"' in page.text
    css = client.get("/theme.css")
    assert css.headers["content-type"].startswith("text/css")
    assert "--colour-primary: #24503a;" in css.text
    logo = client.get("/theme/logo")
    assert logo.status_code == 200
    assert logo.headers["content-type"] == "image/svg+xml"
    assert logo.text.startswith("<svg")


def test_own_page_and_menu_entry(client: TestClient[Any]) -> None:
    page = client.get("/rathaus")  # public: no sign-in needed
    assert page.status_code == 200
    assert 'data-testid="town-hall"' in page.text and "06592 939-0" in page.text
    assert '<link rel="stylesheet" href="/theme.css">' in page.text  # the platform's layout
    assert "content-security-policy" in page.headers
    sign_in(client, "anna")
    board = client.get("/board")
    assert '<a href="/rathaus"' in board.text and ">Rathaus</a>" in board.text
    # the theme's entry comes after the platform's own
    assert board.text.index(">Mein Profil</a>") < board.text.index(">Rathaus</a>")


def test_footer_is_overridden(client: TestClient[Any]) -> None:
    page = client.get("/login")
    assert 'data-testid="theme-footer"' in page.text
    assert "Leopoldstraße 29" in page.text
    assert "Nachbarn helfen Nachbarn" not in page.text
