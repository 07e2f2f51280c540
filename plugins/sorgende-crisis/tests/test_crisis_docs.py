"""docs/crisis.md and the plugin's README stay true: their Python blocks run in order and
print what the text says they print."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)


def _run(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[list[str], str]:
    text = path.read_text(encoding="utf-8")
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for number, code in enumerate(b for lang, b in FENCE.findall(text) if lang == "python"):
        exec(compile(code, f"{path.name} (block {number + 1})", "exec"), namespace)
    return capsys.readouterr().out.splitlines(), " ".join(text.split())


def test_crisis_md_runs_and_prints_what_it_says(capsys: pytest.CaptureFixture[str]) -> None:
    printed, text = _run(ROOT / "docs" / "crisis.md", capsys)
    assert printed[:3] == [
        "['pumpe', 'schleppen']",
        "Telefonnummer: Das ist keine Telefonnummer. Bitte so schreiben: 0171 2345678",
        "1 1",
    ]
    assert printed[3] == "1 1 0 180"
    assert printed[5:] == [
        "180",
        "1",
        "crisis 168 672.0 0",
        "crisis_first_come 139 556.0 29",
    ]
    for line in (*printed[:4], *printed[5:]):
        assert f"`{line}`" in text
    assert printed[4] in text


def test_readme_runs(capsys: pytest.CaptureFixture[str]) -> None:
    printed, text = _run(ROOT / "plugins" / "sorgende-crisis" / "README.md", capsys)
    assert printed == ["+491712345678"]
    assert "prints `+491712345678`" in text
