"""sorgende-participation: residents' ideas with supports and the municipality's
answer, surveys with small-cell suppression, citizens' forums and workshops — a
capability built as a plugin, on sorgende's public API and hooks only.

Use it through the facade :class:`Participation` (one community)::

    import sorgende, sorgende_participation

    platform = sorgende.open("memory://", plugins=[sorgende_participation])
    participation = sorgende_participation.Participation(platform, community_id)

An accepted idea becomes a project, and a forum an event with registration, of the
projects plugin (``sorgende-projects``) through the hooks that plugin offers
(``sorgende_projects.hookspecs``): the two plugins do not import each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sorgende
from sorgende.domain.events import DomainEvent
from sorgende.records import RecordKind
from sorgende_participation import messages as _messages  # registers the texts
from sorgende_participation.events import EVENT_TYPES
from sorgende_participation.kinds import KINDS
from sorgende_participation.model import (
    Ballot,
    Comment,
    Forum,
    ForumKind,
    GuardianConsent,
    Idea,
    IdeaState,
    ParticipationSettings,
    Question,
    QuestionKind,
    Response,
    Support,
    Survey,
)
from sorgende_participation.results import DEFAULT_THRESHOLD, Cell, QuestionResult, SurveyResults
from sorgende_participation.service import Participation

del _messages


@sorgende.hookimpl
def sorgende_record_kinds() -> Sequence[RecordKind[Any]]:
    return KINDS


@sorgende.hookimpl
def sorgende_event_types() -> Sequence[type[DomainEvent]]:
    return EVENT_TYPES


@sorgende.hookimpl
def sorgende_migrations() -> list[str]:
    return [str(Path(__file__).parent / "migrations")]


__all__ = [
    "DEFAULT_THRESHOLD",
    "Ballot",
    "Cell",
    "Comment",
    "Forum",
    "ForumKind",
    "GuardianConsent",
    "Idea",
    "IdeaState",
    "Participation",
    "ParticipationSettings",
    "Question",
    "QuestionKind",
    "QuestionResult",
    "Response",
    "Support",
    "Survey",
    "SurveyResults",
]
