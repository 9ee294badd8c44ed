"""SigV4 signing checked against botocore's SigV4Auth; credential and region resolution."""

from __future__ import annotations

import datetime
import string
from pathlib import Path
from unittest import mock

import botocore.auth
import botocore.credentials
import pytest
from botocore.awsrequest import create_request_object, prepare_request_dict
from botocore.utils import percent_encode
from hypothesis import given, settings
from hypothesis import strategies as st
from runtime.auth import (
    Credentials,
    canonical_request,
    resolve_credentials,
    resolve_region,
    sign_request,
)
from runtime.errors import NoCredentialsError, NoRegionError
from runtime.transport import HttpRequest

# ---------------------------------------------------------------------------
# Differential test against botocore

ENDPOINTS = st.sampled_from(
    [
        "https://sagemaker.us-east-1.amazonaws.com",
        "https://lambda.eu-west-3.amazonaws.com/",
        "http://localhost:8080",
        "https://example.com:443",
        "http://127.0.0.1:80/base/path",
        "https://Mixed.Case.Example.COM:8443/v1/",
        "http://[::1]:9000",
    ]
)
PATH_SEGMENTS = st.lists(
    st.one_of(
        st.text(st.characters(exclude_categories=["Cs"]), max_size=12),
        st.sampled_from([".", "..", "", "a b", "~user", "x+y=z", "%41", "é/ü", "a:b@c"]),
    ),
    max_size=5,
)
QUERY_TEXT = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=8),
    st.sampled_from(["", "a b", "=", "&", "+", "*", "~", "%20", "ü"]),
)
QUERY = st.lists(
    st.tuples(st.one_of(QUERY_TEXT, st.sampled_from(["key", "Key", "list"])), QUERY_TEXT),
    max_size=6,
)
HEADER_NAMES = st.one_of(
    st.sampled_from(
        [
            "Content-Type",
            "X-Amz-Target",
            "User-Agent",
            "Connection",
            "X-Amzn-Trace-Id",
            "Host",
            "Date",
            "X-Amz-Date",
            "Authorization",
            "X-Amz-Security-Token",
            "X-Amz-Content-SHA256",
            "X-Amz-Invocation-Type",
            "x-amz-meta-thing",
        ]
    ),
    st.text(string.ascii_letters + string.digits + "-_", min_size=1, max_size=10),
)
HEADER_VALUES = st.text(string.printable.strip("\r\n\x0b\x0c") + " \t", max_size=20)
TIMES = st.datetimes(
    min_value=datetime.datetime(1990, 1, 1), max_value=datetime.datetime(2090, 12, 31)
).map(lambda moment: moment.replace(microsecond=0))
NAMES = st.one_of(
    st.sampled_from(["us-east-1", "eu-west-3", "cn-north-1", "sagemaker", "lambda", "execute-api"]),
    st.text(string.ascii_lowercase + string.digits + "-", min_size=1, max_size=12),
)
SECRETS = st.text(string.ascii_letters + string.digits + "/+=", min_size=1, max_size=40)


def botocore_signed(
    method: str,
    endpoint: str,
    url_path: str,
    query: list[tuple[str, str]],
    headers: dict[str, str],
    body: bytes,
    credentials: Credentials,
    region: str,
    service: str,
    now: datetime.datetime,
) -> botocore.awsrequest.AWSRequest:
    """Prepare the request as botocore's endpoint does for JSON/REST-JSON, then sign it."""
    request_dict = {
        "url_path": url_path,
        "query_string": query,
        "method": method,
        "headers": dict(headers),
        "body": body,
    }
    prepare_request_dict(request_dict, endpoint)
    aws_request = create_request_object(request_dict)
    boto_credentials = botocore.credentials.Credentials(
        credentials.access_key, credentials.secret_key, credentials.token
    )
    signer = botocore.auth.SigV4Auth(boto_credentials, service, region)
    with mock.patch.object(botocore.auth, "get_current_datetime", lambda: now):
        signer.add_auth(aws_request)
    return aws_request


def lowered(pairs: object) -> list[tuple[str, str]]:
    items = pairs.items() if hasattr(pairs, "items") else pairs  # type: ignore[union-attr]
    return sorted((str(name).lower(), str(value)) for name, value in items)


@settings(max_examples=400, deadline=None)
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "post"]),
    endpoint=ENDPOINTS,
    segments=PATH_SEGMENTS,
    trailing_slash=st.booleans(),
    query=QUERY,
    headers=st.dictionaries(HEADER_NAMES, HEADER_VALUES, max_size=6),
    body=st.binary(max_size=64),
    access_key=st.text(string.ascii_uppercase + string.digits, min_size=1, max_size=20),
    secret_key=SECRETS,
    token=st.one_of(st.none(), SECRETS),
    region=NAMES,
    service=NAMES,
    now=TIMES,
)
def test_signed_headers_equal_botocore_sigv4(
    method: str,
    endpoint: str,
    segments: list[str],
    trailing_slash: bool,
    query: list[tuple[str, str]],
    headers: dict[str, str],
    body: bytes,
    access_key: str,
    secret_key: str,
    token: str | None,
    region: str,
    service: str,
    now: datetime.datetime,
) -> None:
    url_path = "/" + "/".join(percent_encode(segment) for segment in segments)
    if trailing_slash and segments:
        url_path += "/"
    credentials = Credentials(access_key, secret_key, token)
    expected = botocore_signed(
        method, endpoint, url_path, query, headers, body, credentials, region, service, now
    )

    ours = sign_request(
        HttpRequest(method, expected.url, dict(headers), body), credentials, region, service, now
    )

    assert ours.headers["Authorization"] == expected.headers["Authorization"]
    assert lowered(ours.headers) == lowered(expected.headers)
    assert ours.url == expected.url and ours.body == body


def test_aws_test_suite_get_vanilla_vector() -> None:
    # "get-vanilla" from the AWS SigV4 test suite, published with the documentation.
    credentials = Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    request = HttpRequest("GET", "https://example.amazonaws.com/")
    signed = sign_request(
        request, credentials, "us-east-1", "service", datetime.datetime(2015, 8, 30, 12, 36)
    )
    assert signed.headers["X-Amz-Date"] == "20150830T123600Z"
    assert signed.headers["Authorization"] == (
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
        "SignedHeaders=host;x-amz-date, "
        "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
    )


def test_signing_does_not_mutate_the_request_and_resigning_replaces_old_signature() -> None:
    credentials = Credentials("AKID", "secret", "session")
    request = HttpRequest("POST", "https://svc.us-east-1.amazonaws.com/", {"A": "1"}, b"{}")
    first = sign_request(request, credentials, "us-east-1", "svc", datetime.datetime(2024, 1, 1))
    later = datetime.datetime(2024, 1, 2)
    second = sign_request(first, credentials, "us-east-1", "svc", later)

    assert request.headers == {"A": "1"}
    assert second.headers == sign_request(request, credentials, "us-east-1", "svc", later).headers
    assert first.headers["Authorization"] != second.headers["Authorization"]


def test_signing_key_is_kept_per_secret_date_region_and_service() -> None:
    # The derived key is cached: a rotated secret, another day, region or service must
    # each sign with their own key, as botocore (which derives it every time) does.
    now = datetime.datetime(2024, 5, 6, 7, 8, 9)
    later = datetime.datetime(2024, 5, 7, 7, 8, 9)
    seen = set()
    for secret, region, service, moment in [
        ("first-secret", "us-east-1", "svc", now),
        ("first-secret", "us-east-1", "svc", now),  # a cache hit
        ("rotated-secret", "us-east-1", "svc", now),
        ("first-secret", "eu-west-3", "svc", now),
        ("first-secret", "us-east-1", "other", now),
        ("first-secret", "us-east-1", "svc", later),
    ]:
        credentials = Credentials("AKID", secret)
        expected = botocore_signed(
            "POST",
            "https://svc.example.com",
            "/",
            [],
            {},
            b"{}",
            credentials,
            region,
            service,
            moment,
        )
        ours = sign_request(
            HttpRequest("POST", expected.url, {}, b"{}"), credentials, region, service, moment
        )
        assert ours.headers["Authorization"] == expected.headers["Authorization"]
        seen.add(ours.headers["Authorization"])
    assert len(seen) == 5


def test_current_time_is_utc_to_the_second() -> None:
    before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    signed = sign_request(
        HttpRequest("GET", "https://svc.example.com/"), Credentials("AKID", "s"), "r", "svc"
    )
    after = datetime.datetime.now(datetime.UTC)
    stamp = datetime.datetime.strptime(signed.headers["X-Amz-Date"], "%Y%m%dT%H%M%SZ")
    assert before <= stamp.replace(tzinfo=datetime.UTC) <= after


def test_aware_datetime_is_converted_to_utc() -> None:
    credentials = Credentials("AKID", "secret")
    request = HttpRequest("GET", "https://svc.example.com/")
    paris = datetime.timezone(datetime.timedelta(hours=2))
    aware = sign_request(
        request, credentials, "r", "s", datetime.datetime(2024, 6, 1, 14, 0, tzinfo=paris)
    )
    naive = sign_request(request, credentials, "r", "s", datetime.datetime(2024, 6, 1, 12, 0))
    assert aware.headers == naive.headers


def test_canonical_request_encodes_path_labels_twice_and_sorts_query() -> None:
    request = HttpRequest(
        "get", "https://h.example.com/functions/my%20fn/./x//y?b=2&a=%20&a=1&flag", {}, b""
    )
    lines = canonical_request(request).split("\n")
    assert lines[:3] == ["GET", "/functions/my%2520fn/x/y", "a=%20&a=1&b=2&flag="]


def test_credentials_repr_hides_secret_and_token() -> None:
    text = repr(Credentials("AKIDVISIBLE", "TOPSECRETVALUE", "SESSIONTOKENVALUE"))
    assert "AKIDVISIBLE" in text
    assert "TOPSECRETVALUE" not in text and "SESSIONTOKENVALUE" not in text


# ---------------------------------------------------------------------------
# Credential and region resolution (never reads the real ~/.aws)


@pytest.fixture
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in (
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
        "AWS_REGION",
        "AWS_DEFAULT_REGION",
        "AWS_SHARED_CREDENTIALS_FILE",
        "AWS_CONFIG_FILE",
        "AWS_DEFAULT_PROFILE",
        "AWS_SECURITY_TOKEN",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_ROLE_ARN",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    ):
        monkeypatch.delenv(name, raising=False)
    # The chain ends at the instance metadata service: keep it off the network.
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


def write_aws_file(home: Path, name: str, text: str) -> Path:
    path = home / ".aws" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_explicit_credentials_win_over_environment(
    isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "ENVKEY")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "envsecret")
    assert resolve_credentials("ARGKEY", "argsecret", "argtoken") == Credentials(
        "ARGKEY", "argsecret", "argtoken"
    )


def test_half_explicit_credentials_are_an_error(isolated_env: Path) -> None:
    with pytest.raises(NoCredentialsError, match="together"):
        resolve_credentials(access_key="ONLYKEY")


def test_environment_credentials_with_session_token(
    isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_aws_file(isolated_env, "credentials", "[default]\naws_access_key_id = FILE\n")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "ENVKEY")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "envsecret")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "envtoken")
    assert resolve_credentials() == Credentials("ENVKEY", "envsecret", "envtoken")


def test_shared_credentials_file_default_profile(isolated_env: Path) -> None:
    write_aws_file(
        isolated_env,
        "credentials",
        "[default]\naws_access_key_id = DEFKEY\naws_secret_access_key = defsecret\n",
    )
    assert resolve_credentials() == Credentials("DEFKEY", "defsecret", None)


def test_profile_from_aws_profile_in_file_named_by_env(
    isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = isolated_env / "elsewhere.ini"
    path.write_text(
        "[default]\naws_access_key_id = DEF\naws_secret_access_key = d\n"
        "[dev]\naws_access_key_id = DEVKEY\naws_secret_access_key = devsecret\n"
        "aws_session_token = devtoken\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(path))
    monkeypatch.setenv("AWS_PROFILE", "dev")
    assert resolve_credentials() == Credentials("DEVKEY", "devsecret", "devtoken")


def test_explicit_profile_argument_skips_environment_like_botocore(
    isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_aws_file(
        isolated_env,
        "credentials",
        "[prod]\naws_access_key_id = PRODKEY\naws_secret_access_key = prodsecret\n",
    )
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "ENVKEY")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "envsecret")
    assert resolve_credentials(profile="prod").access_key == "PRODKEY"


def test_credentials_in_config_file_profile_section(isolated_env: Path) -> None:
    write_aws_file(
        isolated_env,
        "config",
        "[profile ops]\naws_access_key_id = OPSKEY\naws_secret_access_key = opssecret\n",
    )
    assert resolve_credentials(profile="ops") == Credentials("OPSKEY", "opssecret")


def test_missing_credentials_error_names_the_places_searched(isolated_env: Path) -> None:
    write_aws_file(isolated_env, "credentials", "[other]\naws_access_key_id = X\n")
    with pytest.raises(NoCredentialsError) as raised:
        resolve_credentials()
    message = str(raised.value)
    assert "AWS_ACCESS_KEY_ID" in message and "[default]" in message
    assert str(isolated_env / ".aws" / "credentials") in message


def test_region_argument_then_aws_region_then_default_region(
    isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_aws_file(isolated_env, "config", "[default]\nregion = ap-south-1\n")
    assert resolve_region() == "ap-south-1"
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    assert resolve_region() == "eu-west-1"
    monkeypatch.setenv("AWS_REGION", "us-west-2")
    assert resolve_region() == "us-west-2"
    assert resolve_region("ca-central-1") == "ca-central-1"


def test_region_from_named_profile_in_config_file(
    isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = isolated_env / "cfg"
    config.write_text(
        "[default]\nregion = us-east-1\n[profile dev]\nregion = sa-east-1\n", encoding="utf-8"
    )
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    assert resolve_region(profile="dev") == "sa-east-1"
    monkeypatch.setenv("AWS_PROFILE", "dev")
    assert resolve_region() == "sa-east-1"


def test_missing_region_is_a_clear_error(isolated_env: Path) -> None:
    with pytest.raises(NoRegionError, match="AWS_REGION"):
        resolve_region()


@pytest.mark.parametrize(
    ("config", "credentials", "env"),
    [
        ("[default]\nregion = us-east-1\n", "", {}),
        ("", "[default]\nregion = eu-central-1\n", {}),
        ("[default]\nregion = us-east-1\n", "[default]\nregion = eu-central-1\n", {}),
        (
            "[profile dev]\nregion = sa-east-1\n",
            "[dev]\nregion = ap-east-1\n",
            {"AWS_PROFILE": "dev"},
        ),
        ("[profile dev]\nregion = sa-east-1\n", "", {"AWS_DEFAULT_PROFILE": "dev"}),
        ("[default]\nregion = us-east-1\n", "", {"AWS_DEFAULT_REGION": "ca-central-1"}),
    ],
    ids=["config", "credentials file", "both files", "named in both", "named", "env"],
)
def test_region_is_read_as_botocore_reads_it(
    isolated_env: Path,
    monkeypatch: pytest.MonkeyPatch,
    config: str,
    credentials: str,
    env: dict[str, str],
) -> None:
    """botocore merges the credentials file's section over the config file's profile."""
    import botocore.session

    write_aws_file(isolated_env, "config", config)
    write_aws_file(isolated_env, "credentials", credentials)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    expected = botocore.session.Session().get_config_variable("region")
    assert expected and resolve_region() == expected
