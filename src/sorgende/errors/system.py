"""The errors of the platform around the model: input data, configuration, storage, plugins.

Most are for the people who run a platform (an operator, a plugin's author); their
messages name URLs, schema versions and hook names, which is what they need.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from sorgende import i18n
from sorgende.errors.base import NotFound, PluginError, SorgendeError, ValidationError
from sorgende.i18n import Message, Text


class MalformedData(ValidationError):
    """Structured input (JSON, TOML, a dict) does not fit the model.

    ``problems`` lists every problem, each with its path, e.g.
    ``"invalid value for type, expected int @ $.minutes"``.
    """

    templates: ClassVar[Mapping[str, str]] = {
        "en": "malformed {kind}: {listing}",
        "de": "Fehlerhafte Daten für {kind}: {listing}",
    }

    def __init__(self, kind: str, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__(kind=kind, listing="; ".join(self.problems))


class CommunityExists(ValidationError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "community {name!r} is already stored here; nothing was imported",
        "de": "Die Gemeinschaft {name!r} ist hier schon gespeichert; nichts wurde eingelesen",
    }


class ConfigError(ValidationError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "configuration {source}: {problem}",
        "de": "Konfiguration {source}: {problem}",
    }

    def __init__(self, source: str, problem: Text) -> None:
        super().__init__(source=source, problem=problem)


class UnknownStorage(NotFound):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "no storage plugin accepts the URL {url!r}; installed schemes: {schemes}",
        "de": "Kein Speicher-Plugin kennt die URL {url!r}; vorhanden: {schemes}",
    }

    def __init__(self, url: str, schemes: Sequence[str]) -> None:
        SorgendeError.__init__(self, url=url, schemes=", ".join(schemes) or "-")


class UnknownFeedToken(NotFound):
    """A calendar feed address whose token is not (or no longer) valid.

    The message says nothing about why, so that guessing tokens teaches nothing.
    """

    templates: ClassVar[Mapping[str, str]] = {
        "en": "this calendar address is not valid (any more); ask for a new one",
        "de": "Diese Kalenderadresse ist nicht (mehr) gültig; bitte eine neue anfordern",
    }

    def __init__(self) -> None:
        SorgendeError.__init__(self)


class SchemaOutdated(SorgendeError):
    """The database's schema is older than the code (or not made by sorgende)."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "the database {url} has schema version {stored}, the code needs {latest}: "
        "run `sorgende db upgrade --storage {url}` (after a backup)",
        "de": "Die Datenbank {url} hat den Schemastand {stored}, gebraucht wird {latest}: "
        "bitte `sorgende db upgrade --storage {url}` ausführen (nach einer Sicherung)",
    }


class UnknownMigrations(SorgendeError):
    """The database holds migrations no installed plugin ships (a plugin was removed)."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "the database {url} has tables of migrations no installed plugin ships "
        "({revisions}): install the plugin again, or export its communities with it first",
        "de": "Die Datenbank {url} hat Tabellen aus Migrationen, die kein installiertes Plugin "
        "mitbringt ({revisions}): bitte das Plugin wieder installieren oder seine "
        "Gemeinschaften vorher mit ihm exportieren",
    }


class WrongCommunity(SorgendeError):
    """A storage refused a record of another community than its unit of work's."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "a record of community {record} was written in a unit of work of community {unit}",
        "de": "Ein Datensatz der Gemeinschaft {record} wurde in einer Arbeitseinheit der "
        "Gemeinschaft {unit} geschrieben",
    }


class OutboxUnsupported(SorgendeError):
    """Notification channels are configured, but the storage keeps no outbox."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "the storage {url} keeps no notification outbox, which the channels {channels} "
        "need; use a storage with an outbox (memory, SQLite, PostgreSQL) or disable them",
        "de": "Der Speicher {url} hat keinen Postausgang für Benachrichtigungen, den die "
        "Kanäle {channels} brauchen; bitte einen Speicher mit Postausgang (memory, SQLite, "
        "PostgreSQL) verwenden oder die Kanäle abschalten",
    }


class InvalidChannel(PluginError):
    """A notification channel without a usable name or audience, or two with one name."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "notification channel {name!r} (plugins {plugins}): {problem}",
        "de": "Benachrichtigungskanal {name!r} (Plugins {plugins}): {problem}",
    }

    def __init__(self, name: str, plugins: str, problem: Text) -> None:
        SorgendeError.__init__(self, name=name, plugins=plugins, problem=problem)


class UnknownHook(PluginError):
    """Plugins implement hooks no specification declares: usually a misspelt name.

    ``found`` holds ``(plugin, hook, closest known hook or None)`` for each.
    """

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{listing}",
        "de": "{listing}",
    }

    def __init__(self, found: Sequence[tuple[str, str, str | None]]) -> None:
        self.found = list(found)
        items = [
            Message("error.unknown_hook.closest", plugin=plugin, hook=hook, closest=closest)
            if closest
            else Message("error.unknown_hook", plugin=plugin, hook=hook)
            for plugin, hook, closest in self.found
        ]
        SorgendeError.__init__(
            self,
            plugin=", ".join(dict.fromkeys(p for p, _, _ in self.found)),
            hook=", ".join(dict.fromkeys(h for _, h, _ in self.found)),
            listing=i18n.Join(items),
        )


class HookMismatch(PluginError):
    """A hook implementation does not fit its specification, or two packages specify one hook."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "plugin {plugin}: {hook} does not fit its specification: {problem}",
        "de": "Plugin {plugin}: {hook} passt nicht zu seiner Spezifikation: {problem}",
    }

    def __init__(self, plugin: str, hook: str, problem: Text) -> None:
        SorgendeError.__init__(self, plugin=plugin, hook=hook, problem=problem)


class InvalidRecordKind(PluginError):
    """A record kind's declaration does not fit its class, or two plugins declare one name."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "record kind {kind}: {listing}",
        "de": "Datensatzart {kind}: {listing}",
    }

    def __init__(self, kind: str, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        SorgendeError.__init__(self, kind=kind, listing="; ".join(self.problems))


class DuplicateEventType(PluginError):
    """Two plugins register different event types under one name."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "event type {name!r} is registered by both plugin {first} ({first_class}) and "
        "plugin {second} ({second_class}); one of them must rename its class",
        "de": "Ereignisart {name!r} wird von Plugin {first} ({first_class}) und von Plugin "
        "{second} ({second_class}) angemeldet; eines der beiden muss seine Klasse umbenennen",
    }

    def __init__(
        self, name: str, first: str, first_class: str, second: str, second_class: str
    ) -> None:
        SorgendeError.__init__(
            self,
            name=name,
            first=first,
            first_class=first_class,
            second=second,
            second_class=second_class,
        )


class UnknownEventType(NotFound):
    """No registered event type has this name (a plugin providing it is not loaded)."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "no event type is called {name!r}; known are: {known}",
        "de": "keine Ereignisart heißt {name!r}; bekannt sind: {known}",
    }

    def __init__(self, name: str, known: str) -> None:
        SorgendeError.__init__(self, name=name, known=known)


class InvalidQuery(ValidationError):
    """A query of a record kind names a field the kind is not indexed by."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "records of kind {kind} cannot be queried by {field!r}; they are by: {fields}",
        "de": "Datensätze der Art {kind} lassen sich nicht nach {field!r} abfragen, nur "
        "nach: {fields}",
    }

    def __init__(self, kind: str, field: str, fields: Sequence[str]) -> None:
        super().__init__(kind=kind, field=field, fields=", ".join(fields) or "-")


class MissingDependency(SorgendeError):
    """An optional part of sorgende needs a package that is not installed."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{feature} needs the package {package}: pip install sorgende[{extra}]",
        "de": "{feature} braucht das Paket {package}: pip install sorgende[{extra}]",
    }

    def __init__(self, feature: Text, package: str, extra: str) -> None:
        super().__init__(feature=feature, package=package, extra=extra)


class DuplicateMessage(PluginError):
    """Two parts of the message catalogue (the core's, a plugin's) claim the same key."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "plugin {plugin}: the message key {key!r} is already registered by {other}; "
        "give the plugin's keys a prefix of its own",
        "de": "Plugin {plugin}: der Textschlüssel {key!r} ist schon von {other} belegt; "
        "bitte die Schlüssel des Plugins mit einem eigenen Präfix versehen",
    }

    def __init__(self, key: str, plugin: str, other: str) -> None:
        SorgendeError.__init__(self, key=key, plugin=plugin, other=other)
