"""Loading plugins and calling hooks.

:func:`make_plugin_manager` registers the default plugins, then the plugins found in
the ``sorgende`` entry point group, minus those disabled by name. The returned
:class:`PluginManager` is pluggy's, with two additions the core relies on:

* :meth:`PluginManager.implementations` keeps, per hook, the implementations as a
  tuple that is only rebuilt when plugins change, so the core can skip a hook
  nobody implements for the price of a dictionary lookup (a pluggy call with no
  implementation costs about twenty plain function calls);
* :meth:`PluginManager.call_each` calls a best-effort hook one implementation at a
  time, logging each failure with the plugin's name instead of stopping at the
  first exception as pluggy does.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable
from typing import Any

import attrs
import pluggy

from sorgende import hookspecs
from sorgende.errors import PluginError, SorgendeError

logger = logging.getLogger("sorgende.plugins")

ENTRY_POINT_GROUP = "sorgende"

#: built-in behaviour, registered through the same hooks as external plugins
DEFAULT_PLUGINS: tuple[str, ...] = (
    "sorgende.default_plugins.memory_storage",
    "sorgende.default_plugins.sql",
    "sorgende.default_plugins.categories",
    "sorgende.default_plugins.matching",
    "sorgende.default_plugins.recognition",
    "sorgende.default_plugins.commands",
    "sorgende.default_plugins.calendar",
    # `sorgende simulate` and `sorgende sweep`; the simulation itself loads lazily
    "sorgende.sim.commands",
)


@attrs.frozen
class Implementation:
    """One plugin's implementation of a hook, ready to be called directly."""

    plugin_name: str
    function: Any
    argnames: tuple[str, ...]

    def __call__(self, kwargs: dict[str, Any]) -> Any:
        names = self.argnames
        if len(names) == 1:  # the usual case (``events``): no list, no star-call
            return self.function(kwargs[names[0]])
        return self.function(*[kwargs[name] for name in names])


class PluginManager(pluggy.PluginManager):
    def __init__(self) -> None:
        super().__init__(hookspecs.PROJECT)
        self._implementations: dict[str, tuple[Implementation, ...]] = {}
        self.add_hookspecs(hookspecs)

    # every change of the plugin set drops the cached implementations
    def register(self, plugin: Any, name: str | None = None) -> str | None:
        self._implementations.clear()
        return super().register(plugin, name)

    def unregister(self, plugin: Any | None = None, name: str | None = None) -> Any | None:
        self._implementations.clear()
        return super().unregister(plugin, name)

    def set_blocked(self, name: str) -> None:
        self._implementations.clear()
        super().set_blocked(name)

    def implementations(self, hook_name: str) -> tuple[Implementation, ...]:
        """The implementations of ``hook_name`` in call order (last registered first)."""
        cached = self._implementations.get(hook_name)
        if cached is None:
            caller = getattr(self.hook, hook_name)
            cached = tuple(
                Implementation(impl.plugin_name, impl.function, tuple(impl.argnames))
                for impl in reversed(caller.get_hookimpls())
                if not (impl.hookwrapper or impl.wrapper)
            )
            self._implementations[hook_name] = cached
        return cached

    def call_each(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call every implementation on its own; failures are logged, not raised.

        Returns ``(plugin name, result)`` for each implementation that succeeded.
        """
        results = []
        for impl in self.implementations(hook_name):
            try:
                results.append((impl.plugin_name, impl(kwargs)))
            except Exception:
                logger.exception("plugin %r failed in %s", impl.plugin_name, hook_name)
        return results

    def call_deciding(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call every implementation; an exception propagates, wrapped with the plugin name."""
        results = []
        for impl in self.implementations(hook_name):
            try:
                results.append((impl.plugin_name, impl(kwargs)))
            except SorgendeError:
                # a refusal in the project's own terms (e.g. a validation) passes as it is
                raise
            except Exception as exc:
                raise PluginError(
                    plugin=impl.plugin_name, problem=f"{hook_name} failed: {exc!r}"
                ) from exc
        return results

    def plugin_names(self) -> list[str]:
        return sorted(
            name for name, plugin in self.list_name_plugin() if plugin is not None and name
        )


def make_plugin_manager(
    *,
    plugins: Iterable[object] = (),
    disabled: Iterable[str] = (),
    load_entrypoints: bool = True,
) -> PluginManager:
    """A plugin manager with the default plugins, entry point plugins and ``plugins``.

    :param plugins: extra plugin objects or modules, registered last.
    :param disabled: plugin names not to load (entry point names, default plugin
        module names such as ``sorgende.default_plugins.matching``, or the last part
        of such a name, ``matching``).
    :param load_entrypoints: whether to load the ``sorgende`` entry point group.
    """
    pm = PluginManager()
    blocked = set(disabled)
    for name in DEFAULT_PLUGINS:
        if name in blocked or name.rsplit(".", 1)[-1] in blocked:
            pm.set_blocked(name)
            continue
        pm.register(importlib.import_module(name), name)
    for name in blocked:
        pm.set_blocked(name)
    if load_entrypoints:
        try:
            pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
        except Exception as exc:
            raise PluginError(plugin="(entry points)", problem=f"failed to load: {exc!r}") from exc
    for plugin in plugins:
        pm.register(plugin)
    return pm


def plugin_summary(pm: PluginManager) -> list[dict[str, Any]]:
    """Loaded plugins with their hooks and distribution, for ``sorgende plugins``."""
    dists = {id(plugin): dist for plugin, dist in pm.list_plugin_distinfo()}
    rows = []
    for name, plugin in pm.list_name_plugin():
        if plugin is None:
            continue
        hooks = sorted(caller.name for caller in pm.get_hookcallers(plugin) or ())
        dist = dists.get(id(plugin))
        rows.append(
            {
                "name": name,
                "hooks": hooks,
                "version": getattr(dist, "version", None) if dist is not None else None,
                "distribution": dist.project_name if dist is not None else None,
                "default": name in DEFAULT_PLUGINS,
            }
        )
    return sorted(rows, key=lambda r: (not r["default"], r["name"]))
