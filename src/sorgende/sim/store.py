"""Provenance and the runs of a sweep on disk: recorded as they finish, resumed from there.

A sweep with a directory writes ``provenance.json`` (the sweep's full configuration,
every run's seed, the versions of Python, sorgende and the installed distributions of
the loaded plugins, and the plugins each run loaded) and, as each run finishes, its
outcome as ``runs/run-<index>.json``: written to a temporary file and renamed, so a
sweep killed at any moment (even by SIGKILL) leaves only whole files. Each file holds
the run's configuration; a sweep started again on the same directory takes every run
whose file has the same configuration from disk and runs the others (and the ones that
failed). Since a run depends only on its configuration, the resumed sweep's tables are
the ones of an uninterrupted sweep.

A run that raises is recorded as failed (its error in ``runs/run-<index>.json`` and in
``failed.json``); the sweep goes on and the others are written.
"""

from __future__ import annotations

import json
import os
import platform as _platform
import sys
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from sorgende.sim.config import config_to_dict

#: the version of the files' layout
FORMAT = 1


def sorgende_version() -> str:
    try:
        return metadata.version("sorgende")
    except metadata.PackageNotFoundError:  # a source checkout without metadata
        return "unknown"


def loaded_plugins(pluginmanager: Any) -> list[dict[str, str]]:
    """The plugins a platform loaded: name, and the distribution and version if installed."""
    dists = {id(plugin): dist for plugin, dist in pluginmanager.list_plugin_distinfo()}
    out = []
    for name, plugin in pluginmanager.list_name_plugin():
        if plugin is None:  # blocked (disabled) plugins keep their name
            continue
        entry = {"name": str(name)}
        dist = dists.get(id(plugin))
        if dist is not None:
            entry["distribution"] = str(dist.project_name)
            entry["version"] = str(dist.version)
        out.append(entry)
    return sorted(out, key=lambda e: e["name"])


def environment() -> dict[str, Any]:
    return {
        "sorgende": sorgende_version(),
        "python": sys.version.split()[0],
        "platform": _platform.platform(),
    }


def write_json(path: Path, data: Any) -> Path:
    """Write ``data`` as JSON atomically: a temporary file renamed over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1, default=str)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    return path


class RunStore:
    """The ``runs/`` directory of a sweep: one JSON file per finished run."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory) / "runs"

    def path(self, index: int) -> Path:
        return self.directory / f"run-{index:05d}.json"

    def load(self, index: int, config: Any) -> dict[str, Any] | None:
        """The stored outcome of run ``index`` if it ran with ``config`` and did not fail."""
        path = self.path(index)
        if not path.exists():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # unreadable: run it again
        if data.get("format") != FORMAT or data.get("config") != _plain(config_to_dict(config)):
            return None
        if data.get("error") is not None:
            return None  # failed before: try again
        outcome: dict[str, Any] = data["outcome"]
        return outcome

    def save(self, index: int, config: Any, outcome: Mapping[str, Any] | None, error: str | None,
             provenance: Mapping[str, Any]) -> Path:  # fmt: skip
        return write_json(
            self.path(index),
            {
                "format": FORMAT,
                "index": index,
                "config": _plain(config_to_dict(config)),
                "error": error,
                "provenance": dict(provenance),
                "outcome": None if outcome is None else dict(outcome),
            },
        )


def _plain(data: Any) -> Any:
    """``data`` as JSON would give it back (tuples as lists, dates as text)."""
    return json.loads(json.dumps(data, default=str))


def sweep_provenance(
    spec: Any, runs: Iterable[Any], plugins: list[dict[str, str]]
) -> dict[str, Any]:
    """What ``provenance.json`` holds for ``spec``."""
    return {
        "format": FORMAT,
        **environment(),
        "base": _plain(config_to_dict(spec.base)),
        "scenarios": list(spec.scenarios or (spec.base.scenario,)),
        "grid": {k: list(v) for k, v in spec.grid.items()},
        "replications": spec.replications,
        "reference": dict(spec.reference),
        "plugin_modules": list(spec.plugins),
        "loaded_plugins": plugins,
        "runs": [
            {
                "run": run.index,
                "scenario": run.config.scenario,
                "replication": run.replication,
                "seed": run.config.seed,
                "params": dict(run.params),
            }
            for run in runs
        ],
    }
