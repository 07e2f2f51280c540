"""The baseline: the community as the configuration describes it, nothing added."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from sorgende.hookspecs import hookimpl
from sorgende.sim.api import ScenarioBase


class Baseline(ScenarioBase):
    name: ClassVar[str] = "baseline"
    titles: ClassVar[Mapping[str, str]] = {"de": "Ausgangslage", "en": "Baseline"}


@hookimpl
def sorgende_sim_scenarios() -> list[object]:
    return [Baseline()]
