"""docs/impact.md: its Python examples run, and it defines every indicator."""

from __future__ import annotations

import re
from pathlib import Path

from sorgende.indicators import INDICATORS

DOC = (Path(__file__).parents[3] / "docs" / "impact.md").read_text(encoding="utf-8")


def test_the_examples_run() -> None:
    blocks = re.findall(r"```python\n(.*?)```", DOC, re.S)
    assert blocks
    for code in blocks:
        exec(compile(code, "docs/impact.md", "exec"), {"__name__": "__doc_example__"})


def test_every_indicator_is_defined() -> None:
    for indicator in INDICATORS:
        assert f"| `{indicator.code}` |" in DOC, indicator.code
