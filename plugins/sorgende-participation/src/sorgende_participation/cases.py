"""What the plugin's use cases share: one unit of work each (run again after a storage
conflict), the acting person as the core reads her, the community's settings, the
municipality's organisations, checks of input, and the hooks of the projects plugin."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

# the core's, re-exported: the plugin's modules take it from here
from sorgende import PluginCases, Principal, Work  # noqa: F401
from sorgende.domain.actors import ActorKind
from sorgende.domain.principals import (
    Acting,
    event_actor,  # noqa: F401
)
from sorgende.errors import InvalidValue, Message
from sorgende.ports import UnitOfWork
from sorgende_participation.errors import ProjectsMissing
from sorgende_participation.kinds import CONSENT, SETTINGS
from sorgende_participation.model import GuardianConsent, ParticipationSettings

#: who acts: a person's id, or the operator or the system
By = uuid.UUID | Principal

MAX_TITLE = 200
MAX_TEXT = 10_000
#: runs of a use case that many persons do at the same moment (supporting one idea,
#: answering one survey): each lost race on a key is run again from its reads
CONTENDED_ATTEMPTS = 16


class Cases(PluginCases):
    """Base of the facade's families: the platform and one community."""

    contended_attempts = CONTENDED_ATTEMPTS

    # -- the projects plugin, through its hooks ---------------------------------------

    def _projects_hook(self, hook_: str, what: str, /, **kwargs: Any) -> Any:
        """Call the projects plugin's hook ``hook_`` (see ``sorgende_projects.hookspecs``);
        without that plugin, :class:`ProjectsMissing` naming ``what``."""
        hook = f"sorgende_projects_{hook_}"
        plugins = self.platform.plugins
        if not hasattr(plugins.hook, hook) or not plugins.implementations(hook):
            raise ProjectsMissing(Message(f"participation.needs.{what}"))
        found = plugins.call_first(
            hook, platform=self.platform, community_id=self.community_id, **kwargs
        )
        if found is None:
            raise ProjectsMissing(Message(f"participation.needs.{what}"))
        return found[1]

    def projects_available(self) -> bool:
        plugins = self.platform.plugins
        return hasattr(plugins.hook, "sorgende_projects_progress")


def settings_of(uow: UnitOfWork, community_id: uuid.UUID) -> ParticipationSettings:
    found = uow.of(SETTINGS).find(community_id)
    return found if found is not None else ParticipationSettings(community_id)


def consent_of(uow: UnitOfWork, acting: Acting) -> GuardianConsent | None:
    return uow.of(CONSENT).find(acting.id) if acting.id is not None else None


def municipalities(uow: UnitOfWork) -> tuple[uuid.UUID, ...]:
    return tuple(a.id for a in uow.actors.list(kind=ActorKind.MUNICIPALITY))


def year_of(now: datetime, uow: UnitOfWork) -> int:
    return now.astimezone(ZoneInfo(uow.community.get().time_zone)).year


def title(value: str, field: str = "title") -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(field, Message("problem.validation.empty"))
    if len(value) > MAX_TITLE:
        raise InvalidValue(
            field, Message("problem.validation.longer_than_characters", max_name=MAX_TITLE)
        )
    return value.strip()


def text(value: str, field: str, *, required: bool = False) -> str:
    if not isinstance(value, str):
        raise InvalidValue(field, Message("participation.problem.text"))
    if required and not value.strip():
        raise InvalidValue(field, Message("problem.validation.empty"))
    if len(value) > MAX_TEXT:
        raise InvalidValue(
            field, Message("problem.validation.longer_than_characters", max_name=MAX_TEXT)
        )
    return value.strip()
