"""``attrs.evolve`` for the records a use case changes on every call, at a fraction of its cost.

``attrs.evolve`` looks up the class's fields and reads every one by name on each call
(some twenty Python-level calls for a request). :func:`evolver` does that lookup once
per class: the returned function reads all fields with one ``operator.attrgetter``,
puts the changed values at their places and calls the class with the values in its
own order. The class's ``__init__`` runs as with ``attrs.evolve`` (converters,
validators, ``__attrs_post_init__``), so a changed value is checked as before; a field
added to the class later is kept. An instance of a subclass (which may have fields of
its own) goes through ``attrs.evolve``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

T = TypeVar("T")


def evolver(cls: type[T]) -> Callable[..., T]:
    """A function ``evolve(record, **changes)`` equal to ``attrs.evolve`` for ``cls``.

    The class's fields are passed by position, so none may be keyword-only or left out
    of ``__init__`` (checked here, when the evolver is made).
    """
    fields: tuple[attrs.Attribute[Any], ...] = tuple(attrs.fields(cls))  # type: ignore[arg-type]
    if len(fields) < 2 or not all(f.init and not f.kw_only for f in fields):
        raise TypeError(f"evolver({cls.__name__}): two or more fields, all positional in __init__")
    read_all = operator.attrgetter(*(f.name for f in fields))
    place = {f.name: i for i, f in enumerate(fields)}

    def evolve(record: T, /, **changes: Any) -> T:
        if type(record) is not cls:
            return attrs.evolve(record, **changes)  # type: ignore[misc]
        values = list(read_all(record))
        try:
            for name, value in changes.items():
                values[place[name]] = value
        except KeyError as error:
            raise TypeError(f"{cls.__name__} has no field {error}") from None
        return cls(*values)

    evolve.__doc__ = f"``attrs.evolve`` of a {cls.__name__} (see :func:`evolver`)."
    return evolve
