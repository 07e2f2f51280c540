"""Hours of a shift into the community's time bank, through the core's general mechanism
for a plugin's activities (``platform.book_activity``, see docs/hooks.md)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, cast

from sorgende.domain.actors import Actor
from sorgende.i18n import translate
from sorgende_projects.cases import Work, zone_of
from sorgende_projects.errors import shift_named
from sorgende_projects.model import Event, Shift

if TYPE_CHECKING:
    import sorgende


def credit_hours(
    w: Work,
    platform: sorgende.Platform,
    shift: Shift,
    event: Event,
    person: Actor,
    minutes: int,
    by: uuid.UUID | None,
) -> None:
    """Credit ``minutes`` to the person's account, given by the event's first organiser
    (an event's helpers are thanked by those who run it, as a recipient thanks a helper)."""
    payer = event.organisation_ids[0]
    language = platform.language
    reason = translate(
        "projects.timebank.reason",
        language,
        shift=shift_named(shift, zone_of(w.uow)).text(language),
        event=event.title,
    )
    platform.book_activity(
        cast(Any, w),  # the use case's own work, typed here by what the plugin uses of it
        from_account=payer,
        to_account=person.id,
        minutes=minutes,
        reason=reason,
        by=by,
        cause=f"projects.shift:{shift.id}",
    )
