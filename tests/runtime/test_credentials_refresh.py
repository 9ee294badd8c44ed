"""Refreshable credentials (botocore's advisory and mandatory windows, one refresh in flight),
the public ``<pkg>.resolve_credentials``, secrets kept out of reprs and errors, STS as a
query-protocol call (against moto's server and botocore's endpoint resolution), and the
network providers' details (container relative URI, IMDS attempts, allowed hosts)."""

from __future__ import annotations

import datetime
import importlib
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _aws_standins import Standins, running_standins
from runtime import credentials_config, credentials_metadata, credentials_providers, credentials_sts
from runtime.auth import Credentials, resolve_credentials
from runtime.credentials import (
    ADVISORY_REFRESH_SECONDS,
    MANDATORY_REFRESH_SECONDS,
    CredentialRetrievalError,
    CredentialsConfigError,
    RefreshableCredentials,
    TemporaryCredentials,
    load_credentials,
)
from runtime.errors import NoCredentialsError

GENERATED = Path(__file__).resolve().parents[2] / "generated"
UTC = datetime.UTC


def _in(seconds: float) -> datetime.datetime:
    return datetime.datetime.now(UTC) + datetime.timedelta(seconds=seconds)


class CountingRefresher:
    """Returns fresh credentials (valid an hour) after ``delay`` seconds; counts calls."""

    def __init__(self, delay: float = 0.0, fail: bool = False) -> None:
        self.calls = 0
        self.delay = delay
        self.fail = fail
        self._lock = threading.Lock()

    def __call__(self) -> TemporaryCredentials:
        with self._lock:
            self.calls += 1
            number = self.calls
        time.sleep(self.delay)
        if self.fail:
            raise CredentialRetrievalError("refresh failed")
        return TemporaryCredentials(f"NEW{number}", "new-secret", "new-token", _in(3600))


def _hammer(credentials: RefreshableCredentials, threads: int = 16) -> list[Any]:
    barrier = threading.Barrier(threads)
    results: list[Any] = [None] * threads

    def worker(index: int) -> None:
        barrier.wait()
        try:
            results[index] = credentials.frozen()
        except Exception as error:  # noqa: BLE001 - collected and asserted on
            results[index] = error

    workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(30)
    return results


# ---------------------------------------------------------------------------
# Refresh windows


def test_botocore_windows() -> None:
    import botocore.credentials

    assert ADVISORY_REFRESH_SECONDS == botocore.credentials._DEFAULT_ADVISORY_REFRESH_TIMEOUT
    assert MANDATORY_REFRESH_SECONDS == botocore.credentials._DEFAULT_MANDATORY_REFRESH_TIMEOUT


def test_mandatory_window_refreshes_exactly_once_under_16_threads() -> None:
    refresher = CountingRefresher(delay=0.3)
    old = TemporaryCredentials("OLD", "old-secret", "old-token", _in(300))
    credentials = RefreshableCredentials(refresher, "assume-role", old)
    results = _hammer(credentials)
    assert refresher.calls == 1
    assert all(isinstance(result, Credentials) for result in results)
    assert {result.access_key for result in results} == {"NEW1"}  # everyone waited
    assert credentials.frozen().access_key == "NEW1" and refresher.calls == 1


def test_advisory_window_one_thread_refreshes_the_others_do_not_wait() -> None:
    refresher = CountingRefresher(delay=0.5)
    old = TemporaryCredentials("OLD", "old-secret", "old-token", _in(12 * 60))
    credentials = RefreshableCredentials(refresher, "iam-role", old)
    started = time.monotonic()
    results = _hammer(credentials)
    assert refresher.calls == 1
    keys = [result.access_key for result in results]
    assert keys.count("NEW1") == 1 and keys.count("OLD") == 15
    assert time.monotonic() - started < 5
    assert credentials.frozen().access_key == "NEW1"


def test_deferred_credentials_fetch_once_on_first_use_under_16_threads() -> None:
    refresher = CountingRefresher(delay=0.2)
    credentials = RefreshableCredentials(refresher, "assume-role")
    assert refresher.calls == 0
    results = _hammer(credentials)
    assert refresher.calls == 1
    assert {result.access_key for result in results} == {"NEW1"}


def test_fresh_credentials_are_not_refreshed() -> None:
    refresher = CountingRefresher()
    credentials = RefreshableCredentials(
        refresher, "env", TemporaryCredentials("KEY", "s", "t", _in(3600))
    )
    _hammer(credentials)
    assert refresher.calls == 0


def test_advisory_failure_keeps_the_current_credentials() -> None:
    refresher = CountingRefresher(fail=True)
    old = TemporaryCredentials("OLD", "old-secret", "old-token", _in(12 * 60))
    credentials = RefreshableCredentials(refresher, "iam-role", old)
    assert credentials.frozen().access_key == "OLD"
    assert refresher.calls == 1


def test_mandatory_failure_is_raised() -> None:
    refresher = CountingRefresher(fail=True)
    old = TemporaryCredentials("OLD", "old-secret", "old-token", _in(60))
    credentials = RefreshableCredentials(refresher, "iam-role", old)
    with pytest.raises(CredentialRetrievalError):
        credentials.frozen()


def test_refresh_that_returns_expired_credentials_is_an_error() -> None:
    def refresh() -> TemporaryCredentials:
        return TemporaryCredentials("STALE", "s", "t", _in(-60))

    credentials = RefreshableCredentials(refresh, "custom-process")
    with pytest.raises(CredentialRetrievalError, match="still expired"):
        credentials.frozen()


def test_imds_credentials_refresh_once_under_16_threads(tmp_path: Path) -> None:
    with running_standins() as standins:
        environ = _isolated(tmp_path, standins, AWS_EC2_METADATA_SERVICE_ENDPOINT="/v2/")
        standins.expiry = _in(300).strftime("%Y-%m-%dT%H:%M:%SZ")
        found = load_credentials(environ=environ)
        assert isinstance(found, RefreshableCredentials) and found.source == "iam-role"
        assert standins.calls["imds-credentials"] == 1
        # Expiring in 5 minutes, they are extended as botocore extends them (17 to 25).
        assert found.expiry is not None and _in(16 * 60) < found.expiry < _in(26 * 60)
        assert found.frozen() and standins.calls["imds-credentials"] == 1
        found._current = TemporaryCredentials("OLD", "s", "t", _in(60))
        standins.expiry = _in(6 * 3600).strftime("%Y-%m-%dT%H:%M:%SZ")
        results = _hammer(found)
        assert standins.calls["imds-credentials"] == 2
        assert all(result.source == "iam-role" for result in results)
        assert results[0].expiry > _in(3600)


def test_client_signs_each_attempt_with_refreshed_credentials() -> None:
    sys.path.insert(0, str(GENERATED))
    try:
        sagemaker = importlib.import_module("sagemaker")
        transport_module = importlib.import_module("sagemaker._runtime.transport")
    finally:
        sys.path.remove(str(GENERATED))
    refresher = CountingRefresher()
    credentials = RefreshableCredentials(
        refresher, "assume-role", TemporaryCredentials("OLD", "s", "t", _in(3600))
    )
    transport = transport_module.FakeTransport(
        handler=lambda request: transport_module.json_response(200, {})
    )
    client = sagemaker.Client("us-east-1", credentials=credentials, transport=transport)
    client.list_hyper_parameter_tuning_jobs()
    credentials._current = TemporaryCredentials("OLD", "s", "t", _in(60))
    client.list_hyper_parameter_tuning_jobs()
    authorizations = [request.headers["Authorization"] for request in transport.requests]
    assert "Credential=OLD/" in authorizations[0] and "Credential=NEW1/" in authorizations[1]
    assert refresher.calls == 1


# ---------------------------------------------------------------------------
# The public resolve_credentials, secrets


def _isolated(home: Path, standins: Standins, **extra: str) -> dict[str, str]:
    """An environment with nothing but ``HOME`` and the stand-ins (``/path`` values are
    made stand-in URLs)."""
    environ = {
        "HOME": str(home),
        "AWS_EC2_METADATA_SERVICE_ENDPOINT": standins.imds + "/none/",
        "AWS_ENDPOINT_URL_STS": standins.sts,
        "AWS_DEFAULT_REGION": "us-west-2",
    }
    for name, value in extra.items():
        environ[name] = standins.base + value if value.startswith("/") else value
    return environ


def test_generated_package_exports_resolve_credentials(tmp_path: Path) -> None:
    (tmp_path / ".aws").mkdir()
    (tmp_path / ".aws" / "credentials").write_text(
        "[dev]\naws_access_key_id = DEVKEY\naws_secret_access_key = devsecret\n"
    )
    script = (
        "import sagemaker, sys\n"
        "c = sagemaker.resolve_credentials(profile='dev')\n"
        "print(c.access_key, c.secret_key, c.token, c.expiry, c.source)\n"
        "print('resolve_credentials' in sagemaker.__all__, 'subprocess' in sys.modules)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(GENERATED)}
    output = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert output[0] == "DEVKEY devsecret None None shared-credentials-file"
    assert output[1] == "True False"


def test_secrets_never_in_repr_or_errors(tmp_path: Path) -> None:
    frozen = Credentials("AKIDVISIBLE", "TOPSECRET", "SESSIONTOKEN", source="env")
    refreshable = RefreshableCredentials(
        CountingRefresher(), "sso", TemporaryCredentials("AKID2", "TOPSECRET", "SESSIONTOKEN")
    )
    temporary = TemporaryCredentials("AKID3", "TOPSECRET", "SESSIONTOKEN", _in(60))
    for text in (repr(frozen), repr(refreshable), repr(temporary), str(refreshable)):
        assert "TOPSECRET" not in text and "SESSIONTOKEN" not in text
    assert "AKIDVISIBLE" in repr(frozen) and "sso" in repr(refreshable)
    # A process that fails after printing secrets: the error carries only its stderr.
    script = tmp_path / "proc.py"
    script.write_text(
        'import sys\nprint(\'{"Version": 1, "AccessKeyId": "A", '
        '"SecretAccessKey": "TOPSECRET"}\')\nsys.stderr.write(\'denied\')\nsys.exit(3)\n'
    )
    (tmp_path / "config").write_text(f"[default]\ncredential_process = {sys.executable} {script}\n")
    environ = {"HOME": str(tmp_path), "AWS_CONFIG_FILE": str(tmp_path / "config")}
    with pytest.raises(CredentialRetrievalError) as raised:
        load_credentials(environ=environ)
    assert "TOPSECRET" not in str(raised.value) and "denied" in str(raised.value)
    # A container token with a newline is refused without echoing it.
    environ = {
        "HOME": str(tmp_path),
        "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:1/x",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN": "TOPSECRET\nx",
    }
    with pytest.raises(CredentialsConfigError) as refused:
        load_credentials(environ=environ)
    assert "TOPSECRET" not in str(refused.value)


def test_explicit_keys_are_reported_as_explicit() -> None:
    found = resolve_credentials("AKID", "secret")
    assert isinstance(found, Credentials) and found.source == "explicit"


# ---------------------------------------------------------------------------
# STS


@pytest.mark.parametrize(
    ("region", "regional"),
    [
        ("us-west-2", None),
        ("eu-central-1", None),
        ("cn-north-1", None),
        ("us-east-1", None),
        ("us-east-1", "legacy"),
        ("eu-west-1", "legacy"),
        ("af-south-1", "legacy"),
        (None, None),
    ],
)
def test_sts_endpoint_is_botocores(region: str | None, regional: str | None) -> None:
    import botocore.session

    environ = {"HOME": "/nonexistent"}
    if region:
        environ["AWS_DEFAULT_REGION"] = region
    if regional:
        environ["AWS_STS_REGIONAL_ENDPOINTS"] = regional
    config = credentials_config._load_config(environ)
    ours = credentials_sts._sts_endpoint(environ, config, "default")[0]
    session = botocore.session.Session()
    session.set_config_variable("sts_regional_endpoints", regional or "regional")
    client = session.create_client(
        "sts", region_name=region, aws_access_key_id="a", aws_secret_access_key="b"
    )
    assert ours == client.meta.endpoint_url


def test_configured_endpoint_precedence(tmp_path: Path) -> None:
    """botocore's order: service variable, global variable, services section, profile (the
    differential cases are in test_client_config_endpoints.py)."""
    from runtime.settings import configured_endpoint

    (tmp_path / "config").write_text(
        "[default]\nservices = local\nendpoint_url = http://profile\n"
        "[services local]\nsts =\n  endpoint_url = http://section\n"
    )
    environ = {"HOME": str(tmp_path), "AWS_CONFIG_FILE": str(tmp_path / "config")}
    config = credentials_config._load_config(environ)
    assert configured_endpoint(environ, config, "default", "STS") == "http://section"
    assert configured_endpoint(environ, config, "default", "SSO") == "http://profile"
    environ["AWS_ENDPOINT_URL"] = "http://global"
    assert configured_endpoint(environ, config, "default", "STS") == "http://global"
    assert configured_endpoint(environ, config, "default", "SSO") == "http://global"
    environ["AWS_ENDPOINT_URL_STS"] = "http://env-sts"
    assert configured_endpoint(environ, config, "default", "STS") == "http://env-sts"
    environ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true"
    assert configured_endpoint(environ, config, "default", "STS") is None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def moto_sts() -> Iterator[str]:
    pytest.importorskip("moto.server", reason="moto[server] is not installed")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1):
                    break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("moto server did not start") from None
                time.sleep(0.1)
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_assume_role_chain_against_moto(tmp_path: Path, moto_sts: str) -> None:
    (tmp_path / "config").write_text(
        "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/top\nsource_profile = mid\n"
        "role_session_name = codegen-test\n"
        "[profile mid]\nrole_arn = arn:aws:iam::123456789012:role/mid\nsource_profile = base\n"
        "[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = basesecret\n"
    )
    environ = {
        "HOME": str(tmp_path),
        "AWS_CONFIG_FILE": str(tmp_path / "config"),
        "AWS_ENDPOINT_URL_STS": moto_sts,
        "AWS_DEFAULT_REGION": "eu-west-1",
    }
    found = load_credentials("role", environ)
    assert isinstance(found, RefreshableCredentials)
    frozen = found.frozen()
    assert frozen.source == "assume-role" and frozen.access_key.startswith("ASIA")
    assert frozen.token and frozen.expiry is not None and frozen.expiry > _in(600)


def test_web_identity_against_moto(tmp_path: Path, moto_sts: str) -> None:
    token = tmp_path / "token"
    token.write_text("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig")
    environ = {
        "HOME": str(tmp_path),
        "AWS_WEB_IDENTITY_TOKEN_FILE": str(token),
        "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/web",
        "AWS_ENDPOINT_URL_STS": moto_sts,
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    frozen = load_credentials(environ=environ).frozen()
    assert frozen.source == "assume-role-with-web-identity"
    assert frozen.access_key.startswith("ASIA") and frozen.token


def test_sts_error_names_code_not_secrets() -> None:
    body = (
        b'<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error>'
        b"<Code>ExpiredToken</Code><Message>expired</Message></Error></ErrorResponse>"
    )
    with pytest.raises(CredentialRetrievalError, match="ExpiredToken: expired"):
        credentials_sts._parse_sts_response(400, body, "AssumeRole", "assume-role")
    with pytest.raises(CredentialRetrievalError, match="without a readable XML body"):
        credentials_sts._parse_sts_response(502, b"<html", "AssumeRole", "assume-role")


# ---------------------------------------------------------------------------
# Container and instance metadata details


def test_container_relative_uri_goes_to_the_ecs_address(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def fake_json(url: str, headers: dict[str, str]) -> dict[str, str]:
        seen.append(url)
        return {
            "AccessKeyId": "ECSKEY",
            "SecretAccessKey": "s",
            "Token": "t",
            "Expiration": "2099-01-01T00:00:00Z",
        }

    monkeypatch.setattr(credentials_providers, "_container_json", fake_json)
    environ = {"HOME": "/nonexistent", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/creds/abc"}
    assert load_credentials(environ=environ).frozen().source == "container-role"
    assert seen == ["http://169.254.170.2/v2/creds/abc"]


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("http://127.0.0.1:8080/x", True),
        ("http://127.1.2.3/x", True),
        ("http://[::1]/x", True),
        ("http://localhost/x", True),
        ("http://169.254.170.2/x", True),
        ("http://169.254.170.23/v1/credentials", True),
        ("http://[fd00:ec2::23]/v1/credentials", True),
        ("https://anywhere.example.com/x", True),
        ("http://169.254.169.254/x", False),
        ("http://example.com/x", False),
        ("http://10.0.0.1/x", False),
    ],
)
def test_container_hosts_are_botocores(url: str, allowed: bool) -> None:
    from botocore.utils import ContainerMetadataFetcher

    try:
        ContainerMetadataFetcher()._validate_allowed_url(url)
        botocore_allows = True
    except ValueError:
        botocore_allows = False
    assert botocore_allows == allowed
    if allowed:
        credentials_metadata._check_container_url(url)
    else:
        with pytest.raises(CredentialsConfigError):
            credentials_metadata._check_container_url(url)


def test_imds_attempts_and_timeout_from_env_and_config(tmp_path: Path) -> None:
    (tmp_path / "config").write_text(
        "[default]\nmetadata_service_timeout = 3\nmetadata_service_num_attempts = 4\n"
    )
    environ = {"HOME": str(tmp_path), "AWS_CONFIG_FILE": str(tmp_path / "config")}
    profile = credentials_config._load_config(environ).profiles["default"]
    fetcher = credentials_metadata._InstanceMetadata(environ, profile)
    assert (fetcher.timeout, fetcher.attempts, fetcher.base) == (3.0, 4, "http://169.254.169.254/")
    environ["AWS_METADATA_SERVICE_TIMEOUT"] = "2"
    environ["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"] = "IPv6"
    fetcher = credentials_metadata._InstanceMetadata(environ, profile)
    assert (fetcher.timeout, fetcher.base) == (2.0, "http://[fd00:ec2::254]/")


def test_imds_unreachable_is_no_credentials_after_the_attempts() -> None:
    port = _free_port()  # nothing listens there
    environ = {
        "HOME": "/nonexistent",
        "AWS_EC2_METADATA_SERVICE_ENDPOINT": f"http://127.0.0.1:{port}/",
        "AWS_METADATA_SERVICE_NUM_ATTEMPTS": "3",
    }
    with pytest.raises(NoCredentialsError) as raised:
        load_credentials(environ=environ)
    assert type(raised.value) is NoCredentialsError


def test_importing_the_chain_loads_no_heavy_module() -> None:
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); import sagemaker, sagemaker.client\n"
        "sagemaker.Client('us-east-1')\n"
        "import sagemaker._runtime.credentials\n"
        "heavy = {'subprocess', 'xml.etree.ElementTree', 'shlex'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", script, str(GENERATED)], capture_output=True, text=True, check=True
    )
    assert output.stdout.strip() == "[]"


def test_secrets_never_in_logs(caplog: pytest.LogCaptureFixture) -> None:
    import logging

    caplog.set_level(logging.DEBUG)
    sagemaker = _generated_sagemaker()
    transport_module = importlib.import_module("sagemaker._runtime.transport")
    errors = importlib.import_module("sagemaker._runtime.errors")
    credentials = RefreshableCredentials(
        lambda: TemporaryCredentials("NEWKEY", "TOPSECRET2", "SESSIONTOKEN2", _in(3600)),
        "assume-role",
        TemporaryCredentials("OLDKEY", "TOPSECRET1", "SESSIONTOKEN1", _in(60)),
    )
    transport = transport_module.FakeTransport(
        [
            errors.ConnectionClosedError("reset", url="https://x"),
            transport_module.json_response(200, {}),
        ]
    )
    client = sagemaker.Client("us-east-1", credentials=credentials, transport=transport)
    client.list_hyper_parameter_tuning_jobs()
    text = caplog.text + "".join(repr(record.args) for record in caplog.records)
    for secret in ("TOPSECRET1", "TOPSECRET2", "SESSIONTOKEN1", "SESSIONTOKEN2"):
        assert secret not in text
    assert "Credential=NEWKEY/" in transport.requests[-1].headers["Authorization"]


def test_connect_timeout_reaches_the_default_transport() -> None:
    sagemaker = _generated_sagemaker()
    client = sagemaker.Client("us-east-1", access_key="A", secret_key="B", connect_timeout=2.5)
    assert client._config().transport._connect_timeout == 2.5


def _generated_sagemaker() -> Any:
    sys.path.insert(0, str(GENERATED))
    try:
        return importlib.import_module("sagemaker")
    finally:
        sys.path.remove(str(GENERATED))


def test_sso_session_token_renewal_rewrites_the_cache(tmp_path: Path) -> None:
    import hashlib
    import json

    cache = tmp_path / ".aws" / "sso" / "cache" / (hashlib.sha1(b"corp").hexdigest() + ".json")
    cache.parent.mkdir(parents=True)
    cache.write_text(
        json.dumps(
            {
                "accessToken": "OLDTOKEN",
                "expiresAt": _in(120).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "refreshToken": "REFRESHME",
                "clientId": "client-id",
                "clientSecret": "client-secret",
                "registrationExpiresAt": "2099-01-01T00:00:00Z",
            }
        )
    )
    (tmp_path / ".aws" / "config").write_text(
        "[default]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\n"
        "[sso-session corp]\nsso_region = us-east-1\n"
        "sso_start_url = https://corp.awsapps.com/start\n"
    )
    with running_standins() as standins:
        environ = _isolated(
            tmp_path, standins, AWS_ENDPOINT_URL_SSO="/sso", AWS_ENDPOINT_URL_SSO_OIDC="/oidc"
        )
        environ["HOME"] = str(tmp_path)
        frozen = load_credentials(environ=environ).frozen()
        assert frozen.source == "sso" and standins.calls["oidc"] == 1
    saved = json.loads(cache.read_text())
    assert saved["accessToken"] == "SSOACCESSTOKEN" and saved["refreshToken"] == "REFRESHED"
    assert _in(50 * 60) < datetime.datetime.fromisoformat(saved["expiresAt"]) < _in(70 * 60)
    assert "OLDTOKEN" not in repr(frozen) and "client-secret" not in repr(frozen)


def test_chain_internals_keep_secrets_out_of_repr(tmp_path: Path) -> None:
    """The chain's own values (the environment, the parsed files, where its calls go)
    print no secret: a traceback or a debugger shows them."""
    from runtime.credentials_providers import _Chain
    from runtime.credentials_sts import _Endpoints

    (tmp_path / "credentials").write_text(
        "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = FILESECRET\n"
    )
    environ = {
        "HOME": str(tmp_path),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "credentials"),
        "AWS_SECRET_ACCESS_KEY": "ENVSECRET",
        "AWS_SESSION_TOKEN": "ENVTOKEN",
    }
    config = credentials_config._load_config(environ)
    shown = repr(config) + repr(_Chain(environ, "default", False, config))
    shown += repr(_Endpoints(environ, config, "default"))
    for secret in ("FILESECRET", "ENVSECRET", "ENVTOKEN"):
        assert secret not in shown
