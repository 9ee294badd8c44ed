"""The wire form of a call: a request object as an HTTP request, a response as data.

Generated code; standard library only. Pure functions of their arguments, no I/O: the
blocking and the asyncio client both build requests and read responses with them.
Imported with ``_client_call``, on a client's first call: json and the runtime are
imported at the top, once.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Callable
from datetime import UTC, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from . import _core
from ._client_info import Binding, OperationInfo, Outgoing, ServiceInfo
from ._runtime.errors import parse_json_body
from ._runtime.transport import HttpRequest, build_url, expand_uri_template

if TYPE_CHECKING:
    from ._runtime.streaming import RequestStream
    from ._runtime.transport import HttpResponse

__all__ = ["http_request", "response_data"]


def http_request(
    service: ServiceInfo, op: OperationInfo, request: Outgoing, endpoint: str
) -> HttpRequest:
    """The unsigned HTTP request of one call: idempotency tokens filled (once per call:
    every retry sends the same token), members bound to the URI, query string, headers
    or body, a blob payload as a stream. A checked request dict is a JSON body as given.
    """
    if isinstance(request, dict):
        return _json_request(service, op, _dict_with_tokens(request, op), endpoint)
    # JSON services bind no member outside the body: no payload, nothing to look for.
    payload = _payload(op.request) if op.request else None
    payload_value = getattr(request, payload.field, None) if payload else None
    if payload is not None and payload_value is not None:
        # Left out of to_dict: a stream has no wire form, and bytes need no base64 copy.
        request = copy.copy(request)
        setattr(request, payload.field, None)
    if op.idempotency_tokens and request is not None:
        request = _with_tokens(request, op.idempotency_tokens)
    body_data = request.to_dict() if request is not None else {}
    if service.protocol == "json":
        return _json_request(service, op, body_data, endpoint)
    headers = {"User-Agent": service.user_agent}
    rest = _RestParts(body_data)
    for binding in op.request:
        value = (
            payload_value
            if binding is payload
            else getattr(request, binding.field, None)
        )
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
        return HttpRequest(
            op.method, url, headers, content, stream_response=_streams(op)
        )
    return HttpRequest(
        op.method, url, headers, body_stream=content, stream_response=_streams(op)
    )


def _json_request(
    service: ServiceInfo, op: OperationInfo, body_data: dict[str, Any], endpoint: str
) -> HttpRequest:
    headers = {
        "User-Agent": service.user_agent,
        "X-Amz-Target": f"{service.target_prefix}.{op.name}",
        "Content-Type": f"application/x-amz-json-{service.json_version}",
    }
    body = _JSON.encode(body_data).encode("utf-8")
    return HttpRequest(op.method, build_url(endpoint, op.uri), headers, body)


_JSON = json.JSONEncoder(check_circular=False, default=_core.json_default)
"""``json.dumps``'s encoding; bytes in a request dict sent as given go as base64. Not
watching for cycles (10-20% of the encoding): a checked request has none outside a
document member, and one there ends in ``RecursionError`` rather than ``ValueError``."""


def _dict_with_tokens(data: dict[str, Any], op: OperationInfo) -> dict[str, Any]:
    """A request dict with its missing idempotency tokens filled (a copy if any was)."""
    missing = [wire for _, wire in op.idempotency_tokens if wire not in data]
    return {**data, **{wire: _new_token() for wire in missing}} if missing else data


def _payload(bindings: tuple[Binding, ...]) -> Binding | None:
    """The member bound to the whole body, if any."""
    return next((b for b in bindings if b.location == "payload"), None)


def _with_tokens(
    request: _core.Shape, tokens: tuple[tuple[str, str], ...]
) -> _core.Shape:
    """The request with its missing idempotency tokens filled (a copy if any was missing):
    once per call, so that every retry of the call sends the same token."""
    missing = [field for field, _ in tokens if getattr(request, field, None) is None]
    if missing:
        request = copy.copy(request)
        for field in missing:
            setattr(request, field, _new_token())
    return request


def response_data(
    op: OperationInfo, response: HttpResponse, stream_from_bytes: Callable[[bytes], Any]
) -> dict[str, Any]:
    """The response's members in wire form, for ``from_response``: the JSON body, bound
    headers and status code; a blob payload left on the connection as a stream (made by
    ``stream_from_bytes`` when the transport read the body whole)."""
    if not op.response and not op.body_unread:  # JSON services: all members in the body
        return parse_json_body(response.status, response.headers, response.body)
    payload = _payload(op.response)
    if op.body_unread:
        data: dict[str, Any] = {}
    elif payload is None:
        data = parse_json_body(response.status, response.headers, response.body)
    elif payload.kind == "blob":

        # As botocore: a blob payload is read by the caller, as it arrives.
        stream = response.body_stream or stream_from_bytes(response.body)
        data = {payload.wire: stream}
    elif payload.kind == "string":
        data = {payload.wire: response.body.decode()}
    else:
        data = {
            payload.wire: parse_json_body(
                response.status, response.headers, response.body
            )
        }
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
            self.query.extend(
                (binding.name, _text(x, binding.element, "iso8601")) for x in value
            )
        else:
            self.query.append((binding.name, _text(value, binding.kind, "iso8601")))

    def body(self, op: OperationInfo) -> tuple[bytes | RequestStream, bool]:
        """The body, and whether it is a raw (streaming) payload."""
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
                json.dumps(
                    value.to_dict() if binding.kind == "structure" else value
                ).encode(),
                False,
            )
        if self.body_data or op.body_members:
            return json.dumps(self.body_data).encode("utf-8"), False
        return b"", False


def _streams(op: OperationInfo) -> bool:
    """Whether the response body is a blob payload, handed to the caller unread."""
    return any(b.location == "payload" and b.kind == "blob" for b in op.response)


def _new_token() -> str:
    import uuid

    return str(uuid.uuid4())


def _as_aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _iso8601(value: datetime) -> str:
    """As botocore writes query-string timestamps: UTC, microseconds only when present."""
    utc = _as_aware(value).astimezone(UTC)
    return utc.strftime(
        "%Y-%m-%dT%H:%M:%S.%fZ" if utc.microsecond else "%Y-%m-%dT%H:%M:%SZ"
    )


def _text(value: Any, kind: str, timestamp_format: str) -> str:
    """A scalar as text for a URI label, query value or header."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if timestamp_format == "rfc822":
            import calendar
            from email.utils import formatdate

            return formatdate(
                calendar.timegm(_as_aware(value).utctimetuple()), usegmt=True
            )
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

        return base64.b64encode(
            json.dumps(value, separators=(",", ":")).encode()
        ).decode()
    if binding.kind == "list":
        return ",".join(
            _header_item(x, binding.element) for x in value if x is not None
        )
    return _text(value, binding.kind, "rfc822")


def _header_item(value: Any, kind: str) -> str:
    text = _text(value, kind, "rfc822")
    if kind == "string" and ('"' in text or "," in text):
        return '"' + text.replace('"', '\\"') + '"'
    return text


def _from_header(binding: Binding, text: str) -> Any:
    """A response header's value as the member's type (unparseable text is kept)."""
    import base64

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
