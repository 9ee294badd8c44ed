"""The local HTTP server (127.0.0.1 only) the streaming tests talk to; no tests here.

A path segment says what to answer (the rest of the path is ignored, so the same server
stands in for SageMaker Runtime's ``/endpoints/{name}/invocations``; a ``-word`` suffix
only makes a path of its own), else ``digest``:

- ``digest``: a JSON summary of the request body received (length, SHA-256, framing);
- ``bytes-N`` / ``chunked-N``: N bytes of ``pattern`` with ``Content-Length`` / chunked;
- ``short-N``: announces N bytes, sends half, closes the connection;
- ``fail-K``: the first K requests get HTTP 500 (body read first), then ``digest``;
- ``drop``: ``digest``, then the connection is closed without a word (as an idle timeout).

Bodies are read and written in 64 KiB pieces, so the server itself holds little memory.
"""

from __future__ import annotations

import hashlib
import json
import re
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BLOCK = bytes(range(256)) * 256  # 64 KiB
COMMAND = re.compile(r"(digest|bytes|chunked|short|fail|drop)(?:-(\d+))?(?:-\w+)?")


def pattern(size: int) -> Iterator[bytes]:
    """``size`` bytes of the test pattern, in blocks."""
    while size > 0:
        yield BLOCK[: min(size, len(BLOCK))]
        size -= len(BLOCK)


def pattern_sha256(size: int) -> str:
    digest = hashlib.sha256()
    for block in pattern(size):
        digest.update(block)
    return digest.hexdigest()


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    length: int
    sha256: str
    client_port: int


class StreamingServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.received: list[Received] = []
        self.failures: dict[str, int] = {}
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        scheme = "https" if isinstance(self.socket, ssl.SSLSocket) else "http"
        return f"{scheme}://127.0.0.1:{self.server_address[1]}"

    def ports(self) -> list[int]:
        return [r.client_port for r in self.received]

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client closing a body early resets its connection: expected here


@contextmanager
def running(tls: ssl.SSLContext | None = None) -> Iterator[StreamingServer]:
    """The server on a free port (HTTPS with ``tls``), shut down afterwards."""
    server = StreamingServer()
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: StreamingServer

    def _handle(self) -> None:
        length, sha256 = self._drain()
        received = Received(
            self.command,
            self.path,
            {k.lower(): v for k, v in self.headers.items()},
            length,
            sha256,
            self.client_address[1],
        )
        with self.server.lock:
            self.server.received.append(received)
        found = (COMMAND.fullmatch(part) for part in self.path.split("?")[0].split("/"))
        command = next((match for match in found if match), None)
        kind, number = (command[1], int(command[2] or 0)) if command else ("digest", 0)
        try:
            self._answer(kind, number, received)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client closed the body early

    do_GET = do_POST = do_PUT = _handle

    def _answer(self, kind: str, number: int, received: Received) -> None:
        if kind == "fail":
            with self.server.lock:
                failed = self.server.failures.get(self.path, 0)
                self.server.failures[self.path] = failed + 1
            if failed < number:
                return self._send(500, json.dumps({"__type": "InternalFailure"}).encode())
        if kind == "drop":
            self.close_connection = True
        if kind in ("digest", "fail", "drop"):
            summary = {
                "length": received.length,
                "sha256": received.sha256,
                "content_length": received.headers.get("content-length"),
                "transfer_encoding": received.headers.get("transfer-encoding"),
                "x_amz_content_sha256": received.headers.get("x-amz-content-sha256"),
                "authorization": received.headers.get("authorization"),
            }
            return self._send(200, json.dumps(summary).encode())
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        if kind == "chunked":
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for block in pattern(number):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(block), block))
            self.wfile.write(b"0\r\n\r\n")
            return
        self.send_header("Content-Length", str(number))
        self.end_headers()
        sent = number // 2 if kind == "short" else number
        for block in pattern(sent):
            self.wfile.write(block)
        if kind == "short":
            self.close_connection = True

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _drain(self) -> tuple[int, str]:
        """Read the request body (by Content-Length or chunked): its length and hash."""
        digest, total = hashlib.sha256(), 0
        for piece in self._body_pieces():
            digest.update(piece)
            total += len(piece)
        return total, digest.hexdigest()

    def _body_pieces(self) -> Iterator[bytes]:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            while size := int(self.rfile.readline().split(b";")[0], 16):
                yield from self._exactly(size)
                self.rfile.readline()
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass  # trailers
            return
        yield from self._exactly(int(self.headers.get("Content-Length") or 0))

    def _exactly(self, size: int) -> Iterator[bytes]:
        while size > 0:
            piece = self.rfile.read(min(size, 65536))
            if not piece:
                return
            size -= len(piece)
            yield piece

    def log_message(self, format: str, *args: object) -> None:
        pass
