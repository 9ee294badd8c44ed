"""Format-independent content of each page: what the Markdown and HTML templates show."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ...model import Member, Operation, PrimitiveShape, ServiceConfig, StructureShape
from ..types import streams, takes_text
from .catalog import Catalog, Inline, Segment, Use
from .diagram import Diagram, request_diagram
from .examples import Example, build_example
from .markup import summary

VERBS = (
    "Create", "Describe", "Get", "List", "Update", "Put", "Delete", "Start", "Stop",
    "Add", "Remove", "Tag", "Untag", "Detect", "Batch", "Invoke",
)  # fmt: skip
OTHER_VERB = "Other"


@dataclass(frozen=True)
class FieldRow:
    python: str
    wire: str
    anchor: str
    location: str
    """Where the member travels, in words (empty for a JSON body member)."""
    type: Inline
    required: bool
    constraints: Inline
    documentation: str


@dataclass(frozen=True)
class ErrorRow:
    name: str
    target: str | None
    http_status: int | None
    documentation: str


@dataclass(frozen=True)
class Entry:
    """A line in a listing: name, link target and one-sentence summary."""

    name: str
    target: str
    summary: str


@dataclass(frozen=True)
class OperationPage:
    operation: Operation
    method: str
    request: list[FieldRow]
    response: list[FieldRow]
    errors: list[ErrorRow]
    example: Example
    diagram: Diagram | None


@dataclass(frozen=True)
class ShapePage:
    structure: StructureShape
    kind: str
    fields: list[FieldRow]
    used_by: list[Use]
    raised_by: list[Entry]
    python_name: str
    """``<pkg>.shapes.<Shape>``, or for an error its exception class ``<pkg>.errors.<Cls>``."""


@dataclass(frozen=True)
class EnumValue:
    value: str
    python: str


@dataclass(frozen=True)
class EnumPage:
    shape: PrimitiveShape
    values: list[EnumValue]
    used_by: list[Use]


@dataclass(frozen=True)
class IndexPage:
    groups: list[tuple[str, list[Entry]]]
    shapes: list[Entry]
    enums: list[Entry]
    errors: list[Entry]
    settings: list[tuple[str, str, str]] = field(default_factory=list)
    """(setting, value, where it came from): what the client uses that the pages never state."""
    streaming: list[Entry] = field(default_factory=list)
    """The operations whose request or response body streams, saying which field."""


def anchor_id(prefix: str, name: str) -> str:
    """An HTML id made only of safe characters."""
    return f"{prefix}-" + re.sub(r"[^A-Za-z0-9_.-]", "_", name)


_LOCATIONS = {
    "uri": "URI path",
    "querystring": "query string",
    "header": "HTTP header",
    "headers": "HTTP headers (prefix)",
    "statusCode": "HTTP status code",
}


def field_rows(catalog: Catalog, structure: StructureShape | None, prefix: str) -> list[FieldRow]:
    if structure is None:
        return []
    return [
        FieldRow(
            python=python,
            wire=member.location_name or member.name,
            anchor=anchor_id(prefix, member.name),
            location=_location(member),
            type=_member_type(catalog, member, prefix),
            required=member.required,
            constraints=catalog.constraints_inline(member.target),
            documentation=member.documentation,
        )
        for python, member in catalog.fields(structure)
    ]


def _member_type(catalog: Catalog, member: Member, prefix: str) -> Inline:
    """The member's type in words; where the package takes or gives more than its shape
    says (a streamed body, a parameter of unstated type), that."""
    if streams(catalog.service.shapes, member):
        if prefix == "response":
            return (Segment("StreamingBody: read it, or close it"),)
        return (Segment("Binary, streamed: bytes, a binary file or an iterable of bytes"),)
    if takes_text(catalog.service.shapes, member):
        return (Segment("String, integer or boolean (the type is not stated)"),)
    return catalog.type_inline(member.target)


def _location(member: Member) -> str:
    if member.payload:
        return "HTTP body (payload)"
    return _LOCATIONS.get(member.location, "")


def operation_page(catalog: Catalog, operation: Operation) -> OperationPage:
    errors = [
        ErrorRow(ref.shape, catalog.shape_target(ref.shape), ref.http_status, ref.documentation)
        for ref in operation.errors
    ]
    for name in catalog.service.common_errors:
        if name not in {ref.shape for ref in operation.errors}:
            errors.append(ErrorRow(name, catalog.shape_target(name), None, ""))
    request = catalog.structure(operation.input)
    diagram = None
    if request is not None:
        diagram = request_diagram(
            catalog, request.name, f"Shapes the {operation.name} request reaches"
        )
    return OperationPage(
        operation=operation,
        method=catalog.method_name(operation),
        request=field_rows(catalog, request, "request"),
        response=field_rows(catalog, catalog.structure(operation.output), "response"),
        errors=errors,
        example=build_example(catalog.service, catalog, operation),
        diagram=diagram,
    )


def shape_page(catalog: Catalog, structure: StructureShape) -> ShapePage:
    kind = "error" if structure.exception else "shape"
    raised_by = (
        [
            Entry(
                name, f"operations/{name}", summary(catalog.service.operations[name].documentation)
            )
            for name in catalog.raised_by(structure.name)
        ]
        if structure.exception
        else []
    )
    package = catalog.service.config.package
    python_name = f"{package}.shapes.{structure.name}"
    if structure.exception:
        python_name = f"{package}.errors.{catalog.error_class(structure.name)}"
    return ShapePage(
        structure=structure,
        kind=kind,
        fields=field_rows(catalog, structure, "field"),
        used_by=catalog.uses(structure.name),
        raised_by=raised_by,
        python_name=python_name,
    )


def enum_page(catalog: Catalog, shape: PrimitiveShape) -> EnumPage:
    python = catalog.python_names.enum_members[shape.name]
    return EnumPage(
        shape=shape,
        values=[EnumValue(v, python[v]) for v in shape.constraints.enum],
        used_by=catalog.uses(shape.name),
    )


def verb(operation_name: str) -> str:
    for candidate in VERBS:
        if re.match(rf"{candidate}(?![a-z])", operation_name):
            return candidate
    return OTHER_VERB


def index_page(catalog: Catalog) -> IndexPage:
    groups: dict[str, list[Entry]] = defaultdict(list)
    for name in catalog.names("operation"):
        operation = catalog.service.operations[name]
        groups[verb(name)].append(
            Entry(name, f"operations/{name}", summary(operation.documentation))
        )
    order = {v: i for i, v in enumerate(VERBS + (OTHER_VERB,))}

    def listing(kind: str) -> list[Entry]:
        entries = []
        for name in catalog.names(kind):  # type: ignore[arg-type]
            shape = catalog.service.shapes[name]
            target = catalog.shape_target(name)
            assert target is not None
            entries.append(Entry(name, target, summary(shape.documentation)))
        return entries

    return IndexPage(
        groups=sorted(groups.items(), key=lambda item: order[item[0]]),
        shapes=listing("shape"),
        enums=listing("enum"),
        errors=listing("error"),
        settings=settings_rows(catalog.service.config),
        streaming=_streaming_entries(catalog),
    )


def _streaming_entries(catalog: Catalog) -> list[Entry]:
    entries = []
    for name in catalog.names("operation"):
        operation = catalog.service.operations[name]
        streamed = []
        for part, shape in (("request", operation.input), ("response", operation.output)):
            structure = catalog.structure(shape)
            for python, member in catalog.fields(structure) if structure else ():
                if streams(catalog.service.shapes, member):
                    streamed.append(f"the {part}'s {python}")
        if streamed:
            text = f"Streams {' and '.join(streamed)}."
            entries.append(Entry(name, f"operations/{name}", text))
    return entries


SHOWN_PARTITIONS = ("aws", "aws-cn", "aws-us-gov")


def settings_rows(config: ServiceConfig) -> list[tuple[str, str, str]]:
    """The service settings the client uses, each with its origin (``ServiceConfig.origins``)."""
    rows = [
        ("package", config.package),
        ("protocol", config.protocol),
        ("json_version", config.json_version),
        ("target_prefix", config.target_prefix or ""),
        ("signing_name", config.signing_name or ""),
        ("endpoint_prefix", config.endpoint_prefix or ""),
    ]
    found = [(name, value, config.origin(name) or "default") for name, value in rows if value]
    for rule in config.endpoints:
        if rule.partition in SHOWN_PARTITIONS:
            host = rule.hostname.replace("{dnsSuffix}", rule.dns_suffix)
            url = "https://" + host.replace("{region}", "<region>")
            if rule.signing_region != "{region}":
                url += f" (signs for {rule.signing_region})"
            if rule.regions:
                url += f" ({len(rule.regions)} regions differ)"
            found.append((f"endpoint ({rule.partition})", url, config.origin("endpoints")))
    return found


def segments_text(inline: Inline) -> str:
    return "".join(segment.text for segment in inline)


__all__ = ["Segment", "segments_text"]
