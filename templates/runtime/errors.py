"""Exceptions raised by the client runtime, and parsing of AWS JSON error responses.

The error-code rules follow what AWS sends for the ``json`` (1.0/1.1) and
``rest-json`` protocols and what botocore's parsers accept:

* the ``X-Amzn-ErrorType`` header wins when present;
* otherwise the body's ``code``/``Code``, then ``__type``;
* a ``namespace#`` prefix and a ``:http://...`` suffix are stripped, so
  ``com.amazonaws.sagemaker#ResourceNotFound`` and
  ``ResourceNotFoundException:http://internal.amazon.com/coral/...`` both yield
  the bare shape name;
* when nothing names the error, the HTTP status code (as text) is used, as botocore does.
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = [
    "ClientError",
    "ConfigurationError",
    "ConnectTimeoutError",
    "ConnectionClosedError",
    "EndpointConnectionError",
    "ErrorDetails",
    "NoCredentialsError",
    "NoRegionError",
    "ReadTimeoutError",
    "ResponseParseError",
    "ServiceError",
    "TransportError",
    "error_details",
    "normalize_error_code",
    "parse_error_code",
    "parse_error_message",
    "parse_json_body",
    "parse_request_id",
    "service_error_from_response",
]

_REQUEST_ID_HEADERS = ("x-amzn-requestid", "x-amz-request-id")
_MESSAGE_KEYS = ("message", "Message", "errorMessage")


class ClientError(Exception):
    """Base class of every exception the generated client raises on purpose."""


class ConfigurationError(ClientError):
    """The client could not be configured (credentials, region, endpoint)."""


class NoCredentialsError(ConfigurationError):
    """No credentials were found in any of the places searched."""


class NoRegionError(ConfigurationError):
    """No region was given and none could be found in the environment or config file."""


class ServiceError(ClientError):
    """An error response returned by the service.

    Generated packages subclass this once per modeled error shape, so callers can
    ``except ResourceNotFound:``; unmodeled codes raise ``ServiceError`` itself.
    """

    def __init__(
        self,
        code: str,
        message: str,
        *,
        http_status: int,
        request_id: str | None = None,
        headers: Mapping[str, str] | None = None,
        body: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(code, message)
        self.code = code
        self.message = message
        self.http_status = http_status
        self.request_id = request_id
        self.headers: Mapping[str, str] = dict(headers or {})
        # The decoded JSON error body, so subclasses can expose modeled fields.
        self.body: Mapping[str, object] = dict(body or {})

    def __str__(self) -> str:
        text = f"{self.code} (HTTP {self.http_status}): {self.message}"
        if self.request_id:
            text += f" [request id: {self.request_id}]"
        return text


class TransportError(ClientError):
    """A network-level failure: no complete HTTP response was received.

    ``request_sent`` tells whether any part of the request may have reached the
    server; it is ``False`` only when the failure certainly happened before sending.
    """

    def __init__(self, message: str, *, url: str, request_sent: bool) -> None:
        super().__init__(message)
        self.url = url
        self.request_sent = request_sent


class EndpointConnectionError(TransportError):
    """The connection to the endpoint could not be opened (the request was not sent)."""

    def __init__(self, message: str, *, url: str) -> None:
        super().__init__(message, url=url, request_sent=False)


class ConnectTimeoutError(EndpointConnectionError):
    """Opening the connection took longer than the connect timeout."""


class ReadTimeoutError(TransportError):
    """The server did not answer within the read timeout (the request was sent)."""

    def __init__(self, message: str, *, url: str) -> None:
        super().__init__(message, url=url, request_sent=True)


class ConnectionClosedError(TransportError):
    """The connection broke while sending the request or reading the response."""

    def __init__(self, message: str, *, url: str) -> None:
        super().__init__(message, url=url, request_sent=True)


class ResponseParseError(ClientError):
    """A response body could not be decoded as the protocol requires."""

    def __init__(
        self, message: str, *, http_status: int, request_id: str | None, body: bytes
    ) -> None:
        super().__init__(f"{message} (HTTP {http_status}, request id: {request_id})")
        self.http_status = http_status
        self.request_id = request_id
        self.body = body


@dataclass(frozen=True)
class ErrorDetails:
    """Code, message and request id extracted from an error response."""

    code: str
    message: str
    request_id: str | None
    body: Mapping[str, object] = field(repr=False)


def _header(headers: Mapping[str, str], name: str) -> str | None:
    """Case-insensitive lookup that works for plain dicts as well as ``Headers``."""
    value = headers.get(name)
    if value is not None:
        return value
    lowered = name.lower()
    for key, candidate in headers.items():
        if key.lower() == lowered:
            return candidate
    return None


def normalize_error_code(raw: str) -> str:
    """Strip a ``:http://...`` suffix and a ``namespace#`` prefix from an error code."""
    return raw.split(":", 1)[0].rsplit("#", 1)[-1]


def parse_error_code(headers: Mapping[str, str], body: Mapping[str, object]) -> str | None:
    """The error code named by the response, or ``None`` when nothing names one."""
    header_code = _header(headers, "x-amzn-errortype")
    if header_code:
        return normalize_error_code(header_code)
    # botocore's rest-json order; json 1.0/1.1 bodies carry only ``__type``.
    for key in ("code", "Code", "__type"):
        value = body.get(key)
        if isinstance(value, str) and value:
            return normalize_error_code(value)
    return None


def parse_error_message(body: Mapping[str, object]) -> str:
    for key in _MESSAGE_KEYS:
        value = body.get(key)
        if isinstance(value, str):
            return value
    return ""


def parse_request_id(headers: Mapping[str, str]) -> str | None:
    for name in _REQUEST_ID_HEADERS:
        value = _header(headers, name)
        if value:
            return value
    return None


def _decode_error_body(body: bytes) -> dict[str, object]:
    """Error bodies are decoded leniently: an error must never hide behind a parse error.

    Text that is not a JSON object becomes the message, as botocore does.
    """
    if not body:
        return {}
    text = body.decode("utf-8", errors="replace")
    try:
        decoded = json.loads(text)
    except (ValueError, RecursionError):
        return {"message": text}
    return decoded if isinstance(decoded, dict) else {"message": text}


def _is_generic_gateway_error(status: int, body: bytes) -> bool:
    """A 5xx from a proxy or load balancer: empty or HTML, not an AWS error document."""
    stripped = body.strip()
    return status >= 500 and (not stripped or stripped.startswith(b"<html>"))


def error_details(status: int, headers: Mapping[str, str], body: bytes) -> ErrorDetails:
    """Extract code, message and request id from an error response."""
    request_id = parse_request_id(headers)
    if _is_generic_gateway_error(status, body):
        return ErrorDetails(str(status), http.client.responses.get(status, ""), request_id, {})
    decoded = _decode_error_body(body)
    code = parse_error_code(headers, decoded) or str(status)
    return ErrorDetails(code, parse_error_message(decoded), request_id, decoded)


def service_error_from_response(
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    error_classes: Mapping[str, type[ServiceError]] | None = None,
) -> ServiceError:
    """Build the exception for an error response, picking a modeled subclass by code."""
    details = error_details(status, headers, body)
    error_class = (error_classes or {}).get(details.code, ServiceError)
    return error_class(
        details.code,
        details.message,
        http_status=status,
        request_id=details.request_id,
        headers=headers,
        body=details.body,
    )


def parse_json_body(status: int, headers: Mapping[str, str], body: bytes) -> dict[str, object]:
    """Decode a successful JSON response body; an empty body is an empty object."""
    if not body.strip():
        return {}
    try:
        decoded = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ResponseParseError(
            f"response body is not valid JSON: {exc}",
            http_status=status,
            request_id=parse_request_id(headers),
            body=body,
        ) from exc
    if not isinstance(decoded, dict):
        raise ResponseParseError(
            f"response body is JSON {type(decoded).__name__}, expected an object",
            http_status=status,
            request_id=parse_request_id(headers),
            body=body,
        )
    return decoded
