"""The ``sorgende`` command line: plugin commands, ``plugins``, ``demo``, one-line errors."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

import sorgende
from sorgende.cli import make_cli, state
from sorgende.config import Settings
from sorgende.i18n import check_messages
from sorgende.plugins import DEFAULT_PLUGINS

#: no installed plugins, no sorgende.toml: the tests see the default plugins only
SETTINGS = Settings(load_entrypoints=False)
NO_ENV = {"SORGENDE_CONFIG": None, "SORGENDE_LANGUAGE": None, "SORGENDE_STORAGE": None,
          "SORGENDE_DISABLE_PLUGINS": None}  # fmt: skip


def run(
    args: Sequence[str],
    *,
    plugins: Sequence[object] = (),
    settings: Settings | None = SETTINGS,
) -> Result:
    runner = CliRunner(env=NO_ENV)
    return runner.invoke(make_cli(plugins=plugins, settings=settings), list(args))


def assert_one_line_error(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# --- sorgende plugins ---------------------------------------------------------------


def test_plugins_lists_the_default_plugins_with_their_hooks() -> None:
    result = run(["plugins"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Plugin", "Herkunft", "Hooks"]
    by_name = {line.split()[0]: line for line in lines[1:-1]}
    assert set(by_name) == set(DEFAULT_PLUGINS)
    storage = by_name["sorgende.default_plugins.memory_storage"]
    assert "eingebaut" in storage
    assert "sorgende_open_storage" in storage
    assert "sorgende_storage_schemes" in storage
    assert "sorgende_register_commands" in by_name["sorgende.default_plugins.commands"]
    assert "sorgende_categories" in by_name["sorgende.default_plugins.categories"]
    assert lines[-1] == f"{len(DEFAULT_PLUGINS)} Plugins geladen."


def test_plugins_in_english() -> None:
    result = run(["--lang", "en", "plugins"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split() == ["Plugin", "Origin", "Hooks"]
    assert "built-in" in result.stdout
    assert result.stdout.splitlines()[-1] == f"{len(DEFAULT_PLUGINS)} plugins loaded."


def test_plugins_json_parses() -> None:
    result = run(["plugins", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    hooks = {row["name"]: row["hooks"] for row in rows}
    assert set(hooks) == set(DEFAULT_PLUGINS)
    assert hooks["sorgende.default_plugins.memory_storage"] == [
        "sorgende_open_storage",
        "sorgende_storage_schemes",
    ]
    assert hooks["sorgende.default_plugins.matching"] == ["sorgende_score_terms"]
    assert all(row["default"] for row in rows)


def test_plugins_lists_the_installed_plugins_that_pass_the_start_up_check() -> None:
    result = run(["plugins", "--json"], settings=Settings())  # with the entry points
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    assert set(DEFAULT_PLUGINS) <= set(rows)
    assert "sorgende_events_committed" in rows["testplugin"]["hooks"]
    # the simulation's default plugin adds the simulation's hooks
    assert "sorgende_addhooks" in rows["sorgende.sim.commands"]["hooks"]
    if "web" in rows:  # first-party plugins, when installed
        assert "sorgende_addhooks" in rows["web"]["hooks"]
    if "theme-example" in rows:
        assert "sorgende_web_theme" in rows["theme-example"]["hooks"]


def test_a_misspelt_hook_stops_the_command_with_one_line() -> None:
    class Typo:
        @sorgende.hookimpl
        def sorgende_register_comands(self, cli: click.Group) -> None:
            pass

    line = assert_one_line_error(run(["--lang", "en", "plugins"], plugins=[Typo()]))
    assert "sorgende_register_comands" in line
    assert "did you mean sorgende_register_commands?" in line


# --- commands from plugins ----------------------------------------------------------


class HelloPlugin:
    """A plugin that adds ``sorgende hello``."""

    @sorgende.hookimpl
    def sorgende_register_commands(self, cli: click.Group) -> None:
        @cli.command()
        @click.argument("name")
        @click.pass_context
        def hello(ctx: click.Context, name: str) -> None:
            """Greet someone."""
            greeting = {"de": "Hallo", "en": "Hello"}[state(ctx).language]
            click.echo(f"{greeting} {name}")


def test_a_plugin_adds_a_command_through_the_hook() -> None:
    plugin = HelloPlugin()
    assert run(["hello", "Anna"]).exit_code == 2  # not there without the plugin

    result = run(["hello", "Anna"], plugins=[plugin])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Hallo Anna\n"
    assert run(["--lang", "en", "hello", "Ben"], plugins=[plugin]).stdout == "Hello Ben\n"

    listing = run(["--help"], plugins=[plugin])
    assert "hello" in listing.stdout
    assert "demo" in listing.stdout
    assert "plugins" in listing.stdout
    plugins = run(["plugins"], plugins=[plugin])
    registered = [line for line in plugins.stdout.splitlines() if "im Code registriert" in line]
    assert len(registered) == 1
    assert registered[0].endswith("sorgende_register_commands")


def test_disabled_plugins_from_the_settings_add_no_commands() -> None:
    settings = Settings(load_entrypoints=False, disabled_plugins=("commands",))
    result = run(["plugins"], settings=settings)
    assert result.exit_code == 2
    assert "No such command" in result.output


class BrokenPlugin:
    @sorgende.hookimpl
    def sorgende_register_commands(self, cli: click.Group) -> None:
        raise RuntimeError("boom")


def test_a_failing_plugin_gives_a_one_line_error() -> None:
    line = assert_one_line_error(run(["plugins"], plugins=[BrokenPlugin()]))
    assert line.startswith("Plugin ")
    assert "sorgende_register_commands" in line
    assert "boom" in line


# --- settings -----------------------------------------------------------------------


def test_the_config_file_sets_language_and_plugins(tmp_path: Path) -> None:
    config = tmp_path / "sorgende.toml"
    config.write_text('[sorgende]\nlanguage = "en"\nload_entrypoints = false\n')
    result = run(["--config", str(config), "plugins"], settings=None)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split() == ["Plugin", "Origin", "Hooks"]
    assert len(json.loads(run(["--config", str(config), "plugins", "--json"],
                              settings=None).stdout)) == len(DEFAULT_PLUGINS)  # fmt: skip
    # --lang wins over the file
    german = run(["--config", str(config), "--lang", "de", "plugins"], settings=None)
    assert german.stdout.splitlines()[0].split() == ["Plugin", "Herkunft", "Hooks"]


def test_a_missing_config_file_gives_a_one_line_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.toml"
    line = assert_one_line_error(run(["--config", str(missing), "plugins"], settings=None))
    assert line.startswith("Konfiguration")
    assert str(missing) in line


def test_main_runs_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from sorgende import cli as cli_module

    config = tmp_path / "sorgende.toml"
    config.write_text("[sorgende]\nload_entrypoints = false\n")
    monkeypatch.setenv("SORGENDE_CONFIG", str(config))
    monkeypatch.setattr(cli_module, "cli", make_cli())
    with pytest.raises(SystemExit) as exit_info:
        cli_module.main(["plugins", "--json"])
    assert exit_info.value.code == 0
    assert {row["name"] for row in json.loads(capsys.readouterr().out)} == set(DEFAULT_PLUGINS)


# --- sorgende demo ------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_de() -> Result:
    return run(["demo"])


def test_demo_prints_balances_and_fulfilment_in_german(demo_de: Result) -> None:
    result = demo_de
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Demo: Verbandsgemeinde Daun - 4 Wochen ab 02.03.2026")
    assert "38 (1 Stadt, 37 Ortsgemeinden), 22.919 Einwohner*innen" in out
    assert "Zeitkonten - die aktivsten Helfenden" in out
    assert "Solidaritätskonto" in out
    assert "Summe aller Konten: 0,0 Std." in out
    assert "Selbstverpflichtungen - Soll und Ist" in out
    assert "Wochen eingehalten" in out
    assert "Thomas Krämer" in out
    assert "Gertrud Weber (ohne Smartphone)" in out
    assert "Streitfall:" in out
    assert "Std." in out
    assert " h\n" not in out
    assert result.stderr == ""


def test_demo_in_english() -> None:
    result = run(["--lang", "en", "demo", "--weeks", "2"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Demo: Verbandsgemeinde Daun - 2 weeks from 2026-03-02")
    assert "22,919 inhabitants" in out
    assert "Time accounts - the most active helpers" in out
    assert "Solidarity account" in out
    assert "Sum of all accounts: 0.0 h" in out
    assert "Self-commitments - target and given" in out
    assert "Weeks kept" in out
    for german in ("Std.", "Wochen", "Solidaritätskonto", "Einsätze", "erledigt"):
        assert german not in out


def test_the_same_seed_gives_the_same_output(demo_de: Result) -> None:
    again = run(["demo"])
    assert again.exit_code == 0
    assert again.stdout == demo_de.stdout
    first = run(["demo", "--weeks", "3", "--seed", "7"])
    second = run(["demo", "--weeks", "3", "--seed", "7"])
    assert first.stdout == second.stdout
    assert first.stdout != run(["demo", "--weeks", "3", "--seed", "8"]).stdout


def test_demo_with_one_week() -> None:
    result = run(["demo", "--weeks", "1", "--seed", "5"])
    assert result.exit_code == 0, result.output
    assert "1 Woche ab" in result.stdout


@pytest.mark.parametrize(
    ("lang", "start"),
    [("de", "Kein Speicher-Plugin kennt die URL"), ("en", "no storage plugin accepts the URL")],
)
def test_an_unknown_storage_gives_a_one_line_error(lang: str, start: str) -> None:
    line = assert_one_line_error(run(["--lang", lang, "demo", "--storage", "nosuch://x"]))
    assert line.startswith(start)
    assert "'nosuch://x'" in line
    assert "memory" in line


def test_a_bad_number_of_weeks_is_a_usage_error() -> None:
    result = run(["demo", "--weeks", "0"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# --- the catalogue ------------------------------------------------------------------


def test_every_message_is_in_german_and_english_with_the_same_fields() -> None:
    assert check_messages() == []
