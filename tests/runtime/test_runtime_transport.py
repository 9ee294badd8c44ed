"""The http.client transport against a real local server; the fake transport; URL building."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from botocore.awsrequest import prepare_request_dict
from botocore.serialize import RestJSONSerializer
from hypothesis import given, settings
from hypothesis import strategies as st
from runtime.errors import ConnectionClosedError, EndpointConnectionError, ReadTimeoutError
from runtime.transport import (
    FakeTransport,
    Headers,
    HttpClientTransport,
    HttpRequest,
    HttpResponse,
    build_url,
    expand_uri_template,
    json_response,
)

SLOW_SECONDS = 0.5


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive unless a response says otherwise

    def _reply(self, payload: dict[str, object]) -> None:
        body = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Amzn-RequestId", "rid")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode()
        if self.path == "/slow":
            time.sleep(SLOW_SECONDS)
        self._reply(
            {
                "client_port": self.client_address[1],
                "method": self.command,
                "path": self.path,
                "body": body,
                "host": self.headers.get("Host"),
                "x_test": self.headers.get("X-Test"),
            }
        )
        if self.path == "/drop-after":
            # Close without announcing it: the client still believes the connection is alive.
            self.close_connection = True

    do_GET = do_POST = do_PUT = _handle

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def transport() -> Iterator[HttpClientTransport]:
    with HttpClientTransport(connect_timeout=2.0) as client:
        yield client


def echo(response: HttpResponse) -> dict[str, object]:
    decoded = json.loads(response.body)
    assert isinstance(decoded, dict)
    return decoded


def test_round_trip_sends_method_path_headers_and_body(
    server_url: str, transport: HttpClientTransport
) -> None:
    request = HttpRequest("POST", f"{server_url}/a%20b?x=1", {"X-Test": "yes"}, b'{"k": 1}')
    response = transport.send(request, timeout=5.0)

    assert response.status == 200
    assert response.headers["x-amzn-requestid"] == "rid"  # case-insensitive lookup
    seen = echo(response)
    assert (seen["method"], seen["path"], seen["body"]) == ("POST", "/a%20b?x=1", '{"k": 1}')
    assert seen["host"] == server_url.removeprefix("http://")
    assert seen["x_test"] == "yes"


def test_keep_alive_connection_is_reused(server_url: str, transport: HttpClientTransport) -> None:
    first = echo(transport.send(HttpRequest("GET", f"{server_url}/one"), timeout=5.0))
    second = echo(transport.send(HttpRequest("GET", f"{server_url}/two"), timeout=5.0))
    assert first["client_port"] == second["client_port"]


def test_reconnects_when_server_closed_the_idle_connection(
    server_url: str, transport: HttpClientTransport
) -> None:
    first = echo(transport.send(HttpRequest("GET", f"{server_url}/drop-after"), timeout=5.0))
    time.sleep(0.05)  # let the server's FIN arrive
    second = echo(transport.send(HttpRequest("POST", f"{server_url}/again", {}, b"x"), timeout=5.0))
    assert second["path"] == "/again" and second["body"] == "x"
    assert second["client_port"] != first["client_port"]


def test_read_timeout_raises_clear_error_and_connection_is_not_reused(
    server_url: str, transport: HttpClientTransport
) -> None:
    started = time.monotonic()
    with pytest.raises(ReadTimeoutError) as raised:
        transport.send(HttpRequest("GET", f"{server_url}/slow"), timeout=0.1)
    assert time.monotonic() - started < SLOW_SECONDS
    assert raised.value.request_sent and "0.1s" in str(raised.value)
    assert (
        echo(transport.send(HttpRequest("GET", f"{server_url}/ok"), timeout=5.0))["path"] == "/ok"
    )


def test_refused_connection_is_reported_as_not_sent(transport: HttpClientTransport) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    with pytest.raises(EndpointConnectionError) as raised:
        transport.send(HttpRequest("GET", f"http://127.0.0.1:{free_port}/"), timeout=1.0)
    assert raised.value.request_sent is False
    assert f"127.0.0.1:{free_port}" in str(raised.value)


def test_server_closing_a_fresh_connection_without_answer_is_connection_closed() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def accept_and_hang_up() -> None:
        conn, _ = listener.accept()
        conn.recv(65536)
        conn.close()

    thread = threading.Thread(target=accept_and_hang_up, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    try:
        with pytest.raises(ConnectionClosedError) as raised:
            HttpClientTransport().send(HttpRequest("GET", url), timeout=2.0)
        assert raised.value.request_sent
    finally:
        thread.join(timeout=2)
        listener.close()


def test_concurrent_requests_from_threads_all_succeed(
    server_url: str, transport: HttpClientTransport
) -> None:
    results: list[str] = []

    def call(index: int) -> None:
        response = transport.send(HttpRequest("GET", f"{server_url}/t{index}"), timeout=5.0)
        results.append(str(echo(response)["path"]))

    threads = [threading.Thread(target=call, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == sorted(f"/t{i}" for i in range(8))


def test_rejects_non_http_urls(transport: HttpClientTransport) -> None:
    with pytest.raises(ValueError, match="unsupported URL"):
        transport.send(HttpRequest("GET", "ftp://example.com/"), timeout=1.0)


# ---------------------------------------------------------------------------
# Fake transport and headers


def test_fake_transport_records_requests_and_plays_queue_then_handler() -> None:
    boom = ConnectionClosedError("dropped", url="http://x/")
    fake = FakeTransport([json_response(503), boom], handler=lambda r: HttpResponse(204))
    request = HttpRequest("GET", "http://x/")

    assert fake.send(request, 1.0).status == 503
    with pytest.raises(ConnectionClosedError):
        fake.send(request, 2.0)
    assert fake.send(request, 3.0).status == 204
    assert fake.requests == [request] * 3 and fake.timeouts == [1.0, 2.0, 3.0]


def test_fake_transport_without_response_fails_loudly() -> None:
    with pytest.raises(AssertionError, match="no response queued"):
        FakeTransport().send(HttpRequest("GET", "http://x/"), 1.0)


def test_headers_are_case_insensitive_and_join_repeats() -> None:
    headers = Headers([("Set-Thing", "a"), ("set-thing", "b"), ("X-Id", "1")])
    assert (
        headers["SET-THING"] == "a, b"
        and "x-id" in headers
        and list(headers)
        == [
            "Set-Thing",
            "X-Id",
        ]
    )
    assert HttpResponse(200, {"Content-Type": "x"}).headers["content-type"] == "x"


# ---------------------------------------------------------------------------
# URL building matches botocore's serializer + endpoint preparation

LABEL = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=10),
    st.sampled_from(["a b", "a/b", "..", "~x", "%2F", "arn:aws:lambda:us-east-1:1:function:f"]),
)
TEMPLATES = st.sampled_from(
    [
        "/",
        "/2015-03-31/functions/{FunctionName}/invocations",
        "/jobs/{JobName}/versions/{Version}",
        "/objects/{Key+}",
        "/tags/{Resource}?tagging",
    ]
)


@settings(max_examples=200, deadline=None)
@given(
    template=TEMPLATES,
    values=st.lists(LABEL, min_size=3, max_size=3),
    query=st.lists(st.tuples(LABEL, LABEL), max_size=4),
    endpoint=st.sampled_from(["https://svc.us-east-1.amazonaws.com", "http://h:1/base/"]),
)
def test_url_building_matches_botocore(
    template: str, values: list[str], query: list[tuple[str, str]], endpoint: str
) -> None:
    names = ["FunctionName", "JobName", "Version", "Key", "Resource"]
    labels = dict(zip(names, values + values[:2], strict=True))
    boto_path = RestJSONSerializer()._render_uri_template(template, labels)
    request_dict: dict[str, object] = {"url_path": boto_path, "query_string": query}
    prepare_request_dict(request_dict, endpoint)

    path = expand_uri_template(template, labels)

    assert path == boto_path
    assert build_url(endpoint, path, query) == request_dict["url"]
