"""The intermediate shape model: what the reference docs say, independent of any output.

Plain immutable dataclasses only. The parser fills them (``codegen.model.build``), the
exporters and renderers read them. Shape kinds and member locations follow botocore's
vocabulary so that the model exports to ``service-2.json`` without translation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

PrimitiveKind = Literal[
    "string", "integer", "long", "float", "double", "boolean", "timestamp", "blob", "document"
]
"""Scalar kinds. ``document`` is a "JSON value" member: any JSON, held parsed."""

MemberLocation = Literal["body", "uri", "querystring", "header", "headers", "statusCode"]
"""Where a member travels on the wire. ``body`` covers JSON members and, together with
``Member.payload``, a raw binary payload."""

Protocol = Literal["json", "rest-json"]


@dataclass(frozen=True, order=True)
class SourceLocation:
    """A place in the input docs: file path (as given on the command line) and 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Diagnostic:
    """A problem found in the input. Errors stop generation; warnings are reported."""

    location: SourceLocation
    message: str
    severity: Literal["error", "warning"] = "error"
    kind: str = ""
    """For warnings, the kind of slip (``codegen.slips.KINDS``): what the catalogue counts."""

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class Constraints:
    """Constraints stated by the docs for a scalar, list or map.

    Lengths are in code points; ``min_value``/``max_value`` keep the docs' number
    (``int`` for integers and longs, ``float`` otherwise)."""

    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    enum: tuple[str, ...] = ()
    min_value: int | float | None = None
    max_value: int | float | None = None


@dataclass(frozen=True)
class PrimitiveShape:
    name: str
    kind: PrimitiveKind
    constraints: Constraints = Constraints()
    documentation: str = ""
    source: SourceLocation | None = None
    synthetic: bool = True
    """True where the docs have no page for this shape and the name was made up from the
    member(s) that use it (every primitive: the docs never name scalar shapes)."""


@dataclass(frozen=True)
class ListShape:
    name: str
    member: str
    """Name of the element shape."""
    min_items: int | None = None
    max_items: int | None = None
    documentation: str = ""
    source: SourceLocation | None = None
    synthetic: bool = True


@dataclass(frozen=True)
class MapShape:
    name: str
    key: str
    value: str
    min_entries: int | None = None
    max_entries: int | None = None
    documentation: str = ""
    source: SourceLocation | None = None
    synthetic: bool = True


@dataclass(frozen=True)
class Member:
    """One member of a structure: a field of a data type or a request/response parameter."""

    name: str
    """The wire name, exactly as the docs print it."""
    target: str
    """Name of the member's shape."""
    required: bool = False
    location: MemberLocation = "body"
    location_name: str | None = None
    """Header name, URI label or query key where it differs from ``name``."""
    payload: bool = False
    """The member is the whole HTTP body (binary or JSON payload) rather than a JSON field."""
    idempotency_token: bool = False
    documentation: str = ""
    source: SourceLocation | None = None
    inferred: tuple[str, ...] = ()
    """Facts the docs did not state but were inferred, each with the reason."""
    type_unstated: bool = False
    """Nothing on the page tells its type (a URI, query or header parameter without a
    ``Type:`` line or other evidence): a string, and the client also takes the integers and
    booleans botocore would write as text there."""


@dataclass(frozen=True)
class StructureShape:
    name: str
    members: tuple[Member, ...] = ()
    documentation: str = ""
    source: SourceLocation | None = None
    synthetic: bool = False
    exception: bool = False
    error_code: str | None = None
    http_status: int | None = None


Shape = PrimitiveShape | ListShape | MapShape | StructureShape


@dataclass(frozen=True)
class HttpBinding:
    method: str = "POST"
    request_uri: str = "/"
    response_code: int | None = None


@dataclass(frozen=True)
class ErrorRef:
    """An error an operation documents, by shape name."""

    shape: str
    http_status: int | None = None
    documentation: str = ""
    source: SourceLocation | None = None


@dataclass(frozen=True)
class Operation:
    name: str
    http: HttpBinding = HttpBinding()
    input: str | None = None
    output: str | None = None
    errors: tuple[ErrorRef, ...] = ()
    documentation: str = ""
    source: SourceLocation | None = None


@dataclass(frozen=True)
class PartitionEndpoint:
    """A service's default endpoint in one AWS partition (aws, aws-cn, aws-us-gov, ...).

    Templates over ``{region}`` and ``{dnsSuffix}``: ``api.sagemaker.{region}.{dnsSuffix}``;
    a global endpoint has no ``{region}`` in ``hostname`` and a fixed ``signing_region``."""

    partition: str
    region_regex: str
    """Regions of the partition (Python ``re``, matched from the start)."""
    dns_suffix: str
    hostname: str
    signing_region: str = "{region}"
    regions: tuple[tuple[str, str, str], ...] = ()
    """Exceptions: (region, hostname, signing region), an empty string where the
    partition's value holds."""
    variants: tuple[tuple[str, str, str, tuple[tuple[str, str, str], ...]], ...] = ()
    """The endpoints ``use_fips_endpoint`` / ``use_dualstack_endpoint`` select: (variant,
    hostname, signing region, exceptions as in ``regions``), variant ``fips``,
    ``dualstack`` or ``fips-dualstack``; a variant absent here is unknown in the partition."""


@dataclass(frozen=True)
class ServiceConfig:
    """What the pages never state: from ``codegen.toml``, else the AWS service table the
    generator ships (``codegen.model.aws_services``), else defaults; ``origins`` says which."""

    package: str
    protocol: Protocol = "json"
    json_version: str = "1.1"
    target_prefix: str | None = None
    signing_name: str | None = None
    endpoint_prefix: str | None = None
    endpoints: tuple[PartitionEndpoint, ...] = ()
    """The default endpoint per partition (empty: ``<endpoint_prefix>.<region>.amazonaws.com``)."""
    service_id: str = ""
    """botocore's ``serviceId`` (``Application Auto Scaling``): the name in
    ``AWS_ENDPOINT_URL_<SERVICE>`` and the config file's ``services`` sections."""
    unsigned_payload: tuple[str, ...] = ()
    """Operations whose body AWS takes unsigned over HTTPS (botocore's ``v4-unsigned-body``
    or ``unsignedPayload``): a streamed upload goes out as it is read, not hashed first."""
    origins: tuple[tuple[str, str], ...] = ()
    """(setting, where its value came from): ``codegen.toml``, ``AWS service table
    (botocore X.Y.Z)``, ``inferred from the pages`` or ``default``."""

    def origin(self, setting: str) -> str:
        return dict(self.origins).get(setting, "")


@dataclass(frozen=True)
class Service:
    uid: str
    """``<sdk-id>-<api-version>``, e.g. ``sagemaker-2017-07-24``, from the SDK links."""
    name: str
    """Full name as the index pages print it, e.g. ``Amazon SageMaker Service``."""
    api_version: str
    config: ServiceConfig
    operations: Mapping[str, Operation] = field(default_factory=dict)
    shapes: Mapping[str, Shape] = field(default_factory=dict)
    documentation: str = ""
    common_errors: tuple[str, ...] = ()
    """Error shape names every operation may raise (the docs' Common Errors)."""


@dataclass(frozen=True)
class ShapeModel:
    """Everything read from one spec folder."""

    services: tuple[Service, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
