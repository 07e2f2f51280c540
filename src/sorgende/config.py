"""Settings: a TOML file, overridden by environment variables, overridden by arguments.

The file is ``sorgende.toml`` in the working directory, or the path in
``SORGENDE_CONFIG``. Environment variables: ``SORGENDE_STORAGE`` (the storage URL),
``SORGENDE_DISABLE_PLUGINS`` (comma-separated plugin names), ``SORGENDE_LANGUAGE``.

Plugins read their own settings from a table ``[plugins.NAME]`` of the same file,
overridden by environment variables ``SORGENDE_NAME_KEY`` (see :meth:`Settings.plugin`).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from sorgende.errors import ConfigError, MalformedData, Message

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
    #: how often a write use case that met a storage conflict is run in all (1: not again)
    conflict_attempts: int = 5
    #: the backoff ceiling before the second run, in milliseconds; it doubles with each
    #: further run up to ``conflict_backoff_max_ms``, and the wait is drawn at random
    #: below it ("full jitter"), so racing use cases spread out
    conflict_backoff_ms: float = 2.0
    conflict_backoff_max_ms: float = 50.0
    #: each plugin's own settings, the ``[plugins.NAME]`` tables of the file
    plugins: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    #: the environment the settings were read from (for :meth:`plugin`)
    environ: Mapping[str, str] = attrs.field(factory=dict, repr=False, eq=False)

    def plugin(self, name: str) -> dict[str, Any]:
        """The settings of plugin ``name``: its table, then ``SORGENDE_NAME_KEY`` variables.

        ``plugin("email")`` reads ``[plugins.email]`` and, for instance,
        ``SORGENDE_EMAIL_HOST`` as the key ``host``. Values from the environment are
        strings; the plugin converts them.
        """
        values = dict(self.plugins.get(name, {}))
        prefix = f"SORGENDE_{name.upper().replace('-', '_')}_"
        for key, value in self.environ.items():
            if key.startswith(prefix) and len(key) > len(prefix):
                values[key[len(prefix) :].lower()] = value
        return values


def load_settings(
    path: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Settings from the file, then the environment, then ``overrides``."""
    from sorgende.serialization import structure

    env = os.environ if environ is None else environ
    data: dict[str, Any] = {}
    plugins: dict[str, Any] = {}
    file = Path(path) if path is not None else Path(env.get("SORGENDE_CONFIG", CONFIG_FILE))
    if path is not None or "SORGENDE_CONFIG" in env or file.exists():
        document = _read_toml(file)
        data.update(_table(document, "sorgende", file))
        plugins = _table(document, "plugins", file)
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
    for name, table in plugins.items():
        if not isinstance(table, dict):
            raise ConfigError(
                source=str(file),
                problem=Message("problem.config.plugins_table", name=name),
            )
    try:
        settings = structure(data, Settings, what=f"settings ({file})")
    except MalformedData as exc:
        raise ConfigError(source=str(file), problem="; ".join(exc.problems)) from exc
    settings = attrs.evolve(settings, plugins=plugins, environ=dict(env))
    if (
        settings.conflict_attempts < 1
        or not 0 <= settings.conflict_backoff_ms <= settings.conflict_backoff_max_ms
    ):
        raise ConfigError(
            source=str(file),
            problem=Message(
                "problem.config.conflict_retries",
                attempts=settings.conflict_attempts,
                backoff=settings.conflict_backoff_ms,
                most=settings.conflict_backoff_max_ms,
            ),
        )
    if settings.language not in LANGUAGES:
        raise ConfigError(
            source=str(file),
            problem=Message("problem.config.language_one_de_en", language=settings.language),
        )
    return settings


def _read_toml(file: Path) -> dict[str, Any]:
    try:
        with file.open("rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ConfigError(source=str(file), problem=Message("problem.config.file_found")) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            source=str(file),
            problem=Message("problem.config.valid_toml", exc=exc),
        ) from exc
    return document


def _table(document: dict[str, Any], name: str, file: Path) -> dict[str, Any]:
    table = document.get(name, {})
    if not isinstance(table, dict):
        raise ConfigError(
            source=str(file),
            problem=Message("problem.config.table", name=name),
        )
    return table
