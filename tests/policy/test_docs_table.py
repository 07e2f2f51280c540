"""docs/architecture.md shows the policy's table as it is (role × action × scope)."""

from __future__ import annotations

from pathlib import Path

from sorgende.domain.policy import (
    ACTIONS,
    NOT_ON_ONESELF,
    ORGANISATION_COORDINATOR,
    PERSON,
    TRUSTED_PERSON,
)

DOC = Path(__file__).parents[2] / "docs" / "architecture.md"

#: the table's columns: who, by the policy's names, with their headings
COLUMNS = (
    (PERSON, "the person"),
    (TRUSTED_PERSON, "trusted person"),
    (ORGANISATION_COORDINATOR, "organisation coordinator"),
    ("coordinator", "community coordinator"),
    ("ledger_keeper", "ledger keeper"),
    ("data_protection", "data protection officer"),
    ("administrator", "administrator"),
)

SCOPES = {
    "community": "community",
    "organisation": "own organisation",
    "self": "self",
    "trusted": "who trusts them",
}


def role_table() -> str:
    head = "| action | " + " | ".join(title for _, title in COLUMNS) + " |"
    rule = "|---" * (len(COLUMNS) + 1) + "|"
    rows = [head, rule]
    for action, grants in ACTIONS.items():
        name = f"`{action.value}`" + (" ¹" if action in NOT_ON_ONESELF else "")
        cells = [SCOPES[grants[who].value] if who in grants else "—" for who, _ in COLUMNS]
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def test_the_documented_role_table_is_the_policys() -> None:
    text = DOC.read_text(encoding="utf-8")
    table = role_table()
    assert table in text, "docs/architecture.md: replace the role table with\n" + table
