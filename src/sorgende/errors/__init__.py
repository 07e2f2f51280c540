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

from sorgende import i18n
from sorgende.errors import naming
from sorgende.errors.base import (
    ConflictError,
    InvalidValue,
    LedgerError,
    NotFound,
    PermissionDenied,
    PluginError,
    SorgendeError,
    ValidationError,
)
from sorgende.errors.refusals import (
    IllegalStatusChange,
    IllegalTransition,
    InvalidAdjustment,
    InvalidHours,
    InvalidTimeWindow,
    MissingQualification,
    NaiveDatetime,
    OfferClosed,
    RequestClosed,
    RequestFull,
    SelfHelp,
    UnknownCategory,
    UnknownPlace,
    Vetoed,
)
from sorgende.errors.rules import (
    DamagedRecord,
    DoubleBooked,
    NotYetStarted,
    PersonInactive,
    WindowOutOfRange,
)
from sorgende.errors.system import (
    CommunityExists,
    ConfigError,
    DuplicateEventType,
    DuplicateMessage,
    HookMismatch,
    InvalidChannel,
    InvalidQuery,
    InvalidRecordKind,
    MalformedData,
    MissingDependency,
    OutboxUnsupported,
    SchemaOutdated,
    UnknownEventType,
    UnknownFeedToken,
    UnknownHook,
    UnknownMigrations,
    UnknownStorage,
    WrongCommunity,
)
from sorgende.i18n import DEFAULT_LANGUAGE, Message, Text

__all__ = [
    "DEFAULT_LANGUAGE",
    "CommunityExists",
    "ConfigError",
    "ConflictError",
    "DamagedRecord",
    "DoubleBooked",
    "DuplicateEventType",
    "DuplicateMessage",
    "HookMismatch",
    "IllegalStatusChange",
    "IllegalTransition",
    "InvalidAdjustment",
    "InvalidChannel",
    "InvalidHours",
    "InvalidQuery",
    "InvalidRecordKind",
    "InvalidTimeWindow",
    "InvalidValue",
    "LedgerError",
    "MalformedData",
    "Message",
    "MissingDependency",
    "MissingQualification",
    "NaiveDatetime",
    "NotFound",
    "NotYetStarted",
    "OfferClosed",
    "OutboxUnsupported",
    "PermissionDenied",
    "PersonInactive",
    "PluginError",
    "RequestClosed",
    "RequestFull",
    "SchemaOutdated",
    "SelfHelp",
    "SorgendeError",
    "Text",
    "UnknownCategory",
    "UnknownEventType",
    "UnknownFeedToken",
    "UnknownHook",
    "UnknownMigrations",
    "UnknownPlace",
    "UnknownStorage",
    "ValidationError",
    "Vetoed",
    "WindowOutOfRange",
    "WrongCommunity",
    "naming",
]

i18n.set_conflict_error(DuplicateMessage)
