"""Streaming through a generated client (SageMaker Runtime's InvokeEndpoint, from the
corpus's pages: a blob payload both ways) against a local server: the response body is a
StreamingBody; files, buffers and iterables go up in pieces, signed as botocore signs them;
retries re-send what can be re-sent and nothing else."""

from __future__ import annotations

import hashlib
import importlib
import io
import shutil
import ssl
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials as BotoCredentials
from test_client_settings import certificate  # noqa: F401  # a fixture used below
from test_client_wire import CORPUS, write_client_package
from test_streaming_server import Received, StreamingServer, pattern, pattern_sha256, running

from codegen.model.build import build_model

PACKAGE = "st_sagemaker_runtime"
SIZE = 5 * 65536 + 17


def write_runtime_package(root: Path, package: str = PACKAGE) -> None:
    """SageMaker Runtime's package from the corpus's pages (only the runtime's), into root."""
    docs = CORPUS / "sagemaker-2019" / "docs"
    if not docs.is_dir():
        pytest.skip("no sagemaker-2019 corpus at ../shared/corpus")
    pages = root / "pages"
    pages.mkdir()
    for page in docs.glob("API_*untime*.md"):
        shutil.copy(page, pages)
    (service,) = build_model(pages).services
    write_client_package(service, root, package)


@pytest.fixture(scope="module")
def smr(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    root = tmp_path_factory.mktemp("streaming_client")
    write_runtime_package(root)
    sys.path.insert(0, str(root))
    yield importlib.import_module(f"{PACKAGE}.client")
    sys.path.remove(str(root))


@pytest.fixture
def server() -> Iterator[StreamingServer]:
    with running() as server:
        yield server


@pytest.fixture
def tls(certificate: tuple[Path, Path]) -> Iterator[tuple[StreamingServer, str]]:  # noqa: F811
    """An HTTPS server, and the CA bundle that verifies it."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(certificate[0]), str(certificate[1]))
    with running(context) as server:
        yield server, str(certificate[0])


def client(smr: Any, url: str, **options: Any) -> Any:
    retry = importlib.import_module(f"{PACKAGE}._runtime.retry")
    return smr.Client(
        "us-east-1",
        endpoint_url=url,
        access_key="AK",
        secret_key="SK",
        retry=retry.StandardRetryStrategy(3, sleep=lambda seconds: None),
        **options,
    )


def botocore_signature(received: Received, url: str, body: Any, unsigned: bool = False) -> str:
    """The signature botocore computes for what the server received (its signed headers)."""
    authorization = received.headers["authorization"]
    names = authorization.split("SignedHeaders=")[1].split(",")[0].split(";")
    request = AWSRequest(
        received.method,
        url + received.path,
        headers={name: received.headers[name] for name in names if name != "host"},
        data=body,
    )
    request.context["timestamp"] = received.headers["x-amz-date"]
    request.context["payload_signing_enabled"] = not unsigned
    signer = SigV4Auth(BotoCredentials("AK", "SK"), "sagemaker", "us-east-1")
    canonical = signer.canonical_request(request)
    return str(signer.signature(signer.string_to_sign(request, canonical), request))


def signature_of(received: Received) -> str:
    return received.headers["authorization"].rsplit("Signature=", 1)[1]


# ---------------------------------------------------------------------------------------
# Down


def test_blob_payload_response_is_a_streaming_body(smr: Any, server: StreamingServer) -> None:
    with client(smr, server.url) as c:
        response = c.invoke_endpoint(endpoint_name=f"bytes-{SIZE}", body=b"{}")
        streaming = importlib.import_module(f"{PACKAGE}._runtime.streaming")
        assert isinstance(response.body, streaming.StreamingBody)
        assert response.content_type == "application/octet-stream"  # headers still parsed
        digest = hashlib.sha256()
        for chunk in response.body.iter_chunks(65536):
            digest.update(chunk)
        assert digest.hexdigest() == pattern_sha256(SIZE)
        c.invoke_endpoint(endpoint_name="bytes-3", body=b"{}").body.read()
    assert server.ports()[0] == server.ports()[1]  # read to the end: connection reused


def test_closing_a_response_body_early_drops_its_connection(
    smr: Any, server: StreamingServer
) -> None:
    with client(smr, server.url) as c:
        with c.invoke_endpoint(endpoint_name=f"chunked-{SIZE}", body=b"{}").body as body:
            assert body.read(10) == next(pattern(10))
        assert c.invoke_endpoint(endpoint_name="bytes-4", body=b"").body.read() == b"\0\1\2\3"
    assert server.ports()[0] != server.ports()[1]


# ---------------------------------------------------------------------------------------
# Up


def test_file_goes_up_with_content_length_and_a_signature_botocore_agrees_with(
    smr: Any, server: StreamingServer, tmp_path: Path
) -> None:
    path = tmp_path / "input.bin"
    path.write_bytes(b"".join(pattern(SIZE)))
    with client(smr, server.url) as c, path.open("rb") as file:
        c.invoke_endpoint(endpoint_name="digest", body=file).body.read()
    (received,) = server.received
    assert received.headers["content-length"] == str(SIZE)
    assert received.sha256 == pattern_sha256(SIZE)
    assert received.headers["x-amz-content-sha256"] == pattern_sha256(SIZE)
    with path.open("rb") as file:
        assert signature_of(received) == botocore_signature(received, server.url, file)


@pytest.mark.parametrize(
    "make",
    [bytearray, memoryview, lambda data: iter([data[:1000], data[1000:]])],
    ids=["bytearray", "memoryview", "generator"],
)
def test_buffers_and_iterables_go_up_whole(smr: Any, server: StreamingServer, make: Any) -> None:
    data = b"".join(pattern(SIZE))
    with client(smr, server.url) as c:
        c.invoke_endpoint(endpoint_name="digest", body=make(data)).body.read()
    (received,) = server.received
    # Over HTTP the payload is signed: a generator is spooled to be hashed, so its size is known.
    assert received.headers["content-length"] == str(SIZE)
    assert received.sha256 == received.headers["x-amz-content-sha256"] == pattern_sha256(SIZE)


def test_bytes_payload_is_signed_without_a_declared_hash(smr: Any, server: StreamingServer) -> None:
    with client(smr, server.url) as c:
        c.invoke_endpoint(endpoint_name="digest", body=b'{"x": 1}').body.read()
    (received,) = server.received
    assert "x-amz-content-sha256" not in received.headers  # as botocore: no such header
    assert signature_of(received) == botocore_signature(received, server.url, b'{"x": 1}')


def test_seekable_body_is_sent_again_from_its_start_on_retry(
    smr: Any, server: StreamingServer
) -> None:
    file = io.BytesIO(b"ab" * SIZE)
    with client(smr, server.url) as c:
        c.invoke_endpoint(endpoint_name="fail-2", body=file).body.read()
    assert [r.length for r in server.received] == [2 * SIZE] * 3
    assert {r.sha256 for r in server.received} == {hashlib.sha256(b"ab" * SIZE).hexdigest()}


# ---------------------------------------------------------------------------------------
# Unsigned payloads over HTTPS (botocore's v4-unsigned-body operations)


@pytest.fixture
def unsigned(smr: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    info = smr.OPERATIONS["InvokeEndpoint"]
    monkeypatch.setitem(smr.OPERATIONS, "InvokeEndpoint", info._replace(unsigned_payload=True))


def test_unsigned_payload_streams_an_iterable_chunked(
    smr: Any, tls: tuple[StreamingServer, str], unsigned: None
) -> None:
    tls_server, ca_bundle = tls
    with client(smr, tls_server.url, verify=ca_bundle) as c:
        c.invoke_endpoint(endpoint_name="digest", body=pattern(SIZE)).body.read()
    (received,) = tls_server.received
    assert received.headers["transfer-encoding"] == "chunked"
    assert received.headers["x-amz-content-sha256"] == "UNSIGNED-PAYLOAD"
    assert received.sha256 == pattern_sha256(SIZE)
    expected = botocore_signature(received, tls_server.url, b"", unsigned=True)
    assert signature_of(received) == expected


def test_unseekable_body_partly_sent_is_not_retried(
    smr: Any, tls: tuple[StreamingServer, str], unsigned: None
) -> None:
    tls_server, ca_bundle = tls
    errors = importlib.import_module(f"{PACKAGE}.errors")
    with client(smr, tls_server.url, verify=ca_bundle) as c:
        with pytest.raises(errors.ServiceError) as raised:
            c.invoke_endpoint(endpoint_name="fail-1", body=pattern(SIZE))
        assert raised.value.http_status == 500
        # The same call with a seekable body is retried and succeeds.
        c.invoke_endpoint(endpoint_name="fail-1-again", body=io.BytesIO(b"x")).body.read()
    assert [r.length for r in tls_server.received] == [SIZE, 1, 1]


# ---------------------------------------------------------------------------------------
# The request shape


def test_payload_is_checked_as_a_stream_and_lengths_only_on_buffers(smr: Any) -> None:
    shapes = importlib.import_module(f"{PACKAGE}.shapes")
    core = importlib.import_module(f"{PACKAGE}._core")
    with pytest.raises(core.ValidationError, match="bytes, a binary file or an iterable"):
        shapes.InvokeEndpointRequest(endpoint_name="e", body=12)
    with pytest.raises(core.ValidationError, match="length must be <= 5242880"):
        shapes.InvokeEndpointRequest(endpoint_name="e", body=bytearray(5242881))
    big_file = io.BytesIO(bytes(5242881))  # its size is the service's business, as in botocore
    request = shapes.InvokeEndpointRequest.from_dict({"EndpointName": "e", "Body": big_file})
    assert request.body is big_file and request.to_dict()["Body"] is big_file
    as_wire = shapes.InvokeEndpointRequest(endpoint_name="e", body=memoryview(b"ab")).to_dict()
    assert as_wire["Body"] == "YWI="  # buffers keep their base64 wire form
