"""The asyncio transport (``aio_transport``) and streaming bodies (``aio_streaming``)
against a local asyncio server: keep-alive reuse, the per-host limit, both body framings
both ways, streamed responses back to the pool or dropped, timeouts, cancellation, stale
connections and TLS with a CA bundle."""

from __future__ import annotations

import asyncio
import io
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from async_server import AsyncServer, Reply, Request
from runtime.aio_streaming import AsyncStreamingBody, spool_async
from runtime.aio_transport import AsyncFakeTransport, AsyncHttpTransport
from runtime.errors import ConnectTimeoutError, EndpointConnectionError, ReadTimeoutError
from runtime.streaming import IncompleteReadError, RequestStream
from runtime.transport import HttpRequest, json_response


def run(test: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(test())


def get(url: str, path: str = "/", **options: Any) -> HttpRequest:
    return HttpRequest("GET", url + path, {}, **options)


def test_a_connection_is_reused_and_bodies_go_up_with_their_length() -> None:
    async def test() -> None:
        async with AsyncServer() as server, AsyncHttpTransport() as transport:
            first = await transport.send(HttpRequest("POST", server.url + "/a", {}, b"xyz"), 5)
            second = await transport.send(get(server.url, "/b?q=1"), 5)
            assert (first.status, first.body) == (
                200,
                b'{"method": "POST", "path": "/a", "length": 3}',
            )
            assert second.body == b'{"method": "GET", "path": "/b?q=1", "length": 0}'
            assert server.connections == 1
            assert server.requests[0].headers["content-length"] == "3"
            assert "content-length" not in server.requests[1].headers  # as http.client
            assert server.requests[0].headers["host"] == server.url.removeprefix("http://")

    run(test)


def test_request_streams_go_up_with_content_length_or_chunked() -> None:
    async def test() -> None:
        data = bytes(range(256)) * 700
        async with AsyncServer() as server, AsyncHttpTransport() as transport:
            sized = RequestStream(io.BytesIO(data))
            await transport.send(HttpRequest("PUT", server.url, {}, body_stream=sized), 5)
            unsized = RequestStream(iter([data[:1000], data[1000:]]))
            await transport.send(HttpRequest("PUT", server.url, {}, body_stream=unsized), 5)
            assert [r.body for r in server.requests] == [data, data]
            assert server.requests[0].headers["content-length"] == str(len(data))
            assert server.requests[1].headers["transfer-encoding"] == "chunked"

    run(test)


def test_chunked_responses_are_read_whole_or_streamed() -> None:
    body = b"line one\nline two\n" * 500

    async def reply(request: Request) -> Reply:
        return Reply(body=body, chunked=True)

    async def test() -> None:
        async with AsyncServer(reply) as server, AsyncHttpTransport() as transport:
            whole = await transport.send(get(server.url), 5)
            assert whole.body == body
            streamed = await transport.send(get(server.url, stream_response=True), 5)
            assert isinstance(streamed.body_stream, AsyncStreamingBody)
            lines = [line async for line in streamed.body_stream.iter_lines(100)]
            assert lines == body.splitlines()
            assert transport.idle_connections(server.url) == 1
            assert server.connections == 1

    run(test)


def test_a_streamed_body_read_to_its_end_frees_its_connection_closed_early_drops_it() -> None:
    body = bytes(100_000)

    async def reply(request: Request) -> Reply:
        return Reply(body=body)

    async def test() -> None:
        async with AsyncServer(reply) as server, AsyncHttpTransport() as transport:
            response = await transport.send(get(server.url, stream_response=True), 5)
            stream = response.body_stream
            assert isinstance(stream, AsyncStreamingBody)
            assert transport.idle_connections(server.url) == 0  # still on the connection
            chunks = [chunk async for chunk in stream.iter_chunks(30_000)]
            assert b"".join(chunks) == body and max(map(len, chunks)) <= 30_000
            assert transport.idle_connections(server.url) == 1
            response = await transport.send(get(server.url, stream_response=True), 5)
            async with response.body_stream as early:  # type: ignore[union-attr]
                assert len(await early.read(10)) == 10
            assert early.closed
            assert transport.idle_connections(server.url) == 0
            assert (await transport.send(get(server.url), 5)).body == body
            assert server.connections == 2

    run(test)


def test_a_body_shorter_than_announced_is_an_incomplete_read() -> None:
    async def reply(request: Request) -> Reply:
        return Reply(body=b"abc", headers={"Content-Length": "10"}, close=True)

    async def test() -> None:
        async with AsyncServer(reply) as server, AsyncHttpTransport() as transport:
            # The server's Content-Length (10) wins over the one _reply_bytes adds.
            response = await transport.send(get(server.url, stream_response=True), 5)
            assert isinstance(response.body_stream, AsyncStreamingBody)
            with pytest.raises(IncompleteReadError):
                await response.body_stream.read()

    run(test)


def test_connections_per_host_are_limited_and_waiters_queue() -> None:
    async def slow(request: Request) -> Reply:
        await asyncio.sleep(0.02)
        return Reply()

    async def test() -> None:
        async with (
            AsyncServer(slow) as server,
            AsyncHttpTransport(max_connections_per_host=3) as transport,
        ):
            responses = await asyncio.gather(
                *(transport.send(get(server.url), 5) for _ in range(20))
            )
            assert [r.status for r in responses] == [200] * 20
            assert server.most_active == 3
            assert server.connections == 3

    run(test)


def test_cancelling_a_call_in_flight_leaves_the_pool_usable() -> None:
    entered = asyncio.Event

    async def test() -> None:
        started = entered()

        async def hang(request: Request) -> Reply:
            if request.path == "/hang":
                started.set()
                await asyncio.sleep(30)
            return Reply()

        async with (
            AsyncServer(hang) as server,
            AsyncHttpTransport(max_connections_per_host=1) as transport,
        ):
            call = asyncio.create_task(transport.send(get(server.url, "/hang"), 60))
            await started.wait()
            call.cancel()
            with pytest.raises(asyncio.CancelledError):
                await call
            # The only slot came back, and the half-used connection was not pooled.
            response = await asyncio.wait_for(transport.send(get(server.url, "/next"), 5), 5)
            assert response.status == 200
            assert server.connections == 2

    run(test)


def test_a_server_that_does_not_answer_in_time_is_a_read_timeout() -> None:
    async def test() -> None:
        release = asyncio.Event()

        async def stall(request: Request) -> Reply:
            await release.wait()
            return Reply()

        async with AsyncServer(stall) as server, AsyncHttpTransport() as transport:
            with pytest.raises(ReadTimeoutError):
                await transport.send(get(server.url), 0.05)
            release.set()
            assert (await transport.send(get(server.url), 5)).status == 200

    run(test)


def test_connect_failures_are_endpoint_errors() -> None:
    async def test() -> None:
        async with AsyncServer() as server:
            url = server.url  # closed on leaving: nothing listens there any more
        async with AsyncHttpTransport() as transport:
            with pytest.raises(EndpointConnectionError) as caught:
                await transport.send(get(url), 5)
            assert not isinstance(caught.value, ConnectTimeoutError)

    run(test)


def test_a_pooled_connection_the_server_closed_is_replaced_once() -> None:
    async def test() -> None:
        async with AsyncServer() as server, AsyncHttpTransport() as transport:
            await transport.send(get(server.url), 5)
            server.drop_connections()
            await asyncio.sleep(0)  # the close reaches the client's side
            assert (await transport.send(get(server.url, "/again"), 5)).status == 200
            assert server.connections == 2

    run(test)


def test_tls_with_a_ca_bundle(certificate: tuple[Path, Path]) -> None:
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(str(certificate[0]), str(certificate[1]))

    async def test() -> None:
        server = await asyncio.start_server(_answer_once, "127.0.0.1", 0, ssl=server_context)
        port = server.sockets[0].getsockname()[1]
        try:
            trusted = ssl.create_default_context(cafile=str(certificate[0]))
            async with AsyncHttpTransport(ssl_context=trusted) as transport:
                response = await transport.send(get(f"https://localhost:{port}"), 5)
                assert response.body == b"ok"
            async with AsyncHttpTransport() as untrusting:
                with pytest.raises(EndpointConnectionError, match="CERTIFICATE_VERIFY_FAILED"):
                    await untrusting.send(get(f"https://localhost:{port}"), 5)
        finally:
            server.close()

    run(test)


async def _answer_once(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    while (await reader.readline()) not in (b"\r\n", b""):
        pass
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
    await writer.drain()
    writer.close()


def test_async_iterables_are_spooled_and_the_fake_transport_records() -> None:
    async def pieces() -> AsyncIterator[bytes]:
        for n in range(3):
            yield bytes([n]) * 10

    async def test() -> None:
        spool = await spool_async(pieces())
        assert spool.read() == bytes([0]) * 10 + bytes([1]) * 10 + bytes([2]) * 10
        fake = AsyncFakeTransport([json_response(200, {"a": 1})])
        response = await fake.send(HttpRequest("POST", "https://x", {}, b"{}"), 3)
        assert (response.body, fake.requests[0].body, fake.timeouts) == (b'{"a": 1}', b"{}", [3])
        body = AsyncStreamingBody.from_bytes(b"abc")
        assert [chunk async for chunk in body] == [b"abc"]

    run(test)
