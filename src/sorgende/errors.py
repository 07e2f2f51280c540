"""The error family of sorgende.

Every refusal the library makes is a subclass of :class:`SorgendeError`. Each class
carries its message in German (the users' language, the default) and English, so a
web page or a CLI can show the refusal to a person in their language, while
``str(error)`` gives the English text for developers and logs.

The families a caller usually catches are :class:`ValidationError` (the input is
wrong), :class:`NotFound`, :class:`PermissionDenied`, :class:`IllegalTransition`,
:class:`ConflictError` (a concurrent change won; retry) and :class:`PluginError`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

DEFAULT_LANGUAGE = "de"


class SorgendeError(Exception):
    """Base of every error sorgende raises on purpose."""

    #: message templates by language, formatted with the error's ``params``
    templates: ClassVar[Mapping[str, str]] = {
        "en": "{detail}",
        "de": "{detail}",
    }

    def __init__(self, **params: Any) -> None:
        self.params: dict[str, Any] = params
        super().__init__(self.message("en"))

    def message(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The message for a person, in ``language`` (``de`` or ``en``)."""
        template = self.templates.get(language) or self.templates["en"]
        return template.format(**self.params)

    def __str__(self) -> str:
        return self.message("en")


# --- the input is wrong -------------------------------------------------------------


class ValidationError(SorgendeError):
    """The input breaks a rule of the domain; nothing was changed."""


class InvalidValue(ValidationError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "{field}: {problem}",
        "de": "{field}: {problem_de}",
    }

    def __init__(self, field: str, problem: str, problem_de: str | None = None) -> None:
        super().__init__(field=field, problem=problem, problem_de=problem_de or problem)


class InvalidHours(ValidationError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "{field}: {hours} hours is not allowed; hours must be more than 0 and at most 24",
        "de": "{field}: {hours} Stunden sind nicht möglich; erlaubt sind mehr als 0 und "
        "höchstens 24 Stunden",
    }

    def __init__(self, hours: object, field: str = "hours") -> None:
        super().__init__(hours=hours, field=field)


class InvalidAdjustment(ValidationError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "hours: {hours} hours cannot be adjusted; give at least one minute and at most "
        "{most} hours",
        "de": "hours: {hours} Stunden können nicht umgebucht werden; erlaubt sind eine Minute "
        "bis {most} Stunden",
    }


class InvalidTimeWindow(ValidationError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "the time window ends ({end}) before it starts ({start})",
        "de": "Das Zeitfenster endet ({end}) vor seinem Beginn ({start})",
    }


class NaiveDatetime(ValidationError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "{field}: the time {value} has no time zone; give an aware datetime",
        "de": "{field}: Die Zeitangabe {value} hat keine Zeitzone",
    }


class UnknownCategory(ValidationError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "unknown category {category!r}; known categories: {known}",
        "de": "Unbekannte Kategorie {category!r}; bekannt sind: {known}",
    }

    def __init__(self, category: str, known: Sequence[str]) -> None:
        super().__init__(category=category, known=", ".join(sorted(known)) or "-")


class UnknownPlace(ValidationError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "unknown place {place}: it is not a place of this community",
        "de": "Unbekannter Ort {place}: er gehört nicht zu dieser Gemeinschaft",
    }


class SelfHelp(ValidationError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "{actor} cannot help themselves: helper and recipient must differ",
        "de": "{actor} kann sich nicht selbst helfen: Helfende und Empfangende müssen "
        "verschiedene Personen sein",
    }


class RequestClosed(ValidationError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "request {request} is {status}; it takes no more helpers",
        "de": "Das Hilfegesuch {request} ist {status_de}; es nimmt keine Helfenden mehr an",
    }


class RequestFull(ValidationError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "request {request} already has the {needed} helper(s) it needs"
        " for the occurrence {occurrence}",
        "de": "Das Hilfegesuch {request} hat für den Termin {occurrence} schon die "
        "{needed} nötigen Helfenden",
    }


class OfferClosed(ValidationError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "offer {offer} is {status}; it cannot be used any more",
        "de": "Das Hilfsangebot {offer} ist {status_de} und kann nicht mehr genutzt werden",
    }


class MissingQualification(ValidationError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "{actor} cannot help with {category!r}: a valid {missing} is required on {day}",
        "de": "{actor} kann bei {category!r} nicht helfen: am {day} fehlt ein gültiger "
        "Nachweis: {missing}",
    }


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
        "en": "community {name!r} ({id}) is already stored here; nothing was imported",
        "de": "Die Gemeinschaft {name!r} ({id}) ist hier schon gespeichert; nichts wurde "
        "eingelesen",
    }


class ConfigError(ValidationError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "configuration {source}: {problem}",
        "de": "Konfiguration {source}: {problem_de}",
    }

    def __init__(self, source: str, problem: str, problem_de: str | None = None) -> None:
        super().__init__(source=source, problem=problem, problem_de=problem_de or problem)


# --- something is missing -----------------------------------------------------------


class NotFound(SorgendeError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "{kind} {id} not found",
        "de": "{kind_de} {id} wurde nicht gefunden",
    }

    _german: ClassVar[Mapping[str, str]] = {
        "community": "Gemeinschaft",
        "place": "Ort",
        "actor": "Akteur",
        "request": "Hilfegesuch",
        "offer": "Hilfsangebot",
        "exchange": "Einsatz",
        "commitment": "Selbstverpflichtung",
        "category": "Kategorie",
        "posting": "Buchung",
        "storage": "Speicher",
        "dead letter": "Unzustellbare Benachrichtigung",
        "notification_preference": "Benachrichtigungseinstellung",
    }

    def __init__(self, kind: str, id: object) -> None:
        super().__init__(kind=kind, id=id, kind_de=self._german.get(kind, kind))


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


# --- the actor may not do this ------------------------------------------------------


class PermissionDenied(SorgendeError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "{actor} may not {action}: {reason}",
        "de": "{actor} darf nicht {action_de}: {reason_de}",
    }

    def __init__(
        self, actor: object, action: str, reason: str, action_de: str = "", reason_de: str = ""
    ) -> None:
        super().__init__(
            actor=actor,
            action=action,
            reason=reason,
            action_de=action_de or action,
            reason_de=reason_de or reason,
        )


class Vetoed(PermissionDenied):
    """A plugin refused the action through the ``sorgende_veto`` hook."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{action} refused by plugin {plugin}: {reason}",
        "de": "{action} wurde vom Plugin {plugin} abgelehnt: {reason}",
    }

    def __init__(self, action: str, plugin: str, reason: str) -> None:
        SorgendeError.__init__(self, action=action, plugin=plugin, reason=reason)


# --- state machines -----------------------------------------------------------------


class IllegalTransition(SorgendeError):
    """A transition was tried from a state that does not allow it."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "exchange {exchange} is {state}: {transition!r} is not possible from there "
        "(possible: {allowed})",
        "de": "Einsatz {exchange} ist im Zustand {state}: {transition!r} ist von dort nicht "
        "möglich (möglich: {allowed_de})",
    }

    def __init__(
        self, exchange: object, state: str, transition: str, allowed: Sequence[str]
    ) -> None:
        super().__init__(
            exchange=exchange,
            state=state,
            transition=transition,
            allowed=", ".join(allowed) or "nothing, it is final",
            allowed_de=", ".join(allowed) or "nichts mehr, der Zustand ist endgültig",
        )


class IllegalStatusChange(SorgendeError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "{kind} {id} is {status}: cannot {change}",
        "de": "{kind} {id} hat den Status {status}: {change} ist nicht möglich",
    }


# --- concurrency and storage --------------------------------------------------------


class ConflictError(SorgendeError):
    """A concurrent change won the race; nothing of this use case was written.

    The caller may reload and try again.
    """

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{kind} {id} was changed concurrently (expected version {expected}); "
        "nothing was written, try again",
        "de": "{kind} {id} wurde gleichzeitig geändert; nichts wurde gespeichert, "
        "bitte erneut versuchen",
    }


class SchemaOutdated(SorgendeError):
    """The database's schema is older than the code (or not made by sorgende)."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "the database {url} has schema version {stored}, the code needs {latest}: "
        "run `sorgende db upgrade --storage {url}` (after a backup)",
        "de": "Die Datenbank {url} hat den Schemastand {stored}, gebraucht wird {latest}: "
        "bitte `sorgende db upgrade --storage {url}` ausführen (nach einer Sicherung)",
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


class LedgerError(SorgendeError):
    """A posting breaks a ledger invariant (it does not sum to zero, has no cause...)."""


class PluginError(SorgendeError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "plugin {plugin}: {problem}",
        "de": "Plugin {plugin}: {problem}",
    }


class InvalidChannel(PluginError):
    """A notification channel without a usable name or audience, or two with one name."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "notification channel {name!r} (plugins {plugins}): {problem}",
        "de": "Benachrichtigungskanal {name!r} (Plugins {plugins}): {problem_de}",
    }

    def __init__(self, name: str, plugins: str, problem: str, problem_de: str) -> None:
        SorgendeError.__init__(
            self, name=name, plugins=plugins, problem=problem, problem_de=problem_de
        )


class UnknownHook(PluginError):
    """Plugins implement hooks no specification declares: usually a misspelt name.

    ``found`` holds ``(plugin, hook, closest known hook or None)`` for each.
    """

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{listing}",
        "de": "{listing_de}",
    }

    def __init__(self, found: Sequence[tuple[str, str, str | None]]) -> None:
        self.found = list(found)
        en, de = [], []
        for plugin, hook, closest in self.found:
            en.append(
                f"plugin {plugin}: {hook} is not a hook of sorgende or of a loaded plugin"
                + (f" (did you mean {closest}?)" if closest else "")
            )
            de.append(
                f"Plugin {plugin}: {hook} ist kein Hook von sorgende oder eines geladenen "
                "Plugins" + (f" (gemeint ist wohl {closest})" if closest else "")
            )
        SorgendeError.__init__(
            self,
            plugin=", ".join(dict.fromkeys(p for p, _, _ in self.found)),
            hook=", ".join(dict.fromkeys(h for _, h, _ in self.found)),
            listing="; ".join(en),
            listing_de="; ".join(de),
        )


class HookMismatch(PluginError):
    """A hook implementation does not fit its specification, or two packages specify one hook."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "plugin {plugin}: {hook} does not fit its specification: {problem}",
        "de": "Plugin {plugin}: {hook} passt nicht zu seiner Spezifikation: {problem}",
    }

    def __init__(self, plugin: str, hook: str, problem: str) -> None:
        SorgendeError.__init__(self, plugin=plugin, hook=hook, problem=problem)


class MissingDependency(SorgendeError):
    """An optional part of sorgende needs a package that is not installed."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{feature} needs the package {package}: pip install sorgende[{extra}]",
        "de": "{feature_de} braucht das Paket {package}: pip install sorgende[{extra}]",
    }

    def __init__(self, feature: str, package: str, extra: str, feature_de: str = "") -> None:
        super().__init__(
            feature=feature, package=package, extra=extra, feature_de=feature_de or feature
        )
