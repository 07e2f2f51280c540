"""Moving a whole community between storages as JSON lines.

The first line names the format and holds the community; every further line is one
record, ``{"kind": ..., "record": ...}``, written through the one converter, in an
order in which they can be added again (places before the actors who live there,
postings after the exchanges they book). Records keep their ids and versions, so a
community exported from memory, imported into SQLite, exported again and imported
into PostgreSQL gives the same lines.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from typing import Any, Final

import cattrs

from sorgende.domain.actors import Actor
from sorgende.domain.categories import Category
from sorgende.domain.commitments import Commitment
from sorgende.domain.community import Community, Place
from sorgende.domain.exchanges import Exchange
from sorgende.domain.help import HelpOffer, HelpRequest
from sorgende.domain.ledger import Posting
from sorgende.domain.recognition import Recognition
from sorgende.errors import CommunityExists, MalformedData
from sorgende.ports import Storage, UnitOfWork
from sorgende.serialization import dumps, loads, structure

FORMAT: Final = "sorgende.community/1"

#: kind of record -> (repository, class), in the order they are added
KINDS: Final[dict[str, tuple[str, type[Any]]]] = {
    "category": ("categories", Category),
    "place": ("places", Place),
    "actor": ("actors", Actor),
    "request": ("requests", HelpRequest),
    "offer": ("offers", HelpOffer),
    "exchange": ("exchanges", Exchange),
    "commitment": ("commitments", Commitment),
    "posting": ("postings", Posting),
    "recognition": ("recognitions", Recognition),
}


def _records(uow: UnitOfWork, repository: str) -> Iterable[Any]:
    repo = getattr(uow, repository)
    records: Iterable[Any] = repo.list(statuses=None) if repository == "offers" else repo.list()
    return records


def export_lines(
    storage: Storage, community_id: uuid.UUID, conv: cattrs.Converter
) -> Iterator[str]:
    """The community and all its records, one JSON document per line."""
    with storage.unit_of_work(community_id) as uow:
        community = uow.community.get()
        yield dumps({"format": FORMAT, "community": conv.unstructure(community)})
        for kind, (repository, _cls) in KINDS.items():
            for record in _records(uow, repository):
                yield dumps({"kind": kind, "record": conv.unstructure(record)})


def import_lines(storage: Storage, lines: Iterable[str]) -> Community:
    """Add a community and its records from :func:`export_lines`' output, all or nothing.

    Bad input raises :class:`~sorgende.errors.MalformedData` naming the line; a
    community that is already stored raises :class:`~sorgende.errors.CommunityExists`.
    """
    numbered = ((n, line) for n, line in enumerate(lines, start=1) if line.strip())
    first = next(numbered, None)
    if first is None:
        raise MalformedData(kind="community export", problems=["the input is empty"])
    header = _parse(*first)
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise MalformedData(
            kind="community export",
            problems=[f"line {first[0]}: the first line must name the format {FORMAT!r}"],
        )
    community = structure(header.get("community"), Community, what=f"line {first[0]}: community")
    with storage.unit_of_work(community.id) as uow:
        if community.id in storage.community_ids():
            raise CommunityExists(name=community.name, id=community.id)
        uow.community.add(community)
        batch: list[Any] = []
        batch_kind = None
        for number, line in numbered:
            document = _parse(number, line)
            kind = document.get("kind") if isinstance(document, dict) else None
            if kind not in KINDS:
                raise MalformedData(
                    kind="community export",
                    problems=[f"line {number}: unknown kind of record {kind!r}"],
                )
            if kind != batch_kind or len(batch) >= BATCH:
                _add(uow, batch_kind, batch)
                batch, batch_kind = [], kind
            batch.append(
                structure(document.get("record"), KINDS[kind][1], what=f"line {number}: {kind}")
            )
        _add(uow, batch_kind, batch)
        uow.commit()
    return community


#: records added with one statement, where the storage can (``add_all``)
BATCH: Final = 5_000


def _add(uow: UnitOfWork, kind: str | None, records: list[Any]) -> None:
    if kind is None or not records:
        return
    repo = getattr(uow, KINDS[kind][0])
    add_all = getattr(repo, "add_all", None)  # optional in the port: bulk insert
    if add_all is not None:
        add_all(records)
    else:
        for record in records:
            repo.add(record)


def _parse(number: int, line: str) -> Any:
    try:
        return loads(line)
    except ValueError as error:
        raise MalformedData(
            kind="community export", problems=[f"line {number}: not valid JSON: {error}"]
        ) from error
