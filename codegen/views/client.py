"""What the client templates need (``client.py``, ``errors.py``), decided once per service.

Decisions made here (not in the docs):

- Idempotency tokens (``wire.py``): the members the model marks
  (``codegen.model.idempotency``); the client fills them with a fresh UUID when absent,
  wherever they travel (body, header, query).
- Pagination: ``codegen.model.pagination.detect_pagination`` (token, limit and result list by
  meaning); see docs/pagination.md for the rule and its measured recall and precision
  against botocore's paginators.
- Errors: every error shape, plus the AWS common errors the docs do not name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..model import (
    ListShape,
    Operation,
    Service,
    StructureShape,
    aws_services,
)
from ..model.pagination import detect_pagination
from .layout import natural
from .names import RUNTIME_ERROR_NAMES, Names
from .text import doc_text, first_sentence, wrap
from .types import ChecksBuilder, TypeView, TypeViews, streams
from .wire import operation_info, service_info

COMMON_ERRORS: Mapping[str, tuple[int, str]] = {
    # The errors every AWS API may return (its "Common Errors" reference), used when the
    # docs at hand list none: code -> (HTTP status, description).
    "AccessDeniedException": (400, "You do not have sufficient access to perform this action."),
    "IncompleteSignature": (400, "The request signature does not conform to AWS standards."),
    "InternalFailure": (500, "The service failed because of an unknown error."),
    "InvalidAction": (400, "The action or operation requested is invalid."),
    "InvalidClientTokenId": (403, "The access key ID does not exist in AWS records."),
    "NotAuthorized": (400, "You do not have permission to perform this action."),
    "OptInRequired": (403, "The access key ID needs a subscription for the service."),
    "RequestExpired": (400, "The request reached the service too late after its date stamp."),
    "ServiceUnavailable": (503, "The service failed because of a temporary failure."),
    "ThrottlingException": (400, "The request was denied because of request throttling."),
    "ValidationException": (400, "The input fails to satisfy the service's constraints."),
    "UnrecognizedClientException": (400, "The security token in the request is invalid."),
}


def _structure(service: Service, name: str | None) -> StructureShape | None:
    shape = service.shapes.get(name) if name else None
    return shape if isinstance(shape, StructureShape) else None


# ---------------------------------------------------------------------------------------
# Views.


@dataclass(frozen=True)
class ParamView:
    name: str
    annotation: str
    required: bool


@dataclass(frozen=True)
class PaginatorView:
    method: str
    input_field: str
    output_field: str
    items_method: str
    """Empty when the response has no single result list (or the name is taken)."""
    result_field: str
    item_annotation: str
    doc: str
    items_doc: str


@dataclass(frozen=True)
class ErrorView:
    cls: str
    code: str
    doc: str
    shape: str
    """The error's structure in ``shapes`` (empty for a common error the docs lack)."""


@dataclass(frozen=True)
class OperationView:
    name: str
    method: str
    doc: str
    async_doc: str
    """As ``doc``, for ``AsyncClient`` (its streamed payloads are AsyncStreamingBody)."""
    input_cls: str
    output_cls: str
    params: tuple[ParamView, ...]
    typed_kwargs: bool
    """False when a field name cannot be a keyword parameter (``self``)."""
    info: str
    """Python expression building the operation's ``OperationInfo``."""
    paginator: PaginatorView | None


@dataclass(frozen=True)
class ClientView:
    package: str
    service_name: str
    uid: str
    doc: str
    """The Client class docstring."""
    async_doc: str
    """The AsyncClient class docstring."""
    service_info: str
    operations: tuple[OperationView, ...]
    errors: tuple[ErrorView, ...]

    @property
    def error_exports(self) -> list[str]:
        """``errors.__all__`` in the order ruff's RUF022 expects (constants first)."""
        names = {e.cls for e in self.errors} | (RUNTIME_ERROR_NAMES - {"ERROR_CLASSES"})
        return ["ERROR_CLASSES", *sorted(names, key=natural)]

    def uses(self, prefix: str) -> bool:
        """Whether a keyword parameter's annotation refers to ``prefix`` (``_datetime.``,
        ``_enums.``): the module imports only what the annotations use."""
        return any(
            prefix in p.annotation for op in self.operations if op.typed_kwargs for p in op.params
        )

    @property
    def paginates(self) -> bool:
        return any(op.paginator is not None for op in self.operations)


def client_view(service: Service, names: Names) -> ClientView:
    types = TypeViews(service, ChecksBuilder(), [])
    errors = _error_views(service, names)
    by_shape = {e.shape: e for e in errors if e.shape}
    operations = tuple(
        _operation_view(service, service.operations[name], names, types, by_shape)
        for name in sorted(service.operations)
    )
    return ClientView(
        package=names.package,
        service_name=service.name,
        uid=service.uid,
        doc=_client_doc(service),
        async_doc=_client_doc(service, aio=True),
        service_info=service_info(service),
        operations=operations,
        errors=errors,
    )


def _client_doc(service: Service, aio: bool = False) -> str:
    """The docstring of ``Client`` or, with ``aio``, of ``AsyncClient`` (the same
    arguments; what differs is said where it differs)."""
    if aio:
        intro = (
            f"Asyncio client of {service.name}: one coroutine per operation, as Client's "
            "methods (same names, arguments, return types and errors); paginate_* and "
            "*_items are async iterators; a streamed response payload is an "
            "AsyncStreamingBody (await read(), async for ... in iter_chunks()). Use "
            "'async with AsyncClient(...) as client' to close its connections. Retries "
            "wait with asyncio.sleep; resolving the configuration and refreshing "
            "credentials run in a worker thread, never on the event loop.\n\n"
        )
        transport = (
            "- transport: any object with async send(request, timeout) -> response; "
            "default: asyncio streams with keep-alive connections (10 per host).\n"
        )
        verify = (
            "- verify: False, or a CA bundle path; else AWS_CA_BUNDLE or the profile's ca_bundle."
        )
    else:
        intro = f"Client of {service.name}: one method per operation.\n\n"
        transport = (
            "- transport: any object with send(request, timeout) -> response; default: "
            "http.client with keep-alive connections.\n"
        )
        verify = (
            "- verify: False, or a CA bundle path; else AWS_CA_BUNDLE or the profile's "
            "ca_bundle. HTTPS_PROXY/HTTP_PROXY/NO_PROXY are honoured (CONNECT)."
        )
    return wrap(
        intro + "Each method takes the request object (shapes.<Operation>Request), a request "
        "dict with wire names as boto3 takes it, or the request's fields as keyword "
        "arguments (where a structure, or a list or map of them, may be such a dict too: "
        "checked as from_dict checks it), and returns the response object "
        "(shapes.<Operation>Response). Errors the service returns raise subclasses of "
        "errors.ServiceError.\n\n"
        "Arguments (all optional; nothing is read from the environment or disk until the "
        "first call):\n"
        "- region: else AWS_REGION, AWS_DEFAULT_REGION or the config file.\n"
        "- endpoint_url: else AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's "
        "services section or its endpoint_url (botocore's order); default: the "
        "service's AWS endpoint for the region's partition "
        f"({aws_services.endpoint_url(service.config, '<region>')} in the aws partition).\n"
        "- use_fips_endpoint, use_dualstack_endpoint: else AWS_USE_FIPS_ENDPOINT, "
        "AWS_USE_DUALSTACK_ENDPOINT or the profile's settings; an error names the setting "
        "where the service has no such endpoint in the region.\n"
        "- credentials, or access_key, secret_key and session_token: else botocore's "
        "default chain (environment, roles, web identity, SSO, ~/.aws files, "
        "credential_process, container, instance metadata; see resolve_credentials).\n"
        "- profile: the profile to read (else AWS_DEFAULT_PROFILE, AWS_PROFILE, default).\n"
        + transport
        + "- retry (a StandardRetryStrategy) or max_attempts (else AWS_MAX_ATTEMPTS or the "
        "profile's max_attempts, else 3); retry_mode adaptive (AWS_RETRY_MODE or the "
        "profile's) adds botocore's client-side rate limiter.\n"
        "- timeout: seconds each socket read or write may take (default 60); "
        "connect_timeout: seconds opening a connection may take (default 10).\n"
        "- validation: 'strict', 'warn' or 'off' for requests made by this client; "
        "default: the package's mode.\n" + verify
    )


def _error_views(service: Service, names: Names) -> tuple[ErrorView, ...]:
    views = []
    for name in names.errors:
        if name.shape:
            shape = service.shapes[name.shape]
            doc = doc_text(shape.documentation) or _error_doc(service, name.shape)
        elif name.code in service.common_errors:
            doc = f"The common error {name.code}."
        else:
            status, text = COMMON_ERRORS[name.code]
            doc = f"{text} (HTTP {status}; an AWS common error.)"
        views.append(ErrorView(name.cls, name.code, doc, name.shape))
    return tuple(views)


def _error_doc(service: Service, shape: str) -> str:
    for op in service.operations.values():
        for ref in op.errors:
            if ref.shape == shape and ref.documentation:
                return doc_text(ref.documentation)
    return f"The {shape} error."


def _operation_view(
    service: Service,
    op: Operation,
    names: Names,
    types: TypeViews,
    errors: Mapping[str, ErrorView],
) -> OperationView:
    request = _structure(service, op.input)
    response = _structure(service, op.output)
    params: list[ParamView] = []
    if request is not None:
        for name, member in zip(names.fields[request.name], request.members):
            required = member.required and not member.idempotency_token
            annotation = _keyword_annotation(types.member(request.name, member))
            params.append(ParamView(name, annotation, required))
    params.sort(key=lambda p: not p.required)
    return OperationView(
        name=op.name,
        method=names.methods[op.name],
        doc=_operation_doc(service, op, names, errors),
        async_doc=_operation_doc(service, op, names, errors, aio=True),
        input_cls=request.name if request else "",
        output_cls=response.name if response else "",
        params=tuple(params),
        typed_kwargs=all(p.name != "self" for p in params),
        info=operation_info(service, op, names, request, response),
        paginator=_paginator_view(service, op, names, types),
    )


def _keyword_annotation(t: TypeView) -> str:
    """A keyword parameter's type: a structure (or a list or map of them) may also be given
    as a dict with wire names, as boto3 takes it."""
    wire = "dict[str, _Any]"
    if t.kind == "structure":
        return f"{t.annotation} | {wire}"
    if t.kind == "list" and t.element is not None and t.element.kind == "structure":
        return f"{t.annotation} | list[{wire}]"
    if t.kind == "map" and t.value is not None and t.value.kind == "structure":
        return f"{t.annotation} | dict[str, {wire}]"
    return t.annotation


def _operation_doc(
    service: Service,
    op: Operation,
    names: Names,
    errors: Mapping[str, ErrorView],
    aio: bool = False,
) -> str:
    text = doc_text(op.documentation) or f"Calls {op.name}."
    lines = [text, ""]
    if op.input:
        lines.append(f"Takes a shapes.{op.input} or its fields as keyword arguments.")
    lines.append(f"Returns shapes.{op.output}." if op.output else "Returns None.")
    if field := _streamed_field(service, names, op.input):
        lines.append(
            f"{field} streams: bytes, bytearray, memoryview, a binary file (sent from where"
            " it stands) or an iterable of bytes."
        )
    if field := _streamed_field(service, names, op.output):
        lines.append(
            f"The response's {field} is {'an AsyncStreamingBody' if aio else 'a StreamingBody'}:"
            " read it to the end (or close it) to free its connection."
        )
    raises = [ref for ref in op.errors if ref.shape in errors]
    if raises:
        lines += ["", "Raises:"]
        for ref in raises:
            summary = first_sentence(doc_text(ref.documentation))
            status = f" (HTTP {ref.http_status})" if ref.http_status else ""
            lines.append(f"- errors.{errors[ref.shape].cls}{status}: {summary}".rstrip(": "))
        lines.append("- errors.ServiceError: any other error the service returns.")
    return wrap("\n".join(lines))


def _streamed_field(service: Service, names: Names, structure: str | None) -> str:
    """The field of a structure bound to the whole HTTP body as a blob (it streams)."""
    shape = _structure(service, structure)
    if shape is None:
        return ""
    streamed = (
        n for n, m in zip(names.fields[shape.name], shape.members) if streams(service.shapes, m)
    )
    return next(streamed, "")


def _paginator_view(
    service: Service, op: Operation, names: Names, types: TypeViews
) -> PaginatorView | None:
    paging = detect_pagination(service, op)
    request = _structure(service, op.input)
    response = _structure(service, op.output)
    chosen = names.paginators.get(op.name)
    if paging is None or request is None or response is None or chosen is None:
        return None
    method, paginate = names.methods[op.name], chosen.paginate
    result_field = item_annotation = ""
    if chosen.items:
        result_field = names.field(response, paging.result_key or "")
        member = next(m for m in response.members if m.name == paging.result_key)
        list_shape = service.shapes[member.target]
        assert isinstance(list_shape, ListShape)
        item_annotation = types.view(list_shape.member).annotation
    input_field = names.field(request, paging.input_token)
    output_field = names.field(response, paging.output_token)
    return PaginatorView(
        method=paginate,
        doc=wrap(
            f"Pages of {method}: calls it again with each response's {output_field} as "
            f"{input_field} until the service returns none. Takes the same arguments as "
            f"{method}."
        ),
        items_doc=wrap(
            f"Every item of {result_field} across all pages of {method} " f"(see {paginate})."
        ),
        input_field=input_field,
        output_field=output_field,
        items_method=chosen.items,
        result_field=result_field,
        item_annotation=item_annotation,
    )
