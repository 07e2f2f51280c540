"""Designs beyond the grid: Latin hypercube and Sobol samples, and a sensitivity report.

A design names parameter ranges (dotted configuration paths to ``(low, high)``), a method
(``latin`` or ``sobol``), a base sample size ``n`` and a seed. :func:`design_points`
draws the points with SALib (``sim`` extra): ``latin`` gives ``n`` points, ``sobol`` the
Saltelli sequence of ``n · (d + 2)`` points for ``d`` parameters (first-order and total
indices only). A range of two integers gives integers (rounded). The points run as a
sweep (:class:`~sorgende.sim.sweeps.SweepSpec` with ``points``), every point with the
same seeds. :func:`sensitivity` computes, from a Sobol design's summary rows, the first-
order (``S1``) and total (``ST``) indices of each chosen output with their 95 % bootstrap
confidence half-widths (SALib's ``sobol.analyze``); replications are averaged per point.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from sorgende.errors import InvalidValue, Message
from sorgende.sim.effects import metric
from sorgende.sim.errors import require

METHODS = ("latin", "sobol")


@attrs.frozen
class Design:
    """Ranges of parameters, a sampling method, a base sample size and a seed."""

    bounds: dict[str, tuple[float, float]]
    method: str = "sobol"
    n: int = 8
    seed: int = 1
    #: outputs of the sensitivity report (run totals, as in the effects table)
    outputs: tuple[str, ...] = ("share_unmet",)

    def __attrs_post_init__(self) -> None:
        if self.method not in METHODS:
            raise InvalidValue(
                "design.method", Message("sim.problem.designs.method", method=self.method)
            )
        if self.n < 1 or not self.bounds:
            raise InvalidValue("design", Message("sim.problem.designs.empty"))
        for path, (low, high) in self.bounds.items():
            if not low < high:
                raise InvalidValue(
                    f"design.bounds.{path}",
                    Message("sim.problem.designs.bounds", low=low, high=high),
                )

    def problem(self) -> dict[str, Any]:
        return {
            "num_vars": len(self.bounds),
            "names": list(self.bounds),
            "bounds": [[float(lo), float(hi)] for lo, hi in self.bounds.values()],
        }


def design_points(design: Design) -> list[dict[str, Any]]:
    """The design's points, each a mapping of dotted paths to values."""
    message = Message("sim.problem.designs.salib")
    if design.method == "latin":
        latin = require("SALib.sample.latin", message, "salib")
        values = latin.sample(design.problem(), design.n, seed=design.seed)
    else:
        sobol = require("SALib.sample.sobol", message, "salib")
        values = sobol.sample(design.problem(), design.n, calc_second_order=False, seed=design.seed)
    integral = {
        p for p, (lo, hi) in design.bounds.items() if isinstance(lo, int) and isinstance(hi, int)
    }
    return [
        {
            p: round(float(v)) if p in integral else float(v)
            for p, v in zip(design.bounds, row, strict=True)
        }
        for row in values
    ]


def sensitivity(
    design: Design, summary: Sequence[Mapping[str, Any]], points: int
) -> list[dict[str, Any]]:
    """First-order and total Sobol indices of each output (a Sobol design's summary rows).

    ``summary`` rows carry ``point`` (the index into :func:`design_points`); a point whose
    runs all failed makes the analysis impossible (reported as missing indices).
    """
    if design.method != "sobol":
        return []
    np = require("numpy", Message("sim.problem.designs.salib"), "salib")
    analyze = require("SALib.analyze.sobol", Message("sim.problem.designs.salib"), "salib")
    out: list[dict[str, Any]] = []
    for output in design.outputs:
        sums = [0.0] * points
        counts = [0] * points
        for row in summary:
            if row.get("failed"):
                continue
            value = metric(row, output)
            if value is not None:
                sums[int(row["point"])] += value
                counts[int(row["point"])] += 1
        if not all(counts):
            for name in design.bounds:
                out.append({"output": output, "parameter": name, "S1": None, "S1_conf": None,
                            "ST": None, "ST_conf": None})  # fmt: skip
            continue
        y = np.array([s / c for s, c in zip(sums, counts, strict=True)])
        indices = analyze.analyze(design.problem(), y, calc_second_order=False, seed=design.seed)
        for i, name in enumerate(design.bounds):
            out.append(
                {
                    "output": output,
                    "parameter": name,
                    "S1": float(indices["S1"][i]),
                    "S1_conf": float(indices["S1_conf"][i]),
                    "ST": float(indices["ST"][i]),
                    "ST_conf": float(indices["ST_conf"][i]),
                }
            )
    return out
