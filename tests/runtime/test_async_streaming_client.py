"""Streaming through a generated ``AsyncClient`` (SageMaker Runtime's InvokeEndpoint, a blob
payload both ways) against the local streaming server: the response body is an
``AsyncStreamingBody`` whose connection is reused once read, dropped when closed early;
files (read in a worker thread), buffers and async iterables go up signed as botocore
signs them; a seekable body is re-sent on retry; HTTPS trusts ``verify=``'s CA bundle."""

from __future__ import annotations

import asyncio
import hashlib
import importlib
import io
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from test_streaming_client import (
    PACKAGE,
    SIZE,
    botocore_signature,
    server,
    signature_of,
    smr,
    tls,
)
from test_streaming_server import StreamingServer, pattern, pattern_sha256

__all__ = ["server", "smr", "tls"]  # fixtures


def client(smr: Any, url: str, **options: Any) -> Any:
    aio = importlib.import_module(f"{PACKAGE}.aio")
    retry = importlib.import_module(f"{PACKAGE}._runtime.retry")
    return aio.AsyncClient(
        "us-east-1",
        endpoint_url=url,
        access_key="AK",
        secret_key="SK",
        retry=retry.StandardRetryStrategy(3, random=lambda: 0.0),
        **options,
    )


@pytest.fixture
def streaming() -> Iterator[Any]:
    yield importlib.import_module(f"{PACKAGE}._runtime.aio_streaming")


def test_response_payload_is_an_async_streaming_body_reused_once_read(
    smr: Any, server: StreamingServer, streaming: Any
) -> None:
    async def test() -> None:
        async with client(smr, server.url) as c:
            response = await c.invoke_endpoint(endpoint_name=f"bytes-{SIZE}", body=b"{}")
            assert isinstance(response.body, streaming.AsyncStreamingBody)
            digest = hashlib.sha256()
            async for chunk in response.body.iter_chunks(65536):
                digest.update(chunk)
            assert digest.hexdigest() == pattern_sha256(SIZE)
            small = await c.invoke_endpoint(endpoint_name="chunked-3", body=b"{}")
            assert await small.body.read() == b"\0\1\2"

    asyncio.run(test())
    assert server.ports()[0] == server.ports()[1]  # read to the end: connection reused


def test_closing_a_response_body_early_drops_its_connection(
    smr: Any, server: StreamingServer
) -> None:
    async def test() -> None:
        async with client(smr, server.url) as c:
            response = await c.invoke_endpoint(endpoint_name=f"chunked-{SIZE}", body=b"{}")
            async with response.body as body:
                assert await body.read(10) == next(pattern(10))
            again = await c.invoke_endpoint(endpoint_name="bytes-4", body=b"")
            assert await again.body.read() == b"\0\1\2\3"

    asyncio.run(test())
    assert server.ports()[0] != server.ports()[1]


def test_a_short_body_is_an_incomplete_read(smr: Any, server: StreamingServer) -> None:
    streaming = importlib.import_module(f"{PACKAGE}._runtime.streaming")

    async def test() -> None:
        async with client(smr, server.url) as c:
            response = await c.invoke_endpoint(endpoint_name="short-1000", body=b"{}")
            with pytest.raises(streaming.IncompleteReadError):
                await response.body.read()

    asyncio.run(test())


def test_a_file_goes_up_with_its_length_signed_as_botocore_signs_it(
    smr: Any, server: StreamingServer, tmp_path: Path
) -> None:
    path = tmp_path / "input.bin"
    path.write_bytes(b"".join(pattern(SIZE)))

    async def test() -> None:
        async with client(smr, server.url) as c:
            with path.open("rb") as file:
                response = await c.invoke_endpoint(endpoint_name="digest", body=file)
                await response.body.read()

    asyncio.run(test())
    (received,) = server.received
    assert received.headers["content-length"] == str(SIZE)
    assert received.sha256 == received.headers["x-amz-content-sha256"] == pattern_sha256(SIZE)
    with path.open("rb") as file:
        assert signature_of(received) == botocore_signature(received, server.url, file)


async def pattern_async(size: int) -> AsyncIterator[bytes]:
    for block in pattern(size):
        await asyncio.sleep(0)
        yield block


@pytest.mark.parametrize(
    "make",
    [bytearray, lambda data: iter([data[:1000], data[1000:]]), lambda data: pattern_async(SIZE)],
    ids=["bytearray", "generator", "async-generator"],
)
def test_buffers_and_iterables_go_up_whole(smr: Any, server: StreamingServer, make: Any) -> None:
    data = b"".join(pattern(SIZE))

    async def test() -> None:
        async with client(smr, server.url) as c:
            response = await c.invoke_endpoint(endpoint_name="digest", body=make(data))
            await response.body.read()

    asyncio.run(test())
    (received,) = server.received
    # Signed over HTTP: spooled to be hashed, so the size is known and sent.
    assert received.headers["content-length"] == str(SIZE)
    assert received.sha256 == received.headers["x-amz-content-sha256"] == pattern_sha256(SIZE)


def test_a_seekable_body_is_sent_again_from_its_start_on_retry(
    smr: Any, server: StreamingServer
) -> None:
    async def test() -> None:
        async with client(smr, server.url) as c:
            response = await c.invoke_endpoint(
                endpoint_name="fail-2", body=io.BytesIO(b"ab" * SIZE)
            )
            await response.body.read()

    asyncio.run(test())
    assert [r.length for r in server.received] == [2 * SIZE] * 3
    assert {r.sha256 for r in server.received} == {hashlib.sha256(b"ab" * SIZE).hexdigest()}


def test_https_trusts_the_ca_bundle_given_as_verify(
    smr: Any, tls: tuple[StreamingServer, str]
) -> None:
    tls_server, ca_bundle = tls
    errors = importlib.import_module(f"{PACKAGE}._runtime.errors")

    async def test() -> None:
        async with client(smr, tls_server.url, verify=ca_bundle) as c:
            response = await c.invoke_endpoint(endpoint_name="bytes-5", body=b"{}")
            assert len(await response.body.read()) == 5
        async with client(smr, tls_server.url, max_attempts=1) as untrusting:
            with pytest.raises(errors.EndpointConnectionError):
                await untrusting.invoke_endpoint(endpoint_name="bytes-5", body=b"{}")

    asyncio.run(test())
