"""Client configuration as boto3 reads it (``runtime.settings``): endpoint URL, attempts and
retry mode against botocore's own reading; the CA bundle and ``verify=`` against a local TLS
server with a self-signed certificate; HTTPS through a local CONNECT proxy."""

from __future__ import annotations

import base64
import importlib
import json
import ssl
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import _tls_proxy
import pytest
from _tls_proxy import ConnectProxy
from runtime.errors import ConfigurationError
from runtime.settings import ClientSettings, ProxyTransport, resolve_settings

GENERATED = Path(__file__).resolve().parents[2] / "generated"
certificate = _tls_proxy.certificate  # the fixture, imported from here by test_streaming_client

SETTINGS_CASES: list[tuple[str, dict[str, str], str]] = [
    ("nothing set", {}, ""),
    ("AWS_ENDPOINT_URL", {"AWS_ENDPOINT_URL": "http://localhost:4566"}, ""),
    ("profile endpoint_url", {}, "[default]\nendpoint_url = http://profile:1\n"),
    (
        "env beats profile",
        {"AWS_ENDPOINT_URL": "http://env:1"},
        "[default]\nendpoint_url = http://profile:1\n",
    ),
    (
        "ignore configured endpoints (env)",
        {"AWS_ENDPOINT_URL": "http://env:1", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"},
        "[default]\nendpoint_url = http://profile:1\n",
    ),
    (
        "ignore configured endpoints (profile)",
        {},
        "[default]\nendpoint_url = http://profile:1\nignore_configured_endpoint_urls = true\n",
    ),
    ("AWS_MAX_ATTEMPTS", {"AWS_MAX_ATTEMPTS": "7"}, ""),
    ("profile max_attempts", {}, "[default]\nmax_attempts = 5\n"),
    ("env max_attempts beats profile", {"AWS_MAX_ATTEMPTS": "2"}, "[default]\nmax_attempts = 5\n"),
    ("AWS_RETRY_MODE", {"AWS_RETRY_MODE": "adaptive"}, ""),
    ("profile retry_mode", {}, "[default]\nretry_mode = standard\nmax_attempts = 4\n"),
    (
        "named profile",
        {"AWS_PROFILE": "dev"},
        "[default]\nmax_attempts = 9\n[profile dev]\nmax_attempts = 6\nretry_mode = adaptive\n",
    ),
    ("AWS_CA_BUNDLE", {"AWS_CA_BUNDLE": "/etc/bundle.pem"}, ""),
    ("profile ca_bundle", {}, "[default]\nca_bundle = /etc/profile-bundle.pem\n"),
]


@pytest.mark.parametrize(
    ("env", "config"),
    [(env, config) for _, env, config in SETTINGS_CASES],
    ids=[name for name, _, _ in SETTINGS_CASES],
)
def test_settings_match_botocore(
    env: dict[str, str], config: str, aws_home: Callable[[dict[str, str], str], None]
) -> None:
    import botocore.session

    aws_home(env, config)
    ours = resolve_settings()
    session = botocore.session.Session()
    client = session.create_client(
        "sts", region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b"
    )
    retries = client.meta.config.retries
    expected_endpoint = client.meta.endpoint_url
    if expected_endpoint == "https://sts.us-east-1.amazonaws.com":
        expected_endpoint = None  # botocore's default: nothing configured
    assert ours.endpoint_url == expected_endpoint
    # Unset, botocore runs its legacy mode (5 attempts); the runtime runs standard mode
    # with 3 attempts (see retry.py): only what is configured is compared.
    assert ours.max_attempts == retries.get("total_max_attempts")
    assert (ours.retry_mode or "legacy") == retries["mode"]
    assert ours.ca_bundle == session.get_config_variable("ca_bundle")


def test_bad_attempts_and_modes_are_configuration_errors(tmp_path: Path) -> None:
    environ = {"HOME": str(tmp_path)}
    with pytest.raises(ConfigurationError, match="integer"):
        resolve_settings(environ={**environ, "AWS_MAX_ATTEMPTS": "many"})
    with pytest.raises(ConfigurationError, match="at least 1"):
        resolve_settings(environ={**environ, "AWS_MAX_ATTEMPTS": "0"})
    with pytest.raises(ConfigurationError, match="retry_mode"):
        resolve_settings(environ={**environ, "AWS_RETRY_MODE": "fast"})


# ---------------------------------------------------------------------------
# TLS: CA bundle and verify=; proxies


class _Answer(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.dumps({"HyperParameterTuningJobSummaries": []}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def tls_server(certificate: tuple[Path, Path]) -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(certificate[0]), str(certificate[1]))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def _sagemaker() -> Any:
    sys.path.insert(0, str(GENERATED))
    try:
        return importlib.import_module("sagemaker")
    finally:
        sys.path.remove(str(GENERATED))


def _call(port: int, host: str = "localhost", **options: Any) -> Any:
    sagemaker = _sagemaker()
    client = sagemaker.Client(
        "us-east-1",
        endpoint_url=f"https://{host}:{port}",
        access_key="AKID",
        secret_key="secret",
        max_attempts=1,
        **options,
    )
    try:
        return client.list_hyper_parameter_tuning_jobs()
    finally:
        client.close()


def test_self_signed_server_is_refused_without_a_bundle(
    tls_server: int, clean_env: pytest.MonkeyPatch
) -> None:
    errors = _sagemaker().errors
    with pytest.raises((errors.EndpointConnectionError, errors.ConnectionClosedError)):
        _call(tls_server)


def test_aws_ca_bundle_trusts_the_server(
    tls_server: int, certificate: tuple[Path, Path], clean_env: pytest.MonkeyPatch
) -> None:
    clean_env.setenv("AWS_CA_BUNDLE", str(certificate[0]))
    assert _call(tls_server).hyper_parameter_tuning_job_summaries == []


def test_profile_ca_bundle_and_verify_argument(
    tls_server: int, certificate: tuple[Path, Path], clean_env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / ".aws").mkdir()
    (tmp_path / ".aws" / "config").write_text(f"[default]\nca_bundle = {certificate[0]}\n")
    assert _call(tls_server).hyper_parameter_tuning_job_summaries == []
    (tmp_path / ".aws" / "config").write_text("[default]\n")
    assert _call(tls_server, verify=str(certificate[0])).hyper_parameter_tuning_job_summaries == []
    assert _call(tls_server, verify=False).hyper_parameter_tuning_job_summaries == []


def _acall(port: int, host: str = "localhost") -> Any:
    import asyncio

    sagemaker = _sagemaker()

    async def call() -> Any:
        async with sagemaker.AsyncClient(
            "us-east-1",
            endpoint_url=f"https://{host}:{port}",
            access_key="AKID",
            secret_key="secret",
            max_attempts=1,
        ) as client:
            return await client.list_hyper_parameter_tuning_jobs()

    return asyncio.run(call())


# Both clients: the blocking transport and the asyncio one read the same proxy settings.
CLIENTS = pytest.mark.parametrize("call", [_call, _acall], ids=["Client", "AsyncClient"])


@CLIENTS
def test_https_through_a_connect_proxy_with_credentials(
    call: Callable[[int], Any],
    tls_server: int,
    certificate: tuple[Path, Path],
    proxy: ConnectProxy,
    clean_env: pytest.MonkeyPatch,
) -> None:
    clean_env.setenv("AWS_CA_BUNDLE", str(certificate[0]))
    clean_env.setenv("HTTPS_PROXY", f"http://user:p%40ss@127.0.0.1:{proxy.port}")
    assert call(tls_server).hyper_parameter_tuning_job_summaries == []
    expected = "Basic " + base64.b64encode(b"user:p@ss").decode()
    assert [(line.rpartition(" ")[0], auth) for line, auth in proxy.seen] == [
        (f"CONNECT localhost:{tls_server}", expected)
    ]


@CLIENTS
def test_no_proxy_bypasses_the_proxy(
    call: Callable[[int], Any],
    tls_server: int,
    certificate: tuple[Path, Path],
    proxy: ConnectProxy,
    clean_env: pytest.MonkeyPatch,
) -> None:
    clean_env.setenv("AWS_CA_BUNDLE", str(certificate[0]))
    clean_env.setenv("https_proxy", f"http://127.0.0.1:{proxy.port}")
    clean_env.setenv("NO_PROXY", "example.com,localhost")
    assert call(tls_server).hyper_parameter_tuning_job_summaries == []
    assert proxy.seen == []


def test_proxy_transport_repr_hides_the_proxy_password() -> None:
    transport = ProxyTransport({"https": "http://user:SECRETPASS@proxy:3128"})
    assert "SECRETPASS" not in repr(transport)
    settings = ClientSettings()
    assert isinstance(settings.transport(environ={"HTTPS_PROXY": "http://p:1"}), ProxyTransport)
    assert not isinstance(settings.transport(environ={}), ProxyTransport)


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"AWS_DEFAULT_REGION": "eu-west-3"},
        {"AWS_PROFILE": "dev"},
        {"AWS_DEFAULT_PROFILE": "ops", "AWS_PROFILE": "dev"},
        {"AWS_PROFILE": "dev", "AWS_DEFAULT_REGION": "ap-south-1"},
    ],
)
def test_region_matches_botocore(
    env: dict[str, str], aws_home: Callable[[dict[str, str], str], None]
) -> None:
    import botocore.session
    from runtime.auth import resolve_region

    aws_home(
        env,
        "[default]\nregion = us-east-2\n[profile dev]\nregion = sa-east-1\n"
        "[profile ops]\nregion = ca-central-1\n",
    )
    assert resolve_region() == botocore.session.Session().get_config_variable("region")
