"""Small statistics the collector uses: Gini coefficient, quantiles, median.

They work on plain sequences in a fixed order of operations, so the same values give
the same floats on every run (no dependence on numpy or on hashing).
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def gini(values: Sequence[float]) -> float | None:
    """The Gini coefficient of ``values`` (0: all equal, towards 1: one has all).

    ``None`` for no values; 0.0 when all are zero (nobody carries more than another).
    """
    n = len(values)
    if n == 0:
        return None
    ordered = sorted(values)
    total = sum(ordered)
    if total == 0:
        return 0.0
    weighted = sum((i + 1) * x for i, x in enumerate(ordered))
    return (2.0 * weighted) / (n * total) - (n + 1.0) / n


def quantile(ordered: Sequence[float], q: float) -> float | None:
    """The nearest-rank ``q`` quantile (0 < q <= 1) of already sorted values."""
    n = len(ordered)
    if n == 0:
        return None
    rank = max(1, math.ceil(q * n))
    return ordered[min(rank, n) - 1]


def median(ordered: Sequence[float]) -> float | None:
    """The median of already sorted values (the mean of the middle two for an even count)."""
    n = len(ordered)
    if n == 0:
        return None
    middle = n // 2
    if n % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2.0


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None
