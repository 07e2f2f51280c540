"""sorgende-crisis: crisis response with spontaneous helpers who need no account —
intake by a public form or by phone, tasks, triage and dispatch in batches, check-in
and check-out, a situation picture, thanks, conversion into members and erasure after
the retention period. A capability built as a plugin, on sorgende's public API and
hooks only.

Use it through the facade :class:`CrisisResponse` (one community)::

    import sorgende, sorgende_crisis

    platform = sorgende.open("memory://", plugins=[sorgende_crisis])
    crisis = sorgende_crisis.CrisisResponse(platform, community_id)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sorgende
from sorgende.records import RecordKind
from sorgende_crisis import messages as _messages  # registers the texts
from sorgende_crisis.errors import CrisisRefused, DispatchRefused, NotCrisisStaff, Throttled
from sorgende_crisis.intake import Throttle
from sorgende_crisis.kinds import KINDS
from sorgende_crisis.model import (
    RETENTION_DAYS,
    Crisis,
    CrisisTask,
    Dispatch,
    DispatchState,
    Helper,
    HelperState,
    Situation,
)
from sorgende_crisis.service import CrisisResponse

del _messages


@sorgende.hookimpl
def sorgende_record_kinds() -> Sequence[RecordKind[Any]]:
    return KINDS


@sorgende.hookimpl
def sorgende_migrations() -> list[str]:
    return [str(Path(__file__).parent / "migrations")]


@sorgende.hookimpl(optionalhook=True)
def sorgende_sim_responders() -> list[Any]:
    """The flood's responders of ``sorgende.sim`` (``flood.responder``): see .sim
    (optional: a platform without the simulation's hooks does not ask)."""
    from sorgende_crisis.sim import responders

    return list(responders())


__all__ = [
    "RETENTION_DAYS",
    "Crisis",
    "CrisisRefused",
    "CrisisResponse",
    "CrisisTask",
    "Dispatch",
    "DispatchRefused",
    "DispatchState",
    "Helper",
    "HelperState",
    "NotCrisisStaff",
    "Situation",
    "Throttle",
    "Throttled",
]
