"""STS ``AssumeRole`` and ``AssumeRoleWithWebIdentity``: query-protocol calls with XML
responses, at botocore's STS endpoint (regional unless ``sts_regional_endpoints`` is
``legacy``; a configured endpoint such as ``AWS_ENDPOINT_URL_STS`` wins)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .credentials_config import _Config
from .credentials_refresh import (
    CredentialRetrievalError,
    CredentialsConfigError,
    TemporaryCredentials,
    _parse_expiry,
)

if TYPE_CHECKING:
    from .transport import HttpClientTransport

_STS_VERSION = "2011-06-15"
_STS_TIMEOUT = 60.0
_PARTITIONS = (
    ("aws", r"^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$", "amazonaws.com", "api.aws"),
    ("aws-cn", r"^cn\-\w+\-\d+$", "amazonaws.com.cn", "api.amazonwebservices.com.cn"),
    ("aws-eusc", r"^eusc\-(de)\-\w+\-\d+$", "amazonaws.eu", "api.amazonwebservices.eu"),
    ("aws-iso", r"^us\-iso\-\w+\-\d+$", "c2s.ic.gov", "api.aws.ic.gov"),
    ("aws-iso-b", r"^us\-isob\-\w+\-\d+$", "sc2s.sgov.gov", "api.aws.scloud"),
    ("aws-iso-e", r"^eu\-isoe\-\w+\-\d+$", "cloud.adc-e.uk", "api.cloud-aws.adc-e.uk"),
    ("aws-iso-f", r"^us\-isof\-\w+\-\d+$", "csp.hci.ic.gov", "api.aws.hci.ic.gov"),
    ("aws-us-gov", r"^us\-gov\-\w+\-\d+$", "amazonaws.com", "api.aws"),
)
"""botocore's partitions (id, region regex, DNS suffix, dual-stack DNS suffix): the
runtime knows no other service's endpoints, and STS needs these (a test compares them
with botocore's ``partitions.json``)."""
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


def _sts_endpoint(
    env: Mapping[str, str], config: _Config, profile: str
) -> tuple[str, str]:
    """STS's URL and signing region as botocore's STS client resolves them: a configured
    endpoint, else its rule set (FIPS and dual-stack from the environment or profile).
    """
    from .settings import configured_endpoint

    section = config.profiles.get(profile, {})
    region = env.get("AWS_DEFAULT_REGION") or None
    if region is None:
        value = section.get("region")
        region = value if isinstance(value, str) and value else None
    configured = configured_endpoint(env, config, profile, "STS")
    if configured:
        if region is None:
            # botocore cannot sign for a configured endpoint without a region either.
            raise CredentialsConfigError(
                f"STS at the configured endpoint {configured} needs a region: set "
                "AWS_DEFAULT_REGION or region in the profile"
            )
        return configured, region
    fips, dualstack = _Endpoints(env, config, profile).variant()
    regional = (
        _setting(
            env, config, profile, "sts_regional_endpoints", "AWS_STS_REGIONAL_ENDPOINTS"
        )
        or "regional"
    )
    legacy = regional == "legacy" and region in _LEGACY_GLOBAL_STS_REGIONS
    if region is None or (
        (legacy or region == "aws-global") and not (fips or dualstack)
    ):
        return "https://sts.amazonaws.com", "us-east-1"
    return f"https://{_service_host('sts', region, fips, dualstack)}", region


def _service_host(prefix: str, region: str, fips: bool, dualstack: bool) -> str:
    """The host the rule sets of STS, SSO and SSO OIDC give ``prefix`` (``sts``,
    ``portal.sso``, ``oidc``) in a region of a partition (its ``*-global`` name too)."""
    import re

    partition = next(
        (
            p
            for p in _PARTITIONS
            if region == f"{p[0]}-global" or re.match(p[1], region)
        ),
        _PARTITIONS[0],
    )
    name, _, dns_suffix, dualstack_suffix = partition
    if fips and not dualstack and name == "aws-us-gov":
        return (
            f"{prefix}.{region}.{dns_suffix}"  # GovCloud's regional endpoints are FIPS
        )
    suffix = dualstack_suffix if dualstack else dns_suffix
    return f"{prefix}{'-fips' if fips else ''}.{region}.{suffix}"


@dataclass(frozen=True)
class _Endpoints:
    """Where the chain's own AWS calls (STS, SSO, SSO OIDC) go: as botocore's clients for
    them resolve it in the session's profile."""

    env: Mapping[str, str] = field(repr=False)  # may hold AWS_SECRET_ACCESS_KEY
    config: _Config
    profile: str

    def variant(self) -> tuple[bool, bool]:
        """(FIPS, dual-stack) from the environment, else the profile."""
        from .settings import _flag

        section = self.config.profiles.get(self.profile, {})
        fips = _flag(self.env, section, "use_fips_endpoint", "AWS_USE_FIPS_ENDPOINT")
        dualstack = _flag(
            self.env, section, "use_dualstack_endpoint", "AWS_USE_DUALSTACK_ENDPOINT"
        )
        return fips, dualstack

    def url(self, service_id: str, prefix: str, region: str) -> str:
        """A configured endpoint of ``service_id`` (``AWS_ENDPOINT_URL_SSO``, a services
        section, ...), else the service's host for ``region``."""
        from .settings import configured_endpoint

        configured = configured_endpoint(
            self.env, self.config, self.profile, service_id
        )
        return configured or f"https://{_service_host(prefix, region, *self.variant())}"

    def transport(self) -> HttpClientTransport:
        """A transport with the CA bundle (``AWS_CA_BUNDLE``, ``ca_bundle``) and the proxies
        (``HTTPS_PROXY``, ...) botocore's clients would use."""
        from .settings import ClientSettings

        section = self.config.profiles.get(self.profile, {})
        bundle = self.env.get("AWS_CA_BUNDLE") or section.get("ca_bundle") or None
        return ClientSettings(ca_bundle=bundle).transport(environ=self.env)

    def send(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        body: bytes | None = None,
    ) -> tuple[int, bytes]:
        """One exchange through :meth:`transport`: status and body. Raises OSError."""
        from .errors import TransportError
        from .transport import HttpRequest

        transport = self.transport()
        try:
            response = transport.send(
                HttpRequest(method, url, dict(headers), body or b""), _STS_TIMEOUT
            )
        except TransportError as error:
            raise OSError(f"{type(error).__name__}: {error}") from None
        finally:
            transport.close()
        return response.status, response.body


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
    from .transport import HttpRequest

    endpoint, region = _sts_endpoint(env, config, profile)
    body = urlencode({"Action": action, "Version": _STS_VERSION, **params}).encode(
        "utf-8"
    )
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
    source = (
        "assume-role" if action == "AssumeRole" else "assume-role-with-web-identity"
    )
    transport = _Endpoints(env, config, profile).transport()
    try:
        response = transport.send(request, _STS_TIMEOUT)
    except (TransportError, ValueError) as error:
        raise CredentialRetrievalError(
            f"{source}: STS {action} at {endpoint} failed: {type(error).__name__}: {error}"
        ) from None
    finally:
        transport.close()
    return _parse_sts_response(response.status, response.body, action, source)


def _parse_sts_response(
    status: int, body: bytes, action: str, source: str
) -> TemporaryCredentials:
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
        raise CredentialRetrievalError(
            f"{source}: STS {action} failed: {code}: {message}"
        )
    access_key, secret_key = find("AccessKeyId"), find("SecretAccessKey")
    token, expiration = find("SessionToken"), find("Expiration")
    if not (access_key and secret_key and token and expiration):
        raise CredentialRetrievalError(
            f"{source}: STS {action} returned no credentials"
        )
    return TemporaryCredentials(
        access_key, secret_key, token, _parse_expiry(expiration, source)
    )
