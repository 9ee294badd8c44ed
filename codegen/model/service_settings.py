"""What the pages never state about a service (protocol, JSON version, target prefix,
signing name, endpoint prefix, default endpoints, package name).

Precedence, per setting: ``codegen.toml``; else the AWS service table the generator
ships (``codegen.model.aws_services``, keyed by the service uid); else a default (the
protocol inferred from the Request Syntax blocks, JSON 1.1, names from the uid). A JSON
service whose target prefix comes from neither is an error: its client could not call
AWS. ``ServiceConfig.origins`` records where each value came from."""

from __future__ import annotations

import keyword
import re
from collections.abc import Mapping
from typing import Any

from ..config import SpecConfig
from ..errors import Diagnostics, Slip
from ..parse import Page, syntax
from . import ServiceConfig, SourceLocation, aws_services

CONFIG_ORIGIN = "codegen.toml"
UNSUPPORTED = "unsupported"
"""What ``service_protocol`` returns for a protocol the client cannot speak (an error)."""


def api_version(uid: str) -> str:
    match = re.search(r"(\d{4}-\d{2}-\d{2})$", uid)
    return match.group(1) if match else ""


def table_entry(
    uid: str, name: str, config: SpecConfig, pages: list[Page], diagnostics: Diagnostics
) -> Mapping[str, Any] | None:
    """The AWS service table's entry for the service: by its uid, else, where codegen.toml
    does not speak for the uid, the entry its name and API version point to (a located
    warning says which); ``None`` for a service AWS does not have."""
    entry = aws_services.lookup(uid)
    if entry is not None or uid in config.services:
        return entry
    found = aws_services.lookup_by_name(uid, name)
    if found is None:
        return None
    key, entry = found
    location = pages[0].source if pages else SourceLocation(config.source, 1)
    diagnostics.slip(
        location,
        Slip(
            "service-uid-unknown",
            f"the pages' service uid {uid} is not in the AWS service table "
            f"({aws_services.source()}); its settings are taken from {key} "
            f"({entry.get('service_id')!s}: the same API version, every word of its name "
            f"in {name!r})",
        ),
    )
    return entry


def service_protocol(
    entry: Mapping[str, Any] | None,
    pages: list[Page],
    settings: Mapping[str, str],
    diagnostics: Diagnostics,
) -> str:
    """``codegen.toml``'s protocol, else the AWS table's (``entry``), else what the Request
    Syntax blocks show: HTTP request lines (REST) or JSON skeletons. Where the pages show
    both, most of them decide, with a warning at the first page that disagrees."""
    if "protocol" in settings:
        return settings["protocol"]
    known = aws_services.protocol(entry) if entry is not None else None
    if known is not None:
        return known
    if entry is not None:
        # An AWS service of another protocol (S3's REST-XML, STS's query): a JSON client,
        # whatever its pages look like, would send what the service does not read.
        spoken = ", ".join(entry.get("protocols", ())) or "no protocol"
        location = pages[0].source if pages else SourceLocation(CONFIG_ORIGIN, 1)
        diagnostics.error(
            location,
            f"the AWS service table ({aws_services.source()}) says {entry.get('service')} "
            f"speaks {spoken}; the generated client speaks JSON 1.0/1.1 and REST-JSON only, so no "
            "correct client can be generated for it",
        )
        return UNSUPPORTED
    rest: list[Page] = []
    json: list[Page] = []
    for page in pages:
        section = page.section("Request Syntax")
        if section and section.blocks:
            is_rest = syntax.request_line(section.blocks[0].text) is not None
            (rest if is_rest else json).append(page)
    chosen, others = (rest, json) if len(rest) >= len(json) else (json, rest)
    protocol = "rest-json" if chosen is rest and rest else "json"
    if rest and json:
        diagnostics.slip(
            others[0].source,
            Slip(
                "protocol-mixed",
                f"{len(rest)} operation pages show HTTP request lines and {len(json)} JSON "
                f"bodies only; the service is read as {protocol}, as most of its pages show",
            ),
        )
    return protocol


def service_config(
    uid: str,
    name: str,
    protocol: str,
    config: SpecConfig,
    diagnostics: Diagnostics,
    pages: list[Page],
    entry: Mapping[str, Any] | None = None,
) -> ServiceConfig:
    """Each setting from ``codegen.toml``, else the AWS service table (``entry``, from
    ``table_entry``; by default the uid's), else its default; ``protocol`` is the one
    ``service_protocol`` read (from the settings or the pages)."""
    settings = config.services.get(uid, {})
    sdk_id = re.sub(r"-\d{4}-\d{2}-\d{2}$", "", uid)
    location = pages[0].source if pages else SourceLocation(config.source, 1)
    if protocol not in ("json", "rest-json", UNSUPPORTED):
        diagnostics.error(
            SourceLocation(config.source, 1),
            f"services.{uid}.protocol: expected 'json' or 'rest-json', got {protocol!r}",
        )
        protocol = "json"
    if entry is None:
        entry = aws_services.lookup(uid)
    table = dict(entry or {})
    table_protocol = aws_services.protocol(entry) if entry is not None else None
    if table_protocol is not None:
        table["protocol"] = table_protocol
    else:
        table.pop("protocol", None)
    origins: dict[str, str] = {}

    def pick(setting: str, default: str | None, default_origin: str = "default") -> str | None:
        if setting in settings:
            origins[setting] = CONFIG_ORIGIN
            return settings[setting]
        if setting in table:
            origins[setting] = aws_services.origin()
            return str(table[setting])
        if default is not None:
            origins[setting] = default_origin
        return default

    package = settings.get("package") or default_package_name(name, sdk_id)
    origins["package"] = CONFIG_ORIGIN if "package" in settings else "default"
    chosen = pick("protocol", protocol, "inferred from the pages")
    target_prefix = pick("target_prefix", None)
    endpoint_prefix = pick("endpoint_prefix", sdk_id) or sdk_id
    if chosen == "json" and target_prefix is None and protocol != UNSUPPORTED:
        known = "" if entry is None else " (the AWS service table knows it, but not its prefix)"
        diagnostics.error(
            location,
            f"service {uid}: no target_prefix: the AWS service table ({aws_services.source()}) "
            f"does not know this service uid{known}; add it to codegen.toml: "
            f'[services."{uid}"] target_prefix = "..." (the X-Amz-Target prefix, without '
            "the operation name)",
        )
    # An endpoint prefix codegen.toml sets otherwise than the table names the host: the
    # table's rules are for AWS's own host names.
    own_prefix = origins["endpoint_prefix"] == CONFIG_ORIGIN
    if entry is not None and own_prefix and entry.get("endpoint_prefix") != endpoint_prefix:
        rules_entry = None
    else:
        rules_entry = entry
    endpoints = aws_services.endpoints(rules_entry, endpoint_prefix)
    origins["endpoints"] = (
        aws_services.origin()
        if rules_entry is not None and "endpoint" in rules_entry
        else origins["endpoint_prefix"]
        + " endpoint prefix; partitions from the "
        + aws_services.origin()
    )
    return ServiceConfig(
        package=package,
        protocol="rest-json" if chosen == "rest-json" else "json",
        json_version=pick("json_version", "1.1") or "1.1",
        target_prefix=target_prefix,
        signing_name=pick("signing_name", *_default_signing_name(sdk_id, endpoint_prefix, origins)),
        endpoint_prefix=endpoint_prefix,
        endpoints=endpoints,
        service_id=str(table.get("service_id", "")),
        unsigned_payload=tuple(table.get("unsigned_payload", ())),
        origins=tuple(sorted(origins.items())),
    )


def _default_signing_name(
    sdk_id: str, endpoint_prefix: str, origins: Mapping[str, str]
) -> tuple[str, str]:
    """The signing name where neither codegen.toml nor the table gives one, and its origin:
    the endpoint prefix if either gave that (botocore signs with a model's endpoint prefix
    when it names no signing name: EventBridge's ``events``, Kinesis Video Signaling's
    ``kinesisvideo``), else the uid's service part after its last dot
    (``runtime.sagemaker`` -> ``sagemaker``)."""
    if origins["endpoint_prefix"] != "default":
        return endpoint_prefix, "the endpoint prefix (no signing name given)"
    return sdk_id.split(".")[-1], "default"


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
