"""The simulation's own refusals, in the project's error family (German and English)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from sorgende.errors import NotFound, SorgendeError, Text
from sorgende.sim import texts as _texts  # noqa: F401  (registers the simulation's texts)

#: the install command every "missing extra" message points to
SIM_EXTRA = "pip install 'sorgende[sim]'"


class MissingExtra(SorgendeError):
    """An optional package the asked-for feature needs is not installed."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{feature} needs the package {package}, which is not installed: {install}",
        "de": "{feature} braucht das Paket {package}, das nicht installiert ist: {install}",
    }

    def __init__(self, feature: Text, package: str, install: str = SIM_EXTRA) -> None:
        super().__init__(feature=feature, package=package, install=install)


def require(
    module: str,
    feature: Text,
    package: str | None = None,
    install: str = SIM_EXTRA,
) -> Any:
    """Import ``module`` or raise :class:`MissingExtra` naming the package and how to get it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtra(feature, package or module, install) from exc


class UnknownScenario(NotFound):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "unknown scenario {name!r}; known scenarios: {known}",
        "de": "Unbekanntes Szenario {name!r}; bekannt sind: {known}",
    }

    def __init__(self, name: str, known: Sequence[str]) -> None:
        SorgendeError.__init__(self, name=name, known=", ".join(sorted(known)) or "-")


class UnknownBehaviour(NotFound):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "unknown {kind} behaviour {name!r}; known: {known}",
        "de": "Unbekanntes Verhalten {name!r} für {kind}; bekannt sind: {known}",
    }

    def __init__(self, kind: str, name: str, known: Sequence[str]) -> None:
        SorgendeError.__init__(self, kind=kind, name=name, known=", ".join(sorted(known)) or "-")


class InvalidPlugin(SorgendeError):
    """A plugin returned something that is not a behaviour or scenario."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "plugin {plugin}: {hook} returned {item!r}, which {problem}",
        "de": "Plugin {plugin}: {hook} lieferte {item!r}, das {problem}",
    }

    def __init__(self, plugin: str, hook: str, item: object, problem: Text) -> None:
        super().__init__(plugin=plugin, hook=hook, item=item, problem=problem)


class LedgerMismatch(SorgendeError):
    """An invariant of the time bank did not hold at the end of a simulated run."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "the time bank of the simulated community is inconsistent: {problem}",
        "de": "Die Zeitbank der simulierten Gemeinschaft ist nicht stimmig: {problem}",
    }


class RecordsMismatch(SorgendeError):
    """The model's bookkeeping and the platform's records disagree at the end of a run."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "the simulation's records disagree with the platform's: {problem}",
        "de": "Die Aufzeichnungen der Simulation weichen von denen der Plattform ab: {problem}",
    }
