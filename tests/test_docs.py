"""Checks that keep the documentation true: every hook documented, the README's code runs."""

from __future__ import annotations

import inspect
import re
import sys
import types
from pathlib import Path

import pytest

from sorgende import hookspecs
from sorgende.sim import hookspecs as sim_hookspecs

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
HOOKS_DOC = (ROOT / "docs" / "hooks.md").read_text(encoding="utf-8")

FIRST_COMMAND = (
    "python3 -m venv .venv && .venv/bin/pip install -e . -e plugins/sorgende-web"
    " && .venv/bin/sorgende serve"
)
SECOND_COMMAND = "bash .ci/run"


def _spec_modules() -> list[types.ModuleType]:
    """Every module of hook specifications: the core's, the simulation's, the web's."""
    modules = [hookspecs, sim_hookspecs]
    try:
        from sorgende_web import hookspecs as web_hookspecs
    except ImportError:  # the web plugin is not installed: its hooks are not checked
        return modules
    return [*modules, web_hookspecs]


#: each hook's specification, by name
SPECS = {
    name: value
    for module in _spec_modules()
    for name, value in vars(module).items()
    if name.startswith("sorgende_") and inspect.isfunction(value)
}
#: the module that specifies each hook
OWNERS = {name: spec.__module__ for name, spec in SPECS.items()}
HOOK_NAMES = sorted(SPECS)

#: "### `sorgende_open_storage(url)`" -> ("sorgende_open_storage", "url")
HOOK_HEADING = re.compile(r"^###? `(sorgende_\w+)\(([^)]*)\)`\s*$", re.MULTILINE)
#: "## The web front end's hooks: `sorgende_web.hookspecs`": the group of an owner's hooks
GROUP_HEADING = re.compile(r"^## .*`((?:\w+\.)*hookspecs)`\s*$", re.MULTILINE)
#: a fenced block: its language and its text
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)
#: a block that is a module of its own starts with a comment naming its file
MODULE_HEADER = re.compile(r"\A# (\w+)\.py\n")


def documented_hooks() -> dict[str, list[str]]:
    return {
        name: [a.strip() for a in args.split(",") if a.strip()]
        for name, args in HOOK_HEADING.findall(HOOKS_DOC)
    }


def python_blocks(text: str) -> list[str]:
    return [body for language, body in FENCE.findall(text) if language == "python"]


def test_hookspecs_found() -> None:
    assert "sorgende_open_storage" in HOOK_NAMES
    assert "sorgende_events_committed" in HOOK_NAMES


@pytest.mark.parametrize("hook", HOOK_NAMES)
def test_hook_is_documented(hook: str) -> None:
    documented = documented_hooks()
    assert hook in documented, f"docs/hooks.md has no section '## `{hook}(...)`'"
    spec_args = list(inspect.signature(SPECS[hook]).parameters)
    assert documented[hook] == spec_args, (
        f"docs/hooks.md shows {hook}({', '.join(documented[hook])}), "
        f"the specification is {hook}({', '.join(spec_args)})"
    )


@pytest.mark.parametrize("hook", HOOK_NAMES)
def test_hook_is_documented_with_the_package_that_owns_it(hook: str) -> None:
    heading = re.search(rf"^###? `{hook}\(", HOOKS_DOC, re.MULTILINE)
    assert heading is not None, f"docs/hooks.md has no section '### `{hook}(...)`'"
    groups = [g for g in GROUP_HEADING.finditer(HOOKS_DOC) if g.start() < heading.start()]
    assert groups, f"docs/hooks.md: {hook} comes before the first group of hooks"
    assert groups[-1].group(1) == OWNERS[hook], (
        f"docs/hooks.md: {hook} is under {groups[-1].group(1)}, it belongs to {OWNERS[hook]}"
    )


def test_no_documented_hook_is_missing_from_the_specs() -> None:
    assert sorted(set(documented_hooks()) - set(HOOK_NAMES)) == []


def test_readme_has_both_commands() -> None:
    assert FIRST_COMMAND in README
    assert SECOND_COMMAND in README


def test_readme_python_blocks_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run the README's ```python blocks in order, as a reader would.

    A block whose first line is ``# name.py`` is a module: it is made importable under
    ``name`` so that a later block can ``import`` it and pass it to ``sorgende.open``.
    """
    monkeypatch.delenv("SORGENDE_CONFIG", raising=False)
    monkeypatch.delenv("SORGENDE_STORAGE", raising=False)
    monkeypatch.delenv("SORGENDE_DISABLE_PLUGINS", raising=False)
    monkeypatch.delenv("SORGENDE_LANGUAGE", raising=False)
    monkeypatch.chdir(ROOT)
    blocks = python_blocks(README)
    assert len(blocks) >= 3, "expected the quickstart, the plugin and its use"
    modules = 0
    for number, code in enumerate(blocks, 1):
        header = MODULE_HEADER.match(code)
        if header is not None:
            module = types.ModuleType(header.group(1))
            module.__file__ = f"README.md (block {number})"
            exec(compile(code, module.__file__, "exec"), module.__dict__)
            monkeypatch.setitem(sys.modules, header.group(1), module)
            modules += 1
        else:
            exec(compile(code, f"README.md (block {number})", "exec"), {"__name__": "__readme__"})
    assert modules == 1, "the plugin block should start with '# <module>.py'"
    # what the quickstart's comments promise (installed plugins may print more)
    printed = capsys.readouterr().out.splitlines()
    assert "90 -90" in printed
    assert "fulfilled" in printed
    assert any("'First act of help'" in line for line in printed)


def test_readme_quickstart_is_short() -> None:
    quickstart, plugin = python_blocks(README)[:2]
    assert len(quickstart.strip().splitlines()) <= 25
    assert len(plugin.strip().splitlines()) <= 20


def test_readme_plugin_is_registered_by_entry_point() -> None:
    assert "[project.entry-points.sorgende]" in README
    assert "plugins=[" in README
