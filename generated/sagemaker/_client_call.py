"""The steps of one API call that are not I/O, shared by the blocking and asyncio clients.

Generated code; standard library only. ``Call`` holds one call's unsigned request and its
retry strategy and hands out, per attempt, the request signed afresh; the clients differ
only in how they send it and wait (``BaseClient._send`` blocks, ``AsyncClient._send``
awaits), and both take the retry decisions from ``_runtime.retry.RetryAttempts``.

The clients import this module on their first call, not with the package, so it imports
the runtime (signing, errors, streaming) at the top: once, rather than in every call.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from . import _core
from ._client_info import OperationInfo, Outgoing, ServiceInfo
from ._client_wire import http_request, response_data
from ._runtime.auth import sign_request
from ._runtime.errors import (
    ResponseParseError,
    TransportError,
    parse_request_id,
    service_error_from_response,
)
from ._runtime.streaming import StreamingBody, sign_payload

if TYPE_CHECKING:
    from ._runtime.auth import Credentials
    from ._runtime.errors import ServiceError
    from ._runtime.retry import StandardRetryStrategy
    from ._runtime.transport import HttpRequest, HttpResponse

R = TypeVar("R", bound=_core.Shape)
S = TypeVar("S", bound=_core.Shape)

__all__ = ["Call", "PageCursor"]


class Call:
    """One call of ``op``: its request built once (idempotency tokens filled once, a
    streamed body hashed once), signed again for every attempt."""

    TransportError = TransportError
    """What a transport raises when an attempt gets no response (the asyncio client's
    loop catches it here: ``_client_async`` does not import the runtime itself)."""

    def __init__(
        self,
        service: ServiceInfo,
        op: OperationInfo,
        request: Outgoing,
        *,
        endpoint: str,
        signing_region: str,
        strategy: StandardRetryStrategy,
    ) -> None:
        template = http_request(service, op, request, endpoint)
        if template.body_stream is not None or op.unsigned_payload:
            template = sign_payload(template, op.unsigned_payload)
        self._template = template
        self._service = service
        self._signing_region = signing_region
        self.stream = template.body_stream
        # A streamed body gets this call's own strategy: sent() may lower its attempts.
        self.strategy = copy.copy(strategy) if self.stream is not None else strategy

    def signed(self, credentials: Credentials) -> HttpRequest:
        """The request of the next attempt, its body rewound, signed now (``sign_request``
        returns a signed copy: the template stays unsigned for the next attempt)."""
        if self.stream is not None:
            self.stream.rewind()
        return sign_request(
            self._template,
            credentials,
            self._signing_region,
            self._service.signing_name,
        )

    def sent(self) -> None:
        """After an attempt: a body partly sent that cannot rewind allows no other."""
        stream = self.stream
        if stream is not None and stream.started and not stream.seekable:
            self.strategy.max_attempts = 1

    def close(self) -> None:
        """Free what the call made (the spool of an unseekable body)."""
        if self.stream is not None:
            self.stream.close()

    @staticmethod
    def checked(
        response: HttpResponse, error_classes: Mapping[str, type[ServiceError]]
    ) -> HttpResponse:
        """The final response, or the typed error the service returned."""
        if response.status >= 300:
            raise service_error_from_response(
                response.status, response.headers, response.body, error_classes
            )
        return response

    @staticmethod
    def parsed(
        op: OperationInfo,
        response: HttpResponse,
        output: type[R],
        stream_from_bytes: Callable[[bytes], Any] = StreamingBody.from_bytes,
    ) -> R | ResponseParseError:
        """The response object, or the error to raise when the response cannot be read
        (the caller closes a streamed body first, in its own way: awaited or not).
        ``stream_from_bytes`` makes a blob payload's stream when the transport read the
        body whole: the blocking client's ``StreamingBody`` by default."""
        try:
            return output.from_response(response_data(op, response, stream_from_bytes))
        except _core.ValidationError as error:
            return ResponseParseError(
                f"cannot read the {op.name} response: {'; '.join(error.errors)}",
                http_status=response.status,
                request_id=parse_request_id(response.headers),
                body=response.body,
            )


class PageCursor(Generic[S]):
    """Where pagination stands: the request of the next page, None once the service
    returned no (or an already used) next token. Both clients' loops advance it."""

    def __init__(self, request: S, input_token: str, output_token: str) -> None:
        self.request: S | None = request
        self._input_token = input_token
        self._output_token = output_token
        self._sent: set[str] = set()

    def advance(self, page: _core.Shape) -> None:
        """Move past ``page``: its next token goes into a copy of the request."""
        token = getattr(page, self._output_token)
        # A token may be a map (DynamoDB's LastEvaluatedKey): remembered by its repr.
        seen = token if isinstance(token, str) else repr(token)
        if not token or seen in self._sent or self.request is None:
            self.request = None
            return
        self._sent.add(seen)
        following = copy.copy(self.request)
        setattr(following, self._input_token, token)
        self.request = following
