"""Loading plugins, checking them and calling their hooks.

:func:`make_plugin_manager` registers the default plugins, then the plugins found in
the ``sorgende`` entry point group (minus those disabled by name), then those given in
code, and then checks them (:meth:`PluginManager.check_pending`): an implementation of
a hook that no specification declares, usually a misspelt name such as
``sorgende_veto_``, fails start-up with :class:`sorgende.errors.UnknownHook` naming the
plugin, the hook and the closest real hook. A plugin registered after start-up is
checked the same way when it is registered.

Specifications belong to the package that calls the hooks: the core's are in
:mod:`sorgende.hookspecs`; a package adds its own through the historic hook
``sorgende_addhooks`` (pytest's ``pytest_addhooks``), as the web front end and the
simulation do. Adding a package's specifications again does nothing, so a plugin that
implements another package's hooks may add that package's specifications itself.

Call sites use a typed facade instead of ``pm.hook`` (as tox does): :class:`Hooks` for
the core's hooks (``platform.hooks``), and a facade of the same kind in each package
that owns hooks. The facades are built on the :class:`PluginManager`'s additions to
pluggy's:

* :meth:`PluginManager.implementations` keeps, per hook, the implementations as a
  tuple that is only rebuilt when plugins change, so the core can skip a hook
  nobody implements for the price of a dictionary lookup (a pluggy call with no
  implementation costs about twenty plain function calls);
* :meth:`PluginManager.call_each` calls a best-effort hook one implementation at a
  time, logging each failure with the plugin's name instead of stopping at the
  first exception as pluggy does;
* :meth:`PluginManager.call_deciding` and :meth:`PluginManager.call_first` call a
  deciding hook, every implementation or up to the first result, and name the plugin
  when one fails.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

import attrs
import pluggy

from sorgende import hookspecs
from sorgende.errors import HookMismatch, Message, PluginError, SorgendeError, UnknownHook

if TYPE_CHECKING:
    import uuid

    import click

    from sorgende.config import Settings
    from sorgende.domain.categories import Category
    from sorgende.domain.events import DomainEvent
    from sorgende.domain.matching import ScoreTerm
    from sorgende.domain.recognition import RecognitionRule
    from sorgende.notifications import NotificationChannel
    from sorgende.ports import Storage
    from sorgende.records import RecordKind, Registry

logger = logging.getLogger("sorgende.plugins")

ENTRY_POINT_GROUP = "sorgende"
PROJECT = hookspecs.PROJECT
#: the prefix of every hook; compared without it, near-misses stand out
HOOK_PREFIX = f"{PROJECT}_"

#: built-in behaviour, registered through the same hooks as external plugins
DEFAULT_PLUGINS: tuple[str, ...] = (
    # the core's record kinds, declared like a plugin's (sorgende_record_kinds)
    "sorgende.default_plugins.records",
    "sorgende.default_plugins.memory_storage",
    "sorgende.default_plugins.sql",
    "sorgende.default_plugins.categories",
    "sorgende.default_plugins.matching",
    "sorgende.default_plugins.recognition",
    "sorgende.default_plugins.commands",
    "sorgende.default_plugins.calendar",
    # the scheduled jobs' kinds, events and `sorgende housekeeping`
    "sorgende.default_plugins.housekeeping",
    # the exchanges' conversations: messages, read marks, contact consents
    "sorgende.default_plugins.conversations",
    # `sorgende simulate` and `sorgende sweep`, and the simulation's hook specifications;
    # the simulation itself loads lazily
    "sorgende.sim.commands",
)

#: pluggy's validation messages name the hook as "hook 'name'"
_PLUGGY_HOOK = re.compile(r"hook '(\w+)'")


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


def closest_hook(name: str, known: Iterable[str]) -> str | None:
    """The known hook ``name`` is most likely a misspelling of, or ``None``.

    Names are compared without the common ``sorgende_`` prefix (with it, every pair
    of hooks looks alike), and a name given without the prefix matches the hook that
    has it.
    """
    by_tail = {hook.removeprefix(HOOK_PREFIX): hook for hook in known}
    found = difflib.get_close_matches(name.removeprefix(HOOK_PREFIX), by_tail, n=1, cutoff=0.7)
    return by_tail[found[0]] if found else None


def _owner(namespace: object) -> str:
    return str(getattr(namespace, "__name__", None) or type(namespace).__qualname__)


class PluginManager(pluggy.PluginManager):
    def __init__(self) -> None:
        super().__init__(hookspecs.PROJECT)
        self._implementations: dict[str, tuple[Implementation, ...]] = {}
        #: set once the start-up check passed: from then on each registration is checked
        self._checked = False
        self.add_hookspecs(hookspecs)
        # historic: each implementation, of a plugin registered now or later, is called
        # once, when it is registered, so the plugin's own specifications are there before
        # its implementations of them are checked
        self.hook.sorgende_addhooks.call_historic(kwargs={"pluginmanager": self})

    # every change of the plugin set drops the cached implementations
    def register(self, plugin: Any, name: str | None = None) -> str | None:
        self._implementations.clear()
        try:
            registered = super().register(plugin, name)
        except pluggy.PluginValidationError as exc:
            raise self._mismatch(exc) from exc
        if registered is not None and self._checked:
            unknown = self._unknown(self.get_hookcallers(plugin) or ())
            if unknown:
                self.unregister(plugin)
                raise UnknownHook(unknown)
        return registered

    def unregister(self, plugin: Any | None = None, name: str | None = None) -> Any | None:
        self._implementations.clear()
        return super().unregister(plugin, name)

    def set_blocked(self, name: str) -> None:
        self._implementations.clear()
        super().set_blocked(name)

    def add_hookspecs(self, module_or_class: Any) -> None:
        """Add the hook specifications of ``module_or_class``; the same ones again do nothing.

        A hook another package already specifies raises :class:`HookMismatch`, as does an
        implementation registered before its specification that does not fit it.
        """
        names = [
            name
            for name in dir(module_or_class)
            if self.parse_hookspec_opts(module_or_class, name) is not None
        ]
        if not names:
            raise PluginError(
                plugin=_owner(module_or_class), problem=Message("problem.plugins.no_hookspecs")
            )
        fresh = []
        for name in names:
            caller = getattr(self.hook, name, None)
            spec = caller.spec if caller is not None else None
            if spec is None:
                fresh.append(name)
            elif spec.namespace is not module_or_class:
                raise HookMismatch(
                    plugin=_owner(module_or_class),
                    hook=name,
                    problem=Message(
                        "problem.plugins.specified_already", owner=_owner(spec.namespace)
                    ),
                )
        if not fresh:
            return
        self._implementations.clear()
        try:
            super().add_hookspecs(module_or_class)
        except pluggy.PluginValidationError as exc:
            raise self._mismatch(exc) from exc

    def check_pending(self) -> None:
        """Fail if a plugin implements a hook no specification declares.

        Implementations marked ``@hookimpl(optionalhook=True)`` may wait for a
        specification that never comes (a hook of a package that is not installed).
        From now on, every plugin registered is checked as it is registered.

        :raises UnknownHook: naming each plugin, its hook and the closest real hook.
        """
        callers = [caller for name, caller in vars(self.hook).items() if name[0] != "_"]
        unknown = self._unknown(callers)
        if unknown:
            raise UnknownHook(unknown)
        self._checked = True

    def specified_hooks(self) -> list[str]:
        """The names of all hooks with a specification, of the core and of every package."""
        return sorted(
            name for name, caller in vars(self.hook).items() if name[0] != "_" and caller.has_spec()
        )

    def _unknown(self, callers: Iterable[pluggy.HookCaller]) -> list[tuple[str, str, str | None]]:
        known = self.specified_hooks()
        return sorted(
            (self._describe(impl), caller.name, closest_hook(caller.name, known))
            for caller in callers
            if not caller.has_spec()
            for impl in caller.get_hookimpls()
            if not impl.optionalhook
        )

    def _describe(self, impl: pluggy.HookImpl) -> str:
        """The plugin's name and where its implementation is, for an error message."""
        name = impl.plugin_name
        if name == str(id(impl.plugin)):  # registered without a name: pluggy used its id
            kind = type(impl.plugin)
            name = f"{kind.__module__}.{kind.__qualname__}"
        code = getattr(impl.function, "__code__", None)
        return f"{name} ({code.co_filename}:{code.co_firstlineno})" if code else name

    def _mismatch(self, exc: pluggy.PluginValidationError) -> HookMismatch:
        found = _PLUGGY_HOOK.search(str(exc))
        plugin = self.get_name(exc.plugin) or _owner(exc.plugin)
        problem = str(exc).strip().splitlines()[-1]
        return HookMismatch(plugin=plugin, hook=found.group(1) if found else "?", problem=problem)

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
        return [
            (impl.plugin_name, _decide(impl, hook_name, kwargs))
            for impl in self.implementations(hook_name)
        ]

    def call_first(self, hook_name: str, **kwargs: Any) -> tuple[str, Any] | None:
        """``(plugin name, result)`` of the first implementation that returns other than
        ``None`` (a ``firstresult`` hook); the later ones are not called. Exceptions
        propagate as in :meth:`call_deciding`."""
        for impl in self.implementations(hook_name):
            result = _decide(impl, hook_name, kwargs)
            if result is not None:
                return impl.plugin_name, result
        return None

    def plugin_names(self) -> list[str]:
        return sorted(
            name for name, plugin in self.list_name_plugin() if plugin is not None and name
        )


def _decide(impl: Implementation, hook_name: str, kwargs: dict[str, Any]) -> Any:
    try:
        return impl(kwargs)
    except SorgendeError:
        # a refusal in the project's own terms (e.g. a validation) passes as it is
        raise
    except Exception as exc:
        raise PluginError(
            plugin=impl.plugin_name,
            problem=Message("problem.plugins.hook_failed", hook=hook_name, error=repr(exc)),
        ) from exc


def make_plugin_manager(
    *,
    plugins: Iterable[object] = (),
    disabled: Iterable[str] = (),
    load_entrypoints: bool = True,
) -> PluginManager:
    """A checked plugin manager with the default plugins, entry point plugins and ``plugins``.

    :param plugins: extra plugin objects or modules, registered last.
    :param disabled: plugin names not to load (entry point names, default plugin
        module names such as ``sorgende.default_plugins.matching``, or the last part
        of such a name, ``matching``).
    :param load_entrypoints: whether to load the ``sorgende`` entry point group.
    :raises UnknownHook: a plugin implements a hook that nothing specifies.
    :raises HookMismatch: an implementation asks for arguments its hook does not have.
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
        except SorgendeError:
            raise
        except Exception as exc:
            raise PluginError(
                plugin="(entry points)",
                problem=Message("problem.plugins.load_failed", error=repr(exc)),
            ) from exc
    for plugin in plugins:
        pm.register(plugin)
    # only now: a plugin may implement hooks that a plugin loaded after it specifies
    pm.check_pending()
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


T = TypeVar("T")
#: what a collecting hook gathered: each plugin's name with its items, in call order
#: (the plugin registered last first)
Contributions: TypeAlias = list[tuple[str, list[T]]]


def _specified(plugins: PluginManager, module: object) -> bool:
    """Whether the hooks of the specification module ``module`` are known to ``plugins``."""
    for name in dir(module):
        if name.startswith(HOOK_PREFIX) and hasattr(getattr(module, name), f"{PROJECT}_spec"):
            caller = getattr(plugins.hook, name, None)
            return caller is not None and caller.spec is not None
    return False


class HookFacade:
    """Base of the typed facades over ``pm.hook``: one method per hook of a package.

    A package that owns hooks subclasses it, names its specification modules in
    ``specs`` (made sure of when the facade is made, so a front end works even when
    its own plugin is not registered) and gives each hook a method named like the hook
    without ``sorgende_``, with the hook's parameters. The methods are where the
    flavour of each hook (deciding, best-effort, first result) is chosen, so that no
    call site repeats it, and where mypy checks the call sites.
    """

    #: the specification modules whose hooks this facade calls
    specs: tuple[object, ...] = ()

    #: hooks of ``specs`` that are called only by the plugin manager itself
    not_called: tuple[str, ...] = ()

    def __init__(self, plugins: PluginManager) -> None:
        self.plugins = plugins
        for module in self.specs:
            # a second facade over the same manager finds the specifications there
            # (pluggy refuses to add a specification twice)
            if not _specified(plugins, module):
                plugins.add_hookspecs(module)

    @classmethod
    def unmatched(cls) -> list[str]:
        """Hooks of ``specs`` without a method of the same parameters (for a package's tests).

        An empty list means every hook has its typed method: a test asserting it fails
        when a hook is added to a specification module but not to its facade.
        """
        problems = []
        for module in cls.specs:
            for name in dir(module):
                spec = getattr(module, name)
                if not name.startswith(HOOK_PREFIX) or not hasattr(spec, f"{PROJECT}_spec"):
                    continue
                if name in cls.not_called:
                    continue
                method = getattr(cls, name.removeprefix(HOOK_PREFIX), None)
                if method is None:
                    problems.append(f"{name}: no method {cls.__name__}.{name[len(HOOK_PREFIX) :]}")
                    continue
                wanted = list(inspect.signature(spec).parameters)
                if inspect.isclass(module):  # specifications in a class: unbound methods
                    wanted = wanted[1:]
                given = list(inspect.signature(method).parameters)[1:]  # without self
                if given != wanted:
                    problems.append(f"{name}: the method takes {given}, the hook {wanted}")
        return problems

    def _gather(self, hook: str, **kwargs: Any) -> list[tuple[str, list[Any]]]:
        """A collecting deciding hook's results, each plugin's made a list (``None``: none)."""
        gathered: list[tuple[str, list[Any]]] = []
        for plugin, found in self.plugins.call_deciding(hook, **kwargs):
            if found is None:
                gathered.append((plugin, []))
                continue
            if isinstance(found, str | bytes | Mapping) or not isinstance(found, Iterable):
                raise PluginError(
                    plugin=plugin,
                    problem=Message("problem.plugins.not_a_list", hook=hook, found=repr(found)),
                )
            try:
                gathered.append((plugin, list(found)))
            except SorgendeError:
                raise
            except Exception as exc:  # a generator that fails half-way
                raise PluginError(
                    plugin=plugin,
                    problem=Message("problem.plugins.hook_failed", hook=hook, error=repr(exc)),
                ) from exc
        return gathered


class Hooks(HookFacade):
    """The core's hooks (:mod:`sorgende.hookspecs`), typed; ``platform.hooks``.

    Collecting hooks return :data:`Contributions`: the plugin names matter to the
    callers (precedence, error messages, the origin of a channel).
    """

    specs = (hookspecs,)
    not_called = ("sorgende_addhooks",)  # the manager calls it, historically, when made

    # --- storage -----------------------------------------------------------------

    def open_storage(self, url: str, registry: Registry) -> Storage | None:
        # pluggy's own first-result call: an exception of a storage that cannot open
        # (an unreachable database) reaches the caller as it is
        storage: Storage | None = self.plugins.hook.sorgende_open_storage(
            url=url, registry=registry
        )
        return storage

    def record_kinds(self) -> Contributions[RecordKind[Any]]:
        return self._gather("sorgende_record_kinds")

    def migrations(self) -> Contributions[str]:
        return self._gather("sorgende_migrations")

    def storage_schemes(self) -> Contributions[str]:
        return self._gather("sorgende_storage_schemes")

    # --- the domain's vocabulary ---------------------------------------------------

    def categories(self) -> Contributions[Category]:
        return self._gather("sorgende_categories")

    def recognition_rules(self) -> Contributions[RecognitionRule]:
        return self._gather("sorgende_recognition_rules")

    def event_types(self) -> Contributions[type[DomainEvent]]:
        return self._gather("sorgende_event_types")

    # --- decisions -----------------------------------------------------------------

    def veto(
        self, action: str, community_id: uuid.UUID, actor_id: uuid.UUID | None, subject: Any
    ) -> list[tuple[str, str]]:
        """The refusals, ``(plugin, reason)``, after asking every plugin (none: allowed)."""
        if not self.plugins.implementations("sorgende_veto"):  # the usual case, per use case
            return []
        return [
            (plugin, str(reason))
            for plugin, reason in self.plugins.call_deciding(
                "sorgende_veto",
                action=action,
                community_id=community_id,
                actor_id=actor_id,
                subject=subject,
            )
            if reason
        ]

    def score_terms(self) -> Contributions[ScoreTerm]:
        return self._gather("sorgende_score_terms")

    # --- after commit ----------------------------------------------------------------

    def events_committed(self, events: Sequence[DomainEvent]) -> None:
        """Best-effort: each observer on its own, failures logged with the plugin's name."""
        if self.plugins.implementations("sorgende_events_committed"):
            self.plugins.call_each("sorgende_events_committed", events=events)

    def notification_channels(self, settings: Settings) -> Contributions[NotificationChannel]:
        return self._gather("sorgende_notification_channels", settings=settings)

    # --- personal data ---------------------------------------------------------------

    def export_person(
        self, community_id: uuid.UUID, actor_id: uuid.UUID
    ) -> list[tuple[str, Mapping[str, Any]]]:
        """Each plugin's data about the person, by plugin name (plugins holding none left out)."""
        return [
            (plugin, data)
            for plugin, data in self.plugins.call_deciding(
                "sorgende_export_person", community_id=community_id, actor_id=actor_id
            )
            if data is not None
        ]

    def erase_person(self, community_id: uuid.UUID, actor_id: uuid.UUID) -> None:
        self.plugins.call_deciding(
            "sorgende_erase_person", community_id=community_id, actor_id=actor_id
        )

    # --- interfaces --------------------------------------------------------------------

    def register_commands(self, cli: click.Group) -> None:
        self.plugins.call_deciding("sorgende_register_commands", cli=cli)
