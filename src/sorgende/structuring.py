"""Specialised functions for attrs classes: the converter's fast paths.

cattrs generates one function per attrs class that calls a hook per field (a Python
call for every string, number, UUID and enum). Records are read far more often than
they are written (every storage read, every event in the log), so the converter in
:mod:`sorgende.serialization` registers the factory of this module: for each attrs
class it generates a function that checks and converts the common field types inline
(strings, integers, booleans, UUIDs, aware datetimes, enums, optional values, tuples
and frozensets, nested records) and calls the converter's own hook for anything else.
A record whose constructor would only store the values (no validator, converter or
init hook) is made by storing them in its slots directly; any other is made by its
constructor, so the domain's rules run as they always do.

The function is only a fast path. Whenever its input does not fit (a missing or extra
key, a wrong type, an unknown enum value, anything that raises) it hands the *same*
input to the cattrs-generated function, so every answer to bad input, and every error,
is exactly the one cattrs gives. ``tests/test_structuring.py`` checks that both give
equal values of the same types for every record kind and refuse the same input.

Writing has a fast path too (:func:`fast_unstructure_factory`): the same dict as
cattrs' function, with the values the converter passes on as they are taken inline.
"""

from __future__ import annotations

import enum
import inspect
import threading
import types
import typing
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any, get_args, get_origin

import attrs
import cattrs.fns

#: a hook as cattrs calls it: ``hook(value, type)``
Hook = Callable[[Any, Any], Any]

_NONE_TYPE = type(None)


class _Unfit(Exception):
    """The fast path's input does not fit: the cattrs-generated function decides."""


#: an optional key the input does not have (``None`` is a value a key may have)
_MISSING: Any = object()


class UUIDCache(dict[str, uuid.UUID]):
    """Parsed UUIDs by their text, at most ``limit``; ``cache[text]`` parses on a miss.

    The same ids come back again and again (community, places, people) and UUIDs are
    immutable, so parsed ones can be shared. A subscript of a dict subclass without
    ``__getitem__`` of its own is the dict's C lookup: cheaper than a call of an
    ``lru_cache``. When full it starts again, which bounds it without bookkeeping.
    """

    __slots__ = ("limit",)

    def __init__(self, limit: int = 1 << 16) -> None:
        super().__init__()
        self.limit = limit

    def __missing__(self, text: str) -> uuid.UUID:
        value = uuid.UUID(text)  # raises ValueError for text that is no UUID
        if len(self) >= self.limit:
            self.clear()
        self[text] = value
        return value


class _Building(threading.local):
    """The classes whose function this thread is making. Per thread: a class that
    another thread is making at the same time is no record that contains itself."""

    def __init__(self) -> None:
        self.classes: set[type] = set()


def _optional_inner(t: Any) -> Any | None:
    """``X`` for ``X | None`` (or ``Optional[X]``), else ``None``."""
    if get_origin(t) in (typing.Union, types.UnionType):
        args = get_args(t)
        if len(args) == 2 and _NONE_TYPE in args:
            return args[0] if args[1] is _NONE_TYPE else args[1]
    return None


class _Writer:
    """The lines of one generated function and the names they use."""

    def __init__(
        self, conv: Any, uuids: UUIDCache, parse_datetime: Hook, generated: set[Hook]
    ) -> None:
        self.conv = conv
        self.generated = generated
        self.names: dict[str, Any] = {
            "_Unfit": _Unfit,
            "_str": str,
            "_int": int,
            "_bool": bool,
            "_float": float,
            "_dict": dict,
            "_UUID": uuid.UUID,
            "_uuids": uuids,
            "_MISSING": _MISSING,
            "_NOTHING": attrs.NOTHING,
            "_map": map,
            "_new": object.__new__,
            "_datetime": datetime,
            "_fromiso": datetime.fromisoformat,
            "_parse_datetime": parse_datetime,
            "_lists": (list, tuple, set, frozenset),
        }
        self.lines: list[str] = []
        self._count = 0

    def name(self, value: Any) -> str:
        self._count += 1
        key = f"_n{self._count}"
        self.names[key] = value
        return key

    def convert(self, t: Any, src: str, dst: str, indent: str) -> None:
        """Lines that set ``dst`` to ``src`` structured as ``t`` or raise."""
        add = self.lines.append
        inner = _optional_inner(t)
        if inner is not None:
            add(f"{indent}if {src} is None:")
            add(f"{indent}    {dst} = None")
            add(f"{indent}else:")
            self.convert(inner, src, dst, indent + "    ")
            return
        if t is str:
            add(f"{indent}if not isinstance({src}, _str): raise _Unfit")
            add(f"{indent}{dst} = {src}")
        elif t is int:
            add(f"{indent}if {src}.__class__ is _bool or not isinstance({src}, _int): raise _Unfit")
            add(f"{indent}{dst} = {src}")
        elif t is bool:
            add(f"{indent}if {src}.__class__ is not _bool: raise _Unfit")
            add(f"{indent}{dst} = {src}")
        elif t is float:
            add(f"{indent}if {src}.__class__ is _bool or not isinstance({src}, (_int, _float)):")
            add(f"{indent}    raise _Unfit")
            add(f"{indent}{dst} = _float({src})")
        elif t is uuid.UUID:
            add(f"{indent}if {src}.__class__ is _str: {dst} = _uuids[{src}]")
            add(f"{indent}elif {src}.__class__ is _UUID: {dst} = {src}")
            add(f"{indent}else: raise _Unfit")
        elif t is datetime:
            # the zone-name form ("...[Europe/Berlin]") takes the converter's own hook
            add(f"{indent}if {src}.__class__ is _str and {src}[-1:] != ']':")
            add(f"{indent}    {dst} = _fromiso({src})")
            add(f"{indent}    if {dst}.tzinfo is None: raise _Unfit")
            add(f"{indent}else: {dst} = _parse_datetime({src}, None)")
        elif isinstance(t, type) and issubclass(t, enum.Enum):
            members = self.name(t._value2member_map_)
            add(f"{indent}if {src}.__class__ is not _str: raise _Unfit")
            add(f"{indent}{dst} = {members}[{src}]")
        elif get_origin(t) in (tuple, frozenset) and (
            get_origin(t) is frozenset or get_args(t)[1:] == (Ellipsis,)
        ):
            item_type = get_args(t)[0]
            item_hook = self.conv.get_structure_hook(item_type)
            hook = self.name(item_hook)
            build = "tuple" if get_origin(t) is tuple else "frozenset"
            add(f"{indent}if not isinstance({src}, _lists): raise _Unfit")
            if item_hook in self.generated:
                # a function of this module needs no type: no comprehension's frame per list
                add(f"{indent}{dst} = {build}(_map({hook}, {src}))")
            else:
                item = self.name(item_type)
                add(f"{indent}{dst} = {build}([{hook}(_i, {item}) for _i in {src}])")
        else:
            hook = self.name(self.conv.get_structure_hook(t))
            add(f"{indent}{dst} = {hook}({src}, {self.name(t)})")


def fast_structure_factory(
    conv: Any, slow_factory: Callable[[type], Hook], uuids: UUIDCache, parse_datetime: Hook
) -> Callable[[type], Hook]:
    """A hook factory for attrs classes on ``conv``, falling back to ``slow_factory``'s."""

    building = _Building()
    #: the functions this factory made: a list of their records can call them with the
    #: value alone
    generated: set[Hook] = set()

    def factory(cls: type) -> Hook:
        slow = slow_factory(cls)
        if cls in building.classes:
            # a record that contains itself: the inner one takes the generated function
            return slow
        building.classes.add(cls)
        try:
            fn = _generate(cls, slow, _Writer(conv, uuids, parse_datetime, generated))
        except (NameError, TypeError):
            # annotations that cannot be resolved here: cattrs' function does it all
            return slow
        finally:
            building.classes.discard(cls)
        generated.add(fn)
        return fn

    return factory


def _attrs_signature(cls: type, fields: list[Any]) -> bool:
    """Whether ``cls.__init__`` is the one attrs wrote: the fields' aliases in order as
    its parameters (keyword-only ones after), ``NOTHING`` the default of a field with a
    factory (the constructor calls the factory for it). Then the fast function passes
    arguments by position, which is cheaper than by keyword."""
    try:
        params = list(inspect.signature(cls).parameters.values())
    except (TypeError, ValueError):
        return False
    positional = [p.name for p in params if p.kind is p.POSITIONAL_OR_KEYWORD]
    keyword = [p.name for p in params if p.kind is p.KEYWORD_ONLY]
    if len(positional) + len(keyword) != len(params):
        return False
    if positional != [f.alias for f in fields if not f.kw_only]:
        return False
    if keyword != [f.alias for f in fields if f.kw_only]:
        return False
    defaults = {p.name: p.default for p in params}
    return all(
        defaults[f.alias] is attrs.NOTHING
        for f in fields
        if isinstance(f.default, attrs.Factory)  # type: ignore[arg-type]
    )


def _generate(cls: type, slow: Hook, writer: _Writer) -> Hook:
    """The fast function for ``cls``, which hands misfits to ``slow``."""
    fields = [f for f in attrs.fields(cls) if f.init]
    hints = typing.get_type_hints(cls)
    writer.names["_slow"] = slow
    writer.names["_cls"] = cls
    by_position = _attrs_signature(cls, fields)
    required = sum(1 for f in fields if f.default is attrs.NOTHING)
    body = writer.lines
    body.append("def structure(o, _=_cls):")
    body.append("    if o.__class__ is not _dict: return _slow(o, _)")
    body.append("    try:")
    body.append(f"        _n = {required}")
    made = False
    for k, f in enumerate(fields):
        t = hints.get(f.name, f.type)
        if f.default is attrs.NOTHING:
            body.append(f"        _v = o[{f.name!r}]")
            writer.convert(t, "_v", f"_a{k}", "        ")
            continue
        # one lookup for an optional key: a sentinel for "absent", as None is a value
        body.append(f"        _v = o.get({f.name!r}, _MISSING)")
        body.append("        if _v is not _MISSING:")
        body.append("            _n += 1")
        writer.convert(t, "_v", f"_a{k}", "            ")
        if not isinstance(f.default, attrs.Factory):  # type: ignore[arg-type]
            # plain defaults are passed as constants
            body.append(f"        else: _a{k} = {writer.name(f.default)}")
        elif by_position:
            # attrs' constructor calls the factory for NOTHING
            body.append(f"        else: _a{k} = _NOTHING")
        else:
            # a constructor of its own: the field is left out for its default
            if not made:
                body.insert(body.index("    try:") + 1, "        _res = {}")
                made = True
            body.append(f"            _res[{f.alias!r}] = _a{k}")
    # an extra key is refused, as the converter forbids them (the slow path says which)
    body.append("        if len(o) != _n: raise _Unfit")
    body.append("    except Exception:")
    body.append("        return _slow(o, _)")
    slots = _plain_slots(cls, fields) if by_position else None
    if slots is not None:
        # the constructor would only store the values: the fast function stores them
        body.append("    _o = _new(_cls)")
        for k, (f, slot) in enumerate(zip(fields, slots, strict=True)):
            if isinstance(f.default, attrs.Factory):  # type: ignore[arg-type]
                made_by = writer.name(f.default.factory)
                body.append(f"    if _a{k} is _NOTHING: _a{k} = {made_by}()")
            body.append(f"    {writer.name(slot.__set__)}(_o, _a{k})")
        body.append("    return _o")
        return _compile(cls, body, writer.names)
    if by_position:
        args = [f"_a{k}" for k, f in enumerate(fields) if not f.kw_only]
        args += [f"{f.alias}=_a{k}" for k, f in enumerate(fields) if f.kw_only]
    else:
        args = [
            f"{f.alias}=_a{k}"
            for k, f in enumerate(fields)
            if not isinstance(f.default, attrs.Factory)  # type: ignore[arg-type]
        ]
        args += ["**_res"] if made else []
    # the constructor's own validators run outside the fast path's guard: their
    # errors are the domain's answer, whichever path built the arguments
    body.append(f"    return _cls({', '.join(args)})")
    return _compile(cls, body, writer.names)


def _compile(cls: type, body: list[str], names: dict[str, Any]) -> Hook:
    namespace = dict(names)
    exec(
        compile("\n".join(body), f"<sorgende fast structure {cls.__qualname__}>", "exec"), namespace
    )
    fn: Hook = namespace["structure"]
    return fn


def _plain_slots(cls: type, fields: list[Any]) -> list[Any] | None:
    """The slots of ``fields`` when attrs' constructor of ``cls`` would do no more than
    store each value in its slot (no validator, converter, pre- or post-init hook, hash
    cache, factory that takes the instance or field left out of the constructor, no slot
    that is not a field, ``__new__`` the object's), else ``None``.

    Storing through a slot's descriptor costs about two thirds of the constructor's
    ``object.__setattr__`` by name, and most records (an exchange and its history) are
    such plain ones.
    """
    own_new = cls.__new__ is not object.__new__  # type: ignore[comparison-overlap]
    if own_new or len(fields) != len(attrs.fields(cls)):
        return None  # (a field the constructor sets to its default is not stored here)
    if hasattr(cls, "__attrs_pre_init__") or hasattr(cls, "__attrs_post_init__"):
        return None
    for f in fields:
        if f.validator is not None or f.converter is not None:
            return None
        if isinstance(f.default, attrs.Factory) and f.default.takes_self:  # type: ignore[arg-type]
            return None
    declared: set[str] = set()
    for klass in cls.__mro__[:-1]:
        if "__slots__" not in klass.__dict__:  # an instance dict: not only slots
            return None
        declared.update(klass.__dict__["__slots__"])
    if declared - {"__weakref__"} != {f.name for f in attrs.fields(cls)}:
        return None
    found = []
    for f in fields:
        slot = next((k.__dict__[f.name] for k in cls.__mro__ if f.name in k.__dict__), None)
        if not isinstance(slot, types.MemberDescriptorType):
            return None
        found.append(slot)
    return found


# --- unstructuring --------------------------------------------------------------------


def fast_unstructure_factory(
    conv: Any,
    slow_factory: Callable[[type], Callable[[Any], Any]],
    omit_if_default: frozenset[str] = frozenset(),
) -> Callable[[type], Callable[[Any], Any]]:
    """An unstructure hook factory for attrs classes on ``conv``: the dict cattrs' own
    function (``slow_factory``'s) makes, with the same keys in the same order, but with
    values the converter leaves as they are (strings, numbers, enums; UUIDs for orjson)
    taken inline, optional values and lists of records without a call of a hook of
    their own. Every other value goes through the converter's hook for its type.

    The fields named in ``omit_if_default`` are left out when they have their default,
    as cattrs' ``override(omit_if_default=True)`` does (and, as there, come last)."""

    building = _Building()
    made: dict[type, Callable[[Any], Any]] = {}

    def factory(cls: type) -> Callable[[Any], Any]:
        if cls in building.classes:
            # a record that contains itself: the inner one calls the function being made
            # (not the converter's hook for the class, which may be this very function)
            def late(value: Any) -> Any:
                return made[cls](value)

            return late
        building.classes.add(cls)
        try:
            fn = _generate_unstructure(cls, conv, omit_if_default)
        except (NameError, TypeError):
            fn = slow_factory(cls)
        finally:
            building.classes.discard(cls)
        made[cls] = fn
        return fn

    return factory


def _generate_unstructure(
    cls: type, conv: Any, omit_if_default: frozenset[str]
) -> Callable[[Any], Any]:
    """The function for ``cls``; TypeError for what only cattrs' own does (generic
    classes, type variables, ``Annotated`` overrides, ``Final``, keys by alias)."""
    hints = typing.get_type_hints(cls, include_extras=True)
    if getattr(cls, "__parameters__", ()) or getattr(conv, "use_alias", False):
        raise TypeError(cls)
    for t in hints.values():
        if isinstance(t, typing.TypeVar) or get_origin(t) in (typing.Annotated, typing.Final):
            raise TypeError(t)
    names: dict[str, Any] = {"_list": list, "_unstructure": conv.unstructure}
    identity = cattrs.fns.identity

    def name(value: Any) -> str:
        key = f"_h{len(names)}"
        names[key] = value
        return key

    def value(t: Any, src: str) -> str:
        if t is None:  # no annotation: the converter looks at the value
            return f"_unstructure({src})"
        inner = _optional_inner(t)
        if inner is not None:
            hook = conv.get_unstructure_hook(inner)
            if hook is identity:
                return src
            return f"(None if (_x := {src}) is None else {name(hook)}(_x))"
        hook = conv.get_unstructure_hook(t)
        if hook is identity:
            return src
        origin = get_origin(t)
        if origin is list or (origin is tuple and get_args(t)[1:] == (Ellipsis,)):
            item = conv.get_unstructure_hook(get_args(t)[0])
            if item is identity:
                return f"_list({src})"
            return f"[{name(item)}(_i) for _i in {src}]"
        return f"{name(hook)}({src})"

    written = [f for f in attrs.fields(cls) if f.init]  # as cattrs: not the others
    omitted = [f for f in written if f.name in omit_if_default]
    items = [
        f"{f.name!r}: {value(hints.get(f.name), f'i.{f.name}')}"
        for f in written
        if f.name not in omit_if_default
    ]
    lines = ["def unstructure(i):", "    r = {" + ", ".join(items) + "}"]
    for f in omitted:
        if f.default is attrs.NOTHING or f.converter is not None:
            raise TypeError(f.name)
        if isinstance(f.default, attrs.Factory):  # type: ignore[arg-type]
            raise TypeError(f.name)
        lines.append(f"    if i.{f.name} != {name(f.default)}:")
        lines.append(f"        r[{f.name!r}] = {value(hints.get(f.name), f'i.{f.name}')}")
    lines.append("    return r")
    source = "\n".join(lines)
    exec(compile(source, f"<sorgende fast unstructure {cls.__qualname__}>", "exec"), names)
    fn: Callable[[Any], Any] = names["unstructure"]
    return fn
