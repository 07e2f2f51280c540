"""Specialised structure functions for attrs classes: the converter's fast path.

cattrs generates one function per attrs class that calls a hook per field (a Python
call for every string, number, UUID and enum). Records are read far more often than
they are written (every storage read, every event in the log), so the converter in
:mod:`sorgende.serialization` registers the factory of this module: for each attrs
class it generates a function that checks and converts the common field types inline
(strings, integers, booleans, UUIDs, aware datetimes, enums, optional values, tuples
and frozensets, nested records) and calls the converter's own hook for anything else.

The function is only a fast path. Whenever its input does not fit (a missing or extra
key, a wrong type, an unknown enum value, anything that raises) it hands the *same*
input to the cattrs-generated function, so every answer to bad input, and every error,
is exactly the one cattrs gives. ``tests/test_structuring.py`` checks that both give
equal values of the same types for every record kind and refuse the same input.
"""

from __future__ import annotations

import enum
import types
import typing
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any, get_args, get_origin

import attrs

#: a hook as cattrs calls it: ``hook(value, type)``
Hook = Callable[[Any, Any], Any]

_NONE_TYPE = type(None)


class _Unfit(Exception):
    """The fast path's input does not fit: the cattrs-generated function decides."""


def _optional_inner(t: Any) -> Any | None:
    """``X`` for ``X | None`` (or ``Optional[X]``), else ``None``."""
    if get_origin(t) in (typing.Union, types.UnionType):
        args = get_args(t)
        if len(args) == 2 and _NONE_TYPE in args:
            return args[0] if args[1] is _NONE_TYPE else args[1]
    return None


class _Writer:
    """The lines of one generated function and the names they use."""

    def __init__(self, conv: Any, parse_uuid: Hook, parse_datetime: Hook) -> None:
        self.conv = conv
        self.names: dict[str, Any] = {
            "_Unfit": _Unfit,
            "_str": str,
            "_int": int,
            "_bool": bool,
            "_float": float,
            "_dict": dict,
            "_UUID": uuid.UUID,
            "_parse_uuid": parse_uuid,
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
            add(f"{indent}if {src}.__class__ is _str: {dst} = _parse_uuid({src})")
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
            hook = self.name(self.conv.get_structure_hook(item_type))
            item = self.name(item_type)
            build = "tuple" if get_origin(t) is tuple else "frozenset"
            add(f"{indent}if not isinstance({src}, _lists): raise _Unfit")
            add(f"{indent}{dst} = {build}([{hook}(_i, {item}) for _i in {src}])")
        else:
            hook = self.name(self.conv.get_structure_hook(t))
            add(f"{indent}{dst} = {hook}({src}, {self.name(t)})")


def fast_structure_factory(
    conv: Any, slow_factory: Callable[[type], Hook], parse_uuid: Hook, parse_datetime: Hook
) -> Callable[[type], Hook]:
    """A hook factory for attrs classes on ``conv``, falling back to ``slow_factory``'s."""

    building: set[type] = set()

    def factory(cls: type) -> Hook:
        slow = slow_factory(cls)
        if cls in building:
            # a record that contains itself: the inner one takes the generated function
            return slow
        building.add(cls)
        try:
            return _generate(cls, slow, conv, parse_uuid, parse_datetime)
        except (NameError, TypeError):
            # annotations that cannot be resolved here: cattrs' function does it all
            return slow
        finally:
            building.discard(cls)

    return factory


def _generate(cls: type, slow: Hook, conv: Any, parse_uuid: Hook, parse_datetime: Hook) -> Hook:
    """The fast function for ``cls``, which hands misfits to ``slow``."""
    fields = [f for f in attrs.fields(cls) if f.init]
    hints = typing.get_type_hints(cls)
    writer = _Writer(conv, parse_uuid, parse_datetime)
    writer.names["_slow"] = slow
    writer.names["_cls"] = cls
    required = [f for f in fields if f.default is attrs.NOTHING]
    optional = [f for f in fields if f.default is not attrs.NOTHING]
    # plain defaults are passed as constants; factories are left to the constructor
    plain = [f for f in optional if not isinstance(f.default, attrs.Factory)]  # type: ignore[arg-type]
    made = [f for f in optional if isinstance(f.default, attrs.Factory)]  # type: ignore[arg-type]
    body = writer.lines
    body.append("def structure(o, _=None):")
    body.append("    if o.__class__ is not _dict: return _slow(o, _)")
    body.append("    try:")
    body.append(f"        _n = {len(required)}")
    args: list[str] = []
    for k, f in enumerate(required):
        body.append(f"        _v = o[{f.name!r}]")
        writer.convert(hints.get(f.name, f.type), "_v", f"_f{k}", "        ")
        args.append(f"{f.alias}=_f{k}")
    for k, f in enumerate(plain):
        body.append(f"        if {f.name!r} in o:")
        body.append("            _n += 1")
        body.append(f"            _v = o[{f.name!r}]")
        writer.convert(hints.get(f.name, f.type), "_v", f"_p{k}", "            ")
        body.append(f"        else: _p{k} = {writer.name(f.default)}")
        args.append(f"{f.alias}=_p{k}")
    if made:
        body.append("        _res = {}")
    for f in made:
        body.append(f"        if {f.name!r} in o:")
        body.append("            _n += 1")
        body.append(f"            _v = o[{f.name!r}]")
        writer.convert(hints.get(f.name, f.type), "_v", "_o", "            ")
        body.append(f"            _res[{f.alias!r}] = _o")
    # an extra key is refused, as the converter forbids them (the slow path says which)
    body.append("        if len(o) != _n: raise _Unfit")
    if made:
        args.append("**_res")
    body.append("    except Exception:")
    body.append("        return _slow(o, _)")
    # the constructor's own validators run outside the fast path's guard: their
    # errors are the domain's answer, whichever path built the arguments
    body.append(f"    return _cls({', '.join(args)})")
    source = "\n".join(body)
    namespace = dict(writer.names)
    exec(compile(source, f"<sorgende fast structure {cls.__qualname__}>", "exec"), namespace)
    fn: Hook = namespace["structure"]
    return fn
