"""The base of the error family and the families a caller catches."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, ClassVar, Self

from sorgende import i18n
from sorgende.errors import naming
from sorgende.i18n import DEFAULT_LANGUAGE, Capitalised, Localised, Message, Quoted, Term, Text

#: the module the error classes of this package are public in (and their texts' owner)
PUBLIC = "sorgende.errors"


class SorgendeError(Exception):
    """Base of every error sorgende raises on purpose."""

    #: message templates by language, formatted with the error's ``params``
    templates: ClassVar[Mapping[str, str]] = {
        "en": "{detail}",
        "de": "{detail}",
    }

    #: the key of ``templates`` in the catalogue; set when the class defines templates
    message_key: ClassVar[str] = f"{PUBLIC}.SorgendeError"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__module__.startswith(PUBLIC + "."):
            # defined in a module of this package, public (and keyed) as sorgende.errors
            cls.__module__ = PUBLIC
        if "templates" in cls.__dict__:
            cls.message_key = f"{cls.__module__}.{cls.__qualname__}"
            i18n.register_messages(cls.__module__, {cls.message_key: cls.templates})

    def __init__(self, **params: Any) -> None:
        #: the values of the message (names, labels, local dates: see
        #: :mod:`sorgende.errors.naming`) and, for developers, ids and codes (``*_id``...)
        self.params: dict[str, Any] = params
        super().__init__(self.message("en"))

    def message(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The message for a person, in ``language`` (``de`` or ``en``)."""
        return i18n.translate(self.message_key, language, **self.params)

    def __str__(self) -> str:
        return self.message("en")

    def __repr__(self) -> str:
        params = ", ".join(f"{name}={value!r}" for name, value in self.params.items())
        return f"{type(self).__name__}({params})"

    def as_message(self) -> Message:
        """This error's text as a message, to be part of another error's text."""
        return Message(self.message_key, **self.params)

    def named(
        self,
        find: naming.Find | None,
        *,
        time_zone: str | None = None,
        today: date | None = None,
    ) -> Self:
        """Name what this error knows only by id, with ``find`` (see :func:`naming.resolve`).

        The services call it when a refusal leaves a use case, with the community's
        time zone and the day of the use case's clock. Returns the error itself.
        """
        walk = naming.resolver(find, time_zone=time_zone, today=today)
        self.params = {
            name: walk(value) if isinstance(value, Localised) else value
            for name, value in self.params.items()
        }
        self.args = (self.message("en"),)
        return self


i18n.register_messages(PUBLIC, {SorgendeError.message_key: SorgendeError.templates})


# --- the input is wrong -------------------------------------------------------------


class ValidationError(SorgendeError):
    """The input breaks a rule of the domain; nothing was changed."""


class InvalidValue(ValidationError):
    """``field`` breaks a rule; ``problem`` says which (a plain string is shown as is).

    The field is named by its text ``field.<field>`` (``scheduled``: "Termin"); the name
    itself stays in ``params["field_name"]``.
    """

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{field}: {problem}",
        "de": "{field}: {problem}",
    }

    def __init__(self, field: str, problem: Text) -> None:
        super().__init__(field=field_label(field), problem=problem, field_name=field)


def field_label(field: str) -> Text:
    """A field of the input by its label ("field.<name>"); a configuration key as it is."""
    return Term("field", field) if i18n.is_registered(f"field.{field}") else field


# --- something is missing -----------------------------------------------------------


class NotFound(SorgendeError):
    """No ``kind`` with ``id``; the kind is named by its text ``kind.<kind>``.

    The message names the kind ("Hilfegesuch nicht gefunden") and a key a person gave
    by name ("Gemeinschaft „Nirgendwo“ nicht gefunden"), never an id, meaningless to a
    person: it stays in ``params["id"]``, the kind's code in ``params["kind"]``.
    """

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{what} not found",
        "de": "{what} nicht gefunden",
    }

    def __init__(self, kind: str, id: object) -> None:
        what: Localised = Capitalised(Term("kind", kind))
        if isinstance(id, str) and id.strip():
            what = Message("kind.named", kind=what, name=Quoted(id))
        super().__init__(what=what, kind=kind, id=id)


# --- the actor may not do this ------------------------------------------------------


class PermissionDenied(SorgendeError):
    """``actor`` may not do ``action`` (``permission.action.*``) for ``reason``.

    ``actor`` is the actor record, its name, a text ("Der Betrieb") or its id (named by
    the services when the refusal leaves the use case).
    """

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{actor} may not {action}: {reason}",
        "de": "{actor} darf nicht {action}: {reason}",
    }

    def __init__(self, actor: object, action: Text, reason: Text) -> None:
        super().__init__(
            actor=Capitalised(naming.person(actor)),
            action=action,
            reason=reason,
            actor_id=naming.key_of(actor),
        )


# --- concurrency, the ledger, plugins -----------------------------------------------


class ConflictError(SorgendeError):
    """A concurrent change won the race; nothing of this use case was written.

    The caller may reload and try again. The message names the kind of record; which one
    and the version expected are in ``params`` (``kind``, ``id``, ``expected``).
    """

    templates: ClassVar[Mapping[str, str]] = {
        "en": "Changed at the same time ({what}): nothing was written, please try again",
        "de": "Gleichzeitig geändert ({what}): nichts wurde gespeichert, bitte erneut versuchen",
    }

    #: whether running the use case again from its reads may end differently. A storage's
    #: conflict (a lost compare-and-set, a stale snapshot, a lost lock) is; a refusal the
    #: use case decided from what it read (the key exists already) is not: a retry would
    #: only repeat it (see :class:`sorgende.services.base.ConflictRetries`)
    retryable: bool = True

    def __init__(self, *, retryable: bool | None = None, **params: Any) -> None:
        kind = params.get("kind")
        if kind is not None and "what" not in params:
            params["what"] = Term("kind", str(kind))
        params.setdefault("what", Term("kind", "record"))
        super().__init__(**params)
        if retryable is not None:
            self.retryable = retryable


class LedgerError(SorgendeError):
    """A posting breaks a ledger invariant (it does not sum to zero, has no cause...)."""


class PluginError(SorgendeError):
    templates: ClassVar[Mapping[str, str]] = {
        "en": "plugin {plugin}: {problem}",
        "de": "Plugin {plugin}: {problem}",
    }
