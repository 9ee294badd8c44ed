"""HTTP proxies as botocore reads them, for both transports: ``HTTPS_PROXY`` /
``HTTP_PROXY`` (either case) per scheme, ``NO_PROXY`` hosts and domains that bypass them,
user and password in the proxy URL sent as ``Proxy-Authorization: Basic``. Every request
through a proxy goes through a ``CONNECT`` tunnel.

Generated code; standard library only.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from urllib.parse import unquote, urlsplit

from .errors import ConfigurationError

__all__ = ["Proxies", "proxies_from"]


class Proxies:
    """The proxy of each scheme and the hosts that bypass them."""

    def __init__(self, proxies: Mapping[str, str], no_proxy: str = "") -> None:
        self._proxies = dict(proxies)
        self._bypassed = [
            entry.strip().lower().lstrip(".") for entry in no_proxy.split(",") if entry.strip()
        ]

    def __repr__(self) -> str:  # proxy URLs may carry a password
        return f"{type(self).__name__}(schemes={sorted(self._proxies)})"

    def __bool__(self) -> bool:
        return bool(self._proxies)

    def for_host(self, scheme: str, host: str) -> tuple[str, int, dict[str, str]] | None:
        """(proxy host, port, CONNECT headers) for a request to ``host``; None: direct."""
        proxy = self._proxies.get(scheme)
        if proxy is None or self._bypasses(host):
            return None
        parts = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
        if parts.scheme != "http" or not parts.hostname:
            raise ConfigurationError("only http:// proxies are supported")
        headers = {}
        if parts.username is not None:
            user_password = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
            encoded = base64.b64encode(user_password.encode("utf-8")).decode("ascii")
            headers["Proxy-Authorization"] = f"Basic {encoded}"
        return parts.hostname, parts.port or 80, headers

    def _bypasses(self, host: str) -> bool:
        host = host.lower()
        return any(
            entry == "*" or host == entry or host.endswith("." + entry) for entry in self._bypassed
        )


def proxies_from(env: Mapping[str, str]) -> Proxies:
    """The proxies the environment names (lower-case names first, as botocore)."""
    proxies = {
        scheme: url
        for scheme in ("https", "http")
        if (url := env.get(f"{scheme}_proxy") or env.get(f"{scheme.upper()}_PROXY"))
    }
    return Proxies(proxies, env.get("no_proxy") or env.get("NO_PROXY") or "")
