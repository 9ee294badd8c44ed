"""Build ``codegen/data/aws_services.json``, the AWS service settings the generator ships.

    python -m codegen.tools.aws_table            # rewrite the table from installed botocore
    python -m codegen.tools.aws_table --check    # exit 1 if the table is out of date

A developer tool: it imports botocore (a test dependency); the generator only reads the
JSON it writes (``codegen.model.aws_services``). For every service model in botocore's data
folder (every API version), keyed by the model's ``metadata.uid`` (or, for a model
without one, ``<botocore service name>-<apiVersion>``), it records:

- ``protocols``: the wire protocols botocore lists (``metadata.protocols``, else
  ``metadata.protocol``), in botocore's order of preference;
- ``json_version``, ``target_prefix``, ``signing_name``, ``endpoint_prefix``: from the
  model's metadata (the signing name: ``signingName``, else the endpoint rule set's
  ``sigv4`` auth scheme, else ``endpointPrefix``, as botocore signs);
- ``endpoint``: the default endpoint per partition, evaluated with botocore's endpoint
  rule set (``endpoint-rule-set-1.json.gz``) for every region of every partition in
  ``partitions.json``, with the inputs boto3 uses by default (no FIPS, no dual-stack,
  S3's legacy global endpoint in us-east-1, STS regional). Hostnames are stored as
  templates over ``{region}`` and ``{dnsSuffix}``: one for the service, one per partition
  where it differs, one per region where that differs; a ``signing_region`` where the
  rule set signs for another region than the caller's (global endpoints);
- ``endpoint_variants``: the same for ``fips``, ``dualstack`` and ``fips-dualstack``
  (``AWS::UseFIPS`` / ``AWS::UseDualStack`` set), so that ``use_fips_endpoint`` and
  ``use_dualstack_endpoint`` reach the hosts botocore reaches; a partition where the rule
  set has no such endpoint is listed in the variant's ``unavailable``;
- ``service_id``: botocore's ``metadata.serviceId``, which names the service in
  ``AWS_ENDPOINT_URL_<SERVICE>`` and in the config file's ``services`` sections;
- ``unsigned_payload``: the operations whose body botocore does not sign over HTTPS
  (``authtype: v4-unsigned-body`` or ``unsignedPayload``), where there are any.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

TABLE = Path(__file__).resolve().parent.parent / "data" / "aws_services.json"

# Builtins the rule sets read besides the region, set as boto3 sets them by default.
_BUILTIN_DEFAULTS: dict[str, Any] = {
    "AWS::UseFIPS": False,
    "AWS::UseDualStack": False,
    "AWS::STS::UseGlobalEndpoint": False,  # sts_regional_endpoints = "regional"
}
_S3_GLOBAL = "AWS::S3::UseGlobalEndpoint"  # us_east_1_regional_endpoint = "legacy"
VARIANTS: dict[str, dict[str, Any]] = {
    "fips": {"AWS::UseFIPS": True},
    "dualstack": {"AWS::UseDualStack": True},
    "fips-dualstack": {"AWS::UseFIPS": True, "AWS::UseDualStack": True},
}
"""Endpoint variants by the builtins that select them."""


def build_table() -> dict[str, Any]:
    import botocore  # type: ignore[import-untyped]
    from botocore.endpoint_provider import EndpointProvider  # type: ignore[import-untyped]
    from botocore.exceptions import (  # type: ignore[import-untyped]
        EndpointProviderError as EndpointError,
    )

    data = Path(botocore.__file__).resolve().parent / "data"
    partitions_data = json.loads((data / "partitions.json").read_text(encoding="utf-8"))
    partitions = _partitions(partitions_data)
    services: dict[str, Any] = {}
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        versions = sorted(v for v in folder.iterdir() if (v / "service-2.json.gz").is_file())
        rules = next(
            (
                v / "endpoint-rule-set-1.json.gz"
                for v in reversed(versions)
                if (v / "endpoint-rule-set-1.json.gz").is_file()
            ),
            None,
        )
        provider = params = None
        if rules is not None:
            ruleset = _load(rules)
            provider, params = EndpointProvider(ruleset, partitions_data), ruleset["parameters"]
        for version in versions:
            model = _load(version / "service-2.json.gz")
            metadata = model["metadata"]
            uid = table_key(folder.name, metadata)
            entry = _settings(folder.name, metadata)
            unsigned = sorted(
                name
                for name, operation in model.get("operations", {}).items()
                if operation.get("authtype") == "v4-unsigned-body"
                or operation.get("unsignedPayload")
            )
            if unsigned:
                entry["unsigned_payload"] = unsigned
            if provider is not None and params is not None:
                endpoint, signing = _endpoints(provider, params, partitions, EndpointError)
                if signing and "signingName" not in metadata:
                    entry["signing_name"] = signing
                entry["endpoint"] = endpoint
                entry["endpoint_variants"] = {
                    name: _endpoints(provider, params, partitions, EndpointError, builtins)[0]
                    for name, builtins in VARIANTS.items()
                }
            services[uid] = entry
    return {
        "source": f"botocore {botocore.__version__}",
        "date": datetime.date.today().isoformat(),
        "partitions": partitions,
        "services": dict(sorted(services.items())),
    }


def table_key(service: str, metadata: dict[str, Any]) -> str:
    """The model's ``uid`` (what the pages' SDK links carry); a model without one is keyed
    ``<botocore service name>-<apiVersion>``."""
    uid = metadata.get("uid")
    return str(uid) if uid else f"{service}-{metadata['apiVersion']}"


def _load(path: Path) -> Any:
    return json.loads(gzip.decompress(path.read_bytes()))


def _partitions(data: dict[str, Any]) -> dict[str, Any]:
    import re

    out = {}
    for partition in data["partitions"]:
        regex = partition["regionRegex"]
        out[partition["id"]] = {
            "region_regex": regex,
            "dns_suffix": partition["outputs"]["dnsSuffix"],
            "regions": sorted(r for r in partition["regions"] if re.match(regex, r)),
        }
    return out


def _settings(name: str, metadata: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "service": name,
        "protocols": metadata.get("protocols") or [metadata["protocol"]],
        "endpoint_prefix": metadata["endpointPrefix"],
        "service_id": metadata.get("serviceId", ""),
    }
    for key, out in (
        ("jsonVersion", "json_version"),
        ("targetPrefix", "target_prefix"),
        ("signingName", "signing_name"),
    ):
        if key in metadata:
            entry[out] = metadata[key]
    return entry


def _endpoints(
    provider: Any,
    params: dict[str, Any],
    partitions: dict[str, Any],
    error: type[Exception],
    variant: dict[str, Any] | None = None,
) -> tuple[dict[str, Any], str]:
    """Hostname templates per partition and region, and the rule set's signing name;
    ``variant`` overrides builtins (FIPS, dual-stack)."""
    builtins = {**_BUILTIN_DEFAULTS, **(variant or {})}
    by_partition: dict[str, dict[str, tuple[str, str]]] = {}
    signing_names: Counter[str] = Counter()
    for pid, partition in partitions.items():
        for region in partition["regions"]:
            kwargs: dict[str, Any] = {}
            for name, spec in params.items():
                builtin = spec.get("builtIn")
                if builtin == "AWS::Region":
                    kwargs[name] = region
                elif builtin == _S3_GLOBAL:
                    kwargs[name] = region == "us-east-1"
                elif builtin in builtins:
                    kwargs[name] = builtins[builtin]
            try:
                resolved = provider.resolve_endpoint(**kwargs)
            except error:
                continue  # the partition has no endpoint for this service in this region
            url: str = resolved.url
            host = url.split("://", 1)[1].rstrip("/")
            template = _template(host, region, partition["dns_suffix"])
            signing_region = "{region}"
            for scheme in resolved.properties.get("authSchemes", []):
                if scheme.get("name") == "sigv4":
                    if scheme.get("signingRegion", region) != region:
                        signing_region = scheme["signingRegion"]
                    if scheme.get("signingName"):
                        signing_names[scheme["signingName"]] += 1
            by_partition.setdefault(pid, {})[region] = (template, signing_region)
    result: dict[str, Any] = {}
    per_partition: dict[str, str] = {}
    for pid, regions in by_partition.items():
        hosts = Counter(t for t, _ in regions.values())
        signs = Counter(s for _, s in regions.values())
        template, signing = hosts.most_common(1)[0][0], signs.most_common(1)[0][0]
        per_partition[pid] = template
        part: dict[str, Any] = {}
        if signing != "{region}":
            part["signing_region"] = signing
        exceptions: dict[str, Any] = {}
        for region, (host, sign) in sorted(regions.items()):
            differs = {}
            if host.replace("{region}", region) != template.replace("{region}", region):
                differs["hostname"] = host
            if sign.replace("{region}", region) != signing.replace("{region}", region):
                differs["signing_region"] = sign
            if differs:
                exceptions[region] = differs
        if exceptions:
            part["regions"] = exceptions
        if part:
            result.setdefault("partitions", {})[pid] = part
    if per_partition:
        default = Counter(per_partition.values()).most_common(1)[0][0]
        result["hostname"] = default
        for pid, template in per_partition.items():
            if template != default:
                result.setdefault("partitions", {}).setdefault(pid, {})["hostname"] = template
    if "partitions" in result:
        result["partitions"] = {
            pid: dict(sorted(part.items())) for pid, part in sorted(result["partitions"].items())
        }
    missing = sorted(set(partitions) - set(by_partition))
    if missing and per_partition:
        result["unavailable"] = missing
    signing_name = signing_names.most_common(1)[0][0] if signing_names else ""
    return dict(sorted(result.items())), signing_name


def _template(host: str, region: str, dns_suffix: str) -> str:
    if host.endswith("." + dns_suffix):
        host = host[: -len(dns_suffix)] + "{dnsSuffix}"
    labels = host.split(".")
    return ".".join("{region}" if label == region else label for label in labels)


def render(table: dict[str, Any]) -> str:
    """JSON with one line per service (and per partition): small, and diffs stay readable."""

    def line(value: Any) -> str:
        return json.dumps(value, ensure_ascii=True, sort_keys=True)

    parts = [f"{json.dumps(k)}: {line(table[k])}" for k in ("source", "date")]
    for key in ("partitions", "services"):
        rows = [f"  {json.dumps(name)}: {line(v)}" for name, v in table[key].items()]
        parts.append(f"{json.dumps(key)}: {{\n" + ",\n".join(rows) + "\n }")
    return "{\n " + ",\n ".join(parts) + "\n}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen.tools.aws_table", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if the table would change")
    parser.add_argument("-o", "--output", type=Path, default=TABLE)
    args = parser.parse_args(argv)
    table = build_table()
    if args.check:
        current = json.loads(args.output.read_text(encoding="utf-8"))
        table["date"] = current.get("date")
        if current != table:
            print(f"{args.output} is out of date: run python -m codegen.tools.aws_table")
            return 1
        return 0
    args.output.write_text(render(table), encoding="utf-8")
    print(f"wrote {args.output}: {len(table['services'])} services from {table['source']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
