"""Categories of help (shopping, rides, visits, ...)."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from sorgende.domain.values import labels


@attrs.frozen
class Category:
    """A kind of help; ``code`` identifies it, ``names`` holds its label per language."""

    code: str
    names: Mapping[str, str] = attrs.field(converter=labels)
    required_qualifications: frozenset[str] = frozenset()
    description: str = ""

    def name(self, language: str = "de") -> str:
        return self.names.get(language) or self.names.get("en") or self.code
