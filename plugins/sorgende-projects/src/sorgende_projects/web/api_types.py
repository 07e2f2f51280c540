"""The shapes of the plugin's REST API: the bodies it accepts and the answers it gives.

Bodies are ``msgspec`` structs that forbid unknown fields, like the web platform's own
(a body carrying ``state``, ``position`` or ``community_id`` is refused with 400, nothing
a client sends is copied onto a record); answers are the plugin's records, which the
OpenAPI document describes from their attrs classes.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence

import attrs
import msgspec

from sorgende_projects.model import Event, Project, ProjectMember, Shift, SignUp


class Body(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    pass


class SignUpIn(Body):
    """Sign up for a shift, or cancel: oneself, or (where the rules allow) someone else."""

    #: whom; default the caller
    person_id: uuid.UUID | None = None


class PersonIn(Body):
    """Check-in, check-out or no-show of a person signed up (by an organiser)."""

    person_id: uuid.UUID


@attrs.frozen
class ShiftOut:
    """A shift with its free places, in all and per qualification kept."""

    shift: Shift
    free: int
    free_by_need: Mapping[str, int]


@attrs.frozen
class EventOut:
    event: Event
    shifts: Sequence[ShiftOut]


@attrs.frozen
class EventPage:
    items: Sequence[Event]
    total: int


@attrs.frozen
class SignUpOut:
    """A sign-up, with its place on the shift's waitlist while it waits (1: the next)."""

    signup: SignUp
    waitlist_place: int | None = None


@attrs.frozen
class ProjectOut:
    project: Project
    members: Sequence[ProjectMember]
