"""docs/participation.md stays true: its Python blocks run in order, and the refusal it
quotes is the one printed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[3] / "docs" / "participation.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)


def test_the_python_blocks_run_in_order(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("SORGENDE_CONFIG", "SORGENDE_STORAGE", "SORGENDE_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    text = DOC.read_text(encoding="utf-8")
    found = [body for lang, body in FENCE.findall(text) if lang == "python"]
    assert len(found) == 3
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for number, code in enumerate(found, 1):
        exec(compile(code, f"docs/participation.md (block {number})", "exec"), namespace)
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("Karl Daun may not take part in the survey")
    assert f"prints `{printed[0]}`" in " ".join(text.split())
