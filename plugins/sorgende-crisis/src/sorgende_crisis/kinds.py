"""The record kinds of the plugin: what it stores, queries by, exports and erases.

Each kind's queried fields are the columns of its table in the plugin's migrations
(``migrations/``): a change here needs a new migration (``add_kind_column``).
"""

from __future__ import annotations

from typing import Any

from sorgende.records import Erasure, RecordKind
from sorgende_crisis.model import Crisis, CrisisTask, Dispatch, Helper

CRISIS: RecordKind[Crisis] = RecordKind(
    name="crisis.crisis",
    cls=Crisis,
    indexes=("active", "opened_at"),
    erasure=Erasure.KEEP,
    order="opened_at",
    after=("actor",),
)

#: a helper's intake is personal; a helper who became a member finds it in their
#: export (``member_id``) and it goes with their erasure; the retention deletes the
#: others' (see :meth:`sorgende_crisis.Crisis.run_retention`)
HELPER: RecordKind[Helper] = RecordKind(
    name="crisis.helper",
    cls=Helper,
    indexes=("crisis_id", "state", "registered_at"),
    persons=("member_id",),
    confidential=("token",),
    erasure=Erasure.DELETE,
    order="registered_at",
    after=("actor", "crisis.crisis"),
)

TASK: RecordKind[CrisisTask] = RecordKind(
    name="crisis.task",
    cls=CrisisTask,
    indexes=("crisis_id", "open", "priority", "created_at"),
    erasure=Erasure.KEEP,
    order="created_at",
    after=("crisis.crisis",),
)

DISPATCH: RecordKind[Dispatch] = RecordKind(
    name="crisis.dispatch",
    cls=Dispatch,
    indexes=("crisis_id", "task_id", "helper_id", "state", "dispatched_at"),
    erasure=Erasure.KEEP,
    order="dispatched_at",
    after=("crisis.task", "crisis.helper"),
)

KINDS: tuple[RecordKind[Any], ...] = (CRISIS, HELPER, TASK, DISPATCH)
