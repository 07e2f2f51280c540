"""An event in the log whose plugin was removed is read as a ForeignEvent, and written
back as it was: every reader of the log reads past it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from sorgende.domain.events import (
    DomainEvent,
    ForeignEvent,
    LoggedEvent,
    RequestPosted,
    replace_person,
)
from sorgende.errors import MalformedData
from sorgende.serialization import event_from_log, event_types, from_json, make_converter

WRITTEN = {
    "type": "ShiftRemovedLongAgo",
    "community_id": "8a9e5e0e-0b8a-4a47-9d4d-3b0f3f3f8e01",
    "at": "2026-03-02T10:00:00+01:00[Europe/Berlin]",
    "by": "1f0c2b0a-5a44-4bd5-9d0e-6e6b0c6e9a02",
    "shift_id": "0d1f1a3e-94a5-4d34-a1b3-2b3c4d5e6f03",
    "places": [1, 2],
}


def test_an_event_of_an_unknown_type_is_read_from_the_log_as_foreign_and_written_back() -> None:
    conv = make_converter()
    event = event_from_log(WRITTEN, conv)
    assert isinstance(event, ForeignEvent)
    assert event.type_name == "ShiftRemovedLongAgo"
    assert event.community_id == uuid.UUID(WRITTEN["community_id"])
    assert event.at == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert event.by == uuid.UUID(WRITTEN["by"]) and event.acted_for is None
    assert event.data["places"] == [1, 2]
    assert conv.unstructure(event, DomainEvent) == WRITTEN
    logged = LoggedEvent.of(7, event)
    assert logged.type == "ShiftRemovedLongAgo" and logged.seq == 7


def test_foreign_is_no_event_type_of_its_own() -> None:
    assert "ForeignEvent" not in event_types()
    assert "RequestPosted" in event_types() and event_types()["RequestPosted"] is RequestPosted


def test_outside_the_log_an_unknown_type_stays_an_error() -> None:
    import json

    with pytest.raises(MalformedData, match="ShiftRemovedLongAgo"):
        from_json(json.dumps(WRITTEN), DomainEvent)
    conv = make_converter()
    with pytest.raises(ValueError, match="ShiftRemovedLongAgo"):
        event_from_log({"type": "ShiftRemovedLongAgo", "places": []}, conv)
    with pytest.raises(ValueError, match="not a known event type"):
        event_from_log({"community_id": WRITTEN["community_id"]}, conv)


def test_an_erased_person_is_replaced_inside_a_foreign_event() -> None:
    event = event_from_log({**WRITTEN, "helpers": [WRITTEN["by"]]}, make_converter())
    person, pseudonym = uuid.UUID(WRITTEN["by"]), uuid.uuid4()
    replaced = replace_person(event, person, pseudonym)
    assert isinstance(replaced, ForeignEvent) and replaced.by == pseudonym
    assert replaced.data["helpers"] == [str(pseudonym)] and replaced.data["by"] == str(pseudonym)
    assert replace_person(event, uuid.uuid4(), pseudonym) is None
