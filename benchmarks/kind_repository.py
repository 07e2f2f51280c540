"""A plugin's record kind against the core's own repository: add, find and update.

The same records (``HelpOffer``, the core's offers) are written once through the core's
tuned offer repository (``uow.offers``) and once through the generic repository every
registered kind gets (``uow.of(kind)``), with the kind declared as a plugin would
(``bench.offer``: indexed by status and category, its person the helper; on SQL a table
of its own made by :func:`sorgende.migrations.create_kind_table`). Per storage
(memory, SQLite file) and operation, both variants run interleaved in one process:

* ``add``: 2,000 new offers in one unit of work, then commit;
* ``find``: 2,000 lookups by id in one unit of work (on memory each id ten times, so
  that the timed block is long enough to measure);
* ``update``: 2,000 offers read, changed (version + 1) and written in one unit of
  work, then commit.

Units of work hold many operations so that the figures show the repositories' cost,
not the commit's. The cyclic garbage collector is off while a block is timed (both
variants allocate alike; a collection would be charged to whichever block it fell in).
The ratio generic / core is the figure of the issue (target at most 1.2x for each of add,
find and update).

Run: ``.venv/bin/python benchmarks/kind_repository.py`` (``--quick`` for a smoke test).
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import _common as c
import attrs

from sorgende.default_plugins.memory_storage import MemoryStorage
from sorgende.default_plugins.sql.storage import SQLStorage
from sorgende.domain.help import HelpOffer
from sorgende.records import RecordKind, Registry

TARGET = 1.2
#: lookups of each id per timed block (the block counts ops × FIND_ROUNDS lookups)
FIND_ROUNDS = 10
#: indexed as the SQL storage's own offers table is (status, category; the helper)
KIND: RecordKind[HelpOffer] = RecordKind(
    name="bench.offer", cls=HelpOffer, indexes=("status", "category"), persons=("helper_id",)
)
REGISTRY = Registry.of([("bench", [KIND])])
#: indexed as the memory storage's own offers are (the helper only: the core's memory
#: repository filters status and category by scanning); the same kind, by another name
LEAN: RecordKind[HelpOffer] = RecordKind(
    name="bench.lean_offer", cls=HelpOffer, persons=("helper_id",)
)
LEAN_REGISTRY = Registry.of([("bench", [LEAN])])


def _offers(community_id: uuid.UUID, n: int) -> list[HelpOffer]:
    helper = uuid.uuid4()
    return [
        HelpOffer(
            community_id=community_id,
            helper_id=helper,
            posted_by=helper,
            place_ids=frozenset(),
            minutes=120,
            category="shopping",
            window=c.WINDOW,
            posted_at=c.NOW,
            title="Einkaufen dienstags",
        )
        for _ in range(n)
    ]


def _sqlite(directory: Path) -> SQLStorage:
    from alembic.migration import MigrationContext
    from alembic.operations import Operations

    from sorgende.migrations import create_kind_table

    url = f"sqlite:///{directory / f'{uuid.uuid4().hex}.db'}"
    SQLStorage(url).close()  # the core's schema
    engine = SQLStorage(url).engine
    with engine.begin() as conn:
        create_kind_table(
            Operations(MigrationContext.configure(conn)),
            KIND.name,
            columns={"status": "str", "category": "str", "helper_id": "uuid"},
        )
    engine.dispose()
    return SQLStorage(url, registry=REGISTRY)


def _variants(
    make_storage: Callable[[], Any], n: int, kind: RecordKind[HelpOffer], rounds: int
) -> list[tuple[str, Callable[[], Callable[[], Any]]]]:
    def repo_of(uow: Any, generic: bool) -> Any:
        return uow.of(kind) if generic else uow.offers

    def adding(generic: bool) -> Callable[[], Callable[[], Any]]:
        def prepare() -> Callable[[], Any]:
            storage = make_storage()
            cid = uuid.uuid4()
            offers = _offers(cid, n)

            def run() -> None:
                with storage.unit_of_work(cid) as uow:
                    repo = repo_of(uow, generic)
                    for offer in offers:
                        repo.add(offer)
                    uow.commit()

            return run

        return prepare

    def stored(generic: bool) -> tuple[Any, uuid.UUID, list[HelpOffer]]:
        storage = make_storage()
        cid = uuid.uuid4()
        offers = _offers(cid, n)
        with storage.unit_of_work(cid) as uow:
            repo = repo_of(uow, generic)
            for offer in offers:
                repo.add(offer)
            uow.commit()
        return storage, cid, offers

    def finding(generic: bool) -> Callable[[], Callable[[], Any]]:
        def prepare() -> Callable[[], Any]:
            storage, cid, offers = stored(generic)
            ids = [o.id for o in offers]

            def run() -> None:
                with storage.unit_of_work(cid) as uow:
                    find = repo_of(uow, generic).find
                    for id in ids:
                        find(id)
                    # a memory lookup takes a few hundred ns: look every id up again
                    # so the timed block is long enough to measure
                    for _ in range(rounds - 1):
                        for id in ids:
                            find(id)

            return run

        return prepare

    def updating(generic: bool) -> Callable[[], Callable[[], Any]]:
        def prepare() -> Callable[[], Any]:
            storage, cid, offers = stored(generic)
            ids = [o.id for o in offers]

            def run() -> None:
                with storage.unit_of_work(cid) as uow:
                    repo = repo_of(uow, generic)
                    for id in ids:
                        offer = repo.get(id)
                        repo.update(
                            attrs.evolve(offer, title="Einkaufen", version=offer.version + 1)
                        )
                    uow.commit()

            return run

        return prepare

    return [
        ("add core", adding(False)),
        ("add kind", adding(True)),
        ("find core", finding(False)),
        ("find kind", finding(True)),
        ("update core", updating(False)),
        ("update kind", updating(True)),
    ]


def main() -> None:
    args = c.parse_args(__doc__.splitlines()[0])
    n = 200 if args.quick else 2_000
    repeats = 3 if args.quick else 9
    result: dict[str, Any] = {"machine": c.machine(), "ops": n, "repeats": repeats}
    with tempfile.TemporaryDirectory() as directory:
        storages: dict[str, tuple[Callable[[], Any], RecordKind[HelpOffer], int]] = {
            # indexed like the core's memory repository, and with two indexes more
            "memory": (lambda: MemoryStorage(registry=LEAN_REGISTRY), LEAN, FIND_ROUNDS),
            "memory+2 indexes": (lambda: MemoryStorage(registry=REGISTRY), KIND, FIND_ROUNDS),
            "sqlite": (lambda: _sqlite(Path(directory)), KIND, 1),
        }
        print(f"{n} operations per unit of work, {repeats} repeats, median (best) µs per op")
        print(f"{'storage':17} {'op':7} {'core':>16} {'kind':>16} {'kind/core (best)':>18}")
        for storage_name, (make, declared, rounds) in storages.items():
            # the cyclic GC off while a block is timed: a collection that starts in one
            # variant's block would be charged to it alone (both allocate alike)
            timings = c.interleaved(
                _variants(make, n, declared, rounds), n, repeats, disable_gc=True
            )
            for name in ("find core", "find kind"):  # each block looked every id up `rounds` times
                timings[name].per_op = [t / rounds for t in timings[name].per_op]
                timings[name].cpu_per_op = [t / rounds for t in timings[name].cpu_per_op]
            for op in ("add", "find", "update"):
                core, kind = timings[f"{op} core"], timings[f"{op} kind"]
                ratio = kind.median / core.median
                best = kind.best / core.best
                result[f"{storage_name} {op}"] = {
                    "core": core.as_dict(),
                    "kind": kind.as_dict(),
                    "ratio": ratio,
                    "ratio_of_best": best,
                    "met": ratio <= TARGET,
                }
                print(
                    f"{storage_name:17} {op:7} "
                    f"{core.median * 1e6:8.1f} ({core.best * 1e6:5.1f}) "
                    f"{kind.median * 1e6:8.1f} ({kind.best * 1e6:5.1f}) "
                    f"{ratio:9.2f}x ({best:4.2f}x) {'ok' if ratio <= TARGET else 'NOT MET'}"
                )
    c.write_json(args.json, result)


if __name__ == "__main__":
    main()
