"""The asyncio client's transports: HTTP/1.1 on asyncio streams, and a test double.

``AsyncHttpTransport`` is the default: ``asyncio.open_connection`` (TLS with the same CA
bundle and ``verify`` settings as the blocking transport), a keep-alive pool per (scheme,
host, port) holding at most ``max_connections_per_host`` connections (more requests wait
in line for one), a connect timeout and a timeout on every read and write,
``Content-Length`` and chunked bodies both ways; through the ``CONNECT`` tunnel of the
proxy ``HTTPS_PROXY``/``HTTP_PROXY`` name (``NO_PROXY`` bypasses it), as the blocking one.

A connection goes back to the pool when its response has been read to the end (at once,
or when a streamed body is read to its end); a call cancelled or failing mid-exchange, or
a streamed body closed early, drops its connection, so the pool only ever holds
connections at a response boundary.

``AsyncFakeTransport`` is ``transport.FakeTransport`` awaited, for tests.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Protocol, Self, TypeVar

from .aio_streaming import AsyncStreamingBody, stream_chunks
from .errors import ConnectionClosedError, EndpointConnectionError, ReadTimeoutError
from .transport import (
    FakeTransport,
    Headers,
    HttpRequest,
    HttpResponse,
    _StaleConnection,
    _Target,
    closed_before_response,
    connect_failed,
)

if TYPE_CHECKING:
    from .proxy import Proxies

__all__ = ["AsyncFakeTransport", "AsyncHttpTransport", "AsyncTransport"]

T = TypeVar("T")
_Key = tuple[str, str, int]
_BODY_METHODS = frozenset({"PATCH", "POST", "PUT"})
_STALE_ERRORS = (
    ConnectionResetError,
    BrokenPipeError,
    ConnectionAbortedError,
    EOFError,
)


class AsyncTransport(Protocol):
    """Sends one request and returns the response, as ``transport.Transport`` does:
    network failures raise ``TransportError`` subclasses, HTTP error statuses are
    returned; a successful response to ``stream_response`` may carry an
    ``AsyncStreamingBody`` as ``body_stream``."""

    async def send(self, request: HttpRequest, timeout: float) -> HttpResponse: ...


class _Connection:
    def __init__(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self.reader = reader
        self.writer = writer

    @property
    def usable(self) -> bool:
        return not self.reader.at_eof() and not self.writer.is_closing()

    def close(self) -> None:
        self.writer.close()


class _HostPool:
    """One host's idle connections and the slots that bound its connections in use."""

    def __init__(self, limit: int) -> None:
        self.idle: list[_Connection] = []
        self.slots = asyncio.Semaphore(limit)

    def take_idle(self) -> _Connection | None:
        while self.idle:
            connection = self.idle.pop()
            if connection.usable:
                return connection
            connection.close()
        return None


class _Lease:
    """One request's slot in its host's pool, given back exactly once, with the
    connection (kept when ``reusable``, else closed)."""

    def __init__(self, pool: _HostPool) -> None:
        self._pool: _HostPool | None = pool

    def release(self, connection: _Connection | None, reusable: bool) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if connection is not None:
            if reusable and connection.usable:
                pool.idle.append(connection)
            else:
                connection.close()
        pool.slots.release()


async def _timed(awaitable: Awaitable[T], timeout: float) -> T:
    async with asyncio.timeout(timeout):
        return await awaitable


class AsyncHttpTransport:
    """Default transport of ``AsyncClient`` (see the module docstring).

    One instance may serve any number of concurrent calls on one event loop; used from
    another loop (a second ``asyncio.run``), it starts with empty pools.
    """

    def __init__(
        self,
        *,
        connect_timeout: float = 10.0,
        max_connections_per_host: int = 10,
        ssl_context: ssl.SSLContext | None = None,
        proxies: Proxies | None = None,
    ) -> None:
        self._connect_timeout = connect_timeout
        self._proxies = proxies
        self._limit = max_connections_per_host
        self._ssl_context = ssl_context
        self._pools: dict[_Key, _HostPool] = {}
        self._loop: asyncio.AbstractEventLoop | None = None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Close every idle connection (requests in flight are unaffected)."""
        pools, self._pools = self._pools, {}
        for pool in pools.values():
            for connection in pool.idle:
                connection.close()

    def idle_connections(self, url: str) -> int:
        """How many connections to ``url``'s host wait in the pool (for tests)."""
        pool = self._pools.get(_Target.from_url(url).pool_key)
        return len(pool.idle) if pool else 0

    def _pool(self, key: _Key) -> _HostPool:
        loop = asyncio.get_running_loop()
        if loop is not self._loop:  # connections and slots belong to one event loop
            self._pools, self._loop = {}, loop
        if key not in self._pools:
            self._pools[key] = _HostPool(self._limit)
        return self._pools[key]

    async def send(self, request: HttpRequest, timeout: float) -> HttpResponse:
        target = _Target.from_url(request.url)
        head = _request_head(request, target)
        pool = self._pool(target.pool_key)
        await pool.slots.acquire()
        lease = _Lease(pool)
        try:
            return await self._send_leased(pool, lease, target, request, head, timeout)
        except BaseException:
            lease.release(None, False)
            raise

    async def _send_leased(
        self,
        pool: _HostPool,
        lease: _Lease,
        target: _Target,
        request: HttpRequest,
        head: bytes,
        timeout: float,
    ) -> HttpResponse:
        stream = request.body_stream
        # A body that cannot rewind takes a fresh connection (as the blocking transport).
        connection = pool.take_idle() if stream is None or stream.seekable else None
        if connection is not None:
            try:
                return await self._exchange(connection, lease, request, head, timeout)
            except _StaleConnection:
                connection.close()
                if stream is not None:
                    stream.rewind()
        connection = await self._open(target, request.url)
        try:
            return await self._exchange(connection, lease, request, head, timeout)
        except _StaleConnection as exc:
            connection.close()
            raise closed_before_response(target, exc, request.url) from exc.__cause__

    async def _open(self, target: _Target, url: str) -> _Connection:
        context = None
        if target.scheme == "https":
            if self._ssl_context is None:  # made once: loading the CA store reads files
                self._ssl_context = ssl.create_default_context()
            context = self._ssl_context
        proxy = (
            self._proxies.for_host(target.scheme, target.host)
            if self._proxies
            else None
        )
        try:
            async with asyncio.timeout(self._connect_timeout):
                if proxy is not None:
                    return await _tunnel(
                        proxy, target, context, url, self._connect_timeout
                    )
                reader, writer = await asyncio.open_connection(
                    target.host, target.port, ssl=context, limit=2**17
                )
        except OSError as exc:  # TimeoutError included
            raise connect_failed(exc, target, self._connect_timeout, url) from exc
        return _Connection(reader, writer)

    async def _exchange(
        self,
        connection: _Connection,
        lease: _Lease,
        request: HttpRequest,
        head: bytes,
        timeout: float,
    ) -> HttpResponse:
        """One request and its response on ``connection``; raise ``_StaleConnection`` if
        it was dead on arrival. The lease is released here once the body is read."""
        started = False
        try:
            await _write_request(connection.writer, request, head, timeout)
            version, status, headers = await _read_head(connection.reader, timeout)
            started = True
            body = _BodyReader(connection, request.method, status, headers, timeout)
            keep = body.reusable_after and _keeps_alive(version, headers)
            if request.stream_response and 200 <= status < 300:
                stream = AsyncStreamingBody(
                    body,
                    body.length,
                    release=lambda reusable: lease.release(
                        connection, reusable and keep
                    ),
                    url=request.url,
                )
                return HttpResponse(status, headers, body_stream=stream)
            data = await body.read_all()
        except TimeoutError as exc:
            connection.close()
            raise ReadTimeoutError(
                f"no response from {request.url} within {timeout}s", url=request.url
            ) from exc
        except _STALE_ERRORS as exc:
            connection.close()
            if not started:
                raise _StaleConnection() from exc
            raise ConnectionClosedError(
                f"connection broke mid-response: {exc!r}", url=request.url
            ) from exc
        except (OSError, ValueError) as exc:
            connection.close()
            raise ConnectionClosedError(
                f"HTTP exchange failed: {exc!r}", url=request.url
            ) from exc
        except BaseException:  # cancelled: the connection is mid-exchange, drop it
            connection.close()
            raise
        lease.release(connection, keep)
        return HttpResponse(status, headers, data)


async def _tunnel(
    proxy: tuple[str, int, dict[str, str]],
    target: _Target,
    context: ssl.SSLContext | None,
    url: str,
    timeout: float,
) -> _Connection:
    """A connection to ``target`` through the proxy's CONNECT tunnel (TLS inside it)."""
    host, port, headers = proxy
    reader, writer = await asyncio.open_connection(host, port, limit=2**17)
    authority = f"{target.host}:{target.port}"
    lines = [f"CONNECT {authority} HTTP/1.1", f"Host: {authority}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
    await writer.drain()
    try:
        _, status, _ = await _read_head(reader, timeout)
    except (EOFError, ValueError) as exc:
        writer.close()
        raise EndpointConnectionError(
            f"the proxy {host}:{port} gave no answer to CONNECT {authority}: {exc!r}",
            url=url,
        ) from None
    if status != 200:
        writer.close()
        raise EndpointConnectionError(
            f"the proxy {host}:{port} refused a tunnel to {authority}: HTTP {status}",
            url=url,
        )
    if context is not None:
        await writer.start_tls(context, server_hostname=target.host)
    return _Connection(reader, writer)


def _request_head(request: HttpRequest, target: _Target) -> bytes:
    """The request line and headers as ``http.client`` would send them (``Host``,
    ``Accept-Encoding: identity``, the body's framing); CR or LF in a header is a
    ``ValueError``, as there."""
    from .auth import _host_header

    headers = dict(request.headers)
    names = {name.lower() for name in headers}
    if "host" not in names:
        headers["Host"] = _host_header(request.url)
    if "accept-encoding" not in names:
        headers["Accept-Encoding"] = "identity"
    stream = request.body_stream
    if stream is not None and stream.length is None:
        headers["Transfer-Encoding"] = "chunked"
    elif stream is not None:
        headers["Content-Length"] = str(stream.length)
    elif request.body or request.method.upper() in _BODY_METHODS:
        headers["Content-Length"] = str(len(request.body))
    lines = [f"{request.method} {target.path} HTTP/1.1"]
    for name, value in headers.items():
        if any(c in f"{name}{value}" for c in "\r\n"):
            raise ValueError(f"invalid header {name!r}: {value!r}")
        lines.append(f"{name}: {value}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


async def _write_request(
    writer: asyncio.StreamWriter, request: HttpRequest, head: bytes, timeout: float
) -> None:
    stream = request.body_stream
    if stream is None:
        writer.write(head + request.body)
        await _timed(writer.drain(), timeout)
        return
    writer.write(head)
    chunked = stream.length is None
    async for chunk in stream_chunks(stream):
        writer.write(b"%X\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
        await _timed(writer.drain(), timeout)
    if chunked:
        writer.write(b"0\r\n\r\n")
    await _timed(writer.drain(), timeout)


async def _read_head(
    reader: asyncio.StreamReader, timeout: float
) -> tuple[str, int, Headers]:
    """The status line and headers (interim 1xx responses skipped)."""
    while True:
        line = await _timed(reader.readline(), timeout)
        if not line:
            raise EOFError("no response")
        version, status_text, *_ = line.decode("latin-1").split(None, 2) + ["", ""]
        status = int(status_text)  # not a number: ValueError, a broken exchange
        pairs = []
        while (line := await _timed(reader.readline(), timeout)) not in (
            b"\r\n",
            b"\n",
            b"",
        ):
            name, _, value = line.decode("latin-1").partition(":")
            pairs.append((name.strip(), value.strip()))
        if not 100 <= status < 200 or status == 101:
            return version, status, Headers(pairs)


def _keeps_alive(version: str, headers: Headers) -> bool:
    connection = headers.get("Connection", "").lower()
    if version == "HTTP/1.0":
        return "keep-alive" in connection
    return "close" not in connection


class _BodyReader:
    """A response body as it arrives (``Content-Length``, chunked, or until the server
    closes), each read under the read timeout: the raw side of ``AsyncStreamingBody``.
    """

    def __init__(
        self,
        connection: _Connection,
        method: str,
        status: int,
        headers: Headers,
        timeout: float,
    ) -> None:
        self._connection = connection
        self._reader = connection.reader
        self._timeout = timeout
        self._chunked = "chunked" in headers.get("Transfer-Encoding", "").lower()
        length = headers.get("Content-Length")
        self.length: int | None = (
            None if self._chunked or length is None else int(length)
        )
        if method.upper() == "HEAD" or status in (204, 304):
            self.length, self._chunked = 0, False
        self._left = self.length
        self._chunk_left = 0
        self._ended = self.length == 0
        self.reusable_after = self._chunked or self.length is not None
        """False when the body ends only with the connection."""

    def close(self) -> None:
        self._connection.close()

    async def read(self, amt: int | None = None, /) -> bytes:
        """Up to ``amt`` bytes (everything left when None); ``b""`` at the end."""
        if self._ended:
            return b""
        if amt is None:
            return await self._rest()
        if self._chunked:
            return await self._read_chunked(amt)
        if self._left is not None:
            amt = min(amt, self._left)
        data = await _timed(self._reader.read(amt), self._timeout)
        if self._left is not None:
            self._left -= len(data)
            self._ended = self._left == 0 or not data
        else:
            self._ended = not data
        return data

    async def read_all(self) -> bytes:
        """The rest of the body; a body shorter than announced is an ``EOFError``."""
        data = await self._rest()
        if self._left:
            raise EOFError(f"response body ended {self._left} bytes short")
        return data

    async def _rest(self) -> bytes:
        pieces = []
        while piece := await self.read(2**16):
            pieces.append(piece)
        return b"".join(pieces)

    async def _read_chunked(self, amt: int) -> bytes:
        if self._chunk_left == 0:
            line = await _timed(self._reader.readline(), self._timeout)
            if not line:
                raise EOFError("chunked response body ended early")
            self._chunk_left = int(line.split(b";")[0].strip(), 16)
            if self._chunk_left == 0:
                while (await _timed(self._reader.readline(), self._timeout)) not in (
                    b"\r\n",
                    b"\n",
                    b"",
                ):
                    pass  # trailers
                self._ended = True
                return b""
        size = min(amt, self._chunk_left)
        data = await _timed(self._reader.readexactly(size), self._timeout)
        self._chunk_left -= size
        if self._chunk_left == 0:
            await _timed(self._reader.readexactly(2), self._timeout)  # the chunk's CRLF
        return data


class AsyncFakeTransport:
    """``transport.FakeTransport`` for the asyncio client: records every request and
    answers from a queue (responses or exceptions to raise), then from ``handler``."""

    def __init__(
        self,
        responses: Iterable[HttpResponse | BaseException] = (),
        handler: Callable[[HttpRequest], HttpResponse] | None = None,
    ) -> None:
        self._fake = FakeTransport(responses, handler)
        self.requests = self._fake.requests
        self.timeouts = self._fake.timeouts

    def queue(self, *items: HttpResponse | BaseException) -> None:
        self._fake.queue(*items)

    async def send(self, request: HttpRequest, timeout: float) -> HttpResponse:
        await asyncio.sleep(0)  # a real transport lets other tasks run meanwhile
        return self._fake.send(request, timeout)
