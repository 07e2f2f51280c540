"""The plugin's domain events (hook ``sorgende_event_types``).

Those marked :func:`sorgende.notifies` reach the persons they name through the core's
outbox: the answer to one's idea, a survey in one's village, a forum next week.
Moderation and the municipality's answer are privileged acts: :func:`sorgende.audited`.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import attrs

import sorgende
from sorgende.domain.events import DomainEvent
from sorgende_participation import summaries


@attrs.frozen
class IdeaPosted(DomainEvent):
    idea_id: uuid.UUID
    place_id: uuid.UUID | None = None


@attrs.frozen
class IdeaSupported(DomainEvent):
    idea_id: uuid.UUID
    person_id: uuid.UUID


@attrs.frozen
class SupportWithdrawn(DomainEvent):
    idea_id: uuid.UUID
    person_id: uuid.UUID


@attrs.frozen
class CommentPosted(DomainEvent):
    idea_id: uuid.UUID
    comment_id: uuid.UUID


@attrs.frozen
class CommentReported(DomainEvent):
    idea_id: uuid.UUID
    comment_id: uuid.UUID


@sorgende.audited("author_id")
@sorgende.notifies("author_id", summary=summaries.comment_hidden)
@attrs.frozen
class CommentHidden(DomainEvent):
    idea_id: uuid.UUID
    comment_id: uuid.UUID
    author_id: uuid.UUID
    reason: str


@sorgende.audited("author_id")
@sorgende.notifies("author_id", summary=summaries.idea_answered)
@attrs.frozen
class IdeaAnswered(DomainEvent):
    """The municipality's answer to an idea: its state and the reason in words."""

    idea_id: uuid.UUID
    author_id: uuid.UUID
    state: str
    reason: str


@sorgende.notifies("author_id", summary=summaries.idea_became_project)
@attrs.frozen
class IdeaBecameProject(DomainEvent):
    idea_id: uuid.UUID
    author_id: uuid.UUID
    project_id: uuid.UUID


@sorgende.notifies("persons", summary=summaries.survey_opened)
@attrs.frozen
class SurveyOpened(DomainEvent):
    """A survey was opened; ``persons``: its audience, told of it."""

    survey_id: uuid.UUID
    persons: tuple[uuid.UUID, ...] = ()


@attrs.frozen
class SurveyAnswered(DomainEvent):
    """Someone answered (the event names nobody but who acted: a count)."""

    survey_id: uuid.UUID


@attrs.frozen
class ForumPlanned(DomainEvent):
    forum_id: uuid.UUID
    event_id: uuid.UUID | None
    starts_at: datetime


@attrs.frozen
class ForumMinutesRecorded(DomainEvent):
    forum_id: uuid.UUID


@sorgende.notifies("persons", summary=summaries.forum_next_week)
@attrs.frozen
class ForumNextWeek(DomainEvent):
    """The reminder a week before a forum, to the residents of its place."""

    forum_id: uuid.UUID
    persons: tuple[uuid.UUID, ...] = ()


@sorgende.audited("person_id")
@attrs.frozen
class GuardianConsentRecorded(DomainEvent):
    person_id: uuid.UUID


@sorgende.audited()
@attrs.frozen
class ParticipationSettingsChanged(DomainEvent):
    threshold: int
    guardian_consent: bool


EVENT_TYPES: tuple[type[DomainEvent], ...] = (
    IdeaPosted,
    IdeaSupported,
    SupportWithdrawn,
    CommentPosted,
    CommentReported,
    CommentHidden,
    IdeaAnswered,
    IdeaBecameProject,
    SurveyOpened,
    SurveyAnswered,
    ForumPlanned,
    ForumMinutesRecorded,
    ForumNextWeek,
    GuardianConsentRecorded,
    ParticipationSettingsChanged,
)
