"""Client configuration read as boto3 reads it: environment first, then the profile.

* ``endpoint_url``: ``AWS_ENDPOINT_URL``, then the profile's ``endpoint_url`` (none of
  them under ``AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`` / ``ignore_configured_endpoint_urls``).
  Per-service settings (``AWS_ENDPOINT_URL_<SERVICE>``, ``services`` sections) need the
  service's botocore ``serviceId``, which the generated package does not record yet.
* ``max_attempts``: ``AWS_MAX_ATTEMPTS``, then the profile's ``max_attempts`` (total
  attempts, as botocore's standard mode counts them); ``retry_mode``: ``AWS_RETRY_MODE``,
  then ``retry_mode``. The runtime retries in standard mode whatever the mode says.
* ``ca_bundle``: ``AWS_CA_BUNDLE``, then ``ca_bundle``; a client's ``verify=`` (``False``
  or a bundle path) wins, as in boto3.
* proxies: ``HTTPS_PROXY``/``HTTP_PROXY`` (either case) by the endpoint's scheme, except
  hosts ``NO_PROXY`` names; user and password in the proxy URL become
  ``Proxy-Authorization: Basic``; every request goes through a ``CONNECT`` tunnel.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import ConfigurationError
from .transport import HttpClientTransport

if TYPE_CHECKING:
    import http.client
    import ssl

    from .transport import _Target

__all__ = ["ClientSettings", "ProxyTransport", "resolve_settings"]


@dataclass(frozen=True)
class ClientSettings:
    """What the environment and the profile say about a client (None: not set)."""

    endpoint_url: str | None = None
    max_attempts: int | None = None
    retry_mode: str | None = None
    ca_bundle: str | None = None

    def transport(
        self,
        verify: bool | str | None = None,
        environ: Mapping[str, str] | None = None,
        *,
        connect_timeout: float = 10.0,
    ) -> HttpClientTransport:
        """The default transport with this CA bundle (or ``verify``) and the proxies;
        ``connect_timeout`` bounds opening each connection (TCP, proxy tunnel, TLS)."""
        context = ssl_context(verify, self.ca_bundle)
        env = os.environ if environ is None else environ
        proxies = {
            scheme: url
            for scheme in ("https", "http")
            if (url := env.get(f"{scheme}_proxy") or env.get(f"{scheme.upper()}_PROXY"))
        }
        no_proxy = env.get("no_proxy") or env.get("NO_PROXY") or ""
        if proxies:
            return ProxyTransport(
                proxies, no_proxy, ssl_context=context, connect_timeout=connect_timeout
            )
        return HttpClientTransport(ssl_context=context, connect_timeout=connect_timeout)


def resolve_settings(
    profile: str | None = None, environ: Mapping[str, str] | None = None
) -> ClientSettings:
    """Read the settings for ``profile`` (else ``AWS_DEFAULT_PROFILE``/``AWS_PROFILE``)."""
    from .credentials import _load_config

    env = os.environ if environ is None else environ
    name = (
        profile or env.get("AWS_DEFAULT_PROFILE") or env.get("AWS_PROFILE") or "default"
    )
    section = _load_config(env).config_profiles.get(name, {})

    def setting(key: str, variable: str) -> str | None:
        if env.get(variable):
            return env[variable]
        value = section.get(key)
        return value if isinstance(value, str) and value else None

    ignore = setting(
        "ignore_configured_endpoint_urls", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"
    )
    endpoint = None
    if str(ignore).lower() != "true":
        endpoint = setting("endpoint_url", "AWS_ENDPOINT_URL")
    attempts_text = setting("max_attempts", "AWS_MAX_ATTEMPTS")
    attempts = None
    if attempts_text is not None:
        try:
            attempts = int(attempts_text)
        except ValueError:
            raise ConfigurationError(
                f"max_attempts must be an integer, got {attempts_text!r}"
            )
        if attempts < 1:
            raise ConfigurationError(f"max_attempts must be at least 1, got {attempts}")
    mode = setting("retry_mode", "AWS_RETRY_MODE")
    if mode is not None and mode not in ("standard", "adaptive", "legacy"):
        raise ConfigurationError(
            f"retry_mode must be standard, adaptive or legacy, got {mode!r}"
        )
    return ClientSettings(
        endpoint, attempts, mode, setting("ca_bundle", "AWS_CA_BUNDLE")
    )


def ssl_context(
    verify: bool | str | None, ca_bundle: str | None
) -> ssl.SSLContext | None:
    """None (the system's default context) unless ``verify`` or the bundle says otherwise."""
    import ssl

    if verify is False:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return context
    bundle = verify if isinstance(verify, str) else ca_bundle
    if bundle is None:
        return None
    try:
        return ssl.create_default_context(cafile=os.path.expanduser(bundle))
    except (OSError, ssl.SSLError) as error:
        raise ConfigurationError(
            f"cannot load the CA bundle {bundle}: {error}"
        ) from None


class ProxyTransport(HttpClientTransport):
    """``HttpClientTransport`` whose connections go through an HTTP proxy's CONNECT tunnel."""

    def __init__(
        self,
        proxies: Mapping[str, str],
        no_proxy: str = "",
        *,
        connect_timeout: float = 10.0,
        max_idle_per_host: int = 10,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        super().__init__(
            connect_timeout=connect_timeout,
            max_idle_per_host=max_idle_per_host,
            ssl_context=ssl_context,
        )
        self._proxies = dict(proxies)
        self._no_proxy = [
            entry.strip().lower().lstrip(".")
            for entry in no_proxy.split(",")
            if entry.strip()
        ]

    def __repr__(self) -> str:  # proxy URLs may carry a password
        return f"{type(self).__name__}(schemes={sorted(self._proxies)})"

    def _bypass(self, host: str) -> bool:
        host = host.lower()
        for entry in self._no_proxy:
            if entry == "*" or host == entry or host.endswith("." + entry):
                return True
        return False

    def _open(self, target: _Target, url: str) -> http.client.HTTPConnection:
        proxy = self._proxies.get(target.scheme)
        if proxy is None or self._bypass(target.host):
            return super()._open(target, url)
        import base64
        import http.client
        import ssl
        from urllib.parse import unquote, urlsplit

        from .errors import ConnectTimeoutError, EndpointConnectionError

        parts = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
        if parts.scheme != "http" or not parts.hostname:
            raise ConfigurationError("only http:// proxies are supported")
        headers = {}
        if parts.username is not None:
            user_password = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
            encoded = base64.b64encode(user_password.encode("utf-8")).decode("ascii")
            headers["Proxy-Authorization"] = f"Basic {encoded}"
        connection: http.client.HTTPConnection
        if target.scheme == "https":
            connection = http.client.HTTPSConnection(
                parts.hostname,
                parts.port or 80,
                timeout=self._connect_timeout,
                context=self._ssl_context or ssl.create_default_context(),
            )
        else:
            connection = http.client.HTTPConnection(
                parts.hostname, parts.port or 80, timeout=self._connect_timeout
            )
        connection.set_tunnel(target.host, target.port, headers=headers)
        where = f"{target.host}:{target.port} through the proxy {parts.hostname}:{parts.port}"
        try:
            connection.connect()
        except TimeoutError as exc:
            connection.close()
            raise ConnectTimeoutError(
                f"timed out connecting to {where}", url=url
            ) from exc
        except OSError as exc:
            connection.close()
            raise EndpointConnectionError(
                f"could not connect to {where}: {exc}", url=url
            ) from exc
        return connection
