"""The record kinds of the plugin: what it stores, queries by, exports and erases.

Each kind's queried fields are the columns of its table in the plugin's migrations
(``migrations/``): a change here needs a new migration.
"""

from __future__ import annotations

from typing import Any

from sorgende.records import Erasure, RecordKind
from sorgende_participation.model import (
    Ballot,
    Comment,
    Forum,
    GuardianConsent,
    Idea,
    ParticipationSettings,
    Response,
    Support,
    Survey,
)

#: an idea is its author's: exported; erasure blanks its title and text, the idea stays
#: (its supports, its answer and the project it became belong to the community)
IDEA: RecordKind[Idea] = RecordKind(
    name="participation.idea",
    cls=Idea,
    indexes=("place_id", "state", "forum_id", "created_at"),
    persons=("author_id",),
    mentions=("answered_by",),
    erasure=Erasure.BLANK,
    order="created_at",
    after=("actor",),
)

#: a support is its person's (exported) and stays counted after her erasure: it holds
#: nothing but that she supported it, and her name is erased from the actor
SUPPORT: RecordKind[Support] = RecordKind(
    name="participation.support",
    cls=Support,
    indexes=("idea_id", "withdrawn", "at"),
    persons=("person_id",),
    erasure=Erasure.KEEP,
    order="at",
    after=("actor", "participation.idea"),
)

#: a comment is its author's: deleted with her
COMMENT: RecordKind[Comment] = RecordKind(
    name="participation.comment",
    cls=Comment,
    indexes=("idea_id", "hidden", "at"),
    persons=("author_id",),
    mentions=("hidden_by",),
    erasure=Erasure.DELETE,
    order="at",
    after=("actor", "participation.idea"),
)

SURVEY: RecordKind[Survey] = RecordKind(
    name="participation.survey",
    cls=Survey,
    indexes=("place_id", "opens_at"),
    erasure=Erasure.KEEP,
    order="opens_at",
    after=("actor",),
)

#: that a person answered (exported); it stays after her erasure so that the count of
#: answers and the one-answer rule stay right; the answers themselves name nobody
BALLOT: RecordKind[Ballot] = RecordKind(
    name="participation.ballot",
    cls=Ballot,
    indexes=("survey_id",),
    persons=("person_id",),
    erasure=Erasure.KEEP,
    after=("actor", "participation.survey"),
)

RESPONSE: RecordKind[Response] = RecordKind(
    name="participation.response",
    cls=Response,
    indexes=("survey_id",),
    erasure=Erasure.KEEP,
    after=("participation.survey",),
)

FORUM: RecordKind[Forum] = RecordKind(
    name="participation.forum",
    cls=Forum,
    indexes=("reminded", "starts_at"),
    erasure=Erasure.KEEP,
    order="starts_at",
    after=("actor",),
)

#: the guardian's consent is the young person's: deleted with her
CONSENT: RecordKind[GuardianConsent] = RecordKind(
    name="participation.consent",
    cls=GuardianConsent,
    key="person_id",
    persons=("person_id",),
    mentions=("recorded_by",),
    erasure=Erasure.DELETE,
    after=("actor",),
)

SETTINGS: RecordKind[ParticipationSettings] = RecordKind(
    name="participation.settings",
    cls=ParticipationSettings,
    key="community_id",
    erasure=Erasure.KEEP,
)

KINDS: tuple[RecordKind[Any], ...] = (
    IDEA,
    SUPPORT,
    COMMENT,
    SURVEY,
    BALLOT,
    RESPONSE,
    FORUM,
    CONSENT,
    SETTINGS,
)
