"""Moving a whole community between storages as JSON lines.

The first line names the format and holds the community; every further line is one
record, ``{"kind": ..., "record": ...}``, written through the one converter, kind by
kind in the registry's import order (:mod:`sorgende.records`: places before the actors
who live there, postings after the exchanges they book, a plugin's kinds after those
they name). Every registered kind is carried, a plugin's too. The community's event
log follows, one ``{"event": ...}`` line per event in order: an import appends them
again, so they keep their sequence numbers. Records keep their ids and versions, so a
community exported from memory, imported into SQLite, exported again and imported into
PostgreSQL gives the same lines. Format 1 (without the log) is still read.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from typing import Any, Final

import cattrs

from sorgende.domain.community import Community
from sorgende.domain.events import DomainEvent
from sorgende.errors import CommunityExists, MalformedData
from sorgende.indicators.engine import paused_gc
from sorgende.ports import Storage, UnitOfWork
from sorgende.records import RecordKind, Registry
from sorgende.serialization import dumps, loads, structure
from sorgende.services.records import scan_records

FORMAT: Final = "sorgende.community/2"
#: formats this version reads: 1 had no event log
READABLE: Final = ("sorgende.community/1", FORMAT)
#: events read from the log at a time
LOG_PAGE: Final = 5_000


def export_lines(
    storage: Storage, community_id: uuid.UUID, conv: cattrs.Converter, registry: Registry
) -> Iterator[str]:
    """The community and all its records, one JSON document per line."""
    with storage.unit_of_work(community_id) as uow:
        community = uow.community.get()
        yield dumps({"format": FORMAT, "community": conv.unstructure(community)})
        for kind, record in scan_records(uow, registry):
            yield dumps({"kind": kind.name, "record": conv.unstructure(record)})
        # the community's history last: an import appends it in order, so the events keep
        # their sequence numbers (a new community's log starts at 1, without gaps)
        seq = 0
        while page := uow.event_log.read(after=seq, limit=LOG_PAGE):
            for logged in page:
                yield dumps({"event": conv.unstructure(logged.event)})
            seq = page[-1].seq


# an import makes hundreds of thousands of records, rows and their dicts, none in a cycle,
# and each collection they trigger walks every object made so far: about a quarter of the
# import's time at 20,000 actors and 40,000 exchanges went to the collector
@paused_gc()
def import_lines(storage: Storage, lines: Iterable[str], registry: Registry) -> Community:
    """Add a community and its records from :func:`export_lines`' output, all or nothing.

    Bad input raises :class:`~sorgende.errors.MalformedData` naming the line; a
    community that is already stored raises :class:`~sorgende.errors.CommunityExists`.
    """
    numbered = ((n, line) for n, line in enumerate(lines, start=1) if line.strip())
    first = next(numbered, None)
    if first is None:
        raise MalformedData(kind="community export", problems=["the input is empty"])
    header = _parse(*first)
    if not isinstance(header, dict) or header.get("format") not in READABLE:
        raise MalformedData(
            kind="community export",
            problems=[f"line {first[0]}: the first line must name the format {FORMAT!r}"],
        )
    community = structure(header.get("community"), Community, what=f"line {first[0]}: community")
    with storage.unit_of_work(community.id) as uow:
        if community.id in storage.community_ids():
            raise CommunityExists(name=community.name, id=community.id)
        importing = getattr(uow, "importing", None)  # optional in the port
        if callable(importing):
            importing()
        uow.community.add(community)
        batch: list[Any] = []
        batch_kind: RecordKind[Any] | None = None
        history: list[DomainEvent] = []
        # by name, looked up once per line (the registry searches its list)
        kinds: dict[str, RecordKind[Any]] = {k.name: k for k in registry}
        for number, line in numbered:
            document = _parse(number, line)
            if isinstance(document, dict) and "event" in document:
                event = structure(document["event"], DomainEvent, what=f"line {number}: event")
                if event.community_id != community.id:
                    raise MalformedData(
                        kind="community export",
                        problems=[f"line {number}: the event is of another community"],
                    )
                history.append(event)
                continue
            name = document.get("kind") if isinstance(document, dict) else None
            kind: RecordKind[Any] | None = kinds.get(name) if isinstance(name, str) else None
            if kind is None:
                known = ", ".join(k.name for k in registry)
                raise MalformedData(
                    kind="community export",
                    problems=[
                        f"line {number}: unknown kind of record {name!r} (known: {known}; "
                        "is the plugin that declares it installed?)"
                    ],
                )
            if kind is not batch_kind or len(batch) >= BATCH:
                _add(uow, batch_kind, batch)
                batch, batch_kind = [], kind
            batch.append(structure(document.get("record"), kind.cls, what=f"line {number}: {name}"))
        _add(uow, batch_kind, batch)
        if history:
            uow.event_log.append(history)
        uow.commit()
    # many rows at once: a SQL planner's statistics are stale (optional for storages)
    optimize = getattr(storage, "optimize", None)
    if callable(optimize):
        optimize()
    return community


#: records added with one call, where the storage can (``add_all``)
BATCH: Final = 5_000


def _add(uow: UnitOfWork, kind: RecordKind[Any] | None, records: list[Any]) -> None:
    if kind is None or not records:
        return
    kind.accessor().add_all(uow, records)


def _parse(number: int, line: str) -> Any:
    try:
        return loads(line)
    except ValueError as error:
        raise MalformedData(
            kind="community export", problems=[f"line {number}: not valid JSON: {error}"]
        ) from error
