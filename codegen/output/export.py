"""Export a service of the shape model in botocore's ``service-2.json`` format.

The result loads with ``botocore.model.ServiceModel``: a user can drive botocore from the
docs alone, and the conformance check (``codegen.tools.conformance``) compares it fact by fact
with botocore's own model.

Documentation strings are kept as the Markdown the pages use. botocore's models carry
HTML, but converting would invent markup the docs never had; botocore treats the text as
opaque, so Markdown loads and prints fine.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..model import (
    ErrorRef,
    ListShape,
    MapShape,
    Member,
    Operation,
    PrimitiveShape,
    Service,
    Shape,
    ShapeModel,
    StructureShape,
)

JsonObject = dict[str, Any]

# Locations botocore names with a ``locationName`` (a header, URI label or query key).
_NAMED_LOCATIONS = ("uri", "querystring", "header", "headers")


def export_service(service: Service) -> JsonObject:
    """The service as a botocore ``service-2.json`` document (keys in insertion order;
    ``write_models`` sorts them)."""
    return {
        "version": "2.0",
        "metadata": _metadata(service),
        "operations": {
            name: _operation(service.operations[name]) for name in sorted(service.operations)
        },
        "shapes": {name: _shape(service.shapes[name]) for name in sorted(service.shapes)},
        "documentation": service.documentation,
    }


def write_models(model: ShapeModel, out_dir: Path) -> list[Path]:
    """Write ``out_dir/<uid>.json`` for every service; return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for service in model.services:
        path = out_dir / f"{service.uid}.json"
        text = json.dumps(export_service(service), indent=2, sort_keys=True, ensure_ascii=False)
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def service_id(service: Service) -> str | None:
    """botocore's ``serviceId`` from the full name (``Amazon SageMaker Service`` ->
    ``SageMaker``); None when no index page named the service."""
    if service.name == service.uid:
        return None
    words = [w for w in service.name.split() if w not in ("Amazon", "AWS")]
    if len(words) > 1 and words[-1] == "Service":
        words = words[:-1]
    return " ".join(words) or None


def _metadata(service: Service) -> JsonObject:
    config = service.config
    metadata: JsonObject = {
        "apiVersion": service.api_version,
        "endpointPrefix": config.endpoint_prefix or re.sub(r"-\d{4}-\d{2}-\d{2}$", "", service.uid),
        "jsonVersion": config.json_version,
        "protocol": config.protocol,
        "serviceFullName": service.name,
        "signatureVersion": "v4",
        "uid": service.uid,
    }
    identifier = service_id(service)
    if identifier is not None:
        metadata["serviceId"] = identifier
    if config.signing_name:
        metadata["signingName"] = config.signing_name
    if config.protocol == "json" and config.target_prefix:
        metadata["targetPrefix"] = config.target_prefix
    return metadata


def _operation(operation: Operation) -> JsonObject:
    http: JsonObject = {
        "method": operation.http.method,
        "requestUri": operation.http.request_uri,
    }
    if operation.http.response_code is not None:
        http["responseCode"] = operation.http.response_code
    out: JsonObject = {"name": operation.name, "http": http}
    if operation.input is not None:
        out["input"] = {"shape": operation.input}
    if operation.output is not None:
        out["output"] = {"shape": operation.output}
    if operation.errors:
        out["errors"] = [_error_ref(ref) for ref in operation.errors]
    out["documentation"] = operation.documentation
    return out


def _error_ref(ref: ErrorRef) -> JsonObject:
    out: JsonObject = {"shape": ref.shape}
    if ref.documentation:
        out["documentation"] = ref.documentation
    return out


def _shape(shape: Shape) -> JsonObject:
    if isinstance(shape, StructureShape):
        out = _structure(shape)
    elif isinstance(shape, ListShape):
        out = {"type": "list", "member": {"shape": shape.member}}
        _bounds(out, shape.min_items, shape.max_items)
    elif isinstance(shape, MapShape):
        out = {"type": "map", "key": {"shape": shape.key}, "value": {"shape": shape.value}}
        _bounds(out, shape.min_entries, shape.max_entries)
    else:
        out = _primitive(shape)
    if shape.documentation:
        out["documentation"] = shape.documentation
    return out


def _primitive(shape: PrimitiveShape) -> JsonObject:
    c = shape.constraints
    if shape.kind == "document":
        # botocore's JSON value: a structure flagged as a document, with no members.
        return {"type": "structure", "members": {}, "document": True}
    out: JsonObject = {"type": shape.kind}
    if shape.kind in ("string", "blob"):
        _bounds(out, c.min_length, c.max_length)
    else:
        _bounds(out, c.min_value, c.max_value)
    if c.pattern is not None:
        out["pattern"] = c.pattern
    if c.enum:
        out["enum"] = list(c.enum)
    return out


def _bounds(out: JsonObject, low: float | None, high: float | None) -> None:
    if low is not None:
        out["min"] = low
    if high is not None:
        out["max"] = high


def _structure(shape: StructureShape) -> JsonObject:
    out: JsonObject = {"type": "structure"}
    required = [m.name for m in shape.members if m.required]
    if required:
        out["required"] = required
    out["members"] = {m.name: _member(m) for m in shape.members}
    payload = [m.name for m in shape.members if m.payload]
    if payload:
        out["payload"] = payload[0]
    if shape.exception:
        out["exception"] = True
        error: JsonObject = {"code": shape.error_code or shape.name}
        if shape.http_status is not None:
            error["httpStatusCode"] = shape.http_status
            error["senderFault"] = shape.http_status < 500
        out["error"] = error
    return out


def _member(member: Member) -> JsonObject:
    out: JsonObject = {"shape": member.target}
    if member.location != "body":
        out["location"] = member.location
    if member.location in _NAMED_LOCATIONS:
        out["locationName"] = member.location_name or member.name
    if member.idempotency_token:
        out["idempotencyToken"] = True
    if member.documentation:
        out["documentation"] = member.documentation
    return out
