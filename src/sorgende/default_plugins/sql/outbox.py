"""The notification outbox on SQL: fan-out, claims, outcomes and digests in short transactions.

Use cases insert into ``outbox`` in their own transaction (see ``_OutboxRepo`` in
:mod:`.storage`). Dispatchers work on it here, each step one short transaction:

* **fan-out** takes the oldest entries, inserts one ``deliveries`` row per event,
  recipient and channel (``ON CONFLICT (key) DO NOTHING``: the key is unique) and
  deletes the entries;
* **claim** takes due pending deliveries, counts the attempt and sets a lease
  (``next_attempt_at``) before committing, so nobody else takes them while the
  channel works, and they come back if the dispatcher dies;
* **finish** writes each outcome if the delivery was not claimed again meanwhile.

On PostgreSQL the rows a step reads are locked with ``FOR UPDATE SKIP LOCKED``:
several dispatchers run at once, each taking rows the others have not. On SQLite
(which has no row locks) every step begins ``IMMEDIATE`` and so holds the database's
write lock from its first read: steps of several dispatchers queue one after another.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    Connection,
    Engine,
    Insert,
    Row,
    String,
    Text,
    bindparam,
    cast,
    delete,
    func,
    literal_column,
    select,
    type_coerce,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.elements import ColumnClause

from sorgende.default_plugins.sql import tables as t
from sorgende.default_plugins.sql.encoding import IMMEDIATE, micros
from sorgende.domain.events import DomainEvent
from sorgende.notifications.records import (
    DIGEST_KIND,
    FINISHED,
    Delivery,
    DeliveryStatus,
    DigestItem,
    OutboxEntry,
    Outcome,
    digest_key,
    fresh_id,
)
from sorgende.ports import DigestGroup, Plan
from sorgende.serialization import converter

logger = logging.getLogger("sorgende.notifications")

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
#: the statuses of the partial indexes, written into the SQL itself: a bound parameter
#: would keep a prepared statement's generic plan (PostgreSQL) from using the index
_PENDING: ColumnClause[str] = literal_column("'pending'", String)
_HELD: ColumnClause[str] = literal_column("'held'", String)
#: recipients whose held deliveries one digest transaction collects
_DIGEST_CHUNK = 2_000


def _time(micros: int) -> datetime:
    return _EPOCH + timedelta(microseconds=micros)


class SQLOutbox:
    """The outbox of a SQL storage (PostgreSQL or SQLite)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._postgres = engine.dialect.name == "postgresql"
        #: outbox entries this process could not read (e.g. an event type a newer
        #: version removed): left in the outbox for an operator, skipped by fan-outs
        self._unreadable: set[uuid.UUID] = set()

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        with self.engine.connect() as plain:
            conn = plain.execution_options(**{IMMEDIATE: True})
            with conn.begin():
                yield conn

    def _locked(self, statement: Any) -> Any:
        # SQLAlchemy leaves FOR UPDATE out on SQLite by itself; the IMMEDIATE
        # transaction already excludes every other writer there
        return statement.with_for_update(skip_locked=True) if self._postgres else statement

    def _insert_new(self) -> Insert:
        """``INSERT`` of deliveries that skips a row whose key is already stored."""
        if self._postgres:
            return postgresql.insert(t.deliveries).on_conflict_do_nothing(index_elements=["key"])
        return sqlite.insert(t.deliveries).on_conflict_do_nothing(index_elements=["key"])

    # -- fan-out ------------------------------------------------------------------

    def fan_out(self, limit: int, plan: Plan) -> int:
        o = t.outbox.c
        query = select(o.id, o.community_id, o.created_at, o.data).order_by(o.seq).limit(limit)
        if self._unreadable:
            query = query.where(o.id.not_in(list(self._unreadable)))
        with self._transaction() as conn:
            rows = conn.execute(self._locked(query)).all()
            if not rows:
                return 0
            entries = []
            for row in rows:
                try:
                    events = tuple(converter.structure(row.data, list[DomainEvent]))
                except Exception:
                    logger.exception(
                        "outbox entry %s cannot be read; it stays in the outbox", row.id
                    )
                    self._unreadable.add(row.id)
                    continue
                entries.append(OutboxEntry(row.id, row.community_id, _time(row.created_at), events))
            deliveries = plan(entries) if entries else []
            if deliveries:
                conn.execute(self._insert_new(), [_row(d) for d in deliveries])
            conn.execute(delete(t.outbox).where(o.id.in_([e.id for e in entries])))
        return len(rows)

    # -- delivery -----------------------------------------------------------------

    def claim(self, now: datetime, until: datetime, limit: int) -> Sequence[Delivery]:
        d = t.deliveries.c
        with self._transaction() as conn:
            rows = conn.execute(
                self._locked(
                    select(t.deliveries)
                    .where(d.status == _PENDING, d.next_attempt_at <= micros(now))
                    .order_by(d.next_attempt_at, d.seq)
                    .limit(limit)
                )
            ).all()
            if not rows:
                return []
            lease = micros(until)
            claimed, unreadable = [], []
            for row in rows:
                try:
                    claimed.append(_delivery(row, attempts=row.attempts + 1, next_attempt_at=lease))
                except Exception as exc:
                    # no channel could ever take it: a dead letter at once, with the reason
                    logger.exception("delivery %s cannot be read; it is a dead letter", row.id)
                    unreadable.append({"b_id": row.id, "b_error": f"unreadable: {exc!r}"[:1000]})
            if claimed:
                conn.execute(
                    update(t.deliveries)
                    .where(d.id.in_([delivery.id for delivery in claimed]))
                    .values(attempts=d.attempts + 1, next_attempt_at=lease)
                )
            if unreadable:
                conn.execute(
                    update(t.deliveries)
                    .where(d.id == bindparam("b_id"))
                    .values(status=DeliveryStatus.DEAD.value, last_error=bindparam("b_error")),
                    unreadable,
                )
        return claimed

    def finish(self, outcomes: Sequence[Outcome]) -> int:
        if not outcomes:
            return 0
        d = t.deliveries.c
        statement = (
            update(t.deliveries)
            .where(
                d.id == bindparam("b_id"),
                d.attempts == bindparam("b_attempts"),
                d.status == DeliveryStatus.PENDING.value,
            )
            .values(
                status=bindparam("b_status"),
                next_attempt_at=bindparam("b_next"),
                last_error=bindparam("b_error"),
                sent_at=bindparam("b_sent"),
            )
        )
        params = [
            {
                "b_id": o.id,
                "b_attempts": o.attempts,
                "b_status": o.status.value,
                "b_next": micros(o.next_attempt_at),
                "b_error": o.last_error,
                "b_sent": None if o.sent_at is None else micros(o.sent_at),
            }
            for o in outcomes
        ]
        with self._transaction() as conn:
            result = conn.execute(statement, params)
        # executemany reports the sum of the rows each statement changed
        return max(result.rowcount, 0)

    # -- digests ------------------------------------------------------------------

    def digest_groups(self, before: datetime) -> Sequence[DigestGroup]:
        d = t.deliveries.c
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(d.community_id, d.recipient_id, d.channel)
                .where(d.status == _HELD, d.created_at < micros(before))
                .distinct()
                .order_by(d.community_id, d.recipient_id, d.channel)
            ).all()
        return [(row.community_id, row.recipient_id, row.channel) for row in rows]

    def compose(self, groups: Sequence[DigestGroup], before: datetime, now: datetime) -> int:
        made = 0
        for start in range(0, len(groups), _DIGEST_CHUNK):
            made += self._compose(groups[start : start + _DIGEST_CHUNK], before, now)
        return made

    def _compose(self, groups: Sequence[DigestGroup], before: datetime, now: datetime) -> int:
        d = t.deliveries.c
        # rows are matched to groups by the recipient's id as the driver returns it
        # untyped (SQLite: 32 hex digits; psycopg: a UUID): no UUID made per row
        raw: Callable[[uuid.UUID], Any] = (lambda u: u) if self._postgres else (lambda u: u.hex)
        wanted = {
            (raw(actor_id), channel): (cid, actor_id, channel) for cid, actor_id, channel in groups
        }
        recipients = sorted({actor_id for _, actor_id, _ in groups}, key=str)
        at, until = micros(now), micros(before)
        with self._transaction() as conn:
            rows = conn.execute(
                self._locked(
                    select(
                        d.seq,
                        d.key,
                        d.kind,
                        type_coerce(d.recipient_id, String).label("recipient"),
                        d.channel,
                        d.language,
                        d.created_at,
                        # the event's JSON as stored: copied into the digest as it is
                        cast(d.data, Text).label("data"),
                    )
                    .where(
                        d.status == _HELD,
                        d.created_at < until,
                        d.recipient_id.in_(recipients),
                    )
                    .order_by(d.seq)
                )
            ).all()
            collected: dict[DigestGroup, list[Row[Any]]] = {}
            for row in rows:
                group = wanted.get((row.recipient, row.channel))
                if group is not None:
                    collected.setdefault(group, []).append(row)
            if not collected:
                return 0
            digests = []
            for (community_id, actor_id, channel), items in collected.items():
                digest_id = fresh_id()
                listed = ",".join(
                    f'{{"key":{json.dumps(row.key)},"kind":{json.dumps(row.kind)},'
                    f'"created_at":{row.created_at},"event":{row.data}}}'
                    for row in items
                )
                digests.append(
                    {
                        "id": digest_id,
                        "key": digest_key(digest_id, actor_id, channel),
                        "community_id": community_id,
                        "channel": channel,
                        "kind": DIGEST_KIND,
                        "recipient_id": actor_id,
                        "language": items[-1].language,
                        "status": DeliveryStatus.PENDING.value,
                        "attempts": 0,
                        "next_attempt_at": at,
                        "created_at": at,
                        "sent_at": None,
                        "last_error": None,
                        "data_text": f'{{"until":{until},"items":[{listed}]}}',
                    }
                )
            conn.execute(self._insert_raw(), digests)
            conn.execute(
                update(t.deliveries)
                .where(d.seq.in_([row.seq for items in collected.values() for row in items]))
                .values(status=DeliveryStatus.DIGESTED.value, sent_at=at)
            )
        return len(digests)

    def _insert_raw(self) -> Insert:
        """:meth:`_insert_new` for rows whose ``data`` is JSON text already (``data_text``)."""
        text_param = bindparam("data_text", type_=Text)
        # PostgreSQL wants the text cast to json; SQLite keeps JSON as text anyway
        data = cast(text_param, JSON) if self._postgres else text_param
        return self._insert_new().values(data=data)

    # -- for coordinators ---------------------------------------------------------

    def deliveries(
        self,
        *,
        status: DeliveryStatus | None = None,
        community_id: uuid.UUID | None = None,
        recipient_id: uuid.UUID | None = None,
        limit: int | None = None,
    ) -> Sequence[Delivery]:
        d = t.deliveries.c
        q = select(t.deliveries).order_by(d.seq)
        if status is not None:
            q = q.where(d.status == status.value)
        if community_id is not None:
            q = q.where(d.community_id == community_id)
        if recipient_id is not None:
            q = q.where(d.recipient_id == recipient_id)
        if limit is not None:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            # a listing shows a row whose event cannot be read too (without the event)
            return [_delivery(row, readable=False) for row in conn.execute(q)]

    def retry(self, ids: Sequence[uuid.UUID] | None, now: datetime) -> int:
        d = t.deliveries.c
        statement = (
            update(t.deliveries)
            .where(d.status == DeliveryStatus.DEAD.value)
            .values(status=DeliveryStatus.PENDING.value, attempts=0, next_attempt_at=micros(now))
        )
        if ids is not None:
            if not ids:
                return 0
            statement = statement.where(d.id.in_(list(ids)))
        with self._transaction() as conn:
            return max(conn.execute(statement).rowcount, 0)

    def counts(self) -> Mapping[str, int]:
        d = t.deliveries.c
        result = {status.value: 0 for status in DeliveryStatus}
        with self.engine.connect() as conn:
            for status, count in conn.execute(select(d.status, func.count()).group_by(d.status)):
                result[status] = count
            result["outbox"] = conn.scalar(select(func.count()).select_from(t.outbox)) or 0
        return result

    def purge(self, before: datetime) -> int:
        d = t.deliveries.c
        with self._transaction() as conn:
            result = conn.execute(
                delete(t.deliveries).where(
                    d.status.in_([s.value for s in FINISHED]), d.created_at < micros(before)
                )
            )
        return max(result.rowcount, 0)


def _row(delivery: Delivery) -> dict[str, Any]:
    if delivery.kind == DIGEST_KIND:
        data: Any = {
            "until": None if delivery.until is None else micros(delivery.until),
            "items": [
                {
                    "key": item.key,
                    "kind": item.kind,
                    "created_at": micros(item.created_at),
                    "event": converter.unstructure(item.event),
                }
                for item in delivery.items
            ],
        }
    else:
        data = converter.unstructure(delivery.event)
    return {
        "id": delivery.id,
        "key": delivery.key,
        "community_id": delivery.community_id,
        "channel": delivery.channel,
        "kind": delivery.kind,
        "recipient_id": delivery.recipient_id,
        "language": delivery.language,
        "status": delivery.status.value,
        "attempts": delivery.attempts,
        "next_attempt_at": micros(delivery.next_attempt_at),
        "created_at": micros(delivery.created_at),
        "sent_at": None if delivery.sent_at is None else micros(delivery.sent_at),
        "last_error": delivery.last_error,
        "data": data,
    }


def _payload(
    kind: str, data: Any
) -> tuple[DomainEvent | None, tuple[DigestItem, ...], datetime | None]:
    """The event, or a digest's items and period end, of a row's ``data``."""
    if kind != DIGEST_KIND:
        return converter.structure(data, DomainEvent), (), None
    items = tuple(
        DigestItem(
            key=item["key"],
            kind=item["kind"],
            event=converter.structure(item["event"], DomainEvent),
            created_at=_time(item["created_at"]),
        )
        for item in data["items"]
    )
    until = None if data.get("until") is None else _time(data["until"])
    return None, items, until


def _delivery(row: Row[Any], readable: bool = True, **override: Any) -> Delivery:
    """The delivery of a row; with ``readable=False`` an unreadable event is left out."""
    values = row._mapping
    attempts = override.get("attempts", values["attempts"])
    next_at = override.get("next_attempt_at", values["next_attempt_at"])
    try:
        event, items, until = _payload(values["kind"], values["data"])
    except Exception:
        if readable:
            raise
        event, items, until = None, (), None
    return Delivery(
        id=values["id"],
        key=values["key"],
        community_id=values["community_id"],
        channel=values["channel"],
        kind=values["kind"],
        recipient_id=values["recipient_id"],
        language=values["language"],
        status=DeliveryStatus(values["status"]),
        attempts=attempts,
        next_attempt_at=_time(next_at),
        created_at=_time(values["created_at"]),
        event=event,
        items=items,
        until=until,
        last_error=values["last_error"],
        sent_at=None if values["sent_at"] is None else _time(values["sent_at"]),
    )
