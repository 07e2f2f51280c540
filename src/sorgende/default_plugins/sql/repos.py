"""The SQL storage's repositories of the core's own kinds, one table each (see :mod:`.tables`).

Each repository reads and writes through its unit of work's connection (one
transaction); updates are compare-and-set on the version. (A module of its own: the
unit of work creates these repositories, they only use it, so this module imports
nothing of the storage.)
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Table, bindparam, delete, func, insert, select, union_all, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.sql import Select

from sorgende.default_plugins.sql import board, bulk, damaged, matching, queue, timeline
from sorgende.default_plugins.sql import tables as t
from sorgende.default_plugins.sql.encoding import encoded, micros
from sorgende.domain.actors import Actor, ActorKind
from sorgende.domain.categories import Category
from sorgende.domain.commitments import Commitment
from sorgende.domain.community import Community, Place
from sorgende.domain.exchanges import Exchange, ExchangeState
from sorgende.domain.help import HelpOffer, HelpRequest, OfferStatus, RequestStatus, expiry_due
from sorgende.domain.ledger import Posting
from sorgende.domain.recognition import Recognition
from sorgende.errors import ConflictError, NotFound
from sorgende.notifications.records import NotificationPreferences, OutboxEntry
from sorgende.serialization import converter

T = TypeVar("T")

#: the unit of work the repositories belong to (a SQLUnitOfWork)
SQLUnitOfWork = Any

_micros = micros


def _micros_or_none(value: datetime | None) -> int | None:
    return None if value is None else _micros(value)


class _Repo:
    """Versioned records of one table, scoped to the unit of work's community."""

    columns: tuple[str, ...] = ()

    def __init__(self, uow: SQLUnitOfWork, table: Table, cls: type[Any]) -> None:
        self.uow = uow
        self.table = table
        self.cls = cls

    def values(self, entity: Any) -> dict[str, Any]:
        """The query columns of a record (a subclass adds its own)."""
        return {}

    def owner(self, entity: Any) -> uuid.UUID:
        """The community a record belongs to."""
        return entity.community_id  # type: ignore[no-any-return]

    def _row(self, entity: Any) -> dict[str, Any]:
        row = {
            "id": entity.id,
            "community_id": self.owner(entity),
            "data": encoded(entity),
            **self.values(entity),
        }
        if "version" in self.table.c:
            row["version"] = entity.version
        return row

    def _select(self) -> Select[Any]:
        c = self.table.c
        return select(c.data).where(c.community_id == self.uow.community_id)

    def _load(self, statement: Select[Any], params: Mapping[str, Any] | None = None) -> list[Any]:
        # a row that cannot be read (it breaks a rule of the model) is left out
        rows = self.uow.conn.scalars(statement, params)
        return damaged.readable(rows, self.cls, self.table.name)

    def find(self, id: uuid.UUID) -> Any:
        statement = _FIND.get(self.table.name)
        if statement is None:
            c = self.table.c
            # built once per table: a new expression per call costs more than the query
            statement = select(c.data).where(
                c.community_id == bindparam("cid"), c.id == bindparam("id")
            )
            _FIND[self.table.name] = statement
        rows = list(self.uow.conn.scalars(statement, {"cid": self.uow.community_id, "id": id}))
        if not rows:
            return None
        return damaged.structure_one(rows[0], self.cls, self.table.name, _kind(self.table), id)

    def get(self, id: uuid.UUID) -> Any:
        entity = self.find(id)
        if entity is None:
            raise NotFound(_kind(self.table), id)
        return entity

    def find_many(self, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Any]:
        """The records of ``ids`` that exist, by id: one query per 500 ids."""
        wanted = list(dict.fromkeys(ids))
        c = self.table.c
        found: dict[uuid.UUID, Any] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            statement = select(c.data).where(
                c.community_id == self.uow.community_id, c.id.in_(chunk)
            )
            for entity in self._load(statement):
                found[entity.id] = entity
        return found

    def add(self, entity: Any) -> None:
        self.add_all([entity])

    def add_all(self, entities: Sequence[Any]) -> None:
        """Insert many new records with one statement (``executemany``): bulk import."""
        if not entities:
            return
        for entity in entities:
            self.uow.check_scope(self.owner(entity))
        if self.uow._conflict is not None:
            raise self.uow._conflict
        try:
            bulk.insert_rows(self.uow.conn, self.table, [self._row(e) for e in entities])
        except OperationalError as error:
            raise self.uow._failed(_lost(self.table, entities[0].id)) from error
        except IntegrityError as error:
            raise self.uow._failed(
                ConflictError(kind=_kind(self.table), id=entities[0].id, expected="new")
            ) from error

    def update(self, entity: Any) -> None:
        self.uow.check_scope(self.owner(entity))
        if self.uow._conflict is not None:
            raise self.uow._conflict
        row = self._row(entity)
        del row["id"], row["community_id"]
        row.update(
            {"b_id": entity.id, "b_cid": self.uow.community_id, "b_expected": entity.version - 1}
        )
        try:
            result = self.uow.conn.execute(_update(self.table), row)
        except OperationalError as error:
            raise self.uow._failed(_lost(self.table, entity.id)) from error
        if result.rowcount != 1:
            if self.find(entity.id) is None:
                raise NotFound(_kind(self.table), entity.id)
            raise self.uow._failed(
                ConflictError(kind=_kind(self.table), id=entity.id, expected=entity.version - 1)
            )


# statements built once per table: a new expression per call costs more than the query
_FIND: dict[str, Select[Any]] = {}
_UPDATE: dict[str, Any] = {}


def _update(table: Table) -> Any:
    """``UPDATE`` of every column but the keys, if id, community and version still match."""
    statement = _UPDATE.get(table.name)
    if statement is None:
        c = table.c
        statement = _UPDATE[table.name] = update(table).where(
            c.id == bindparam("b_id"),
            c.community_id == bindparam("b_cid"),
            c.version == bindparam("b_expected"),
        )
    return statement


def _lost(table: Table, id: object) -> ConflictError:
    """The database refused a write because another unit of work got there first."""
    return ConflictError(kind=_kind(table), id=id, expected="an unchanged snapshot")


def _kind(table: Table) -> str:
    return {"communities": "community", "categories": "category"}.get(
        table.name, table.name.rstrip("s")
    )


class _CommunityRepo(_Repo):
    """The unit of work's own community: a community's row is owned by itself."""

    def __init__(self, uow: SQLUnitOfWork) -> None:
        super().__init__(uow, t.communities, Community)

    def owner(self, entity: Any) -> uuid.UUID:
        return entity.id  # type: ignore[no-any-return]

    def get(self) -> Community:  # type: ignore[override]
        return super().get(self.uow.community_id)  # type: ignore[no-any-return]


class _PlaceRepo(_Repo):
    def list(self) -> Sequence[Place]:
        places: list[Place] = self._load(self._select())
        return sorted(places, key=lambda p: p.name)


class _CategoryRepo:
    def __init__(self, uow: SQLUnitOfWork) -> None:
        self.uow = uow

    def _select(self) -> Select[Any]:
        c = t.categories.c
        return select(c.data).where(c.community_id == self.uow.community_id)

    def find(self, code: str) -> Category | None:
        rows = list(self.uow.conn.scalars(self._select().where(t.categories.c.code == code)))
        return converter.structure(rows[0], Category) if rows else None

    def add(self, entity: Category) -> None:
        try:
            self.uow.conn.execute(
                insert(t.categories).values(
                    community_id=self.uow.community_id,
                    code=entity.code,
                    data=converter.unstructure(entity),
                )
            )
        except OperationalError as error:
            raise self.uow._failed(_lost(t.categories, entity.code)) from error
        except IntegrityError as error:
            raise self.uow._failed(
                ConflictError(kind="category", id=entity.code, expected="new")
            ) from error

    def list(self) -> Sequence[Category]:
        rows = self.uow.conn.scalars(self._select().order_by(t.categories.c.code))
        return [converter.structure(data, Category) for data in rows]


class _ActorRepo(_Repo):
    def values(self, entity: Actor) -> dict[str, Any]:
        return {"kind": entity.kind.value}

    def list(self, kind: ActorKind | None = None) -> Sequence[Actor]:
        q = self._select().order_by(t.actors.c.seq)
        if kind is not None:
            q = q.where(t.actors.c.kind == kind.value)
        return self._load(q)

    def add_all(self, entities: Sequence[Actor]) -> None:
        super().add_all(entities)
        matching.index(self.uow, entities, replace=False)
        matching.trust_index(self.uow, entities, replace=False)

    def update(self, entity: Actor) -> None:
        super().update(entity)
        matching.index(self.uow, [entity], replace=True)
        matching.trust_index(self.uow, [entity], replace=True)

    def persons_by_name(
        self,
        *,
        home: uuid.UUID | None,
        skill: str | None = None,
        after: tuple[str, uuid.UUID] | None = None,
        limit: int = 50,
    ) -> Sequence[Actor]:
        return matching.page(self, home, skill, after, limit)

    def trusting(self, person_id: uuid.UUID) -> Sequence[Actor]:
        return matching.trusting(self, person_id)


def _values_in(values: Iterable[Any] | None) -> list[str] | None:
    return None if values is None else [v.value for v in values]


class _RequestRepo(queue.UnmatchedRequests, timeline.RequestsByTime, _Repo):
    def values(self, entity: HelpRequest) -> dict[str, Any]:
        return {
            "status": entity.status.value,
            "place_id": entity.place_id,
            "category": entity.category,
            "recipient_id": entity.recipient_id,
            "posted_by": entity.posted_by,
            "posted_at": _micros(entity.posted_at),
            "priority": 0 if entity.urgent else 1,
            "needed_from": _micros(entity.window.start),
            "expiry_due": _micros_or_none(expiry_due(entity)),
            "organisation_id": entity.organisation_id,
        }

    def _filtered(
        self,
        statement: Select[Any],
        statuses: Iterable[RequestStatus] | None,
        place_id: uuid.UUID | None,
        category: str | None,
    ) -> Select[Any]:
        c = t.requests.c
        wanted = _values_in(statuses)
        if wanted is not None:
            statement = statement.where(c.status.in_(wanted))
        if place_id is not None:
            statement = statement.where(c.place_id == place_id)
        if category is not None:
            statement = statement.where(c.category == category)
        return statement

    def page(
        self,
        *,
        statuses: Iterable[RequestStatus] | None = None,
        place_id: uuid.UUID | None = None,
        category: str | None = None,
        offset: int = 0,
        limit: int = 50,
        count_limit: int | None = None,
    ) -> tuple[Sequence[HelpRequest], int]:
        wanted = _values_in(statuses)
        params: dict[str, Any] = {
            "cid": self.uow.community_id,
            "statuses": wanted,
            "place_id": place_id,
            "category": category,
            "offset": offset,
            "limit": limit,
            "count_limit": count_limit,
        }
        shape = (wanted is not None, place_id is not None, category is not None)
        # built once per shape (which filters): building them cost more than the queries
        page_of, counted = board.statements(*shape, capped=count_limit is not None)
        items = self._load(page_of, params)
        total = self.uow.conn.scalar(counted, params)
        return items, int(total or 0)

    def list(
        self,
        *,
        statuses: Iterable[RequestStatus] | None = None,
        place_id: uuid.UUID | None = None,
        category: str | None = None,
        actor_id: uuid.UUID | None = None,
    ) -> Sequence[HelpRequest]:
        c = t.requests.c
        if actor_id is None:
            q = self._filtered(self._select(), statuses, place_id, category)
            return self._load(q.order_by(c.posted_at, c.seq))
        # recipient or poster: one arm per index (an OR would scan the community). The
        # other filters are applied here, not in SQL: with a status term a planner
        # without statistics prefers the board's index and reads every open request
        arm = select(c.seq, c.posted_at, c.data).where(c.community_id == self.uow.community_id)
        both = union_all(
            arm.where(c.recipient_id == actor_id),
            arm.where(c.posted_by == actor_id, c.recipient_id != actor_id),
        ).subquery()
        rows = self.uow.conn.execute(
            select(both.c.data).order_by(both.c.posted_at, both.c.seq)
        ).scalars()
        wanted = None if statuses is None else frozenset(statuses)
        return [
            r
            for r in damaged.readable(rows, HelpRequest, "requests")
            if (wanted is None or r.status in wanted)
            and (place_id is None or r.place_id == place_id)
            and (category is None or r.category == category)
        ]

    def expiring(self, now: datetime) -> Sequence[HelpRequest]:
        c = t.requests.c
        q = self._select().where(c.expiry_due <= _micros(now)).order_by(c.posted_at, c.seq)
        return self._load(q)


class _OfferRepo(_Repo):
    def values(self, entity: HelpOffer) -> dict[str, Any]:
        return {
            "status": entity.status.value,
            "category": entity.category,
            "helper_id": entity.helper_id,
            "posted_at": _micros(entity.posted_at),
        }

    def list(
        self,
        *,
        statuses: Iterable[OfferStatus] | None = None,
        category: str | None = None,
        helper_id: uuid.UUID | None = None,
    ) -> Sequence[HelpOffer]:
        c = t.offers.c
        q = self._select().order_by(c.posted_at, c.seq)
        wanted = _values_in(statuses)
        if wanted is not None:
            q = q.where(c.status.in_(wanted))
        if category is not None:
            q = q.where(c.category == category)
        if helper_id is not None:
            q = q.where(c.helper_id == helper_id)
        return self._load(q)


class _ExchangeRepo(timeline.ExchangesByTime, _Repo):
    def values(self, entity: Exchange) -> dict[str, Any]:
        return {
            "request_id": entity.request_id,
            "offer_id": entity.offer_id,
            "helper_id": entity.helper_id,
            "recipient_id": entity.recipient_id,
            "state": entity.state.value,
            "scheduled": _micros(entity.scheduled),
            "organisation_id": entity.organisation_id,
        }

    def list(
        self,
        *,
        request_id: uuid.UUID | None = None,
        offer_id: uuid.UUID | None = None,
        actor_id: uuid.UUID | None = None,
        helper_id: uuid.UUID | None = None,
        states: Iterable[ExchangeState] | None = None,
    ) -> Sequence[Exchange]:
        c = t.exchanges.c
        where: list[Any] = [c.community_id == self.uow.community_id]
        wanted = _values_in(states)
        if wanted is not None:
            where.append(c.state.in_(wanted))
        if request_id is not None:
            where.append(c.request_id == request_id)
        if offer_id is not None:
            where.append(c.offer_id == offer_id)
        if helper_id is not None:
            where.append(c.helper_id == helper_id)
        only_states = request_id is None and offer_id is None and helper_id is None
        if actor_id is None and wanted is not None and only_states:
            # by state only (the disputes): from ix_exchanges_state, sorted here; asked to
            # sort, SQLite walked ix_exchanges_scheduled through the whole history when its
            # statistics held one state for most exchanges (8 ms at 50,000 confirmed)
            found = self.uow.conn.execute(select(c.scheduled, c.seq, c.data).where(*where))
            ordered = (row.data for row in sorted(found, key=lambda row: (row[0], row[1])))
            return damaged.readable(ordered, Exchange, "exchanges")
        if actor_id is None:
            return self._load(select(c.data).where(*where).order_by(c.scheduled, c.seq))
        # helper or recipient: one arm per index (an OR would scan the community)
        arm = select(c.seq, c.scheduled, c.data).where(*where)
        both = union_all(
            arm.where(c.helper_id == actor_id),
            arm.where(c.recipient_id == actor_id, c.helper_id != actor_id),
        ).subquery()
        rows = self.uow.conn.execute(
            select(both.c.data).order_by(both.c.scheduled, both.c.seq)
        ).scalars()
        return damaged.readable(rows, Exchange, "exchanges")


class _CommitmentRepo(_Repo):
    def values(self, entity: Commitment) -> dict[str, Any]:
        return {"actor_id": entity.actor_id, "made_at": _micros(entity.made_at)}

    def list(self, *, actor_id: uuid.UUID | None = None) -> Sequence[Commitment]:
        c = t.commitments.c
        q = self._select().order_by(c.made_at, c.seq)
        if actor_id is not None:
            q = q.where(c.actor_id == actor_id)
        return self._load(q)


class _PostingRepo(_Repo):
    def values(self, entity: Posting) -> dict[str, Any]:
        return {"at": _micros(entity.at)}

    def add_all(self, entities: Sequence[Any]) -> None:
        super().add_all(entities)
        if entities:
            self.uow.conn.execute(
                insert(t.entries),
                [
                    {
                        "posting_id": posting.id,
                        "community_id": posting.community_id,
                        "account": e.account,
                        "minutes": e.minutes,
                    }
                    for posting in entities
                    for e in posting.entries
                ],
            )

    def list(self, *, account: uuid.UUID | None = None) -> Sequence[Posting]:
        c = t.postings.c
        q = self._select().order_by(c.at, c.seq)
        if account is not None:
            # from the account's entries (indexed) to their postings (unique id)
            e = t.entries.c
            q = (
                select(c.data)
                .select_from(t.entries.join(t.postings, c.id == e.posting_id))
                .where(e.community_id == self.uow.community_id, e.account == account)
                .order_by(c.at, c.seq)
            )
            # a posting with two entries on the account comes twice from the join
            unique = {p.id: p for p in self._load(q)}
            return list(unique.values())
        return self._load(q)

    def balance(self, account: uuid.UUID) -> int:
        e = t.entries.c
        total = self.uow.conn.scalar(
            select(func.coalesce(func.sum(e.minutes), 0)).where(
                e.community_id == self.uow.community_id, e.account == account
            )
        )
        return int(total or 0)


class _RecognitionRepo(_Repo):
    def values(self, entity: Recognition) -> dict[str, Any]:
        return {"actor_id": entity.actor_id, "awarded_at": _micros(entity.awarded_at)}

    def list(self, *, actor_id: uuid.UUID | None = None) -> Sequence[Recognition]:
        c = t.recognitions.c
        q = self._select().order_by(c.awarded_at, c.seq)
        if actor_id is not None:
            q = q.where(c.actor_id == actor_id)
        return self._load(q)


class _OutboxRepo:
    """Outbox entries: inserted in the use case's own transaction."""

    def __init__(self, uow: SQLUnitOfWork) -> None:
        self.uow = uow

    def add(self, entry: OutboxEntry) -> None:
        self.uow.check_scope(entry.community_id)
        if self.uow._conflict is not None:
            raise self.uow._conflict
        row = {
            "id": entry.id,
            "community_id": entry.community_id,
            "created_at": _micros(entry.created_at),
            "data": [converter.unstructure(e) for e in entry.events],
        }
        try:
            bulk.insert_rows(self.uow.conn, t.outbox, [row])
        except OperationalError as error:
            raise self.uow._failed(_lost(t.outbox, entry.id)) from error


class _PreferenceRepo(_Repo):
    """A person's preferences, stored under the person's id."""

    def find(self, actor_id: uuid.UUID) -> NotificationPreferences | None:
        return super().find(actor_id)  # type: ignore[no-any-return]

    def delete(self, entity: NotificationPreferences) -> None:
        """Remove the preferences if their stored version is ``entity``'s (an erasure)."""
        self.uow.check_scope(entity.community_id)
        if self.uow._conflict is not None:
            raise self.uow._conflict
        c = t.notification_preferences.c
        statement = delete(t.notification_preferences).where(
            c.id == entity.actor_id,
            c.community_id == self.uow.community_id,
            c.version == entity.version,
        )
        try:
            result = self.uow.conn.execute(statement)
        except OperationalError as error:
            raise self.uow._failed(_lost(t.notification_preferences, entity.actor_id)) from error
        if result.rowcount != 1:
            if self.find(entity.actor_id) is None:
                raise NotFound("notification_preferences", entity.actor_id)
            raise self.uow._failed(
                ConflictError(
                    kind="notification_preferences", id=entity.actor_id, expected=entity.version
                )
            )
