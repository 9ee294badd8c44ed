"""HTTP requests, responses and the transports that carry them.

``HttpClientTransport`` is the default: standard-library ``http.client`` with one
pool of idle keep-alive connections per (scheme, host, port).  ``FakeTransport``
records requests and plays back canned responses, for tests.

Bodies may stream both ways (``streaming``): a request's ``body_stream`` is sent chunk
by chunk, and a successful response to a request with ``stream_response`` set is handed
back unread as ``body_stream``, its connection returning to the pool once it is read.

URL helpers (``expand_uri_template``, ``build_url``) encode paths and query strings
exactly as botocore's serializers do, which the SigV4 signature depends on.
"""

from __future__ import annotations

import functools
import http.client
import json
import ssl
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol, Self
from urllib.parse import quote, urlsplit, urlunsplit

from .errors import (
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    ReadTimeoutError,
)
from .streaming import RequestStream, StreamingBody

if TYPE_CHECKING:
    from .aio_streaming import AsyncStreamingBody

__all__ = [
    "FakeTransport",
    "Headers",
    "HttpClientTransport",
    "HttpRequest",
    "HttpResponse",
    "Transport",
    "build_url",
    "expand_uri_template",
    "json_response",
    "percent_encode",
]

# Characters left unencoded in path labels and query strings (RFC 3986 unreserved).
_UNRESERVED = "-_.~"


class Headers(Mapping[str, str]):
    """Read-only, case-insensitive header mapping that keeps the names as received.

    Repeated headers are joined with ``", "`` (RFC 9110 list semantics).
    """

    def __init__(
        self, items: Mapping[str, str] | Iterable[tuple[str, str]] = ()
    ) -> None:
        pairs = items.items() if isinstance(items, Mapping) else items
        self._entries: dict[str, tuple[str, str]] = {}
        for name, value in pairs:
            key = name.lower()
            if key in self._entries:
                original, previous = self._entries[key]
                self._entries[key] = (original, f"{previous}, {value}")
            else:
                self._entries[key] = (name, value)

    def __getitem__(self, name: str) -> str:
        return self._entries[name.lower()][1]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._entries

    def __iter__(self) -> Iterator[str]:
        return (original for original, _ in self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Headers({dict(self.items())!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        return {k.lower(): v for k, v in self.items()} == {
            str(k).lower(): v for k, v in other.items()
        }

    __hash__ = None  # type: ignore[assignment]


@dataclass
class HttpRequest:
    """An HTTP request ready to sign and send; ``url`` is already percent-encoded.

    A streamed body is ``body_stream`` (``body`` is then empty); the transport adds its
    framing (``Content-Length`` or chunked), which is not signed, as in botocore.
    ``stream_response`` asks for a successful response's body unread (``body_stream``).
    """

    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    body_stream: RequestStream | None = None
    stream_response: bool = False

    def with_headers(self, headers: dict[str, str]) -> HttpRequest:
        """``dataclasses.replace(self, headers=headers)``, faster (signing makes one per
        attempt); a field added above is passed on here too."""
        return HttpRequest(
            self.method,
            self.url,
            headers,
            self.body,
            self.body_stream,
            self.stream_response,
        )


@dataclass(frozen=True)
class HttpResponse:
    """An HTTP response; ``headers`` is looked up case-insensitively.

    ``body`` holds the whole body, unless the body is still on the connection as
    ``body_stream`` (a successful response to a request with ``stream_response``; an
    ``AsyncStreamingBody`` from an asyncio transport).
    """

    status: int
    headers: Mapping[str, str] = field(default_factory=Headers)
    body: bytes = b""
    body_stream: StreamingBody | AsyncStreamingBody | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.headers, Headers):
            # Accept a plain dict from callers (tests, fakes) and normalise it.
            object.__setattr__(self, "headers", Headers(self.headers))


class Transport(Protocol):
    """Sends one request and returns the full response.

    Implementations raise ``TransportError`` subclasses for network failures and
    return (not raise) HTTP error statuses. They must send ``request.body_stream`` when
    it is set (``RequestStream.chunks()``, or ``read_all()`` for small bodies); they may
    ignore ``stream_response`` and return the whole body in ``body``.
    """

    def send(self, request: HttpRequest, timeout: float) -> HttpResponse: ...


# ---------------------------------------------------------------------------
# URL building


def percent_encode(value: str, safe: str = _UNRESERVED) -> str:
    """UTF-8 percent-encoding of everything except unreserved characters (and ``safe``)."""
    return quote(value.encode("utf-8"), safe=safe)


def expand_uri_template(template: str, labels: Mapping[str, str]) -> str:
    """Fill ``{Label}`` and greedy ``{Label+}`` placeholders of a request URI.

    Plain labels encode ``/``; greedy labels keep it, as botocore's serializer does.
    """
    parts: list[str] = []
    position = 0
    while (start := template.find("{", position)) != -1:
        end = template.index("}", start)
        parts.append(template[position:start])
        name = template[start + 1 : end]
        if name.endswith("+"):
            parts.append(percent_encode(labels[name[:-1]], safe="/~"))
        else:
            parts.append(percent_encode(labels[name]))
        position = end + 1
    parts.append(template[position:])
    return "".join(parts)


def build_url(endpoint: str, path: str, query: Sequence[tuple[str, str]] = ()) -> str:
    """Join an endpoint URL, an encoded request path and query pairs.

    ``query`` pairs are encoded here, in the given order (repeat a key for a list);
    the signer sorts them for the canonical request.
    """
    url = _joined_url(endpoint, path)
    if query:
        encoded = "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in query)
        url += ("&" if "?" in url else "?") + encoded
    return url


@functools.lru_cache(maxsize=256)
def _joined_url(endpoint: str, path: str) -> str:
    """The endpoint with ``path`` joined to its own: once per URL (JSON: one per service)."""
    scheme, netloc, base_path, base_query, fragment = urlsplit(endpoint)
    if not path or path == "/":
        joined = base_path or "/"
    elif base_path.endswith("/") and path.startswith("/"):
        joined = base_path[:-1] + path
    else:
        joined = base_path + path
    return urlunsplit((scheme, netloc, joined, base_query, fragment))


# ---------------------------------------------------------------------------
# http.client transport


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str
    port: int
    path: str

    @classmethod
    def from_url(cls, url: str) -> _Target:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(
                f"unsupported URL (need http:// or https:// with a host): {url!r}"
            )
        default_port = 443 if parts.scheme == "https" else 80
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        return cls(parts.scheme, parts.hostname, parts.port or default_port, path)

    @property
    def pool_key(self) -> tuple[str, str, int]:
        return (self.scheme, self.host, self.port)


class _StaleConnection(Exception):
    """A reused keep-alive connection turned out to be closed by the server."""


def connect_failed(
    exc: OSError, target: _Target, connect_timeout: float, url: str
) -> EndpointConnectionError:
    """The error for a connection that could not be opened (either transport's)."""
    if isinstance(exc, TimeoutError):
        return ConnectTimeoutError(
            f"timed out after {connect_timeout}s connecting to {target.host}:{target.port}",
            url=url,
        )
    return EndpointConnectionError(
        f"could not connect to {target.host}:{target.port}: {exc}", url=url
    )


def closed_before_response(
    target: _Target, stale: _StaleConnection, url: str
) -> ConnectionClosedError:
    """The error for a fresh connection closed before any response byte arrived."""
    return ConnectionClosedError(
        f"connection closed by {target.host}:{target.port} before a response: "
        f"{stale.__cause__}",
        url=url,
    )


# Errors that, on a reused idle connection and before any response byte arrived,
# mean the server had already closed it (idle timeout) rather than rejected the request.
_STALE_CONNECTION_ERRORS = (
    http.client.RemoteDisconnected,
    ConnectionResetError,
    BrokenPipeError,
    ConnectionAbortedError,
)


class HttpClientTransport:
    """Default transport on ``http.client`` with keep-alive connection reuse.

    Idle connections are pooled per (scheme, host, port), at most ``max_idle_per_host``
    each.  A pooled connection that the server closed while idle is detected on use
    and the request is re-sent once on a fresh connection.

    ``connect_timeout`` bounds opening the connection (TCP + TLS); the ``timeout``
    given to ``send`` bounds each socket read/write afterwards.

    Thread safety: one instance may be shared by any number of threads.  The pool is
    guarded by a lock and each in-flight request has its connection to itself.
    Proxies are not supported.
    """

    def __init__(
        self,
        *,
        connect_timeout: float = 10.0,
        max_idle_per_host: int = 10,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self._connect_timeout = connect_timeout
        self._max_idle_per_host = max_idle_per_host
        self._ssl_context = ssl_context
        self._idle: dict[tuple[str, str, int], list[http.client.HTTPConnection]] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close every idle connection (in-flight requests are unaffected)."""
        with self._lock:
            pools, self._idle = self._idle, {}
        for pool in pools.values():
            for connection in pool:
                connection.close()

    def send(self, request: HttpRequest, timeout: float) -> HttpResponse:
        target = _Target.from_url(request.url)
        stream = request.body_stream
        # A body that cannot rewind takes a fresh connection: a pooled one found dead
        # mid-upload would have used up part of it.
        reuse = stream is None or stream.seekable
        connection = self._checkout(target.pool_key) if reuse else None
        if connection is not None:
            try:
                return self._exchange(connection, target, request, timeout)
            except _StaleConnection:
                connection.close()
                if stream is not None:
                    stream.rewind()
        connection = self._open(target, request.url)
        try:
            return self._exchange(connection, target, request, timeout)
        except _StaleConnection as exc:
            connection.close()
            raise closed_before_response(target, exc, request.url) from exc.__cause__

    def _checkout(self, key: tuple[str, str, int]) -> http.client.HTTPConnection | None:
        with self._lock:
            pool = self._idle.get(key)
            return pool.pop() if pool else None

    def _checkin(
        self, key: tuple[str, str, int], connection: http.client.HTTPConnection
    ) -> None:
        with self._lock:
            pool = self._idle.setdefault(key, [])
            if len(pool) < self._max_idle_per_host:
                pool.append(connection)
                return
        connection.close()

    def _release(
        self,
        key: tuple[str, str, int],
        connection: http.client.HTTPConnection,
        raw: http.client.HTTPResponse,
        reusable: bool,
    ) -> None:
        """Where a streamed response body ends: a connection whose response was read to
        its end is reused; one closed early still has unread bytes and is dropped."""
        if reusable and raw.isclosed() and not raw.will_close:
            self._checkin(key, connection)
        else:
            connection.close()

    def _open(self, target: _Target, url: str) -> http.client.HTTPConnection:
        connection: http.client.HTTPConnection
        if target.scheme == "https":
            context = self._ssl_context or ssl.create_default_context()
            connection = http.client.HTTPSConnection(
                target.host, target.port, timeout=self._connect_timeout, context=context
            )
        else:
            connection = http.client.HTTPConnection(
                target.host, target.port, timeout=self._connect_timeout
            )
        try:
            connection.connect()
        except OSError as exc:
            connection.close()
            raise connect_failed(exc, target, self._connect_timeout, url) from exc
        return connection

    def _exchange(
        self,
        connection: http.client.HTTPConnection,
        target: _Target,
        request: HttpRequest,
        timeout: float,
    ) -> HttpResponse:
        """Send on an open connection; raise ``_StaleConnection`` if it was dead on arrival."""
        assert connection.sock is not None
        connection.sock.settimeout(timeout)
        response_started = False
        try:
            body_arg, headers, chunked = _framing(request)
            connection.request(
                request.method, target.path, body_arg, headers, encode_chunked=chunked
            )
            raw = connection.getresponse()
            response_started = True
            if request.stream_response and 200 <= raw.status < 300:
                release = functools.partial(
                    self._release, target.pool_key, connection, raw
                )
                stream = StreamingBody(
                    raw, raw.length, release=release, url=request.url
                )
                return HttpResponse(
                    raw.status, Headers(raw.getheaders()), body_stream=stream
                )
            body = raw.read()
        except TimeoutError as exc:
            connection.close()
            raise ReadTimeoutError(
                f"no response from {target.host}:{target.port} within {timeout}s",
                url=request.url,
            ) from exc
        except _STALE_CONNECTION_ERRORS as exc:
            if not response_started:
                raise _StaleConnection() from exc
            connection.close()
            raise ConnectionClosedError(
                f"connection to {target.host}:{target.port} broke mid-response: {exc}",
                url=request.url,
            ) from exc
        except (http.client.HTTPException, OSError) as exc:
            connection.close()
            raise ConnectionClosedError(
                f"HTTP exchange with {target.host}:{target.port} failed: {exc!r}",
                url=request.url,
            ) from exc
        if raw.will_close:
            connection.close()
        else:
            self._checkin(target.pool_key, connection)
        return HttpResponse(raw.status, Headers(raw.getheaders()), body)


def _framing(
    request: HttpRequest,
) -> tuple[bytes | Iterator[bytes] | None, dict[str, str], bool]:
    """The body argument of ``http.client``, the headers with the body's framing, and
    whether to encode it chunked."""
    stream = request.body_stream
    if stream is None:
        # An empty body is sent as no body so GETs carry no Content-Length: 0.
        return request.body or None, request.headers, False
    headers = dict(request.headers)
    if stream.length is not None:
        headers["Content-Length"] = str(stream.length)
        return stream.chunks(), headers, False
    headers["Transfer-Encoding"] = "chunked"
    return stream.chunks(), headers, True


# ---------------------------------------------------------------------------
# Test double


@dataclass
class FakeTransport:
    """Records every request and answers from a queue, then from ``handler``.

    Queue items may be responses or exceptions (raised, to simulate network errors).
    With neither a queued item nor a handler, ``send`` fails loudly.
    """

    responses: Iterable[HttpResponse | BaseException] = ()
    handler: Callable[[HttpRequest], HttpResponse] | None = None
    requests: list[HttpRequest] = field(default_factory=list, init=False)
    timeouts: list[float] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self._queue: deque[HttpResponse | BaseException] = deque(self.responses)

    def queue(self, *items: HttpResponse | BaseException) -> None:
        self._queue.extend(items)

    def send(self, request: HttpRequest, timeout: float) -> HttpResponse:
        if request.body_stream is not None:
            # Recorded with the body in memory, so tests can look at it.
            body = request.body_stream.read_all()
            request = replace(request, body=body, body_stream=None)
        self.requests.append(request)
        self.timeouts.append(timeout)
        if self._queue:
            item = self._queue.popleft()
            if isinstance(item, BaseException):
                raise item
            return item
        if self.handler is not None:
            return self.handler(request)
        raise AssertionError(
            f"FakeTransport has no response queued for {request.method} {request.url}"
        )


def json_response(
    status: int, payload: object = None, headers: Mapping[str, str] | None = None
) -> HttpResponse:
    """A JSON response, handy with ``FakeTransport``; ``None`` payload means an empty body."""
    body = b"" if payload is None else json.dumps(payload).encode("utf-8")
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    return HttpResponse(status, Headers(all_headers), body)
