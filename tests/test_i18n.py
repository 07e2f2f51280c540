"""One catalogue for every text shown to people: complete, consistent, open to plugins."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from importlib.metadata import entry_points
from typing import ClassVar

import pytest

from sorgende import i18n
from sorgende.errors import (
    DuplicateMessage,
    IllegalTransition,
    InvalidValue,
    Message,
    NotFound,
    PermissionDenied,
    SorgendeError,
)
from sorgende.i18n import Join, check_messages, register_messages, registered, translate


@pytest.fixture
def part() -> Iterator[str]:
    owner = "tests.test_i18n.part"
    yield owner
    i18n.unregister_messages(owner)


def test_every_registered_text_of_the_core_and_all_installed_plugins_is_complete() -> None:
    import sorgende.sim.errors  # noqa: F401  (the simulation registers on import)

    for entry_point in entry_points(group="sorgende"):
        entry_point.load()  # a plugin registers its texts when it is loaded
    owners = {owner for _, owner, _ in registered()}
    expected = {
        "sorgende.errors",
        "sorgende.i18n.texts",
        "sorgende.i18n.problems",
        "sorgende.sim.texts",
        "sorgende_web.texts",
        "sorgende_web.messages",
        "sorgende_email.messages",
        "sorgende_apprise.messages",
        "sorgende_webhooks.messages",
    }
    assert expected <= owners
    assert check_messages() == []


def test_a_missing_language_and_differing_placeholders_are_found(part: str) -> None:
    register_messages(
        part,
        {
            "tests.only_german": {"de": "nur Deutsch"},
            "tests.fields": {"de": "{name} hat {count}", "en": "{name} has {number}"},
            "tests.lonely.one": {"de": "eins", "en": "one"},
        },
    )
    problems = "\n".join(check_messages())
    assert "tests.only_german (tests.test_i18n.part): no text in en" in problems
    assert "tests.fields" in problems and "placeholders differ" in problems
    assert "tests.lonely.one: plural without its tests.lonely.other" in problems


def test_a_key_another_part_owns_is_refused_naming_both(part: str) -> None:
    with pytest.raises(DuplicateMessage) as caught:
        register_messages(part, {"unit.hours": {"de": "{value} Stunden", "en": "{value} hours"}})
    assert "unit.hours" in str(caught.value) and "sorgende.i18n.texts" in str(caught.value)
    assert part in caught.value.message("de")
    assert translate("unit.hours", "de", value=2) == "2 Std."  # nothing was replaced
    with pytest.raises(DuplicateMessage, match="German"):
        register_messages(part, {"tests.english_only": {"en": "English"}})


def test_registering_the_same_part_again_replaces_its_texts(part: str) -> None:
    register_messages(part, {"tests.greeting": {"de": "Hallo {name}", "en": "Hello {name}"}})
    register_messages(part, {"tests.greeting": {"de": "Guten Tag {name}", "en": "Hi {name}"}})
    assert translate("tests.greeting", "de", name="Anna") == "Guten Tag Anna"
    assert translate("tests.greeting", "fr", name="Anna") == "Guten Tag Anna"  # German default


def test_messages_are_put_into_words_in_the_readers_language() -> None:
    error = InvalidValue("weeks", Message("problem.demo.between", weeks=99, max_weeks=52))
    assert error.message("de") == "weeks: 99 liegt nicht zwischen 1 und 52"
    assert str(error) == "weeks: 99 is not between 1 and 52"
    denied = PermissionDenied(
        "anna", Message("action.ledger.adjust_hours"), Message("problem.base.only_coordinator")
    )
    assert denied.message("de") == (
        "anna darf nicht Stunden umbuchen: das dürfen nur Koordinierende der Gemeinschaft"
    )
    final = IllegalTransition("x", "confirmed", "cancel", [])
    assert "nichts mehr, der Zustand ist endgültig" in final.message("de")
    assert "nothing, it is final" in str(final)
    joined = Join([Message("request.open"), "Text", Message("exchange.accepted")], ", ")
    assert joined.text("de") == "offen, Text, zugesagt" and str(joined) == "open, Text, accepted"


def test_not_found_names_the_kind_in_german_and_leaves_unknown_kinds_as_they_are() -> None:
    assert NotFound("request", 7).message("de") == "Hilfegesuch nicht gefunden"
    assert str(NotFound("request", 7)) == "Request not found"
    assert NotFound("request", 7).params["id"] == 7  # for developers, not for the person
    assert NotFound("shift", 3).message("de") == "Shift nicht gefunden"


def test_a_plugins_error_class_registers_its_templates() -> None:
    class ShiftFull(SorgendeError):
        templates: ClassVar = {
            "en": "shift {shift} is full",
            "de": "Die Schicht {shift} ist voll",
        }

    try:
        assert ShiftFull.message_key.endswith("ShiftFull")
        assert ShiftFull(shift=4).message("de") == "Die Schicht 4 ist voll"
        assert check_messages() == []
    finally:
        i18n.unregister_messages(__name__)


def test_formats_per_language() -> None:
    assert i18n.format_hours(570, "de") == "9,5 Std." and i18n.format_hours(570, "en") == "9.5 h"
    assert i18n.format_hours(45, "de") == "0,75 Std." and i18n.format_hours(600, "en") == "10.0 h"
    assert i18n.format_hours(-90, "de", signed=True) == "-1,5 Std."
    assert i18n.format_number(22919, "de") == "22.919"
    assert i18n.format_date(date(2026, 3, 2), "de") == "02.03.2026"
    assert i18n.format_date(date(2026, 3, 2), "en") == "2026-03-02"
    moment = datetime(2025, 3, 4, 10, 0)
    assert i18n.format_when(moment, "de") == "Dienstag, 4. März 2025, 10:00 Uhr"
    assert i18n.format_when(moment, "en") == "Tuesday, 4 March 2025, 10:00"


def test_an_unknown_key_is_an_error() -> None:
    with pytest.raises(KeyError):
        translate("no.such.key")


def test_the_example_of_texts_for_people_in_plugins_md_runs_as_written() -> None:
    import re
    from pathlib import Path

    doc = (Path(__file__).parent.parent / "docs" / "plugins.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Texts for people") : doc.index("## Listing plugins")]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 2
    namespace: dict[str, object] = {"__name__": "sorgende_nightrides.messages"}
    try:
        exec(compile(blocks[0], "docs/plugins.md (messages)", "exec"), namespace)
        errors: dict[str, object] = {"__name__": "sorgende_nightrides.errors"}
        exec(compile(blocks[1], "docs/plugins.md (errors)", "exec"), errors)
        refused = errors["refuse"](7, 22)  # type: ignore[operator]
        assert refused.message("de") == (
            "Fahrt 7 abgelehnt: Fahrten nach 22 Uhr vermittelt die Koordination telefonisch"
        )
        assert str(refused) == (
            "ride 7 refused: rides after 22:00 are arranged by phone with a coordinator"
        )
        assert i18n.translate_count("nightrides.rides", 2, "en") == "2 night rides"
        assert check_messages() == []
        with pytest.raises(DuplicateMessage, match=r"nightrides\.too_late"):
            register_messages("another_plugin", {"nightrides.too_late": {"de": "x", "en": "x"}})
    finally:
        i18n.unregister_messages("sorgende_nightrides.messages")
        i18n.unregister_messages("sorgende_nightrides.errors")
