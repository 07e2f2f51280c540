"""Behaviours and scenarios from plugins, collected once per run.

The simulation's own behaviours and scenarios are plugin modules like any other
(:data:`BUILTIN_PLUGINS`); the model registers them on the platform it opens, next to
installed plugins and those given in code. Where two plugins give the same name, the
built-in one yields, and among the others the one registered later wins (installed
plugins before those given in code), as for categories.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from sorgende.errors import Message
from sorgende.plugins import PluginManager
from sorgende.sim.errors import InvalidPlugin, UnknownBehaviour, UnknownScenario
from sorgende.sim.hooks import SimHooks

#: the kinds of behaviour and the methods each must have
BEHAVIOUR_KINDS: Mapping[str, tuple[str, ...]] = {
    "needs": ("daily_rate", "season", "need"),
    "helping": ("viewers", "accepts"),
    "commitments": ("start", "thanked", "recognised", "end_of_week"),
}
#: the methods a scenario must have
SCENARIO_METHODS: tuple[str, ...] = ("setup", "before_day", "after_matching", "end_of_day")


#: the simulation's own plugin modules: default behaviours and the built-in scenarios
BUILTIN_PLUGINS: tuple[str, ...] = (
    "sorgende.sim.behaviours",
    "sorgende.sim.scenarios.baseline",
    "sorgende.sim.scenarios.flood",
    "sorgende.sim.scenarios.coordinator",
    "sorgende.sim.scenarios.recognition",
)


def builtin_plugins(disabled: Iterable[str] = ()) -> list[object]:
    """The built-in plugin modules, without those ``disabled`` names (full or last part)."""
    import importlib

    blocked = set(disabled)
    return [
        importlib.import_module(name)
        for name in BUILTIN_PLUGINS
        if name not in blocked and name.rsplit(".", 1)[-1] not in blocked
    ]


@attrs.frozen
class Registry:
    """The behaviours by kind and name, and the scenarios by name, with their plugins."""

    behaviours: Mapping[str, Mapping[str, Any]]
    scenarios: Mapping[str, Any]
    origins: Mapping[str, str]

    def behaviour(self, kind: str, name: str) -> Any:
        found = self.behaviours.get(kind, {})
        if name not in found:
            raise UnknownBehaviour(kind, name, list(found))
        return found[name]

    def scenario(self, name: str) -> Any:
        if name not in self.scenarios:
            raise UnknownScenario(name, list(self.scenarios))
        return self.scenarios[name]


def _in_precedence(results: Sequence[tuple[str, Any]]) -> list[tuple[str, Any]]:
    # call order is last-registered first: reverse it, then put the built-ins first so
    # that any other plugin with the same name replaces them
    ordered = list(reversed(results))
    return sorted(ordered, key=lambda item: 0 if item[0] in BUILTIN_PLUGINS else 1)


def collect(pm: PluginManager) -> Registry:
    """Ask every plugin for its behaviours and scenarios (one hook call each)."""
    behaviours: dict[str, dict[str, Any]] = {kind: {} for kind in BEHAVIOUR_KINDS}
    scenarios: dict[str, Any] = {}
    origins: dict[str, str] = {}
    hooks = SimHooks(pm)
    hook = "sorgende_sim_behaviours"
    for plugin, items in _in_precedence(hooks.sim_behaviours()):
        for item in items or ():
            kind = getattr(item, "kind", None)
            methods = BEHAVIOUR_KINDS.get(kind) if isinstance(kind, str) else None
            if methods is None:
                raise InvalidPlugin(
                    plugin,
                    hook,
                    item,
                    Message(
                        "sim.problem.registry.has_no_kind_among",
                        behaviour_kinds=", ".join(BEHAVIOUR_KINDS),
                    ),
                )
            _check(plugin, hook, item, methods)
            assert isinstance(kind, str)
            behaviours[kind][item.name] = item
            origins[f"{kind}:{item.name}"] = plugin
    hook = "sorgende_sim_scenarios"
    for plugin, items in _in_precedence(hooks.sim_scenarios()):
        for item in items or ():
            _check(plugin, hook, item, (*SCENARIO_METHODS, "titles"))
            scenarios[item.name] = item
            origins[f"scenario:{item.name}"] = plugin
    return Registry(behaviours=behaviours, scenarios=scenarios, origins=origins)


def _check(plugin: str, hook: str, item: Any, methods: Iterable[str]) -> None:
    name = getattr(item, "name", None)
    if not isinstance(name, str) or not name:
        raise InvalidPlugin(plugin, hook, item, Message("sim.problem.registry.has_no_name"))
    missing = [m for m in methods if not hasattr(item, m)]
    if missing:
        raise InvalidPlugin(
            plugin,
            hook,
            item,
            Message("sim.problem.registry.lacks", missing=", ".join(missing)),
        )
