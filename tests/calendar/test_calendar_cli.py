"""``sorgende calendar url`` and ``sorgende calendar feed`` on a SQLite database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
from click.testing import CliRunner, Result

import sorgende
from sorgende import ActorKind, TimeWindow
from sorgende.cli import make_cli
from sorgende.config import Settings
from sorgende.plugins import make_plugin_manager, plugin_summary
from tests.calendar.conftest import SECRET

NO_ENV = {"SORGENDE_CONFIG": None, "SORGENDE_LANGUAGE": None, "SORGENDE_STORAGE": None,
          "SORGENDE_DISABLE_PLUGINS": None}  # fmt: skip
NOW = datetime(2026, 3, 2, 8, tzinfo=UTC)


@pytest.fixture
def database(tmp_path: Path) -> dict[str, Any]:
    url = f"sqlite:///{tmp_path / 'daun.db'}"
    with sorgende.open(url, settings=Settings(load_entrypoints=False), clock=lambda: NOW) as p:
        c = p.create_community("Verbandsgemeinde Daun")
        mehren = c.add_place("Mehren")
        anna = c.register_actor(ActorKind.PERSON, "Anna", home_place_id=mehren.id)
        ben = c.register_actor(ActorKind.PERSON, "Ben", home_place_id=mehren.id)
        start = NOW + timedelta(days=1)
        window = TimeWindow(start, start + timedelta(hours=2))
        request = c.post_request(anna.id, "shopping", mehren.id, window, hours=1.5)
        exchange = c.propose(request_id=request.id, by=ben.id)
        c.accept(exchange.id, by=anna.id)
    return {"url": url, "ben": ben, "exchange": exchange}


def run(args: list[str], storage: str, **calendar: object) -> Result:
    settings = Settings(
        storage=storage,
        load_entrypoints=False,
        plugins={"calendar": {"secret": SECRET, **calendar}},
    )
    return CliRunner(env=NO_ENV).invoke(make_cli(settings=settings), args)


def test_url_then_feed(database: dict[str, Any], tmp_path: Path) -> None:
    template = "https://daun.example/kalender/{token}.ics"
    url = run(
        ["calendar", "url", "--community", "Verbandsgemeinde Daun",
         "--person", str(database["ben"].id)],
        database["url"],
        url=template,
    )  # fmt: skip
    assert url.exit_code == 0, url.output
    address = url.stdout.strip()
    assert address.startswith("https://daun.example/kalender/")
    token = address.removeprefix("https://daun.example/kalender/").removesuffix(".ics")

    out = tmp_path / "ben.ics"
    feed = run(["calendar", "feed", token, "--out", str(out)], database["url"])
    assert feed.exit_code == 0, feed.output
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    [event] = calendar.walk("VEVENT")
    assert str(event["uid"]) == f"exchange-{database['exchange'].id}@sorgende"
    assert str(event["summary"]) == "Einsatz: Einkaufen für Anna"

    english = run(["--lang", "en", "calendar", "feed", token], database["url"])
    assert english.exit_code == 0, english.output
    assert "SUMMARY:Helping Anna: Shopping" in english.stdout


def test_without_a_template_the_token_is_printed_with_a_hint(database: dict[str, Any]) -> None:
    result = run(
        ["calendar", "url", "--community", "Verbandsgemeinde Daun",
         "--person", str(database["ben"].id)],
        database["url"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Keine Adressvorlage eingestellt" in result.stderr
    assert len(result.stdout.strip()) == 66


def test_refusals_are_one_line(database: dict[str, Any]) -> None:
    wrong = run(["calendar", "feed", "A" * 66], database["url"])
    assert wrong.exit_code == 2
    assert wrong.stderr.strip() == (
        "Diese Kalenderadresse ist nicht (mehr) gültig; bitte eine neue anfordern"
    )
    assert wrong.stdout == ""
    unknown = run(
        ["calendar", "url", "--community", "Verbandsgemeinde Daun",
         "--person", "00000000-0000-4000-8000-000000000000"],
        database["url"],
    )  # fmt: skip
    assert unknown.exit_code == 2
    assert "Akteur nicht gefunden" in unknown.stderr


def test_the_commands_come_from_a_default_plugin_that_can_be_disabled() -> None:
    rows = {row["name"]: row for row in plugin_summary(make_plugin_manager(load_entrypoints=False))}
    assert rows["sorgende.default_plugins.calendar"]["hooks"] == ["sorgende_register_commands"]
    settings = Settings(load_entrypoints=False, disabled_plugins=("calendar",))
    result = CliRunner(env=NO_ENV).invoke(make_cli(settings=settings), ["calendar", "--help"])
    assert result.exit_code == 2
