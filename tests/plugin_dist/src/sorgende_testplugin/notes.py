"""A record kind, an event type and a use case of a plugin's own: notes on a topic.

The test suite uses it to check that a plugin's records are stored on every storage,
pass the storage contract, travel with a community's export and import, are part of a
person's export and lose their personal field when the person is erased — with no
change to any core module. It uses only sorgende's public API.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import attrs

import sorgende
from sorgende.domain.personal import personal
from sorgende.records import Erasure, RecordKind


@attrs.frozen
class Note:
    """A note a person wrote on a topic; its text is personal."""

    community_id: uuid.UUID
    author_id: uuid.UUID
    topic: str
    written_at: datetime
    text: str = personal(default="", erased="")
    id: uuid.UUID = attrs.field(factory=uuid.uuid4)
    version: int = 1


NOTE: RecordKind[Note] = RecordKind(
    name="testplugin.note",
    cls=Note,
    indexes=("topic", "written_at"),
    persons=("author_id",),
    erasure=Erasure.BLANK,
    order="written_at",
    after=("actor",),
)


@attrs.frozen
class NoteWritten(sorgende.DomainEvent):
    note_id: uuid.UUID
    topic: str


def write_note(
    platform: sorgende.Platform,
    community_id: uuid.UUID,
    author_id: uuid.UUID,
    topic: str,
    text: str,
) -> Note:
    """The plugin's use case: a person writes a note (one unit of work, one event)."""
    with platform.use_case(community_id) as w:
        w.uow.actors.get(author_id)  # the author must be a person of the community
        note = Note(community_id, author_id, topic, w.now, text)
        w.uow.of(NOTE).add(note)
        w.events.append(NoteWritten(community_id, w.now, author_id, note.id, topic))
    return note


def notes_on(platform: sorgende.Platform, community_id: uuid.UUID, topic: str) -> list[Note]:
    with platform.read(community_id) as uow:
        return list(uow.of(NOTE).list(where={"topic": topic}))
