"""The typed facade over the simulation's hooks (:mod:`sorgende.sim.hookspecs`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sorgende.plugins import Contributions, HookFacade
from sorgende.sim import hookspecs


class SimHooks(HookFacade):
    """``SimHooks(platform.plugins)``: the simulation's hooks, deciding and collected.

    The items are checked by :func:`sorgende.sim.registry.collect` (their kind, name
    and methods), which turns a wrong one into an error naming the plugin.
    """

    specs = (hookspecs,)

    def sim_behaviours(self) -> Contributions[Any]:
        return self._gather("sorgende_sim_behaviours")

    def sim_scenarios(self) -> Contributions[Any]:
        return self._gather("sorgende_sim_scenarios")

    def sim_responders(self) -> Contributions[Any]:
        return self._gather("sorgende_sim_responders")

    def listens_to_events(self) -> bool:
        """Whether any plugin implements ``sorgende_sim_events`` (else none are gathered)."""
        return bool(self.plugins.hook.sorgende_sim_events.get_hookimpls())

    def sim_events(self, model: Any, events: Sequence[Any]) -> None:
        self.plugins.hook.sorgende_sim_events(model=model, events=events)
