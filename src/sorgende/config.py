"""Settings: a TOML file, overridden by environment variables, overridden by arguments.

The file is ``sorgende.toml`` in the working directory, or the path in
``SORGENDE_CONFIG``. Environment variables: ``SORGENDE_STORAGE`` (the storage URL),
``SORGENDE_DISABLE_PLUGINS`` (comma-separated plugin names), ``SORGENDE_LANGUAGE``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from sorgende.errors import ConfigError, MalformedData

CONFIG_FILE = "sorgende.toml"
LANGUAGES = ("de", "en")


@attrs.frozen
class Settings:
    """Settings of a sorgende platform (the ``[sorgende]`` table of ``sorgende.toml``)."""

    #: where the data lives; ``memory://`` keeps it in this process only
    storage: str = "memory://"
    #: plugin names not to load (entry point names or default plugin names)
    disabled_plugins: tuple[str, ...] = ()
    #: the language of user-facing text: ``de`` (default) or ``en``
    language: str = "de"
    #: whether plugins installed through the ``sorgende`` entry point group are loaded
    load_entrypoints: bool = True


def load_settings(
    path: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Settings from the file, then the environment, then ``overrides``."""
    from sorgende.serialization import structure

    env = os.environ if environ is None else environ
    data: dict[str, Any] = {}
    file = Path(path) if path is not None else Path(env.get("SORGENDE_CONFIG", CONFIG_FILE))
    if path is not None or "SORGENDE_CONFIG" in env or file.exists():
        data.update(_read_toml(file))
    if "SORGENDE_STORAGE" in env:
        data["storage"] = env["SORGENDE_STORAGE"]
    if "SORGENDE_DISABLE_PLUGINS" in env:
        data["disabled_plugins"] = [
            n.strip() for n in env["SORGENDE_DISABLE_PLUGINS"].split(",") if n.strip()
        ]
    if "SORGENDE_LANGUAGE" in env:
        data["language"] = env["SORGENDE_LANGUAGE"]
    data.update({k: v for k, v in overrides.items() if v is not None})
    if "disabled_plugins" in data:
        data["disabled_plugins"] = list(data["disabled_plugins"])
    try:
        settings = structure(data, Settings, what=f"settings ({file})")
    except MalformedData as exc:
        raise ConfigError(source=str(file), problem="; ".join(exc.problems)) from exc
    if settings.language not in LANGUAGES:
        raise ConfigError(
            source=str(file),
            problem=f"language {settings.language!r} is not one of de, en",
            problem_de=f"Sprache {settings.language!r} ist weder de noch en",
        )
    return settings


def _read_toml(file: Path) -> dict[str, Any]:
    try:
        with file.open("rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ConfigError(
            source=str(file), problem="file not found", problem_de="Datei nicht gefunden"
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            source=str(file),
            problem=f"not valid TOML: {exc}",
            problem_de=f"kein gültiges TOML: {exc}",
        ) from exc
    table = document.get("sorgende", {})
    if not isinstance(table, dict):
        raise ConfigError(
            source=str(file),
            problem="[sorgende] must be a table",
            problem_de="[sorgende] muss eine Tabelle sein",
        )
    return table
