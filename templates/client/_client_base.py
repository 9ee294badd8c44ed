"""Support for the generated ``Client``: configuration, HTTP bindings, calls, pagination.

Generated code; standard library only. ``client.py`` describes each operation as data
(``OperationInfo``) and this module turns a request object into an HTTP request, sends
it (signed afresh on every attempt, retried by the standard strategy) and turns the
response into the response object or a typed error.

The network, signing and retry modules (``_runtime``) are imported on the first call,
not when the client is built, so that ``import pkg.client`` and ``Client()`` stay cheap.
"""

from __future__ import annotations

# Only modules the package loads anyway (or builtins) are imported here; the rest
# (json, dataclasses, email.utils, uuid, the runtime) on first use: import time matters.
import _thread
import importlib
import math
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar, Literal, NamedTuple, Self, TypeVar

from . import _core

if TYPE_CHECKING:
    from ._runtime.auth import Credentials
    from ._runtime.credentials import RefreshableCredentials
    from ._runtime.errors import ServiceError
    from ._runtime.retry import StandardRetryStrategy
    from ._runtime.streaming import RequestStream
    from ._runtime.transport import HttpRequest, HttpResponse, Transport

S = TypeVar("S", bound=_core.Shape)
R = TypeVar("R", bound=_core.Shape)

Location = Literal["uri", "querystring", "header", "headers", "statusCode", "payload"]

DEFAULT_TIMEOUT = 60.0
"""Seconds each socket read or write may take."""
DEFAULT_CONNECT_TIMEOUT = 10.0
"""Seconds opening a connection (TCP, proxy tunnel, TLS) may take."""


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
    variants: tuple[tuple[str, str, str, tuple[tuple[str, str, str], ...]], ...] = ()
    """(variant, hostname, signing region, regions) of the ``fips``, ``dualstack`` and
    ``fips-dualstack`` endpoints the partition has."""


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


def default_endpoint(service: ServiceInfo, region: str, variant: str = "") -> tuple[str, str]:
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
        _, hostname, signing_region, regions = next(v for v in rule.variants if v[0] == variant)
    for name, host, signing in regions:
        if name == region:
            hostname, signing_region = host or hostname, signing or signing_region
    host = hostname.replace("{region}", region).replace("{dnsSuffix}", rule.dns_suffix)
    return f"https://{host}", signing_region.replace("{region}", region)


class _Resolved(NamedTuple):
    """What the first call works out from the constructor's arguments."""

    region: str
    endpoint: str
    signing_region: str
    credentials: Credentials | RefreshableCredentials
    """Refreshable ones are read with ``frozen()`` before each attempt is signed."""
    transport: Transport
    retry: StandardRetryStrategy
    retry_unsafe: StandardRetryStrategy
    error_classes: Mapping[str, type[ServiceError]]


class BaseClient:
    """Shared machinery of the generated ``Client`` (see its docstring)."""

    _SERVICE: ClassVar[ServiceInfo]
    _ERRORS_MODULE: ClassVar[str] = ".errors"

    def __init__(
        self,
        region: str | None = None,
        *,
        endpoint_url: str | None = None,
        access_key: str | None = None,
        secret_key: str | None = None,
        session_token: str | None = None,
        credentials: Credentials | RefreshableCredentials | None = None,
        profile: str | None = None,
        transport: Transport | None = None,
        retry: StandardRetryStrategy | None = None,
        max_attempts: int | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        validation: _core.Mode | None = None,
        verify: bool | str | None = None,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        use_fips_endpoint: bool | None = None,
        use_dualstack_endpoint: bool | None = None,
    ) -> None:
        if validation is not None and validation not in _core.MODES:
            raise ValueError(f"validation must be one of {', '.join(_core.MODES)} or None")
        if max_attempts is not None and max_attempts < 1:
            raise ValueError(f"max_attempts must be at least 1, got {max_attempts}")
        self._region = region
        self._endpoint_url = endpoint_url
        self._static_keys = (access_key, secret_key, session_token)
        self._credentials = credentials
        self._profile = profile
        self._transport = transport
        self._retry = retry
        self._max_attempts = max_attempts
        self._verify = verify
        self._connect_timeout = connect_timeout
        self._use_fips_endpoint = use_fips_endpoint
        self._use_dualstack_endpoint = use_dualstack_endpoint
        self.timeout = timeout
        self.validation: _core.Mode | None = validation
        self._resolved: _Resolved | None = None
        self._lock = _thread.allocate_lock()

    def __repr__(self) -> str:
        where = self._endpoint_url or self._region or "default region"
        return f"{type(self).__name__}({where!r})"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close idle connections of the default transport."""
        transport = self._resolved.transport if self._resolved else None
        close = getattr(transport, "close", None)
        if close is not None and self._transport is None:
            close()

    @property
    def region(self) -> str:
        return self._config().region

    @property
    def endpoint_url(self) -> str:
        return self._config().endpoint

    # -- configuration, resolved on first use --------------------------------------------

    def _config(self) -> _Resolved:
        resolved = self._resolved
        if resolved is None:
            with self._lock:
                if self._resolved is None:
                    self._resolved = self._resolve()
                resolved = self._resolved
        return resolved

    def _resolve(self) -> _Resolved:
        from ._runtime import auth, retry, settings

        service = self._SERVICE
        region = auth.resolve_region(self._region, profile=self._profile)
        credentials = self._credentials or auth.resolve_credentials(
            *self._static_keys, profile=self._profile
        )
        # Endpoint, attempts, CA bundle and proxies as boto3 reads them (env, then profile).
        configured = settings.resolve_settings(self._profile, service_id=service.service_id)
        max_attempts = self._max_attempts or configured.max_attempts or 3
        endpoint_url = self._endpoint_url or configured.endpoint_url
        if endpoint_url:  # FIPS and dual-stack do not apply to it, as in botocore
            endpoint, signing_region = endpoint_url, region
        else:
            variant = configured.endpoint_variant(
                self._use_fips_endpoint,
                self._use_dualstack_endpoint,
            )
            endpoint, signing_region = default_endpoint(service, region, variant)
        if self._retry is not None:
            import copy

            safe = self._retry
            # Same settings and quota; never re-sends what may have reached the service.
            unsafe = copy.copy(safe)
            unsafe.retry_after_send = False
        else:
            # One quota and, in adaptive mode, one rate limiter for all calls of the client.
            quota, codes = retry.RetryQuota(), service.throttling_codes
            limiter = retry.ClientRateLimiter() if configured.retry_mode == "adaptive" else None
            safe = retry.StandardRetryStrategy(
                max_attempts, quota=quota, throttling_codes=codes, rate_limiter=limiter
            )
            unsafe = retry.StandardRetryStrategy(
                max_attempts,
                quota=quota,
                throttling_codes=codes,
                rate_limiter=limiter,
                retry_after_send=False,
            )
        errors = importlib.import_module(
            self._ERRORS_MODULE, type(self).__module__.rpartition(".")[0]
        )
        return _Resolved(
            region=region,
            endpoint=endpoint.rstrip("/") if endpoint.endswith("//") else endpoint,
            signing_region=signing_region,
            credentials=credentials,
            transport=self._transport
            or configured.transport(self._verify, connect_timeout=self._connect_timeout),
            retry=safe,
            retry_unsafe=unsafe,
            error_classes=errors.ERROR_CLASSES,
        )

    # -- requests -------------------------------------------------------------------------

    def _request(
        self, cls: type[S], given: tuple[S | dict[str, Any], ...], fields: Mapping[str, Any]
    ) -> S:
        """The request object, checked in the client's mode (which may differ from the
        package's): the one given positionally, or a request dict with wire names as boto3
        takes it, or one built from keyword arguments, where structures may be such dicts
        too."""
        if given:
            if len(given) > 1 or fields:
                raise TypeError("pass either one request object or keyword arguments, not both")
            request = given[0]
            if isinstance(request, dict):
                # Built and checked in one pass, as from_dict does: nothing to check again.
                return cls.from_dict(request, mode=self.validation)
            if not isinstance(request, cls):
                raise TypeError(f"expected a {cls.__name__}, got {type(request).__name__}")
        else:
            names = _field_names(cls, fields)
            if any(_holds_dict(value) for value in fields.values()):
                wire = {
                    key: _wire_value(fields[name])
                    for name, key in zip(names, cls._WIRE)
                    if fields.get(name) is not None
                }
                return cls.from_dict(wire, mode=self.validation)
            request = _unchecked(cls, names, fields)
        request.validate(self.validation)
        return request

    def _invoke(self, op: OperationInfo, request: _core.Shape | None, output: type[R]) -> R:
        response = self._send(op, request)
        try:
            return output.from_response(self._response_data(op, response))
        except _core.ValidationError as error:
            from ._runtime.errors import ResponseParseError, parse_request_id

            if response.body_stream is not None:
                response.body_stream.close()  # nobody will read it: free the connection
            raise ResponseParseError(
                f"cannot read the {op.name} response: {'; '.join(error.errors)}",
                http_status=response.status,
                request_id=parse_request_id(response.headers),
                body=response.body,
            ) from None

    def _invoke_no_output(self, op: OperationInfo, request: _core.Shape | None) -> None:
        self._send(op, request)

    def _send(self, op: OperationInfo, request: _core.Shape | None) -> HttpResponse:
        import dataclasses

        from ._runtime.auth import sign_request
        from ._runtime.errors import service_error_from_response

        config = self._config()
        strategy = config.retry if op.safe_to_resend else config.retry_unsafe
        template = self._http_request(op, request, config.endpoint)
        if template.body_stream is not None or op.unsigned_payload:
            from ._runtime.streaming import sign_payload

            template = sign_payload(template, op.unsigned_payload)
        stream = template.body_stream
        if stream is not None:
            import copy

            strategy = copy.copy(strategy)  # this call's own: see attempt()

        def attempt() -> HttpResponse:
            if stream is not None:
                stream.rewind()
            fresh = dataclasses.replace(template, headers=dict(template.headers))
            signed = sign_request(
                fresh,
                config.credentials.frozen(),
                config.signing_region,
                self._SERVICE.signing_name,
            )
            try:
                return config.transport.send(signed, self.timeout)
            finally:
                if stream is not None and stream.started and not stream.seekable:
                    # Partly sent and cannot be sent again: no further attempt.
                    strategy.max_attempts = 1

        try:
            response = strategy.send(attempt)
        finally:
            if stream is not None:
                stream.close()
        if response.status >= 300:
            raise service_error_from_response(
                response.status, response.headers, response.body, config.error_classes
            )
        return response

    def _http_request(
        self, op: OperationInfo, request: _core.Shape | None, endpoint: str
    ) -> HttpRequest:
        import json

        from ._runtime.transport import HttpRequest, build_url, expand_uri_template

        service = self._SERVICE
        payload = next((b for b in op.request if b.location == "payload"), None)
        payload_value = getattr(request, payload.field, None) if payload else None
        if payload is not None and payload_value is not None:
            import copy

            # Left out of to_dict: a stream has no wire form, and bytes need no base64 copy.
            request = copy.copy(request)
            setattr(request, payload.field, None)
        missing = [f for f, _ in op.idempotency_tokens if getattr(request, f, None) is None]
        if missing and request is not None:
            import copy

            # Filled once per call: every retry of the call sends the same token.
            request = copy.copy(request)
            for field in missing:
                setattr(request, field, _new_token())
        body_data = request.to_dict() if request is not None else {}
        headers = {"User-Agent": service.user_agent}
        if service.protocol == "json":
            headers["X-Amz-Target"] = f"{service.target_prefix}.{op.name}"
            headers["Content-Type"] = f"application/x-amz-json-{service.json_version}"
            body = json.dumps(body_data).encode("utf-8")
            return HttpRequest(op.method, build_url(endpoint, op.uri), headers, body)
        rest = _RestParts(body_data)
        for binding in op.request:
            value = payload_value if binding is payload else getattr(request, binding.field, None)
            rest.add(binding, value)
        path, _, fixed_query = op.uri.partition("?")
        url = build_url(endpoint, expand_uri_template(path, rest.labels), rest.query)
        if fixed_query:
            url += ("&" if "?" in url else "?") + fixed_query
        content, streaming = rest.body(op)
        headers.update(rest.headers)
        if content and not streaming:
            headers.setdefault("Content-Type", "application/json")
        if isinstance(content, bytes):
            return HttpRequest(op.method, url, headers, content, stream_response=_streams(op))
        return HttpRequest(
            op.method, url, headers, body_stream=content, stream_response=_streams(op)
        )

    # -- responses ------------------------------------------------------------------------

    def _response_data(self, op: OperationInfo, response: HttpResponse) -> dict[str, Any]:
        from ._runtime.errors import parse_json_body

        payload = next((b for b in op.response if b.location == "payload"), None)
        if op.body_unread:
            data: dict[str, Any] = {}
        elif payload is None:
            data = parse_json_body(response.status, response.headers, response.body)
        elif payload.kind == "blob":
            from ._runtime.streaming import StreamingBody

            # As botocore: a blob payload is read by the caller, as it arrives.
            stream = response.body_stream or StreamingBody.from_bytes(response.body)
            data = {payload.wire: stream}
        elif payload.kind == "string":
            data = {payload.wire: response.body.decode()}
        else:
            data = {payload.wire: parse_json_body(response.status, response.headers, response.body)}
        for binding in op.response:
            if binding.location == "statusCode":
                data[binding.wire] = response.status
            elif binding.location == "header" and binding.name in response.headers:
                data[binding.wire] = _from_header(binding, response.headers[binding.name])
            elif binding.location == "headers":
                prefix = binding.name.lower()
                data[binding.wire] = {
                    name[len(prefix) :]: value
                    for name, value in response.headers.items()
                    if name.lower().startswith(prefix)
                }
        return data

    # -- pagination -----------------------------------------------------------------------

    def _paginate(
        self,
        call: Callable[[S], R],
        request: S,
        input_token: str,
        output_token: str,
    ) -> Iterator[R]:
        """Pages of ``call`` until the service returns no (or the same) next token."""
        import copy

        sent: set[str] = set()
        while True:
            page = call(request)
            yield page
            token = getattr(page, output_token)
            # A token may be a map (DynamoDB's LastEvaluatedKey): remembered by its repr.
            seen = token if isinstance(token, str) else repr(token)
            if not token or seen in sent:
                return
            sent.add(seen)
            request = copy.copy(request)
            setattr(request, input_token, token)


class _RestParts:
    """The URI labels, query, headers and body of one REST-JSON request."""

    def __init__(self, body_data: dict[str, Any]) -> None:
        self.body_data = body_data
        self.labels: dict[str, str] = {}
        self.query: list[tuple[str, str]] = []
        self.headers: dict[str, str] = {}
        self.payload: tuple[Binding, Any] | None = None

    def add(self, binding: Binding, value: Any) -> None:
        self.body_data.pop(binding.wire, None)
        if binding.location == "payload":
            self.payload = (binding, value)
            return
        if value is None:
            return
        if binding.location == "uri":
            self.labels[binding.name] = _text(value, binding.kind, "iso8601")
        elif binding.location == "querystring":
            self._add_query(binding, value)
        elif binding.location == "header":
            if binding.kind == "list" and not value:
                return
            self.headers[binding.name] = _to_header(binding, value)
        elif binding.location == "headers":
            for key, item in value.items():
                self.headers[binding.name + key] = str(item)

    def _add_query(self, binding: Binding, value: Any) -> None:
        if binding.kind == "map":
            for key, item in value.items():
                items = item if isinstance(item, list) else [item]
                self.query.extend((key, str(x)) for x in items)
        elif binding.kind == "list":
            self.query.extend((binding.name, _text(x, binding.element, "iso8601")) for x in value)
        else:
            self.query.append((binding.name, _text(value, binding.kind, "iso8601")))

    def body(self, op: OperationInfo) -> tuple[bytes | RequestStream, bool]:
        """The body, and whether it is a raw (streaming) payload."""
        import json

        if self.payload is not None:
            binding, value = self.payload
            if binding.kind == "blob":
                from ._runtime.streaming import request_payload

                return request_payload(value), True
            if binding.kind == "string":
                return (value or "").encode("utf-8"), True
            if value is None:
                return b"{}", False
            return (
                json.dumps(value.to_dict() if binding.kind == "structure" else value).encode(),
                False,
            )
        if self.body_data or op.body_members:
            return json.dumps(self.body_data).encode("utf-8"), False
        return b"", False


def _streams(op: OperationInfo) -> bool:
    """Whether the response body is a blob payload, handed to the caller unread."""
    return any(b.location == "payload" and b.kind == "blob" for b in op.response)


def _field_names(cls: type[S], fields: Mapping[str, Any]) -> list[str]:
    """The field names of a request class; a keyword argument that is none of them is a
    ``TypeError`` naming the field it was probably meant for (its wire name, or the name
    in another case or spelling: ``OutputFormat`` or ``outputFormat`` -> ``output_format``)."""
    import dataclasses

    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    unknown = [key for key in fields if key not in names]
    if unknown:
        meant = {_folded(key): name for name, key in zip(names, cls._WIRE)}
        meant.update((_folded(name), name) for name in names)
        problems = [
            (
                f"{key!r} (did you mean {meant[_folded(key)]}=...?)"
                if _folded(key) in meant
                else repr(key)
            )
            for key in unknown
        ]
        raise TypeError(f"{cls.__name__} has no field {', '.join(problems)}")
    return names


def _folded(name: str) -> str:
    return name.replace("_", "").replace("-", "").lower()


def _holds_dict(value: Any) -> bool:
    """Whether a keyword argument holds a dict (boto3's form of a structure or a map)."""
    if isinstance(value, dict):
        return True
    return isinstance(value, list) and any(_holds_dict(item) for item in value)


def _wire_value(value: Any) -> Any:
    """A keyword argument in the wire form ``from_dict`` reads: request objects inside it
    become their dicts; scalars (datetimes, bytes, files) stay as they are."""
    if isinstance(value, _core.Shape):
        return value.to_dict()
    if isinstance(value, list):
        return [_wire_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _wire_value(item) for key, item in value.items()}
    return value


def _unchecked(cls: type[S], names: list[str], fields: Mapping[str, Any]) -> S:
    """An instance of a generated dataclass built without its construction-time check
    (the caller checks it in the client's validation mode)."""
    obj = cls.__new__(cls)
    for name in names:
        setattr(obj, name, fields.get(name))
    return obj


def _new_token() -> str:
    import uuid

    return str(uuid.uuid4())


def _as_aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _iso8601(value: datetime) -> str:
    """As botocore writes query-string timestamps: UTC, microseconds only when present."""
    utc = _as_aware(value).astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ" if utc.microsecond else "%Y-%m-%dT%H:%M:%SZ")


def _text(value: Any, kind: str, timestamp_format: str) -> str:
    """A scalar as text for a URI label, query value or header."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if timestamp_format == "rfc822":
            import calendar
            from email.utils import formatdate

            return formatdate(calendar.timegm(_as_aware(value).utctimetuple()), usegmt=True)
        return _iso8601(value)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, float) and kind == "float":
        return _float_text(value)
    return str(value)


def _float_text(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return str(value)


def _to_header(binding: Binding, value: Any) -> str:
    """As botocore writes header values: RFC 822 dates, lower-case booleans, lists
    comma-joined (strings with a comma or quote quoted), JSON values base64 JSON."""
    if binding.kind == "document":
        import base64
        import json

        return base64.b64encode(json.dumps(value, separators=(",", ":")).encode()).decode()
    if binding.kind == "list":
        return ",".join(_header_item(x, binding.element) for x in value if x is not None)
    return _text(value, binding.kind, "rfc822")


def _header_item(value: Any, kind: str) -> str:
    text = _text(value, kind, "rfc822")
    if kind == "string" and ('"' in text or "," in text):
        return '"' + text.replace('"', '\\"') + '"'
    return text


def _from_header(binding: Binding, text: str) -> Any:
    """A response header's value as the member's type (unparseable text is kept)."""
    import base64
    import json

    try:
        if binding.kind == "integer":
            return int(text)
        if binding.kind == "float":
            return float(text)
        if binding.kind == "boolean":
            return text.strip().lower() == "true"
        if binding.kind == "timestamp":
            return _parse_timestamp(text)
        if binding.kind == "document":
            return json.loads(base64.b64decode(text))
        if binding.kind == "list":
            return [item.strip() for item in text.split(",")]
    except (ValueError, TypeError):
        return text
    return text


def _parse_timestamp(text: str) -> datetime:
    text = text.strip()
    try:
        return datetime.fromtimestamp(float(text), UTC)
    except ValueError:
        pass
    try:
        return _as_aware(datetime.fromisoformat(text))
    except ValueError:
        from email.utils import parsedate_to_datetime

        return _as_aware(parsedate_to_datetime(text))
