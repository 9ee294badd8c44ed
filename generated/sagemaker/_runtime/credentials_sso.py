"""SSO: the portal's bearer token from the ``aws sso login`` cache (an ``sso_session``
token renewed through SSO OIDC CreateToken when less than 15 minutes remain) and the
portal's GetRoleCredentials."""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from typing import Any

from .credentials_config import _expand
from .credentials_refresh import (
    CredentialRetrievalError,
    TemporaryCredentials,
    _parse_expiry,
    _utcnow,
)
from .credentials_sts import _Endpoints

_SSO_REFRESH_WINDOW = 15 * 60


def _sso_access_token(
    where: _Endpoints, cache_key: str, session: Mapping[str, Any] | None
) -> str:
    """The portal's bearer token from the ``aws sso login`` cache. For an ``sso_session``
    profile (``session`` given), a token with less than 15 minutes left is first renewed
    with its refresh token through SSO OIDC CreateToken and the cache rewritten, as
    botocore's ``SSOTokenProvider`` does; if that fails, the cached token is used while
    it lasts."""
    import hashlib
    import json

    digest = hashlib.sha1(cache_key.encode("utf-8")).hexdigest()
    path = os.path.join(
        _expand("~", where.env), ".aws", "sso", "cache", f"{digest}.json"
    )
    expired = CredentialRetrievalError(
        "sso: the SSO session has expired or is invalid: run aws sso login"
    )
    try:
        with open(path, encoding="utf-8") as handle:
            cached = json.load(handle)
        token = str(cached["accessToken"])
        expires = _parse_expiry(cached["expiresAt"], "sso")
    except (OSError, ValueError, KeyError, TypeError):
        raise expired from None
    if (
        session is not None
        and (expires - _utcnow()).total_seconds() < _SSO_REFRESH_WINDOW
    ):
        fresh = _refresh_sso_token(where, cached, session)
        if fresh is not None:
            _write_json_atomically(path, fresh)
            token, expires = str(fresh["accessToken"]), _parse_expiry(
                fresh["expiresAt"], "sso"
            )
    if expires <= _utcnow():
        raise expired
    return token


def _refresh_sso_token(
    where: _Endpoints, cached: Mapping[str, Any], session: Mapping[str, Any]
) -> dict[str, Any] | None:
    """SSO OIDC CreateToken with the cached refresh token; None when it cannot be done."""
    import json

    needed = ("refreshToken", "clientId", "clientSecret", "registrationExpiresAt")
    if any(key not in cached for key in needed):
        return None
    try:
        if _parse_expiry(cached["registrationExpiresAt"], "sso") <= _utcnow():
            return None
    except CredentialRetrievalError:
        return None
    region = str(session["sso_region"])
    endpoint = where.url("SSO OIDC", "oidc", region)
    body = json.dumps(
        {
            "grantType": "refresh_token",
            "clientId": cached["clientId"],
            "clientSecret": cached["clientSecret"],
            "refreshToken": cached["refreshToken"],
        }
    ).encode("utf-8")
    try:
        status, answer = where.send(
            "POST",
            f"{endpoint.rstrip('/')}/token",
            {"Content-Type": "application/json"},
            body,
        )
        if status != 200:
            return None
        data = json.loads(answer.decode("utf-8"))
        expires = _utcnow() + datetime.timedelta(seconds=int(data["expiresIn"]))
        fresh = {
            "startUrl": session["sso_start_url"],
            "region": region,
            "accessToken": str(data["accessToken"]),
            "expiresAt": expires.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "clientId": cached["clientId"],
            "clientSecret": cached["clientSecret"],
            "registrationExpiresAt": cached["registrationExpiresAt"],
            "refreshToken": str(data.get("refreshToken", cached["refreshToken"])),
        }
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return fresh


def _write_json_atomically(path: str, data: Mapping[str, Any]) -> None:
    import json
    import tempfile

    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        os.replace(temporary, path)
    except OSError:
        pass  # the renewed token still serves this process


def _sso_role_credentials(
    where: _Endpoints, settings: Mapping[str, Any], token: str
) -> TemporaryCredentials:
    import json
    from urllib.parse import urlencode

    region = str(settings["sso_region"])
    endpoint = where.url("SSO", "portal.sso", region)
    query = urlencode(
        {
            "role_name": str(settings["sso_role_name"]),
            "account_id": str(settings["sso_account_id"]),
        }
    )
    url = f"{endpoint.rstrip('/')}/federation/credentials?{query}"
    try:
        status, body = where.send("GET", url, {"x-amz-sso_bearer_token": token})
    except OSError as error:
        raise CredentialRetrievalError(
            f"sso: GetRoleCredentials failed: {type(error).__name__}"
        ) from None
    if status == 401 or status == 403:
        raise CredentialRetrievalError(
            "sso: the SSO session has expired or is invalid: run aws sso login"
        )
    try:
        data = json.loads(body.decode("utf-8"))["roleCredentials"]
        return TemporaryCredentials(
            str(data["accessKeyId"]),
            str(data["secretAccessKey"]),
            str(data["sessionToken"]),
            datetime.datetime.fromtimestamp(
                int(data["expiration"]) / 1000, datetime.UTC
            ),
        )
    except (ValueError, KeyError, TypeError):
        raise CredentialRetrievalError(
            f"sso: GetRoleCredentials returned HTTP {status} without credentials"
        ) from None
