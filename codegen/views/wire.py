"""How the client's requests travel, as Python source for the generated tables: the
service's ``ServiceInfo`` (protocol, signing, endpoints per partition and their FIPS and
dual-stack variants) and each operation's ``OperationInfo`` (method, URI, where each member
goes on the wire, idempotency tokens, whether a retry may resend it)."""

from __future__ import annotations

import re

from ..model import (
    ListShape,
    MapShape,
    Member,
    Operation,
    PartitionEndpoint,
    PrimitiveShape,
    Service,
    StructureShape,
    idempotency,
)
from .names import Names
from .pysource import Raw, source_call, source_tuple


def is_idempotency_token(service: Service, member: Member) -> bool:
    """A request member the client fills with a fresh UUID when the caller leaves it out:
    the model marks them (``codegen.model.idempotency``); a model built otherwise gets the same
    rule here."""
    if member.idempotency_token:
        return True
    return idempotency.reason(member, service.shapes.get(member.target)) is not None


def service_info(service: Service) -> str:
    config = service.config
    throttling = sorted(
        {
            ref.shape
            for op in service.operations.values()
            for ref in op.errors
            if ref.http_status == 429
        }
    )
    return source_call(
        "_base.ServiceInfo",
        protocol=config.protocol,
        signing_name=config.signing_name or config.endpoint_prefix or service.uid,
        endpoint_prefix=config.endpoint_prefix or service.uid,
        target_prefix=config.target_prefix or "",
        json_version=config.json_version,
        throttling_codes=tuple(throttling),
        user_agent=f"codegen/{config.package} ({service.uid})",
        endpoints=Raw(source_tuple(_partition_endpoint(e) for e in config.endpoints)),
        service_id=config.service_id,
    )


def _partition_endpoint(rule: PartitionEndpoint) -> str:
    return source_call(
        "_base.PartitionEndpoint",
        partition=rule.partition,
        region_regex=rule.region_regex,
        dns_suffix=rule.dns_suffix,
        hostname=rule.hostname,
        signing_region=rule.signing_region if rule.signing_region != "{region}" else "",
        regions=rule.regions,
        variants=Raw(source_tuple(_endpoint_variant(*v) for v in rule.variants)),
    )


def _endpoint_variant(
    variant: str, hostname: str, signing_region: str, regions: tuple[tuple[str, str, str], ...]
) -> str:
    # Positional name and host: one line each in the generated client, which lists many.
    arguments = [repr(variant), repr(hostname)]
    if signing_region != "{region}":
        arguments.append(f"signing_region={signing_region!r}")
    if regions:
        arguments.append(f"regions={regions!r}")
    return f"_base.EndpointVariant({', '.join(arguments)})"


def operation_info(
    service: Service,
    op: Operation,
    names: Names,
    request: StructureShape | None,
    response: StructureShape | None,
) -> str:
    rest = service.config.protocol == "rest-json"
    request_bindings: list[str] = []
    response_bindings: list[str] = []
    tokens: list[tuple[str, str]] = []
    body_members = False
    if request is not None:
        for name, member in zip(names.fields[request.name], request.members):
            if is_idempotency_token(service, member):
                tokens.append((name, member.name))
            if rest and (member.location != "body" or member.payload):
                request_bindings.append(_binding(service, name, member))
            else:
                body_members = True
    body_unread = False
    if response is not None and rest:
        for name, member in zip(names.fields[response.name], response.members):
            if member.location != "body" or member.payload:
                response_bindings.append(_binding(service, name, member))
        body_unread = all(m.location != "body" for m in response.members)
    method = op.http.method.upper() if rest else "POST"
    safe = (
        method in ("GET", "HEAD", "PUT", "DELETE")
        or bool(tokens)
        or re.match(r"(Describe|Get|List|Search|BatchGet|Detect)[A-Z]", op.name) is not None
    )
    return source_call(
        "_base.OperationInfo",
        name=op.name,
        method=method,
        uri=op.http.request_uri if rest else "/",
        request=Raw(source_tuple(request_bindings)),
        response=Raw(source_tuple(response_bindings)),
        body_members=body_members,
        idempotency_tokens=tuple(tokens),
        body_unread=body_unread,
        safe_to_resend=safe,
        unsigned_payload=op.name in service.config.unsigned_payload,
    )


def _binding(service: Service, field: str, member: Member) -> str:
    location = "payload" if member.payload else member.location
    kind, element = _kind(service, member.target)
    return source_call(
        "_base.Binding",
        field=field,
        wire=member.name,
        location=location,
        name=member.location_name or member.name,
        kind=kind,
        element=element,
    )


def _kind(service: Service, name: str) -> tuple[str, str]:
    shape = service.shapes.get(name)
    if isinstance(shape, StructureShape):
        return "structure", ""
    if isinstance(shape, MapShape):
        return "map", ""
    if isinstance(shape, ListShape):
        return "list", _kind(service, shape.member)[0]
    if isinstance(shape, PrimitiveShape):
        kind = shape.kind
        return {"long": "integer", "double": "float"}.get(kind, kind), ""
    return "string", ""
