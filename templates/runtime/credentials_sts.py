"""STS ``AssumeRole`` and ``AssumeRoleWithWebIdentity``: query-protocol calls with XML
responses, at botocore's STS endpoint (regional unless ``sts_regional_endpoints`` is
``legacy``; a configured endpoint such as ``AWS_ENDPOINT_URL_STS`` wins)."""

from __future__ import annotations

from collections.abc import Mapping

from .credentials_config import _Config
from .credentials_refresh import (
    CredentialRetrievalError,
    CredentialsConfigError,
    TemporaryCredentials,
    _parse_expiry,
)

_STS_VERSION = "2011-06-15"
_STS_TIMEOUT = 60.0
# Regions whose STS calls go to the global endpoint when sts_regional_endpoints = legacy.
_LEGACY_GLOBAL_STS_REGIONS = frozenset(
    {
        "ap-northeast-1",
        "ap-south-1",
        "ap-southeast-1",
        "ap-southeast-2",
        "aws-global",
        "ca-central-1",
        "eu-central-1",
        "eu-north-1",
        "eu-west-1",
        "eu-west-2",
        "eu-west-3",
        "sa-east-1",
        "us-east-1",
        "us-east-2",
        "us-west-1",
        "us-west-2",
    }
)


def _setting(
    env: Mapping[str, str], config: _Config, profile: str, key: str, name: str
) -> str | None:
    if env.get(name):
        return env[name]
    value = config.profiles.get(profile, {}).get(key)
    return value if isinstance(value, str) and value else None


def _sts_endpoint(env: Mapping[str, str], config: _Config, profile: str) -> tuple[str, str]:
    region = env.get("AWS_DEFAULT_REGION") or None
    if region is None:
        value = config.profiles.get(profile, {}).get("region")
        region = value if isinstance(value, str) and value else None
    from .settings import configured_endpoint

    configured = configured_endpoint(env, config, profile, "STS")
    regional = (
        _setting(env, config, profile, "sts_regional_endpoints", "AWS_STS_REGIONAL_ENDPOINTS")
        or "regional"
    )
    if configured:
        if region is None:
            # botocore cannot sign for a configured endpoint without a region either.
            raise CredentialsConfigError(
                f"STS at the configured endpoint {configured} needs a region: set "
                "AWS_DEFAULT_REGION or region in the profile"
            )
        return configured, region
    if region is None or (regional == "legacy" and region in _LEGACY_GLOBAL_STS_REGIONS):
        return "https://sts.amazonaws.com", "us-east-1"
    suffix = "amazonaws.com"
    if region.startswith("cn-"):
        suffix = "amazonaws.com.cn"
    return f"https://sts.{region}.{suffix}", region


def _sts_call(
    env: Mapping[str, str],
    config: _Config,
    profile: str,
    action: str,
    params: Mapping[str, str],
    signing: TemporaryCredentials | None,
) -> TemporaryCredentials:
    """One STS call (``AssumeRole`` signed with ``signing``; ``AssumeRoleWithWebIdentity``
    unsigned): the credentials of its XML response."""
    from urllib.parse import urlencode

    from .auth import Credentials, sign_request
    from .errors import TransportError
    from .transport import HttpClientTransport, HttpRequest

    endpoint, region = _sts_endpoint(env, config, profile)
    body = urlencode({"Action": action, "Version": _STS_VERSION, **params}).encode("utf-8")
    request = HttpRequest(
        "POST",
        endpoint if endpoint.endswith("/") else endpoint + "/",
        {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        body,
    )
    if signing is not None:
        request = sign_request(
            request,
            Credentials(signing.access_key, signing.secret_key, signing.token),
            region,
            "sts",
        )
    source = "assume-role" if action == "AssumeRole" else "assume-role-with-web-identity"
    transport = HttpClientTransport()
    try:
        response = transport.send(request, _STS_TIMEOUT)
    except (TransportError, ValueError) as error:
        raise CredentialRetrievalError(
            f"{source}: STS {action} at {endpoint} failed: {type(error).__name__}: {error}"
        ) from None
    finally:
        transport.close()
    return _parse_sts_response(response.status, response.body, action, source)


def _parse_sts_response(status: int, body: bytes, action: str, source: str) -> TemporaryCredentials:
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        raise CredentialRetrievalError(
            f"{source}: STS {action} returned HTTP {status} without a readable XML body"
        ) from None

    def find(name: str) -> str | None:
        for element in root.iter():
            if element.tag.rpartition("}")[2] == name:
                return element.text or ""
        return None

    if status >= 300:
        code = find("Code") or f"HTTP {status}"
        message = find("Message") or ""
        raise CredentialRetrievalError(f"{source}: STS {action} failed: {code}: {message}")
    access_key, secret_key = find("AccessKeyId"), find("SecretAccessKey")
    token, expiration = find("SessionToken"), find("Expiration")
    if not (access_key and secret_key and token and expiration):
        raise CredentialRetrievalError(f"{source}: STS {action} returned no credentials")
    return TemporaryCredentials(access_key, secret_key, token, _parse_expiry(expiration, source))
