"""AWS Signature Version 4 signing, and credential and region resolution.

The signer reproduces botocore's ``SigV4Auth`` for JSON and REST-JSON services
(not S3's variant):

* the canonical URI is the request's already-encoded path, with dot segments and
  empty segments removed, percent-encoded once more (so labels end up encoded
  twice, as SigV4 requires for every service except S3);
* the canonical query string is the URL's encoded ``key=value`` pairs sorted by
  key, then value;
* every header is signed except hop-by-hop ones and ``User-Agent``; ``host`` is
  derived from the URL unless the request sets it;
* the payload hash is SHA-256 of the body; no ``X-Amz-Content-SHA256`` header is
  added (botocore adds it only for S3).

Headers added: ``X-Amz-Date`` (or a rewritten ``Date`` if the request already has
one), ``X-Amz-Security-Token`` when the credentials carry a session token, and
``Authorization``.
"""

from __future__ import annotations

import configparser
import datetime
import hashlib
import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from email.utils import formatdate
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from .errors import NoCredentialsError, NoRegionError
from .transport import HttpRequest

if TYPE_CHECKING:
    from .credentials import RefreshableCredentials

__all__ = [
    "Credentials",
    "canonical_request",
    "resolve_credentials",
    "resolve_region",
    "sign_request",
]

_ALGORITHM = "AWS4-HMAC-SHA256"
_TIMESTAMP_FORMAT = "%Y%m%dT%H%M%SZ"
# Never signed: hop-by-hop headers a proxy may rewrite, and the user agent.
_UNSIGNED_HEADERS = frozenset(
    {
        "connection",
        "expect",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "user-agent",
        "x-amzn-trace-id",
    }
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Credentials:
    """AWS credentials; the secret and the session token never appear in ``repr``.

    ``expiry`` (aware UTC datetime, None for long-term keys) and ``source`` (the provider
    that found them, named as botocore names it: ``env``, ``shared-credentials-file``,
    ``config-file``, ``custom-process``, ``assume-role``, ``assume-role-with-web-identity``,
    ``sso``, ``container-role``, ``iam-role``, or ``explicit`` for arguments) are
    informational: they take no part in equality.
    """

    access_key: str
    secret_key: str = field(repr=False)
    token: str | None = field(default=None, repr=False)
    expiry: datetime.datetime | None = field(default=None, compare=False, kw_only=True)
    source: str = field(default="", compare=False, kw_only=True)

    def frozen(self) -> Credentials:
        """These credentials (``RefreshableCredentials.frozen`` refreshes first)."""
        return self


# ---------------------------------------------------------------------------
# Signing


def sign_request(
    request: HttpRequest,
    credentials: Credentials,
    region: str,
    service: str,
    now: datetime.datetime | None = None,
) -> HttpRequest:
    """Return a copy of ``request`` carrying SigV4 authentication headers.

    ``now`` defaults to the current UTC time; a naive datetime is taken as UTC.
    Re-signing a signed request replaces the previous signature headers, so the
    same request can be signed afresh for every retry attempt.
    """
    timestamp = _utc(now).strftime(_TIMESTAMP_FORMAT)
    headers = _headers_before_signing(request.headers, credentials, timestamp)
    unsigned = replace(request, headers=headers)
    canonical = canonical_request(unsigned)
    scope = f"{timestamp[:8]}/{region}/{service}/aws4_request"
    string_to_sign = "\n".join(
        [_ALGORITHM, timestamp, scope, hashlib.sha256(canonical.encode("utf-8")).hexdigest()]
    )
    key = _signing_key(credentials.secret_key, timestamp[:8], region, service)
    signature = hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    headers["Authorization"] = (
        f"{_ALGORITHM} Credential={credentials.access_key}/{scope}, "
        f"SignedHeaders={_signed_header_names(_headers_to_sign(unsigned))}, "
        f"Signature={signature}"
    )
    return unsigned


def canonical_request(request: HttpRequest) -> str:
    """The SigV4 canonical request for ``request`` as it will be sent."""
    headers_to_sign = _headers_to_sign(request)
    canonical_headers = "".join(f"{name}:{value}\n" for name, value in headers_to_sign.items())
    return "\n".join(
        [
            request.method.upper(),
            _canonical_uri(urlsplit(request.url).path),
            _canonical_query(urlsplit(request.url).query),
            canonical_headers,
            _signed_header_names(headers_to_sign),
            _payload_hash(request),
        ]
    )


def _payload_hash(request: HttpRequest) -> str:
    """SHA-256 of the body, unless the caller already declared it in X-Amz-Content-SHA256."""
    for name, value in request.headers.items():
        if name.lower() == "x-amz-content-sha256":
            return value
    return hashlib.sha256(request.body).hexdigest()


def _utc(now: datetime.datetime | None) -> datetime.datetime:
    if now is None:
        return datetime.datetime.now(datetime.UTC)
    if now.tzinfo is None:
        return now
    return now.astimezone(datetime.UTC)


def _without(headers: Mapping[str, str], *names: str) -> dict[str, str]:
    lowered = {name.lower() for name in names}
    return {k: v for k, v in headers.items() if k.lower() not in lowered}


def _headers_before_signing(
    headers: Mapping[str, str], credentials: Credentials, timestamp: str
) -> dict[str, str]:
    """Drop stale signature headers and add the date and session token."""
    has_date = any(name.lower() == "date" for name in headers)
    result = _without(headers, "authorization", "x-amz-date", "date")
    if has_date:
        # SigV4 accepts either header; keep the caller's choice of ``Date``, as botocore does.
        parsed = datetime.datetime.strptime(timestamp, _TIMESTAMP_FORMAT)
        result["Date"] = formatdate(int(parsed.replace(tzinfo=datetime.UTC).timestamp()))
    else:
        result["X-Amz-Date"] = timestamp
    if credentials.token:
        # Without a token, a caller-set X-Amz-Security-Token is kept and signed (as botocore).
        result = _without(result, "x-amz-security-token")
        result["X-Amz-Security-Token"] = credentials.token
    return result


def _headers_to_sign(request: HttpRequest) -> dict[str, str]:
    """Lower-cased, sorted, whitespace-trimmed headers; same-name values comma-joined."""
    collected: dict[str, list[str]] = {}
    for name, value in request.headers.items():
        lowered = name.lower()
        if lowered not in _UNSIGNED_HEADERS:
            collected.setdefault(lowered, []).append(" ".join(value.split()))
    if "host" not in collected:
        collected["host"] = [_host_header(request.url)]
    return {name: ",".join(collected[name]) for name in sorted(collected)}


def _signed_header_names(headers_to_sign: Mapping[str, str]) -> str:
    return ";".join(sorted(headers_to_sign))


def _host_header(url: str) -> str:
    """The Host header an HTTP client sends: lower-case host, port only if not default."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    if parts.port is not None and parts.port != _DEFAULT_PORTS.get(parts.scheme):
        host = f"{host}:{parts.port}"
    return host


def _canonical_uri(path: str) -> str:
    return quote(_remove_dot_segments(path) or "/", safe="/~")


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 dot-segment removal, also collapsing empty segments (``//``)."""
    if not path:
        return "/"
    segments: list[str] = []
    for segment in path.split("/"):
        if segment == "..":
            if segments:
                segments.pop()
        elif segment and segment != ".":
            segments.append(segment)
    leading = "/" if path.startswith("/") else ""
    trailing = "/" if path.endswith("/") and segments else ""
    return leading + "/".join(segments) + trailing


def _canonical_query(query: str) -> str:
    """Sort the URL's (already encoded) pairs by key, then value; bare keys get ``=``."""
    if not query:
        return ""
    pairs = [pair.partition("=")[::2] for pair in query.split("&")]
    return "&".join(f"{key}={value}" for key, value in sorted(pairs))


def _signing_key(secret_key: str, date: str, region: str, service: str) -> bytes:
    key = f"AWS4{secret_key}".encode()
    for part in (date, region, service, "aws4_request"):
        key = hmac.new(key, part.encode("utf-8"), hashlib.sha256).digest()
    return key


# ---------------------------------------------------------------------------
# Credential and region resolution


def resolve_credentials(
    access_key: str | None = None,
    secret_key: str | None = None,
    token: str | None = None,
    *,
    profile: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Credentials | RefreshableCredentials:
    """Find credentials as botocore's default chain does (see ``credentials``).

    Explicit ``access_key``/``secret_key`` win; otherwise the chain runs: environment,
    assume-role profiles, web identity, SSO, the shared credentials file,
    ``credential_process``, the config file, container credentials, instance metadata.
    The profile is ``profile``, else ``AWS_DEFAULT_PROFILE``, else ``AWS_PROFILE``, else
    ``default``; as in botocore, naming a profile explicitly skips the environment
    variables. Temporary credentials come back as ``RefreshableCredentials`` (call
    ``frozen()`` for a snapshot).
    """
    if access_key or secret_key:
        if not (access_key and secret_key):
            raise NoCredentialsError("access_key and secret_key must be given together")
        return Credentials(access_key, secret_key, token or None, source="explicit")
    from .credentials import load_credentials

    found: Credentials | RefreshableCredentials = load_credentials(profile, environ)
    return found


def resolve_region(
    region: str | None = None,
    *,
    profile: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """Region from the argument, ``AWS_REGION``, ``AWS_DEFAULT_REGION``, or the profile in the
    config file (``profile``, else ``AWS_DEFAULT_PROFILE``, ``AWS_PROFILE``, ``default``)."""
    env = os.environ if environ is None else environ
    for candidate in (region, env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION")):
        if candidate:
            return candidate
    profile_name = profile or env.get("AWS_DEFAULT_PROFILE") or env.get("AWS_PROFILE") or "default"
    config_file = _config_file(env)
    from_config = _read_section(config_file, _config_section(profile_name)).get("region")
    if from_config:
        return from_config
    raise NoRegionError(
        "no AWS region configured: pass region=..., set AWS_REGION, or set region in "
        f"profile {profile_name!r} of {config_file}"
    )


def _config_file(env: Mapping[str, str]) -> Path:
    return Path(env.get("AWS_CONFIG_FILE") or "~/.aws/config").expanduser()


def _config_section(profile: str) -> str:
    """The config file names profiles ``[profile NAME]``, except ``[default]``."""
    return "default" if profile == "default" else f"profile {profile}"


def _read_section(path: Path, section: str) -> dict[str, str]:
    """One section of an INI file as a dict; empty if the file or section is missing."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except configparser.Error as exc:
        raise NoCredentialsError(f"cannot parse {path}: {exc}") from exc
    if not parser.has_section(section):
        if section == "default" and parser.has_section("profile default"):
            section = "profile default"
        else:
            return {}
    return {key: value.strip() for key, value in parser.items(section)}
