"""Local stand-ins on 127.0.0.1 for the services credentials come from.

* instance metadata (IMDS): the first path segment picks the behaviour: ``/v2/`` wants a
  token (PUT ``latest/api/token``) on every GET, ``/v1/`` refuses tokens (403) and serves
  without, ``/none/`` has no role (404 everywhere);
* container credentials: ``/creds/<id>`` answers keys derived from ``<id>``;
  ``/auth/<token>/<id>`` wants ``Authorization: <token>``; ``/fail`` answers 500;
* STS: AssumeRole and AssumeRoleWithWebIdentity (query protocol, XML), with credentials
  derived from what was asked (role, caller's access key, session name unless it is the
  SDK's timestamped default, external id, web identity token), so two clients asking the
  same thing get the same keys; a role ARN containing ``denied`` gets AccessDenied;
* the SSO portal's GetRoleCredentials (``/sso/federation/credentials``), keys derived from
  the role and account, for the bearer token ``SSOACCESSTOKEN`` only;
* SSO OIDC CreateToken (``/oidc/token``): the refresh token ``REFRESHME`` renews to
  ``SSOACCESSTOKEN``.

``Standins.calls`` counts requests per kind, for refresh tests.
"""

from __future__ import annotations

import hashlib
import json
import re
import ssl
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

FAR_EXPIRY = "2099-01-01T00:00:00Z"


def derived(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16].upper()


@dataclass
class Standins:
    base: str
    calls: Counter[str] = field(default_factory=Counter)
    expiry: str = FAR_EXPIRY
    """Expiration the IMDS, container and STS stand-ins report (tests may change it)."""

    @property
    def imds(self) -> str:
        return self.base

    @property
    def container(self) -> str:
        return self.base

    @property
    def sts(self) -> str:
        return self.base + "/sts"

    @property
    def sso(self) -> str:
        return self.base + "/sso"

    @property
    def oidc(self) -> str:
        return self.base + "/oidc"


def _handler(state: Standins) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _reply(self, status: int, body: str | bytes, content_type: str = "text/plain") -> None:
            data = body.encode() if isinstance(body, str) else body
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _body(self) -> bytes:
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        # -- IMDS ---------------------------------------------------------------------
        def do_PUT(self) -> None:
            self._body()
            mode, _, rest = self.path.lstrip("/").partition("/")
            if rest != "latest/api/token":
                return self._reply(404, "")
            state.calls[f"imds-token-{mode}"] += 1
            if mode == "v2":
                return self._reply(200, "IMDSTOKEN")
            return self._reply(403 if mode == "v1" else 404, "")

        def _imds(self, mode: str, rest: str) -> None:
            if mode == "v2" and self.headers.get("x-aws-ec2-metadata-token") != "IMDSTOKEN":
                return self._reply(401, "")
            if mode not in ("v1", "v2"):
                return self._reply(404, "")
            prefix = "latest/meta-data/iam/security-credentials/"
            if rest == prefix:
                return self._reply(200, "test-role")
            if rest == prefix + "test-role":
                state.calls["imds-credentials"] += 1
                body = {
                    "Code": "Success",
                    "Type": "AWS-HMAC",
                    "AccessKeyId": f"IMDS{mode.upper()}",
                    "SecretAccessKey": f"imds-secret-{mode}",
                    "Token": f"imds-token-{mode}",
                    "Expiration": state.expiry,
                    "LastUpdated": "2024-01-01T00:00:00Z",
                }
                return self._reply(200, json.dumps(body), "application/json")
            return self._reply(404, "")

        # -- container, SSO -----------------------------------------------------------
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            segments = parts.path.lstrip("/").split("/")
            if segments[0] in ("v1", "v2", "none"):
                return self._imds(segments[0], "/".join(segments[1:]))
            if segments[0] == "fail":
                state.calls["container-fail"] += 1
                return self._reply(500, "boom")
            if segments[0] == "auth":
                if self.headers.get("Authorization") != segments[1]:
                    return self._reply(401, "no")
                segments = ["creds", *segments[2:]]
            if segments[0] == "creds":
                state.calls["container"] += 1
                ident = segments[1]
                body = {
                    "AccessKeyId": f"CONT{ident.upper()}",
                    "SecretAccessKey": f"container-secret-{ident}",
                    "Token": f"container-token-{ident}",
                    "Expiration": state.expiry,
                }
                return self._reply(200, json.dumps(body), "application/json")
            if parts.path == "/sso/federation/credentials":
                state.calls["sso"] += 1
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                bearer = self.headers.get("x-amz-sso_bearer_token", "")
                if bearer != "SSOACCESSTOKEN":
                    body = {"message": "Session token not found or invalid"}
                    return self._reply(401, json.dumps(body), "application/json")
                key = derived("sso", query.get("role_name", ""), query.get("account_id", ""))
                credentials = {
                    "accessKeyId": f"ASIASSO{key}",
                    "secretAccessKey": f"sso-secret-{key}",
                    "sessionToken": f"sso-token-{key}",
                    "expiration": 4070908800000,
                }
                return self._reply(
                    200, json.dumps({"roleCredentials": credentials}), "application/json"
                )
            return self._reply(404, "")

        # -- STS ----------------------------------------------------------------------
        def do_POST(self) -> None:
            body = self._body()
            if self.path == "/oidc/token":
                return self._oidc(body)
            if not self.path.startswith("/sts"):
                return self._reply(404, "")
            form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
            action = form.get("Action", "")
            state.calls[f"sts-{action}"] += 1
            role = form.get("RoleArn", "")
            if "denied" in role:
                error = (
                    '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error>'
                    "<Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed</Message>"
                    "</Error><RequestId>r</RequestId></ErrorResponse>"
                )
                return self._reply(403, error, "text/xml")
            match = re.search(r"Credential=([^/]+)/", self.headers.get("Authorization", ""))
            caller = match.group(1) if match else "-"
            session = form.get("RoleSessionName", "")
            if session.startswith("botocore-session-"):
                session = "default"
            key = derived(
                action,
                role,
                caller,
                session,
                form.get("ExternalId", ""),
                form.get("DurationSeconds", ""),
                form.get("WebIdentityToken", ""),
            )
            xml = (
                f'<{action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/">'
                f"<{action}Result><Credentials>"
                f"<AccessKeyId>ASIA{key}</AccessKeyId>"
                f"<SecretAccessKey>sts-secret-{key}</SecretAccessKey>"
                f"<SessionToken>sts-token-{key}</SessionToken>"
                f"<Expiration>{state.expiry}</Expiration>"
                f"</Credentials><AssumedRoleUser><AssumedRoleId>AROA:{session}</AssumedRoleId>"
                f"<Arn>{role}</Arn></AssumedRoleUser></{action}Result>"
                "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
                f"</{action}Response>"
            )
            return self._reply(200, xml, "text/xml")

        def _oidc(self, body: bytes) -> None:
            state.calls["oidc"] += 1
            request = json.loads(body or b"{}")
            if (
                request.get("grantType") != "refresh_token"
                or request.get("refreshToken") != "REFRESHME"
            ):
                error = {"error": "invalid_grant", "error_description": "no"}
                return self._reply(400, json.dumps(error), "application/json")
            answer = {
                "accessToken": "SSOACCESSTOKEN",
                "expiresIn": 3600,
                "refreshToken": "REFRESHED",
                "tokenType": "Bearer",
            }
            return self._reply(200, json.dumps(answer), "application/json")

    return Handler


@contextmanager
def running_standins(tls: ssl.SSLContext | None = None) -> Iterator[Standins]:
    """The stand-ins on 127.0.0.1; with ``tls`` (a server context), over HTTPS."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(Standins("")))
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    scheme = "https" if tls is not None else "http"
    state = Standins(f"{scheme}://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(state)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
