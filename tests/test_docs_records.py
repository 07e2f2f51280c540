"""The example of "Writing a plugin that owns records" in docs/plugins.md runs as written."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PLUGINS_DOC = Path(__file__).parent.parent / "docs" / "plugins.md"
HEADER = re.compile(r"\A# ([\w/]+\.py)\n")


def _blocks() -> list[str]:
    text = PLUGINS_DOC.read_text(encoding="utf-8")
    section = text.split("## Writing a plugin that owns records\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^```python\n(.*?)^```$", section, re.MULTILINE | re.DOTALL)


@pytest.fixture
def package(tmp_path: Path) -> Iterator[list[str]]:
    """The blocks with a file name written as a package on ``sys.path``; the others returned."""
    rest = []
    for code in _blocks():
        header = HEADER.match(code)
        if header is None:
            rest.append(code)
            continue
        path = tmp_path / header.group(1)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(code, encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        yield rest
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m.split(".")[0] == "sorgende_tools"]:
            del sys.modules[name]


def test_the_documented_plugin_that_owns_records_runs(package: list[str]) -> None:
    usage, contract = package
    exec(compile(usage, "docs/plugins.md (usage)", "exec"), {"__name__": "__doc_example__"})
    namespace: dict[str, object] = {"__name__": "__doc_example__"}
    exec(compile("import sorgende_tools\n" + contract, "docs/plugins.md (contract)", "exec"),
         namespace)  # fmt: skip
    test_class = namespace["TestToolsOnMemory"]
    suite = test_class()  # type: ignore[operator]
    suite.max_examples = 5
    suite.test_queries_by_every_field_agree_with_a_filter()
    suite.test_updates_and_deletes_are_compare_and_set_and_indexes_follow()
