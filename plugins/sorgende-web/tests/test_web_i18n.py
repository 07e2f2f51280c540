"""German by default, English on request: the catalogues are complete and used."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient
from sorgende_web import texts
from sorgende_web.i18n import key_of, negotiate, translator
from sorgende_web.testing import World, form

from sorgende.i18n import check_messages, registered

PACKAGE = Path(__file__).parent.parent / "src" / "sorgende_web"
_STRING = r'"((?:[^"\\]|\\.)*)"|\'((?:[^\'\\]|\\.)*)\''
#: ``_("...")``, ``N_("...")`` and ``gettext("...")`` in templates and code
_SINGLE = re.compile(r"(?:(?<![\w.])_|(?<![\w.])N_|(?<!n)gettext)\(\s*(?:" + _STRING + ")")
_PLURAL = re.compile(r"ngettext\(\s*(?:" + _STRING + r")\s*,\s*(?:" + _STRING + ")")


def used_messages() -> tuple[set[str], set[tuple[str, str]]]:
    singles: set[str] = set()
    plurals: set[tuple[str, str]] = set()
    for path in PACKAGE.rglob("*"):
        if path.suffix not in (".py", ".html") or path.name == "testing.py":
            continue
        text = path.read_text(encoding="utf-8")
        for m in _SINGLE.finditer(text):
            singles.add(m.group(1) if m.group(1) is not None else m.group(2))
        for m in _PLURAL.finditer(text):
            plurals.add((m.group(1) or m.group(2), m.group(3) or m.group(4)))
    return singles, plurals


def test_every_wording_is_in_the_catalogue_in_both_languages() -> None:
    singles, plurals = used_messages()
    assert len(singles) > 150, "the extraction found too little: is the pattern right?"
    keys = {key for key, _, _ in registered()}
    assert sorted(key_of(s) for s in singles if key_of(s) not in keys) == []
    for singular, _ in plurals:
        assert {key_of(singular) + ".one", key_of(singular) + ".other"} <= keys, singular
    assert check_messages() == []


def test_every_page_text_of_the_catalogue_is_used() -> None:
    singles, plurals = used_messages()
    used = {key_of(s) for s in singles} | {
        key_of(s) + form for s, _ in plurals for form in (".one", ".other")
    }
    unused = sorted(key for key in texts.MESSAGES if key not in used)
    assert unused == [], "page texts no template or module asks for"


def test_translator() -> None:
    de, en = translator("de"), translator("en")
    assert de.gettext("Sign in") == "Anmelden" and en.gettext("Sign in") == "Sign in"
    assert de.ngettext("%(num)s entry", "%(num)s entries", 1) == "1 Eintrag"
    assert de.ngettext("%(num)s entry", "%(num)s entries", 3) == "3 Einträge"
    assert de.hours(90) == "1,5 Std." and en.hours(90) == "1.5 h"
    assert de.hours(90, signed=True) == "+1,5 Std." and de.hours(-90, signed=True) == "-1,5 Std."
    assert translator("fr").lang == "de"


@pytest.mark.parametrize(
    ("chosen", "header", "expected"),
    [
        (None, None, "de"),
        ("en", "de", "en"),
        (None, "en-US,en;q=0.9", "en"),
        (None, "fr-FR, en;q=0.3, de;q=0.5", "de"),
        (None, "en;q=0", "de"),
        ("xx", "garbage;;q=a,", "de"),
    ],
)
def test_negotiate(chosen: str | None, header: str | None, expected: str) -> None:
    assert negotiate(chosen, header, "de") == expected


def test_pages_in_german_by_default(as_: Any) -> None:
    page = as_("anna").get("/board")
    assert '<html lang="de">' in page.text
    assert "Schwarzes Brett" in page.text and "Hilfegesuche" in page.text


def test_pages_in_english_when_chosen(as_: Any, world: World) -> None:
    world.post_request("anna")
    anna = as_("anna")
    form(anna, "/language", {"lang": "en", "next": "/board"})
    page = anna.get("/board")
    assert '<html lang="en">' in page.text
    assert "Requests for help" in page.text and "1 entry" in page.text


def test_core_errors_in_the_page_language(as_: Any, world: World) -> None:
    anna = as_("anna")
    data = {
        "category": "firewood",
        "place_id": str(world.places["Mehren"].id),
        "date": "2030-05-05",
        "time": "10:00",
        "hours": "1",
    }
    assert "Eine Kategorie „firewood“ gibt es in dieser" in form(anna, "/requests", data).text
    form(anna, "/language", {"lang": "en"})
    assert "There is no category “firewood” in this" in form(anna, "/requests", data).text


def test_error_pages_are_translated(client: TestClient[Any]) -> None:
    assert "Nicht gefunden" in client.get("/nowhere").text
    english = client.get("/nowhere", headers={"Accept-Language": "en"})
    assert english.status_code == 404 and "Not found" in english.text
