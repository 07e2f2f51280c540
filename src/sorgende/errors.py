"""The error family of sorgende.

Every refusal the library makes is a subclass of :class:`SorgendeError`. Each class
carries its message in German (the users' language, the default) and English, so a
web page or a CLI can show the refusal to a person in their language, while
``str(error)`` gives the English text for developers and logs.

An error class's ``templates`` are its entry in the one message catalogue
(:mod:`sorgende.i18n`): defining the class registers them under its ``message_key``
(module and class name), so a plugin's errors are checked for completeness like the
core's. Parts of a message decided by the caller (a validation problem, a reason) are
:class:`sorgende.i18n.Message` objects, put into words in the reader's language.

The families a caller usually catches are :class:`ValidationError` (the input is
wrong), :class:`NotFound`, :class:`PermissionDenied`, :class:`IllegalTransition`,
:class:`ConflictError` (a concurrent change won; retry) and :class:`PluginError`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from sorgende import i18n
from sorgende.i18n import DEFAULT_LANGUAGE, Message, Text

__all__ = ["DEFAULT_LANGUAGE", "Message", "Text"]  # re-exported: callers build messages


class SorgendeError(Exception):
    """Base of every error sorgende raises on purpose."""

    #: message templates by language, formatted with the error's ``params``
    templates: ClassVar[Mapping[str, str]] = {
        "en": "{detail}",
        "de": "{detail}",
    }

    #: the key of ``templates`` in the catalogue; set when the class defines templates
    message_key: ClassVar[str] = "sorgende.errors.SorgendeError"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "templates" in cls.__dict__:
            cls.message_key = f"{cls.__module__}.{cls.__qualname__}"
            i18n.register_messages(cls.__module__, {cls.message_key: cls.templates})

    def __init__(self, **params: Any) -> None:
        self.params: dict[str, Any] = params
        super().__init__(self.message("en"))

    def message(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The message for a person, in ``language`` (``de`` or ``en``)."""
        return i18n.translate(self.message_key, language, **self.params)

    def __str__(self) -> str:
        return self.message("en")

    def as_message(self) -> Message:
        """This error's text as a message, to be part of another error's text."""
        return Message(self.message_key, **self.params)


i18n.register_messages(__name__, {SorgendeError.message_key: SorgendeError.templates})


# --- the input is wrong -------------------------------------------------------------


class ValidationError(SorgendeError):
    """The input breaks a rule of the domain; nothing was changed."""


class InvalidValue(ValidationError):
    """``field`` breaks a rule; ``problem`` says which (a plain string is shown as is)."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{field}: {problem}",
        "de": "{field}: {problem}",
    }

    def __init__(self, field: str, problem: Text) -> None:
        super().__init__(field=field, problem=problem)


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
        "de": "Das Hilfegesuch {request} ist {status}; es nimmt keine Helfenden mehr an",
    }

    def __init__(self, request: object, status: str) -> None:
        super().__init__(request=request, status=Message(f"request.{status}"))


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
        "de": "Das Hilfsangebot {offer} ist {status} und kann nicht mehr genutzt werden",
    }

    def __init__(self, offer: object, status: str) -> None:
        super().__init__(offer=offer, status=Message(f"offer.{status}"))


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
        "de": "Konfiguration {source}: {problem}",
    }

    def __init__(self, source: str, problem: Text) -> None:
        super().__init__(source=source, problem=problem)


# --- something is missing -----------------------------------------------------------


class NotFound(SorgendeError):
    """No ``kind`` with ``id``; the kind is named by its text ``kind.<kind>`` if it has one."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{kind} {id} not found",
        "de": "{kind} {id} wurde nicht gefunden",
    }

    def __init__(self, kind: str, id: object) -> None:
        label: Text = Message(f"kind.{kind}") if i18n.is_registered(f"kind.{kind}") else kind
        super().__init__(kind=label, id=id)


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
    """``actor`` may not do ``action`` (``permission.action.*``) for ``reason``."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{actor} may not {action}: {reason}",
        "de": "{actor} darf nicht {action}: {reason}",
    }

    def __init__(self, actor: object, action: Text, reason: Text) -> None:
        super().__init__(actor=actor, action=action, reason=reason)


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
        "möglich (möglich: {allowed})",
    }

    def __init__(
        self, exchange: object, state: str, transition: str, allowed: Sequence[str]
    ) -> None:
        super().__init__(
            exchange=exchange,
            state=state,
            transition=transition,
            allowed=", ".join(allowed) or Message("problem.state_final"),
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
        "de": "{kind} {id} wurde gleichzeitig geändert (erwartet war Version {expected}); "
        "nichts wurde gespeichert, bitte erneut versuchen",
    }

    #: whether running the use case again from its reads may end differently. A storage's
    #: conflict (a lost compare-and-set, a stale snapshot, a lost lock) is; a refusal the
    #: use case decided from what it read (the key exists already) is not: a retry would
    #: only repeat it (see :class:`sorgende.services.base.ConflictRetries`)
    retryable: bool = True

    def __init__(self, *, retryable: bool | None = None, **params: Any) -> None:
        super().__init__(**params)
        if retryable is not None:
            self.retryable = retryable


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


i18n.set_conflict_error(DuplicateMessage)


# --- rules of the model (requests, offers and exchanges) ----------------------------


class WindowOutOfRange(InvalidValue):
    """A time (``field``: ``window.start``, ``window.end``, ``recurrence.until``) lies
    outside what a request or an offer may have: before the community's grace, beyond its
    horizon, or outside the times the model can represent at all."""


class NotYetStarted(ValidationError):
    """An exchange reported as done (or as not having happened) before its start."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "the help is planned for {when}: it cannot be {change} before it has begun",
        "de": "Die Hilfe ist für {when} geplant: vor ihrem Beginn kann sie nicht als "
        "{change} gemeldet werden",
    }


class DoubleBooked(ValidationError):
    """A helper would hold two accepted exchanges whose times overlap."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{helper} already helps at that time: {other} on {when}; one person cannot "
        "be at two places at once",
        "de": "{helper} hilft zu dieser Zeit schon: {other} am {when}; niemand kann an zwei "
        "Orten zugleich sein",
    }


class PersonInactive(ValidationError):
    """An erased or deactivated person named as the recipient or helper of new help."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{person} no longer takes part ({why}): they cannot be {role}",
        "de": "{person} nimmt nicht mehr teil ({why}) und kann nicht {role} sein",
    }


class DamagedRecord(NotFound):
    """A stored record that cannot be read any more (it breaks a rule of the model).

    Lists and the board leave such records out; ``sorgende db check`` reports them.
    """

    templates: ClassVar[Mapping[str, str]] = {
        "en": "the stored {kind} {id} cannot be read ({problem}); "
        "`sorgende db check` lists such records",
        "de": "Der gespeicherte Datensatz {kind} {id} ist nicht lesbar ({problem}); "
        "`sorgende db check` zeigt solche Datensätze",
    }

    def __init__(self, kind: str, id: object, problem: str) -> None:
        SorgendeError.__init__(self, kind=kind, id=id, problem=problem)
