"""The participation plugin's records: ideas with supports, comments and the
municipality's answer; surveys with their questions, ballots and anonymous responses;
forums and workshops; a guardian's consent; the plugin's settings of a community.

Frozen attrs classes, stored through the record kinds of :mod:`sorgende_participation.kinds`;
the rules on them are in :mod:`sorgende_participation.rules`.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

import attrs

from sorgende.domain.personal import personal


def _new_id() -> uuid.UUID:
    return uuid.uuid4()


#: the namespace of the keys of supports and ballots: one record per (subject, person),
#: so that a second support or answer of the same person is a key that exists already
#: (refused by every storage, also by two processes at the same moment)
ONE_PER_PERSON = uuid.UUID("6a1d3c1e-5b0e-4f59-9a43-1b3f6f0c2d11")


def one_per_person(subject_id: uuid.UUID, person_id: uuid.UUID) -> uuid.UUID:
    """The key of a person's support of an idea or ballot of a survey."""
    return uuid.uuid5(ONE_PER_PERSON, f"{subject_id}:{person_id}")


class IdeaState(enum.StrEnum):
    """Where the municipality's answer to an idea stands."""

    RECEIVED = "received"
    UNDER_REVIEW = "under_review"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_POSSIBLE = "not_possible"


@attrs.frozen
class Idea:
    """A resident's idea (Vorschlag) for a place or the whole community."""

    community_id: uuid.UUID
    author_id: uuid.UUID
    title: str = personal(erased="")
    text: str = personal(erased="")
    category: str = ""
    #: ``None``: the whole community
    place_id: uuid.UUID | None = None
    created_at: datetime | None = None
    state: IdeaState = IdeaState.RECEIVED
    #: the municipality's answer in plain words (with ``state``)
    answer: str = ""
    answered_by: uuid.UUID | None = None
    answered_at: datetime | None = None
    #: the project of the projects plugin it became (through its hooks)
    project_id: uuid.UUID | None = None
    #: the forum or workshop that produced it
    forum_id: uuid.UUID | None = None
    id: uuid.UUID = attrs.field(factory=_new_id)
    version: int = 1


@attrs.frozen
class Support:
    """A person's support of an idea: one per person (its key), withdrawable."""

    community_id: uuid.UUID
    idea_id: uuid.UUID
    person_id: uuid.UUID
    at: datetime
    withdrawn: bool = False
    id: uuid.UUID = attrs.field(factory=_new_id)
    version: int = 1


@attrs.frozen
class Comment:
    """A comment on an idea; reported by anyone, hidden by a moderator with a reason."""

    community_id: uuid.UUID
    idea_id: uuid.UUID
    author_id: uuid.UUID
    at: datetime
    text: str = personal(erased="")
    reports: int = 0
    #: who reported it (each person once)
    reported_by: tuple[uuid.UUID, ...] = ()
    hidden: bool = False
    hidden_reason: str = ""
    hidden_by: uuid.UUID | None = None
    id: uuid.UUID = attrs.field(factory=_new_id)
    version: int = 1


class QuestionKind(enum.StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    SCALE = "scale"
    TEXT = "text"


@attrs.frozen
class Question:
    text: str
    kind: QuestionKind
    #: the options of a choice; a scale's are its steps ("1" .. "5")
    options: tuple[str, ...] = ()


@attrs.frozen
class Survey:
    """A survey open for a period, for the community, a place or an age group."""

    community_id: uuid.UUID
    title: str
    questions: tuple[Question, ...]
    opens_at: datetime
    closes_at: datetime
    created_by: uuid.UUID | None
    created_at: datetime
    description: str = ""
    #: the audience: a place (residents whose home is there), an age group (years)
    place_id: uuid.UUID | None = None
    min_age: int | None = None
    max_age: int | None = None
    id: uuid.UUID = attrs.field(factory=_new_id)
    version: int = 1


@attrs.frozen
class Ballot:
    """That a person answered a survey (one per person: its key). What she answered is
    in a :class:`Response` that names nobody."""

    community_id: uuid.UUID
    survey_id: uuid.UUID
    person_id: uuid.UUID
    id: uuid.UUID = attrs.field(factory=_new_id)
    version: int = 1


@attrs.frozen
class Response:
    """The answers of one ballot, without the person: they stay as counts when she is
    erased. ``answers[i]`` is question ``i``'s: chosen options, or the free text."""

    community_id: uuid.UUID
    survey_id: uuid.UUID
    answers: tuple[tuple[str, ...], ...]
    id: uuid.UUID = attrs.field(factory=_new_id)
    version: int = 1


class ForumKind(enum.StrEnum):
    FORUM = "forum"  # Bürgerforum
    FUTURE_WORKSHOP = "future_workshop"  # Zukunftswerkstatt
    VILLAGE_WORKSHOP = "village_workshop"  # Dorfwerkstatt
    YOUTH_FORUM = "youth_forum"  # Jugendforum


@attrs.frozen
class Forum:
    """A citizens' forum or workshop; registration is the event of the projects plugin
    it was planned as (``event_id``, ``shift_id``: its places)."""

    community_id: uuid.UUID
    title: str
    kind: ForumKind
    starts_at: datetime
    ends_at: datetime
    organisation_id: uuid.UUID
    created_at: datetime
    place_id: uuid.UUID | None = None
    agenda: tuple[str, ...] = ()
    minutes: str = ""
    event_id: uuid.UUID | None = None
    shift_id: uuid.UUID | None = None
    #: told of it the week before (``Participation.remind_forums``)
    reminded: bool = False
    id: uuid.UUID = attrs.field(factory=_new_id)
    version: int = 1


@attrs.frozen
class GuardianConsent:
    """A guardian's consent that a young person takes part (key: the young person)."""

    community_id: uuid.UUID
    person_id: uuid.UUID
    guardian: str = personal(erased="")
    recorded_by: uuid.UUID | None = None
    at: datetime | None = None
    version: int = 1


@attrs.frozen
class ParticipationSettings:
    """A community's choices: categories of ideas, the threshold of small cells, and
    whether persons under ``consent_under`` need a guardian's consent."""

    community_id: uuid.UUID
    categories: tuple[str, ...] = ("Verkehr", "Spielplatz", "Dorfleben", "Umwelt", "Sonstiges")
    threshold: int = 5
    guardian_consent: bool = True
    consent_under: int = 16
    version: int = 1
