"""Credentials from the network next to the code: the container endpoint (ECS, EKS Pod
Identity; only the hosts botocore allows) and the EC2 instance metadata service (IMDSv2
token, botocore's timeouts, attempts and static stability)."""

from __future__ import annotations

import datetime
import time
from collections.abc import Mapping
from typing import Any

from .credentials_refresh import (
    ADVISORY_REFRESH_SECONDS,
    CredentialRetrievalError,
    CredentialsConfigError,
    TemporaryCredentials,
    _parse_expiry,
    _utcnow,
)

_IMDS_URL = "http://169.254.169.254/"
_IMDS_URL_IPV6 = "http://[fd00:ec2::254]/"
_IMDS_TOKEN_TTL = "21600"
_IMDS_CREDENTIALS_PATH = "latest/meta-data/iam/security-credentials/"
_CONTAINER_HOST = "169.254.170.2"
_CONTAINER_ALLOWED_HOSTS = (
    "169.254.170.2",
    "169.254.170.23",
    "fd00:ec2::23",
    "localhost",
)
_CONTAINER_TIMEOUT = 2.0
_CONTAINER_ATTEMPTS = 3
_CONTAINER_SLEEP = 1.0


def _http(
    method: str,
    url: str,
    headers: Mapping[str, str],
    timeout: float,
    body: bytes | None = None,
) -> tuple[int, bytes]:
    """One HTTP exchange (no pooling, no proxy): status and body. Raises OSError."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    connection_class = (
        http.client.HTTPSConnection
        if parts.scheme == "https"
        else http.client.HTTPConnection
    )
    connection = connection_class(parts.hostname or "", parts.port, timeout=timeout)
    try:
        target = parts.path or "/"
        if parts.query:
            target = f"{target}?{parts.query}"
        connection.request(method, target, body=body, headers=dict(headers))
        response = connection.getresponse()
        return response.status, response.read()
    except http.client.HTTPException as error:
        raise OSError(f"HTTP error: {type(error).__name__}") from None
    finally:
        connection.close()


def _check_container_url(url: str) -> None:
    import ipaddress
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme == "https":
        return
    host = parts.hostname or ""
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    if host in _CONTAINER_ALLOWED_HOSTS:
        return
    raise CredentialsConfigError(
        f"unsupported host {host!r}: container credentials come only from a loopback address "
        f"or one of these hosts: {', '.join(_CONTAINER_ALLOWED_HOSTS)}"
    )


def _container_json(url: str, headers: Mapping[str, str]) -> dict[str, Any]:
    import json

    attempts = 0
    while True:
        try:
            status, body = _http("GET", url, headers, _CONTAINER_TIMEOUT)
            if status != 200:
                problem = f"received non 200 response {status} from container metadata"
            else:
                try:
                    data = json.loads(body.decode("utf-8"))
                except ValueError:
                    problem = (
                        "unable to parse JSON returned from container metadata services"
                    )
                else:
                    if isinstance(data, dict):
                        return data
                    problem = "container metadata did not return a JSON object"
        except OSError as error:
            problem = f"cannot reach container metadata: {type(error).__name__}"
        attempts += 1
        if attempts >= _CONTAINER_ATTEMPTS:
            raise CredentialRetrievalError(f"container-role: {problem}")
        time.sleep(_CONTAINER_SLEEP)


class _InstanceMetadata:
    """botocore's ``InstanceMetadataFetcher``: IMDSv2 token, then the role, then its keys."""

    def __init__(self, env: Mapping[str, str], profile: Mapping[str, Any]) -> None:
        def setting(key: str, name: str) -> Any:
            return env[name] if name in env else profile.get(key)

        self.disabled = env.get("AWS_EC2_METADATA_DISABLED", "false").lower() == "true"
        self.timeout = float(
            setting("metadata_service_timeout", "AWS_METADATA_SERVICE_TIMEOUT") or 1
        )
        self.attempts = int(
            setting(
                "metadata_service_num_attempts", "AWS_METADATA_SERVICE_NUM_ATTEMPTS"
            )
            or 1
        )
        endpoint = setting(
            "ec2_metadata_service_endpoint", "AWS_EC2_METADATA_SERVICE_ENDPOINT"
        )
        mode = setting(
            "ec2_metadata_service_endpoint_mode",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
        )
        if endpoint:
            base = str(endpoint)
        elif str(mode or "").lower() == "ipv6":
            base = _IMDS_URL_IPV6
        else:
            base = _IMDS_URL
        from urllib.parse import urlsplit

        host = urlsplit(base).hostname
        if not host or not _valid_host(host):
            raise CredentialsConfigError(f"invalid instance metadata endpoint {base!r}")
        self.base = base if base.endswith("/") else base + "/"
        v1_disabled = setting(
            "ec2_metadata_v1_disabled", "AWS_EC2_METADATA_V1_DISABLED"
        )
        self.v1_disabled = str(v1_disabled).lower() == "true"

    def credentials(self) -> TemporaryCredentials | None:
        import json

        if self.disabled:
            return None
        try:
            token = self._token()
            role = self._get(_IMDS_CREDENTIALS_PATH, token, need_json=False).decode(
                "utf-8"
            )
            body = self._get(_IMDS_CREDENTIALS_PATH + role, token, need_json=True)
        except _Retries:
            return None
        except _BadRequest:
            return None
        data = json.loads(body.decode("utf-8"))
        if not isinstance(data, dict) or not all(
            key in data
            for key in ("AccessKeyId", "SecretAccessKey", "Token", "Expiration")
        ):
            return None
        return TemporaryCredentials(
            str(data["AccessKeyId"]),
            str(data["SecretAccessKey"]),
            str(data["Token"]),
            _extended(_parse_expiry(data["Expiration"], "iam-role")),
        )

    def _token(self) -> str | None:
        headers = {"x-aws-ec2-metadata-token-ttl-seconds": _IMDS_TOKEN_TTL}
        for _ in range(self.attempts):
            try:
                status, body = _http(
                    "PUT", self.base + "latest/api/token", headers, self.timeout
                )
            except TimeoutError:
                return None
            except OSError:
                continue
            if status == 200:
                return body.decode("utf-8")
            if status in (403, 404, 405):
                return None
            if status == 400:
                raise _BadRequest()
        return None

    def _get(self, path: str, token: str | None, need_json: bool) -> bytes:
        import json

        if token is None and self.v1_disabled:
            raise CredentialRetrievalError(
                "iam-role: unable to retrieve a token for an IMDSv2 call and IMDSv1 is disabled"
            )
        headers = {} if token is None else {"x-aws-ec2-metadata-token": token}
        for _ in range(self.attempts):
            try:
                status, body = _http("GET", self.base + path, headers, self.timeout)
            except OSError:
                continue
            if status != 200 or not body:
                continue
            if need_json:
                try:
                    json.loads(body.decode("utf-8"))
                except ValueError:
                    continue
            return body
        raise _Retries()


def _valid_host(host: str) -> bool:
    """A DNS name or an IP address (botocore's ``is_valid_uri``)."""
    import ipaddress
    import re

    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    host = host.removesuffix(".")
    label = r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)"
    return len(host) <= 255 and re.fullmatch(rf"({label}\.)*{label}", host) is not None


def _extended(expiry: datetime.datetime) -> datetime.datetime:
    """botocore's static stability: credentials the metadata service hands out that expire
    within the advisory window plus 2 to 10 minutes (jitter) are used that much longer, so
    that an outage of the service does not stop a client that still holds credentials.
    """
    import random

    offset = datetime.timedelta(
        seconds=ADVISORY_REFRESH_SECONDS + random.randint(120, 600)
    )
    now = _utcnow()
    return now + offset if now >= expiry - offset else expiry


class _Retries(Exception):
    pass


class _BadRequest(Exception):
    pass
