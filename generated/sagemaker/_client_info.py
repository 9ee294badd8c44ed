"""What the generated ``client.py`` states about its service and operations, as data.

Generated code; standard library only. ``OperationInfo`` says how one operation travels
over HTTP, ``ServiceInfo`` how the service is reached and signed; both clients (blocking
and asyncio) read the same tables.
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

from . import _core

Location = Literal["uri", "querystring", "header", "headers", "statusCode", "payload"]

Outgoing = _core.Shape | dict[str, Any] | None
"""What a call sends: its checked request object, or a JSON service's checked request dict,
which is its body as given (``ClientCore._outgoing``); ``None`` for an operation without
input."""


class Binding(NamedTuple):
    """A member that travels outside the JSON body (REST-JSON)."""

    field: str
    """Attribute name on the request or response object."""
    wire: str
    """Member wire name (the key in ``to_dict`` and ``from_response`` data)."""
    location: Location
    name: str = ""
    """URI label, query key, header name or header prefix."""
    kind: str = "string"
    """string, integer, float, boolean, timestamp, blob, document, structure, list, map."""
    element: str = ""
    """For a list, the element's kind."""


class OperationInfo(NamedTuple):
    name: str
    method: str = "POST"
    uri: str = "/"
    request: tuple[Binding, ...] = ()
    """REST: request members bound to the URI, query string, headers or the whole body."""
    response: tuple[Binding, ...] = ()
    """REST: response members bound to headers, the status code or the whole body."""
    body_members: bool = False
    """REST: the input has JSON body members (an empty body is then sent as ``{}``)."""
    idempotency_tokens: tuple[tuple[str, str], ...] = ()
    """(field, wire name) of members filled with a fresh UUID when absent."""
    body_unread: bool = False
    """REST: no response member lives in the body (all are headers or the status code):
    the response body is not parsed, as botocore reads nothing from it either."""
    safe_to_resend: bool = False
    """Re-sending after a network failure mid-request cannot act twice (reads, PUT,
    DELETE, calls carrying an idempotency token)."""
    unsigned_payload: bool = False
    """SigV4 over HTTPS signs ``UNSIGNED-PAYLOAD`` instead of the body's hash (botocore's
    ``v4-unsigned-body`` operations: audio streamed to Lex runtimes)."""


class EndpointVariant(NamedTuple):
    """A FIPS or dual-stack endpoint of a partition: templates as ``PartitionEndpoint``'s."""

    variant: str
    hostname: str
    signing_region: str = "{region}"
    regions: tuple[tuple[str, str, str], ...] = ()


class PartitionEndpoint(NamedTuple):
    """The service's default endpoint in one AWS partition: templates over ``{region}``
    and ``{dnsSuffix}``; a global endpoint signs for a fixed region."""

    partition: str
    region_regex: str
    dns_suffix: str
    hostname: str
    signing_region: str = "{region}"
    regions: tuple[tuple[str, str, str], ...] = ()
    """(region, hostname, signing region) where they differ; empty strings keep the
    partition's value."""
    variants: tuple[EndpointVariant, ...] = ()
    """The ``fips``, ``dualstack`` and ``fips-dualstack`` endpoints the partition has."""


class ServiceInfo(NamedTuple):
    protocol: Literal["json", "rest-json"]
    signing_name: str
    endpoint_prefix: str
    target_prefix: str = ""
    json_version: str = "1.1"
    throttling_codes: tuple[str, ...] = ()
    user_agent: str = "codegen-client"
    endpoints: tuple[PartitionEndpoint, ...] = ()
    """Default endpoint per partition (the first whose regex matches the region; else the
    ``aws`` partition, as botocore does)."""
    service_id: str = ""
    """botocore's ``serviceId``: names the service in ``AWS_ENDPOINT_URL_<SERVICE>`` and in
    the config file's ``services`` sections (empty: only the global settings apply)."""


def default_endpoint(
    service: ServiceInfo, region: str, variant: str = ""
) -> tuple[str, str]:
    """The service's AWS endpoint URL for ``region`` and the region requests sign for;
    ``variant`` (``fips``, ``dualstack``, ``fips-dualstack``) selects that endpoint, an
    error naming the setting when the service has none in the region's partition."""
    import re

    from ._runtime.errors import ConfigurationError

    if not re.fullmatch(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?", region):
        raise ConfigurationError(f"invalid region name {region!r}")
    rules = service.endpoints
    rule = next((r for r in rules if re.match(r.region_regex, region)), None)
    rule = rule or next((r for r in rules if r.partition == "aws"), None)
    if rule is None or (variant and all(v[0] != variant for v in rule.variants)):
        if variant:
            from ._runtime.settings import variant_settings

            raise ConfigurationError(
                f"{variant_settings(variant)}: no {variant} endpoint is known for "
                f"{service.endpoint_prefix} in {region}; unset it or pass endpoint_url"
            )
        return f"https://{service.endpoint_prefix}.{region}.amazonaws.com", region
    hostname, signing_region, regions = rule.hostname, rule.signing_region, rule.regions
    if variant:
        _, hostname, signing_region, regions = next(
            v for v in rule.variants if v[0] == variant
        )
    for name, host, signing in regions:
        if name == region:
            hostname, signing_region = host or hostname, signing or signing_region
    host = hostname.replace("{region}", region).replace("{dnsSuffix}", rule.dns_suffix)
    return f"https://{host}", signing_region.replace("{region}", region)
