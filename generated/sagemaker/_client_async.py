"""Support for the generated ``AsyncClient``: ``_client_call``'s steps, awaited.

Generated code; standard library only. Everything that is not I/O (request checking and
building, idempotency tokens, signing, retry decisions, errors, parsing, pagination
tokens) is what the blocking ``Client`` runs; here the transport is awaited
(``_runtime.aio_transport``), retries wait with ``asyncio.sleep``, and whatever blocks
(resolving the configuration and credentials, refreshing them, hashing or spooling a
streamed body) runs in a worker thread, never on the event loop.

Only ``aio.py`` imports this module, so ``import pkg`` and ``pkg.Client()`` never load
asyncio.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import IO, TYPE_CHECKING, Self, TypeVar

from . import _core
from ._client_base import ClientCore, _call_class, _Resolved
from ._client_info import OperationInfo, Outgoing

if TYPE_CHECKING:
    from ._client_call import Call
    from ._runtime.aio_streaming import AsyncStreamingBody
    from ._runtime.aio_transport import AsyncTransport
    from ._runtime.auth import Credentials
    from ._runtime.credentials import RefreshableCredentials
    from ._runtime.errors import TransportError
    from ._runtime.retry import StandardRetryStrategy
    from ._runtime.settings import ClientSettings
    from ._runtime.transport import HttpResponse

__all__ = ["AsyncBaseClient"]

S = TypeVar("S", bound=_core.Shape)
R = TypeVar("R", bound=_core.Shape)


class AsyncBaseClient(ClientCore["AsyncTransport"]):
    """The generated ``AsyncClient``'s machinery (see its docstring)."""

    _resolving: asyncio.Future[_Resolved] | None = None
    """The first resolution of the configuration, while it runs."""

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Close idle connections of the default transport."""
        transport = self._resolved.transport if self._resolved else None
        close = getattr(transport, "close", None)
        if close is not None and self._transport is None:
            await close()

    def _default_transport(self, configured: ClientSettings) -> AsyncTransport:
        """asyncio streams with keep-alive connections, the CA bundle and the proxies;
        built in the worker thread that resolves the configuration (loading a CA store
        reads files)."""
        import ssl

        from ._runtime.aio_transport import AsyncHttpTransport
        from ._runtime.proxy import proxies_from
        from ._runtime.settings import ssl_context

        context = ssl_context(self._verify, configured.ca_bundle)
        return AsyncHttpTransport(
            ssl_context=context or ssl.create_default_context(),
            connect_timeout=self._connect_timeout,
            proxies=proxies_from(os.environ),
        )

    async def _aconfig(self) -> _Resolved:
        """The configuration; resolved the first time in a worker thread (it reads the
        environment, files and maybe the network for credentials), once for all the calls
        that start meanwhile. A failure is raised to them; the next call tries again."""
        if self._resolved is not None:
            return self._resolved
        resolving = self._resolving
        if resolving is None or resolving.done() or resolving.get_loop() is not _loop():
            resolving = self._resolving = asyncio.ensure_future(
                asyncio.to_thread(self._config)
            )
        return await asyncio.shield(resolving)

    async def _invoke(self, op: OperationInfo, request: Outgoing, output: type[R]) -> R:
        response = await self._send(op, request)
        parsed = _call_class().parsed(op, response, output, _stream_from_bytes)
        if isinstance(parsed, Exception):
            from ._runtime.aio_streaming import AsyncStreamingBody

            if isinstance(response.body_stream, AsyncStreamingBody):
                await response.body_stream.close()  # nobody will read it: free the connection
            raise parsed from None
        return parsed

    async def _invoke_no_output(self, op: OperationInfo, request: Outgoing) -> None:
        await self._send(op, request)

    async def _send(self, op: OperationInfo, request: Outgoing) -> HttpResponse:
        config = await self._aconfig()
        request, spool = await _spooled(op, request)
        try:
            call = await self._prepared(op, request, config)
            try:
                response = await self._attempts(call, config)
            finally:
                call.close()
        finally:
            if spool is not None:
                spool.close()
        return call.checked(response, config.error_classes)

    async def _prepared(
        self, op: OperationInfo, request: Outgoing, config: _Resolved
    ) -> Call:
        """The call; built in a worker thread when it streams a body (it is hashed)."""
        if any(b.location == "payload" and b.kind == "blob" for b in op.request):
            return await asyncio.to_thread(self._call, op, request, config)
        return self._call(op, request, config)

    async def _attempts(self, call: Call, config: _Resolved) -> HttpResponse:
        """Attempts until ``RetryAttempts`` says stop; the final response (or error)."""
        attempts = call.strategy.attempts()
        while True:
            await _rate_limited(call.strategy)
            outcome = await self._attempt(call, config)
            if isinstance(outcome, Exception):
                delay = attempts.after_error(outcome)
                if delay is None:
                    raise outcome
            else:
                delay = attempts.after_response(outcome)
                if delay is None:
                    return outcome
            await asyncio.sleep(delay)

    async def _attempt(
        self, call: Call, config: _Resolved
    ) -> HttpResponse | TransportError:
        transport: AsyncTransport = config.transport
        signed = call.signed(await _frozen(config.credentials))
        try:
            return await transport.send(signed, self.timeout)
        except call.TransportError as error:
            return error
        finally:
            call.sent()

    async def _paginate(
        self,
        call: Callable[[S], Awaitable[R]],
        request: S,
        input_token: str,
        output_token: str,
    ) -> AsyncIterator[R]:
        """Pages of ``call`` until the service returns no (or the same) next token."""
        from ._client_call import PageCursor

        cursor = PageCursor(request, input_token, output_token)
        while cursor.request is not None:
            page = await call(cursor.request)
            yield page
            cursor.advance(page)


def _stream_from_bytes(data: bytes) -> AsyncStreamingBody:
    """A blob payload the transport read whole, as the stream the caller reads."""
    from ._runtime.aio_streaming import AsyncStreamingBody

    return AsyncStreamingBody.from_bytes(data)


def _loop() -> asyncio.AbstractEventLoop:
    return asyncio.get_running_loop()


async def _frozen(credentials: Credentials | RefreshableCredentials) -> Credentials:
    """The credentials to sign with; a refresh (files, a process, STS) in a thread."""
    if getattr(credentials, "refresh_due", False):
        return await asyncio.to_thread(credentials.frozen)
    return credentials.frozen()


async def _rate_limited(strategy: StandardRetryStrategy) -> None:
    """Adaptive mode: wait (without blocking the loop) for the rate limiter's token."""
    limiter = strategy.rate_limiter
    while limiter is not None and (wait := limiter.send_delay()) > 0:
        await asyncio.sleep(wait)


async def _spooled(
    op: OperationInfo, request: Outgoing
) -> tuple[Outgoing, IO[bytes] | None]:
    """The request with an async iterable blob payload spooled to a file (SigV4 signs the
    body's hash, so it is read before sending), and the spool to close afterwards."""
    payload = next((b for b in op.request if b.location == "payload"), None)
    if payload is None:  # all JSON operations: nothing to import and look at
        return request, None
    from ._runtime.aio_streaming import is_async_iterable, spool_async

    value = getattr(request, payload.field, None)
    if not is_async_iterable(value):
        return request, None
    import copy

    spool = await spool_async(value)  # type: ignore[arg-type]  # checked: has __aiter__
    request = copy.copy(request)
    setattr(request, payload.field, spool)
    return request, spool
