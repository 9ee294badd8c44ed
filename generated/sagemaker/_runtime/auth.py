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

import datetime
import functools
import hashlib
import hmac
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import formatdate
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
    same request can be signed afresh for every retry attempt. ``request`` itself is
    left as it was.
    """
    timestamp = _timestamp(now)
    headers = _headers_before_signing(request.headers, credentials, timestamp)
    canonical, signed_names = _canonical_request(request, headers)
    date = timestamp[:8]
    scope = f"{date}/{region}/{service}/aws4_request"
    string_to_sign = (
        f"{_ALGORITHM}\n{timestamp}\n{scope}\n"
        f"{hashlib.sha256(canonical.encode('utf-8')).hexdigest()}"
    )
    keyed = _keyed_hmac(credentials.secret_key, date, region, service).copy()
    keyed.update(string_to_sign.encode("utf-8"))
    headers["Authorization"] = (
        f"{_ALGORITHM} Credential={credentials.access_key}/{scope}, "
        f"SignedHeaders={signed_names}, Signature={keyed.hexdigest()}"
    )
    return request.with_headers(headers)


def canonical_request(request: HttpRequest) -> str:
    """The SigV4 canonical request for ``request`` as it will be sent."""
    return _canonical_request(request, request.headers)[0]


def _canonical_request(
    request: HttpRequest, headers: Mapping[str, str]
) -> tuple[str, str]:
    """The canonical request of ``request`` sent with ``headers``, and its signed header
    names."""
    canonical_headers, signed_names, declared_hash = _canonical_headers(
        headers, request.url
    )
    path, query = _canonical_path_and_query(request.url)
    payload_hash = _payload_hash(request.body, declared_hash)
    method = request.method.upper()
    canonical = f"{method}\n{path}\n{query}\n{canonical_headers}\n{signed_names}\n{payload_hash}"
    return canonical, signed_names


def _payload_hash(body: bytes, declared: str | None) -> str:
    """SHA-256 of the body, unless the caller already declared it in X-Amz-Content-SHA256."""
    return hashlib.sha256(body).hexdigest() if declared is None else declared


_clock_text = (0, "")
"""The current second (of ``time.time()``) and its timestamp: formatting it costs more
than the rest of the timestamp's work, and every request signed within the second
shares it."""


def _timestamp(now: datetime.datetime | None) -> str:
    """``YYYYMMDDTHHMMSSZ`` of ``now`` (default: the current time), in UTC."""
    if now is None:
        global _clock_text
        second = int(time.time())
        last, text = _clock_text  # one read: another thread may replace it meanwhile
        if last != second:
            text = time.strftime(_TIMESTAMP_FORMAT, time.gmtime(second))
            _clock_text = (second, text)
        return text
    moment = _utc(now)
    return (
        f"{moment.year:04d}{moment.month:02d}{moment.day:02d}T"
        f"{moment.hour:02d}{moment.minute:02d}{moment.second:02d}Z"
    )


def _utc(now: datetime.datetime | None) -> datetime.datetime:
    if now is None:
        return datetime.datetime.now(datetime.UTC)
    if now.tzinfo is None:
        return now
    return now.astimezone(datetime.UTC)


# Dropped before signing: a previous signature and date; the session token too when the
# credentials carry one (it is then set afresh).
_STALE = frozenset({"authorization", "x-amz-date", "date"})
_STALE_WITH_TOKEN = _STALE | {"x-amz-security-token"}


def _headers_before_signing(
    headers: Mapping[str, str], credentials: Credentials, timestamp: str
) -> dict[str, str]:
    """Drop stale signature headers and add the date and session token."""
    token = credentials.token
    stale = _STALE_WITH_TOKEN if token else _STALE
    has_date = False
    result: dict[str, str] = {}
    for name, value in headers.items():
        lowered = name.lower()
        if lowered in stale:
            has_date = has_date or lowered == "date"
        else:
            result[name] = value
    if has_date:
        # SigV4 accepts either header; keep the caller's choice of ``Date``, as botocore does.
        parsed = datetime.datetime.strptime(timestamp, _TIMESTAMP_FORMAT)
        result["Date"] = formatdate(
            int(parsed.replace(tzinfo=datetime.UTC).timestamp())
        )
    else:
        result["X-Amz-Date"] = timestamp
    if token:
        # Without a token, a caller-set X-Amz-Security-Token is kept and signed (as botocore).
        result["X-Amz-Security-Token"] = token
    return result


def _canonical_headers(
    headers: Mapping[str, str], url: str
) -> tuple[str, str, str | None]:
    """The canonical headers block, the signed header names, and the payload hash the
    caller declared in ``X-Amz-Content-SHA256`` (``None`` if not).

    Headers are lower-cased, sorted and whitespace-trimmed, same-name values
    comma-joined; ``host`` is derived from the URL unless the request sets it."""
    collected: dict[str, str] = {}
    declared: str | None = None
    for name, value in headers.items():
        lowered = name.lower()
        if lowered in _UNSIGNED_HEADERS:
            continue
        if lowered == "x-amz-content-sha256" and declared is None:
            declared = value
        # Runs of whitespace become one space, none at the ends. Every whitespace
        # character but the space is unprintable: a printable value without a space
        # is its own trimmed form (most are: the split is skipped).
        if " " in value or not value.isprintable():
            value = " ".join(value.split())
        previous = collected.get(lowered)
        collected[lowered] = value if previous is None else f"{previous},{value}"
    if "host" not in collected:
        collected["host"] = _host_header(url)
    names = sorted(collected)
    block = "".join([f"{name}:{collected[name]}\n" for name in names])
    return block, ";".join(names), declared


@functools.lru_cache(maxsize=256)
def _host_header(url: str) -> str:
    """The Host header an HTTP client sends: lower-case host, port only if not default."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    if parts.port is not None and parts.port != _DEFAULT_PORTS.get(parts.scheme):
        host = f"{host}:{parts.port}"
    return host


@functools.lru_cache(maxsize=256)
def _canonical_path_and_query(url: str) -> tuple[str, str]:
    """The canonical URI and query string of a URL (JSON services send every call to
    the same URL: worked out once)."""
    parts = urlsplit(url)
    return _canonical_uri(parts.path), _canonical_query(parts.query)


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


@functools.lru_cache(maxsize=16)
def _keyed_hmac(secret_key: str, date: str, region: str, service: str) -> hmac.HMAC:
    """HMAC-SHA256 keyed with the day's signing key for a region and service: the key is
    derived once per day, not per request (four HMACs), and keyed once (each signature
    copies this one: faster than ``hmac.digest``, which looks up SHA-256 and keys afresh
    every time). A new secret (refreshed credentials) is a new entry."""
    key = f"AWS4{secret_key}".encode()
    for part in (date, region, service, "aws4_request"):
        key = hmac.digest(key, part.encode("utf-8"), "sha256")
    return hmac.new(key, digestmod=hashlib.sha256)


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
    """Region from the argument, ``AWS_REGION``, ``AWS_DEFAULT_REGION``, or the profile
    (``profile``, else ``AWS_DEFAULT_PROFILE``, ``AWS_PROFILE``, ``default``) as botocore
    reads it: the config file's, with the credentials file's section of the same name
    merged over it."""
    env = os.environ if environ is None else environ
    for candidate in (region, env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION")):
        if candidate:
            return candidate
    from .credentials_config import _load_config

    profile_name = (
        profile or env.get("AWS_DEFAULT_PROFILE") or env.get("AWS_PROFILE") or "default"
    )
    config = _load_config(env)
    from_profile = config.profiles.get(profile_name, {}).get("region")
    if from_profile:
        return str(from_profile)
    raise NoRegionError(
        "no AWS region configured: pass region=..., set AWS_REGION, or set region in "
        f"profile {profile_name!r} of {config.config_path}"
    )
