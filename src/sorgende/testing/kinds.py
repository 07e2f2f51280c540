"""The storage contract for registered record kinds: what ``uow.of(kind)`` guarantees.

Subclass :class:`KindContract` as ``Test...`` and implement :meth:`make_storage` (or
subclass :class:`SQLiteKindContract` or :class:`PostgreSQLKindContract`); every
kind without a repository of its own (every plugin's kind) of the registry
:meth:`registry` returns is checked, with records drawn from its declaration
(:mod:`sorgende.testing.kind_strategies`)::

    class TestMyKindsOnSQLite(KindContract):
        plugins = (my_plugin,)

        def make_storage(self, registry):
            return SQLStorage(f"sqlite:///{path}", registry=registry)

Checked for each kind: what is committed is read back equal, by key and in lists;
``list(where=...)`` and ``count`` agree with a filter over every record, for every
queried field, single values and sets, with paging; lists keep the kind's order;
nothing is visible before commit to others or after a rollback; a unit of work sees
its own writes; updates and deletes are compare-and-set; indexes follow updates; a
record of another community is refused and never visible to it; a query by a field
the kind is not indexed by is refused.
"""

from __future__ import annotations

import abc
import random
import shutil
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sorgende.errors import ConflictError, InvalidQuery, NotFound, WrongCommunity
from sorgende.plugins import Hooks, make_plugin_manager
from sorgende.ports import Storage
from sorgende.records import RecordKind, Registry, db_value
from sorgende.services.records import collect_registry
from sorgende.testing.databases import SERVER_VARIABLE, PostgreSQLDatabases, postgresql_server
from sorgende.testing.kind_strategies import pools_for, records_of


@attrs.frozen
class KindWorld:
    """Records of one kind in two communities, as generated."""

    kind: RecordKind[Any]
    community_id: uuid.UUID
    records: tuple[Any, ...]
    others: tuple[Any, ...]


@st.composite
def kind_worlds(draw: st.DrawFn, kind: RecordKind[Any]) -> KindWorld:
    community_id, other_id = uuid.uuid4(), uuid.uuid4()
    pools = pools_for(kind, draw)
    records = draw(
        st.lists(
            records_of(kind, community_id=community_id, pools=pools),
            max_size=12,
            unique_by=kind.key_of,
        )
    )
    taken = {kind.key_of(r) for r in records}
    others = draw(
        st.lists(
            records_of(kind, community_id=other_id, pools=pools).filter(
                lambda r: kind.key_of(r) not in taken
            ),
            max_size=3,
            unique_by=kind.key_of,
        )
    )
    return KindWorld(kind, community_id, tuple(records), tuple(others))


def _sort_key(kind: RecordKind[Any]) -> Any:
    if kind.order is None:
        return None
    order = kind.order

    def key(record: Any) -> Any:
        value = db_value(getattr(record, order))
        return (value is not None, value if value is not None else 0)

    return key


def _expected(kind: RecordKind[Any], records: Sequence[Any], where: dict[str, Any]) -> list[Any]:
    def matches(record: Any) -> bool:
        for name, value in where.items():
            allowed = value if isinstance(value, frozenset) else frozenset([value])
            if getattr(record, name) not in allowed:
                return False
        return True

    found = [r for r in records if matches(r)]
    key = _sort_key(kind)
    return sorted(found, key=key) if key else found


def _another_value(kind: RecordKind[Any], record: Any, records: Sequence[Any]) -> dict[str, Any]:
    """Changes that make the loser's update differ from the winner's, where records differ."""
    for other in records:
        for name in kind.indexes:
            if getattr(other, name) != getattr(record, name):
                return {name: getattr(other, name)}
    return {}


def _missing_key(kind: RecordKind[Any]) -> Any:
    """A key no record has, of the kind's key type (a UUID, or a text such as a login)."""
    if kind.field_type(kind.key) is uuid.UUID:
        return uuid.uuid4()
    return f"missing-{uuid.uuid4().hex}"


def _orderable(kind: RecordKind[Any]) -> bool:
    """Whether lists can be compared in order: a text order follows the database's collation."""
    return kind.order is None or kind.field_type(kind.order) is not str


class KindContract(abc.ABC):
    """Contract tests for the generic repositories of registered kinds."""

    #: plugins (objects or modules) whose kinds are checked, besides the installed ones
    plugins: ClassVar[Sequence[object]] = ()
    #: Hypothesis examples per property (each builds a fresh storage)
    max_examples: ClassVar[int] = 12

    @abc.abstractmethod
    def make_storage(self, registry: Registry) -> Storage:
        """A fresh, empty storage with ``registry``'s kinds."""

    def registry(self) -> Registry:
        """The kinds of the default plugins and :attr:`plugins` (no entry points)."""
        return collect_registry(make_plugin_manager(plugins=self.plugins, load_entrypoints=False))

    def kinds(self) -> Sequence[RecordKind[Any]]:
        kinds = self.registry().generic()
        assert kinds, "no kind to check: name the plugins that declare them in `plugins`"
        return kinds

    @pytest.fixture
    def storage(self) -> Iterator[Storage]:
        storage = self.make_storage(self.registry())
        try:
            yield storage
        finally:
            storage.close()

    def _settings(self) -> settings:
        return settings(
            max_examples=self.max_examples,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
            derandomize=True,
        )

    def _each(self, test: Any) -> None:
        """Run ``test(storage, world)`` for generated worlds of every kind."""
        registry = self.registry()
        for kind in self.kinds():

            @self._settings()
            @given(world=kind_worlds(kind))
            def run(world: KindWorld) -> None:
                storage = self.make_storage(registry)
                try:
                    test(storage, world)
                finally:
                    storage.close()

            run()

    @staticmethod
    def _commit(storage: Storage, kind: RecordKind[Any], cid: uuid.UUID, records: Any) -> None:
        with storage.unit_of_work(cid) as uow:
            uow.of(kind).add_all(list(records))
            uow.commit()

    # -- reading what was written ----------------------------------------------------

    def test_committed_records_read_back_equal(self) -> None:
        def check(storage: Storage, w: KindWorld) -> None:
            kind = w.kind
            self._commit(storage, kind, w.community_id, w.records)
            with storage.unit_of_work(w.community_id) as uow:
                repo = uow.of(kind)
                for record in w.records:
                    assert repo.get(kind.key_of(record)) == record
                    assert repo.find(kind.key_of(record)) == record
                keys = [kind.key_of(r) for r in w.records]
                assert repo.find_many([*keys, _missing_key(kind)]) == {
                    kind.key_of(r): r for r in w.records
                }
                listed = list(repo.list())
                expected = _expected(kind, w.records, {})
                if _orderable(kind):
                    assert listed == expected
                else:
                    assert sorted(map(repr, listed)) == sorted(map(repr, expected))
                assert repo.count() == len(w.records)
                with pytest.raises(NotFound):
                    repo.get(_missing_key(kind))

        self._each(check)

    def test_queries_by_every_field_agree_with_a_filter(self) -> None:
        def check(storage: Storage, w: KindWorld) -> None:
            kind = w.kind
            self._commit(storage, kind, w.community_id, w.records)
            rnd = random.Random(len(w.records))
            with storage.unit_of_work(w.community_id) as uow:
                repo = uow.of(kind)
                for name in kind.queryable:
                    values = [getattr(r, name) for r in w.records] or [None]
                    queries: list[dict[str, Any]] = [
                        {name: rnd.choice(values)},
                        {name: frozenset(rnd.sample(values, min(2, len(values))))},
                    ]
                    if len(kind.queryable) > 1:
                        other = rnd.choice([n for n in kind.queryable if n != name])
                        pick = rnd.choice(w.records) if w.records else None
                        if pick is not None:
                            queries.append({name: getattr(pick, name), other: getattr(pick, other)})
                    for where in queries:
                        expected = _expected(kind, w.records, where)
                        found = list(repo.list(where=where))
                        if _orderable(kind):
                            assert found == expected, where
                        else:
                            assert sorted(map(repr, found)) == sorted(map(repr, expected))
                        assert repo.count(where=where) == len(expected)
                        for most in (0, 1, len(expected), len(expected) + 1):
                            # a count that stops at a limit (a board's "more than")
                            assert repo.count(where=where, limit=most) == min(len(expected), most)
                        if _orderable(kind):
                            for offset, limit in ((0, 2), (1, 3), (len(expected), 5)):
                                page = list(repo.list(where=where, offset=offset, limit=limit))
                                assert page == expected[offset : offset + limit]

        self._each(check)

    def test_a_unit_of_work_sees_its_own_writes_and_a_rollback_writes_nothing(self) -> None:
        def check(storage: Storage, w: KindWorld) -> None:
            kind = w.kind
            with storage.unit_of_work(w.community_id) as uow:
                repo = uow.of(kind)
                repo.add_all(list(w.records))
                for record in w.records:
                    assert repo.find(kind.key_of(record)) == record
                    for name in kind.queryable:
                        assert record in repo.list(where={name: getattr(record, name)})
                uow.rollback()
            with storage.unit_of_work(w.community_id) as uow:
                assert uow.of(kind).count() == 0
                assert list(uow.of(kind).list()) == []

        self._each(check)

    # -- compare-and-set ---------------------------------------------------------------

    def test_updates_and_deletes_are_compare_and_set_and_indexes_follow(self) -> None:
        def check(storage: Storage, w: KindWorld) -> None:
            kind = w.kind
            if not w.records:
                return
            self._commit(storage, kind, w.community_id, w.records)
            first, *rest = w.records
            donor = rest[0] if rest else first
            changes = {
                name: getattr(donor, name)
                for name in kind.queryable
                if name not in kind.persons and name not in kind.mentions
            }
            if kind.version is not None:
                changed = kind.bumped(first, **changes)
                with storage.unit_of_work(w.community_id) as uow:
                    uow.of(kind).update(changed)
                    uow.commit()
                with storage.unit_of_work(w.community_id) as uow:
                    repo = uow.of(kind)
                    assert repo.get(kind.key_of(first)) == changed
                    for name in changes:
                        assert changed in repo.list(where={name: getattr(changed, name)})
                        if getattr(first, name) != getattr(changed, name):
                            assert changed not in repo.list(where={name: getattr(first, name)})
                # a stale version (the record as it was) is refused, and writes nothing
                with storage.unit_of_work(w.community_id) as uow, pytest.raises(ConflictError):
                    uow.of(kind).update(kind.bumped(first))
                    uow.commit()
                with storage.unit_of_work(w.community_id) as uow, pytest.raises(ConflictError):
                    uow.of(kind).delete(first)
                    uow.commit()
                with storage.unit_of_work(w.community_id) as uow:
                    assert uow.of(kind).get(kind.key_of(first)) == changed
                current = changed
            else:
                current = first
            with storage.unit_of_work(w.community_id) as uow:
                uow.of(kind).delete(current)
                uow.commit()
            with storage.unit_of_work(w.community_id) as uow:
                repo = uow.of(kind)
                assert repo.find(kind.key_of(first)) is None
                assert repo.count() == len(w.records) - 1
                for name in kind.queryable:
                    assert current not in repo.list(where={name: getattr(current, name)})
                with pytest.raises(NotFound):
                    repo.delete(current)

        self._each(check)

    def test_a_lost_race_writes_nothing(self) -> None:
        def check(storage: Storage, w: KindWorld) -> None:
            kind = w.kind
            if kind.version is None or not w.records:
                return
            record = w.records[0]
            self._commit(storage, kind, w.community_id, [record])
            first = storage.unit_of_work(w.community_id)
            second = storage.unit_of_work(w.community_id)
            with first, second:
                a, b = first.of(kind), second.of(kind)
                assert a.get(kind.key_of(record)) == b.get(kind.key_of(record))
                a.update(kind.bumped(record))
                first.commit()
                with pytest.raises(ConflictError):
                    b.update(kind.bumped(record, **_another_value(kind, record, w.records)))
                    second.commit()
            with storage.unit_of_work(w.community_id) as uow:
                assert uow.of(kind).get(kind.key_of(record)) == kind.bumped(record)

        self._each(check)

    # -- tenancy and queries -----------------------------------------------------------

    def test_another_communitys_records_are_refused_and_never_seen(self) -> None:
        def check(storage: Storage, w: KindWorld) -> None:
            kind = w.kind
            if kind.owner is None:
                return
            self._commit(storage, kind, w.community_id, w.records)
            other_id = (kind.owner_of(w.others[0]) if w.others else None) or uuid.uuid4()
            self._commit(storage, kind, other_id, w.others)
            with storage.unit_of_work(w.community_id) as uow:
                repo = uow.of(kind)
                for record in w.others:
                    assert repo.find(kind.key_of(record)) is None
                    with pytest.raises(WrongCommunity):
                        repo.add(record)
                assert repo.count() == len(w.records)
            with storage.unit_of_work(other_id) as uow:
                assert uow.of(kind).count() == len(w.others)

        self._each(check)

    def test_a_query_by_a_field_not_indexed_is_refused(self, storage: Storage) -> None:
        for kind in self.kinds():
            with storage.unit_of_work(uuid.uuid4()) as uow:
                with pytest.raises(InvalidQuery) as refused:
                    uow.of(kind).list(where={"no_such_field": 1})
                assert "no_such_field" in str(refused.value)


def _open(url: str, registry: Registry) -> Storage:
    """The storage the default plugins open for ``url`` (through the storage hook)."""
    storage = Hooks(make_plugin_manager(load_entrypoints=False)).open_storage(url, registry)
    assert storage is not None, f"no default plugin opens {url}"
    return storage


class SQLiteKindContract(KindContract):
    """The contract on a fresh SQLite file per example; subclass it as ``Test...``.

    The schema is made once per test and each example starts from a copy of that
    file: making every table again per example was most of the contract's time.
    """

    @pytest.fixture(autouse=True)
    def _directory(self, tmp_path: Any) -> None:
        self.directory = tmp_path
        self._templates: dict[int, Path] = {}

    def make_storage(self, registry: Registry) -> Storage:
        template = self._templates.get(id(registry))
        if template is None:
            template = self.directory / f"template-{uuid.uuid4().hex}.db"
            _open(f"sqlite:///{template}", registry).close()
            self._templates[id(registry)] = template
        path = self.directory / f"{uuid.uuid4().hex}.db"
        shutil.copyfile(template, path)
        return _open(f"sqlite:///{path}", registry)


class PostgreSQLKindContract(KindContract):
    """The contract on a fresh database per example on the test server (skipped without).

    As on SQLite, the schema is made once per test, in a database that each example's
    database is copied from (``CREATE DATABASE ... TEMPLATE``).
    """

    max_examples = 6

    @pytest.fixture(autouse=True)
    def _server(self) -> Iterator[None]:
        server = postgresql_server()
        if server is None:
            pytest.skip(f"no PostgreSQL: set {SERVER_VARIABLE} (bash .ci/run does)")
        self.databases = PostgreSQLDatabases(server, "kinds")
        self._templates: dict[int, str] = {}
        try:
            yield
        finally:
            self.databases.drop_all()

    def make_storage(self, registry: Registry) -> Storage:
        template = self._templates.get(id(registry))
        if template is None:
            url = self.databases.new()
            _open(url, registry).close()
            template = self._templates[id(registry)] = url.rsplit("/", 1)[1]
        return _open(self.databases.new(template=template), registry)
