"""docs/projects.md stays true: its Python blocks run in order, as a reader would run
them, and its sweep file is a valid sweep."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sorgende.sim import load_sweep

DOC = Path(__file__).resolve().parents[3] / "docs" / "projects.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)


def blocks(language: str) -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    return [body for lang, body in FENCE.findall(text) if lang == language]


def test_the_python_blocks_run_in_order(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("SORGENDE_CONFIG", "SORGENDE_STORAGE", "SORGENDE_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    found = blocks("python")
    assert len(found) >= 7
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for number, code in enumerate(found, 1):
        exec(compile(code, f"docs/projects.md (block {number})", "exec"), namespace)
    printed = capsys.readouterr().out.splitlines()
    # the refusal the text quotes after the block
    assert printed[0] == (
        "Carla Neumann cannot sign up for “Aufbau” on Monday, 19 July, 8:00: "
        "until Monday, 21 June, 18:00 only members sign up"
    )
    quoted = " ".join(DOC.read_text(encoding="utf-8").split())
    assert f"prints `{printed[0]}`" in quoted


def test_the_sweep_file_is_a_sweep(tmp_path: Path) -> None:
    (toml,) = blocks("toml")
    path = tmp_path / "tafel.toml"
    path.write_text(toml, encoding="utf-8")
    spec, _ = load_sweep(path)
    assert spec.scenarios == ("shifts",) and spec.replications == 3
    assert spec.grid == {"extra.shifts.pool": (10, 15, 20, 25, 30, 40)}
    assert spec.plugins == ("sorgende_projects", "sorgende_projects.sim")
    assert spec.base.days == 84 and spec.base.population.scale == 0.02
    assert len(spec.runs()) == 18
