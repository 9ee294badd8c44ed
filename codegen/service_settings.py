"""What the pages never state about a service (protocol, JSON version, target prefix,
signing name, endpoint prefix, package name): read from ``codegen.toml`` or defaulted."""

from __future__ import annotations

import keyword
import re
from collections.abc import Mapping

from . import syntax
from .config import SpecConfig
from .errors import Diagnostics
from .model import ServiceConfig, SourceLocation
from .parse import Page


def api_version(uid: str) -> str:
    match = re.search(r"(\d{4}-\d{2}-\d{2})$", uid)
    return match.group(1) if match else ""


def service_protocol(pages: list[Page], settings: Mapping[str, str]) -> str:
    if "protocol" in settings:
        return settings["protocol"]
    for page in pages:
        section = page.section("Request Syntax")
        if section and section.blocks and syntax.request_line(section.blocks[0].text):
            return "rest-json"
    return "json"


def service_config(
    uid: str,
    name: str,
    protocol: str,
    config: SpecConfig,
    diagnostics: Diagnostics,
    pages: list[Page],
) -> ServiceConfig:
    settings = config.services.get(uid, {})
    sdk_id = re.sub(r"-\d{4}-\d{2}-\d{2}$", "", uid)
    location = pages[0].source if pages else SourceLocation(config.source, 1)
    if protocol not in ("json", "rest-json"):
        diagnostics.error(
            SourceLocation(config.source, 1),
            f"services.{uid}.protocol: expected 'json' or 'rest-json', got {protocol!r}",
        )
        protocol = "json"
    if protocol == "json" and "target_prefix" not in settings:
        diagnostics.warning(
            location,
            f"service {uid}: no target_prefix in {config.source} "
            f'([services."{uid}"] target_prefix = "..."); the client cannot send requests '
            "without the X-Amz-Target prefix",
        )
    return ServiceConfig(
        package=settings.get("package") or default_package_name(name, sdk_id),
        protocol="rest-json" if protocol == "rest-json" else "json",
        json_version=settings.get("json_version", "1.1"),
        target_prefix=settings.get("target_prefix"),
        signing_name=settings.get("signing_name", sdk_id.split(".")[-1]),
        endpoint_prefix=settings.get("endpoint_prefix", sdk_id),
    )


def default_package_name(service_name: str, sdk_id: str) -> str:
    """``Amazon SageMaker Runtime`` -> ``sagemaker_runtime``; a keyword gets a ``_`` suffix."""
    if re.search(r"\d{4}-\d{2}-\d{2}$", service_name):
        service_name = sdk_id  # no index page named the service: its uid stands in
    words = [w for w in re.split(r"[^A-Za-z0-9]+", service_name) if w]
    words = [w for w in words if w not in ("Amazon", "AWS")]
    if words and words[-1] == "Service" and len(words) > 1:
        words = words[:-1]
    base = "_".join(w.lower() for w in words) or re.sub(r"[^a-z0-9]+", "_", sdk_id.lower())
    if not base or base[0].isdigit():
        base = f"service_{base}"
    return f"{base}_" if keyword.iskeyword(base) else base
