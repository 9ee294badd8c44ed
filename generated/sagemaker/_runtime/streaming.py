"""Streaming payloads: response bodies read as they arrive, request bodies sent in pieces.

A REST operation whose response payload (the member bound to the whole body) is a blob
returns a ``StreamingBody``, as botocore does for every blob payload: the bytes stay on
the connection until read, and the connection goes back to the pool once the body has
been read to its end (or is dropped when the body is closed early).

A blob request payload may be ``bytes``, ``bytearray``, ``memoryview``, a binary file
object or an iterable of ``bytes``; ``request_payload`` turns the last four into a
``RequestStream`` that the transport sends chunk by chunk (with ``Content-Length`` when
the size is known, chunked otherwise) and that can rewind for a retry when its source
is seekable.
"""

from __future__ import annotations

import dataclasses
import hashlib
import http.client
import io
import os
from collections.abc import AsyncIterable, Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Generic, Protocol, Self, TypeAlias, TypeVar

from .errors import ConnectionClosedError, ReadTimeoutError

if TYPE_CHECKING:
    from .transport import HttpRequest

__all__ = [
    "UNSIGNED_PAYLOAD",
    "IncompleteReadError",
    "RequestStream",
    "StreamingBody",
    "StreamingInput",
    "SupportsRead",
    "UnseekableStreamError",
    "request_payload",
    "sign_payload",
]

CHUNK_SIZE = 64 * 1024
"""Bytes read from a request source, or hashed, at a time."""
SPOOL_IN_MEMORY = 8 * 1024 * 1024
"""An unseekable body that must be hashed is spooled to disk past this many bytes."""
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"


class SupportsRead(Protocol):
    """A binary file object (``open(path, "rb")``, ``io.BytesIO``, a socket file...)."""

    def read(self, size: int = -1, /) -> bytes: ...


StreamingInput: TypeAlias = (
    "bytes | bytearray | memoryview | SupportsRead | Iterable[bytes] | AsyncIterable[bytes]"
)
"""What a blob request payload accepts (an async iterable: with ``AsyncClient`` only)."""


class IncompleteReadError(ConnectionClosedError):
    """The connection ended before the ``Content-Length`` the response announced."""


class UnseekableStreamError(ConnectionClosedError):
    """A request body that cannot rewind was partly sent, so it cannot be sent again."""


# ---------------------------------------------------------------------------
# Responses


class _Closable(Protocol):
    def close(self) -> None: ...


class _RawResponse(Protocol):
    def read(self, amt: int | None = None, /) -> bytes: ...

    def close(self) -> None: ...


RawT = TypeVar("RawT", bound=_Closable)


class _BodyAccount(Generic[RawT]):
    """The bookkeeping of a response body read in pieces, shared by ``StreamingBody`` and
    the asyncio client's ``AsyncStreamingBody`` (which differ only in awaiting the read):
    bytes read against the announced ``Content-Length``, the connection handed back once
    the end is reached (reusable) or the body closed early or broken (dropped)."""

    _DEFAULT_CHUNK_SIZE = 1024

    def __init__(
        self,
        raw: RawT,
        content_length: int | None = None,
        *,
        release: Callable[[bool], None] | None = None,
        url: str = "",
    ) -> None:
        self._raw = raw
        self._content_length = content_length
        self._release = release
        self._url = url
        self._amount = 0
        self._done = False  # read to its end, or closed
        self._closed = False

    def __repr__(self) -> str:
        size = (
            "unknown size"
            if self._content_length is None
            else f"{self._content_length} bytes"
        )
        closed = ", closed" if self._closed else ""
        return f"<{type(self).__name__} {size}, {self._amount} read{closed}>"

    @property
    def content_length(self) -> int | None:
        """The size the response announced (``None`` when chunked)."""
        return self._content_length

    @property
    def closed(self) -> bool:
        return self._closed

    def readable(self) -> bool:
        return not self._closed

    def tell(self) -> int:
        """Bytes read so far."""
        return self._amount

    def _size(self, amt: int | None) -> int | None:
        """What ``read(amt)`` reads from the connection: None for all the rest, 0 for
        nothing (the end was reached, or ``amt`` is 0)."""
        if self._closed:
            raise ValueError(f"I/O operation on a closed {type(self).__name__}")
        if self._done:
            return 0
        return None if amt is None or amt < 0 else amt

    def _account(self, chunk: bytes, size: int | None) -> bytes:
        self._amount += len(chunk)
        if size is None or not chunk or self._amount == self._content_length:
            self._finish()
        return chunk

    def _close(self) -> None:
        """Stop reading; an unread rest means the connection is dropped, not reused."""
        if self._closed:
            return
        self._closed = True
        if not self._done:
            self._fail()

    def _read_failed(self, exc: Exception) -> ConnectionClosedError | ReadTimeoutError:
        """The error to raise for a failed read (the connection is dropped)."""
        self._fail()
        if isinstance(exc, TimeoutError):
            return ReadTimeoutError(
                f"reading the response body timed out: {exc}", url=self._url
            )
        return ConnectionClosedError(
            f"connection broke while reading the response body: {exc!r}", url=self._url
        )

    def _finish(self) -> None:
        self._done = True
        length = self._content_length
        if length is not None and self._amount != length:
            self._hand_back(False)
            raise IncompleteReadError(
                f"response body ended after {self._amount} of {length} bytes",
                url=self._url,
            )
        self._hand_back(True)

    def _fail(self) -> None:
        self._done = True
        self._raw.close()
        self._hand_back(False)

    def _hand_back(self, reusable: bool) -> None:
        release, self._release = self._release, None
        if release is not None:
            release(reusable)


def split_lines(
    pending: bytes, chunk: bytes, keepends: bool
) -> tuple[list[bytes], bytes]:
    """The whole lines of ``pending + chunk`` (as ``bytes.splitlines``) and the rest."""
    lines = (pending + chunk).splitlines(True)
    done = [line if keepends else line.splitlines()[0] for line in lines[:-1]]
    return done, lines[-1] if lines else b""


def last_line(pending: bytes, keepends: bool) -> list[bytes]:
    """The line left at the end of a body, if any."""
    if not pending:
        return []
    return [pending if keepends else pending.splitlines()[0]]


class StreamingBody(_BodyAccount[_RawResponse]):
    """A response payload read from the connection on demand (botocore's interface).

    ``read(n)``, ``iter_chunks(size)``, ``iter_lines()``, iteration (1 KiB pieces, as
    botocore), ``close()`` and ``with``. Reading it to the end checks the announced
    ``Content-Length`` and hands the connection back for reuse; closing it earlier
    drops the connection (its unread bytes would otherwise be read by the next request).
    """

    @classmethod
    def from_bytes(cls, data: bytes) -> StreamingBody:
        """A body already in memory (a test transport's response)."""
        return cls(io.BytesIO(data), len(data))

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[bytes]:
        return self

    def __next__(self) -> bytes:
        chunk = self.read(self._DEFAULT_CHUNK_SIZE)
        if chunk:
            return chunk
        raise StopIteration

    def read(self, amt: int | None = -1) -> bytes:
        """Up to ``amt`` bytes (all the rest when ``amt`` is ``None`` or negative);
        ``b""`` at the end."""
        size = self._size(amt)
        if size == 0:
            return b""
        try:
            chunk = self._raw.read(size)
        # ValueError: http.client reading from a socket closed under it.
        except (http.client.HTTPException, OSError, ValueError) as exc:
            raise self._read_failed(exc) from exc
        return self._account(chunk, size)

    def iter_chunks(
        self, chunk_size: int = _BodyAccount._DEFAULT_CHUNK_SIZE
    ) -> Iterator[bytes]:
        """The body in pieces of at most ``chunk_size`` bytes."""
        while chunk := self.read(chunk_size):
            yield chunk

    def iter_lines(
        self, chunk_size: int = _BodyAccount._DEFAULT_CHUNK_SIZE, keepends: bool = False
    ) -> Iterator[bytes]:
        """The body line by line (split as ``bytes.splitlines`` does)."""
        pending = b""
        for chunk in self.iter_chunks(chunk_size):
            lines, pending = split_lines(pending, chunk, keepends)
            yield from lines
        yield from last_line(pending, keepends)

    def close(self) -> None:
        """Stop reading; an unread rest means the connection is dropped, not reused."""
        self._close()


# ---------------------------------------------------------------------------
# Requests


def request_payload(value: object) -> bytes | RequestStream:
    """The body for a blob payload: ``bytes`` as given (text as UTF-8, as botocore
    encodes it), anything else as a ``RequestStream``."""
    if value is None:
        return b""
    if hasattr(value, "__aiter__"):
        raise TypeError(
            "an async iterable streams with AsyncClient (aio.py), not with Client"
        )
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, (bytearray, memoryview)):
        return RequestStream(_BufferReader(value))
    if hasattr(value, "read") or (
        isinstance(value, Iterable) and not isinstance(value, dict)
    ):
        return RequestStream(value)
    raise TypeError(
        "a streaming payload must be bytes, bytearray, memoryview, a binary file object "
        f"or an iterable of bytes, not {type(value).__name__}"
    )


class RequestStream:
    """A request body sent chunk by chunk from a file object or an iterable of bytes.

    ``length`` is known for seekable files (from the current position to the end) and for
    lists and tuples; otherwise the body goes out with chunked transfer encoding.
    ``rewind()`` makes a retry send it again from where it started; a body that cannot
    rewind (a pipe, a generator) raises ``UnseekableStreamError`` once partly sent.
    """

    def __init__(
        self, source: SupportsRead | Iterable[bytes], *, owned: bool = False
    ) -> None:
        self._reader: SupportsRead | None = None
        self._items: Iterable[bytes] | None = None
        self._iterator: Iterator[bytes] | None = None
        self._start: int | None = None
        self._owned = owned  # a spool made here, closed by ``close``
        self._hash: str | None = None
        self.started = False
        """Whether any byte was taken from the source since the last rewind."""
        self.length: int | None = None
        if hasattr(source, "read"):
            self._reader = source  # type: ignore[assignment]  # has read: a file object
            self._start = _position(source)
            self.length = _remaining(source, self._start)
        elif isinstance(source, (list, tuple)):
            self._items = source
            self._start = 0
            self.length = sum(len(item) for item in source)
        else:
            self._iterator = iter(source)

    def __repr__(self) -> str:
        size = "unknown size" if self.length is None else f"{self.length} bytes"
        return f"<RequestStream {size}{', seekable' if self.seekable else ''}>"

    @property
    def seekable(self) -> bool:
        """Whether the body can be sent again from its start."""
        return self._start is not None

    def chunks(self) -> Iterator[bytes]:
        """The body's bytes, in pieces of at most ``CHUNK_SIZE`` from files."""
        self.started = True
        if self._reader is not None:
            read = self._reader.read
            while chunk := read(CHUNK_SIZE):
                yield bytes(chunk)
            return
        source = self._items if self._items is not None else self._iterator
        for item in source or ():
            if not isinstance(item, (bytes, bytearray, memoryview)):
                raise TypeError(
                    f"a streaming payload yielded {type(item).__name__}, not bytes"
                )
            if item:
                yield bytes(item)

    def rewind(self) -> None:
        """Go back to the start before sending again."""
        if not self.started:
            return
        if self._start is None:
            raise UnseekableStreamError(
                "the request body cannot rewind (not seekable) and was partly sent",
                url="",
            )
        if self._reader is not None:
            self._reader.seek(self._start)  # type: ignore[attr-defined]  # seekable
        self.started = False

    def sha256(self) -> str:
        """Hex SHA-256 of the body (for SigV4), read through and rewound; needs a
        seekable body (see ``spooled``)."""
        if self._hash is None:
            if not self.seekable:
                raise ValueError(
                    "hashing an unseekable body would consume it: spool it first"
                )
            digest = hashlib.sha256()
            for chunk in self.chunks():
                digest.update(chunk)
            self.rewind()
            self._hash = digest.hexdigest()
        return self._hash

    def spooled(self) -> RequestStream:
        """A seekable copy of an unseekable body, hashed on the way: in memory up to
        ``SPOOL_IN_MEMORY`` bytes, then in a temporary file."""
        import tempfile  # rarely needed: not imported with the module

        spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115
        digest = hashlib.sha256()
        for chunk in self.chunks():
            digest.update(chunk)
            spool.write(chunk)
        spool.seek(0)
        copy = RequestStream(spool, owned=True)
        copy._hash = digest.hexdigest()
        return copy

    def read_all(self) -> bytes:
        """The whole body in memory (for test transports), rewound when it can be."""
        data = b"".join(self.chunks())
        if self.seekable:
            self.rewind()
        return data

    def close(self) -> None:
        """Close the temporary spool, if this stream made one; a caller's file stays open."""
        if self._owned and self._reader is not None:
            self._reader.close()  # type: ignore[attr-defined]  # a SpooledTemporaryFile


def prepare_for_signing(
    stream: RequestStream, url: str, unsigned_payload: bool
) -> tuple[RequestStream, str]:
    """The stream to send and its ``X-Amz-Content-SHA256`` value, as botocore decides:
    ``UNSIGNED-PAYLOAD`` over HTTPS for operations that allow it, else the body's hash
    (an unseekable body is spooled first, so that hashing does not consume it)."""
    if unsigned_payload and url.lower().startswith("https:"):
        return stream, UNSIGNED_PAYLOAD
    if not stream.seekable:
        stream = stream.spooled()
    return stream, stream.sha256()


class _BufferReader:
    """A seekable reader over a ``bytearray`` or ``memoryview`` that copies only the
    pieces it hands out."""

    def __init__(self, buffer: bytearray | memoryview) -> None:
        self._view = memoryview(buffer).cast("B")
        self._position = 0

    def read(self, size: int = -1, /) -> bytes:
        end = (
            len(self._view) if size < 0 else min(len(self._view), self._position + size)
        )
        chunk = self._view[self._position : end].tobytes()
        self._position = end
        return chunk

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {
            os.SEEK_SET: 0,
            os.SEEK_CUR: self._position,
            os.SEEK_END: len(self._view),
        }
        self._position = max(0, base[whence] + offset)
        return self._position


def _position(source: object) -> int | None:
    """Where a file object stands, or ``None`` when it cannot seek back there."""
    try:
        seekable = getattr(source, "seekable", None)
        if seekable is not None and not seekable():
            return None
        return int(source.tell())  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return None


def _remaining(source: object, start: int | None) -> int | None:
    """Bytes from ``start`` to the end of a seekable file object (as botocore measures)."""
    if start is None:
        return None
    try:
        end = int(source.seek(0, os.SEEK_END))  # type: ignore[attr-defined]
        source.seek(start)  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return None
    return max(0, end - start)


def sign_payload(request: HttpRequest, unsigned_payload: bool) -> HttpRequest:
    """The request with ``X-Amz-Content-SHA256`` where SigV4 must not hash ``body``:
    ``UNSIGNED-PAYLOAD`` over HTTPS for operations that allow it (botocore's
    ``v4-unsigned-body``), else a streamed body's hash (``prepare_for_signing``)."""
    stream = request.body_stream
    if stream is None:
        if unsigned_payload and request.url.lower().startswith("https:"):
            request.headers["X-Amz-Content-SHA256"] = UNSIGNED_PAYLOAD
        return request
    stream, payload_hash = prepare_for_signing(stream, request.url, unsigned_payload)
    request.headers["X-Amz-Content-SHA256"] = payload_hash
    return dataclasses.replace(request, body_stream=stream)
