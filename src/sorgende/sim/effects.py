"""Effects with uncertainty: every arm of a sweep against a reference, paired by seed.

An *arm* is one scenario at one grid point. Replication ``r`` of every arm runs with
the same seed, and with common random numbers (see :mod:`sorgende.sim.population`)
the same seed is the same people with the same needs. So the effect of an arm on a
metric is estimated from the paired differences ``d_r = arm_r - reference_r``: their
mean, and a 95% interval ``mean ± t(0.975, n-1) · sd(d) / sqrt(n)`` (Student's t on
the paired differences, the textbook interval for a mean difference of paired
observations). Pairs where either run failed or the metric is missing are left out;
``n`` says how many pairs there were. With fewer than two pairs there is no interval.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from typing import Any

#: the run totals compared by default (``share_unmet`` is derived: unmet / closed)
KEY_METRICS = (
    "share_unmet",
    "share_met",
    "requests_met",
    "hours_given",
    "time_to_help_median_h",
    "helpers_dropped_out",
)
#: Student's t 0.975 quantiles for 1..30 degrees of freedom
_T975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip
_Z975 = 1.959963984540054


def t975(df: int) -> float:
    """Student's t 0.975 quantile for ``df`` degrees of freedom.

    Tabulated up to 30; beyond, the Cornish-Fisher expansion around the normal
    quantile (error below 1e-4 for df > 30).
    """
    if df < 1:
        raise ValueError(f"degrees of freedom must be at least 1, not {df}")
    if df <= len(_T975):
        return _T975[df - 1]
    z = _Z975
    return (
        z
        + (z**3 + z) / (4 * df)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3)
    )


def metric(summary: Mapping[str, Any], name: str) -> float | None:
    """A run's total ``name`` (``share_unmet`` derived from met and unmet)."""
    if name == "share_unmet":
        met, unmet = summary.get("requests_met"), summary.get("requests_unmet")
        if met is None or unmet is None or met + unmet == 0:
            return None
        return float(unmet) / float(met + unmet)
    value = summary.get(name)
    return None if value is None or isinstance(value, bool) else float(value)


def paired(differences: Sequence[float]) -> tuple[float | None, float | None, float | None]:
    """Mean of ``differences`` and its 95% t interval (``None`` where it cannot be given)."""
    if not differences:
        return None, None, None
    mean = statistics.fmean(differences)
    if len(differences) < 2:
        return mean, None, None
    half = t975(len(differences) - 1) * statistics.stdev(differences) / math.sqrt(len(differences))
    return mean, mean - half, mean + half


def arm_of(row: Mapping[str, Any], params: Sequence[str]) -> tuple[Any, ...]:
    return (row["scenario"], *(row.get(p) for p in params))


def effects(
    summary: Sequence[Mapping[str, Any]],
    params: Sequence[str],
    reference: tuple[Any, ...] | None = None,
    metrics: Sequence[str] = KEY_METRICS,
) -> list[dict[str, Any]]:
    """The effects table: one row per arm other than ``reference`` and metric.

    ``summary`` are a sweep's summary rows (with ``scenario``, ``replication`` and the
    grid's ``params``; rows with ``failed`` set are left out), ``reference`` an arm
    (scenario, then the params' values; default: the first arm). Columns: the arm,
    ``metric``, ``pairs``, ``reference_mean``, ``mean``, ``difference``, ``low`` and
    ``high`` (the 95% interval of the difference) and ``method``.
    """
    arms: dict[tuple[Any, ...], dict[int, Mapping[str, Any]]] = {}
    for row in summary:
        arms.setdefault(arm_of(row, params), {})
        if not row.get("failed"):
            arms[arm_of(row, params)][int(row["replication"])] = row
    if not arms:
        return []
    ref = reference if reference is not None else next(iter(arms))
    if ref not in arms:
        known = "; ".join(_label(a, params) for a in arms)
        raise ValueError(f"the reference {_label(ref, params)} is not an arm of the sweep: {known}")
    out: list[dict[str, Any]] = []
    base = arms[ref]
    for arm, runs in arms.items():
        if arm == ref:
            continue
        for name in metrics:
            diffs, mine, theirs = [], [], []
            for replication in sorted(set(runs) & set(base)):
                a, b = metric(runs[replication], name), metric(base[replication], name)
                if a is not None and b is not None:
                    diffs.append(a - b)
                    mine.append(a)
                    theirs.append(b)
            mean, low, high = paired(diffs)
            out.append(
                {
                    "scenario": arm[0],
                    **dict(zip(params, arm[1:], strict=True)),
                    "reference": _label(ref, params),
                    "metric": name,
                    "pairs": len(diffs),
                    "reference_mean": statistics.fmean(theirs) if theirs else None,
                    "mean": statistics.fmean(mine) if mine else None,
                    "difference": mean,
                    "low": low,
                    "high": high,
                    "method": "paired t, 95%",
                }
            )
    return out


def _label(arm: tuple[Any, ...], params: Sequence[str]) -> str:
    point = ", ".join(f"{p}={v}" for p, v in zip(params, arm[1:], strict=True))
    return f"{arm[0]} [{point}]" if point else str(arm[0])
