"""Example calls for operation pages: Python code using the generated client, the
request it sends, and the same parameters in botocore's form (for validation in tests).

Values come from the model's constraints (see ``values``): enums take their first
value, numbers sit inside their range, lists and maps have their minimum size (at least
one element), strings honour length and pattern. A request includes its required
members, or its first scalar member when none is required; a nested structure its
required members, or its first member.
"""

from __future__ import annotations

import base64
import json
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from ...model import (
    ListShape,
    MapShape,
    Member,
    Operation,
    PrimitiveShape,
    Service,
    StructureShape,
    aws_services,
)
from .catalog import Catalog
from .values import example_string

REGION = "us-east-1"
_EPOCH_2024 = 1704067200
_MAX_DEPTH = 8


@dataclass(frozen=True)
class Value:
    """One example value in its three spellings."""

    python: str
    """Python source for the value."""
    wire: Any
    """JSON value as the request body carries it."""
    param: Any
    """Value as botocore's parameter validator accepts it."""
    imports: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Example:
    call: str
    """``response = client.<method>(...)``: runs given ``client`` and the package name bound."""
    snippet: str
    """Standalone: imports, client construction, the call."""
    params: dict[str, Any]
    """botocore-style input parameters, keyed by wire name."""
    http_request: str
    """The HTTP request the call sends (method, path, headers, JSON body)."""
    fields: list[tuple[str, Member, Value]] = field(default_factory=list)


def build_example(service: Service, catalog: Catalog, operation: Operation) -> Example:
    maker = _Maker(service, catalog)
    request = catalog.structure(operation.input)
    chosen = maker.request_fields(request) if request else []
    package = service.config.package
    imports = sorted(set().union(*(v.imports for _, _, v in chosen)) | {package})
    method = catalog.method_name(operation)
    if chosen:
        arguments = "".join(f"    {py}={_indent(v.python)},\n" for py, _, v in chosen)
        call = f"response = client.{method}(\n{arguments})"
    else:
        call = f"response = client.{method}()"
    snippet = "\n".join(f"import {name}" for name in imports)
    snippet += f'\n\nclient = {package}.Client(region="{REGION}")\n{call}\n'
    params = {member.name: value.param for _, member, value in chosen}
    return Example(call, snippet, params, _http_request(service, operation, chosen), chosen)


def _indent(text: str) -> str:
    return text.replace("\n", "\n    ")


class _Maker:
    def __init__(self, service: Service, catalog: Catalog) -> None:
        self.service = service
        self.catalog = catalog
        self.package = service.config.package

    def request_fields(self, request: StructureShape) -> list[tuple[str, Member, Value]]:
        fields = [(py, m) for py, m in self.catalog.fields(request) if self._usable(m)]
        chosen = [(py, m) for py, m in fields if m.required]
        if not chosen:
            chosen = sorted(fields, key=self._plainness)[:1]
            chosen = [(py, m) for py, m in chosen if self._plainness((py, m)) < 2]
        return [(py, m, self.value(m.target, m.name, (request.name,))) for py, m in chosen]

    def _plainness(self, field: tuple[str, Member]) -> int:
        """0 for strings and numbers, 1 for other scalars, 2 for the rest (stable sort
        keeps the docs' order within each)."""
        shape = self.service.shapes.get(field[1].target)
        if not isinstance(shape, PrimitiveShape):
            return 2
        return 0 if shape.kind in ("string", "integer", "long", "boolean") else 1

    def _usable(self, member: Member) -> bool:
        target = self.service.shapes.get(member.target)
        return not (isinstance(target, StructureShape) and target.exception)

    def value(self, name: str, member: str, stack: tuple[str, ...]) -> Value:
        shape = self.service.shapes.get(name)
        if isinstance(shape, StructureShape):
            return self.structure(shape, stack)
        if isinstance(shape, ListShape):
            return self.list(shape, member, stack)
        if isinstance(shape, MapShape):
            return self.map(shape, member, stack)
        if isinstance(shape, PrimitiveShape):
            return scalar(shape, member)
        return Value('"example"', "example", "example")

    def structure(self, shape: StructureShape, stack: tuple[str, ...]) -> Value:
        fields = [
            (py, m)
            for py, m in self.catalog.fields(shape)
            if self._usable(m) and m.target not in stack
        ]
        chosen = [(py, m) for py, m in fields if m.required] or fields[:1]
        if len(stack) > _MAX_DEPTH:
            chosen = [(py, m) for py, m in chosen if m.required]
        values = [(py, m, self.value(m.target, m.name, stack + (shape.name,))) for py, m in chosen]
        constructor = f"{self.package}.shapes.{shape.name}"
        if values:
            body = "".join(f"    {py}={_indent(v.python)},\n" for py, _, v in values)
            python = f"{constructor}(\n{body})"
        else:
            python = f"{constructor}()"
        return Value(
            python,
            {m.name: v.wire for _, m, v in values},
            {m.name: v.param for _, m, v in values},
            frozenset().union(*(v.imports for _, _, v in values)),
        )

    def list(self, shape: ListShape, member: str, stack: tuple[str, ...]) -> Value:
        count = max(shape.min_items or 0, 1)
        if shape.max_items is not None:
            count = min(count, shape.max_items)
        items = [self.value(shape.member, f"{member}Member", stack) for _ in range(count)]
        if len(items) == 1 and "\n" not in items[0].python:
            python = f"[{items[0].python}]"
        else:
            python = "[\n" + "".join(f"    {_indent(v.python)},\n" for v in items) + "]"
        return Value(
            python,
            [v.wire for v in items],
            [v.param for v in items],
            frozenset().union(*(v.imports for v in items)),
        )

    def map(self, shape: MapShape, member: str, stack: tuple[str, ...]) -> Value:
        key = self.value(shape.key, f"{member}Key", stack)
        value = self.value(shape.value, f"{member}Value", stack)
        python = f"{{{key.python}: {value.python}}}"
        if "\n" in value.python:
            python = f"{{\n    {key.python}: {_indent(value.python)},\n}}"
        return Value(python, {str(key.wire): value.wire}, {key.param: value.param}, value.imports)


def scalar(shape: PrimitiveShape, member: str) -> Value:
    c = shape.constraints
    if shape.kind == "string":
        text = example_string(c, member)
        return Value(_py_string(text), text, text)
    if shape.kind in ("integer", "long"):
        number = int(_clamp(10, c.min_value, c.max_value))
        return Value(repr(number), number, number)
    if shape.kind in ("float", "double"):
        real = float(_clamp(1.5, c.min_value, c.max_value))
        return Value(repr(real), real, real)
    if shape.kind == "boolean":
        return Value("True", True, True)
    if shape.kind == "timestamp":
        python = "datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)"
        return Value(python, _EPOCH_2024, "2024-01-01T00:00:00Z", frozenset({"datetime"}))
    if shape.kind == "blob":
        data = example_string(c, member).encode()
        return Value(repr(data), base64.b64encode(data).decode(), data)
    return Value('{"key": "value"}', {"key": "value"}, {"key": "value"})


def _py_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _clamp(preferred: float, low: float | None, high: float | None) -> float:
    value = preferred
    if low is not None and value < low:
        value = low
    if high is not None and value > high:
        value = high
    return value


# ---------------------------------------------------------------------------------------
# The HTTP request.


def _http_request(
    service: Service, operation: Operation, chosen: list[tuple[str, Member, Value]]
) -> str:
    config = service.config
    host = aws_services.endpoint_url(config, REGION).removeprefix("https://")
    headers = [f"Host: {host}"]
    body: dict[str, Any] = {}
    if config.protocol == "json":
        target = f"{config.target_prefix or '<target-prefix>'}.{operation.name}"
        headers += [
            f"X-Amz-Target: {target}",
            f"Content-Type: application/x-amz-json-{config.json_version}",
        ]
        body = {m.name: v.wire for _, m, v in chosen}
        text = "\n".join(["POST / HTTP/1.1", *headers])
        return f"{text}\n\n{json.dumps(body, indent=2, ensure_ascii=False)}"
    path = operation.http.request_uri
    query: list[tuple[str, str]] = []
    payload: str | None = None
    for _, member, value in chosen:
        wire_name = member.location_name or member.name
        if member.location == "uri":
            path = _fill_label(path, wire_name, value.wire)
        elif member.location == "querystring":
            query.extend(_query_pairs(wire_name, value.wire))
        elif member.location == "header":
            headers.append(f"{wire_name}: {_plain(value.wire)}")
        elif member.location == "headers" and isinstance(value.wire, dict):
            headers.extend(f"{wire_name}{k}: {_plain(v)}" for k, v in value.wire.items())
        elif member.payload:
            payload = _payload_text(value)
        else:
            body[member.name] = value.wire
    path, _, fixed_query = path.partition("?")
    all_query = ([fixed_query] if fixed_query else []) + [urllib.parse.urlencode(query)] * bool(
        query
    )
    target_line = path + ("?" + "&".join(all_query) if all_query else "")
    text = "\n".join([f"{operation.http.method} {target_line} HTTP/1.1", *headers])
    if payload is not None:
        return f"{text}\n\n{payload}"
    if body or operation.http.method in ("POST", "PUT", "PATCH"):
        text += "\nContent-Type: application/json"
        return f"{text}\n\n{json.dumps(body, indent=2, ensure_ascii=False)}"
    return text


def _fill_label(path: str, name: str, wire: Any) -> str:
    text = _plain(wire)
    greedy = "{" + name + "+}"
    if greedy in path:
        return path.replace(greedy, urllib.parse.quote(text, safe="/"))
    return path.replace("{" + name + "}", urllib.parse.quote(text, safe=""))


def _query_pairs(name: str, wire: Any) -> list[tuple[str, str]]:
    if isinstance(wire, list):
        return [(name, _plain(item)) for item in wire]
    if isinstance(wire, dict):
        return [(str(k), _plain(v)) for k, v in wire.items()]
    return [(name, _plain(wire))]


def _plain(wire: Any) -> str:
    if isinstance(wire, bool):
        return "true" if wire else "false"
    if isinstance(wire, int) and wire == _EPOCH_2024:
        return "2024-01-01T00:00:00Z"
    return wire if isinstance(wire, str) else json.dumps(wire)


def _payload_text(value: Value) -> str:
    if isinstance(value.param, bytes):
        return f"<{len(value.param)} bytes of binary data: {value.param!r}>"
    return json.dumps(value.wire, indent=2, ensure_ascii=False)
