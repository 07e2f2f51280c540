"""The one cattrs converter for every record, event and configuration of sorgende.

UUIDs become strings, datetimes ISO 8601 strings with their offset (a datetime
without a time zone is refused), dates ISO strings, enums their values, frozensets
sorted lists (so the same record always gives the same JSON). Domain events carry
their type under ``"type"``.

Structuring is fast on the happy path; when input does not fit, it is structured
again with detailed validation so that :class:`~sorgende.errors.MalformedData` can
list every problem with its path.
"""

from __future__ import annotations

import enum
import json
import threading
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, Final, TypeVar, get_args, get_origin
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs
import cattrs
import cattrs.fns
from cattrs.errors import ClassValidationError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.v import format_exception, transform_error

from sorgende.domain import events as events_module
from sorgende.domain.events import DomainEvent, ForeignEvent
from sorgende.errors import (
    DuplicateEventType,
    MalformedData,
    Message,
    PluginError,
    SorgendeError,
    UnknownEventType,
)
from sorgende.i18n import translate
from sorgende.structuring import UUIDCache, fast_structure_factory, fast_unstructure_factory

try:  # orjson is optional: faster, same output
    import orjson

    #: orjson writes UUIDs and datetimes itself, as the converter would
    NATIVE_JSON = True

    def dumps(value: Any) -> str:
        return orjson.dumps(value).decode()

    def loads(text: str | bytes) -> Any:
        return orjson.loads(text)

except ImportError:  # pragma: no cover - exercised when orjson is absent
    NATIVE_JSON = False

    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def loads(text: str | bytes) -> Any:
        return json.loads(text)


T = TypeVar("T")

#: the core's event types by name (the ``"type"`` of their JSON); unchanged by plugins
EVENT_TYPES: Final[Mapping[str, type[DomainEvent]]] = MappingProxyType(
    {
        cls.__name__: cls
        for cls in vars(events_module).values()
        if isinstance(cls, type)
        and issubclass(cls, DomainEvent)
        and cls not in (DomainEvent, ForeignEvent)
    }
)
#: every event type the converter knows: the core's and those plugins registered (see
#: :func:`register_event_types`); read it through :func:`event_types` or :func:`event_type`
_EVENT_TYPES: Final[dict[str, type[DomainEvent]]] = dict(EVENT_TYPES)
#: who registered each type: ``sorgende`` for the core's, else the plugin's name
_EVENT_TYPE_OWNERS: Final[dict[str, str]] = dict.fromkeys(EVENT_TYPES, "sorgende")
_registry_lock = threading.Lock()


def _is_event_class(value: object) -> bool:
    """An attrs subclass of DomainEvent (a plain bool: ``attrs.has`` would narrow the type)."""
    return isinstance(value, type) and issubclass(value, DomainEvent) and attrs.has(value)


def _path(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def event_types() -> Mapping[str, type[DomainEvent]]:
    """Every known event type by name: the core's and those registered by plugins."""
    return MappingProxyType(_EVENT_TYPES)


def event_type(name: str) -> type[DomainEvent]:
    """The event type called ``name``; :class:`~sorgende.errors.UnknownEventType` if none."""
    cls = _EVENT_TYPES.get(name)
    if cls is None:
        raise UnknownEventType(name=name, known=", ".join(sorted(_EVENT_TYPES)))
    return cls


def event_from_log(data: Mapping[str, Any], conv: cattrs.Converter | None = None) -> DomainEvent:
    """An event as a log stored it: of its registered type, or a
    :class:`~sorgende.domain.events.ForeignEvent` when no loaded plugin registers that
    type any more (its plugin was removed), so that readers of the log read past it.

    Elsewhere an unknown type stays an error (``structure(data, DomainEvent)``)."""
    use = converter if conv is None else conv
    if data.get("type") in _EVENT_TYPES:
        return use.structure(data, DomainEvent)
    return use.structure(data, ForeignEvent)


def register_event_types(found: Iterable[tuple[str, Iterable[type[DomainEvent]] | None]]) -> None:
    """Make plugins' event types known to the converter: ``(plugin, types)`` pairs.

    Called when a platform opens, with the results of ``sorgende_event_types``. A type
    is known by its class name, in the whole process (the converter is one); the same
    class registered again is fine. Raises
    :class:`~sorgende.errors.DuplicateEventType` naming both plugins when two classes
    share a name, and :class:`~sorgende.errors.PluginError` for anything that is not a
    frozen attrs subclass of :class:`DomainEvent`. Either way nothing is registered.
    """
    chosen: dict[str, tuple[type[DomainEvent], str]] = {}
    with _registry_lock:
        for plugin, types in found:
            for cls in types or ():
                if not _is_event_class(cls):
                    raise PluginError(
                        plugin=plugin,
                        problem=Message("problem.serialization.not_an_event", cls=repr(cls)),
                    )
                name = cls.__name__
                known = _EVENT_TYPES.get(name)
                if known is cls:
                    continue
                other = chosen.get(name)
                if other is not None and other[0] is cls:
                    continue
                if known is not None or other is not None:
                    first_cls, first = (
                        (known, _EVENT_TYPE_OWNERS[name]) if known is not None else other
                    ) or (cls, plugin)
                    raise DuplicateEventType(
                        name=name,
                        first=first,
                        first_class=_path(first_cls),
                        second=plugin,
                        second_class=_path(cls),
                    )
                chosen[name] = (cls, plugin)
        for name, (cls, plugin) in chosen.items():
            _EVENT_TYPES[name] = cls
            _EVENT_TYPE_OWNERS[name] = plugin


def _unstructure_datetime(value: datetime) -> str:
    """ISO 8601 with the offset, and the zone's name (RFC 9557) when it has one.

    The name matters: a weekly 10:00 in Europe/Berlin stays at 10:00 local time across
    the change to summer time, which a bare offset cannot say.
    """
    text = value.isoformat()
    if isinstance(value.tzinfo, ZoneInfo):
        return f"{text}[{value.tzinfo.key}]"
    return text


def _unstructure_datetime_native(value: datetime) -> datetime | str:
    return _unstructure_datetime(value) if isinstance(value.tzinfo, ZoneInfo) else value


def _structure_datetime(value: Any, _: type) -> datetime:
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        text, zone = value, None
        if value.endswith("]") and "[" in value:
            text, _sep, name = value[:-1].partition("[")
            try:
                zone = ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise ValueError(f"unknown time zone {name!r}") from exc
        parsed = datetime.fromisoformat(text)
        if zone is not None and parsed.tzinfo is not None:
            parsed = parsed.astimezone(zone)
    else:
        raise TypeError(f"expected an ISO 8601 string, got {type(value).__name__}")
    if parsed.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone")
    return parsed


def _structure_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    member = cls._value2member_map_.get(value)
    if member is not None:
        return member
    try:
        return cls(value)
    except ValueError:
        known = ", ".join(str(m.value) for m in cls)
        raise ValueError(f"{value!r} is not one of {known}") from None


def _is_collection(t: Any) -> bool:
    origin = get_origin(t)
    return origin is frozenset or (origin is tuple and get_args(t)[1:] == (Ellipsis,))


def _collection_structure_factory(t: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Sets and tuples come from JSON arrays only: a string is not a set of letters."""
    origin = get_origin(t)
    inner = get_args(t)[0]
    items: Any = list[inner]  # type: ignore[valid-type]

    def structure_detailed(value: Any, _: Any) -> Any:
        if not isinstance(value, list | tuple | set | frozenset):
            raise TypeError(f"expected a list, got {type(value).__name__}")
        # through a list, so that problems are reported with their index
        return origin(conv.structure(list(value), items))

    if conv.detailed_validation:
        return structure_detailed
    item_hook = conv.get_structure_hook(inner)

    def structure(value: Any, _: Any) -> Any:
        if not isinstance(value, list | tuple | set | frozenset):
            raise TypeError(f"expected a list, got {type(value).__name__}")
        return origin([item_hook(v, inner) for v in value])

    return structure


def _structure_date(value: Any, _: type) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO 8601 date string, got {type(value).__name__}")
    return date.fromisoformat(value)


def _structure_uuid(value: Any, _: type) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    if not isinstance(value, str):
        raise TypeError(f"expected a UUID string, got {type(value).__name__}")
    return _parse_uuid(value)


#: parsed UUIDs, shared: the same ids come back again and again (community, places, people)
_uuids: Final = UUIDCache()
_parse_uuid: Final = _uuids.__getitem__


def _structure_str(value: Any, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {type(value).__name__}")
    return value


def _structure_float(value: Any, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    return float(value)


def _structure_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {type(value).__name__}")
    return value


def _is_frozenset(t: Any) -> bool:
    return get_origin(t) is frozenset


def _frozenset_unstructure_factory(t: Any, conv: cattrs.Converter) -> Callable[[Any], Any]:
    args = get_args(t)
    inner = conv.get_unstructure_hook(args[0]) if args else (lambda v: v)

    def unstructure(value: frozenset[Any]) -> list[Any]:
        return sorted(inner(v) for v in value)

    return unstructure


def _is_mapping(t: Any) -> bool:
    return get_origin(t) is Mapping


def _dict_type(mapping_type: Any) -> Any:
    key, value = get_args(mapping_type) or (str, Any)
    return dict[key, value]  # type: ignore[valid-type]


def _foreign(conv: cattrs.Converter, value: Any) -> ForeignEvent:
    """An event whose plugin is gone: its common fields read, the rest kept as JSON."""
    name = value.get("type") if isinstance(value, Mapping) else None
    if not isinstance(name, str) or not name:
        raise ValueError(f"not a known event type: {name!r}")
    fields = {k: v for k, v in value.items() if k != "type"}
    try:
        by, acted_for = fields.get("by"), fields.get("acted_for")
        return ForeignEvent(
            conv.structure(fields["community_id"], uuid.UUID),
            conv.structure(fields["at"], datetime),
            None if by is None else conv.structure(by, uuid.UUID),
            acted_for=None if acted_for is None else conv.structure(acted_for, uuid.UUID),
            type_name=name,
            data=fields,
        )
    except (KeyError, TypeError, ValueError) as problem:
        raise ValueError(f"not a known event type: {name!r} ({problem})") from None


def _event_factories(
    conv: cattrs.Converter, fast: bool
) -> tuple[Callable[[type], Callable[[Any], Any]], Callable[[type], Callable[[Any, Any], Any]]]:
    """How ``conv`` makes the functions of an event class: cattrs' own, or with ``fast``
    the records' fast paths (the event log reads and writes many events)."""

    def slow_unstructurer(cls: type) -> Callable[[Any], Any]:
        return make_dict_unstructure_fn(cls, conv, acted_for=override(omit_if_default=True))

    def slow_structurer(cls: type) -> Callable[[Any, Any], Any]:
        return make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True)

    if not fast:
        return slow_unstructurer, slow_structurer
    return (
        fast_unstructure_factory(conv, slow_unstructurer, omit_if_default=frozenset({"acted_for"})),
        fast_structure_factory(conv, slow_structurer, _uuids, _structure_datetime),
    )


def _register_fast_paths(conv: cattrs.Converter) -> None:
    """Records read and written by the functions of :mod:`sorgende.structuring`."""
    # the fast path for records; its misfits go to cattrs' function (and errors
    # with paths come from the detailed converter, as before)
    conv.register_structure_hook_factory(
        attrs.has,
        fast_structure_factory(
            conv, conv.gen_structure_attrs_fromdict, _uuids, _structure_datetime
        ),
    )
    conv.register_unstructure_hook_factory(
        attrs.has, fast_unstructure_factory(conv, conv.gen_unstructure_attrs_fromdict)
    )


def make_converter(
    *, detailed_validation: bool = False, native_json: bool = False, fast: bool = True
) -> cattrs.Converter:
    """A new converter set up for the sorgende model.

    With ``detailed_validation`` it collects every problem with its path (slower).
    With ``native_json`` it leaves UUIDs and datetimes without a zone name as they
    are, for orjson to write (the same text, written faster); :func:`to_json` uses it.
    With ``fast`` (the default; not with ``detailed_validation``) records are read by the
    specialised functions of :mod:`sorgende.structuring`, which hand every input that does
    not fit to cattrs' own, and written by its functions that give cattrs' dict.
    """
    conv = cattrs.Converter(detailed_validation=detailed_validation, forbid_extra_keys=True)
    if native_json:
        # cattrs' own identity: generated functions take the value inline
        conv.register_unstructure_hook(uuid.UUID, cattrs.fns.identity)
        conv.register_unstructure_hook(datetime, _unstructure_datetime_native)
    else:
        conv.register_unstructure_hook(uuid.UUID, str)
        conv.register_unstructure_hook(datetime, _unstructure_datetime)
    conv.register_structure_hook(uuid.UUID, _structure_uuid)
    conv.register_structure_hook(datetime, _structure_datetime)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(date, _structure_date)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(bool, _structure_bool)
    # str enums would otherwise take the plain ``str`` hook and come back as strings
    conv.register_structure_hook(enum.StrEnum, _structure_enum)
    conv.register_structure_hook(enum.Enum, _structure_enum)
    conv.register_unstructure_hook_factory(_is_frozenset, _frozenset_unstructure_factory)
    conv.register_structure_hook_factory(_is_collection, _collection_structure_factory)
    conv.register_structure_hook_func(
        _is_mapping,
        lambda value, t: conv.structure(value, _dict_type(t)),
    )
    conv.register_unstructure_hook_func(_is_mapping, dict)

    # generated per event class, on first use (plugins register theirs when a platform
    # opens, after this converter was made): dispatching on the class would find these
    # hooks again. ``acted_for`` is left out when it is None, so events written before
    # it existed and events without it have the same JSON.
    event_unstructurers: dict[type, Callable[[Any], dict[str, Any]]] = {}
    event_structurers: dict[type, Callable[[Any, Any], Any]] = {}

    make_unstructurer, make_structurer = _event_factories(conv, fast and not detailed_validation)

    def unstructurer(cls: type) -> Callable[[Any], dict[str, Any]]:
        if _EVENT_TYPES.get(cls.__name__) is not cls:
            raise ValueError(f"{cls.__name__} is not a registered event type")
        fn = event_unstructurers[cls] = make_unstructurer(cls)
        return fn

    def unstructure_event(event: DomainEvent) -> dict[str, Any]:
        if isinstance(event, ForeignEvent):  # written back as it was read
            return {"type": event.type_name, **event.data}
        cls = type(event)
        fn = event_unstructurers.get(cls) or unstructurer(cls)
        data: dict[str, Any] = {"type": cls.__name__}
        data.update(fn(event))
        return data

    def structure_event(value: Any, _: type) -> DomainEvent:
        if not isinstance(value, Mapping):
            raise TypeError(f"expected an object with a 'type', got {type(value).__name__}")
        cls = _EVENT_TYPES.get(value.get("type"))  # type: ignore[arg-type]
        if cls is None:
            raise ValueError(f"not a known event type: {value.get('type')!r}")
        fn = event_structurers.get(cls)
        if fn is None:
            fn = event_structurers[cls] = make_structurer(cls)
        fields = {k: v for k, v in value.items() if k != "type"}
        return fn(fields, cls)  # type: ignore[no-any-return]

    if fast and not detailed_validation:
        _register_fast_paths(conv)
    conv.register_unstructure_hook(DomainEvent, unstructure_event)
    conv.register_structure_hook(DomainEvent, structure_event)
    conv.register_structure_hook(ForeignEvent, lambda value, _: _foreign(conv, value))
    return conv


#: the converter: records to and from JSON-compatible data (dicts, lists, strings)
converter: Final = make_converter()
_detailed: Final = make_converter(detailed_validation=True)
_to_json: Final = make_converter(native_json=True) if NATIVE_JSON else converter


def structure(data: Any, cls: type[T], *, what: str | None = None) -> T:
    """Structure ``data`` into ``cls``; bad data raises :class:`MalformedData` with paths."""
    try:
        return converter.structure(data, cls)
    except Exception:
        # the fast converter's errors carry no paths: look again in detail
        pass
    problems = _problems(data, cls)
    raise MalformedData(kind=what or _name(cls), problems=problems)


def _format_problem(exc: BaseException, type_: Any) -> str:
    """cattrs' wording, plus why: the library's own errors speak for themselves."""
    if isinstance(exc, SorgendeError):
        # a field by its key (helpers_needed), not its label: the data names it so
        name = exc.params.get("field_name")
        if isinstance(name, str) and "field" in exc.params:
            return translate(exc.message_key, "en", **{**exc.params, "field": name})
        return str(exc)
    base = format_exception(exc, type_)
    detail = str(exc) if isinstance(exc, ValueError | TypeError) else ""
    return f"{base}: {detail}" if detail and detail not in base else base


def _problems(data: Any, cls: Any) -> list[str]:
    try:
        _detailed.structure(data, cls)
    except (ClassValidationError, IterableValidationError) as exc:
        return transform_error(exc, path="$", format_exception=_format_problem)
    except Exception as exc:
        return [f"{exc} @ $"]
    return ["the data does not fit @ $"]


def _name(cls: Any) -> str:
    return getattr(cls, "__name__", str(cls))


def unstructure(value: Any) -> Any:
    return converter.unstructure(value)


def to_json(value: Any) -> str:
    """JSON text for a record (or a list of records)."""
    return dumps(_to_json.unstructure(value))


def from_json(text: str | bytes, cls: type[T]) -> T:
    """A record from JSON text; malformed JSON or data raises :class:`MalformedData`."""
    try:
        data = loads(text)
    except ValueError as exc:
        raise MalformedData(kind=_name(cls), problems=[f"not valid JSON: {exc}"]) from exc
    return structure(data, cls)


def is_attrs(value: Any) -> bool:
    return attrs.has(type(value))
