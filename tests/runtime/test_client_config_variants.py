"""Default, FIPS and dual-stack endpoints from the AWS table against botocore's endpoint
rule sets, for every service, region and variant; and the error that names the setting."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest


def test_variant_endpoints_reproduce_botocore_rule_sets_for_every_service(mini: Any) -> None:
    """For every service with a rule set, every region of every partition and each of
    FIPS, dual-stack and both: the table read by ``default_endpoint`` gives the URL and
    signing region botocore's rule set gives, or an error where the rule set has none."""
    import dataclasses
    import gzip

    import botocore
    from botocore.endpoint_provider import EndpointProvider
    from botocore.exceptions import EndpointProviderError

    from codegen.model import aws_services

    if aws_services.source() != f"botocore {botocore.__version__}":
        pytest.skip(f"table from {aws_services.source()}, botocore {botocore.__version__}")
    errors = _errors_module()
    data = Path(botocore.__file__).resolve().parent / "data"
    partitions = json.loads((data / "partitions.json").read_text("utf-8"))
    table = json.loads(aws_services.TABLE.read_text("utf-8"))
    flags = {
        "": (False, False),
        "fips": (True, False),
        "dualstack": (False, True),
        "fips-dualstack": (True, True),
    }
    compared, wrong = 0, []
    for uid, entry in table["services"].items():
        rules = sorted((data / entry["service"]).glob("*/endpoint-rule-set-1.json.gz"))
        if not rules or "endpoint" not in entry:
            continue
        ruleset = json.loads(gzip.decompress(rules[-1].read_bytes()))
        provider = EndpointProvider(ruleset, partitions)
        endpoints = aws_services.endpoints(entry, entry["endpoint_prefix"])
        info = mini.ServiceInfo(
            protocol="json",
            signing_name="x",
            endpoint_prefix=entry["endpoint_prefix"],
            endpoints=tuple(mini.PartitionEndpoint(**dataclasses.asdict(e)) for e in endpoints),
        )
        for partition in table["partitions"].values():
            for region in partition["regions"]:
                for variant, (fips, dualstack) in flags.items():
                    params = _rule_set_params(ruleset, region, fips, dualstack)
                    try:
                        theirs: Any = _resolved(provider.resolve_endpoint(**params), region)
                    except EndpointProviderError:
                        if not variant:
                            continue  # no default here: the client's is a documented fallback
                        theirs = "error"
                    try:
                        ours: Any = mini.default_endpoint(info, region, variant)
                    except errors.ConfigurationError:
                        ours = "error"
                    compared += 1
                    if ours != theirs:
                        wrong.append(f"{uid} {region} {variant}: ours {ours}, botocore {theirs}")
    print(f"\n(service, region, variant) endpoints compared with botocore's rule sets: {compared}")
    assert not wrong, "\n".join(wrong[:50])
    assert compared > 40_000


def _errors_module() -> Any:
    import importlib

    return importlib.import_module("mini._runtime.errors")


def _rule_set_params(
    ruleset: dict[str, Any], region: str, fips: bool, dualstack: bool
) -> dict[str, Any]:
    values = {
        "AWS::Region": region,
        "AWS::UseFIPS": fips,
        "AWS::UseDualStack": dualstack,
        "AWS::S3::UseGlobalEndpoint": region == "us-east-1",
        "AWS::STS::UseGlobalEndpoint": False,
    }
    return {
        name: values[spec["builtIn"]]
        for name, spec in ruleset["parameters"].items()
        if spec.get("builtIn") in values
    }


def _resolved(endpoint: Any, region: str) -> tuple[str, str]:
    signing = region
    for scheme in endpoint.properties.get("authSchemes", []):
        if scheme.get("name") == "sigv4":
            signing = scheme.get("signingRegion", region)
    return endpoint.url.rstrip("/"), signing


def test_an_unknown_variant_names_the_setting(mini: Any) -> None:
    errors = _errors_module()
    info = mini.ServiceInfo(protocol="json", signing_name="x", endpoint_prefix="thing")
    with pytest.raises(errors.ConfigurationError, match="use_fips_endpoint and use_dualstack"):
        mini.default_endpoint(info, "us-east-1", "fips-dualstack")
    with pytest.raises(errors.ConfigurationError, match="^use_dualstack_endpoint: no dualstack"):
        mini.default_endpoint(info, "us-east-1", "dualstack")
