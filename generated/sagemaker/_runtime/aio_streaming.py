"""Streaming payloads for the asyncio client: response bodies awaited as they arrive,
request bodies read without blocking the event loop.

``AsyncStreamingBody`` is ``streaming.StreamingBody`` with awaited reads: the same
bookkeeping (``_BodyAccount``: ``Content-Length`` checked, the connection back to the pool
once the body is read to its end, dropped when it is closed earlier).

Request payloads are the blocking client's (``RequestStream``: bytes, files, iterables of
bytes), read in a worker thread so that a file never blocks the loop, plus async
iterables of bytes, spooled first (``spool_async``) because SigV4 signs the body's hash.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterable, AsyncIterator
from typing import IO, Protocol, Self

from .streaming import (
    SPOOL_IN_MEMORY,
    RequestStream,
    _BodyAccount,
    last_line,
    split_lines,
)

__all__ = ["AsyncStreamingBody", "is_async_iterable", "spool_async", "stream_chunks"]


class _AsyncRaw(Protocol):
    async def read(self, amt: int | None = None, /) -> bytes: ...

    def close(self) -> None: ...


class _BytesRaw:
    """A body already in memory, read as the connection's would be."""

    def __init__(self, data: bytes) -> None:
        self._buffer = io.BytesIO(data)

    async def read(self, amt: int | None = None, /) -> bytes:
        return self._buffer.read(amt)

    def close(self) -> None:
        self._buffer.close()


class AsyncStreamingBody(_BodyAccount[_AsyncRaw]):
    """A response payload read from the connection on demand, awaited.

    ``await read(n)``, ``await read()``, ``async for chunk in iter_chunks(n)``,
    ``async for line in iter_lines()``, ``async for`` (1 KiB pieces), ``await close()``
    and ``async with``. Read it to the end and its connection is reused; close it
    earlier and the connection is dropped. Until then it holds one of its host's
    connections (10 by default): a body neither read nor closed is a slot lost.
    """

    @classmethod
    def from_bytes(cls, data: bytes) -> AsyncStreamingBody:
        """A body already in memory (a test transport's response)."""
        return cls(_BytesRaw(data), len(data))

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self.iter_chunks()

    async def read(self, amt: int | None = -1) -> bytes:
        """Up to ``amt`` bytes (all the rest when ``amt`` is ``None`` or negative);
        ``b""`` at the end."""
        size = self._size(amt)
        if size == 0:
            return b""
        try:
            chunk = await self._raw.read(size)
        except (OSError, ValueError, EOFError) as exc:  # TimeoutError is an OSError
            raise self._read_failed(exc) from exc
        except (
            BaseException
        ):  # cancelled mid-read: the rest is unread, drop the connection
            self._fail()
            raise
        return self._account(chunk, size)

    async def iter_chunks(
        self, chunk_size: int = _BodyAccount._DEFAULT_CHUNK_SIZE
    ) -> AsyncIterator[bytes]:
        """The body in pieces of at most ``chunk_size`` bytes."""
        while chunk := await self.read(chunk_size):
            yield chunk

    async def iter_lines(
        self, chunk_size: int = _BodyAccount._DEFAULT_CHUNK_SIZE, keepends: bool = False
    ) -> AsyncIterator[bytes]:
        """The body line by line (split as ``bytes.splitlines`` does)."""
        pending = b""
        async for chunk in self.iter_chunks(chunk_size):
            lines, pending = split_lines(pending, chunk, keepends)
            for line in lines:
                yield line
        for line in last_line(pending, keepends):
            yield line

    async def close(self) -> None:
        """Stop reading; an unread rest means the connection is dropped, not reused."""
        self._close()


def is_async_iterable(value: object) -> bool:
    return hasattr(value, "__aiter__")


async def spool_async(source: AsyncIterable[bytes]) -> IO[bytes]:
    """An async iterable's bytes in a seekable file (in memory up to ``SPOOL_IN_MEMORY``,
    then on disk, written from a worker thread): SigV4 hashes a body before sending it.
    """
    import tempfile

    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115
    written = 0
    try:
        async for chunk in source:
            if not isinstance(chunk, (bytes, bytearray, memoryview)):
                raise TypeError(
                    f"a streaming payload yielded {type(chunk).__name__}, not bytes"
                )
            written += len(chunk)
            if written > SPOOL_IN_MEMORY:  # on disk by now: a blocking write
                await asyncio.to_thread(spool.write, chunk)
            else:
                spool.write(chunk)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return spool


async def stream_chunks(stream: RequestStream) -> AsyncIterator[bytes]:
    """A request body's chunks, each read in a worker thread (a file read blocks)."""
    chunks = stream.chunks()
    while (chunk := await asyncio.to_thread(next, chunks, None)) is not None:
        yield chunk
