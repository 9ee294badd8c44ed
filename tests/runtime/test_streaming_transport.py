"""Streaming through the http.client transport against a local server, and the runtime's
streaming types (``runtime.streaming``) on their own."""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials as BotoCredentials
from runtime.errors import ConnectionClosedError
from runtime.streaming import (
    UNSIGNED_PAYLOAD,
    IncompleteReadError,
    RequestStream,
    StreamingBody,
    UnseekableStreamError,
    request_payload,
    sign_payload,
)
from runtime.transport import FakeTransport, HttpClientTransport, HttpRequest, HttpResponse
from test_streaming_server import StreamingServer, pattern, pattern_sha256, running

SIZE = 3 * 65536 + 123  # several blocks and a ragged end


@pytest.fixture
def server() -> Iterator[StreamingServer]:
    with running() as server:
        yield server


@pytest.fixture
def transport() -> Iterator[HttpClientTransport]:
    with HttpClientTransport(connect_timeout=2.0) as client:
        yield client


def fetch(transport: HttpClientTransport, url: str, **options: object) -> HttpResponse:
    return transport.send(HttpRequest("GET", url, stream_response=True, **options), 5.0)  # type: ignore[arg-type]


def upload(transport: HttpClientTransport, url: str, stream: RequestStream) -> dict[str, object]:
    response = transport.send(HttpRequest("POST", f"{url}/digest", body_stream=stream), 5.0)
    summary = json.loads(response.body)
    assert isinstance(summary, dict)
    return summary


# ---------------------------------------------------------------------------------------
# Responses


def test_streamed_response_is_read_in_pieces_and_its_connection_reused(
    server: StreamingServer, transport: HttpClientTransport
) -> None:
    response = fetch(transport, f"{server.url}/bytes-{SIZE}")
    body = response.body_stream
    assert response.body == b"" and body is not None and body.content_length == SIZE
    digest = hashlib.sha256()
    sizes = []
    for chunk in body.iter_chunks(10_000):
        digest.update(chunk)
        sizes.append(len(chunk))
    assert digest.hexdigest() == pattern_sha256(SIZE) and max(sizes) <= 10_000
    assert body.read() == b"" and body.tell() == SIZE

    fetch(transport, f"{server.url}/bytes-10").body_stream.read()  # type: ignore[union-attr]
    assert server.ports()[0] == server.ports()[1]


def test_chunked_response_streams_and_connection_is_reused(
    server: StreamingServer, transport: HttpClientTransport
) -> None:
    body = fetch(transport, f"{server.url}/chunked-{SIZE}").body_stream
    assert body is not None and body.content_length is None
    assert hashlib.sha256(body.read()).hexdigest() == pattern_sha256(SIZE)
    fetch(transport, f"{server.url}/bytes-1").body_stream.read()  # type: ignore[union-attr]
    assert server.ports()[0] == server.ports()[1]


def test_body_closed_early_drops_its_connection(
    server: StreamingServer, transport: HttpClientTransport
) -> None:
    with fetch(transport, f"{server.url}/bytes-{SIZE}").body_stream as body:  # type: ignore[union-attr]
        assert body.read(100) == next(pattern(100))
    assert body.closed
    with pytest.raises(ValueError):
        body.read()
    # The unread rest must not reach the next request: a fresh connection carries it.
    again = fetch(transport, f"{server.url}/bytes-5").body_stream
    assert again is not None and again.read() == next(pattern(5))
    assert server.ports()[0] != server.ports()[1]


def test_response_cut_short_raises_and_drops_the_connection(
    server: StreamingServer, transport: HttpClientTransport
) -> None:
    body = fetch(transport, f"{server.url}/short-{SIZE}").body_stream
    assert body is not None
    with pytest.raises(IncompleteReadError) as raised:
        for _ in body.iter_chunks(65536):
            pass
    assert isinstance(raised.value, ConnectionClosedError)
    assert f"of {SIZE} bytes" in str(raised.value)
    assert fetch(transport, f"{server.url}/bytes-3").body_stream.read() == next(pattern(3))  # type: ignore[union-attr]


def test_error_status_is_read_whole_even_when_streaming_was_asked(
    server: StreamingServer, transport: HttpClientTransport
) -> None:
    response = fetch(transport, f"{server.url}/fail-1")
    assert response.status == 500 and response.body_stream is None
    assert json.loads(response.body) == {"__type": "InternalFailure"}


def test_streaming_body_reads_iterates_and_splits_lines() -> None:
    body = StreamingBody.from_bytes(b"one\ntwo\r\nthree")
    assert body.read(0) == b"" and body.read(2) == b"on"
    assert list(body.iter_lines(chunk_size=3)) == [b"e", b"two", b"three"]
    assert list(StreamingBody.from_bytes(b"x" * 2500)) == [b"x" * 1024, b"x" * 1024, b"x" * 452]
    with StreamingBody.from_bytes(b"abc") as whole:
        assert whole.read(None) == b"abc" and whole.read(1) == b""
    assert whole.closed and "3 bytes" in repr(whole)


# ---------------------------------------------------------------------------------------
# Requests


def test_file_of_known_size_is_sent_with_content_length(
    server: StreamingServer, transport: HttpClientTransport, tmp_path: Path
) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(b"".join(pattern(SIZE)))
    with path.open("rb") as file:
        file.seek(100)  # sent from where the file stands, as botocore measures it
        summary = upload(transport, server.url, RequestStream(file))
    assert summary["content_length"] == str(SIZE - 100) and summary["transfer_encoding"] is None
    assert summary["sha256"] == hashlib.sha256(path.read_bytes()[100:]).hexdigest()


def test_generator_is_sent_chunked(server: StreamingServer, transport: HttpClientTransport) -> None:
    summary = upload(transport, server.url, RequestStream(pattern(SIZE)))
    assert summary["transfer_encoding"] == "chunked" and summary["content_length"] is None
    assert (summary["length"], summary["sha256"]) == (SIZE, pattern_sha256(SIZE))


@pytest.mark.parametrize(
    "value",
    [bytearray(b"ab" * 1000), memoryview(b"ab" * 1000), [b"ab" * 500, b"", b"ab" * 500]],
    ids=["bytearray", "memoryview", "list"],
)
def test_buffers_and_lists_are_sent_with_content_length(
    server: StreamingServer, transport: HttpClientTransport, value: object
) -> None:
    stream = request_payload(value)
    assert isinstance(stream, RequestStream) and stream.seekable
    summary = upload(transport, server.url, stream)
    assert summary["content_length"] == "2000"
    assert summary["sha256"] == hashlib.sha256(b"ab" * 1000).hexdigest()


def test_seekable_body_is_rewound_when_a_pooled_connection_was_dead(
    server: StreamingServer, transport: HttpClientTransport
) -> None:
    transport.send(HttpRequest("GET", f"{server.url}/drop"), 5.0)  # leaves a dead connection
    summary = upload(transport, server.url, RequestStream(io.BytesIO(b"z" * SIZE)))
    assert (summary["length"], summary["sha256"]) == (SIZE, hashlib.sha256(b"z" * SIZE).hexdigest())


def test_unseekable_body_takes_a_fresh_connection(
    server: StreamingServer, transport: HttpClientTransport
) -> None:
    transport.send(HttpRequest("GET", f"{server.url}/drop"), 5.0)
    summary = upload(transport, server.url, RequestStream(iter([b"a", b"b"])))
    assert summary["sha256"] == hashlib.sha256(b"ab").hexdigest()


def test_request_payload_keeps_bytes_and_rejects_other_types() -> None:
    assert request_payload(b"raw") == b"raw" and request_payload("é") == "é".encode()
    assert request_payload(None) == b""
    with pytest.raises(TypeError, match="binary file object"):
        request_payload(12)
    with pytest.raises(TypeError, match="yielded str"):
        b"".join(RequestStream(["text"]).chunks())  # type: ignore[list-item]


def test_unseekable_stream_cannot_rewind_once_started() -> None:
    stream = RequestStream(x for x in [b"a", b"b"])
    assert not stream.seekable and stream.length is None
    stream.rewind()  # nothing taken yet: fine
    assert next(stream.chunks()) == b"a"
    with pytest.raises(UnseekableStreamError):
        stream.rewind()


def test_spooled_copy_is_seekable_hashed_and_spills_to_disk() -> None:
    size = 9 * 1024 * 1024  # past the in-memory limit
    spooled = RequestStream(pattern(size)).spooled()
    assert spooled.seekable and spooled.length == size
    assert spooled.sha256() == pattern_sha256(size)
    assert hashlib.sha256(spooled.read_all()).hexdigest() == pattern_sha256(size)
    spooled.close()


def test_payload_hash_agrees_with_botocore_and_unsigned_payload_over_https() -> None:
    data = os.urandom(200_000)
    file = io.BytesIO(data)
    file.seek(7)
    signed = sign_payload(HttpRequest("POST", "http://h/x", body_stream=RequestStream(file)), False)
    boto = AWSRequest("POST", "http://h/x", data=io.BytesIO(data))
    boto.body.seek(7)  # type: ignore[union-attr]
    theirs = SigV4Auth(BotoCredentials("AK", "SK"), "svc", "us-east-1").payload(boto)
    assert signed.headers["X-Amz-Content-SHA256"] == theirs
    assert file.tell() == 7  # hashing left the body where it was

    generator = RequestStream(iter([b"a", b"b"]))
    unsigned = sign_payload(HttpRequest("POST", "https://h/x", body_stream=generator), True)
    assert unsigned.headers["X-Amz-Content-SHA256"] == UNSIGNED_PAYLOAD
    assert unsigned.body_stream is generator and not generator.started  # not spooled
    plain = sign_payload(HttpRequest("POST", "https://h/x", body=b"{}"), True)
    assert plain.headers["X-Amz-Content-SHA256"] == UNSIGNED_PAYLOAD


def test_fake_transport_records_a_streamed_body_in_memory() -> None:
    fake = FakeTransport([HttpResponse(200)])
    fake.send(HttpRequest("POST", "http://h/x", body_stream=RequestStream([b"a", b"b"])), 1.0)
    assert fake.requests[0].body == b"ab" and fake.requests[0].body_stream is None
