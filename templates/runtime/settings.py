"""Client configuration read as boto3 reads it: environment first, then the profile.

* ``endpoint_url`` (botocore's order): ``AWS_ENDPOINT_URL_<SERVICE>``, ``AWS_ENDPOINT_URL``,
  the service's entry in the profile's ``services`` section, the profile's
  ``endpoint_url``; none of them under ``AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`` /
  ``ignore_configured_endpoint_urls``. ``<SERVICE>`` is botocore's ``serviceId``
  upper-cased with spaces as underscores (``AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING``);
  the section holds ``application_auto_scaling =`` with an indented ``endpoint_url = ...``.
* ``use_fips_endpoint`` / ``use_dualstack_endpoint``: ``AWS_USE_FIPS_ENDPOINT`` /
  ``AWS_USE_DUALSTACK_ENDPOINT``, then the profile's keys (``true``, any case, is true).
* ``max_attempts``: ``AWS_MAX_ATTEMPTS``, then the profile's ``max_attempts`` (total
  attempts, as botocore's standard mode counts them); ``retry_mode``: ``AWS_RETRY_MODE``,
  then ``retry_mode`` (``standard``, the default, or ``adaptive``: standard plus a
  client-side rate limiter; ``legacy`` runs as standard).
* ``ca_bundle``: ``AWS_CA_BUNDLE``, then ``ca_bundle``; a client's ``verify=`` (``False``
  or a bundle path) wins, as in boto3.
* proxies: ``HTTPS_PROXY``/``HTTP_PROXY`` (either case) by the endpoint's scheme, except
  hosts ``NO_PROXY`` names; user and password in the proxy URL become
  ``Proxy-Authorization: Basic``; every request goes through a ``CONNECT`` tunnel.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import ConfigurationError
from .transport import HttpClientTransport

if TYPE_CHECKING:
    import http.client
    import ssl

    from .credentials_config import _Config
    from .proxy import Proxies
    from .transport import _Target

__all__ = [
    "ClientSettings",
    "ProxyTransport",
    "configured_endpoint",
    "resolve_settings",
    "variant_settings",
]


@dataclass(frozen=True)
class ClientSettings:
    """What the environment and the profile say about a client (None: not set)."""

    endpoint_url: str | None = None
    max_attempts: int | None = None
    retry_mode: str | None = None
    ca_bundle: str | None = None
    use_fips_endpoint: bool = False
    use_dualstack_endpoint: bool = False

    def endpoint_variant(
        self, use_fips: bool | None = None, use_dualstack: bool | None = None
    ) -> str:
        """``fips``, ``dualstack``, ``fips-dualstack`` or ``""``: what a client's arguments
        (when not None) or else these settings select."""
        fips = self.use_fips_endpoint if use_fips is None else use_fips
        dualstack = self.use_dualstack_endpoint if use_dualstack is None else use_dualstack
        return "-".join(name for name, on in (("fips", fips), ("dualstack", dualstack)) if on)

    def transport(
        self,
        verify: bool | str | None = None,
        environ: Mapping[str, str] | None = None,
        *,
        connect_timeout: float = 10.0,
    ) -> HttpClientTransport:
        """The default transport with this CA bundle (or ``verify``) and the proxies;
        ``connect_timeout`` bounds opening each connection (TCP, proxy tunnel, TLS)."""
        from .proxy import proxies_from

        context = ssl_context(verify, self.ca_bundle)
        proxies = proxies_from(os.environ if environ is None else environ)
        if proxies:
            return ProxyTransport(proxies, ssl_context=context, connect_timeout=connect_timeout)
        return HttpClientTransport(ssl_context=context, connect_timeout=connect_timeout)


def resolve_settings(
    profile: str | None = None, environ: Mapping[str, str] | None = None, service_id: str = ""
) -> ClientSettings:
    """Read the settings for ``profile`` (else ``AWS_DEFAULT_PROFILE``/``AWS_PROFILE``) of
    the service botocore calls ``service_id`` (empty: no per-service endpoint)."""
    from .credentials_config import _load_config

    env = os.environ if environ is None else environ
    name = profile or env.get("AWS_DEFAULT_PROFILE") or env.get("AWS_PROFILE") or "default"
    config = _load_config(env)
    section = config.profiles.get(name, {})  # as botocore's, with the credentials file's

    def setting(key: str, variable: str) -> str | None:
        if env.get(variable):
            return env[variable]
        value = section.get(key)
        return value if isinstance(value, str) and value else None

    return ClientSettings(
        configured_endpoint(env, config, name, service_id),
        _attempts(setting("max_attempts", "AWS_MAX_ATTEMPTS")),
        _mode(setting("retry_mode", "AWS_RETRY_MODE")),
        setting("ca_bundle", "AWS_CA_BUNDLE"),
        _flag(env, section, "use_fips_endpoint", "AWS_USE_FIPS_ENDPOINT"),
        _flag(env, section, "use_dualstack_endpoint", "AWS_USE_DUALSTACK_ENDPOINT"),
    )


def configured_endpoint(
    env: Mapping[str, str], config: _Config, profile: str, service_id: str
) -> str | None:
    """The endpoint configured for ``service_id`` as botocore's
    ``ConfiguredEndpointProvider`` finds it (order in the module docstring), else None."""
    section = config.profiles.get(profile, {})
    variable = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"
    if _flag(env, section, "ignore_configured_endpoint_urls", variable):
        return None
    key = service_id.replace(" ", "_").replace("-", "_")
    lookups: tuple[Callable[[], object], ...] = (
        lambda: env.get(f"AWS_ENDPOINT_URL_{key.upper()}") if key else None,
        lambda: env.get("AWS_ENDPOINT_URL"),
        # Read only when reached: a missing section is an error only then, as in botocore.
        lambda: _services_entry(config, section, key.lower()).get("endpoint_url") if key else None,
        lambda: section.get("endpoint_url"),
    )
    for lookup in lookups:
        value = lookup()
        if isinstance(value, str) and value:
            return value
    return None


def variant_settings(variant: str) -> str:
    """The settings that select ``variant``: ``use_fips_endpoint and ...``."""
    names = [f"use_{name}_endpoint" for name in ("fips", "dualstack") if name in variant]
    return " and ".join(names)


def _services_entry(config: _Config, section: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    if "services" not in section:
        return {}
    name = section["services"]
    services = config.services.get(str(name))
    if not services:
        # botocore's InvalidConfigError, raised only when the lookup reaches the section.
        raise ConfigurationError(
            f'the profile is configured to use the services section but the "{name}" '
            "services configuration does not exist"
        )
    entry = services.get(key)
    return entry if isinstance(entry, dict) else {}


def _flag(env: Mapping[str, str], section: Mapping[str, Any], key: str, variable: str) -> bool:
    """A boolean setting as botocore's ``ensure_boolean`` reads it: a variable that is set
    (even empty) wins over the profile."""
    value = env[variable] if variable in env else section.get(key)
    return isinstance(value, str) and value.lower() == "true"


def _attempts(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        attempts = int(text)
    except ValueError:
        raise ConfigurationError(f"max_attempts must be an integer, got {text!r}") from None
    if attempts < 1:
        raise ConfigurationError(f"max_attempts must be at least 1, got {attempts}")
    return attempts


def _mode(mode: str | None) -> str | None:
    if mode is not None and mode not in ("standard", "adaptive", "legacy"):
        raise ConfigurationError(f"retry_mode must be standard, adaptive or legacy, got {mode!r}")
    return mode


def ssl_context(verify: bool | str | None, ca_bundle: str | None) -> ssl.SSLContext | None:
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
        raise ConfigurationError(f"cannot load the CA bundle {bundle}: {error}") from None


class ProxyTransport(HttpClientTransport):
    """``HttpClientTransport`` whose connections go through an HTTP proxy's CONNECT tunnel."""

    def __init__(
        self,
        proxies: Proxies | Mapping[str, str],
        no_proxy: str = "",
        *,
        connect_timeout: float = 10.0,
        max_idle_per_host: int = 10,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        from .proxy import Proxies

        super().__init__(
            connect_timeout=connect_timeout,
            max_idle_per_host=max_idle_per_host,
            ssl_context=ssl_context,
        )
        self._proxies = proxies if isinstance(proxies, Proxies) else Proxies(proxies, no_proxy)

    def __repr__(self) -> str:  # proxy URLs may carry a password
        return f"{type(self).__name__}({self._proxies!r})"

    def _open(self, target: _Target, url: str) -> http.client.HTTPConnection:
        proxy = self._proxies.for_host(target.scheme, target.host)
        if proxy is None:
            return super()._open(target, url)
        import http.client
        import ssl

        from .errors import ConnectTimeoutError, EndpointConnectionError

        proxy_host, proxy_port, headers = proxy
        connection: http.client.HTTPConnection
        if target.scheme == "https":
            connection = http.client.HTTPSConnection(
                proxy_host,
                proxy_port,
                timeout=self._connect_timeout,
                context=self._ssl_context or ssl.create_default_context(),
            )
        else:
            connection = http.client.HTTPConnection(
                proxy_host, proxy_port, timeout=self._connect_timeout
            )
        connection.set_tunnel(target.host, target.port, headers=headers)
        where = f"{target.host}:{target.port} through the proxy {proxy_host}:{proxy_port}"
        try:
            connection.connect()
        except TimeoutError as exc:
            connection.close()
            raise ConnectTimeoutError(f"timed out connecting to {where}", url=url) from exc
        except OSError as exc:
            connection.close()
            raise EndpointConnectionError(f"could not connect to {where}: {exc}", url=url) from exc
        return connection
