"""Record kinds: every kind of record sorgende stores is declared once, as a :class:`RecordKind`.

A declaration says what a storage, an export, an erasure, the contract suite and the
Hypothesis strategies need to know about a kind, so that none of them keeps a list of
kinds of its own:

* its attrs class, the field holding its key (``id``) and its owner (``community_id``:
  every record belongs to one community, the tenant);
* the fields it is queried by (``indexes``): a storage answers ``list(where=...)`` on
  them from an index, never by reading every record;
* whose personal data it holds (``persons``: fields naming the person) and which
  further fields merely mention a person (``mentions``), so ``export_person`` finds it;
  which fields are personal is marked on the class itself with
  :func:`sorgende.domain.personal.personal`;
* how it is erased (:class:`Erasure`): personal fields blanked, or the record deleted.

The core declares its own kinds the same way, in a default plugin
(:mod:`sorgende.default_plugins.records`); a plugin adds kinds through the hook
``sorgende_record_kinds``. The platform collects them into a :class:`Registry` before it
opens the storage, and every storage gives each registered kind a repository
(``uow.of(kind)``, :class:`sorgende.ports.KindRepository`).

The core's kinds also have typed repositories of their own (``uow.actors``, ...); their
declarations carry a :class:`KindAccess` that reaches them. A plugin's kind needs none:
:class:`GenericAccess` works through ``uow.of(kind)``.
"""

from __future__ import annotations

import enum
import re
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any, Generic, Protocol, TypeVar, cast, get_args, get_origin

import attrs

from sorgende.domain.evolve import evolver
from sorgende.domain.ledger import Adjustment
from sorgende.domain.personal import erase_personal, personal_fields
from sorgende.domain.recognition import HelperTotals
from sorgende.errors import InvalidRecordKind

T = TypeVar("T")

#: a kind's name: lower case, digits and underscores, optionally one dot after a prefix
#: naming the plugin (``projects.shift``); it names the kind in exports and its SQL table
NAME = re.compile(r"^[a-z][a-z0-9_]{0,40}(\.[a-z][a-z0-9_]{0,40})?$")

#: the types an indexed field may have: values a database compares as they are
INDEXABLE: tuple[type, ...] = (uuid.UUID, str, int, bool, datetime, date, enum.Enum)


class Erasure(enum.StrEnum):
    """What becomes of a record about a person when the person is erased (GDPR Art. 17)."""

    #: the record holds nothing personal (or must stay, like the ledger): it stays
    KEEP = "keep"
    #: personal fields take their erased value (``personal(erased=...)``); the record stays
    BLANK = "blank"
    #: the record is deleted
    DELETE = "delete"


@attrs.frozen
class RecordKind(Generic[T]):
    """The declaration of one kind of record (see the module's documentation)."""

    #: unique name, e.g. ``"actor"`` or ``"web.account"``
    name: str
    #: the attrs class of its records
    cls: type[T]
    #: the fields it is queried by, besides its key and owner
    indexes: tuple[str, ...] = ()
    #: fields naming the person whose personal data a record is: found by export and
    #: erased by erasure
    persons: tuple[str, ...] = ()
    #: fields that mention a person without the record being theirs: found by export only
    mentions: tuple[str, ...] = ()
    erasure: Erasure = Erasure.BLANK
    #: fields left out of a person's export, such as a password hash: handed to someone
    #: else (a coordinator asking for the export) they would let them try passwords. A
    #: community's transfer carries them: a moved community must still let people in
    confidential: tuple[str, ...] = ()
    #: the field holding the record's key (a UUID, or a code)
    key: str = "id"
    #: the field holding the owning community's id; ``None``: the record carries none
    #: and belongs to the unit of work's community (categories)
    owner: str | None = "community_id"
    #: the field holding the version for compare-and-set, or ``None`` for append-only
    #: records (their repository refuses updates)
    version: str | None = "version"
    #: the indexed field lists are sorted by (then by when records were added), or
    #: ``None`` for the order in which they were added
    order: str | None = None
    #: kinds whose records must exist before these can be added (import order)
    after: tuple[str, ...] = ()
    #: the plugin that declared it (set by the registry)
    plugin: str = ""
    #: how generic code reaches the records; ``None``: through ``uow.of(kind)``
    access: KindAccess[T] | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def table(self) -> str:
        """The name of its SQL table: the name with ``.`` as ``_``, prefixed ``k_``."""
        return "k_" + self.name.replace(".", "_")

    @property
    def personal(self) -> tuple[str, ...]:
        """The fields marked personal on the class."""
        return personal_fields(self.cls)

    @property
    def queryable(self) -> tuple[str, ...]:
        """Every field ``list(where=...)`` accepts: the indexes and the person fields."""
        return tuple(dict.fromkeys((*self.indexes, *self.persons, *self.mentions)))

    def field_type(self, name: str) -> Any:
        """The declared type of a field (``X | None`` as ``X``)."""
        return _field_types(self.cls)[name]

    def key_of(self, record: T) -> Any:
        return getattr(record, self.key)

    def owner_of(self, record: T) -> uuid.UUID | None:
        return cast(uuid.UUID, getattr(record, self.owner)) if self.owner else None

    def version_of(self, record: T) -> int:
        return cast(int, getattr(record, self.version)) if self.version else 1

    def bumped(self, record: T, **changes: Any) -> T:
        """``record`` with ``changes`` and its version one higher (for ``update``)."""
        if self.version:
            changes[self.version] = getattr(record, self.version) + 1
        cls = type(record)
        evolve = _EVOLVERS.get(cls) or _evolver_of(cls)
        evolved: T = evolve(record, **changes)
        return evolved

    def accessor(self) -> KindAccess[T]:
        return self.access if self.access is not None else GenericAccess(self)

    def check(self) -> None:
        """Raise :class:`InvalidRecordKind` if the declaration does not fit its class."""
        problems: list[str] = []
        if not NAME.match(self.name):
            problems.append(f"the name {self.name!r} must be lower case letters, digits, _")
        if not attrs.has(self.cls):
            raise InvalidRecordKind(kind=self.name, problems=["its class is no attrs class"])
        types = _field_types(self.cls)
        for role, name in (("key", self.key), ("owner", self.owner or self.key)):
            if name not in types:
                problems.append(f"the {role} field {name!r} is not a field of {_name(self.cls)}")
        if self.version is not None and types.get(self.version) is not int:
            problems.append(f"the version field {self.version!r} must be an int field")
        for name in (*self.queryable, *((self.order,) if self.order else ())):
            if name not in types:
                problems.append(f"{name!r} is not a field of {_name(self.cls)}")
            elif not _indexable(types[name]):
                problems.append(
                    f"{name!r} cannot be indexed: its type {types[name]!r} is no UUID, str, "
                    "int, bool, date, datetime or enum"
                )
        if self.order is not None and self.order not in self.indexes:
            problems.append(f"the order field {self.order!r} must be one of the indexes")
        for name in self.confidential:
            if name not in types:
                problems.append(
                    f"the confidential field {name!r} is not a field of {_name(self.cls)}"
                )
        for name in self.persons:
            if name in types and _plain(types[name]) is not uuid.UUID:
                problems.append(f"the person field {name!r} must hold a UUID")
        if self.erasure is Erasure.BLANK and self.persons and not self.personal:
            problems.append("it is erased by blanking, but no field is marked personal()")
        if problems:
            raise InvalidRecordKind(kind=self.name, problems=problems)


class KindRepository(Protocol[T]):
    """The records of one registered kind (:class:`sorgende.records.RecordKind`).

    Every storage gives every registered kind such a repository, ``uow.of(kind)``, with
    the guarantees of the core's own: writes become visible when the unit of work
    commits, ``update`` and ``delete`` are compare-and-set on the version, a record of
    another community is refused (:class:`~sorgende.errors.WrongCommunity`), and
    ``list``, ``count`` and paging answer from the kind's declared indexes.

    ``where`` maps indexed fields to a value (equality; ``None`` matches a missing
    value) or to a set, list, tuple or frozenset of values (any of them). A field the
    kind is not indexed by raises :class:`~sorgende.errors.InvalidQuery`.
    """

    def get(self, key: Any) -> T:
        """The record, or :class:`~sorgende.errors.NotFound`."""
        ...

    def find(self, key: Any) -> T | None: ...

    def find_many(self, keys: Iterable[Any]) -> dict[Any, T]:
        """The records of ``keys`` that exist, by key."""
        ...

    def add(self, entity: T) -> None:
        """Insert a new record (its key must be new)."""
        ...

    def add_all(self, entities: Sequence[T]) -> None:
        """Insert many new records at once (an import)."""
        ...

    def update(self, entity: T) -> None:
        """Compare-and-set: store ``entity`` if the stored version is one lower."""
        ...

    def delete(self, entity: T) -> None:
        """Remove the record if its stored version is ``entity``'s (compare-and-set)."""
        ...

    def list(
        self,
        *,
        where: Mapping[str, Any] | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> Sequence[T]:
        """Matching records in the kind's order (its ``order`` field, then insertion)."""
        ...

    def count(self, *, where: Mapping[str, Any] | None = None, limit: int | None = None) -> int:
        """How many records match; with ``limit``, ``min(matches, limit)``: the count stops
        there (a page's "more than" costs what ``limit`` says, not what the kind holds)."""
        ...


class Units(Protocol):
    """What :class:`KindAccess` needs of a unit of work (:class:`sorgende.ports.UnitOfWork`)."""

    def of(self, kind: RecordKind[T]) -> KindRepository[T]: ...


class KindAccess(Generic[T]):
    """How generic code (transfer, export, erasure) reaches the records of one kind."""

    def __init__(self, kind: RecordKind[T]) -> None:
        self.kind = kind

    def scan(self, uow: Units) -> Iterable[T]:
        """Every record of the community, in an order in which they can be added again."""
        return uow.of(self.kind).list()

    def add_all(self, uow: Units, records: Sequence[T]) -> None:
        """Add new records (an import)."""
        uow.of(self.kind).add_all(records)

    def about(self, uow: Units, person: uuid.UUID) -> Sequence[T]:
        """The records that are the person's or mention them (an export)."""
        repo = uow.of(self.kind)
        found: dict[Any, T] = {}
        for name in (*self.kind.persons, *self.kind.mentions):
            for record in repo.list(where={name: person}):
                found.setdefault(self.kind.key_of(record), record)
        return list(found.values())

    def erase(self, uow: Units, person: uuid.UUID) -> int:
        """Erase what this kind holds about the person; returns how many records changed."""
        kind = self.kind
        if kind.erasure is Erasure.KEEP or not kind.persons:
            return 0
        repo = uow.of(kind)
        done: set[Any] = set()
        for name in kind.persons:
            for record in repo.list(where={name: person}):
                key = kind.key_of(record)
                if key in done:
                    continue
                done.add(key)
                if kind.erasure is Erasure.DELETE:
                    repo.delete(record)
                else:
                    repo.update(kind.bumped(erase_personal(record)))
        return len(done)


class GenericAccess(KindAccess[T]):
    """Access through the storage's generic repository: every plugin's kind."""


@attrs.frozen
class Registry:
    """The record kinds of a platform, by name, in an order they can be imported in."""

    kinds: tuple[RecordKind[Any], ...] = ()
    #: Alembic version directories that plugins ship for their kinds' tables
    migrations: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(
        cls,
        declared: Iterable[tuple[str, Iterable[RecordKind[Any]] | None]],
        migrations: Iterable[tuple[str, Iterable[str] | None]] = (),
    ) -> Registry:
        """A registry of the kinds each plugin declared: ``(plugin, kinds)`` pairs.

        Two kinds of one name, or a kind of an unknown ``after``, are
        :class:`InvalidRecordKind` errors naming the plugins.
        """
        by_name: dict[str, RecordKind[Any]] = {}
        for plugin, kinds in declared:
            for kind in kinds or ():
                if not isinstance(kind, RecordKind):
                    raise InvalidRecordKind(
                        kind=repr(kind), problems=[f"plugin {plugin!r} gave no RecordKind"]
                    )
                kind.check()
                other = by_name.get(kind.name)
                if other is not None:
                    raise InvalidRecordKind(
                        kind=kind.name,
                        problems=[f"declared by both {other.plugin!r} and {plugin!r}"],
                    )
                by_name[kind.name] = attrs.evolve(kind, plugin=plugin)
        ordered = _import_order(by_name)
        found = tuple((plugin, path) for plugin, paths in migrations for path in paths or ())
        return cls(kinds=ordered, migrations=found)

    def __iter__(self) -> Any:
        return iter(self.kinds)

    def __len__(self) -> int:
        return len(self.kinds)

    def __contains__(self, name: object) -> bool:
        return any(k.name == name for k in self.kinds)

    def get(self, name: str) -> RecordKind[Any]:
        for kind in self.kinds:
            if kind.name == name:
                return kind
        raise InvalidRecordKind(kind=name, problems=["no plugin declares this kind"])

    def find(self, name: str) -> RecordKind[Any] | None:
        return next((k for k in self.kinds if k.name == name), None)

    def generic(self) -> tuple[RecordKind[Any], ...]:
        """The kinds without a repository of their own (a storage's generic repositories)."""
        return tuple(k for k in self.kinds if k.access is None)

    def by_plugin(self) -> Mapping[str, tuple[RecordKind[Any], ...]]:
        grouped: dict[str, list[RecordKind[Any]]] = {}
        for kind in self.kinds:
            grouped.setdefault(kind.plugin, []).append(kind)
        return {plugin: tuple(kinds) for plugin, kinds in grouped.items()}


def _import_order(by_name: Mapping[str, RecordKind[Any]]) -> tuple[RecordKind[Any], ...]:
    """The kinds with every kind after those it names in ``after`` (declaration order else)."""
    ordered: list[RecordKind[Any]] = []
    state: dict[str, int] = {}  # 1: being placed, 2: placed

    def place(kind: RecordKind[Any]) -> None:
        if state.get(kind.name) == 2:
            return
        if state.get(kind.name) == 1:
            raise InvalidRecordKind(kind=kind.name, problems=["its 'after' kinds form a cycle"])
        state[kind.name] = 1
        for name in kind.after:
            before = by_name.get(name)
            if before is None:
                raise InvalidRecordKind(
                    kind=kind.name, problems=[f"it comes after {name!r}, which nobody declares"]
                )
            place(before)
        state[kind.name] = 2
        ordered.append(kind)

    for kind in by_name.values():
        place(kind)
    return tuple(ordered)


def _plain(t: Any) -> Any:
    """``X | None`` as ``X``."""
    args = [a for a in get_args(t) if a is not type(None)]
    if get_origin(t) is not None and len(args) == 1 and type(None) in get_args(t):
        return args[0]
    return t


def _indexable(t: Any) -> bool:
    plain = _plain(t)
    return isinstance(plain, type) and issubclass(plain, INDEXABLE)


#: how ``bumped`` evolves a record, per class (a confirmation bumps the helper's totals)
_EVOLVERS: dict[type, Callable[..., Any]] = {}


def _evolver_of(cls: type) -> Callable[..., Any]:
    """:func:`evolver` of ``cls``, or ``attrs.evolve`` for a class with keyword-only fields."""
    try:
        evolve: Callable[..., Any] = evolver(cls)
    except TypeError:
        evolve = attrs.evolve
    _EVOLVERS[cls] = evolve
    return evolve


def _field_types(cls: type) -> dict[str, Any]:
    resolved = attrs.resolve_types(cast(Any, cls))
    return {f.name: _plain(f.type) for f in attrs.fields(resolved)}


def _name(cls: Any) -> str:
    return getattr(cls, "__name__", str(cls))


def db_value(value: Any) -> Any:
    """A field's value as a storage compares it: enums by value, times as microseconds."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return micros(value)
    if isinstance(value, date):
        return value.toordinal()
    return value


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def micros(value: datetime) -> int:
    """A sortable integer for an aware datetime: microseconds since 1970 (UTC).

    Integer arithmetic, not ``timestamp()``: a float loses microseconds far from 1970,
    and two distinct times must never sort as one.
    """
    return (value - _EPOCH) // _MICROSECOND


#: a helper's running totals of confirmed help (:class:`HelperTotals`), kept with each
#: posting and read by the recognition rules. A core kind without a typed repository:
#: use cases reach it through ``uow.of(HELPER_TOTALS)``, every storage has it even when
#: opened without a registry. Erasure deletes it: it is derived from the exchanges (a
#: confirmation rebuilds it if it is missing) and says on which days a person helped.
HELPER_TOTALS: RecordKind[HelperTotals] = RecordKind(
    name="helper_totals",
    cls=HelperTotals,
    key="actor_id",
    persons=("actor_id",),
    erasure=Erasure.DELETE,
    after=("actor",),
)

#: the ledger's adjustments (:class:`~sorgende.domain.ledger.Adjustment`): each with its
#: reasons, pending ones until a second ledger keeper decides. A core kind without a typed
#: repository, like :data:`HELPER_TOTALS`. It is the record of the persons whose accounts
#: it moves (their export finds it; erasing one of them blanks the free-text reasons, the
#: adjustment stays like its posting) and mentions the ledger keepers who asked and decided.
ADJUSTMENTS: RecordKind[Adjustment] = RecordKind(
    name="adjustment",
    cls=Adjustment,
    indexes=("state", "asked_at", "posting_id"),
    persons=("from_account", "to_account"),
    mentions=("asked_by", "decided_by"),
    erasure=Erasure.BLANK,
    order="asked_at",
    after=("actor", "posting"),
)
