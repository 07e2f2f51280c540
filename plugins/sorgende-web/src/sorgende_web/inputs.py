"""What a request may carry: JSON bodies read strictly, paths without NUL, and an OpenAPI
document that says so.

A JSON body of the API (a handler's ``data``, a ``msgspec`` struct of
:mod:`sorgende_web.api_types`, also of a plugin's endpoint) is checked by
:class:`InputMiddleware` before the framework reads it:

* it must be sent as ``application/json`` (415 otherwise: a ``text/plain`` body is not
  read as JSON by a guess);
* it may be at most 1 MB (the app's limit, 413) and nested at most :data:`MAX_DEPTH`
  levels (400: JSON nested 1,000 deep is refused before a parser recurses into it);
* it is decoded with ``msgspec`` in strict mode against the struct: no ``"1"`` for a
  number, no ``"true"`` for a boolean, no number for a time, no unknown field (400,
  naming the field in German or English); ``41.0`` is the integer 41, as to JSON Schema;
* its times must lie between the years :data:`EARLIEST` and :data:`LATEST` (422): a start
  near the year 9999 would overflow when its end or the next repetition is computed.

Paths with a NUL character are answered 404 (``GET /static/x%00`` made the file lookup
fail). :func:`strict_document` puts the bodies' JSON Schema as ``msgspec`` writes it
into the OpenAPI document (``additionalProperties: false``, bounds of optional numbers),
so the document says what the server does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any, ClassVar

import msgspec
from litestar import Litestar, Request
from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.openapi.spec import Reference, Schema
from litestar.types import ASGIApp, Receive, Scope, Send
from litestar.types import Message as ASGIMessage

from sorgende.errors import Message, NotFound, SorgendeError, Text
from sorgende_web import safety_messages as _safety  # noqa: F401  (registers the texts)
from sorgende_web.errors import InvalidInput

#: the deepest nesting of a JSON body (ours are two levels deep)
MAX_DEPTH = 32
#: the years a time in a body may lie in
EARLIEST, LATEST = 1900, 2999
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
JSON = "application/json"


class UnsupportedBody(SorgendeError):
    """A body that is not sent as JSON where the operation takes JSON (HTTP 415)."""

    templates: ClassVar[Mapping[str, str]] = {"en": "{problem}", "de": "{problem}"}

    def __init__(self, problem: Text) -> None:
        super().__init__(problem=problem)


class BodyRefused(SorgendeError):
    """A JSON body that does not fit its schema, naming the field (HTTP 400)."""

    templates: ClassVar[Mapping[str, str]] = {
        "en": "{field}: {problem}",
        "de": "{field}: {problem}",
    }

    def __init__(self, field: str, problem: Text, source: str = "body") -> None:
        super().__init__(field=field, problem=problem)
        #: the problem details' ``errors``: which field, where
        self.problems = [{"key": field, "source": source}]


# -- reading msgspec's refusals ---------------------------------------------------------------

_TYPES = {
    "float": "number",
    "int": "integer",
    "str": "string",
    "bool": "boolean",
    "array": "array",
    "object": "object",
    "null": "null",
    "uuid": "string (uuid)",
    "datetime": "string (date-time)",
}
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Object missing required field `(?P<name>[^`]+)`"), "missing"),
    (re.compile(r"Object contains unknown field `(?P<name>[^`]+)`"), "unknown"),
    (re.compile(r"Expected `(?P<want>\w+)`, got `(?P<got>\w+)`"), "type"),
    (re.compile(r"Expected `str` of length (?P<op><=|>=) (?P<n>\d+)"), "length"),
    (re.compile(r"Expected `array` of length (?P<op><=|>=) (?P<n>\d+)"), "items"),
    (re.compile(r"Expected `(?:int|float)` (?P<op>>=|<=|>|<) (?P<n>[-\d.e]+)"), "bound"),
    (re.compile(r"Expected `str` matching regex"), "pattern"),
    (re.compile(r"Invalid enum value"), "choice"),
    (re.compile(r"Invalid UUID"), "uuid"),
    (re.compile(r"Invalid RFC3339 encoded datetime"), "datetime"),
    (re.compile(r"Expected `datetime` with a timezone"), "datetime"),
]


def _refusal(error: msgspec.ValidationError) -> BodyRefused:
    """msgspec's English refusal as one of ours: the field, what is wrong with it."""
    text = str(error)
    message, _, where = text.partition(" - at `")
    field = where.rstrip("`").removeprefix("$").lstrip(".") or "body"
    for pattern, kind in _PATTERNS:
        found = pattern.search(message)
        if found is None:
            continue
        params = found.groupdict()
        if kind in ("missing", "unknown"):
            name = params.pop("name")
            field = f"{field}.{name}" if field != "body" else name
        if params.get("n", "").endswith(".0"):
            params["n"] = params["n"][:-2]
        for key in ("want", "got"):
            if key in params:
                params[key] = _TYPES.get(params[key], params[key])
        return BodyRefused(field, Message(f"web.problem.body.{kind}", **params))
    return BodyRefused(field, Message("web.problem.body.unreadable", problem=message))


# -- the checks -------------------------------------------------------------------------------


def nesting(body: bytes) -> int:
    """How deep the arrays and objects of a JSON text nest (strings skipped)."""
    deepest = depth = 0
    for bracket in re.finditer(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', body):
        char = bracket.group()
        if char in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        elif char in (b"]", b"}"):
            depth -= 1
    return deepest


def integral(value: Any) -> Any:
    """``41.0`` as ``41``: one JSON number, an integer to JSON Schema (and the document);
    a string or a fraction stays what it is, and is refused where a whole number goes."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, list):
        return [integral(item) for item in value]
    if isinstance(value, dict):
        return {key: integral(item) for key, item in value.items()}
    return value


def check_times(value: msgspec.Struct) -> None:
    """Refuse a time of the body outside the years the platform handles."""
    for name in value.__struct_fields__:
        moment = getattr(value, name)
        if isinstance(moment, datetime) and not EARLIEST <= moment.year <= LATEST:
            raise InvalidInput(
                name,
                Message(
                    "web.problem.body.datetime_range",
                    year=moment.year,
                    low=EARLIEST,
                    high=LATEST,
                ),
            )


def check_moment(name: str, raw: str | None) -> None:
    """Refuse a time of the query that is no RFC 3339 text (a number, say) or lies
    outside the years the platform handles."""
    if raw is None:
        return
    try:
        moment = msgspec.json.decode(msgspec.json.encode(raw), type=datetime, strict=True)
    except msgspec.ValidationError:
        raise BodyRefused(name, Message("web.problem.body.datetime"), source="query") from None
    if not EARLIEST <= moment.year <= LATEST:
        raise InvalidInput(
            name,
            Message("web.problem.body.datetime_range", year=moment.year, low=EARLIEST, high=LATEST),
        )


def body_type(handler: Any) -> type[msgspec.Struct] | None:
    """The msgspec struct a handler takes as its JSON ``data`` (``None``: no JSON body)."""
    signature = getattr(handler, "parsed_fn_signature", None)
    field = signature.parameters.get("data") if signature is not None else None
    annotation = getattr(field, "annotation", None)
    if isinstance(annotation, type) and issubclass(annotation, msgspec.Struct):
        return annotation
    return None


class InputMiddleware:
    """The checks of the module's documentation, before a handler reads its input."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        if "\x00" in path:
            raise NotFound("file", path.replace("\x00", "")[-100:])
        if scope.get("method") == "OPTIONS":
            send = _allowing(scope, send)
        kind = body_type(scope.get("route_handler"))
        if kind is not None and scope.get("method") in _UNSAFE:
            request: Request[Any, Any, Any] = Request(scope, receive)
            media, _ = request.content_type
            if media != JSON:
                raise UnsupportedBody(Message("web.problem.body.media_type", given=media or "-"))
            body = await request.body()
            if nesting(body) > MAX_DEPTH:
                raise BodyRefused("body", Message("web.problem.body.too_deep", limit=MAX_DEPTH))
            try:
                raw = msgspec.json.decode(body)
            except msgspec.DecodeError:
                raise BodyRefused("body", Message("web.problem.body.not_json")) from None
            try:
                value = msgspec.convert(integral(raw), type=kind, strict=True)
            except msgspec.ValidationError as refused:
                raise _refusal(refused) from None
            check_times(value)
        await self.app(scope, receive, send)


def _allowing(scope: Scope, send: Send) -> Send:
    """Answer OPTIONS with every method of the path: Litestar's own answer names only the
    methods of the path's first handler once a second one joined it (see handlers.py)."""
    template = scope.get("path_template", "")
    methods = sorted(
        {
            m
            for route in scope["litestar_app"].routes
            if route.path == template
            for m in route.methods
        }
    )

    async def wrapped(message: ASGIMessage) -> None:
        if message["type"] == "http.response.start" and methods:
            headers = MutableScopeHeaders.from_message(message)
            headers["allow"] = ", ".join(methods)
        await send(message)

    return wrapped


# -- the document -----------------------------------------------------------------------------

_ALIASES = {
    "additionalProperties": "additional_properties",
    "anyOf": "any_of",
    "oneOf": "one_of",
    "allOf": "all_of",
    "maxLength": "max_length",
    "minLength": "min_length",
    "maxItems": "max_items",
    "minItems": "min_items",
    "exclusiveMinimum": "exclusive_minimum",
    "exclusiveMaximum": "exclusive_maximum",
}


_NESTED = frozenset({"items", "additionalProperties", "anyOf", "oneOf", "allOf"})


def _spec(node: Any) -> Any:
    """A JSON Schema (as msgspec writes it) as Litestar's OpenAPI objects."""
    if isinstance(node, list):
        return [_spec(item) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        return Reference(ref=node["$ref"])
    values: dict[str, Any] = {}
    for key, value in node.items():
        name = str(_ALIASES.get(key, key))
        if key == "properties":
            values[name] = {prop: _spec(sub) for prop, sub in value.items()}
        elif isinstance(value, dict | list) and key in _NESTED:
            values[name] = _spec(value)
        else:
            values[name] = value
    return Schema(**values)


def strict_document(app: Litestar) -> None:
    """Describe every JSON body of the app's API as the server reads it (msgspec's
    schema: unknown fields refused, each bound stated)."""
    structs = {
        found
        for route in app.routes
        for handler in getattr(route, "route_handlers", ())
        if (found := body_type(handler)) is not None
    }
    if not structs:
        return
    ordered = sorted(structs, key=lambda s: s.__name__)
    _, components = msgspec.json.schema_components(
        ordered, ref_template="#/components/schemas/{name}"
    )
    document = app.openapi_schema
    schemas = document.components.schemas if document.components else None
    if schemas is None:
        return
    for name, schema in components.items():
        schemas[name] = _spec(schema)
