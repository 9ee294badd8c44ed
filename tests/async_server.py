"""A small HTTP/1.1 server on asyncio for the asyncio client's tests: keep-alive,
``Content-Length`` and chunked request bodies, replies from an async handler. It runs on
the test's own event loop, so a handler that awaits (``asyncio.sleep``) shows whether the
client under test leaves the loop free meanwhile."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Self


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Reply:
    status: int = 200
    body: bytes = b"{}"
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/json"})
    chunked: bool = False
    close: bool = False


Handler = Callable[[Request], Awaitable[Reply]]


async def echo(request: Request) -> Reply:
    """The request's method, path and body length, as JSON."""
    summary = {"method": request.method, "path": request.path, "length": len(request.body)}
    return Reply(body=json.dumps(summary).encode())


class AsyncServer:
    """``async with AsyncServer(handler) as server``: ``server.url``; counts connections
    opened and the most requests handled at once, and says when all are closed."""

    def __init__(self, handler: Handler = echo) -> None:
        self.handler = handler
        self.connections = 0
        self.active = 0
        self.most_active = 0
        self.requests: list[Request] = []
        self.all_closed = asyncio.Event()
        """Set while no connection is open (after one was)."""
        self._writers: set[asyncio.StreamWriter] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    async def __aenter__(self) -> Self:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self._server.close()
        self.drop_connections()
        for task in self._tasks:  # a handler may still be waiting: end it here, not at exit
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._server.wait_closed()

    def drop_connections(self) -> None:
        """Close every connection from the server's side (as an idle timeout does)."""
        for writer in list(self._writers):
            writer.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        self._writers.add(writer)
        self.all_closed.clear()
        try:
            while (request := await _read_request(reader)) is not None:
                self.requests.append(request)
                self.active += 1
                self.most_active = max(self.most_active, self.active)
                try:
                    reply = await self.handler(request)
                finally:
                    self.active -= 1
                writer.write(_reply_bytes(reply))
                await writer.drain()
                if reply.close:
                    break
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            self._writers.discard(writer)
            writer.close()
            if not self._writers:
                self.all_closed.set()


async def _read_request(reader: asyncio.StreamReader) -> Request | None:
    line = await reader.readline()
    if not line.strip():
        return None
    method, path, _ = line.decode("latin-1").split(" ", 2)
    headers = {}
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding") == "chunked":
        pieces = []
        while size := int((await reader.readline()).strip(), 16):
            pieces.append(await reader.readexactly(size))
            await reader.readexactly(2)
        await reader.readline()
        body = b"".join(pieces)
    else:
        body = await reader.readexactly(int(headers.get("content-length", "0")))
    return Request(method, path, headers, body)


def _reply_bytes(reply: Reply) -> bytes:
    headers = dict(reply.headers)
    if reply.chunked:
        headers["Transfer-Encoding"] = "chunked"
        pieces = [reply.body[i : i + 1000] for i in range(0, len(reply.body), 1000)]
        body = b"".join(b"%X\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"
    else:
        headers.setdefault("Content-Length", str(len(reply.body)))
        body = reply.body
    if reply.close:
        headers["Connection"] = "close"
    head = f"HTTP/1.1 {reply.status} X\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    return (head + "\r\n").encode("latin-1") + body
