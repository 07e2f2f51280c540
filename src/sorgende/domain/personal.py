"""Marking personal data where it is declared.

A field declared with :func:`personal` carries metadata saying that it holds personal
data (GDPR) and what it becomes when the person is erased (Art. 17). Export
(Art. 15/20) and erasure walk these marks instead of keeping a separate list that
could drift from the model.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

import attrs

PERSONAL = "sorgende.personal"

T = TypeVar("T")


def personal(*, default: Any = attrs.NOTHING, erased: Any = None, **kwargs: Any) -> Any:
    """An attrs field that holds personal data; ``erased`` is its value after erasure."""
    metadata = dict(kwargs.pop("metadata", {}) or {})
    metadata[PERSONAL] = {"erased": erased}
    return attrs.field(default=default, metadata=metadata, **kwargs)


def personal_fields(cls: type) -> tuple[str, ...]:
    """Names of the fields of an attrs class that are marked personal."""
    return tuple(f.name for f in attrs.fields(cast(Any, cls)) if PERSONAL in f.metadata)


def erase_personal(instance: T) -> T:
    """A copy of ``instance`` with every personal field set to its erased value."""
    changes = {
        f.name: f.metadata[PERSONAL]["erased"]
        for f in attrs.fields(cast(Any, type(instance)))
        if PERSONAL in f.metadata
    }
    return cast(T, attrs.evolve(cast(Any, instance), **changes))
