"""sorgende: the core of caring-community platforms (Sorgende Gemeinschaften).

Open a platform, create a community, and call its use cases::

    import sorgende

    platform = sorgende.open("memory://")
    daun = platform.create_community("VG Daun")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from sorgende.config import Settings, load_settings
from sorgende.domain.actors import (
    Actor,
    ActorKind,
    CommunityRole,
    Consent,
    Membership,
    Pronoun,
    Qualification,
    QualificationKind,
    Role,
)
from sorgende.domain.audit import AuditEntry, audited
from sorgende.domain.categories import Category
from sorgende.domain.commitments import Commitment, CommitmentStatus, Fulfilment, Period
from sorgende.domain.community import Community, Place, PlaceKind, SolidarityPolicy
from sorgende.domain.events import DomainEvent, LoggedEvent
from sorgende.domain.exchanges import Exchange, ExchangeState, Party
from sorgende.domain.help import HelpOffer, HelpRequest, OfferStatus, RequestStatus
from sorgende.domain.ledger import (
    Adjustment,
    AdjustmentOutcome,
    AdjustmentState,
    Entry,
    Posting,
    PostingKind,
    Statement,
)
from sorgende.domain.matching import Candidate
from sorgende.domain.notices import notifies
from sorgende.domain.policy import OPERATOR, SYSTEM, Acting, Principal
from sorgende.domain.recognition import Recognition
from sorgende.domain.values import Frequency, Recurrence, TimeWindow, utcnow
from sorgende.errors import (
    ConfigError,
    ConflictError,
    IllegalStatusChange,
    IllegalTransition,
    MalformedData,
    NotFound,
    PermissionDenied,
    PluginError,
    SorgendeError,
    UnknownStorage,
    ValidationError,
    Vetoed,
)
from sorgende.hookspecs import hookimpl
from sorgende.serialization import converter, event_type, event_types
from sorgende.services.base import Work
from sorgende.services.community import CommunityService
from sorgende.services.coordination import Count
from sorgende.services.help import Page
from sorgende.services.housekeeping import Housekeeping
from sorgende.services.platform import Platform
from sorgende.services.plugin_cases import PluginCases

__version__ = "0.1.0"


def open(
    url: str | None = None,
    *,
    plugins: Iterable[object] = (),
    disabled_plugins: Iterable[str] | None = None,
    load_entrypoints: bool | None = None,
    clock: Callable[[], datetime] | None = None,
    settings: Settings | None = None,
) -> Platform:
    """Open a platform on the storage at ``url`` (default from settings: ``memory://``).

    :param plugins: plugin objects or modules to register in addition to the default
        and installed ones (handy in tests and scripts).
    :param disabled_plugins: plugin names not to load (adds to the settings').
    :param load_entrypoints: load installed plugins (default from settings: yes).
    :param clock: returns the current time (time-zone aware); simulations pass their own.
    :param settings: settings to use instead of reading ``sorgende.toml`` and the
        environment.
    """
    from sorgende.plugins import Hooks, make_plugin_manager
    from sorgende.serialization import converter
    from sorgende.services.records import collect_registry

    settings = settings or load_settings()
    disabled = [*settings.disabled_plugins, *(disabled_plugins or ())]
    pm = make_plugin_manager(
        plugins=plugins,
        disabled=disabled,
        load_entrypoints=settings.load_entrypoints
        if load_entrypoints is None
        else load_entrypoints,
    )
    url = url or settings.storage
    registry = collect_registry(pm)
    hooks = Hooks(pm)
    storage = hooks.open_storage(url, registry)
    if storage is None:
        schemes = [s for _, found in hooks.storage_schemes() for s in found]
        raise UnknownStorage(url, schemes)
    return Platform(
        storage,
        pm,
        converter=converter,
        clock=clock or utcnow,
        language=settings.language,
        settings=settings,
        registry=registry,
    )


__all__ = [
    "OPERATOR",
    "SYSTEM",
    "Acting",
    "Actor",
    "ActorKind",
    "Adjustment",
    "AdjustmentOutcome",
    "AdjustmentState",
    "AuditEntry",
    "Candidate",
    "Category",
    "Commitment",
    "CommitmentStatus",
    "Community",
    "CommunityRole",
    "CommunityService",
    "ConfigError",
    "ConflictError",
    "Consent",
    "Count",
    "DomainEvent",
    "Entry",
    "Exchange",
    "ExchangeState",
    "Frequency",
    "Fulfilment",
    "HelpOffer",
    "HelpRequest",
    "Housekeeping",
    "IllegalStatusChange",
    "IllegalTransition",
    "LoggedEvent",
    "MalformedData",
    "Membership",
    "NotFound",
    "OfferStatus",
    "Page",
    "Party",
    "Period",
    "PermissionDenied",
    "Place",
    "PlaceKind",
    "Platform",
    "PluginCases",
    "PluginError",
    "Posting",
    "PostingKind",
    "Principal",
    "Pronoun",
    "Qualification",
    "QualificationKind",
    "Recognition",
    "Recurrence",
    "RequestStatus",
    "Role",
    "Settings",
    "SolidarityPolicy",
    "SorgendeError",
    "Statement",
    "TimeWindow",
    "UnknownStorage",
    "ValidationError",
    "Vetoed",
    "Work",
    "audited",
    "converter",
    "event_type",
    "event_types",
    "hookimpl",
    "notifies",
    "open",
]
