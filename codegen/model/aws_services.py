"""The AWS service settings the generator ships: ``codegen/data/aws_services.json``.

Facts about AWS services that reference pages never state (wire protocol, JSON version,
``X-Amz-Target`` prefix, signing name, endpoint prefix, default endpoint per partition),
keyed by the service uid the pages' SDK links carry (``sagemaker-2017-07-24``). The table
is data built from botocore's models and endpoint rule sets by ``python -m
codegen.tools.aws_table`` (which records botocore's version and the date); the generator
only reads it. A botocore model without a ``uid`` is keyed ``<botocore service
name>-<apiVersion>`` (no current model lacks one).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import PartitionEndpoint, ServiceConfig

TABLE = Path(__file__).resolve().parents[1] / "data" / "aws_services.json"
PROTOCOLS = ("json", "rest-json")
"""The wire protocols the generated client speaks, in the table's terms."""


@functools.cache
def _table() -> Mapping[str, Any]:
    loaded: Mapping[str, Any] = json.loads(TABLE.read_text(encoding="utf-8"))
    return loaded


def source() -> str:
    """Where the table came from, e.g. ``botocore 1.43.11``."""
    return str(_table()["source"])


def origin() -> str:
    """How generated docs name a setting taken from the table."""
    return f"AWS service table ({source()})"


def lookup(uid: str) -> Mapping[str, Any] | None:
    """The table's entry for ``uid``, if AWS has such a service."""
    entry = _table()["services"].get(uid)
    return entry if isinstance(entry, Mapping) else None


def lookup_by_name(uid: str, name: str) -> tuple[str, Mapping[str, Any]] | None:
    """For a uid the table lacks, the entry of the same API version whose service id's
    words (two or more) all appear in the service's name or uid, with the most such words,
    and its key; ``None`` if there is none or two tie. Pages can spell a uid otherwise
    than botocore: Kinesis Video's ``kinesis-video-data-2017-09-30``, named "Amazon
    Kinesis Video Streams Media", is botocore's ``kinesis-video-media-2017-09-30``."""
    version = re.search(r"\d{4}-\d{2}-\d{2}$", uid)
    if version is None:
        return None
    evidence = _words(name) | _words(uid[: version.start()])
    best: list[str] = []
    size = 2  # a one-word service id is too little evidence: a sub-service's name holds it
    for key, entry in _table()["services"].items():
        if not key.endswith(version.group()):
            continue
        words = _words(str(entry.get("service_id", "")))
        if len(words) < size or not words <= evidence:
            continue
        if len(words) > size:
            best, size = [], len(words)
        best.append(key)
    if len(best) != 1:
        return None
    return best[0], _table()["services"][best[0]]


def _words(text: str) -> set[str]:
    """Lower-case words of a name, without the ones every service name may carry."""
    return {w for w in re.split(r"[^a-z0-9]+", text.lower()) if w} - {"amazon", "aws", "api"}


def protocol(entry: Mapping[str, Any]) -> str | None:
    """The first of the service's protocols that the generated client speaks."""
    return next((p for p in entry.get("protocols", ()) if p in PROTOCOLS), None)


def endpoints(
    entry: Mapping[str, Any] | None, endpoint_prefix: str
) -> tuple[PartitionEndpoint, ...]:
    """Default endpoint rules per partition: the table's for a known service (``entry``),
    else ``<endpoint_prefix>.<region>.<partition's DNS suffix>`` in every partition."""
    rules = entry.get("endpoint", {}) if entry is not None else {}
    default = rules.get("hostname") or f"{endpoint_prefix}.{{region}}.{{dnsSuffix}}"
    variants = entry.get("endpoint_variants", {}) if entry is not None else {}
    found = []
    for pid, partition in _table()["partitions"].items():
        hostname, signing_region, regions = _partition_rules(rules, pid, default)
        found.append(
            PartitionEndpoint(
                partition=pid,
                region_regex=partition["region_regex"],
                dns_suffix=partition["dns_suffix"],
                hostname=hostname,
                signing_region=signing_region,
                regions=regions,
                variants=tuple(
                    (name, *_partition_rules(variant, pid, variant["hostname"]))
                    for name, variant in sorted(variants.items())
                    if variant.get("hostname") and pid not in variant.get("unavailable", ())
                ),
            )
        )
    return tuple(found)


def _partition_rules(
    rules: Mapping[str, Any], pid: str, default: str
) -> tuple[str, str, tuple[tuple[str, str, str], ...]]:
    """Hostname, signing region and per-region exceptions of one partition."""
    own = rules.get("partitions", {}).get(pid, {})
    regions = tuple(
        (name, r.get("hostname", ""), r.get("signing_region", ""))
        for name, r in sorted(own.get("regions", {}).items())
    )
    return own.get("hostname", default), own.get("signing_region", "{region}"), regions


def endpoint_url(config: ServiceConfig, region: str) -> str:
    """The default endpoint of a service with ``config`` in ``region``, as the generated
    client computes it (a region of no known partition: the ``aws`` partition's)."""
    rules = config.endpoints
    rule = next((r for r in rules if re.match(r.region_regex, region)), None)
    rule = rule or next((r for r in rules if r.partition == "aws"), None)
    if rule is None:
        return f"https://{config.endpoint_prefix}.{region}.amazonaws.com"
    hostname = next((h for name, h, _ in rule.regions if name == region and h), rule.hostname)
    return "https://" + hostname.replace("{region}", region).replace("{dnsSuffix}", rule.dns_suffix)
